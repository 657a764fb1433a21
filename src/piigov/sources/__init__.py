"""Sources of items: folders now; SMB, S3, SQL and mail exports build on the same interface."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from piigov.sources.base import ItemGone, Source, SourceError, SourceItem
from piigov.sources.local import LocalFolderSource

__all__ = ["ItemGone", "LocalFolderSource", "Source", "SourceError", "SourceItem", "open_source"]


def open_source(uri: str) -> Source:
    """A source from a path or URI; the register keys items by the source's canonical `uri`."""
    parsed = urlparse(uri)
    if parsed.scheme in ("", "file"):
        return LocalFolderSource(Path(parsed.path if parsed.scheme == "file" else uri))
    raise SourceError(f"unsupported source scheme {parsed.scheme!r}; supported: a folder path or file://")
