"""`piigov`: spot checks and the cycle's steps without Airflow.

Output carries ids, counts and entity types only; `detect --reveal` is the one exception, for a person
doing a local spot check on their own screen.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


def _files(paths: Sequence[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def cmd_detect(args: argparse.Namespace) -> int:
    from piigov.detection import get_detector
    from piigov.extraction import UnreadableItem, extract_text

    detector = get_detector()
    status = 0
    for path in _files(args.paths):
        try:
            extracted = extract_text(path.name, path.read_bytes())
        except (UnreadableItem, OSError) as exc:
            reason = exc.reason if isinstance(exc, UnreadableItem) else f"read_error: {type(exc).__name__}"
            print(json.dumps({"path": str(path), "unreadable": reason}), file=sys.stderr)
            status = 1
            continue
        for det in detector.detect(extracted.text):
            row: dict[str, Any] = {
                "path": str(path),
                "entity_type": det.entity_type,
                "start": det.start,
                "end": det.end,
                "score": round(det.score, 3),
            }
            if args.reveal:
                row["text"] = extracted.text[det.start : det.end]
            if args.json:
                print(json.dumps(row, ensure_ascii=False))
            else:
                shown = f"  {row['text']!r}" if args.reveal else ""
                print(f"{path}\t{det.entity_type}\t{det.start}-{det.end}\t{row['score']}{shown}")
    return status


def cmd_scan(args: argparse.Namespace) -> int:
    from piigov import pipeline

    summary = pipeline.scan(args.source, full=args.full, batch_size=args.batch_size)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        for key, value in summary.items():
            print(f"{key}: {value}")
    return 0


def cmd_classify(args: argparse.Namespace) -> int:
    from piigov import pipeline

    counts = pipeline.classify(args.source)
    paths = pipeline.fg_report()
    print(json.dumps({"classified": counts, "report": paths}))
    return 0


def cmd_audit_verify(_args: argparse.Namespace) -> int:
    from piigov import pipeline

    report = pipeline.audit_verify()
    if report["ok"]:
        print(f"audit log intact: {report['events']} events, head {report['head_hash']}")
        return 0
    print(f"audit log BROKEN at event {report['first_broken_seq']}: {report['problem']}", file=sys.stderr)
    return 1


def cmd_destroy(args: argparse.Namespace) -> int:
    from piigov import pipeline

    if not args.dry_run:
        print(
            "destruction runs only through the piigov_destruction DAG (it needs the FG's approval); "
            "use --dry-run to see the list",
            file=sys.stderr,
        )
        return 2
    result = pipeline.destruction_dry_run(args.source or None)
    for row in result["items"]:
        print(json.dumps(row, ensure_ascii=False))
    print(json.dumps({"would_destroy": len(result["items"]), "excluded": result["excluded"]}))
    return 0


def cmd_hold(args: argparse.Namespace) -> int:
    from piigov.holds import lift_hold, place_hold
    from piigov.pipeline import _sessions

    with _sessions()() as session:
        if args.hold_command == "place":
            hold = place_hold(session, args.item_id, kind=args.kind, reason=args.reason, placed_by=args.by)
        else:
            hold = lift_hold(session, args.hold_id, reason=args.reason, lifted_by=args.by)
        print(json.dumps({"hold_id": hold.id, "item_id": hold.item_id, "active": hold.lifted_at is None}))
    return 0


def cmd_inquiry(args: argparse.Namespace) -> int:
    """Inquiry steps for screened staff; output is ids, counts and paths, except `report --decrypt-to`."""
    from piigov import pipeline

    command = args.inquiry_command
    if command == "intake":
        result = pipeline.inquiry_intake(args.postbus, actor=args.by)
    elif command == "enter":
        fields = {
            "name": args.name,
            "date_of_birth": args.date_of_birth,
            "place": args.place,
            "email": args.email,
            "phone": args.phone,
            "bsn": args.bsn,
        }
        result = pipeline.inquiry_form_entry(fields, entered_by=args.by)
    elif command == "search":
        result = pipeline.inquiry_search(args.inquiry_id, actor=args.by)
    elif command == "status":
        result = pipeline.inquiry_status(args.inquiry_id)
    elif command == "confirm":
        result = pipeline.inquiry_confirm(args.inquiry_id, args.item_ids, decided_by=args.by)
    elif command == "report":
        result = _inquiry_report(args)
    elif command == "late":
        result = pipeline.inquiry_late_decision(
            args.inquiry_id, accept=args.decision == "handle", decided_by=args.by
        )
    elif command == "explained":
        result = pipeline.inquiry_explained(args.inquiry_id, explained_by=args.by, channel=args.channel)
    elif command == "decide":
        result = pipeline.inquiry_objection(
            args.inquiry_id, objection=args.objection == "yes", decided_by=args.by, reason=args.reason
        )
    elif command == "extend":
        result = pipeline.inquiry_extend(
            args.inquiry_id, months=args.months, reason=args.reason, extended_by=args.by
        )
    else:  # deadlines
        alerts = pipeline.inquiry_deadlines(warn_days=args.warn_days)
        print(json.dumps({"alerts": alerts}))
        return 1 if alerts else 0
    print(json.dumps(result, ensure_ascii=False, default=str))
    return 0


def _inquiry_report(args: argparse.Namespace) -> dict:
    """Make the encrypted access report, or decrypt it to a 0600 file for a screened staff member."""
    import os

    from piigov import pipeline
    from piigov.inquiries.report import decrypt, report_key

    if not args.decrypt_to:
        return pipeline.inquiry_report(args.inquiry_id, actor=args.by)
    status = pipeline.inquiry_status(args.inquiry_id)
    path = pipeline.inquiry_reports_dir() / args.inquiry_id / "access-report.html.enc"
    if not path.exists():
        raise SystemExit(
            f"inquiry {status['inquiry_id']}: no access report yet (run `piigov inquiry report` first)"
        )
    html = decrypt(path.read_bytes(), report_key(pipeline.get_settings().home))
    fd = os.open(args.decrypt_to, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(html)
    from piigov.register import audit, session_scope

    with session_scope() as session:
        audit.record(session, "inquiry_report_opened", f"inquiry:{args.inquiry_id}", {}, actor=args.by)
    return {"inquiry_id": args.inquiry_id, "decrypted_to": args.decrypt_to}


def cmd_demo(args: argparse.Namespace) -> int:
    from piigov.demo import generate_demo

    manifest = generate_demo(Path(args.root), seed=args.seed)
    print(json.dumps({"share_root": manifest.share_root, "files": len(manifest.files)}))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="piigov", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("detect", help="detect personal data in files (spot check)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    p.add_argument(
        "--reveal", action="store_true", help="also print the detected text (local spot checks only)"
    )
    p.set_defaults(func=cmd_detect)

    p = sub.add_parser("scan", help="scan a source into the register")
    p.add_argument(
        "source",
        help="a folder, s3://bucket/prefix, smb://user@host:port/share/path, mail+file:///export "
        "or a SQLAlchemy URL with #table",
    )
    p.add_argument("--json", action="store_true", help="print the summary as one JSON line")
    p.add_argument("--full", action="store_true", help="read every item again, also unchanged ones")
    p.add_argument("--batch-size", type=int, default=50)
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("classify", help="classify the register under the policy and write the FG report")
    p.add_argument("--source", default=None)
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("audit", help="audit log")
    audit_sub = p.add_subparsers(dest="audit_command", required=True)
    v = audit_sub.add_parser("verify", help="check the hash chain; exit 1 naming the first broken event")
    v.set_defaults(func=cmd_audit_verify)

    p = sub.add_parser("destroy", help="list what a destruction run would destroy")
    p.add_argument("--dry-run", action="store_true")
    p.add_argument("--source", action="append")
    p.set_defaults(func=cmd_destroy)

    p = sub.add_parser("hold", help="place or lift a legal hold")
    hold_sub = p.add_subparsers(dest="hold_command", required=True)
    hp = hold_sub.add_parser("place")
    hp.add_argument("item_id", type=int)
    hp.add_argument("--reason", required=True)
    hp.add_argument("--kind", default="legal", choices=["legal", "inquiry"])
    hp.add_argument("--by", required=True, help="who places the hold")
    hp.set_defaults(func=cmd_hold)
    hl = hold_sub.add_parser("lift")
    hl.add_argument("hold_id", type=int)
    hl.add_argument("--reason", required=True)
    hl.add_argument("--by", required=True)
    hl.set_defaults(func=cmd_hold)

    p = sub.add_parser("inquiry", help="inquiries: intake, subject search, access report, human steps")
    p.add_argument("--by", default=os.environ.get("USER", "piigov"), help="who performs the step")
    inq = p.add_subparsers(dest="inquiry_command", required=True)
    q = inq.add_parser("intake", help="scan the postbus and register new requests")
    q.add_argument("--postbus", default=None, help="postbus URI (default PIIGOV_POSTBUS)")
    q = inq.add_parser("enter", help="enter a request received by letter or phone")
    q.add_argument("--name", required=True)
    for option in ("--date-of-birth", "--place", "--email", "--phone", "--bsn"):
        q.add_argument(option, default=None)
    for name in ("search", "status"):
        q = inq.add_parser(name)
        q.add_argument("inquiry_id")
    q = inq.add_parser("confirm", help="the weak matches that are the requester's; the rest are released")
    q.add_argument("inquiry_id")
    q.add_argument("item_ids", type=int, nargs="*")
    q = inq.add_parser("report", help="make the encrypted access report (or --decrypt-to a file)")
    q.add_argument("inquiry_id")
    q.add_argument("--decrypt-to", default=None, help="write the readable report here (mode 0600)")
    q = inq.add_parser("late", help="handle or decline a request received after the deadline")
    q.add_argument("inquiry_id")
    q.add_argument("decision", choices=["handle", "decline"])
    q = inq.add_parser("explained", help="record that the explanation was given")
    q.add_argument("inquiry_id")
    q.add_argument("--channel", default="brief", choices=["brief", "e-mail", "telefoon", "gesprek"])
    q = inq.add_parser("decide", help="record whether the person objected")
    q.add_argument("inquiry_id")
    q.add_argument("--objection", required=True, choices=["yes", "no"])
    q.add_argument("--reason", default=None)
    q = inq.add_parser("extend", help="extend the answer deadline (art. 12(3), at most 2 months)")
    q.add_argument("inquiry_id")
    q.add_argument("--months", type=int, required=True)
    q.add_argument("--reason", required=True)
    q = inq.add_parser("deadlines", help="list inquiries due soon or overdue; exit 1 when there are any")
    q.add_argument("--warn-days", type=int, default=None)
    p.set_defaults(func=cmd_inquiry)

    p = sub.add_parser("demo", help="generate the demo share and Taskforce database")
    p.add_argument("root")
    p.add_argument("--seed", type=int, default=2023)
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from piigov.holds import HoldError
    from piigov.inquiries.report import ReportKeyError
    from piigov.inquiries.service import InquiryError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (InquiryError, HoldError, ReportKeyError) as exc:  # messages hold ids, never values
        print(f"piigov: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
