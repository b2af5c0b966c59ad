"""Registry benchmark: ingest, lookup and match on a synthetic Langkat-shaped population.

Usage: python benchmarks/bench_registry.py [--persons 1000000] [--enrolments 1500000]
       [--postgres DSN] [--lookups 50000] [--keep DIR]

Generates (seeded) the population with ``sibaso.testing.Population`` and writes it as a
Dukcapil CSV extract, a BDT household roster and SIKS-NG-style pipe-delimited programme lists
(KIS individual, PKH / Program Sembako / KKS family) until the enrolment count is reached.
Prints: ingest rows/s into SQLite (validation included) and, with ``--postgres``, into
PostgreSQL via COPY; public lookups/s with p50/p99 latency (family and household paths
included); match time; peak memory; SQLite size per million persons. Every measure on
both stores side by side, with their ratios: ``bench_stores.py``.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sibaso
from sibaso.testing.exports import SIKSNG_HEADER
from sibaso.testing.synthetic import Population

SIKS = list(SIKSNG_HEADER)  # the SIKS-NG layout the demo and golden files use


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_files(folder: Path, persons: int, enrolments: int, seed: int) -> dict[str, Path]:
    start = time.perf_counter()
    pop = Population.generate(persons=persons, seed=seed)
    print(
        f"population: {len(pop.persons):,} persons, {len(pop.families):,} families, "
        f"{len(pop.households):,} households generated in {time.perf_counter() - start:.1f} s"
    )
    rnd = random.Random(seed)
    files: dict[str, Path] = {}
    files["dukcapil"] = folder / "dukcapil.csv"
    with files["dukcapil"].open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "NIK",
                "NO_KK",
                "NAMA_LGKP",
                "JENIS_KLMIN",
                "TMPT_LHR",
                "TGL_LHR",
                "STAT_HBKEL",
                "NO_PROP",
                "NO_KAB",
                "NO_KEC",
                "NO_KEL",
                "STAT_HIDUP",
            ]
        )
        codes = {r: str(i) for i, r in enumerate(sibaso.Relationship, start=1)}
        for p in pop.persons:
            desa = p.address.desa_code.split(".")
            w.writerow(
                [
                    p.nik.value,
                    p.kk.value,
                    p.name,
                    "1" if p.sex.value == "L" else "2",
                    p.birth_place,
                    p.birth_date.strftime("%d-%m-%Y"),
                    codes[p.relationship],
                    desa[0],
                    desa[1],
                    desa[2],
                    desa[3],
                    "1" if p.alive else "2",
                ]
            )
    files["bdt"] = folder / "bdt.csv"  # a roster of a third of the households
    by_nik = {p.nik: p for p in pop.persons}
    with files["bdt"].open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["IDBDT", "IDARTBDT", "Nama", "Hub_KRT", "NIK", "NoKK"])
        for h in pop.households[: len(pop.households) // 3]:
            for i, nik in enumerate(h.members, start=1):
                p = by_nik[nik]
                w.writerow(
                    [h.id, f"{h.id}{i:02d}", p.name, "1" if i == 1 else "8", nik.value, p.kk.value]
                )
    heads = [f for f in pop.families]
    written = 0
    period = 2021
    while written < enrolments:
        for code, pool, share in (
            ("KIS", pop.persons, 0.6),
            ("PKH", heads, 0.25),
            ("SEMBAKO", heads, 0.3),
            ("KKS", heads, 0.2),
            ("RS-RTLH", heads, 0.03),
        ):
            path = folder / f"{code.lower()}_{period}.csv"
            with path.open("w", newline="", encoding="utf-8") as fh:
                w = csv.writer(fh, delimiter="|")
                w.writerow(SIKS)
                for item in pool:
                    if written >= enrolments or rnd.random() > share:
                        continue
                    p = item if code == "KIS" else by_nik[item.head or item.members[0]]
                    w.writerow(
                        [
                            p.name,
                            p.nik.value,
                            p.kk.value,
                            "BNI",
                            code,
                            "SUMATERA UTARA",
                            "LANGKAT",
                            p.address.kecamatan_name.upper(),
                            p.address.desa_code,
                            p.address.street,
                            "AKTIF",
                            f"B{period}",
                        ]
                    )
                    written += 1
            files[f"{code}-{period}"] = path
        period += 1
    print(f"files: {written:,} enrolments in {len(files) - 2} programme lists")
    return files


def ingest_all(target: str, files: dict[str, Path], label: str) -> sibaso.Registry:
    registry = sibaso.open(target)
    total = 0
    start = time.perf_counter()
    for name, path in files.items():
        period = name.rsplit("-", 1)[1] if "-" in name else None
        report = registry.ingest(path, period=period)
        total += report.read.rows
    elapsed = time.perf_counter() - start
    print(
        f"ingest {label:<11} {total:>12,} rows in {elapsed:7.1f} s = "
        f"{total / elapsed:>9,.0f} rows/s (validation included)"
    )
    return registry


def bench_lookups(registry: sibaso.Registry, niks: list[str], count: int) -> None:
    registry.lookup(niks[0])
    rnd = random.Random(1)
    sample = [rnd.choice(niks) for _ in range(count)]
    latencies = []
    reached = {"self": 0, "family": 0, "household": 0}
    start = time.perf_counter()
    for nik in sample:
        t = time.perf_counter()
        result = registry.lookup(nik)
        latencies.append(time.perf_counter() - t)
        for e in result.enrolments:
            reached[e["via"]] += 1
    elapsed = time.perf_counter() - start
    latencies.sort()
    p50 = statistics.median(latencies) * 1e6
    p99 = latencies[int(len(latencies) * 0.99)] * 1e6
    print(
        f"lookup public      {count / elapsed:>12,.0f} lookups/s   p50 {p50:6.0f} µs   "
        f"p99 {p99:6.0f} µs   paths {reached}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--enrolments", type=int, default=1_500_000)
    parser.add_argument("--lookups", type=int, default=50_000)
    parser.add_argument("--postgres", help="also ingest into this PostgreSQL DSN (COPY)")
    parser.add_argument("--keep", help="folder to keep the files and database in")
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="sibaso-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = write_files(folder, args.persons, args.enrolments, args.seed)
    db = folder / "registry.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    registry = ingest_all(str(db), files, "SQLite")
    niks = [row[0] for row in registry.store.query("SELECT nik FROM person")]
    start = time.perf_counter()
    try:
        report = registry.match()
        print(
            f"match              {sum(report.counts.values()):>12,} enrolments in "
            f"{time.perf_counter() - start:7.1f} s   {report.counts}"
        )
    except ImportError as exc:
        print(f"match skipped: {exc}")
    start = time.perf_counter()
    registry.lookup(niks[0])
    print(f"reach index build  {time.perf_counter() - start:7.1f} s")
    bench_lookups(registry, niks, args.lookups)
    registry.close()
    size = sum(os.path.getsize(f"{db}{s}") for s in ("", "-wal") if os.path.exists(f"{db}{s}"))
    print(
        f"SQLite size        {size / 1e6:>12,.0f} MB = "
        f"{size / 1e6 / (len(niks) / 1e6):,.0f} MB per million persons (with enrolments)"
    )
    if args.postgres:
        ingest_all(args.postgres, files, "PostgreSQL").close()
    print(f"peak memory        {peak_mb():>12,.0f} MB")
    if not args.keep:
        print(f"(files in {folder})", file=sys.stderr)


if __name__ == "__main__":
    main()
