"""Format detection, dispatch and the recursion context shared by container formats."""

from __future__ import annotations

import importlib
import io
import logging
import zipfile
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from piigov.extraction._types import ExtractedText, UnreadableItem

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

#: File suffix (lower case, with dot) -> format code.
SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "txt",
    ".log": "txt",
    ".csv": "csv",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".pdf": "pdf",
    ".eml": "eml",
    ".msg": "msg",
    ".odt": "odt",
    ".zip": "zip",
}

#: Format code -> module (relative to this package) with an ``extract(data, ctx)`` function.
_HANDLER_MODULES: dict[str, str] = {
    "txt": "txt",
    "csv": "txt",
    "docx": "docx",
    "xlsx": "xlsx",
    "pdf": "pdf",
    "eml": "eml",
    "msg": "msg",
    "odt": "odt",
    "zip": "archive",
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Outlook .msg property streams are named ``__substg1.0_<tag>``; OLE directory names are UTF-16.
MSG_STREAM_MARKER = "__substg1.0_".encode("utf-16-le")
_OOXML_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"wordprocessingml.document.main+xml", "docx"),
    (b"spreadsheetml.sheet.main+xml", "xlsx"),
    (b"ms-excel.sheet.macroEnabled.main+xml", "xlsx"),
)
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_OFFICE_ZIP_FORMATS = frozenset({"docx", "xlsx", "odt"})
_MAX_SNIFF_MEMBER = 1024 * 1024


class _Budget:
    """Mutable byte budget shared by every level of one top-level extraction."""

    __slots__ = ("limit", "remaining")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.remaining = limit


@dataclass(frozen=True)
class Context:
    """Recursion state handed to format handlers.

    ``depth_left`` is how many more levels of embedded items (attachments, archive members) may
    be opened below the current item.
    """

    depth_left: int
    budget: _Budget
    top_level: bool = False

    def consume(self, nbytes: int) -> None:
        """Charge ``nbytes`` of decompressed data against the shared budget."""
        self.budget.remaining -= nbytes
        if self.budget.remaining < 0:
            used = self.budget.limit - self.budget.remaining
            raise UnreadableItem(
                "too_large",
                f"total uncompressed size {used} exceeds limit {self.budget.limit} bytes",
            )

    def extract_child(self, name: str, data: bytes) -> ExtractedText:
        """Extract an embedded item one level deeper; raises :class:`UnreadableItem`."""
        if self.depth_left <= 0:
            raise UnreadableItem("too_large", "nesting depth limit reached")
        return run(name, data, Context(self.depth_left - 1, self.budget))


def new_context(max_depth: int) -> Context:
    from piigov.extraction import archive  # stdlib-only; imported late to avoid an import cycle

    if max_depth < 0:
        raise ValueError("max_depth must be >= 0")
    return Context(max_depth, _Budget(archive.MAX_TOTAL_UNCOMPRESSED), top_level=True)


def suffix_of(name: str) -> str:
    return PurePath(name.replace("\\", "/")).suffix.lower()


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = {info.filename: info for info in zf.infolist()}
            ct = infos.get("[Content_Types].xml")
            if ct is not None and ct.file_size <= _MAX_SNIFF_MEMBER and not ct.flag_bits & 0x1:
                content_types = zf.read(ct)
                for marker, fmt in _OOXML_TYPES:
                    if marker in content_types:
                        return fmt
            mt = infos.get("mimetype")
            if (
                mt is not None
                and mt.file_size <= 256
                and not mt.flag_bits & 0x1
                and zf.read(mt).strip() == _ODT_MIMETYPE
            ):
                return "odt"
    except Exception:  # a damaged container: let the chosen handler report it
        return "zip"
    return "zip"


def sniff(data: bytes) -> str | None:
    """Cheap signature check; returns a format code, ``"ole"`` or ``None``."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if data.startswith(OLE_MAGIC):
        return "ole"
    return None


def detect_format(name: str, data: bytes) -> str:
    """Choose the format from the signature where it is decisive, else from the suffix."""
    by_suffix = SUFFIX_FORMATS.get(suffix_of(name))
    sniffed = sniff(data)
    if sniffed == "ole":
        # Password-protected .docx/.xlsx files are OLE compound files with an EncryptionInfo stream.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise UnreadableItem("encrypted", "password-protected Office document")
        if by_suffix == "msg" or MSG_STREAM_MARKER in data:
            return "msg"
        raise UnreadableItem("unsupported_format", "OLE compound file (legacy Office format)")
    if sniffed == "zip" and by_suffix in _OFFICE_ZIP_FORMATS:
        return by_suffix  # a damaged office container; its handler reports why
    if sniffed is not None:
        return sniffed
    if by_suffix is not None:
        return by_suffix
    raise UnreadableItem("unsupported_format", "unknown file suffix and no recognised signature")


def _handler(fmt: str) -> Callable[[bytes, Context], ExtractedText]:
    module = importlib.import_module(f"piigov.extraction.{_HANDLER_MODULES[fmt]}")
    return module.extract  # type: ignore[no-any-return]


def run(name: str, data: bytes, ctx: Context) -> ExtractedText:
    """Detect the format of one item and extract it."""
    fmt = "unknown"
    log_unreadable = logger.info if ctx.top_level else logger.debug
    try:
        if not data:
            raise UnreadableItem("empty", "zero bytes")
        fmt = detect_format(name, data)
        try:
            result = _handler(fmt)(data, ctx)
        except UnreadableItem:
            raise
        except MemoryError:
            raise UnreadableItem("too_large", f"out of memory while parsing {fmt}") from None
        except Exception as exc:
            # Parser messages may quote document bytes: keep only the exception type.
            raise UnreadableItem("corrupt", f"{fmt} parser failed ({type(exc).__name__})") from None
    except UnreadableItem as exc:
        log_unreadable("unreadable item format=%s reason=%s size=%d", fmt, exc.reason, len(data))
        raise
    if result.format != fmt:
        result = replace(result, format=fmt)
    logger.debug(
        "extracted format=%s size=%d chars=%d parts=%d warnings=%d",
        fmt,
        len(data),
        len(result.text),
        len(result.parts),
        len(result.warnings),
    )
    return result
