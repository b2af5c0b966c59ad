"""Write a read report to ``.xlsx``: an issues sheet and the rejected rows to fix and re-upload.

Every cell text that a spreadsheet could run as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from sibaso.adapters.pipeline.read_report import ReadReport

__all__ = ["safe_cell", "write_report"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# an international phone number (``+62 812-3456-7890``): digits, spaces and dashes after a plus
# can call no function and reference no cell, so it is left as people wrote it
_PHONE = re.compile(r"\+[0-9][0-9 \-]{6,20}[0-9]")


def safe_cell(value: object) -> object:
    """A cell value that no spreadsheet will run as a formula (a lone ``-`` placeholder
    stays as it is: there is nothing to run).

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("-"), safe_cell("-1+1")
    ("'=HYPERLINK(1)", '-', "'-1+1")

    A plain phone number keeps its plus; anything more than digits after it is still neutralised:

    >>> safe_cell("+6281234567890"), safe_cell("+62 812-3456-7890")
    ('+6281234567890', '+62 812-3456-7890')
    >>> safe_cell("+62812+SUM(A1)"), safe_cell("+1-1")
    ("'+62812+SUM(A1)", "'+1-1")
    """
    if isinstance(value, str) and _PHONE.fullmatch(value):
        return value
    if isinstance(value, str) and value.startswith(_FORMULA_START) and value != "-":
        return "'" + value
    return value


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[object]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    widths = [len(h) for h in header]
    for row in rows:
        ws.append([safe_cell(v) for v in row])
        for i, value in enumerate(row):
            if i < len(widths):
                widths[i] = max(widths[i], min(60, len(str(value)) if value is not None else 0))
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width + 2


def write_report(report: ReadReport, path: Path, lang: str = "id") -> Path:
    """Write ``report`` to ``path`` and return the path."""
    wb = Workbook()
    wb.remove(wb.active)
    heads = (
        ["Berkas", "Sheet", "Baris", "Kolom", "Kode", "Tingkat", "Pesan"]
        if lang == "id"
        else ["File", "Sheet", "Row", "Column", "Code", "Severity", "Message"]
    )
    _sheet(
        wb,
        "Masalah" if lang == "id" else "Issues",
        heads,
        [
            [
                i.file,
                i.sheet,
                i.row,
                i.column,
                i.code,
                report.severity_label(i.severity, lang),
                i.message if lang == "id" else i.message_en,
            ]
            for i in report.issues
        ],
    )
    by_header: dict[tuple[str, ...], list[list[object]]] = {}
    for rejected in report.rejected_rows:
        by_header.setdefault(rejected.header, []).append(
            [rejected.sheet, rejected.row, "; ".join(rejected.reasons), *rejected.cells]
        )
    for number, (header, rows) in enumerate(by_header.items(), start=1):
        title = ("Baris ditolak" if lang == "id" else "Rejected rows") + (
            f" {number}" if len(by_header) > 1 else ""
        )
        lead = ["Sheet", "Baris", "Alasan"] if lang == "id" else ["Sheet", "Row", "Reason"]
        _sheet(wb, title[:31], [*lead, *header], rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
