"""Excel workbooks (.xlsx) via openpyxl in read-only, cached-values mode.

Each worksheet starts with a line ``--- sheet: <title> ---``; each row's cells up to its last value
are joined by tabs (an empty cell stays empty, so values stay under their column headers), rows by
newlines. Dates are rendered Dutch style, day-month-year (``03-03-1987``).
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from typing import TYPE_CHECKING

from piigov.extraction._types import ExtractedText, UnreadableItem
from piigov.extraction.archive import open_zip

if TYPE_CHECKING:
    from piigov.extraction._core import Context

__all__ = ["extract", "format_value"]

DATE_FORMAT = "%d-%m-%Y"
_MAX_PADDED_COLUMNS = 256  # a forged row with one value in column XFD must not become 16,383 tabs


def _format_time(value: dt.time | dt.datetime) -> str:
    return value.strftime("%H:%M:%S" if value.second or value.microsecond else "%H:%M")


def format_value(value: object) -> str:
    """Render one cell value as text."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime(DATE_FORMAT)
        return f"{value.strftime(DATE_FORMAT)} {_format_time(value)}"
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, dt.time):
        return _format_time(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _row_cells(row: tuple[object, ...]) -> list[str]:
    """The row's cells up to its last value, empty cells kept (so that a cell stays under its
    column header); a row wider than ``_MAX_PADDED_COLUMNS`` keeps only its values."""
    values = ["" if v is None else format_value(v) for v in row]
    while values and not values[-1]:
        values.pop()
    if len(values) > _MAX_PADDED_COLUMNS:
        values = [v for v in values if v]
    return values


def extract(data: bytes, ctx: Context) -> ExtractedText:
    import openpyxl

    open_zip(data, ctx, check_ratio=False).close()
    lines: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise UnreadableItem("corrupt", f"cannot open XLSX ({type(exc).__name__})") from None
        try:
            for sheet in workbook.worksheets:
                lines.append(f"--- sheet: {' '.join(str(sheet.title).split())} ---")
                # Ignore the declared dimension: a forged one would pad every row to 16384 cells.
                reset = getattr(sheet, "reset_dimensions", None)
                if reset is not None:
                    reset()
                for row in sheet.iter_rows(values_only=True):
                    values = _row_cells(row)
                    if values:
                        lines.append("\t".join(values))
        except Exception as exc:
            raise UnreadableItem("corrupt", f"cannot read XLSX sheet ({type(exc).__name__})") from None
        finally:
            workbook.close()
    return ExtractedText("\n".join(lines), "xlsx")
