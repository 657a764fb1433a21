from __future__ import annotations

import pytest
import regex

from piigov.detection.wordlists import (
    fold_diacritics,
    is_nationality_adjective,
    load_wordlist,
    spelling_variants,
    trie_regex,
)


@pytest.mark.parametrize(
    ("name", "minimum"),
    [
        ("first_names.txt", 800),
        ("municipalities.txt", 340),
        ("religion_terms.txt", 60),
        ("person_exceptions.txt", 100),
        ("name_particles.txt", 40),
    ],
)
def test_word_list_sizes(name, minimum):
    entries = load_wordlist(name)
    assert len(entries) >= minimum
    assert len(set(entries)) == len(entries)
    assert all(e == e.strip() and "#" not in e for e in entries)


def test_municipality_count_matches_2024():
    official = [
        m.lstrip("~")
        for m in load_wordlist("municipalities.txt")
        if not m.startswith(("’",)) and m not in {"Den Haag", "Den Bosch", "Nuenen"}
    ]
    # 342 municipalities; "Bergen" (NH) and "Bergen" (L.) share one entry
    assert len(official) == 341


def test_first_names_do_not_collide_with_exceptions():
    exceptions = set(load_wordlist("person_exceptions.txt"))
    assert not exceptions & set(load_wordlist("first_names.txt"))


def test_first_names_cover_origins():
    names = set(load_wordlist("first_names.txt"))
    for name in ("Jan", "Fatima", "Mohammed", "Ayşe", "Mehmet", "Radjesh", "Hodan", "Churandy", "Łukasz"):
        assert name in names


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Öztürk", "Ozturk"),
        ("Ayşe", "Ayse"),
        ("Yılmaz", "Yilmaz"),
        ("Łukasz", "Lukasz"),
        ("İbrahim", "Ibrahim"),
    ],
)
def test_fold_diacritics(word, folded):
    assert fold_diacritics(word) == folded
    assert folded in spelling_variants(word)


def test_trie_regex_matches_exactly_the_words():
    words = ["Ann", "Anna", "Anne", "Anneke", "Bob", "van der", "'s-Hertogenbosch", "a.b"]
    pattern = regex.compile(rf"^{trie_regex(words)}$")
    for word in words:
        assert pattern.match(word), word
    assert pattern.match("van  der")  # blanks inside an entry match any run of blanks
    for other in ["An", "Annek", "Bobby", "vander", "axb", ""]:
        assert not pattern.match(other), other
    assert not regex.match(trie_regex([]), "anything")


def test_ordinary_words_are_not_names():
    from piigov.detection.wordlists import is_ordinary_word

    for word in ("Persoonsgegevens", "GEGEVENS", "Taskforce", "AVG-grondslag", "Melders"):
        assert is_ordinary_word(word), word
    # compounds that administrations make freely, which no word list holds
    for word in ("Jobnummer", "Signalenregister", "Filtercriteria", "Personeelsnummer", "DOSSIERTEAM"):
        assert is_ordinary_word(word), word
    # surnames and first names that are also words, and names of every origin, are not
    for word in (
        "Bakker",
        "Visser",
        "Mulder",
        "Kaya",
        "Bouzid",
        "Warsame",
        "Nanhoe",
        "Yusuf",
        "Van",
        "OGF",
    ):
        assert not is_ordinary_word(word), word


def test_street_names_by_their_ending() -> None:
    from piigov.detection.wordlists import is_street_name

    assert is_street_name("Krugerlaan") and is_street_name("Wilhelminastraat")
    assert not is_street_name("Verdijk")  # surnames end in -dijk, -hof, -baan
    assert not is_street_name("Velthof") and not is_street_name("Laan") and not is_street_name("krugerlaan")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Bosnische", True),
        ("Turks", True),
        ("Javaan", True),  # a noun of origin
        ("Marokkanen", True),
        ("Frans", False),  # also a first name
        ("Bouzid", False),
    ],
)
def test_adjectives_and_nouns_of_origin(word: str, expected: bool) -> None:
    assert is_nationality_adjective(word) is expected
