"""Hostile and broken files: each ends quickly with exactly one SourceError of the right code
(or, where the limits say so, with a quiet early end), never a hang or a crash."""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sheetbuild import ole2, raw_xlsx, snapshot, source_error, within

from sibaso.readers import Limits, open_workbook

HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c></row>'


@pytest.fixture(autouse=True, params=["in-process", "early-child"])
def _reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every hostile file twice: read here, and with forked children forced on, so that an
    xlsx's first sheet starts loading in the memory-capped child before the scan has judged
    the file (large real files do so); the scan's verdict must come out the same."""
    if request.param == "early-child":
        if not hasattr(os, "fork"):
            pytest.skip("needs fork")
        from sibaso import _fork

        monkeypatch.setattr(_fork.threading, "active_count", lambda: 1)
        monkeypatch.setattr("sibaso.readers.model.FORK_MIN_BYTES", 0)
        monkeypatch.setenv("SIBASO_FORK", "1")
    else:
        monkeypatch.setenv("SIBASO_FORK", "0")
    yield
    if request.param == "early-child":
        import multiprocessing

        assert multiprocessing.active_children() == [], "a child outlived the read"


def _valid_xlsx(path: Path, rows: int = 20) -> Path:
    book = openpyxl.Workbook()
    for n in range(rows):
        book.active.append([3201010101900000 + n, f"NAMA {n}", "JL. MERDEKA"])
    book.save(path)
    return path


def test_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "penerima.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    with within(2):
        error = source_error(path)
    assert error.code == "not-a-spreadsheet"
    assert "PDF" in error.reason


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    assert source_error(path).code == "empty"


@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"\x89PNG\r\n\x1a\n" + os.urandom(200), "PNG"),
        (b"\xff\xd8\xff\xe0" + os.urandom(200), "JPEG"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_images_and_random_binary(tmp_path: Path, content: bytes, word: str) -> None:
    path = tmp_path / "foto.xls"
    path.write_bytes(content)
    error = source_error(path)
    assert error.code == "not-a-spreadsheet"
    assert word in error.reason


def test_word_document_in_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
    error = source_error(path)
    assert (error.code, "Word" in error.reason) == ("not-a-spreadsheet", True)


def test_truncated_zip(tmp_path: Path) -> None:
    whole = _valid_xlsx(tmp_path / "whole.xlsx", rows=500).read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with within(2):
        error = source_error(path)
    assert error.code == "corrupt"


def test_damaged_member(tmp_path: Path) -> None:
    data = bytearray(_valid_xlsx(tmp_path / "whole.xlsx", rows=500).read_bytes())
    with zipfile.ZipFile(tmp_path / "whole.xlsx") as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start : start + 40] = os.urandom(40)
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    assert source_error(path).code == "corrupt"


def test_password_protected_workbook(tmp_path: Path) -> None:
    """Excel saves a password-protected xlsx as an OLE2 file with these two streams."""
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(
        ole2(
            {
                "EncryptionInfo": b"\x04\x00\x04\x00" + os.urandom(60),
                "EncryptedPackage": os.urandom(9000),
            }
        )
    )
    with within(2):
        error = source_error(path)
    assert error.code == "encrypted"
    assert "password" in error.reason


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)


def test_billion_laughs_in_a_worksheet(tmp_path: Path, engine: str) -> None:
    path = raw_xlsx(tmp_path / "bom.xlsx", [BILLION_LAUGHS])
    with within(2):
        error = source_error(path, engine=engine)
    assert error.code == "unsafe-xml"


@pytest.mark.parametrize("where", ["sharedStrings", "lowercase", "utf16", "late"])
def test_declarations_anywhere_are_refused(tmp_path: Path, where: str) -> None:
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    if where == "sharedStrings":
        path = raw_xlsx(tmp_path / "x.xlsx", [HEADER], shared_strings=[doctype])
    elif where == "lowercase":
        path = raw_xlsx(tmp_path / "x.xlsx", ['<?xml version="1.0"?><!doctype x []>' + HEADER])
    elif where == "late":  # past the first megabyte of the part, across chunk boundaries
        rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 60_000))
        path = raw_xlsx(tmp_path / "x.xlsx", [rows + "<!ENTITY e 'x'>"])
    else:
        path = raw_xlsx(tmp_path / "x.xlsx", [HEADER])
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(
                "xl/theme/theme1.xml", ("\ufeff<?xml version='1.0'?>" + doctype).encode("utf-16")
            )
    assert source_error(path).code == "unsafe-xml"


