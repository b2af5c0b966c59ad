"""Reports people would rather look at than read: a workbook with charts, or one HTML page.

:func:`build_report` reads the registry once into :class:`ReportData` (the numbers);
:func:`write_xlsx` and :func:`write_html` show the same sections — recipients per kecamatan ×
programme, match quality per programme, complementarity gaps, complaints per kecamatan ×
status, and the rows an operator must fix. See ``docs/reports.md``.

>>> import sibaso
>>> from sibaso.report import build_report
>>> with sibaso.open(":memory:") as registry:
...     data = build_report(registry)
>>> data.recipients, [s.sheet for s in data.sections()][:3]
(0, ['Ringkasan', 'Penerima', 'Kualitas padan'])
"""

from __future__ import annotations

from sibaso.report._build import build_report
from sibaso.report._data import (
    COMPLAINT_STATUSES,
    CONFLICT_LABELS,
    GAP_LABELS,
    MATCH_STATUSES,
    ChartSpec,
    ConflictRow,
    FixRow,
    ReportData,
    Section,
)
from sibaso.report._html import bar_chart_svg, render_html, write_html
from sibaso.report._xlsx import write_xlsx

__all__ = [
    "COMPLAINT_STATUSES",
    "CONFLICT_LABELS",
    "GAP_LABELS",
    "MATCH_STATUSES",
    "ChartSpec",
    "ConflictRow",
    "FixRow",
    "ReportData",
    "Section",
    "bar_chart_svg",
    "build_report",
    "render_html",
    "write_html",
    "write_xlsx",
]
