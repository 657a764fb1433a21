"""A name or place column vouches for its other cells (piigov.detection.table_columns)."""

from __future__ import annotations

from piigov.detection.recognizers.nl_table_recognizer import is_inverted_name, table_cells
from piigov.detection.table_columns import RECOGNIZER_NAME, column_values
from piigov.detection.types import Detection

CONTACTS = (
    "datum;contact;organisatie\n"
    "03-04-2019;Yeşilyurt, İlknur;Alevitische vrouwenvereniging\n"
    "11-04-2019;Ramlakhan, Indra;Sanatan Dharm Jeugd\n"
    "25-04-2019;Osei Acheampong;Stichting Buurtvaders\n"
    "04-06-2019;onbekend;Jeugdzorg\n"
)


def _at(text: str, value: str, entity: str) -> Detection:
    start = text.index(value)
    return Detection(entity, start, start + len(value), 0.5, "test")


def _values(text: str, found: list[Detection]) -> list[tuple[str, str]]:
    return [(d.entity_type, text[d.start : d.end]) for d in found]


def test_tables_are_runs_of_three_lines_with_one_separator():
    text = "Inleiding.\n" + CONTACTS + "\nNaam\tPlaats\nEen\tTwee\n"
    tables = table_cells(text)
    assert len(tables) == 1  # the tab run has only two lines
    assert [cell[2] for cell in tables[0][1]] == [
        "03-04-2019",
        "Yeşilyurt, İlknur",
        "Alevitische vrouwenvereniging",
    ]
    start, end, value = tables[0][2][1]
    assert text[start:end] == value == "Ramlakhan, Indra"


def test_inverted_names_make_a_person_column():
    found = column_values(CONTACTS, [])
    assert _values(CONTACTS, found) == [
        ("PERSON", "Yeşilyurt, İlknur"),
        ("PERSON", "Ramlakhan, Indra"),
        ("PERSON", "Osei Acheampong"),
    ]
    assert {d.recognizer for d in found} == {RECOGNIZER_NAME}


def test_detected_cells_vouch_for_the_rest_of_their_column():
    text = (
        "boekdatum\tgever\tbedrag\tplaats\n"
        "02-01-2018\tHayriye Baysal\t€ 50\tDeventer\n"
        "05-01-2018\tNilofar Ahmadzai\t€ 20\tHoofddorp\n"
        "08-01-2018\tKezban Mutlu\t€ 10\tDenizli\n"
    )
    detections = [
        _at(text, "Hayriye Baysal", "PERSON"),
        _at(text, "Nilofar Ahmadzai", "PERSON"),
        _at(text, "Deventer", "LOCATION"),
        _at(text, "Hoofddorp", "LOCATION"),
    ]
    assert _values(text, column_values(text, detections)) == [
        ("PERSON", "Kezban Mutlu"),
        ("LOCATION", "Denizli"),
    ]


def test_a_column_speaks_only_with_a_majority_and_only_for_name_like_cells():
    text = (
        "nr;organisatie;contact\n1;Stichting Al-Amal;ja\n2;Jeugdzorg;nee\n3;Kaya Bouw;ja\n4;ROC Midden;ja\n"
    )
    # one cell taken for a person is no majority; organisation words are never names
    assert column_values(text, [_at(text, "Kaya Bouw", "PERSON")]) == []
    both = [_at(text, "Kaya Bouw", "PERSON"), _at(text, "ROC Midden", "PERSON")]
    assert column_values(text, both) == []  # 2 of 4 is half, but "Stichting"/"Jeugdzorg" are no names


def test_inverted_name_cells():
    assert is_inverted_name("Kurtović, Sead")
    assert is_inverted_name("Bouharrou, A.")
    assert not is_inverted_name("Utrecht, Amsterdam")  # places
    assert not is_inverted_name("Stichting, Vereniging")
    assert not is_inverted_name("Osei Acheampong")


def test_a_date_column_vouches_for_its_two_digit_years():
    text = (
        "Naam\tGeboortedatum\tWoonplaats\n"
        "Lahlou, Ihssane\t1988-02-17\tGouda\n"
        "Köseoğlu, Müzeyyen\t14-8-'66\tGouda\n"
        "Ruqiyo Kaarshe\t11/7/81\tAlphen aan den Rijn\n"
        "Idbelkas, Massinissa\t21-07-1992\tGouda\n"
    )
    detections = [_at(text, "1988-02-17", "DATE_TIME"), _at(text, "21-07-1992", "DATE_TIME")]
    dates = [v for t, v in _values(text, column_values(text, detections)) if t == "DATE_TIME"]
    assert dates == ["14-8-'66", "11/7/81"]
    assert [v for t, v in _values(text, column_values(text, detections[:1])) if t == "DATE_TIME"] == []
