"""SmbSource against a real Samba server on loopback (scripts/samba-test-server.sh).

The server is required: if Samba cannot be installed or started the tests fail, they never skip.
"""

from __future__ import annotations

import json
import os
import secrets
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from piigov.sources.base import ItemGone, Source, SourceError
from piigov.sources.smb import (
    PASSWORD_ENV,
    SmbAccessDenied,
    SmbSource,
    parse_smb_uri,
    reparse_skip_reason,
)
from servers import Samba, chown_to_share_user, parse_samba_report, run_samba_script, samba_server

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "samba-test-server.sh"
SHARE_USER = "piigovsmb"


@pytest.fixture(scope="module")
def samba() -> Iterator[Samba]:
    """A Samba server for this module: installed if missing, started on a free port, stopped after."""
    with samba_server() as server:
        yield server


_chown_tree = chown_to_share_user


FILES: dict[str, bytes] = {
    "a/b c/Öztürk notitie.txt": "Notitie over mevr. Öztürk, BSN 111222333.\n".encode(),
    "with space.txt": b"een bestand met spaties in de naam",
    "empty.txt": b"",
    "deep/1/2/3/diep.bin": bytes(range(256)) * 40,
    "locked.txt": b"only root may read this",
}


@pytest.fixture
def planted(samba: Samba) -> Iterator[tuple[SmbSource, Path]]:
    """A fresh folder in the share with test files, planted through the file system; a source on it."""
    root = samba.share_dir / f"t-{uuid.uuid4().hex[:8]}"
    for key, data in FILES.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    os.symlink("a", root / "zz-link-to-a")  # Samba follows links itself: shows up as a second folder
    os.symlink(".", root / "zz-loop")  # a loop must not hang the listing
    (root / "private").mkdir()
    (root / "private" / "secret.txt").write_text("hidden")
    _chown_tree(root)
    os.chown(root / "locked.txt", 0, 0)
    os.chmod(root / "locked.txt", 0)
    os.chmod(root / "private", 0o700)
    os.chown(root / "private", 0, 0)
    src = SmbSource(
        samba.host, samba.share, root.name, username=samba.user, password=samba.password, port=samba.port
    )
    try:
        yield src, root
    finally:
        src.close()


@pytest.mark.integration
def test_is_a_source(planted: tuple[SmbSource, Path], samba: Samba) -> None:
    src, root = planted
    assert isinstance(src, Source)
    assert src.kind == "smb"
    assert src.uri == f"smb://{samba.user}@127.0.0.1:{samba.port}/{samba.share}/{root.name}"


@pytest.mark.integration
def test_lists_every_file(planted: tuple[SmbSource, Path]) -> None:
    src, _root = planted
    items = {i.key: i for i in src.list_items()}
    files = {k: i for k, i in items.items() if i.skip_reason is None}
    assert set(files) == set(FILES)
    for key, data in FILES.items():
        assert files[key].size == len(data), key
        assert files[key].fingerprint.startswith(f"size={len(data)};mtime_ns=")
    # the unreadable file is still listed, like any other
    assert files["locked.txt"].size == len(FILES["locked.txt"])
    # what could not be listed or was seen twice is reported, not dropped silently
    skipped = {k: i.skip_reason for k, i in items.items() if i.skip_reason}
    assert set(skipped) == {"private/", "zz-link-to-a/", "zz-loop/"}
    assert "cannot be listed" in skipped["private/"] and "STATUS_ACCESS_DENIED" in skipped["private/"]
    assert "already listed as a/" in skipped["zz-link-to-a/"]
    assert "the source root" in skipped["zz-loop/"]


@pytest.mark.integration
def test_reads_bytes_exactly(planted: tuple[SmbSource, Path]) -> None:
    src, root = planted
    for key, data in FILES.items():
        if key != "locked.txt":
            assert src.read(key) == data == (root / key).read_bytes()
    assert src.read("empty.txt") == b""


