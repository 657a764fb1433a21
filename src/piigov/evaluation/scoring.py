"""Entity-level span scoring: strict (exact) and overlap (partial) matching.

Spans are ``(start, end)`` character offsets, end exclusive. Both sides are scored per entity
type by the caller: a detection of another type never matches.

* **strict**: a gold span and a predicted span match when start and end are both equal.
* **overlap**: a predicted span is correct when it overlaps at least one gold span, and a gold
  span is found when at least one predicted span overlaps it. Precision and recall are counted
  on their own side, so one detection covering two adjacent names finds both (for personal-data
  detection that is the useful reading: both names would be masked).

Stdlib only, so the scoring can be unit tested without building a detector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

Span = tuple[int, int]

__all__ = [
    "MatchScores",
    "Scores",
    "Span",
    "overlaps",
    "score_overlap",
    "score_spans",
    "score_strict",
    "score_typed",
]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Scores:
    """Counts behind precision and recall; add them up over documents with ``+``.

    ``pred_matched`` of ``pred_total`` predictions are correct, ``gold_matched`` of
    ``gold_total`` gold entities are found. With strict matching both matched counts are equal.
    """

    pred_matched: int = 0
    pred_total: int = 0
    gold_matched: int = 0
    gold_total: int = 0

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.pred_matched + other.pred_matched,
            self.pred_total + other.pred_total,
            self.gold_matched + other.gold_matched,
            self.gold_total + other.gold_total,
        )

    @property
    def precision(self) -> float | None:
        """None when nothing was predicted."""
        return _ratio(self.pred_matched, self.pred_total)

    @property
    def recall(self) -> float | None:
        """None when there is nothing to find."""
        return _ratio(self.gold_matched, self.gold_total)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "pred_matched": self.pred_matched,
            "pred_total": self.pred_total,
            "gold_matched": self.gold_matched,
            "gold_total": self.gold_total,
        }


@dataclass(frozen=True)
class MatchScores:
    strict: Scores = Scores()
    overlap: Scores = Scores()

    def __add__(self, other: MatchScores) -> MatchScores:
        return MatchScores(self.strict + other.strict, self.overlap + other.overlap)

    def as_dict(self) -> dict[str, Any]:
        return {"strict": self.strict.as_dict(), "overlap": self.overlap.as_dict()}


def overlaps(a: Span, b: Span) -> bool:
    """True when the half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def score_strict(gold: Iterable[Span], pred: Iterable[Span]) -> Scores:
    """Exact-boundary matching; duplicate spans on one side count once."""
    gold_set, pred_set = set(gold), set(pred)
    hits = len(gold_set & pred_set)
    return Scores(hits, len(pred_set), hits, len(gold_set))


def score_overlap(gold: Iterable[Span], pred: Iterable[Span]) -> Scores:
    """Overlap matching, counted per side (see the module docstring)."""
    gold_list, pred_list = sorted(set(gold)), sorted(set(pred))
    pred_hits = sum(1 for p in pred_list if any(overlaps(p, g) for g in gold_list))
    gold_hits = sum(1 for g in gold_list if any(overlaps(g, p) for p in pred_list))
    return Scores(pred_hits, len(pred_list), gold_hits, len(gold_list))


def score_spans(gold: Iterable[Span], pred: Iterable[Span]) -> MatchScores:
    gold_list, pred_list = list(gold), list(pred)
    return MatchScores(score_strict(gold_list, pred_list), score_overlap(gold_list, pred_list))


def score_typed(
    gold: Sequence[tuple[str, int, int]],
    pred: Sequence[tuple[str, int, int]],
    type_map: Mapping[str, str],
) -> dict[str, MatchScores]:
    """Scores per gold label for one document.

    ``gold`` holds ``(label, start, end)`` with dataset labels (``PER``), ``pred`` holds
    ``(entity_type, start, end)`` with detector types (``PERSON``); ``type_map`` maps each
    scored label to its detector type. Gold labels not in ``type_map`` are ignored.
    """
    result: dict[str, MatchScores] = {}
    for label, entity_type in type_map.items():
        gold_spans = [(s, e) for lab, s, e in gold if lab == label]
        pred_spans = [(s, e) for typ, s, e in pred if typ == entity_type]
        result[label] = score_spans(gold_spans, pred_spans)
    return result
