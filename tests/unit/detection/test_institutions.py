"""Persons next to an institution word become organisations (piigov.detection.institutions)."""

from __future__ import annotations

import pytest

from piigov.detection.institutions import as_organisations, institution_words
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
