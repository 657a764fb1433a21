"""A local or mounted folder."""

from __future__ import annotations

import os
import secrets
import stat as stat_mod
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from piigov.sources.base import ItemGone, SourceError, SourceItem

if TYPE_CHECKING:
    from collections.abc import Iterator


CHANGED = "item changed since it was read"
REPLACE_METHOD = "atomic replace (temporary file in the same folder, fsync, rename, folder synced)"


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (a rename, an unlink) durable."""
    dir_fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def atomic_replace(path: Path, data: bytes, *, before: os.stat_result) -> None:
    """Replace a regular file's content with ``data``: temporary file, fsync, ``os.replace``, folder fsync.

    ``before`` is the file's stat as checked by the caller; the replace is refused (temporary file
    removed, original untouched) when the file changed after that check.
    """
    tmp = path.with_name(f".{path.name}.piigov-{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), stat_mod.S_IMODE(before.st_mode))
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        now = path.lstat()
        if (now.st_ino, now.st_size, now.st_mtime_ns) != (before.st_ino, before.st_size, before.st_mtime_ns):
            raise SourceError(CHANGED)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


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
        fsync_dir(path.parent)
        return "unlink (file system delete, directory entry synced)"

    def redact(self, key: str, new_content: bytes, *, expected_fingerprint: str) -> tuple[str, str]:
        """Replace the file's content atomically; the key stays the same."""
        path = self._path(key)
        try:
            st = path.lstat()
        except FileNotFoundError as exc:
            raise ItemGone(key) from exc
        if not stat_mod.S_ISREG(st.st_mode):
            raise SourceError("not a regular file (symbolic links are not followed)")
        if self._fingerprint(st) != expected_fingerprint:
            raise SourceError(CHANGED)
        atomic_replace(path, bytes(new_content), before=st)
        return key, REPLACE_METHOD

    def describe(self) -> dict[str, str]:
        return {"kind": self.kind, "uri": self.uri}