@pytest.mark.integration
def test_unreadable_file_raises_with_the_nt_status(planted: tuple[SmbSource, Path]) -> None:
    src, _root = planted
    with pytest.raises(SmbAccessDenied) as info:
        src.read("locked.txt")
    assert isinstance(info.value, SourceError) and not isinstance(info.value, ItemGone)
    assert "STATUS_ACCESS_DENIED" in str(info.value)
    assert info.value.status == "STATUS_ACCESS_DENIED"
    assert "locked.txt" in {i.key for i in src.list_items()}


@pytest.mark.integration
def test_stat_fingerprint_matches_listing_and_changes_after_a_write(planted: tuple[SmbSource, Path]) -> None:
    src, root = planted
    listed = {i.key: i for i in src.list_items()}
    key = "a/b c/Öztürk notitie.txt"
    before = src.stat(key)
    assert before is not None and before == listed[key]
    assert "file_id=" in before.fingerprint

    (root / key).write_bytes(b"langer en anders dan eerst")
    after = src.stat(key)
    assert after is not None and after.size == 26 and after.fingerprint != before.fingerprint

    # same size, only the modification time moves (by 5 microseconds)
    st = (root / key).stat()
    (root / key).write_bytes(b"LANGER EN ANDERS DAN EERST")
    os.utime(root / key, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000))
    again = src.stat(key)
    assert again is not None and again.size == after.size and again.fingerprint != after.fingerprint
    assert {i.key: i for i in src.list_items()}[key] == again

    assert src.stat("no/such/file.txt") is None


@pytest.mark.integration
def test_delete_removes_the_file_and_a_second_delete_is_item_gone(planted: tuple[SmbSource, Path]) -> None:
    src, root = planted
    key = "a/b c/Öztürk notitie.txt"
    method = src.delete(key)
    assert method.startswith("SMB2 delete")
    assert not (root / key).exists()
    assert src.stat(key) is None
    with pytest.raises(ItemGone):
        src.delete(key)
    with pytest.raises(ItemGone):
        src.read(key)
    assert key not in {i.key for i in src.list_items()}
    # the zero-byte file and a nested binary go the same way
    for other in ("empty.txt", "deep/1/2/3/diep.bin"):
        src.delete(other)
        assert not (root / other).exists()


@pytest.mark.integration
def test_delete_while_another_client_has_the_file_open_is_reported(
    planted: tuple[SmbSource, Path], samba: Samba
) -> None:
    import smbclient

    src, root = planted
    key = "with space.txt"
    other_cache: dict[str, object] = {}
    unc = rf"\\{samba.host}\{samba.share}\{root.name}\{key}"
    kwargs = {"username": samba.user, "password": samba.password, "port": samba.port}
    try:
        with smbclient.open_file(unc, "rb", share_access="rwd", connection_cache=other_cache, **kwargs):
            method = src.delete(key)
            assert "still has it open" in method
            pending = src.stat(key)
            assert pending is not None and pending.skip_reason and "delete pending" in pending.skip_reason
        assert src.stat(key) is None
        assert not (root / key).exists()
    finally:
        smbclient.reset_connection_cache(fail_on_error=False, connection_cache=other_cache)


@pytest.mark.integration
def test_deleting_a_folder_is_refused(planted: tuple[SmbSource, Path]) -> None:
    src, root = planted
    with pytest.raises(SourceError, match="STATUS_FILE_IS_A_DIRECTORY"):
        src.delete("a/b c")
    assert (root / "a" / "b c").is_dir()


@pytest.mark.integration
@pytest.mark.parametrize(
    "key", ["../outside.txt", "a/../../outside.txt", "/outside.txt", "a\\..\\..\\outside.txt", "x:stream", ""]
)
def test_keys_cannot_escape_the_share_root(planted: tuple[SmbSource, Path], samba: Samba, key: str) -> None:
    src, _root = planted
    outside = samba.share_dir / "outside.txt"
    outside.write_text("outside the source folder")
    for op in (src.read, src.stat, src.delete):
        with pytest.raises(SourceError) as info:
            op(key)
        assert not isinstance(info.value, ItemGone)
    assert outside.exists()


