"""Real-looking district-office layouts, built by code: the layer returns them faithfully."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from sheetbuild import snapshot

from sibaso.readers import open_workbook

KECAMATAN = ["Cibinong", "Citeureup", "Sukaraja"]


def _penerima(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, kecamatan in enumerate(KECAMATAN):
        sheet = book.create_sheet(kecamatan.upper())
        sheet["A1"] = "DAFTAR PENERIMA BANTUAN PANGAN NON TUNAI (BPNT) TAHUN 2024"
        sheet.merge_cells("A1:H1")
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"] = f"Kecamatan : {kecamatan}"
        sheet["A3"] = "Tanggal Unduh : 05-02-2024 10:31"
        # a two-row header: group cells merged across the row below
        for column, title in zip("ABC", ["NO", "NIK\nPenerima", "NAMA\nPENERIMA"], strict=True):
            sheet[f"{column}5"] = title
            sheet.merge_cells(f"{column}5:{column}6")
            sheet[f"{column}5"].alignment = Alignment(wrap_text=True, vertical="center")
        sheet["D5"] = "Data Ayah"
        sheet.merge_cells("D5:F5")
        sheet["D6"], sheet["E6"], sheet["F6"] = "NIK", "Nama", "Tgl Lahir"
        sheet["G5"] = "NOMINAL\n(Rp)"
        sheet.merge_cells("G5:G6")
        for i in range(4):
            row = 7 + i
            sheet.append(
                [
                    i + 1,
                    3201010101900000 + 100 * n + i,
                    f"PENERIMA {i}, S.Pd" if i == 1 else f"PENERIMA {i}",
                    "3201010101650001" if i % 2 else None,
                    "AYAH" if i % 2 else None,
                    dt.date(1965, 1, 1 + i),
                    200000,
                ]
            )
            assert sheet.max_row == row
        sheet["A11"] = "JUMLAH"
        sheet.merge_cells("A11:F11")
        sheet["G11"] = "=SUM(G7:G10)"
        for row in range(12, 40):  # formatted but empty trailing rows
            sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor="FFFF00")
    book["CITEUREUP"].sheet_state = "hidden"
    book.save(path)
    return path


def test_penerima_workbook(tmp_path: Path, engine: str) -> None:
    path = _penerima(tmp_path / "bpnt.xlsx")
    with open_workbook(path, engine=engine) as book:
        sheets = book.sheets()
        assert [(s.name, s.hidden, s.index) for s in sheets] == [
            ("CIBINONG", False, 0),
            ("CITEUREUP", True, 1),
            ("SUKARAJA", False, 2),
        ]
        first = sheets[0]
        rows = list(first.rows())
    assert sorted(first.merged_ranges) == [
        (1, 1, 1, 8),
        (5, 1, 6, 1),
        (5, 2, 6, 2),
        (5, 3, 6, 3),
        (5, 4, 5, 6),
        (5, 7, 6, 7),
        (11, 1, 11, 6),
    ]
    numbers = [number for number, _ in rows]
    assert numbers == [1, 2, 3, 5, 6, 7, 8, 9, 10, 11]  # row 4 is empty, trailing rows too
    by_number = dict(rows)
    assert by_number[2] == ("Kecamatan : Cibinong",)
    assert by_number[5] == (
        "NO",
        "NIK\nPenerima",
        "NAMA\nPENERIMA",
        "Data Ayah",
        None,
        None,
        "NOMINAL\n(Rp)",
    )
    assert by_number[6] == (None, None, None, "NIK", "Nama", "Tgl Lahir")
    assert by_number[8] == (
        2,
        3201010101900001,
        "PENERIMA 1, S.Pd",
        "3201010101650001",
        "AYAH",
        dt.date(1965, 1, 2),
        200000,
    )
    assert by_number[11] == ("JUMLAH",)  # formula without a cached value (openpyxl wrote it)


def test_penerima_workbook_engines_agree(tmp_path: Path) -> None:
    path = _penerima(tmp_path / "bpnt.xlsx")
    assert snapshot(path, engine="calamine") == snapshot(path, engine="openpyxl")


def test_same_list_as_csv_and_html(tmp_path: Path) -> None:
    csv_path = tmp_path / "bpnt.csv"
    csv_path.write_text(
        "DAFTAR PENERIMA BPNT\nKecamatan : Cibinong\n\nNO;NIK;NAMA\n1;3201010101900000;PENERIMA 0\n"
        "2;3201010101900001;PENERIMA 1, S.Pd\nJUMLAH;;\n;;\n;;\n",
        encoding="utf-8",
    )
    html_path = tmp_path / "bpnt.xls"
    html_path.write_text(
        "<table><tr><td colspan=3>DAFTAR PENERIMA BPNT</td></tr><tr><td>Kecamatan : Cibinong</td>"
        "</tr><tr></tr><tr><th>NO</th><th>NIK</th><th>NAMA</th></tr><tr><td>1</td>"
        "<td>3201010101900000</td><td>PENERIMA 0</td></tr><tr><td>2</td><td>3201010101900001</td>"
        "<td>PENERIMA 1, S.Pd</td></tr><tr><td>JUMLAH</td></tr><tr><td></td></tr></table>",
        encoding="utf-8",
    )
    expected = [
        (1, ("DAFTAR PENERIMA BPNT",)),
        (2, ("Kecamatan : Cibinong",)),
        (4, ("NO", "NIK", "NAMA")),
        (5, ("1", "3201010101900000", "PENERIMA 0")),
        (6, ("2", "3201010101900001", "PENERIMA 1, S.Pd")),
        (7, ("JUMLAH",)),
    ]
    assert snapshot(csv_path)[0][4] == expected
    assert snapshot(html_path)[0][4] == expected
