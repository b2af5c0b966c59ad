"""Staging (issue 14): a file loads in short transactions that no reader sees, becomes visible
in one small step, and what a dead ingest leaves is removed (or finished) by the next open."""

import subprocess
import sys
from pathlib import Path

import pytest

import sibaso
from sibaso.store import open_store
from sibaso.store.base import ENROLMENT_COLUMNS, PERSON_COLUMNS
from sibaso.store.postgres import PostgresStore
from sibaso.store.staging import me

HEAD = "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|KEL_NAME"
NIKS = [f"120501{1 + i % 28:02d}0773{1 + i // 28:04d}" for i in range(300)]


def _list(path: Path, niks: list[str]) -> Path:
    rows = [f"WARGA {i}|{nik}||BNI|PKH|SUMUT|LANGKAT|STABAT|X" for i, nik in enumerate(niks)]
    path.write_text("\n".join([HEAD, *rows]) + "\n", encoding="utf-8")
    return path


def _enrolment(source_id: int, nik: str) -> tuple[object, ...]:
    row = dict.fromkeys(ENROLMENT_COLUMNS)
    row.update(source_id=source_id, programme="PKH", basis="family", period="2025", nik=nik)
    row.update(nik_given=nik, name="WARGA")
    return tuple(row[c] for c in ENROLMENT_COLUMNS)


def _person(source_id: int, nik: str, name: str) -> tuple[object, ...]:
    row = dict.fromkeys(PERSON_COLUMNS)
    row.update(nik=nik, province="12", name=name, kk="1205012003150004", alive=1)
    row.update(source_id=source_id, authority=3)
    return tuple(row[c] for c in PERSON_COLUMNS)


def _dead_process() -> str:
    """``staged_by`` of a process that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return me().rsplit(":", 1)[0] + ":" + done.stdout.strip()


def _snapshot(target: str) -> dict[str, object]:
    registry = sibaso.open(target)
    try:
        store = registry.store
        return {t: store.count(t) for t in ("person", "enrolment", "source", "reach", "nik_reach")}
    finally:
        registry.close()


def test_a_staged_list_is_seen_by_no_reader_until_it_is_made_current(durable_target, tmp_path):
    registry = sibaso.open(durable_target)
    registry.ingest(_list(tmp_path / "pkh_2024.csv", NIKS[:1]), period="2024")
    loader = open_store(durable_target)
    staged = loader.staging.begin(path="pkh_2025.csv", sha256="abc", period="2025", decree=None)
    loader.staging.put(staged, "enrolment", [_enrolment(staged, nik) for nik in NIKS[:5]])
    loader.staging.finish(
        staged,
        kind="enrolment",
        adapter="t",
        programme="PKH",
        scope="*",
        rows=5,
        usable=5,
        rejected=0,
    )
    loader.reach.index_source(staged)  # even its index rows are written: still unseen
    try:
        assert registry.lookup(NIKS[1]).programmes == []
        officer = registry.lookup(NIKS[0], view="officer", actor="tksk-1").enrolments
        assert [e["period"] for e in officer] == ["2024"]
        assert sum(r.count for r in registry.recap()) == 1
        loader.staging.activate_list(staged)
        assert registry.lookup(NIKS[1]).programmes == ["PKH"]
        # the 2025 list is current; 2024 became history for the citizen and the recap
        assert [e["period"] for e in registry.lookup(NIKS[0]).enrolments] == ["2025"]
        assert sum(r.count for r in registry.recap()) == 5
    finally:
        loader.close()
        registry.close()


def test_the_next_open_removes_a_dead_ingests_staging_and_the_file_ingests_again(
    durable_target, tmp_path
):
    path = _list(tmp_path / "pkh_2025.csv", NIKS)
    registry = sibaso.open(durable_target)
    registry.ingest(_list(tmp_path / "pkh_2024.csv", NIKS[:3]), period="2024")
    registry.close()
    before = _snapshot(durable_target)
    from sibaso.registry.ingest import file_sha256

    crashed = open_store(durable_target)
    staged = crashed.staging.begin(
        path=str(path), sha256=file_sha256(path), period="2025", decree=None
    )
    crashed.staging.put(staged, "enrolment", [_enrolment(staged, nik) for nik in NIKS[:50]])
    crashed.reach.index_source(staged)
    with crashed.transaction():
        crashed.execute("UPDATE source SET staged_by = ? WHERE id = ?", (_dead_process(), staged))
    crashed.close()
    assert _snapshot(durable_target) == before
    registry = sibaso.open(durable_target)
    try:
        report = registry.ingest(path, period="2025")
        assert not report.already_present and report.stored == len(NIKS)
        assert registry.lookup(NIKS[-1]).programmes == ["PKH"]
    finally:
        registry.close()


def test_a_running_ingests_staging_is_left_alone_by_another_open(durable_target):
    loader = open_store(durable_target)
    staged = loader.staging.begin(path="x.csv", sha256="x", period="2025", decree=None)
    loader.staging.put(staged, "enrolment", [_enrolment(staged, NIKS[0])])
    other = open_store(durable_target)  # same process, alive: its staging stays
    try:
        assert other.count("enrolment") == 1
        assert other.query("SELECT state FROM source WHERE id = ?", (staged,)) == [("staging",)]
    finally:
        other.close()
        loader.close()


@pytest.mark.parametrize("applied_chunks", [0, 1])
def test_a_population_file_left_applying_is_finished_by_the_next_open(
    durable_target, monkeypatch, applied_chunks
):
    from sibaso.store.base import Store

    monkeypatch.setattr(Store, "chunk_rows", 2)
    monkeypatch.setattr(PostgresStore, "chunk_rows", 2)
    crashed = open_store(durable_target)
    with crashed.transaction():
        crashed.put_persons([_person(0, NIKS[0], "LAMA")])
    source = crashed.staging.begin(path="dukcapil.csv", sha256="p", period="", decree=None)
    crashed.staging.put(source, "population", [_person(source, n, "BARU") for n in NIKS[:5]])
    crashed.staging.finish(
        source,
        kind="population",
        adapter="dukcapil",
        programme="",
        scope="*",
        rows=5,
        usable=5,
        rejected=0,
    )
    with crashed.transaction():
        crashed.execute("UPDATE source SET state = 'applying' WHERE id = ?", (source,))
    for _ in range(applied_chunks):  # the process died after this many batches
        assert crashed.staging.apply_next(source, "population")
    with crashed.transaction():
        crashed.execute("UPDATE source SET staged_by = ? WHERE id = ?", (_dead_process(), source))
    crashed.close()
    store = open_store(durable_target)
    try:
        assert store.query("SELECT name FROM person ORDER BY nik") == [("BARU",)] * 5
        assert store.count("stage_batch") == 0
        assert store.query("SELECT state FROM source WHERE id = ?", (source,)) == [("current",)]
    finally:
        store.close()
