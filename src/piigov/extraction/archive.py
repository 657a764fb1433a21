"""Zip archives: recursive extraction of members, with limits against zip bombs.

Also provides :func:`open_zip`, used by the zip-based office formats (docx, xlsx, odt).
"""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from typing import TYPE_CHECKING

from piigov.extraction._types import ExtractedText, UnreadableItem

if TYPE_CHECKING:
    from piigov.extraction._core import Context

__all__ = [
    "MAX_COMPRESSION_RATIO",
    "MAX_MEMBERS",
    "MAX_TOTAL_UNCOMPRESSED",
    "RATIO_CHECK_MIN_BYTES",
    "extract",
    "open_zip",
]

logger = logging.getLogger(__name__)

#: Maximum number of file members in one zip container.
MAX_MEMBERS: int = 10_000
#: Maximum total declared uncompressed size of zip containers (plain zips and the zip-based office
#: formats) expanded for one top-level item, counted across every nesting level.
MAX_TOTAL_UNCOMPRESSED: int = 200 * 1024 * 1024
#: Maximum declared uncompressed/compressed size ratio of a single member.
MAX_COMPRESSION_RATIO: int = 100
#: Members smaller than this (uncompressed) are not ratio-checked: they cannot be bombs, and small
#: sparse files (padding, blank forms) legitimately compress far beyond 100:1.
RATIO_CHECK_MIN_BYTES: int = 1024 * 1024

_ENCRYPTED_FLAG = 0x1


def _file_members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [info for info in zf.infolist() if not info.is_dir()]


def open_zip(data: bytes, ctx: Context, *, check_ratio: bool = True) -> zipfile.ZipFile:
    """Open a zip container after checking member count, sizes and ratios against the limits.

    The total declared uncompressed size is charged to the budget of ``ctx``, which starts at
    :data:`MAX_TOTAL_UNCOMPRESSED` and is shared by all nesting levels of one top-level item.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableItem("corrupt", f"not a readable zip container ({type(exc).__name__})") from None
    members = _file_members(zf)
    if len(members) > MAX_MEMBERS:
        zf.close()
        raise UnreadableItem("too_large", f"zip member count {len(members)} exceeds limit {MAX_MEMBERS}")
    if check_ratio:
        for index, info in enumerate(members, 1):
            if info.file_size < RATIO_CHECK_MIN_BYTES:
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                zf.close()
                raise UnreadableItem(
                    "too_large",
                    f"zip member {index} compression ratio {ratio:.0f} exceeds limit {MAX_COMPRESSION_RATIO}",
                )
    try:
        ctx.consume(sum(info.file_size for info in members))
    except UnreadableItem:
        zf.close()
        raise
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one member; raises :class:`UnreadableItem` with a reason code on failure."""
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise UnreadableItem("encrypted", "encrypted zip member")
    try:
        return zf.read(info)
    except NotImplementedError:
        raise UnreadableItem("unsupported_format", "unsupported zip compression method") from None
    except RuntimeError:
        raise UnreadableItem("encrypted", "encrypted zip member") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise UnreadableItem("corrupt", f"zip member unreadable ({type(exc).__name__})") from None


def _label(name: str) -> str:
    """A member/attachment name made safe for a one-line separator."""
    return " ".join(name.split()) or "?"


def extract(data: bytes, ctx: Context) -> ExtractedText:
    if ctx.depth_left <= 0:
        raise UnreadableItem("too_large", "nesting depth limit reached")
    with open_zip(data, ctx) as zf:
        members = _file_members(zf)
        if not members:
            raise UnreadableItem("empty", "zip archive has no file members")
        encrypted = sum(1 for info in members if info.flag_bits & _ENCRYPTED_FLAG)
        if encrypted == len(members):
            raise UnreadableItem("encrypted", f"all {encrypted} zip members are encrypted")
        chunks: list[str] = []
        parts: list[str] = []
        warnings: list[str] = []
        for index, info in enumerate(members, 1):
            label = _label(info.filename)
            if info.flag_bits & _ENCRYPTED_FLAG:
                warnings.append(f"member {index}: encrypted")
                chunks.append(f"--- member: {label} (unreadable: encrypted) ---")
                continue
            try:
                child = ctx.extract_child(info.filename, read_member(zf, info))
            except UnreadableItem as exc:
                warnings.append(f"member {index}: unreadable ({exc.reason})")
                chunks.append(f"--- member: {label} (unreadable: {exc.reason}) ---")
                continue
            chunks.append(f"--- member: {label} ---")
            chunks.append(child.text)
            parts.append(info.filename)
            parts.extend(f"{info.filename}/{part}" for part in child.parts)
            warnings.extend(f"member {index}: {warning}" for warning in child.warnings)
    logger.debug("zip members=%d included=%d warnings=%d", len(members), len(parts), len(warnings))
    return ExtractedText("\n".join(chunks), "zip", tuple(parts), tuple(warnings))
