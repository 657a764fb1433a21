"""Bare repeats of names found once in a document (piigov.detection.propagation)."""

from __future__ import annotations

from piigov.detection.propagation import RECOGNIZER_NAME, repeated_names
from piigov.detection.types import Detection

PARTICLES = {"van", "de", "der", "den", "el", "ait"}
MODEL = "SpacyRecognizer"


def _person(text: str, name: str, recognizer: str = "NlPersonRecognizer", nth: int = 0) -> Detection:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Detection("PERSON", start, start + len(name), 0.85, recognizer)


def _repeats(text: str, detections: list[Detection], **kwargs) -> list[str]:
    found = repeated_names(text, detections, statistical={MODEL}, particles=PARTICLES, **kwargs)
    assert all(d.recognizer == RECOGNIZER_NAME and d.entity_type == "PERSON" for d in found)
    return [text[d.start : d.end] for d in found]


def test_surname_of_a_full_name_is_found_where_it_stands_alone() -> None:
    text = "Gesprek met Shimon Peres in Jeruzalem. Peres zei later dat Peres' partij verloor."
    assert _repeats(text, [_person(text, "Shimon Peres")]) == ["Peres", "Peres"]


def test_a_full_name_repeated_without_any_detection_is_found_whole() -> None:
    text = "Fatima El Amrani belde. Later schreef Fatima El Amrani een brief; El Amrani tekende."
    assert _repeats(text, [_person(text, "Fatima El Amrani")]) == ["Fatima El Amrani", "El Amrani"]


def test_particles_are_capitalised_when_the_surname_stands_alone() -> None:
    text = "Jan van Dijk is verhuisd. Van Dijk woont nu in Breda, zegt van Dijk."
    assert _repeats(text, [_person(text, "Jan van Dijk")]) == ["Van Dijk", "van Dijk"]


def test_one_word_names_are_repeated_only_from_patterns_not_from_the_model() -> None:
    text = "mevrouw Bouzid belde. Bouzid wil een afspraak. Knesset stemde; de Knesset zweeg."
    title = _person(text, "Bouzid")
    model = _person(text, "Knesset", recognizer=MODEL)
    assert _repeats(text, [title, model]) == ["Bouzid"]


def test_covered_occurrences_short_words_acronyms_and_common_words_are_left_alone() -> None:
    text = "Kees Bakker en Jan Li van de KS. Bakker, Li en KS. Breda: Bakker woont in Breda."
    detections = [
        _person(text, "Kees Bakker"),
        _person(text, "Jan Li"),
        Detection("LOCATION", text.index("Breda"), text.index("Breda") + 5, 0.5, "NlLocationRecognizer"),
    ]
    assert _repeats(text, detections) == ["Bakker", "Bakker"]
    # "Bakker" is also a common word (a baker): at the start of a sentence it is left alone
    assert _repeats(text, detections, lower_case_words={"bakker"}) == []
    mid = "Kees Bakker belde. Toen zei Bakker nee.\nBakker bakt brood."
    assert _repeats(mid, [_person(mid, "Kees Bakker")], lower_case_words={"bakker"}) == ["Bakker"]
    # an occurrence inside another detection is not reported twice
    covered = [
        *detections,
        Detection("ORGANIZATION", text.index("Bakker, Li"), text.index("Bakker, Li") + 10, 0.45, MODEL),
    ]
    assert _repeats(text, covered) == ["Bakker"]


def test_exception_words_and_a_surname_after_particles_alone_are_not_repeated() -> None:
    text = "burgemeester Foubert van Sint-Niklaas. Sint-Niklaas verbiedt. Stichting Noord; Noord."
    detections = [_person(text, "Foubert van Sint-Niklaas"), _person(text, "Stichting Noord")]
    assert _repeats(text, detections, exceptions={"Stichting"}) == ["Noord"]
    assert _repeats(text, detections, exceptions={"Stichting", "Noord"}) == []


def test_nothing_to_repeat() -> None:
    assert repeated_names("Geen namen hier.", [], statistical=set(), particles=PARTICLES) == []


def test_the_detector_reports_repeats_and_can_turn_them_off(detector, tmp_path) -> None:
    from piigov.detection import Detector

    text = "Geachte mevrouw Vanopdenbosch,\nHet dossier van Vanopdenbosch is compleet."
    found = [
        (text[d.start : d.end], d.recognizer) for d in detector.detect(text) if d.entity_type == "PERSON"
    ]
    assert found == [("Vanopdenbosch", "NlPersonRecognizer"), ("Vanopdenbosch", RECOGNIZER_NAME)]

    from importlib import resources

    raw = resources.files("piigov.detection.conf").joinpath("recognizers.yaml").read_text(encoding="utf-8")
    config = tmp_path / "recognizers.yaml"
    config.write_text(raw.replace("repeated_name_score: 0.5", "repeated_name_score: 0"), encoding="utf-8")
    off = Detector(config_path=config)
    assert [text[d.start : d.end] for d in off.detect(text) if d.entity_type == "PERSON"] == ["Vanopdenbosch"]


