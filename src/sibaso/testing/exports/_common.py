"""What every export writer shares: the fault codes, the truth of a written file and the
helpers that lay out people as rows."""

from __future__ import annotations

import csv
import datetime
import functools
import os
import random
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import attrs
from openpyxl import Workbook

from sibaso.core import nik as nik_rules
from sibaso.core import wilayah
from sibaso.core.model import Person, Relationship
from sibaso.testing.synthetic import Population

DEFAULT_SEED = 2024

FAULTS: Mapping[str, str] = MappingProxyType(
    {
        "nik-as-number": "NIK in a number cell holding all 16 digits (a database export); "
        "one ending in 0 cannot be told from an Excel-zeroed one",
        "nik-excel-zeroed": "NIK typed into Excel as a number: 15 digits kept, the 16th became 0",
        "nik-scientific": "NIK shown by Excel in scientific notation and saved as that text "
        "(1.20501E+15)",
        "nik-apostrophe": "NIK text with Excel's leading apostrophe kept in the value ('1205…)",
        "nik-spaced": "NIK written in groups with spaces or dots (1205 0141 0785 0001)",
        "nik-label": "NIK preceded by a label in the same cell (NIK. 1205…)",
        "nik-null": "NIK cell holding the text NULL (a database null exported as text)",
        "nik-temporary": "a temporary village NIK (0 and 15 digits) instead of the real one",
        "nik-typo-digit": "one digit of the NIK mistyped",
        "nik-swapped": "two adjacent, different digits of the NIK swapped",
        "missing-nik": "NIK cell empty",
        "name-typo": "a letter of the name dropped, doubled, swapped or changed",
        "duplicate-row": "the row repeats the row above it; the second copy carries the fault",
        "card-as-number": "card number stored as a number: its leading zeros lost",
        "nisn-as-number": "NISN stored as a number: its leading zero lost",
        "date-indonesian": "date with an Indonesian month name (07 JUNI 1995) in a dd-mm-yyyy "
        "column",
        "date-oracle": "date in Oracle's default text form (07-JUN-95): the century is lost",
        "date-serial": "date as an Excel serial number in a cell without a date format",
    }
)

_NIK_FAULTS = frozenset(c for c in FAULTS if "nik" in c)
_STAMP = datetime.datetime(2025, 1, 15, 10, 11, 12)
_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_R = Relationship


def _known_fault(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None and value not in FAULTS:
        raise ValueError(f"Unknown fault code {value!r}; known: {', '.join(FAULTS)}.")


@attrs.frozen(kw_only=True)
class TruthRow:
    """One data row as written: where it is, whose it is, and its fault (None when clean).

    ``written`` is the NIK cell's value as stored (text, an int, or None when empty);
    ``recoverable`` is True when :func:`sibaso.core.nik.parse` turns it into ``nik``.
    ``recipient`` is set by files listing recipients and others (Dapodik: Penerima KIP).
    """

    sheet: str | None
    row: int
    nik: str | None
    kk: str | None = None
    name: str | None = None
    fault: str | None = attrs.field(default=None, validator=_known_fault)
    written: str | int | None = None
    recoverable: bool = True
    recipient: bool | None = None


@attrs.frozen(kw_only=True)
class NonDataRow:
    """A row that is not data: ``kind`` is title, header, blank, totals or note."""

    sheet: str | None
    row: int
    kind: str
    text: str | None = None


@attrs.frozen(kw_only=True)
class ExportTruth:
    """What a correct reader must find in one written file.

    ``adapter`` names the built-in adapter meant to read it; ``header`` the column names (a
    two-row header joined with `` / ``); ``sheets`` every sheet in order, ``hidden_sheets``
    those hidden. ``rows`` the data rows, ``non_data_rows`` titles, headers, blanks, totals.
    """

    adapter: str
    programme: str | None
    header: tuple[str, ...]
    rows: tuple[TruthRow, ...]
    non_data_rows: tuple[NonDataRow, ...] = ()
    sheets: tuple[str, ...] = ()
    hidden_sheets: tuple[str, ...] = ()

    def faults(self) -> Counter[str]:
        """How many rows carry each fault code."""
        return Counter(r.fault for r in self.rows if r.fault)

    def with_fault(self, code: str) -> tuple[TruthRow, ...]:
        """The rows carrying fault ``code``."""
        return tuple(r for r in self.rows if r.fault == code)

    def clean_rows(self) -> tuple[TruthRow, ...]:
        """The rows without a fault."""
        return tuple(r for r in self.rows if r.fault is None)

    def readable_niks(self) -> set[str]:
        """The intended NIKs that a correct reader reads from the file."""
        return {r.nik for r in self.rows if r.nik and r.recoverable}

    def at(self, row: int, sheet: str | None = None) -> TruthRow | None:
        """The data row at ``row`` (of ``sheet``), or None."""
        return next((r for r in self.rows if r.row == row and r.sheet == sheet), None)


# --- shared helpers -----------------------------------------------------------------------


class _Table:
    """The rows of one sheet (or CSV / HTML table) and their truth, numbered as written."""

    def __init__(self, sheet: str | None) -> None:
        self.sheet = sheet
        self.rows: list[list[object]] = []
        self.truth: list[TruthRow] = []
        self.other: list[NonDataRow] = []

    @property
    def next_row(self) -> int:
        return 1 + len(self.rows)

    def add(self, kind: str, values: Sequence[object] = ()) -> None:
        text = next((str(v) for v in values if v not in (None, "")), None)
        self.other.append(NonDataRow(sheet=self.sheet, row=self.next_row, kind=kind, text=text))
        self.rows.append(list(values))

    def data(
        self,
        values: Sequence[object],
        person: Person,
        fault: str | None,
        written: str | int | None,
        recipient: bool | None = None,
    ) -> None:
        nik = person.nik.value
        self.truth.append(
            TruthRow(
                sheet=self.sheet,
                row=self.next_row,
                nik=nik,
                kk=person.kk.value if person.kk else None,
                name=person.name,
                fault=fault,
                written=written,
                recoverable=_recovers(written, nik),
                recipient=recipient,
            )
        )
        self.rows.append(list(values))


def _truth(
    adapter: str,
    programme: str | None,
    header: Sequence[str],
    tables: Sequence[_Table],
    hidden: Sequence[str] = (),
    extra_sheets: Sequence[str] = (),
    other: Sequence[NonDataRow] = (),
) -> ExportTruth:
    sheets = tuple(t.sheet for t in tables if t.sheet is not None) + tuple(extra_sheets)
    return ExportTruth(
        adapter=adapter,
        programme=programme,
        header=tuple(header),
        rows=tuple(r for t in tables for r in t.truth),
        non_data_rows=tuple(r for t in tables for r in t.other) + tuple(other),
        sheets=sheets,
        hidden_sheets=tuple(hidden),
    )


def _recovers(written: object, nik: str) -> bool:
    try:
        return nik_rules.parse(written, strict=False).value == nik
    except Exception:
        return False


def _rngs(kind: str, seed: int) -> tuple[random.Random, random.Random]:
    """One stream for the content, one for the faults (so faults=False changes nothing else)."""
    return random.Random(f"{kind}|{seed}"), random.Random(f"{kind}|faults|{seed}")


def _sample(rng: random.Random, items: Sequence[list[Person]], share: float) -> list[list[Person]]:
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share!r}.")
    if not items:
        return []
    count = max(1, round(share * len(items)))
    return [items[i] for i in sorted(rng.sample(range(len(items)), count))]


