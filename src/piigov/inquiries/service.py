"""The life of an inquiry: registration, subject search, holds, explanation, objection, deadlines.

Everything here works on ids and keyed hashes; the only raw values an inquiry ever touches are read from
the request e-mail at intake and from the sources when the access report is made
(:mod:`piigov.inquiries.report`). Audit events carry ids, counts and kinds.

Match strength (decision record 0006):

* **strong** -- a BSN, e-mail address or phone number of the requester; or a name (full, initial +
  surname, or surname) together with their date of birth; or a full or initial + surname name together
  with their place of residence;
* **weak** -- any name form alone, a surname with a place, or a given name and a surname found
  separately in one record. A person confirms or rejects weak matches; they are held meanwhile.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from piigov.holds import lift_hold, place_hold
from piigov.register import audit
from piigov.register.models import (
    Finding,
    Hold,
    Inquiry,
    InquiryMatch,
    InquiryStatus,
    Item,
    ItemState,
    MatchStatus,
    SubjectKey,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy
    from piigov.inquiries.intake import RequestDetails

log = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).resolve().parent.parent / "conf" / "inquiry.yaml"
IDENTIFIER_BASIS = ("bsn", "email", "phone")
NAME_BASIS = {"full": "full_name", "initial": "initial_surname", "surname": "surname"}


class InquiryError(Exception):
    """An inquiry step is not possible in the inquiry's state; the message has ids, never values."""


@cache
def inquiry_config(path: Path = CONFIG_PATH) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def answer_due(received_at: datetime, months: int | None = None) -> datetime:
    """GDPR art. 12(3): one month after receipt."""
    return received_at + relativedelta(months=months or int(inquiry_config()["answer_months"]))


def _get(session: Session, inquiry_id: str) -> Inquiry:
    inquiry = session.get(Inquiry, inquiry_id)
    if inquiry is None:
        raise InquiryError(f"no inquiry {inquiry_id}")
    return inquiry


def get_inquiry(session: Session, inquiry_id: str) -> Inquiry:
    return _get(session, inquiry_id)


# --- registration ---------------------------------------------------------------------------------------


def _next_id(session: Session, year: int) -> str:
    prefix = f"INQ-{year}-"
    count = session.execute(select(func.count()).where(Inquiry.id.like(prefix + "%"))).scalar_one()
    return f"{prefix}{count + 1:04d}"


def register_inquiry(
    session: Session,
    policy: Policy,
    *,
    channel: str,
    identifiers: dict[str, list[str]],
    received_at: datetime,
    request_item_id: int | None,
    actor: str = "piigov",
) -> Inquiry:
    """Register a request; one received after the inquiry deadline is marked late for a person to decide."""
    if request_item_id is not None:
        existing = session.execute(
            select(Inquiry).where(Inquiry.request_item_id == request_item_id)
        ).scalar_one_or_none()
        if existing is not None:
            return existing
    if not identifiers.get("name") and not any(identifiers.get(k) for k in IDENTIFIER_BASIS):
        raise InquiryError(f"request item {request_item_id}: no name, BSN, e-mail or phone to search for")
    late = received_at.date() > policy.inquiry_deadline
    for _attempt in range(10):
        inquiry = Inquiry(
            id=_next_id(session, received_at.year),
            channel=channel,
            received_at=received_at,
            request_item_id=request_item_id,
            late=late,
            status=InquiryStatus.LATE_REVIEW if late else InquiryStatus.OPEN,
            identifiers=identifiers,
            answer_due=answer_due(received_at),
        )
        try:
            with session.begin_nested():
                session.add(inquiry)
            break
        except IntegrityError:
            session.expire_all()
    else:  # pragma: no cover - ten concurrent intakes of the same year
        raise InquiryError("could not allocate an inquiry id")
    kinds = sorted(identifiers)
    audit.record(
        session,
        "inquiry_registered",
        f"inquiry:{inquiry.id}",
        {"channel": channel, "late": late, "identifier_kinds": kinds, "request_item_id": request_item_id},
        actor=actor,
    )
    if request_item_id is not None:
        _hold_request(session, inquiry, actor)
    log.info("inquiry %s registered (channel %s, late %s)", inquiry.id, channel, late)
    return inquiry


