"""PDF documents via pypdf. Page texts are joined by :data:`PAGE_SEPARATOR`."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from piigov.extraction._types import ExtractedText, UnreadableItem

if TYPE_CHECKING:
    from piigov.extraction._core import Context

__all__ = ["NO_TEXT_WARNING", "PAGE_SEPARATOR", "extract"]

logger = logging.getLogger(__name__)

#: Separator between the texts of consecutive pages (a form feed on its own line).
PAGE_SEPARATOR = "\n\f\n"
NO_TEXT_WARNING = "no text layer (scanned image?)"
_HEADER_WINDOW = 1024


def extract(data: bytes, ctx: Context) -> ExtractedText:
    from pypdf import PasswordType, PdfReader

    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise UnreadableItem("corrupt", "PDF header missing")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:
        raise UnreadableItem("corrupt", f"cannot parse PDF ({type(exc).__name__})") from None

    try:
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise UnreadableItem("corrupt", f"cannot parse PDF trailer ({type(exc).__name__})") from None
    if encrypted:
        try:
            unlocked = reader.decrypt("") != PasswordType.NOT_DECRYPTED
        except Exception as exc:  # unsupported handler or missing crypto backend
            raise UnreadableItem("encrypted", f"cannot decrypt PDF ({type(exc).__name__})") from None
        if not unlocked:
            raise UnreadableItem("encrypted", "PDF requires a user password")

    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise UnreadableItem("corrupt", f"cannot read PDF page tree ({type(exc).__name__})") from None

    texts: list[str] = []
    warnings: list[str] = []
    failed = 0
    for number, page in enumerate(pages, 1):
        try:
            texts.append(page.extract_text() or "")
        except Exception as exc:
            failed += 1
            texts.append("")
            warnings.append(f"page {number}: text extraction failed ({type(exc).__name__})")
    if pages and failed == len(pages):
        raise UnreadableItem("corrupt", f"text extraction failed on all {failed} pages")

    text = PAGE_SEPARATOR.join(texts)
    if not text.strip():
        text = ""
        warnings.append(NO_TEXT_WARNING)
    extracted_chars = len(text)
    logger.debug("pdf pages=%d failed=%d chars=%d", len(pages), failed, extracted_chars)
    return ExtractedText(text, "pdf", (), tuple(warnings))
