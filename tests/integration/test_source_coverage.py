"""Every listed item ends in exactly one state, on every source kind, and a rescan reads nothing."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from coverage_items import OVERSIZED_LIMIT, coverage_items
from piigov import pipeline
from piigov.register import Item, session_scope
from servers import chown_to_share_user, moto_server, samba_server

pytestmark = pytest.mark.integration


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


@pytest.mark.parametrize("kind", ["local", "s3", "smb"])
def test_every_item_is_accounted_for_and_rescans_read_nothing(
    kind, piigov_home, tmp_path, request, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    uri = {
        "local": lambda: _plant_local(tmp_path),
        "s3": lambda: request.getfixturevalue("s3_bucket"),
        "smb": lambda: request.getfixturevalue("smb_share"),
    }[kind]()
    planted = coverage_items()
    summary = _scan(uri)
    assert summary["items_total"] == len(planted)
    states = ("items_scanned", "items_unreadable", "items_skipped", "items_oversized")
    assert sum(summary[s] for s in states) == summary["items_total"]
    with session_scope() as s:
        items = s.execute(select(Item).where(Item.source == summary["source"])).scalars().all()
        found = {_key_suffix(kind, i.key): (i.state, i.reason) for i in items}
    assert set(found) == set(planted)
    for key, (_data, state, reason) in planted.items():
        assert found[key][0] == state, (key, found[key])
        if reason:
            assert found[key][1].startswith(reason), (key, found[key])
    assert summary["items_with_personal_data"] == 2

    from piigov.sources.registry import open_registered

    source_cls = type(open_registered(summary["source"]))
    reads: Counter[str] = Counter()
    original = source_cls.read
    monkeypatch.setattr(source_cls, "read", lambda self, key: reads.update([key]) or original(self, key))
    again = _scan(uri)
    assert reads == Counter()
    assert again["items_unchanged"] == summary["items_scanned"] + summary["items_unreadable"]
    assert again["findings_by_type"] == summary["findings_by_type"]
