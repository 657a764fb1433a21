"""A small world for inquiry tests: one person written four ways across three sources, and a postbus."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from piigov import pipeline

NAME = "Mohammed El Amrani"
EMAIL = "m.elamrani@voorbeeld.nl"
DOB_WRITTEN = "03-03-1987"
PLACE = "Utrecht"

SHARE_FILES = {
    # full name + date of birth: strong
    "dossiers/salafisme/notitie-1.txt": f"Betrokkene {NAME} (geboren 3 maart 1987) uit Utrecht bezoekt wekelijks de moskee.",
    # initial + surname only: weak, a person confirms
    "dossiers/salafisme/notitie-2.txt": "Op de bijeenkomst sprak M. el Amrani over de koranles voor jongeren.",
    # surname, initial (comma form): weak
    "dossiers/salafisme/overzicht.txt": "Deelnemerslijst\nEl Amrani, M. - aanwezig\nBouzid, F. - afwezig\n",
    # title + surname + date of birth: strong
    "taskforce/verslag.txt": "Gesprek met dhr. El Amrani, geb. 03-03-1987, over de financiering van de stichting.",
    # someone else entirely
    "dossiers/salafisme/ander.txt": "Mevrouw Fatima Bouzid uit Rotterdam is secretaris van de stichting.",
    # a namesake-free document without personal data
    "beleid/nota.txt": "Deze nota beschrijft het beleid voor subsidies aan maatschappelijke organisaties.",
}


def build_share(root: Path) -> Path:
    for rel, text in SHARE_FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build_table(path: Path) -> str:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meldingen (id INTEGER PRIMARY KEY, naam TEXT, email TEXT, notitie TEXT)")
        db.executemany(
            "INSERT INTO meldingen VALUES (?, ?, ?, ?)",
            [
                (1, NAME, EMAIL, "Melding over buitenlandse financiering van de moskee."),
                (2, "Fatima Bouzid", "f.bouzid@voorbeeld.nl", "Secretaris van de stichting."),
            ],
        )
    return f"sqlite:///{path}#meldingen"


def message(sender: str, subject: str, body: str, sent: datetime, to: str = "taskforce@minszw.nl") -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent)
    msg.set_content(body)
    return bytes(msg)


def build_mail(root: Path) -> str:
    root.mkdir(parents=True, exist_ok=True)
    (root / "inbox-1.eml").write_bytes(
        message(
            f"{NAME} <{EMAIL}>",
            "Vraag over de stichting",
            "Geachte heer, mevrouw,\n\nIk heb een vraag over de vereniging.\n",
            datetime(2023, 5, 2, 10, 0, tzinfo=UTC),
        )
    )
    (root / "inbox-2.eml").write_bytes(
        message(
            "Fatima Bouzid <f.bouzid@voorbeeld.nl>",
            "Agenda",
            "Hierbij de agenda van de bijeenkomst.\n",
            datetime(2023, 6, 1, 9, 0, tzinfo=UTC),
        )
    )
    return f"mail+file://{root}"


def request_email(sent: datetime, *, name: str = NAME, email: str = EMAIL, extra: str = "") -> bytes:
    body = (
        "Geachte heer, mevrouw,\n\nGraag wil ik weten of het ministerie gegevens over mij heeft verwerkt.\n\n"
        f"Naam: {name}\nGeboortedatum: {DOB_WRITTEN}\nWoonplaats: {PLACE}\n{extra}\nMet vriendelijke groet\n"
    )
    return message(f"{name} <{email}>", "Verzoek inzage", body, sent, to="postbus@minszw.nl")


def build_world(tmp: Path) -> dict[str, str]:
    """Scan and classify three sources; returns their URIs and the postbus folder."""
    uris = {
        "share": str(build_share(tmp / "share")),
        "table": build_table(tmp / "taskforce.sqlite"),
        "mail": build_mail(tmp / "mail"),
    }
    for uri in uris.values():
        pipeline.scan(uri)
    pipeline.classify()
    return uris
