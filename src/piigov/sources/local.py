"""A local or mounted folder."""

from __future__ import annotations

import os
import stat as stat_mod
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from piigov.sources.base import ItemGone, SourceError, SourceItem

if TYPE_CHECKING:
    from collections.abc import Iterator


class LocalFolderSource:
    kind = "local"

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise SourceError(f"not a folder: {self.root}")
        self.uri = self.root.as_uri()

    def _path(self, key: str) -> Path:
        rel = PurePosixPath(key)
        if rel.is_absolute() or ".." in rel.parts:
            raise SourceError("item key escapes the source root")
        return self.root.joinpath(*rel.parts)

    @staticmethod
    def _fingerprint(st: os.stat_result) -> str:
        return f"size={st.st_size};mtime_ns={st.st_mtime_ns}"

    def list_items(self) -> Iterator[SourceItem]:
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath, name)
                key = path.relative_to(self.root).as_posix()
                st = path.lstat()
                if stat_mod.S_ISLNK(st.st_mode):
                    yield SourceItem(
                        key, 0, f"link:{os.readlink(path)}", skip_reason="symbolic link not followed"
                    )
                elif not stat_mod.S_ISREG(st.st_mode):
                    yield SourceItem(key, 0, "special", skip_reason="not a regular file")
                else:
                    yield SourceItem(key, st.st_size, self._fingerprint(st))

    def read(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise ItemGone(key) from exc

    def stat(self, key: str) -> SourceItem | None:
        try:
            st = self._path(key).lstat()
        except FileNotFoundError:
            return None
        return SourceItem(key, st.st_size, self._fingerprint(st))

    def delete(self, key: str) -> str:
        path = self._path(key)
        try:
            path.unlink()
        except FileNotFoundError as exc:
            raise ItemGone(key) from exc
        # Make the unlink durable before the journal says "deleted".
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return "unlink (file system delete, directory entry synced)"

    def describe(self) -> dict[str, str]:
        return {"kind": self.kind, "uri": self.uri}