def request_parts(session: Session, inquiry: Inquiry) -> list[Item]:
    """The request e-mail and its attachments (one stored message; held and destroyed together)."""
    from piigov.classification.classify import ATTACHMENT_MARK

    if inquiry.request_item_id is None:
        return []
    request = session.get(Item, inquiry.request_item_id)
    assert request is not None
    parts = [request]
    if request.source.startswith("mail+"):
        parts += session.execute(
            select(Item).where(
                Item.source == request.source, Item.key.like(request.key + ATTACHMENT_MARK + "%")
            )
        ).scalars()
    return parts


def _active_inquiry_hold(session: Session, inquiry_id: str, item_id: int) -> Hold | None:
    return session.execute(
        select(Hold).where(Hold.inquiry_id == inquiry_id, Hold.item_id == item_id, Hold.lifted_at.is_(None))
    ).scalar_one_or_none()


def _hold(session: Session, inquiry: Inquiry, item_id: int, actor: str) -> Hold:
    hold = _active_inquiry_hold(session, inquiry.id, item_id)
    if hold is None:
        hold = place_hold(
            session,
            item_id,
            kind="inquiry",
            reason=f"open inquiry {inquiry.id}",
            placed_by=actor,
            inquiry_id=inquiry.id,
        )
    return hold


def _hold_request(session: Session, inquiry: Inquiry, actor: str) -> None:
    for part in request_parts(session, inquiry):
        _hold(session, inquiry, part.id, actor)


# --- subject search -------------------------------------------------------------------------------------


@dataclass
class ItemEvidence:
    item_id: int
    basis: set[str] = field(default_factory=set)

    def strength(self) -> str | None:
        basis = self.basis
        named = basis & {"full_name", "initial_surname", "surname"}
        if basis & set(IDENTIFIER_BASIS):
            return "strong"
        if named and "date_of_birth" in basis:
            return "strong"
        if basis & {"full_name", "initial_surname"} and "place" in basis:
            return "strong"
        if named or {"given_name", "surname_field"} <= basis:
            return "weak"
        return None  # a date of birth or a place alone identifies no one


def _name_kinds(identifiers: dict[str, list[str]]) -> dict[str, str]:
    """key hash -> name key kind (full, initial, surname, given)."""
    out = {}
    for entry in identifiers.get("name", []):
        kind, _, key_hash = entry.partition(":")
        out[key_hash] = kind
    return out


def find_evidence(
    session: Session, identifiers: dict[str, list[str]], exclude_sources: Iterable[str] = ()
) -> dict[int, ItemEvidence]:
    """Per register item, which of the requester's identifiers it holds (kinds only)."""
    evidence: dict[int, ItemEvidence] = {}
    kinds = _name_kinds(identifiers)
    key_hashes = list(kinds) + identifiers.get("date_of_birth", [])
    if key_hashes:
        rows = session.execute(
            select(SubjectKey.item_id, SubjectKey.kind, SubjectKey.key_hash).where(
                SubjectKey.key_hash.in_(key_hashes)
            )
        )
        for item_id, kind, key_hash in rows:
            basis = evidence.setdefault(item_id, ItemEvidence(item_id)).basis
            if kind == "date":
                basis.add("date_of_birth")
            elif kind == "given":
                basis.add("given_name")
            elif kinds.get(key_hash) == "surname":
                basis.add("surname")
                basis.add("surname_field")
            else:
                basis.add(NAME_BASIS.get(kinds.get(key_hash, ""), "surname"))
    value_hashes = {h: kind for kind in ("bsn", "email", "phone", "place") for h in identifiers.get(kind, [])}
    if value_hashes:
        rows = session.execute(
            select(Finding.item_id, Finding.value_hash).where(Finding.value_hash.in_(list(value_hashes)))
        )
        for item_id, value_hash in rows:
            evidence.setdefault(item_id, ItemEvidence(item_id)).basis.add(value_hashes[value_hash])
    excluded = set(exclude_sources)
    if evidence:
        live = session.execute(
            select(Item.id, Item.source).where(
                Item.id.in_(list(evidence)), Item.destroyed_at.is_(None), Item.state != ItemState.REMOVED
            )
        ).all()
        keep = {item_id for item_id, source in live if source not in excluded}
        evidence = {k: v for k, v in evidence.items() if k in keep}
    return evidence


