"""Outlook messages (.msg, OLE compound files) via extract-msg.

Output, like ``eml``: the address/subject/date headers as ``Name: value`` lines, a blank line, the
body (plain text, else HTML stripped to text, else the plain text extract-msg derives from the RTF
body), then every attachment extracted recursively, each preceded by
``--- attachment: <filename> ---``; an embedded Outlook item is extracted as a ``.msg``.
Unreadable attachments become warnings.

Reasons: ``corrupt`` (not an OLE file, not parsable as a message), ``encrypted`` (S/MIME
encrypted or rights-managed (IRM) messages), ``unsupported_format`` (an OLE file that is not an
Outlook item, or an Outlook item class extract-msg cannot read).

:func:`read_msg` gives the parsed parts (headers, body, attachments) for other users, such as the
mail-export source. extract-msg logs stream names and parser details; its loggers are kept at
``CRITICAL`` (unless configured otherwise) so message content never reaches the logs.
"""

from __future__ import annotations

import contextlib
import email.utils
import io
import logging
import mimetypes
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from piigov.extraction._core import MSG_STREAM_MARKER, OLE_MAGIC, SUFFIX_FORMATS, suffix_of
from piigov.extraction._types import ExtractedText, UnreadableItem

if TYPE_CHECKING:
    from piigov.extraction._core import Context

__all__ = ["HEADERS", "MsgAttachment", "MsgContent", "extract", "read_msg"]

#: Headers included in the text, in this order; names in them are personal data.
HEADERS: tuple[str, ...] = ("From", "To", "Cc", "Bcc", "Subject", "Date")

_MIME_SUFFIXES: dict[str, str] = {
    "text/plain": ".txt",
    "text/csv": ".csv",
    "application/pdf": ".pdf",
    "application/zip": ".zip",
    "message/rfc822": ".eml",
    "application/vnd.ms-outlook": ".msg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
}


#: DER encoding of the CMS enveloped-data content type (1.2.840.113549.1.7.3).
_ENVELOPED_DATA_OID = bytes.fromhex("06092a864886f70d010703")


@dataclass(frozen=True)
class MsgAttachment:
    """One attachment: its display name, the name used to choose its format, and its bytes.

    ``data`` is ``None`` when the content is not available (a web reference, a broken or
    unsupported attachment); ``problem`` then holds a reason code.
    """

    name: str
    dispatch_name: str
    data: bytes | None
    problem: str | None = None


@dataclass(frozen=True)
class MsgContent:
    """A parsed Outlook message; holds no reference to the parser."""

    headers: tuple[tuple[str, str], ...]
    body: str
    attachments: tuple[MsgAttachment, ...]
    warnings: tuple[str, ...]


def _quiet_extract_msg_logs() -> None:
    root = logging.getLogger("extract_msg")
    if root.level == logging.NOTSET:
        root.setLevel(logging.CRITICAL)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def _dispatch_name(name: str, mimetype: str | None) -> str:
    if suffix_of(name) in SUFFIX_FORMATS or not mimetype:
        return name
    content_type = mimetype.split(";", 1)[0].strip().lower()
    guessed = _MIME_SUFFIXES.get(content_type) or mimetypes.guess_extension(content_type) or ""
    return name + guessed if guessed in SUFFIX_FORMATS else name


def _attachment(att: Any, index: int) -> MsgAttachment:
    from extract_msg.enums import AttachmentType

    try:
        att_type = att.type
    except Exception:
        att_type = None
    try:
        raw_name = att.name or att.displayName or ""
    except Exception:
        raw_name = ""
    name = _one_line(raw_name)
    if att_type in (AttachmentType.MSG, AttachmentType.SIGNED_EMBEDDED) and suffix_of(name) != ".msg":
        name = f"{name or f'attachment-{index}'}.msg"
    name = name or f"attachment-{index}"
    try:
        mimetype = att.mimetype
    except Exception:
        mimetype = None
    dispatch = _dispatch_name(name, mimetype)
    if att_type in (AttachmentType.WEB,):
        return MsgAttachment(name, dispatch, None, "unsupported_format")
    if att_type in (AttachmentType.BROKEN, AttachmentType.UNSUPPORTED):
        return MsgAttachment(name, dispatch, None, "corrupt")
    try:
        data = att.data
        if data is not None and not isinstance(data, bytes) and hasattr(data, "exportBytes"):
            # An embedded Outlook item, written out as a .msg of its own.
            data = data.exportBytes(allowBadEmbed=True)
    except Exception:
        return MsgAttachment(name, dispatch, None, "corrupt")
    if isinstance(data, bytes):
        return MsgAttachment(name, dispatch, data)
    return MsgAttachment(name, dispatch, None, "unsupported_format")


def _is_enveloped(msg: Any) -> bool:
    """Whether an S/MIME message carries CMS enveloped-data (encrypted), not signed-data."""
    try:
        raw_attachments = msg.rawAttachments
    except Exception:
        return False
    for att in raw_attachments:
        try:
            data = att.data
        except Exception:
            continue
        if isinstance(data, bytes) and _ENVELOPED_DATA_OID in data[:64]:
            return True
    return False


