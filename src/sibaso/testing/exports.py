"""Seeded writers of bansos files in the layouts real Indonesian exports use, faults included.

Each writer builds one file from a synthetic :class:`~sibaso.testing.synthetic.Population` and
returns an :class:`ExportTruth`: for every data row, where it is (``sheet``, and ``row`` as the
operator sees it in Excel, title rows counted; for CSV the line number, header = 1), whose row
it is (the intended person's NIK, KK and name) and which fault, if any, was put in it. A test
asserts that a reader finds what the truth says; a user points their own adapter at the same
files. The same ``seed`` gives the same file, byte for byte (workbooks included: their time
stamps are fixed). Faults come from a random stream of their own, so ``faults=False`` writes
the same file without them.

>>> import tempfile, pathlib
>>> pop = Population.generate(persons=300, seed=3)
>>> with tempfile.TemporaryDirectory() as tmp:
...     truth = siksng_csv(pathlib.Path(tmp) / "pkh.csv", pop, seed=1)
>>> truth.adapter, truth.rows[0].row, truth.non_data_rows[0].kind
('siks-ng', 2, 'header')
>>> sorted(truth.faults())
['duplicate-row', 'name-typo', 'nik-excel-zeroed', 'nik-swapped', 'nik-typo-digit']
>>> swapped = truth.with_fault("nik-swapped")[0]
>>> swapped.written != swapped.nik, swapped.recoverable
(True, False)

``recoverable`` says whether the intended NIK can be read back from the cell by the cleaning
rules of :func:`sibaso.core.nik.parse`: a leading apostrophe or an int holding all 16 digits
can, ``NULL``, ``1.20501E+15`` or a mistyped digit cannot. :data:`FAULTS` lists the codes.

HTML (OpenSID) rows are numbered as Excel shows the file: the title above the table is row 1,
the table's header row 2. Names, codes and numbers are made up.
"""

from __future__ import annotations

import csv
import datetime
import functools
import html
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
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side

from sibaso.core import nik as nik_rules
from sibaso.core import wilayah
from sibaso.core.model import Person, Relationship
from sibaso.core.nik import Sex
from sibaso.testing import name_pools as names
from sibaso.testing.synthetic import Population

__all__ = [
    "DEFAULT_SEED",
    "FAULTS",
    "ExportTruth",
    "NonDataRow",
    "TruthRow",
    "bdt_xlsx",
    "dapodik_xlsx",
    "dtks_xlsx",
    "dukcapil_csv",
    "dukcapil_xlsx",
    "kks_csv",
    "opensid_html_xls",
    "pbijk_xlsx",
    "rtlh_xlsx",
    "siksng_csv",
    "write_all",
]

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


# --- 1. SIKS-NG ---------------------------------------------------------------------------

SIKSNG_HEADER = (
    "NAMA_PENERIMA",
    "NIK",
    "NOKK",
    "PENYALURAN_OLEH",
    "BANSOS",
    "PROP_NAME",
    "KAB_NAME",
    "KEC_NAME",
    "KEL_NAME",
    "ALAMAT",
    "status",
    "kode_batch_penyaluran",
)


