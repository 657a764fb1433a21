from __future__ import annotations

from pathlib import Path

import pytest

from piigov.demo import PlantedValue
from piigov.evaluation import regression
from piigov.evaluation.regression import RegressionDocument, find_occurrences, score


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("Gesprek met Ali Kaya.", "Ali Kaya", [(12, 20)]),
        ("Alibaba en Ali", "Ali", [(11, 14)]),  # not inside a word
        ("Bouzid, F. en mevrouw Bouzid", "Bouzid", [(0, 6), (22, 28)]),
        ("geen naam", "Bouzid", []),
        ("bouzid", "Bouzid", []),  # case-sensitive
        ("tel 06-12345678.", "06-12345678", [(4, 15)]),
        ("mail a.b@x.nl, a.b@x.nl", "a.b@x.nl", [(5, 13), (15, 23)]),
        ("x", "", []),
        ("Laan van\nMeerdervoort 112", "Laan van Meerdervoort 112", [(0, 25)]),  # wrapped in a PDF
    ],
)
def test_find_occurrences(text: str, value: str, expected: list[tuple[int, int]]) -> None:
    assert find_occurrences(text, value) == expected


def _doc(
    text: str, planted: list[PlantedValue], expected_class: str = "unlawfully_held"
) -> RegressionDocument:
    return RegressionDocument(2023, f"f{len(text)}.txt", "txt", expected_class, text, tuple(planted))


def test_recall_is_per_value_and_needs_the_same_type() -> None:
    text = "Fatima Bouzid woont in Utrecht. Later sprak Fatima Bouzid met Kees."
    planted = [
        PlantedValue("PERSON", "Fatima Bouzid", "moroccan"),
        PlantedValue("PERSON", "Kees", "dutch"),
        PlantedValue("LOCATION", "Utrecht"),
    ]
    detections = [
        ("PERSON", 0, 13),  # first of two occurrences: the value counts as found
        ("PERSON", 23, 30),  # Utrecht detected with the wrong type
        ("PERSON", 62, 66),  # Kees
        ("PERSON", 32, 37),  # "Later": false positive
    ]
    result = score([_doc(text, planted)], [detections])
    assert result.recall_by_type["PERSON"].as_dict() == {"recall": 1.0, "found": 2, "total": 2}
    assert result.occurrence_recall_by_type["PERSON"].found == 2
    assert result.occurrence_recall_by_type["PERSON"].total == 3
    assert result.recall_by_type["LOCATION"].recall == 0.0
    assert result.person_detections == 4
    assert result.person_false_positives == 2  # "Utrecht" and "Later" overlap no planted name
    assert {o.value: o.found for o in result.outcomes} == {
        "Fatima Bouzid": True,
        "Kees": True,
        "Utrecht": False,
    }


def test_person_recall_per_origin_and_spread() -> None:
    text = "Jan Jansen, Ayşe Yılmaz en Hodan Warsame"
    planted = [
        PlantedValue("PERSON", "Jan Jansen", "dutch"),
        PlantedValue("PERSON", "Ayşe Yılmaz", "turkish"),
        PlantedValue("PERSON", "Hodan Warsame", "somali"),
    ]
    result = score([_doc(text, planted)], [[("PERSON", 0, 10), ("PERSON", 12, 23)]])
    assert {k: v.recall for k, v in result.person_recall_by_origin.items()} == {
        "dutch": 1.0,
        "turkish": 1.0,
        "somali": 0.0,
    }
    assert result.origin_spread == 1.0


def test_no_pd_documents_count_false_positives_by_type() -> None:
    docs = [
        _doc("Beleid 2024, bel 06-12345678", [], "no_personal_data"),
        _doc("Beleid zonder iets", [], "no_personal_data"),
        _doc("Ali Kaya", [PlantedValue("PERSON", "Ali Kaya", "turkish")]),
    ]
    detections = [
        [("DATE_TIME", 7, 11), ("PHONE_NUMBER", 17, 28), ("PERSON", 0, 6)],
        [("DATE_TIME", 0, 6)],
        [("PERSON", 0, 8)],
    ]
    result = score(docs, detections)
    assert result.no_pd_documents == 2
    assert result.no_pd_documents_clean == 1  # dates are not counted as false positives
    assert result.no_pd_false_positives == {"PHONE_NUMBER": 1, "PERSON": 1}
    assert result.no_pd_other_detections == {"DATE_TIME": 2}
    assert result.person_detections == 1  # only documents with personal data count here
    assert result.person_false_positive_ratio == 0.0


def test_a_value_absent_from_the_text_is_not_found() -> None:
    result = score([_doc("niets", [PlantedValue("NL_BSN", "123456782")])], [[]])
    assert result.values_absent == 1
    assert result.recall_by_type["NL_BSN"].recall == 0.0


def test_golden_and_failures_round_trip(tmp_path: Path) -> None:
    text = "Ali Kaya, BSN 123456782"
    planted = [PlantedValue("PERSON", "Ali Kaya", "turkish"), PlantedValue("NL_BSN", "123456782")]
    result = score([_doc(text, planted)], [[("PERSON", 0, 8)]])
    regression.write_golden(tmp_path, result.outcomes, update_known_failures=True)
    golden = regression.load_golden(tmp_path)
    assert set(golden.values()) == {"found"}
    known = regression.load_known_failures(tmp_path)
    assert known == {("NL_BSN", "f23.txt", "123456782")}
    assert regression.failures(golden, result.outcomes) == known
    # an exemption (expected not_found) survives regeneration and turns the miss into a pass
    path = tmp_path / "golden" / "NL_BSN.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"found"', '"not_found"'), encoding="utf-8")
    regression.write_golden(tmp_path, result.outcomes, update_known_failures=True)
    assert regression.load_known_failures(tmp_path) == set()
