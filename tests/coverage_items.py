"""Items that test whether a scan accounts for everything: readable, encrypted, corrupt, oversized,
zero-byte and oddly named. Each source kind's tests plant these and check every one ends in one state."""

from __future__ import annotations

import io
from pathlib import Path

OVERSIZED_LIMIT = 50_000  # bytes: the scan is run with this max_item_bytes


def encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="geheim", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def coverage_items() -> dict[str, tuple[bytes, str, str | None]]:
    """key -> (content, expected state, expected reason prefix)."""
    pd_text = "Gesprek met mevrouw Fatima Bouzid, BSN 111222333, tel. 06-12345678, wonend in Tilburg.\n"
    return {
        "dossiers/salafisme/notitie.txt": (pd_text.encode(), "scanned", None),
        "dossiers/salafisme/Öztürk notitie #1 (kopie).txt": (
            pd_text.encode("cp1252", "replace"),
            "scanned",
            None,
        ),
        "dossiers/salafisme/beveiligd.pdf": (encrypted_pdf(), "unreadable", "encrypted"),
        "dossiers/salafisme/kapot.docx": (b"PK\x03\x04 not really a docx", "unreadable", "corrupt"),
        "dossiers/salafisme/leeg.txt": (b"", "unreadable", "empty"),
        "dossiers/salafisme/groot.txt": (b"x" * (OVERSIZED_LIMIT + 1), "oversized", None),
        "beleid/nota.txt": (b"Algemene beleidsnotitie zonder persoonsgegevens.", "scanned", None),
    }


# --- mail export ----------------------------------------------------------------------------------

PD_TEXT = "Gesprek met mevrouw Fatima Bouzid, BSN 111222333, tel. 06-12345678, wonend in Tilburg.\n"
NO_PD_TEXT = "Algemene beleidsnotitie zonder persoonsgegevens.\n"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAIL_ODD_NAME = "dossiers/Öztürk notitie #1 (kopie) – 2020.eml"
MBOX_FROM_LINE = b"From postmaster@gemeente.example.nl Tue Mar  3 10:15:00 2020\n"

Expected = dict[str, tuple[str, str | None, bool]]  # key -> (state, reason prefix, has personal data)


def _eml(
    body: str,
    *,
    subject: str,
    sender: str | None = None,
    charset: str = "utf-8",
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> bytes:
    """A message; without `sender` it has no address headers (nothing identifying outside the body)."""
    from email.message import EmailMessage

    msg = EmailMessage()
    if sender:
        msg["From"] = sender
        msg["To"] = "Taskforce <taskforce@gemeente.example.nl>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 03 Mar 2020 10:15:00 +0100"
    msg.set_content(body, charset=charset)
    for filename, data, content_type in attachments or []:
        maintype, subtype = content_type.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def _mbox_id(segment: bytes) -> str:
    import hashlib

    return hashlib.sha256(segment).hexdigest()[:16]


def plant_mail_export(root: Path) -> Expected:
    """Write a mail export folder at `root`; return the state every listed item must end in.

    Messages are read without their attachments; every attachment is an item of its own. A
    message's listed size is its stored size, attachments included: the message carrying the
    oversized attachment is itself oversized.
    """
    big = b"x" * (OVERSIZED_LIMIT + 1)
    mbox_pd = MBOX_FROM_LINE + _eml(PD_TEXT, subject="Gesprek") + b"\n"
    mbox_plain = MBOX_FROM_LINE + _eml(NO_PD_TEXT, subject="Beleid") + b"\n"
    files = {
        "dossiers/notitie.eml": _eml(
            PD_TEXT,
            subject="Gespreksnotitie",
            sender="Fatima Bouzid <f.bouzid@example.nl>",
            attachments=[
                ("beveiligd.pdf", encrypted_pdf(), "application/pdf"),
                ("kapot.docx", b"PK\x03\x04 not really a docx", DOCX_TYPE),
                ("verslag.txt", PD_TEXT.encode(), "text/plain"),
            ],
        ),
        "dossiers/groot.eml": _eml(
            "Zie de bijlage.\n", subject="Bijlage", attachments=[("groot.txt", big, "text/plain")]
        ),
        MAIL_ODD_NAME: _eml(
            PD_TEXT,
            subject="Kopie",
            charset="iso-8859-1",
            attachments=[("bijlage #2 – café.txt", NO_PD_TEXT.encode(), "text/plain")],
        ),
        "dossiers/leeg.eml": b"",
        "beleid/nota.eml": _eml(NO_PD_TEXT, subject="Nota"),
        "archief/2020.mbox": mbox_pd + mbox_plain,
        "leesmij.txt": b"Dit is geen mail.",
    }
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return {
        "dossiers/notitie.eml": ("scanned", None, True),
        "dossiers/notitie.eml/attachment/1/beveiligd.pdf": ("unreadable", "encrypted", False),
        "dossiers/notitie.eml/attachment/2/kapot.docx": ("unreadable", "corrupt", False),
        "dossiers/notitie.eml/attachment/3/verslag.txt": ("scanned", None, True),
        "dossiers/groot.eml": ("oversized", None, False),
        "dossiers/groot.eml/attachment/1/groot.txt": ("oversized", None, False),
        MAIL_ODD_NAME: ("scanned", None, True),
        f"{MAIL_ODD_NAME}/attachment/1/bijlage #2 – café.txt": ("scanned", None, False),
        "dossiers/leeg.eml": ("unreadable", "empty", False),
        "beleid/nota.eml": ("scanned", None, False),
        f"archief/2020.mbox#{_mbox_id(mbox_pd)}": ("scanned", None, True),
        f"archief/2020.mbox#{_mbox_id(mbox_plain)}": ("scanned", None, False),
        "leesmij.txt": ("skipped", "not a mail file", False),
    }


# --- SQL table ------------------------------------------------------------------------------------

SQL_TABLE = "dossier_regels"
SQL_ODD_ID = "beleid/nota 2020, versie 2 – café #1 %"


def plant_sql_table(url: str) -> Expected:
    """Create and fill `SQL_TABLE` in the database at `url`; return the state every row must end in.

    A row reads as ``column: value`` lines; the long row's text exceeds `OVERSIZED_LIMIT`.
    """
    from sqlalchemy import Column, MetaData, Table, Text, create_engine, insert

    table = Table(
        SQL_TABLE,
        MetaData(),
        Column("id", Text, primary_key=True),
        Column("naam", Text),
        Column("bsn", Text),
        Column("notitie", Text),
    )
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            table.create(conn)
            conn.execute(
                insert(table),
                [
                    {"id": "1", "naam": "Fatima Bouzid", "bsn": "111222333", "notitie": PD_TEXT},
                    {"id": "2", "naam": None, "bsn": None, "notitie": None},
                    {"id": SQL_ODD_ID, "naam": None, "bsn": None, "notitie": NO_PD_TEXT},
                    {"id": "4", "naam": None, "bsn": None, "notitie": "x" * (OVERSIZED_LIMIT + 1)},
                ],
            )
    finally:
        engine.dispose()
    return {
        f"{SQL_TABLE}/1": ("scanned", None, True),
        f"{SQL_TABLE}/2": ("scanned", None, False),
        # '/', ',' and '%' are percent-encoded in a row key; spaces and other characters are not.
        f"{SQL_TABLE}/beleid%2Fnota 2020%2C versie 2 – café #1 %25": ("scanned", None, False),
        f"{SQL_TABLE}/4": ("oversized", None, False),
    }
