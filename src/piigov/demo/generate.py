"""generate_demo: build the fake legacy share, the Taskforce database and the manifest."""

from __future__ import annotations

import math
import random
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from piigov.demo import documents, tpl_dossier, tpl_office
from piigov.demo.content import Ctx, Doc, Draft, Mail, Table, fold_doc
from piigov.demo.identifiers import make_case_number, make_people
from piigov.demo.manifest import (
    NO_PERSONAL_DATA,
    NOT_EXAMINED,
    OUT_OF_SCOPE,
    UNLAWFULLY_HELD,
    DemoManifest,
    PlantedFile,
    PlantedValue,
)
from piigov.demo.taskforce import write_taskforce_db

if TYPE_CHECKING:
    from collections.abc import Callable

    from piigov.demo.names import Person

MARKER = ".piigov-demo"
MARKER_TEXT = (
    "piigov-demo: made by piigov.demo.generate_demo; share/ and the files beside it are regenerated\n"
)
DB_NAME = "taskforce.sqlite"
MANIFEST_NAME = "manifest.json"
PDF_PASSWORD = "geheim"


@dataclass(frozen=True)
class Kind:
    stem: str  # file name without extension; may use {n}, {year}, {month}
    fmt: str
    build: Callable[[Ctx], Draft]
    subjects: tuple[int, int] = (0, 0)  # how many persons (min, max)


@dataclass(frozen=True)
class Folder:
    path: str
    expected: str
    kinds: tuple[Kind, ...]
    pool: str  # "dossier", "employees" or "" (no persons)
    years: tuple[int, int]


FOLDERS = (
    Folder(
        "dossiers/salafisme",
        UNLAWFULLY_HELD,
        (
            Kind("notitie_{n:04d}", "docx", tpl_dossier.notitie, (2, 3)),
            Kind("verslag_{year}_{month:02d}", "pdf", tpl_dossier.verslag, (2, 3)),
            Kind("overzicht_{n:04d}", "xlsx", tpl_dossier.overzicht, (4, 6)),
            Kind("mail_{n:04d}", "eml", tpl_dossier.dossier_mail, (1, 3)),
            Kind("aantekeningen_{n:04d}", "txt", tpl_dossier.aantekeningen, (2, 2)),
        ),
        "dossier",
        (2016, 2022),
    ),
    Folder(
        "dossiers/salafisme/beleid",
        NO_PERSONAL_DATA,
        (
            Kind("beleidsnotitie_{n:04d}", "docx", tpl_office.beleidsnotitie),
            Kind("werkinstructie_{n:04d}", "txt", tpl_office.werkinstructie),
            Kind("kader_{year}_{month:02d}", "pdf", tpl_office.beleidskader),
            Kind("planning_{n:04d}", "xlsx", tpl_office.planning),
        ),
        "",
        (2018, 2024),
    ),
    Folder(
        "taskforce",
        UNLAWFULLY_HELD,
        (
            Kind("export_personen_{n:04d}", "xlsx", tpl_dossier.taskforce_lijst, (4, 6)),
            Kind("taskforce_mail_{n:04d}", "eml", tpl_dossier.taskforce_mail, (2, 3)),
            Kind("overleg_{n:04d}", "docx", tpl_dossier.taskforce_overleg, (2, 3)),
            Kind("export_{n:04d}", "txt", tpl_dossier.taskforce_export, (3, 5)),
            Kind("rapportage_{year}_{month:02d}", "pdf", tpl_dossier.taskforce_rapportage, (2, 3)),
        ),
        "dossier",
        (2017, 2022),
    ),
    Folder(
        "beleid",
        NO_PERSONAL_DATA,
        (
            Kind("beleidskader_{year}_{month:02d}", "pdf", tpl_office.beleidskader),
            Kind("planning_{n:04d}", "xlsx", tpl_office.planning),
            Kind("notitie_{n:04d}", "docx", tpl_office.beleidsnotitie),
            Kind("werkinstructie_{n:04d}", "txt", tpl_office.werkinstructie),
        ),
        "",
        (2019, 2024),
    ),
    Folder(
        "personeelszaken",
        OUT_OF_SCOPE,
        (
            Kind("personeelsdossier_{n:04d}", "docx", tpl_office.personeelsdossier, (1, 1)),
            Kind("verlofoverzicht_{n:04d}", "xlsx", tpl_office.verlofoverzicht, (3, 5)),
            Kind("ziekmelding_{n:04d}", "eml", tpl_office.ziekmelding, (2, 2)),
            Kind("arbeidsovereenkomst_{n:04d}", "pdf", tpl_office.arbeidsovereenkomst, (1, 1)),
            Kind("salaris_{n:04d}", "txt", tpl_office.salarisspecificatie, (1, 1)),
        ),
        "employees",
        (2015, 2023),
    ),
)


