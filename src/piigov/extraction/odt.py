"""OpenDocument text (.odt): ``content.xml`` (and the page headers/footers in ``styles.xml``)
parsed with the stdlib ElementTree. Paragraphs and headings become lines, table cells are
separated by tabs; notes, comments and text boxes follow the paragraph they are anchored in.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from piigov.extraction._types import ExtractedText, UnreadableItem
from piigov.extraction.archive import open_zip, read_member

if TYPE_CHECKING:
    import zipfile

    from piigov.extraction._core import Context

__all__ = ["extract"]

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MAX_SPACES = 1000
_PARAGRAPHS = frozenset({_TEXT + "p", _TEXT + "h"})
#: Inline elements whose content is not part of the running paragraph text.
_SKIP_INLINE = frozenset({_TEXT + "note-citation", _OFFICE + "annotation-end", _TEXT + "tracked-changes"})


def _space_count(value: str | None) -> int:
    """The repeat count of a ``text:s`` element, bounded so a forged count cannot exhaust memory."""
    try:
        count = int(value) if value else 1
    except ValueError:
        count = 1
    return min(max(count, 1), _MAX_SPACES)


def _has_paragraphs(el: ET.Element) -> bool:
    return any(d.tag in _PARAGRAPHS for d in el.iter() if d is not el)


def _inline(el: ET.Element, buf: list[str], deferred: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == _TEXT + "s":
            buf.append(" " * _space_count(child.get(_TEXT + "c")))
        elif tag == _TEXT + "tab":
            buf.append("\t")
        elif tag == _TEXT + "line-break":
            buf.append("\n")
        elif tag in _SKIP_INLINE:
            pass
        elif _has_paragraphs(child):
            # notes, annotations (comments), frames/text boxes: their own lines after the paragraph
            _blocks(child, deferred)
        else:
            if child.text:
                buf.append(child.text)
            _inline(child, buf, deferred)
        if child.tail:
            buf.append(child.tail)


def _paragraph(p: ET.Element, out: list[str]) -> None:
    buf: list[str] = [p.text or ""]
    deferred: list[str] = []
    _inline(p, buf, deferred)
    out.append("".join(buf))
    out.extend(deferred)


def _row(tr: ET.Element, out: list[str]) -> None:
    cells: list[str] = []
    for cell in tr:
        if cell.tag == _TABLE + "table-cell":
            lines: list[str] = []
            _blocks(cell, lines)
            cells.append("\n".join(lines))
    out.append("\t".join(cells))


def _blocks(el: ET.Element, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in _PARAGRAPHS:
            _paragraph(child, out)
        elif tag == _TABLE + "table-row":
            _row(child, out)
        elif tag == _TEXT + "tracked-changes":
            continue  # deleted text is stored here; handled separately below
        else:
            _blocks(child, out)


def _parse(zf: zipfile.ZipFile, member: str) -> ET.Element | None:
    try:
        info = zf.getinfo(member)
    except KeyError:
        return None
    data = read_member(zf, info)
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        raise UnreadableItem("corrupt", f"ODT {member} is not well-formed XML") from None


def extract(data: bytes, ctx: Context) -> ExtractedText:
    with open_zip(data, ctx, check_ratio=False) as zf:
        names = set(zf.namelist())
        if "META-INF/manifest.xml" in names:
            manifest = read_member(zf, zf.getinfo("META-INF/manifest.xml"))
            if b"encryption-data" in manifest:
                raise UnreadableItem("encrypted", "password-protected OpenDocument")
        content = _parse(zf, "content.xml")
        if content is None:
            raise UnreadableItem("corrupt", "ODT content.xml missing")
        styles = _parse(zf, "styles.xml")

    lines: list[str] = []
    body = content.find(_OFFICE + "body")
    _blocks(body if body is not None else content, lines)
    # Text deleted under change tracking is still held in the file.
    for changes in content.iter(_TEXT + "tracked-changes"):
        _blocks_all(changes, lines)
    if styles is not None:
        master = styles.find(_OFFICE + "master-styles")
        if master is not None:
            _blocks(master, lines)
    return ExtractedText("\n".join(lines), "odt")


def _blocks_all(el: ET.Element, out: list[str]) -> None:
    for child in el:
        if child.tag in _PARAGRAPHS:
            _paragraph(child, out)
        else:
            _blocks_all(child, out)
