"""Which spreadsheet engines are installed, and the calamine row reader they share."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from sibaso.core.errors import SourceError

from .limits import Limits
from .model import Range, Sheet, Workbook, as_source_error, is_fatal, safe_rows
from .values import Cell, Row, canonical, trim

__all__ = [
    "ENGINES",
    "calamine",
    "calamine_rows",
    "calamine_workbook",
    "need_calamine",
    "open_calamine",
]

#: Accepted values of the ``engine`` argument of :func:`sibaso.readers.open_workbook`.
ENGINES = ("auto", "calamine", "openpyxl")

INSTALL_HINT = "pip install 'sibaso[fast]'"


def calamine() -> ModuleType | None:
    """The ``python_calamine`` module, or ``None`` when it is not installed."""
    try:
        return importlib.import_module("python_calamine")
    except ImportError:
        return None


def need_calamine(path: Path, what: str) -> ModuleType:
    """``python_calamine``, or a :class:`SourceError` saying which extra to install."""
    module = calamine()
    if module is None:
        raise SourceError(
            path,
            f"reading {what} needs python-calamine, which is not installed; {INSTALL_HINT}",
            code="unsupported",
        )
    return module


_SUFFIXES = {
    "xlsx": (".xlsx", ".xlsm", ".xltx", ".xltm"),
    "xls": (".xls", ".xla"),
    "ods": (".ods",),
}


def open_calamine(module: ModuleType, path: Path, fmt: str) -> Any:
    """A ``CalamineWorkbook`` for a file whose format is already known from its content.

    calamine picks its reader from the file name, so a file whose name disagrees with its
    content is handed over as a file object (calamine then reads it into memory).
    """
    if path.suffix.lower() in _SUFFIXES[fmt]:
        return module.CalamineWorkbook.from_path(str(path))
    with open(path, "rb") as handle:
        return module.CalamineWorkbook.from_filelike(handle)


def calamine_rows(sheet: Any) -> Iterator[Row]:
    """Numbered, canonical, trimmed rows of a loaded ``CalamineSheet``.

    calamine yields rows from the first row of the sheet but columns only from the first
    used column, so rows are padded back to column A.
    """
    start = sheet.start
    if start is None:
        return
    pad: list[Cell] = [None] * start[1]
    for number, raw in enumerate(sheet.iter_rows(), start=1):
        cells = _cells(raw, canonical)
        if cells and pad:
            cells = (*pad, *cells)
        yield number, cells


def _python_cells(raw: list[Any], rule: Callable[[Any], Cell]) -> tuple[Cell, ...]:
    """A calamine row by the canonical ``rule``, trailing None dropped (text, most cells,
    inline).

    >>> _python_cells(["SITI", 1.0, "", None], canonical)
    ('SITI', 1)
    """
    return trim([(c or None) if type(c) is str else rule(c) for c in raw])


_cells = _python_cells


def calamine_workbook(
    path: Path,
    fmt: str,
    what: str,
    engine: str,
    limits: Limits,
    *,
    merges: list[list[Range]] | None = None,
    worksheets_only: bool = False,
) -> Workbook:
    """An already scanned ``.ods`` or ``.xls`` file (``fmt``) opened with calamine: its
    sheets, hidden flags and merges, rows read on demand (``what`` names the format)."""
    suffix = f".{fmt}"
    if engine == "openpyxl":
        raise SourceError(
            path,
            f"openpyxl cannot read {suffix} files; use engine='auto' or 'calamine'",
            code="unsupported",
        )
    module = need_calamine(path, what)
    try:
        book = open_calamine(module, path, fmt)
        metadata = list(book.sheets_metadata)
    except BaseException as exc:
        if is_fatal(exc):
            raise
        raise as_source_error(path, exc, f"the {suffix} workbook") from exc
    workbook = Workbook(path, fmt, "calamine", sheets=[], close=book.close)

    def rows_of(index: int) -> Iterator[Row]:
        yield from calamine_rows(book.get_sheet_by_index(index))

    for index, meta in enumerate(metadata):
        if worksheets_only and str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
            continue

        def source(index: int = index, name: str = meta.name) -> Iterator[Row]:
            return safe_rows(
                path, name, lambda: rows_of(index), limits, lambda: workbook.closed, heavy=True
            )

        workbook._sheets.append(
            Sheet(
                meta.name,
                str(meta.visible).rsplit(".", 1)[-1] != "Visible",
                index,
                merged_ranges=list(merges[index]) if merges and index < len(merges) else [],
                source=source,
            )
        )
    return workbook
