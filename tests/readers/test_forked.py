"""Workbooks parsed in a forked child give the same sheets, rows, errors and records."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sheetbuild import ods, snapshot, xls

import sibaso
from sibaso import _fork
from sibaso.core.errors import SourceError
from sibaso.readers import Limits, open_workbook
from sibaso.testing import exports
from sibaso.testing.synthetic import Population

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


@pytest.fixture(autouse=True)
def _single_threaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Other tests may leave an idle helper thread behind; these tests must fork."""
    monkeypatch.setattr(_fork.threading, "active_count", lambda: 1)


def _spy(monkeypatch: pytest.MonkeyPatch, target: str, calls: list[str]) -> None:
    """Record the ``what`` of every child started through ``target``."""
    module, _, name = target.rpartition(".")
    real = getattr(__import__(module, fromlist=[name]), name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["what"])
        return real(*args, **kwargs)

    monkeypatch.setattr(target, spy)


def _both(monkeypatch: pytest.MonkeyPatch, read: Any) -> tuple[Any, Any]:
    monkeypatch.setenv("SIBASO_FORK", "0")
    here = read()
    calls: list[str] = []
    _spy(monkeypatch, "sibaso.readers.model.Prefetch", calls)
    _spy(monkeypatch, "sibaso.readers.xlsx.Prefetch", calls)  # an xlsx's first sheet, early
    monkeypatch.setenv("SIBASO_FORK", "1")
    child = read()
    assert calls, "the child process was not used"
    return here, child


def _xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Kec Stabat"
    first.append(["DAFTAR PENERIMA"])
    first.append(["NIK", "NAMA", "TGL LAHIR", "NILAI"])
    for i in range(3000):
        first.append([f"120507{i:010d}", f"NAMA {i}", dt.date(1980, 1, 1 + i % 28), i * 1.5])
    hidden = book.create_sheet("Arsip")
    hidden.sheet_state = "hidden"
    hidden.append(["x", 1, True])
    book.save(path)
    return path


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_xlsx_in_a_child_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    path = _xlsx(tmp_path / "daftar.xlsx")
    here, child = _both(monkeypatch, lambda: snapshot(path, engine=engine))
    assert child == here
    assert len(here[0][4]) == 3002


def test_ods_and_xls_in_a_child_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(
        f"<table:table-row><table:table-cell><text:p>120501{i:010d}</text:p></table:table-cell>"
        f'<table:table-cell office:value-type="float" office:value="{i}"/></table:table-row>'
        for i in range(50)
    )
    sheet = ods(tmp_path / "a.ods", f'<table:table table:name="Data">{rows}</table:table>')
    book = xls(
        tmp_path / "b.xls",
        [("Kec A", {(0, 0): "NIK", (1, 0): 1205014107850001.0, (1, 1): "SITI"})],
    )
    for path in (sheet, book):
        here, child = _both(monkeypatch, lambda p=path: snapshot(p))
        assert child == here and here[0][4]


def test_an_error_half_way_is_raised_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _xlsx(tmp_path / "besar.xlsx")

    def error() -> tuple[str, str, list[Any]]:
        seen: list[Any] = []
        with (
            pytest.raises(SourceError) as caught,
            open_workbook(path, limits=Limits(max_rows=2500)) as book,
        ):
            seen.extend(book.sheets()[0].rows())
        return caught.value.code, str(caught.value), seen[-1:]

    here, child = _both(monkeypatch, error)
    assert child == here
    assert here[0] == "too-large"


def test_stopping_early_stops_the_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _xlsx(tmp_path / "awal.xlsx")
    monkeypatch.setenv("SIBASO_FORK", "1")
    with open_workbook(path) as book:
        rows = book.sheets()[0].rows()
        first = [next(rows) for _ in range(3)]
        rows.close()
    assert first[1][1][0] == "NIK"
    assert multiprocessing.active_children() == []


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    population = Population.generate(persons=800, seed=5)
    return exports.write_all(tmp_path_factory.mktemp("exports"), population, seed=5)


