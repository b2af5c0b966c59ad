"""Exports per kecamatan and status, to .xlsx and .csv, with formula text neutralised."""

import csv
import datetime

import pytest
from complaint_helpers import JOKO, RINA, file_one
from openpyxl import load_workbook

from sibaso.complaints import AccessDenied

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\rCR"]


@pytest.fixture
def many(registry):
    officer = registry.complaints.actor("op-langkat")
    tickets = []
    for i, text in enumerate(HOSTILE):
        c = file_one(registry, reporter_name=f"Warga {i}", text=text)
        tickets.append(c.ticket)
    file_one(registry, reporter_nik=RINA, reporter_name='=HYPERLINK("http://evil")')
    file_one(registry, reporter_nik=JOKO)
    registry.complaints.update(officer, tickets[0], "diverifikasi")
    registry.complaints.update(officer, tickets[0], "selesai")
    return tickets


def test_xlsx_summary_and_one_sheet_per_kecamatan(registry, many, tmp_path):
    op = registry.complaints.actor("op-langkat")
    summary = registry.complaints.export(op, tmp_path / "pengaduan.xlsx")
    assert summary.rows == 8 and summary.format == "xlsx"
    assert summary.counts["12.05.07"]["diterima"] == 5
    assert summary.counts["12.05.07"]["selesai"] == 1
    wb = load_workbook(tmp_path / "pengaduan.xlsx")
    assert wb.sheetnames == ["Ringkasan", "12.05.01 Bahorok", "12.05.07 Stabat", "12.05.08 Wampu"]
    head, *rows = list(wb["Ringkasan"].values)
    assert head[:3] == ("Kode kecamatan", "Kecamatan", "diterima")
    assert [r[0] for r in rows] == ["12.05.01", "12.05.07", "12.05.08"]
    stabat = list(wb["12.05.07 Stabat"].values)
    assert stabat[0][0] == "Tiket"
    statuses = [r[1] for r in stabat[1:]]
    assert statuses == ["diterima"] * 5 + ["selesai"]  # sorted by status
    texts = {r[14] for r in stabat[1:]}
    for hostile in HOSTILE:
        assert "'" + hostile.replace("\r", "\n") in texts  # XML reads a CR back as LF
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and not cell.value.startswith("+62"):
                    assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
                elif isinstance(cell.value, str):  # a phone number keeps its plus, nothing more
                    assert cell.value[1:].isdigit(), cell.value
    bahorok = list(wb["12.05.01 Bahorok"].values)
    assert bahorok[1][11] == '\'=HYPERLINK("http://evil")'
    assert isinstance(stabat[1][8], datetime.datetime)  # the due date is a real date


def test_csv_filtered_by_status_and_kecamatan(registry, many, tmp_path):
    op = registry.complaints.actor("op-langkat")
    path = tmp_path / "x.csv"
    summary = registry.complaints.export(
        op, path, status="diterima", kecamatan="12.05.07", lang="en"
    )
    assert summary.rows == 5
    with path.open(encoding="utf-8-sig", newline="") as handle:
        head, *rows = list(csv.reader(handle))
    assert head[:2] == ["Ticket", "Status"]
    assert {r[1] for r in rows} == {"diterima"} and {r[3] for r in rows} == {"12.05.07"}
    assert all(not r[14].startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows)
    assert sorted(r[14] for r in rows) == sorted("'" + h for h in HOSTILE[1:])


def test_export_respects_scope(registry, many, tmp_path):
    pkh = registry.complaints.actor("pkh-bahorok")
    summary = registry.complaints.export(pkh, tmp_path / "b.xlsx")
    assert summary.rows == 1 and list(summary.counts) == ["12.05.01"]
    with pytest.raises(AccessDenied):
        registry.complaints.export(pkh, tmp_path / "c.xlsx", kecamatan="12.05.07")
    with pytest.raises(ValueError, match="xlsx or csv"):
        registry.complaints.export(pkh, tmp_path / "c.json")
