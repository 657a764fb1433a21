"""``python -m piigov.evaluation.bench``: detector throughput against a naive baseline, and rescan cost.

All detection runs in one process use the same documents and the same Detector, so the figures
are comparable within a run:

* **baseline**: the Detector's own Presidio ``AnalyzerEngine`` (same recognizers, same NLP engine,
  same context enhancer) called with ``analyze(text, language=...)`` once per document, no batching:
  Presidio's ``PatternRecognizer`` runs every pattern over the whole text and spaCy's own ``ner``
  component decodes the model (on the same windows);
* **stock** (information): the same recognizer registry in a fresh ``AnalyzerEngine`` with Presidio's
  stock ``SpacyNlpEngine`` around the same spaCy pipeline and the default context enhancer -- what a
  plain Presidio setup costs;
* **full**: ``Detector.detect_many`` over the documents: ``nlp.pipe`` batches, the model decoded by
  ``piigov.detection.greedy_ner`` and pattern recognizers tried only where a match can start
  (``piigov.detection.prefilter``); the same detections as the baseline after overlap resolution;
* **workers**: ``detect_many`` in N worker processes (one Detector each), documents split in chunks.

Throughput per core is text MB (UTF-8) per CPU second of the measuring process(es); it does not
depend on how busy the (shared) machine is. Wall-clock figures are printed next to it. The
corpus is ned.testa (CoNLL-2002) documents, the extracted texts of a generated demo share and,
to reach ``--max-mb``, ned.train documents; it is shrunk when a calibration run predicts that the
detection passes would exceed ``--budget`` seconds.

**Rescan cost**: ``piigov.pipeline.scan`` twice on a generated demo share with a temporary
``PIIGOV_HOME``/``PIIGOV_DB_URL``; ``LocalFolderSource.read`` is wrapped to count reads, and the
rescan must read nothing (exit status 1 otherwise).

JSON goes to ``$PIIGOV_HOME/reports/bench.json`` (or ``--json``); it holds figures only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from piigov.detection import Detector

TARGET_RATIO = 5.0  # full detector vs baseline, CPU time
TARGET_MB_PER_CORE = 0.5  # MB of text per CPU second
DEFAULT_MAX_MB = 2.0
DEFAULT_BUDGET_SECONDS = 120.0
EXTRACTION_FILES_PER_FOLDER = 24
RESCAN_FILES_PER_FOLDER = 6
DEMO_SEED = 2023
_MB = 1_000_000


def _mb(texts: Sequence[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / _MB


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


@dataclass
class Pass:
    """One timed detection pass over the corpus."""

    name: str
    documents: int
    megabytes: float
    wall: float
    cpu: float
    detections: int
    cores: int = 1
    note: str = ""

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.wall if self.wall else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.wall if self.wall else 0.0

    @property
    def mb_per_cpu_s(self) -> float:
        return self.megabytes / self.cpu if self.cpu else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "megabytes": round(self.megabytes, 4),
            "wall_seconds": round(self.wall, 3),
            "cpu_seconds": round(self.cpu, 3),
            "processes": self.cores,
            "docs_per_s": round(self.docs_per_s, 1),
            "mb_per_s": round(self.mb_per_s, 4),
            "mb_per_s_per_core": round(self.mb_per_cpu_s, 4),
            "detections": self.detections,
            "note": self.note,
        }


@dataclass
class Corpus:
    texts: list[str] = field(default_factory=list)
    parts: dict[str, int] = field(default_factory=dict)  # source -> documents

    def add(self, name: str, texts: Sequence[str]) -> None:
        self.texts.extend(texts)
        self.parts[name] = self.parts.get(name, 0) + len(texts)


def _timed(name: str, texts: Sequence[str], run: Callable[[], int], note: str = "") -> Pass:
    cpu, wall = time.process_time(), time.perf_counter()
    detections = run()
    return Pass(
        name,
        len(texts),
        _mb(texts),
        time.perf_counter() - wall,
        time.process_time() - cpu,
        detections,
        note=note,
    )


# --- corpus and extraction ---------------------------------------------------------------------


def measure_extraction(
    root: Path, files_per_folder: int, repeats: int = 3
) -> tuple[list[str], dict[str, Any]]:
    """Generate a demo share, extract every file ``repeats`` times; (texts, figures of the best run)."""
    from piigov.demo import generate_demo
    from piigov.extraction import UnreadableItem, extract_text

    manifest = generate_demo(root, seed=DEMO_SEED, files_per_folder=files_per_folder)
    share = Path(manifest.share_root)
    blobs = [(f.path, (share / f.path).read_bytes()) for f in manifest.files]
    best = float("inf")
    texts: list[str] = []
    unreadable = 0
    for _ in range(repeats):
        texts, unreadable = [], 0
        started = time.process_time()
        for name, data in blobs:
            try:
                texts.append(extract_text(name, data).text)
            except UnreadableItem:
                unreadable += 1
        best = min(best, time.process_time() - started)
    input_mb = sum(len(d) for _, d in blobs) / _MB
    return texts, {
        "files": len(blobs),
        "unreadable": unreadable,
        "input_mb": round(input_mb, 4),
        "text_mb": round(_mb(texts), 4),
        "cpu_seconds": round(best, 3),
        "input_mb_per_s_per_core": round(input_mb / best, 3) if best else None,
        "files_per_s": round(len(blobs) / best, 1) if best else None,
        "repeats": repeats,
    }


def _conll_texts(split: str) -> list[str]:
    from piigov.evaluation import conll

    try:
        return [d.text for d in conll.load_documents(split)]
    except FileNotFoundError as exc:
        print(f"  ({exc}; continuing without it)")
        return []


def build_corpus(demo_texts: Sequence[str], max_mb: float) -> Corpus:
    corpus = Corpus()
    corpus.add("conll ned.testa", _conll_texts("ned.testa"))
    corpus.add("demo share (extracted)", [t for t in demo_texts if t.strip()])
    filler = _conll_texts("ned.train")
    size = _mb(corpus.texts)
    taken = []
    for text in filler:
        if size >= max_mb:
            break
        taken.append(text)
        size += len(text.encode("utf-8")) / _MB
    corpus.add("conll ned.train (filler)", taken)
    return corpus


def shrink(texts: list[str], max_mb: float) -> list[str]:
    """The first documents up to ``max_mb``, spread over the corpus parts by taking every k-th one."""
    total = _mb(texts)
    if total <= max_mb:
        return texts
    step = total / max_mb
    picked = [texts[int(i * step)] for i in range(int(len(texts) / step))]
    return picked or texts[:1]


# --- detection passes --------------------------------------------------------------------------


def _analyzer(detector: Detector) -> Any:
    analyzer = getattr(detector, "_analyzer", None)
    if analyzer is None:
        raise RuntimeError("Detector has no _analyzer attribute: update piigov.evaluation.bench")
    return analyzer


def baseline_pass(detector: Detector, texts: Sequence[str]) -> Pass:
    analyzer = _analyzer(detector)
    language = detector.config.language
    threshold = detector.config.score_threshold

    def run() -> int:
        return sum(len(analyzer.analyze(text=t, language=language, score_threshold=threshold)) for t in texts)

    return _timed("baseline", texts, run, "detector's AnalyzerEngine.analyze once per document")


def stock_pass(detector: Detector, texts: Sequence[str]) -> Pass:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    language = detector.config.language
    nlp = _analyzer(detector).nlp_engine.nlp[language]
    engine = SpacyNlpEngine(models=[{"lang_code": language, "model_name": "piigov-shared-pipeline"}])
    engine.nlp = {language: nlp}  # the detector's loaded pipeline; no second load
    stock = AnalyzerEngine(
        registry=_analyzer(detector).registry,
        nlp_engine=engine,
        supported_languages=[language],
        default_score_threshold=detector.config.score_threshold,
    )

    def run() -> int:
        return sum(len(stock.analyze(text=t, language=language)) for t in texts)

    return _timed("stock", texts, run, "same recognizers, stock SpacyNlpEngine + default context enhancer")


def full_pass(detector: Detector, texts: Sequence[str]) -> Pass:
    def run() -> int:
        return sum(len(d) for d in detector.detect_many(texts))

    return _timed("full", texts, run, "Detector.detect_many")


_WORKER_DETECTOR: Any = None


def _init_worker() -> None:
    global _WORKER_DETECTOR
    from piigov.detection import Detector

    _WORKER_DETECTOR = Detector()
    _WORKER_DETECTOR.detect("Warm-up: mevrouw Jansen, BSN 123456782.")


def _worker_ready(pause: float) -> int:
    time.sleep(pause)  # keeps this worker busy so the other one takes the next task
    return os.getpid()


def _worker_detect(texts: list[str]) -> tuple[int, float]:
    started = time.process_time()
    count = sum(len(d) for d in _WORKER_DETECTOR.detect_many(texts))
    return count, time.process_time() - started


def _chunks(texts: Sequence[str], parts: int) -> list[list[str]]:
    """Consecutive chunks of roughly equal character count."""
    target = sum(map(len, texts)) / parts
    chunks: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if size >= target and len(chunks) < parts:
            chunks.append([])
            size = 0
        chunks[-1].append(text)
        size += len(text)
    return [c for c in chunks if c]


def workers_pass(texts: Sequence[str], workers: int) -> tuple[Pass, float]:
    """``detect_many`` in ``workers`` processes; returns the pass and the workers' start-up seconds."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    started = time.perf_counter()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker) as pool:
        pids = set(pool.map(_worker_ready, [0.3] * workers))
        startup = time.perf_counter() - started
        wall = time.perf_counter()
        results = list(pool.map(_worker_detect, _chunks(texts, workers * 4)))
        wall = time.perf_counter() - wall
    result = Pass(
        "workers",
        len(texts),
        _mb(texts),
        wall,
        sum(cpu for _, cpu in results),
        sum(n for n, _ in results),
        cores=workers,
        note=f"ProcessPoolExecutor, one Detector per worker ({len(pids)} distinct workers warmed up)",
    )
    return result, startup