def test_every_export_reads_to_the_same_records(
    written: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbooks = [path for path, _truth in written.values() if path.suffix in (".xlsx", ".xls")]
    assert len(workbooks) >= 3

    def read_all() -> list[Any]:
        out = []
        for path in workbooks:
            result = sibaso.read(path)
            out.append((result.records, result.report.to_dict()))
        return out

    here, child = _both(monkeypatch, read_all)
    assert child == here


def _sheet_rows(path: Path, **kwargs: Any) -> list[Any]:
    with open_workbook(path, **kwargs) as book:
        return [list(sheet.rows()) for sheet in book.sheets()]


def test_the_first_sheet_loads_while_the_file_is_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("python_calamine")
    path = _xlsx(tmp_path / "awal.xlsx")
    monkeypatch.setattr("sibaso.readers.model.FORK_MIN_BYTES", 0)
    started: list[str] = []
    _spy(monkeypatch, "sibaso.readers.xlsx.Prefetch", started)
    monkeypatch.setenv("SIBASO_FORK", "0")
    here = _sheet_rows(path, engine="calamine")
    assert started == []
    monkeypatch.setenv("SIBASO_FORK", "1")
    assert _sheet_rows(path, engine="calamine") == here
    assert started == ["reading awal.xlsx"]
    assert multiprocessing.active_children() == []


def test_an_early_child_is_stopped_when_the_scan_refuses_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("python_calamine")
    from sheetbuild import raw_xlsx

    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c></row>'
    far = '<row r="2"><c r="A2" t="inlineStr"><is><t>1205074107820001</t></is></c>'
    far += '<c r="XFD2"><v>1</v></c></row>'  # outside the declared A1:A2
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:A2"/><sheetData>{cells}{far}</sheetData></worksheet>'
    )
    path = raw_xlsx(tmp_path / "luas.xlsx", [xml])
    monkeypatch.setattr("sibaso.readers.model.FORK_MIN_BYTES", 0)
    monkeypatch.setenv("SIBASO_FORK", "1")
    with open_workbook(path) as book:  # auto: openpyxl, which streams
        assert book.engine == "openpyxl"
        assert multiprocessing.active_children() == []
    with pytest.raises(SourceError) as caught:
        open_workbook(path, engine="calamine")
    assert caught.value.code == "unsupported"
    assert multiprocessing.active_children() == []


def test_an_early_child_that_dies_is_replaced_by_the_usual_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("python_calamine")
    path = _xlsx(tmp_path / "awal.xlsx")
    monkeypatch.setenv("SIBASO_FORK", "0")
    here = _sheet_rows(path, engine="calamine")
    monkeypatch.setattr("sibaso.readers.model.FORK_MIN_BYTES", 0)
    monkeypatch.setattr(_fork, "_cap_memory", lambda extra: os._exit(3))  # dies at once
    monkeypatch.setenv("SIBASO_FORK", "1")
    assert _sheet_rows(path, engine="calamine") == here


def test_closing_without_reading_stops_the_early_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("python_calamine")
    path = _xlsx(tmp_path / "awal.xlsx")
    monkeypatch.setattr("sibaso.readers.model.FORK_MIN_BYTES", 0)
    monkeypatch.setenv("SIBASO_FORK", "1")
    with open_workbook(path, engine="calamine") as book:
        assert book.sheets()[0].name == "Kec Stabat"
    assert multiprocessing.active_children() == []


def test_an_unfinished_child_does_not_hold_the_process_at_exit(tmp_path: Path) -> None:
    """A caller that fails half-way and exits without closing the stream exits at once.

    Python joins every non-daemon child at exit; a reading child blocked on a full pipe
    would then hold the dying process forever.
    """
    import subprocess
    import sys
    import textwrap

    script = tmp_path / "half_way.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            from sibaso import _fork

            def produce():
                for i in range(10_000_000):
                    yield ("x" * 50, i)

            stream = _fork.Prefetch(produce, what="test", batch=1000).batches()
            next(stream)  # one batch read, then the caller fails with the stream open
            KEEP = stream
            sys.exit(7)
            """
        )
    )
    env = {**os.environ, "PYTHONPATH": str(Path(sibaso.__file__).parents[1])}
    done = subprocess.run([sys.executable, str(script)], env=env, timeout=30)
    assert done.returncode == 7
