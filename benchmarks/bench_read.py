"""Validated reading as a ratio to the bare reader, measured in the same run.

    python benchmarks/bench_read.py [--rows 200000 [1000000 ...]] [--dir DIR] [--repeat 1]

Generates (once, seeded, cached in DIR) a 12-column programme list of ROWS rows in the
KIS / PBI-JK layout (valid NIK and KK from the synthetic population, 1 % of NIKs damaged) as a
SIKS-NG-style pipe-delimited ``.csv`` and as an ``.xlsx``. Then, each in a fresh process (so
that the peak memory is that reader's alone):

* the bare reader: the ``csv`` module reading every row of the CSV, and python-calamine
  (``CalamineWorkbook.from_path(…).get_sheet_by_index(0).iter_rows()``) reading every row
  of the sheet;
* the validated read, ``sibaso.read(path, programme="KIS")``: every record built;
* the same without polars (the ``fast`` extra's bulk path), as on a machine without it.

Each figure is rows per second (the median of REPEAT runs, range in brackets) and, for the
reads, its ratio to the bare reader of the same file in the same run, with the issue's target
(CSV ≥ 40 %, xlsx via calamine ≥ 75 %). The machine's load average is printed before and after:
a shared machine varies from run to run. Prints figures; it is not a test.
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
TARGETS = {"csv": 0.40, "xlsx": 0.75}


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


_BARE = {
    "csv": """
import csv
with open(PATH, newline="", encoding="utf-8") as handle:
    rows = sum(1 for _ in csv.reader(handle, delimiter="|")) - 1
""",
    "xlsx": """
import python_calamine
book = python_calamine.CalamineWorkbook.from_path(PATH)
rows = sum(1 for _ in book.get_sheet_by_index(0).iter_rows()) - 1
""",
    "read": """
result = sibaso.read(PATH, programme="KIS")
rows = result.report.rows
assert len(result.records) == result.report.usable
""",
}
_NO_POLARS = "import sys; sys.modules['polars'] = None  # as if the fast extra lacked it\n"


#: imports are not part of a read: done before the clock starts
_IMPORTS = {
    "csv": "import csv\n",
    "xlsx": "import python_calamine\n",
    "read": "import sibaso\nfrom sibaso.adapters.pipeline import bulk\nbulk.available()\n",
}


def measure(what: str, path: Path, *, polars: bool = True) -> dict[str, float]:
    code = (
        ("" if polars else _NO_POLARS)
        + _IMPORTS[what]
        + f"import json, resource, time\nPATH = {str(path)!r}\nstart = time.perf_counter()\n"
        + _BARE[what]
        + "elapsed = time.perf_counter() - start\n"
        + 'print(json.dumps({"rows": rows, "seconds": elapsed, '
        + '"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n'
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    return json.loads(out.stdout)


def rate(what: str, path: Path, repeat: int, *, polars: bool = True) -> tuple[float, str, float]:
    runs = [measure(what, path, polars=polars) for _ in range(repeat)]
    speeds = sorted(r["rows"] / r["seconds"] for r in runs)
    shown = f"{statistics.median(speeds):>10,.0f} rows/s"
    if repeat > 1:
        shown += f" [{speeds[0]:,.0f}-{speeds[-1]:,.0f}]"
    return statistics.median(speeds), shown, max(r["peak_mb"] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000])
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "sibaso-bench-read"))
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (median shown)")
    parser.add_argument("--no-general", action="store_true", help="skip the runs without polars")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for rows in args.rows:
        start = time.perf_counter()
        xlsx, text = generate(folder, rows, args.seed, args.regenerate)
        print(f"\n{rows:,} rows; files ready in {time.perf_counter() - start:.1f} s")
        for fmt, path, bare_name in (
            ("csv", text, "bare csv module"),
            ("xlsx", xlsx, "bare python-calamine"),
        ):
            bare, shown, peak = rate(fmt, path, args.repeat)
            print(f"  {fmt:<5} {bare_name:<34}{shown}  (peak {peak:,.0f} MB)")
            runs = [("sibaso.read, bulk path (polars)", True)]
            if not args.no_general:
                runs.append(("sibaso.read, general path only", False))
            for label, polars in runs:
                speed, shown, peak = rate("read", path, args.repeat, polars=polars)
                ratio = speed / bare
                verdict = ""
                if polars:
                    target = TARGETS[fmt]
                    verdict = f"target {target:.0%}: {'met' if ratio >= target else 'NOT met'}"
                print(
                    f"  {fmt:<5} {label:<34}{shown}  {ratio:6.1%} of bare  "
                    f"(peak {peak:,.0f} MB)  {verdict}"
                )
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
