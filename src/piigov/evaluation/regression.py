"""The synthetic regression set: the demo share's planted values against the detector.

``generate_demo`` is run for a few seeds into a temporary directory; every readable file is
extracted with ``extract_text`` (the same text the scanner gives the detector) and all texts go
through ``detector.detect_many``. Files the manifest marks ``not_examined`` (encrypted, corrupt)
and files that fail extraction are skipped and counted.

Counting rules:

* **recall, per value**: the unit is one planted value of one file (the manifest lists each
  distinct value once per file). Its occurrences are found by exact, case-sensitive string
  search that does not start or end inside a word ("Ali" does not occur in "Alibaba"). The
  value is *found* when at least one occurrence is overlapped by a detection of the same
  entity type. Per value, not per occurrence, because classifying a file needs one hit, and a
  name repeated five times in one letter should not weigh five times. The occurrence-level
  figure is reported alongside for information.
* **no-PD documents** (``expected_class == "no_personal_data"``): every detection of a type in
  :data:`NO_PD_FALSE_POSITIVE_TYPES` is a false positive; other types (dates, places) are
  counted for information only.
* **PERSON false-positive ratio** on the documents with personal data: PERSON detections that
  overlap no occurrence of a planted PERSON value, divided by all PERSON detections there.
* **person recall per origin**: per-value PERSON recall grouped by ``PlantedValue.origin``,
  with the spread (best minus worst origin).

Golden files (``tests/regression/golden/<ENTITY_TYPE>.json``) list every planted value of seed
:data:`GOLDEN_SEED` with the expected outcome; ``tests/regression/known_failures.json`` lists
the values whose outcome differs from the expectation today. Regenerate them with
``python -m piigov.evaluation.regression --golden-dir tests/regression [--update-known-failures]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piigov.evaluation.scoring import Span, overlaps

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from piigov.demo import PlantedValue
    from piigov.detection import Detection, Detector

DEFAULT_SEEDS: tuple[int, ...] = (2023, 2024, 2025)
DEFAULT_FILES_PER_FOLDER = 6
GOLDEN_SEED = 2023
NO_PERSONAL_DATA = "no_personal_data"
NOT_EXAMINED = "not_examined"
#: Types that must never be reported in a document without personal data.
NO_PD_FALSE_POSITIVE_TYPES: tuple[str, ...] = (
    "PERSON",
    "NL_BSN",
    "PHONE_NUMBER",
    "IBAN_CODE",
    "EMAIL_ADDRESS",
)
FOUND = "found"
NOT_FOUND = "not_found"
KNOWN_FAILURES_FILE = "known_failures.json"
GOLDEN_DIR = "golden"


# --- occurrences ---------------------------------------------------------------------------------


def find_occurrences(text: str, value: str) -> list[Span]:
    """Non-overlapping occurrences of ``value`` that do not start or end inside a word; a blank
    in ``value`` matches any run of whitespace (a PDF may wrap "Laan van Meerdervoort 112" over
    two lines), everything else exactly."""
    if not value:
        return []
    head = r"(?<!\w)" if value[0].isalnum() else ""
    tail = r"(?!\w)" if value[-1].isalnum() else ""
    body = r"\s+".join(re.escape(part) for part in value.split(" "))
    return [(m.start(), m.end()) for m in re.finditer(f"{head}{body}{tail}", text)]


def covered(occurrence: Span, detections: Iterable[tuple[str, int, int]], entity_type: str) -> bool:
    return any(t == entity_type and overlaps(occurrence, (s, e)) for t, s, e in detections)


# --- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegressionDocument:
    seed: int
    path: str
    format: str
    expected_class: str
    text: str
    planted: tuple[PlantedValue, ...]


@dataclass(frozen=True)
class ValueOutcome:
    seed: int
    file: str
    entity_type: str
    value: str
    origin: str
    occurrences: int
    occurrences_found: int

    @property
    def found(self) -> bool:
        return self.occurrences_found > 0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.entity_type, self.file, self.value)


@dataclass
class Recall:
    found: int = 0
    total: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"recall": self.recall, "found": self.found, "total": self.total}


@dataclass
class RegressionResult:
    seeds: tuple[int, ...]
    files_per_folder: int
    documents: int
    chars: int
    skipped: dict[str, int]  # reason -> files
    outcomes: list[ValueOutcome]
    recall_by_type: dict[str, Recall]
    occurrence_recall_by_type: dict[str, Recall]
    person_recall_by_origin: dict[str, Recall]
    no_pd_documents: int
    no_pd_documents_clean: int  # no detection of a NO_PD_FALSE_POSITIVE_TYPES type
    no_pd_false_positives: dict[str, int]
    no_pd_other_detections: dict[str, int]
    person_detections: int  # in documents with personal data
    person_false_positives: int
    values_absent: int = 0  # planted values not present in the extracted text
    seconds: float = 0.0
    detector_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def origin_spread(self) -> float | None:
        values = [r.recall for r in self.person_recall_by_origin.values() if r.recall is not None]
        return max(values) - min(values) if values else None

    @property
    def person_false_positive_ratio(self) -> float | None:
        return self.person_false_positives / self.person_detections if self.person_detections else None

    @property
    def no_pd_clean_rate(self) -> float | None:
        return self.no_pd_documents_clean / self.no_pd_documents if self.no_pd_documents else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "seeds": list(self.seeds),
            "files_per_folder": self.files_per_folder,
            "documents": self.documents,
            "chars": self.chars,
            "skipped_files": self.skipped,
            "values_absent_from_text": self.values_absent,
            "seconds": round(self.seconds, 3),
            "counting": "per planted value of a file; found = one occurrence overlapped by a detection of the same type",
            "recall_by_type": {k: v.as_dict() for k, v in sorted(self.recall_by_type.items())},
            "occurrence_recall_by_type": {
                k: v.as_dict() for k, v in sorted(self.occurrence_recall_by_type.items())
            },
            "person_recall_by_origin": {
                k: v.as_dict() for k, v in sorted(self.person_recall_by_origin.items())
            },
            "person_origin_spread": self.origin_spread,
            "no_pd_documents": {
                "documents": self.no_pd_documents,
                "clean_documents": self.no_pd_documents_clean,
                "clean_rate": self.no_pd_clean_rate,
                "false_positive_types": list(NO_PD_FALSE_POSITIVE_TYPES),
                "false_positives": dict(sorted(self.no_pd_false_positives.items())),
                "other_detections": dict(sorted(self.no_pd_other_detections.items())),
            },
            "person_false_positives": {
                "detections": self.person_detections,
                "false_positives": self.person_false_positives,
                "ratio": self.person_false_positive_ratio,
            },
        }


# --- building the set ----------------------------------------------------------------------------


def build_documents(
    workdir: Path, seeds: Sequence[int] = DEFAULT_SEEDS, files_per_folder: int = DEFAULT_FILES_PER_FOLDER
) -> tuple[list[RegressionDocument], dict[str, int]]:
    """Generate the demo share per seed under ``workdir`` and extract every examinable file."""
    from piigov.demo import generate_demo
    from piigov.extraction import UnreadableItem, extract_text

    documents: list[RegressionDocument] = []
    skipped: Counter[str] = Counter()
    for seed in seeds:
        manifest = generate_demo(workdir / f"seed-{seed}", seed=seed, files_per_folder=files_per_folder)
        share = Path(manifest.share_root)
        for planted in manifest.files:
            if planted.expected_class == NOT_EXAMINED:
                skipped[NOT_EXAMINED] += 1
                continue
            try:
                extracted = extract_text(planted.path, (share / planted.path).read_bytes())
            except UnreadableItem as exc:
                skipped[exc.reason] += 1
                continue
            documents.append(
                RegressionDocument(
                    seed,
                    planted.path,
                    planted.format,
                    planted.expected_class,
                    extracted.text,
                    planted.planted,
                )
            )
    return documents, dict(skipped)


# --- scoring -------------------------------------------------------------------------------------


def score(
    documents: Sequence[RegressionDocument],
    detections: Sequence[Sequence[tuple[str, int, int]]],
    seeds: Sequence[int] = (),
    files_per_folder: int = DEFAULT_FILES_PER_FOLDER,
    skipped: dict[str, int] | None = None,
) -> RegressionResult:
    """Score ``detections[i]`` (``(entity_type, start, end)``) against the values planted in doc i."""
    if len(documents) != len(detections):
        raise ValueError("one detection list per document is needed")
    outcomes: list[ValueOutcome] = []
    by_type: defaultdict[str, Recall] = defaultdict(Recall)
    occ_by_type: defaultdict[str, Recall] = defaultdict(Recall)
    by_origin: defaultdict[str, Recall] = defaultdict(Recall)
    no_pd_docs = no_pd_clean = 0
    no_pd_fp: Counter[str] = Counter()
    no_pd_other: Counter[str] = Counter()
    person_detections = person_fp = 0
    absent = 0
    for doc, found in zip(documents, detections, strict=True):
        if doc.expected_class == NO_PERSONAL_DATA:
            no_pd_docs += 1
            bad = [t for t, _, _ in found if t in NO_PD_FALSE_POSITIVE_TYPES]
            no_pd_fp.update(bad)
            no_pd_other.update(t for t, _, _ in found if t not in NO_PD_FALSE_POSITIVE_TYPES)
            no_pd_clean += not bad
        person_spans: list[Span] = []
        for value in doc.planted:
            spans = find_occurrences(doc.text, value.value)
            absent += not spans
            hits = sum(1 for span in spans if covered(span, found, value.entity_type))
            outcome = ValueOutcome(
                doc.seed, doc.path, value.entity_type, value.value, value.origin, len(spans), hits
            )
            outcomes.append(outcome)
            by_type[value.entity_type].total += 1
            by_type[value.entity_type].found += outcome.found
            occ_by_type[value.entity_type].total += len(spans)
            occ_by_type[value.entity_type].found += hits
            if value.entity_type == "PERSON":
                person_spans.extend(spans)
                origin = value.origin or "unknown"
                by_origin[origin].total += 1
                by_origin[origin].found += outcome.found
        if doc.expected_class != NO_PERSONAL_DATA:
            for t, s, e in found:
                if t == "PERSON":
                    person_detections += 1
                    person_fp += not any(overlaps((s, e), span) for span in person_spans)
    return RegressionResult(
        seeds=tuple(seeds),
        files_per_folder=files_per_folder,
        documents=len(documents),
        chars=sum(len(d.text) for d in documents),
        skipped=dict(skipped or {}),
        outcomes=outcomes,
        recall_by_type=dict(by_type),
        occurrence_recall_by_type=dict(occ_by_type),
        person_recall_by_origin=dict(by_origin),
        no_pd_documents=no_pd_docs,
        no_pd_documents_clean=no_pd_clean,
        no_pd_false_positives=dict(no_pd_fp),
        no_pd_other_detections=dict(no_pd_other),
        person_detections=person_detections,
        person_false_positives=person_fp,
        values_absent=absent,
    )


def _as_tuples(found: Sequence[Sequence[Detection]]) -> list[list[tuple[str, int, int]]]:
    return [[(d.entity_type, d.start, d.end) for d in doc] for doc in found]


def run(
    detector: Detector | None = None,
    seeds: Sequence[int] = DEFAULT_SEEDS,
    files_per_folder: int = DEFAULT_FILES_PER_FOLDER,
    workdir: Path | None = None,
) -> RegressionResult:
    """Generate, extract, detect and score; uses :func:`piigov.detection.get_detector` by default."""
    if detector is None:
        from piigov.detection import get_detector

        detector = get_detector()
    with tempfile.TemporaryDirectory(prefix="piigov-regression-") as tmp:
        documents, skipped = build_documents(workdir or Path(tmp), seeds, files_per_folder)
    started = time.perf_counter()
    found = detector.detect_many([d.text for d in documents])
    seconds = time.perf_counter() - started
    result = score(documents, _as_tuples(found), seeds, files_per_folder, skipped)
    result.seconds = seconds
    result.detector_version = detector.version
    return result


# --- golden files --------------------------------------------------------------------------------


def golden_payload(outcomes: Iterable[ValueOutcome], seed: int = GOLDEN_SEED) -> dict[str, dict[str, Any]]:
    """Golden file contents per entity type: every planted value of ``seed``, expected found."""
    per_type: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for o in outcomes:
        if o.seed == seed:
            entry = {"file": o.file, "value": o.value, "expected": FOUND}
            if o.origin:
                entry["origin"] = o.origin
            per_type[o.entity_type].append(entry)
    return {
        entity_type: {
            "entity_type": entity_type,
            "seed": seed,
            "files_per_folder": DEFAULT_FILES_PER_FOLDER,
            "expected": "every planted value is found; set expected to not_found with a reason to exempt one",
            "values": sorted(values, key=lambda v: (v["file"], v["value"])),
        }
        for entity_type, values in sorted(per_type.items())
    }


def load_golden(directory: Path) -> dict[tuple[str, str, str], str]:
    """(entity_type, file, value) -> expected outcome (found / not_found) from golden/*.json."""
    expected: dict[tuple[str, str, str], str] = {}
    for path in sorted((directory / GOLDEN_DIR).glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        for entry in body["values"]:
            expected[(body["entity_type"], entry["file"], entry["value"])] = entry["expected"]
    return expected


def load_known_failures(directory: Path) -> set[tuple[str, str, str]]:
    body = json.loads((directory / KNOWN_FAILURES_FILE).read_text(encoding="utf-8"))
    return {(f["entity_type"], f["file"], f["value"]) for f in body["failures"]}


def failures(
    expected: dict[tuple[str, str, str], str], outcomes: Iterable[ValueOutcome]
) -> set[tuple[str, str, str]]:
    """Golden entries whose outcome differs from the expectation (or that were not produced)."""
    actual = {o.key: (FOUND if o.found else NOT_FOUND) for o in outcomes}
    return {key for key, want in expected.items() if actual.get(key) != want}


def write_golden(directory: Path, outcomes: Sequence[ValueOutcome], update_known_failures: bool) -> None:
    golden = directory / GOLDEN_DIR
    golden.mkdir(parents=True, exist_ok=True)
    previous = load_golden(directory) if any(golden.glob("*.json")) else {}
    payload = golden_payload(outcomes)
    for entity_type, body in payload.items():
        for entry in body["values"]:  # keep deliberate not_found exemptions
            entry["expected"] = previous.get((entity_type, entry["file"], entry["value"]), FOUND)
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        (golden / f"{entity_type}.json").write_text(text, encoding="utf-8")
    for stale in golden.glob("*.json"):
        if stale.stem not in payload:
            stale.unlink()
    if update_known_failures:
        current = sorted(failures(load_golden(directory), [o for o in outcomes if o.seed == GOLDEN_SEED]))
        body = {
            "seed": GOLDEN_SEED,
            "about": "golden values whose detection outcome differs from the expectation; fix or keep listed",
            "failures": [{"entity_type": t, "file": f, "value": v} for t, f, v in current],
        }
        (directory / KNOWN_FAILURES_FILE).write_text(
            json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m piigov.evaluation.regression",
        description="Rewrite the golden files of the regression set (seed 2023).",
    )
    parser.add_argument("--golden-dir", type=Path, required=True, help="e.g. tests/regression")
    parser.add_argument(
        "--update-known-failures",
        action="store_true",
        help="also rewrite known_failures.json with today's failures (review the diff!)",
    )
    args = parser.parse_args(argv)
    result = run(seeds=(GOLDEN_SEED,))
    write_golden(args.golden_dir, result.outcomes, args.update_known_failures)
    print(f"golden files written to {args.golden_dir / GOLDEN_DIR} (detector {result.detector_version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
