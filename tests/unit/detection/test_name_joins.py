"""Parts of one name found by different steps are joined (name_joins)."""

from __future__ import annotations

import pytest

from piigov.detection.entity_typer import load_typer
from piigov.detection.name_joins import (
    ADDRESS_NAME,
    COORDINATED_NAME,
    LISTED_NAME,
    RECOGNIZER_NAME,
    REGISTER_ORDER_NAME,
    coordinated_names,
    joined_names,
    listed_names,
    names_before_their_address,
    register_order_names,
)
from piigov.detection.nlp import _particle_words
from piigov.detection.training import MODEL_DIR
from piigov.detection.types import Detection
from piigov.detection.wordlists import places, variant_set

TYPER = load_typer(str(MODEL_DIR))


def _det(text: str, part: str, entity_type: str = "PERSON", nth: int = 0) -> Detection:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Detection(entity_type, start, start + len(part), 0.5, "test")


def _joined(text: str, detections: list[Detection]) -> list[tuple[str, str]]:
    assert TYPER is not None, "the shipped model has an entity typer"
    found = joined_names(
        text,
        detections,
        first_names=variant_set("first_names.txt"),
        particles=_particle_words(),
        exceptions={"Stichting", "Ministerie"},
        places=places(),
        typer=TYPER,
    )
    assert [(d.start, d.end) for d in found] == sorted((d.start, d.end) for d in found)
    return [(d.entity_type, text[d.start : d.end]) for d in found]


def test_two_halves_of_a_name_become_one_person() -> None:
    text = "Ehud Barak , wiens kandidaat Shimon Peres was ."
    found = joined_names(
        text,
        [_det(text, "Shimon"), _det(text, "Peres")],
        first_names=frozenset(),
        particles=frozenset(),
        exceptions=frozenset(),
        places=frozenset(),
    )
    assert [(text[d.start : d.end], d.recognizer) for d in found] == [("Shimon Peres", RECOGNIZER_NAME)]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # two people next to each other, each found whole
        ("Nadat Tjin A Tsoi Tjin A Tsoi heeft verwond", ["Tjin A Tsoi", "Tjin A Tsoi"]),
        # not across a line break or punctuation
        ("Aanwezig: Bouzid\nKaya", ["Bouzid", "Kaya"]),
        ("Aanwezig: Bouzid, Kaya", ["Bouzid", "Kaya"]),
    ],
)
def test_neighbours_that_are_two_people_stay_apart(text: str, parts: list[str]) -> None:
    detections = [_det(text, part, nth=i if parts.count(part) > 1 else 0) for i, part in enumerate(parts)]
    assert _joined(text, detections) == [("PERSON", p) for p in parts]


def test_a_first_name_before_a_surname_is_taken_in() -> None:
    text = "de online-cliënten van Fatima Leleux kunnen handelen"
    assert _joined(text, [_det(text, "Leleux")]) == [("PERSON", "Fatima Leleux")]


@pytest.mark.parametrize(
    "text",
    [
        "HOME FROM THE HILL Kapitein Els van Beek is de rijkste",  # a title is no first name
        "de Amerikaanse Nobelprijswinnaar Maarten de Wit publiceerde",  # nor a role
        "gemeente Ede Leleux en partners",  # a place
    ],
)
def test_a_word_before_that_is_no_first_name_stays_out(text: str) -> None:
    name = "Els van Beek" if "Els" in text else "Maarten de Wit" if "Maarten" in text else "Leleux"
    assert _joined(text, [_det(text, name)]) == [("PERSON", name)]


def test_a_surname_after_a_lone_first_name_is_taken_in() -> None:
    text = "senator Hendrik van der Heijden , waarvan ik de tekst heb"
    assert _joined(text, [_det(text, "Hendrik")]) == [("PERSON", "Hendrik van der Heijden")]


@pytest.mark.parametrize(
    ("text", "name", "other"),
    [
        # after particles only a first name's surname: "van" + a town here
        ("de steun van Foubert van Sint-Niklaas , die", "Foubert", None),
        # an ordinary word, and a word another detection holds
        ("Volgens Fatima Moskee is dat", "Fatima", None),
        ("bij Fatima Utrecht in", "Fatima", "Utrecht"),
    ],
)
def test_a_word_after_stays_out(text: str, name: str, other: str | None) -> None:
    detections = [_det(text, name)] + ([_det(text, other, "LOCATION")] if other else [])
    expected = [("PERSON", name)] + ([("LOCATION", other)] if other else [])
    assert _joined(text, detections) == expected


