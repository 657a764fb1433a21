"""A database table as a source: every row is an item (the Taskforce administration).

Keys are ``<table>/<key values joined by ','>`` in key-column order; inside a value the characters
``%``, ``,`` and ``/`` are percent-encoded (``%25``, ``%2C``, ``%2F``) and a NULL is ``%N``, so an
ordinary integer or text key reads as itself (``personen/17``, ``dossiers/Utrecht,4``).

A row is read as UTF-8 text of ``column: value`` lines in table column order (NULL and empty cells
as ``column:``), so detection offsets refer to that text and a finding can be traced to a cell
(:meth:`SqlTableSource.read_with_columns`). ``extraction_name`` gives the scanner ``<key>.txt``.

Redaction (:meth:`SqlTableSource.redact`) parses a redacted rendering back into cell values and
runs one ``UPDATE`` in a transaction; key columns are never redacted.

Deletion is a SQL ``DELETE`` in a transaction that must hit exactly one row per key;
:meth:`SqlTableSource.delete_many` removes a batch in one transaction (all or nothing),
:meth:`SqlTableSource.delete_many_if_unchanged` a batch of rows still as classified, and
:meth:`SqlTableSource.reclaim_space` then runs the database's space reclaim (``VACUUM``). SQLite
connections run with ``PRAGMA secure_delete = ON`` so deleted cells are overwritten with zeros.

Cell values are personal data: they never appear in exceptions or log records. The database
password never appears in ``uri`` or ``describe()``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from piigov.sources.base import ItemGone, SourceError, SourceItem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from sqlalchemy import Column, Connection, Engine, Table
    from sqlalchemy.engine import URL

    from piigov.detection import Detection, Detector

__all__ = ["PROFILE_MIN_COVERAGE", "PROFILE_MIN_SHARE", "SqlTableSource"]

#: A column is profiled as an entity type when at least this share of its non-empty sampled
#: cells has a detection of that type ...
PROFILE_MIN_SHARE = 0.6
#: ... covering more than this share of the (whitespace-trimmed) cell.
PROFILE_MIN_COVERAGE = 0.5

_NULL_KEY = "%N"
_LIST_BATCH = 500
#: Query parameters of a database URL that may carry secrets; dropped from ``uri``.
_SECRET_QUERY_WORDS = ("pass", "secret", "token")
# C0 controls (except tab, newline, carriage return) and DEL become spaces in the rendered text:
# a NUL would make the text extractor treat the row as binary. Same length, so offsets hold.
_CONTROL_TO_SPACE = {c: " " for c in (*range(0x20), 0x7F) if chr(c) not in "\t\n\r"}


def public_url(url: URL) -> str:
    """The URL without password and without secret-looking query parameters."""
    query = {k: v for k, v in url.query.items() if not any(w in k.lower() for w in _SECRET_QUERY_WORDS)}
    return url.set(password=None, query=query).render_as_string(hide_password=True).replace(":***@", "@")


def _scalar_text(value: Any) -> str:
    """A key value as text; round-trips through :func:`_coerce` for the usual column types."""
    if isinstance(value, (date, time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)


def _encode_key_part(value: Any) -> str:
    if value is None:
        return _NULL_KEY
    return _scalar_text(value).replace("%", "%25").replace(",", "%2C").replace("/", "%2F")


def _cell_text(value: Any) -> str:
    """A cell as text for reading and detection."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (date, time)):
        text = value.isoformat()
    elif isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return f"<binary, {len(raw)} bytes>"
    elif isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    else:
        text = str(value)
    return text.translate(_CONTROL_TO_SPACE)


def _json_default(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)  # Decimal, UUID, intervals, ...


def _fingerprint(row: Mapping[str, Any]) -> str:
    canonical = json.dumps(
        dict(row), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default
    )
    return "sha256=" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _coerce(column: Column[Any], text: str) -> Any:
    """A key value from its text, as the column's Python type where that is known."""
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return text
    try:
        if python_type is bool:
            return text == "True"
        if python_type is bytes:
            return bytes.fromhex(text)
        if python_type in (int, float, Decimal, uuid.UUID):
            return python_type(text)
        if python_type in (datetime, date, time):
            return python_type.fromisoformat(text)
    except (ValueError, ArithmeticError):
        raise SourceError(f"malformed key value for column {column.name!r}") from None
    return text


