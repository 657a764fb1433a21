"""Verified destruction on every source kind, against real servers: local folder, Samba, moto S3 over HTTP
(with versions and delete markers) and PostgreSQL.

Each test plants in-scope items next to out-of-scope ones, runs the cycle through the domain functions
(scan, classify, plan, before-checkpoint, FG decision, destroy, after-checkpoint, certificate) and checks:
in-scope items gone from every listing (every S3 version and delete marker) or redacted where the policy
keeps the record, out-of-scope items byte-identical, and a certificate listing exactly what was destroyed.
The S3 crash test kills the destroying process with SIGKILL, for real, and resumes.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from classified_items import register_classified
from piigov import pipeline
from piigov.register import AuditEvent, DestructionEntry, EntryStatus, session_scope
from servers import chown_to_share_user, moto_server, samba_server

pytestmark = pytest.mark.integration

PD = "Gespreksverslag: mevrouw Fatima Bouzid, BSN 111222333, tel. 06-12345678, sprak over de moskee.\n"
PD_2 = "Aanvulling: mevrouw Fatima Bouzid belde opnieuw, tel. 06-12345678.\n"
NO_PD = "Agenda: overleg volgende week, geen bijzonderheden.\n"
KEPT = "Het besluit over de subsidie blijft ongewijzigd.\n"
VALUES = ("Fatima Bouzid", "111222333", "06-12345678")
ARCHIVE = "dossiers/salafisme/archiefbescheiden"
FOLDER_FILES = {
    "dossiers/salafisme/a.txt": PD,  # in scope: deleted
    "dossiers/salafisme/b.txt": PD_2,  # in scope: deleted
    f"{ARCHIVE}/verslag.txt": PD + KEPT,  # in scope, kept record: redacted
    "dossiers/salafisme/agenda.txt": NO_PD,  # no personal data: untouched
    "personeelszaken/p.txt": PD,  # personal data outside the dossier: untouched
}
IN_SCOPE_DELETED = {"dossiers/salafisme/a.txt", "dossiers/salafisme/b.txt"}
REDACTED = {f"{ARCHIVE}/verslag.txt"}
UNTOUCHED = {"dossiers/salafisme/agenda.txt", "personeelszaken/p.txt"}
WORKER = Path(__file__).resolve().parents[1] / "unit" / "destruction" / "crash_worker.py"


def _cycle(uris: list[str], run_id: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Scan, classify, plan, check, approve, destroy, check, certify: (plan, result, certificate)."""
    for uri in uris:
        pipeline.scan(uri)
    pipeline.classify()
    plan = pipeline.destruction_plan(run_id)
    rows = json.loads(Path(plan["dry_run_list"]).read_text())["items"]
    assert all(row["method"] in ("delete", "redact", "person") for row in rows)
    assert pipeline.destruction_verify_before(run_id)["success"]
    pipeline.destruction_decide(
        run_id, approved=True, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
    )
    result = pipeline.destruction_execute(run_id)
    after = pipeline.destruction_verify_after(run_id)
    assert after["success"] and Path(after["data_docs"]).exists()
    paths = pipeline.destruction_certify(run_id, performer="test")
    cert = json.loads(Path(paths["json"]).read_text())
    for path in (Path(paths["json"]), Path(paths["html"]), Path(paths["json"]).with_suffix(".pdf")):
        body = path.read_bytes()
        assert not any(v.encode() in body for v in VALUES), path.name
    with session_scope() as s:
        destroyed = Counter(e.subject for e in s.query(AuditEvent).filter_by(action="item_destroyed"))
        assert set(destroyed.values()) <= {1}
    assert pipeline.audit_verify()["ok"]
    return plan, result, cert


def _assert_redacted(text: str) -> None:
    assert not any(v in text for v in VALUES) and KEPT.strip() in text and "<PERSON>" in text


# -- local folder ------------------------------------------------------------------------------------


