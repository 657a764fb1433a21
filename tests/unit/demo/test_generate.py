"""generate_demo as a whole: determinism, the refusal to overwrite, the manifest file and the CLI."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

from piigov.demo import DemoManifest, generate_demo
from piigov.demo.__main__ import main

if TYPE_CHECKING:
    from pathlib import Path


def tree_hash(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_identical_bytes_and_manifest(
    tmp_path: Path, demo: tuple[Path, DemoManifest]
) -> None:
    root_a, manifest_a = demo
    manifest_b = generate_demo(tmp_path / "b")
    assert tree_hash(root_a / "share") == tree_hash(tmp_path / "b" / "share")
    assert tree_hash(root_a)["taskforce.sqlite"] == tree_hash(tmp_path / "b")["taskforce.sqlite"]
    assert manifest_a.files == manifest_b.files
    assert manifest_a.taskforce_rows == manifest_b.taskforce_rows
    json_a = (root_a / "manifest.json").read_text(encoding="utf-8").replace(str(root_a), "ROOT")
    json_b = (
        (tmp_path / "b" / "manifest.json").read_text(encoding="utf-8").replace(str(tmp_path / "b"), "ROOT")
    )
    assert json_a == json_b


def test_other_seed_gives_other_data(tmp_path: Path, demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    other = generate_demo(tmp_path, seed=7)
    assert other.planted_values() != manifest.planted_values()
    assert tree_hash(tmp_path / "share") != tree_hash(demo[0] / "share")


def test_regenerating_own_root_replaces_the_share(tmp_path: Path) -> None:
    first = generate_demo(tmp_path, files_per_folder=2)
    stray = tmp_path / "share" / "beleid" / "stray.txt"
    stray.write_text("left over", encoding="utf-8")
    second = generate_demo(tmp_path, files_per_folder=2)
    assert not stray.exists()
    assert first == second


def test_refuses_foreign_non_empty_share(tmp_path: Path) -> None:
    foreign = tmp_path / "share" / "important.docx"
    foreign.parent.mkdir()
    foreign.write_bytes(b"not ours")
    with pytest.raises(ValueError, match="not made by generate_demo"):
        generate_demo(tmp_path)
    assert foreign.read_bytes() == b"not ours"
    assert not (tmp_path / ".piigov-demo").exists()


def test_refuses_foreign_database(tmp_path: Path) -> None:
    (tmp_path / "taskforce.sqlite").write_bytes(b"someone else's")
    with pytest.raises(ValueError):
        generate_demo(tmp_path)
    assert (tmp_path / "taskforce.sqlite").read_bytes() == b"someone else's"


def test_accepts_empty_share_and_missing_root(tmp_path: Path) -> None:
    (tmp_path / "a" / "share").mkdir(parents=True)
    assert generate_demo(tmp_path / "a", files_per_folder=1).files
    assert generate_demo(tmp_path / "new" / "deeper", files_per_folder=1).files


def test_rejects_zero_files_per_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_demo(tmp_path, files_per_folder=0)


def test_manifest_file_and_round_trip(demo: tuple[Path, DemoManifest]) -> None:
    root, manifest = demo
    on_disk = (root / "manifest.json").read_text(encoding="utf-8")
    assert on_disk == manifest.to_json()
    assert DemoManifest.from_json(on_disk) == manifest
    assert manifest.share_root == str(root / "share")
    assert manifest.taskforce_db_url == f"sqlite:///{root / 'taskforce.sqlite'}"
    assert manifest.taskforce_db_url.startswith("sqlite:////")
    assert all(f.path == f.path.strip("/") and "\\" not in f.path for f in manifest.files)
    assert {f.path for f in manifest.files} == {
        p.relative_to(root / "share").as_posix() for p in (root / "share").rglob("*") if p.is_file()
    }


def test_planted_values_covers_files_and_rows(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    values = manifest.planted_values()
    assert "" not in values
    assert all(v.value in values for f in manifest.files for v in f.planted)
    assert all(v.value in values for r in manifest.taskforce_rows for v in r.planted)


def test_cli_prints_counts_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "--seed", "11"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "files" in out
    manifest = DemoManifest.from_json((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert not [v for v in manifest.planted_values() if v in out]


def test_cli_reports_refusal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "x.txt").write_text("x", encoding="utf-8")
    assert main([str(tmp_path)]) == 2
    assert "not made by generate_demo" in capsys.readouterr().err