# --- rescan cost -------------------------------------------------------------------------------


def measure_rescan(root: Path, files_per_folder: int = RESCAN_FILES_PER_FOLDER) -> dict[str, Any]:
    """Scan a demo share twice with a temporary register; count source reads on each scan."""
    from piigov import pipeline
    from piigov.demo import generate_demo
    from piigov.settings import get_settings
    from piigov.sources import LocalFolderSource

    manifest = generate_demo(root / "demo", seed=DEMO_SEED, files_per_folder=files_per_folder)
    home = root / "home"
    db_url = f"sqlite:///{home / 'register.sqlite'}"
    overrides = {"PIIGOV_HOME": str(home), "PIIGOV_DB_URL": db_url}
    saved = {k: os.environ.get(k) for k in overrides}
    reads = [0]
    original_read = LocalFolderSource.read

    def counting_read(self: LocalFolderSource, key: str) -> bytes:
        reads[0] += 1
        return original_read(self, key)

    os.environ.update(overrides)
    get_settings.cache_clear()
    LocalFolderSource.read = counting_read  # type: ignore[method-assign]
    try:
        timings: list[tuple[float, int, dict[str, Any]]] = []
        for _ in range(2):
            reads[0] = 0
            started = time.perf_counter()
            summary = pipeline.scan(manifest.share_root)
            timings.append((time.perf_counter() - started, reads[0], summary))
    finally:
        LocalFolderSource.read = original_read  # type: ignore[method-assign]
        from piigov.register.db import get_engine

        get_engine(db_url).dispose()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()
    (first, first_reads, first_summary), (second, second_reads, second_summary) = timings
    return {
        "files": len(manifest.files),
        "first_scan_seconds": round(first, 3),
        "rescan_seconds": round(second, 3),
        "rescan_ratio": round(second / first, 4) if first else None,
        "first_scan_reads": first_reads,
        "rescan_reads": second_reads,
        "first_scan_items_scanned": first_summary.get("items_scanned"),
        "rescan_items_unchanged": second_summary.get("items_unchanged"),
        "rescan_reads_nothing": second_reads == 0,
    }


