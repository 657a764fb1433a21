"""ned.testa with its people renamed by origin (piigov.evaluation.conll_origins)."""

from __future__ import annotations

from pathlib import Path

import pytest

from piigov.demo.names import first_names, surnames
from piigov.evaluation import conll_origins
from piigov.evaluation.conll import REPORT_SPLIT

SNIPPET = """\
-DOCSTART- -DOCSTART- O
Volgens Prep O
Shimon N B-PER
Peres N I-PER
ligt V O
Israël N B-LOC
stil Adj O
. Punc O

Peres N B-PER
en Conj O
Arafat N B-PER
praten V O
in Prep O
Camp N B-MISC
David N I-MISC
. Punc O
"""


def _write(tmp_path: Path) -> Path:
    (tmp_path / REPORT_SPLIT).write_text(SNIPPET, encoding="utf-8")
    return tmp_path


def test_people_are_renamed_consistently_and_nothing_else_changes(tmp_path: Path) -> None:
    (doc,) = conll_origins.renamed_documents("moroccan", directory=_write(tmp_path))
    people = [doc.text[e.start : e.end] for e in doc.entities if e.label == "PER"]
    others = [(e.label, doc.text[e.start : e.end]) for e in doc.entities if e.label != "PER"]
    assert others == [("LOC", "Israël"), ("MISC", "Camp David")]
    assert len(people) == 3
    full, repeat, single = people
    given = {f.name for f in first_names("moroccan")}
    family = {s[:1].upper() + s[1:] for s in surnames("moroccan")} | set(surnames("moroccan"))
    assert any(full.startswith(g + " ") for g in given)
    assert full.endswith(" " + repeat)  # "Peres" stays the surname of "Shimon Peres"
    assert repeat in family and single in family and single != repeat
    assert "Peres" not in doc.text and "Arafat" not in doc.text
    assert doc.text.startswith("Volgens ") and "ligt Israël stil ." in doc.text


def test_a_bare_surname_starts_with_a_capital(tmp_path: Path) -> None:
    for seed in range(20):
        (doc,) = conll_origins.renamed_documents("dutch", directory=_write(tmp_path), seed=seed)
        singles = [doc.text[e.start : e.end] for e in doc.entities if e.label == "PER"][1:]
        assert all(s[:1].isupper() for s in singles)


def test_every_origin_is_scored_on_the_same_sentences(tmp_path: Path) -> None:
    from piigov.detection import get_detector

    detector = get_detector()
    result = conll_origins.evaluate(detector, ("dutch", "somali"), directory=_write(tmp_path), seeds=(1, 2))
    assert set(result["by_origin"]) == {"dutch", "somali"}
    assert all(r["gold"] == 3 for r in result["by_origin"].values())
    for r in result["by_origin"].values():
        per_seed = list(r["strict_recall_by_seed"].values())
        assert len(per_seed) == 2
        assert r["strict_recall"] == pytest.approx(sum(per_seed) / 2)  # equal gold per seed: pooled = mean
    recalls = [r["strict_recall"] for r in result["by_origin"].values()]
    assert result["strict_recall_spread"] == max(recalls) - min(recalls)
