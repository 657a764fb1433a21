"""A name or place column vouches for its other cells (piigov.detection.table_columns)."""

from __future__ import annotations

from piigov.detection.recognizers.nl_table_recognizer import is_inverted_name, table_cells
from piigov.detection.table_columns import RECOGNIZER_NAME, column_values, without_header_cells
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


AUDIT_LOG = (
    '2020-06-02T09:14:22,r.mooijman@minszw.nl,ZOEK,"ouhssain",,,,,"zoekterm"\n'
    '2020-06-02T09:14:40,r.mooijman@minszw.nl,INZIEN,"Ouhssain, Mimuna",515565313,1983-04-19,Tilburg,204247645,"-"\n'
    '2020-06-03T08:47:10,a.lemstra@minszw.nl,INZIEN,"Huruuse, Xuseyn",116364294,1-1-1988,Ede,209213697,"imam"\n'
    '2020-06-03T08:52:33,a.lemstra@minszw.nl,INZIEN,"Bajnath, Rudie",,1991-02-14,Lelystad,202422819,"-"\n'
    '2020-06-03T09:31:02,a.lemstra@minszw.nl,EXPORT,"Hrustanović, Hajrija",299372236,1969-05-23,Oss,201979976,"x"\n'
    '2020-06-04T14:12:48,r.mooijman@minszw.nl,WIS,"Jemal, Fatna",,1990-01-01,Kampen,207826062,"verzoek; ook rekening"\n'
)


def test_a_comma_csv_without_a_header_row_is_a_table():
    tables = table_cells("Export van 4 juni, zie bijlage, map 3, regel 2.\n" + AUDIT_LOG)
    assert len(tables) == 1 and len(tables[0]) == 6  # the prose line has four commas but no run
    assert {len(row) for row in tables[0]} == {9}  # quoted commas and ";" do not cut a cell
    assert tables[0][5][8][2] == "verzoek; ook rekening"
    # prose whose lines keep changing their number of commas is no table
    prose = "Hij zei, zacht, dat het kon.\nZij, de buurvrouw, zei: nee, nooit, echt niet.\nDaarna, om drie uur, ging hij.\n"
    assert table_cells(prose) == []


def test_a_header_less_csv_gives_its_name_place_and_bsn_columns():
    detections = [_at(AUDIT_LOG, place, "LOCATION") for place in ("Tilburg", "Ede", "Lelystad", "Oss")]
    found = _values(AUDIT_LOG, column_values(AUDIT_LOG, detections))
    # the first row holds numbers: it is data, not a header
    persons = [v for t, v in found if t == "PERSON"]
    assert persons == [
        "Ouhssain, Mimuna",
        "Huruuse, Xuseyn",
        "Bajnath, Rudie",
        "Hrustanović, Hajrija",
        "Jemal, Fatna",
    ]
    assert ("LOCATION", "Kampen") in found
    # every filled cell of the fifth column passes the elfproef: BSNs without a context word;
    # the case numbers of the eighth fail it and stay out
    assert [v for t, v in found if t == "NL_BSN"] == ["515565313", "116364294", "299372236"]


def test_a_column_of_numbers_is_no_bsn_column_unless_every_one_passes_the_elfproef():
    rows = ["nr,naam,bsn,plaats"] + [
        f"{i},x,{n},y" for i, n in enumerate(("515565313", "116364294", "299372236"))
    ]
    assert [t for t, _ in _values("\n".join(rows), column_values("\n".join(rows), []))] == ["NL_BSN"] * 3
    failing = [*rows[:-1], "3,x,299372237,y"]  # one number fails: a column of case numbers
    assert column_values("\n".join(failing), []) == []
    two = rows[:-1]  # two valid numbers may be chance (1 in 121)
    assert column_values("\n".join(two), []) == []


def test_the_cells_of_a_header_row_name_no_one():
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position\n"
        "Qoorcade,Gaabey,https://x.nl/a,,Ouderraad Noord,Voorzitter\n"
        "Driekus,Lenferink,https://x.nl/b,,Vluchtelingenwerk,Analist\n"
        "Company Noord en Driekus\n"
    )

    def at(value: str, entity: str = "PERSON", nth: int = 0) -> Detection:
        start = text.index(value)
        for _ in range(nth):
            start = text.index(value, start + 1)
        return Detection(entity, start, start + len(value), 0.5, "SpacyRecognizer")

    detections = [at("Company"), at("Address", "LOCATION"), at("Driekus"), at("Company", nth=1)]
    kept = without_header_cells(text, detections)
    # the header's cells go; a name below it and the word outside the table stay
    assert [(text[d.start : d.end], d.start) for d in kept] == [
        ("Driekus", text.index("Driekus")),
        ("Company", text.index("Company", text.index("Company") + 1)),
    ]
    # a table whose first row holds no known headers keeps everything
    plain = "a;b;c\nKees;Jan;Piet\nx;y;z\n"
    keep = [Detection("PERSON", 0, 1, 0.5, "SpacyRecognizer")]
    assert without_header_cells(plain, keep) == keep