@pytest.mark.integration
def test_reuses_one_connection(planted: tuple[SmbSource, Path]) -> None:
    src, _root = planted
    for _ in range(3):
        for item in src.list_items():
            if item.skip_reason is None and item.key != "locked.txt":
                src.read(item.key)
    assert len(src._cache) == 1
    (connection,) = src._cache.values()
    assert len(connection.session_table) == 1


@pytest.mark.integration
def test_no_password_in_uri_describe_or_a_failed_login(planted: tuple[SmbSource, Path], samba: Samba) -> None:
    src, root = planted
    assert samba.password not in src.uri
    assert samba.password not in repr(src)
    assert all(samba.password not in v for v in src.describe().values())

    wrong = "wrong-" + secrets.token_hex(8)
    bad = SmbSource(samba.host, samba.share, root.name, username=samba.user, password=wrong, port=samba.port)
    with pytest.raises(SourceError) as info:
        list(bad.list_items())
    text = "".join(traceback.format_exception(info.value)) + repr(info.value)
    assert "STATUS_LOGON_FAILURE" in str(info.value)
    assert wrong not in text and samba.password not in text
    for op in (bad.read, bad.stat, bad.delete):
        with pytest.raises(SourceError) as info:
            op("with space.txt")
        assert wrong not in str(info.value)
    assert (root / "with space.txt").exists()
    bad.close()


@pytest.mark.integration
def test_missing_share_or_folder_is_a_source_error(samba: Samba) -> None:
    for share, path, status in (
        ("nope", "", "STATUS_BAD_NETWORK_NAME"),
        (samba.share, "no-such-dir", "NOT_FOUND"),
    ):
        src = SmbSource(
            samba.host, share, path, username=samba.user, password=samba.password, port=samba.port
        )
        with pytest.raises(SourceError, match=status):
            list(src.list_items())
        # an item under a missing share or folder is not "gone": stat must not report it absent
        for op in (src.stat, src.read, src.delete):
            with pytest.raises(SourceError, match=status) as info:
                op("some/file.txt")
            assert not isinstance(info.value, ItemGone)
        src.close()


