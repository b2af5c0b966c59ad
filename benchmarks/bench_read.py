"""Validated reading as a ratio to the bare reader, measured in the same run.

    python benchmarks/bench_read.py [--rows 200000 [1000000 ...]] [--dir DIR] [--repeat 3]
    python benchmarks/bench_read.py --population 300000 [--repeat 3]

Generates (once, seeded, cached in DIR) a 12-column programme list of ROWS rows in the
KIS / PBI-JK layout (valid NIK and KK from the synthetic population, 1 % of NIKs damaged) as a
SIKS-NG-style pipe-delimited ``.csv`` and as an ``.xlsx``. Then, each in a fresh process (so
that the peak memory is that reader's alone):

* the bare reader: the ``csv`` module reading every row of the CSV, and python-calamine
  (``CalamineWorkbook.from_path(…).get_sheet_by_index(0).iter_rows()``) reading every row
  of the sheet;
* the validated read, ``sibaso.read(path, programme="KIS")``: every record built;
* the same without polars (the ``fast`` extra's bulk path), as on a machine without it.

Each figure is rows per second, the best of REPEAT runs (a shared machine slows a run, never
speeds it up; the median in brackets), and, for the reads, its ratio to the bare reader's best
on the same file, the runs of both taken in turn (bare, read, bare, read, …) so that both meet
the same load. The issue's targets: CSV ≥ 40 %, xlsx via calamine ≥ 75 %. The machine's load
average is printed before and after. Prints figures; it is not a test.

``--population N`` measures the population ingest instead: a Dukcapil extract of N persons
(``benchmarks/bench_registry.py``'s file) ingested into a new SQLite registry, every row
validated and stored, in rows per second (target ≥ 150,000 at 300,000 rows), beside the
bare ``csv`` reader and ``sibaso.read`` of the same file.
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


def shown(runs: list[dict[str, float]]) -> tuple[float, str, float]:
    """The best rows/s of ``runs``, as printed (median in brackets), and the peak memory."""
    speeds = sorted(r["rows"] / r["seconds"] for r in runs)
    text = f"{speeds[-1]:>10,.0f} rows/s"
    if len(speeds) > 1:
        text += f" [median {statistics.median(speeds):,.0f}]"
    return speeds[-1], text, max(r["peak_mb"] for r in runs)


_INGEST = """
import os, tempfile
folder = tempfile.mkdtemp(prefix="sibaso-bench-ingest-")
registry = sibaso.open(os.path.join(folder, "registry.sqlite"))
report = registry.ingest(PATH)
rows = report.stored
assert report.read.rows == rows, (report.read.rows, rows)
registry.close()
"""


def population(args: argparse.Namespace, folder: Path) -> None:
    """Population ingest into SQLite, in rows/s, beside the bare reader and sibaso.read."""
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_registry import write_files

    rows = args.population
    path = folder / f"population_{rows}" / "dukcapil.csv"
    if not path.exists() or args.regenerate:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_files(path.parent, rows, 0, args.seed)
    _BARE["ingest"] = _INGEST
    _BARE["csv-comma"] = _BARE["csv"].replace('delimiter="|"', 'delimiter=","')
    _IMPORTS["ingest"] = "import sibaso\n"  # polars loads in the reading child, as in the CLI
    _IMPORTS["csv-comma"] = _IMPORTS["csv"]
    _BARE["read-population"] = _BARE["read"].replace(', programme="KIS"', "")
    _IMPORTS["read-population"] = _IMPORTS["read"]
    runs: dict[str, list[dict[str, float]]] = {
        "csv-comma": [],
        "read-population": [],
        "ingest": [],
    }
    for _ in range(args.repeat):
        for what, found in runs.items():
            found.append(measure(what, path))
    print(f"\npopulation ingest, {rows:,} persons (Dukcapil CSV, {path})")
    for what, label in (
        ("csv-comma", "bare csv module"),
        ("read-population", "sibaso.read (bulk path)"),
        ("ingest", "registry.ingest into SQLite"),
    ):
        best, text, peak = shown(runs[what])
        verdict = ""
        if what == "ingest":
            verdict = f"target 150,000 rows/s: {'met' if best >= 150_000 else 'NOT met'}"
        print(f"  {label:<34}{text}  (peak {peak:,.0f} MB)  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000])
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "sibaso-bench-read"))
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best shown)")
    parser.add_argument("--no-general", action="store_true", help="skip the runs without polars")
    parser.add_argument("--population", type=int, help="measure the population ingest instead")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.population:
        population(args, folder)
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    for rows in args.rows:
        start = time.perf_counter()
        xlsx, text = generate(folder, rows, args.seed, args.regenerate)
        print(f"\n{rows:,} rows; files ready in {time.perf_counter() - start:.1f} s")
        for fmt, path, bare_name in (
            ("csv", text, "bare csv module"),
            ("xlsx", xlsx, "bare python-calamine"),
        ):
            kinds = [("bare", fmt, True), ("fast", "read", True)]
            if not args.no_general:
                kinds.append(("general", "read", False))
            runs: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in kinds}
            for _ in range(args.repeat):  # in turn, so that each meets the same load
                for name, what, polars in kinds:
                    runs[name].append(measure(what, path, polars=polars))
            bare, text_bare, peak = shown(runs["bare"])
            print(f"  {fmt:<5} {bare_name:<34}{text_bare}  (peak {peak:,.0f} MB)")
            for name, label in (
                ("fast", "sibaso.read, bulk path (polars)"),
                ("general", "sibaso.read, general path only"),
            ):
                if name not in runs:
                    continue
                speed, text_read, peak = shown(runs[name])
                ratio = speed / bare
                verdict = ""
                if name == "fast":
                    target = TARGETS[fmt]
                    verdict = f"target {target:.0%}: {'met' if ratio >= target else 'NOT met'}"
                print(
                    f"  {fmt:<5} {label:<34}{text_read}  {ratio:6.1%} of bare  "
                    f"(peak {peak:,.0f} MB)  {verdict}"
                )
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
