from __future__ import annotations

import pytest

from piigov.evaluation.scoring import (
    MatchScores,
    Scores,
    overlaps,
    score_overlap,
    score_strict,
    score_typed,
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 5), (0, 5), True),
        ((0, 5), (4, 9), True),
        ((0, 5), (5, 9), False),  # touching, not overlapping (end is exclusive)
        ((3, 4), (0, 10), True),
        ((0, 10), (3, 4), True),
        ((6, 9), (0, 5), False),
    ],
)
def test_overlaps(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    assert overlaps(a, b) is expected


# (gold, pred, strict (pred_matched, pred_total, gold_matched, gold_total), overlap (same))
CASES = [
    ("nothing at all", [], [], (0, 0, 0, 0), (0, 0, 0, 0)),
    ("exact hit", [(0, 5)], [(0, 5)], (1, 1, 1, 1), (1, 1, 1, 1)),
    ("miss", [(0, 5)], [], (0, 0, 0, 1), (0, 0, 0, 1)),
    ("spurious", [], [(0, 5)], (0, 1, 0, 0), (0, 1, 0, 0)),
    ("boundary off by one", [(0, 5)], [(0, 4)], (0, 1, 0, 1), (1, 1, 1, 1)),
    ("longer prediction", [(6, 11)], [(0, 11)], (0, 1, 0, 1), (1, 1, 1, 1)),
    ("one prediction over two names", [(0, 3), (8, 12)], [(0, 12)], (0, 1, 0, 2), (1, 1, 2, 2)),
    ("two predictions in one name", [(0, 12)], [(0, 3), (8, 12)], (0, 2, 0, 1), (2, 2, 1, 1)),
    ("adjacent is not overlap", [(0, 5)], [(5, 9)], (0, 1, 0, 1), (0, 1, 0, 1)),
    ("duplicates count once", [(0, 5), (0, 5)], [(0, 5), (0, 5)], (1, 1, 1, 1), (1, 1, 1, 1)),
    (
        "mixed",
        [(0, 5), (10, 15), (20, 25)],
        [(0, 5), (11, 15), (30, 35)],
        (1, 3, 1, 3),
        (2, 3, 2, 3),
    ),
]


@pytest.mark.parametrize(
    ("gold", "pred", "strict", "overlap"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_span_scores(
    gold: list[tuple[int, int]],
    pred: list[tuple[int, int]],
    strict: tuple[int, int, int, int],
    overlap: tuple[int, int, int, int],
) -> None:
    assert score_strict(gold, pred) == Scores(*strict)
    assert score_overlap(gold, pred) == Scores(*overlap)


@pytest.mark.parametrize(
    ("scores", "precision", "recall", "f1"),
    [
        (Scores(0, 0, 0, 0), None, None, None),
        (Scores(0, 0, 0, 4), None, 0.0, None),  # nothing predicted: precision undefined
        (Scores(0, 2, 0, 0), 0.0, None, None),
        (Scores(0, 2, 0, 4), 0.0, 0.0, 0.0),
        (Scores(1, 1, 1, 1), 1.0, 1.0, 1.0),
        (Scores(3, 4, 3, 6), 0.75, 0.5, 0.6),
        (Scores(2, 2, 1, 4), 1.0, 0.25, 0.4),
    ],
)
def test_precision_recall_f1(
    scores: Scores, precision: float | None, recall: float | None, f1: float | None
) -> None:
    assert scores.precision == pytest.approx(precision)
    assert scores.recall == pytest.approx(recall)
    assert scores.f1 == pytest.approx(f1)


def test_scores_add_up() -> None:
    total = Scores(1, 2, 1, 3) + Scores(2, 2, 2, 5)
    assert total == Scores(3, 4, 3, 8)
    both = MatchScores(Scores(1, 1, 1, 1), Scores(1, 1, 1, 1)) + MatchScores()
    assert both == MatchScores(Scores(1, 1, 1, 1), Scores(1, 1, 1, 1))
    assert both.as_dict()["strict"]["f1"] == 1.0


def test_a_detection_of_another_type_does_not_count() -> None:
    gold = [("PER", 0, 5), ("LOC", 10, 15), ("MISC", 20, 25)]
    pred = [("LOCATION", 0, 5), ("LOCATION", 10, 15), ("PERSON", 20, 25)]
    scores = score_typed(gold, pred, {"PER": "PERSON", "LOC": "LOCATION"})
    assert set(scores) == {"PER", "LOC"}
    assert scores["PER"].strict == Scores(0, 1, 0, 1)  # the PERSON at 20-25 is MISC in the gold
    assert scores["PER"].overlap == Scores(0, 1, 0, 1)
    assert scores["LOC"].strict == Scores(1, 2, 1, 1)  # the LOCATION on the name is a false positive