def siksng_csv(
    path: str | os.PathLike[str],
    population: Population,
    *,
    programme: str = "PKH",
    share: float = 0.15,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A SIKS-NG recipient list (PKH, BPNT or SEMBAKO): pipe-delimited, one row per family.

    The row names the family's pengurus (the wife/mother, else the head). Faults: nik-typo-digit,
    nik-swapped, nik-excel-zeroed, duplicate-row, name-typo.
    """
    programme = programme.upper()
    if programme not in ("PKH", "BPNT", "SEMBAKO"):
        raise ValueError(f"programme must be PKH, BPNT or SEMBAKO, not {programme!r}.")
    rng, frng = _rngs(f"siksng-{programme}", seed)
    ix = _Index(population)
    pool = ix.families
    if programme == "PKH":
        with_components = [
            f for f in pool if any(p.relationship in (_R.ANAK, _R.ORANG_TUA) for p in f)
        ]
        pool = with_components or pool
    chosen = [_pengurus(f) for f in _sample(rng, pool, share)]
    plan: Plan = (
        ("nik-typo-digit", 0.03, None),
        ("nik-swapped", 0.02, None),
        ("nik-excel-zeroed", 0.02, lambda i: chosen[i].nik.value[-1] != "0"),
        ("duplicate-row", 0.01, None),
        ("name-typo", 0.03, None),
    )
    hits = _assign(frng, len(chosen), plan, faults)
    table = _Table(None)
    table.add("header", SIKSNG_HEADER)
    tahap = rng.randint(1, 4)
    for i, p in enumerate(chosen):
        bank = rng.choices(("BNI", "BRI", "MANDIRI", "BSI", "POS"), (30, 35, 15, 5, 15))[0]
        status = rng.choices(("AKTIF", "TIDAK AKTIF", "GRADUASI MANDIRI"), (92, 5, 3))[0]
        batch = f"{programme}{2024}{tahap:02d}{ix.kab4}{rng.randint(1, 60):03d}"
        fault = hits.get(i)
        name = _typo_name(p.name, frng) if fault == "name-typo" else p.name
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        values = [name, cell, p.kk.value if p.kk else "", bank, programme, ix.province]
        values += [ix.regency_short, _kec_name(p), _desa_name(p), _alamat(p), status, batch]
        if fault == "duplicate-row":
            table.data(values, p, None, cell)
        table.data(values, p, fault, cell)
    _write_csv(_as_path(path), table, "|", "\n", "utf-8")
    return _truth("siks-ng", programme, SIKSNG_HEADER, [table])


# --- 2. PBI-JK ----------------------------------------------------------------------------

PBIJK_HEADER = (
    "NO",
    "NAMA_PENERIMA",
    "NOMOR_KARTU",
    "NIK_KTP",
    "NOKK_DTKS",
    "IDARTBDT",
    "NMPROP",
    "NMKAB",
    "NMKEC",
    "NMKEL",
    "KET_TAMBAHAN",
)
_PBIJK_AS_OF = datetime.date(2025, 1, 31)
_BDT_AS_OF = datetime.date(2015, 6, 30)


def pbijk_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    share: float = 0.3,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A KIS / PBI-JK participant list: two title rows, a blank row, then everyone in the
    selected families (born by January 2025).

    NOMOR_KARTU is 13-digit text from ``000``. Faults: nik-excel-zeroed and nik-as-number (a
    number cell whose 16th digit Excel set to 0; nik-as-number where it was 0 already),
    nik-apostrophe, nik-null, nik-scientific, card-as-number.
    """
    rng, frng = _rngs("pbijk", seed)
    ix = _Index(population)
    people = [p for f in _sample(rng, ix.families, share) for p in f if _born_by(p, _PBIJK_AS_OF)]
    bdt = _bdt_ids(ix, _BDT_AS_OF)
    plan: Plan = (
        ("nik-excel-zeroed", 0.05, lambda i: people[i].nik.value[-1] != "0"),
        ("nik-as-number", 0.01, lambda i: people[i].nik.value[-1] == "0"),
        ("nik-apostrophe", 0.04, None),
        ("nik-null", 0.02, None),
        ("nik-scientific", 0.02, None),
        ("card-as-number", 0.04, None),
    )
    hits = _assign(frng, len(people), plan, faults)
    sheet = "Sheet1"
    table = _Table(sheet)
    table.add("title", [f"DAFTAR PESERTA PBI-JK {ix.regency_long}"])
    table.add("title", ["Posisi Data : Januari 2025"])
    table.add("blank")
    table.add("header", PBIJK_HEADER)
    cards: set[str] = set()
    for i, p in enumerate(people):
        card = f"000{rng.randrange(10**9, 10**10)}"
        while card in cards:
            card = f"000{rng.randrange(10**9, 10**10)}"
        cards.add(card)
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=False)
        note = "MENINGGAL" if not p.alive else ("PINDAH" if rng.random() < 0.01 else None)
        values = [i + 1, p.name, int(card) if fault == "card-as-number" else card, cell]
        values += [p.kk.value if p.kk else None, bdt.get(p.nik.value, (None, None))[1]]
        values += [ix.province, ix.regency_short, _kec_name(p), _desa_name(p), note]
        table.data(values, p, fault, cell)
    _write_only(_as_path(path), [table])
    return _truth("pbi-jk", "KIS", PBIJK_HEADER, [table])


# --- 3. Dapodik ---------------------------------------------------------------------------

_DAPODIK_BEFORE = (
    "No",
    "Nama",
    "NIPD",
    "JK",
    "NISN",
    "Tempat\nLahir",
    "Tanggal\nLahir",
    "NIK",
    "Agama",
    "Alamat",
    "RT",
    "RW",
    "Dusun",
    "Kelurahan",
    "Kecamatan",
    "Kode Pos",
    "Jenis\nTinggal",
    "Alat\nTransportasi",
    "Telepon",
    "HP",
    "E-Mail",
    "SKHUN",
    "Penerima\nKPS",
    "No. KPS",
)
_DAPODIK_GROUPS = ("Data Ayah", "Data Ibu", "Data Wali")
_DAPODIK_SUB = ("Nama", "Tahun Lahir", "Jenjang Pendidikan", "Pekerjaan", "Penghasilan", "NIK")
_DAPODIK_AFTER = (
    "Rombel Saat Ini",
    "No Peserta Ujian\nNasional",
    "No Seri Ijazah",
    "Penerima KIP",
    "Nomor KIP",
    "Nama di KIP",
    "Nomor KKS",
    "No Registrasi\nAkta Lahir",
    "Bank",
    "Nomor Rekening\nBank",
    "Rekening Atas\nNama",
    "Layak PIP (usulan\ndari sekolah)",
    "Alasan Layak PIP",
    "Kebutuhan Khusus",
    "Sekolah Asal",
    "Anak ke-berapa",
    "Lintang",
    "Bujur",
    "No KK",
)
DAPODIK_HEADER = (
    _DAPODIK_BEFORE
    + tuple(f"{g} / {s}" for g in _DAPODIK_GROUPS for s in _DAPODIK_SUB)
    + _DAPODIK_AFTER
)
_DAPODIK_DATE = datetime.date(2025, 1, 15)
_EDUCATION = ("SD / sederajat", "SMP / sederajat", "SMA / sederajat", "D3", "S1", "Tidak sekolah")
_JOBS = ("Petani", "Pedagang Kecil", "Buruh", "Wiraswasta", "Nelayan", "Karyawan Swasta")
_INCOME = (
    "Kurang dari Rp. 500,000",
    "Rp. 500,000 - Rp. 999,999",
    "Rp. 1,000,000 - Rp. 1,999,999",
    "Rp. 2,000,000 - Rp. 4,999,999",
)


