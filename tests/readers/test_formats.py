"""HTML tables, Excel 97-2003 (.xls), OpenDocument (.ods) and format detection."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from sheetbuild import biff8, ods, ole2, snapshot, source_error, within, xls

from sibaso.readers import Limits, open_workbook
from sibaso.readers.detect import sniff_bytes

OPENSID = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<style>td { mso-number-format:"\\@"; }</style><script>var x = "<td>no</td>";</script></head>
<body>
<table border="1">
  <tr><td colspan="4"><b>DAFTAR PENERIMA BLT-DD</b></td></tr>
  <tr><td>Desa : Sukamaju</td></tr>
  <tr>
    <th rowspan="2">NO</th><th rowspan="2">NIK</th><th colspan="2">Data&nbsp;Ayah</th>
  </tr>
  <tr><th>Nama<br>Lengkap</th><th>Umur</th></tr>
  <tr><td>1</td><td>3201010101900001</td><td>  AHMAD
      &amp; SONS </td><td>45</td></tr>
  <tr><td>2</td><td>'3201010101900002</td><td>SITI</td>
  <tr><td colspan="2">JUMLAH</td><td></td><td>2</td></tr>
</table>
<table><caption>Rekap</caption><tr><td>Total</td><td>2</td></tr></table>
</body></html>"""


def test_opensid_html_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "penerima.xls"
    path.write_text(OPENSID, encoding="utf-8")
    with open_workbook(path) as book:
        assert (book.format, book.engine) == ("html", "html")
        first, second = book.sheets()
        rows = list(first.rows())
        assert list(second.rows()) == [(1, ("Total", "2"))]
    assert (first.name, first.index, second.name) == ("Table 1", 0, "Rekap")
    assert rows == [
        (1, ("DAFTAR PENERIMA BLT-DD",)),
        (2, ("Desa : Sukamaju",)),
        (3, ("NO", "NIK", "Data\xa0Ayah")),
        (4, (None, None, "Nama\nLengkap", "Umur")),
        (5, ("1", "3201010101900001", "AHMAD & SONS", "45")),
        (6, ("2", "'3201010101900002", "SITI")),
        (7, ("JUMLAH", None, None, "2")),
    ]
    assert sorted(first.merged_ranges) == [
        (1, 1, 1, 4),
        (3, 1, 4, 1),
        (3, 2, 4, 2),
        (3, 3, 3, 4),
        (7, 1, 7, 2),
    ]
    with pytest.raises(ValueError, match="closed"):
        list(second.rows())


def test_html_encodings_and_hostile_spans(tmp_path: Path) -> None:
    path = tmp_path / "lama.xls"
    path.write_bytes(
        b'<html><head><meta charset="windows-1252"></head><table><tr><td>JOS\xc9</td>'
        b'<td colspan="99999999" rowspan="-4">x</td><td>y</td></tr></table>'
    )
    with open_workbook(path, limits=Limits(max_columns=2000)) as book:
        rows = list(book.sheets()[0].rows())
        assert book.encoding == "cp1252"
    assert rows[0][1][0] == "JOSÉ"
    assert len(rows[0][1]) == 1002  # colspan clamped to 1000, as browsers do
    assert source_error(path).code == "too-large"  # past the default 500 columns


def test_html_without_tables(tmp_path: Path) -> None:
    path = tmp_path / "halaman.xls"
    path.write_text("<html><body><p>Maaf, sesi Anda habis.</p></body></html>")
    assert source_error(path).code == "not-a-spreadsheet"


def test_xls_workbook(tmp_path: Path) -> None:
    path = xls(
        tmp_path / "lama.xlsx",  # the name lies; the content decides
        [
            (
                "Kec A",
                {
                    (0, 0): "NIK",
                    (0, 1): "NAMA",
                    (1, 0): 1205014107850001.0,
                    (1, 1): "SITI",
                    (2, 1): True,
                },
            ),
            ("Arsip", {(0, 0): "x"}),
        ],
        hidden=["Arsip"],
        merges={"Kec A": [(0, 0, 0, 1)]},
    )
    with open_workbook(path) as book:
        assert (book.format, book.engine) == ("xls", "calamine")
    assert snapshot(path) == [
        (
            "Kec A",
            False,
            0,
            [(1, 1, 1, 2)],
            [(1, ("NIK", "NAMA")), (2, (1205014107850001, "SITI")), (3, (None, True))],
        ),
        ("Arsip", True, 1, [], [(1, ("x",))]),
    ]
    assert source_error(path, engine="openpyxl").code == "unsupported"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"dimensions": (4_000_000_000, 65_000)}, "too-large"),  # calamine would abort
        ({"filepass": True}, "encrypted"),
    ],
)
def test_hostile_xls(tmp_path: Path, kwargs: dict[str, object], code: str) -> None:
    path = xls(tmp_path / "h.xls", [("S", {(0, 0): "a"})], **kwargs)  # type: ignore[arg-type]
    with within(2):
        assert source_error(path).code == code


