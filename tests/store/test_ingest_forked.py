"""Ingest that reads in a forked child: the same rows and report as in-process, or nothing."""

import importlib
import os

import pytest

import sibaso
from sibaso import _fork
from sibaso.adapters.pipeline.read_report import ReadReport
from sibaso.registry import forked
from sibaso.registry.ingest import Collected, ReadJob, row_batches
from sibaso.testing import exports
from sibaso.testing.synthetic import Population

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

ORDER = ["dukcapil_csv", "dukcapil_xlsx", "bdt", "dtks", "pkh", "sembako", "pbijk", "kks"]
ORDER += ["dapodik", "rtlh", "opensid"]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    population = Population.generate(persons=1500, seed=11)
    return exports.write_all(tmp_path_factory.mktemp("exports"), population, seed=11)


def _ingest_all(target, written, monkeypatch, fork):
    monkeypatch.setenv("SIBASO_FORK", fork)
    used = []
    real = forked.read_in_child
    module = importlib.import_module("sibaso.registry.ingest")
    monkeypatch.setattr(module, "read_in_child", lambda *a: used.append(1) or real(*a))
    registry = sibaso.open(target)
    reports = []
    for kind in ORDER:
        path, _truth = written[kind]
        period = None if kind.startswith(("dukcapil", "bdt", "dtks", "opensid")) else "2024"
        report = registry.ingest(path, period=period)
        reports.append({k: v for k, v in report.to_dict().items() if k != "source_id"})
    assert len(used) == (len(ORDER) if fork == "1" else 0)
    return registry, reports


SOURCE = "id, path, sha256, kind, adapter, programme, period, scope, row_count, usable, rejected"


def _tables(registry):
    tables = {
        table: sorted(map(repr, registry.store.query(f"SELECT * FROM {table}")))
        for table in ("person", "enrolment", "household_member")
    }
    tables["source"] = registry.store.query(f"SELECT {SOURCE}, active FROM source ORDER BY id")
    return tables


def test_forked_ingest_stores_exactly_what_in_process_ingest_stores(written, tmp_path, monkeypatch):
    here, here_reports = _ingest_all(str(tmp_path / "a.sqlite"), written, monkeypatch, "0")
    child, child_reports = _ingest_all(str(tmp_path / "b.sqlite"), written, monkeypatch, "1")
    assert child_reports == here_reports
    assert sum(r["stored"] for r in here_reports) > 3000
    assert _tables(child) == _tables(here)
    here.close()
    child.close()


def test_whole_file_error_in_the_child_reaches_the_caller_intact(tmp_path, monkeypatch):
    monkeypatch.setenv("SIBASO_FORK", "1")
    bad = tmp_path / "tanpa_nik.csv"
    bad.write_text("NAMA,ALAMAT\nBUDI,STABAT\n", encoding="utf-8")
    registry = sibaso.open(":memory:")
    with pytest.raises(sibaso.SourceError) as caught:
        registry.ingest(bad, programme="PKH")
    assert caught.value.code == "no-nik-column"
    assert caught.value.path == str(bad)
    assert registry.store.count("source") == 0


def _dies_halfway(job, report, collected, progress):
    yield "enrolment", [("never", "stored")]
    os._exit(3)


def test_a_child_that_dies_raises_and_the_transaction_rolls_back(written, tmp_path):
    registry = sibaso.open(str(tmp_path / "r.sqlite"))
    registry.ingest(written["dukcapil_csv"][0])
    before = registry.store.count("person"), registry.store.count("source")
    job = ReadJob(
        path=written["pkh"][0],
        programme=None,
        adapter=None,
        period=None,
        period_text="",
        source_id=1,
    )
    with pytest.raises(RuntimeError, match="exit code 3"), registry.store.transaction():
        registry.store.execute("DELETE FROM meta WHERE key = 'nothing'")
        for _kind, rows in forked.read_in_child(
            job, ReadReport(file="x"), Collected(), None, _dies_halfway
        ):
            assert rows == [("never", "stored")]
    assert (registry.store.count("person"), registry.store.count("source")) == before


def test_progress_and_report_come_back_from_the_child(written):
    path = written["dukcapil_csv"][0]
    job = ReadJob(path=path, programme=None, adapter=None, period=None, period_text="", source_id=1)
    seen = []
    report, collected = ReadReport(file=str(path)), Collected()
    rows = [
        row
        for _kind, batch in forked.read_in_child(job, report, collected, seen.append, row_batches)
        for row in batch
    ]
    expected_seen = []
    expected_report, expected = ReadReport(file=str(path)), Collected()
    expected_rows = [
        row
        for _kind, batch in row_batches(job, expected_report, expected, expected_seen.append)
        for row in batch
    ]
    assert rows == expected_rows
    assert report == expected_report and collected == expected
    assert seen == expected_seen and seen[-1] >= report.rows > 0


def test_fork_is_used_only_when_safe_and_worth_it(tmp_path, monkeypatch):
    small = tmp_path / "small.csv"
    small.write_text("NIK\n", encoding="utf-8")
    monkeypatch.delenv("SIBASO_FORK", raising=False)
    assert not forked.use_child(small)  # too small to pay for the fork
    monkeypatch.setenv("SIBASO_FORK", "1")
    assert forked.use_child(small)
    monkeypatch.setenv("SIBASO_FORK", "0")
    assert not forked.use_child(small)
    monkeypatch.setenv("SIBASO_FORK", "1")
    monkeypatch.setattr(_fork.threading, "active_count", lambda: 2)
    assert not forked.use_child(small)  # never fork a process with other threads


@pytest.fixture(autouse=True)
def _single_threaded(monkeypatch):
    """Other tests may leave an idle helper thread behind; these tests must fork."""
    monkeypatch.setattr(_fork.threading, "active_count", lambda: 1)
