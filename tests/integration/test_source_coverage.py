"""Every listed item ends in exactly one state, on every source kind, and a rescan reads nothing."""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from coverage_items import (
    OVERSIZED_LIMIT,
    SQL_TABLE,
    Expected,
    coverage_items,
    plant_mail_export,
    plant_sql_table,
)
from piigov import pipeline
from piigov.register import Item, session_scope
from servers import chown_to_share_user, moto_server, samba_server

pytestmark = pytest.mark.integration

PG_ADMIN_URL = os.environ.get("PIIGOV_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


def _plant_local(tmp_path) -> str:  # type: ignore[no-untyped-def]
    root = tmp_path / "share"
    for key, (data, _state, _reason) in coverage_items().items():
        (root / key).parent.mkdir(parents=True, exist_ok=True)
        (root / key).write_bytes(data)
    return str(root)


@pytest.fixture(scope="module")
def s3_bucket() -> Iterator[str]:
    import boto3

    with moto_server() as endpoint:
        env = {
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "x",
            "AWS_SECRET_ACCESS_KEY": "y",
            "AWS_DEFAULT_REGION": "eu-west-1",
        }
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        client = boto3.client("s3")
        client.create_bucket(Bucket="archief", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        client.put_bucket_versioning(Bucket="archief", VersioningConfiguration={"Status": "Enabled"})
        for key, (data, _state, _reason) in coverage_items().items():
            client.put_object(Bucket="archief", Key=f"export/{key}", Body=data)
        try:
            yield "s3://archief/export"
        finally:
            for k, v in saved.items():
                os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)


@pytest.fixture(scope="module")
def smb_share() -> Iterator[str]:
    with samba_server() as samba:
        for key, (data, _state, _reason) in coverage_items().items():
            path = samba.share_dir / "export" / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        chown_to_share_user(samba.share_dir)
        os.environ["PIIGOV_SMB_PASSWORD"] = samba.password
        try:
            yield f"smb://{samba.user}@{samba.host}:{samba.port}/{samba.share}/export"
        finally:
            os.environ.pop("PIIGOV_SMB_PASSWORD", None)


@pytest.fixture(scope="module")
def mail_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Expected]:
    root = tmp_path_factory.mktemp("mail") / "export"
    root.mkdir()
    expected = plant_mail_export(root)
    return f"mail+{root.as_uri()}", expected


@pytest.fixture(scope="module")
def sqlite_table(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Expected]:
    path = tmp_path_factory.mktemp("sqlite") / "taskforce.sqlite"
    url = f"sqlite:///{path}"
    expected = plant_sql_table(url)
    return f"{url}#{SQL_TABLE}", expected


@pytest.fixture(scope="module")
def postgres_table() -> Iterator[tuple[str, Expected]]:
    """The table in a fresh database on the local PostgreSQL server (fails, never skips, without it)."""
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"piigov_cov_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL is required for this test and is not reachable at {PG_ADMIN_URL}: {exc}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        expected = plant_sql_table(url)
        yield f"{url}#{SQL_TABLE}", expected
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _folder_expected() -> Expected:
    """The planted files: the two conversation notes hold personal data."""
    return {
        key: (state, reason, state == "scanned" and "notitie" in key)
        for key, (_data, state, reason) in coverage_items().items()
    }


def _key_suffix(source_kind: str, key: str) -> str:
    """The planted key inside a source's item key (S3 keys carry the prefix and a version id)."""
    if source_kind == "s3":
        key = key.split("?versionId=", 1)[0]
    return key.removeprefix("export/")


def _scan(uri: str) -> dict[str, Any]:
    planned = pipeline.scan_plan(uri, max_item_bytes=OVERSIZED_LIMIT)
    for batch in planned["batches"]:
        pipeline.scan_batch(planned["source"], batch)
    return pipeline.scan_finish(planned["scan_run_id"])


@pytest.mark.parametrize("kind", ["local", "s3", "smb", "mail", "sql-sqlite", "sql-postgres"])
def test_every_item_is_accounted_for_and_rescans_read_nothing(
    kind, piigov_home, tmp_path, request, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    uri, expected = {
        "local": lambda: (_plant_local(tmp_path), _folder_expected()),
        "s3": lambda: (request.getfixturevalue("s3_bucket"), _folder_expected()),
        "smb": lambda: (request.getfixturevalue("smb_share"), _folder_expected()),
        "mail": lambda: request.getfixturevalue("mail_export"),
        "sql-sqlite": lambda: request.getfixturevalue("sqlite_table"),
        "sql-postgres": lambda: request.getfixturevalue("postgres_table"),
    }[kind]()
    from piigov.sources import open_source

    listed = [i.key for i in open_source(uri).list_items()]
    assert len(listed) == len(set(listed)) == len(expected)

    summary = _scan(uri)

    # Every listed item is in exactly one state, and the states add up to the listing.
    assert summary["items_total"] == len(listed)
    states = ("items_scanned", "items_unreadable", "items_skipped", "items_oversized")
    assert sum(summary[s] for s in states) == summary["items_total"]
    for state in ("scanned", "unreadable", "skipped", "oversized"):
        assert summary[f"items_{state}"] == sum(e[0] == state for e in expected.values()), state
    with session_scope() as s:
        items = s.execute(select(Item).where(Item.source == summary["source"])).scalars().all()
        found = {_key_suffix(kind, i.key): (i.state, i.reason) for i in items}
        rules = pipeline.policy()
        personal = {
            _key_suffix(kind, i.key)
            for i in items
            if any(
                f.entity_type in rules.identifying_entities and f.score >= rules.min_score for f in i.findings
            )
        }
    assert len(items) == len(found) == len(listed)
    assert set(found) == set(expected)
    for key, (state, reason, _personal) in expected.items():
        assert found[key][0] == state, (key, found[key])
        if reason:
            assert found[key][1].startswith(reason), (key, found[key])
    assert personal == {key for key, (_s, _r, has_pd) in expected.items() if has_pd}
    assert summary["items_with_personal_data"] == len(personal)

    from piigov.sources.registry import open_registered

    source_cls = type(open_registered(summary["source"]))
    reads: Counter[str] = Counter()
    original = source_cls.read
    monkeypatch.setattr(source_cls, "read", lambda self, key: reads.update([key]) or original(self, key))
    again = _scan(uri)
    assert reads == Counter()
    assert again["items_total"] == summary["items_total"]
    assert again["items_unchanged"] == summary["items_scanned"] + summary["items_unreadable"]
    assert again["findings_by_type"] == summary["findings_by_type"]
