"""An inquiry whose postbus is an S3 prefix (moto server over HTTP) and whose register is PostgreSQL:
intake, search in three sources, no objection, and the request object destroyed from every version."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inquiry_world import build_world, request_email
from servers import moto_server

pytestmark = pytest.mark.integration


@pytest.fixture
def postbus(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, object]]:
    import boto3

    from piigov.settings import get_settings
    from piigov.sources.registry import open_registered

    with moto_server() as endpoint:
        for name, value in {
            "PIIGOV_HOME": str(tmp_path / "home"),
            "PIIGOV_DB_URL": postgres_url,
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "x",
            "AWS_SECRET_ACCESS_KEY": "y",
            "AWS_DEFAULT_REGION": "eu-west-1",
            "PIIGOV_POSTBUS": "s3://postbus/verzoeken/",
        }.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        open_registered.cache_clear()
        client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1")
        client.create_bucket(Bucket="postbus", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        client.put_bucket_versioning(Bucket="postbus", VersioningConfiguration={"Status": "Enabled"})
        yield "postbus", client
        get_settings.cache_clear()
        open_registered.cache_clear()


def test_inquiry_from_an_s3_postbus_to_destruction_on_postgres(postbus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from piigov import pipeline

    bucket, client = postbus
    build_world(tmp_path)
    client.put_object(
        Bucket=bucket,
        Key="verzoeken/2024-03-10-001.eml",
        Body=request_email(datetime(2024, 3, 10, tzinfo=UTC)),
    )
    client.put_object(Bucket=bucket, Key="verzoeken/leesmij.txt", Body=b"geen verzoek")
    intake = pipeline.inquiry_intake()
    assert len(intake["registered"]) == 1, intake
    # A file in the postbus that is not a request cannot be registered; it is reported, not lost.
    assert len(intake["failed"]) == 1
    inquiry_id = intake["registered"][0]
    found = pipeline.inquiry_search(inquiry_id)
    assert found["sources"] == 3 and found["strong"] == 4 and found["weak"] == 2
    pipeline.inquiry_confirm(
        inquiry_id, [w["item_id"] for w in found["weak_matches"]], decided_by="screened1"
    )
    report = pipeline.inquiry_report(inquiry_id)
    assert report["items"] == 6 and Path(report["path"]).exists()
    pipeline.inquiry_explained(inquiry_id, explained_by="screened1")
    pipeline.inquiry_objection(inquiry_id, objection=False, decided_by="screened1")

    run_id = "inquiry-closed-1"
    plan = pipeline.destruction_plan(run_id)
    request_item = pipeline.inquiry_status(inquiry_id)["request_item_id"]
    listed = json.loads(Path(plan["dry_run_list"]).read_text())
    assert request_item in {row["item_id"] for row in listed["items"]} and plan["items"] >= 5
    assert pipeline.destruction_verify_before(run_id)["success"]
    pipeline.destruction_decide(run_id, approved=True, decided_by="fg", decided_at=None, allowed=["fg"])
    pipeline.destruction_execute(run_id)
    assert pipeline.destruction_verify_after(run_id)["success"]
    pipeline.destruction_certify(run_id, performer="piigov-test")
    # The request object is gone from every version listing; the other postbus object is untouched.
    versions = client.list_object_versions(Bucket=bucket, Prefix="verzoeken/")
    keys = {v["Key"] for v in versions.get("Versions", [])} | {
        m["Key"] for m in versions.get("DeleteMarkers", [])
    }
    assert keys == {"verzoeken/leesmij.txt"}
    assert pipeline.audit_verify()["ok"]
