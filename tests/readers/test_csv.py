"""Delimited text: encodings, delimiters, quoting, numbering, speed."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sheetbuild import snapshot, source_error

from sibaso.readers import Limits, open_workbook
from sibaso.readers.csvfile import detect_delimiter


def _rows(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    return snapshot(path)[0][4]


def test_siks_ng_pipe_file_with_commas_in_names(tmp_path: Path) -> None:
    path = tmp_path / "siks.csv"
    path.write_text(
        "NIK|NO_KK|NAMA|ALAMAT\n"
        "3201010101900001|3201010101010001|AHMAD, S.Pd|JL. MAWAR NO 1, RT 01, RW 02\n"
        "3201010101900002|3201010101010002|SITI AMINAH|DUSUN KRAJAN, RT 3\n"
        "0001234567890123|3201010101010003|BUDI|\n",
        encoding="utf-8",
    )
    with open_workbook(path) as book:
        assert (book.format, book.engine, book.delimiter, book.encoding) == (
            "csv",
            "csv",
            "|",
            "utf-8",
        )
        rows = list(book.sheets()[0].rows())
    assert rows[1] == (
        2,
        ("3201010101900001", "3201010101010001", "AHMAD, S.Pd", "JL. MAWAR NO 1, RT 01, RW 02"),
    )
    assert rows[3] == (4, ("0001234567890123", "3201010101010003", "BUDI"))  # stays a string


def test_dapodik_semicolons_with_bom_and_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "dapodik.csv"
    path.write_bytes(
        "\ufeffNISN;Nama;Nilai\n0012345678;Dewi, A.;8,5\n0012345679;Eko;7,25\n".encode()
    )
    with open_workbook(path) as book:
        assert (book.delimiter, book.encoding) == (";", "utf-8-sig")
        assert list(book.sheets()[0].rows())[1] == (2, ("0012345678", "Dewi, A.", "8,5"))


def test_cp1252_fallback_never_fails(tmp_path: Path) -> None:
    path = tmp_path / "lama.csv"
    path.write_bytes("NAMA,KOTA\nJOSÉ,BANDUNG\n".encode("cp1252") + b"\x81\x8d,X\n")
    with open_workbook(path) as book:
        assert book.encoding == "cp1252"
        rows = list(book.sheets()[0].rows())
    assert rows[1] == (2, ("JOSÉ", "BANDUNG"))
    assert len(rows) == 3


def test_utf16_tab_export(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_text("NIK\tNAMA\n3201\tSITI\n", encoding="utf-16")
    with open_workbook(path) as book:
        assert (book.delimiter, book.encoding) == ("\t", "utf-16")
        assert list(book.sheets()[0].rows()) == [(1, ("NIK", "NAMA")), (2, ("3201", "SITI"))]


def test_quotes_blank_lines_and_record_numbers(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        'NIK,NAMA,CATATAN\n\n"3201","SITI, ""ibu""","baris\nkedua"\n,,\n3202,BUDI,,,\n',
        encoding="utf-8",
    )
    assert _rows(path) == [
        (1, ("NIK", "NAMA", "CATATAN")),
        (3, ("3201", 'SITI, "ibu"', "baris\nkedua")),
        (5, ("3202", "BUDI")),
    ]


def test_open_quote_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "rusak.csv"
    path.write_text('A,B\n"x,' + "y" * 200_000 + "\n")
    assert source_error(path).code == "corrupt"


def test_limits_apply_to_csv(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("a,b\n" * 20)
    assert source_error(path, limits=Limits(max_rows=10)).code == "too-large"
    path.write_text("a,b\n" + "\n" * 5000 + "c,d\n")
    assert _rows(path) == [(1, ("a", "b"))]


def test_single_column_file(tmp_path: Path) -> None:
    path = tmp_path / "nik.csv"
    path.write_text("NIK\n3201\n3202\n")
    assert _rows(path) == [(1, ("NIK",)), (2, ("3201",)), (3, ("3202",))]


def test_delimiter_detection_with_title_rows() -> None:
    lines = ["DAFTAR PENERIMA BPNT", "Kecamatan : Cibinong, Kab. Bogor"]
    lines += [f"320101010190{n:04d};NAMA {n}, S.Pd;JL. {n}, RT 1" for n in range(30)]
    assert detect_delimiter(lines) == ";"


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from([",", ";", "|", "\t"]),
    st.lists(
        st.lists(st.text(alphabet="ABC ,;|.0123456789", max_size=12), min_size=3, max_size=3),
        min_size=3,
        max_size=20,
    ),
)
def test_delimiter_detection_roundtrip(delimiter: str, table: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(
        [["NIK", "NAMA", "ALAMAT"], *table]
    )
    assert detect_delimiter(buffer.getvalue().splitlines()) == delimiter


@pytest.mark.slow
def test_csv_speed(tmp_path: Path) -> None:
    """At least 200,000 raw rows a second for 12 columns (measured loosely here)."""
    rng = random.Random(7)
    path = tmp_path / "speed.csv"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(100_000):
            handle.write(
                f"{3201010101900000 + n}|{3201010101010000 + n}|NAMA {rng.randint(0, 999)}, S.Pd"
                f"|JL. MERDEKA NO {n}, RT 01|{n % 20}|{n % 10}|SUKAMAJU|CIBINONG|1990-01-01|L"
                "|300000|\n"
            )
    start = time.perf_counter()
    with open_workbook(path) as book:
        count = sum(1 for _ in book.sheets()[0].rows())
    rate = count / (time.perf_counter() - start)
    assert count == 100_000
    assert rate > 100_000, f"{rate:,.0f} rows/s"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ekspor.csv"
    text = "NIK;NAMA\r\n1205074107820001;Siti Ma’rifah\r\n"
    path.write_bytes(text.encode(encoding))
    assert _rows(path) == [(1, ("NIK", "NAMA")), (2, ("1205074107820001", "Siti Ma’rifah"))]
