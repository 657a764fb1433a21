"""Builders for fixture documents; everything is generated in memory, no binary fixtures."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from email.message import EmailMessage
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Sequence

NAME = "Fatima El Amrani"
BSN = "111222333"
EMAIL = "f.elamrani@example.nl"
SENTENCE = f"Mevrouw {NAME} (BSN {BSN}) is bereikbaar via {EMAIL}."
KNOWN = (NAME, BSN, EMAIL)


def build_docx(
    paragraphs: Sequence[str] = (SENTENCE,),
    *,
    table: Sequence[Sequence[str]] = (),
    header: str = "",
    footer: str = "",
    comment: str = "",
    body_xml: str = "",
) -> bytes:
    import docx
    from docx.oxml.parser import parse_xml

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        tbl = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                tbl.cell(r, c).text = value
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    if comment:
        run = document.add_paragraph().add_run("zie opmerking")
        document.add_comment(run, text=comment, author="Reviewer")
    if body_xml:
        element = parse_xml(
            '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"{body_xml}</w:body>"
        )
        for child in list(element):
            document.element.body.insert(len(document.element.body) - 1, child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_xlsx(sheets: dict[str, Sequence[Sequence[object]]] | None = None) -> bytes:
    import openpyxl

    if sheets is None:
        sheets = {
            "Cliënten": [
                ("Naam", "BSN", "E-mail", "Geboren"),
                (NAME, int(BSN), EMAIL, dt.datetime(1987, 3, 3)),
            ]
        }
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def build_pdf(pages: Sequence[str] = (SENTENCE,), *, blank: bool = False, compress: bool = True) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(compress)
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        if blank:
            pdf.rect(20, 20, 80, 60, style="F")  # a drawing, no text: what a scan looks like
        else:
            pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, *, user_password: str, algorithm: str = "AES-256") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="eigenaar-sleutel", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'office:version="1.2"'
)


def build_odt(
    body_xml: str = f"<text:p>{SENTENCE}</text:p>", *, header_xml: str = "", encrypted: bool = False
) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:body><office:text>{body_xml}</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF_NS}>'
        '<office:master-styles><style:master-page style:name="Standard">'
        f"<style:header>{header_xml}</style:header>"
        "</style:master-page></office:master-styles></office:document-styles>"
    )
    encryption = '<manifest:encryption-data manifest:checksum-type="SHA1"/>' if encrypted else ""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        f"{encryption}</manifest:file-entry></manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        zf.writestr("content.xml", content.encode("utf-8"), zipfile.ZIP_DEFLATED)
        zf.writestr("styles.xml", styles.encode("utf-8"), zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def build_eml(
    body: str = SENTENCE,
    *,
    html: str = "",
    attachments: Sequence[tuple[str | None, bytes, str]] = (),
    sender: str = f"{NAME} <{EMAIL}>",
    to: str = "Ayşe Şahin <a.sahin@gemeente.example.nl>",
    cc: str = "",
    subject: str = "Aanvraag bijstand",
) -> bytes:
    """``attachments`` are (filename or None, data, "maintype/subtype")."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = "Tue, 03 Mar 2020 10:15:00 +0100"
    if body:
        msg.set_content(body)
        if html:
            msg.add_alternative(html, subtype="html")
    elif html:
        msg.set_content(html, subtype="html")
    for filename, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        if filename is None:
            msg.add_attachment(data, maintype=maintype, subtype=subtype)
        else:
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes()


def _msg_properties(header: bytes, props: Sequence[tuple[int, int]]) -> bytes:
    """A ``__properties_version1.0`` stream: header, then 16-byte fixed-size property entries."""
    return header + b"".join(struct.pack("<IIQ", tag, 6, value) for tag, value in props)


