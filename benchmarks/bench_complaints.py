"""Complaints benchmark: concurrent filing, then list/filter over 100,000 complaints.

Usage: python benchmarks/bench_complaints.py [--writers 8] [--filings 8000]
       [--processes] [--complaints 100000] [--postgres DSN] [--keep DIR]

1. Filing: ``--writers`` threads (or processes with ``--processes``), each with its own
   connection (``sibaso.open`` per writer), file ``--filings`` complaints through
   ``registry.complaints.file`` — validation, routing against the population table, one short
   transaction (complaint + history + audit) each. Prints the sustained rate (overall and the
   slowest whole second) and checks that none is lost or duplicated: as many rows as
   filings, unique tickets, every writer's every text exactly once.
2. List/filter: ``--complaints`` rows spread over Langkat's 23 kecamatan, five statuses and a
   year of filing dates are bulk-inserted, then timed (median / p95 / max of 30 runs):
   an officer's list of one status, an operator's list of one kecamatan and status, an
   operator's first page (100) of one status over the kabupaten, an officer's overdue list,
   and a citizen's status check.

Targets (issue 5): ≥ 500 filings/s on SQLite with 8 writers; list/filter < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import sibaso
from sibaso.complaints import Actor
from sibaso.complaints._tickets import new_ticket
from sibaso.core import wilayah
from sibaso.store.base import PERSON_COLUMNS
from sibaso.store.complaints import COLUMNS

REPORTER = "1205074107820001"
STATUSES = [
    ("diterima", 20),
    ("diverifikasi", 20),
    ("diteruskan", 20),
    ("selesai", 30),
    ("ditolak", 10),
]
CATEGORIES = ["data-tidak-sesuai", "usul", "sanggah", "bantuan-tidak-diterima", "pelayanan"]


def prepare(target: str) -> list[str]:
    """Population rows for routing, a roster with one TKSK per kecamatan and an operator."""
    kecamatan = [r.code for r in wilayah.kecamatan_of("12.05")]
    with sibaso.open(target) as registry:
        rows = []
        for i, code in enumerate(kecamatan):
            row = dict.fromkeys(PERSON_COLUMNS)
            nik = f"{code.replace('.', '')}4107820{i + 1:03d}"
            row.update(nik=nik, province="12", name=f"WARGA {i}", alive=1, kecamatan_code=code)
            rows.append(tuple(row[c] for c in PERSON_COLUMNS))
        with registry.store.transaction():
            registry.store.put_persons(rows)
        roster = Path(tempfile.mkdtemp()) / "roster.csv"
        lines = ["id,name,role,kecamatan"]
        lines += [f"tksk-{c},TKSK {c},tksk,{c}" for c in kecamatan]
        lines += ["op,Dinas Sosial Langkat,operator,12.05"]
        roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
        registry.complaints.load_roster(Actor.system(), roster)
    return kecamatan


_START: Any = None


def _init(barrier: Any) -> None:
    global _START
    _START = barrier


def _file_batch(args: tuple[str, int, int]) -> list[tuple[float, str]]:
    target, writer, count = args
    done = []
    with sibaso.open(target) as registry:
        service = registry.complaints
        public = Actor.public()
        _START.wait()  # every writer connected: start together
        for i in range(count):
            complaint = service.file(
                public,
                reporter_nik=REPORTER,
                reporter_name="Siti Aminah",
                phone="0812-3456-7890",
                category="sanggah" if i % 3 == 0 else "bantuan-tidak-diterima",
                programme="PKH",
                subject_nik="1205070202900003" if i % 3 == 0 else None,
                text=f"writer {writer} complaint {i}",
            )
            done.append((time.time(), complaint.ticket))
    return done


def bench_filing(target: str, writers: int, filings: int, processes: bool) -> None:
    each = filings // writers
    jobs = [(target, w, each) for w in range(writers)]
    pool: ThreadPoolExecutor | ProcessPoolExecutor
    if processes:
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(
            writers, mp_context=context, initializer=_init, initargs=(context.Barrier(writers),)
        )
    else:
        pool = ThreadPoolExecutor(
            writers, initializer=_init, initargs=(threading.Barrier(writers),)
        )
    start = time.perf_counter()
    with pool:
        results = list(pool.map(_file_batch, jobs))
    elapsed = time.perf_counter() - start
    stamps = sorted(t for batch in results for t, _ in batch)
    tickets = [ticket for batch in results for _, ticket in batch]
    total = writers * each
    # sustained: while every writer was filing (leaves out start-up and the last stragglers)
    first = max(batch[0][0] for batch in results)
    last = min(batch[-1][0] for batch in results)
    window = [t for t in stamps if first <= t <= last]
    seconds = Counter(int(t - first) for t in window)
    whole = [seconds[s] for s in range(int(last - first))]  # complete seconds only
    with sibaso.open(target) as registry:
        stored = registry.store.query("SELECT ticket, text FROM complaint")
        history = registry.store.count("complaint_history")
    texts = Counter(text for _, text in stored)
    expected = {f"writer {w} complaint {i}" for w in range(writers) for i in range(each)}
    lost = len(expected - set(texts))
    duplicated = sum(1 for n in texts.values() if n > 1)
    kind = "processes" if processes else "threads"
    sustained = len(window) / (last - first) if last > first else float("nan")
    print(
        f"filing: {total:,} complaints by {writers} writer {kind}: {sustained:,.0f}/s "
        f"sustained while all {writers} were filing ({last - first:.2f} s"
        + (f", slowest whole second {min(whole):,}" if whole else "")
        + f"); {total / elapsed:,.0f}/s overall including start-up ({elapsed:.2f} s)"
    )
    print(
        f"  stored {len(stored):,}, unique tickets {len(set(tickets)):,}, history rows "
        f"{history:,}, lost {lost}, duplicated {duplicated}"
    )
    if len(stored) != total or len(set(tickets)) != total or lost or duplicated:
        sys.exit("FAILED: complaints lost or duplicated")


def bulk_load(target: str, count: int, kecamatan: list[str], seed: int) -> str:
    """Insert ``count`` complaints directly (the list benchmark measures reading)."""
    rnd = random.Random(seed)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    rows = []
    known_ticket = ""
    for i in range(count):
        filed = now - datetime.timedelta(minutes=rnd.randrange(365 * 24 * 60))
        status = rnd.choices(statuses, weights)[0]
        category = rnd.choice(CATEGORIES)
        closed = filed + datetime.timedelta(days=3) if status in ("selesai", "ditolak") else None
        ticket = new_ticket()
        if i == count // 2:
            known_ticket = ticket
        row = {
            "ticket": ticket,
            "reporter_nik": REPORTER,
            "reporter_name": "Siti Aminah",
            "phone": "+6281234567890",
            "channel": "web",
            "category": category,
            "programme": "PKH",
            "subject_nik": None,
            "text": f"bulk complaint {i}",
            "attachments": "[]",
            "status": status,
            "kecamatan_code": rnd.choice(kecamatan),
            "routed_by": "reporter",
            "filed_at": filed.isoformat(),
            "filed_by": "public",
            "due": (filed.date() + datetime.timedelta(days=14)).isoformat(),
            "updated_at": filed.isoformat(),
            "closed_at": closed.isoformat() if closed else None,
            "version": 1,
        }
        rows.append([row[c] for c in COLUMNS[1:]])
    start = time.perf_counter()
    with sibaso.open(target) as registry:
        store = registry.store
        marks = ", ".join("?" * (len(COLUMNS) - 1))
        with store.transaction():
            # tickets can collide in a bulk load too: skip the rare duplicate
            store.executemany(
                f"INSERT INTO complaint ({', '.join(COLUMNS[1:])}) VALUES ({marks}) "
                "ON CONFLICT (ticket) DO NOTHING",
                rows,
            )
        if store.dialect == "sqlite":
            store.execute("ANALYZE")
        else:
            store.execute("ANALYZE complaint")
        stored = store.count("complaint")
    print(f"bulk load: {stored:,} complaints in {time.perf_counter() - start:.1f} s")
    return known_ticket


def timed(label: str, call, runs: int = 30) -> None:  # type: ignore[no-untyped-def]
    call()  # warm the cache
    times = []
    rows = 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"  {label:<46} {rows:>6,} rows  median {statistics.median(times):6.1f} ms  "
        f"p95 {p95:6.1f} ms  max {times[-1]:6.1f} ms"
    )


def bench_list(target: str, count: int, kecamatan: list[str], seed: int) -> None:
    ticket = bulk_load(target, count, kecamatan, seed)
    with sibaso.open(target) as registry:
        service = registry.complaints
        # the filing benchmark's complaints all went to 12.05.07: time other kecamatan
        officer = service.actor(f"tksk-{kecamatan[0]}")
        operator = service.actor("op")
        public = Actor.public()
        today = datetime.date.today()
        print(f"list/filter over {registry.store.count('complaint'):,} complaints:")
        timed(
            "officer: own kecamatan, status diterima",
            lambda: len(service.list(officer, status="diterima")),
        )
        timed(
            f"operator: kecamatan {kecamatan[1]} + status diteruskan",
            lambda: len(service.list(operator, kecamatan=kecamatan[1], status="diteruskan")),
        )
        timed(
            "operator: kabupaten, status diverifikasi, page 100",
            lambda: len(service.list(operator, status="diverifikasi", limit=100)),
        )
        timed(
            "officer: overdue in own kecamatan",
            lambda: sum(len(v) for v in service.overdue(officer, today=today).values()),
        )
        timed(
            "citizen: status check (ticket + NIK)",
            lambda: len(service.status(public, ticket, REPORTER).history) or 1,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--filings", type=int, default=8000)
    parser.add_argument("--processes", action="store_true", help="Writers are processes.")
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--postgres", help="Also run on this PostgreSQL DSN (empty schema).")
    parser.add_argument("--keep", help="Keep the SQLite database in this folder.")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-complaints-"))
    folder.mkdir(parents=True, exist_ok=True)
    targets = [("SQLite", str(folder / "filing.sqlite"), str(folder / "list.sqlite"))]
    if args.postgres:
        targets.append(("PostgreSQL", args.postgres, args.postgres))
    for name, filing_target, list_target in targets:
        print(f"== {name}")
        kecamatan = prepare(filing_target)
        bench_filing(filing_target, args.writers, args.filings, args.processes)
        if list_target != filing_target:
            prepare(list_target)
        bench_list(list_target, args.complaints, kecamatan, args.seed)


if __name__ == "__main__":
    main()
