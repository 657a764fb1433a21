"""``python -m piigov.evaluation``: CoNLL-2002, regression-set and hand-written-set figures for the detector.

Prints a table and writes the same figures as JSON to ``$PIIGOV_HOME/reports/evaluation.json``
(or ``--json PATH``). Only counts and scores are written, never text or values.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piigov.evaluation import conll, handwritten, regression

if TYPE_CHECKING:
    from piigov.evaluation.regression import Recall, RegressionResult
    from piigov.evaluation.scoring import Scores


def _pct(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}"


def _conll_table(result: conll.ConllResult) -> list[str]:
    lines = [
        f"CoNLL-2002 {result.split}: {result.documents} documents, {result.sentences} sentences, "
        f"{result.chars:,} chars (detection {result.seconds:.1f} s)",
        f"  {'label':<12} {'match':<8} {'P %':>5} {'R %':>5} {'F1 %':>5}   {'correct/predicted':>17} {'found/gold':>11}",
    ]
    for label, scores in result.scores.items():
        name = label if label in conll.SCORED_LABELS else f"{label} (info)"
        for kind, s in (("strict", scores.strict), ("overlap", scores.overlap)):
            lines.append(
                f"  {name:<12} {kind:<8} {_pct(s.precision)} {_pct(s.recall)} {_pct(s.f1)}   "
                f"{f'{s.pred_matched}/{s.pred_total}':>17} {f'{s.gold_matched}/{s.gold_total}':>11}"
            )
            name = ""
    return lines


def _recall_row(name: str, r: Recall, extra: str = "") -> str:
    return f"  {name:<16} {_pct(r.recall)}  {f'{r.found}/{r.total}':>9}{extra}"


def _regression_table(result: RegressionResult, title: str = "") -> list[str]:
    skipped = ", ".join(f"{reason} {n}" for reason, n in sorted(result.skipped.items())) or "none"
    title = title or (
        f"Regression set (demo share, seeds {', '.join(map(str, result.seeds))}, "
        f"{result.files_per_folder} files/folder)"
    )
    lines = [
        f"{title}: {result.documents} documents, {result.chars:,} chars; "
        f"skipped files: {skipped}; planted values absent from extracted text: {result.values_absent}",
        "  recall per planted value (found = an occurrence overlapped by a detection of the same type)",
        f"  {'entity type':<16} {'R %':>5}  {'found/all':>9}   {'occurrence R %':>14}",
    ]
    for entity_type, r in sorted(result.recall_by_type.items()):
        occ = result.occurrence_recall_by_type[entity_type]
        lines.append(_recall_row(entity_type, r, f"   {_pct(occ.recall):>14}"))
    fp = ", ".join(f"{t} {n}" for t, n in sorted(result.no_pd_false_positives.items())) or "none"
    other = ", ".join(f"{t} {n}" for t, n in sorted(result.no_pd_other_detections.items())) or "none"
    lines += [
        "",
        f"  documents without personal data: {result.no_pd_documents}, clean "
        f"{result.no_pd_documents_clean} ({_pct(result.no_pd_clean_rate).strip()} %)",
        f"    false positives ({'/'.join(regression.NO_PD_FALSE_POSITIVE_TYPES)}): {fp}",
        f"    other detections there (information): {other}",
        f"  PERSON false positives on documents with personal data: {result.person_false_positives} of "
        f"{result.person_detections} PERSON detections ({_pct(result.person_false_positive_ratio).strip()} %)",
        "",
        "  person recall per name origin",
        f"  {'origin':<16} {'R %':>5}  {'found/all':>9}",
    ]
    lines += [_recall_row(origin, r) for origin, r in sorted(result.person_recall_by_origin.items())]
    lines.append(f"  spread (max - min): {_pct(result.origin_spread).strip()} points")
    return lines


def _origins_table(result: dict[str, Any]) -> list[str]:
    lines = [
        f"CoNLL-2002 {result['split']} with its people renamed, one origin at a time (demo name lists, "
        f"seeds {', '.join(map(str, result['seeds']))}, pooled): PER",
        f"  {'origin':<16} {'R % strict':>10} {'R % overlap':>11} {'P % strict':>10}  {'gold':>5}   R % per seed",
    ]
    for origin, r in result["by_origin"].items():
        per_seed = " ".join(_pct(v).strip() for v in r["strict_recall_by_seed"].values())
        lines.append(
            f"  {origin:<16} {_pct(r['strict_recall']):>10} {_pct(r['overlap_recall']):>11} "
            f"{_pct(r['strict_precision']):>10}  {r['gold']:>5}   {per_seed}"
        )
    lines.append(
        f"  spread (max - min): strict {_pct(result['strict_recall_spread']).strip()}, "
        f"overlap {_pct(result['overlap_recall_spread']).strip()} points"
    )
    return lines


def _headline(scores: Scores) -> dict[str, Any]:
    return {"precision": scores.precision, "recall": scores.recall, "f1": scores.f1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m piigov.evaluation", description=__doc__)
    parser.add_argument("--json", type=Path, help="where to write the JSON (default: reports dir)")
    parser.add_argument("--conll-dir", type=Path, help=f"default: ${conll.CONLL_DIR_ENV} or ../shared/data")
    parser.add_argument("--split", default=conll.REPORT_SPLIT, help="CoNLL split to score (report only)")
    parser.add_argument("--skip-conll", action="store_true")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(regression.DEFAULT_SEEDS))
    parser.add_argument("--files-per-folder", type=int, default=regression.DEFAULT_FILES_PER_FOLDER)
    parser.add_argument("--skip-handwritten", action="store_true", help="skip the hand-written set")
    args = parser.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the corrupt demo PDF is expected

    from piigov.detection import get_detector

    started = time.perf_counter()
    detector = get_detector()
    built = time.perf_counter() - started
    print(
        f"piigov evaluation -- detector {detector.version} ({detector.model_label}), built in {built:.1f} s"
    )
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "detector": {"version": detector.version, "model": detector.model_label},
    }

    if not args.skip_conll:
        result = conll.evaluate(detector, args.split, args.conll_dir)
        print()
        print("\n".join(_conll_table(result)))
        report["conll"] = result.as_dict()
        report["conll"]["headline"] = {
            label: {"strict": _headline(s.strict), "overlap": _headline(s.overlap)}
            for label, s in result.scores.items()
            if label in conll.SCORED_LABELS
        }
        if args.split == conll.REPORT_SPLIT:
            from piigov.evaluation import conll_origins

            origins = conll_origins.evaluate(detector, directory=args.conll_dir)
            print()
            print("\n".join(_origins_table(origins)))
            report["conll_by_origin"] = origins

    reg = regression.run(detector, tuple(args.seeds), args.files_per_folder)
    print()
    print("\n".join(_regression_table(reg)))
    report["regression"] = reg.as_dict()

    if not args.skip_handwritten:
        report["handwritten"] = {}
        for name, directory in handwritten.SETS.items():
            hand = handwritten.run(detector, directory)
            formats = ", ".join(f"{fmt} {n}" for fmt, n in hand.extra["formats"].items())
            print()
            title = f"Hand-written set {name} (written in their formats: {formats})"
            print("\n".join(_regression_table(hand, title)))
            summary = handwritten.summary(hand)
            per_15 = summary["wrong_person_hits_per_15_real"]
            print(f"  wrong PERSON hits per 15 real ones: {'-' if per_15 is None else f'{per_15:.2f}'}")
            reported = hand.extra["negatives_reported"]
            print(f"  negatives reported (must not be): {len(reported)} of {hand.extra['negatives']}")
            for hit in reported:
                print(f"    {hit['document']}: {hit['entity_type']} ({hit['why']})")
            report["handwritten"][name] = {**hand.as_dict(), **hand.extra, "summary": summary}

    if args.json:
        path = args.json
    else:
        from piigov.settings import get_settings

        path = get_settings().reports_dir / "evaluation.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nJSON written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