Plan = Sequence[tuple[str, float, Callable[[int], bool] | None]]


def _assign(rng: random.Random, n: int, plan: Plan, enabled: bool) -> dict[int, str]:
    """Pick rows for each fault: each code at least once if room, at most half the rows hit.

    Room is made for one row of each code while one row stays clean.
    """
    if not enabled or n == 0:
        return {}
    order = list(range(n))
    rng.shuffle(order)
    room = max(1, n // 2, min(len(plan), n - 1))
    out: dict[int, str] = {}
    wanted = {code: max(1, round(rate * n)) for code, rate, _ in plan}
    for rounds in (1, max(wanted.values(), default=0)):
        for code, _, ok in plan:
            have = sum(1 for c in out.values() if c == code)
            for i in order:
                if len(out) >= room or have >= min(rounds, wanted[code]):
                    break
                if i in out or (ok is not None and not ok(i)):
                    continue
                out[i] = code
                have += 1
    return out


def _nik_cell(nik: str, fault: str | None, rng: random.Random, *, text: bool) -> str | int | None:
    """The NIK as the faulty cell holds it; ``text`` for files that hold only text (CSV)."""
    if fault is None or fault not in _NIK_FAULTS:
        return nik
    if fault == "nik-as-number":
        return nik if text else int(nik)
    if fault == "nik-excel-zeroed":
        zeroed = nik[:15] + "0"
        return zeroed if text else int(zeroed)
    if fault == "nik-scientific":
        return f"{int(nik):.5E}"
    if fault == "nik-apostrophe":
        return "'" + nik
    if fault == "nik-spaced":
        if rng.random() < 0.5:
            return " ".join(nik[i : i + 4] for i in range(0, 16, 4))
        return nik_rules.format(nik)
    if fault == "nik-label":
        return rng.choice(("NIK. ", "NIK: ", "NIK ")) + nik
    if fault == "nik-null":
        return "NULL"
    if fault == "nik-temporary":
        return "0" + "".join(rng.choice("0123456789") for _ in range(15))
    if fault == "nik-typo-digit":
        i = rng.randrange(16)
        return nik[:i] + rng.choice([d for d in "0123456789" if d != nik[i]]) + nik[i + 1 :]
    if fault == "nik-swapped":
        i = rng.choice([i for i in range(15) if nik[i] != nik[i + 1]])
        return nik[:i] + nik[i + 1] + nik[i] + nik[i + 2 :]
    return None  # missing-nik


def _typo_name(name: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    while True:
        i = rng.choice(letters)
        op = rng.randrange(4)
        if op == 0:
            new = name[:i] + name[i + 1 :]
        elif op == 1:
            new = name[:i] + name[i] + name[i:]
        elif op == 2 and i + 1 < len(name) and name[i + 1].isalpha():
            new = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        else:
            new = name[:i] + rng.choice([c for c in "AEIOU" if c != name[i]]) + name[i + 1 :]
        if new != name:
            return new


class _Index:
    """The population by family (members in KK order) and by NIK, with its region names."""

    def __init__(self, pop: Population) -> None:
        self.pop = pop
        self.by_nik = {p.nik.value: p for p in pop.persons}
        by_kk: dict[str, list[Person]] = {}
        for p in pop.persons:
            by_kk.setdefault(p.kk.value if p.kk else p.nik.value, []).append(p)
        self.families = [by_kk[f.kk.value] for f in pop.families]
        kecs = Counter(_kec(p)[:5] for p in pop.persons if _kec(p))
        self.regency = kecs.most_common(1)[0][0] if kecs else "12.05"
        self.kab4 = self.regency.replace(".", "")
        self.province = _name(self.regency[:2]).upper()
        long = _name(self.regency)
        self.regency_long = long.upper()
        self.regency_short = long.removeprefix("Kabupaten ").upper()

    def households(self) -> list[list[list[Person]]]:
        """Each household as its families (members of each in KK order)."""
        out = []
        for hh in self.pop.households:
            fams: dict[str, list[Person]] = {}
            for nik in hh.members:
                p = self.by_nik[nik.value]
                fams.setdefault(p.kk.value if p.kk else nik.value, []).append(p)
            out.append(list(fams.values()))
        return out


def _kec(p: Person) -> str:
    return (p.address.kecamatan_code if p.address else None) or ""


def _desa(p: Person) -> str:
    return (p.address.desa_code if p.address else None) or ""


@functools.lru_cache(maxsize=8192)
def _name(code: str) -> str:
    region = wilayah.lookup(code) if code else None
    return region.name if region else code


def _kec_name(p: Person) -> str:
    return _name(_kec(p)).upper()


def _desa_name(p: Person) -> str:
    return _name(_desa(p)).upper()


def _street(p: Person) -> str:
    return (p.address.street if p.address else None) or ""


def _rt_rw(p: Person) -> tuple[str, str]:
    a = p.address
    return ((a.rt or "001") if a else "001", (a.rw or "001") if a else "001")


def _alamat(p: Person) -> str:
    rt, rw = _rt_rw(p)
    return f"{_street(p)} RT {rt} RW {rw}"


def _pengurus(members: Sequence[Person]) -> Person:
    """The registered recipient of a family: the wife/mother when alive, else the head."""
    wife = next((p for p in members if p.relationship is _R.ISTRI and p.alive), None)
    return wife or members[0]


def _age(born: datetime.date | None, on: datetime.date) -> int:
    if born is None:
        return 0
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _born_by(p: Person, on: datetime.date) -> bool:
    return p.birth_date is None or p.birth_date <= on


def _date_id(d: datetime.date, upper: bool = False) -> str:
    month = _MONTHS_ID[d.month - 1]
    return f"{d.day:02d} {month.upper() if upper else month} {d.year}"


def _date_oracle(d: datetime.date) -> str:
    return f"{d.day:02d}-{_MONTHS_EN[d.month - 1]}-{d.year % 100:02d}"


def _serial(d: datetime.date) -> int:
    return (d - datetime.date(1899, 12, 30)).days


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _bdt_ids(ix: _Index, as_of: datetime.date) -> dict[str, tuple[str, str]]:
    """IDBDT and IDARTBDT for everyone born by ``as_of``: fixed by the population, not a seed."""
    ids = {}
    for number, hh in enumerate(ix.households(), start=1):
        idbdt = f"{ix.kab4}{3_000_000 + number * 7:010d}"
        members = [p for fam in hh for p in fam if _born_by(p, as_of)]
        for seq, p in enumerate(members, start=1):
            ids[p.nik.value] = (idbdt, f"{idbdt}{seq:02d}")
    return ids


def _write_csv(path: Path, table: _Table, delimiter: str, newline: str, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter, lineterminator=newline)
        writer.writerows(["" if v is None else v for v in row] for row in table.rows)


def _save(wb: Workbook, path: Path) -> None:
    """Save, then fix the time stamps openpyxl writes so the same seed gives the same bytes."""
    wb.properties.creator = "sibaso.testing.exports"
    wb.properties.created = _STAMP
    wb.save(path)
    with zipfile.ZipFile(path) as zin:
        parts = [(info.filename, zin.read(info)) for info in zin.infolist()]
    stamp = _STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(name, date_time=_STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def _write_only(path: Path, tables: Sequence[_Table]) -> None:
    wb = Workbook(write_only=True)
    for table in tables:
        ws = wb.create_sheet(table.sheet)
        for row in table.rows:
            ws.append(row)
    _save(wb, path)


def _as_path(path: str | os.PathLike[str]) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    return out
