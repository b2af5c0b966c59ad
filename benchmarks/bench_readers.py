"""Benchmark of the format layer: raw rows per second and peak memory per engine.

    python benchmarks/bench_readers.py [--rows 200000] [--dir DIR] [--regenerate]

Generates (once, seeded, cached in ``DIR``) a ROWS x 12 workbook with openpyxl's write-only
mode and the same rows as a pipe-delimited CSV, then reads each with
:func:`sibaso.readers.open_workbook` (calamine, openpyxl, csv) and, for comparison, with the
bare engine. Each measurement runs in its own process so that peak memory (``ru_maxrss``,
which also sees calamine's Rust allocations) belongs to that engine alone. Prints figures;
it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = [
    "NIK", "NO_KK", "NAMA", "ALAMAT", "RT", "RW", "DESA", "KECAMATAN", "TGL_LAHIR", "JK",
    "NOMINAL", "KET",
]  # fmt: skip
NAMES = ["SITI AMINAH", "BUDI SANTOSO", "AHMAD, S.Pd", "NURHAYATI", "RUDI HARTONO", "DEWI"]
DESA = ["SUKAMAJU", "CIBINONG", "PAKANSARI", "NANGGEWER", "KARADENAN"]


def _row(rng: random.Random, n: int) -> list[object]:
    return [
        3201010101900000 + n,
        3201010101010000 + n // 4,
        rng.choice(NAMES),
        f"JL. MERDEKA NO {rng.randint(1, 300)}, RT {n % 20:02d}",
        n % 20,
        n % 10,
        rng.choice(DESA),
        "CIBINONG",
        dt.date(1950 + rng.randint(0, 55), rng.randint(1, 12), rng.randint(1, 28)),
        rng.choice("LP"),
        300000 if n % 3 else 150000.5,
        None if n % 5 else "BARU",
    ]


def generate(folder: Path, rows: int, seed: int, regenerate: bool) -> tuple[Path, Path]:
    """The cached workbook and CSV for ``rows`` and ``seed``, made when missing."""
    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    xlsx = folder / f"bench-{rows}-{seed}.xlsx"
    csv = folder / f"bench-{rows}-{seed}.csv"
    if regenerate or not xlsx.exists() or not csv.exists():
        print(f"generating {rows:,} rows x {len(COLUMNS)} columns in {folder} ...", flush=True)
        start = time.perf_counter()
        rng = random.Random(seed)
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("Data")
        sheet.append(COLUMNS)
        with open(csv, "w", encoding="utf-8", newline="") as handle:
            handle.write("|".join(COLUMNS) + "\n")
            for n in range(rows):
                values = _row(rng, n)
                sheet.append(values)
                handle.write("|".join("" if v is None else str(v) for v in values) + "\n")
        book.save(xlsx)
        print(f"  generated in {time.perf_counter() - start:.1f}s", flush=True)
    return xlsx, csv


def measure(kind: str, path: str) -> dict[str, float]:
    """Read every row once; runs inside a child process (imports are not timed)."""
    import csv

    import openpyxl

    from sibaso.readers import open_workbook

    try:
        import python_calamine
    except ImportError:  # pragma: no cover - the calamine rows then fail
        python_calamine = None
    count = 0
    start = time.perf_counter()
    if kind.startswith("sibaso-"):
        engine = kind.removeprefix("sibaso-")
        options = {"engine": engine} if engine in ("calamine", "openpyxl") else {}
        with open_workbook(path, **options) as book:
            for sheet in book.sheets():
                for _ in sheet.rows():
                    count += 1
    elif kind == "bare-calamine":
        book = python_calamine.CalamineWorkbook.from_path(path)
        for _ in book.get_sheet_by_index(0).iter_rows():
            count += 1
    elif kind == "bare-openpyxl":
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for _ in book.worksheets[0].iter_rows(values_only=True):
            count += 1
    elif kind == "bare-csv":
        with open(path, encoding="utf-8", newline="") as handle:
            for _ in csv.reader(handle, delimiter="|"):
                count += 1
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"rows": count, "seconds": seconds, "peak_mb": peak_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20240205)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sibaso-bench")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", nargs="*", help="measure only these kinds")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    xlsx, csv = generate(args.dir, args.rows, args.seed, args.regenerate)
    print(f"xlsx {xlsx.stat().st_size / 1e6:.1f} MB, csv {csv.stat().st_size / 1e6:.1f} MB")
    kinds = [
        ("sibaso-calamine", xlsx),
        ("sibaso-openpyxl", xlsx),
        ("sibaso-csv", csv),
        ("bare-calamine", xlsx),
        ("bare-openpyxl", xlsx),
        ("bare-csv", csv),
    ]
    print(f"{'reader':<18}{'rows':>10}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}")
    for kind, path in kinds:
        if args.only and kind not in args.only:
            continue
        done = subprocess.run(
            [sys.executable, __file__, "--measure", kind, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            print(f"{kind:<18} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        rate = result["rows"] / result["seconds"]
        print(
            f"{kind:<18}{result['rows']:>10,.0f}{result['seconds']:>10.2f}{rate:>12,.0f}"
            f"{result['peak_mb']:>10.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
