"""The Taskforce administration: a small SQLite database with persons, reports and organisations."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from piigov.demo.content import Ctx, Planter
from piigov.demo.manifest import NO_PERSONAL_DATA, UNLAWFULLY_HELD, PlantedFile
from piigov.demo.tpl_dossier import SOURCES, religion_note

if TYPE_CHECKING:
    from pathlib import Path

    from piigov.demo.names import Person

SCHEMA = """
CREATE TABLE personen (
    id INTEGER PRIMARY KEY,
    naam TEXT NOT NULL,
    woonplaats TEXT,
    geboortedatum TEXT,
    religie_notitie TEXT,
    bron TEXT
);
CREATE TABLE meldingen (
    id INTEGER PRIMARY KEY,
    persoon_id INTEGER NOT NULL REFERENCES personen(id),
    datum TEXT NOT NULL,
    omschrijving TEXT NOT NULL
);
CREATE TABLE organisaties (
    id INTEGER PRIMARY KEY,
    naam TEXT NOT NULL,
    soort TEXT NOT NULL,
    omschrijving TEXT
);
"""

ORGANISATIONS = (
    ("Stichting Al-Amal", "stichting", "Huiswerkbegeleiding en taalles"),
    ("Stichting Brug naar Dialoog", "stichting", "Ontmoetingsactiviteiten in de wijk"),
    ("Vereniging Jongeren in Verbinding", "vereniging", "Sport en vrijetijdsbesteding"),
    ("Stichting Onderwijs en Ontmoeting", "stichting", "Weekendonderwijs"),
    ("Stichting Samen Sterk", "stichting", "Vrijwilligerswerk en buurtmaaltijden"),
)

REPORTS = (
    lambda pl, p: f"Signaal over {pl.formal(p)}: bezoekt de {pl.nrp('moskee')} in {pl.place(p)}.",
    lambda pl, p: f"{pl.initial(p)} zou {pl.nrp('koranles')} geven aan kinderen uit de buurt.",
    lambda pl, p: (
        f"Melding van de gemeente: {pl.full(p)} is {pl.nrp('salafistisch')} georiënteerd, "
        f"telefonisch bereikbaar via {pl.phone(p)}."
    ),
    lambda pl, p: f"Open bron: {pl.formal(p)} heeft contact met een {pl.nrp('imam')}.",
)


def write_taskforce_db(path: Path, people: list[Person], seed: int) -> tuple[PlantedFile, ...]:
    """Create the database at ``path`` and return one PlantedFile per row (path '<table>/<id>')."""
    rng = random.Random(f"{seed}:taskforce-db")
    rows: list[PlantedFile] = []
    personen, meldingen = [], []
    for pid, p in enumerate(people, start=1):
        pl = Planter(style=1)
        ctx = Ctx(rng=rng, seq=pid, date=datetime(2019, 1, 1))
        personen.append(
            (pid, pl.full(p), pl.place(p), pl.dob(p), religion_note(ctx, pl, p), rng.choice(SOURCES))
        )
        rows.append(PlantedFile(f"personen/{pid}", "sql", pl.values(), UNLAWFULLY_HELD))
        for _ in range(rng.randint(1, 2)):
            mpl = Planter(style=rng.randrange(4))
            day = date(2017, 1, 1) + timedelta(days=rng.randrange(6 * 365))
            text = rng.choice(REPORTS)(mpl, p)
            meldingen.append((len(meldingen) + 1, pid, day.isoformat(), text))
            rows.append(PlantedFile(f"meldingen/{len(meldingen)}", "sql", mpl.values(), UNLAWFULLY_HELD))
    organisaties = [(oid, *org) for oid, org in enumerate(ORGANISATIONS, start=1)]
    rows += [PlantedFile(f"organisaties/{oid}", "sql", (), NO_PERSONAL_DATA) for oid, *_ in organisaties]

    with closing(sqlite3.connect(path)) as con, con:
        con.executescript(SCHEMA)
        con.executemany("INSERT INTO personen VALUES (?, ?, ?, ?, ?, ?)", personen)
        con.executemany("INSERT INTO meldingen VALUES (?, ?, ?, ?)", meldingen)
        con.executemany("INSERT INTO organisaties VALUES (?, ?, ?, ?)", organisaties)
    return tuple(rows)
