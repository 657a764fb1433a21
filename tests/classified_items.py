"""Register a source's items as scanned and classified, without running the detector (destruction tests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from piigov.classification import Label
from piigov.hashing import content_hash
from piigov.register import Item, ItemState


def register_classified(
    session: Any,
    source: Any,
    policy: Any,
    dossier_of: Callable[[str], str | None],
    now: datetime,
    skip: Callable[[Any], bool] = lambda listed: False,
) -> None:
    """One Item per listed item: unlawfully held in `dossier_of(key)`, out of scope where that is None."""
    for listed in source.list_items():
        if skip(listed):
            continue
        data = source.read(listed.key)
        dossier = dossier_of(listed.key)
        session.add(
            Item(
                source=source.uri,
                key=listed.key,
                display_location=listed.key,
                fingerprint=listed.fingerprint,
                size=len(data),
                state=ItemState.SCANNED,
                content_hash=content_hash(data),
                first_seen_at=now,
                classification=Label.UNLAWFULLY_HELD if dossier else Label.OUT_OF_SCOPE,
                categories=["PERSON"],
                dossier=dossier,
                policy_version=policy.version,
                classified_at=now,
                classified_content_hash=content_hash(data),
            )
        )
