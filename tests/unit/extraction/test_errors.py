"""Error reporting: reason codes, and no document content in errors, warnings or logs."""

from __future__ import annotations

import io
import logging
import pickle
import subprocess
import sys
import traceback
import zipfile
from dataclasses import FrozenInstanceError
from typing import TYPE_CHECKING

import pytest

from piigov.extraction import ExtractedText, UnreadableItem, extract_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import SimpleNamespace

GARBAGE = bytes(range(7, 250)) * 16


@pytest.mark.parametrize("name", ["leeg.txt", "leeg.docx", "leeg.pdf", "leeg.zip", "leeg.onbekend", "leeg"])
def test_empty_file(name: str) -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text(name, b"")

    assert info.value.reason == "empty"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100)),
        ("programma.exe", b"MZ\x90\x00" + bytes(100)),
        ("geen_suffix", b"gewone tekst zonder suffix"),
        ("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),  # legacy Word (OLE)
        ("pagina.html", b"<html><body>Fatima</body></html>"),
    ],
)
def test_unsupported_format(name: str, data: bytes) -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text(name, data)

    assert info.value.reason == "unsupported_format"


@pytest.mark.parametrize("name", ["brief.docx", "lijst.xlsx", "notulen.odt", "archief.zip", "scan.pdf"])
def test_random_bytes_with_office_suffix_are_corrupt(name: str) -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text(name, GARBAGE)

    assert info.value.reason == "corrupt"


