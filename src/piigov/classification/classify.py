"""Classify items under the policy and record class, reasons and categories in the register."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from piigov.register import audit
from piigov.register.models import Finding, Item, ItemState

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy


class Label:
    UNLAWFULLY_HELD = "unlawfully_held"
    OUT_OF_SCOPE = "out_of_scope"
    NO_PERSONAL_DATA = "no_personal_data"
    NOT_EXAMINED = "not_examined"

    ALL = (UNLAWFULLY_HELD, OUT_OF_SCOPE, NO_PERSONAL_DATA, NOT_EXAMINED)


@dataclass(frozen=True)
class Classification:
    label: str
    reasons: tuple[str, ...]
    categories: tuple[str, ...]  # entity types that count under the policy, sorted
    special_category: bool
    dossier: str | None


def holds_personal_data(policy: Policy, counts: Mapping[str, int]) -> bool:
    return any(counts.get(t, 0) > 0 for t in policy.identifying_entities)


def classify_item(
    policy: Policy, source_uri: str, key: str, state: str, reason: str | None, counts: Mapping[str, int]
) -> Classification:
    """Pure decision for one item from its scan state and counts of findings per entity type."""
    dossier = policy.dossier_for(source_uri, key)
    dossier_name = dossier.name if dossier else None
    if state in ItemState.NOT_EXAMINED:
        return Classification(
            Label.NOT_EXAMINED, (f"not examined: {reason or state}",), (), False, dossier_name
        )
    if not holds_personal_data(policy, counts):
        return Classification(
            Label.NO_PERSONAL_DATA, ("no direct identifier found",), (), False, dossier_name
        )
    counted = policy.identifying_entities | policy.contextual_entities
    categories = tuple(sorted(t for t, n in counts.items() if n > 0 and t in counted))
    special = any(t in policy.special_category_entities for t in categories)
    found = ", ".join(f"{t}×{counts[t]}" for t in categories)
    reasons = [f"personal data found: {found}"]
    if special:
        reasons.append(
            "special category (GDPR art. 9): "
            + ", ".join(t for t in categories if t in policy.special_category_entities)
        )
    if dossier is None:
        reasons.append("not in a dossier without legal basis")
        return Classification(Label.OUT_OF_SCOPE, tuple(reasons), categories, special, None)
    reasons.insert(0, f"in dossier {dossier.name!r} (legal basis: {dossier.legal_basis})")
    return Classification(Label.UNLAWFULLY_HELD, tuple(reasons), categories, special, dossier.name)


def finding_counts(session: Session, item_ids: list[int], min_score: float) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = {i: Counter() for i in item_ids}
    rows = session.execute(
        select(Finding.item_id, Finding.entity_type, func.count())
        .where(Finding.item_id.in_(item_ids), Finding.score >= min_score)
        .group_by(Finding.item_id, Finding.entity_type)
    )
    for item_id, entity_type, n in rows:
        counts[item_id][entity_type] = n
    return counts


ATTACHMENT_MARK = "/attachment/"


def message_key(key: str) -> str:
    """The message an item of a mail export belongs to (itself, for a message)."""
    return key.split(ATTACHMENT_MARK, 1)[0]


def _classify_mail_messages_with_their_attachments(items: list[Item]) -> None:
    """A message and its attachments are destroyed together, so they share the unlawfully held label.

    Deleting a message deletes its attachments; an attachment cannot be deleted alone. When any part of
    a message is unlawfully held, every examined part is, and the reasons say why.
    """
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        if item.source.startswith("mail+"):
            groups.setdefault((item.source, message_key(item.key)), []).append(item)
    for members in groups.values():
        unlawful = [m for m in members if m.classification == Label.UNLAWFULLY_HELD]
        if not unlawful or len(unlawful) == len(members):
            continue
        categories = sorted({c for m in unlawful for c in (m.categories or [])})
        for member in members:
            if member.classification in (Label.UNLAWFULLY_HELD, Label.NOT_EXAMINED):
                continue
            member.classification = Label.UNLAWFULLY_HELD
            member.classification_reasons = [
                *(member.classification_reasons or []),
                f"part of a message whose items {sorted(m.id for m in unlawful)} are unlawfully held; "
                "destroyed together",
            ]
            member.categories = categories
            member.special_category = any(m.special_category for m in unlawful)
            member.dossier = unlawful[0].dossier


def classify_register(session: Session, policy: Policy, source: str | None = None) -> dict[str, int]:
    """Classify every live item (of one source, or all); returns counts per label."""
    query = select(Item).where(Item.state.notin_([ItemState.REMOVED, ItemState.DESTROYED, ItemState.PENDING]))
    if source:
        query = query.where(Item.source == source)
    items = list(session.execute(query).scalars())
    now = datetime.now(UTC)
    chunk = 500
    for start in range(0, len(items), chunk):
        part = items[start : start + chunk]
        counts = finding_counts(session, [i.id for i in part], policy.min_score)
        for item in part:
            result = classify_item(policy, item.source, item.key, item.state, item.reason, counts[item.id])
            item.classification = result.label
            item.classification_reasons = list(result.reasons)
            item.categories = list(result.categories)
            item.special_category = result.special_category
            item.dossier = result.dossier
            item.policy_version = policy.version
            item.classified_at = now
            item.classified_content_hash = item.content_hash
    _classify_mail_messages_with_their_attachments(items)
    totals = Counter(i.classification for i in items)
    audit.record(
        session,
        "classified",
        f"source:{source or '*'}",
        {"policy_version": policy.version, "policy_digest": policy.digest, "counts": dict(totals)},
    )
    return dict(totals)
