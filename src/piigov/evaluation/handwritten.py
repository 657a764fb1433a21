"""A hand-written set of Dutch government documents: detection measured on text nobody tuned for.

The regression set plants values in the project's own templates, which the recognizers were
written against; it is 100 % by construction. The documents in ``data/handwritten/`` (set A),
``data/handwritten_b/`` to ``data/handwritten_q/`` (sets B to Q)
were written by hand, without looking at the detector (their READMEs say how), in the forms a
ministry's file share holds: letters, memos, minutes, e-mails, case notes, register exports and policy texts
without personal data. Each JSON file holds the text, its format, the planted values (with the
origin of every name) and *negatives*: strings that must not be reported as a given type (a
case number that fails the elfproef is no BSN, "moskee El Fath" is no person).

Every document is first written in its format (docx, xlsx, pdf, eml, csv, txt; .msg as .eml) and
read back with :func:`piigov.extraction.extract_text`, so line wrapping in a PDF or the headers
of a mail are part of what is measured. Scoring is that of the regression set
(:func:`piigov.evaluation.regression.score`: per planted value, an occurrence overlapped by a
detection of its type; whitespace inside a value may be any run of blanks or a line break), plus
the negatives that were reported.
"""

from __future__ import annotations

import io
import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piigov.demo.manifest import PlantedValue
from piigov.evaluation.regression import (
    RegressionDocument,
    RegressionResult,
    find_occurrences,
    score,
)
from piigov.evaluation.scoring import overlaps

if TYPE_CHECKING:
    from collections.abc import Sequence

    from piigov.detection import Detector

DATA_DIR = Path(__file__).parent / "data" / "handwritten"
#: The hand-written sets, by name: A (written first; the detector was tuned on its errors), B to S
#: (written later by other hands, each measured blind before it was added).
SETS = {
    "A": DATA_DIR,
    "B": Path(__file__).parent / "data" / "handwritten_b",
    "C": Path(__file__).parent / "data" / "handwritten_c",
    "D": Path(__file__).parent / "data" / "handwritten_d",
    "E": Path(__file__).parent / "data" / "handwritten_e",
    "F": Path(__file__).parent / "data" / "handwritten_f",
    "G": Path(__file__).parent / "data" / "handwritten_g",
    "H": Path(__file__).parent / "data" / "handwritten_h",
    "I": Path(__file__).parent / "data" / "handwritten_i",
    "J": Path(__file__).parent / "data" / "handwritten_j",
    "K": Path(__file__).parent / "data" / "handwritten_k",
    "L": Path(__file__).parent / "data" / "handwritten_l",
    "M": Path(__file__).parent / "data" / "handwritten_m",
    "N": Path(__file__).parent / "data" / "handwritten_n",
    "O": Path(__file__).parent / "data" / "handwritten_o",
    "P": Path(__file__).parent / "data" / "handwritten_p",
    "Q": Path(__file__).parent / "data" / "handwritten_q",
    "R": Path(__file__).parent / "data" / "handwritten_r",
    "S": Path(__file__).parent / "data" / "handwritten_s",
}
FORMATS = ("txt", "csv", "docx", "xlsx", "pdf", "eml", "msg")
_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_DATE = datetime(2023, 6, 1, 9, 30, tzinfo=UTC)
_MAIL_HEADERS = {"van": "From", "aan": "To", "cc": "Cc", "onderwerp": "Subject", "datum": None}
_HEADER_LINE = re.compile(r"^(?P<name>[A-Za-z]+)\s*:\s*(?P<value>.*)$")
_CELLS = re.compile(r"\t|;")


@dataclass(frozen=True)
class Negative:
    entity_type: str
    value: str
    why: str = ""


@dataclass(frozen=True)
class HandwrittenDocument:
    id: str
    format: str
    expected_class: str
    text: str  # as written in the JSON file
    planted: tuple[PlantedValue, ...]
    negatives: tuple[Negative, ...]


def load_documents(directory: Path = DATA_DIR) -> list[HandwrittenDocument]:
    """Every ``*.json`` document in ``directory``, sorted by file name."""
    documents = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") not in FORMATS:
            raise ValueError(f"{path.name}: format must be one of {FORMATS}")
        documents.append(
            HandwrittenDocument(
                id=str(data.get("id") or path.stem),
                format=data["format"],
                expected_class=data["expected_class"],
                text=data["text"],
                planted=tuple(
                    PlantedValue(p["type"], p["value"], p.get("origin", "")) for p in data.get("planted", ())
                ),
                negatives=tuple(
                    Negative(n["type"], n["value"], n.get("why") or n.get("note", ""))
                    for n in data.get("negatives", ())
                ),
            )
        )
    return documents


