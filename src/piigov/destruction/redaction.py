"""Redaction for records that must be kept (Archives Act): personal data replaced in place, the rest kept.

Which items are redacted instead of deleted is the policy's ``redact_instead_of_delete`` rule
(:func:`planned_method`). Per format:

- text (``.txt``, ``.csv``, ``.md``, ``.log``) and SQL rows: Presidio's anonymizer replaces each span
  by ``<ENTITY_TYPE>``; in a SQL row only the cells are touched (key columns never);
- ``.docx``: every paragraph of the body, tables, headers, footers, notes and comments; the text of
  its runs (``w:t``, tracked deletions too) is replaced run by run, so the formatting stays;
- ``.xlsx``: cell values, row by row as the extractor reads them;
- ``.eml``: the text/plain and text/html body parts and the From, Sender, Reply-To, To, Cc, Bcc and
  Subject headers (display names and addresses); a message with attachments is left for a person;
- everything else (PDF, .msg, mbox messages, attachments, images, ...) is refused with
  :class:`RedactionRefused` and a reason: a person redacts it.

Every redaction detects before and after: nothing is written when the redacted content would still
hold findings of the policy's identifying entity types, and the written record is read back and
detected again. The write goes through the source's ``redact``, which refuses when the item changed
since it was read. No value ever leaves this module: results carry entity types and counts.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable

    from piigov.classification.policy import Policy
    from piigov.detection import Detection, Detector
    from piigov.sources.base import Source

TEXT_SUFFIXES = (".txt", ".csv", ".md", ".log")
REDACTABLE_SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".xlsx", ".eml")

DELETE, REDACT, PERSON = "delete", "redact", "person"
_CONTINUATION = "PIIGOV_CONTINUATION"  # the rest of a span that crosses a run or cell boundary
_SQL_SCHEMES = ("sqlite", "postgresql", "mysql", "mssql")
_EML_HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject")

PERSON_REASONS = {
    ".pdf": "PDF: text layers, fonts and images cannot be redacted reliably by this tool; a person must",
    ".msg": "Outlook .msg files cannot be rewritten by this tool; a person must redact it",
    "mbox": "messages inside an mbox are not redacted automatically; a person must",
    "attachment": "an attachment is redacted with its message, by a person",
}


class RedactionRefused(Exception):
    """This item cannot be redacted automatically; the reason says why (no content in it)."""


@dataclass(frozen=True)
class RedactionResult:
    new_key: str
    method: str
    replaced: dict[str, int]  # entity type -> number of spans replaced


# --- which method, per item ----------------------------------------------------------------------


def format_name(source_uri: str, key: str) -> str:
    """The name whose suffix tells the item's format, without opening the source."""
    scheme = source_uri.partition("://")[0].lower()
    if scheme == "s3":
        from piigov.sources.s3 import object_key_of

        return object_key_of(key)
    if scheme.split("+")[0] in _SQL_SCHEMES:
        return f"{key}.sqlrow"
    if scheme == "mail+file":
        if "/attachment/" in key:
            return "attachment"
        if ".mbox#" in key.lower():
            return "mbox"
    return key


def redaction_kind(source_uri: str, key: str) -> str | None:
    """``text``, ``sql``, ``docx``, ``xlsx`` or ``eml``; None when a person must redact the item."""
    name = format_name(source_uri, key).lower()
    if name.endswith(".sqlrow"):
        return "sql"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    for suffix in (".docx", ".xlsx", ".eml"):
        if name.endswith(suffix):
            return suffix[1:]
    return None


def person_reason(source_uri: str, key: str) -> str:
    name = format_name(source_uri, key).lower()
    for marker, reason in PERSON_REASONS.items():
        if name == marker or name.endswith(marker):
            return reason
    suffix = name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else "without a suffix"
    return f"format {suffix!r} is not redacted automatically; a person must"


def planned_method(item: Any, policy: Policy) -> str:
    """``delete``, ``redact`` or ``person`` (kept, but only a person can redact it) for one item."""
    if not policy.redact_instead_of_delete.matches(item.source, item.key):
        return DELETE
    return REDACT if redaction_kind(item.source, item.key) else PERSON