@dataclass(frozen=True)
class SearchSummary:
    inquiry_id: str
    strong: int
    weak: int
    sources: int
    held_items: int
    weak_matches: list[dict[str, Any]]  # item id, masked location, basis: for the confirmation form

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def search_and_hold(
    session: Session, inquiry_id: str, *, exclude_sources: Iterable[str] = (), actor: str = "piigov"
) -> SearchSummary:
    """Find every item that concerns the requester and hold it; weak matches await a person."""
    inquiry = _get(session, inquiry_id)
    if inquiry.status in InquiryStatus.CLOSED:
        raise InquiryError(f"inquiry {inquiry_id} is closed ({inquiry.status})")
    parts = request_parts(session, inquiry)
    request_ids = {p.id for p in parts}
    # The postbus holds requests, not the processing asked about: never search it.
    excluded = set(exclude_sources) | {p.source for p in parts}
    evidence = find_evidence(session, inquiry.identifiers, excluded)
    existing = {m.item_id: m for m in inquiry.matches}
    for item_id, found in sorted(evidence.items()):
        strength = found.strength()
        if strength is None or item_id in request_ids:
            continue
        basis = sorted(found.basis - {"surname_field"})
        match = existing.get(item_id)
        if match is None:
            match = InquiryMatch(
                inquiry_id=inquiry.id,
                item_id=item_id,
                strength=strength,
                basis=basis,
                status=MatchStatus.CONFIRMED if strength == "strong" else MatchStatus.CANDIDATE,
            )
            inquiry.matches.append(match)
        elif match.status != MatchStatus.REJECTED:
            if strength == "strong" and match.status == MatchStatus.CANDIDATE:
                match.status = MatchStatus.CONFIRMED
            match.strength, match.basis = strength, basis
        if match.status != MatchStatus.REJECTED:
            match.hold_id = _hold(session, inquiry, item_id, actor).id
    inquiry.searched_at = datetime.now(UTC)
    session.flush()
    summary = summarise_matches(session, inquiry)
    audit.record(
        session,
        "inquiry_searched",
        f"inquiry:{inquiry.id}",
        {"strong": summary.strong, "weak": summary.weak, "sources": summary.sources},
        actor=actor,
    )
    return summary


def summarise_matches(session: Session, inquiry: Inquiry) -> SearchSummary:
    live = [m for m in inquiry.matches if m.status != MatchStatus.REJECTED]
    return SearchSummary(
        inquiry_id=inquiry.id,
        strong=sum(m.strength == "strong" for m in live),
        weak=sum(m.strength == "weak" for m in live),
        sources=len({m.item.source for m in live}),
        held_items=len(live) + len(request_parts(session, inquiry)),
        weak_matches=[
            {"item_id": m.item_id, "location": m.item.display_location, "basis": m.basis}
            for m in live
            if m.status == MatchStatus.CANDIDATE
        ],
    )


def confirm_matches(
    session: Session, inquiry_id: str, confirmed_item_ids: Iterable[int], *, decided_by: str
) -> dict[str, int]:
    """A person decides the weak matches: listed ones are the requester's, the others are released."""
    inquiry = _get(session, inquiry_id)
    confirmed = {int(i) for i in confirmed_item_ids}
    candidates = {m.item_id: m for m in inquiry.matches if m.status == MatchStatus.CANDIDATE}
    unknown = confirmed - candidates.keys()
    if unknown:
        raise InquiryError(
            f"inquiry {inquiry_id}: items {sorted(unknown)} are not weak matches awaiting a decision"
        )
    now = datetime.now(UTC)
    for item_id, match in candidates.items():
        match.status = MatchStatus.CONFIRMED if item_id in confirmed else MatchStatus.REJECTED
        match.decided_by, match.decided_at = decided_by, now
        if match.status == MatchStatus.REJECTED:
            hold = _active_inquiry_hold(session, inquiry.id, item_id)
            if hold is not None:
                lift_hold(session, hold.id, reason=f"not the requester of {inquiry.id}", lifted_by=decided_by)
    counts = {"confirmed": len(confirmed), "rejected": len(candidates) - len(confirmed)}
    audit.record(session, "inquiry_matches_decided", f"inquiry:{inquiry.id}", counts, actor=decided_by)
    return counts


# --- the human steps ---------------------------------------------------------------------------------------


