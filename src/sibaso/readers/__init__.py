"""The format layer: any source file in, raw sheets of raw rows out, safely.

It knows nothing of NIKs or programmes; header detection and the domain adapters build on it.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "penerima.xls").write_text("NIK|NAMA\\n3201010101900001|SITI, S.Pd\\n")
>>> with open_workbook(folder / "penerima.xls") as book:
...     print(book.format, book.delimiter)
...     for sheet in book.sheets():
...         print(list(sheet.rows()))
csv |
[(1, ('NIK', 'NAMA')), (2, ('3201010101900001', 'SITI, S.Pd'))]

The format is told from the content, never the file name. Whole-file failures raise
:class:`~sibaso.core.errors.SourceError` with a ``code``: ``empty``, ``not-a-spreadsheet``,
``encrypted``, ``corrupt``, ``too-large``, ``unsafe-xml``, ``unsupported`` (or
``unreadable`` when the operating system cannot open the file). Errors found while rows are
read raise it too, so collect every row before acting on any.
"""

from __future__ import annotations

import os
from pathlib import Path

from .detect import sniff, zip_format
from .engines import ENGINES, INSTALL_HINT, calamine
from .limits import Limits
from .model import Sheet, Workbook
from .values import Cell, Row

__all__ = ["Cell", "Limits", "Row", "Sheet", "Workbook", "open_workbook"]


def open_workbook(
    path: str | os.PathLike[str], *, limits: Limits | None = None, engine: str = "auto"
) -> Workbook:
    """Open a spreadsheet-like file for reading; use it as a context manager.

    ``limits`` defaults to :meth:`Limits.from_env`. ``engine`` picks the xlsx reader:
    ``"auto"`` (python-calamine when installed, else openpyxl), ``"calamine"`` or
    ``"openpyxl"``; both give identical rows. Under ``"auto"``, a sheet whose declared size
    calamine would have to hold in memory at once is read by openpyxl, which streams.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}, not {engine!r}")
    if engine == "calamine" and calamine() is None:
        raise ImportError(f"engine='calamine' needs python-calamine: {INSTALL_HINT}")
    limits = limits if limits is not None else Limits.from_env()
    source = Path(path)
    kind = sniff(source, limits)
    if kind == "zip":
        from .zipscan import SafeZip

        archive = SafeZip(source, limits)
        try:
            fmt = zip_format(archive)
        except BaseException:
            archive.close()
            raise
        if fmt == "ods":
            from .ods import open_ods

            return open_ods(source, archive, limits, engine)
        from .xlsx import open_xlsx

        return open_xlsx(source, archive, limits, engine)
    if kind == "ole":
        from .xls import open_ole

        return open_ole(source, limits, engine)
    if kind == "html":
        from .html import open_html

        return open_html(source, limits)
    from .csvfile import open_csv

    return open_csv(source, limits)
