"""SQL dump rows under their column names (piigov.detection.recognizers._sql_dump) and the table
recognizer that reads them."""

from __future__ import annotations

from piigov.detection.recognizers._sql_dump import sql_rows
from piigov.detection.recognizers.nl_table_recognizer import NlTableRecognizer

DUMP = """-- MySQL dump 10.13
CREATE TABLE `persoon` (
  `id` int(11) NOT NULL, `achternaam` varchar(80), `tussenv` varchar(10),
  `voornamen` varchar(80), `geb_plaats` varchar(60), `adres` varchar(120),
  PRIMARY KEY (`id`)
) ENGINE=InnoDB;
INSERT INTO `persoon` VALUES (1041,'Tjokroredjo',NULL,'Sumirah','Paramaribo','Paterswoldseweg 310'),(1042,'Kleinjan','van','Wijnanda','Zwolle','Assendorperstraat 7a');
INSERT INTO persoon (id, voornamen, achternaam) VALUES
(7, 'Siobhan', 'O\\'Neill'),
(8, 'te', 'veel', 'waarden');
"""


def test_rows_come_with_their_column_names_and_offsets() -> None:
    rows = list(sql_rows(DUMP))
    assert len(rows) == 3  # the row with four values for three columns is left out
    first = {name: value for name, _, _, value in rows[0]}
    assert first == {
        "id": "1041",
        "achternaam": "Tjokroredjo",
        "tussenv": "NULL",
        "voornamen": "Sumirah",
        "geb_plaats": "Paramaribo",
        "adres": "Paterswoldseweg 310",
    }
    for row in rows:
        for _, start, end, value in row:
            assert DUMP[start:end] == value
    assert [value for name, _, _, value in rows[2] if name == "achternaam"] == ["O\\'Neill"]


def test_the_table_recognizer_reads_a_dump() -> None:
    found = {(r.entity_type, DUMP[r.start : r.end]) for r in NlTableRecognizer().analyze(DUMP, [])}
    assert {
        ("PERSON", "Tjokroredjo"),
        ("PERSON", "Sumirah"),
        ("PERSON", "Kleinjan"),
        ("PERSON", "Wijnanda"),
        ("PERSON", "Siobhan"),
        ("LOCATION", "Paramaribo"),
        ("LOCATION", "Zwolle"),
        ("LOCATION", "Paterswoldseweg 310"),
    } <= found
    assert not any(value in {"NULL", "van", "1041"} for _, value in found)


def test_text_without_insert_statements_has_no_rows() -> None:
    assert list(sql_rows("Wij voegen (INSERT) niets toe aan de tabel (naam, plaats).")) == []
    assert list(sql_rows("INSERT INTO onbekend VALUES ('Kaya','Utrecht');")) == []  # no column names
