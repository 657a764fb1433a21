"""Containers: e-mail messages with attachments and zip archives, including their limits."""

from __future__ import annotations

import io
import zipfile
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import TYPE_CHECKING

import pytest

from piigov.extraction import UnreadableItem, archive, extract_text

if TYPE_CHECKING:
    from types import SimpleNamespace

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# --- eml --------------------------------------------------------------------------------------------


def test_eml_headers_body_and_docx_attachment(build: SimpleNamespace) -> None:
    attachment = build.docx(["Bijlage: verklaring van Kees Bakker, BSN 123456782."])
    data = build.eml(
        "Beste Ayşe,\nZie de bijlage.\n",
        cc="Jan de Vries <jan@example.nl>",
        attachments=[("verklaring.docx", attachment, DOCX_TYPE)],
    )

    result = extract_text("bericht.eml", data)

    lines = result.text.splitlines()
    assert lines[:5] == [
        f"From: {build.NAME} <{build.EMAIL}>",
        "To: Ayşe Şahin <a.sahin@gemeente.example.nl>",
        "Cc: Jan de Vries <jan@example.nl>",
        "Subject: Aanvraag bijstand",
        "Date: Tue, 03 Mar 2020 10:15:00 +0100",
    ]
    assert "Beste Ayşe,\nZie de bijlage." in result.text
    assert "--- attachment: verklaring.docx ---\nBijlage: verklaring van Kees Bakker" in result.text
    assert result.format == "eml"
    assert result.parts == ("verklaring.docx",)
    assert result.warnings == ()


def test_eml_html_only_body_is_stripped(build: SimpleNamespace) -> None:
    html = (
        "<html><head><style>p {color: red}</style><script>var x = 'geheim';</script></head>"
        "<body><p>Geachte mevrouw <b>Öztürk</b>,</p><p>Uw caf&eacute;-vergunning &amp; BSN "
        "111222333.</p><table><tr><td>Naam</td><td>Fatima El Amrani</td></tr></table></body></html>"
    )

    text = extract_text("bericht.eml", build.eml("", html=html)).text

    assert "Geachte mevrouw Öztürk," in text
    assert "Uw café-vergunning & BSN 111222333." in text
    assert "Fatima El Amrani" in text
    assert "<" not in text.split("\n\n", 1)[1]
    assert "color" not in text and "geheim" not in text


def test_eml_prefers_plain_over_html(build: SimpleNamespace) -> None:
    text = extract_text("bericht.eml", build.eml("platte tekst", html="<p>html tekst</p>")).text

    assert "platte tekst" in text
    assert "html tekst" not in text


def test_eml_encoded_headers_are_decoded() -> None:
    msg = EmailMessage()
    msg["From"] = "=?utf-8?q?Ay=C5=9Fe_=C3=96zt=C3=BCrk?= <ayse@example.nl>"
    msg["To"] = "=?iso-8859-1?q?No=EBl_Dijkstra?= <noel@example.nl>"
    msg["Subject"] = "=?utf-8?b?Q2Fmw6kgYWFudnJhYWc=?="
    msg.set_content("tekst")

    text = extract_text("bericht.eml", msg.as_bytes()).text

    assert "From: Ayşe Öztürk <ayse@example.nl>" in text
    assert "To: Noël Dijkstra <noel@example.nl>" in text
    assert "Subject: Café aanvraag" in text


def test_eml_legacy_8bit_body_without_charset() -> None:
    raw = (
        b"From: Gemeente <info@gemeente.example.nl>\r\nTo: N. Dijkstra <n@example.nl>\r\n"
        b"Subject: Brief\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "Geachte heer Noël Öztürk, uw café.\r\n".encode("cp1252")
    )

    assert "Geachte heer Noël Öztürk, uw café." in extract_text("bericht.eml", raw).text


def test_eml_latin1_label_on_windows_1252_body() -> None:
    raw = (
        b"From: Gemeente <info@gemeente.example.nl>\r\nSubject: Factuur\r\n"
        b'Content-Type: text/plain; charset="iso-8859-1"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
        + "Bedrag € 12,50 – mevrouw Öztürk\r\n".encode("cp1252")
    )

    assert "Bedrag € 12,50 – mevrouw Öztürk" in extract_text("factuur.eml", raw).text


