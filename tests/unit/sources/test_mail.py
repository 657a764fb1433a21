"""MailExportSource: .eml, .msg and .mbox files; every message and every attachment is an item."""

from __future__ import annotations

import hashlib
import io
import os
import struct
from email.message import EmailMessage
from pathlib import Path

import pytest

from piigov.extraction import UnreadableItem, extract_text
from piigov.sources import ItemGone, SourceError
from piigov.sources.mail import MailExportSource

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODD_NAME = "Re： Uw aanvraag #1 (kopie) – Öztürk.EML"
FROM_LINE = b"From afzender@example.nl Tue Mar  3 10:15:00 2020\n"
CORRUPT = b"From nobody Thu Jan  1 00:00:00 1970\n\x00\x01\x02\xff binair \x00 afval\n\n"


def eml(
    body: str,
    *,
    subject: str = "Aanvraag",
    sender: str = "Fatima El Amrani <f.elamrani@example.nl>",
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "Ayşe Şahin <a.sahin@gemeente.example.nl>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 03 Mar 2020 10:15:00 +0100"
    msg["X-Intern"] = "niet nodig"
    msg.set_content(body)
    for filename, data, content_type in attachments or []:
        maintype, subtype = content_type.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def docx(text: str) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def msg(body: str, attachments: list[tuple[str, bytes]]) -> bytes:
    """A minimal Outlook .msg ([MS-OXMSG]) written with extract-msg's OleWriter."""
    from extract_msg import OleWriter

    writer = OleWriter()

    def props(header: bytes, entries: list[tuple[int, int]]) -> bytes:
        return header + b"".join(struct.pack("<IIQ", tag, 6, value) for tag, value in entries)

    for tag, value in {
        "001A": "IPM.Note",
        "0037": "Notitie gesprek",
        "1000": body,
        "0C1A": "Kees Bakker",
        "5D01": "k.bakker@example.nl",
    }.items():
        writer.addEntry(f"__substg1.0_{tag}001F", value.encode("utf-16-le"))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    n = len(attachments)
    writer.addEntry(
        "__properties_version1.0", props(struct.pack("<8sIIII8s", bytes(8), 0, n, 0, n, bytes(8)), [])
    )
    for index, (filename, data) in enumerate(attachments):
        base = f"__attach_version1.0_#{index:08X}"
        writer.addEntry(base, storage=True)
        writer.addEntry(f"{base}/__substg1.0_37010102", data)
        writer.addEntry(f"{base}/__substg1.0_3707001F", filename.encode("utf-16-le"))
        writer.addEntry(
            f"{base}/__properties_version1.0", props(bytes(8), [(0x37050003, 1), (0x0E210003, index)])
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def mbox_segment(message: bytes) -> bytes:
    return FROM_LINE + message + b"\n"


def mid(segment: bytes) -> str:
    """The id of an mbox message in its key: the first 16 hex digits of its stored bytes' SHA-256."""
    return hashlib.sha256(segment).hexdigest()[:16]


MBOX_MESSAGES = [
    eml("Eerste bericht over Jan de Vries.", subject="Een"),
    eml(
        "Tweede bericht, zie bijlage.",
        subject="Twee",
        attachments=[("dossier Kees.txt", b"Dossier van Kees Bakker, BSN 123456782.", "text/plain")],
    ),
    eml("Derde bericht over Noël Öztürk.", subject="Drie"),
]
MBOX = b"".join(mbox_segment(m) for m in MBOX_MESSAGES)
M1, M2, M3 = (f"archief/2020.mbox#{mid(mbox_segment(m))}" for m in MBOX_MESSAGES)
GOOD_SEGMENT = mbox_segment(eml("Goed bericht.", subject="Oud"))
OUD1, OUD2 = f"oud.mbox#{mid(GOOD_SEGMENT)}", f"oud.mbox#{mid(CORRUPT)}"

EXPECTED_KEYS = {
    "inbox/bericht.eml",
    "inbox/bericht.eml/attachment/1/verklaring.docx",
    M1,
    M2,
    f"{M2}/attachment/1/dossier Kees.txt",
    M3,
    ODD_NAME,
    OUD1,
    OUD2,
    "outlook/notitie.msg",
    "outlook/notitie.msg/attachment/1/gespreksverslag.txt",
}


@pytest.fixture
def export(tmp_path: Path) -> Path:
    root = tmp_path / "export"
    (root / "inbox").mkdir(parents=True)
    (root / "archief").mkdir()
    (root / "outlook").mkdir()
    (root / "inbox" / "bericht.eml").write_bytes(
        eml(
            "Beste Ayşe,\nZie de bijlage.\n",
            attachments=[("verklaring.docx", docx("Verklaring van Piet Jansen, BSN 111222333."), DOCX_TYPE)],
        )
    )
    (root / "archief" / "2020.mbox").write_bytes(MBOX)
    (root / ODD_NAME).write_bytes(eml("Een bericht met een vreemde bestandsnaam.", subject="Vreemd"))
    (root / "oud.mbox").write_bytes(GOOD_SEGMENT + CORRUPT)
    (root / "outlook" / "notitie.msg").write_bytes(
        msg("Gesprek met mevrouw El Amrani.", [("gespreksverslag.txt", b"Verslag: Fatima El Amrani.")])
    )
    (root / "leesmij.txt").write_text("geen mail")
    os.symlink("/etc/hostname", root / "link.eml")
    return root


def test_lists_every_message_and_attachment(export: Path) -> None:
    items = {i.key: i for i in MailExportSource(export).list_items()}

    readable = {k for k, i in items.items() if i.skip_reason is None}
    assert readable == EXPECTED_KEYS
    assert len(readable) == 8 + 3  # messages + attachments
    assert items["leesmij.txt"].skip_reason == "not a mail file (.eml, .msg, .mbox)"
    assert items["link.eml"].skip_reason == "symbolic link not followed"
    assert set(items) == EXPECTED_KEYS | {"leesmij.txt", "link.eml"}


def test_keys_and_fingerprints_are_stable(export: Path) -> None:
    first = list(MailExportSource(export).list_items())
    second = list(MailExportSource(export).list_items())

    assert first == second
    source = MailExportSource(export)
    for item in first:
        assert source.stat(item.key) == item


def test_fingerprints_are_hashes_of_the_stored_bytes(export: Path) -> None:
    items = {i.key: i for i in MailExportSource(export).list_items()}

    for key, message in zip((M1, M2, M3), MBOX_MESSAGES, strict=True):
        segment = mbox_segment(message)
        assert items[key].fingerprint == "sha256=" + hashlib.sha256(segment).hexdigest()
        assert items[key].fingerprint.startswith("sha256=" + key.rpartition("#")[2])
        assert items[key].size == len(segment)
    data = (export / "inbox" / "bericht.eml").read_bytes()
    assert items["inbox/bericht.eml"].fingerprint == "sha256=" + hashlib.sha256(data).hexdigest()
    attachment = b"Dossier van Kees Bakker, BSN 123456782."
    key = f"{M2}/attachment/1/dossier Kees.txt"
    assert items[key].fingerprint == "sha256=" + hashlib.sha256(attachment).hexdigest()


def _text(source: MailExportSource, key: str) -> str:
    return extract_text(source.extraction_name(key), source.read(key)).text


def test_read_and_extraction_name_of_messages(export: Path) -> None:
    source = MailExportSource(export)

    assert source.extraction_name("inbox/bericht.eml") == "inbox/bericht.eml"
    assert source.extraction_name(M2) == f"{M2}.eml"
    assert source.extraction_name("outlook/notitie.msg") == "outlook/notitie.msg.txt"
    assert source.extraction_name(ODD_NAME) == ODD_NAME

    eml_text = _text(source, "inbox/bericht.eml")
    assert eml_text.splitlines()[:6] == [
        "From: Fatima El Amrani <f.elamrani@example.nl>",
        "To: Ayşe Şahin <a.sahin@gemeente.example.nl>",
        "Subject: Aanvraag",
        "Date: Tue, 03 Mar 2020 10:15:00 +0100",
        "",
        "Beste Ayşe,",
    ]
    assert "X-Intern" not in source.read("inbox/bericht.eml").decode()
    assert "Tweede bericht, zie bijlage." in _text(source, M2)
    assert "Subject: Drie" in _text(source, M3)
    assert "Een bericht met een vreemde bestandsnaam." in _text(source, ODD_NAME)
    assert _text(source, "outlook/notitie.msg") == (
        "From: Kees Bakker <k.bakker@example.nl>\nSubject: Notitie gesprek\n\nGesprek met mevrouw El Amrani."
    )


def test_message_items_leave_attachments_to_their_own_items(export: Path) -> None:
    source = MailExportSource(export)
    pairs = {
        "inbox/bericht.eml": ("inbox/bericht.eml/attachment/1/verklaring.docx", "Piet Jansen"),
        M2: (f"{M2}/attachment/1/dossier Kees.txt", "Kees Bakker"),
        "outlook/notitie.msg": ("outlook/notitie.msg/attachment/1/gespreksverslag.txt", "Verslag:"),
    }
    for message_key, (attachment_key, planted) in pairs.items():
        message = extract_text(source.extraction_name(message_key), source.read(message_key))
        attachment = extract_text(source.extraction_name(attachment_key), source.read(attachment_key))

        assert planted not in message.text and "--- attachment" not in message.text
        assert message.parts == () and message.warnings == ()
        assert planted in attachment.text


def test_read_attachments(export: Path) -> None:
    source = MailExportSource(export)
    key = "inbox/bericht.eml/attachment/1/verklaring.docx"

    assert source.extraction_name(key) == "verklaring.docx"
    assert source.read(key).startswith(b"PK\x03\x04")
    assert _text(source, key) == "Verklaring van Piet Jansen, BSN 111222333."
    assert (
        source.read("outlook/notitie.msg/attachment/1/gespreksverslag.txt") == b"Verslag: Fatima El Amrani."
    )
    with pytest.raises(ItemGone):
        source.read("inbox/bericht.eml/attachment/2/ander.pdf")
    with pytest.raises(ItemGone):
        source.read("inbox/bericht.eml/attachment/1/ander-bestand.docx")


def test_corrupt_mbox_message_is_listed_and_unreadable(export: Path) -> None:
    source = MailExportSource(export)

    assert "Goed bericht." in _text(source, OUD1)
    assert source.read(OUD2) == CORRUPT[len(b"From nobody Thu Jan  1 00:00:00 1970\n") : -1]
    with pytest.raises(UnreadableItem) as info:
        _text(source, OUD2)
    assert info.value.reason == "corrupt"


def test_delete_mbox_message_keeps_the_others(export: Path) -> None:
    source = MailExportSource(export)
    before = {i.key: i for i in source.list_items()}
    first, third = source.read(M1), source.read(M3)

    method = source.delete(M2)

    assert method.startswith(f"mbox rewritten without message {M2.rpartition('#')[2]} ")
    mbox = export / "archief" / "2020.mbox"
    assert mbox.read_bytes() == mbox_segment(MBOX_MESSAGES[0]) + mbox_segment(MBOX_MESSAGES[2])
    assert sorted(p.name for p in mbox.parent.iterdir()) == ["2020.mbox"]  # no temporary file left
    after = {i.key: i for i in source.list_items()}
    assert sorted(k for k in after if k.startswith("archief/")) == sorted([M1, M3])
    assert source.read(M1) == first
    assert source.read(M3) == third
    assert after[M1] == before[M1] and after[M3] == before[M3]
    assert source.stat(M1) == before[M1] and source.stat(M3) == before[M3]
    assert "Derde bericht over Noël Öztürk." in _text(source, M3)
    assert source.stat(M2) is None
    assert source.stat(f"{M2}/attachment/1/dossier Kees.txt") is None
    with pytest.raises(ItemGone):
        source.read(M2)
    with pytest.raises(ItemGone):
        source.delete(M2)


def test_keys_survive_deletions_by_another_source_instance(export: Path) -> None:
    """A cached table of contents is not trusted after the mbox changed under it."""
    reader = MailExportSource(export)
    assert "Subject: Drie" in _text(reader, M3)

    MailExportSource(export).delete(M1)

    assert "Subject: Drie" in _text(reader, M3)
    assert reader.stat(M1) is None
    assert reader.read(f"{M2}/attachment/1/dossier Kees.txt").startswith(b"Dossier van Kees")


def test_delete_two_messages_of_one_mbox_one_after_the_other(export: Path) -> None:
    source = MailExportSource(export)

    source.delete(M3)
    source.delete(M1)

    assert (export / "archief" / "2020.mbox").read_bytes() == mbox_segment(MBOX_MESSAGES[1])
    assert source.stat(M1) is None and source.stat(M3) is None
    assert "Tweede bericht, zie bijlage." in _text(source, M2)
    assert {i.key for i in source.list_items() if i.key.startswith("archief/")} == {
        M2,
        f"{M2}/attachment/1/dossier Kees.txt",
    }


def test_delete_every_mbox_message(export: Path) -> None:
    source = MailExportSource(export)

    for key in (M1, M2, M3):
        source.delete(key)

    assert (export / "archief" / "2020.mbox").read_bytes() == b""
    assert not any(k.startswith("archief/") for k in (i.key for i in source.list_items()))
    with pytest.raises(ItemGone):
        source.delete(M1)


def test_exact_duplicates_are_numbered_in_file_order(tmp_path: Path) -> None:
    same = mbox_segment(eml("Dubbel verstuurd aan Jan de Vries.", subject="Dubbel"))
    other = mbox_segment(eml("Iets anders.", subject="Anders"))
    (tmp_path / "dubbel.mbox").write_bytes(same + other + same + same)
    source = MailExportSource(tmp_path)
    h, o = f"dubbel.mbox#{mid(same)}", f"dubbel.mbox#{mid(other)}"

    assert [i.key for i in source.list_items()] == [h, o, f"{h}-2", f"{h}-3"]
    assert source.read(f"{h}-3") == source.read(h)

    # Deleting duplicates from the highest ordinal down keeps each deleted key absent.
    for key in (f"{h}-3", f"{h}-2"):
        source.delete(key)
        assert source.stat(key) is None
    assert [i.key for i in source.list_items()] == [h, o]
    assert (tmp_path / "dubbel.mbox").read_bytes() == same + other


@pytest.mark.parametrize(
    "key",
    [
        "archief/2020.mbox#1",  # positional, as keyed by older versions
        "archief/2020.mbox#2/attachment/1/dossier Kees.txt",
        "archief/2020.mbox#0123456789ABCDEF",  # upper case
        "archief/2020.mbox#0123456789abcdef-1",  # the first of duplicates has no suffix
        "archief/2020.mbox#0123456789abcdef-02",
    ],
)
def test_malformed_mbox_keys_are_refused_not_reported_gone(export: Path, key: str) -> None:
    source = MailExportSource(export)

    for call in (source.read, source.stat, source.delete):
        with pytest.raises(SourceError, match="not an mbox message key"):
            call(key)
    assert (export / "archief" / "2020.mbox").read_bytes() == MBOX


def test_unknown_mbox_id_is_gone(export: Path) -> None:
    source = MailExportSource(export)
    key = "archief/2020.mbox#0123456789abcdef"

    assert source.stat(key) is None
    with pytest.raises(ItemGone):
        source.read(key)
    with pytest.raises(ItemGone):
        source.delete(key)
    assert (export / "archief" / "2020.mbox").read_bytes() == MBOX


def test_mbox_changed_during_rewrite_is_refused(export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import piigov.sources.mail as mail

    mbox = export / "archief" / "2020.mbox"
    appended = mbox_segment(eml("Net binnengekomen.", subject="Nieuw"))
    original_index = mail._mbox_index

    def index_then_append(f):  # type: ignore[no-untyped-def]
        entries = original_index(f)
        with mbox.open("ab") as out:
            out.write(appended)
        return entries

    monkeypatch.setattr(mail, "_mbox_index", index_then_append)

    with pytest.raises(SourceError, match="mbox changed while it was rewritten"):
        MailExportSource(export).delete(M2)

    assert mbox.read_bytes() == MBOX + appended
    assert sorted(p.name for p in mbox.parent.iterdir()) == ["2020.mbox"]


def test_delete_file_message(export: Path) -> None:
    source = MailExportSource(export)

    assert source.delete("inbox/bericht.eml").startswith("unlink")
    assert source.delete("outlook/notitie.msg").startswith("unlink")

    assert not (export / "inbox" / "bericht.eml").exists()
    assert source.stat("inbox/bericht.eml") is None
    assert source.stat("inbox/bericht.eml/attachment/1/verklaring.docx") is None
    with pytest.raises(ItemGone):
        source.read("inbox/bericht.eml")
    with pytest.raises(ItemGone):
        source.delete("inbox/bericht.eml")
    assert not any(k.startswith(("inbox/", "outlook/")) for k in (i.key for i in source.list_items()))


def test_attachment_delete_is_refused(export: Path) -> None:
    source = MailExportSource(export)
    before = (export / "archief" / "2020.mbox").read_bytes()

    for key in ("inbox/bericht.eml/attachment/1/verklaring.docx", f"{M2}/attachment/1/dossier Kees.txt"):
        with pytest.raises(SourceError, match="attachments are destroyed with their message"):
            source.delete(key)

    assert (export / "archief" / "2020.mbox").read_bytes() == before
    assert (export / "inbox" / "bericht.eml").exists()


def test_other_files_are_not_read_or_deleted(export: Path) -> None:
    source = MailExportSource(export)

    for key in ("leesmij.txt", "link.eml"):
        with pytest.raises(SourceError):
            source.read(key)
        with pytest.raises(SourceError):
            source.delete(key)
    assert (export / "leesmij.txt").exists() and (export / "link.eml").is_symlink()


@pytest.mark.parametrize("key", ["../buiten.eml", "/etc/passwd.eml", "inbox/../../x.mbox#1"])
def test_keys_cannot_escape_the_root(export: Path, key: str) -> None:
    with pytest.raises(SourceError):
        MailExportSource(export).read(key)


def test_text_before_the_first_from_line_is_a_message(tmp_path: Path) -> None:
    loose, second = eml("Zonder From-regel.") + b"\n", mbox_segment(eml("Tweede."))
    (tmp_path / "los.mbox").write_bytes(loose + second)
    source = MailExportSource(tmp_path)
    first_key, second_key = f"los.mbox#{mid(loose)}", f"los.mbox#{mid(second)}"

    assert [i.key for i in source.list_items()] == [first_key, second_key]
    assert "Zonder From-regel." in _text(source, first_key)
    source.delete(first_key)
    assert (tmp_path / "los.mbox").read_bytes() == second
    assert [i.key for i in source.list_items()] == [second_key]


def test_uri_and_describe(export: Path) -> None:
    source = MailExportSource(export)

    assert source.kind == "mail"
    assert source.uri == f"mail+file://{export}"
    assert source.describe() == {"kind": "mail", "uri": source.uri}
    with pytest.raises(SourceError):
        MailExportSource(export / "bestaat-niet")


def _variants() -> list[bytes]:
    latin = EmailMessage()
    latin["From"] = "=?iso-8859-1?q?No=EBl_Dijkstra?= <noel@example.nl>"
    latin["Subject"] = "Café"
    latin.set_content("Geachte heer Öztürk, uw café.", charset="iso-8859-1", cte="quoted-printable")
    latin.add_alternative("<p>html</p>", subtype="html")
    latin.add_attachment(b"Bijlage van Kees", maintype="text", subtype="plain", filename="a.txt")
    html_only = EmailMessage()
    html_only["From"] = "Kees <kees@example.nl>"
    html_only.set_content("<p>Alleen <b>HTML</b> van Kees</p>", subtype="html")
    eight_bit = (
        b"From: Jan <j@example.nl>\nSubject: uw caf\xe9\nContent-Type: text/plain\n"
        b"Content-Transfer-Encoding: 8bit\n\nGeachte heer \xd6zt\xfcrk, uw caf\xe9.\n"
    )
    no_mime = b"From: Jan <j@example.nl>\nSubject: x\n\nplatte tekst zonder MIME\n"
    return [latin.as_bytes(), html_only.as_bytes(), eight_bit, no_mime]


@pytest.mark.parametrize("data", _variants(), ids=["latin-1-qp", "html-only", "8bit-no-charset", "no-mime"])
def test_message_text_is_the_full_text_without_attachments(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "bericht.eml").write_bytes(data)
    source = MailExportSource(tmp_path)

    full = extract_text("bericht.eml", data).text
    alone = _text(source, "bericht.eml")

    assert alone.rstrip("\n") == full.split("\n--- attachment: ", 1)[0].rstrip("\n")
    assert "\ufffd" not in alone.split("\n\n", 1)[1]


# --- redaction ----------------------------------------------------------------------------------


def test_redact_mbox_message_replaces_it_and_the_others_keep_their_keys(export: Path) -> None:
    source = MailExportSource(export)
    before = {i.key: i for i in source.list_items()}
    redacted = eml("Tweede bericht over <PERSOON>.\nFrom nu af aan anoniem.", subject="Twee")

    new_key, method = source.redact(M2, redacted, expected_fingerprint=before[M2].fingerprint)

    new_segment = FROM_LINE + redacted.replace(b"\nFrom nu", b"\n>From nu") + b"\n"
    assert new_key == f"archief/2020.mbox#{mid(new_segment)}" and new_key != M2
    assert method.startswith("mbox rewritten with message ")
    mbox = export / "archief" / "2020.mbox"
    assert mbox.read_bytes() == mbox_segment(MBOX_MESSAGES[0]) + new_segment + mbox_segment(MBOX_MESSAGES[2])
    assert sorted(p.name for p in mbox.parent.iterdir()) == ["2020.mbox"]  # no temporary file left
    after = {i.key: i for i in source.list_items()}
    assert sorted(k for k in after if k.startswith("archief/")) == sorted([M1, new_key, M3])
    assert after[M1] == before[M1] and after[M3] == before[M3]
    assert after[new_key].fingerprint == "sha256=" + hashlib.sha256(new_segment).hexdigest()
    assert "<PERSOON>" in _text(source, new_key) and "Kees" not in _text(source, new_key)
    assert source.stat(M2) is None


def test_redact_mbox_message_with_a_stale_fingerprint_changes_nothing(export: Path) -> None:
    source = MailExportSource(export)
    mbox = export / "archief" / "2020.mbox"
    with pytest.raises(SourceError, match="item changed since it was read"):
        source.redact(M2, b"Subject: x\n\nweg\n", expected_fingerprint="sha256=" + "0" * 64)
    assert mbox.read_bytes() == MBOX
    assert sorted(p.name for p in mbox.parent.iterdir()) == ["2020.mbox"]


def test_redact_file_messages_and_refuse_attachments(export: Path) -> None:
    source = MailExportSource(export)
    items = {i.key: i for i in source.list_items()}
    new = eml("Beste <PERSOON>,\nZie de bijlage.\n")
    key, method = source.redact(
        "inbox/bericht.eml", new, expected_fingerprint=items["inbox/bericht.eml"].fingerprint
    )
    assert key == "inbox/bericht.eml" and "atomic replace" in method
    assert (export / "inbox" / "bericht.eml").read_bytes() == new
    assert source.stat(key).fingerprint == "sha256=" + hashlib.sha256(new).hexdigest()

    stale = items["outlook/notitie.msg"].fingerprint
    (export / "outlook" / "notitie.msg").write_bytes(b"gewijzigd")
    with pytest.raises(SourceError, match="item changed since it was read"):
        source.redact("outlook/notitie.msg", b"x", expected_fingerprint=stale)
    assert (export / "outlook" / "notitie.msg").read_bytes() == b"gewijzigd"

    attachment = f"{M2}/attachment/1/dossier Kees.txt"
    with pytest.raises(SourceError, match="attachments are redacted with their message"):
        source.redact(attachment, b"x", expected_fingerprint=items[attachment].fingerprint)
    assert (export / "archief" / "2020.mbox").read_bytes() == MBOX
