"""Padan speed and accuracy: 300,000 enrolments against 1,000,000 people, 5% corrupted NIKs.

Usage: python benchmarks/bench_match.py [--persons N] [--enrolments N] [--corrupt F] [--seed S]
       [--bare F]

People are generated directly (faster than ``Population.generate``) but realistically: the
23 Langkat kecamatan codes (``wilayah.kecamatan_of("12.05")``), real birth dates 1930-2025
with +40 on the day for women, serials from 0001 per region and date, families on one KK
sharing a Batak marga 40% of the time, names from ``sibaso.testing.name_pools``. Enrolments are
drawn from the people; 10% carry a written variant of the name (titles, initials, case); a
share ``--corrupt`` of them get a wrong NIK, split evenly among one digit substituted, two
adjacent digits swapped, the 16th digit zeroed by Excel, and an empty NIK with the KK, name
and birth date. 1% more are outsiders: valid NIKs of people not in the population, where any
probable link is wrong. Of the rows with the right NIK, 2% carry a one-letter typo in a short
name word (``NRU`` for ``NUR``); they should be ``matched``. And 0.5% are traps: the list gives
the NIK of another real person (one serial digit off, same birth date, another KK) whose name
is one letter different; linking such a row to that person is a wrong link. ``--bare F``
lists a share F of the rows with a digit-damaged NIK with the NIK and name only (no KK, no
birth date), as a NIK-only participant list gives them (0 by default).

Prints index build time, match time, the total, counts per status, recovery per corruption
kind, name typos matched, traps, wrong links (matched or probable, any person but the right
one), right links, precision (right links / links made) and recall (right links / rows whose
person is in the population), corrupted NIKs that hit another person whose name agrees, and
the peak memory (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import datetime
import random
import resource
import sys
import time
from collections import Counter

from sibaso.core import nik, wilayah
from sibaso.matching import MATCHED, PROBABLE, EnrolmentRow, PopulationIndex, match, summarize
from sibaso.testing import name_pools as names

KINDS = ("substitution", "swap", "excel", "empty-kk")


def make_population(count: int, rnd: random.Random) -> list[tuple[str, str, str, datetime.date]]:
    districts = [r.code.replace(".", "") for r in wilayah.kecamatan_of("12.05")]
    first_day = datetime.date(1930, 1, 1).toordinal()
    days = [
        datetime.date.fromordinal(o)
        for o in range(first_day, datetime.date(2025, 12, 31).toordinal() + 1)
    ]
    ddmmyy = [d.strftime("%d%m%y") for d in days]
    ddmmyy_women = [f"{d.day + 40:02d}{s[2:]}" for d, s in zip(days, ddmmyy, strict=True)]
    serials: dict[str, int] = {}
    kk_serials: dict[str, int] = {}
    sizes = (1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7)
    male, female, second, marga = names.MALE, names.FEMALE, names.SECOND, names.FAMILY
    randrange, choice, random_ = rnd.randrange, rnd.choice, rnd.random
    people: list[tuple[str, str, str, datetime.date]] = []
    append = people.append
    while len(people) < count:
        home = choice(districts)
        issued = ddmmyy[randrange(len(days) - 7000, len(days))]
        kk_head = home + issued
        kk_serials[kk_head] = kk_serials.get(kk_head, 0) + 1
        kk = f"{kk_head}{kk_serials[kk_head]:04d}"
        family_name = choice(marga) if random_() < 0.4 else None
        for _ in range(choice(sizes)):
            born = randrange(len(days))
            woman = random_() < 0.5
            district = home if random_() < 0.85 else choice(districts)
            head = district + (ddmmyy_women[born] if woman else ddmmyy[born])
            serial = serials.get(head, 0) + 1
            serials[head] = serial
            last = (family_name if not woman else None) or choice(second)
            name = f"{choice(female if woman else male)} {last}".upper()
            append((f"{head}{serial:04d}", name, kk, days[born]))
    return people[:count]


def variant(name: str, rnd: random.Random) -> str:
    first, _, rest = name.partition(" ")
    return rnd.choice(
        (
            f"HJ. {name}",
            f"{name}, S.Pd.",
            name.title(),
            f"{first[0]}. {rest}",
            f"Bpk. {name}".lower(),
            f"  {first}  {rest} ",
        )
    )


def corrupt(value: str, kind: str, rnd: random.Random) -> str | None:
    if kind == "substitution":
        p = rnd.randrange(16)
        return value[:p] + rnd.choice([d for d in "0123456789" if d != value[p]]) + value[p + 1 :]
    if kind == "swap":
        spots = [p for p in range(15) if value[p] != value[p + 1]]
        p = rnd.choice(spots)
        return value[:p] + value[p + 1] + value[p] + value[p + 2 :]
    if kind == "excel":
        return value[:15] + "0"
    return rnd.choice((None, "", "-", "0"))


def typo(name: str, rnd: random.Random) -> str | None:
    """One letter changed or two swapped in a short word (at most 5 letters) of ``name``."""
    words = name.split()
    short = [k for k, w in enumerate(words) if 3 <= len(w) <= 5]
    if not short:
        return None
    k = rnd.choice(short)
    word = words[k]
    p = rnd.randrange(len(word) - 1)
    if rnd.random() < 0.5 and word[p] != word[p + 1]:
        word = word[:p] + word[p + 1] + word[p] + word[p + 2 :]
    else:
        word = word[:p] + rnd.choice([c for c in "BDKMNRST" if c != word[p]]) + word[p + 1 :]
    words[k] = word
    return " ".join(words)


def make_enrolments(
    people: list[tuple[str, str, str, datetime.date]],
    count: int,
    share: float,
    rnd: random.Random,
    bare: float = 0.0,
) -> tuple[list[EnrolmentRow], list[str | None], list[str | None]]:
    """Rows, the true NIK of each row (None for outsiders) and the corruption kind.

    Trap people (another real person holding the NIK the list gives) are added to ``people``.
    """
    rows: list[EnrolmentRow] = []
    truth: list[str | None] = []
    kinds: list[str | None] = []
    known = {p[0] for p in people}
    for k, i in enumerate(rnd.sample(range(len(people)), count)):
        value, name, kk, born = people[i]
        given: str | None = value
        kind = None
        if rnd.random() < share:
            kind = KINDS[k % len(KINDS)]
            if kind == "excel" and value.endswith("0"):
                kind = "substitution"
            given = corrupt(value, kind, rnd)
            if bare and kind != "empty-kk" and rnd.random() < bare:
                rows.append(EnrolmentRow(k, given, None, name, None))
                truth.append(value)
                kinds.append(kind)
                continue
        elif rnd.random() < 0.005 and (other := typo(name, rnd)) is not None:
            trap = value[:15] + rnd.choice([d for d in "123456789" if d != value[15]])
            if trap not in known:
                known.add(trap)
                people.append((trap, other, f"{kk[:12]}9{kk[13:]}", born))
                given, kind = trap, "trap"
        elif rnd.random() < 0.02 and (wrong := typo(name, rnd)) is not None:
            name, kind = wrong, "name-typo"
        if kind != "name-typo" and rnd.random() < 0.10:
            name = variant(name, rnd)
        rows.append(EnrolmentRow(k, given, kk, name, born))
        truth.append(value)
        kinds.append(kind)
    districts = [r.code.replace(".", "") for r in wilayah.kecamatan_of("12.05")]
    while len(rows) < count * 1.01:
        value = f"{rnd.choice(districts)}{rnd.randint(1, 28):02d}{rnd.randint(1, 12):02d}"
        value += f"{rnd.randint(0, 99):02d}{rnd.randint(1, 60):04d}"
        if value in known or not nik.is_valid(value):
            continue
        name = f"{rnd.choice(names.MALE)} {rnd.choice(names.SECOND)}".upper()
        rows.append(EnrolmentRow(len(rows), value, None, name, None))
        truth.append(None)
        kinds.append("outsider")
    return rows, truth, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--enrolments", type=int, default=300_000)
    parser.add_argument("--corrupt", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument(
        "--bare",
        type=float,
        default=0.0,
        help="share of the rows with a digit-damaged NIK listed with NIK and name only",
    )
    args = parser.parse_args()
    rnd = random.Random(args.seed)

    start = time.perf_counter()
    people = make_population(args.persons, rnd)
    rows, truth, kinds = make_enrolments(people, args.enrolments, args.corrupt, rnd, args.bare)
    print(
        f"generated {len(people):,} people and {len(rows):,} enrolments "
        f"in {time.perf_counter() - start:.1f} s (Python {sys.version.split()[0]})"
    )

    start = time.perf_counter()
    index = PopulationIndex.build(people)
    built = time.perf_counter() - start
    start = time.perf_counter()
    links = list(match(rows, index))
    matched = time.perf_counter() - start
    print(f"{'index build':<28} {built:8.2f} s")
    print(f"{'match':<28} {matched:8.2f} s  ({len(rows) / matched:,.0f} rows/s)")
    print(f"{'total':<28} {built + matched:8.2f} s")

    print("\nstatus counts")
    for status, n in summarize(links).items():
        print(f"  {status:<26} {n:>9,}")

    recovered: Counter[str] = Counter()
    corrupted: Counter[str] = Counter()
    wrong_probable = 0
    wrong_links = 0
    right_links = 0
    hit_other = 0
    extra: Counter[tuple[str, str]] = Counter()
    for link, true, kind in zip(links, truth, kinds, strict=True):
        if link.status == PROBABLE and link.nik_matched != true:
            wrong_probable += 1
        if link.status in (PROBABLE, MATCHED):
            if link.nik_matched == true:
                right_links += 1
            else:
                wrong_links += 1
        if kind in ("name-typo", "trap"):
            extra[kind, "all"] += 1
            right = link.status in (PROBABLE, MATCHED) and link.nik_matched == true
            extra[kind, "right person" if right else link.status] += 1
        if kind in (None, "outsider", "name-typo", "trap"):
            continue
        corrupted[kind] += 1
        if link.status == PROBABLE and link.nik_matched == true:
            recovered[kind] += 1
        elif link.status == "matched" and link.nik_matched != true:
            hit_other += 1
    total_corrupted = sum(corrupted.values())
    print("\nrecovery of corrupted NIKs as probable, right person")
    for kind in KINDS:
        share = recovered[kind] / corrupted[kind] if corrupted[kind] else 0.0
        print(f"  {kind:<26} {recovered[kind]:>7,} / {corrupted[kind]:>7,}  {share:7.2%}")
    share = sum(recovered.values()) / total_corrupted if total_corrupted else 0.0
    print(f"  {'all':<26} {sum(recovered.values()):>7,} / {total_corrupted:>7,}  {share:7.2%}")
    print(f"{'wrong probable links':<28} {wrong_probable:>9,}")
    print(f"{'corrupted, matched another':<28} {hit_other:>9,}  (typo hit a person, name agrees)")
    for kind in ("name-typo", "trap"):
        found = ", ".join(f"{k[1]} {n:,}" for k, n in sorted(extra.items()) if k[0] == kind)
        print(f"{kind + ' rows':<28} {found}")
    print(f"{'wrong links (matched/prob.)':<28} {wrong_links:>9,}")
    linked = right_links + wrong_links
    findable = sum(true is not None for true in truth)
    print(f"{'right links (matched/prob.)':<28} {right_links:>9,}")
    print(f"{'precision (right / linked)':<28} {right_links / linked if linked else 1.0:>9.4%}")
    print(f"{'recall (right / in popul.)':<28} {right_links / findable if findable else 1.0:>9.4%}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory (whole run)':<28} {peak:8.0f} MiB")


if __name__ == "__main__":
    main()