def _redacted_value(column: Column[Any], old: Any, text: str) -> Any:
    """The new value of a cell from its redacted text, as the column's type."""
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        python_type = type(old) if old is not None else str
    if python_type is str:
        return text
    if text == "" and python_type is not bytes:
        if not column.nullable:
            raise SourceError(f"column {column.name!r} cannot be emptied (NOT NULL)")
        return None
    try:
        if python_type is bool:
            if text not in ("True", "False"):
                raise ValueError(text)
            return text == "True"
        if python_type is bytes:
            return text.encode("utf-8")
        if python_type in (int, float, Decimal, uuid.UUID):
            return python_type(text.strip())
        if python_type in (datetime, date, time):
            return python_type.fromisoformat(text.strip())
        if python_type in (dict, list):
            return json.loads(text)
    except (ValueError, ArithmeticError):
        raise SourceError(
            f"the new value of column {column.name!r} cannot be converted to its type"
        ) from None
    raise SourceError(f"column {column.name!r} has a type that cannot be redacted")


def _coverage(spans: Iterable[tuple[int, int]], length: int) -> float:
    """Share of ``length`` characters covered by the union of ``spans``."""
    covered = 0
    end_so_far = 0
    for start, end in sorted(spans):
        start = max(start, end_so_far)
        if end > start:
            covered += end - start
            end_so_far = end
    return covered / length if length else 0.0


