"""Items that test whether a scan accounts for everything: readable, encrypted, corrupt, oversized,
zero-byte and oddly named. Each source kind's tests plant these and check every one ends in one state."""

from __future__ import annotations

import io

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
