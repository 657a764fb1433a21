from __future__ import annotations

import pytest

from piigov.evaluation.bench import Pass, _chunks, shrink


@pytest.mark.parametrize(
    ("texts", "parts", "expected"),
    [
        ([], 2, []),
        (["a"], 3, [["a"]]),
        (["aa", "bb", "cc", "dd"], 2, [["aa", "bb"], ["cc", "dd"]]),
        (["aaaaaa", "b", "c"], 2, [["aaaaaa"], ["b", "c"]]),
        (["a", "b", "c", "d", "e"], 8, [["a"], ["b"], ["c"], ["d"], ["e"]]),
    ],
)
def test_chunks_keep_order_and_balance_characters(
    texts: list[str], parts: int, expected: list[list[str]]
) -> None:
    chunks = _chunks(texts, parts)
    assert chunks == expected
    assert [t for c in chunks for t in c] == texts


def test_shrink_samples_across_the_corpus() -> None:
    texts = [f"{i:03d}" + "x" * 997 for i in range(100)]  # 100 documents of 1000 bytes
    assert shrink(texts, 1.0) is texts
    picked = shrink(texts, 0.01)  # 10 kB -> every 10th document
    assert [t[:3] for t in picked] == [f"{i:03d}" for i in range(0, 100, 10)]
    assert shrink(texts, 0.0000001) == texts[:1]


def test_pass_rates() -> None:
    p = Pass("full", documents=10, megabytes=2.0, wall=4.0, cpu=2.0, detections=5)
    assert (p.docs_per_s, p.mb_per_s, p.mb_per_cpu_s) == (2.5, 0.5, 1.0)
    assert p.as_dict()["mb_per_s_per_core"] == 1.0
    assert Pass("x", 0, 0.0, 0.0, 0.0, 0).mb_per_s == 0.0