class SqlTableSource:
    """One table of a database reachable with SQLAlchemy; a row is an item.

    :param url: SQLAlchemy database URL (``sqlite:////path/db.sqlite``,
        ``postgresql+psycopg2://user:password@host/db``)
    :param table: table name
    :param key_columns: columns that identify a row; default: the primary key. A table without a
        primary key is refused unless they are given.
    :param schema: database schema (PostgreSQL); default: the search path
    """

    kind = "sql"

    def __init__(
        self, url: str, table: str, *, key_columns: list[str] | None = None, schema: str | None = None
    ) -> None:
        from sqlalchemy import MetaData, Table, create_engine, event
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError, NoSuchTableError, SQLAlchemyError

        try:
            parsed = make_url(url)
        except (ArgumentError, ValueError):
            raise SourceError("not a valid database URL") from None  # the URL may hold a password
        self.table_name = table
        self.schema = schema
        qualified = f"{schema}.{table}" if schema else table
        self.uri = f"{public_url(parsed)}#{qualified}"
        self._key_prefix = f"{table}/"
        dialect = parsed.get_backend_name()
        if dialect == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:") or database.startswith("file:"):
                raise SourceError("an SQLite source must be a database file")
            if not Path(database).is_file():  # connecting would create an empty database
                raise SourceError(f"no SQLite database file at {database}")
        try:
            self._engine: Engine = create_engine(parsed)
        except (ArgumentError, NoSuchModuleError) as exc:
            raise SourceError(f"cannot use database {self.uri} ({type(exc).__name__})") from None
        if dialect == "sqlite":
            event.listen(self._engine, "connect", _sqlite_secure_delete)
        try:
            self._table: Table = Table(table, MetaData(), schema=schema, autoload_with=self._engine)
        except NoSuchTableError:
            self._engine.dispose()
            raise SourceError(f"no table {qualified!r} in {public_url(parsed)}") from None
        except SQLAlchemyError as exc:
            self._engine.dispose()
            raise SourceError(f"cannot reach database {public_url(parsed)} ({type(exc).__name__})") from None
        self.columns: tuple[str, ...] = tuple(c.name for c in self._table.columns)
        if key_columns:
            unknown = [name for name in key_columns if name not in self._table.c]
            if unknown:
                self._engine.dispose()
                raise SourceError(f"key columns not in table {qualified!r}: {unknown}")
            self._key_cols: tuple[Column[Any], ...] = tuple(self._table.c[name] for name in key_columns)
            self._keys_declared_unique = False
        else:
            self._key_cols = tuple(self._table.primary_key.columns)
            self._keys_declared_unique = True
            if not self._key_cols:
                self._engine.dispose()
                raise SourceError(f"table {qualified!r} has no primary key; give key_columns")
        self.key_columns: tuple[str, ...] = tuple(c.name for c in self._key_cols)

    # --- keys and rendering ---------------------------------------------------------------------

    def _key_of(self, row: Mapping[str, Any]) -> str:
        return self._key_prefix + ",".join(_encode_key_part(row[c.name]) for c in self._key_cols)

    def _key_values(self, key: str) -> list[Any]:
        if not key.startswith(self._key_prefix):
            raise SourceError(f"key is not a row of table {self.table_name!r}")
        parts = key[len(self._key_prefix) :].split(",")
        if len(parts) != len(self._key_cols):
            raise SourceError(f"key needs {len(self._key_cols)} value(s): {', '.join(self.key_columns)}")
        return [
            None if part == _NULL_KEY else _coerce(col, unquote(part))
            for col, part in zip(self._key_cols, parts, strict=True)
        ]

    def _where(self, key: str) -> Any:
        from sqlalchemy import and_

        values = self._key_values(key)
        return and_(
            *(
                col.is_(None) if value is None else col == value
                for col, value in zip(self._key_cols, values, strict=True)
            )
        )

    def _render(self, row: Mapping[str, Any]) -> tuple[str, list[tuple[int, int, str]]]:
        lines: list[str] = []
        spans: list[tuple[int, int, str]] = []
        pos = 0
        for name in self.columns:
            text = _cell_text(row[name])
            line = f"{name}: {text}" if text else f"{name}:"
            if text:
                start = pos + len(name) + 2
                spans.append((start, start + len(text), name))
            lines.append(line)
            pos += len(line) + 1
        return "\n".join(lines), spans

    def _item(self, key: str, row: Mapping[str, Any]) -> SourceItem:
        text, _ = self._render(row)
        return SourceItem(key, len(text.encode("utf-8")), _fingerprint(row))

    def _row(self, key: str) -> Mapping[str, Any] | None:
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        stmt = select(self._table).where(self._where(key)).limit(2)
        try:
            with self._engine.connect() as conn:
                rows = conn.execute(stmt).mappings().all()
        except SQLAlchemyError as exc:
            raise SourceError(f"query failed ({type(exc).__name__})") from None
        if len(rows) > 1:
            raise SourceError("key matches more than one row; key_columns are not unique")
        return rows[0] if rows else None

    # --- the Source interface -------------------------------------------------------------------

    def list_items(self) -> Iterator[SourceItem]:
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        stmt = select(self._table).order_by(*self._key_cols)
        seen: set[str] | None = None if self._keys_declared_unique else set()
        try:
            with self._engine.connect() as conn:
                result = conn.execution_options(yield_per=_LIST_BATCH).execute(stmt).mappings()
                for row in result:
                    key = self._key_of(row)
                    if seen is not None:
                        if key in seen:
                            raise SourceError("key_columns do not identify rows uniquely")
                        seen.add(key)
                    yield self._item(key, row)
        except SQLAlchemyError as exc:
            raise SourceError(f"listing failed ({type(exc).__name__})") from None

    def read(self, key: str) -> bytes:
        return self.read_with_columns(key)[0].encode("utf-8")

    def read_with_columns(self, key: str) -> tuple[str, list[tuple[int, int, str]]]:
        """The row's text and the ``(start, end, column)`` span of each non-empty cell value in it."""
        row = self._row(key)
        if row is None:
            raise ItemGone(key)
        return self._render(row)

    def extraction_name(self, key: str) -> str:
        """The name the scanner hands to the extractor: the row is plain text."""
        return f"{key}.txt"

    def stat(self, key: str) -> SourceItem | None:
        row = self._row(key)
        return None if row is None else self._item(key, row)

    def _delete_in(self, conn: Connection, key: str) -> None:
        from sqlalchemy import delete

        result = conn.execute(delete(self._table).where(self._where(key)))
        if result.rowcount == 0:
            raise ItemGone(key)
        if result.rowcount != 1:
            raise SourceError(f"key matches {result.rowcount} rows; nothing deleted")

    def delete(self, key: str) -> str:
        self.delete_many([key])
        return "SQL DELETE of 1 row"

    def delete_many(self, keys: Sequence[str]) -> int:
        """Delete the rows in one transaction: all of them, or (on any error) none.

        Raises :class:`ItemGone` when a key has no row, :class:`SourceError` when the database
        refuses (e.g. a foreign key still refers to a row); either way nothing is deleted.
        """
        from sqlalchemy.exc import SQLAlchemyError

        keys = list(keys)
        if len(set(keys)) != len(keys):
            raise SourceError("duplicate keys in the batch")
        if not keys:
            return 0
        try:
            with self._engine.begin() as conn:
                for key in keys:
                    self._delete_in(conn, key)
        except SQLAlchemyError as exc:
            # The driver's message may quote row values (e.g. a foreign key's detail): type only.
            cause = type(getattr(exc, "orig", None) or exc).__name__
            raise SourceError(f"delete failed, nothing deleted ({cause})") from None
        return len(keys)

    def delete_many_if_unchanged(self, expected: Mapping[str, str]) -> dict[str, str]:
        """Delete, in one transaction, the rows whose content hash is still the expected one.

        ``expected`` maps row keys to the content hash of :meth:`read` as classified. Each row is
        locked (``SELECT ... FOR UPDATE`` where supported), hashed and deleted inside the transaction.
        Returns per key ``"deleted"``, ``"gone"`` (no such row) or ``"changed"`` (left in place). A
        database error deletes nothing (:class:`SourceError`, exception type only).
        """
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        from piigov.hashing import content_hash

        outcome: dict[str, str] = {}
        try:
            with self._engine.begin() as conn:
                for key, expected_hash in expected.items():
                    stmt = select(self._table).where(self._where(key)).limit(2).with_for_update()
                    rows = conn.execute(stmt).mappings().all()
                    if not rows:
                        outcome[key] = "gone"
                        continue
                    if len(rows) > 1:
                        raise SourceError("key matches more than one row; key_columns are not unique")
                    if content_hash(self._render(rows[0])[0].encode("utf-8")) != expected_hash:
                        outcome[key] = "changed"
                        continue
                    self._delete_in(conn, key)
                    outcome[key] = "deleted"
        except SQLAlchemyError as exc:
            cause = type(getattr(exc, "orig", None) or exc).__name__
            raise SourceError(f"delete failed, nothing deleted ({cause})") from None
        return outcome

    def reclaim_space(self, *, full: bool = False) -> str:
        """Run the database's space reclaim after deletions; returns a description of what ran.

        SQLite: ``VACUUM`` (rebuilds the database file without free pages) and a WAL checkpoint.
        PostgreSQL: ``VACUUM <table>`` (dead row versions removed), or with ``full=True``
        ``VACUUM FULL <table>`` (table rewritten into new files; takes an exclusive lock).
        """
        from sqlalchemy.exc import SQLAlchemyError

        dialect = self._engine.dialect.name
        try:
            with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                if dialect == "sqlite":
                    conn.exec_driver_sql("VACUUM")
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                    return "VACUUM (SQLite database file rebuilt without free pages)"
                if dialect == "postgresql":
                    name = self._engine.dialect.identifier_preparer.format_table(self._table)
                    command = f"VACUUM FULL {name}" if full else f"VACUUM {name}"
                    conn.exec_driver_sql(command)
                    return f"{command} (PostgreSQL)"
        except SQLAlchemyError as exc:
            raise SourceError(f"space reclaim failed ({type(exc).__name__})") from None
        return f"no space reclaim available for {dialect}"

    # --- redaction ------------------------------------------------------------------------------

    def _parse_rendering(self, text: str) -> dict[str, str]:
        """Each column's cell text from a rendering as :meth:`read` gives it (``column: value`` lines).

        Lines come in table column order; a value may span lines (it runs up to the next column's
        line). A column whose line is missing is a :class:`SourceError`.
        """
        cells: dict[str, str] = {}
        pos = 0
        for index, name in enumerate(self.columns):
            head = f"{name}:"
            if not text.startswith(head, pos):
                raise SourceError(f"the line of column {name!r} is missing from the new content")
            pos += len(head)
            if index + 1 < len(self.columns):
                end = text.find(f"\n{self.columns[index + 1]}:", pos)
                if end < 0:
                    raise SourceError(
                        f"the line of column {self.columns[index + 1]!r} is missing from the new content"
                    )
            else:
                end = len(text)
                if text.endswith("\n", pos):
                    end -= 1  # a trailing newline after the last line
            value = text[pos:end]
            cells[name] = value[1:] if value.startswith(" ") else value
            pos = end + 1
        return cells

    def redact(self, key: str, new_content: bytes, *, expected_fingerprint: str) -> tuple[str, str]:
        """UPDATE the row's cells to the values in ``new_content``, a redacted rendering of :meth:`read`.

        Only cells whose text differs from the current rendering are written, converted to the
        column's type (a value that cannot be converted is a :class:`SourceError`). Key columns are
        never redacted. The fingerprint check and the UPDATE run in one transaction (the row is
        locked with ``SELECT ... FOR UPDATE`` where the database supports it). The key stays the same.
        """
        from sqlalchemy import select, update
        from sqlalchemy.exc import SQLAlchemyError

        try:
            text = bytes(new_content).decode("utf-8")
        except UnicodeDecodeError:
            raise SourceError("the new content is not UTF-8 text") from None
        cells = self._parse_rendering(text)
        try:
            with self._engine.begin() as conn:
                stmt = select(self._table).where(self._where(key)).limit(2).with_for_update()
                rows = conn.execute(stmt).mappings().all()
                if not rows:
                    raise ItemGone(key)
                if len(rows) > 1:
                    raise SourceError("key matches more than one row; key_columns are not unique")
                row = rows[0]
                if _fingerprint(row) != expected_fingerprint:
                    raise SourceError("item changed since it was read")
                values: dict[str, Any] = {}
                for name in self.columns:
                    if cells[name] == _cell_text(row[name]):
                        continue  # unchanged: the stored value stays exactly as it is
                    if name in self.key_columns or name in self._table.primary_key.columns:
                        raise SourceError(f"key column {name!r} changed: primary keys are not redacted")
                    values[name] = _redacted_value(self._table.c[name], row[name], cells[name])
                if not values:
                    return key, "no cell changed; nothing written"
                result = conn.execute(update(self._table).where(self._where(key)).values(values))
                if result.rowcount != 1:
                    raise SourceError(f"UPDATE matched {result.rowcount} rows; nothing changed")
        except SQLAlchemyError as exc:
            cause = type(getattr(exc, "orig", None) or exc).__name__
            raise SourceError(f"redaction failed, nothing changed ({cause})") from None
        return key, f"SQL UPDATE of 1 row ({len(values)} cell(s)) in one transaction"

    def describe(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "uri": self.uri,
            "dialect": self._engine.dialect.name,
            "table": self.table_name,
            "schema": self.schema or "",
            "key_columns": ",".join(self.key_columns),
        }

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    # --- structured detection -------------------------------------------------------------------

    def column_profile(self, detector: Detector, sample_rows: int = 200) -> dict[str, str | None]:
        """The entity type each column holds, from a sample of rows (first rows in key order).

        A column is marked with an entity type when at least :data:`PROFILE_MIN_SHARE` of its
        non-empty sampled cells have detections of that type covering more than
        :data:`PROFILE_MIN_COVERAGE` of the cell; a column of names is then personal data even
        where a single cell alone is ambiguous. ``None`` marks a column with no such type.
        """
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        stmt = select(self._table).order_by(*self._key_cols).limit(max(0, sample_rows))
        try:
            with self._engine.connect() as conn:
                rows = conn.execute(stmt).mappings().all()
        except SQLAlchemyError as exc:
            raise SourceError(f"sampling failed ({type(exc).__name__})") from None
        cells: list[tuple[str, str]] = []
        for row in rows:
            for name in self.columns:
                text = _cell_text(row[name]).strip()
                if text:
                    cells.append((name, text))
        detect_many = getattr(detector, "detect_many", None)
        texts = [text for _, text in cells]
        found: list[list[Detection]] = (
            detect_many(texts) if detect_many is not None else [detector.detect(t) for t in texts]
        )
        non_empty: Counter[str] = Counter(name for name, _ in cells)
        hits: dict[str, Counter[str]] = {name: Counter() for name in self.columns}
        for (name, text), detections in zip(cells, found, strict=True):
            by_type: dict[str, list[tuple[int, int]]] = {}
            for d in detections:
                by_type.setdefault(d.entity_type, []).append((d.start, d.end))
            for entity_type, spans in by_type.items():
                if _coverage(spans, len(text)) > PROFILE_MIN_COVERAGE:
                    hits[name][entity_type] += 1
        profile: dict[str, str | None] = {}
        for name in self.columns:
            qualifying = [
                (count, entity_type)
                for entity_type, count in hits[name].items()
                if count >= PROFILE_MIN_SHARE * non_empty[name]
            ]
            # Most cells first; ties broken by name so the profile is deterministic.
            profile[name] = min(qualifying, key=lambda ce: (-ce[0], ce[1]))[1] if qualifying else None
        return profile


def _sqlite_secure_delete(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()