def methods_in_list(dry_run_list: str) -> dict[str, int]:
    """Counts per method in a written destruction list (for the FG's approval form)."""
    import json
    from pathlib import Path

    rows = json.loads(Path(dry_run_list).read_text(encoding="utf-8")).get("items", [])
    return dict(Counter(row.get("method", DELETE) for row in rows))


# --- replacing spans -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _anonymizer() -> Any:
    from presidio_anonymizer import AnonymizerEngine

    return AnonymizerEngine()


def _anonymize(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Presidio's anonymizer with the ``replace`` operator; continuation spans are removed."""
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    results = [RecognizerResult(entity, start, end, 1.0) for start, end, entity in spans if end > start]
    if not results:
        return text
    return (
        _anonymizer()
        .anonymize(
            text=text,
            analyzer_results=results,
            operators={
                "DEFAULT": OperatorConfig("replace"),
                _CONTINUATION: OperatorConfig("replace", {"new_value": ""}),
            },
        )
        .text
    )


def redact_text(text: str, detections: list[Detection]) -> tuple[str, dict[str, int]]:
    """Replace each detected span by `<ENTITY_TYPE>` with Presidio's anonymizer."""
    new = _anonymize(text, [(d.start, d.end, d.entity_type) for d in detections])
    return new, dict(Counter(d.entity_type for d in detections))


def _split_over_pieces(
    bounds: list[tuple[int, int, bool]], detections: list[Detection]
) -> dict[int, list[tuple[int, int, str]]]:
    """Per writable piece, its share of each detection in piece coordinates.

    ``bounds`` are ``(start, end, writable)`` of the pieces in the joined text. The first writable
    piece a detection touches gets its entity type, later ones a continuation (removed text).
    """
    local: dict[int, list[tuple[int, int, str]]] = {}
    for d in detections:
        first = True
        for index, (start, end, writable) in enumerate(bounds):
            lo, hi = max(start, d.start), min(end, d.end)
            if hi <= lo or not writable:
                continue
            local.setdefault(index, []).append(
                (lo - start, hi - start, d.entity_type if first else _CONTINUATION)
            )
            first = False
    return local


def _redact_pieces(
    pieces: list[tuple[str, bool]], detections: list[Detection]
) -> tuple[dict[int, str], Counter[str]]:
    """New text of each touched piece of a joined text (``(text, writable)`` pieces)."""
    bounds, pos = [], 0
    for text, writable in pieces:
        bounds.append((pos, pos + len(text), writable))
        pos += len(text)
    new = {
        index: _anonymize(pieces[index][0], spans)
        for index, spans in _split_over_pieces(bounds, detections).items()
    }
    return new, Counter(d.entity_type for d in detections)


# --- per format ------------------------------------------------------------------------------------


def _redact_plain(data: bytes, detect: Callable[[list[str]], list[list[Detection]]]) -> tuple[bytes, Counter]:
    from piigov.extraction.txt import decode_text

    text = decode_text(data)
    new, replaced = redact_text(text, detect([text])[0])
    # Written as UTF-8 whatever the original encoding: the redacted record must decode without guessing.
    return new.encode("utf-8"), Counter(replaced)


def _redact_sql_row(
    source: Any, key: str, detect: Callable[[list[str]], list[list[Detection]]]
) -> tuple[bytes, Counter]:
    """A row's rendering with spans clipped to its cells; key columns are never touched."""
    text, cells = source.read_with_columns(key)
    keys = set(getattr(source, "key_columns", ()))
    bounds, pos = [], 0
    for start, end, column in cells:  # the text between cells (names, newlines) is not writable
        bounds.extend([(pos, start, False), (start, end, column not in keys)])
        pos = end
    found = detect([text])[0]
    spans = [
        (bounds[index][0] + lo, bounds[index][0] + hi, entity)
        for index, local in _split_over_pieces(bounds, found).items()
        for lo, hi, entity in local
    ]
    return _anonymize(text, spans).encode("utf-8"), Counter(d.entity_type for d in found)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_DOCX_PARTS = frozenset(
    _WML + kind
    for kind in (
        "document.main+xml",
        "header+xml",
        "footer+xml",
        "footnotes+xml",
        "endnotes+xml",
        "comments+xml",
    )
)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _paragraph_pieces(p: Any) -> list[tuple[Any, str]]:
    """The text pieces of one paragraph in order: ``w:t``/``w:delText`` elements, tabs and breaks."""
    pieces: list[tuple[Any, str]] = []
    for el in p.iter(_W + "t", _W + "delText", _W + "tab", _W + "br", _W + "cr"):
        owner = el.getparent()
        while owner is not None and owner.tag != _W + "p":
            owner = owner.getparent()
        if owner is not p:
            continue  # a paragraph inside a text box: it is a paragraph of its own
        if el.tag in (_W + "t", _W + "delText"):
            pieces.append((el, el.text or ""))
        else:
            pieces.append((None, "\t" if el.tag == _W + "tab" else "\n"))
    return pieces


# Document properties: who wrote or last saved a file names a person by definition; free-text properties
# are redacted like the body.
_PERSON_PROPERTIES = ("author", "last_modified_by", "creator", "lastModifiedBy")
_TEXT_PROPERTIES = ("title", "subject", "keywords", "comments", "description", "category")


def _redact_properties(props: Any, detect: Callable[[list[str]], list[list[Detection]]]) -> Counter[str]:
    replaced: Counter[str] = Counter()
    for name in _PERSON_PROPERTIES:
        if getattr(props, name, None):
            setattr(props, name, "<PERSON>")
            replaced["PERSON"] += 1
    present = [n for n in _TEXT_PROPERTIES if isinstance(getattr(props, n, None), str) and getattr(props, n)]
    for name, detections in zip(present, detect([getattr(props, n) for n in present]), strict=True):
        if detections:
            text, counts = redact_text(getattr(props, name), detections)
            setattr(props, name, text)
            replaced.update(counts)
    return replaced


def _redact_docx(data: bytes, detect: Callable[[list[str]], list[list[Detection]]]) -> tuple[bytes, Counter]:
    import docx
    from docx.oxml.parser import parse_xml
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise RedactionRefused(f"cannot open DOCX ({type(exc).__name__}); a person must") from None
    roots: list[tuple[Any, Any]] = []  # (part, root element); part set when only its blob holds the XML
    for part in document.part.package.iter_parts():
        if part.content_type in _DOCX_PARTS:
            element = getattr(part, "element", None)
            roots.append((None, element) if element is not None else (part, parse_xml(part.blob)))
    paragraphs = [_paragraph_pieces(p) for _, root in roots for p in root.iter(_W + "p")]
    found = detect(["".join(text for _, text in pieces) for pieces in paragraphs])
    replaced: Counter[str] = Counter()
    for pieces, detections in zip(paragraphs, found, strict=True):
        if not detections:
            continue
        new, counts = _redact_pieces([(text, el is not None) for el, text in pieces], detections)
        replaced += counts
        for index, text in new.items():
            element = pieces[index][0]
            element.text = text
            element.set(_XML_SPACE, "preserve")
    for part, root in roots:
        if part is not None:
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    replaced += _redact_properties(document.core_properties, detect)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), replaced


