"""Delete or redact per item, as the policy says; a person for what cannot be redacted; all on the certificate."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest

from piigov import pipeline
from piigov.classification import Label
from piigov.destruction import destroy, plan_destruction, record_decision, verify_after
from piigov.destruction.certificate import build_certificate, write_certificate
from piigov.hashing import content_hash
from piigov.register import AuditEvent, DestructionEntry, EntryStatus, Item, ItemState, session_scope
from piigov.register.audit import verify as verify_chain
from piigov.sources import LocalFolderSource

KEPT = "Het besluit over de subsidie blijft ongewijzigd."
PD = "Aanwezig: mevrouw Fatima Bouzid (BSN 111222333, tel. 06-12345678)."
ARCHIVE = "dossiers/salafisme/archiefbescheiden"
FILES = {
    "dossiers/salafisme/notitie.txt": (f"{PD}\n", Label.UNLAWFULLY_HELD),
    f"{ARCHIVE}/verslag.txt": (f"{PD}\n{KEPT}\n", Label.UNLAWFULLY_HELD),
    f"{ARCHIVE}/scan.pdf": ("%PDF-1.4\n% mevrouw Fatima Bouzid\n%%EOF\n", Label.UNLAWFULLY_HELD),
    "personeelszaken/p.txt": (f"{PD}\n", Label.OUT_OF_SCOPE),
}


@pytest.fixture
def planted(piigov_home, tmp_path: Path, policy) -> Path:  # type: ignore[no-untyped-def]
    share = tmp_path / "share"
    for key, (body, _label) in FILES.items():
        (share / key).parent.mkdir(parents=True, exist_ok=True)
        (share / key).write_text(body)
    source = LocalFolderSource(share)
    now = datetime.now(UTC)
    with session_scope() as s:
        for key, (_body, label) in FILES.items():
            data = source.read(key)
            s.add(
                Item(
                    source=source.uri,
                    key=key,
                    display_location=key,
                    fingerprint=source.stat(key).fingerprint,
                    size=len(data),
                    state=ItemState.SCANNED,
                    content_hash=content_hash(data),
                    first_seen_at=now,
                    classification=label,
                    categories=["PERSON", "NL_BSN"],
                    dossier="salafisme" if label == Label.UNLAWFULLY_HELD else None,
                    policy_version=policy.version,
                    classified_at=now,
                    classified_content_hash=content_hash(data),
                )
            )
    return share


def _approve(run_id: str, policy) -> None:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        plan_destruction(s, policy, run_id)
        record_decision(
            s, run_id, approved=True, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
        )


def test_the_dry_run_list_says_the_method_of_every_item(planted: Path) -> None:
    rows = {row["location"]: row["method"] for row in pipeline.destruction_dry_run()["items"]}
    assert rows == {
        "dossiers/salafisme/notitie.txt": "delete",
        f"{ARCHIVE}/verslag.txt": "redact",
        f"{ARCHIVE}/scan.pdf": "person",
    }


def test_delete_redact_and_a_person_in_one_run(planted: Path, policy) -> None:  # type: ignore[no-untyped-def]
    share = planted
    untouched = {k: (share / k).read_bytes() for k in (f"{ARCHIVE}/scan.pdf", "personeelszaken/p.txt")}
    _approve("run-m", policy)
    result = destroy(partial(session_scope, None), "run-m", policy=policy)
    assert result == {
        "deleted": 1,
        "failed": 0,
        "redacted": 1,
        "needs_person": 1,
        "this_attempt": {"deleted": 1, "redacted": 1, "needs_person": 1},
    }
    assert not (share / "dossiers/salafisme/notitie.txt").exists()
    redacted = (share / ARCHIVE / "verslag.txt").read_text()
    assert "Bouzid" not in redacted and "111222333" not in redacted and KEPT in redacted
    assert {k: (share / k).read_bytes() for k in untouched} == untouched

    with session_scope() as s:
        summary = verify_after(s, "run-m", policy=policy)
        assert summary.success
        conditions = {e["column"]: e["row_condition"] for e in summary.expectations if e["column"]}
        assert conditions["findings_left"] == "method == redact"
        cert = build_certificate(s, "run-m", policy, performer="test")
        methods = {e.item.key: e.method for e in s.query(DestructionEntry)}
        assert methods["dossiers/salafisme/notitie.txt"].startswith("deleted: unlink")
        assert methods[f"{ARCHIVE}/verslag.txt"].startswith("redacted: Presidio anonymizer replace")
        assert verify_chain(s).ok
    by_location = {i["location"]: i for i in cert["items"]}
    assert set(by_location) == {"dossiers/salafisme/notitie.txt", f"{ARCHIVE}/verslag.txt"}
    assert by_location["dossiers/salafisme/notitie.txt"]["verification"] == {
        "method": "looked up in every listing of the source",
        "absent_from_every_version_listing": True,
    }
    assert by_location[f"{ARCHIVE}/verslag.txt"]["method_kind"] == "redacted"
    assert by_location[f"{ARCHIVE}/verslag.txt"]["verification"]["in_scope_findings_left"] == 0
    assert [i["location"] for i in cert["needs_person"]] == [f"{ARCHIVE}/scan.pdf"]
    assert "PDF" in cert["needs_person"][0]["reason"] and cert["not_destroyed"] == []
    assert cert["totals"] | {"bytes": 0} == {
        "items": 2,
        "deleted": 1,
        "redacted": 1,
        "needs_person": 1,
        "bytes": 0,
    }
    # A second attempt has nothing left to do: the item for a person is not tried again.
    assert destroy(partial(session_scope, None), "run-m", policy=policy)["this_attempt"] == {}


def test_the_certificate_files_hold_no_personal_data(planted: Path, policy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _approve("run-c", policy)
    destroy(partial(session_scope, None), "run-c", policy=policy)
    out = tmp_path / "reports"
    with session_scope() as s:
        verify_after(s, "run-c", policy=policy)
        json_path, html_path = write_certificate(s, "run-c", policy, out, performer="test")
        issued = s.query(AuditEvent).filter_by(action="certificate_issued").one()
        assert issued.details["pdf_sha256"].startswith("sha256:")
    pdf_path = json_path.with_suffix(".pdf")
    assert pdf_path.read_bytes().startswith(b"%PDF")
    cert = json.loads(json_path.read_text())
    assert cert["totals"]["redacted"] == 1
    html = html_path.read_text()
    assert "geanonimiseerd" in html and "Voor een mens" in html
    for path in (json_path, html_path, pdf_path):
        body = path.read_bytes()
        for value in (b"Bouzid", b"111222333", b"06-12345678"):
            assert value not in body, f"{value!r} in {path.name}"


def test_a_redaction_that_finished_before_a_crash_is_journalled_not_repeated(planted: Path, policy) -> None:  # type: ignore[no-untyped-def]
    share = planted
    _approve("run-r", policy)
    with session_scope() as s:
        entry = (
            s.query(DestructionEntry)
            .join(DestructionEntry.item)
            .filter_by(key=f"{ARCHIVE}/verslag.txt")
            .one()
        )
        entry.status = EntryStatus.DELETING  # the journal said "deleting" ...
    (share / ARCHIVE / "verslag.txt").write_text(
        f"Aanwezig: mevrouw <PERSON>.\n{KEPT}\n"
    )  # ... and it was written
    result = destroy(partial(session_scope, None), "run-r", policy=policy)
    assert result["this_attempt"]["redacted_before_crash"] == 1
    with session_scope() as s:
        assert verify_after(s, "run-r", policy=policy).success
        events = [e.subject for e in s.query(AuditEvent).filter_by(action="item_destroyed")]
        assert len(events) == len(set(events)) == 2


def test_an_unredacted_record_fails_the_after_checkpoint(planted: Path, policy) -> None:  # type: ignore[no-untyped-def]
    from piigov.destruction import VerificationFailed

    share = planted
    _approve("run-v", policy)
    destroy(partial(session_scope, None), "run-v", policy=policy)
    (share / ARCHIVE / "verslag.txt").write_text(f"{PD}\n{KEPT}\n")  # personal data put back afterwards
    with session_scope() as s, pytest.raises(VerificationFailed, match="findings_left"):
        verify_after(s, "run-v", policy=policy)
