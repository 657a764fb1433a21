"""The rows of an SQL dump as table cells: ``INSERT INTO ... VALUES (...), (...);`` under the
column names of its ``INSERT INTO t (a, b)`` list or of the ``CREATE TABLE`` before it.

Legacy administrations are handed over as database dumps (mysqldump, pg_dump with inserts); their
rows hold names and places in single quotes, where no recognizer sees a word start and no line
is a table row. :func:`sql_rows` reads what the dump says about itself: each row as
(column name, start, end, value) with offsets into the text. Nothing here imports Presidio.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

_CREATE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`\"\[]?(\w+)[`\"\]]?\s*\(", re.IGNORECASE)
_INSERT = re.compile(
    r"INSERT\s+INTO\s+[`\"\[]?(\w+)[`\"\]]?\s*(?:\((?P<columns>[^()]*)\))?\s*VALUES\s*", re.IGNORECASE
)
_NOT_A_COLUMN = re.compile(r"(?:PRIMARY|KEY|UNIQUE|CONSTRAINT|INDEX|FOREIGN|CHECK|FULLTEXT)\b", re.IGNORECASE)
_IDENTIFIER = re.compile(r"[`\"\[]?(\w+)[`\"\]]?")
_MAX_SCAN = 2_000_000  # characters of VALUES read per statement


def _outside_quotes(text: str, start: int, end: int) -> Iterator[tuple[int, str, int]]:
    """(index, character, bracket depth before it) of every character of ``text[start:end]`` outside
    quotes ('...', "...", `...`; a backslash escapes the next character inside: 'O\\'Neill')."""
    depth, quote, escaped = 0, "", False
    for index in range(start, end):
        char = text[index]
        if escaped:
            escaped = False
        elif quote:
            if char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        else:
            yield index, char, depth
            depth += (char == "(") - (char == ")")


def _split_top_level(body: str) -> list[str]:
    """``body`` cut at commas outside brackets and quotes."""
    parts, start = [], 0
    for index, char, depth in _outside_quotes(body, 0, len(body)):
        if char == "," and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return parts


def _closing(text: str, opening: int) -> int:
    """Index of the bracket that closes the one at ``opening`` (quotes respected), or -1."""
    for index, char, depth in _outside_quotes(text, opening, min(len(text), opening + _MAX_SCAN)):
        if char == ")" and depth == 1:
            return index
    return -1


def _columns(definitions: str) -> list[str]:
    names = []
    for part in _split_top_level(definitions):
        part = part.strip()
        if not part or _NOT_A_COLUMN.match(part):
            continue
        name = _IDENTIFIER.match(part)
        if name:
            names.append(name.group(1))
    return names


def _tables(text: str) -> dict[str, list[tuple[int, list[str]]]]:
    """Per table name: (position, column names) of each CREATE TABLE."""
    tables: dict[str, list[tuple[int, list[str]]]] = {}
    for match in _CREATE.finditer(text):
        end = _closing(text, match.end() - 1)
        if end > 0:
            tables.setdefault(match.group(1).lower(), []).append(
                (match.start(), _columns(text[match.end() : end]))
            )
    return tables


def _values(text: str, opening: int, closing: int) -> list[tuple[int, int, str]]:
    """The values of one row "(...)": (start, end, value); quotes removed from strings."""
    cells = []
    position = opening + 1
    for raw in _split_top_level(text[opening + 1 : closing]):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        start = position + lead
        if len(stripped) >= 2 and stripped[0] == stripped[-1] and stripped[0] in "'\"":
            stripped, start = stripped[1:-1], start + 1
        cells.append((start, start + len(stripped), stripped))
        position += len(raw) + 1
    return cells


def sql_rows(text: str) -> Iterator[list[tuple[str, int, int, str]]]:
    """Each row of each INSERT statement whose column names are known: (column, start, end, value)."""
    if "INSERT" not in text.upper():
        return
    tables = _tables(text)
    for insert in _INSERT.finditer(text):
        if insert.group("columns") is not None:
            names = _columns(insert.group("columns"))
        else:
            created = [cols for at, cols in tables.get(insert.group(1).lower(), []) if at < insert.start()]
            if not created:
                continue
            names = created[-1]
        position = insert.end()
        while position < len(text) and text[position] == "(":
            closing = _closing(text, position)
            if closing < 0:
                break
            cells = _values(text, position, closing)
            if len(cells) == len(names):
                yield [
                    (name, start, end, value) for name, (start, end, value) in zip(names, cells, strict=True)
                ]
            position = closing + 1
            while position < len(text) and text[position] in ", \t\r\n":
                position += 1
