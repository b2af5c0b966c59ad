"""The report as an Excel workbook: one sheet per section, native bar charts, formula-safe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sibaso.adapters.pipeline.read_report_xlsx import safe_cell
from sibaso.report._data import ReportData, Section, cell_text

__all__ = ["write_xlsx"]

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
MAX_WIDTH = 60
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_xlsx(data: ReportData, path: str | Path) -> Path:
    """Write the report workbook to ``path`` (folders created) and return the path.

    Every sheet: its title in row 1, Indonesian headings in row 2 (both frozen, with a
    filter), numbers as numbers, every text through :func:`safe_cell`.
    """
    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for section in data.sections():
        _sheet(wb, section)
    wb.properties.title = "Rekap bantuan sosial"
    wb.properties.creator = "sibaso"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _sheet(wb: Workbook, section: Section) -> Worksheet:
    ws = wb.create_sheet(section.sheet[:31])
    ws.cell(TITLE_ROW, 1, safe_cell(section.title)).font = Font(bold=True, size=13)
    for col, heading in enumerate(section.headers, start=1):
        cell = ws.cell(HEADER_ROW, col, safe_cell(heading))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [min(MAX_WIDTH, max(6, len(h))) for h in section.headers]
    for number, row in enumerate(section.rows):
        r = FIRST_DATA_ROW + number
        for col, value in enumerate(row, start=1):
            cell = ws.cell(r, col, _value(value))
            if isinstance(value, int) and not isinstance(value, bool):
                cell.number_format = "#,##0"
            widths[col - 1] = min(MAX_WIDTH, max(widths[col - 1], len(cell_text(value))))
        if not section.detail and row and row[0] == "Jumlah":
            for col in range(1, len(row) + 1):
                ws.cell(r, col).font = Font(bold=True)
    if section.note:
        ws.cell(FIRST_DATA_ROW + len(section.rows) + 1, 1, safe_cell(section.note))
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width + 2
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1).coordinate
    last = FIRST_DATA_ROW + len(section.rows) - 1
    if section.detail and section.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(section.headers))}{last}"
    if section.chart is not None and section.chart.rows:
        _chart(ws, section)
    return ws


def _value(value: Any) -> Any:
    if value is None or isinstance(value, int | float):
        return value
    return safe_cell(str(value))


def _chart(ws: Worksheet, section: Section) -> None:
    spec = section.chart
    assert spec is not None
    chart = BarChart()
    chart.type = "bar"
    chart.title = spec.title
    if spec.stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    first, last = min(spec.series) + 1, max(spec.series) + 1
    end = HEADER_ROW + spec.rows
    chart.add_data(
        Reference(ws, min_col=first, max_col=last, min_row=HEADER_ROW, max_row=end),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=end))
    chart.y_axis.title = "Jumlah"
    chart.x_axis.scaling.orientation = "maxMin"  # first kecamatan on top, as in the table
    chart.legend.position = "b"
    chart.height = max(7.5, 0.55 * spec.rows + 4)
    chart.width = 20
    ws.add_chart(chart, f"{get_column_letter(len(section.headers) + 2)}{HEADER_ROW}")