def test_local_folder(piigov_home: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    for key, body in FOLDER_FILES.items():
        (share / key).parent.mkdir(parents=True, exist_ok=True)
        (share / key).write_text(body)
    (share / ARCHIVE / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")  # kept, unreadable: not in scope
    before = {k: (share / k).read_bytes() for k in UNTOUCHED}
    plan, result, cert = _cycle([str(share)], "local-run")
    assert plan["items"] == 3 and result["deleted"] == 2 and result["redacted"] == 1
    remaining = sorted(p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file())
    assert remaining == sorted({*UNTOUCHED, *REDACTED, f"{ARCHIVE}/scan.pdf"})
    assert {k: (share / k).read_bytes() for k in UNTOUCHED} == before
    _assert_redacted((share / ARCHIVE / "verslag.txt").read_text())
    kinds = {i["location"]: i["method_kind"] for i in cert["items"]}
    assert kinds == {**dict.fromkeys(IN_SCOPE_DELETED, "deleted"), **dict.fromkeys(REDACTED, "redacted")}


# -- SMB ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samba() -> Iterator[Any]:
    with samba_server() as server:
        yield server


def test_smb_share(piigov_home: Path, samba: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    root = samba.share_dir / f"export-{uuid.uuid4().hex[:8]}"
    for key, body in FOLDER_FILES.items():
        (root / key).parent.mkdir(parents=True, exist_ok=True)
        (root / key).write_text(body)
    chown_to_share_user(samba.share_dir)
    monkeypatch.setenv("PIIGOV_SMB_PASSWORD", samba.password)
    before = {k: (root / k).read_bytes() for k in UNTOUCHED}
    uri = f"smb://{samba.user}@{samba.host}:{samba.port}/{samba.share}/{root.name}"
    plan, result, cert = _cycle([uri], "smb-run")
    assert plan["items"] == 3 and result["deleted"] == 2 and result["redacted"] == 1
    remaining = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert remaining == sorted({*UNTOUCHED, *REDACTED})
    assert {k: (root / k).read_bytes() for k in UNTOUCHED} == before
    _assert_redacted((root / ARCHIVE / "verslag.txt").read_text())
    assert {i["location"] for i in cert["items"]} == IN_SCOPE_DELETED | REDACTED
    assert all(
        i["method"].startswith("deleted: SMB2 delete") for i in cert["items"] if i["method_kind"] == "deleted"
    )


# -- S3 with versions -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.fixture
def s3(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    import boto3

    for name, value in {
        "AWS_ENDPOINT_URL": moto_endpoint,
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "y",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    return boto3.client("s3")


def _bucket(s3: Any) -> str:
    name = f"archief-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def _put(s3: Any, bucket: str, key: str, body: str) -> str:
    return s3.put_object(Bucket=bucket, Key=key, Body=body.encode())["VersionId"]


def _listing(s3: Any, bucket: str) -> dict[str, tuple[list[str], list[str]]]:
    """Object key -> (version ids, delete marker ids), from the raw version listing."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for v in page.get("Versions", []):
            found.setdefault(v["Key"], ([], []))[0].append(v["VersionId"])
        for m in page.get("DeleteMarkers", []):
            found.setdefault(m["Key"], ([], []))[1].append(m["VersionId"])
    return found


def test_s3_every_version_and_orphaned_delete_marker(piigov_home: Path, s3: Any) -> None:
    bucket = _bucket(s3)
    a = "dossiers/salafisme/a.txt"  # two versions with personal data, then deleted: a marker in front
    a_versions = [_put(s3, bucket, a, PD), _put(s3, bucket, a, PD_2)]
    a_marker = s3.delete_object(Bucket=bucket, Key=a)["VersionId"]
    b = "dossiers/salafisme/b.txt"  # an old version with personal data, a current one without
    b_old, b_current = _put(s3, bucket, b, PD), _put(s3, bucket, b, NO_PD)
    kept = f"{ARCHIVE}/verslag.txt"  # a kept record: a draft without, two versions with personal data
    kept_draft = _put(s3, bucket, kept, "Concept.\n" + KEPT)
    kept_old, kept_current = _put(s3, bucket, kept, PD_2 + KEPT), _put(s3, bucket, kept, PD + KEPT)
    p = "personeelszaken/p.txt"  # out of scope, two versions
    p_versions = [_put(s3, bucket, p, PD), _put(s3, bucket, p, PD_2)]
    untouched = {(b, b_current): NO_PD, (kept, kept_draft): "Concept.\n" + KEPT, (p, p_versions[0]): PD}
    untouched[(p, p_versions[1])] = PD_2

    plan, result, cert = _cycle([f"s3://{bucket}/"], "s3-run")
    in_scope = {(a, v) for v in a_versions} | {(b, b_old), (kept, kept_old), (kept, kept_current)}
    assert plan["items"] == len(in_scope) == 5
    listing = _listing(s3, bucket)
    assert a not in listing  # every version gone, and the delete marker left in front of nothing too
    for key, version in in_scope:
        assert version not in listing.get(key, ([], []))[0] + listing.get(key, ([], []))[1]
    for (key, version), body in untouched.items():
        assert s3.get_object(Bucket=bucket, Key=key, VersionId=version)["Body"].read() == body.encode()
    assert listing[b] == ([b_current], []) and listing[p] == (
        sorted(p_versions, key=p_versions.index)[::-1],
        [],
    )
    # The kept record: its draft untouched, one new redacted version, nothing else.
    kept_versions = listing[kept][0]
    assert kept_draft in kept_versions and len(kept_versions) == 2 and listing[kept][1] == []
    redacted_id = next(v for v in kept_versions if v != kept_draft)
    _assert_redacted(s3.get_object(Bucket=bucket, Key=kept, VersionId=redacted_id)["Body"].read().decode())

    items = {(i["location"].split("?versionId=")[0], i["version_id"]): i for i in cert["items"]}
    assert set(items) == in_scope and cert["not_destroyed"] == [] and cert["needs_person"] == []
    assert items[(kept, kept_current)]["method_kind"] == "redacted"
    assert items[(kept, kept_old)]["method_kind"] == "deleted"
    marker_notes = [
        i["method"] for (key, _v), i in items.items() if key == a and "delete marker" in i["method"]
    ]
    assert len(marker_notes) == 1 and a_marker in marker_notes[0]
    assert all(
        i["verification"]["absent_from_every_version_listing"]
        for i in cert["items"]
        if i["method_kind"] == "deleted"
    )
    assert result["deleted"] == 4 and result["redacted"] == 1


def test_s3_object_lock_refuses_with_a_clear_error_and_blocks_the_certificate(
    piigov_home: Path, s3: Any
) -> None:
    from datetime import timedelta

    bucket = f"archief-lock-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(
        Bucket=bucket,
        CreateBucketConfiguration={"LocationConstraint": "eu-west-1"},
        ObjectLockEnabledForBucket=True,
    )
    until = (datetime.now(UTC) + timedelta(days=365)).replace(microsecond=0)
    locked = s3.put_object(
        Bucket=bucket,
        Key="dossiers/salafisme/bewaard.txt",
        Body=PD.encode(),
        ObjectLockMode="COMPLIANCE",
        ObjectLockRetainUntilDate=until,
    )["VersionId"]
    _put(s3, bucket, "dossiers/salafisme/a.txt", PD)
    pipeline.scan(f"s3://{bucket}/")
    pipeline.classify()
    assert pipeline.destruction_plan("s3-lock")["items"] == 2
    pipeline.destruction_decide(
        "s3-lock", approved=True, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
    )
    result = pipeline.destruction_execute("s3-lock")
    assert result["deleted"] == 1 and result["failed"] == 1
    body = s3.get_object(Bucket=bucket, Key="dossiers/salafisme/bewaard.txt", VersionId=locked)["Body"].read()
    assert body == PD.encode()
    with session_scope() as s:
        failed = s.query(DestructionEntry).filter_by(status=EntryStatus.FAILED).one()
        assert "Object Lock COMPLIANCE retention until" in failed.error and locked in failed.error
    from piigov.destruction import VerificationFailed

    with pytest.raises(VerificationFailed, match="status"):
        pipeline.destruction_verify_after("s3-lock")


def test_s3_markers_orphaned_by_a_crash_are_removed_by_the_rerun(piigov_home: Path, s3: Any) -> None:
    """The worker died after deleting an object's last version, before removing its delete marker."""
    bucket = _bucket(s3)
    key = "dossiers/salafisme/a.txt"
    version = _put(s3, bucket, key, PD)
    marker = s3.delete_object(Bucket=bucket, Key=key)["VersionId"]
    pipeline.scan(f"s3://{bucket}/")
    pipeline.classify()
    assert pipeline.destruction_plan("s3-orphan")["items"] == 1
    pipeline.destruction_decide(
        "s3-orphan", approved=True, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
    )
    with session_scope() as s:
        s.query(DestructionEntry).one().status = EntryStatus.DELETING  # journalled "deleting" ...
    s3.delete_object(Bucket=bucket, Key=key, VersionId=version)  # ... the version deleted, then SIGKILL
    assert _listing(s3, bucket) == {key: ([], [marker])}
    result = pipeline.destruction_execute("s3-orphan")
    assert result["this_attempt"] == {"deleted_before_crash": 1}
    assert _listing(s3, bucket) == {}
    assert pipeline.destruction_verify_after("s3-orphan")["success"]
    with session_scope() as s:
        assert marker in s.query(DestructionEntry).one().method


def test_s3_sigkill_at_random_points_then_resume(piigov_home: Path, s3: Any) -> None:
    """Kill the destroying worker with SIGKILL after each kind of durable step, resume, check everything."""
    from piigov.classification import load_policy
    from piigov.destruction import plan_destruction, record_decision, verify_after
    from piigov.destruction.certificate import build_certificate
    from piigov.register.audit import verify as verify_chain
    from piigov.settings import get_settings
    from piigov.sources.s3 import DELETE_MARKER_REASON, S3Source

    bucket = _bucket(s3)
    objects = 12
    for i in range(objects):  # two versions each; every other object deleted (a marker in front)
        key = f"dossiers/salafisme/n{i:02}.txt"
        _put(s3, bucket, key, f"notitie {i} versie 1")
        _put(s3, bucket, key, f"notitie {i} versie 2")
        if i % 2:
            s3.delete_object(Bucket=bucket, Key=key)
    for i in range(3):
        _put(s3, bucket, f"personeelszaken/p{i}.txt", f"personeel {i}")
    out_of_scope = {k: v for k, v in _listing(s3, bucket).items() if k.startswith("personeelszaken/")}

    policy = load_policy(get_settings().policy_path)
    source = S3Source(bucket)
    now = datetime.now(UTC)
    with session_scope() as s:
        # Delete markers are listed but never read or planned.
        register_classified(
            s,
            source,
            policy,
            lambda key: "salafisme" if key.startswith("dossiers/") else None,
            now,
            skip=lambda listed: listed.skip_reason == DELETE_MARKER_REASON,
        )
    with session_scope() as s:
        plan_destruction(s, policy, "s3-crash")
        record_decision(s, "s3-crash", approved=True, decided_by="fg", decided_at=now, allowed=["fg"])

    def attempt(kill_at: int) -> int:
        return subprocess.run(
            [sys.executable, str(WORKER), "s3-crash", str(kill_at)],
            capture_output=True,
            env=os.environ.copy(),
            timeout=180,
            check=False,
        ).returncode

    rng = random.Random(20240402)
    kills = 0
    # 1: journal says "deleting"; 2: version deleted (markers not yet removed, journal not updated);
    # 0: journal says "deleted". Twice each, at a random item each time.
    for step_kind in (2, 1, 0, 2, 1, 0):
        with session_scope() as s:
            left = s.query(DestructionEntry).filter(DestructionEntry.status != EntryStatus.DELETED).count()
        if left < 2:
            break
        index = rng.randint(0, min(2, left - 2))
        code = attempt(index * 3 + (step_kind or 3))
        assert code == -signal.SIGKILL, f"worker exited {code} instead of being killed"
        kills += 1
    assert kills == 6
    assert attempt(0) == 0

    listing = _listing(s3, bucket)
    assert not any(k.startswith("dossiers/") for k in listing)  # no version, no delete marker left
    assert {k: v for k, v in listing.items() if k.startswith("personeelszaken/")} == out_of_scope
    with session_scope() as s:
        entries = s.query(DestructionEntry).filter_by(run_id="s3-crash").all()
        assert len(entries) == 2 * objects and {e.status for e in entries} == {EntryStatus.DELETED}
        destroyed = Counter(e.subject for e in s.query(AuditEvent).filter_by(action="item_destroyed"))
        assert len(destroyed) == 2 * objects and set(destroyed.values()) == {1}
        assert verify_after(s, "s3-crash", policy=policy).success
        cert = build_certificate(s, "s3-crash", policy, performer="test")
        ids = [i["item_id"] for i in cert["items"]]
        assert len(ids) == len(set(ids)) == 2 * objects and cert["not_destroyed"] == []
        markers = sum("delete marker" in i["method"] for i in cert["items"])
        assert markers == objects // 2  # each deleted object's marker is recorded once
        assert verify_chain(s).ok


# -- PostgreSQL tables ----------------------------------------------------------------------------------


@pytest.fixture
def kept_table_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped policy, plus a kept Taskforce table whose rows are redacted instead of deleted."""
    from piigov.settings import Settings, get_settings

    raw = yaml.safe_load(Settings.from_env().policy_path.read_text())
    raw["dossiers"][1]["paths"].append("taskforce_archief/**")
    raw["redact_instead_of_delete"] = {"sources": ["*#taskforce_archief"], "paths": ["taskforce_archief/**"]}
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True))
    monkeypatch.setenv("PIIGOV_POLICY", str(path))
    get_settings.cache_clear()


def test_postgresql_rows(piigov_home: Path, kept_table_policy: None, postgres_url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        for table in ("taskforce", "taskforce_archief", "personen"):
            conn.execute(
                text(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, naam TEXT, bsn TEXT, notitie TEXT)")
            )
            conn.execute(
                text(
                    f"INSERT INTO {table} VALUES (1, 'mevrouw Fatima Bouzid', '111222333', :pd), (2, NULL, NULL, :no)"
                ),
                {"pd": KEPT.strip(), "no": NO_PD.strip()},
            )
    snapshot = "SELECT id, naam, bsn, notitie FROM {} ORDER BY id"
    with engine.connect() as conn:
        before = {
            t: conn.execute(text(snapshot.format(t))).all()
            for t in ("taskforce", "taskforce_archief", "personen")
        }
    uris = [f"{postgres_url}#{t}" for t in ("taskforce", "taskforce_archief", "personen")]
    plan, result, cert = _cycle(uris, "pg-run")
    assert plan["items"] == 2 and result == {
        "deleted": 1,
        "failed": 0,
        "redacted": 1,
        "this_attempt": {"deleted": 1, "redacted": 1},
    }
    with engine.connect() as conn:
        after = {t: conn.execute(text(snapshot.format(t))).all() for t in before}
    engine.dispose()
    assert after["taskforce"] == before["taskforce"][1:]  # row 1 deleted, row 2 untouched
    assert after["personen"] == before["personen"]  # personal data outside the dossier: untouched
    kept_row, kept_other = after["taskforce_archief"]
    assert kept_other == before["taskforce_archief"][1]
    assert kept_row[0] == 1 and kept_row[1] == "mevrouw <PERSON>" and kept_row[2] == "<NL_BSN>"
    assert kept_row[3] == KEPT.strip()
    assert {i["location"] for i in cert["items"]} == {"taskforce/1", "taskforce_archief/1"}
    assert {i["method_kind"] for i in cert["items"]} == {"deleted", "redacted"}
    with session_scope() as s:
        executed = s.query(AuditEvent).filter_by(action="destruction_executed").one()
        assert any(r.startswith("VACUUM") for r in executed.details["space_reclaimed"])