def dapodik_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    school: str = "SD NEGERI 050123 STABAT",
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A Dapodik "Daftar Peserta Didik": seven title rows, a blank row, a two-row header with
    merged cells, then every child aged 6-12 (on 15 January 2025), sorted by name.

    About 40% are KIP recipients (``recipient`` in the truth). The child's NIK is the key;
    the parents' NIKs sit under Data Ayah / Data Ibu. Faults: nisn-as-number, missing-nik.
    """
    rng, frng = _rngs("dapodik", seed)
    ix = _Index(population)
    pupils: list[tuple[Person, list[Person]]] = []
    for fam in ix.families:
        for p in fam:
            if p.relationship is _R.ANAK and 6 <= _age(p.birth_date, _DAPODIK_DATE) <= 12:
                pupils.append((p, fam))
    pupils.sort(key=lambda pf: (pf[0].name, pf[0].nik.value))
    kecamatan = _school_kecamatan(school, ix, [p for p, _ in pupils])
    plan: Plan = (("nisn-as-number", 0.1, None), ("missing-nik", 0.05, None))
    hits = _assign(frng, len(pupils), plan, faults)
    sheet = "Daftar Peserta Didik"
    table = _Table(sheet)
    for line in (
        "Daftar Peserta Didik",
        school,
        f"Kecamatan : Kec. {kecamatan}",
        f"Kabupaten : Kab. {ix.regency_short.title()}",
        f"Provinsi : Prov. {ix.province.title()}",
        f"Tanggal Unduh: {_STAMP:%Y-%m-%d %H:%M:%S}",
        "Pengguna : operator@sekolah",
    ):
        table.add("title", [line])
    table.add("blank")
    header_row = table.next_row
    groups: list[object] = []
    for g in _DAPODIK_GROUPS:
        groups += [g] + [None] * 5
    table.add("header", [*_DAPODIK_BEFORE, *groups, *_DAPODIK_AFTER])
    subs: list[object] = [*([None] * len(_DAPODIK_BEFORE)), *(_DAPODIK_SUB * 3)]
    table.add("header", subs + [None] * len(_DAPODIK_AFTER))
    for i, (p, fam) in enumerate(pupils):
        fault = hits.get(i)
        values = _dapodik_row(i, p, fam, rng, ix, kecamatan, fault)
        kip = values[DAPODIK_HEADER.index("Penerima KIP")] == "Ya"
        nik_cell = None if fault == "missing-nik" else p.nik.value
        table.data(values, p, fault, nik_cell, recipient=kip)
    _dapodik_save(_as_path(path), table, header_row)
    return _truth("dapodik-kip", "KIP", DAPODIK_HEADER, [table])


def _school_kecamatan(school: str, ix: _Index, pupils: list[Person]) -> str:
    for region in wilayah.kecamatan_of(ix.regency):
        if school.upper().endswith(region.name.upper()):
            return region.name
    counts = Counter(_name(_kec(p)) for p in pupils)
    return counts.most_common(1)[0][0] if counts else _name(ix.regency)


def _parent(parent: Person | None, rng: random.Random, mother: bool) -> list[object]:
    if parent is None:
        return [None] * 6
    job = "Tidak bekerja" if mother and rng.random() < 0.7 else rng.choice(_JOBS)
    income = "Tidak Berpenghasilan" if job == "Tidak bekerja" else rng.choice(_INCOME)
    year = parent.birth_date.year if parent.birth_date else None
    return [parent.name, year, rng.choice(_EDUCATION), job, income, parent.nik.value]


def _dapodik_row(
    i: int,
    p: Person,
    fam: list[Person],
    rng: random.Random,
    ix: _Index,
    kecamatan: str,
    fault: str | None,
) -> list[object]:
    born = p.birth_date or _DAPODIK_DATE
    grade = min(6, max(1, _age(born, _DAPODIK_DATE) - 5))
    nisn = f"0{born.year % 100:02d}{_digits(rng, 7)}"
    rt, rw = _rt_rw(p)
    head = fam[0]
    father = head if head.sex is Sex.MALE else None
    mother = next((m for m in fam if m.relationship is _R.ISTRI), None)
    if mother is None and head.sex is Sex.FEMALE:
        mother = head
    kip = rng.random() < 0.4
    siblings = sorted(
        (m for m in fam if m.relationship is _R.ANAK),
        key=lambda m: (m.birth_date or _DAPODIK_DATE, m.nik.value),
    )
    agama = rng.choices(("Islam", "Kristen", "Katholik"), (85, 12, 3))[0]
    hp = "08" + _digits(rng, 10) if rng.random() < 0.5 else None
    kode_pos = f"208{(int(_kec(p)[-2:] or 0) * 7) % 90 + 10}"
    akta = f"{ix.kab4}-LT-{born:%d%m%Y}-{_digits(rng, 4)}"
    values: list[object] = [
        i + 1,
        p.name,
        f"{2025 - grade}{i + 1:03d}",
        p.sex.value if p.sex else None,
        int(nisn) if fault == "nisn-as-number" else nisn,
        (p.birth_place or "").title(),
        born.isoformat(),
        None if fault == "missing-nik" else p.nik.value,
        agama,
        _street(p),
        str(int(rt)),
        str(int(rw)),
        _street(p).title(),
        _name(_desa(p)),
        f"Kec. {_name(_kec(p))}",
        kode_pos,
        "Bersama orang tua",
        rng.choice(("Jalan kaki", "Sepeda", "Sepeda motor")),
        None,
        hp,
        None,
        None,
        "Tidak",
        None,
    ]
    values += _parent(father, rng, False) + _parent(mother, rng, True) + [None] * 6
    values += [f"Kelas {grade}", None, None, "Ya" if kip else "Tidak"]
    values += [_kip_number(rng) if kip else None, p.name if kip else None, None, akta]
    values += ["BRI" if kip else None, None, None, "Ya" if kip else "Tidak"]
    values += ["Siswa Miskin/Rentan Miskin" if kip else None, "Tidak ada", None]
    values += [siblings.index(p) + 1 if p in siblings else 1]
    values += [f"3.{rng.randrange(600000, 999999)}", f"98.{rng.randrange(100000, 600000)}"]
    values += [p.kk.value if p.kk else None]
    return values


def _kip_number(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))


def _dapodik_save(path: Path, table: _Table, header_row: int) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = table.sheet or "Sheet1"
    for row in table.rows:
        ws.append(row)
    bold = Font(bold=True)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    before, after = len(_DAPODIK_BEFORE), len(_DAPODIK_AFTER)
    total = before + 18 + after
    for col in range(1, total + 1):
        for r in (header_row, header_row + 1):
            cell = ws.cell(r, col)
            cell.font = bold
            cell.alignment = wrap
    singles = list(range(1, before + 1)) + list(range(before + 19, total + 1))
    for col in singles:
        ws.merge_cells(
            start_row=header_row, start_column=col, end_row=header_row + 1, end_column=col
        )
    for g in range(3):
        start = before + 1 + 6 * g
        ws.merge_cells(
            start_row=header_row, start_column=start, end_row=header_row, end_column=start + 5
        )
    ws.freeze_panes = ws.cell(header_row + 2, 3)
    _save(wb, path)


# --- 4. Dukcapil SIAK ---------------------------------------------------------------------

DUKCAPIL_HEADER = (
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
    "ALAMAT",
)


def _dukcapil_rows(ix: _Index, frng: random.Random, faults: bool, plan: Plan, text: bool) -> _Table:
    people = ix.pop.persons
    hits = _assign(frng, len(people), plan, faults)
    table = _Table(None if text else "Sheet1")
    table.add("header", DUKCAPIL_HEADER)
    codes = list(_R)
    for i, p in enumerate(people):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=text)
        desa = _desa(p).replace(".", "")
        parts = [desa[:2], desa[2:4], desa[4:6], desa[6:]] if len(desa) == 10 else [""] * 4
        region: list[object] = [int(x) if x else None for x in parts]
        born = p.birth_date
        when: object = born
        if born is not None and text:
            when = _date_id(born, upper=True) if fault == "date-indonesian" else f"{born:%d-%m-%Y}"
        elif born is not None and fault == "date-serial":
            when = _serial(born)
        sex = 1 if p.sex is Sex.MALE else 2
        rel = codes.index(p.relationship) + 1 if p.relationship else 11
        values = [cell, p.kk.value if p.kk else None, p.name, sex, p.birth_place, when, rel]
        values += [*region, 1 if p.alive else 2, _street(p)]
        if text:
            values = ["" if v is None else str(v) for v in values]
        table.data(values, p, fault, cell)
    return table


def dukcapil_csv(
    path: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A SIAK population extract, comma-delimited UTF-8: everyone, TGL_LHR as dd-mm-yyyy.

    Region codes without leading zeros (``12, 5, 7, 2001``). Few faults: date-indonesian,
    nik-apostrophe.
    """
    _, frng = _rngs("dukcapil-csv", seed)
    plan: Plan = (("date-indonesian", 0.01, None), ("nik-apostrophe", 0.01, None))
    table = _dukcapil_rows(_Index(population), frng, faults, plan, text=True)
    _write_csv(_as_path(path), table, ",", "\n", "utf-8")
    return _truth("dukcapil", None, DUKCAPIL_HEADER, [table])


