"""Concurrent filing and updates on SQLite (one connection per thread/process) and PostgreSQL:
nothing lost, nothing duplicated, one winner per race, every change in the history."""

import json
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from complaint_helpers import check_history_chain, cycle_changes, file_one

import sibaso
from sibaso.complaints import ConflictError

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"


def test_concurrent_filing_from_threads(durable_registry):
    registry, target = durable_registry
    writers, each = 8, 25

    def work(n):
        with sibaso.open(target) as mine:
            return [file_one(mine, text=f"writer {n} #{i}").ticket for i in range(each)]

    with ThreadPoolExecutor(writers) as pool:
        tickets = [t for batch in pool.map(work, range(writers)) for t in batch]
    assert len(tickets) == len(set(tickets)) == writers * each
    stored = registry.store.query("SELECT ticket, text FROM complaint")
    assert sorted(t for t, _ in stored) == sorted(tickets)
    texts = Counter(text for _, text in stored)
    assert len(texts) == writers * each and set(texts.values()) == {1}
    assert registry.store.count("complaint_history") == writers * each
    assert len(registry.store.audit_entries("complaint-file")) == writers * each


def test_two_officers_at_once_one_wins(durable_registry):
    registry, target = durable_registry
    ticket = file_one(registry).ticket
    racers = 8
    barrier = threading.Barrier(racers)

    def race(n):
        with sibaso.open(target) as mine:
            service = mine.complaints
            officer = service.actor("tksk-stabat" if n % 2 else "op-langkat")
            barrier.wait()
            try:
                service.update(officer, ticket, "diverifikasi", f"racer {n}", expected_version=1)
            except ConflictError:
                return "conflict"
            return "won"

    with ThreadPoolExecutor(racers) as pool:
        outcomes = Counter(pool.map(race, range(racers)))
    assert outcomes == {"won": 1, "conflict": racers - 1}
    view = check_history_chain(registry, ticket)
    assert view.version == 2 and view.status == "diverifikasi"


def test_no_change_is_lost_under_contention(durable_registry):
    registry, target = durable_registry
    ticket = file_one(registry).ticket
    registry.complaints.update(registry.complaints.actor("admin-1"), ticket, "diverifikasi")
    threads, changes = 6, 8

    def work(n):
        with sibaso.open(target) as mine:
            officer = "tksk-stabat" if n % 2 else "op-langkat"
            return cycle_changes(mine, officer, ticket, changes, label=f"thread {n}")

    with ThreadPoolExecutor(threads) as pool:
        sum(pool.map(work, range(threads)))  # conflicts met and retried
    view = check_history_chain(registry, ticket)
    assert view.version == 2 + threads * changes
    notes = [h.note for h in view.history[2:]]
    assert len(notes) == len(set(notes)) == threads * changes


def _spawn(*args):
    code = (
        f"import sys; sys.path[:0] = [{str(HERE)!r}, {str(SRC)!r}]; "
        "from complaint_helpers import worker_main; worker_main()"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _results(processes):
    out = []
    for p in processes:
        stdout, stderr = p.communicate(timeout=300)
        assert p.returncode == 0, stderr
        out.append(json.loads(stdout.strip().splitlines()[-1]))
    return out


def test_processes_file_and_update_concurrently(durable_registry):
    registry, target = durable_registry
    filing = [_spawn("file", target, 20, f"proc{n}") for n in range(4)]
    ticket = file_one(registry).ticket
    registry.complaints.update(registry.complaints.actor("admin-1"), ticket, "diverifikasi")
    updating = [
        _spawn("cycle", target, officer, ticket, 5)
        for officer in ("tksk-stabat", "op-langkat", "op-all")
    ]
    tickets = [t for batch in _results(filing) for t in batch]
    _results(updating)
    assert len(set(tickets)) == 80
    assert registry.store.count("complaint") == 81
    view = check_history_chain(registry, ticket)
    assert view.version == 2 + 3 * 5
