"""Reading to validated records: rows per second and peak memory, per engine.

    python benchmarks/bench_read.py [--rows 200000] [--dir DIR] [--regenerate]

Generates (once, seeded, cached in DIR) a 12-column programme list of ROWS rows in the KIS /
PBI-JK layout (valid NIK and KK from the synthetic population, a few damaged ones) as an
``.xlsx`` (openpyxl write-only) and as a SIKS-NG-style pipe-delimited ``.csv``; then runs
``sibaso.read`` on each — python-calamine, openpyxl, CSV — and ``sibaso.iter_read``
(streaming, records dropped as read), each in a fresh process so that the peak memory
(ru_maxrss) is that reader's alone. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
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


def measure(mode: str, engine: str, path: str) -> dict[str, float]:
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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "sibaso-bench-read"))
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    xlsx, text = generate(folder, args.rows, args.seed, args.regenerate)
    print(f"files ready in {time.perf_counter() - start:.1f} s: {xlsx.name}, {text.name}")
    for label, mode, engine, path in (
        ("xlsx, python-calamine", "read", "calamine", xlsx),
        ("xlsx, openpyxl", "read", "openpyxl", xlsx),
        ("csv", "read", "auto", text),
        ("csv, streaming iter_read", "iter", "auto", text),
        ("xlsx, calamine, streaming iter_read", "iter", "calamine", xlsx),
    ):
        r = measure(mode, engine, str(path))
        print(
            f"{label:<38} {r['rows'] / r['seconds']:>10,.0f} rows/s  "
            f"({r['rows']:,} rows, {r['usable']:,} usable, {r['seconds']:.1f} s, "
            f"peak {r['peak_mb']:,.0f} MB)"
        )


if __name__ == "__main__":
    main()
