"""The small interface every source implements: list, read, fingerprint, delete, redact, describe."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterator


class SourceError(Exception):
    """A source cannot be reached or used as asked."""


class ItemGone(SourceError):
    """The item is no longer in the source."""


@dataclass(frozen=True)
class SourceItem:
    key: str  # stable id within the source, e.g. a relative POSIX path
    size: int
    fingerprint: str  # changes when the item changes (size and mtime, ETag and version id, row hash)
    skip_reason: str | None = None  # listed but not to be read (e.g. a symbolic link)


@runtime_checkable
class Source(Protocol):
    uri: str
    kind: str

    def list_items(self) -> Iterator[SourceItem]: ...

    def read(self, key: str) -> bytes: ...

    def stat(self, key: str) -> SourceItem | None:
        """The item's current size and fingerprint, or None when it is gone."""
        ...

    def delete(self, key: str) -> str:
        """Remove the item; returns a short description of the method used."""
        ...

    def redact(self, key: str, new_content: bytes, *, expected_fingerprint: str) -> tuple[str, str]:
        """Replace the item's content with ``new_content`` in place (for records that must be kept).

        Only when the item's current fingerprint equals ``expected_fingerprint``; otherwise
        ``SourceError("item changed since it was read")`` is raised and nothing is changed (an
        :class:`ItemGone` when the item is no longer there). The replacement is atomic where the
        storage allows it: no reader ever sees a half-written item.

        Returns ``(new_key, method)``: the item's key after redaction (the same key, except where
        keys are content-derived or versioned) and a short description of the method used.
        """
        ...

    def describe(self) -> dict[str, str]: ...


def absent(source: Source, key: str) -> bool:
    """The after-destruction check: the item is in no listing of its source, old versions included.

    A source with versions (S3) implements ``absent(key)`` itself, from its version listing; for the
    others the item is absent when ``stat`` finds nothing.
    """
    own = getattr(source, "absent", None)
    if own is not None:
        return bool(own(key))
    return source.stat(key) is None
