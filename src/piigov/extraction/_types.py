"""Result and error types of the extraction module.

Nothing in here may ever carry document content: the text of a document is personal data, while
reasons, details and warnings end up in logs, reports and audit trails.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["REASONS", "ExtractedText", "UnreadableItem"]

#: The stable reason codes used by :class:`UnreadableItem`.
REASONS: frozenset[str] = frozenset(
    {"corrupt", "encrypted", "unsupported_format", "empty", "too_large", "decode_error"}
)


@dataclass(frozen=True)
class ExtractedText:
    """Text extracted from one item (file, attachment or archive member).

    ``text`` is the whole extracted text; detection offsets refer to this exact string.
    ``parts`` names the embedded parts (attachments, archive members) whose text was included;
    nested parts are written as ``outer/inner``. ``warnings`` lists non-fatal problems and never
    contains document content.
    """

    text: str
    format: str
    parts: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


class UnreadableItem(Exception):
    """The item's text could not be extracted.

    ``reason`` is a short stable code (see :data:`REASONS`); ``detail`` is a short human
    explanation that never contains document content.
    """

    reason: str
    detail: str

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}" if self.detail else self.reason

    def __repr__(self) -> str:
        return f"UnreadableItem({self.reason!r}, {self.detail!r})"

    def __reduce__(self) -> tuple[type[UnreadableItem], tuple[str, str]]:
        return (type(self), (self.reason, self.detail))