def test_a_long_register_with_thousands_of_names_is_searched_in_one_pass() -> None:
    first = ["Fatima", "Kees", "Ayşe", "Hodan", "Radjesh"]

    def surname(i: int) -> str:  # Bakabaki, Bakabakj, ...: 3,000 distinct letter-only surnames
        letters = "".join("abcdefghijklmnopqrstuvwxyz"[(i // 26**k) % 26] for k in range(3))
        return f"Bak{letters}ski"

    rows = [f"{first[i % 5]} {surname(i)}\tgesprek gevoerd" for i in range(3000)]
    notes = [f"Later belde {surname(i)} terug." for i in range(0, 3000, 7)]
    text = "\n".join(rows + notes)
    detections = []
    position = 0
    for row in rows:
        name = row.split("\t")[0]
        detections.append(Detection("PERSON", position, position + len(name), 0.7, "NlPersonRecognizer"))
        position += len(row) + 1
    found = _repeats(text, detections)
    assert found == [surname(i) for i in range(0, 3000, 7)]


def test_a_name_in_capitals_is_repeated_in_ordinary_spelling_and_back() -> None:
    text = "achternaam ....... CIGAAL\nMelding over Cigaal. In het register: GARAAD en Garaad."
    found = _repeats(text, [_person(text, "CIGAAL"), _person(text, "Garaad")])
    assert found == ["Cigaal", "GARAAD"]


def test_short_initials_in_capitals_are_not_repeated() -> None:
    text = "Einde van het stuk. (KVS)\nDe KVS speelt morgen."
    assert _repeats(text, [_person(text, "KVS")]) == []


def test_a_one_word_model_person_is_repeated_when_vouched_for() -> None:
    text = "Volgens Autar is dat zo. Autar zei later niets."
    model = _person(text, "Autar", recognizer=MODEL)
    assert _repeats(text, [model]) == []
    assert _repeats(text, [model], vouch=lambda _text, _det: True) == ["Autar"]


def test_the_models_place_or_organisation_over_exactly_a_known_name_gives_way() -> None:
    text = "Mevrouw Autar belde. Later zei Autar dat Autarbouw niet klopte."
    title = _person(text, "Autar")
    second = text.index("Autar", text.index("zei"))
    as_org = Detection("ORGANIZATION", second, second + 5, 0.45, MODEL)
    assert _repeats(text, [title, as_org]) == ["Autar"]
    # a pattern's place, or a model entity that is longer than the name, stays
    wider = Detection("LOCATION", second - 4, second + 5, 0.5, MODEL)
    assert _repeats(text, [title, wider]) == []
    pattern_place = Detection("LOCATION", second, second + 5, 0.5, "NlLocationRecognizer")
    assert _repeats(text, [title, pattern_place]) == []


def test_the_detector_reports_the_repeat_instead_of_the_models_other_type(detector) -> None:
    text = "Gesprek met mevrouw Bisoendial.\nDaarna beroerde Bisoendial de sambaballen."
    found = [(text[d.start : d.end], d.entity_type) for d in detector.detect_many([text])[0]]
    assert found.count(("Bisoendial", "PERSON")) == 2
    assert ("Bisoendial", "ORGANIZATION") not in found


def test_a_name_with_diacritics_is_repeated_without_them() -> None:
    text = (
        "Gesprek met Şerafettin Ocakoğlu (Ocakoglu in onze eerdere brief). "
        "İlkay Gümüşdere staat in het systeem als GUMUSDERE, ILKAY."
    )
    detections = [_person(text, "Şerafettin Ocakoğlu"), _person(text, "İlkay Gümüşdere")]
    assert _repeats(text, detections) == ["Ocakoglu", "GUMUSDERE"]


def test_a_name_in_a_file_name_is_repeated_but_not_inside_a_hyphenated_word() -> None:
    text = "Gesprek met Ali Dabbagh.\nBijlage: verslag-Dabbagh-2019.docx; Dabbagh-Nahhas; niet-Dabbagh."
    found = repeated_names(text, [_person(text, "Ali Dabbagh")], statistical=set(), particles=PARTICLES)
    assert [d.start for d in found] == [text.index("Dabbagh-2019")]


def test_a_name_in_register_order_is_repeated_by_its_surname() -> None:
    text = 'INZIEN,"Ouhssain, Mimuna",515565313\nBrief aan Ouhssain verstuurd.'
    assert _repeats(text, [_person(text, "Ouhssain, Mimuna")]) == ["Ouhssain"]
    # the model's span glued over a CSV separator is no register order: "INZIEN" is no surname
    glued = 'EXPORT,"Kaya, Ali"\nINZIEN,"Ladane,X\nINZIEN daarna.'
    assert _repeats(glued, [_person(glued, 'INZIEN,"Ladane')]) == []


def test_a_name_is_repeated_in_lower_case_only_where_that_is_no_dutch_word() -> None:
    text = "ZOEK ouhssain\nINZIEN Mimuna Ouhssain\nZOEK kirecci\nINZIEN Sevinç Kireççi\nde visser ving vis"
    detections = [
        _person(text, "Mimuna Ouhssain"),
        _person(text, "Sevinç Kireççi"),
        _person(text, "de visser"),
    ]
    assert _repeats(text, detections[:2]) == ["ouhssain", "kirecci"]
    # words the training text writes in lower case are words; a short name ("Ali") in lower case
    # is too often something else
    other = "Kees Bakker en Ali Roos. De bakker zag een roos en zei: ali."
    found = [_person(other, "Kees Bakker"), _person(other, "Ali Roos")]
    assert _repeats(other, found, lower_case_words={"bakker", "roos"}) == []
    assert _repeats(other, found) == ["bakker", "roos"]  # without that list they are taken for names


def test_a_possessive_s_before_what_is_theirs_is_a_repeat() -> None:
    text = "Afdhuub Wardheere belt. Wardheeres broer woont in Leicester. Wardheeres."
    assert _repeats(text, [_person(text, "Afdhuub Wardheere")]) == ["Wardheeres"]  # not before "."


def test_a_trailing_particle_of_a_register_name_is_no_key() -> None:
    text = 'CN="Rozendal, Barthold van":mailto:x\nHij is imam van een moskee; Rozendal belde.'
    assert _repeats(text, [_person(text, "Rozendal, Barthold van")]) == ["Rozendal"]