def _header_values(msg: Any, warnings: list[str]) -> list[tuple[str, str]]:
    def get(attribute: str) -> Any:
        try:
            return getattr(msg, attribute, None)
        except Exception:
            warnings.append(f"header {attribute}: unreadable")
            return None

    values: dict[str, Any] = {
        "From": get("sender"),
        "To": get("to"),
        "Cc": get("cc"),
        "Bcc": get("bcc"),
        "Subject": get("subject"),
        "Date": get("date"),
    }
    headers: list[tuple[str, str]] = []
    for name in HEADERS:
        value = values[name]
        if value is None or value == "":
            continue
        if name == "Date" and hasattr(value, "tzinfo"):
            try:
                value = email.utils.format_datetime(value)
            except Exception:
                value = str(value)
        text = _one_line(value)
        if text:
            headers.append((name, text))
    return headers


def _body(msg: Any, warnings: list[str]) -> str:
    from piigov.extraction.eml import html_to_text
    from piigov.extraction.txt import decode_text

    try:
        body = msg.body
        if body:
            return str(body).replace("\r\n", "\n")
        html = msg.htmlBody
        if html:
            return html_to_text(html if isinstance(html, str) else decode_text(html))
    except Exception as exc:
        warnings.append(f"body: unreadable ({type(exc).__name__})")
    return ""


def _open(data: bytes) -> Any:
    import extract_msg
    from extract_msg.enums import ErrorBehavior
    from extract_msg.exceptions import UnrecognizedMSGTypeError, UnsupportedMSGTypeError

    _quiet_extract_msg_logs()
    if not data.startswith(OLE_MAGIC):
        raise UnreadableItem("corrupt", "not an OLE compound file")
    if MSG_STREAM_MARKER not in data:
        import olefile

        try:
            olefile.OleFileIO(io.BytesIO(data)).close()
        except Exception as exc:
            raise UnreadableItem("corrupt", f"damaged OLE compound file ({type(exc).__name__})") from None
        raise UnreadableItem("unsupported_format", "OLE compound file is not an Outlook item")
    try:
        # A file object, never bytes: olefile takes short bytes for a file name.
        return extract_msg.openMsg(
            io.BytesIO(data),
            delayAttachments=True,
            errorBehavior=ErrorBehavior.ATTACH_BROKEN | ErrorBehavior.ATTACH_NOT_IMPLEMENTED,
        )
    except (UnsupportedMSGTypeError, UnrecognizedMSGTypeError):
        raise UnreadableItem("unsupported_format", "Outlook item class not supported") from None
    except Exception as exc:
        raise UnreadableItem("corrupt", f"cannot parse Outlook message ({type(exc).__name__})") from None


def read_msg(data: bytes) -> MsgContent:
    """Parse an Outlook message; raises :class:`UnreadableItem` (``corrupt``, ``encrypted``, ...)."""
    msg = _open(data)
    try:
        warnings: list[str] = []
        class_type = str(getattr(msg, "classType", "") or "").lower()
        if ".rpmsg" in class_type:
            raise UnreadableItem("encrypted", "rights-managed (IRM) message")
        is_smime = class_type.endswith(".smime")
        if is_smime and _is_enveloped(msg):
            raise UnreadableItem("encrypted", "S/MIME encrypted message")
        try:
            # Read attachments before the body: a signed message's body is inside its attachment.
            raw_attachments = list(msg.attachments)
        except Exception as exc:
            if is_smime:
                raise UnreadableItem("encrypted", "S/MIME encrypted message") from None
            warnings.append(f"attachments: structure unreadable ({type(exc).__name__})")
            raw_attachments = []
        headers = _header_values(msg, warnings)
        body = _body(msg, warnings)
        attachments = tuple(_attachment(att, index) for index, att in enumerate(raw_attachments, 1))
    finally:
        with contextlib.suppress(Exception):
            msg.close()
    if not headers and not body and not attachments:
        raise UnreadableItem("empty", "Outlook message without headers, body or attachments")
    return MsgContent(tuple(headers), body, attachments, tuple(warnings))


def extract(data: bytes, ctx: Context) -> ExtractedText:
    content = read_msg(data)
    warnings = list(content.warnings)
    lines = [f"{name}: {value}" for name, value in content.headers]
    lines.append("")
    lines.append(content.body)
    parts: list[str] = []
    for index, att in enumerate(content.attachments, 1):
        if att.data is None:
            reason = att.problem or "corrupt"
            warnings.append(f"attachment {index}: unreadable ({reason})")
            lines.append(f"--- attachment: {att.name} (unreadable: {reason}) ---")
            continue
        try:
            child = ctx.extract_child(att.dispatch_name, att.data)
        except UnreadableItem as exc:
            warnings.append(f"attachment {index}: unreadable ({exc.reason})")
            lines.append(f"--- attachment: {att.name} (unreadable: {exc.reason}) ---")
            continue
        lines.append(f"--- attachment: {att.name} ---")
        lines.append(child.text)
        parts.append(att.name)
        parts.extend(f"{att.name}/{p}" for p in child.parts)
        warnings.extend(f"attachment {index}: {w}" for w in child.warnings)
    return ExtractedText("\n".join(lines), "msg", tuple(parts), tuple(warnings))
