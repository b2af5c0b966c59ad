"""Write match links to ``.xlsx`` for officers (formula-safe)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from sibaso.adapters.pipeline.read_report_xlsx import safe_cell
from sibaso.core.labels import MATCH_ORDER, reason_text
from sibaso.core.labels import label as label_of

__all__ = ["write_links"]

COLUMNS = (
    "programme",
    "file",
    "sheet",
    "row",
    "nik_given",
    "status",
    "nik_matched",
    "confidence",
    "reason",
    "decision",
)
HEADINGS = (
    "Program",
    "Berkas",
    "Sheet",
    "Baris",
    "NIK tertulis",
    "Status padan",
    "NIK ditemukan",
    "Keyakinan",
    "Alasan",
    "Keputusan petugas",
)


_DECISIONS = {"confirmed": "dikonfirmasi", "rejected": "ditolak"}


def write_links(report: Any, path: Path) -> Path:
    """Counts per status on one sheet, every link on another (statuses in Indonesian)."""
    label = {code: _capital(label_of("match", code)) for code in MATCH_ORDER}
    wb = Workbook()
    summary = wb.active
    summary.title = "Ringkasan"
    summary.append(["Status padan", "Jumlah"])
    for status, count in sorted(report.counts.items()):
        summary.append([label.get(status, status), count])
    links = wb.create_sheet("Hasil padan")
    links.append(list(HEADINGS))
    for link in report.links:
        row = dict(link)
        status, decision = str(row.get("status") or ""), str(row.get("decision") or "")
        row["status"] = label.get(status, status)
        row["decision"] = _DECISIONS.get(decision, decision or None)
        row["reason"] = reason_text(row.get("reason"))
        links.append([safe_cell(row.get(c)) for c in COLUMNS])
    links.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _capital(text: str) -> str:
    """``padan`` → ``Padan``, as the report's match table (``sibaso.report.MATCH_STATUSES``)."""
    return text[:1].upper() + text[1:]
