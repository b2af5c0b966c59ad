"""Raw cell values, one canonical rule for every engine, and the row guard.

The canonical rule (the same for calamine and openpyxl, so both give identical rows):

* empty cells and empty strings are ``None``; other strings are kept as they are (not
  stripped), with Excel's ``_xHHHH_`` escapes decoded;
* booleans are ``bool``;
* numbers are IEEE doubles in every spreadsheet format. A whole number whose magnitude is at
  most 2**53 is returned as ``int`` (every digit is exact: a 16-digit NIK stored as a number
  such as 1205014107850001 comes back as that ``int``); any other number is a ``float``;
* date-formatted cells are ``datetime.date`` when the time of day is midnight, otherwise
  ``datetime.datetime``; time-only cells are ``datetime.time`` and duration cells
  ``datetime.timedelta``;
* error cells (``#N/A``, ``#DIV/0!`` …) are ``None``; formulas give their cached value.

>>> canonical(1205014107850001.0), canonical(2.5), canonical(""), canonical(-0.0)
(1205014107850001, 2.5, None, 0)
>>> canonical(2.0**53 + 2)
9007199254740994.0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeAlias

from sibaso.core.errors import SourceError

from .limits import Limits

__all__ = ["Cell", "Row", "canonical", "guard_rows", "unescape_ooxml"]

#: A raw cell value.
Cell: TypeAlias = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
#: ``(row_number, cells)``: the 1-based row number the operator sees and the trimmed cells.
Row: TypeAlias = tuple[int, tuple[Cell, ...]]

_EXACT = 2**53
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes (``"_x000D_"`` is a carriage return)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def canonical(value: Any) -> Cell:
    """Apply the canonical rule to one value as an engine gave it."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float:
        if value.is_integer() and -_EXACT <= value <= _EXACT:
            return int(value)
        return value  # type: ignore[no-any-return]
    if kind is int:
        return value if -_EXACT <= value <= _EXACT else float(value)
    if kind is dt.datetime:
        if not (value.hour or value.minute or value.second or value.microsecond):
            return value.date()  # type: ignore[no-any-return]
        return value  # type: ignore[no-any-return]
    if value is None or kind in (bool, dt.date, dt.time, dt.timedelta):
        return value  # type: ignore[no-any-return]
    if isinstance(value, str):  # str subclasses, e.g. openpyxl rich text
        return str(value) or None
    return str(value)


def trim(cells: list[Cell]) -> tuple[Cell, ...]:
    """Drop trailing ``None`` cells; an empty row gives ``()``."""
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return tuple(cells[:end]) if end != len(cells) else tuple(cells)


def guard_rows(path: object, sheet: str, rows: Iterable[Row], limits: Limits) -> Iterator[Row]:
    """Apply the row limits shared by every format to ``(row_number, cells)`` pairs.

    Skips empty rows, stops quietly after ``max_empty_rows`` consecutive empty rows, and
    raises :class:`SourceError` (``too-large``) past ``max_rows`` or ``max_columns``.
    ``rows`` must already be trimmed and numbered in increasing order.
    """
    max_rows, max_columns, max_gap = limits.max_rows, limits.max_columns, limits.max_empty_rows

    def fail(number: int, cells: tuple[Cell, ...]) -> None:
        if number > max_rows:
            raise SourceError(
                path,
                f"sheet {sheet!r} has data on row {number:,}, beyond the limit of "
                f"{max_rows:,} rows",
                code="too-large",
            )
        raise SourceError(
            path,
            f"sheet {sheet!r} row {number:,} uses {len(cells):,} columns, more than the "
            f"limit of {max_columns:,}",
            code="too-large",
        )

    return _guard_rows(rows, max_rows, max_columns, max_gap, fail)


def _guard_rows(
    rows: Iterable[Row],
    max_rows: int,
    max_columns: int,
    max_gap: int,
    fail: Callable[[int, tuple[Cell, ...]], None],
) -> Iterator[Row]:
    last = 0
    for number, cells in rows:
        if number - last > max_gap:
            return
        if not cells:
            continue
        if number > max_rows or len(cells) > max_columns:
            fail(number, cells)
        last = number
        yield number, cells
