"""A table column whose cells are mostly names holds names in its other cells too (and places,
and dates).

The table recognizer reads a column by its header, and only headers it knows ("achternaam",
"woonplaats", ...). Registers are exported with every wording ("contact", "wie", "lid",
"plaats van vestiging donateur"), and the NER model finds most names in such a column anyway but
not all: a name it never saw ("Kurtović, Sead"), a place unknown to the word lists ("Denizli").
:func:`column_values` looks at each column of each table (:func:`table_cells`): when at least
half of its filled cells below the first row, and at least two, hold a PERSON (or a LOCATION)
detection -- or, for names, are written "Surname, First name" as registers write them --, every other cell that looks like a name (or a place) and holds no detection becomes
one too. A cell only counts as a name if it is nothing but a name (no organisation word, no
ordinary Dutch words only, no digits), so an organisations column that the model half took
for persons does not turn "Jeugdzorg" into a person.

A column of BSNs speaks for itself: a BSN cell has no context word, so the BSN recognizer leaves
it under the threshold, but when every filled cell of a column is a nine-digit number that passes
the elfproef, and at least three different ones do, the column holds BSNs (one in eleven random
numbers passes; three different ones by chance about one in 1,300, and a column of case numbers
has failing ones among them). The first row of a table is its header unless it holds a number
(a CSV export without a header row); a header-like date ("08-09", "week 37") is no number here.
Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from stdnum.nl import bsn

from piigov.detection.recognizers.nl_table_recognizer import (
    DATE_HEADER,
    KNOWN_HEADERS,
    header_label,
    is_inverted_name,
    looks_like_person_cell,
    looks_like_place_cell,
    table_cells,
)
from piigov.detection.types import Detection

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

RECOGNIZER_NAME = "TableColumn"
MIN_SHARE = 0.5  # of the filled cells of a column below its first row
MIN_CELLS = 2  # detected cells needed before a column speaks for its other cells
MIN_BSN_VALUES = 3  # different elfproef-valid numbers that make a column of BSNs
_BSN_CELL = re.compile(r"\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3}")
_DATE_CELL = re.compile(
    r"\d{1,2}([-/.])\d{1,2}\1(?:\d{4}|['’]?\d{2})|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[ \u00a0]+[a-zA-Z]{3,10}\.?[ \u00a0]+(?:\d{4}|['’]\d{2})"
)


def looks_like_date_cell(value: str) -> bool:
    """A cell that holds nothing but a date ("14-8-'66", "11/7/81", "3 januari 1985")."""
    return bool(_DATE_CELL.fullmatch(value.strip()))


_CELL_TESTS: dict[str, Callable[[str], bool]] = {
    "PERSON": looks_like_person_cell,
    "LOCATION": looks_like_place_cell,
    # a column of dates of birth: the two-digit years ("14-8-'66") that need context elsewhere
    "DATE_TIME": looks_like_date_cell,
}


def _bsn_column(values: Sequence[str]) -> bool:
    """Every value a nine-digit number passing the elfproef, at least MIN_BSN_VALUES different."""
    digits = {"".join(ch for ch in v if ch.isdigit()) for v in values}
    return (
        len(digits) >= MIN_BSN_VALUES
        and all(_BSN_CELL.fullmatch(v) for v in values)
        and all(bsn.is_valid(d) for d in digits)
    )


def _header_row(row: Sequence[tuple[int, int, str]]) -> bool:
    """A table's first row is a header unless a cell holds a number (not a date heading a column)."""
    return not any(
        any(ch.isdigit() for ch in value) and not DATE_HEADER.fullmatch(value.strip().lower())
        for _, _, value in row
    )


def column_values(text: str, detections: Sequence[Detection], *, score: float = 0.5) -> list[Detection]:
    """PERSON, LOCATION and DATE_TIME detections for the undetected cells of name, place and date
    columns, and NL_BSN for the cells of a column of BSNs."""
    found: list[Detection] = []
    ordered = sorted(detections, key=lambda d: d.start)
    starts = [d.start for d in ordered]
    longest = max((d.end - d.start for d in ordered), default=0)

    def kinds_in(start: int, end: int) -> set[str]:
        first = bisect_left(starts, start - longest)
        last = bisect_left(starts, end)
        return {d.entity_type for d in ordered[first:last] if d.end > start}

    for rows in table_cells(text):
        width = max(len(row) for row in rows)
        body = rows[1:] if _header_row(rows[0]) else rows
        for column in range(width):
            cells = [row[column] for row in body if column < len(row) and row[column][2]]
            if len(cells) < MIN_CELLS:
                continue
            if _bsn_column([value for _, _, value in cells]):
                found.extend(
                    Detection("NL_BSN", start, end, score, RECOGNIZER_NAME)
                    for start, end, _ in cells
                    if not kinds_in(start, end)
                )
                continue
            types = [kinds_in(start, end) for start, end, _ in cells]
            for entity, looks_like in _CELL_TESTS.items():
                typed = sum(
                    entity in kinds or (entity == "PERSON" and is_inverted_name(value))
                    for (_, _, value), kinds in zip(cells, types, strict=True)
                )
                if typed < MIN_CELLS or typed < MIN_SHARE * len(cells):
                    continue
                found.extend(
                    Detection(entity, start, end, score, RECOGNIZER_NAME)
                    for (start, end, value), kinds in zip(cells, types, strict=True)
                    if not kinds and looks_like(value)
                )
    return found


_MIN_KNOWN_HEADERS = 2


def without_header_cells(text: str, detections: Sequence[Detection]) -> list[Detection]:
    """``detections`` without the PERSON and LOCATION ones inside a cell of a table's header row
    (its first row, at least two of whose cells are known headers): "Company" and "Address" head
    columns ("First Name,Last Name,URL,Email Address,Company"), they name no one."""
    header_cells = [
        (start, end)
        for rows in table_cells(text)
        if _header_row(rows[0])
        and sum(header_label(value) in KNOWN_HEADERS for _, _, value in rows[0]) >= _MIN_KNOWN_HEADERS
        for start, end, _ in rows[0]
    ]
    if not header_cells:
        return list(detections)
    return [
        d
        for d in detections
        if d.entity_type not in ("PERSON", "LOCATION")
        or not any(start <= d.start and d.end <= end for start, end in header_cells)
    ]