def test_other_types_are_kept_as_they_are() -> None:
    text = "Shimon Peres woont in Utrecht."
    detections = [_det(text, "Shimon"), _det(text, "Peres"), _det(text, "Utrecht", "LOCATION")]
    assert _joined(text, detections) == [("PERSON", "Shimon Peres"), ("LOCATION", "Utrecht")]


def _coordinated(text: str, detections: list[Detection]) -> list[tuple[str, str, str]]:
    found = coordinated_names(
        text,
        detections,
        exceptions={"Stichting"},
        places=places(),
        statistical={"SpacyRecognizer"},
        typer=TYPER,
    )
    return [(d.entity_type, text[d.start : d.end], d.recognizer) for d in found]


def test_words_joined_to_a_person_by_en_are_a_person() -> None:
    text = "Ouassif en Haaruun Nugaal hebben vandaag alles gegeven."
    detections = [_det(text, "Ouassif"), _det(text, "Haaruun Nugaal", "LOCATION")]
    detections[0] = Detection("PERSON", 0, 7, 0.5, "RepeatedNameInDocument")
    detections[1] = Detection("LOCATION", detections[1].start, detections[1].end, 0.5, "SpacyRecognizer")
    assert _coordinated(text, detections) == [
        ("PERSON", "Ouassif", "RepeatedNameInDocument"),
        ("PERSON", "Haaruun Nugaal", COORDINATED_NAME),
    ]
    text = "verloofden zich\nVidjai Bhaggan en Rajkumarie Debidin\nFelicitaties"
    start = text.index("Rajkumarie")
    person = Detection("PERSON", start, start + len("Rajkumarie Debidin"), 0.5, "SpacyRecognizer")
    assert ("PERSON", "Vidjai Bhaggan", COORDINATED_NAME) in _coordinated(text, [person])


@pytest.mark.parametrize(
    ("text", "anchor", "anchor_recognizer"),
    [
        (
            "Het werk van Fatima Bouzid en Stichting Alamal",
            "Fatima Bouzid",
            "NlPersonRecognizer",
        ),  # an exception word
        ("De Vries en Den Haag", "De Vries", "NlPersonRecognizer"),  # a place
        ("Bouzid en Jansen werken samen", "Bouzid", "SpacyRecognizer"),  # a lone guess of the model
    ],
)
def test_no_person_where_the_other_side_is_no_name(text: str, anchor: str, anchor_recognizer: str) -> None:
    start = text.index(anchor)
    person = Detection("PERSON", start, start + len(anchor), 0.5, anchor_recognizer)
    assert _coordinated(text, [person]) == [("PERSON", anchor, anchor_recognizer)]


def test_the_entity_typer_has_the_last_word() -> None:
    text = "Ouassif en Haaruun Nugaal hebben vandaag alles gegeven."
    person = Detection("PERSON", 0, 7, 0.5, "RepeatedNameInDocument")
    found = coordinated_names(
        text,
        [person],
        exceptions=set(),
        places=set(),
        statistical=set(),
        typer=TYPER,
        min_person_probability=1.0,
    )
    assert found == [person]


def _listed(text: str, known: list[str], **kwargs: object) -> list[tuple[str, str, str]]:
    spans = [_det(text, name) for name in known]
    detections = [Detection("PERSON", d.start, d.end, 0.85, "SpacyRecognizer") for d in spans]
    found = listed_names(
        text,
        detections,
        exceptions={"Stichting"},
        places=places(),
        statistical={"SpacyRecognizer"},
        typer=TYPER,
        **kwargs,  # type: ignore[arg-type]
    )
    return [(d.entity_type, text[d.start : d.end], d.recognizer) for d in found]


def test_the_other_items_of_a_list_of_persons_are_persons() -> None:
    text = "Welkom in groep 3: Kiin, Melisa, Jasoda, Lidia, Gijsje en Soetinah. Veel plezier!"
    found = _listed(text, ["Kiin", "Melisa", "Jasoda", "Lidia"])
    assert ("PERSON", "Gijsje", LISTED_NAME) in found
    assert ("PERSON", "Soetinah", LISTED_NAME) in found
    assert len(found) == 6


