"""NIK checks per second: sibaso vs python-stdnum on 1,000,000 mixed strings.

Usage: python benchmarks/bench_nik.py [--count N] [--seed S]

The input mixes what real lists hold: 70% clean valid NIKs from every province, 10% valid ones
as operators paste them (spaces, dots, apostrophes), 20% invalid (bad date, unknown region,
serial 0000, wrong length, letters). Prints the best of three runs' throughput of
``is_valid`` (strict: district-level region check), python-stdnum's ``is_valid`` when installed
and the ratio, the bulk ``is_valid_many`` and ``check_many`` (error codes), full ``parse`` on
the valid values, and the first-use
region-table load time.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time

from sibaso.core import nik, wilayah


def make_values(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    codes = sorted(wilayah.district_codes())
    out = []
    for _ in range(count):
        code = rnd.choice(codes)
        day = rnd.randint(1, 28) + rnd.choice((0, 40))
        month, year, serial = rnd.randint(1, 12), rnd.randint(0, 99), rnd.randint(1, 9999)
        value = f"{code}{day:02d}{month:02d}{year:02d}{serial:04d}"
        roll = rnd.random()
        if roll < 0.70:
            out.append(value)
        elif roll < 0.80:
            out.append(
                rnd.choice(
                    (f" {value} ", f"'{value}", nik.format(value), f"{value[:8]} {value[8:]}")
                )
            )
        elif roll < 0.84:
            out.append(value[:6] + "32" + value[8:])
        elif roll < 0.88:
            out.append("99" + value[2:])
        elif roll < 0.92:
            out.append(value[:12] + "0000")
        elif roll < 0.96:
            out.append(value[: rnd.randint(10, 15)])
        else:
            out.append(value[:5] + "O" + value[6:])
    return out


def rate(label: str, func, values: list[str], repeat: int = 3) -> float:
    elapsed = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(values)
        elapsed = min(elapsed, time.perf_counter() - start)
    per_second = len(values) / elapsed
    print(f"{label:<42} {per_second:>14,.0f} /s  ({elapsed:.2f} s)")
    return per_second


def region_load_ms() -> tuple[float, float]:
    """(import of the region module, first load of the table) in a fresh process, in ms."""
    code = (
        "import time; t=time.perf_counter(); from sibaso.core import wilayah; "
        "a=time.perf_counter(); wilayah.district_codes(); b=time.perf_counter(); "
        "print((a-t)*1000, (b-a)*1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = out.stdout.split()
    return float(first), float(second)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    values = make_values(args.count, args.seed)
    print(f"{len(values):,} mixed values, Python {sys.version.split()[0]}, one process")
    nik.is_valid(values[0])
    ours = rate("sibaso.nik.is_valid (strict)", lambda vs: [nik.is_valid(v) for v in vs], values)
    rate("sibaso.nik.is_valid_many (strict, bulk)", nik.is_valid_many, values)
    rate("sibaso.nik.check_many (strict, error codes)", nik.check_many, values)
    valid = [v for v in values if nik.is_valid(v)]
    rate(f"sibaso.nik.parse ({len(valid):,} valid)", lambda vs: [nik.parse(v) for v in vs], valid)
    try:
        from stdnum.id import nik as stdnum_nik
    except ImportError:
        print("python-stdnum not installed: pip install python-stdnum for the comparison")
    else:
        theirs = rate(
            "stdnum.id.nik.is_valid",
            lambda vs: [stdnum_nik.is_valid(v) for v in vs],
            values,
            repeat=1,
        )
        print(f"{'ratio is_valid sibaso / stdnum':<42} {ours / theirs:>14.1f} x")
    imported, loaded = region_load_ms()
    print(
        f"{'region table first load':<42} {loaded:>14.1f} ms (fresh process; "
        f"importing the module took {imported:.1f} ms more)"
    )


if __name__ == "__main__":
    main()
