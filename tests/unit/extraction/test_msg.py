"""Outlook .msg messages: headers, body, attachments (recursive), dispatch and unreadable cases.

The fixtures are real OLE compound files written with extract-msg's OleWriter (``build.msg``).
"""

from __future__ import annotations

import io
import logging
import os
from email.message import EmailMessage
from typing import TYPE_CHECKING

import pytest

from piigov.extraction import SUPPORTED_SUFFIXES, UnreadableItem, extract_text
from piigov.extraction.msg import read_msg

if TYPE_CHECKING:
    from types import SimpleNamespace

# CMS ContentInfo { contentType enveloped-data (1.2.840.113549.1.7.3), [0] ... }, DER.
ENVELOPED = bytes.fromhex("308006092a864886f70d010703a080") + os.urandom(200)
SIGNED = bytes.fromhex("308006092a864886f70d010702a080") + os.urandom(200)


def test_msg_headers_body_and_attachments(build: SimpleNamespace) -> None:
    attachment = build.docx(["Bijlage: verklaring van Kees Bakker, BSN 123456782."])
    data = build.msg(
        "Beste Ayşe,\r\nZie de bijlage.",
        cc=[("Jan de Vries", "jan@example.nl")],
        attachments=[("verklaring.docx", attachment), ("notitie.txt", "Noël Öztürk".encode())],
    )

    result = extract_text("bericht.msg", data)

    assert result.text.splitlines()[:7] == [
        f"From: {build.NAME} <{build.EMAIL}>",
        "To: Ayşe Şahin <a.sahin@gemeente.example.nl>",
        "Cc: Jan de Vries <jan@example.nl>",
        "Subject: Aanvraag bijstand",
        "Date: Tue, 03 Mar 2020 09:15:00 +0000",
        "",
        "Beste Ayşe,",
    ]
    assert "--- attachment: verklaring.docx ---\nBijlage: verklaring van Kees Bakker" in result.text
    assert "--- attachment: notitie.txt ---\nNoël Öztürk" in result.text
    assert result.format == "msg"
    assert result.parts == ("verklaring.docx", "notitie.txt")
    assert result.warnings == ()


def test_msg_is_a_supported_suffix_and_found_by_signature(build: SimpleNamespace) -> None:
    data = build.msg()

    assert ".msg" in SUPPORTED_SUFFIXES
    for name in ("bericht.MSG", "bericht", "bericht.bin"):
        result = extract_text(name, data)
        assert result.format == "msg"
        assert all(known in result.text for known in build.KNOWN)


def test_msg_html_only_body_is_stripped(build: SimpleNamespace) -> None:
    html = "<html><body><p>Geachte mevrouw <b>Öztürk</b>,</p><script>geheim()</script></body></html>"

    text = extract_text("bericht.msg", build.msg("", html=html)).text

    assert text.endswith("\n\nGeachte mevrouw Öztürk,")
    assert "geheim" not in text


def test_msg_embedded_message_is_extracted_recursively(build: SimpleNamespace) -> None:
    inner = build.msg(
        "Binnenste bericht over Piet Jansen", subject="Doorgestuurd", attachments=[("cv.txt", b"CV Piet")]
    )
    data = build.msg("Zie het doorgestuurde bericht.", embedded=[("Doorgestuurd", inner)])

    result = extract_text("fwd.msg", data)

    assert "--- attachment: Doorgestuurd.msg ---" in result.text
    assert "Subject: Doorgestuurd" in result.text
    assert "Binnenste bericht over Piet Jansen\n--- attachment: cv.txt ---\nCV Piet" in result.text
    assert result.parts == ("Doorgestuurd.msg", "Doorgestuurd.msg/cv.txt")

    shallow = extract_text("fwd.msg", data, max_depth=1)
    assert shallow.parts == ("Doorgestuurd.msg",)
    assert shallow.warnings == ("attachment 1: attachment 1: unreadable (too_large)",)

    none = extract_text("fwd.msg", data, max_depth=0)
    assert "--- attachment: Doorgestuurd.msg (unreadable: too_large) ---" in none.text
    assert none.parts == ()


def test_msg_unreadable_attachment_is_a_warning(build: SimpleNamespace) -> None:
    data = build.msg(attachments=[("kapot.pdf", b"%PDF-1.7 afgebroken"), ("goed.txt", b"Kees Bakker")])

    result = extract_text("bericht.msg", data)

    assert "--- attachment: kapot.pdf (unreadable: corrupt) ---" in result.text
    assert result.parts == ("goed.txt",)
    assert result.warnings == ("attachment 1: unreadable (corrupt)",)
    assert build.SENTENCE in result.text


