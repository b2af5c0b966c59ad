"""SQLite against PostgreSQL on the same synthetic registry: every measure on both stores.

Usage: python benchmarks/bench_stores.py [--persons 100000] [--enrolments 150000]
       [--postgres postgresql://postgres@127.0.0.1:5432/test] [--lookups 20000]
       [--only sqlite|postgres] [--repeat 1]

The files are generated once (seeded, ``sibaso.testing`` population; the shapes of
``bench_registry.py``: a Dukcapil extract, a BDT roster, SIKS-NG programme lists) and ingested
into a fresh SQLite file and a fresh PostgreSQL schema. Per store, in this order, without any
manual step in between (no ``ANALYZE``, no index rebuild):

* ``ingest``: rows/s, validation included;
* ``lookups``: public lookups/s in one process right after the ingest, p50/p99 latency;
* ``match``: the padan of every active enrolment (wall time);
* ``recap``: the kecamatan × programme recap (wall time);
* ``report``: ``sibaso report``'s work — :func:`sibaso.report.build_report` and the workbook
  (:func:`sibaso.report.write_xlsx`) — wall time;
* ``lookups after match``: lookups/s again once the links are stored.

The table at the end gives each figure for both stores and PostgreSQL / SQLite (for rates
SQLite / PostgreSQL, so above 1 always means PostgreSQL is slower). Issue 14's targets on
PostgreSQL: ≥ 5,000 lookups/s with p99 ≤ 2 ms; report, match and recap within 2× of SQLite.
The issue's scale is ``--persons 1000000 --enrolments 1500000``; the default is a tenth.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_registry import write_files

import sibaso
from sibaso.report import build_report, write_xlsx

DEFAULT_DSN = "postgresql://postgres@127.0.0.1:5432/test"


def _pg_target(dsn: str) -> tuple[str, str]:
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options=-csearch_path%3D{schema}", schema


def _drop(dsn: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _timed(figures: dict[str, float], name: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = work()
    figures[name] = time.perf_counter() - start
    print(f"  {name:<20} {figures[name]:9.2f} s", flush=True)
    return result


def _lookups(
    registry: sibaso.Registry, niks: list[str], count: int, figures: dict[str, float], name: str
) -> None:
    rnd = random.Random(1)
    sample = [rnd.choice(niks) for _ in range(count)]
    latencies = []
    reached = 0
    start = time.perf_counter()
    for nik in sample:
        t = time.perf_counter()
        result = registry.lookup(nik)
        latencies.append(time.perf_counter() - t)
        reached += bool(result.enrolments)
    elapsed = time.perf_counter() - start
    latencies.sort()
    figures[f"{name}/s"] = count / elapsed
    figures[f"{name} p50 ms"] = statistics.median(latencies) * 1000
    figures[f"{name} p99 ms"] = latencies[int(len(latencies) * 0.99)] * 1000
    figures[f"{name} first ms"] = first = latencies_first(registry, niks)
    print(
        f"  {name:<20} {count / elapsed:9,.0f} /s   p50 {figures[f'{name} p50 ms']:.3f} ms   "
        f"p99 {figures[f'{name} p99 ms']:.3f} ms   ({reached:,} of {count:,} reached; "
        f"first {first:.2f} ms)",
        flush=True,
    )


def latencies_first(registry: sibaso.Registry, niks: list[str]) -> float:
    """One more lookup of a NIK not asked before (a cold key), in ms."""
    t = time.perf_counter()
    registry.lookup(niks[-1])
    return (time.perf_counter() - t) * 1000


def run(label: str, target: str, files: dict[str, Path], folder: Path, lookups: int) -> dict:
    print(f"--- {label}", flush=True)
    figures: dict[str, float] = {}
    registry = sibaso.open(target)
    rows = 0
    start = time.perf_counter()
    for name, path in files.items():
        period = name.rsplit("-", 1)[1] if "-" in name else None
        rows += registry.ingest(path, period=period).read.rows
    figures["ingest s"] = time.perf_counter() - start
    figures["ingest rows/s"] = rows / figures["ingest s"]
    print(
        f"  {'ingest':<20} {figures['ingest s']:9.2f} s   {figures['ingest rows/s']:,.0f} rows/s"
        f"   ({rows:,} rows)",
        flush=True,
    )
    niks = [r[0] for r in registry.store.query("SELECT nik FROM person ORDER BY nik")]
    _lookups(registry, niks, lookups, figures, "lookups")
    _timed(figures, "match", registry.match)
    _timed(figures, "recap", registry.recap)
    out = folder / f"rekap-{label.lower()}.xlsx"
    data = _timed(figures, "report build", lambda: build_report(registry))
    _timed(figures, "report xlsx", lambda: write_xlsx(data, out))
    figures["report"] = figures["report build"] + figures["report xlsx"]
    _lookups(registry, niks, lookups, figures, "lookups after match")
    registry.close()
    return figures


_ROWS = (
    ("ingest rows/s", "rate"),
    ("lookups/s", "rate"),
    ("lookups p50 ms", "time"),
    ("lookups p99 ms", "time"),
    ("match", "time"),
    ("recap", "time"),
    ("report build", "time"),
    ("report", "time"),
    ("lookups after match/s", "rate"),
    ("lookups after match p99 ms", "time"),
)


def table(sqlite: dict, pg: dict) -> None:
    print(f"\n{'measure':<28} {'SQLite':>12} {'PostgreSQL':>12} {'PG/SQLite':>10}")
    for name, kind in _ROWS:
        a, b = sqlite.get(name), pg.get(name)
        if a is None or b is None:
            continue
        ratio = a / max(b, 1e-9) if kind == "rate" else b / max(a, 1e-9)
        fmt = "{:12,.0f}" if kind == "rate" else "{:12.3f}"
        print(f"{name:<28} {fmt.format(a)} {fmt.format(b)} {ratio:9.2f}×")
    print("(ratios: how many times slower PostgreSQL is; rates compared as SQLite/PostgreSQL)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--enrolments", type=int, default=150_000)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--postgres", default=DEFAULT_DSN, help="PostgreSQL DSN (a fresh schema)")
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sibaso-stores-"))
    files = write_files(folder, args.persons, args.enrolments, args.seed)
    print(f"load average at start: {os.getloadavg()}", flush=True)
    results: dict[str, dict] = {}
    if args.only != "postgres":
        results["sqlite"] = run(
            "SQLite", str(folder / "registry.sqlite"), files, folder, args.lookups
        )
    if args.only != "sqlite":
        target, schema = _pg_target(args.postgres)
        try:
            results["pg"] = run("PostgreSQL", target, files, folder, args.lookups)
        finally:
            _drop(args.postgres, schema)
    if len(results) == 2:
        table(results["sqlite"], results["pg"])
    print(f"load average at end: {os.getloadavg()}")
    print(f"(files in {folder})", file=sys.stderr)


if __name__ == "__main__":
    main()