def test_eml_consisting_of_one_attached_file(build: SimpleNamespace) -> None:
    msg = EmailMessage()
    msg["From"] = "Scanner <scanner@gemeente.example.nl>"
    msg["Subject"] = "Scan"
    msg.set_content(build.pdf(["Gescand: Kees Bakker"]), maintype="application", subtype="pdf")
    msg.add_header("Content-Disposition", "attachment", filename="scan.pdf")

    result = extract_text("scan.eml", msg.as_bytes())

    assert "From: Scanner <scanner@gemeente.example.nl>" in result.text
    assert "--- attachment: scan.pdf ---\nGescand: Kees Bakker" in result.text
    assert result.parts == ("scan.pdf",)


@pytest.mark.parametrize(
    ("filename", "data", "content_type", "reason"),
    [
        ("kapot.docx", b"dit is geen docx" * 20, DOCX_TYPE, "corrupt"),
        ("kapot.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "application/pdf", "corrupt"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + bytes(100), "image/jpeg", "unsupported_format"),
        ("leeg.txt", b"", "text/plain", "empty"),
    ],
)
def test_eml_unreadable_attachment_becomes_warning(
    build: SimpleNamespace, filename: str, data: bytes, content_type: str, reason: str
) -> None:
    good = build.docx(["Tweede bijlage: Kees Bakker"])
    eml = build.eml(attachments=[(filename, data, content_type), ("goed.docx", good, DOCX_TYPE)])

    result = extract_text("bericht.eml", eml)

    assert result.warnings == (f"attachment 1: unreadable ({reason})",)
    assert build.SENTENCE in result.text
    assert f"--- attachment: {filename} (unreadable: {reason}) ---" in result.text
    assert "--- attachment: goed.docx ---\nTweede bijlage: Kees Bakker" in result.text
    assert result.parts == ("goed.docx",)


def test_eml_encrypted_pdf_attachment(build: SimpleNamespace) -> None:
    locked = build.encrypt_pdf(build.pdf(), user_password="geheim")
    eml = build.eml(attachments=[("beveiligd.pdf", locked, "application/pdf")])

    result = extract_text("bericht.eml", eml)

    assert result.warnings == ("attachment 1: unreadable (encrypted)",)
    assert build.NAME in result.text  # from the headers and body


def test_eml_attachment_without_filename_uses_content_type(build: SimpleNamespace) -> None:
    eml = build.eml(attachments=[(None, build.pdf(["PDF-bijlage: Kees Bakker"]), "application/pdf")])

    result = extract_text("bericht.eml", eml)

    assert "--- attachment: attachment-1.pdf ---\nPDF-bijlage: Kees Bakker" in result.text
    assert result.parts == ("attachment-1.pdf",)


@pytest.mark.parametrize("attach_as", ["message", "base64-bytes"])
def test_eml_forwarded_message_and_nested_attachment(build: SimpleNamespace, attach_as: str) -> None:
    inner = build.eml(
        "Doorgestuurd bericht.",
        sender="Kees Bakker <kees@example.nl>",
        attachments=[("cv.docx", build.docx(["CV van Kees Bakker, geboren 03-03-1987"]), DOCX_TYPE)],
    )
    outer = EmailMessage()
    outer["From"] = "Jan de Vries <jan@example.nl>"
    outer["To"] = "archief@example.nl"
    outer["Subject"] = "Fwd: sollicitatie"
    outer.set_content("Zie onder.")
    if attach_as == "message":  # the standard form: 7bit/8bit message/rfc822
        outer.add_attachment(message_from_bytes(inner, policy=policy.default), filename="origineel.eml")
    else:  # some clients base64-encode the attached message
        outer.add_attachment(inner, maintype="message", subtype="rfc822", filename="origineel.eml")
    outer_bytes = outer.as_bytes()

    result = extract_text("fwd.eml", outer_bytes)

    assert "--- attachment: origineel.eml ---" in result.text
    assert "From: Kees Bakker <kees@example.nl>" in result.text
    assert "CV van Kees Bakker" in result.text
    assert result.parts == ("origineel.eml", "origineel.eml/cv.docx")

    shallow = extract_text("fwd.eml", outer_bytes, max_depth=1)
    assert "From: Kees Bakker <kees@example.nl>" in shallow.text
    assert "CV van Kees Bakker" not in shallow.text
    assert shallow.warnings == ("attachment 1: attachment 1: unreadable (too_large)",)


def test_eml_depth_zero_keeps_headers_and_body(build: SimpleNamespace) -> None:
    eml = build.eml(attachments=[("a.docx", build.docx(), DOCX_TYPE)])

    result = extract_text("bericht.eml", eml, max_depth=0)

    assert build.SENTENCE in result.text
    assert result.warnings == ("attachment 1: unreadable (too_large)",)
    assert result.parts == ()


def test_eml_without_headers_is_corrupt() -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text("bericht.eml", b"\n\nalleen een body zonder headers\n")

    assert info.value.reason == "corrupt"


# --- zip --------------------------------------------------------------------------------------------


def test_zip_members_are_extracted_with_separators(build: SimpleNamespace) -> None:
    data = build.zip(
        [
            ("dossier/", b""),
            ("dossier/notitie.txt", "Notitie over Öztürk".encode("cp1252")),
            ("dossier/brief.docx", build.docx([build.SENTENCE])),
            ("dossier/lijst.xlsx", build.xlsx()),
        ]
    )

    result = extract_text("archief.zip", data)

    assert result.text.startswith("--- member: dossier/notitie.txt ---\nNotitie over Öztürk\n")
    assert f"--- member: dossier/brief.docx ---\n{build.SENTENCE}" in result.text
    assert "--- member: dossier/lijst.xlsx ---\n--- sheet: Cliënten ---" in result.text
    assert result.parts == ("dossier/notitie.txt", "dossier/brief.docx", "dossier/lijst.xlsx")
    assert result.warnings == ()


def test_nested_zip(build: SimpleNamespace) -> None:
    innermost = build.zip([("diep.txt", b"Kees Bakker 123456782")])
    inner = build.zip([("brief.txt", build.SENTENCE.encode()), ("nog.zip", innermost)])
    outer = build.zip([("inner.zip", inner)])

    result = extract_text("archief.zip", outer)

    assert build.NAME in result.text
    assert "--- member: inner.zip ---\n--- member: brief.txt ---" in result.text
    assert "Kees Bakker 123456782" in result.text
    assert result.parts == (
        "inner.zip",
        "inner.zip/brief.txt",
        "inner.zip/nog.zip",
        "inner.zip/nog.zip/diep.txt",
    )


@pytest.mark.parametrize(
    ("max_depth", "found", "warnings"),
    [
        (3, True, ()),
        (2, False, ("member 1: member 1: unreadable (too_large)",)),
        (1, False, ("member 1: unreadable (too_large)",)),
    ],
)
def test_zip_depth_limit(
    build: SimpleNamespace, max_depth: int, found: bool, warnings: tuple[str, ...]
) -> None:
    level3 = build.zip([("diep.txt", b"Kees Bakker")])
    level2 = build.zip([("niveau3.zip", level3)])
    level1 = build.zip([("niveau2.zip", level2)])

    result = extract_text("niveau1.zip", level1, max_depth=max_depth)

    assert ("Kees Bakker" in result.text) is found
    assert result.warnings == warnings


def test_zip_at_depth_zero_is_too_large(build: SimpleNamespace) -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text("a.zip", build.zip([("a.txt", b"x")]), max_depth=0)

    assert info.value.reason == "too_large"


def test_zip_bomb_ratio_is_too_large(build: SimpleNamespace) -> None:
    bomb = build.zip([("nullen.bin", bytes(10 * 1024 * 1024)), ("leesmij.txt", b"hallo")])
    with zipfile.ZipFile(io.BytesIO(bomb)) as zf:
        info = zf.getinfo("nullen.bin")
        assert info.file_size / info.compress_size > archive.MAX_COMPRESSION_RATIO

    with pytest.raises(UnreadableItem) as err:
        extract_text("bom.zip", bomb)

    assert err.value.reason == "too_large"
    assert "ratio" in err.value.detail


def test_small_sparse_members_are_not_ratio_checked(build: SimpleNamespace) -> None:
    data = build.zip([("formulier.txt", b"Naam: Kees Bakker" + b" " * 100_000)])

    assert "Kees Bakker" in extract_text("a.zip", data).text


def test_zip_bomb_in_eml_attachment_is_a_warning(build: SimpleNamespace) -> None:
    bomb = build.zip([("nullen.txt", bytes(10 * 1024 * 1024))])
    eml = build.eml(attachments=[("bom.zip", bomb, "application/zip")])

    result = extract_text("bericht.eml", eml)

    assert result.warnings == ("attachment 1: unreadable (too_large)",)
    assert build.NAME in result.text


def test_zip_member_count_limit(build: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    data = build.zip([(f"f{i}.txt", b"x") for i in range(6)])

    with pytest.raises(UnreadableItem) as err:
        extract_text("veel.zip", data)

    assert err.value.reason == "too_large"
    assert err.value.detail == "zip member count 6 exceeds limit 5"
    assert len(extract_text("genoeg.zip", build.zip([(f"f{i}.txt", b"x") for i in range(5)])).parts) == 5


def test_zip_total_size_limit_is_shared_across_nesting(
    build: SimpleNamespace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_UNCOMPRESSED", 50_000)
    chunk = bytes(random_text(20_000), "ascii")
    inner = build.zip([("a.txt", chunk), ("b.txt", chunk)])  # 40 kB
    outer = build.zip([("inner.zip", inner), ("c.txt", chunk)])  # 20 kB + inner

    result = extract_text("archief.zip", outer)
    assert result.warnings == ("member 1: unreadable (too_large)",)

    with pytest.raises(UnreadableItem) as err:
        extract_text("groot.zip", build.zip([("a.txt", chunk), ("b.txt", chunk), ("c.txt", chunk)]))
    assert err.value.reason == "too_large"


def random_text(n: int) -> str:
    import random

    rng = random.Random(7)
    return "".join(rng.choice("abcdefghij klmnop\n") for _ in range(n))


def test_encrypted_member_is_a_warning(build: SimpleNamespace) -> None:
    data = build.mark_encrypted(
        build.zip([("geheim.txt", b"versleuteld"), ("open.txt", b"Kees Bakker")]), ["geheim.txt"]
    )

    result = extract_text("deels.zip", data)

    assert result.warnings == ("member 1: encrypted",)
    assert "Kees Bakker" in result.text
    assert result.parts == ("open.txt",)


def test_all_members_encrypted_is_encrypted(build: SimpleNamespace) -> None:
    data = build.mark_encrypted(build.zip([("a.txt", b"aaaa"), ("b.txt", b"bbbb")]), ["a.txt", "b.txt"])

    with pytest.raises(UnreadableItem) as err:
        extract_text("geheim.zip", data)

    assert err.value.reason == "encrypted"


def test_unreadable_members_become_warnings(build: SimpleNamespace) -> None:
    data = build.zip(
        [
            ("kapot.docx", b"geen docx" * 10),
            ("programma.exe", b"MZ\x90\x00"),
            ("leeg.txt", b""),
            ("goed.txt", b"Kees Bakker"),
        ]
    )

    result = extract_text("gemengd.zip", data)

    assert result.warnings == (
        "member 1: unreadable (corrupt)",
        "member 2: unreadable (unsupported_format)",
        "member 3: unreadable (empty)",
    )
    assert "--- member: goed.txt ---\nKees Bakker" in result.text
    assert result.parts == ("goed.txt",)


def test_zip_without_file_members_is_empty(build: SimpleNamespace) -> None:
    with pytest.raises(UnreadableItem) as err:
        extract_text("leeg.zip", build.zip([("map/", b"")]))

    assert err.value.reason == "empty"


def test_zip_with_bad_crc_member(build: SimpleNamespace) -> None:
    data = bytearray(build.zip([("a.txt", b"Kees Bakker woont hier"), ("b.txt", b"ok")], compression=0))
    data[data.find(b"Kees")] = ord("X")  # stored member: flip content so the CRC no longer matches

    result = extract_text("crc.zip", bytes(data))

    assert result.warnings == ("member 1: unreadable (corrupt)",)
    assert result.parts == ("b.txt",)
