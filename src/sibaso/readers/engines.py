"""Which spreadsheet engines are installed, and the calamine row reader they share."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from sibaso.core.errors import SourceError

from .values import Cell, Row, canonical, trim

__all__ = ["ENGINES", "calamine", "calamine_rows", "need_calamine", "open_calamine"]

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
        # text is most cells: handled inline, the rest by the canonical rule
        cells = trim([(c or None) if type(c) is str else canonical(c) for c in raw])
        if cells and pad:
            cells = (*pad, *cells)
        yield number, cells