def dukcapil_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """The SIAK extract as a workbook: TGL_LHR as date cells, codes as numbers.

    Few faults: date-serial, nik-as-number (all 16 digits in a number cell).
    """
    _, frng = _rngs("dukcapil-xlsx", seed)
    plan: Plan = (("date-serial", 0.01, None), ("nik-as-number", 0.01, None))
    table = _dukcapil_rows(_Index(population), frng, faults, plan, text=False)
    path = _as_path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.sheet)
    for row in table.rows:
        if isinstance(row[5], datetime.date):
            cell = WriteOnlyCell(ws, value=row[5])
            cell.number_format = "dd-mm-yyyy"
            row = [*row[:5], cell, *row[6:]]
        ws.append(row)
    _save(wb, path)
    return _truth("dukcapil", None, DUKCAPIL_HEADER, [table])


# --- 5. OpenSID ---------------------------------------------------------------------------

OPENSID_HEADER = (
    "No",
    "NIK",
    "Tag ID Card",
    "Nama",
    "No. KK",
    "Nama Ayah",
    "Nama Ibu",
    "Alamat",
    "Dusun",
    "RW",
    "RT",
    "Pendidikan dalam KK",
    "Umur",
    "Pekerjaan",
    "Kawin",
    "Tgl Peristiwa",
    "Tgl Terdaftar",
)
_OPENSID_DATE = datetime.date(2026, 1, 1)