def test_msg_attached_to_eml_and_in_zip(build: SimpleNamespace) -> None:
    inner = build.msg("Tekst in het Outlook-bericht: Kees Bakker.")
    eml = build.eml("Doorgestuurd.", attachments=[("origineel.msg", inner, "application/vnd.ms-outlook")])
    archive = build.zip([("map/bericht.msg", inner)])

    from_eml = extract_text("bericht.eml", eml)
    from_zip = extract_text("archief.zip", archive)

    assert from_eml.parts == ("origineel.msg",)
    assert "Tekst in het Outlook-bericht: Kees Bakker." in from_eml.text
    assert from_zip.parts == ("map/bericht.msg",)
    assert "Tekst in het Outlook-bericht: Kees Bakker." in from_zip.text


def test_read_msg_gives_the_parts(build: SimpleNamespace) -> None:
    content = read_msg(build.msg("tekst", attachments=[("scan", b"%PDF-1.4 ..."), ("a.txt", b"x")]))

    assert dict(content.headers)["Subject"] == "Aanvraag bijstand"
    assert content.body == "tekst"
    assert [(a.name, a.dispatch_name, a.data) for a in content.attachments] == [
        ("scan", "scan", b"%PDF-1.4 ..."),
        ("a.txt", "a.txt", b"x"),
    ]


# --- unreadable messages ------------------------------------------------------------------------


def test_smime_encrypted_msg_is_encrypted(build: SimpleNamespace) -> None:
    data = build.msg("", message_class="IPM.Note.SMIME", attachments=[("smime.p7m", ENVELOPED)])

    with pytest.raises(UnreadableItem) as info:
        extract_text("versleuteld.msg", data)
    assert info.value.reason == "encrypted"


def test_rights_managed_msg_is_encrypted(build: SimpleNamespace) -> None:
    data = build.msg(
        "Dit bericht is beveiligd.",
        message_class="IPM.Note.rpmsg.Microsoft.Voicemail.UM",
        attachments=[("message.rpmsg", os.urandom(300))],
    )

    with pytest.raises(UnreadableItem) as info:
        extract_text("irm.msg", data)
    assert info.value.reason == "encrypted"


def test_smime_signed_msg_is_not_reported_encrypted(build: SimpleNamespace) -> None:
    data = build.msg("Ondertekend bericht van Kees Bakker.", message_class="IPM.Note.SMIME")

    assert "Ondertekend bericht van Kees Bakker." in extract_text("getekend.msg", data).text
    signed = build.msg("x", message_class="IPM.Note.SMIME", attachments=[("smime.p7m", SIGNED)])
    assert extract_text("getekend.msg", signed).format == "msg"


def _ole_without_msg_streams() -> bytes:
    from extract_msg import OleWriter

    writer = OleWriter()
    writer.addEntry("WordDocument", b"\x00" * 5000)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("tekst.msg", lambda b: b"From: iemand\r\n\r\ngeen OLE-bestand, alleen tekst", "corrupt"),
        ("nullen.msg", lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "corrupt"),
        ("afgebroken.msg", lambda b: b.msg()[:1600], "corrupt"),
        ("woord.msg", lambda b: _ole_without_msg_streams(), "unsupported_format"),
        ("onbekend.msg", lambda b: b.msg(message_class="IPM.Onbekend.Soort"), "unsupported_format"),
        ("leeg.msg", lambda b: b"", "empty"),
    ],
)
def test_unreadable_msg_reasons(build: SimpleNamespace, name: str, make: object, reason: str) -> None:
    data = make(build)  # type: ignore[operator]

    with pytest.raises(UnreadableItem) as info:
        extract_text(name, data)
    assert info.value.reason == reason


def test_short_msg_bytes_are_never_opened_as_a_path(tmp_path: object) -> None:
    # olefile treats bytes shorter than 1536 as a file name; the extractor must never do that.
    with pytest.raises(UnreadableItem) as info:
        extract_text("pad.msg", b"/etc/hostname")
    assert info.value.reason == "corrupt"
    with pytest.raises(UnreadableItem):
        extract_text("pad.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1/etc/hostname")


def test_msg_content_never_reaches_errors_or_logs(
    build: SimpleNamespace, planted: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    good = build.msg(
        planted, subject=planted, attachments=[(f"{planted}.pdf", b"%PDF-kapot " + planted.encode())]
    )
    broken = good[:2048]

    result = extract_text("bericht.msg", good)
    with pytest.raises(UnreadableItem) as info:
        extract_text("bericht.msg", broken)

    assert planted in result.text
    assert all(planted not in w for w in result.warnings)
    assert planted not in str(info.value) and planted not in repr(info.value)
    assert planted not in caplog.text


def test_eml_still_reads_as_eml(build: SimpleNamespace) -> None:
    msg = EmailMessage()
    msg["From"] = "Kees Bakker <kees@example.nl>"
    msg.set_content("tekst")

    assert extract_text("bericht.eml", msg.as_bytes()).format == "eml"