def decide_late(session: Session, inquiry_id: str, *, accept: bool, decided_by: str) -> Inquiry:
    """A person decides whether a request received after the inquiry deadline is handled."""
    inquiry = _get(session, inquiry_id)
    if inquiry.status != InquiryStatus.LATE_REVIEW:
        raise InquiryError(f"inquiry {inquiry_id} is not awaiting a late-request decision")
    now = datetime.now(UTC)
    if accept:
        inquiry.status = InquiryStatus.OPEN
    else:
        inquiry.status = InquiryStatus.DECLINED
        inquiry.closed_at = now
        _release_holds(session, inquiry, decided_by, f"late request {inquiry.id} declined")
    inquiry.decided_by, inquiry.decided_at = decided_by, now
    audit.record(
        session, "inquiry_late_decided", f"inquiry:{inquiry.id}", {"accepted": accept}, actor=decided_by
    )
    return inquiry


def record_explanation(
    session: Session, inquiry_id: str, *, explained_by: str, explained_at: datetime, channel: str
) -> Inquiry:
    """The requester got the explanation (who gave it, when, how). Weak matches must be decided first."""
    inquiry = _get(session, inquiry_id)
    if inquiry.status != InquiryStatus.OPEN:
        raise InquiryError(f"inquiry {inquiry_id} cannot be explained in state {inquiry.status}")
    if any(m.status == MatchStatus.CANDIDATE for m in inquiry.matches):
        raise InquiryError(f"inquiry {inquiry_id}: weak matches are not decided yet")
    inquiry.status = InquiryStatus.EXPLAINED
    inquiry.explained_by, inquiry.explained_at, inquiry.explanation_channel = (
        explained_by,
        explained_at,
        channel,
    )
    audit.record(
        session,
        "inquiry_explained",
        f"inquiry:{inquiry.id}",
        {
            "channel": channel,
            "explained_at": explained_at.isoformat(),
            "on_time": _aware(explained_at) <= _aware(deadline(inquiry)),
        },
        actor=explained_by,
    )
    return inquiry


def record_objection_decision(
    session: Session,
    inquiry_id: str,
    *,
    objection: bool,
    decided_by: str,
    decided_at: datetime | None = None,
    reason: str | None = None,
) -> Inquiry:
    """No objection: the person's items and the request join destruction. Objection: the holds stay."""
    inquiry = _get(session, inquiry_id)
    if inquiry.status != InquiryStatus.EXPLAINED:
        raise InquiryError(f"inquiry {inquiry_id} has no explanation recorded (state {inquiry.status})")
    if objection and not (reason or "").strip():
        raise InquiryError(f"inquiry {inquiry_id}: an objection needs a reason")
    now = decided_at or datetime.now(UTC)
    inquiry.decided_by, inquiry.decided_at, inquiry.closed_at = decided_by, now, now
    if objection:
        inquiry.status = InquiryStatus.OBJECTION
        inquiry.objection_reason = reason
    else:
        inquiry.status = InquiryStatus.NO_OBJECTION
        _release_holds(session, inquiry, decided_by, f"no objection in inquiry {inquiry.id}")
    audit.record(
        session,
        "inquiry_closed",
        f"inquiry:{inquiry.id}",
        {"outcome": inquiry.status, "confirmed_items": len(confirmed_item_ids(inquiry))},
        actor=decided_by,
    )
    return inquiry


def _release_holds(session: Session, inquiry: Inquiry, actor: str, reason: str) -> None:
    for hold in session.execute(
        select(Hold).where(Hold.inquiry_id == inquiry.id, Hold.lifted_at.is_(None))
    ).scalars():
        lift_hold(session, hold.id, reason=reason, lifted_by=actor)


def confirmed_item_ids(inquiry: Inquiry) -> list[int]:
    return [m.item_id for m in inquiry.matches if m.status == MatchStatus.CONFIRMED]


# --- destruction and checks ----------------------------------------------------------------------------------


def released_request_items(session: Session) -> dict[int, str]:
    """Request e-mails (and attachments) of closed inquiries without objection: they join destruction."""
    released: dict[int, str] = {}
    closed = session.execute(
        select(Inquiry).where(Inquiry.status.in_([InquiryStatus.NO_OBJECTION, InquiryStatus.DECLINED]))
    ).scalars()
    for inquiry in closed:
        for part in request_parts(session, inquiry):
            if part.destroyed_at is None:
                released[part.id] = f"request of inquiry {inquiry.id} ({inquiry.status})"
    return released