# --- writing each document in its format --------------------------------------------------------


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(text: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row, line in enumerate(text.split("\n"), start=1):
        for column, value in enumerate(_CELLS.split(line), start=1):
            if value.strip():
                sheet.cell(row=row, column=column, value=value.strip())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_DATE)
    pdf.add_page()
    if _FONT.is_file():
        pdf.add_font("DejaVu", fname=str(_FONT))
        pdf.set_font("DejaVu", size=10)
    else:  # a core font only has latin-1: the text is folded and so are the values (see _fold)
        pdf.set_font("Helvetica", size=10)
        text = _fold(text)
    for line in text.replace("\t", "    ").split("\n"):
        pdf.multi_cell(0, 5, line or " ", new_x="LMARGIN", new_y="NEXT")  # wraps long lines
    return bytes(pdf.output())


def _fold(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def _eml(text: str) -> bytes:
    """Header lines at the top ("Van: ...", "Aan: ...") become mail headers, the rest the body."""
    message = EmailMessage()
    lines = text.split("\n")
    body_start = 0
    for i, line in enumerate(lines):
        match = _HEADER_LINE.match(line)
        name = match.group("name").lower() if match else None
        if match is None or name not in _MAIL_HEADERS:
            body_start = i if line.strip() else i + 1
            break
        header = _MAIL_HEADERS[name]
        value = match.group("value").strip()
        if header is not None and value and header not in message:
            # Outlook separates recipients with ";", RFC 5322 with ","
            message[header] = value.replace(";", ",") if header in ("To", "Cc") else value
    else:
        body_start = len(lines)
    message["Date"] = format_datetime(_DATE)
    message.set_content("\n".join(lines[body_start:]))
    return bytes(message)


def written(document: HandwrittenDocument) -> tuple[str, bytes]:
    """(file name, bytes) of ``document`` written in its format."""
    fmt = document.format
    if fmt in ("txt", "csv"):
        return f"{document.id}.{fmt}", document.text.encode("utf-8")
    if fmt == "docx":
        return f"{document.id}.docx", _docx(document.text)
    if fmt == "xlsx":
        return f"{document.id}.xlsx", _xlsx(document.text)
    if fmt == "pdf":
        return f"{document.id}.pdf", _pdf(document.text)
    return f"{document.id}.eml", _eml(document.text)  # eml, and msg (no writer for Outlook files)


def extracted_documents(documents: Sequence[HandwrittenDocument]) -> list[RegressionDocument]:
    """Each document written in its format and read back by the extraction layer."""
    from piigov.extraction import extract_text

    out = []
    for document in documents:
        name, data = written(document)
        text = extract_text(name, data).text
        planted = document.planted
        if document.format == "pdf" and not _FONT.is_file():
            planted = tuple(PlantedValue(p.entity_type, _fold(p.value), p.origin) for p in planted)
        out.append(RegressionDocument(0, name, document.format, document.expected_class, text, planted))
    return out


# --- scoring --------------------------------------------------------------------------------------


def negative_hits(
    documents: Sequence[HandwrittenDocument],
    extracted: Sequence[RegressionDocument],
    detections: Sequence[Sequence[tuple[str, int, int]]],
) -> list[dict[str, str]]:
    """The negatives that were reported: (document, entity type, why), never the value itself."""
    hits = []
    for document, doc, found in zip(documents, extracted, detections, strict=True):
        for negative in document.negatives:
            for span in find_occurrences(doc.text, negative.value):
                if any(t == negative.entity_type and overlaps(span, (s, e)) for t, s, e in found):
                    hits.append(
                        {"document": document.id, "entity_type": negative.entity_type, "why": negative.why}
                    )
                    break
    return hits


def run(detector: Detector, directory: Path = DATA_DIR) -> RegressionResult:
    """Write, extract, detect and score the hand-written set."""
    documents = load_documents(directory)
    extracted = extracted_documents(documents)
    started = time.perf_counter()
    found = detector.detect_many([d.text for d in extracted])
    seconds = time.perf_counter() - started
    detections = [[(d.entity_type, d.start, d.end) for d in doc] for doc in found]
    result = score(extracted, detections)
    result.seconds = seconds
    result.detector_version = detector.version
    negatives = negative_hits(documents, extracted, detections)
    formats: dict[str, int] = {}
    for document in documents:
        formats[document.format] = formats.get(document.format, 0) + 1
    result.extra = {
        "formats": dict(sorted(formats.items())),
        "negatives": sum(len(d.negatives) for d in documents),
        "negatives_reported": negatives,
    }
    return result


def summary(result: RegressionResult) -> dict[str, Any]:
    """The figures the issue's targets are stated in."""
    person = result.recall_by_type.get("PERSON")
    real = person.found if person else 0
    return {
        "person_recall": person.recall if person else None,
        "origin_spread": result.origin_spread,
        "wrong_person_hits": result.person_false_positives,
        "wrong_person_hits_per_15_real": (15 * result.person_false_positives / real) if real else None,
        "negatives_reported": len(result.extra.get("negatives_reported", ())),
    }
