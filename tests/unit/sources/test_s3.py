"""S3Source against a real moto server over HTTP (never the in-process mock).

The fixtures live here rather than in a conftest.py: other sources' tests share this folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from piigov.sources import ItemGone, Source, SourceError
from piigov.sources.s3 import (
    ARCHIVED_REASON,
    DELETE_MARKER_REASON,
    RetentionError,
    S3Source,
    item_key,
    object_key_of,
    parse_s3_uri,
    split_item_key,
)
from servers import free_port, moto_server

pytestmark = pytest.mark.integration

REGION = "eu-west-1"
ACCESS_KEY = "AKIAPIIGOVTESTKEY"
SECRET_KEY = "piigov-test-secret-do-not-leak"
SERVER_START_TIMEOUT_S = 30.0


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    """A moto S3 server in a subprocess; the test fails (never skips) when it does not come up."""
    with moto_server() as url:
        yield url


@pytest.fixture(scope="module")
def s3(moto_endpoint: str) -> Any:
    import boto3

    return boto3.session.Session().client(
        "s3",
        endpoint_url=moto_endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
    )


@pytest.fixture
def make_bucket(s3: Any) -> Callable[..., str]:
    def make(*, versioned: bool = True, object_lock: bool = False) -> str:
        name = f"piigov-{uuid.uuid4().hex[:16]}"
        kwargs: dict[str, Any] = {"CreateBucketConfiguration": {"LocationConstraint": REGION}}
        if object_lock:
            kwargs["ObjectLockEnabledForBucket"] = True
        s3.create_bucket(Bucket=name, **kwargs)
        if versioned and not object_lock:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        return name

    return make


def _raw_versions(s3: Any, bucket: str, key: str) -> tuple[list[str], list[str]]:
    resp = s3.list_object_versions(Bucket=bucket, Prefix=key)
    versions = [v["VersionId"] for v in resp.get("Versions", []) if v["Key"] == key]
    markers = [m["VersionId"] for m in resp.get("DeleteMarkers", []) if m["Key"] == key]
    return versions, markers


# -- URIs and keys ---------------------------------------------------------------------------------


def test_parse_s3_uri() -> None:
    assert parse_s3_uri("s3://bucket/some/prefix") == ("bucket", "some/prefix")
    assert parse_s3_uri("s3://bucket/some/prefix/") == ("bucket", "some/prefix/")
    assert parse_s3_uri("s3://bucket") == ("bucket", "")
    assert parse_s3_uri("s3://bucket/") == ("bucket", "")
    assert parse_s3_uri("s3://bucket/a b/Öztürk #1?x") == ("bucket", "a b/Öztürk #1?x")
    for bad in ("http://bucket/x", "bucket/x", "s3:///x", "s3://a/x", "s3://bad bucket/x"):
        with pytest.raises(SourceError):
            parse_s3_uri(bad)


def test_uri_round_trips_through_parse(s3: Any) -> None:
    src = S3Source("archief-bucket", "hr/2019 dossiers?#/", client=s3)
    assert src.uri == "s3://archief-bucket/hr/2019 dossiers?#/"
    assert parse_s3_uri(src.uri) == ("archief-bucket", "hr/2019 dossiers?#/")
    assert isinstance(src, Source) and src.kind == "s3"


def test_item_keys_split_at_the_last_version_separator() -> None:
    key = item_key("a?versionId=fake.txt", "v1")
    assert key == "a?versionId=fake.txt?versionId=v1"
    assert split_item_key(key) == ("a?versionId=fake.txt", "v1")
    assert object_key_of(key) == "a?versionId=fake.txt"
    assert (
        S3Source("some-bucket", client=object()).extraction_name("d/Öztürk.docx?versionId=v1")
        == "d/Öztürk.docx"
    )
    for bad in ("plain.txt", "?versionId=v1", "x.txt?versionId="):
        with pytest.raises(SourceError):
            split_item_key(bad)


def test_importing_the_module_does_not_import_boto3() -> None:
    code = (
        "import sys, piigov.sources.s3; assert 'boto3' not in sys.modules and 'botocore' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- listing and reading ---------------------------------------------------------------------------


def test_versioned_object_overwritten_twice_then_deleted(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    bodies = [b"eerste versie", b"tweede versie, langer", b"derde"]
    version_ids = [s3.put_object(Bucket=bucket, Key="dossier.txt", Body=b)["VersionId"] for b in bodies]
    s3.delete_object(Bucket=bucket, Key="dossier.txt")
    src = S3Source(bucket, client=s3)

    items = list(src.list_items())
    assert len(items) == 4
    markers = [i for i in items if i.skip_reason == DELETE_MARKER_REASON]
    readable = {i.key: i for i in items if i.skip_reason is None}
    assert len(markers) == 1 and markers[0].size == 0
    assert markers[0].fingerprint.startswith("delete-marker;version=")
    assert set(readable) == {f"dossier.txt?versionId={v}" for v in version_ids}
    for vid, body in zip(version_ids, bodies, strict=True):
        key = item_key("dossier.txt", vid)
        assert src.read(key) == body
        item = readable[key]
        assert item.size == len(body)
        assert item.fingerprint.startswith("etag=") and f";version={vid};size={len(body)}" in item.fingerprint
        assert src.stat(key) == item  # stat agrees with the listing
    assert src.stat(markers[0].key) == markers[0]  # a delete marker still exists until deleted
    with pytest.raises(SourceError):
        src.read(markers[0].key)


def test_unversioned_bucket_has_null_version_ids(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(versioned=False)
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"oud")
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"nieuw")  # overwrites: no history
    src = S3Source(bucket, client=s3)
    [item] = list(src.list_items())
    assert item.key == "a.txt?versionId=null"
    assert "version=null" in item.fingerprint
    assert src.read(item.key) == b"nieuw"
    assert src.stat(item.key) == item
    assert "version null (permanent)" in src.delete(item.key)
    assert src.stat(item.key) is None
    assert list(src.list_items()) == []


def test_prefix_filters_listing_and_access(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    for key in ("hr/a.txt", "hr/sub/b.txt", "hr-archief/c.txt", "fin/d.txt"):
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    folder = S3Source(bucket, "hr/", client=s3)
    assert {object_key_of(i.key) for i in folder.list_items()} == {"hr/a.txt", "hr/sub/b.txt"}
    assert folder.uri == f"s3://{bucket}/hr/"
    literal = S3Source(bucket, "hr", client=s3)  # a literal S3 prefix
    assert {object_key_of(i.key) for i in literal.list_items()} == {
        "hr/a.txt",
        "hr/sub/b.txt",
        "hr-archief/c.txt",
    }
    fin_key = next(i.key for i in S3Source(bucket, client=s3).list_items() if i.key.startswith("fin/"))
    for op in (folder.read, folder.stat, folder.delete):
        with pytest.raises(SourceError, match="outside the source prefix"):
            op(fin_key)
    with pytest.raises(SourceError, match="outside the source prefix"):
        folder.delete_all_versions("fin/d.txt")


def test_listing_paginates_in_one_walk(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    for n in range(5):
        for rev in range(3):
            s3.put_object(Bucket=bucket, Key=f"doc-{n}.txt", Body=f"{n}/{rev}".encode())
    s3.delete_object(Bucket=bucket, Key="doc-2.txt")
    calls: dict[str, int] = {}

    def count(event_name: str, **_: Any) -> None:
        calls[event_name] = calls.get(event_name, 0) + 1

    s3.meta.events.register("before-call.s3", count)
    try:
        items = list(S3Source(bucket, client=s3, page_size=2).list_items())
    finally:
        s3.meta.events.unregister("before-call.s3", count)
    assert len(items) == 16 and len({i.key for i in items}) == 16
    assert calls == {"before-call.s3.ListObjectVersions": 8}  # 16 entries / 2 per page, nothing else


def test_page_size_is_bounded(s3: Any) -> None:
    for bad in (0, 1001):
        with pytest.raises(SourceError):
            S3Source("some-bucket", client=s3, page_size=bad)


def test_archived_storage_class_is_listed_but_skipped(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    s3.put_object(Bucket=bucket, Key="Öztürk koud.txt", Body=b"archief", StorageClass="GLACIER")
    src = S3Source(bucket, client=s3)
    [item] = list(src.list_items())
    assert item.skip_reason == ARCHIVED_REASON and item.size == 7
    assert src.stat(item.key) == item
    with pytest.raises(SourceError) as exc_info:
        src.read(item.key)
    assert str(exc_info.value) == "S3 GetObject failed: InvalidObjectState"


def test_odd_keys_round_trip(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    keys = [
        "map met spaties/Öztürk notitie.txt",
        "a#b?c.txt",
        "x?versionId=fake.txt",
        "  leading and trailing  ",
        "% and + and &.txt",
    ]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    src = S3Source(bucket, client=s3)
    items = {object_key_of(i.key): i for i in src.list_items()}
    assert set(items) == set(keys)
    for key, item in items.items():
        assert src.read(item.key) == key.encode()
        assert src.stat(item.key) == item
    src.delete(items["map met spaties/Öztürk notitie.txt"].key)
    assert src.stat(items["map met spaties/Öztürk notitie.txt"].key) is None
    assert src.delete_all_versions("a#b?c.txt") == [items["a#b?c.txt"].key]
    assert _raw_versions(s3, bucket, "a#b?c.txt") == ([], [])


def test_zero_byte_object(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    s3.put_object(Bucket=bucket, Key="leeg.txt", Body=b"")
    src = S3Source(bucket, client=s3)
    [item] = list(src.list_items())
    assert item.size == 0 and item.skip_reason is None
    assert src.read(item.key) == b""
    assert src.stat(item.key) == item


def test_missing_versions_are_gone(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"x")
    src = S3Source(bucket, client=s3)
    for key in ("a.txt?versionId=no-such-version", "nope.txt?versionId=no-such-version"):
        assert src.stat(key) is None
        with pytest.raises(ItemGone):
            src.read(key)
        with pytest.raises(ItemGone):
            src.delete(key)
    assert src.delete_all_versions("nope.txt") == []
    with pytest.raises(SourceError, match="versionId"):
        src.read("a.txt")  # a plain key: every item names its version


# -- deletion --------------------------------------------------------------------------------------


def test_stat_after_delete_is_none(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    vid = s3.put_object(Bucket=bucket, Key="a.txt", Body=b"x")["VersionId"]
    src = S3Source(bucket, client=s3)
    key = item_key("a.txt", vid)
    assert src.stat(key) is not None
    src.delete(key)
    assert src.stat(key) is None
    with pytest.raises(ItemGone):
        src.read(key)
    with pytest.raises(ItemGone):
        src.delete(key)


def test_delete_removes_exactly_that_version(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    v1, v2, v3 = (s3.put_object(Bucket=bucket, Key="k.txt", Body=b)["VersionId"] for b in (b"1", b"2", b"3"))
    s3.put_object(Bucket=bucket, Key="k.txt.bak", Body=b"buur")
    src = S3Source(bucket, client=s3)
    method = src.delete(item_key("k.txt", v2))
    assert method == f"S3 DeleteObject of version {v2} (permanent)"
    versions, markers = _raw_versions(s3, bucket, "k.txt")
    assert sorted(versions) == sorted([v1, v3]) and markers == []  # no delete marker added
    assert src.read(item_key("k.txt", v1)) == b"1"
    assert src.read(item_key("k.txt", v3)) == b"3"
    # Deleting the current version permanently leaves the previous one current.
    src.delete(item_key("k.txt", v3))
    assert s3.get_object(Bucket=bucket, Key="k.txt")["Body"].read() == b"1"
    assert _raw_versions(s3, bucket, "k.txt") == ([v1], [])
    assert len(_raw_versions(s3, bucket, "k.txt.bak")[0]) == 1


def test_delete_of_a_delete_marker_removes_only_the_marker(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    vid = s3.put_object(Bucket=bucket, Key="k.txt", Body=b"x")["VersionId"]
    marker = s3.delete_object(Bucket=bucket, Key="k.txt")["VersionId"]
    src = S3Source(bucket, client=s3)
    assert src.delete(item_key("k.txt", marker)) == f"S3 DeleteObject of delete marker {marker} (permanent)"
    assert _raw_versions(s3, bucket, "k.txt") == ([vid], [])
    assert src.stat(item_key("k.txt", marker)) is None


def test_delete_all_versions_leaves_nothing(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    for body in (b"1", b"2", b"3"):
        s3.put_object(Bucket=bucket, Key="dossier.txt", Body=body)
    s3.delete_object(Bucket=bucket, Key="dossier.txt")
    s3.put_object(Bucket=bucket, Key="dossier.txt", Body=b"4")
    s3.put_object(Bucket=bucket, Key="dossier.txt2", Body=b"buur")  # shares the prefix, must survive
    s3.put_object(Bucket=bucket, Key="dossier.txt/onder", Body=b"buur")
    src = S3Source(bucket, client=s3, page_size=2)  # the key's versions span pages
    before = {i.key for i in src.list_items() if object_key_of(i.key) == "dossier.txt"}
    removed = src.delete_all_versions("dossier.txt")
    assert len(removed) == 5 and set(removed) == before
    assert _raw_versions(s3, bucket, "dossier.txt") == ([], [])
    assert {object_key_of(i.key) for i in src.list_items()} == {"dossier.txt2", "dossier.txt/onder"}
    assert src.delete_all_versions("dossier.txt") == []


def test_compliance_retention_refuses_delete(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(object_lock=True)
    until = (datetime.now(UTC) + timedelta(days=365)).replace(microsecond=0)
    vid = s3.put_object(
        Bucket=bucket,
        Key="Öztürk bewaard.txt",
        Body=b"bewaarplicht",
        ObjectLockMode="COMPLIANCE",
        ObjectLockRetainUntilDate=until,
    )["VersionId"]
    src = S3Source(bucket, client=s3)
    key = item_key("Öztürk bewaard.txt", vid)
    with pytest.raises(RetentionError) as exc_info:
        src.delete(key)
    err = exc_info.value
    assert err.mode == "COMPLIANCE" and err.retain_until is not None
    assert abs((err.retain_until - until).total_seconds()) < 1
    message = str(err)
    assert "COMPLIANCE" in message and until.date().isoformat() in message
    assert "Öztürk" not in message and "bewaarplicht" not in message
    with pytest.raises(RetentionError):
        src.delete_all_versions("Öztürk bewaard.txt")
    assert src.read(key) == b"bewaarplicht"
    assert _raw_versions(s3, bucket, "Öztürk bewaard.txt") == ([vid], [])


def test_lock_on_one_version_protects_the_whole_object(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(object_lock=True)
    until = datetime.now(UTC) + timedelta(days=30)
    s3.put_object(
        Bucket=bucket, Key="k.txt", Body=b"old", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until
    )
    s3.put_object(Bucket=bucket, Key="k.txt", Body=b"new")  # unprotected current version
    src = S3Source(bucket, client=s3)
    with pytest.raises(RetentionError, match="GOVERNANCE"):
        src.delete_all_versions("k.txt")
    assert len(_raw_versions(s3, bucket, "k.txt")[0]) == 2  # nothing deleted, not even the free version


def test_legal_hold_refuses_delete(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(object_lock=True)
    vid = s3.put_object(Bucket=bucket, Key="h.txt", Body=b"in beslag", ObjectLockLegalHoldStatus="ON")[
        "VersionId"
    ]
    src = S3Source(bucket, client=s3)
    with pytest.raises(RetentionError, match="legal hold") as exc_info:
        src.delete(item_key("h.txt", vid))
    assert exc_info.value.legal_hold is True
    assert src.read(item_key("h.txt", vid)) == b"in beslag"
    # Once the hold is lifted the version can be destroyed.
    s3.put_object_legal_hold(Bucket=bucket, Key="h.txt", VersionId=vid, LegalHold={"Status": "OFF"})
    src.delete(item_key("h.txt", vid))
    assert src.stat(item_key("h.txt", vid)) is None


def test_unlocked_object_in_lock_bucket_deletes(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(object_lock=True)
    vid = s3.put_object(Bucket=bucket, Key="vrij.txt", Body=b"x")["VersionId"]
    src = S3Source(bucket, client=s3)
    assert "permanent" in src.delete(item_key("vrij.txt", vid))
    assert _raw_versions(s3, bucket, "vrij.txt") == ([], [])


def test_access_denied_on_a_locked_object_is_a_retention_error(
    s3: Any, make_bucket: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = make_bucket(object_lock=True)
    until = datetime.now(UTC) + timedelta(days=365)
    vid = s3.put_object(
        Bucket=bucket, Key="r.txt", Body=b"x", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=until
    )["VersionId"]
    src = S3Source(bucket, client=s3)
    monkeypatch.setattr(src, "_check_lock", lambda version: None)  # as if the lock were unreadable
    with pytest.raises(RetentionError, match="AccessDenied"):
        src.delete(item_key("r.txt", vid))
    assert _raw_versions(s3, bucket, "r.txt") == ([vid], [])


def test_delete_never_bypasses_governance(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(object_lock=True)
    vid = s3.put_object(Bucket=bucket, Key="g.txt", Body=b"x")["VersionId"]
    sent: list[dict[str, Any]] = []

    def record(params: dict[str, Any], **_: Any) -> None:
        sent.append(dict(params))

    s3.meta.events.register("provide-client-params.s3.DeleteObject", record)
    try:
        S3Source(bucket, client=s3).delete(item_key("g.txt", vid))
    finally:
        s3.meta.events.unregister("provide-client-params.s3.DeleteObject", record)
    assert sent == [{"Bucket": bucket, "Key": "g.txt", "VersionId": vid}]


# -- configuration and description -----------------------------------------------------------------


def test_describe_names_endpoint_and_versioning_without_credentials(
    s3: Any, make_bucket: Callable[..., str], moto_endpoint: str
) -> None:
    bucket = make_bucket()
    info = S3Source(bucket, "hr/", client=s3).describe()
    assert info == {
        "kind": "s3",
        "uri": f"s3://{bucket}/hr/",
        "endpoint": moto_endpoint.removeprefix("http://"),
        "region": REGION,
        "versioning": "Enabled",
        "object_lock": "Disabled",
    }
    assert S3Source(make_bucket(versioned=False), client=s3).describe()["versioning"] == "Disabled"
    assert S3Source(make_bucket(object_lock=True), client=s3).describe()["object_lock"] == "Enabled"
    assert SECRET_KEY not in json.dumps(info) and ACCESS_KEY not in json.dumps(info)


def test_client_from_standard_boto3_configuration(
    moto_endpoint: str,
    make_bucket: Callable[..., str],
    s3: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    bucket = make_bucket()
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"x")
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    src = S3Source(bucket)
    [item] = list(src.list_items())
    assert src.read(item.key) == b"x"
    assert src.describe()["endpoint"] == moto_endpoint.removeprefix("http://")


def test_unreachable_endpoint_is_a_source_error_without_credentials() -> None:
    import boto3
    from botocore.config import Config

    client = boto3.session.Session().client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{free_port()}",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        config=Config(retries={"max_attempts": 1}, connect_timeout=1),
    )
    src = S3Source("piigov-nowhere", client=client)
    with pytest.raises(SourceError) as exc_info:
        list(src.list_items())
    assert str(exc_info.value) == "S3 ListObjectVersions failed: EndpointConnectionError"
    assert exc_info.value.__cause__ is None and exc_info.value.__suppress_context__
    info = src.describe()
    assert info["versioning"] == "unknown (EndpointConnectionError)" and info["object_lock"] == "unknown"


def test_from_airflow_connection_uses_its_endpoint(
    moto_endpoint: str, make_bucket: Callable[..., str], s3: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = make_bucket()
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"via airflow")
    conn = {
        "conn_type": "aws",
        "login": ACCESS_KEY,
        "password": SECRET_KEY,
        "extra": {"endpoint_url": moto_endpoint, "region_name": REGION},
    }
    monkeypatch.setenv("AIRFLOW_CONN_PIIGOV_S3_TEST", json.dumps(conn))
    src = S3Source.from_airflow_connection("piigov_s3_test", bucket, "")
    [item] = list(src.list_items())
    assert src.read(item.key) == b"via airflow"
    info = src.describe()
    assert info["endpoint"] == moto_endpoint.removeprefix("http://")
    assert SECRET_KEY not in json.dumps(info)


# -- redaction -------------------------------------------------------------------------------------


def test_redact_leaves_one_version_with_the_new_content(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket()
    for body in (b"v1 Jan de Vries", b"v2 Jan de Vries"):
        s3.put_object(Bucket=bucket, Key="dossier.txt", Body=body)
    s3.delete_object(Bucket=bucket, Key="dossier.txt")
    current = s3.put_object(Bucket=bucket, Key="dossier.txt", Body=b"v3 Jan de Vries")["VersionId"]
    s3.put_object(Bucket=bucket, Key="dossier.txt2", Body=b"buur")  # shares the prefix, must survive
    src = S3Source(bucket, client=s3, page_size=2)
    key = item_key("dossier.txt", current)

    new_key, method = src.redact(key, b"v3 <PERSOON>", expected_fingerprint=src.stat(key).fingerprint)

    object_key, new_id = split_item_key(new_key)
    assert object_key == "dossier.txt" and new_id != current
    assert "PutObject" in method and "4 older version(s)" in method
    assert _raw_versions(s3, bucket, "dossier.txt") == ([new_id], [])
    assert src.read(new_key) == b"v3 <PERSOON>"
    assert s3.get_object(Bucket=bucket, Key="dossier.txt")["Body"].read() == b"v3 <PERSOON>"
    assert len(_raw_versions(s3, bucket, "dossier.txt2")[0]) == 1


def test_redact_in_an_unversioned_bucket_overwrites_the_null_version(
    s3: Any, make_bucket: Callable[..., str]
) -> None:
    bucket = make_bucket(versioned=False)
    s3.put_object(Bucket=bucket, Key="k.txt", Body=b"Ayse")
    src = S3Source(bucket, client=s3)
    key = item_key("k.txt", "null")
    assert src.redact(key, b"<X>", expected_fingerprint=src.stat(key).fingerprint)[0] == key
    assert src.read(key) == b"<X>"
    assert _raw_versions(s3, bucket, "k.txt") == (["null"], [])


def test_redact_with_a_stale_fingerprint_or_an_old_version_changes_nothing(
    s3: Any, make_bucket: Callable[..., str]
) -> None:
    bucket = make_bucket()
    v1 = s3.put_object(Bucket=bucket, Key="k.txt", Body=b"een")["VersionId"]
    src = S3Source(bucket, client=s3)
    stale = src.stat(item_key("k.txt", v1)).fingerprint
    v2 = s3.put_object(Bucket=bucket, Key="k.txt", Body=b"twee")["VersionId"]
    with pytest.raises(SourceError, match="item changed since it was read"):
        src.redact(item_key("k.txt", v2), b"x", expected_fingerprint=stale)
    with pytest.raises(SourceError, match="not the current version"):
        src.redact(item_key("k.txt", v1), b"x", expected_fingerprint=stale)
    assert sorted(_raw_versions(s3, bucket, "k.txt")[0]) == sorted([v1, v2])
    assert src.read(item_key("k.txt", v2)) == b"twee"


def test_redact_refused_by_object_lock_puts_nothing(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(object_lock=True)
    until = datetime.now(UTC) + timedelta(days=30)
    s3.put_object(
        Bucket=bucket, Key="k.txt", Body=b"old", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until
    )
    current = s3.put_object(Bucket=bucket, Key="k.txt", Body=b"new")["VersionId"]  # itself unprotected
    src = S3Source(bucket, client=s3)
    key = item_key("k.txt", current)
    before = _raw_versions(s3, bucket, "k.txt")
    with pytest.raises(RetentionError, match="GOVERNANCE"):
        src.redact(key, b"<X>", expected_fingerprint=src.stat(key).fingerprint)
    assert _raw_versions(s3, bucket, "k.txt") == before and len(before[0]) == 2
    assert s3.get_object(Bucket=bucket, Key="k.txt")["Body"].read() == b"new"


def test_redact_unlocked_object_in_a_lock_bucket(s3: Any, make_bucket: Callable[..., str]) -> None:
    bucket = make_bucket(object_lock=True)
    s3.put_object(Bucket=bucket, Key="vrij.txt", Body=b"oud")
    current = s3.put_object(Bucket=bucket, Key="vrij.txt", Body=b"Ayse")["VersionId"]
    src = S3Source(bucket, client=s3)
    key = item_key("vrij.txt", current)
    new_key, _ = src.redact(key, b"<X>", expected_fingerprint=src.stat(key).fingerprint)
    assert _raw_versions(s3, bucket, "vrij.txt") == ([split_item_key(new_key)[1]], [])
    assert src.read(new_key) == b"<X>"