def test_a_list_with_a_remark_per_item_and_a_wrapped_line() -> None:
    text = "Geslaagd: Tooxo Fidaar (Leiden), Ayaan Qorsheel (Delft),\nMeryem Oudaha (Gouda) en Lykele Wybrandi (Sneek)."
    found = _listed(text, ["Tooxo Fidaar", "Ayaan Qorsheel", "Meryem Oudaha"])
    assert ("PERSON", "Lykele Wybrandi", LISTED_NAME) in found


@pytest.mark.parametrize(
    ("text", "known"),
    [
        # too few persons to call it a list of persons
        ("Aanwezig: Bouzid, Kaya, Gijsje en Soetinah.", ["Bouzid", "Kaya"]),
        # fewer than half of the items are persons
        (
            "Routes: Kiin, Melisa, Jasoda, Amersfoort, Zwolle, Deventer, Gijsje en Soetinah.",
            ["Kiin", "Melisa", "Jasoda"],
        ),
        # places and exception words stay what they are
        ("Met Kiin, Melisa, Jasoda, Utrecht en Stichting Alamal.", ["Kiin", "Melisa", "Jasoda"]),
    ],
)
def test_no_person_where_the_list_or_the_item_is_no_list_of_names(text: str, known: list[str]) -> None:
    assert [name for _, name, _ in _listed(text, known)] == known


def test_the_typer_bar_holds_for_a_listed_item() -> None:
    text = "Welkom in groep 3: Kiin, Melisa, Jasoda, Lidia, Gijsje en Soetinah. Veel plezier!"
    found = _listed(text, ["Kiin", "Melisa", "Jasoda", "Lidia"], min_person_probability=1.01)
    assert [name for _, name, _ in found] == ["Kiin", "Melisa", "Jasoda", "Lidia"]


def _cells(text: str, detections: list[Detection]) -> list[tuple[str, str]]:
    found = register_order_names(
        text,
        detections,
        exceptions={"Postbus", "Taskforce"},
        places=places(),
        statistical={"SpacyRecognizer"},
    )
    return [(d.entity_type, text[d.start : d.end]) for d in found]


def test_a_cell_in_register_order_is_a_person_whatever_the_first_name() -> None:
    text = "Transcript\n\nHoogkamer, Sijke (SZW) heeft de transcriptie gestart\nAan: Postbus SZW; Hempenius, Wikje\n"
    assert _cells(text, []) == [("PERSON", "Hoogkamer, Sijke"), ("PERSON", "Hempenius, Wikje")]
    # a capital particle before the surname, two first names
    text = "Aan: Van Uitterlinden, Frerik; X\nAVG-13\tKaariye, Jamiila Xasuus\t00-00-1990"
    assert _cells(text, []) == [("PERSON", "Van Uitterlinden, Frerik"), ("PERSON", "Kaariye, Jamiila Xasuus")]
    # the model's place inside the cell gives way
    text = "T23-0440\tPasjtoe\tSpinghar, Zohal\t00-00-1993"
    start = text.index("Zohal")
    found = register_order_names(
        text,
        [Detection("LOCATION", start, start + 5, 0.5, "SpacyRecognizer")],
        exceptions=set(),
        places=places(),
        statistical={"SpacyRecognizer"},
    )
    assert [(d.entity_type, text[d.start : d.end], d.recognizer) for d in found] == [
        ("PERSON", "Spinghar, Zohal", REGISTER_ORDER_NAME)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Rotterdam, Schiedam\tgemeenten",  # places
        "Datum, Tijd\tOpmerking",  # ordinary words
        "Hij zei: Bouzid, Fatima en anderen kwamen",  # no cell end after the first name
        "Postbus 20, Den Haag",  # a word that never starts a name, digits
    ],
)
def test_other_comma_pairs_are_no_register_order_name(text: str) -> None:
    assert _cells(text, []) == []


def _addressed(text: str, detections: list[Detection]) -> list[tuple[str, str]]:
    found = names_before_their_address(
        text, detections, exceptions={"Stichting"}, places=places(), statistical={"SpacyRecognizer"}
    )
    return [(d.entity_type, text[d.start : d.end]) for d in found]


