"""SqlTableSource on SQLite (a temporary file) and on the real PostgreSQL of this machine.

The PostgreSQL cases are marked ``integration``; they fail (never skip) when the server is
unreachable. Each run of this module works in a fresh database with a random name, dropped after.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    create_engine,
    insert,
    text,
    update,
)
from sqlalchemy.engine import make_url

from piigov.detection import Detection
from piigov.extraction import extract_text
from piigov.sources import ItemGone, SourceError
from piigov.sources.sql import SqlTableSource

PG_ADMIN_URL = os.environ.get(
    "PIIGOV_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
)
PASSWORD = "Geheim-Wachtwoord-42"

ROWS = [
    {
        "gemeente": "Utrecht",
        "nummer": 1,
        "naam": "Ayşe Şahin",
        "notitie": "volgt koranles; contact met imam",
        "geboren": date(1980, 1, 2),
    },
    {"gemeente": "Utrecht", "nummer": 2, "naam": "Jan de Vries", "notitie": None, "geboren": None},
    {
        "gemeente": "'s-Hertogenbosch",
        "nummer": 1,
        "naam": "Zoë van 't Hof",
        "notitie": "regel één\nregel twee",
        "geboren": date(1975, 5, 6),
    },
    {
        "gemeente": "Den Haag, centrum/west 100%",
        "nummer": 7,
        "naam": "Noël Ñúñez 😀",
        "notitie": "",
        "geboren": None,
    },
]
KEYS = {
    "dossiers/Utrecht,1",
    "dossiers/Utrecht,2",
    "dossiers/'s-Hertogenbosch,1",
    "dossiers/Den Haag%2C centrum%2Fwest 100%25,7",
}


def dossiers_table(metadata: MetaData) -> Table:
    return Table(
        "dossiers",
        metadata,
        Column("gemeente", Text, nullable=False),
        Column("nummer", Integer, nullable=False),
        Column("naam", Text, nullable=False),
        Column("notitie", Text),
        Column("geboren", Date),
        PrimaryKeyConstraint("gemeente", "nummer"),
    )


@dataclass
class Database:
    url: str
    backend: str

    def execute(self, statement: object, *params: object) -> None:
        engine = create_engine(self.url)
        try:
            with engine.begin() as conn:
                conn.execute(statement, *params)  # type: ignore[arg-type]
        finally:
            engine.dispose()

    def create(self, *tables: Table, rows: dict[str, list[dict[str, object]]] | None = None) -> None:
        engine = create_engine(self.url)
        try:
            tables[0].metadata.create_all(engine)
            with engine.begin() as conn:
                for table in tables:
                    if rows and rows.get(table.name):
                        conn.execute(insert(table), rows[table.name])
        finally:
            engine.dispose()

    def count(self, table: str) -> int:
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                return int(conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one())
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this module; fails the test when PostgreSQL is unreachable."""
    from sqlalchemy.exc import OperationalError

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        conn = admin.connect()
    except OperationalError as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL at {make_url(PG_ADMIN_URL).render_as_string()} unreachable: {exc}")
    name = f"piigov_test_{secrets.token_hex(6)}"
    conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database of each backend; tables made in it are dropped afterwards."""
    if request.param == "sqlite":
        path = tmp_path / "taskforce.sqlite"
        sqlite3.connect(path).close()
        yield Database(f"sqlite:///{path}", "sqlite")
        return
    database = Database(request.getfixturevalue("pg_database"), "postgresql")
    yield database
    engine = create_engine(database.url)
    try:
        with engine.begin() as conn:
            names = conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).scalars()
            for table in list(names):
                conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')
    finally:
        engine.dispose()


@pytest.fixture
def open_source(db: Database) -> Iterator[Callable[..., SqlTableSource]]:
    """Open sources on ``db``; their connections are closed after the test."""
    opened: list[SqlTableSource] = []

    def make(table: str = "dossiers", url: str | None = None, **kwargs: object) -> SqlTableSource:
        source = SqlTableSource(url or db.url, table, **kwargs)  # type: ignore[arg-type]
        opened.append(source)
        return source

    yield make
    for source in opened:
        source.close()


@pytest.fixture
def dossiers(db: Database, open_source: Callable[..., SqlTableSource]) -> SqlTableSource:
    db.create(dossiers_table(MetaData()), rows={"dossiers": ROWS})
    return open_source()


# --- listing, keys, rendering -------------------------------------------------------------------


def test_lists_every_row_with_composite_keys(dossiers: SqlTableSource) -> None:
    items = {i.key: i for i in dossiers.list_items()}

    assert set(items) == KEYS
    assert [i.key for i in dossiers.list_items()] == [i.key for i in dossiers.list_items()]
    assert dossiers.kind == "sql"
    assert dossiers.key_columns == ("gemeente", "nummer")
    for key, item in items.items():
        assert item.skip_reason is None
        assert item.fingerprint.startswith("sha256=")
        assert item.size == len(dossiers.read(key))
        assert dossiers.stat(key) == item
    assert len({i.fingerprint for i in items.values()}) == len(items)


def test_read_renders_column_lines_with_nulls(dossiers: SqlTableSource) -> None:
    data = dossiers.read("dossiers/Utrecht,2")

    assert data == b"gemeente: Utrecht\nnummer: 2\nnaam: Jan de Vries\nnotitie:\ngeboren:"
    assert dossiers.extraction_name("dossiers/Utrecht,2") == "dossiers/Utrecht,2.txt"


def test_read_keeps_unicode_and_escaped_keys_round_trip(dossiers: SqlTableSource) -> None:
    key = "dossiers/Den Haag%2C centrum%2Fwest 100%25,7"
    text_ = dossiers.read(key).decode("utf-8")

    assert text_.splitlines() == [
        "gemeente: Den Haag, centrum/west 100%",
        "nummer: 7",
        "naam: Noël Ñúñez 😀",
        "notitie:",
        "geboren:",
    ]
    assert "geboren: 1980-01-02" in dossiers.read("dossiers/Utrecht,1").decode("utf-8")


def test_extracted_text_is_the_rendered_text(dossiers: SqlTableSource) -> None:
    for key in KEYS:
        rendered, _ = dossiers.read_with_columns(key)
        assert extract_text(dossiers.extraction_name(key), dossiers.read(key)).text == rendered


def test_read_with_columns_gives_each_cell_span(dossiers: SqlTableSource) -> None:
    by_key = {f"dossiers/{r['gemeente']},{r['nummer']}": r for r in ROWS if "/" not in str(r["gemeente"])}
    for key, row in by_key.items():
        rendered, spans = dossiers.read_with_columns(key)
        cells = {column: rendered[start:end] for start, end, column in spans}
        expected = {
            column: value.isoformat() if isinstance(value, date) else str(value)
            for column, value in row.items()
            if value not in (None, "")
        }
        assert cells == expected


def test_fingerprint_changes_on_update_only(db: Database, dossiers: SqlTableSource) -> None:
    before = dossiers.stat("dossiers/Utrecht,1")
    assert dossiers.stat("dossiers/Utrecht,1") == before
    table = dossiers_table(MetaData())

    db.execute(update(table).where(table.c.nummer == 1, table.c.gemeente == "Utrecht").values(notitie=None))

    after = dossiers.stat("dossiers/Utrecht,1")
    assert after is not None and before is not None
    assert after.fingerprint != before.fingerprint
    assert dossiers.stat("dossiers/Utrecht,2") is not None


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("personen/1", "not a row of table"),
        ("dossiers/Utrecht", "needs 2 value"),
        ("dossiers/Utrecht,1,2", "needs 2 value"),
        ("dossiers/Utrecht,een", "malformed key value"),
    ],
)
def test_malformed_keys_are_refused(dossiers: SqlTableSource, key: str, why: str) -> None:
    with pytest.raises(SourceError, match=why):
        dossiers.read(key)


def test_missing_row_is_gone(dossiers: SqlTableSource) -> None:
    assert dossiers.stat("dossiers/Utrecht,99") is None
    with pytest.raises(ItemGone):
        dossiers.read("dossiers/Utrecht,99")


def test_table_without_primary_key_needs_key_columns(
    db: Database, open_source: Callable[..., SqlTableSource]
) -> None:
    table = Table("losse_notities", MetaData(), Column("code", Text), Column("tekst", Text))
    db.create(table, rows={"losse_notities": [{"code": "A", "tekst": "x"}, {"code": "B", "tekst": None}]})

    with pytest.raises(SourceError, match="no primary key"):
        open_source("losse_notities")
    source = open_source("losse_notities", key_columns=["code"])
    assert [i.key for i in source.list_items()] == ["losse_notities/A", "losse_notities/B"]
    assert source.read("losse_notities/B") == b"code: B\ntekst:"
    with pytest.raises(SourceError, match="not in table"):
        open_source("losse_notities", key_columns=["bestaat_niet"])


def test_key_columns_that_are_not_unique_are_refused(
    db: Database, open_source: Callable[..., SqlTableSource]
) -> None:
    table = Table("dubbel", MetaData(), Column("code", Text), Column("tekst", Text))
    db.create(table, rows={"dubbel": [{"code": "A", "tekst": "x"}, {"code": "A", "tekst": "y"}]})
    source = open_source("dubbel", key_columns=["code"])

    with pytest.raises(SourceError, match="uniquely"):
        list(source.list_items())
    with pytest.raises(SourceError, match="more than one row"):
        source.read("dubbel/A")
    with pytest.raises(SourceError, match="2 rows"):
        source.delete("dubbel/A")
    assert db.count("dubbel") == 2


def test_null_key_values_are_addressable(db: Database, open_source: Callable[..., SqlTableSource]) -> None:
    table = Table("zonder", MetaData(), Column("a", Text), Column("b", Integer), Column("t", Text))
    db.create(table, rows={"zonder": [{"a": None, "b": 1, "t": "x"}, {"a": "%N", "b": 2, "t": "y"}]})
    source = open_source("zonder", key_columns=["a", "b"])

    keys = sorted(i.key for i in source.list_items())
    assert keys == ["zonder/%25N,2", "zonder/%N,1"]
    assert source.read("zonder/%N,1").endswith(b"t: x")
    assert source.read("zonder/%25N,2").endswith(b"t: y")
    source.delete("zonder/%N,1")
    assert [i.key for i in source.list_items()] == ["zonder/%25N,2"]


# --- deletion -----------------------------------------------------------------------------------


def test_delete_one_row(db: Database, dossiers: SqlTableSource) -> None:
    assert dossiers.delete("dossiers/Utrecht,1") == "SQL DELETE of 1 row"

    assert dossiers.stat("dossiers/Utrecht,1") is None
    with pytest.raises(ItemGone):
        dossiers.read("dossiers/Utrecht,1")
    with pytest.raises(ItemGone):
        dossiers.delete("dossiers/Utrecht,1")
    assert {i.key for i in dossiers.list_items()} == KEYS - {"dossiers/Utrecht,1"}
    assert db.count("dossiers") == 3


def test_delete_many_is_one_transaction(db: Database, dossiers: SqlTableSource) -> None:
    batch = ["dossiers/Utrecht,1", "dossiers/'s-Hertogenbosch,1", "dossiers/Utrecht,99"]

    with pytest.raises(ItemGone):
        dossiers.delete_many(batch)
    assert db.count("dossiers") == 4  # the two existing rows were not deleted either

    with pytest.raises(SourceError, match="malformed"):
        dossiers.delete_many(["dossiers/Utrecht,1", "dossiers/Utrecht,twee"])
    with pytest.raises(SourceError, match="duplicate"):
        dossiers.delete_many(["dossiers/Utrecht,1", "dossiers/Utrecht,1"])
    assert db.count("dossiers") == 4

    assert dossiers.delete_many(batch[:2]) == 2
    assert dossiers.delete_many([]) == 0
    assert {i.key for i in dossiers.list_items()} == KEYS - set(batch[:2])


def test_reclaim_space_removes_deleted_values_from_the_database(
    db: Database, dossiers: SqlTableSource
) -> None:
    table = dossiers_table(MetaData())
    marker = "Vertrouwelijk-Merkteken-" + secrets.token_hex(8)
    db.execute(
        insert(table),
        [
            {"gemeente": "Zeist", "nummer": n, "naam": f"{marker} {n}", "notitie": marker * 50}
            for n in range(50)
        ],
    )
    keys = [f"dossiers/Zeist,{n}" for n in range(50)]
    assert dossiers.delete_many(keys) == 50

    method = dossiers.reclaim_space()

    assert method.startswith("VACUUM")
    assert db.count("dossiers") == 4
    if db.backend == "sqlite":
        path = Path(make_url(db.url).database or "")
        leftovers = [p for p in path.parent.iterdir() if p.name.startswith(path.name)]
        assert all(marker.encode() not in p.read_bytes() for p in leftovers)
    else:
        assert '"dossiers"' in method or "dossiers" in method
        assert dossiers.reclaim_space(full=True).startswith("VACUUM FULL")


@pytest.mark.integration
def test_delete_many_refused_by_foreign_key_deletes_nothing(pg_database: str) -> None:
    db = Database(pg_database, "postgresql")
    metadata = MetaData()
    personen = Table("fk_personen", metadata, Column("id", Integer, primary_key=True), Column("naam", Text))
    Table(
        "fk_meldingen",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("persoon_id", Integer, ForeignKey("fk_personen.id")),
    )
    db.create(
        *metadata.sorted_tables,
        rows={
            "fk_personen": [{"id": 1, "naam": "Kees Bakker"}, {"id": 2, "naam": "Ayşe Şahin"}],
            "fk_meldingen": [{"id": 1, "persoon_id": 2}],
        },
    )
    source = SqlTableSource(pg_database, personen.name)
    try:
        with pytest.raises(SourceError, match="nothing deleted") as info:
            source.delete_many(["fk_personen/1", "fk_personen/2"])
        assert "Ayşe" not in str(info.value) and "(id)" not in str(info.value)
        assert db.count("fk_personen") == 2
    finally:
        source.close()
        db.execute(text("DROP TABLE fk_meldingen, fk_personen"))


# --- the URI never holds the password -----------------------------------------------------------


def test_sqlite_uri_and_describe(db: Database, dossiers: SqlTableSource) -> None:
    if db.backend == "sqlite":
        assert dossiers.uri == f"{db.url}#dossiers"
    else:
        assert dossiers.uri == f"{make_url(db.url).render_as_string()}#dossiers"
    assert dossiers.describe() == {
        "kind": "sql",
        "uri": dossiers.uri,
        "dialect": db.backend,
        "table": "dossiers",
        "schema": "",
        "key_columns": "gemeente,nummer",
    }


@pytest.mark.integration
def test_password_never_appears_in_uri_or_describe(pg_database: str) -> None:
    db = Database(pg_database, "postgresql")
    db.create(dossiers_table(MetaData()), rows={"dossiers": ROWS[:1]})
    base = make_url(pg_database)
    with_password = base.set(password=PASSWORD).render_as_string(hide_password=False)
    in_query = base.update_query_dict({"password": PASSWORD, "application_name": "piigov"})
    try:
        for url in (with_password, in_query.render_as_string(hide_password=False)):
            assert PASSWORD in url
            source = SqlTableSource(url, "dossiers")
            try:
                assert PASSWORD not in source.uri
                assert "***" not in source.uri
                assert PASSWORD not in repr(source.describe())
                assert source.uri.startswith(f"postgresql+psycopg2://{base.username}@{base.host}:")
                assert f"/{base.database}" in source.uri and source.uri.endswith("#dossiers")
                assert "password" not in source.uri
                if "application_name" in url:
                    assert source.uri.endswith("?application_name=piigov#dossiers")
                assert len(list(source.list_items())) == 1
            finally:
                source.close()
        schema_source = SqlTableSource(with_password, "dossiers", schema="public")
        try:
            assert schema_source.uri.endswith("#public.dossiers")
        finally:
            schema_source.close()
    finally:
        db.execute(text("DROP TABLE dossiers"))


def test_unreachable_database_error_hides_the_password() -> None:
    url = f"postgresql+psycopg2://piigov:{PASSWORD}@127.0.0.1:1/nergens?connect_timeout=2"
    with pytest.raises(SourceError) as info:
        SqlTableSource(url, "personen")
    assert PASSWORD not in str(info.value)
    assert "cannot reach database" in str(info.value)


def test_missing_sqlite_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "bestaat-niet.sqlite"
    with pytest.raises(SourceError, match="no SQLite database file"):
        SqlTableSource(f"sqlite:///{path}", "personen")
    assert not path.exists()
    with pytest.raises(SourceError, match="no table"):
        sqlite3.connect(tmp_path / "leeg.sqlite").close()
        SqlTableSource(f"sqlite:///{tmp_path / 'leeg.sqlite'}", "personen")


# --- column profile -----------------------------------------------------------------------------


class MarkerDetector:
    """Detects PERSON where a cell starts with 'P:' (the whole cell) or 'p:' (two characters)."""

    def detect(self, text_: str) -> list[Detection]:
        if text_.startswith("P:"):
            return [Detection("PERSON", 0, len(text_), 0.9, "marker")]
        if text_.startswith("p:"):
            return [Detection("PERSON", 0, 2, 0.9, "marker")]
        return []


def test_column_profile_thresholds(db: Database, open_source: Callable[..., SqlTableSource]) -> None:
    table = Table(
        "profiel",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("drie_van_vijf", Text),
        Column("twee_van_vijf", Text),
        Column("klein_deel", Text),
        Column("met_lege", Text),
    )
    rows = [
        {"id": i, "drie_van_vijf": a, "twee_van_vijf": b, "klein_deel": "p: lange tekst", "met_lege": c}
        for i, (a, b, c) in enumerate(
            [
                ("P:a", "P:a", "P:a"),
                ("P:b", "P:b", None),
                ("P:c", "x", ""),
                ("x", "x", "  "),
                ("x", "x", None),
            ]
        )
    ]
    db.create(table, rows={"profiel": rows})

    profile = open_source("profiel").column_profile(MarkerDetector())

    assert profile == {
        "id": None,
        "drie_van_vijf": "PERSON",  # 3 of 5 cells = 60%
        "twee_van_vijf": None,  # 40%
        "klein_deel": None,  # detections cover too little of each cell
        "met_lege": "PERSON",  # 1 of 1 non-empty cell
    }
    assert open_source("profiel").column_profile(MarkerDetector(), sample_rows=3)["twee_van_vijf"] == "PERSON"


@pytest.fixture(scope="module")
def demo_personen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    from piigov.demo import generate_demo

    root = tmp_path_factory.mktemp("demo")
    generate_demo(root)
    db_path = root / "taskforce.sqlite"
    with closing(sqlite3.connect(db_path)) as con:
        con.row_factory = sqlite3.Row
        rows = [dict(r) for r in con.execute("SELECT * FROM personen ORDER BY id")]
    return db_path, rows


def test_column_profile_marks_the_name_column_with_the_real_detector(
    db: Database,
    open_source: Callable[..., SqlTableSource],
    demo_personen: tuple[Path, list[dict[str, object]]],
) -> None:
    from piigov.detection import get_detector

    db_path, rows = demo_personen
    if db.backend == "sqlite":
        source = open_source("personen", url=f"sqlite:///{db_path}")
    else:
        table = Table(
            "personen",
            MetaData(),
            Column("id", Integer, primary_key=True),
            *(
                Column(name, Text)
                for name in ("naam", "woonplaats", "geboortedatum", "religie_notitie", "bron")
            ),
        )
        db.create(table, rows={"personen": rows})
        source = open_source("personen")
    detector = get_detector()
    names = [str(r["naam"]) for r in rows]
    alone = sum(any(d.entity_type == "PERSON" for d in detector.detect(n)) for n in names)
    assert alone >= len(names) // 2  # most names are found alone ...

    profile = source.column_profile(detector)

    # ... and the column is a column of names, so every cell counts, also one the detector would miss.
    assert profile["naam"] == "PERSON"
    assert profile["id"] is None
    assert profile["bron"] is None
    assert set(profile) == {"id", "naam", "woonplaats", "geboortedatum", "religie_notitie", "bron"}
    rendered, spans = source.read_with_columns("personen/1")
    name_span = next((s, e) for s, e, column in spans if column == "naam")
    assert rendered[name_span[0] : name_span[1]] == rows[0]["naam"]


# --- redaction ----------------------------------------------------------------------------------


def _row_values(db: Database, gemeente: str, nummer: int) -> dict[str, object]:
    engine = create_engine(db.url)
    try:
        with engine.connect() as conn:
            row = (
                conn.execute(
                    text("SELECT * FROM dossiers WHERE gemeente = :g AND nummer = :n"),
                    {"g": gemeente, "n": nummer},
                )
                .mappings()
                .one()
            )
            return dict(row)
    finally:
        engine.dispose()


def test_redact_updates_only_the_changed_cells(db: Database, dossiers: SqlTableSource) -> None:
    key = "dossiers/'s-Hertogenbosch,1"
    fingerprint = dossiers.stat(key).fingerprint
    other = dossiers.stat("dossiers/Utrecht,1")
    original = dossiers.read(key).decode("utf-8")
    assert "notitie: regel één\nregel twee\n" in original  # a multi-line cell
    redacted = original.replace("Zoë van 't Hof", "<PERSOON>").replace("geboren: 1975-05-06", "geboren:")

    new_key, method = dossiers.redact(key, redacted.encode("utf-8"), expected_fingerprint=fingerprint)

    assert new_key == key and method == "SQL UPDATE of 1 row (2 cell(s)) in one transaction"
    assert dossiers.read(key) == redacted.encode("utf-8")
    assert _row_values(db, "'s-Hertogenbosch", 1) == {
        "gemeente": "'s-Hertogenbosch",
        "nummer": 1,
        "naam": "<PERSOON>",
        "notitie": "regel één\nregel twee",
        "geboren": None,
    }
    assert dossiers.stat("dossiers/Utrecht,1") == other  # other rows untouched
    assert db.count("dossiers") == len(ROWS)


def test_redact_with_a_stale_fingerprint_changes_nothing(db: Database, dossiers: SqlTableSource) -> None:
    key = "dossiers/Utrecht,1"
    stale = dossiers.stat(key).fingerprint
    table = dossiers_table(MetaData())
    db.execute(
        update(table).where(table.c.nummer == 1, table.c.gemeente == "Utrecht").values(notitie="nieuw")
    )
    current = dossiers.read(key)
    with pytest.raises(SourceError, match="item changed since it was read"):
        dossiers.redact(key, current.replace(b"Ay\xc5\x9fe", b"<X>"), expected_fingerprint=stale)
    assert dossiers.read(key) == current
    with pytest.raises(ItemGone):
        dossiers.redact("dossiers/Utrecht,99", current, expected_fingerprint=stale)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (("gemeente: Utrecht", "gemeente: <PLAATS>"), "primary keys are not redacted"),
        (("nummer: 2", "nummer: 3"), "primary keys are not redacted"),
        (("\nnotitie:", ""), "line of column 'notitie' is missing"),
        (("geboren:", "geboren: gisteren"), "cannot be converted"),
        (("naam: Jan de Vries", "naam:"), None),  # emptying a NOT NULL text cell is allowed: ""
    ],
)
def test_redact_refuses_key_changes_missing_lines_and_bad_values(
    db: Database, dossiers: SqlTableSource, change: tuple[str, str], why: str | None
) -> None:
    key = "dossiers/Utrecht,2"
    fingerprint = dossiers.stat(key).fingerprint
    original = dossiers.read(key)
    redacted = original.decode("utf-8").replace(*change).encode("utf-8")
    if why is None:
        dossiers.redact(key, redacted, expected_fingerprint=fingerprint)
        assert dossiers.read(key) == redacted
        return
    with pytest.raises(SourceError, match=why):
        dossiers.redact(key, redacted, expected_fingerprint=fingerprint)
    assert dossiers.read(key) == original
    assert dossiers.stat(key).fingerprint == fingerprint
