"""Reading to validated records: rows per second and peak memory, per engine.

    python benchmarks/bench_read.py [--rows 200000] [--dir DIR] [--regenerate] [--repeat 3]

Generates (once, seeded, cached in DIR) a 12-column programme list of ROWS rows in the KIS /
PBI-JK layout (valid NIK and KK from the synthetic population, a few damaged ones) as an
``.xlsx`` (openpyxl write-only) and as a SIKS-NG-style pipe-delimited ``.csv``; then runs
``sibaso.read`` on each — python-calamine, openpyxl, CSV — and ``sibaso.iter_read``
(streaming, records dropped as read), each in a fresh process so that the peak memory
(ru_maxrss) is that reader's alone. Each figure is the median of REPEAT runs (the range in
brackets): a shared virtual machine varies by 10-20 % from run to run. The last lines are
the same reads with ``SIBASO_SPEEDUPS=0``, as on a machine where sibaso was installed
without a C compiler. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sibaso.testing.exports import PBIJK_HEADER

HEADER = [*PBIJK_HEADER, "TGL_LAHIR"]  # the PBI-JK layout, plus a birth date column


def generate(folder: Path, rows: int, seed: int, regenerate: bool) -> tuple[Path, Path]:
    xlsx, text = folder / f"pbi_{rows}.xlsx", folder / f"pbi_{rows}.csv"
    if xlsx.exists() and text.exists() and not regenerate:
        return xlsx, text
    from openpyxl import Workbook

    from sibaso.testing.synthetic import Population

    pop = Population.generate(persons=rows, seed=seed)
    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("PBI")
    ws.append(HEADER)
    with text.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter="|")
        out.writerow(HEADER)
        for n, p in enumerate(pop.persons[:rows], start=1):
            nik = p.nik.value if rnd.random() > 0.01 else p.nik.value[:15] + "0"
            row = [
                n,
                p.name,
                f"000{rnd.randint(10**9, 10**10 - 1)}",
                nik,
                p.kk.value,
                f"A{n:08d}",
                "SUMATERA UTARA",
                "LANGKAT",
                (p.address.kecamatan_name or "").upper(),
                p.address.desa_code,
                "-",
                p.birth_date.strftime("%d-%m-%Y"),
            ]
            ws.append(row)
            out.writerow(row)
    wb.save(xlsx)
    return xlsx, text


def measure(mode: str, engine: str, path: str, env: dict[str, str]) -> dict[str, float]:
    code = f"""
import json, resource, time, sibaso
from sibaso.adapters.report import ReadReport
start = time.perf_counter()
if {mode!r} == "read":
    result = sibaso.read({path!r}, engine={engine!r})
    rows, usable = result.report.rows, result.report.usable
else:
    report = ReadReport(file={path!r})
    usable = sum(1 for _ in sibaso.iter_read({path!r}, engine={engine!r}, report=report))
    rows = report.rows
elapsed = time.perf_counter() - start
print(json.dumps({{"rows": rows, "usable": usable, "seconds": elapsed,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "sibaso-bench-read"))
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median shown)")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    xlsx, text = generate(folder, args.rows, args.seed, args.regenerate)
    print(f"files ready in {time.perf_counter() - start:.1f} s: {xlsx.name}, {text.name}")
    compiled = dict(os.environ)
    python_only = {**os.environ, "SIBASO_SPEEDUPS": "0"}
    for label, mode, engine, path, env in (
        ("xlsx, python-calamine", "read", "calamine", xlsx, compiled),
        ("xlsx, openpyxl", "read", "openpyxl", xlsx, compiled),
        ("csv", "read", "auto", text, compiled),
        ("csv, streaming iter_read", "iter", "auto", text, compiled),
        ("xlsx, calamine, streaming iter_read", "iter", "calamine", xlsx, compiled),
        ("xlsx, python-calamine, no C", "read", "calamine", xlsx, python_only),
        ("csv, no C", "read", "auto", text, python_only),
    ):
        runs = [measure(mode, engine, str(path), env) for _ in range(args.repeat)]
        speeds = sorted(r["rows"] / r["seconds"] for r in runs)
        r = runs[0]
        print(
            f"{label:<38} {statistics.median(speeds):>10,.0f} rows/s "
            f"[{speeds[0]:,.0f}-{speeds[-1]:,.0f}]  ({r['rows']:,} rows, {r['usable']:,} "
            f"usable, peak {max(x['peak_mb'] for x in runs):,.0f} MB)"
        )


if __name__ == "__main__":
    main()
