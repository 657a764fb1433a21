"""Word documents (.docx) via python-docx.

python-docx opens and validates the package; the text is taken from the WordprocessingML of the
body, headers/footers, footnotes, endnotes and comments by walking the XML, so content that the
high-level API skips (content controls, tracked insertions and deletions, text boxes, nested
tables) is found too. Table cells are separated by tabs, table rows and paragraphs by newlines.
Deleted tracked-change text is included: it is still held in the file.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from piigov.extraction._types import ExtractedText, UnreadableItem
from piigov.extraction.archive import open_zip

if TYPE_CHECKING:
    from collections.abc import Iterable

    from piigov.extraction._core import Context

__all__ = ["extract"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
#: Secondary story parts, in output order.
_STORY_CONTENT_TYPES: tuple[str, ...] = (
    _WML + "header+xml",
    _WML + "footer+xml",
    _WML + "footnotes+xml",
    _WML + "endnotes+xml",
    _WML + "comments+xml",
)
_SKIP = frozenset({_W + "pPr", _W + "rPr", _W + "tblPr", _W + "trPr", _W + "tcPr", _W + "instrText"})


def _alternate_choice(el: Any) -> Any | None:
    """The single branch of an mc:AlternateContent to read (the others duplicate it)."""
    for child in el:
        if child.tag in (_MC + "Choice", _MC + "Fallback"):
            return child
    return None


def _inline(el: Any, buf: list[str], deferred: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag in (_W + "t", _W + "delText"):
            buf.append(child.text or "")
        elif tag == _W + "tab":
            buf.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            buf.append("\n")
        elif tag == _W + "noBreakHyphen":
            buf.append("-")
        elif tag == _W + "txbxContent":
            _blocks(child, deferred)
        elif tag == _MC + "AlternateContent":
            branch = _alternate_choice(child)
            if branch is not None:
                _inline(branch, buf, deferred)
        else:
            _inline(child, buf, deferred)


def _paragraph(p: Any, out: list[str]) -> None:
    buf: list[str] = []
    deferred: list[str] = []
    _inline(p, buf, deferred)
    out.append("".join(buf))
    out.extend(deferred)


def _cells(tr: Any) -> Iterable[Any]:
    for child in tr:
        if child.tag == _W + "tc":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent"):
            yield from _cells(child)


def _rows(tbl: Any) -> Iterable[Any]:
    for child in tbl:
        if child.tag == _W + "tr":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent"):
            yield from _rows(child)


def _table(tbl: Any, out: list[str]) -> None:
    for tr in _rows(tbl):
        texts: list[str] = []
        for tc in _cells(tr):
            lines: list[str] = []
            _blocks(tc, lines)
            texts.append("\n".join(lines))
        out.append("\t".join(texts))


def _blocks(el: Any, out: list[str]) -> None:
    """Append the lines of every paragraph and table below ``el`` in document order."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "p":
            _paragraph(child, out)
        elif tag == _W + "tbl":
            _table(child, out)
        elif tag == _MC + "AlternateContent":
            branch = _alternate_choice(child)
            if branch is not None:
                _blocks(branch, out)
        else:
            _blocks(child, out)


def extract(data: bytes, ctx: Context) -> ExtractedText:
    import docx
    from docx.oxml.parser import parse_xml

    open_zip(data, ctx, check_ratio=False).close()
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise UnreadableItem("corrupt", f"cannot open DOCX ({type(exc).__name__})") from None

    lines: list[str] = []
    _blocks(document.element.body, lines)

    stories: dict[str, list[Any]] = {content_type: [] for content_type in _STORY_CONTENT_TYPES}
    for part in document.part.package.iter_parts():
        if part.content_type in stories:
            stories[part.content_type].append(part)
    for content_type in _STORY_CONTENT_TYPES:
        for part in sorted(stories[content_type], key=lambda p: str(p.partname)):
            element = getattr(part, "element", None)
            if element is None:
                try:
                    element = parse_xml(part.blob)
                except Exception as exc:
                    raise UnreadableItem("corrupt", f"DOCX part unparsable ({type(exc).__name__})") from None
            _blocks(element, lines)
    return ExtractedText("\n".join(lines), "docx")