# --- rendering ---------------------------------------------------------------------------------------
def render(draft: Draft, fmt: str, encoding: str = "utf-8") -> tuple[bytes, tuple[PlantedValue, ...], str]:
    """Return (bytes, planted values, note) for ``draft`` written as ``fmt``."""
    content = draft.content
    if fmt == "eml":
        assert isinstance(content, Mail)
        planted = draft.planter.values()
        data = documents.eml_bytes(content, [v.value for v in planted])
        note = f"attachment {content.attachment.format}" if content.attachment else ""
        return data, planted, note
    assert isinstance(content, Doc)
    if fmt in ("docx", "xlsx"):
        data = documents.docx_bytes(content) if fmt == "docx" else documents.xlsx_bytes(content)
        return data, draft.planter.values(), ""
    if fmt == "pdf":
        planted = draft.planter.values("latin-1")
        return documents.pdf_bytes(fold_doc(content, "latin-1"), [v.value for v in planted]), planted, ""
    if fmt == "txt":
        planted = draft.planter.values(encoding)
        doc = fold_doc(content, encoding)
        if draft.csv:
            table = doc.blocks[0]
            assert isinstance(table, Table)
            data = documents.csv_bytes(table.header, table.rows, encoding)
        else:
            data = documents.txt_bytes(doc, [v.value for v in planted], encoding)
        return data, planted, "encoding cp1252" if encoding == "cp1252" else ""
    raise ValueError(f"unknown format {fmt}")


# --- people ------------------------------------------------------------------------------------------
@dataclass
class Cast:
    dossier: list[Person]
    employees: list[Person]
    staff: list[Person]
    cursor: dict[str, int]

    def take(self, pool: str, count: int) -> tuple[Person, ...]:
        people = self.dossier if pool == "dossier" else self.employees
        start = self.cursor.get(pool, 0)
        self.cursor[pool] = start + count
        return tuple(people[(start + i) % len(people)] for i in range(min(count, len(people))))


def _has_cp1252_diacritic(p: Person) -> bool:
    return any(ord(ch) > 127 and ch.encode("cp1252", "ignore") for ch in p.full)


def _with_cp1252_diacritic(subjects: tuple[Person, ...], pool: list[Person]) -> tuple[Person, ...]:
    """Make sure a cp1252 text file really has a non-ASCII name in it ('Öztürk')."""
    if not subjects or any(_has_cp1252_diacritic(p) for p in subjects):
        return subjects
    extra = next((p for p in pool if _has_cp1252_diacritic(p) and p not in subjects), None)
    return subjects if extra is None else (*subjects[:-1], extra)


def _random_date(rng: random.Random, years: tuple[int, int]) -> datetime:
    start = datetime(years[0], 1, 1, 8, 30)
    days = (datetime(years[1], 12, 31) - start).days
    return start + timedelta(days=rng.randrange(days), minutes=rng.randrange(9 * 60))


# --- the share ---------------------------------------------------------------------------------------
def _file_name(kind: Kind, n: int, when: datetime, taken: set[str]) -> str:
    base = kind.stem.format(n=n, year=when.year, month=when.month)
    name, k = f"{base}.{kind.fmt}", 2
    while name in taken:
        name, k = f"{base}_{k}.{kind.fmt}", k + 1
    taken.add(name)
    return name


def _build_share(share: Path, seed: int, files_per_folder: int, cast: Cast) -> list[PlantedFile]:
    files: list[PlantedFile] = []
    txt_count = 0
    for folder in FOLDERS:
        taken: set[str] = set()
        (share / folder.path).mkdir(parents=True, exist_ok=True)
        for i in range(files_per_folder):
            kind = folder.kinds[i % len(folder.kinds)]
            rng = random.Random(f"{seed}:{folder.path}:{i}")
            when = _random_date(rng, folder.years)
            encoding = "utf-8"
            if kind.fmt == "txt":
                encoding = "cp1252" if txt_count % 2 == 0 else "utf-8"
                txt_count += 1
            subjects: tuple[Person, ...] = ()
            if folder.pool:
                subjects = cast.take(folder.pool, rng.randint(*kind.subjects))
                if encoding == "cp1252":
                    pool = cast.dossier if folder.pool == "dossier" else cast.employees
                    subjects = _with_cp1252_diacritic(subjects, pool)
            staff = tuple(cast.staff[(i + k) % len(cast.staff)] for k in range(3))
            ctx = Ctx(rng, i + 1, when, subjects, staff, make_case_number(rng))
            data, planted, note = render(kind.build(ctx), kind.fmt, encoding)
            name = _file_name(kind, i + 1, when, taken)
            (share / folder.path / name).write_bytes(data)
            files.append(PlantedFile(f"{folder.path}/{name}", kind.fmt, planted, folder.expected, note))
    files += _unreadable(share, seed, files_per_folder, cast)
    return files