def _redact_xlsx(data: bytes, detect: Callable[[list[str]], list[list[Detection]]]) -> tuple[bytes, Counter]:
    import warnings

    import openpyxl

    from piigov.extraction.xlsx import format_value

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data))
        except Exception as exc:
            raise RedactionRefused(f"cannot open XLSX ({type(exc).__name__}); a person must") from None
    if getattr(workbook, "vba_archive", None) is not None:
        raise RedactionRefused("a workbook with macros is not rewritten automatically; a person must")
    rows: list[list[Any]] = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            cells = [c for c in row if c.value is not None and c.value != ""]
            if cells:
                rows.append(cells)
    # A row is detected as the extractor reads it: cell texts joined by tabs.
    texts = ["\t".join(format_value(c.value) for c in cells) for cells in rows]
    replaced: Counter[str] = Counter()
    for cells, detections in zip(rows, detect(texts), strict=True):
        if not detections:
            continue
        pieces: list[tuple[str, bool]] = []
        for index, cell in enumerate(cells):
            if index:
                pieces.append(("\t", False))
            pieces.append((format_value(cell.value), True))
        new, counts = _redact_pieces(pieces, detections)
        replaced += counts
        for index, text in new.items():
            cells[index // 2].value = text
    replaced += _redact_properties(workbook.properties, detect)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), replaced


