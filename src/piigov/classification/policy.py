"""The versioned classification policy, loaded from YAML and frozen."""

from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from pathlib import Path


class PolicyError(Exception):
    """The policy file is missing a field or contradicts itself."""


@dataclass(frozen=True)
class Dossier:
    name: str
    description: str
    legal_basis: str
    sources: tuple[str, ...]
    paths: tuple[str, ...]

    def matches(self, source_uri: str, key: str) -> bool:
        return any(fnmatch.fnmatch(source_uri, s) for s in self.sources) and any(
            _glob_match(key, p) for p in self.paths
        )


@dataclass(frozen=True)
class RedactionRule:
    """Records kept under the Archives Act: redacted in place instead of deleted (decision 0007)."""

    sources: tuple[str, ...] = ("*",)
    paths: tuple[str, ...] = ()

    def matches(self, source_uri: str, key: str) -> bool:
        return any(fnmatch.fnmatch(source_uri, s) for s in self.sources) and any(
            _glob_match(key, p) for p in self.paths
        )


@dataclass(frozen=True)
class Policy:
    version: str
    legal_ground: str
    inquiry_deadline: date
    destruction_start: date
    min_score: float
    identifying_entities: frozenset[str]
    contextual_entities: frozenset[str]
    special_category_entities: frozenset[str]
    dossiers: tuple[Dossier, ...]
    digest: str  # sha256 of the policy file, recorded with the version
    redact_instead_of_delete: RedactionRule = RedactionRule()

    def dossier_for(self, source_uri: str, key: str) -> Dossier | None:
        return next((d for d in self.dossiers if d.matches(source_uri, key)), None)

    def window_closed(self, today: date) -> bool:
        """Destruction may run: the inquiry deadline has passed and the start date is reached."""
        return today > self.inquiry_deadline and today >= self.destruction_start


def _glob_match(key: str, pattern: str) -> bool:
    """Glob with `**` spanning folders and `*` staying within one."""
    regex = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            regex += ".*"
            i += 2
        elif pattern[i] == "*":
            regex += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            regex += "[^/]"
            i += 1
        else:
            regex += re.escape(pattern[i])
            i += 1
    return re.fullmatch(regex, key) is not None


def _as_date(value: object, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise PolicyError(f"{field} must be a date (YYYY-MM-DD)") from exc


def load_policy(path: Path) -> Policy:
    raw_bytes = path.read_bytes()
    raw = yaml.safe_load(raw_bytes)
    try:
        dossiers = tuple(
            Dossier(
                name=d["name"],
                description=d.get("description", ""),
                legal_basis=d.get("legal_basis", "none"),
                sources=tuple(d.get("sources", ["*"])),
                paths=tuple(d["paths"]),
            )
            for d in raw["dossiers"]
        )
        policy = Policy(
            version=str(raw["version"]),
            legal_ground=" ".join(str(raw["legal_ground"]).split()),
            inquiry_deadline=_as_date(raw["dates"]["inquiry_deadline"], "dates.inquiry_deadline"),
            destruction_start=_as_date(raw["dates"]["destruction_start"], "dates.destruction_start"),
            min_score=float(raw.get("min_score", 0.5)),
            identifying_entities=frozenset(raw["identifying_entities"]),
            contextual_entities=frozenset(raw.get("contextual_entities", [])),
            special_category_entities=frozenset(raw.get("special_category_entities", [])),
            dossiers=dossiers,
            digest="sha256:" + hashlib.sha256(raw_bytes).hexdigest(),
            redact_instead_of_delete=RedactionRule(
                sources=tuple((raw.get("redact_instead_of_delete") or {}).get("sources", ["*"])),
                paths=tuple((raw.get("redact_instead_of_delete") or {}).get("paths", [])),
            ),
        )
    except (KeyError, TypeError) as exc:
        raise PolicyError(f"policy {path.name}: missing or malformed field {exc}") from exc
    if policy.destruction_start <= policy.inquiry_deadline:
        raise PolicyError("dates.destruction_start must come after dates.inquiry_deadline")
    if not policy.dossiers:
        raise PolicyError("the policy names no dossier")
    return policy