def items_under_open_inquiry(session: Session, item_ids: Iterable[int]) -> set[int]:
    """Items matched by, or the request of, an inquiry that is not closed."""
    ids = list(item_ids)
    if not ids:
        return set()
    open_statuses = [InquiryStatus.OPEN, InquiryStatus.LATE_REVIEW, InquiryStatus.EXPLAINED]
    matched = session.execute(
        select(InquiryMatch.item_id)
        .join(Inquiry)
        .where(
            InquiryMatch.item_id.in_(ids),
            InquiryMatch.status != MatchStatus.REJECTED,
            Inquiry.status.in_(open_statuses),
        )
    ).scalars()
    requested = session.execute(
        select(Hold.item_id)
        .join(Inquiry, Hold.inquiry_id == Inquiry.id)
        .where(Hold.item_id.in_(ids), Inquiry.status.in_(open_statuses))
    ).scalars()
    return set(matched) | set(requested)


# --- deadlines -------------------------------------------------------------------------------------------------


def deadline(inquiry: Inquiry) -> datetime:
    return inquiry.extended_until or inquiry.answer_due


def extend_deadline(
    session: Session, inquiry_id: str, *, months: int, reason: str, extended_by: str
) -> Inquiry:
    """Art. 12(3): extend by at most two further months, with a reason, before the deadline passes."""
    inquiry = _get(session, inquiry_id)
    limit = int(inquiry_config()["max_extension_months"])
    if not 1 <= months <= limit:
        raise InquiryError(f"an extension is 1 to {limit} months")
    if inquiry.extended_until is not None:
        raise InquiryError(f"inquiry {inquiry_id} was already extended")
    if not reason.strip():
        raise InquiryError("an extension needs a reason")
    inquiry.extended_until = inquiry.answer_due + relativedelta(months=months)
    inquiry.extension_reason = reason[:256]
    audit.record(
        session,
        "inquiry_deadline_extended",
        f"inquiry:{inquiry.id}",
        {"months": months, "until": inquiry.extended_until.isoformat()},
        actor=extended_by,
    )
    return inquiry


@dataclass(frozen=True)
class DeadlineAlert:
    inquiry_id: str
    due: str
    days_left: int
    overdue: bool


def deadline_alerts(
    session: Session, now: datetime | None = None, warn_days: int | None = None
) -> list[DeadlineAlert]:
    """Unanswered inquiries whose deadline passes within `warn_days`, or has passed."""
    now = now or datetime.now(UTC)
    warn = timedelta(days=warn_days if warn_days is not None else int(inquiry_config()["warn_days"]))
    alerts = []
    waiting = session.execute(
        select(Inquiry)
        .where(Inquiry.status.in_([InquiryStatus.OPEN, InquiryStatus.LATE_REVIEW]))
        .order_by(Inquiry.id)
    ).scalars()
    for inquiry in waiting:
        due = _aware(deadline(inquiry))
        if due - now <= warn:
            alerts.append(
                DeadlineAlert(inquiry.id, due.date().isoformat(), (due.date() - now.date()).days, due < now)
            )
    return alerts


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every stored moment is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def register_request_item(
    session: Session,
    policy: Policy,
    item: Item,
    details: RequestDetails,
    hmac_key: bytes,
    *,
    channel: str,
    actor: str = "piigov",
    fallback_received_at: datetime | None = None,
) -> Inquiry:
    from piigov.inquiries.intake import identifier_hashes

    received = details.received_at or fallback_received_at or item.first_seen_at
    return register_inquiry(
        session,
        policy,
        channel=channel,
        identifiers=identifier_hashes(details, hmac_key),
        received_at=_aware(received),
        request_item_id=item.id,
        actor=actor,
    )


def today_utc() -> date:
    return datetime.now(UTC).date()


def inquiry_outcomes(session: Session) -> dict[str, Any]:
    """Counts of inquiries by status, for the certificate's inquiry-window section (no ids, no values)."""
    rows = session.execute(
        select(Inquiry.status, Inquiry.late, func.count()).group_by(Inquiry.status, Inquiry.late)
    )
    by_status: dict[str, int] = {}
    late = 0
    for status, is_late, count in rows:
        by_status[status] = by_status.get(status, 0) + count
        late += count if is_late else 0
    return {"inquiries": sum(by_status.values()), "by_status": by_status, "late": late}