_ADDRESS_HEADERS = frozenset({"from", "sender", "reply-to", "to", "cc", "bcc"})
#: An address with personal data in it is replaced by this one (the .invalid TLD never delivers).
REDACTED_ADDRESS = "redacted@redacted.invalid"


def _header_pieces(name: str, text: str) -> list[tuple[str, bool]]:
    """A header as pieces: for address headers each display name and address on its own."""
    if name.lower() not in _ADDRESS_HEADERS:
        return [(text, True)]
    from email.utils import getaddresses

    pieces: list[tuple[str, bool]] = []
    for index, (display, address) in enumerate(getaddresses([text])):
        if index:
            pieces.append((", ", False))
        pieces.extend([(display, True), (" <", False), (address, True), (">", False)])
    return pieces


def _header_value(name: str, pieces: list[tuple[str, bool]], new: dict[int, str]) -> str:
    from email.header import Header
    from email.utils import formataddr

    if name.lower() not in _ADDRESS_HEADERS:
        text = new.get(0, pieces[0][0])
        return text if text.isascii() else Header(text, "utf-8").encode()
    addresses = []
    for index in range(0, len(pieces), 5):  # display, " <", address, ">" [, ", "]
        display = new.get(index, pieces[index][0])
        address = REDACTED_ADDRESS if index + 2 in new else pieces[index + 2][0]
        addresses.append(formataddr((display, address), charset="utf-8"))
    return ", ".join(addresses)


def _redact_eml(data: bytes, detect: Callable[[list[str]], list[list[Detection]]]) -> tuple[bytes, Counter]:
    import email
    from email import policy as email_policy
    from email.header import decode_header, make_header

    msg = email.message_from_bytes(data, policy=email_policy.compat32)
    if not msg.keys():
        raise RedactionRefused("not an RFC 822 message; a person must")
    bodies = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_type() in ("text/plain", "text/html") and part.get_content_disposition() in (
            None,
            "inline",
        ):
            bodies.append(part)
        else:
            raise RedactionRefused("the message has attachments; a person must redact it with them")
    headers: list[tuple[str, list[tuple[str, bool]]]] = []
    for name in _EML_HEADERS:
        for value in msg.get_all(name, []):
            try:
                text = str(make_header(decode_header(str(value))))
            except Exception:
                text = str(value)
            headers.append((name, _header_pieces(name, " ".join(text.split()))))
    texts = []
    for part in bodies:
        payload = part.get_payload(decode=True) or b""
        texts.append(payload.decode(part.get_content_charset() or "utf-8", errors="replace"))
    found = detect(["".join(text for text, _ in pieces) for _, pieces in headers] + texts)
    replaced: Counter[str] = Counter()
    new_headers = []
    for (name, pieces), detections in zip(headers, found[: len(headers)], strict=True):
        new, counts = _redact_pieces(pieces, detections)
        replaced += counts
        new_headers.append((name, _header_value(name, pieces, new)))
    for name in _EML_HEADERS:
        del msg[name]
    for name, value in new_headers:
        msg[name] = value
    for part, text, detections in zip(bodies, texts, found[len(headers) :], strict=True):
        new_text, counts = redact_text(text, detections)
        replaced.update(counts)
        del part["Content-Transfer-Encoding"]
        part.set_payload(new_text, charset="utf-8")
    return msg.as_bytes(), replaced


# --- one item --------------------------------------------------------------------------------------


def extraction_name(source: Source, key: str) -> str:
    name_for_format = getattr(source, "extraction_name", None)
    return name_for_format(key) if name_for_format else key


def count_findings(
    name: str, data: bytes, detector: Detector, entity_types: frozenset[str], min_score: float = 0.0
) -> int:
    """In-scope findings in an item's content, extracted as the scanner extracts it."""
    from piigov.extraction import UnreadableItem, extract_text

    try:
        text = extract_text(name, data).text
    except UnreadableItem as exc:
        raise RedactionRefused(f"the redacted record cannot be read back ({exc.reason})") from None
    return sum(d.entity_type in entity_types and d.score >= min_score for d in detector.detect(text))


MAX_PASSES = 3


