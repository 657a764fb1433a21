"""Writers: turn a Doc or Mail into reproducible bytes (txt, docx, xlsx, pdf, eml)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING

import docx
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from openpyxl import Workbook
from openpyxl.styles import Font
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject

from piigov.demo.content import Heading, Para, doc_lines, wrap

if TYPE_CHECKING:
    from collections.abc import Iterable

    from piigov.demo.content import Doc, Mail

_CET = timezone(timedelta(hours=1))
_AUTHOR = "SZW"


def _utc(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def normalize_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite an OOXML zip with fixed entry timestamps and metadata dates, so bytes are reproducible."""
    stamp = _utc(when).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{stamp}\g<2>", text
                )
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o100644 << 16
            dst.writestr(entry, content)
    return out.getvalue()


# --- txt ---------------------------------------------------------------------------------------------
def txt_bytes(doc: Doc, protect: Iterable[str], encoding: str) -> bytes:
    newline = "\r\n" if encoding == "cp1252" else "\n"
    return (newline.join(doc_lines(doc, 78, protect)) + newline).encode(encoding)


def csv_bytes(header: tuple[str, ...], rows: Iterable[tuple[str, ...]], encoding: str) -> bytes:
    """A semicolon-separated legacy export (written as .txt)."""
    newline = "\r\n" if encoding == "cp1252" else "\n"
    lines = [";".join(header), *(";".join(r) for r in rows)]
    return (newline.join(lines) + newline).encode(encoding)


# --- docx --------------------------------------------------------------------------------------------
def docx_bytes(doc: Doc) -> bytes:
    d = docx.Document()
    props = d.core_properties
    props.author = _AUTHOR
    props.last_modified_by = _AUTHOR
    props.title = doc.title
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.revision = 1
    props.created = doc.date
    props.modified = doc.date
    props.last_printed = doc.date
    d.styles["Normal"].font.size = Pt(10)
    d.add_heading(doc.title, level=1)
    for b in doc.blocks:
        if isinstance(b, Heading):
            d.add_heading(b.text, level=2)
        elif isinstance(b, Para):
            d.add_paragraph(b.text)
        else:
            table = d.add_table(rows=1 + len(b.rows), cols=len(b.header))
            table.style = "Table Grid"
            for r, row in enumerate((b.header, *b.rows)):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            d.add_paragraph("")
    buf = io.BytesIO()
    d.save(buf)
    return normalize_zip(buf.getvalue(), doc.date)


# --- xlsx --------------------------------------------------------------------------------------------
def xlsx_bytes(doc: Doc) -> bytes:
    wb = Workbook()
    wb.properties.creator = _AUTHOR
    wb.properties.lastModifiedBy = _AUTHOR
    wb.properties.created = doc.date
    wb.properties.title = doc.title
    ws = wb.active
    assert ws is not None
    ws.title = doc.sheet
    ws.cell(row=1, column=1, value=doc.title).font = Font(bold=True, size=12)
    row = 2
    widths: dict[int, int] = {}
    for b in doc.blocks:
        row += 1
        if isinstance(b, Heading | Para):
            cell = ws.cell(row=row, column=1, value=b.text)
            if isinstance(b, Heading):
                cell.font = Font(bold=True)
            continue
        for c, value in enumerate(b.header, start=1):
            ws.cell(row=row, column=c, value=value).font = Font(bold=True)
        for values in b.rows:
            row += 1
            for c, value in enumerate(values, start=1):
                ws.cell(row=row, column=c, value=value)
                widths[c] = max(widths.get(c, 8), len(value) + 2)
    for c, w in widths.items():
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = min(w, 60)
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue(), doc.date)


# --- pdf ---------------------------------------------------------------------------------------------
def pdf_bytes(doc: Doc, protect: Iterable[str]) -> bytes:
    """A text PDF with a core font; ``doc`` must already be folded to latin-1."""
    protect = tuple(protect)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_utc(doc.date))
    pdf.set_title(doc.title)
    pdf.set_author(_AUTHOR)
    pdf.set_creator(_AUTHOR)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 10, doc.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def line(text: str, style: str = "", size: int = 10) -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    for b in doc.blocks:
        pdf.ln(2)
        if isinstance(b, Heading):
            line(b.text, "B", 11)
        elif isinstance(b, Para):
            for text in wrap(b.text, 95, protect):
                line(text)
        else:  # tables as records, one line per cell: robust text extraction
            for record in b.rows:
                for key, value in zip(b.header, record, strict=True):
                    for text in wrap(f"{key}: {value}", 95, protect):
                        line(text)
                pdf.ln(2)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, user_password: str, owner_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    assert writer._ID is not None
    # pypdf puts a random second file identifier in the trailer; the key only depends on the first one
    writer._ID = ArrayObject((writer._ID[0], writer._ID[0]))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- eml ---------------------------------------------------------------------------------------------
def _address(display: str, addr: str) -> Address:
    return Address(display_name=display, addr_spec=addr)


def eml_bytes(mail: Mail, protect: Iterable[str]) -> bytes:
    protect = tuple(protect)
    msg = EmailMessage()
    msg["From"] = _address(*mail.sender)
    msg["To"] = [_address(*a) for a in mail.to]
    if mail.cc:
        msg["Cc"] = [_address(*a) for a in mail.cc]
    msg["Subject"] = mail.subject
    msg["Date"] = format_datetime(mail.date.replace(tzinfo=_CET))
    msg["Message-ID"] = mail.message_id
    body_lines: list[str] = []
    for para in mail.body:
        for raw in para.split("\n"):
            body_lines += wrap(raw, 76, protect) if raw else [""]
        body_lines.append("")
    msg.set_content("\n".join(body_lines), charset="utf-8")
    att = mail.attachment
    if att is not None:
        if att.format == "docx":
            msg.add_attachment(
                docx_bytes(att.doc),
                maintype="application",
                subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                filename=att.filename,
            )
        else:
            text = "\n".join(doc_lines(att.doc, 76, protect)) + "\n"
            msg.add_attachment(text, subtype="plain", charset="utf-8", filename=att.filename)
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"----=_Part_{mail.message_id.strip('<>').split('@')[0]}_{n}")
    return msg.as_bytes(policy=policy.SMTP)
