"""Kill the destroying process with SIGKILL at random points, for real, and run again until done.

Afterwards: nothing outside the approved list was touched, every approved item was destroyed exactly
once, each appears once on the certificate, and the audit chain holds.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from classified_items import register_classified
from piigov.destruction import plan_destruction, record_decision, verify_after
from piigov.destruction.certificate import build_certificate
from piigov.register import AuditEvent, DestructionEntry, EntryStatus, session_scope
from piigov.register.audit import verify as verify_chain
from piigov.sources import LocalFolderSource

WORKER = Path(__file__).with_name("crash_worker.py")
IN_SCOPE, OUT_OF_SCOPE = 24, 6
STEPS_PER_ITEM = 3  # journalled_deleting, deleted_from_source, journalled_deleted


def _salafisme_dossier(key: str) -> str | None:
    return "salafisme" if key.startswith("dossiers/") else None


def _setup(share: Path, policy) -> None:  # type: ignore[no-untyped-def]
    for i in range(IN_SCOPE):
        (share / "dossiers" / "salafisme").mkdir(parents=True, exist_ok=True)
        (share / "dossiers" / "salafisme" / f"n{i:02}.txt").write_text(f"notitie {i}")
    for i in range(OUT_OF_SCOPE):
        (share / "personeelszaken").mkdir(parents=True, exist_ok=True)
        (share / "personeelszaken" / f"p{i}.txt").write_text(f"personeel {i}")
    source = LocalFolderSource(share)
    now = datetime.now(UTC)
    with session_scope() as s:
        register_classified(s, source, policy, _salafisme_dossier, now)
    with session_scope() as s:
        plan_destruction(s, policy, "crash-run")
        record_decision(s, "crash-run", approved=True, decided_by="fg", decided_at=now, allowed=["fg"])


def _attempt(kill_at: int) -> int:
    proc = subprocess.run(
        [sys.executable, str(WORKER), "crash-run", str(kill_at)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    return proc.returncode


def test_sigkill_at_random_points_then_resume(piigov_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from piigov.classification import load_policy
    from piigov.settings import get_settings

    policy = load_policy(get_settings().policy_path)
    share = tmp_path / "share"
    _setup(share, policy)
    rng = random.Random(20240401)
    kills = 0
    # Die right after each kind of durable step twice: journal says "deleting" (file still there), file
    # deleted (journal not yet updated), journal says "deleted" — at a random item each time.
    for step_kind in (1, 2, 0, 2, 1, 0):
        with session_scope() as s:
            left = s.query(DestructionEntry).filter(DestructionEntry.status != EntryStatus.DELETED).count()
        if left < 2:
            break
        item_index = rng.randint(0, left - 2)
        code = _attempt(item_index * STEPS_PER_ITEM + (step_kind or STEPS_PER_ITEM))
        assert code == -signal.SIGKILL, f"worker exited {code} instead of being killed"
        kills += 1
    assert kills == 6
    assert _attempt(0) == 0  # the final, uninterrupted run completes the list

    remaining = sorted(p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file())
    assert remaining == [f"personeelszaken/p{i}.txt" for i in range(OUT_OF_SCOPE)]
    with session_scope() as s:
        entries = s.query(DestructionEntry).filter_by(run_id="crash-run").all()
        assert len(entries) == IN_SCOPE and {e.status for e in entries} == {EntryStatus.DELETED}
        destroyed_events = Counter(e.subject for e in s.query(AuditEvent).filter_by(action="item_destroyed"))
        assert len(destroyed_events) == IN_SCOPE and set(destroyed_events.values()) == {1}
        assert verify_after(s, "crash-run").success
        cert = build_certificate(s, "crash-run", policy, performer="test")
        ids = [i["item_id"] for i in cert["items"]]
        assert len(ids) == len(set(ids)) == IN_SCOPE and cert["not_destroyed"] == []
        assert verify_chain(s).ok
    assert json.loads(json.dumps(cert))["totals"]["items"] == IN_SCOPE  # plain JSON, as written to disk