def _left_values(
    name: str, data: bytes, detector: Detector, entity_types: frozenset[str], min_score: float
) -> dict[str, str]:
    """In-scope findings in the redacted content, value -> entity type (memory only, never logged)."""
    from piigov.extraction import UnreadableItem, extract_text

    try:
        text = extract_text(name, data).text
    except UnreadableItem as exc:
        raise RedactionRefused(f"the redacted record cannot be read back ({exc.reason})") from None
    return {
        text[d.start : d.end]: d.entity_type
        for d in detector.detect(text)
        if d.entity_type in entity_types and d.score >= min_score
    }


def _with_forced(text: str, detections: list[Detection], forced: dict[str, str]) -> list[Detection]:
    """The detections plus every occurrence of a forced value, overlapping spans merged."""
    from piigov.detection import Detection

    spans = list(detections)
    for value, entity in forced.items():
        start = text.find(value) if value.strip() else -1
        while start >= 0:
            spans.append(Detection(entity, start, start + len(value), 1.0, "piigov_second_pass"))
            start = text.find(value, start + len(value))
    merged: list[Detection] = []
    for d in sorted(spans, key=lambda d: (d.start, -d.end)):
        if merged and d.start < merged[-1].end:
            last = merged[-1]
            if d.end > last.end:
                merged[-1] = Detection(last.entity_type, last.start, d.end, last.score, last.recognizer)
            continue
        merged.append(d)
    return merged


def findings_left(
    source: Source, key: str, detector: Detector, entity_types: frozenset[str], min_score: float = 0.0
) -> int:
    """Re-read an item from its source and count its in-scope findings (the after-check of a redaction)."""
    return count_findings(extraction_name(source, key), source.read(key), detector, entity_types, min_score)


def successor_key(source: Source, key: str) -> str | None:
    """Where a redacted item is now: its key, or for S3 the object's current version; None if gone."""
    current = getattr(source, "current_version_key", None)
    if current is not None:
        return current(key)
    return key if source.stat(key) is not None else None


def redact_item(
    source: Source,
    key: str,
    *,
    expected_fingerprint: str,
    detector: Detector,
    entity_types: frozenset[str],
    min_score: float = 0.0,
    delete_older: Collection[str] | None = None,
) -> RedactionResult:
    """Redact one item; nothing is written unless the result is free of findings of `entity_types`.

    ``delete_older`` (S3 only): the version ids of older versions that may be removed with it.
    """
    kind = redaction_kind(source.uri, key)
    if kind is None:
        raise RedactionRefused(person_reason(source.uri, key))

    # Values the detector still finds in the redacted record, seen in its full text (a cell or run alone
    # lacks that context): replaced wherever they occur in the next pass. Held in memory only.
    forced: dict[str, str] = {}

    def detect(texts: list[str]) -> list[list[Detection]]:
        # Every detection of an in-scope type is replaced, whatever its score.
        return [
            _with_forced(text, [d for d in found if d.entity_type in entity_types], forced)
            for text, found in zip(texts, detector.detect_many(texts), strict=True)
        ]

    stored = getattr(source, "stored_message", None) if kind == "eml" else None
    data = b"" if kind == "sql" else stored(key) if stored is not None else source.read(key)
    redactor = {"text": _redact_plain, "docx": _redact_docx, "xlsx": _redact_xlsx, "eml": _redact_eml}
    name = extraction_name(source, key)
    for _ in range(MAX_PASSES):
        if kind == "sql":
            new_data, replaced = _redact_sql_row(source, key, detect)
        else:
            new_data, replaced = redactor[kind](data, detect)
        left = _left_values(name, new_data, detector, entity_types, min_score)
        if not left or left.keys() <= forced.keys():
            break
        forced |= left
    if left:
        raise RedactionRefused(f"{len(left)} findings would remain after redaction; not written")
    kwargs: dict[str, Any] = {} if delete_older is None else {"delete_older": delete_older}
    new_key, method = source.redact(key, new_data, expected_fingerprint=expected_fingerprint, **kwargs)
    if findings_left(source, new_key, detector, entity_types, min_score):
        raise RedactionRefused("the written record still holds personal data")  # pragma: no cover - defence
    tool = "Presidio anonymizer replace" + ("" if kind in ("text", "sql", "eml") else f" per {kind} run/cell")
    return RedactionResult(new_key, f"{tool}, then {method}", dict(replaced))