def _bomb_sheet(size: int) -> str:
    row = '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>' + "A" * 200 + "</t></is></c></row>"
    return "".join(row.format(n=n) for n in range(1, size // 250))


def test_zip_bomb_small_limits(tmp_path: Path) -> None:
    path = raw_xlsx(tmp_path / "bomb.xlsx", [_bomb_sheet(3 * 1024 * 1024)])
    with within(2):
        error = source_error(path, limits=Limits(max_uncompressed_mb=2))
    assert error.code == "too-large"
    assert "zip bomb" in error.reason


def test_compression_ratio(tmp_path: Path) -> None:
    path = raw_xlsx(tmp_path / "ratio.xlsx", [_bomb_sheet(3 * 1024 * 1024)])
    error = source_error(path, limits=Limits(ratio_min_mb=1, max_ratio=20))
    assert error.code == "too-large"
    assert "compressed" in error.reason


def _deflate_zeros(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MiB of zeros and its CRC, built in a blink by
    repeating one fully flushed block."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * (1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc, zeros = 0, b"\0" * (1 << 20)
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    return block * megabytes + b"\x03\x00", crc


def _zip_with(path: Path, name: str, data: bytes, crc: int, declared: int) -> Path:
    """A zip with one deflated member whose directory declares ``declared`` bytes."""
    encoded = name.encode()
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), declared, len(encoded), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        declared,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    offset = len(local) + len(encoded) + len(data)
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(encoded), offset, 0
    )
    path.write_bytes(local + encoded + data + central + encoded + end)
    return path


def test_realistic_zip_bomb_over_one_gigabyte(tmp_path: Path) -> None:
    data, crc = _deflate_zeros(1100)
    path = _zip_with(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", data, crc, 1100 << 20)
    assert path.stat().st_size < 2_000_000
    with within(3):
        error = source_error(path)
    assert error.code == "too-large"


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size that the zip directory and local header state."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len, offset = struct.unpack_from("<H", data, at + 28)[0], at + 46
        if data[offset : offset + name_len] == name.encode():
            struct.pack_into("<I", data, at + 24, size)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_that_lies_about_its_size(tmp_path: Path, engine: str) -> None:
    padding = " " * (64 << 20)
    path = raw_xlsx(tmp_path / "liar.xlsx", [HEADER + padding])
    _declare_size(path, "xl/worksheets/sheet1.xml", 1000)
    with within(3):
        error = source_error(path, engine=engine)
    assert error.code == "corrupt"
    assert "declares" in error.reason


def test_million_declared_rows_with_three_real_ones(tmp_path: Path, engine: str) -> None:
    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="L{n}"><v>1</v></c></row>' for n in (1, 2, 3)
    )
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:L1000000"/><sheetData>{rows}</sheetData></worksheet>'
    )
    path = raw_xlsx(tmp_path / "dim.xlsx", [xml])
    with within(2):
        sheets = snapshot(path, engine=engine)
    assert [number for number, _ in sheets[0][4]] == [1, 2, 3]


def test_million_empty_rows_end_quietly(tmp_path: Path, engine: str) -> None:
    data = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in (1, 2, 3))
    empty = "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(4, 300_000))
    late = '<row r="300000"><c r="A300000"><v>9</v></c></row>'
    path = raw_xlsx(tmp_path / "empty.xlsx", [data + empty + late])
    with within(5):
        rows = snapshot(path, engine=engine)[0][4]
    assert rows == [(1, (1,)), (2, (2,)), (3, (3,))]


def test_sparse_sheet_would_exhaust_calamine(tmp_path: Path) -> None:
    """One cell in A1 and one in ZZ1000000: calamine would allocate 22 GB and abort the
    process. auto falls back to openpyxl; forcing calamine is refused."""
    sheet = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="1000000"><c r="ZZ1000000"><v>1</v></c></row>'
    )
    path = raw_xlsx(tmp_path / "sparse.xlsx", [sheet])
    with within(3):
        with open_workbook(path) as book:
            assert book.engine == "openpyxl"
            assert list(book.sheets()[0].rows()) == [(1, ("x",))]
        error = source_error(path, engine="calamine")
    assert error.code == "unsupported"


