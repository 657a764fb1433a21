"""Per-format extraction: known strings come out, structure is rendered as documented."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from piigov.extraction import SUPPORTED_SUFFIXES, ExtractedText, UnreadableItem, extract_text
from piigov.extraction.pdf import NO_TEXT_WARNING, PAGE_SEPARATOR

if TYPE_CHECKING:
    from types import SimpleNamespace


def _document(build: SimpleNamespace, kind: str) -> bytes:
    sentence = build.SENTENCE
    documents = {
        "txt": lambda: sentence.encode("utf-8"),
        "csv": lambda: f"naam;bsn;email\n{build.NAME};{build.BSN};{build.EMAIL}\n".encode(),
        "md": lambda: f"# Dossier\n\n{sentence}\n".encode(),
        "log": lambda: f"2024-01-01 12:00:00 INFO {sentence}\n".encode(),
        "docx": lambda: build.docx(),
        "xlsx": lambda: build.xlsx(),
        "pdf": lambda: build.pdf(),
        "eml": lambda: build.eml(),
        "odt": lambda: build.odt(),
        "zip": lambda: build.zip([("dossier/brief.txt", sentence.encode())]),
    }
    return documents[kind]()


@pytest.mark.parametrize(
    ("name", "kind", "expected_format"),
    [
        ("notitie.txt", "txt", "txt"),
        ("export.CSV", "csv", "csv"),
        ("README.md", "md", "txt"),
        ("app.log", "log", "txt"),
        ("brief.docx", "docx", "docx"),
        ("lijst.xlsx", "xlsx", "xlsx"),
        ("scan.PDF", "pdf", "pdf"),
        ("bericht.eml", "eml", "eml"),
        ("notulen.odt", "odt", "odt"),
        ("archief.zip", "zip", "zip"),
    ],
)
def test_known_strings_are_extracted(
    build: SimpleNamespace, name: str, kind: str, expected_format: str
) -> None:
    result = extract_text(name, _document(build, kind))

    assert isinstance(result, ExtractedText)
    assert result.format == expected_format
    for known in build.KNOWN:
        assert known in result.text
    assert result.warnings == ()


def test_supported_suffixes() -> None:
    assert {".txt", ".csv", ".md", ".log", ".docx", ".xlsx", ".pdf", ".eml", ".msg", ".odt", ".zip"} == set(
        SUPPORTED_SUFFIXES
    )
    assert all(s == s.lower() and s.startswith(".") for s in SUPPORTED_SUFFIXES)


@pytest.mark.parametrize(
    ("name", "kind", "expected_format"),
    [
        ("rapport.txt", "pdf", "pdf"),  # wrong suffix, %PDF signature wins
        ("rapport", "pdf", "pdf"),  # no suffix
        ("brief", "docx", "docx"),
        ("brief.zip", "docx", "docx"),
        ("lijst.docx", "xlsx", "xlsx"),
        ("lijst.bin", "xlsx", "xlsx"),
        ("notulen.zip", "odt", "odt"),
        ("notulen", "odt", "odt"),
        ("archief.dat", "zip", "zip"),
        ("archief.txt", "zip", "zip"),
    ],
)
def test_format_detected_by_signature(
    build: SimpleNamespace, name: str, kind: str, expected_format: str
) -> None:
    result = extract_text(name, _document(build, kind))

    assert result.format == expected_format
    assert build.NAME in result.text


# --- docx -------------------------------------------------------------------------------------------


def test_docx_tables_headers_footers_comments(build: SimpleNamespace) -> None:
    data = build.docx(
        ["Eerste alinea.", "Tweede alinea."],
        table=[["Naam", "BSN"], [build.NAME, build.BSN]],
        header="Gemeente Utrecht - vertrouwelijk",
        footer=f"Behandelaar: {build.EMAIL}",
        comment="Navragen bij Jan de Vries",
    )

    text = extract_text("brief.docx", data).text

    assert "Eerste alinea.\nTweede alinea." in text
    assert "Naam\tBSN" in text
    assert f"{build.NAME}\t{build.BSN}" in text
    assert "Gemeente Utrecht - vertrouwelijk" in text
    assert f"Behandelaar: {build.EMAIL}" in text
    assert "Navragen bij Jan de Vries" in text


def test_docx_content_controls_tracked_changes_and_text_boxes(build: SimpleNamespace) -> None:
    body_xml = (
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>Aanvrager: Kees Bakker</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
        "<w:p><w:r><w:t xml:space='preserve'>Voor </w:t></w:r>"
        "<w:ins w:id='1' w:author='x'><w:r><w:t>Noor</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='x'><w:r><w:delText>Sanne</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:pict><v:shape xmlns:v='urn:schemas-microsoft-com:vml'><v:textbox>"
        "<w:txbxContent><w:p><w:r><w:t>Tekstvak: Öztürk</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )

    text = extract_text("brief.docx", build.docx(["Inleiding"], body_xml=body_xml)).text

    assert "Aanvrager: Kees Bakker" in text
    assert "Voor Noor" in text
    assert "Sanne" in text  # deleted tracked text is still held in the file
    assert "Tekstvak: Öztürk" in text


def test_docx_paragraph_order_is_kept(build: SimpleNamespace) -> None:
    text = extract_text("brief.docx", build.docx(["een", "twee", "drie"])).text

    assert text.index("een") < text.index("twee") < text.index("drie")


# --- xlsx -------------------------------------------------------------------------------------------


def test_xlsx_rows_sheets_and_dutch_dates(build: SimpleNamespace) -> None:
    data = build.xlsx(
        {
            "Cliënten": [
                ("Naam", "BSN", "Geboren", None, "Bedrag"),
                (build.NAME, int(build.BSN), dt.datetime(1987, 3, 3), None, 12.5),
                (None, None, None),
                ("Şahin", 42.0, dt.datetime(2001, 12, 24, 14, 30), True),
            ],
            "Adressen": [("Kerkstraat 1", "3511 AB", "Utrecht")],
        }
    )

    text = extract_text("lijst.xlsx", data).text

    assert text.splitlines() == [
        "--- sheet: Cliënten ---",
        "Naam\tBSN\tGeboren\t\tBedrag",  # an empty column stays, so values stay under their header
        f"{build.NAME}\t{build.BSN}\t03-03-1987\t\t12.5",
        "Şahin\t42\t24-12-2001 14:30\tTRUE",
        "--- sheet: Adressen ---",
        "Kerkstraat 1\t3511 AB\tUtrecht",
    ]


def test_xlsx_row_with_a_far_away_cell_is_not_padded(build: SimpleNamespace) -> None:
    row = ("Naam", *([None] * 400), "X")
    text = extract_text("breed.xlsx", build.xlsx({"Blad1": [row]})).text
    assert text.splitlines() == ["--- sheet: Blad1 ---", "Naam\tX"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(1987, 3, 3), "03-03-1987"),
        (dt.date(1987, 3, 3), "03-03-1987"),
        (dt.datetime(1987, 3, 3, 8, 5, 9), "03-03-1987 08:05:09"),
        (dt.time(9, 30), "09:30"),
        (111222333, "111222333"),
        (111222333.0, "111222333"),
        (0.25, "0.25"),
        (False, "FALSE"),
        ("tekst", "tekst"),
    ],
)
def test_xlsx_value_rendering(value: object, expected: str) -> None:
    from piigov.extraction.xlsx import format_value

    assert format_value(value) == expected


# --- pdf --------------------------------------------------------------------------------------------


def test_pdf_pages_are_separated(build: SimpleNamespace) -> None:
    data = build.pdf(["Pagina een: " + build.NAME, "Pagina twee: " + build.BSN, "Pagina drie"])

    result = extract_text("dossier.pdf", data)

    pages = result.text.split(PAGE_SEPARATOR)
    assert len(pages) == 3
    assert build.NAME in pages[0]
    assert build.BSN in pages[1]
    assert "Pagina drie" in pages[2]


def test_pdf_without_text_layer_returns_empty_text_and_warning(build: SimpleNamespace) -> None:
    result = extract_text("scan.pdf", build.pdf(["", ""], blank=True))

    assert result.text == ""
    assert result.format == "pdf"
    assert result.warnings == (NO_TEXT_WARNING,)


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_pdf_with_user_password_is_encrypted(build: SimpleNamespace, algorithm: str) -> None:
    data = build.encrypt_pdf(build.pdf(), user_password="geheim", algorithm=algorithm)

    with pytest.raises(UnreadableItem) as info:
        extract_text("beveiligd.pdf", data)

    assert info.value.reason == "encrypted"


def test_pdf_with_only_owner_password_is_read(build: SimpleNamespace) -> None:
    data = build.encrypt_pdf(build.pdf(), user_password="")

    assert build.NAME in extract_text("alleen-eigenaar.pdf", data).text


@pytest.mark.parametrize("keep", [0.9, 0.6, 0.3, 0.05])
def test_truncated_pdf_is_corrupt(build: SimpleNamespace, keep: float) -> None:
    data = build.pdf([build.SENTENCE] * 3)

    with pytest.raises(UnreadableItem) as info:
        extract_text("afgebroken.pdf", data[: int(len(data) * keep)])

    assert info.value.reason == "corrupt"


def test_pdf_without_header_is_corrupt() -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text("nep.pdf", b"dit is geen pdf\n" * 10)

    assert info.value.reason == "corrupt"
    assert info.value.detail == "PDF header missing"


# --- odt --------------------------------------------------------------------------------------------


def test_odt_paragraphs_headings_tables_notes_and_header(build: SimpleNamespace) -> None:
    body_xml = (
        '<text:h text:outline-level="1">Besluit</text:h>'
        f"<text:p>Naam:<text:tab/><text:span>{build.NAME}</text:span></text:p>"
        '<text:p>BSN<text:s text:c="3"/>111222333<text:line-break/>tweede regel'
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>Voetnoot: Jan de Vries</text:p></text:note-body></text:note>"
        "</text:p>"
        "<table:table><table:table-row>"
        "<table:table-cell><text:p>Straat</text:p></table:table-cell>"
        "<table:table-cell><text:p>Kerkstraat 1</text:p></table:table-cell>"
        "</table:table-row></table:table>"
        "<text:list><text:list-item><text:p>Café Öztürk</text:p></text:list-item></text:list>"
    )
    data = build.odt(body_xml, header_xml=f"<text:p>Contact: {build.EMAIL}</text:p>")

    lines = extract_text("besluit.odt", data).text.splitlines()

    assert lines == [
        "Besluit",
        f"Naam:\t{build.NAME}",
        "BSN   111222333",
        "tweede regel",
        "Voetnoot: Jan de Vries",
        "Straat\tKerkstraat 1",
        "Café Öztürk",
        f"Contact: {build.EMAIL}",
    ]


def test_password_protected_odt_is_encrypted(build: SimpleNamespace) -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text("geheim.odt", build.odt(encrypted=True))

    assert info.value.reason == "encrypted"