def test_a_name_before_an_address_with_its_surname_is_a_person() -> None:
    text = "Contact via Ybeltje Fokkema, ybeltje.fokkema@debat.nl, 06-12345678"
    address = _det(text, "ybeltje.fokkema@debat.nl", "EMAIL_ADDRESS")
    place = Detection("LOCATION", text.index("Fokkema"), text.index("Fokkema") + 7, 0.5, "SpacyRecognizer")
    assert _addressed(text, [place, address]) == [
        ("PERSON", "Ybeltje Fokkema"),
        ("EMAIL_ADDRESS", "ybeltje.fokkema@debat.nl"),
    ]
    text = "2. Tamazirt Aherdan, collega gemeente Rotterdam, t.aherdan@rotterdam.nl"
    found = names_before_their_address(
        text,
        [_det(text, "t.aherdan@rotterdam.nl", "EMAIL_ADDRESS")],
        exceptions=set(),
        places=places(),
        statistical=set(),
    )
    assert next((text[d.start : d.end], d.recognizer) for d in found) == ("Tamazirt Aherdan", ADDRESS_NAME)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mail Stichting Alamal via info@alamal.nl", "info@alamal.nl"),  # no surname in the address
        ("Fatima Bouzid\nf.bouzid@example.nl", "f.bouzid@example.nl"),  # not on the address's line
        ("Mail Den Haag Centraal via haag@example.nl", "haag@example.nl"),  # a place
    ],
)
def test_no_person_where_the_address_does_not_vouch(text: str, address: str) -> None:
    assert _addressed(text, [_det(text, address, "EMAIL_ADDRESS")]) == [("EMAIL_ADDRESS", address)]


def test_the_items_of_a_comma_list_of_persons_are_persons() -> None:
    # a lone word ends a list that began before; the next full name follows a credits label
    text = "met dank aan\nMürüvvet Pamukçu, Hêvî Pirbal, Lailuma Nasiri, Jaceyl\nde buren"
    first = Detection("PERSON", text.index("Mürüvvet"), text.index(","), 0.5, "SpacyRecognizer")
    found = _coordinated(text, [first])
    assert [(value, recognizer) for _, value, recognizer in found] == [
        ("Mürüvvet Pamukçu", "SpacyRecognizer"),
        ("Hêvî Pirbal", COORDINATED_NAME),
        ("Lailuma Nasiri", COORDINATED_NAME),
        ("Jaceyl", COORDINATED_NAME),
    ]
    text = "Fotografie           Zeferino Livramento, Venetia Awege\n"
    anchor = _det(text, "Zeferino Livramento")
    assert ("PERSON", "Venetia Awege", COORDINATED_NAME) in _coordinated(text, [anchor])


@pytest.mark.parametrize(
    "text",
    [
        "4. Yaritza Profas, Leek, BSN 160311822",  # a name, a place and a label
        "Hielkje Wijbenga-Ypma, Sneek\n",  # a letter's writer and her town
        "gaat over Tinhinane Mejdoubi, Ridderveld\n",  # a name and a neighbourhood
    ],
)
def test_one_word_after_a_name_and_a_comma_is_no_list_item(text: str) -> None:
    name = text.split(",")[0].split(". ")[-1].replace("gaat over ", "")
    anchor = _det(text, name)
    assert _coordinated(text, [anchor]) == [("PERSON", name, "test")]


def test_a_list_is_followed_back_from_its_last_person() -> None:
    text = "Nieuw in groep 1: Kiin, Melisa, Jasoda, Lidia, Gijsje en Soetinah. Fijn dat jullie er zijn."
    last = Detection("PERSON", text.index("Soetinah"), text.index(". Fijn"), 0.6, "NlPersonRecognizer")
    found = [value for _, value, _ in _coordinated(text, [last])]
    # "Gijsje" by "en", then item by item back while the entity typer agrees
    assert found[-4:] == ["Jasoda", "Lidia", "Gijsje", "Soetinah"]
    assert set(found) <= {"Kiin", "Melisa", "Jasoda", "Lidia", "Gijsje", "Soetinah"}


def test_a_listed_name_may_hold_particles() -> None:
    text = "Delegatie: Goaitsen Steensma, Hayder al-Ani, Krishnakoemar Ritoe en Anne van der Berg.\n"
    found = _listed(text, ["Goaitsen Steensma", "Krishnakoemar Ritoe", "Anne van der Berg"])
    assert ("PERSON", "Hayder al-Ani", LISTED_NAME) in found
