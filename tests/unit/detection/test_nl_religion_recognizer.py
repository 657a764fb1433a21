from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_religion_recognizer import NlReligionRecognizer

ENTITY = "NRP"


@pytest.fixture(scope="module")
def recognizer() -> NlReligionRecognizer:
    return NlReligionRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("Cliënt is moslim.", ENTITY, ["moslim"]),
        ("Zij is moslima en draagt", ENTITY, ["moslima"]),
        ("de moslims in de wijk", ENTITY, ["moslims"]),
        ("twee moslima's", ENTITY, ["moslima's"]),
        ("een islamitische opvoeding", ENTITY, ["islamitische"]),
        ("De Islam", ENTITY, ["Islam"]),
        ("SALAFIST", ENTITY, ["SALAFIST"]),
        ("salafistische prediker", ENTITY, ["salafistische"]),
        ("over salafisme", ENTITY, ["salafisme"]),
        ("bezoekt de moskee", ENTITY, ["moskee"]),
        ("drie moskeeën", ENTITY, ["moskeeën"]),
        ("de imam zei", ENTITY, ["imam"]),
        ("sjiitische en soennitische", ENTITY, ["sjiitische", "soennitische"]),
        ("een soefi", ENTITY, ["soefi"]),
        ("is in 2019 bekeerd tot de islam", ENTITY, ["bekeerd tot de islam"]),
        ("volgt koranles", ENTITY, ["koranles"]),
        ("soennitisch en praktiserend", ENTITY, ["soennitisch", "praktiserend"]),
        ("€ 250,00\tzakat\tDeventer", ENTITY, ["zakat"]),
        ("gift iftar", ENTITY, ["iftar"]),
        ("op de koranschool", ENTITY, ["koranschool"]),
        ("katholiek gedoopt", ENTITY, ["katholiek"]),
        ("de katholieken", ENTITY, ["katholieken"]),
        ("protestantse familie", ENTITY, ["protestantse"]),
        ("een joodse vrouw", ENTITY, ["joodse"]),
        ("de joden", ENTITY, ["joden"]),
        ("naar de synagoge", ENTITY, ["synagoge"]),
        ("hindoeïstische bruiloft", ENTITY, ["hindoeïstische"]),
        ("hindoeistisch zonder trema", ENTITY, ["hindoeistisch"]),
        ("boeddhistisch klooster", ENTITY, ["boeddhistisch"]),
        ("christelijke opvoeding", ENTITY, ["christelijke"]),
        ("Jehova's getuige", ENTITY, ["Jehova's getuige"]),
        ("zij is zeer gelovig", ENTITY, ["gelovig"]),
        ("sinds 2015 bekeerd", ENTITY, ["bekeerd"]),
        ("les in koranrecitatie", ENTITY, ["koranrecitatie"]),
        ("lid van het moskeebestuur", ENTITY, ["moskeebestuur"]),
        ("volgers noemen hem sheikh Usman", ENTITY, ["sheikh"]),
        ("treedt op als gastimam", ENTITY, ["gastimam"]),
        ("Doski zegt dat hij ezidi is", ENTITY, ["ezidi"]),
        ("soefi (Barelvi), gematigd", ENTITY, ["soefi", "Barelvi"]),
    ],
)
def test_religion_terms_are_found(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("bij de kerk om de hoek", ENTITY, []),  # "kerk" is a building, deliberately not listed
        ("Kerkstraat 12", ENTITY, []),
        ("zij draagt een hoofddoek", ENTITY, []),  # clothing, not religion per se
        ("islamologie", ENTITY, []),  # whole words only
        ("imamat", ENTITY, []),
        ("joodsheid", ENTITY, []),
        ("moskeegebouw", ENTITY, []),  # a compound that is not listed
        ("Christelijk-Historische", ENTITY, ["Christelijk"]),
    ],
)
def test_whole_words_only(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


def test_weak_terms_score_lower(recognizer):
    (strong,) = recognizer.analyze("moslim", [ENTITY])
    (weak,) = recognizer.analyze("christelijke", [ENTITY])
    assert weak.score < strong.score
