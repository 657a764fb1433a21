"""NlTableRecognizer: names and places in the columns of tables, entities PERSON and LOCATION.

Extracted spreadsheets, CSV exports and Word tables put one value per cell, separated by a tab,
";" or "|". A cell on its own has none of the signals the pattern recognizers look for (a
title, a gazetteer first name, a label with a colon), but its column header says what it is:

* a **header row** -- every cell a short label, at least two of them known ones, one naming
  a person column ("Naam", "Achternaam", "Naam cliënt") or a place column ("Woonplaats",
  "Adres") -- makes the cells below it in that column PERSON or LOCATION, row by row until a
  line with fewer than two cells ("naam;woonplaats;...", then "Faysal Samatar;Sittard-Geleen;...");
* a **label row** of two cells, the first a label ("Naam<TAB>Kees Visser",
  "Woonplaats<TAB>Hoorn"), makes the second cell a value (Word tables of personal details);
* the **column names of an SQL dump** (``CREATE TABLE`` or ``INSERT INTO t (...)``) head the values
  of its ``INSERT`` rows (:mod:`piigov.detection.recognizers._sql_dump`).

A plain "Naam" column is only read as a person column when another header says the rows are
people (birth date, BSN, phone, e-mail, ...): a planning sheet's "Naam" column holds projects.
A cell is reported only when it looks like the value: a PERSON cell is a capitalised name
(optionally in register order, "Schouten, Kees", "Linden, Pieter van der") without digits and
not starting with an organisation or form word ("Stichting ...", "Onbekend"); a LOCATION cell
is capitalised text without "@", and in a place column without digits.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from piigov.detection.recognizers._shared import (
    CELL_SURNAME,
    EXCEPTION_START,
    INITIALS,
    NAME_BLANK,
    NAME_BLANKS,
    NAME_SEQUENCE,
    PARTICLE,
    TRAILING_PARTICLES,
    cell_result,
    name_sequence,
)
from piigov.detection.recognizers._sql_dump import sql_rows
from piigov.detection.wordlists import dutch_words, is_ordinary_word, particle_words, places

PERSON = "PERSON"
LOCATION = "LOCATION"

# Header labels, compared in lower case with spaces collapsed and a trailing ":" or "*" removed.
PERSON_HEADERS = frozenset(
    {
        "achternaam",
        "geslachtsnaam",
        "voornaam",
        "voornamen",
        "roepnaam",
        "volledige naam",
        "naam betrokkene",
        "naam cliënt",
        "naam client",
        "naam klant",
        "naam aanvrager",
        "naam medewerker",
        "naam werknemer",
        "naam leerling",
        "naam patiënt",
        "naam contactpersoon",
        "naam persoon",
        "naam deelnemer",
        "betrokkene",
        "cliënt",
        "client",
        "aanvrager",
        "contactpersoon",
        "medewerker",
        "werknemer",
        "deelnemer",
        "persoon",
        # bank exports and donor lists: the other party of a payment
        "naam tegenrekening",
        "tegenrekening naam",
        "naam tegenpartij",
        "tegenpartij",
        "naam begunstigde",
        "begunstigde",
        "rekeninghouder",
        "naam rekeninghouder",
        "tenaamstelling",
        "donateur",
        "naam donateur",
        "schenker",
        # boards and reports
        "bestuurder",
        "bestuurslid",
        "bestuursleden",
        "naam bestuurder",
        "melder",
        "naam melder",
        # case files and document indexes
        "behandelaar",
        "auteur",
        "opsteller",
        "gesprekspartner",
        "aangever",
        "getuige",
        "verdachte",
        "spreker",
        # aliases, nicknames and kunyas of a register ("Oum Dujana", "Gaab")
        "alias",
        "aliassen",
        "bijnaam",
        "bijnamen",
        "kunya",
        "registernaam",
        # who made a note or a change: "datum<TAB>door<TAB>notitie"
        "door",
        "ingevoerd door",
        "aangemaakt door",
        "gewijzigd door",
        "behandeld door",
        "genoteerd door",
        # who holds a permit, a card or a key
        "houder",
        "vergunninghouder",
        "pashouder",
        "kaarthouder",
        "sleutelhouder",
        # the person a row is handled by: a manager, a company doctor, a mentor
        "leidinggevende",
        "bedrijfsarts",
        "huisarts",
        "casemanager",
        "mentor",
        "begeleider",
        "trajectbegeleider",
        "coach",
        "docent",
        "vertrouwenspersoon",
        "teamleider",
        "instructeur",
        "trainer",
        "examinator",
        "beoordelaar",
        # exports in English (LinkedIn, CRM and HR systems)
        "first name",
        "last name",
        "given name",
        "given names",
        "surname",
        "family name",
        "middle name",
        "contact name",
        "employee",
        "employee name",
        "manager",
        "author",
        "created by",
        "modified by",
        "assignee",
    }
)
AMBIGUOUS_PERSON_HEADERS = frozenset({"naam", "namen", "name", "full name"})
# Headers that say the rows are people (for a plain "Naam" column).
PERSONAL_HEADERS = frozenset(
    {
        "geboortedatum",
        "geb. datum",
        "geb.datum",
        "geb datum",
        "geboorteplaats",
        "bsn",
        "burgerservicenummer",
        "woonplaats",
        "adres",
        "woonadres",
        "postcode",
        "telefoon",
        "telefoonnummer",
        "mobiel",
        "e-mail",
        "email",
        "e-mailadres",
        "emailadres",
        "iban",
        "rekeningnummer",
        "geslacht",
        "leeftijd",
        "personeelsnummer",
        "tegenrekening",
        "functie",
        "nationaliteit",
        "religie",
        "geb.",
        "geboren",
        "geboortejaar",
        "geb. jaar",
        "afdeling",
        # in English
        "email address",
        "e-mail address",
        "phone",
        "phone number",
        "mobile",
        "date of birth",
        "birth date",
        "address",
        "gender",
        "age",
        "nationality",
        "position",
        "job title",
    }
)
PLACE_HEADERS = frozenset(
    {
        "woonplaats",
        "plaats",
        "verblijfplaats",
        "geboorteplaats",
        "geb.plaats",
        "geb. plaats",
        "geb plaats",
        "geboorteland",
        "land van herkomst",
        "stad",
        "plaatsnaam",
        "gemeente",
        "city",
        "place of birth",
        "country of birth",
    }
)
ADDRESS_HEADERS = frozenset(
    {
        "adres",
        "woonadres",
        "postadres",
        "verblijfadres",
        "straat",
        "straatnaam",
        "address",
        "home address",
        "street",
    }
)
LABELS = {
    **dict.fromkeys(PERSON_HEADERS | AMBIGUOUS_PERSON_HEADERS, PERSON),
    **dict.fromkeys(PLACE_HEADERS | ADDRESS_HEADERS, LOCATION),
}
# Common headers that head no column of names or places but make a row of labels a header row
# ("datum<TAB>door<TAB>notitie").
OTHER_HEADERS = frozenset(
    {
        "datum",
        "tijd",
        "nr",
        "nr.",
        "notitie",
        "notities",
        "opmerking",
        "opmerkingen",
        "omschrijving",
        "status",
        "toelichting",
        "organisatie",
        "bedrijf",
        # in English
        "date",
        "notes",
        "url",
        "company",
        "organization",
        "connected on",
    }
)
KNOWN_HEADERS = frozenset(LABELS) | PERSONAL_HEADERS | OTHER_HEADERS
_MIN_KNOWN_HEADERS = 2  # "Woonplaats<TAB>Hoorn" is a label row, "Naam<TAB>Woonplaats" a header

_MAX_HEADER_CHARS = 40
_MAX_HEADER_WORDS = 4
_MAX_CELL_CHARS = 80

_SEPARATORS = ("\t", ";", "|")
# a surname that opens with its particles, as a cell of its own writes it: "El Ghalbzouri", "DE VRIES"
_LEADING_PARTICLES = rf"(?:(?:{PARTICLE})|(?:EL|AL|BEN|AIT|OU|DE|DEN|DER|VAN|TER|TEN|HET|LA|LE|DA|DI|DOS|DU){NAME_BLANKS}){{0,3}}"
_PARTICLES_BEFORE = regex.compile(_LEADING_PARTICLES)
_CELL_NAME_SEQUENCE = name_sequence(surname=CELL_SURNAME)
_PERSON_CELL = regex.compile(
    rf"(?:{INITIALS}{NAME_BLANK}{{0,2}})?{_LEADING_PARTICLES}{_CELL_NAME_SEQUENCE}"
    rf"(?:,{NAME_BLANK}*(?:{INITIALS}(?<=\.)|{_CELL_NAME_SEQUENCE}{TRAILING_PARTICLES}))?"
)
_NOT_A_VALUE = regex.compile(EXCEPTION_START)
_PLACE_CELL = regex.compile(r"(?:['’]s-)?\p{Lu}[\p{L}\p{M}'’. \-()]*")
_ADDRESS_CELL = regex.compile(r"\p{Lu}[\p{L}\p{M}\p{N}'’.,/ \-()]*")


def _label(cell: str) -> str:
    """A header as compared: lower case, blanks collapsed, "_" a blank ("naam_tegenrekening")."""
    return " ".join(cell.strip().rstrip(":*").replace("_", " ").split()).lower()


_PLURAL_SUFFIX = regex.compile(r"\((?:n|s|en|e)\)$")  # "betrokkene(n)"


def _header(cell: str) -> str:
    """The known header a header cell stands for, else its :func:`_label`: a plural in brackets
    ("betrokkene(n)"), a known header qualified by a person word or an acronym ("woonplaats
    donateur", "medewerker SZW"; not "naam organisatie" or "plaats bijeenkomst"), and personal
    headers joined by "/" ("telefoon/e-mail": counts as known, heads no column)."""
    label = _label(cell)
    if label in KNOWN_HEADERS:
        return label
    label = _PLURAL_SUFFIX.sub("", label)
    words, raw_words = label.split(), cell.split()
    if (
        len(words) == len(raw_words) == 2
        and words[0] in LABELS
        and words[0] not in AMBIGUOUS_PERSON_HEADERS
        and (words[1] in PERSON_HEADERS or (raw_words[1].isupper() and raw_words[1].isalpha()))
    ):
        return words[0]
    parts = [p.strip() for p in label.split("/")]
    if len(parts) > 1 and all(p in PERSONAL_HEADERS and p not in LABELS for p in parts):
        return parts[0]
    return label


header_label = _header  # the name other modules use (piigov.detection.table_columns)


def _split(line: str, separator: str) -> list[str]:
    """``line.split(separator)``, except that a separator inside CSV quotes does not split
    (``C-2045,"wil niet, zegt zij"``)."""
    if '"' not in line or line.count('"') % 2:
        return line.split(separator)  # no quotes, or a quoted cell runs over a line break
    parts: list[str] = []
    start, quoted = 0, False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append(line[start:index])
            start = index + 1
    parts.append(line[start:])
    return parts


def _cells(line: str, separator: str) -> list[tuple[int, str]]:
    """(offset in line, text) of the cells of ``line``, blanks around a cell and CSV quotes
    (``"Sarıkaya, Vedat"``) removed."""
    cells = []
    position = 0
    for raw in _split(line, separator):
        stripped = raw.strip(" \u00a0\t")
        start = position + len(raw) - len(raw.lstrip(" \u00a0\t"))
        if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
            stripped = stripped[1:-1].strip(" \u00a0")
            start += 1 + len(raw.lstrip(" \u00a0\t")[1:]) - len(raw.lstrip(" \u00a0\t")[1:].lstrip(" \u00a0"))
        cells.append((start, stripped))
        position += len(raw) + len(separator)
    return cells


# A fixed-width table (a report printed as text, a PDF's table as pdftotext lays it out): cells are
# runs of words one blank apart, columns two blanks or more apart; a header row with at least
# three cells starts one, and a row's cells go to the header cells they stand under.
_FIXED = "  "
_FIXED_CELL = regex.compile(r"[^ \u00a0\t]+(?:[ \u00a0][^ \u00a0\t]+)*")
_MIN_FIXED_COLUMNS = 3


# a justified line ("a.  aanvrager:  een  natuurlijk  persoon") has two blanks between its
# words; a column gap somewhere is wider, and a header row is mostly known labels
_COLUMN_GAP = regex.compile(r"[^ \u00a0][ \u00a0]{3,}[^ \u00a0]")


def _fixed_header_row(cells: list[tuple[int, str]]) -> bool:
    known = sum(_header(text) in KNOWN_HEADERS for _, text in cells)
    return len(cells) >= _MIN_FIXED_COLUMNS and 3 * known >= len(cells)


def _fixed_cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _FIXED_CELL.finditer(line)]


def _aligned(cells: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str]]:
    """``cells`` in the columns that start at ``starts``: by position when a row has empty or
    merged cells ("Azougagh          Haarlem-Schalkwijk AV Haarlem"), else one by one."""
    if len(cells) == len(starts):
        return cells
    out: list[tuple[int, str]] = [(0, "")] * len(starts)
    for at, text in _split_at_columns(cells, starts):
        column = min(range(len(starts)), key=lambda i: abs(starts[i] - at))
        if not out[column][1]:
            out[column] = (at, text)
    return out


def _split_at_columns(cells: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str]]:
    """A cell that runs over the start of the next column is cut at the blank nearest to it."""
    out = []
    for at, text in cells:
        for start in starts:
            blanks = [i for i, ch in enumerate(text) if ch in " \u00a0"]
            if not at < start < at + len(text) or not blanks:
                continue
            cut = min(blanks, key=lambda i: abs(at + i + 1 - start))
            out.append((at, text[:cut]))
            at, text = at + cut + 1, text[cut + 1 :]
        out.append((at, text))
    return out


# the dates or weeks of an attendance list may head columns: "08-09", "15/9", "week 37", "les 3",
# and the options of a date poll: "di 12-09 19:30"
DATE_HEADER = regex.compile(
    r"(?:(?:ma|di|wo|do|vr|za|zo)\.?[ ])?\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?(?:[ ]\d{1,2}[:.]\d{2})?"
    r"|(?:week|wk|les|dag|q|kw)[ .]?\d{1,2}"
)


def _mostly_a_number(label: str) -> bool:
    """A cell of a data row rather than a header: digits, and not twice as many letters
    ("204417", "04-11-2024", "kamer 4.12"; not "meldingen 12 mnd")."""
    digits = sum(ch.isdigit() for ch in label)
    return digits > 0 and sum(ch.isalpha() for ch in label) < 2 * digits


def _header_columns(cells: list[tuple[int, str]]) -> dict[int, tuple[str, str]]:
    """Column index -> (entity, header) when ``cells`` form a header row, else {}."""
    labels = [_header(text) for _, text in cells]
    if sum(label in KNOWN_HEADERS for label in labels) < _MIN_KNOWN_HEADERS or any(
        len(label) > _MAX_HEADER_CHARS
        or len(label.split()) > _MAX_HEADER_WORDS
        or (_mostly_a_number(label) and not DATE_HEADER.fullmatch(label))
        for label in labels
    ):
        return {}
    personal = any(label in PERSONAL_HEADERS for label in labels)
    columns: dict[int, tuple[str, str]] = {}
    for index, label in enumerate(labels):
        if label in PERSON_HEADERS or (label in AMBIGUOUS_PERSON_HEADERS and personal):
            columns[index] = (PERSON, label)
        elif label in PLACE_HEADERS or label in ADDRESS_HEADERS:
            columns[index] = (LOCATION, label)
    return columns


def _not_a_name(text: str) -> bool:
    """Ordinary Dutch words and acronyms only ("Jeugdzorg", "ROC"): an organisation in the cell."""
    words = [w.strip(",.") for w in text.split()]
    # an acronym is short: "ROC", "GGD", "TF-SZW"; a surname in capitals ("CIGAAL") is a name
    return all(
        is_ordinary_word(w) or all(p.isupper() and 1 < len(p) <= 4 for p in w.split("-")) for w in words if w
    )


def _plain_cell(text: str) -> bool:
    """A filled cell that may hold a value: not too long, no e-mail address, no header label."""
    return (
        bool(text) and len(text) <= _MAX_CELL_CHARS and "@" not in text and _label(text) not in KNOWN_HEADERS
    )


# How banks write an account holder: a salutation and initials without dots, or initials after the
# surname ("HR S BISSESAR", "MW Z CHOUKRI", "W KHOKHAR", "EL GHALBZOURI M", "Hr A.B. Kaya")
_BANK_SALUTATION = regex.compile(
    r"(?i:hr|mw|dhr|mevr|mej|fam|hr/mw|mw/hr|hr\.|mw\.|dhr\.|mevr\.|mej\.|fam\.)[ \u00a0]+"
)
_LEADING_INITIALS = regex.compile(r"(?:\p{Lu}[ \u00a0]+)+(?=\p{Lu}[\p{L}\p{M}])")
_TRAILING_INITIALS = regex.compile(r"(?<=[\p{L}\p{M}])(?:[ \u00a0]+\p{Lu}\.?)+$")


def _bank_form_name(text: str) -> str:
    """The name in a bank's account-holder form: salutation and initials without dots cut off."""
    name = text
    for prefix in (_BANK_SALUTATION, _LEADING_INITIALS):
        cut = prefix.match(name)
        name = name[cut.end() :] if cut else name
    return _TRAILING_INITIALS.sub("", name)


def looks_like_person_cell(text: str) -> bool:
    """A cell that holds a name and nothing else: "Kaya, Mehmet", "A. Zukić", "BOUTAHER, Abdelouahid",
    "HR S BISSESAR"; not an organisation ("Stichting ...", "Jeugdzorg", "ROC"), a form word or an
    e-mail address."""
    if not _plain_cell(text):
        return False
    name = text if _PERSON_CELL.fullmatch(text) else _bank_form_name(text)
    # "El" opens organisation names in running text ("El Fath"); in a person column it is a particle
    core = _PARTICLES_BEFORE.sub("", name, count=1)
    return (
        bool(core)
        and not _NOT_A_VALUE.match(core)
        and not _not_a_name(name)
        and _PERSON_CELL.fullmatch(name) is not None
    )


_INVERTED_NAME = regex.compile(
    rf"{NAME_SEQUENCE}{TRAILING_PARTICLES},{NAME_BLANK}*(?:{INITIALS}|{NAME_SEQUENCE})"
)


def is_inverted_name(text: str) -> bool:
    """A register's "Surname, First name" cell ("Kurtović, Sead", "Bouharrou, A."), no place pair."""
    if not looks_like_person_cell(text) or not _INVERTED_NAME.fullmatch(text):
        return False
    return not any(part.strip() in places() for part in text.split(","))


def looks_like_place_cell(text: str) -> bool:
    """A cell that holds a place name and nothing else ("Nieuw-Vennep", "'s-Hertogenbosch")."""
    return _plain_cell(text) and not _not_a_name(text) and _PLACE_CELL.fullmatch(text) is not None


_MIN_COMMA_CELLS = 4  # "Kaya, Mehmet" is no table row; an export line has many fields


def _line_cells(body: str, current: str) -> tuple[str, list[tuple[int, str]]]:
    """(separator, cells) of one line for :func:`table_cells`: the table's own separator if it
    cuts the line, else the first of tab, ";" and "|" that does, else a comma when it cuts the
    line into at least four cells (a separator inside CSV quotes does not cut)."""
    for separator in (current, *_SEPARATORS) if current else _SEPARATORS:
        if separator in body:
            cells = _cells(body, separator)
            if len(cells) >= 2 and (separator != "," or len(cells) >= _MIN_COMMA_CELLS):
                return separator, cells
    if "," in body:
        cells = _cells(body, ",")
        if len(cells) >= _MIN_COMMA_CELLS:
            return ",", cells
    return "", []


def table_cells(text: str) -> list[list[list[tuple[int, int, str]]]]:
    """The tables of ``text``: runs of at least three consecutive lines cut into two or more
    cells by the same separator (tab, ";" or "|"), or into the same number of at least four
    cells by commas (a CSV export, with or without a header row; prose rarely keeps its comma
    count for three lines); per table its rows, per row its cells as (start, end, cell text)
    with offsets into ``text``."""
    tables: list[list[list[tuple[int, int, str]]]] = []
    rows: list[list[tuple[int, int, str]]] = []
    current = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        start, body = offset, line.rstrip("\r\n")
        offset += len(line)
        separator, cells = _line_cells(body, current)
        if (
            len(cells) < 2
            or (current and separator != current)
            or (current == "," and len(cells) != len(rows[0]))
        ):
            if len(rows) >= 3:
                tables.append(rows)
            rows, current = [], ""
            if len(cells) < 2:
                continue
        current = separator
        rows.append([(start + at, start + at + len(cell), cell) for at, cell in cells])
    if len(rows) >= 3:
        tables.append(rows)
    return tables


_LOWER_CASE_NAME = regex.compile(r"\p{Ll}[\p{Ll}\p{M}'’\-]+(?:[ \u00a0]\p{Ll}[\p{Ll}\p{M}'’\-]+){1,3}")


def _lower_case_name(text: str) -> bool:
    """A name typed in lower case ("abokor faratoon" in a date poll): two to four words of which
    at least two are no Dutch word and no particle (not "geen opgave", "van de gemeente")."""
    if _LOWER_CASE_NAME.fullmatch(text) is None:
        return False
    words = text.split()
    names = [w for w in words if w not in dutch_words() and w not in particle_words()]
    return len(names) >= 2 and all(w in names or w in particle_words() for w in words)


def _is_value(text: str, entity: str, header: str) -> bool:
    if entity == PERSON:
        if header in AMBIGUOUS_PERSON_HEADERS and " " not in text:
            return False  # "Naam<TAB>Status" is a header row; a name here has two parts
        # not "Stichting ...", "Onbekend", "Jeugdzorg", "ROC"
        return looks_like_person_cell(text) or _lower_case_name(text)
    if not _plain_cell(text):
        return False
    if header in ADDRESS_HEADERS:
        return _ADDRESS_CELL.fullmatch(text) is not None
    return _PLACE_CELL.fullmatch(text) is not None


class NlTableRecognizer(EntityRecognizer):
    """Recognize PERSON and LOCATION values in table columns by their header or row label.

    :param person_score: score of a PERSON cell
    :param location_score: score of a LOCATION cell
    """

    def __init__(
        self,
        person_score: float = 0.75,
        location_score: float = 0.6,
        supported_language: str = "nl",
        name: str | None = None,
        context: list[str] | None = None,
    ) -> None:
        self.scores = {PERSON: person_score, LOCATION: location_score}
        super().__init__(
            supported_entities=[PERSON, LOCATION],
            name=name,
            supported_language=supported_language,
            context=context,
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        wanted = set(entities or self.supported_entities) & set(self.supported_entities)
        results: list[RecognizerResult] = []
        columns: dict[int, tuple[str, str]] = {}
        table_separator = ""
        fixed_starts: list[int] = []  # the column starts of a fixed-width table
        offset = 0
        in_quoted_cell = False
        for line in text.splitlines(keepends=True):
            start, body = offset, line.rstrip("\r\n")
            offset += len(line)
            odd_quotes = body.count('"') % 2 == 1
            if in_quoted_cell:
                # the rest of a quoted cell that runs over a line break: its cells are shifted
                in_quoted_cell = not odd_quotes
                continue
            in_quoted_cell = odd_quotes and table_separator != ""
            separator = table_separator or next((s for s in _SEPARATORS if s in body), "")
            if separator == _FIXED:
                cells = _aligned(_fixed_cells(body), fixed_starts)
            else:
                cells = _cells(body, separator) if separator else []
            header = _header_columns(cells) if separator != _FIXED else {}
            if not separator and _COLUMN_GAP.search(body.strip()):
                fixed = _fixed_cells(body)
                fixed_header = _header_columns(fixed) if _fixed_header_row(fixed) else {}
                if fixed_header:
                    separator, cells, header = _FIXED, fixed, fixed_header
                    fixed_starts = [at for at, _ in fixed]
            if not table_separator and not header and "," in body:
                # a comma CSV: only a header row makes a table of it (commas are prose too)
                comma_cells = _cells(body, ",")
                comma_header = _header_columns(comma_cells)
                if comma_header:
                    separator, cells, header = ",", comma_cells, comma_header
            if len(cells) < 2:
                columns, table_separator = {}, ""
                continue
            if header:
                columns, table_separator = header, separator
                if len(cells) != 2:
                    continue
            if len(cells) == 2 and not header.get(1) and separator not in (",", _FIXED):
                # a label row: "Naam<TAB>Kees Visser" (the label may also head a column)
                entity = LABELS.get(_label(cells[0][1]))
                if entity:
                    self._add(results, wanted, start, cells[1], entity, _label(cells[0][1]))
                if header:
                    continue
            for index, (entity, label) in columns.items():
                if index < len(cells):
                    self._add(results, wanted, start, cells[index], entity, label)
        for row in sql_rows(text):
            # an SQL dump's rows under its column names ("achternaam", "geb_plaats")
            names = [(0, "" if any(ch.isdigit() for ch in name) else name) for name, *_ in row]
            for index, (entity, label) in _header_columns(names).items():
                _, cell_start, _, value = row[index]
                self._add(results, wanted, 0, (cell_start, value), entity, label)
        return results

    def _add(
        self,
        results: list[RecognizerResult],
        wanted: set[str],
        line_start: int,
        cell: tuple[int, str],
        entity: str,
        header: str,
    ) -> None:
        position, value = cell
        if entity not in wanted or not _is_value(value, entity, header):
            return
        start = line_start + position
        if results and results[-1].start == start:
            return  # a label row under a header row: the same cell
        why = f"cell of a table column or row labelled {header!r}"
        results.append(cell_result(self, entity, start, start + len(value), self.scores[entity], why))
