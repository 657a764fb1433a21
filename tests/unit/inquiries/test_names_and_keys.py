from __future__ import annotations

from datetime import date

import pytest

from piigov.inquiries.keys import finding_subject_keys, name_in_context, parse_date
from piigov.inquiries.names import name_keys, parse_name

FOUR_WAYS = ["Mohammed El Amrani", "M. el Amrani", "El Amrani, M.", "dhr. El Amrani"]


def test_a_name_written_four_ways_shares_its_surname_and_initial_keys() -> None:
    keys = [name_keys(n) for n in FOUR_WAYS]
    assert all("surname:elamrani" in k for k in keys)
    assert all("initial:m|elamrani" in k for k in keys[:3])
    assert "full:mohammed|elamrani" in keys[0] and not any(k.startswith("full:") for k in keys[3])


@pytest.mark.parametrize(
    ("written", "given", "initial", "surname"),
    [
        ("Ayşe Öztürk", "aicha", "a", "ozturk"),  # canonical spelling of Ayşe / Aisha / Aicha
        ("A. Ozturk", None, "a", "ozturk"),
        ("C.E.G. van Gennip", None, "c", "vangennip"),
        ("Vries, J. de", None, "j", "devries"),
        ("de heer Van der Berg", None, None, "vanderberg"),
        ("mevrouw Bouzid", None, None, "bouzid"),
        ("Mohammed Ali El-Amrani", "mohammed", "m", "elamrani"),
        ("Van Baarle", None, None, "vanbaarle"),
    ],
)
def test_parse_name(written: str, given: str | None, initial: str | None, surname: str) -> None:
    parsed = parse_name(written)
    assert parsed is not None
    assert (parsed.given, parsed.initial, parsed.surname) == (given, initial, surname)


def test_particles_or_titles_alone_are_no_name() -> None:
    assert parse_name("van der") is None
    assert name_keys("") == set()


def test_three_word_names_keep_both_readings() -> None:
    keys = name_keys("Ayaan Hirsi Ali")
    assert {"surname:hirsiali", "surname:ali", "full:ayaan|hirsiali"} <= keys


def test_a_lone_word_may_be_a_given_name_but_not_after_a_title() -> None:
    assert "given:mohammed" in name_keys("Mohammed")
    assert "given:bouzid" not in name_keys("mevrouw Bouzid")


@pytest.mark.parametrize(
    "written", ["3 maart 1987", "03-03-1987", "3-3-'87", "geb. 3-3-87", "1987-03-03", "3e maart 1987"]
)
def test_dutch_dates_meet(written: str) -> None:
    assert parse_date(written, today=date(2024, 1, 1)) == date(1987, 3, 3)


def test_impossible_dates_are_none() -> None:
    assert parse_date("31 februari 1990") is None
    assert parse_date("geen datum") is None


def test_initials_next_to_a_detected_surname_are_used() -> None:
    text = "Deelnemers\nEl Amrani, M. - aanwezig"
    start = text.index("El")
    assert name_in_context(text, start, start + len("El Amrani")) == "El Amrani, M."
    keys = finding_subject_keys("PERSON", text, start, start + len("El Amrani"))
    assert "initial:m|elamrani" in keys
    text = "sprak dhr. El Amrani"
    start = text.index("El")
    assert name_in_context(text, start, len(text)) == "El Amrani"
    assert finding_subject_keys("DATE_TIME", "geboren 3 maart 1987", 8, 20) == {"date:1987-03-03"}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Mohammed El Amrani", "Mohamed el Amrani"),
        ("Mohammed El Amrani", "Muhammad El-Amrani"),
        ("Youssef Bakkali", "Yusuf Bakkali"),
        ("Fatima Bouzid", "Fadma Bouzid"),
        ("Hüseyin Yılmaz", "Hussein Yilmaz"),
    ],
)
def test_transliterations_of_a_given_name_make_a_full_match(one: str, other: str) -> None:
    full = {k for k in name_keys(one) if k.startswith("full:")}
    assert full and full == {k for k in name_keys(other) if k.startswith("full:")}


def test_different_given_names_stay_different() -> None:
    assert not {k for k in name_keys("Mohammed El Amrani") if k.startswith("full:")} & {
        k for k in name_keys("Ahmed El Amrani") if k.startswith("full:")
    }