def _unreadable(share: Path, seed: int, files_per_folder: int, cast: Cast) -> list[PlantedFile]:
    """One encrypted and one truncated PDF in the dossier folder; both hold personal data."""
    folder = "dossiers/salafisme"
    result = []
    for k, (name, note) in enumerate(
        (("bijlage_{n:04d}.pdf", "encrypted pdf"), ("scan_{n:04d}.pdf", "corrupt pdf"))
    ):
        n = files_per_folder + k + 1
        rng = random.Random(f"{seed}:{folder}:unreadable:{k}")
        ctx = Ctx(rng, n, _random_date(rng, (2016, 2022)), cast.take("dossier", 2), tuple(cast.staff[:3]))
        data, planted, _ = render(tpl_dossier.verslag(ctx), "pdf")
        if note == "encrypted pdf":
            data = documents.encrypt_pdf(data, PDF_PASSWORD, f"{PDF_PASSWORD}-eigenaar-{seed}")
            note = f"encrypted pdf (user password {PDF_PASSWORD!r})"
        else:  # cut inside the compressed page content: no reader can recover the text
            data = data[: len(data) * 2 // 5]
            note = "corrupt pdf (truncated); planted values were written before truncation"
        filename = name.format(n=n)
        (share / folder / filename).write_bytes(data)
        result.append(PlantedFile(f"{folder}/{filename}", "pdf", planted, NOT_EXAMINED, note))
    return result


# --- root handling -----------------------------------------------------------------------------------
def _is_ours(root: Path) -> bool:
    marker = root / MARKER
    try:
        return marker.is_file() and marker.read_text(encoding="utf-8").startswith("piigov-demo")
    except OSError:
        return False


def _prepare(root: Path) -> None:
    share = root / "share"
    if _is_ours(root):
        if share.is_symlink() or (share.exists() and not share.is_dir()):
            raise ValueError(f"{share} is not a plain directory; refusing to remove it")
        if share.exists():
            shutil.rmtree(share)
        for name in (DB_NAME, MANIFEST_NAME):
            (root / name).unlink(missing_ok=True)
    else:
        if share.exists() and (not share.is_dir() or any(share.iterdir())):
            raise ValueError(
                f"{share} exists, is not empty and was not made by generate_demo ({MARKER} missing)"
            )
        for name in (DB_NAME, MANIFEST_NAME):
            if (root / name).exists():
                raise ValueError(f"{root / name} exists and was not made by generate_demo ({MARKER} missing)")
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    share.mkdir(exist_ok=True)


def generate_demo(root: Path, *, seed: int = 2023, files_per_folder: int = 6) -> DemoManifest:
    """Create root/share/... and root/taskforce.sqlite, write root/manifest.json, return the manifest.

    Deterministic for a seed: the same bytes on every run (file mtimes are left alone). Refuses
    (ValueError) to write into a non-empty root/share unless it was made by generate_demo, which leaves
    the marker file root/.piigov-demo outside the share.
    """
    if files_per_folder < 1:
        raise ValueError("files_per_folder must be at least 1")
    root = Path(root).resolve()
    _prepare(root)
    rng = random.Random(f"{seed}:people")
    used: set[str] = set()
    cast = Cast(
        dossier=make_people(rng, 6 * max(2, math.ceil(files_per_folder * 2 / 3)), used=used),
        employees=make_people(rng, 6 * max(1, math.ceil(files_per_folder / 3)), used=used),
        staff=make_people(rng, 6, used=used, ministry=True),
        cursor={},
    )
    share = root / "share"
    files = _build_share(share, seed, files_per_folder, cast)
    db = root / DB_NAME
    rows = write_taskforce_db(db, cast.dossier, seed)
    manifest = DemoManifest(
        share_root=str(share),
        taskforce_db_url=f"sqlite:///{db}",
        files=tuple(sorted(files, key=lambda f: f.path)),
        taskforce_rows=rows,
    )
    (root / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8")
    return manifest
