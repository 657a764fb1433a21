"""Text extraction from the file formats found on legacy file shares.

``extract_text(name, data)`` returns an :class:`ExtractedText` whose ``text`` is what detection
runs on, or raises :class:`UnreadableItem` with a stable reason code. The format is chosen by
suffix and, where the suffix is missing or wrong, by cheap signature checks (``%PDF``, zip
containers). Containers (zip archives, e-mail attachments) are extracted recursively up to
``max_depth`` levels.

Document text is personal data: it never appears in exceptions, warnings or log records.
Heavy parsers (python-docx, openpyxl, pypdf) are imported only when a file of that format is
extracted, so importing this package is cheap.
"""

from __future__ import annotations

from piigov.extraction._core import SUFFIX_FORMATS, new_context, run
from piigov.extraction._types import REASONS, ExtractedText, UnreadableItem

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "REASONS",
    "SUPPORTED_SUFFIXES",
    "ExtractedText",
    "UnreadableItem",
    "extract_text",
]

#: Default number of container levels (archive members, attachments) opened below an item.
DEFAULT_MAX_DEPTH = 3

#: Lower-case file suffixes (with the dot) that :func:`extract_text` handles.
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(SUFFIX_FORMATS)


def extract_text(name: str, data: bytes, *, max_depth: int = DEFAULT_MAX_DEPTH) -> ExtractedText:
    """Extract the text of one item.

    ``name`` is the item's file name or path (only its suffix is used, to choose the format);
    ``data`` its content. ``max_depth`` limits how many levels of embedded items (zip members,
    e-mail attachments, and their own members) are opened; a container found below that depth is
    reported as unreadable with reason ``"too_large"``.

    Raises :class:`UnreadableItem` (reason ``corrupt``, ``encrypted``, ``unsupported_format``,
    ``empty``, ``too_large`` or ``decode_error``); never any other exception for bad input.
    """
    return run(name, data, new_context(max_depth))
