"""Mail exports: a folder tree of ``.eml``, ``.msg`` and ``.mbox`` files; messages and attachments.

Items and keys (paths are POSIX paths relative to the root):

* ``<path>`` -- an ``.eml`` or ``.msg`` file, one message;
* ``<path>#<id>`` -- a message of an ``.mbox`` file. ``<id>`` is the first 16 hex digits of the
  SHA-256 of the message's stored bytes (``From`` line and trailing blank line included), with
  ``-<k>`` (k = 2, 3, ...) appended for the k-th exact duplicate within the same mbox, in file
  order. The key depends on the message alone, so deleting one message leaves the keys of all the
  others as they were;
* ``<message key>/attachment/<k>/<file name>`` -- attachment ``k`` (1-based, in the order the
  extractor reads them) of any message. The file name is made safe for a key (no ``/``, no
  control characters) and carries the suffix that chooses the attachment's format. An attachment
  whose content is not in the message (a web reference, a broken part) is listed with a
  ``skip_reason``.

Every other file is listed with a ``skip_reason`` so that nothing in the export goes unseen.

A message item is read *without its attachments*, so that attachment text is detected once, in
the attachment's own item:

* ``.eml`` and mbox messages read as an RFC 822 message holding only the address, subject and date
  headers and the text body (plain, else HTML; its content base64-encoded); the extractor sees
  it as ``.eml``;
* ``.msg`` messages read as the UTF-8 text of those headers and the body (``Name: value`` lines, a
  blank line, the body); the extractor sees it as ``.txt``.

A message that cannot be parsed is read as its raw bytes, so the extractor reports why it is
unreadable. ``extraction_name(key)`` gives the name to hand to the extractor.

Fingerprints are the SHA-256 of the item's bytes: the file, the mbox message (``From`` line
included: the bytes that deletion removes) or the attachment.

Deleting an ``.eml``/``.msg`` file unlinks it; deleting an mbox message rewrites the mbox without
it (temporary file, fsync, atomic rename). Redaction (:meth:`MailExportSource.redact`) replaces a
file by atomic replace, or rewrites the mbox with the message's stored bytes replaced (its key, being
content-derived, changes). Attachments are destroyed and redacted with their message only.

Reading, stat and deletion of an mbox message find it by its id in the mbox's table of contents.
Exact duplicates are told apart only by their order: when one of ``n`` duplicates is deleted, the
remaining ones are ``<id>``, ``<id>-2``, ..., ``<id>-<n-1>`` and it is ``<id>-<n>`` that is gone.
Deleting duplicates from the highest ordinal down keeps each deleted key absent.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import stat as stat_mod
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO, Literal

from piigov.sources.base import ItemGone, SourceError, SourceItem
from piigov.sources.local import CHANGED, REPLACE_METHOD, atomic_replace, fsync_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from email.message import EmailMessage, Message

__all__ = ["MailExportSource"]

MESSAGE_SUFFIXES = frozenset({".eml", ".msg"})
MBOX_SUFFIX = ".mbox"
NOT_MAIL = "not a mail file (.eml, .msg, .mbox)"
_ATTACHMENT_PART = "attachment"
_MAX_NAME_CHARS = 150
_COPY_CHUNK = 1024 * 1024
_MBOX_ID_HEX = 16
# <16 hex>, or <16 hex>-<k> with k >= 2 written without leading zeros.
_MBOX_ID = re.compile(r"([0-9a-f]{16})(?:-([2-9]|[1-9][0-9]+))?")


@dataclass(frozen=True)
class _Ref:
    """A parsed key."""

    kind: Literal["file", "mbox", "other"]
    rel: str  # the file, relative to the root
    message_key: str
    message_id: str | None = None  # mbox message id: <16 hex>[-<k>]
    attachment: int | None = None  # attachment number


@dataclass(frozen=True)
class _Attachment:
    name: str  # the name used to choose the format (safe for a key)
    data: bytes | None


def _sha256(data: bytes) -> str:
    return "sha256=" + hashlib.sha256(data).hexdigest()


def _safe_name(name: str, index: int) -> str:
    """An attachment name usable as the last component of a key; keeps the suffix."""
    cleaned = "".join("_" if ch in "/\\" or ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in name)
    cleaned = " ".join(cleaned.split())
    if cleaned.strip(".") == "":
        return f"attachment-{index}"
    if len(cleaned) > _MAX_NAME_CHARS:
        suffix = PurePosixPath(cleaned).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        cleaned = cleaned[: _MAX_NAME_CHARS - len(suffix)] + suffix
    return cleaned


# --- messages -----------------------------------------------------------------------------------


def _parse_eml(raw: bytes) -> EmailMessage | None:
    from email import policy
    from email.parser import BytesParser

    try:
        msg: EmailMessage = BytesParser(policy=policy.default).parsebytes(raw)  # type: ignore[assignment]
    except Exception:
        return None
    return msg if msg.keys() else None


def _eml_body_part(msg: EmailMessage) -> Message | None:
    """The part the extractor reads as the body (plain, else HTML), or None."""
    for preference in (("plain",), ("html",)):
        try:
            part = msg.get_body(preferencelist=preference)
        except Exception:
            return None
        if part is not None:
            return part
    return None


def _eml_attachments(raw: bytes) -> list[_Attachment]:
    """The attachments of an RFC 822 message, in the order and with the names the extractor uses."""
    from piigov.extraction.eml import _attachment_bytes, _attachment_candidates, _attachment_name

    msg = _parse_eml(raw)
    if msg is None:
        return []
    try:
        parts: list[Message]
        if _eml_body_part(msg) is None and not msg.is_multipart():
            parts = [msg]  # the whole message is one attached file
        else:
            parts = list(_attachment_candidates(msg))
    except Exception:
        return []
    found = []
    for index, part in enumerate(parts, 1):
        _, dispatch = _attachment_name(part, index)
        try:
            data: bytes | None = _attachment_bytes(part)
        except Exception:
            data = None
        found.append(_Attachment(_safe_name(dispatch, index), data))
    return found


def _eml_without_attachments(raw: bytes) -> bytes | None:
    """The message with only its address/subject/date headers and its text body; None if unparsable.

    The body keeps its Content-Type (and so its charset); its content is re-encoded as base64.
    """
    import base64

    from piigov.extraction.eml import HEADERS

    msg = _parse_eml(raw)
    if msg is None:
        return None
    keep = {name.lower() for name in HEADERS}
    lines = [f"{name}: {value}" for name, value in msg.raw_items() if name.lower() in keep]
    lines.append("MIME-Version: 1.0")
    body = _eml_body_part(msg)
    content = b""
    content_type = "text/plain; charset=utf-8"
    if body is not None:
        content_type = next((v for n, v in body.raw_items() if n.lower() == "content-type"), "text/plain")
        try:
            payload = body.get_payload(decode=True)
        except Exception:
            payload = None
        content = payload if isinstance(payload, bytes) else b""
    lines.append(f"Content-Type: {content_type}")
    lines.append("Content-Transfer-Encoding: base64")
    head = ("\n".join(lines) + "\n\n").encode("utf-8", errors="surrogateescape")
    return head + base64.encodebytes(content)


def _msg_attachments(raw: bytes) -> list[_Attachment]:
    from piigov.extraction import UnreadableItem
    from piigov.extraction.msg import read_msg

    try:
        content = read_msg(raw)
    except UnreadableItem:
        return []
    return [
        _Attachment(_safe_name(att.dispatch_name, index), att.data)
        for index, att in enumerate(content.attachments, 1)
    ]


def _msg_without_attachments(raw: bytes) -> bytes | None:
    from piigov.extraction import UnreadableItem
    from piigov.extraction.msg import read_msg

    try:
        content = read_msg(raw)
    except UnreadableItem:
        return None
    lines = [f"{name}: {value}" for name, value in content.headers]
    return ("\n".join([*lines, "", content.body])).encode("utf-8")


# --- mbox ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _MboxEntry:
    start: int
    end: int
    message_id: str  # <16 hex>[-<k>]
    digest: str  # full SHA-256 hex of the stored bytes


def _mbox_index(f: BinaryIO) -> list[_MboxEntry]:
    """Each message in file order: byte offsets (``From `` line and trailing blank line included) and id.

    As Python's ``mailbox.mbox``: every line starting with ``From `` starts a message. Text before
    the first such line is a message of its own unless it is blank, so no content is left out.
    The file is read once; each message's bytes are hashed as they stream past.
    """
    f.seek(0)
    segments: list[tuple[int, int, str]] = []
    start = 0
    digest = hashlib.sha256()
    started = False  # the current segment is a message (a From line or non-blank text seen)
    pos = 0
    for line in f:
        if line.startswith(b"From "):
            if started:
                segments.append((start, pos, digest.hexdigest()))
            start, digest, started = pos, hashlib.sha256(), True
        elif not started and line.strip():
            started = True  # text before the first From line: a message from offset 0
        digest.update(line)
        pos += len(line)
    if started:
        segments.append((start, pos, digest.hexdigest()))
    seen: dict[str, int] = {}
    entries = []
    for begin, stop, full in segments:
        short = full[:_MBOX_ID_HEX]
        seen[short] = seen.get(short, 0) + 1
        message_id = short if seen[short] == 1 else f"{short}-{seen[short]}"
        entries.append(_MboxEntry(begin, stop, message_id, full))
    return entries


def _mbox_message(segment: bytes) -> bytes:
    """The RFC 822 message in an mbox segment: without the ``From `` line and separator line."""
    if segment.startswith(b"From "):
        newline = segment.find(b"\n")
        segment = b"" if newline < 0 else segment[newline + 1 :]
    if segment.endswith(b"\r\n\r\n"):
        segment = segment[:-2]
    elif segment.endswith(b"\n\n"):
        segment = segment[:-1]
    return segment


def _mbox_replacement(stored: bytes, content: bytes) -> bytes:
    """The stored bytes of a redacted mbox message: ``From`` line, escaped message, blank line."""
    if content.startswith(b"From "):
        from_line, _, content = content.partition(b"\n")
        from_line += b"\n"
    elif stored.startswith(b"From "):
        from_line = stored[: stored.find(b"\n") + 1] if b"\n" in stored else stored + b"\n"
    else:
        from_line = b""  # text before the first From line stays without one
    newline = b"\r\n" if stored.endswith(b"\r\n") else b"\n"
    lines = content.splitlines(keepends=True)
    body = b"".join(b">" + line if line.startswith(b"From ") else line for line in lines)
    if body and not body.endswith(b"\n"):
        body += newline
    return from_line + body + newline


class MailExportSource:
    """A mail export folder; every message and every attachment is an item (see the module doc)."""

    kind = "mail"

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise SourceError(f"not a folder: {self.root}")
        self.uri = "mail+" + self.root.as_uri()
        self._index_cache: dict[str, tuple[tuple[int, int, int], list[_MboxEntry]]] = {}

    # --- keys -----------------------------------------------------------------------------------

    def _path(self, rel: str) -> Path:
        parts = PurePosixPath(rel)
        if parts.is_absolute() or ".." in parts.parts or not parts.parts:
            raise SourceError("item key escapes the source root")
        return self.root.joinpath(*parts.parts)

    @staticmethod
    def _message_ref(key: str) -> _Ref | None:
        suffix = PurePosixPath(key).suffix.lower()
        if suffix in MESSAGE_SUFFIXES:
            return _Ref("file", key, key)
        head, sep, message_id = key.rpartition("#")
        if sep and PurePosixPath(head).suffix.lower() == MBOX_SUFFIX and _MBOX_ID.fullmatch(message_id):
            return _Ref("mbox", head, key, message_id=message_id)
        return None

    def _ref(self, key: str) -> _Ref:
        self._path(key)  # reject keys that escape the root
        head, _, tail = key.rpartition("/")
        message_key, marker, number = head.rpartition("/")
        if marker and number.isdigit() and message_key.endswith(f"/{_ATTACHMENT_PART}") and tail:
            message_key = message_key[: -len(_ATTACHMENT_PART) - 1]
            message = self._message_ref(message_key)
            if message is not None and not self._path(key).is_file():
                return _Ref(message.kind, message.rel, message.message_key, message.message_id, int(number))
        message = self._message_ref(key)
        if message is not None:
            return message
        if ".mbox#" in key.lower() and not os.path.lexists(self._path(key)):
            # Never "gone" (stat None) for a key that may name a message still present, e.g. a
            # positional key (``#3``) of an older version of this source.
            raise SourceError("not an mbox message key (<path>#<16 hex digits>[-<k>])")
        return _Ref("other", key, key)

    # --- reading --------------------------------------------------------------------------------

    def _read_file(self, rel: str) -> bytes:
        path = self._path(rel)
        try:
            st = path.lstat()
        except FileNotFoundError as exc:
            raise ItemGone(rel) from exc
        if not stat_mod.S_ISREG(st.st_mode):
            raise SourceError("not a regular file (symbolic links are not followed)")
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise ItemGone(rel) from exc

    def _index(self, rel: str, f: BinaryIO, *, fresh: bool = False) -> list[_MboxEntry]:
        """The mbox's table of contents; cached while the file's inode, size and mtime stay the same."""
        st = os.fstat(f.fileno())
        version = (st.st_ino, st.st_size, st.st_mtime_ns)
        cached = self._index_cache.get(rel)
        if not fresh and cached is not None and cached[0] == version:
            return cached[1]
        index = _mbox_index(f)
        self._index_cache[rel] = (version, index)
        return index

    @staticmethod
    def _find(index: list[_MboxEntry], message_id: str) -> _MboxEntry | None:
        return next((e for e in index if e.message_id == message_id), None)

    def _mbox_segment(self, rel: str, message_id: str, *, key: str) -> bytes:
        path = self._path(rel)
        try:
            if not stat_mod.S_ISREG(path.lstat().st_mode):
                raise SourceError("not a regular file (symbolic links are not followed)")
            with path.open("rb") as f:
                for fresh in (False, True):
                    entry = self._find(self._index(rel, f, fresh=fresh), message_id)
                    if entry is None:
                        if fresh:
                            raise ItemGone(key)
                        continue
                    f.seek(entry.start)
                    segment = f.read(entry.end - entry.start)
                    # The cache may be stale (a rewrite within the mtime resolution): check the bytes.
                    if hashlib.sha256(segment).hexdigest() == entry.digest:
                        return segment
                raise ItemGone(key)
        except FileNotFoundError as exc:
            raise ItemGone(key) from exc

    def _message_bytes(self, ref: _Ref) -> bytes:
        """The message's bytes as stored: the file, or the mbox segment."""
        if ref.kind == "file":
            try:
                return self._read_file(ref.rel)
            except ItemGone as exc:
                raise ItemGone(ref.message_key) from exc
        if ref.kind == "mbox":
            assert ref.message_id is not None
            return self._mbox_segment(ref.rel, ref.message_id, key=ref.message_key)
        raise SourceError(NOT_MAIL)

    @staticmethod
    def _rfc822(ref: _Ref, stored: bytes) -> bytes:
        return _mbox_message(stored) if ref.kind == "mbox" else stored

    def _attachments(self, ref: _Ref, stored: bytes) -> list[_Attachment]:
        try:
            if ref.kind == "file" and ref.rel.lower().endswith(".msg"):
                return _msg_attachments(stored)
            return _eml_attachments(self._rfc822(ref, stored))
        except Exception:  # a message the parsers cannot take apart has no attachment items
            return []

    def _attachment(self, key: str, ref: _Ref) -> _Attachment:
        assert ref.attachment is not None
        attachments = self._attachments(ref, self._message_bytes(ref))
        if ref.attachment > len(attachments):
            raise ItemGone(key)
        found = attachments[ref.attachment - 1]
        if key.rpartition("/")[2] != found.name:
            raise ItemGone(key)  # another attachment is at this position now
        return found

    def read(self, key: str) -> bytes:
        ref = self._ref(key)
        if ref.kind == "other":
            raise SourceError(NOT_MAIL)
        if ref.attachment is not None:
            found = self._attachment(key, ref)
            if found.data is None:
                raise SourceError("attachment content is not in the message")
            return found.data
        stored = self._message_bytes(ref)
        try:
            if ref.kind == "file" and ref.rel.lower().endswith(".msg"):
                stripped = _msg_without_attachments(stored)
            else:
                stripped = _eml_without_attachments(self._rfc822(ref, stored))
        except Exception:
            stripped = None
        # Unparsable: the stored bytes, so that the extractor reports why the message is unreadable.
        return self._rfc822(ref, stored) if stripped is None else stripped

    def stored_message(self, key: str) -> bytes:
        """A message as stored (RFC 822, attachments included): what redaction rewrites."""
        ref = self._ref(key)
        if ref.attachment is not None or ref.kind == "other":
            raise SourceError("not a message")
        return self._rfc822(ref, self._message_bytes(ref))

    def extraction_name(self, key: str) -> str:
        """The name to hand to the extractor with the bytes :meth:`read` returns."""
        ref = self._ref(key)
        if ref.attachment is not None:
            return key.rpartition("/")[2]
        if ref.kind == "mbox":
            return f"{key}.eml"
        if ref.kind == "file" and ref.rel.lower().endswith(".msg"):
            return f"{key}.txt"
        return key

    # --- listing --------------------------------------------------------------------------------

    def _message_items(self, ref: _Ref, stored: bytes) -> Iterator[SourceItem]:
        yield SourceItem(ref.message_key, len(stored), _sha256(stored))
        for index, att in enumerate(self._attachments(ref, stored), 1):
            key = f"{ref.message_key}/{_ATTACHMENT_PART}/{index}/{att.name}"
            if att.data is None:
                yield SourceItem(
                    key, 0, "unavailable", skip_reason="attachment content is not in the message"
                )
            else:
                yield SourceItem(key, len(att.data), _sha256(att.data))

    def _file_items(self, path: Path, rel: str, st: os.stat_result) -> Iterator[SourceItem]:
        suffix = path.suffix.lower()
        if suffix in MESSAGE_SUFFIXES:
            ref = _Ref("file", rel, rel)
            try:
                stored = path.read_bytes()
            except OSError:
                # Listed all the same; reading it in the scan records the error.
                yield SourceItem(rel, st.st_size, f"size={st.st_size};mtime_ns={st.st_mtime_ns}")
                return
            yield from self._message_items(ref, stored)
        elif suffix == MBOX_SUFFIX:
            try:
                f = path.open("rb")
            except OSError:
                yield SourceItem(rel, st.st_size, "unreadable", skip_reason="mbox file cannot be opened")
                return
            with f:
                for entry in self._index(rel, f):
                    f.seek(entry.start)
                    stored = f.read(entry.end - entry.start)
                    yield from self._message_items(
                        _Ref("mbox", rel, f"{rel}#{entry.message_id}", message_id=entry.message_id), stored
                    )
        else:
            yield SourceItem(
                rel, st.st_size, f"size={st.st_size};mtime_ns={st.st_mtime_ns}", skip_reason=NOT_MAIL
            )

    @staticmethod
    def _not_a_file(path: Path, rel: str, st: os.stat_result) -> SourceItem | None:
        """The listing of a symbolic link or special file; None for a regular file."""
        if stat_mod.S_ISLNK(st.st_mode):
            return SourceItem(rel, 0, f"link:{os.readlink(path)}", skip_reason="symbolic link not followed")
        if not stat_mod.S_ISREG(st.st_mode):
            return SourceItem(rel, 0, "special", skip_reason="not a regular file")
        return None

    def list_items(self) -> Iterator[SourceItem]:
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath, name)
                rel = path.relative_to(self.root).as_posix()
                st = path.lstat()
                skipped = self._not_a_file(path, rel, st)
                if skipped is not None:
                    yield skipped
                else:
                    yield from self._file_items(path, rel, st)

    def stat(self, key: str) -> SourceItem | None:
        ref = self._ref(key)
        try:
            if ref.attachment is None and key == ref.rel:  # a key that names a file
                path = self._path(key)
                st = path.lstat()
                skipped = self._not_a_file(path, key, st)
                if skipped is not None:
                    return skipped
                if ref.kind == "other":
                    return SourceItem(
                        key, st.st_size, f"size={st.st_size};mtime_ns={st.st_mtime_ns}", NOT_MAIL
                    )
            if ref.attachment is not None:
                found = self._attachment(key, ref)
                if found.data is None:
                    return SourceItem(key, 0, "unavailable", "attachment content is not in the message")
                return SourceItem(key, len(found.data), _sha256(found.data))
            stored = self._message_bytes(ref)
        except (ItemGone, FileNotFoundError, NotADirectoryError):
            return None
        return SourceItem(key, len(stored), _sha256(stored))

    # --- deletion -------------------------------------------------------------------------------

    def delete(self, key: str) -> str:
        ref = self._ref(key)
        if ref.attachment is not None:
            raise SourceError("attachments are destroyed with their message")
        if ref.kind == "file":
            return self._unlink(ref)
        if ref.kind == "mbox":
            assert ref.message_id is not None
            return self._delete_from_mbox(ref.rel, ref.message_id, key)
        raise SourceError(NOT_MAIL)

    def _unlink(self, ref: _Ref) -> str:
        path = self._path(ref.rel)
        try:
            if not stat_mod.S_ISREG(path.lstat().st_mode):
                raise SourceError("not a regular file (symbolic links are not followed)")
            path.unlink()
        except FileNotFoundError as exc:
            raise ItemGone(ref.message_key) from exc
        fsync_dir(path.parent)
        return "unlink (file system delete, directory entry synced)"

    def _delete_from_mbox(self, rel: str, message_id: str, key: str) -> str:
        self._rewrite_mbox(rel, message_id, key, None)
        return (
            f"mbox rewritten without message {message_id} "
            "(temporary file, fsync, atomic rename; directory entry synced)"
        )

    def _rewrite_mbox(
        self,
        rel: str,
        message_id: str,
        key: str,
        replace: Callable[[bytes], bytes] | None,
        expected_fingerprint: str | None = None,
    ) -> str | None:
        """Rewrite the mbox without the message (``replace`` None) or with its stored bytes replaced.

        ``replace`` gets the message's stored bytes and returns the new ones. Returns the new message
        id when replacing. Nothing changes when the mbox changed meanwhile or the fingerprint differs.
        """
        path = self._path(rel)
        tmp = path.with_name(f".{path.name}.piigov-{secrets.token_hex(6)}.tmp")
        try:
            f = path.open("rb")
        except FileNotFoundError as exc:
            raise ItemGone(key) from exc
        new_id: str | None = None
        with f:
            before = os.fstat(f.fileno())
            if not stat_mod.S_ISREG(path.lstat().st_mode):
                raise SourceError("not a regular file (symbolic links are not followed)")
            entry = self._find(_mbox_index(f), message_id)  # never the cache: these bytes go
            if entry is None:
                raise ItemGone(key)
            if expected_fingerprint is not None and "sha256=" + entry.digest != expected_fingerprint:
                raise SourceError(CHANGED)
            start, end = entry.start, entry.end
            replacement = b""
            if replace is not None:
                f.seek(start)
                replacement = replace(f.read(end - start))
            fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "w+b") as out:
                    os.fchmod(out.fileno(), stat_mod.S_IMODE(before.st_mode))
                    for begin, stop, insert in ((0, start, replacement), (end, before.st_size, b"")):
                        f.seek(begin)
                        remaining = stop - begin
                        while remaining > 0:
                            chunk = f.read(min(_COPY_CHUNK, remaining))
                            if not chunk:
                                raise SourceError("mbox shrank while it was rewritten")
                            out.write(chunk)
                            remaining -= len(chunk)
                        out.write(insert)
                    out.flush()
                    os.fsync(out.fileno())
                    if replace is not None:
                        # The new bytes must be exactly one message, where the old one was.
                        placed = next((e for e in _mbox_index(out) if e.start == start), None)  # type: ignore[arg-type]
                        if placed is None or placed.end != start + len(replacement):
                            raise SourceError(
                                "the new content would not be one mbox message; nothing changed"
                            )
                        new_id = placed.message_id
                now = path.stat()
                if (now.st_ino, now.st_size, now.st_mtime_ns) != (
                    before.st_ino,
                    before.st_size,
                    before.st_mtime_ns,
                ):
                    raise SourceError("mbox changed while it was rewritten; nothing changed")
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        fsync_dir(path.parent)
        self._index_cache.pop(rel, None)
        return new_id

    # --- redaction ------------------------------------------------------------------------------

    def redact(self, key: str, new_content: bytes, *, expected_fingerprint: str) -> tuple[str, str]:
        """Replace a message's stored bytes (see the module doc); attachments go with their message.

        ``.eml``/``.msg``: ``new_content`` is the new file, written by atomic replace; the key stays.
        mbox message: ``new_content`` is the new RFC 822 message (optionally with its ``From`` line;
        the original one is kept otherwise). Body lines starting with ``From `` are escaped as
        ``>From ``, the message ends with a blank line, and the mbox is rewritten with it in place of
        the old message; returns the new content-derived key. The other messages keep their keys.
        """
        ref = self._ref(key)
        if ref.attachment is not None:
            raise SourceError("attachments are redacted with their message")
        if ref.kind == "file":
            return self._redact_file(ref, bytes(new_content), expected_fingerprint)
        if ref.kind == "mbox":
            assert ref.message_id is not None
            content = bytes(new_content)
            new_id = self._rewrite_mbox(
                ref.rel,
                ref.message_id,
                key,
                lambda stored: _mbox_replacement(stored, content),
                expected_fingerprint,
            )
            assert new_id is not None
            return (
                f"{ref.rel}#{new_id}",
                f"mbox rewritten with message {ref.message_id} replaced by {new_id} "
                "(temporary file, fsync, atomic rename; directory entry synced)",
            )
        raise SourceError(NOT_MAIL)

    def _redact_file(self, ref: _Ref, content: bytes, expected_fingerprint: str) -> tuple[str, str]:
        path = self._path(ref.rel)
        try:
            st = path.lstat()
            if not stat_mod.S_ISREG(st.st_mode):
                raise SourceError("not a regular file (symbolic links are not followed)")
            stored = path.read_bytes()
        except FileNotFoundError as exc:
            raise ItemGone(ref.message_key) from exc
        if _sha256(stored) != expected_fingerprint:
            raise SourceError(CHANGED)
        try:
            atomic_replace(path, content, before=st)
        except FileNotFoundError as exc:
            raise ItemGone(ref.message_key) from exc
        return ref.message_key, REPLACE_METHOD

    def describe(self) -> dict[str, str]:
        return {"kind": self.kind, "uri": self.uri}
