"""An SMB share (Windows file server, NAS, Samba), read, deleted and redacted over SMB2/3.

Keys are POSIX paths relative to `share/path`. The password is held only by the source object: it is
never part of `uri`, `describe()`, `repr()`, log lines or exception messages.

Links: a Windows server flags symbolic links and junctions as name-surrogate reparse points; those are
listed with a skip reason and never followed. Other reparse points (deduplicated, cloud or HSM files)
hold data and are read like any file. Samba resolves symbolic links on the server side and shows them
as plain files and folders; a folder seen twice (a link to a folder, a loop) is listed once, the
second path as a skipped entry.

A folder that cannot be listed (access denied) is reported as one skipped entry whose key ends in "/",
so the gap is visible in the register instead of silently missing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from piigov.sources.base import ItemGone, SourceError, SourceItem

if TYPE_CHECKING:
    from collections.abc import Iterator

log = logging.getLogger(__name__)
# smbprotocol logs every request at INFO; one line per file operation drowns a task log.
for _name in ("smbprotocol", "smbclient", "spnego"):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.WARNING)

PASSWORD_ENV = "PIIGOV_SMB_PASSWORD"
DEFAULT_PORT = 445

# NT status codes ([MS-ERREF] 2.3.1) that mean "this item is not there (any more)".
_GONE = {
    0xC0000034,  # STATUS_OBJECT_NAME_NOT_FOUND
    0xC000003A,  # STATUS_OBJECT_PATH_NOT_FOUND
    0xC0000225,  # STATUS_NOT_FOUND
    0xC0000123,  # STATUS_FILE_DELETED
}
_DELETE_PENDING = 0xC0000056
_ACCESS_DENIED = 0xC0000022
_BAD_NETWORK_NAME = 0xC00000CC

_FILE_ATTRIBUTE_DIRECTORY = 0x10
_FILE_ATTRIBUTE_REPARSE_POINT = 0x400
_REPARSE_TAG_NAME_SURROGATE = 0x20000000  # [MS-FSCC] 2.1.2.1: the reparse point names another file
_REPARSE_TAG_SYMLINK = 0xA000000C
_REPARSE_TAG_MOUNT_POINT = 0xA0000003

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FILETIME_EPOCH = 116444736000000000  # 1970-01-01 in 100 ns units since 1601-01-01


class SmbStatusError(SourceError):
    """The server answered an SMB request with an error NT status."""

    def __init__(self, message: str, status: str) -> None:
        super().__init__(message)
        self.status = status


class SmbAccessDenied(SmbStatusError):
    """STATUS_ACCESS_DENIED: the share user may not open the item."""


def status_name(code: int | None) -> str:
    """'STATUS_ACCESS_DENIED' for 0xC0000022; a hex code when the name is unknown."""
    if code is None:
        return "no NT status"
    from smbprotocol.header import NtStatus

    for name, value in vars(NtStatus).items():
        if name.startswith("STATUS_") and value == code:
            return name
    return f"NTSTATUS 0x{code:08x}"


def _status_of(exc: BaseException) -> int | None:
    code = getattr(exc, "ntstatus", None)
    if code is None:
        code = getattr(exc, "status", None)
    if not isinstance(code, int):
        return None
    # smbclient answers a missing share with the STATUS_NOT_FOUND of its DFS fallback; the cause says why.
    seen: BaseException | None = exc
    for _ in range(8):
        seen = seen.__cause__ or seen.__context__ if seen is not None else None
        if seen is None:
            break
        if getattr(seen, "status", None) == _BAD_NETWORK_NAME:
            return _BAD_NETWORK_NAME
    return code


def reparse_skip_reason(file_attributes: int, reparse_tag: int) -> str | None:
    """Why an entry is listed but not followed, or None when it is read like any file or folder."""
    if not file_attributes & _FILE_ATTRIBUTE_REPARSE_POINT:
        return None
    if reparse_tag == _REPARSE_TAG_SYMLINK:
        return "symbolic link not followed"
    if reparse_tag == _REPARSE_TAG_MOUNT_POINT:
        return "junction (mount point) not followed"
    if reparse_tag & _REPARSE_TAG_NAME_SURROGATE:
        return f"reparse point 0x{reparse_tag:08x} naming another file, not followed"
    return None  # deduplicated / cloud / HSM / compressed files: data, readable as usual


def _mtime_ns_from_datetime(value: dt.datetime) -> int:
    # Directory listings carry FILETIMEs parsed to microseconds; stat() rounds the same way, so a
    # listed and a stat'ed fingerprint of an unchanged file are equal.
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return ((value - _EPOCH) // dt.timedelta(microseconds=1)) * 1000


def _fingerprint(size: int, mtime_ns: int, file_id: int) -> str:
    fp = f"size={size};mtime_ns={mtime_ns}"
    return f"{fp};file_id={file_id}" if file_id else fp


def _clean_parts(value: str, what: str) -> tuple[str, ...]:
    """The segments of a relative POSIX path, refusing anything that could leave the share root."""
    if "\\" in value or "\x00" in value or ":" in value:
        raise SourceError(f"{what} contains a character not allowed in an SMB path (\\, : or NUL)")
    rel = PurePosixPath(value)
    if rel.is_absolute() or value.startswith("/"):
        raise SourceError(f"{what} escapes the source root")
    parts = tuple(p for p in value.split("/") if p not in ("",))
    if any(p in (".", "..") for p in parts):
        raise SourceError(f"{what} escapes the source root")
    return parts


class SmbSource:
    """Files on `\\\\host\\share\\path`, listed recursively; see the module docstring."""

    kind = "smb"

    def __init__(
        self,
        host: str,
        share: str,
        path: str = "",
        *,
        username: str,
        password: str,
        port: int = DEFAULT_PORT,
        encrypt: bool | None = None,
        connection_timeout: int = 30,
    ) -> None:
        if not host or any(c in host for c in "/\\@ "):
            raise SourceError(f"invalid SMB host {host!r}")
        if not share or any(c in share for c in "/\\:\x00"):
            raise SourceError(f"invalid SMB share name {share!r}")
        if not username:
            raise SourceError("an SMB username is required")
        self.host = host.lower()
        self.share = share
        self.path = "/".join(_clean_parts(path.strip("/"), "path")) if path else ""
        self.username = username
        self.port = int(port)
        self.encrypt = encrypt
        self.connection_timeout = connection_timeout
        self._password = password
        self._cache: dict[str, Any] = {}  # this source's own SMB connections (reused across calls)
        self._registered = False
        self.uri = self._build_uri()

    # -- construction helpers ------------------------------------------------------------------

    @classmethod
    def from_uri(cls, uri: str, password: str | None = None, **kwargs: Any) -> SmbSource:
        return cls(**parse_smb_uri(uri, password=password), **kwargs)

    @classmethod
    def from_airflow_connection(cls, conn_id: str, share: str | None = None, path: str = "") -> SmbSource:
        """Host, login, password and port from an Airflow connection; `share` defaults to its schema.

        Extras understood: {"encrypt": true}.
        """
        from airflow.sdk import BaseHook

        conn = BaseHook.get_connection(conn_id)
        share = share or conn.schema
        if not conn.host or not conn.login or not share:
            raise SourceError(f"Airflow connection {conn_id!r} needs a host, a login and a share")
        extra = conn.extra_dejson or {}
        encrypt = extra.get("encrypt")
        if isinstance(encrypt, str):
            encrypt = encrypt.strip().lower() in ("1", "true", "yes", "on")
        return cls(
            conn.host,
            share,
            path,
            username=conn.login,
            password=conn.password or "",
            port=int(conn.port or DEFAULT_PORT),
            encrypt=None if encrypt is None else bool(encrypt),
        )

    def _build_uri(self) -> str:
        user = self.username
        if "\\" in user:  # DOMAIN\user is written DOMAIN;user in smb URIs
            domain, _, name = user.partition("\\")
            user = f"{quote(domain, safe='')};{quote(name, safe='')}"
        else:
            user = quote(user, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        tail = "/".join(quote(p, safe="") for p in (self.share, *self._path_parts()))
        return f"smb://{user}@{host}:{self.port}/{tail}"

    def _path_parts(self) -> tuple[str, ...]:
        return tuple(self.path.split("/")) if self.path else ()

    def __repr__(self) -> str:
        return f"SmbSource({self.uri!r})"

    # -- connection ---------------------------------------------------------------------------

    def _root_unc(self) -> str:
        return "\\\\" + "\\".join((self.host, self.share, *self._path_parts()))

    def _unc(self, key: str) -> str:
        parts = _clean_parts(key, "item key")
        if not parts:
            raise SourceError("empty item key")
        return "\\".join((self._root_unc(), *parts))

    def _kwargs(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "password": self._password,
            "port": self.port,
            "encrypt": self.encrypt,
            "connection_timeout": self.connection_timeout,
            "connection_cache": self._cache,
        }

    def _scrub(self, text: str) -> str:
        return text.replace(self._password, "***") if self._password else text

    def _error(self, exc: BaseException, doing: str, key: str | None = None) -> SourceError:
        """A SourceError for an smbprotocol/socket failure, without the password."""
        code = _status_of(exc)
        where = f"{self.uri} {key!r}" if key is not None else self.uri
        if code is None:
            detail = self._scrub(str(exc)) or type(exc).__name__
            return SourceError(f"SMB {doing} failed for {where}: {type(exc).__name__}: {detail}")
        name = status_name(code)
        cls = SmbAccessDenied if code == _ACCESS_DENIED else SmbStatusError
        return cls(f"SMB {doing} failed for {where}: {name}", name)

    @contextmanager
    def _translate(self, doing: str, key: str | None = None) -> Iterator[None]:
        try:
            yield
        except SourceError:
            raise
        except Exception as exc:
            code = _status_of(exc)
            if key is not None and code in _GONE:
                self._check_root()  # a missing share or source folder is an error, not "item gone"
                raise ItemGone(key) from None
            # `from None`: the original chain carries no secret, but keeps the log short and certain.
            raise self._error(exc, doing, key) from None

    def _check_root(self) -> Any:
        """The source root's stat result; a SourceError when the share or folder is not there."""
        import smbclient

        try:
            st = smbclient.stat(self._root_unc(), **self._kwargs())
        except Exception as exc:
            raise self._error(exc, "stat of the source root") from None
        if not st.st_file_attributes & _FILE_ATTRIBUTE_DIRECTORY:
            raise SourceError(f"not a folder: {self.uri}")
        return st

    def _connect(self) -> None:
        if self._registered and self._cache:
            return
        import smbclient

        with self._translate("login"):
            smbclient.register_session(
                self.host,
                username=self.username,
                password=self._password,
                port=self.port,
                encrypt=self.encrypt,
                connection_timeout=self.connection_timeout,
                connection_cache=self._cache,
            )
        self._registered = True

    def close(self) -> None:
        """Log off and close this source's connections (the next call connects again)."""
        if not self._cache:
            return
        import smbclient

        try:
            smbclient.reset_connection_cache(fail_on_error=False, connection_cache=self._cache)
        finally:
            self._cache.clear()
            self._registered = False

    def __enter__(self) -> SmbSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- Source protocol ------------------------------------------------------------------------

    def list_items(self) -> Iterator[SourceItem]:

        self._connect()
        root = self._root_unc()
        root_st = self._check_root()
        seen_dirs: dict[int, str] = {root_st.st_ino: ""} if root_st.st_ino else {}
        yield from self._walk(root, "", seen_dirs, root_level=True)

    def _walk(
        self, unc: str, prefix: str, seen_dirs: dict[int, str], root_level: bool
    ) -> Iterator[SourceItem]:
        import smbclient

        try:
            with smbclient.scandir(unc, **self._kwargs()) as it:
                entries = sorted(it, key=lambda e: e.name)
        except Exception as exc:
            if root_level:
                raise self._error(exc, "listing of the source root") from None
            # The reason goes to the register and the log: the status only, not the (possibly
            # name-bearing) folder path, which the register keeps under its own masking.
            status = status_name(_status_of(exc)) if _status_of(exc) is not None else type(exc).__name__
            log.warning("SMB source %s: a folder could not be listed (%s)", self.uri, status)
            yield SourceItem(prefix + "/", 0, "unlistable", skip_reason=f"folder cannot be listed: {status}")
            return
        for entry in entries:
            info = entry.smb_info
            key = f"{prefix}/{entry.name}" if prefix else entry.name
            attributes = info.file_attributes
            tag = info.ea_size if attributes & _FILE_ATTRIBUTE_REPARSE_POINT else 0
            reason = reparse_skip_reason(attributes, tag)
            if reason is not None:
                yield SourceItem(key, 0, f"reparse:0x{tag:08x};file_id={info.file_id}", skip_reason=reason)
            elif attributes & _FILE_ATTRIBUTE_DIRECTORY:
                first = seen_dirs.get(info.file_id) if info.file_id else None
                if first is not None:
                    yield SourceItem(
                        key + "/",
                        0,
                        f"folder-alias;file_id={info.file_id}",
                        skip_reason=f"folder already listed as {first + '/' if first else 'the source root'} "
                        "(a link or loop resolved by the server)",
                    )
                    continue
                if info.file_id:
                    seen_dirs[info.file_id] = key
                yield from self._walk(entry.path, key, seen_dirs, root_level=False)
            else:
                size = info.end_of_file
                mtime_ns = _mtime_ns_from_datetime(info.last_write_time)
                yield SourceItem(key, size, _fingerprint(size, mtime_ns, info.file_id))

    def read(self, key: str) -> bytes:
        import smbclient

        unc = self._unc(key)
        self._connect()
        with self._translate("read", key):
            try:
                with smbclient.open_file(unc, mode="rb", share_access="rw", **self._kwargs()) as fh:
                    return fh.read()
            except Exception as exc:
                if _status_of(exc) == _DELETE_PENDING:
                    raise SmbStatusError(
                        f"SMB read failed for {self.uri} {key!r}: STATUS_DELETE_PENDING "
                        "(deleted, but another client still holds it open)",
                        "STATUS_DELETE_PENDING",
                    ) from None
                raise

    def stat(self, key: str) -> SourceItem | None:
        import smbclient

        unc = self._unc(key)
        self._connect()
        try:
            with self._translate("stat", key):
                try:
                    st = smbclient.stat(unc, follow_symlinks=False, **self._kwargs())
                except Exception as exc:
                    if _status_of(exc) == _DELETE_PENDING:
                        return SourceItem(
                            key,
                            0,
                            "delete-pending",
                            skip_reason="delete pending: removed when the last open handle closes",
                        )
                    raise
        except ItemGone:
            return None
        reason = reparse_skip_reason(st.st_file_attributes, st.st_reparse_tag)
        if reason is not None:
            return SourceItem(
                key, 0, f"reparse:0x{st.st_reparse_tag:08x};file_id={st.st_ino}", skip_reason=reason
            )
        if st.st_file_attributes & _FILE_ATTRIBUTE_DIRECTORY:
            return SourceItem(key, 0, f"folder;file_id={st.st_ino}", skip_reason="a folder, not a file")
        mtime_ns = (st.st_mtime_ns // 1000) * 1000  # microseconds, as in directory listings
        return SourceItem(key, st.st_size, _fingerprint(st.st_size, mtime_ns, st.st_ino))

    def delete(self, key: str) -> str:
        import smbclient

        unc = self._unc(key)
        self._connect()
        with self._translate("delete", key):
            try:
                smbclient.remove(unc, **self._kwargs())
            except Exception as exc:
                if _status_of(exc) == _DELETE_PENDING:
                    raise ItemGone(key) from None
                raise
        method = "SMB2 delete (SET_INFO FileDispositionInformation delete-pending, handle closed)"
        after = self.stat(key)
        if after is not None and after.fingerprint == "delete-pending":
            return method + "; another client still has it open, the server removes it when they close"
        if after is not None:
            raise SmbStatusError(
                f"SMB delete of {self.uri} {key!r} reported success but the file is still there",
                "STILL_PRESENT",
            )
        return method

    def redact(self, key: str, new_content: bytes, *, expected_fingerprint: str) -> tuple[str, str]:
        """Write ``<name>.piigov-tmp`` next to the file, then rename it over the original.

        The rename is one SMB2 SET_INFO FileRenameInformation with ReplaceIfExists: readers see the
        old file or the new one, never a partial write. A server that answers that with
        STATUS_ACCESS_DENIED (Samba without overwrite rights by ACL) gets two renames instead: the
        original to ``<name>.piigov-old`` and the new file into place (the original is put back when
        the second fails), then the original is removed. When the server refuses the rename (the file
        is open without delete sharing, access denied) the temporary file is removed and the error
        raised; the original is untouched. The key stays the same.
        """
        import smbclient

        data = bytes(new_content)
        unc = self._unc(key)
        tmp_unc = unc + ".piigov-tmp"
        current = self.stat(key)
        if current is None:
            raise ItemGone(key)
        if current.skip_reason is not None:
            raise SourceError(f"SMB item {key!r} cannot be redacted: {current.skip_reason}")
        if current.fingerprint != expected_fingerprint:
            raise SourceError("item changed since it was read")
        with (
            self._translate("write of the temporary file", key),
            smbclient.open_file(tmp_unc, mode="xb", **self._kwargs()) as fh,
        ):
            fh.write(data)
            fh.flush()
        kwargs = self._kwargs()
        try:
            now = self.stat(key)
            if now is None or now.fingerprint != expected_fingerprint:
                raise SourceError("item changed since it was read")
            try:
                smbclient.replace(tmp_unc, unc, **kwargs)
                how = "rename over the original (FileRenameInformation, ReplaceIfExists)"
            except Exception as exc:
                if _status_of(exc) != _ACCESS_DENIED:
                    raise self._error(exc, "rename over the original", key) from None
                # Samba refuses ReplaceIfExists unless the user may overwrite by ACL: move the
                # original aside, move the new file in, then remove the original.
                old_unc = unc + ".piigov-old"
                with self._translate("rename over the original", key):
                    smbclient.rename(unc, old_unc, **kwargs)
                try:
                    with self._translate("rename over the original", key):
                        smbclient.rename(tmp_unc, unc, **kwargs)
                except BaseException:
                    smbclient.rename(old_unc, unc, **kwargs)
                    raise
                with self._translate("removal of the original", key):
                    smbclient.remove(old_unc, **kwargs)
                how = "rename of the original aside, rename into place, original removed"
        except BaseException:
            try:
                smbclient.remove(tmp_unc, **kwargs)
            except Exception:
                log.warning("SMB source %s: a temporary file could not be removed", self.uri)
            raise
        after = self.stat(key)
        if after is None or after.size != len(data):
            raise SmbStatusError(
                f"SMB redaction of {self.uri} {key!r}: the file does not have the size written",
                "SIZE_MISMATCH",
            )
        return key, f"SMB2 write of a temporary file next to it, then {how}; size verified"

    def describe(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "uri": self.uri,
            "host": self.host,
            "port": str(self.port),
            "share": self.share,
            "path": self.path,
            "username": self.username,
            "encrypt": "server default" if self.encrypt is None else str(self.encrypt).lower(),
        }


def parse_smb_uri(uri: str, password: str | None = None) -> dict[str, Any]:
    """`smb://[domain;]user@host[:port]/share[/sub/dir]` as keyword arguments for `SmbSource`.

    The password comes from the `password` argument or else the PIIGOV_SMB_PASSWORD environment
    variable; a URI that carries a password is refused (it would end up in the register and logs).
    """
    parts = urlsplit(uri)
    if parts.scheme.lower() != "smb":
        raise SourceError("not an smb:// URI")
    if parts.password is not None:
        raise SourceError(
            "refusing an smb:// URI that contains a password; "
            f"pass it separately or set {PASSWORD_ENV} (the URI is stored in the register)"
        )
    if parts.query or parts.fragment:
        raise SourceError("smb:// URIs take no query or fragment")
    if not parts.username:
        raise SourceError("an smb:// URI needs a user: smb://user@host/share")
    user = unquote(parts.username)
    if ";" in user:
        domain, _, name = user.partition(";")
        user = f"{domain}\\{name}"
    host = parts.hostname
    if not host:
        raise SourceError("an smb:// URI needs a host")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise SourceError("invalid port in smb:// URI") from None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not segments:
        raise SourceError("an smb:// URI needs a share: smb://user@host/share")
    share, sub = segments[0], "/".join(segments[1:])
    if password is None:
        password = os.environ.get(PASSWORD_ENV)
    if password is None:
        raise SourceError(f"no SMB password: pass one or set {PASSWORD_ENV}")
    return {"host": host, "share": share, "path": sub, "username": user, "password": password, "port": port}
