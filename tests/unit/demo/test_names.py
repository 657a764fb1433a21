"""Word lists and identifier generators."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from stdnum import iban
from stdnum.nl import bsn

from piigov.demo.identifiers import (
    format_bsn,
    format_date,
    format_iban,
    format_phone,
    make_bsn,
    make_case_number,
    make_iban,
    make_people,
    make_phone,
)
from piigov.demo.names import ORIGINS, first_names, fold, municipalities, religion_terms, surnames


@pytest.mark.parametrize("origin", ORIGINS)
def test_lists_are_large_enough(origin: str) -> None:
    names = first_names(origin)
    assert len(names) >= 25 and len(surnames(origin)) >= 25
    assert {n.gender for n in names} == {"m", "v"}
    assert len(set(surnames(origin))) == len(surnames(origin))


def test_lists_have_the_expected_flavour() -> None:
    assert {"van der Linden", "de Jong"} <= set(surnames("dutch"))
    assert {"El Amrani", "Bouzid", "Ait Taleb"} <= set(surnames("moroccan"))
    assert {"Öztürk", "Şahin", "Yılmaz"} <= set(surnames("turkish"))
    assert 55 <= len(municipalities()) <= 70
    assert all(1000 <= m.postcode_low <= m.postcode_high <= 9999 for m in municipalities())
    assert {"moslim", "moskee", "imam", "koranles", "salafistisch", "bekeerd tot de islam"} <= set(
        religion_terms()
    )


def test_fold_is_one_to_one_per_character() -> None:
    assert fold("Ayşe Şahin", "latin-1") == "Ayse Sahin"
    assert fold("Yılmaz Öztürk", "cp1252") == "Yilmaz Öztürk"
    assert fold("Małgorzata Wiśniewski", "ascii") == "Malgorzata Wisniewski"
    for origin in ORIGINS:
        for s in surnames(origin):
            assert len(fold(s, "ascii")) == len(s)


def test_generators_are_valid() -> None:
    rng = random.Random(1)
    for _ in range(200):
        number = make_bsn(rng)
        assert bsn.is_valid(number) and bsn.is_valid(format_bsn(number, 3))
        account = make_iban(rng)
        assert iban.is_valid(account) and iban.is_valid(format_iban(account, 0))
        case = make_case_number(rng)
        assert len(case) == 9 and case.isdigit() and not bsn.is_valid(case)
        for mobile in (True, False):
            phone = make_phone(rng, mobile=mobile)
            for style in range(4):
                assert phonenumbers.is_valid_number(phonenumbers.parse(format_phone(phone, style), "NL"))


def test_written_forms() -> None:
    assert format_phone("0612345678", 0) == "06-12345678"
    assert format_phone("0612345678", 2) == "+31 6 1234 5678"
    assert format_phone("0703334444", 0) == "070 333 44 44"
    assert format_iban("NL91ABNA0417164300", 0) == "NL91 ABNA 0417 1643 00"
    assert format_date(1987, 3, 3, 0) == "3 maart 1987"
    assert format_date(1987, 3, 3, 1) == "03-03-1987"
    assert format_bsn("111222333", 3) == "1112.22.333"


def test_people_are_unique_and_interleaved() -> None:
    used: set[str] = set()
    rng = random.Random(5)
    people = make_people(rng, 60, used=used) + make_people(rng, 6, used=used, ministry=True)
    assert [p.origin for p in people[:6]] == list(ORIGINS)
    for attr in ("full", "bsn", "email", "iban", "phone"):
        assert len({getattr(p, attr) for p in people}) == len(people), attr
    staff = people[-6:]
    assert all(p.email.endswith("@minszw.example.com") and p.phone.startswith("070") for p in staff)
    dutch = next(p for p in people if p.surname.startswith("van "))
    assert dutch.surname_alone.startswith("Van ")
    assert dutch.sorted_name.endswith(dutch.surname.rsplit(" ", 1)[0])
