"""Airflow pools per source: created from the sources file, so load on each server stays bounded."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_POOL = "piigov_scan"
DEFAULT_POOL_SLOTS = 4
_NAME = re.compile(r"^[a-z0-9_]+$")


class SourcesConfigError(ValueError):
    """The sources file names a source badly; raised at DAG parse time."""


@dataclass(frozen=True)
class ConfiguredSource:
    name: str
    conn_id: str
    location: str
    pool_slots: int
    schedule: str | None

    @property
    def pool(self) -> str:
        return f"piigov_source_{self.name}"


def sources_file() -> Path:
    return Path(
        os.environ.get("PIIGOV_SOURCES", Path(__file__).resolve().parents[1] / "conf" / "sources.yaml")
    )


def configured_sources(path: Path | None = None) -> tuple[ConfiguredSource, ...]:
    raw = yaml.safe_load((path or sources_file()).read_text()) or {}
    result = []
    for entry in raw.get("sources") or []:
        name = str(entry.get("name", ""))
        if not _NAME.match(name):
            raise SourcesConfigError(f"source name {name!r} must match [a-z0-9_]+")
        if not entry.get("conn_id") or not entry.get("location"):
            raise SourcesConfigError(f"source {name}: conn_id and location are required")
        slots = int(entry.get("pool_slots", 1))
        if slots < 1:
            raise SourcesConfigError(f"source {name}: pool_slots must be at least 1")
        result.append(
            ConfiguredSource(name, entry["conn_id"], entry["location"], slots, entry.get("schedule"))
        )
    if len({s.name for s in result}) != len(result):
        raise SourcesConfigError("source names must be unique")
    return tuple(result)


def ensure_pools(path: Path | None = None) -> dict[str, int]:
    """Create or resize the pools (needs the Airflow metadata DB; run by setup, the demo and tests)."""
    from airflow.models.pool import Pool

    wanted = {DEFAULT_POOL: DEFAULT_POOL_SLOTS} | {s.pool: s.pool_slots for s in configured_sources(path)}
    for name, slots in wanted.items():
        Pool.create_or_update_pool(name, slots, "piigov: concurrent scan tasks against one source", False)
    return wanted