def test_xls_cell_far_away(tmp_path: Path) -> None:
    path = xls(
        tmp_path / "far.xls", [("S", {(0, 0): "a", (65535, 65534): 1.0})], dimensions=(10, 10)
    )
    with within(2):
        assert source_error(path).code == "too-large"


def test_damaged_ole_files(tmp_path: Path) -> None:
    whole = ole2({"Workbook": biff8([("S", {(0, 0): "a"})])})
    path = tmp_path / "cut.xls"
    path.write_bytes(whole[:1500])
    assert source_error(path).code == "corrupt"
    looping = bytearray(whole)
    struct.pack_into("<I", looping, 48, 0)  # directory starts at sector 0: the Workbook data
    path.write_bytes(bytes(looping))
    assert source_error(path).code in ("corrupt", "not-a-spreadsheet")
    path.write_bytes(ole2({"WordDocument": b"\0" * 100}))
    error = source_error(path)
    assert (error.code, "Word" in error.reason) == ("not-a-spreadsheet", True)


CELL = '<table:table-cell office:value-type="{t}" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'


def test_ods(tmp_path: Path) -> None:
    row = "<table:table-row>{}</table:table-row>"
    header = row.format(
        '<table:table-cell office:value-type="string"><text:p>NIK</text:p></table:table-cell>'
    )
    data = row.format(CELL.format(t="float", v="1205014107850001"))
    filler = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    path = ods(
        tmp_path / "libre.ods",
        f'<table:table table:name="Data">{header}{data}{filler}</table:table>',
    )
    with within(3), open_workbook(path) as book:
        assert (book.format, book.engine) == ("ods", "calamine")
        assert list(book.sheets()[0].rows()) == [(1, ("NIK",)), (2, (1205014107850001,))]


def test_ods_repeated_bomb(tmp_path: Path) -> None:
    bomb = (
        '<table:table table:name="A"><table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="100" office:value-type="float" '
        'office:value="1"/></table:table-row></table:table>'
    )
    path = ods(tmp_path / "bomb.ods", bomb)
    with within(3):
        assert source_error(path).code == "too-large"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"PK\x03\x04rest", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        (b"NIK;NAMA\r\n1;2\r\n", "text"),
        (b"\xff\xfeN\x00I\x00K\x00", "text"),
    ],
)
def test_sniff(head: bytes, expected: str) -> None:
    assert sniff_bytes(head) == expected


def test_excel_2003_xml_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "2003.xls"
    path.write_text(
        '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'
    )
    assert source_error(path).code == "unsupported"


def test_missing_file(tmp_path: Path) -> None:
    assert source_error(tmp_path / "tidak-ada.xlsx").code == "unreadable"


def test_html_streamed_when_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sibaso.readers.html as html_reader

    path = tmp_path / "penerima.xls"
    path.write_text(OPENSID, encoding="utf-8")
    cached = snapshot(path)
    monkeypatch.setattr(html_reader, "_CACHE_BYTES", 0)
    assert snapshot(path) == cached


def test_malformed_html_is_quick(tmp_path: Path) -> None:
    path = tmp_path / "rusak.xls"
    path.write_text("<table><tr><td>a < b, 1<2 " + "<" * 300_000 + "</td></tr></table>")
    with within(3):
        rows = snapshot(path)[0][4]
    assert rows[0][1][0].startswith("a < b, 1<2 <<<")
    path.write_text("<table><tr><td " + 'title="x" ' * 400_000)
    with within(3):
        assert source_error(path).code == "corrupt"
