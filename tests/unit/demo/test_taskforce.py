"""The Taskforce administration database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import create_engine, inspect, text

if TYPE_CHECKING:
    from pathlib import Path

    from piigov.demo import DemoManifest


def test_tables_and_rows_match_the_manifest(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    engine = create_engine(manifest.taskforce_db_url)
    try:
        assert set(inspect(engine).get_table_names()) == {"personen", "meldingen", "organisaties"}
        columns = {c["name"] for c in inspect(engine).get_columns("personen")}
        assert columns == {"id", "naam", "woonplaats", "geboortedatum", "religie_notitie", "bron"}
        with engine.connect() as con:
            rows = {
                f"{table}/{row[0]}": " | ".join(str(v) for v in row[1:])
                for table in ("personen", "meldingen", "organisaties")
                for row in con.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            }
            orphans = con.execute(
                text("SELECT count(*) FROM meldingen WHERE persoon_id NOT IN (SELECT id FROM personen)")
            ).scalar()
    finally:
        engine.dispose()
    assert orphans == 0
    assert set(rows) == {r.path for r in manifest.taskforce_rows}
    for r in manifest.taskforce_rows:
        assert r.format == "sql"
        assert [v.value for v in r.planted if v.value not in rows[r.path]] == []
        if r.path.startswith("organisaties/"):
            assert r.planted == () and r.expected_class == "no_personal_data"
        else:
            assert r.expected_class == "unlawfully_held"
            assert {"PERSON", "NRP"} <= {v.entity_type for v in r.planted}


def test_organisations_hold_no_planted_value(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    engine = create_engine(manifest.taskforce_db_url)
    try:
        with engine.connect() as con:
            org_text = " ".join(
                " ".join(map(str, r)) for r in con.execute(text("SELECT * FROM organisaties"))
            )
    finally:
        engine.dispose()
    assert not [v for v in manifest.planted_values() if v in org_text]


def test_every_dossier_person_is_in_the_database(demo: tuple[Path, DemoManifest]) -> None:
    _, manifest = demo
    db_names = {v.value for r in manifest.taskforce_rows if r.path.startswith("personen/") for v in r.planted}
    share_full_names = {
        v.value
        for f in manifest.files
        if f.expected_class == "unlawfully_held" and f.format in ("docx", "xlsx")
        for v in f.planted
        if v.entity_type == "PERSON" and " " in v.value and "." not in v.value and "," not in v.value
    }
    assert share_full_names & db_names
