"""Persons next to an institution word become organisations (piigov.detection.institutions)."""

from __future__ import annotations

import pytest

from piigov.detection.institutions import as_organisations, as_organisations_by_document, institution_words
from piigov.detection.types import Detection


def _types(text: str, name: str) -> list[str]:
    start = text.index(name)
    person = Detection("PERSON", start, start + len(name), 0.85, "NlPersonRecognizer")
    return [d.entity_type for d in as_organisations(text, [person])]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Het bestuur van moskee El Fath vergaderde.", "El Fath"),
        ("De Stichting Al Waqf kreeg geld.", "Al Waqf"),
        ("bij masjid Ar-Rayyan in Utrecht", "Ar-Rayyan"),
        ("Rotterdam: Yunus Emre Camii - wachten op stukken", "Yunus Emre"),  # the word after it
        ("Stichting Yunus Emre Camii", "Yunus Emre Camii"),  # the word ending it
        ("verhuurder Hofstede Verhuur BV", "Hofstede Verhuur"),
        ("imam Dar Al-Hikma in Zaandam", "Dar Al-Hikma"),  # the first word
        ("via Kuwait Finance House", "Kuwait Finance House"),
        ("directeur Islamitische Basisschool Ibn Sina", "Islamitische Basisschool Ibn Sina"),  # a word inside
        ("de Stichting Imam Bukhari Fonds", "Bukhari"),
        ("bestuur Stichting Imam Nawawi;KvK", "Nawawi"),  # an institution word, then a title
        ("afkomstig van moskee Sultan Ahmet.", "Ahmet"),
        ("afkomstig waren van Stichting Imam Nawawi. Daarna", "Nawawi"),  # tried from "Stichting"
        ("imam van de Stichting Abu Bakr As-Siddiq, woonachtig", "As-Siddiq"),  # two words between
        ("stichting Al-Imam Ash-Shafi'i", "Ash-Shafi"),
        ("zit op koranles bij de Ibn Taymiyya-moskee.", "Ibn Taymiyya"),  # a compound
        ("directeur OBS De Regenboog, Zaandam", "De Regenboog"),
        ("in het provinciehuis te Arnhem (zaal De Rijn).", "De Rijn"),
        ("Poeran Administratie & Advies", "Poeran"),
        ("SUB-2020-121\tHuiswerkklas Al-Ilm\tOuassim", "Al-Ilm"),
        # prizes, a theatre and a company named after a person
        ("Prijzen: Jan Campert-prijs (2021)", "Jan Campert"),
        ("uitreiking Truus Wijsmuller Vrijwilligersprijs 2024", "Truus Wijsmuller Vrijwilligersprijs"),
        ("in de hal van Theater Louis Couperus, Spui", "Louis Couperus"),
        ("onze koffie komt van Koffiebranderij Simon Lévelt, het brood", "Simon Lévelt"),
    ],
)
def test_a_person_next_to_an_institution_word_is_an_organisation(text: str, name: str) -> None:
    assert _types(text, name) == ["ORGANIZATION"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Het team Bouzid belde terug.", "Bouzid"),  # a team named after its leader
        ("De familie Öztürk woont hier.", "Öztürk"),
        ("Ökkeş Sağlam\tStichting Mevlana Camii\tvoorzitter", "Ökkeş Sağlam"),  # the next cell
        ("Fatima Bouzid schreef de stichting een brief.", "Fatima Bouzid"),
        ("de stichting heeft Ahmed Kaya benoemd", "Ahmed Kaya"),  # no capitalised word in between
        ("eindredactie omroep       Fokeline Barendsen", "Fokeline Barendsen"),  # a column gap
    ],
)
def test_persons_stay_persons_elsewhere(text: str, name: str) -> None:
    assert _types(text, name) == ["PERSON"]


def test_other_types_and_scores() -> None:
    text = "moskee El Fath"
    kept = Detection("LOCATION", 7, 14, 0.5, "SpacyRecognizer")
    assert as_organisations(text, [kept]) == [kept]
    made = as_organisations(text, [Detection("PERSON", 7, 14, 0.85, "NlPersonRecognizer")])
    assert made == [Detection("ORGANIZATION", 7, 14, 0.45, "NlPersonRecognizer")]


def test_word_lists_are_lower_case_and_apart() -> None:
    before, after = institution_words()
    assert "moskee" in before and "camii" in after and "team" not in before
    assert all(w == w.lower() for w in before | after)


def test_a_compound_ending_in_an_institution_word_comes_before_an_organisation() -> None:
    text = "Het Brugse IT-bedrijf Tectrade bouwt een platform."
    start = text.index("Tectrade")
    made = as_organisations(text, [Detection("PERSON", start, start + 8, 0.5, "SpacyRecognizer")])
    assert made[0].entity_type == "ORGANIZATION"
    # "afzender" ends in "zender" but names a person
    text = "Afzender Bouzid schreef de brief."
    assert (
        as_organisations(text, [Detection("PERSON", 9, 15, 0.5, "SpacyRecognizer")])[0].entity_type
        == "PERSON"
    )


def _by_document(text: str, spans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    detections = []
    for part, recognizer in spans:
        start = text.index(part, detections[-1].end if detections else 0)
        detections.append(Detection("PERSON", start, start + len(part), 0.5, recognizer))
    made = as_organisations_by_document(text, detections, {"SpacyRecognizer", "RepeatedNameInDocument"})
    return [(d.entity_type, text[d.start : d.end]) for d in made]


def test_a_name_after_an_institution_word_is_an_organisation_throughout_the_document() -> None:
    text = "Dat Tectrade zo'n project uitwerkt, is geen toeval. Het IT-bedrijf Tectrade groeit. Tectrade heeft klanten."
    spans = [
        ("Tectrade", "SpacyRecognizer"),
        ("Tectrade", "SpacyRecognizer"),
        ("Tectrade", "RepeatedNameInDocument"),
    ]
    assert _by_document(text, spans) == [("ORGANIZATION", "Tectrade")] * 3


def test_a_pattern_person_and_the_surname_of_a_full_name_stay_persons() -> None:
    # a person a pattern found is left alone; "Leleux" ends a full name of the document
    text = "mevrouw Kaya van beurshuis Kaya. Olivier Leleux leidt beurshuis Leleux. Leleux groeit."
    spans = [
        ("Kaya", "NlPersonRecognizer"),
        ("Olivier Leleux", "NlPersonRecognizer"),
        ("Leleux", "RepeatedNameInDocument"),
    ]
    assert _by_document(text, spans) == [
        ("PERSON", "Kaya"),
        ("PERSON", "Olivier Leleux"),
        ("PERSON", "Leleux"),
    ]


def test_without_an_institution_word_nothing_changes() -> None:
    text = "Dat Bouzid zo'n project uitwerkt, is geen toeval. Bouzid groeit."
    spans = [("Bouzid", "SpacyRecognizer"), ("Bouzid", "SpacyRecognizer")]
    assert _by_document(text, spans) == [("PERSON", "Bouzid")] * 2
