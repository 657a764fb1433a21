import os
from pathlib import Path

import pytest

from piigov.sources import ItemGone, LocalFolderSource, SourceError, open_source


@pytest.fixture
def share(tmp_path: Path) -> Path:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text("een")
    (tmp_path / "two.txt").write_text("twee")
    (tmp_path / "empty.txt").write_bytes(b"")
    os.symlink("/etc/hostname", tmp_path / "link.txt")
    return tmp_path


def test_lists_every_file_with_stable_keys(share: Path) -> None:
    items = {i.key: i for i in LocalFolderSource(share).list_items()}
    assert set(items) == {"a/b/one.txt", "two.txt", "empty.txt", "link.txt"}
    assert items["two.txt"].size == 4 and items["two.txt"].skip_reason is None
    assert items["link.txt"].skip_reason == "symbolic link not followed"


def test_fingerprint_changes_with_content(share: Path) -> None:
    src = LocalFolderSource(share)
    before = src.stat("two.txt").fingerprint
    (share / "two.txt").write_text("twee!")
    assert src.stat("two.txt").fingerprint != before


def test_read_delete_and_gone(share: Path) -> None:
    src = LocalFolderSource(share)
    assert src.read("a/b/one.txt") == b"een"
    assert "unlink" in src.delete("a/b/one.txt")
    assert src.stat("a/b/one.txt") is None
    with pytest.raises(ItemGone):
        src.read("a/b/one.txt")
    with pytest.raises(ItemGone):
        src.delete("a/b/one.txt")


@pytest.mark.parametrize("key", ["../outside.txt", "/etc/passwd", "a/../../x"])
def test_keys_cannot_escape_the_root(share: Path, key: str) -> None:
    with pytest.raises(SourceError):
        LocalFolderSource(share).read(key)


def test_open_source_accepts_path_and_file_uri(share: Path) -> None:
    assert open_source(str(share)).uri == open_source(share.as_uri()).uri
    with pytest.raises(SourceError, match="unsupported"):
        open_source("ftp://example/x")


def test_redact_replaces_the_content_atomically(share: Path) -> None:
    src = LocalFolderSource(share)
    (share / "two.txt").chmod(0o640)
    before = src.stat("two.txt")
    key, method = src.redact(
        "two.txt", b"<PERSOON> woont in <PLAATS>", expected_fingerprint=before.fingerprint
    )
    assert key == "two.txt" and "atomic replace" in method
    assert src.read("two.txt") == b"<PERSOON> woont in <PLAATS>"
    assert (share / "two.txt").stat().st_mode & 0o777 == 0o640
    assert src.stat("two.txt").fingerprint != before.fingerprint
    assert sorted(p.name for p in share.iterdir()) == [
        "a",
        "empty.txt",
        "link.txt",
        "two.txt",
    ]  # no temp left


def test_redact_with_a_stale_fingerprint_changes_nothing(share: Path) -> None:
    src = LocalFolderSource(share)
    stale = src.stat("two.txt").fingerprint
    (share / "two.txt").write_text("twee, gewijzigd")
    with pytest.raises(SourceError, match="item changed since it was read"):
        src.redact("two.txt", b"x", expected_fingerprint=stale)
    assert src.read("two.txt") == b"twee, gewijzigd"
    with pytest.raises(ItemGone):
        src.redact("weg.txt", b"x", expected_fingerprint=stale)
    with pytest.raises(SourceError, match="symbolic link"):
        src.redact("link.txt", b"x", expected_fingerprint="link:/etc/hostname")