def build_msg(
    body: str = SENTENCE,
    *,
    subject: str = "Aanvraag bijstand",
    sender: tuple[str, str] = (NAME, EMAIL),
    to: Sequence[tuple[str, str]] = (("Ayşe Şahin", "a.sahin@gemeente.example.nl"),),
    cc: Sequence[tuple[str, str]] = (),
    attachments: Sequence[tuple[str, bytes]] = (),
    embedded: Sequence[tuple[str, bytes]] = (),
    html: str = "",
    message_class: str = "IPM.Note",
    date: dt.datetime | None = dt.datetime(2020, 3, 3, 9, 15, tzinfo=dt.UTC),
) -> bytes:
    """A minimal Outlook .msg (OLE compound file) written with extract-msg's OleWriter.

    Streams follow [MS-OXMSG]: ``__substg1.0_<tag>`` string (001F, UTF-16) and binary (0102)
    properties, recipient and attachment storages, and ``__properties_version1.0`` streams with
    the fixed-size properties (recipient type, attach method, submit time). ``embedded`` are
    (display name, .msg bytes) attached as embedded Outlook items (attach method 5).
    """
    import olefile
    from extract_msg import OleWriter

    writer = OleWriter()

    def string(path: str, value: str) -> None:
        writer.addEntry(path, value.encode("utf-16-le"))

    string("__substg1.0_001A001F", message_class)
    string("__substg1.0_0037001F", subject)
    if body:
        string("__substg1.0_1000001F", body)
    if html:
        writer.addEntry("__substg1.0_10130102", html.encode("utf-8"))
    string("__substg1.0_0C1A001F", sender[0])
    string("__substg1.0_0C1F001F", sender[1])
    string("__substg1.0_0042001F", sender[0])
    string("__substg1.0_0065001F", sender[1])
    string("__substg1.0_5D01001F", sender[1])  # sender SMTP address
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    recipients = [(1, r) for r in to] + [(2, r) for r in cc]
    n_attach = len(attachments) + len(embedded)
    props = []
    if date is not None:
        epoch = dt.datetime(1601, 1, 1, tzinfo=dt.UTC)
        props.append((0x00390040, int((date - epoch).total_seconds()) * 10_000_000))
    header = struct.pack(
        "<8sIIII8s", bytes(8), len(recipients), n_attach, len(recipients), n_attach, bytes(8)
    )
    writer.addEntry("__properties_version1.0", _msg_properties(header, props))
    for index, (kind, (name, address)) in enumerate(recipients):
        base = f"__recip_version1.0_#{index:08X}"
        writer.addEntry(base, storage=True)
        string(f"{base}/__substg1.0_3001001F", name)
        string(f"{base}/__substg1.0_3003001F", address)
        string(f"{base}/__substg1.0_39FE001F", address)
        writer.addEntry(
            f"{base}/__properties_version1.0",
            _msg_properties(bytes(8), [(0x0C150003, kind), (0x30000003, index)]),
        )
    for index, (filename, data) in enumerate(attachments):
        base = f"__attach_version1.0_#{index:08X}"
        writer.addEntry(base, storage=True)
        writer.addEntry(f"{base}/__substg1.0_37010102", data)
        string(f"{base}/__substg1.0_3707001F", filename)
        writer.addEntry(
            f"{base}/__properties_version1.0",
            _msg_properties(bytes(8), [(0x37050003, 1), (0x0E210003, index)]),  # attach by value
        )
    for index, (display_name, inner) in enumerate(embedded, len(attachments)):
        base = f"__attach_version1.0_#{index:08X}"
        writer.addEntry(base, storage=True)
        string(f"{base}/__substg1.0_3001001F", display_name)
        writer.addEntry(
            f"{base}/__properties_version1.0",
            _msg_properties(bytes(8), [(0x37050003, 5), (0x0E210003, index)]),  # embedded message
        )
        target = f"{base}/__substg1.0_3701000D"
        writer.addEntry(target, storage=True)
        ole = olefile.OleFileIO(io.BytesIO(inner))
        # An embedded message shares its parent's named-property map and has a 24-byte header.
        for path in ole.listdir(streams=False, storages=True):
            if path[0] != "__nameid_version1.0":
                writer.addEntry("/".join([target, *path]), storage=True)
        for path in ole.listdir(streams=True, storages=False):
            if path[0] != "__nameid_version1.0":
                data = ole.openstream(path).read()
                if path == ["__properties_version1.0"]:
                    data = data[:24] + data[32:]
                writer.addEntry("/".join([target, *path]), data)
        ole.close()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_zip(members: Sequence[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return out.getvalue()


def mark_encrypted(data: bytes, member_names: Sequence[str]) -> bytes:
    """Set the 'encrypted' flag bit (0x1) of some members in both local and central headers."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        targets = [zf.getinfo(name) for name in member_names]
    for info in targets:
        (flags,) = struct.unpack_from("<H", buf, info.header_offset + 6)
        struct.pack_into("<H", buf, info.header_offset + 6, flags | 0x1)
    pos = buf.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        name = bytes(buf[pos + 46 : pos + 46 + name_len]).decode("utf-8")
        if name in member_names:
            (flags,) = struct.unpack_from("<H", buf, pos + 8)
            struct.pack_into("<H", buf, pos + 8, flags | 0x1)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


@pytest.fixture
def build() -> SimpleNamespace:
    """The document builders and the known strings planted in default documents."""
    return SimpleNamespace(
        docx=build_docx,
        xlsx=build_xlsx,
        pdf=build_pdf,
        encrypt_pdf=encrypt_pdf,
        odt=build_odt,
        eml=build_eml,
        msg=build_msg,
        zip=build_zip,
        mark_encrypted=mark_encrypted,
        NAME=NAME,
        BSN=BSN,
        EMAIL=EMAIL,
        SENTENCE=SENTENCE,
        KNOWN=KNOWN,
    )


@pytest.fixture
def planted() -> str:
    """A marker that must never leak from document content into errors, warnings or logs."""
    return "GEHEIM-Pieter-Jansen-999888777"