# --- report ------------------------------------------------------------------------------------


def _row(p: Pass) -> str:
    name = f"{p.name} x{p.cores}" if p.cores > 1 else p.name
    return (
        f"  {name:<12} {p.documents:>6} {p.wall:>8.2f} {p.cpu:>8.2f} {p.docs_per_s:>8.1f} "
        f"{p.mb_per_s:>8.3f} {p.mb_per_cpu_s:>11.3f} {p.detections:>10,}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m piigov.evaluation.bench", description=__doc__)
    parser.add_argument("--json", type=Path, help="where to write the JSON (default: reports dir)")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, help="corpus size cap (text MB)")
    parser.add_argument(
        "--budget", type=float, default=DEFAULT_BUDGET_SECONDS, help="seconds for the detection passes"
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes; 0 skips that pass")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock-Presidio pass")
    parser.add_argument("--no-rescan", action="store_true", help="skip the rescan-cost section")
    args = parser.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the corrupt demo PDF is expected

    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    from piigov.detection import get_detector
    from piigov.settings import get_settings

    json_path = args.json or get_settings().reports_dir / "bench.json"
    started = time.perf_counter()
    detector = get_detector()
    built = time.perf_counter() - started
    print(f"piigov bench -- detector {detector.version} ({detector.model_label}), built in {built:.1f} s")
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "detector": {"version": detector.version, "model": detector.model_label},
        "cpu_count": os.cpu_count(),
        "targets": {"ratio_full_vs_baseline": TARGET_RATIO, "mb_per_s_per_core": TARGET_MB_PER_CORE},
    }
    ok = True
    with tempfile.TemporaryDirectory(prefix="piigov-bench-") as tmp:
        demo_texts, extraction = measure_extraction(Path(tmp) / "extraction", EXTRACTION_FILES_PER_FOLDER)
        report["extraction"] = extraction
        print(
            f"\nExtraction: {extraction['files']} demo files, {extraction['input_mb']:.2f} MB input -> "
            f"{extraction['text_mb']:.2f} MB text in {extraction['cpu_seconds']:.2f} CPU s: "
            f"{extraction['input_mb_per_s_per_core']} MB input/s/core, {extraction['files_per_s']} files/s "
            f"(best of {extraction['repeats']})"
        )

        corpus = build_corpus(demo_texts, args.max_mb)
        texts = corpus.texts
        # Calibrate (and warm up): predict the cost of all passes and shrink the corpus to the budget.
        detector.detect_many(texts[:5])  # warm-up: first calls compile regexes and fill caches
        sample = shrink(texts, min(0.1, _mb(texts)))
        calibration = full_pass(detector, sample)
        passes_cost = 3.0 + (1.0 / max(args.workers, 1) if args.workers else 0.0)
        seconds_per_mb = calibration.wall / calibration.megabytes if calibration.megabytes else 0.0
        shrunk = bool(seconds_per_mb) and seconds_per_mb * _mb(texts) * passes_cost > args.budget
        if shrunk:
            texts = shrink(texts, args.budget / (seconds_per_mb * passes_cost))
        mb = _mb(texts)
        print(
            f"\nCorpus: {len(texts)} documents, {mb:.2f} MB text "
            f"{'sampled to fit the time budget ' if shrunk else ''}"
            f"from {', '.join(f'{n} {name}' for name, n in corpus.parts.items())} "
            f"(cap {args.max_mb} MB, budget {args.budget:.0f} s)"
        )
        passes = [baseline_pass(detector, texts)]
        if not args.no_stock:
            passes.append(stock_pass(detector, texts))
        full = full_pass(detector, texts)
        passes.append(full)
        startup = None
        if args.workers > 0:
            worker_pass, startup = workers_pass(texts, args.workers)
            passes.append(worker_pass)
        baseline = passes[0]
        ratio_cpu = baseline.cpu / full.cpu if full.cpu else 0.0
        ratio_wall = baseline.wall / full.wall if full.wall else 0.0
        print(
            f"\n  {'pass':<12} {'docs':>6} {'wall s':>8} {'CPU s':>8} {'docs/s':>8} {'MB/s':>8} "
            f"{'MB/s/core':>11} {'detections':>10}"
        )
        for p in passes:
            print(_row(p))
        if startup is not None:
            print(f"  (worker start-up, not timed above: {startup:.1f} s)")
        meets_ratio = ratio_cpu >= TARGET_RATIO
        meets_speed = full.mb_per_cpu_s >= TARGET_MB_PER_CORE
        print(
            f"\n  full / baseline: {ratio_cpu:.2f}x (CPU time), {ratio_wall:.2f}x (wall)"
            f" -- target >= {TARGET_RATIO:.0f}x: {'met' if meets_ratio else 'NOT met'}"
        )
        print(
            f"  full detector: {full.mb_per_cpu_s:.3f} MB/s/core -- target >= {TARGET_MB_PER_CORE} MB/s/core: "
            f"{'met' if meets_speed else 'NOT met'}"
        )
        peak_main = _rss_mb(resource.RUSAGE_SELF)
        peak_children = _rss_mb(resource.RUSAGE_CHILDREN)
        print(f"  peak RSS: {peak_main:.0f} MB (this process), {peak_children:.0f} MB (largest worker)")
        report["corpus"] = {
            "documents": len(texts),
            "megabytes": round(mb, 4),
            "drawn_from": corpus.parts,
            "sampled_to_fit_budget": shrunk,
            "calibration_seconds_per_mb": round(seconds_per_mb, 3),
        }
        report["passes"] = {p.name: p.as_dict() for p in passes}
        report["worker_startup_seconds"] = round(startup, 2) if startup is not None else None
        report["ratio_full_vs_baseline"] = {"cpu": round(ratio_cpu, 3), "wall": round(ratio_wall, 3)}
        report["targets_met"] = {"ratio": meets_ratio, "mb_per_s_per_core": meets_speed}
        report["peak_rss_mb"] = {"main": round(peak_main, 1), "largest_child": round(peak_children, 1)}

        if not args.no_rescan:
            rescan = measure_rescan(Path(tmp) / "rescan")
            report["rescan"] = rescan
            print(
                f"\nRescan cost ({rescan['files']} demo files, temporary register): first scan "
                f"{rescan['first_scan_seconds']:.2f} s ({rescan['first_scan_reads']} reads), rescan "
                f"{rescan['rescan_seconds']:.2f} s ({rescan['rescan_reads']} reads, "
                f"{rescan['rescan_items_unchanged']} unchanged): ratio {rescan['rescan_ratio']}"
            )
            if not rescan["rescan_reads_nothing"]:
                print(f"  FAILED: the rescan read {rescan['rescan_reads']} items; it must read none")
                ok = False

    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nJSON written to {json_path}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
