"""Population rows the bulk path vouches for go to the store without a Person each: the rows
are those ``_person_row`` makes of the general path's people, row for row."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sibaso
from sibaso.adapters.pipeline import read
from sibaso.adapters.pipeline.read_report import ReadReport

pytest.importorskip("polars", reason="the bulk path needs the fast extra (polars)")
ingest = importlib.import_module("sibaso.registry.ingest")

HEADER = (
    "NIK,NO_KK,NAMA_LGKP,JENIS_KLMIN,TMPT_LHR,TGL_LHR,STAT_HBKEL,NO_PROP,NO_KAB,NO_KEC,NO_KEL,"
    "STAT_HIDUP,ALAMAT"
)
ROW = (
    "1205074107820001",
    "1205072003150001",
    "SITI AMINAH",
    "2",
    "STABAT",
    "01-07-1982",
    "3",
    "12",
    "05",
    "07",
    "2001",
    "1",
    "DUSUN I",
)
_CELLS = st.sampled_from(
    [
        "",
        "1205074107820001",
        "1205071203800001",
        "1205074107820000",  # serial 0000: a warning, the general path
        "9905074107820001",  # an unknown region
        "1205072003150002",
        "3201010101010001",
        "SITI  AMINAH",
        " BUDI",
        "NULL",
        "-",
        "1",
        "2",
        "L",
        "P",
        "MENINGGAL DUNIA",
        "KEPALA KELUARGA",
        "31-02-1985",
        "1985-02-01",
        "01-02-1985",
        "99",
        "5",
        "JL. MAWAR",
    ]
)


def _rows(path: Path) -> list[tuple[object, ...]]:
    report = ReadReport(file=str(path))
    job = ingest.ReadJob(
        path=path, programme=None, adapter=None, period=None, period_text="", source_id=7
    )
    rows = []
    for kind, batch in ingest.row_batches(job, report, ingest.Collected()):
        assert kind == "population"
        rows += batch
    return rows


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    spoilt=st.lists(
        st.lists(st.tuples(st.integers(0, 12), _CELLS), max_size=3), min_size=1, max_size=25
    ),
    address=st.booleans(),
)
def test_the_store_rows_are_those_of_the_general_paths_people(
    spoilt, address, tmp_path_factory, monkeypatch
):
    lines = [HEADER if address else HEADER.rsplit(",", 1)[0]]
    for n, changes in enumerate(spoilt):
        cells = list(ROW)
        cells[0] = f"12050741078{n + 2:05d}"  # one NIK a row, unless spoilt
        for col, value in changes:
            cells[col] = value
        lines.append(",".join(cells if address else cells[:-1]))
    path = tmp_path_factory.mktemp("pop") / "dukcapil.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast = _rows(path)
    with monkeypatch.context() as patched:
        patched.setattr(read, "bulk_reader", lambda conv: None)
        slow = _rows(path)
    assert fast == slow


def test_a_clean_population_file_takes_the_row_path(tmp_path, monkeypatch):
    """The people of a clean file are never made: their rows come from the columns."""
    lines = [HEADER]
    for n in range(1, 21):
        cells = list(ROW)
        cells[0] = f"12050741078{n:05d}"
        lines.append(",".join(cells))
    path = tmp_path / "dukcapil.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    made = []
    original = ingest._person_row
    monkeypatch.setattr(ingest, "_person_row", lambda *a: made.append(a) or original(*a))
    rows = _rows(path)
    assert len(rows) == 20 and not made
    registry = sibaso.open(str(tmp_path / "r.sqlite"))
    result = registry.ingest(path)
    assert result.stored == 20
    person = registry.store.get_person(rows[3][0])
    assert person is not None and person["kecamatan_code"] == "12.05.07"
    registry.close()
