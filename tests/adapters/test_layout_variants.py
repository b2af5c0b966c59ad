"""The next district's variant of each village-system shape reads the same: columns in another
order, headers in upper or lower case, empty columns between, another kabupaten's codes.

Each shape is written by ``village_files.py``; a variant rewrites the same workbook, and the
read must give the same kind, programme, counts and people (name, NIK, KK) as the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from sibaso.adapters.pipeline.read import read

from . import village_files as vf

Grid = list[list[object]]


def _grids(path: Path) -> dict[str, Grid]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def _write(path: Path, sheets: dict[str, Grid]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                if value not in (None, ""):
                    ws.cell(number, column, value)
    book.save(path)
    return path


def _reversed(rows: Grid) -> Grid:
    width = max(map(len, rows), default=0)
    return [list(reversed(r + [None] * (width - len(r)))) for r in rows]


def _spaced(rows: Grid) -> Grid:
    out = []
    for row in rows:
        cells: list[object] = [None]
        for k, value in enumerate(row):
            cells += [value, None] if k % 3 == 2 else [value]
        out.append(cells)
    return out


def _header_case(change: Callable[[str], str]) -> Callable[[Grid], Grid]:
    def apply(rows: Grid) -> Grid:
        out, seen = [], False
        for row in rows:
            texts = [v for v in row if isinstance(v, str)]
            header = not seen and any(re.search(r"nik|nama|peserta", t, re.I) for t in texts)
            out.append([change(v) if header and isinstance(v, str) else v for v in row])
            seen = seen or header
        return out

    return apply


def _district(rows: Grid) -> Grid:
    """Every 16-digit NIK or KK of Langkat (12.05) moved to Kab. Bogor (32.01)."""

    def move(value: object) -> object:
        if isinstance(value, str) and re.fullmatch(r"1205\d{12}", value):
            return "3201" + value[4:]
        return value

    return [[move(v) for v in row] for row in rows]


VARIANTS: dict[str, Callable[[Grid], Grid]] = {
    "reversed": _reversed,
    "spaced": _spaced,
    "upper": _header_case(str.upper),
    "lower": _header_case(str.lower),
    "bogor": _district,
}


def _shapes(tmp: Path) -> dict[str, tuple[Path, str | None]]:
    folk = vf.people(8)
    fams = vf.families(2)
    return {
        "opensid-old": (vf.opensid_population_old(tmp / "old.xlsx", folk), None),
        "opensid-new": (vf.opensid_population_new(tmp / "new.xlsx", folk), None),
        "opendk": (vf.opendk_population(tmp / "opendk.xlsx", folk), None),
        "supplement": (vf.supplement(tmp / "suplemen.xlsx", folk[:3]), "PKH"),
        "rtm": (vf.household_membership(tmp / "rtm.xlsx", folk[:4]), None),
        "bdt2015": (vf.bdt2015(tmp / "bdt.xlsx", fams), None),
        "siak": (vf.siak_export(tmp / "siak.xlsx", folk), None),
        "dtks-app": (vf.dtks_app_template(tmp / "dtks.xlsx", folk), None),
        "trailers": (vf.list_with_trailers(tmp / "blt.xlsx", folk), None),
    }


def _summary(path: Path, programme: str | None) -> tuple[object, ...]:
    result = read(path, programme=programme)
    r = result.report
    people = [
        (
            getattr(x, "name", None),
            x.nik.value[4:] if getattr(x, "nik", None) is not None else None,
            x.kk.value[4:] if getattr(x, "kk", None) is not None else None,
        )
        for x in result.records
    ]
    return r.kind, r.programme, r.rows, r.usable, r.rejected, people


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_variant_of_each_shape_reads_the_same(tmp_path, variant):
    change = VARIANTS[variant]
    for shape, (path, programme) in _shapes(tmp_path).items():
        sheets = {
            title: rows if title.lower() == "program" else change(rows)
            for title, rows in _grids(path).items()
        }
        other = _write(tmp_path / f"{shape}.{variant}.xlsx", sheets)
        assert _summary(other, programme) == _summary(path, programme), (shape, variant)


def test_the_title_names_the_programme_before_the_file_name(tmp_path):
    """``blt.xlsx`` (BLT, the 2005 cash transfer, of the KKS lineage) titled ``DAFTAR PENERIMA
    BLT DANA DESA``: the file's own title is the more specific, and the kind says why."""
    path = vf.list_with_trailers(tmp_path / "blt.xlsx", vf.people(3))
    report = read(path).report
    assert (report.kind, report.programme) == ("programme", "BLT-DD")
    assert any("judul" in e[0] and "BLT-DD" in e[0] for e in report.evidence)
    plain = vf.list_with_trailers(tmp_path / "pkh_stabat.xlsx", vf.people(3))
    assert read(plain).report.programme == "BLT-DD"


def test_a_column_number_row_under_the_header_is_reported_once(tmp_path):
    """``KOLOM 2 3 4 …`` right under the header is not data, and the report says so once."""
    bdt = read(vf.bdt2015(tmp_path / "bdt.xlsx", vf.families(2))).report
    assert [(i.row, i.code) for i in bdt.issues if i.code == "column-numbers"] == [
        (2, "column-numbers")
    ]
    blt = read(vf.list_with_trailers(tmp_path / "daftar.xlsx", vf.people(3))).report
    assert [i.row for i in blt.issues if i.code == "column-numbers"] == [3]
    assert blt.rejected == 0 and blt.rows == 3


def test_read_json_says_the_kind_of_a_list_that_needs_its_programme(tmp_path):
    import json

    from click.testing import CliRunner

    from sibaso.cli import cli

    path = vf.supplement(tmp_path / "suplemen.xlsx", vf.people(3))
    out = CliRunner().invoke(cli, ["read", str(path), "--json"])
    (answer,) = json.loads(out.output)
    assert (answer["error"], answer["kind"]) == ("programme-missing", "programme")
