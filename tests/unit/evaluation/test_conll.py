from __future__ import annotations

from pathlib import Path

import pytest

from piigov.evaluation import conll
from piigov.evaluation.conll import (
    ConllFormatError,
    GoldEntity,
    build_documents,
    iob_spans,
    read_conll,
    score_documents,
)
from piigov.evaluation.scoring import Scores

SNIPPET = """\
-DOCSTART- -DOCSTART- O
Ook Adv O
in Prep O
Californië N B-LOC
, Punc O
in Prep O
Sierra N B-LOC
Nevada N I-LOC
. Punc O

Jan N B-PER
de Art I-PER
Vries N I-PER
werkt V O
bij Prep O
De Morgen N B-ORG
. Punc O
-DOCSTART- -DOCSTART- O
Piet N B-PER
en Conj O
Kees N B-PER
zijn V O
Belgen N B-MISC
. Punc O

"""


def _articles() -> list[list[conll.Sentence]]:
    return read_conll(SNIPPET.splitlines(keepends=True))


def test_read_conll_splits_articles_and_sentences() -> None:
    articles = _articles()
    assert [len(a) for a in articles] == [2, 1]
    first = articles[0][0]
    assert first.tokens[:3] == ("Ook", "in", "Californië")
    assert first.tags[5:7] == ("B-LOC", "I-LOC")
    # a token with a space cannot occur in CoNLL; the line's first field is the token
    assert articles[0][1].tokens[5] == "De"


def test_documents_rebuild_text_with_offsets_and_entities() -> None:
    docs = build_documents(_articles(), sentences_per_doc=20)
    assert len(docs) == 2
    doc = docs[0]
    assert doc.text.split("\n")[0] == "Ook in Californië , in Sierra Nevada ."
    assert doc.sentences == 2
    for start, end in doc.token_offsets:
        assert " " not in doc.text[start:end] and "\n" not in doc.text[start:end]
    found = [(e.label, doc.text[e.start : e.end]) for e in doc.entities]
    assert found == [
        ("LOC", "Californië"),
        ("LOC", "Sierra Nevada"),
        ("PER", "Jan de Vries"),
        ("ORG", "De"),
    ]
    assert [(e.label, docs[1].text[e.start : e.end]) for e in docs[1].entities] == [
        ("PER", "Piet"),
        ("PER", "Kees"),
        ("MISC", "Belgen"),
    ]
    assert docs[1].article == 1


def test_articles_are_cut_into_documents_of_at_most_n_sentences() -> None:
    docs = build_documents(_articles(), sentences_per_doc=1)
    assert [d.sentences for d in docs] == [1, 1, 1]
    assert [d.article for d in docs] == [0, 0, 1]
    assert docs[1].text.startswith("Jan de Vries")
    assert docs[1].entities[0] == GoldEntity("PER", 0, len("Jan de Vries"))


def test_text_before_the_first_docstart_is_an_article() -> None:
    assert len(read_conll(["Jan N B-PER\n", "\n", "-DOCSTART- -DOCSTART- O\n", "Piet N B-PER\n"])) == 2


@pytest.mark.parametrize("line", ["Jan\n", "Jan N X-PER\n", "Jan N B-\n"])
def test_bad_lines_are_rejected(line: str) -> None:
    with pytest.raises(ConllFormatError):
        read_conll([line])


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ([], []),
        (["O", "O"], []),
        (["B-PER", "I-PER", "O", "B-LOC"], [("PER", 0, 2), ("LOC", 3, 4)]),
        (["B-PER", "B-PER"], [("PER", 0, 1), ("PER", 1, 2)]),
        (["I-PER", "I-PER", "I-LOC"], [("PER", 0, 2), ("LOC", 2, 3)]),  # IOB1
        (["O", "I-ORG"], [("ORG", 1, 2)]),
        (["B-PER", "I-LOC"], [("PER", 0, 1), ("LOC", 1, 2)]),
    ],
)
def test_iob_spans(tags: list[str], expected: list[tuple[str, int, int]]) -> None:
    assert iob_spans(tags) == expected


def test_score_documents_maps_labels_to_detector_types() -> None:
    docs = build_documents(_articles())
    text = docs[0].text
    jan = text.index("Jan de Vries")
    cal = text.index("Californië")
    predictions = [
        [
            ("PERSON", jan, jan + len("Jan de Vries")),  # strict hit
            ("LOCATION", cal, cal + 5),  # overlap only
            ("PERSON", text.index("Sierra"), text.index("Sierra") + 6),  # wrong type
        ],
        [("PERSON", 0, 4)],  # Piet; Kees missed
    ]
    scores = score_documents(docs, predictions)
    assert scores["PER"].strict == Scores(2, 3, 2, 3)
    assert scores["PER"].overlap == Scores(2, 3, 2, 3)
    assert scores["LOC"].strict == Scores(0, 1, 0, 2)
    assert scores["LOC"].overlap == Scores(1, 1, 1, 2)
    assert scores["ORG"].strict == Scores(0, 0, 0, 1)
    with pytest.raises(ValueError):
        score_documents(docs, predictions[:1])


def test_conll_dir_is_configurable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(conll.CONLL_DIR_ENV, str(tmp_path))
    assert conll.default_conll_dir() == tmp_path
    (tmp_path / "mini").write_text(SNIPPET, encoding="utf-8")
    assert len(conll.load_documents("mini")) == 2
    with pytest.raises(FileNotFoundError):
        conll.load_documents("ned.missing")
    monkeypatch.delenv(conll.CONLL_DIR_ENV)
    assert conll.default_conll_dir().parts[-3:] == ("shared", "data", "conll2002")
