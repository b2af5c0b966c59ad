"""calamine and openpyxl must give identical sheets for the same xlsx file."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Alignment
from sheetbuild import raw_xlsx, snapshot

from sibaso.readers import open_workbook

VALUES: list[object] = [
    "teks",
    " spasi di tepi ",
    "0001234",
    "baris\nbaru",
    "",
    1,
    1.0,
    2.5,
    -0.0,
    -17,
    1205014107850001,
    3.2e15,
    3201010101900001,
    9271011234567891,  # above 2**53: both engines see the same double
    1e20,
    0.1 + 0.2,
    True,
    False,
    dt.date(2024, 3, 1),
    dt.datetime(2024, 3, 1, 13, 45, 30),
    dt.datetime(1985, 7, 1, 0, 0),
    dt.date(1900, 1, 1),
    dt.date(1900, 3, 1),
    dt.time(13, 45),
    dt.timedelta(hours=30),
    None,
]


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    for row, value in enumerate(VALUES, start=1):
        data.cell(row=row, column=1, value=value)
        data.cell(row=row, column=3, value=f"r{row}")
    data.cell(row=1, column=5, value="Data Ayah")
    data.merge_cells(start_row=1, start_column=5, end_row=1, end_column=7)
    data["E2"] = "NIK\nAyah"
    data["E2"].alignment = Alignment(wrap_text=True)
    data["H3"] = "=1+2"
    error = data.cell(row=4, column=8, value="#N/A")
    error.data_type = "e"
    hidden = book.create_sheet("Rahasia")
    hidden.sheet_state = "hidden"
    hidden["B2"] = 42
    for n in range(3, 9):
        sheet = book.create_sheet(f"Kec {n}")
        sheet.append(["NIK", "NAMA"])
        sheet.append([3201010101900000 + n, f"NAMA {n}"])
    book.create_chartsheet("Grafik")
    book.save(path)
    return path


def test_openpyxl_built_workbook_is_identical(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "parity.xlsx")
    assert snapshot(path, engine="calamine") == snapshot(path, engine="openpyxl")


def test_values_follow_the_canonical_rule(tmp_path: Path, engine: str) -> None:
    path = _workbook(tmp_path / "parity.xlsx")
    with open_workbook(path, engine=engine) as book:
        assert book.engine == engine
        sheets = book.sheets()
        rows = dict(sheets[0].rows())
    column = {n: rows[n][0] if rows.get(n) else None for n in range(1, len(VALUES) + 1)}
    assert column[1] == "teks"
    assert column[2] == " spasi di tepi "  # not stripped
    assert column[3] == "0001234"
    assert column[5] is None  # empty string
    assert column[6] == 1 and type(column[6]) is int
    assert column[7] == 1 and type(column[7]) is int
    assert column[8] == 2.5
    assert column[9] == 0 and type(column[9]) is int
    assert column[11] == 1205014107850001 and type(column[11]) is int
    assert column[12] == 3200000000000000 and type(column[12]) is int
    assert column[13] == 3201010101900001
    assert type(column[14]) is float  # beyond 2**53: not every digit is exact
    assert column[17] is True and column[18] is False
    assert column[19] == dt.date(2024, 3, 1) and type(column[19]) is dt.date
    assert column[20] == dt.datetime(2024, 3, 1, 13, 45, 30)
    assert type(column[21]) is dt.date
    assert column[24] == dt.time(13, 45)
    assert column[25] == dt.timedelta(hours=30)
    assert rows[2][4] == "NIK\nAyah"
    assert len(rows[3]) == 3  # the formula has no cached value: trailing None trimmed
    assert len(rows[4]) == 3  # error cell is None
    assert sheets[0].merged_ranges == [(1, 5, 1, 7)]
    assert [(s.name, s.hidden, s.index) for s in sheets[:3]] == [
        ("Data", False, 0),
        ("Rahasia", True, 1),
        ("Kec 3", False, 2),
    ]
    assert "Grafik" not in [s.name for s in sheets]  # chart sheets hold no cells


def test_cached_formula_values_and_shared_strings(tmp_path: Path) -> None:
    """Shared strings with rich-text runs, phonetic runs and _xHHHH_ escapes, and formulas
    with cached values of every type, as Excel writes them."""
    strings = [
        "<si><t>NAMA</t></si>",
        '<si><r><t xml:space="preserve">SITI </t></r><r><rPr><b/></rPr><t>AMINAH</t></r></si>',
        '<si><t>KOTA</t><rPh sb="0" eb="1"><t>ko</t></rPh></si>',
        "<si><t>baris_x000D_\nbaru</t></si>",
        "<si><t>_x005F_x000D_</t></si>",
        "<si><t></t></si>",
    ]
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c>'
        '<c r="F1" t="s"><v>5</v></c></row>'
        '<row r="2"><c r="A2"><f>1+2</f><v>3</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f>'
        '<v>ab</v></c><c r="C2" t="b"><f>TRUE()</f><v>1</v></c><c r="D2" t="e"><f>1/0</f>'
        '<v>#DIV/0!</v></c><c r="E2"><v>1.205014107850001E+15</v></c>'
        '<c r="F2" t="inlineStr"><is><t>inline</t></is></c></row>'
        '<row r="4"><c r="B4"><v>7</v></c></row>'
    )
    path = raw_xlsx(tmp_path / "strings.xlsx", [("S", sheet)], shared_strings=strings)
    calamine = snapshot(path, engine="calamine")
    assert calamine == snapshot(path, engine="openpyxl")
    rows = dict(calamine[0][4])
    assert rows[1] == ("NAMA", "SITI AMINAH", "KOTA", "baris\r\nbaru", "_x000D_")
    assert rows[2] == (3, "ab", True, None, 1205014107850001, "inline")
    assert rows[4] == (None, 7)


def test_dimension_less_sheet_and_offset_start(tmp_path: Path) -> None:
    sheet = '<row r="3"><c r="C3"><v>2</v></c><c r="E3" t="inlineStr"><is><t>x</t></is></c></row>'
    path = raw_xlsx(tmp_path / "offset.xlsx", [sheet])
    expected = [("Sheet1", False, 0, [], [(3, (None, None, 2, None, "x"))])]
    assert snapshot(path, engine="calamine") == expected
    assert snapshot(path, engine="openpyxl") == expected


def test_1904_date_system(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.active["A1"] = dt.date(2020, 5, 17)
    path = tmp_path / "mac.xlsx"
    book.save(path)
    for engine in ("calamine", "openpyxl"):
        assert snapshot(path, engine=engine)[0][4] == [(1, (dt.date(2020, 5, 17),))]


@pytest.mark.parametrize("rows", [1, 2500])
def test_write_only_workbooks_match(tmp_path: Path, rows: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    for n in range(rows):
        sheet.append([3201010101900000 + n, f"NAMA {n}", n * 1.5, dt.date(1990, 1, 1 + n % 28)])
    path = tmp_path / "wo.xlsx"
    book.save(path)
    assert snapshot(path, engine="calamine") == snapshot(path, engine="openpyxl")
    with zipfile.ZipFile(path) as archive:
        assert b"<dimension" not in archive.read("xl/worksheets/sheet1.xml")
