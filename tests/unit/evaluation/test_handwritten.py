"""The hand-written evaluation set (piigov.evaluation.handwritten): data, writers and scoring."""

from __future__ import annotations

import pytest
from stdnum.nl import bsn

from piigov.demo.manifest import PlantedValue
from piigov.evaluation import handwritten
from piigov.evaluation.regression import RegressionDocument, find_occurrences

DOCUMENTS = [d for directory in handwritten.SETS.values() for d in handwritten.load_documents(directory)]


def test_the_set_covers_every_format_origin_and_class() -> None:
    assert {d.format for d in DOCUMENTS} == set(handwritten.FORMATS)
    origins = {p.origin for d in DOCUMENTS for p in d.planted if p.entity_type == "PERSON"}
    assert origins == {"dutch", "moroccan", "turkish", "surinamese", "somali", "other"}
    assert sum(d.expected_class == "no_personal_data" for d in DOCUMENTS) >= 10
    assert sum(len(d.planted) for d in DOCUMENTS) >= 800


def test_planted_values_are_in_the_text_and_identifiers_are_valid() -> None:
    for document in DOCUMENTS:
        for planted in document.planted:
            assert find_occurrences(document.text, planted.value), (document.id, planted.entity_type)
            if planted.entity_type == "NL_BSN":
                assert bsn.is_valid(planted.value), document.id
        for negative in document.negatives:
            if negative.entity_type == "NL_BSN" and len(bsn.compact(negative.value)) == 9:
                assert not bsn.is_valid(negative.value), document.id


@pytest.mark.parametrize("fmt", handwritten.FORMATS)
def test_every_planted_value_survives_writing_and_extraction(fmt: str) -> None:
    documents = [d for d in DOCUMENTS if d.format == fmt]
    for document, extracted in zip(documents, handwritten.extracted_documents(documents), strict=True):
        assert extracted.path.endswith(".eml" if fmt == "msg" else f".{fmt}")
        missing = [p.entity_type for p in extracted.planted if not find_occurrences(extracted.text, p.value)]
        assert missing == [], document.id


def test_negatives_count_only_when_reported_as_their_type() -> None:
    document = handwritten.HandwrittenDocument(
        "x",
        "txt",
        "personal_data",
        "Zaak 123456789 van de stichting Yunus Emre Camii.",
        (PlantedValue("PERSON", "Ali", "turkish"),),
        (handwritten.Negative("NL_BSN", "123456789", "zaaknummer"),),
    )
    extracted = [RegressionDocument(0, "x.txt", "txt", "personal_data", document.text, document.planted)]
    start = document.text.index("123456789")
    assert handwritten.negative_hits([document], extracted, [[("NL_BSN", start, start + 9)]]) == [
        {"document": "x", "entity_type": "NL_BSN", "why": "zaaknummer"}
    ]
    assert handwritten.negative_hits([document], extracted, [[("PHONE_NUMBER", start, start + 9)]]) == []


def test_a_run_scores_the_whole_set() -> None:
    from piigov.detection import get_detector

    documents = handwritten.load_documents(handwritten.SETS["B"])
    result = handwritten.run(get_detector(), handwritten.SETS["B"])
    assert result.documents == len(documents)
    assert result.values_absent == 0
    assert result.recall_by_type["PERSON"].total == sum(
        p.entity_type == "PERSON" for d in documents for p in d.planted
    )
    summary = handwritten.summary(result)
    assert 0 < summary["person_recall"] <= 1
    assert summary["wrong_person_hits_per_15_real"] is not None
