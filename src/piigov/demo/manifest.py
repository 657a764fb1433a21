"""The manifest: exactly which personal values were planted where, and what the pipeline should conclude."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "LOCATION",
    "NL_BSN",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "IBAN_CODE",
    "NL_POSTCODE",
    "DATE_TIME",
    "NRP",
)
UNLAWFULLY_HELD = "unlawfully_held"
OUT_OF_SCOPE = "out_of_scope"
NO_PERSONAL_DATA = "no_personal_data"
NOT_EXAMINED = "not_examined"
EXPECTED_CLASSES: tuple[str, ...] = (UNLAWFULLY_HELD, OUT_OF_SCOPE, NO_PERSONAL_DATA, NOT_EXAMINED)
FORMATS: tuple[str, ...] = ("txt", "docx", "xlsx", "pdf", "eml")


@dataclass(frozen=True)
class PlantedValue:
    entity_type: str  # Presidio entity name, see ENTITY_TYPES
    value: str  # exactly as written in the document
    origin: str = ""  # for PERSON: dutch, moroccan, turkish, surinamese, somali, other; else ""


@dataclass(frozen=True)
class PlantedFile:
    path: str  # relative to the share root, POSIX separators (for taskforce rows: "<table>/<id>")
    format: str  # txt, docx, xlsx, pdf, eml (taskforce rows: sql)
    planted: tuple[PlantedValue, ...]
    expected_class: str  # one of EXPECTED_CLASSES
    note: str = ""


def _file_from_dict(d: dict[str, Any]) -> PlantedFile:
    return PlantedFile(
        path=d["path"],
        format=d["format"],
        planted=tuple(PlantedValue(**v) for v in d["planted"]),
        expected_class=d["expected_class"],
        note=d.get("note", ""),
    )


@dataclass(frozen=True)
class DemoManifest:
    share_root: str
    taskforce_db_url: str  # sqlite:///... absolute
    files: tuple[PlantedFile, ...]
    taskforce_rows: tuple[PlantedFile, ...] = ()  # rows of taskforce.sqlite, path "<table>/<id>"

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, s: str) -> DemoManifest:
        d = json.loads(s)
        return cls(
            share_root=d["share_root"],
            taskforce_db_url=d["taskforce_db_url"],
            files=tuple(_file_from_dict(f) for f in d["files"]),
            taskforce_rows=tuple(_file_from_dict(f) for f in d.get("taskforce_rows", ())),
        )

    def planted_values(self) -> set[str]:
        """Every planted raw value, in the share and in the Taskforce database (for leak checks)."""
        return {v.value for f in (*self.files, *self.taskforce_rows) for v in f.planted}
