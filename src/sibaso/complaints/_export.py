"""Write complaints to ``.xlsx`` or ``.csv``, per kecamatan and status.

``.xlsx``: a summary sheet (kecamatan × status, with the number overdue), then one sheet per
kecamatan listing its complaints by status. ``.csv``: one table sorted by kecamatan and
status. Any cell text beginning with ``=``, ``+``, ``-``, ``@``, tab or CR is neutralised
(:func:`sibaso.adapters.pipeline.read_report_xlsx.safe_cell`) so no spreadsheet runs it as a
formula.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Sequence
from pathlib import Path

import attrs

from sibaso.adapters.pipeline.read_report_xlsx import safe_cell
from sibaso.complaints._model import ComplaintView
from sibaso.core.localtime import iso_local, local_date
from sibaso.core.model import ComplaintStatus

__all__ = ["ExportSummary", "write_export"]

_ORDER = {s.value: i for i, s in enumerate(ComplaintStatus)}
_HEAD = {
    "id": [
        "Tiket",
        "Status",
        "Kategori",
        "Kode kecamatan",
        "Kecamatan",
        "Program",
        "Saluran",
        "Tanggal masuk",
        "Batas waktu",
        "Terlambat (hari)",
        "NIK pelapor",
        "Nama pelapor",
        "Telepon",
        "NIK yang dimaksud",
        "Isi pengaduan",
        "Lampiran",
        "Dicatat oleh",
        "Versi",
    ],
    "en": [
        "Ticket",
        "Status",
        "Category",
        "Kecamatan code",
        "Kecamatan",
        "Programme",
        "Channel",
        "Filed",
        "Due",
        "Days late",
        "Reporter NIK",
        "Reporter name",
        "Phone",
        "Subject NIK",
        "Text",
        "Attachments",
        "Filed by",
        "Version",
    ],
}


@attrs.frozen(kw_only=True)
class ExportSummary:
    """What was written: the file, the rows, and counts per kecamatan and status."""

    path: Path
    format: str
    rows: int
    counts: dict[str, dict[str, int]]

    def to_dict(self) -> dict[str, object]:
        """JSON-ready."""
        return {
            "path": str(self.path),
            "format": self.format,
            "rows": self.rows,
            "counts": self.counts,
        }


def _sorted(views: Sequence[ComplaintView]) -> list[ComplaintView]:
    return sorted(views, key=lambda v: (v.kecamatan, _ORDER.get(v.status, 99), v.filed_at))


def _cells(v: ComplaintView, today: datetime.date, *, dates: bool) -> list[object]:
    filed = local_date(v.filed_at) if dates else iso_local(v.filed_at)
    due: object = v.due if dates else v.due.isoformat()
    values: list[object] = [
        v.ticket,
        v.status,
        v.category,
        v.kecamatan,
        v.kecamatan_name,
        v.programme,
        v.channel,
        filed,
        due,
        v.days_late(today),
        v.reporter_nik,
        v.reporter_name,
        v.phone,
        v.subject_nik,
        v.text,
        len(v.attachments),
        v.filed_by,
        v.version,
    ]
    return [safe_cell(x) for x in values]


def _counts(views: Sequence[ComplaintView], today: datetime.date) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for v in views:
        row = counts.setdefault(v.kecamatan, {s.value: 0 for s in ComplaintStatus} | {"overdue": 0})
        row[v.status] = row.get(v.status, 0) + 1
        if v.days_late(today) > 0:
            row["overdue"] += 1
    return counts


def write_export(
    views: Sequence[ComplaintView],
    path: Path,
    kind: str,
    *,
    lang: str = "id",
    today: datetime.date,
) -> ExportSummary:
    """Write ``views`` to ``path`` as ``kind`` (``xlsx`` or ``csv``)."""
    ordered = _sorted(views)
    head = _HEAD["id" if lang == "id" else "en"]
    counts = _counts(ordered, today)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "csv":
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(head)
            for v in ordered:
                writer.writerow(_cells(v, today, dates=False))
    else:
        _xlsx(ordered, path, head, counts, lang, today)
    return ExportSummary(path=path, format=kind, rows=len(ordered), counts=counts)


def _xlsx(
    ordered: list[ComplaintView],
    path: Path,
    head: list[str],
    counts: dict[str, dict[str, int]],
    lang: str,
    today: datetime.date,
) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Ringkasan" if lang == "id" else "Summary")
    statuses = [s.value for s in ComplaintStatus]
    summary.append(
        [
            head[3],
            head[4],
            *statuses,
            "terlambat" if lang == "id" else "overdue",
            "jumlah" if lang == "id" else "total",
        ]
    )
    names = {v.kecamatan: v.kecamatan_name for v in ordered}
    for code, row in counts.items():
        summary.append(
            [
                safe_cell(code),
                safe_cell(names.get(code)),
                *(row[s] for s in statuses),
                row["overdue"],
                sum(row[s] for s in statuses),
            ]
        )
    used: set[str] = set()
    sheet = None
    current = None
    for v in ordered:
        if v.kecamatan != current:
            current = v.kecamatan
            sheet = wb.create_sheet(_title(v.kecamatan, v.kecamatan_name, used))
            sheet.append(head)
        assert sheet is not None
        sheet.append(_cells(v, today, dates=True))
    wb.save(path)


def _title(code: str, name: str | None, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", f"{code} {name or ''}").strip()[:31]
    title = base
    number = 2
    while title in used:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title)
    return title
