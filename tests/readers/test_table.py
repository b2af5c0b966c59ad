"""``Sheet.table``: the rows of a CSV file as polars columns, exactly as ``Sheet.rows`` gives
them, or None when polars would read the file otherwise than the ``csv`` module."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sibaso.core.errors import SourceError
from sibaso.readers import Limits, open_workbook

polars = pytest.importorskip("polars", reason="Sheet.table needs polars (the fast extra)")

_FOLDER = Path(tempfile.mkdtemp(prefix="sibaso-table-"))


def _as_rows(table: object) -> list[tuple[int, tuple[object, ...]]]:
    out = []
    for *cells, number in table.rows():  # type: ignore[attr-defined]
        while cells and cells[-1] is None:
            cells.pop()
        out.append((number, tuple(cells)))
    return out


def _both(path: Path, after: int, limits: Limits | None = None) -> tuple[object, object]:
    try:
        book = open_workbook(path, limits=limits)
    except SourceError as exc:  # an empty file, a file of nothing but white space
        return exc.code, None
    with book:
        sheet = book.sheets()[0]
        try:
            rows: object = [r for r in sheet.rows() if r[0] > after]
        except SourceError as exc:
            rows = exc.code
        return rows, sheet.table(polars, after)


_FIELDS = st.sampled_from(
    ["", " ", "NIK", "1205014107850001", "SITI AMINAH", "a,b", "é", "x  y", '"q"', 'a"b', "\r"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.lists(_FIELDS, min_size=0, max_size=5), min_size=1, max_size=12),
    ending=st.sampled_from(["\n", "\r\n"]),
    last=st.booleans(),
    after=st.integers(1, 3),
)
def test_the_table_has_the_rows_the_csv_module_reads(lines, ending, last, after):
    text = ending.join("|".join(fields) for fields in lines) + (ending if last else "")
    path = _FOLDER / "daftar.csv"
    path.write_bytes(text.encode("utf-8"))
    rows, table = _both(path, after)
    if table is not None:
        assert rows == _as_rows(table)


def test_a_plain_file_gives_a_table(tmp_path: Path) -> None:
    path = tmp_path / "pkh.csv"
    path.write_text("JUDUL\nNIK|NAMA|\n1205014107850001|SITI|\n\n|BUDI\n||\n3||x\n")
    rows, table = _both(path, 2)
    assert table is not None
    assert (
        _as_rows(table)
        == rows
        == [(3, ("1205014107850001", "SITI")), (5, (None, "BUDI")), (7, ("3", None, "x"))]
    )


@pytest.mark.parametrize(
    "text",
    [
        'NIK|NAMA\n1205014107850001|"SITI| AMINAH"\n',  # a quote: the csv module's rules
        "NIK|NAMA\n1205014107850001|SITI\rBUDI\n",  # a lone carriage return ends a line there
        "NIK|NAMA\n1|2\n1205014107850001|SITI|X|Y\n",  # more fields than the first line
        "NIK|NAMA\n1205014107850001|SITI\x00\n",
    ],
)
def test_files_polars_would_read_otherwise_give_none(tmp_path: Path, text: str) -> None:
    path = tmp_path / "pkh.csv"
    path.write_bytes(text.encode("utf-8"))
    assert _both(path, 1)[1] is None


def test_limits_are_left_to_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "pkh.csv"
    path.write_text("NIK|NAMA\n" + "1|A\n" * 20 + "\n" * 5 + "2|B\n")
    assert _both(path, 1, Limits(max_rows=10))[1] is None  # the rows say it is too large
    assert _both(path, 1, Limits(max_empty_rows=3))[1] is None  # a gap that ends the sheet
    assert _both(path, 1, Limits(max_columns=1))[1] is None
    rows, table = _both(path, 1)
    assert _as_rows(table) == rows


def test_a_cp1252_file_is_left_to_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "pkh.csv"
    path.write_bytes("NIK|NAMA\n1|JOS\xc9\n".encode("cp1252"))
    assert _both(path, 1)[1] is None
