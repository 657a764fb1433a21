"""E-mail messages (.eml) via the stdlib ``email`` package.

Output: the address/subject/date headers as ``Name: value`` lines, a blank line, the text body
(text/plain, else text/html stripped to text), then every attachment extracted recursively, each
preceded by ``--- attachment: <filename> ---``. Unreadable attachments become warnings.
"""

from __future__ import annotations

import base64
import mimetypes
import quopri
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from piigov.extraction._core import SUFFIX_FORMATS, suffix_of
from piigov.extraction._types import ExtractedText, UnreadableItem
from piigov.extraction.txt import decode_text

if TYPE_CHECKING:
    from collections.abc import Iterator
    from email.message import EmailMessage, Message

    from piigov.extraction._core import Context

__all__ = ["HEADERS", "extract", "html_to_text"]

#: Headers included in the text; names in them are personal data.
HEADERS: tuple[str, ...] = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date")

_CONTENT_TYPE_SUFFIXES: dict[str, str] = {
    "text/plain": ".txt",
    "text/csv": ".csv",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/zip": ".zip",
    "application/x-zip-compressed": ".zip",
    "message/rfc822": ".eml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
}


#: Mail clients label Windows-1252 text as ISO-8859-1; decode it as the superset (as browsers do).
_CHARSET_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
}


class _HTMLText(HTMLParser):
    _BLOCK = frozenset(
        {"p", "div", "br", "tr", "li", "ul", "ol", "table", "blockquote", "pre", "hr", "section"}
        | {"article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "title", "dt", "dd"}
    )
    _CELL = frozenset({"td", "th"})
    _HIDDEN = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCK:
            self.chunks.append("\n")
        elif tag in self._CELL:
            self.chunks.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCK:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append(data)


def html_to_text(html: str) -> str:
    """Strip HTML to text with the stdlib parser (block elements become line breaks)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.chunks).splitlines())
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n")


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _header_lines(msg: EmailMessage, warnings: list[str]) -> list[str]:
    lines: list[str] = []
    raw: dict[str, list[str]] = {name.lower(): [] for name in HEADERS}
    for name, value in msg.raw_items():
        if name.lower() in raw:
            raw[name.lower()].append(value)
    for name in HEADERS:
        for index, raw_value in enumerate(raw[name.lower()]):
            try:
                value = str(msg.get_all(name, [])[index])
            except Exception:
                try:
                    value = str(make_header(decode_header(raw_value)))
                except Exception:
                    value = raw_value
                warnings.append(f"header {name}: not parsable, decoded leniently")
            lines.append(f"{name}: {_one_line(value)}")
    return lines


def _part_text(part: Message, warnings: list[str], label: str) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    charset = _CHARSET_ALIASES.get(charset, charset) if charset else charset
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(payload) if payload else ""
    except UnreadableItem:
        warnings.append(f"{label}: undecodable, decoded with replacement characters")
        return payload.decode("cp1252", errors="replace")


def _attachment_candidates(msg: EmailMessage) -> Iterator[Message]:
    """Leaf parts that are not the body, descending into nested multiparts."""

    def leaves(part: Message) -> Iterator[Message]:
        if part.get_content_type() == "message/rfc822" or not part.is_multipart():
            yield part
            return
        for sub in part.get_payload():
            if isinstance(sub, str):
                continue
            yield from leaves(sub)

    if not msg.is_multipart():
        return
    for part in msg.iter_attachments():
        yield from leaves(part)


def _message_bytes(part: Message) -> bytes:
    """The bytes of an attached message/rfc822 part (undoing a non-standard transfer encoding)."""
    inner = part.get_payload()
    message = inner[0] if isinstance(inner, list) and inner else inner
    if isinstance(message, str):
        raw = message.encode("utf-8", errors="surrogateescape")
    else:
        try:
            raw = message.as_bytes(policy=policy.default)  # type: ignore[union-attr]
        except Exception:
            raw = message.as_bytes(policy=policy.compat32)  # type: ignore[union-attr]
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding == "base64":
        raw = base64.b64decode(raw.strip(), validate=False)
    elif encoding == "quoted-printable":
        raw = quopri.decodestring(raw.lstrip(b"\r\n"))
    return raw


def _attachment_bytes(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822":
        return _message_bytes(part)
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise UnreadableItem("corrupt", "attachment payload missing")
    return payload


def _attachment_name(part: Message, index: int) -> tuple[str, str]:
    """Return (display name, name used for format detection)."""
    try:
        filename = part.get_filename()
    except Exception:
        filename = None
    filename = _one_line(filename) if filename else ""
    content_type = part.get_content_type()
    guessed = _CONTENT_TYPE_SUFFIXES.get(content_type) or mimetypes.guess_extension(content_type) or ""
    display = filename or f"attachment-{index}{guessed}"
    dispatch = display
    if suffix_of(display) not in SUFFIX_FORMATS and guessed in SUFFIX_FORMATS:
        dispatch = display + guessed
    return display, dispatch


def extract(data: bytes, ctx: Context) -> ExtractedText:
    try:
        msg: EmailMessage = BytesParser(policy=policy.default).parsebytes(data)  # type: ignore[assignment]
    except Exception as exc:
        raise UnreadableItem("corrupt", f"cannot parse e-mail ({type(exc).__name__})") from None
    if not msg.keys():
        raise UnreadableItem("corrupt", "no e-mail headers found")

    warnings: list[str] = []
    lines = _header_lines(msg, warnings)
    lines.append("")

    single_part_attachment = False
    try:
        body_part = msg.get_body(preferencelist=("plain",))
        if body_part is not None:
            lines.append(_part_text(body_part, warnings, "body"))
        else:
            html_part = msg.get_body(preferencelist=("html",))
            if html_part is not None:
                lines.append(html_to_text(_part_text(html_part, warnings, "body")))
            elif not msg.is_multipart():
                single_part_attachment = True  # e.g. a message that is just one attached file
    except Exception as exc:
        warnings.append(f"body: unreadable ({type(exc).__name__})")

    try:
        attachments = [msg] if single_part_attachment else list(_attachment_candidates(msg))
    except Exception as exc:
        attachments = []
        warnings.append(f"attachments: structure unreadable ({type(exc).__name__})")

    parts: list[str] = []
    for index, part in enumerate(attachments, 1):
        display, dispatch = _attachment_name(part, index)
        try:
            child = ctx.extract_child(dispatch, _attachment_bytes(part))
        except UnreadableItem as exc:
            warnings.append(f"attachment {index}: unreadable ({exc.reason})")
            lines.append(f"--- attachment: {display} (unreadable: {exc.reason}) ---")
            continue
        except Exception:
            warnings.append(f"attachment {index}: unreadable (corrupt)")
            lines.append(f"--- attachment: {display} (unreadable: corrupt) ---")
            continue
        lines.append(f"--- attachment: {display} ---")
        lines.append(child.text)
        parts.append(display)
        parts.extend(f"{display}/{p}" for p in child.parts)
        warnings.extend(f"attachment {index}: {w}" for w in child.warnings)
    return ExtractedText("\n".join(lines), "eml", tuple(parts), tuple(warnings))