@pytest.mark.parametrize("name", ["brief.docx", "lijst.xlsx", "notulen.odt"])
def test_truncated_office_documents_are_corrupt(build: SimpleNamespace, name: str) -> None:
    data = {"brief.docx": build.docx, "lijst.xlsx": build.xlsx, "notulen.odt": build.odt}[name]()

    with pytest.raises(UnreadableItem) as info:
        extract_text(name, data[: len(data) // 2])

    assert info.value.reason == "corrupt"


def test_docx_that_is_a_spreadsheet_zip_without_content_types_is_corrupt(build: SimpleNamespace) -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text("brief.docx", build.zip([("word/document.xml", b"<w:document/>")]))

    assert info.value.reason == "corrupt"


def test_password_protected_office_document_is_encrypted() -> None:
    # Encrypted OOXML is an OLE compound file holding EncryptionInfo and EncryptedPackage streams.
    data = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptionInfo".encode("utf-16-le") + bytes(100)
    )

    with pytest.raises(UnreadableItem) as info:
        extract_text("beveiligd.docx", data)

    assert info.value.reason == "encrypted"


def test_negative_max_depth_is_rejected() -> None:
    with pytest.raises(ValueError, match="max_depth"):
        extract_text("a.txt", b"a", max_depth=-1)


# --- no document content in errors, warnings and logs ---------------------------------------------


def _holds(data: bytes, needle: bytes) -> bool:
    """Whether the planted text is in the bytes or in a (readable) zip member."""
    if needle in data:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(needle in zf.read(info) for info in zf.infolist())
    except zipfile.BadZipFile:
        return False


def _patch_members(data: bytes, names: Callable[[str], bool], fix: Callable[[bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info)
            dst.writestr(info, fix(content) if names(info.filename) else content)
    return out.getvalue()


def _broken_docx(build: SimpleNamespace, planted: str) -> bytes:
    """Malformed document.xml; lxml's own message names the planted text as a mismatched tag."""
    return _patch_members(
        build.docx([planted]),
        lambda name: name == "word/document.xml",
        lambda xml: xml.replace(planted.encode(), f"<{planted}></w:t>".encode()),
    )


def _broken_xlsx(build: SimpleNamespace, planted: str) -> bytes:
    """A numeric cell holding text; openpyxl's own ValueError quotes the planted text."""
    return _patch_members(
        build.xlsx({"Blad": [(424242,)]}),
        lambda name: name.startswith("xl/worksheets/"),
        lambda xml: xml.replace(b"<v>424242</v>", f"<v>{planted}</v>".encode()),
    )


def _broken_odt(build: SimpleNamespace, planted: str) -> bytes:
    return build.odt(f"<text:p>{planted}</text:q>")


def _broken_pdf(build: SimpleNamespace, planted: str) -> bytes:
    data = build.pdf([planted] * 2, compress=False)
    return data[: len(data) // 2]


def _broken_text(build: SimpleNamespace, planted: str) -> bytes:
    return planted.encode() + bytes(range(0, 32)) * 50


def _broken_eml(build: SimpleNamespace, planted: str) -> bytes:
    return planted.encode() + b" zonder headers"


def _broken_zip(build: SimpleNamespace, planted: str) -> bytes:
    data = build.zip([(f"{planted}.txt", planted.encode() * 10)])
    return data[:-30]  # end of central directory cut off


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("brief.docx", _broken_docx),
        ("lijst.xlsx", _broken_xlsx),
        ("notulen.odt", _broken_odt),
        ("rapport.pdf", _broken_pdf),
        ("notitie.txt", _broken_text),
        ("bericht.eml", _broken_eml),
        ("archief.zip", _broken_zip),
    ],
)
def test_errors_do_not_leak_document_content(
    build: SimpleNamespace,
    planted: str,
    caplog: pytest.LogCaptureFixture,
    name: str,
    make: Callable[[SimpleNamespace, str], bytes],
) -> None:
    data = make(build, planted)
    assert _holds(data, planted.encode())
    caplog.set_level(logging.DEBUG, logger="piigov")

    with pytest.raises(UnreadableItem) as info:
        extract_text(name, data)

    exc = info.value
    assert exc.reason in {"corrupt", "decode_error"}
    rendered = [
        str(exc),
        repr(exc),
        exc.detail,
        "".join(traceback.format_exception(exc)),
        *(record.getMessage() for record in caplog.records if record.name.startswith("piigov")),
    ]
    for piece in rendered:
        assert planted not in piece
        assert "Pieter" not in piece


def test_warnings_do_not_leak_document_content(build: SimpleNamespace, planted: str) -> None:
    eml = build.eml(
        attachments=[
            (f"{planted}.docx", _broken_docx(build, planted), "application/octet-stream"),
            ("b.pdf", _broken_pdf(build, planted), "application/pdf"),
        ]
    )
    archive_bytes = build.mark_encrypted(
        build.zip([(f"{planted}.txt", planted.encode()), ("b.docx", _broken_docx(build, planted))]),
        [f"{planted}.txt"],
    )

    for name, data in [("bericht.eml", eml), ("archief.zip", archive_bytes)]:
        result = extract_text(name, data)
        assert result.warnings
        for warning in result.warnings:
            assert planted not in warning
            assert "Pieter" not in warning


# --- the types --------------------------------------------------------------------------------------


def test_unreadable_item_fields_str_and_pickle() -> None:
    exc = UnreadableItem("too_large", "zip member count 20000 exceeds limit 10000")

    assert exc.reason == "too_large"
    assert exc.detail == "zip member count 20000 exceeds limit 10000"
    assert str(exc) == "too_large: zip member count 20000 exceeds limit 10000"
    assert str(UnreadableItem("empty")) == "empty"
    assert UnreadableItem("empty").detail == ""
    clone = pickle.loads(pickle.dumps(exc))
    assert (clone.reason, clone.detail) == (exc.reason, exc.detail)


def test_extracted_text_is_frozen() -> None:
    result = ExtractedText(text="x", format="txt")

    assert result.parts == () and result.warnings == ()
    with pytest.raises(FrozenInstanceError):
        result.text = "y"  # type: ignore[misc]


def test_import_is_cheap() -> None:
    code = (
        "import sys, piigov.extraction\n"
        "heavy = {'docx', 'openpyxl', 'pypdf', 'charset_normalizer', 'lxml'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