def test_lying_dimension_is_not_trusted(tmp_path: Path) -> None:
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="900000"><c r="XFD900000"><v>1</v></c></row></sheetData></worksheet>'
    )
    path = raw_xlsx(tmp_path / "liar.xlsx", [xml])
    with open_workbook(path) as book:
        assert book.engine == "openpyxl"
    assert source_error(path, engine="calamine").code == "unsupported"


def test_huge_declared_dimension_is_refused_for_calamine(tmp_path: Path) -> None:
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    path = raw_xlsx(tmp_path / "wide.xlsx", [xml])
    assert snapshot(path)[0][4] == [(1, (1,))]
    assert source_error(path, engine="calamine").code == "too-large"


def test_row_beyond_max_rows(tmp_path: Path, engine: str) -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 12))
    path = raw_xlsx(tmp_path / "rows.xlsx", [rows])
    with within(2):
        error = source_error(path, engine=engine, limits=Limits(max_rows=10))
    assert error.code == "too-large"
    assert "row 11" in error.reason


def test_too_many_columns(tmp_path: Path, engine: str) -> None:
    row = '<row r="1"><c r="A1"><v>1</v></c><c r="Z1"><v>2</v></c></row>'
    path = raw_xlsx(tmp_path / "cols.xlsx", [row])
    error = source_error(path, engine=engine, limits=Limits(max_columns=10))
    assert error.code == "too-large"


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" * 300_000)
    assert source_error(path, limits=Limits(max_file_mb=1)).code == "too-large"


def test_unknown_compression_method(tmp_path: Path) -> None:
    path = tmp_path / "bz.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert source_error(path).code == "unsupported"


def test_broken_workbook_structure(tmp_path: Path) -> None:
    path = raw_xlsx(tmp_path / "x.xlsx", [HEADER])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for broken in (
        {"xl/workbook.xml": b"<workbook><sheets><sheet"},
        {"xl/worksheets/sheet1.xml": None},
    ):
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in {**parts, **broken}.items():
                if data is not None:
                    archive.writestr(name, data)
        assert source_error(path).code == "corrupt"


def test_xlsx_named_xls_is_read_by_content(tmp_path: Path, engine: str) -> None:
    path = _valid_xlsx(tmp_path / "export.xls", rows=3)
    with open_workbook(path, engine=engine) as book:
        assert (book.format, book.engine) == ("xlsx", engine)
        assert len(list(book.sheets()[0].rows())) == 3


def test_a_long_narrow_sheet_without_dimension_is_read_by_calamine(tmp_path: Path) -> None:
    """openpyxl's write-only mode writes no <dimension>: a 12-column list of a million rows is
    still verified for calamine (every row Excel allows, 26 columns: 27 million cells), while a
    sheet whose first rows are wider keeps the 300,000 x 100 bound."""
    pytest.importorskip("python_calamine")

    def sheet(last: str, far: int) -> str:
        near = "".join(
            f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="{last}{n}"><v>1</v></c></row>'
            for n in (1, 2, 3)
        )
        return near + f'<row r="{far}"><c r="A{far}"><v>{far}</v></c></row>'

    narrow = raw_xlsx(tmp_path / "narrow.xlsx", [sheet("L", 900_000)])
    with open_workbook(narrow) as book:
        assert book.engine == "calamine"
    wide = raw_xlsx(tmp_path / "wide.xlsx", [sheet("AD", 900_000)])
    with open_workbook(wide) as book:
        assert book.engine == "openpyxl"
    # narrow in its first rows, then (past the first chunk the scan reads) a wider one
    many = "".join(
        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="L{n}"><v>1</v></c></row>'
        for n in range(1, 40_000)
    )
    late = '<row r="900000"><c r="AD900000"><v>1</v></c></row>'
    beyond = raw_xlsx(tmp_path / "beyond.xlsx", [many + late])
    assert source_error(beyond, engine="calamine").code == "unsupported"
