"""Targeting-audit benchmark: 300,000 enrolments against 350,000 DTSEN families and
1,000,000 persons (the figure issue 13 asks for: at most 30 s on SQLite).

Usage: python benchmarks/bench_audit.py [--persons 1000000] [--families 350000]
       [--enrolments 300000] [--postgres DSN] [--keep FILE]

The rows are made directly (seeded) and stored through the store's own bulk writers — the
population, three programme lists (PKH and Program Sembako by family, PBI-JK by person, period
2026) and one DTSEN edition (v3-2026) with a desil for nine families in ten — so that the
figure is the audit's, not the readers'. Prints the time of ``registry.audit()`` on SQLite
(and on PostgreSQL with ``--postgres`` or ``SIBASO_BENCH_PG``) against the issue's absolute
target, and the findings per programme.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import sibaso
from sibaso.store.base import ENROLMENT_COLUMNS, PERSON_COLUMNS
from sibaso.store.dtsen import FAMILY_COLUMNS, DtsenRepository

KECAMATAN = [f"12.05.{i:02d}" for i in range(1, 24)]


def _row(columns: tuple[str, ...], values: dict[str, object]) -> tuple[object, ...]:
    return tuple(values.get(c) for c in columns)


def populate(registry: sibaso.Registry, persons: int, families: int, enrolments: int) -> None:
    rnd = random.Random(13)
    store = registry.store
    kks = [f"{1205_00_000000 + n:016d}" for n in range(families)]
    start = time.perf_counter()
    with store.transaction():
        source = store.add_source(
            path="bench",
            sha256="bench-pop",
            kind="population",
            adapter="bench",
            programme="",
            period="",
            scope="*",
            decree=None,
            rows=persons,
            usable=persons,
            rejected=0,
        )
        batch = []
        for n in range(persons):
            kk = kks[n % families]
            kec = KECAMATAN[n % families % 23]
            batch.append(
                _row(
                    PERSON_COLUMNS,
                    {
                        "nik": f"{3205_00_000000 + n:016d}",
                        "province": "12",
                        "name": f"ORANG {n}",
                        "kk": kk,
                        "kecamatan_code": kec,
                        "desa_code": f"{kec}.2001",
                        "alive": 0 if rnd.random() < 0.01 else 1,
                        "source_id": source,
                    },
                )
            )
            if len(batch) == 20000:
                store.put_persons(batch)
                batch = []
        store.put_persons(batch)
        lists = {}
        per = enrolments // 3
        for programme, basis in (("PKH", "family"), ("SEMBAKO", "family"), ("KIS", "individual")):
            lists[programme] = store.add_source(
                path=f"{programme}.csv",
                sha256=f"bench-{programme}",
                kind="enrolment",
                adapter="bench",
                programme=programme,
                period="2026",
                scope="*",
                decree=None,
                rows=per,
                usable=per,
                rejected=0,
            )
            rows = []
            for _ in range(per):
                n = rnd.randrange(persons)
                nik = f"{3205_00_000000 + n:016d}"
                kk = kks[n % families]
                rows.append(
                    _row(
                        ENROLMENT_COLUMNS,
                        {
                            "source_id": lists[programme],
                            "programme": programme,
                            "basis": basis,
                            "period": "2026",
                            "province": "32",
                            "nik": nik,
                            "nik_given": nik,
                            "kk": kk if basis == "family" else None,
                            "name": f"ORANG {n}",
                            "kecamatan_code": KECAMATAN[n % families % 23],
                        },
                    )
                )
                if len(rows) == 20000:
                    store.put_enrolments(rows)
                    rows = []
            store.put_enrolments(rows)
        dtsen = store.add_source(
            path="keluarga_dtsen_v3_2026_bench.csv",
            sha256="bench-dtsen",
            kind="dtsen-family",
            adapter="dtsen-keluarga",
            programme="DTSEN",
            period="v3-2026",
            scope="*",
            decree=None,
            rows=families,
            usable=families,
            rejected=0,
        )
        repo = DtsenRepository(store)
        rows = []
        for n, kk in enumerate(kks):
            if rnd.random() < 0.1:
                continue  # not in DTSEN
            desil = rnd.randint(1, 10)
            kec = KECAMATAN[n % 23]
            rows.append(
                _row(
                    FAMILY_COLUMNS,
                    {
                        "source_id": dtsen,
                        "edition": "v3-2026",
                        "edition_year": 2026,
                        "edition_version": 3,
                        "kk": kk,
                        "kk_valid": 1,
                        "kecamatan_code": kec,
                        "desa_code": f"{kec}.2001",
                        "desil_nasional": desil,
                        "desil_provinsi": desil,
                        "desil_kabupaten": desil,
                    },
                )
            )
            if len(rows) == 20000:
                repo.put_families(rows)
                rows = []
        repo.put_families(rows)
    print(
        f"  stored {persons:,} persons, {enrolments:,} enrolments, {families:,} KK in "
        f"{time.perf_counter() - start:.1f} s"
    )


def measure(target: str, label: str, args: argparse.Namespace) -> None:
    registry = sibaso.open(target)
    try:
        populate(registry, args.persons, args.families, args.enrolments)
        start = time.perf_counter()
        result = registry.audit()
        took = time.perf_counter() - start
    finally:
        registry.close()
    print(
        f"{label}: audit of {args.enrolments:,} enrolments vs {args.families:,} DTSEN "
        f"families and {args.persons:,} persons: {took:.1f} s (target <= 30 s); "
        f"{len(result.findings):,} findings"
    )
    for programme, counts in result.summary.items():
        print(f"  {programme}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--families", type=int, default=350_000)
    parser.add_argument("--enrolments", type=int, default=300_000)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL DSN (a fresh schema)")
    parser.add_argument("--keep", help="keep the SQLite database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        target = args.keep or str(Path(tmp) / "audit.sqlite")
        measure(target, "SQLite", args)
    dsn = args.postgres or os.environ.get("SIBASO_BENCH_PG")
    if dsn:
        import psycopg

        schema = f"bench_audit_{os.getpid()}"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        try:
            sep = "&" if "?" in dsn else "?"
            measure(f"{dsn}{sep}options=-csearch_path%3D{schema}", "PostgreSQL", args)
        finally:
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
