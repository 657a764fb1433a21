"""Shared fixtures for the demo-data tests: one generated demo per session and text extractors."""

from __future__ import annotations

import email
import io
from email import policy
from typing import TYPE_CHECKING

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from piigov.demo import DemoManifest, generate_demo

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

PDF_PASSWORD = "geheim"


def docx_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    parts += [cell.text for table in d.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(value) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for value in row if value
    )


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt(PDF_PASSWORD)
    return "\n".join(page.extract_text() for page in reader.pages)


def eml_text(data: bytes) -> str:
    msg = email.message_from_bytes(data, policy=policy.default)
    parts = [str(msg.get(h, "")) for h in ("From", "To", "Cc", "Subject")]
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain":
            parts.append(part.get_content())
        elif ctype.endswith("wordprocessingml.document"):
            parts.append(docx_text(part.get_content()))
    return "\n".join(parts)


def txt_text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "txt": txt_text,
    "docx": docx_text,
    "xlsx": xlsx_text,
    "pdf": pdf_text,
    "eml": eml_text,
}


def file_text(path: Path, fmt: str) -> str:
    return EXTRACTORS[fmt](path.read_bytes())


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoManifest]:
    root = tmp_path_factory.mktemp("demo")
    return root, generate_demo(root)


@pytest.fixture(scope="session")
def texts(demo: tuple[Path, DemoManifest]) -> dict[str, str]:
    """Extracted text per readable share file (the truncated PDF is left out)."""
    root, manifest = demo
    return {
        f.path: file_text(root / "share" / f.path, f.format)
        for f in manifest.files
        if not f.note.startswith("corrupt")
    }


@pytest.fixture(scope="session")
def extract() -> Callable[[Path, str], str]:
    return file_text