def opensid_html_xls(
    path: str | os.PathLike[str],
    population: Population,
    desa_code: str | None = None,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """OpenSID's "data penduduk" export: an HTML table saved as ``.xls``, people of one desa.

    ``desa_code`` (``12.05.07.2001``) defaults to the desa with most people. NIK and No. KK
    cells are ``<td class="textx">`` text. Faults: nik-apostrophe (``'1205…`` in a plain
    cell), nik-temporary.
    """
    rng, frng = _rngs("opensid", seed)
    ix = _Index(population)
    desa = _pick_desa(population, desa_code)
    people = [p for fam in ix.families for p in fam if _desa(p) == desa]
    plan: Plan = (("nik-apostrophe", 0.25, None), ("nik-temporary", 0.02, None))
    hits = _assign(frng, len(people), plan, faults)
    kind = "Kelurahan" if desa.split(".")[-1].startswith("1") else "Desa"
    title = f"Data Penduduk {kind} {_name(desa)}"
    table = _Table(None)
    table.add("title", [title])
    table.add("header", OPENSID_HEADER)
    for i, p in enumerate(people):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        table.data(_opensid_row(i, p, cell, rng), p, fault, cell)
    _as_path(path).write_text(_opensid_html(title, table), encoding="utf-8")
    return _truth("opensid", None, OPENSID_HEADER, [table])


def _pick_desa(population: Population, desa_code: str | None) -> str:
    counts = Counter(_desa(p) for p in population.persons if _desa(p))
    if desa_code is None:
        if not counts:
            raise ValueError("The population has no desa codes.")
        return counts.most_common(1)[0][0]
    code = wilayah.format_code(desa_code)
    if code not in counts:
        raise ValueError(f"Nobody in the population lives in desa {code}.")
    return code


def _opensid_row(i: int, p: Person, nik: str | int | None, rng: random.Random) -> list[object]:
    age = _age(p.birth_date, _OPENSID_DATE)
    rt, rw = _rt_rw(p)
    if age < 5:
        edu, job = "TIDAK / BELUM SEKOLAH", "BELUM/TIDAK BEKERJA"
    elif age < 18:
        edu, job = "BELUM TAMAT SD/SEDERAJAT", "PELAJAR/MAHASISWA"
    else:
        edu = rng.choice(("TAMAT SD / SEDERAJAT", "SLTP/SEDERAJAT", "SLTA / SEDERAJAT"))
        job = rng.choice(("PETANI/PEKEBUN", "WIRASWASTA", "BURUH HARIAN LEPAS", "PEDAGANG"))
        if p.relationship is _R.ISTRI and rng.random() < 0.6:
            job = "MENGURUS RUMAH TANGGA"
    married = p.relationship in (_R.KEPALA_KELUARGA, _R.ISTRI, _R.SUAMI, _R.ORANG_TUA)
    event = max(p.birth_date or _OPENSID_DATE, p.kk.registered_on if p.kk else _OPENSID_DATE)
    father = rng.choice(names.MALE).upper() + " " + rng.choice(names.SECOND).upper()
    mother = rng.choice(names.FEMALE).upper() + " " + rng.choice(names.SECOND).upper()
    registered = datetime.datetime(2019, 1, 1) + datetime.timedelta(
        seconds=rng.randrange(3 * 365 * 86400)
    )
    return [
        i + 1,
        nik,
        None,
        p.name,
        p.kk.value if p.kk else None,
        father,
        mother,
        _street(p),
        _street(p),
        rw,
        rt,
        edu,
        age,
        job,
        "KAWIN" if married else "BELUM KAWIN",
        f"{event:%d-%m-%Y}",
        f"{registered:%Y-%m-%d %H:%M:%S}",
    ]


def _opensid_html(title: str, table: _Table) -> str:
    out = [
        "<html><head><meta charset=utf-8><title>Data Penduduk</title>",
        '<style>td{mso-number-format:"\\@";} .textx{mso-number-format:"\\@";}</style>',
        "</head><body>",
        f"<h3>{html.escape(title)}</h3>",
        "<table border=1>",
        "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in OPENSID_HEADER) + "</tr>",
    ]
    for row in table.rows[2:]:
        cells = []
        for col, value in enumerate(row):
            text = "" if value is None else html.escape(str(value), quote=False)
            plain_apostrophe = col == 1 and text.startswith("'")
            textx = col in (1, 4) and not plain_apostrophe
            cells.append(f'<td class="textx">{text}</td>' if textx else f"<td>{text}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


# --- 6. BDT / PBDT ------------------------------------------------------------------------

BDT_HEADER = (
    "IDBDT",
    "IDARTBDT",
    "Nama",
    "JnsKel",
    "TmpLahir",
    "TglLahir",
    "Hub_KRT",
    "NIK",
    "NoKK",
    "Alamat",
    "NMKEC",
    "NMKEL",
)
_BDT_CODES = {
    _R.KEPALA_KELUARGA: 1,
    _R.ISTRI: 2,
    _R.SUAMI: 2,
    _R.ANAK: 3,
    _R.MENANTU: 4,
    _R.CUCU: 5,
    _R.ORANG_TUA: 6,
    _R.MERTUA: 6,
    _R.PEMBANTU: 7,
}
_BDT_SECOND_FAMILY = {_R.KEPALA_KELUARGA: 3, _R.ISTRI: 4, _R.SUAMI: 4, _R.ANAK: 5}


def _hub_krt(p: Person, codes: Mapping[Relationship, int]) -> int:
    """The BDT Hub_KRT code; 8 (lainnya) for anyone else."""
    return codes.get(p.relationship, 8) if p.relationship else 8


def bdt_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    as_of: datetime.date = _BDT_AS_OF,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A BDT/PBDT household roster: one row per member of each household born by ``as_of``.

    A household may hold several KK; Hub_KRT is the BDT code relative to the household head
    (a second family's head is an anak, their spouse a menantu, their children cucu).
    TglLahir is Oracle text (``12-JAN-85``). Faults: missing-nik, nik-scientific,
    nik-typo-digit.
    """
    _, frng = _rngs("bdt", seed)
    ix = _Index(population)
    ids = _bdt_ids(ix, as_of)
    rows: list[tuple[Person, int]] = []
    for hh in ix.households():
        for number, fam in enumerate(hh):
            codes = _BDT_CODES if number == 0 else _BDT_SECOND_FAMILY
            rows += [(p, _hub_krt(p, codes)) for p in fam if _born_by(p, as_of)]
    plan: Plan = (
        ("missing-nik", 0.04, None),
        ("nik-scientific", 0.02, None),
        ("nik-typo-digit", 0.02, None),
    )
    hits = _assign(frng, len(rows), plan, faults)
    table = _Table("Sheet1")
    table.add("header", BDT_HEADER)
    for i, (p, hub) in enumerate(rows):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=False)
        idbdt, idart = ids[p.nik.value]
        born = _date_oracle(p.birth_date) if p.birth_date else None
        values = [idbdt, idart, p.name, 1 if p.sex is Sex.MALE else 2, p.birth_place, born, hub]
        values += [cell, p.kk.value if p.kk else None, _alamat(p), _kec_name(p), _desa_name(p)]
        table.data(values, p, fault, cell)
    _write_only(_as_path(path), [table])
    return _truth("bdt", None, BDT_HEADER, [table])


# --- 7. RS-RTLH ---------------------------------------------------------------------------

RTLH_HEADER = (
    "NO",
    "nama_CPCL",
    "nomorNIK",
    "nomorKK",
    "alamat",
    "kecamatan",
    "kelurahan",
    "STATUS KEPEMILIKAN RUMAH",
    "KONDISI RUMAH",
)
_RTLH_NOTES = (
    "KETERANGAN",
    "1. Data usulan RS-RTLH dari desa/kelurahan melalui TKSK kecamatan.",
    "2. Status kepemilikan dan kondisi rumah hasil verifikasi lapangan.",
    "3. Sheet kecamatan yang disembunyikan masih menunggu verifikasi.",
    None,
    "Dinas Sosial",
)


def rtlh_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    share: float = 0.02,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """RS-RTLH proposals: one sheet per kecamatan (one hidden), then a "Keterangan" sheet.

    Households of a few kecamatan are proposed (``share`` of all households, at least five
    when there are so many), each named by its head. Each sheet ends with a JUMLAH row and
    three formatted empty rows. Faults: nik-typo-digit, nik-apostrophe, missing-nik.
    """
    rng, frng = _rngs("rtlh", seed)
    ix = _Index(population)
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], not {share!r}.")
    heads = [hh[0][0] for hh in ix.households()]
    count = max(round(share * len(heads)), 5)
    kecs = sorted({_kec(p) for p in heads})
    rng.shuffle(kecs)
    picked: set[str] = set()
    for kec in kecs:
        if len(picked) >= 2 and sum(_kec(p) in picked for p in heads) >= count:
            break
        picked.add(kec)
    pool = [p for p in heads if _kec(p) in picked]
    chosen = [pool[i] for i in sorted(rng.sample(range(len(pool)), min(count, len(pool))))]
    chosen.sort(key=lambda p: (_kec(p), _desa(p)))
    plan: Plan = (
        ("nik-typo-digit", 0.05, None),
        ("nik-apostrophe", 0.05, None),
        ("missing-nik", 0.03, None),
    )
    hits = _assign(frng, len(chosen), plan, faults)
    by_kec: dict[str, list[tuple[int, Person]]] = {}
    for i, p in enumerate(chosen):
        by_kec.setdefault(_kec(p), []).append((i, p))
    tables: list[_Table] = []
    for kec, members in by_kec.items():
        table = _Table(_name(kec)[:31])
        table.add("header", RTLH_HEADER)
        for n, (i, p) in enumerate(members, start=1):
            fault = hits.get(i)
            cell = _nik_cell(p.nik.value, fault, frng, text=True)
            owner = rng.choices(("MILIK SENDIRI", "MILIK KELUARGA", "MENUMPANG"), (80, 15, 5))[0]
            state = rng.choices(("RUSAK BERAT", "RUSAK SEDANG", "RUSAK RINGAN"), (55, 35, 10))[0]
            values = [n, p.name, cell, p.kk.value if p.kk else None, _alamat(p)]
            values += [_kec_name(p), _desa_name(p), owner, state]
            table.data(values, p, fault, cell)
        table.add("totals", ["JUMLAH", *[None] * (len(RTLH_HEADER) - 2), len(members)])
        for _ in range(3):
            table.add("blank")
        tables.append(table)
    hidden = [str(rng.choice(tables).sheet)] if tables else []
    notes = _Table("Keterangan")
    for line in _RTLH_NOTES:
        notes.add("note" if line else "blank", [line] if line else [])
    _rtlh_save(_as_path(path), tables, notes, hidden)
    return _truth(
        "rs-rtlh",
        "RS-RTLH",
        RTLH_HEADER,
        tables,
        hidden=hidden,
        extra_sheets=["Keterangan"],
        other=notes.other,
    )


def _rtlh_save(path: Path, tables: list[_Table], notes: _Table, hidden: list[str]) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    for table in tables:
        ws = wb.create_sheet(table.sheet)
        for row in table.rows:
            ws.append(row)
        width = len(RTLH_HEADER)
        for other in table.other:
            for col in range(1, width + 1):
                cell = ws.cell(other.row, col)
                cell.border = box
                if other.kind in ("header", "totals"):
                    cell.font = bold
        for r in table.truth:
            for col in range(1, width + 1):
                ws.cell(r.row, col).border = box
        if table.sheet in hidden:
            ws.sheet_state = "hidden"
    ws = wb.create_sheet(notes.sheet)
    for row in notes.rows:
        ws.append(row)
    wb.active = next(i for i, w in enumerate(wb.worksheets) if w.sheet_state == "visible")
    _save(wb, path)


# --- 8. KKS -------------------------------------------------------------------------------

KKS_HEADER = (
    "NO",
    "NAMA PEMEGANG KKS",
    "NIK",
    "NO KK",
    "NOMOR KKS",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "ALAMAT",
)
_TITLES = (", S.PD", ", S.E", ", A.MD", ", S.KEP", ", S.PD.I")


def kks_csv(
    path: str | os.PathLike[str],
    population: Population,
    *,
    share: float = 0.1,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A KKS card-holder list saved by Excel as "CSV UTF-8": ``;``-delimited, BOM, CRLF.

    Some names carry an academic title after a comma (``SITI AMINAH, S.PD``) and addresses
    have commas too, to test delimiter detection. Faults: nik-label, nik-swapped, nik-spaced.
    """
    rng, frng = _rngs("kks", seed)
    ix = _Index(population)
    chosen = [_pengurus(f) for f in _sample(rng, ix.families, share)]
    plan: Plan = (
        ("nik-label", 0.03, None),
        ("nik-swapped", 0.03, None),
        ("nik-spaced", 0.03, None),
    )
    hits = _assign(frng, len(chosen), plan, faults)
    titled = {rng.randrange(len(chosen))} if chosen else set()
    table = _Table(None)
    table.add("header", KKS_HEADER)
    for i, p in enumerate(chosen):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        name = p.name + rng.choice(_TITLES) if i in titled or rng.random() < 0.1 else p.name
        rt, rw = _rt_rw(p)
        card = "6013" + _digits(rng, 12)
        values = [i + 1, name, cell, p.kk.value if p.kk else "", card, _kec_name(p)]
        values += [_desa_name(p), f"{_street(p)}, RT {rt}/RW {rw}"]
        table.data([str(v) for v in values], p, fault, cell)
    _write_csv(_as_path(path), table, ";", "\r\n", "utf-8-sig")
    return _truth("kks", "KKS", KKS_HEADER, [table])


# --- 9. DTKS / DTSEN ----------------------------------------------------------------------

DTKS_HEADER = (
    "ID_KELUARGA",
    "ID_INDIVIDU",
    "NIK",
    "NOKK",
    "NAMA",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "HUBUNGAN_DENGAN_KEPALA_KELUARGA",
    "ALAMAT",
    "KECAMATAN",
    "DESA_KELURAHAN",
    "DESIL_NASIONAL",
)


def dtks_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A DTKS/DTSEN export: everyone by family, with the family's national decile (1-10).

    TANGGAL_LAHIR with Indonesian month names (``07 Juni 1995``). Faults: nik-typo-digit,
    missing-nik, date-oracle.
    """
    rng, frng = _rngs("dtks", seed)
    ix = _Index(population)
    people = [(n, p) for n, fam in enumerate(ix.families, start=1) for p in fam]
    plan: Plan = (
        ("nik-typo-digit", 0.02, None),
        ("missing-nik", 0.02, None),
        ("date-oracle", 0.02, None),
    )
    hits = _assign(frng, len(people), plan, faults)
    deciles = [
        rng.choices(range(1, 11), (14, 13, 12, 11, 10, 10, 9, 8, 7, 6))[0] for _ in ix.families
    ]
    table = _Table("DATA")
    table.add("header", DTKS_HEADER)
    seq: Counter[int] = Counter()
    for i, (n, p) in enumerate(people):
        fault = hits.get(i)
        cell = _nik_cell(p.nik.value, fault, frng, text=True)
        seq[n] += 1
        family_id = f"{ix.kab4}{n:08d}"
        born = p.birth_date
        when = None if born is None else _date_id(born)
        if born is not None and fault == "date-oracle":
            when = _date_oracle(born)
        sex = "LAKI-LAKI" if p.sex is Sex.MALE else "PEREMPUAN"
        rel = (p.relationship or _R.LAINNYA).value.upper()
        values = [family_id, f"{family_id}{seq[n]:02d}", cell, p.kk.value if p.kk else None]
        values += [p.name, sex, when, rel, _alamat(p), _kec_name(p), _desa_name(p)]
        values += [deciles[n - 1]]
        table.data(values, p, fault, cell)
    _write_only(_as_path(path), [table])
    return _truth("dtks", None, DTKS_HEADER, [table])


# --- all at once --------------------------------------------------------------------------


def write_all(
    folder: str | os.PathLike[str],
    population: Population,
    *,
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> dict[str, tuple[Path, ExportTruth]]:
    """Write one file of each kind into ``folder``: by kind, the path and its truth.

    Kinds: pkh, sembako, pbijk, dapodik, dukcapil_csv, dukcapil_xlsx, opensid (the desa with
    most people), bdt, rtlh, kks, dtks.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    place = re.sub(r"[^a-z0-9]+", "_", _Index(population).regency_short.lower()).strip("_")
    partial = functools.partial
    jobs: dict[str, tuple[str, Callable[..., ExportTruth]]] = {
        "pkh": ("pkh_siksng_2024.csv", partial(siksng_csv, programme="PKH")),
        "sembako": ("sembako_siksng_2024.csv", partial(siksng_csv, programme="SEMBAKO")),
        "pbijk": ("pbijk_2024.xlsx", pbijk_xlsx),
        "dapodik": ("kip_dapodik_sd050123.xlsx", dapodik_xlsx),
        "dukcapil_csv": (f"dukcapil_{place}.csv", dukcapil_csv),
        "dukcapil_xlsx": (f"dukcapil_{place}.xlsx", dukcapil_xlsx),
        "opensid": ("opensid_penduduk.xls", opensid_html_xls),
        "bdt": ("bdt_2015.xlsx", bdt_xlsx),
        "rtlh": ("rtlh_usulan_2025.xlsx", rtlh_xlsx),
        "kks": ("kks_2024.csv", kks_csv),
        "dtks": ("dtks_2024.xlsx", dtks_xlsx),
    }
    result = {}
    for kind, (filename, writer) in jobs.items():
        target = out / filename
        result[kind] = (target, writer(target, population, seed=seed, faults=faults))
    return result
