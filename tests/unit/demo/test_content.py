"""What is in the share: every planted value is really there, nothing unplanted is, and the mix is right."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import TYPE_CHECKING

import docx
import phonenumbers
import pytest
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from stdnum import iban
from stdnum.nl import bsn

from piigov.demo.manifest import ENTITY_TYPES, EXPECTED_CLASSES, FORMATS
from piigov.demo.names import ORIGINS, first_names, fold, municipalities, religion_terms, surnames

if TYPE_CHECKING:
    from pathlib import Path

    from piigov.demo import DemoManifest, PlantedFile

DIRECT_IDENTIFIERS = {"NL_BSN", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE"}
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN_RE = re.compile(r"\bNL\d{2} ?[A-Z]{4}(?: ?\d){10}\b")
NINE_DIGITS_RE = re.compile(r"(?<![\d.])\d{4}\.?\d{2}\.?\d{3}(?![\d.])|(?<!\d)\d{9}(?!\d)")
POSTCODE_RE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b")
DUTCH_DATE_RE = re.compile(
    r"^(?:\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
    r" (?:19|20)\d{2}|\d{2}-\d{2}-(?:19|20)\d{2})$"
)


def readable(manifest: DemoManifest) -> list[PlantedFile]:
    return [f for f in manifest.files if not f.note.startswith("corrupt")]


def spans(text: str, values: set[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for v in values for m in re.finditer(re.escape(v), text)]


def covered(start: int, end: int, planted_spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in planted_spans)


def word_variants(words: set[str]) -> set[str]:
    result = set()
    for w in words:
        for v in (w, w[0].upper() + w[1:]):
            result |= {v, fold(v, "latin-1"), fold(v, "cp1252")}
    return result


NAME_WORDS = word_variants(
    {n.name for o in ORIGINS for n in first_names(o)} | {s for o in ORIGINS for s in surnames(o)}
)
PLACES = {m.name for m in municipalities()}


def unplanted_hits(text: str, planted: set[str]) -> list[str]:
    """Everything in ``text`` that looks like personal data but is not inside a planted value."""
    ok = spans(text, planted)
    hits: list[tuple[int, int]] = []
    for rx in (EMAIL_RE, IBAN_RE, NINE_DIGITS_RE, POSTCODE_RE):
        hits += [(m.start(), m.end()) for m in rx.finditer(text)]
    hits += [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "NL")]
    for word in NAME_WORDS | PLACES | set(religion_terms()):
        hits += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    return sorted({text[s:e] for s, e in hits if not covered(s, e, ok)})


# --- every planted value is there -------------------------------------------------------------------
def test_every_planted_value_occurs_in_its_file(
    demo: tuple[Path, DemoManifest], texts: dict[str, str]
) -> None:
    _, manifest = demo
    missing = [
        (f.path, v.value) for f in readable(manifest) for v in f.planted if v.value not in texts[f.path]
    ]
    assert not missing


def test_nothing_unplanted_looks_like_personal_data(
    demo: tuple[Path, DemoManifest], texts: dict[str, str]
) -> None:
    _, manifest = demo
    problems = {}
    for f in readable(manifest):
        if f.expected_class == "no_personal_data":
            continue  # checked more strictly below
        hits = unplanted_hits(texts[f.path], {v.value for v in f.planted})
        if hits:
            problems[f.path] = hits
    assert not problems


def test_encrypted_pdf_needs_the_password(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    (encrypted,) = [f for f in manifest.files if f.note.startswith("encrypted")]
    assert encrypted.expected_class == "not_examined" and encrypted.planted
    reader = PdfReader(root / "share" / encrypted.path)
    assert reader.is_encrypted
    assert not reader.decrypt("verkeerd")


def test_corrupt_pdf_cannot_be_read(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    (corrupt,) = [f for f in manifest.files if f.note.startswith("corrupt")]
    assert corrupt.expected_class == "not_examined"
    data = (root / "share" / corrupt.path).read_bytes()
    assert data.startswith(b"%PDF-")
    with pytest.raises((PdfReadError, ValueError, KeyError)):
        reader = PdfReader(io.BytesIO(data))
        "".join(page.extract_text() for page in reader.pages)
    assert not [v.value for v in corrupt.planted if v.value.encode("latin-1") in data]


# --- values are well-formed ------------------------------------------------------------------------
def test_values_are_valid(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    values = [v for f in (*manifest.files, *manifest.taskforce_rows) for v in f.planted]
    assert {v.entity_type for v in values} <= set(ENTITY_TYPES)
    for v in values:
        assert (v.origin in ORIGINS) if v.entity_type == "PERSON" else v.origin == "", v
        if v.entity_type == "NL_BSN":
            assert bsn.is_valid(v.value), v
        elif v.entity_type == "IBAN_CODE":
            assert iban.is_valid(v.value) and v.value.startswith("NL"), v
        elif v.entity_type == "PHONE_NUMBER":
            assert phonenumbers.is_valid_number(phonenumbers.parse(v.value, "NL")), v
        elif v.entity_type == "EMAIL_ADDRESS":
            assert EMAIL_RE.fullmatch(v.value), v
        elif v.entity_type == "NL_POSTCODE":
            assert re.fullmatch(r"[1-9]\d{3} [A-Z]{2}", v.value), v
        elif v.entity_type == "DATE_TIME":
            assert DUTCH_DATE_RE.match(v.value), v
        elif v.entity_type == "LOCATION":
            assert fold(v.value, "latin-1") in {fold(p, "latin-1") for p in PLACES}, v
        elif v.entity_type == "NRP":
            assert v.value in religion_terms(), v


def test_identifier_forms_vary(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    by_type: dict[str, set[str]] = {}
    for f in manifest.files:
        for v in f.planted:
            by_type.setdefault(v.entity_type, set()).add(v.value)
    ibans = by_type["IBAN_CODE"]
    assert any(" " in v for v in ibans) and any(" " not in v for v in ibans)
    phones = by_type["PHONE_NUMBER"]
    assert any(v.startswith("06-") for v in phones) and any(v.startswith("+31") for v in phones)
    assert any(re.fullmatch(r"0\d{2} \d{3} \d{2} \d{2}", v) for v in phones)
    dates = by_type["DATE_TIME"]
    assert any(re.fullmatch(r"\d{2}-\d{2}-\d{4}", v) for v in dates) and any(" " in v for v in dates)
    persons = by_type["PERSON"]
    assert any(re.fullmatch(r"\w\. .+", v) for v in persons)  # "M. El Amrani"
    surnames_alone = {s[0].upper() + s[1:] for o in ORIGINS for s in surnames(o)}
    assert persons & word_variants(surnames_alone)  # "mevrouw Bouzid" plants "Bouzid"
    assert any(", " in v for v in persons)  # register form "El Amrani, Mohammed"


# --- per class ---------------------------------------------------------------------------------------
def test_unlawfully_held_files_have_a_name_and_a_direct_identifier(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    for f in manifest.files:
        if f.expected_class != "unlawfully_held":
            continue
        kinds = {v.entity_type for v in f.planted}
        assert any(v.entity_type == "PERSON" and re.fullmatch(r"\w{2,}.* \S+", v.value) for v in f.planted)
        assert kinds & DIRECT_IDENTIFIERS, f.path
        assert "NRP" in kinds and "LOCATION" in kinds, f.path
        assert f.path.startswith(("dossiers/salafisme/", "taskforce/"))
        assert not f.path.startswith("dossiers/salafisme/beleid/")


def test_policy_documents_have_no_personal_data_but_a_bsn_decoy(
    demo: tuple[Path, DemoManifest], texts: dict[str, str]
) -> None:
    _, manifest = demo
    policy = [f for f in manifest.files if f.expected_class == "no_personal_data"]
    assert {f.path.rsplit("/", 1)[0] for f in policy} == {"beleid", "dossiers/salafisme/beleid"}
    all_values = manifest.planted_values()
    for f in policy:
        text = texts[f.path]
        assert f.planted == ()
        nines = re.findall(r"(?<!\d)\d{9}(?!\d)", text)
        assert nines and not [n for n in nines if bsn.is_valid(n)], f.path
        assert not [v for v in all_values if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text)], f.path
        assert unplanted_hits(text, set()) == [n for n in sorted(set(nines))], f.path
        assert re.search(r"\d{1,2} (?:januari|maart|april|juni|oktober|[a-z]+) 20\d{2}", text), f.path


def test_out_of_scope_files_hold_employee_data_without_religion(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    hr = [f for f in manifest.files if f.expected_class == "out_of_scope"]
    assert hr and all(f.path.startswith("personeelszaken/") for f in hr)
    for f in hr:
        kinds = {v.entity_type for v in f.planted}
        assert "PERSON" in kinds and kinds & DIRECT_IDENTIFIERS and "NRP" not in kinds, f.path


# --- the mix -----------------------------------------------------------------------------------------
def test_counts(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    assert {f.expected_class for f in manifest.files} == set(EXPECTED_CLASSES)
    assert {f.format for f in manifest.files} == set(FORMATS)
    per_origin = Counter(v.origin for f in manifest.files for v in f.planted if v.entity_type == "PERSON")
    assert set(per_origin) == set(ORIGINS)
    assert min(per_origin.values()) >= max(per_origin.values()) / 2, per_origin
    notes = Counter(f.note.split(" ")[0] for f in manifest.files if f.note)
    assert notes["encrypted"] == 1 and notes["corrupt"] == 1
    assert {f.note for f in manifest.files if f.format == "eml"} >= {"attachment docx", "attachment txt"}


def test_text_encodings(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    txt = [f for f in manifest.files if f.format == "txt"]
    cp1252 = [f for f in txt if f.note == "encoding cp1252"]
    assert cp1252 and len(cp1252) < len(txt)
    for f in cp1252:
        data = (root / "share" / f.path).read_bytes()
        if f.planted:
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            names = [v.value for v in f.planted if v.entity_type == "PERSON"]
            assert any(any(ord(c) > 127 for c in name) for name in names)
        data.decode("cp1252")


def test_docx_has_values_in_tables(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    in_tables = set()
    for f in manifest.files:
        if f.format == "docx" and f.planted:
            d = docx.Document(root / "share" / f.path)
            in_tables |= {c.text for t in d.tables for r in t.rows for c in r.cells}
    assert {"PERSON", "NL_BSN", "PHONE_NUMBER"} <= {
        v.entity_type for f in manifest.files for v in f.planted if v.value in in_tables
    }


def test_file_names_hold_no_planted_value(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    values = {fold(v, "ascii").lower() for v in manifest.planted_values()} | {
        v.lower() for v in manifest.planted_values()
    }
    names = [p.relative_to(root).as_posix().lower() for p in root.rglob("*")]
    assert not [(n, v) for n in names for v in values if v in n]
