"""Format-neutral document model and the Planter that records every personal value written."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from piigov.demo.identifiers import format_bsn, format_date, format_iban, format_phone
from piigov.demo.manifest import PlantedValue
from piigov.demo.names import fold, religion_term

if TYPE_CHECKING:
    import random
    from collections.abc import Iterable
    from datetime import datetime

    from piigov.demo.names import Person

_NBSP = "\u00a0"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Table


@dataclass(frozen=True)
class Doc:
    title: str
    date: datetime
    blocks: tuple[Block, ...]
    sheet: str = "Blad1"


@dataclass(frozen=True)
class Attachment:
    filename: str
    format: str  # "docx" | "txt"
    doc: Doc


@dataclass(frozen=True)
class Mail:
    sender: tuple[str, str]  # (display name, address)
    to: tuple[tuple[str, str], ...]
    cc: tuple[tuple[str, str], ...]
    subject: str
    date: datetime
    body: tuple[str, ...]  # paragraphs; lines inside a paragraph are kept
    message_id: str
    attachment: Attachment | None = None


@dataclass(frozen=True)
class Ctx:
    """What a template gets: its own random stream, a sequence number, a date and the people involved."""

    rng: random.Random
    seq: int
    date: datetime
    subjects: tuple[Person, ...] = ()  # the people the document is about
    staff: tuple[Person, ...] = ()  # ministry staff writing / receiving it
    case_number: str = ""


@dataclass
class Planter:
    """Writes personal values into text and remembers each distinct one, in order of first use."""

    style: int = 0
    _values: dict[tuple[str, str], PlantedValue] = field(default_factory=dict)

    def add(self, entity_type: str, value: str, origin: str = "") -> str:
        self._values.setdefault((entity_type, value), PlantedValue(entity_type, value, origin))
        return value

    def values(self, encoding: str | None = None) -> tuple[PlantedValue, ...]:
        if encoding is None:
            return tuple(self._values.values())
        seen: dict[tuple[str, str], PlantedValue] = {}
        for v in self._values.values():
            folded = replace(v, value=fold(v.value, encoding))
            seen.setdefault((folded.entity_type, folded.value), folded)
        return tuple(seen.values())

    # --- persons -------------------------------------------------------------------------------------
    def full(self, p: Person) -> str:
        return self.add("PERSON", p.full, p.origin)

    def initial(self, p: Person) -> str:
        return self.add("PERSON", p.initial, p.origin)

    def sorted_name(self, p: Person) -> str:
        return self.add("PERSON", p.sorted_name, p.origin)

    def formal(self, p: Person, *, capital: bool = False) -> str:
        """'mevrouw Bouzid' / 'De heer De Vries'; only the name part is a planted value."""
        honorific = p.honorific.capitalize() if capital else p.honorific
        return f"{honorific} {self.add('PERSON', p.surname_alone, p.origin)}"

    # --- identifiers ---------------------------------------------------------------------------------
    def bsn(self, p: Person, style: int | None = None) -> str:
        return self.add("NL_BSN", format_bsn(p.bsn, self.style if style is None else style))

    def phone(self, p: Person, style: int | None = None) -> str:
        return self.add("PHONE_NUMBER", format_phone(p.phone, self.style if style is None else style))

    def email(self, p: Person) -> str:
        return self.add("EMAIL_ADDRESS", p.email)

    def iban(self, p: Person, style: int | None = None) -> str:
        return self.add("IBAN_CODE", format_iban(p.iban, self.style if style is None else style))

    def place(self, p: Person) -> str:
        return self.add("LOCATION", p.place)

    def postcode(self, p: Person) -> str:
        return self.add("NL_POSTCODE", p.postcode)

    def dob(self, p: Person, style: int | None = None) -> str:
        style = self.style if style is None else style
        return self.add("DATE_TIME", format_date(p.birth_year, p.birth_month, p.birth_day, style))

    def nrp(self, term: str) -> str:
        return self.add("NRP", religion_term(term))


def fold_doc(doc: Doc, encoding: str) -> Doc:
    def f(s: str) -> str:
        return fold(s, encoding)

    blocks: list[Block] = []
    for b in doc.blocks:
        if isinstance(b, Table):
            blocks.append(Table(tuple(map(f, b.header)), tuple(tuple(map(f, r)) for r in b.rows)))
        else:
            blocks.append(type(b)(f(b.text)))
    return replace(doc, title=f(doc.title), blocks=tuple(blocks))


def wrap(text: str, width: int, protect: Iterable[str]) -> list[str]:
    """Wrap ``text`` at spaces, never inside a protected (planted) value."""
    for value in sorted({v for v in protect if " " in v}, key=lambda v: (-len(v), v)):
        text = text.replace(value, value.replace(" ", _NBSP))
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return [line.replace(_NBSP, " ") for line in lines]


def doc_lines(doc: Doc, width: int, protect: Iterable[str], *, underline: bool = True) -> list[str]:
    """Plain-text rendering used for .txt files and mail attachments."""
    protect = tuple(protect)
    lines = [doc.title]
    if underline:
        lines.append("=" * len(doc.title))
    for b in doc.blocks:
        lines.append("")
        if isinstance(b, Heading):
            lines += [b.text, "-" * len(b.text)]
        elif isinstance(b, Para):
            lines += wrap(b.text, width, protect)
        else:
            widths = [max(len(c) for c in col) for col in zip(b.header, *b.rows, strict=True)]
            for row in (b.header, *b.rows):
                lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return lines


@dataclass(frozen=True)
class Draft:
    """A document before rendering, with the values planted in it."""

    content: Doc | Mail
    planter: Planter
    csv: bool = False  # render a single-table Doc as a semicolon-separated export


def long_date(when: datetime) -> str:
    """'12 maart 2019' (a document date, not a planted value)."""
    return format_date(when.year, when.month, when.day, 0)
