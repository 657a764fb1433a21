"""NlGedcomRecognizer: names, places and event dates of a GEDCOM family tree."""

from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_gedcom_recognizer import NlGedcomRecognizer

GEDCOM = (
    "0 HEAD\n1 SOUR FAMILYTREEMAKER\n1 DATE 02 FEB 2024\n1 FILE stamboom-2024.ged\n"
    "0 @U1@ SUBM\n1 NAME Ithran Akhrif\n"
    "0 @I1@ INDI\n1 NAME Hassaine /Akhrif/\n2 GIVN Hassaine\n1 SEX M\n1 BIRT\n2 DATE ABT 1931\n"
    "2 PLAC Midar, Driouch, Marokko\n1 RELI soennitisch moslim\n1 FAMS @F1@\n"
    "0 @I4@ INDI\n1 NAME Tjaakje /van der Nieuwhof/\n1 BIRT\n2 DATE 23 OCT 1963\n2 PLAC Drachten\n"
    "1 RESI\n2 ADDR Koekoekstraat 19, 3514 CV Utrecht\n2 PHON 030-271 4490\n"
    "0 @F1@ FAM\n1 HUSB @I1@\n1 MARR\n2 DATE ABT 1958\n0 TRLR\n"
)


@pytest.fixture(scope="module")
def recognizer() -> NlGedcomRecognizer:
    return NlGedcomRecognizer()


@pytest.mark.parametrize(
    ("entity_type", "expected"),
    [
        # the submitter, given names and the surname between slashes, each a name
        ("PERSON", ["Ithran Akhrif", "Hassaine", "Akhrif", "Hassaine", "Tjaakje", "van der Nieuwhof"]),
        # every place of an event's comma list, the place of an address (not its street or postcode)
        ("LOCATION", ["Midar", "Driouch", "Marokko", "Drachten", "Utrecht"]),
        # the dates of births and marriages, not the date the file was written
        ("DATE_TIME", ["ABT 1931", "23 OCT 1963", "ABT 1958"]),
    ],
)
def test_values_of_person_and_family_records_are_found(recognizer, entity_type, expected):
    found = [
        GEDCOM[r.start : r.end] for r in recognizer.analyze(GEDCOM, None) if r.entity_type == entity_type
    ]
    assert found == expected


def test_a_text_that_is_no_gedcom_file_gives_nothing(recognizer):
    # tag-like lines without a HEAD record and an INDI record are no family tree
    assert recognizer.analyze("1 NAME Hassaine /Akhrif/\n2 PLAC Midar\n", None) == []
    assert recognizer.analyze("0 HEAD\n1 NOTE Hassaine\n", None) == []


def test_scores_and_requested_entities(recognizer):
    results = NlGedcomRecognizer(person_score=0.7, date_score=0.5).analyze(GEDCOM, ["PERSON", "DATE_TIME"])
    assert {(r.entity_type, r.score) for r in results} == {("PERSON", 0.7), ("DATE_TIME", 0.5)}
