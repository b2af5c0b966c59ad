"""OpenDocument spreadsheets (.ods), read by calamine after the zip checks.

OpenDocument compresses runs of identical rows and cells with ``number-rows-repeated`` and
``number-columns-repeated``; a tiny file can so declare a billion non-empty cells. Runs of
empty cells (LibreOffice writes one to the end of every sheet) are harmless; long runs of
non-empty ones are refused as ``too-large`` before calamine expands them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sibaso.core.errors import SourceError

from .engines import calamine_workbook
from .limits import Limits
from .model import Workbook
from .xlsx import CALAMINE_CELL_BUDGET
from .zipscan import SafeZip

__all__ = ["open_ods"]

_REPEATED = re.compile(rb"number-(rows|columns)-repeated\s*=\s*[\"']([0-9]{4,})[\"']")
_ROW_END = b"table-row>"
_CELL_TAG = re.compile(rb"<[\w.-]*:?(?:covered-)?table-cell\b[^>]*>")
_COLUMNS_REPEATED = re.compile(rb"number-columns-repeated\s*=\s*[\"']([0-9]+)[\"']")


def _filled_cells(row: bytes) -> int:
    """Non-empty cells in a row's content, repeats counted."""
    total = 0
    for tag in _CELL_TAG.findall(row):
        if b"value-type" in tag:
            repeated = _COLUMNS_REPEATED.search(tag)
            total += int(repeated.group(1)) if repeated else 1
    return total


def _repeat_checker(path: Path, limits: Limits) -> Callable[[bytes, int, int], None]:
    """A scan hook refusing long runs of non-empty rows or cells."""

    def inspect(buf: bytes, start: int, limit: int) -> None:
        for match in _REPEATED.finditer(buf, start):
            if match.start() >= limit:
                break
            count = int(match.group(2))
            tag_start = buf.rfind(b"<", 0, match.start())
            tag_end = buf.find(b">", match.end())
            tag = buf[tag_start : tag_end + 1]
            if match.group(1) == b"columns":
                if b"value-type" in tag and count > limits.max_columns:
                    raise SourceError(
                        path,
                        f"a row repeats a non-empty cell {count:,} times, more than the limit "
                        f"of {limits.max_columns:,} columns",
                        code="too-large",
                    )
                continue
            row_end = buf.find(_ROW_END, match.end())
            body = buf[match.end() : row_end if row_end >= 0 else len(buf)]
            if b"value-type" in body and count * _filled_cells(body) > CALAMINE_CELL_BUDGET:
                raise SourceError(
                    path,
                    f"a sheet repeats a non-empty row {count:,} times, too many to read",
                    code="too-large",
                )

    return inspect


def open_ods(path: Path, archive: SafeZip, limits: Limits, engine: str) -> Workbook:
    """Scan ``archive`` fully (closing it), then open it with calamine."""
    try:
        inspect = _repeat_checker(path, limits)
        for name in archive.names:
            archive.scan(name, inspect=inspect if name == "content.xml" else None)
    finally:
        archive.close()
    return calamine_workbook(path, "ods", "OpenDocument (.ods) files", engine, limits)