@pytest.mark.integration
def test_uri_round_trip_and_airflow_connection(
    planted: tuple[SmbSource, Path], samba: Samba, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, root = planted
    monkeypatch.setenv(PASSWORD_ENV, samba.password)
    again = SmbSource(**parse_smb_uri(src.uri))
    assert again.uri == src.uri
    assert again.read("with space.txt") == FILES["with space.txt"]
    again.close()

    conn = {
        "conn_type": "generic",
        "host": samba.host,
        "login": samba.user,
        "password": samba.password,
        "port": samba.port,
        "schema": samba.share,
    }
    monkeypatch.setenv("AIRFLOW_CONN_PIIGOV_SMB_TEST", json.dumps(conn))
    via_airflow = SmbSource.from_airflow_connection("piigov_smb_test", path=root.name)
    assert via_airflow.uri == src.uri
    assert {i.key for i in via_airflow.list_items()} == {i.key for i in src.list_items()}
    via_airflow.close()


@pytest.mark.integration
def test_script_reuses_a_running_server(samba: Samba) -> None:
    pid_before = (samba.base_dir / "run" / "smbd.pid").read_text().strip()
    proc = run_samba_script(str(samba.base_dir), str(samba.port), password=samba.password, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "reusing" in proc.stderr
    assert parse_samba_report(proc.stdout)["SMB_PORT"] == str(samba.port)
    assert (samba.base_dir / "run" / "smbd.pid").read_text().strip() == pid_before


# -- no server needed --------------------------------------------------------------------------


def test_parse_smb_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert parse_smb_uri("smb://anna@Files.Example.NL/Afdeling/HR/2024") == {
        "host": "files.example.nl",
        "share": "Afdeling",
        "path": "HR/2024",
        "username": "anna",
        "password": "from-env",
        "port": 445,
    }
    parsed = parse_smb_uri("smb://GEMEENTE;anna@host:4450/share/map%20met%20spatie", password="given")
    assert parsed["username"] == "GEMEENTE\\anna" and parsed["password"] == "given"
    assert parsed["path"] == "map met spatie" and parsed["port"] == 4450
    src = SmbSource(**parsed)
    assert src.uri == "smb://GEMEENTE;anna@host:4450/share/map%20met%20spatie"
    assert SmbSource(**parse_smb_uri(src.uri)).uri == src.uri


def test_parse_smb_uri_refuses_a_password_in_the_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SourceError, match="contains a password") as info:
        parse_smb_uri("smb://anna:Geheim123@host/share")
    assert "Geheim123" not in str(info.value)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with pytest.raises(SourceError, match=PASSWORD_ENV):
        parse_smb_uri("smb://anna@host/share")
    for bad in ("smb://host/share", "smb://anna@host/", "s3://anna@host/share"):
        with pytest.raises(SourceError):
            parse_smb_uri(bad, password="x")


def test_reparse_points_that_name_other_files_are_skipped() -> None:
    reparse = 0x400
    assert reparse_skip_reason(0x80, 0) is None
    assert reparse_skip_reason(reparse, 0xA000000C) == "symbolic link not followed"
    assert "junction" in (reparse_skip_reason(reparse | 0x10, 0xA0000003) or "")
    assert reparse_skip_reason(reparse, 0x80000013) is None  # deduplicated file: data, read it
    assert reparse_skip_reason(reparse, 0x9000001A) is None  # cloud placeholder: data, read it


@pytest.mark.integration
def test_redact_replaces_the_file_by_rename(planted: tuple[SmbSource, Path]) -> None:
    src, root = planted
    key = "a/b c/Öztürk notitie.txt"
    before = src.stat(key)
    assert before is not None
    new_key, method = src.redact(
        key, b"Notitie over <PERSOON>, BSN <BSN>.\n", expected_fingerprint=before.fingerprint
    )
    assert new_key == key and "temporary file" in method and "size verified" in method
    assert src.read(key) == b"Notitie over <PERSOON>, BSN <BSN>.\n"
    assert (root / key).read_bytes() == b"Notitie over <PERSOON>, BSN <BSN>.\n"
    assert sorted(p.name for p in (root / "a" / "b c").iterdir()) == ["Öztürk notitie.txt"]  # no temp left


@pytest.mark.integration
def test_redact_with_a_stale_fingerprint_changes_nothing(planted: tuple[SmbSource, Path]) -> None:
    src, root = planted
    key = "with space.txt"
    stale = src.stat(key).fingerprint
    (root / key).write_bytes(b"intussen gewijzigd")
    with pytest.raises(SourceError, match="item changed since it was read"):
        src.redact(key, b"x", expected_fingerprint=stale)
    assert (root / key).read_bytes() == b"intussen gewijzigd"
    assert not (root / "with space.txt.piigov-tmp").exists()
    with pytest.raises(ItemGone):
        src.redact("no/such/file.txt", b"x", expected_fingerprint=stale)


@pytest.mark.integration
def test_redact_refused_rename_removes_the_temporary_file(
    planted: tuple[SmbSource, Path], samba: Samba
) -> None:
    import smbclient

    src, root = planted
    key = "with space.txt"
    fingerprint = src.stat(key).fingerprint
    other_cache: dict[str, object] = {}
    unc = rf"\\{samba.host}\{samba.share}\{root.name}\{key}"
    kwargs = {"username": samba.user, "password": samba.password, "port": samba.port}
    try:
        # Another client holds the file open without delete sharing: the server refuses the rename.
        with (
            smbclient.open_file(unc, "rb", share_access="r", connection_cache=other_cache, **kwargs),
            pytest.raises(SourceError, match="rename over the original"),
        ):
            src.redact(key, b"<X>", expected_fingerprint=fingerprint)
    finally:
        smbclient.reset_connection_cache(fail_on_error=False, connection_cache=other_cache)
    assert (root / key).read_bytes() == FILES[key]
    assert not (root / "with space.txt.piigov-tmp").exists()
