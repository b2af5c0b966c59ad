"""The bulk path: thousands of rows checked at once, column by column, with polars.

Most rows of a real export are clean: a 16-digit NIK of a current kecamatan, a No. KK, names
without stray spaces, a birth date like the one on the row before. For such a row the general
path (:meth:`RowConverter.convert <sibaso.adapters.records.convert.RowConverter.convert>`) does a
lot of work to find that nothing is wrong. :func:`bulk_reader` gives, for a sheet whose layout it
knows, a reader that takes a chunk of rows and answers for each one either the record the
general path would make *and report nothing about*, or ``None`` — and the caller sends every
``None`` row to the general path, the one definition of how a row is read.

It vouches for a row only by the rules' own definitions:

* a NIK or No. KK of 16 ASCII digits whose parts are in
  :func:`sibaso.core.nik.plain_parts` / :func:`sibaso.core.kk.plain_parts` and whose serial is
  not ``0000`` (checked in polars; any other KK text goes through
  :func:`~sibaso.adapters.records.cells.kk_cell` itself);
* text that is clean by :func:`sibaso.core.text.is_clean_text` (checked in polars for plain
  ASCII; any other text is cleaned by :func:`~sibaso.adapters.records.cells.text_cell` itself);
* every other field (dates, sex, relationship, alive, region codes and names, programme
  names) by the converter's own reader, called once per distinct value of the chunk;
* record objects built attribute by attribute (:func:`sibaso.core.model.from_columns`).

polars is the optional ``fast`` extra (``pip install 'sibaso[fast]'``). Without it, or for a
layout this path does not know, every row takes the general path: slower, same results.
``tests/adapters/test_bulk.py`` proves, with hypothesis, the same records and the same report
for every row on both paths.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Sequence
from itertools import compress, repeat, zip_longest
from operator import itemgetter, not_
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.adapters.records import cells as v
from sibaso.core import kk as _kk
from sibaso.core import nik as _nik
from sibaso.core.kk import KK
from sibaso.core.lineages import Basis
from sibaso.core.model import (
    HouseholdMember,
    Person,
    ProgrammeEnrolment,
    Provenance,
    Relationship,
    _plain_init,
    from_columns,
)
from sibaso.core.nik import NIK, Sex
from sibaso.core.text import MISSING
from sibaso.core.vital import is_alive

if TYPE_CHECKING:
    from sibaso.adapters.records.convert import RowConverter

__all__ = [
    "CHUNK",
    "TABLE_CHUNK",
    "Block",
    "BulkReader",
    "FrameBlock",
    "RowsBlock",
    "Shape",
    "Vouched",
    "available",
    "bulk_reader",
]

#: Rows per chunk: enough that polars' per-call cost is nothing per row.
CHUNK = 32_768
#: Rows per block of a sheet read as a table (:meth:`Sheet.table`): no row-by-row work to
#: spread out, and polars' per-call cost shared by more rows.
TABLE_CHUNK = 65_536
_MEMORY = 200_000
Row = tuple[int, tuple[object, ...]]
Key = tuple[str, str]
#: see :meth:`BulkReader.read_block`
Shape = Callable[[type, dict[str, Any], int], "list[Any] | None"]

_NAMED_FIELDS = frozenset(
    (
        "nik",
        "kk",
        "sex",
        "birth_date",
        "relationship",
        "alive",
        "province_code",
        "regency_code",
        "district_code",
        "desa_code",
        "card_number",
        "nisn",
        "kip_number",
        "programme_name",
    )
)
#: fields read from the cell itself: a value map on one of them keeps the sheet general
_UNMAPPABLE = frozenset(("nik", "kk", "card_number", "nisn", "kip_number", "birth_date"))
_ADDRESS_KEYS = (
    "address",
    "rt",
    "rw",
    "province_code",
    "regency_code",
    "district_code",
    "desa_code",
    "kecamatan_name",
    "desa_name",
)
#: clean ASCII text: printable, no space at either end (no two in a row is checked apart)
_TIDY_ASCII = r"^[!-~](?:[ -~]*[!-~])?$"
_TEXT_TYPES = frozenset((str, type(None)))
#: cells whose ``text_cell`` is themselves (clean text), None, or ``str()`` (a whole number
#: from a reader, at most 2**53: :func:`sibaso.readers.values.canonical`); the test suite
#: holds text_cell to it
_TEXT_AND_WHOLE = frozenset((str, int, type(None)))
_polars: ModuleType | bool | None = False


def _after_fork_in_child() -> None:
    """polars' thread pool does not survive ``fork()``: a child forked after polars was
    loaded (a forked reader or ingest, see :mod:`sibaso._fork`) never uses it, and reads on
    the general path."""
    global _polars
    if "polars" in sys.modules:
        _polars = None


os.register_at_fork(after_in_child=_after_fork_in_child)


def _pl() -> ModuleType | None:
    global _polars
    if _polars is False:
        try:
            import polars
        except ImportError:
            _polars = None
        else:
            _polars = polars
    return _polars  # type: ignore[return-value]


def available() -> bool:
    """Whether polars (the ``fast`` extra) is installed, so that the bulk path can run."""
    return _pl() is not None


def bulk_reader(conv: RowConverter) -> BulkReader | None:
    """A bulk reader of ``conv``'s sheet, or None (polars missing, or a layout with fields
    this path does not know: all its rows take the general path)."""
    idx = conv.index
    kind = conv.adapter.kind
    free = {f for f, _ in conv.free_text}
    repeated = {f for f, *_ in conv.repeated_text}
    record = {
        Kind.POPULATION: Person,
        Kind.HOUSEHOLD: HouseholdMember,
        Kind.ENROLMENT: ProgrammeEnrolment,
    }.get(kind)
    if (
        record is None
        or _pl() is None
        or conv.today is not None
        or conv.stateful
        or type(conv.adapter).adjust is not Adapter.adjust
        or set(idx) - _NAMED_FIELDS - free - repeated
        or "nik" not in idx
        or _UNMAPPABLE & set(conv.value_maps) & set(idx)
        or (kind is Kind.ENROLMENT and conv.programme is None and "programme_name" not in idx)
        or (kind is Kind.POPULATION and "name" not in idx)  # the general path refuses them all
        or (kind is Kind.HOUSEHOLD and "household_id" not in idx)
        or not _plain_init(record)
    ):
        return None
    return BulkReader(conv, record)


class _Col:
    """One column of a block: its cells as Python values and as a polars string series (a
    cell that is not text is null there; ``others`` lists where those cells are). Each form
    is made when first asked for."""

    __slots__ = ("_cells", "_others", "_series", "kinds", "mixed", "pl")

    def __init__(
        self,
        pl: ModuleType,
        cells: Sequence[object] | None = None,
        series: Any = None,
    ) -> None:
        self.pl = pl
        self._cells = cells
        self._series = series
        self._others: list[int] | None = None
        #: the types of the cells (text and None only, for a column of a polars table)
        self.kinds = _TEXT_TYPES if cells is None else set(map(type, cells))
        #: cells other than text (numbers, dates, booleans): null in the series
        self.mixed = not self.kinds <= _TEXT_TYPES

    @property
    def others(self) -> list[int]:
        """Where the cells other than text are."""
        if self._others is None:
            cells = self._cells
            self._others = (
                [i for i, c in enumerate(cells) if c is not None and type(c) is not str]
                if self.mixed and cells is not None
                else []
            )
        return self._others

    @property
    def cells(self) -> Sequence[object]:
        if self._cells is None:
            self._cells = self._series.to_list()
        return self._cells

    @property
    def series(self) -> Any:
        if self._series is None:
            pl, cells = self.pl, self._cells
            assert cells is not None
            if str not in self.kinds:
                self._series = pl.repeat(None, len(cells), dtype=pl.String, eager=True)
            else:
                if self.mixed:
                    cells = [c if type(c) is str else None for c in cells]
                self._series = pl.Series(cells, dtype=pl.String)
        return self._series

    def kept(self, keep: _Keep) -> list[Any]:
        """The cells of the rows kept."""
        if keep.every:
            return list(self.cells)
        if self._cells is None:
            return self._series.filter(keep.mask).to_list()  # type: ignore[no-any-return]
        return list(compress(self._cells, keep.flags))

    def keys(self) -> Sequence[object]:
        """Each cell as a key telling values apart by type (``True`` is not the code ``1``)."""
        if not self.mixed:
            return self.cells
        return [c if type(c) is str else (type(c), c) for c in self.cells]

    def kept_keys(self, keep: _Keep) -> list[Any]:
        if not self.mixed:
            return self.kept(keep)
        return [c if type(c) is str else (type(c), c) for c in self.kept(keep)]

    def distinct(self) -> list[Any]:
        """The distinct keys of the column (see :meth:`keys`)."""
        if not self.mixed:
            return self.series.unique().to_list()  # type: ignore[no-any-return]
        return list(set(self.keys()))

    def where(self, keys: Collection[Any]) -> tuple[Any, list[int]]:
        """The rows whose key is one of ``keys``: a polars mask, and a list of rows."""
        pl = self.pl
        if not keys:
            return None, []
        if self.mixed:
            wanted = set(keys)
            return None, [i for i, k in enumerate(self.keys()) if k in wanted]
        texts = [k for k in keys if k is not None]
        mask = self.series.is_in(texts) if texts else pl.repeat(False, len(self.series), eager=True)
        if None in keys:
            mask = mask | self.series.is_null()
        return mask.fill_null(False), []


class _Keep:
    """The rows a block keeps: as a polars mask and as a list of flags."""

    __slots__ = ("count", "every", "flags", "mask")

    def __init__(self, mask: Any, flags: list[bool]) -> None:
        self.mask, self.flags = mask, flags
        self.count = sum(flags)
        self.every = self.count == len(flags)


class Vouched(NamedTuple):
    """What the bulk path made of a block: the records of the rows it vouched for, in order,
    with their NIKs, row numbers and the household or programme each NIK counts in (one for
    all, or one each); the positions of the other rows, for the general path."""

    records: list[Any]
    niks: list[str]
    parts: str | list[str]
    numbers: list[int]
    unvouched: list[int]


class Block:
    """Rows of one sheet as columns (the bulk path's unit of work)."""

    height: int
    _all: list[int] | None = None

    def column(self, col: int) -> _Col:
        raise NotImplementedError

    def all_numbers(self) -> list[int]:
        """The row number of each row."""
        if self._all is None:
            self._all = self._numbers_list()
        return self._all

    def _numbers_list(self) -> list[int]:
        raise NotImplementedError

    def numbers(self, keep: _Keep) -> list[int]:
        """The row numbers of the rows kept."""
        raise NotImplementedError

    def row(self, i: int) -> Row:
        """Row ``i`` as :meth:`Sheet.rows <sibaso.readers.Sheet.rows>` gives it."""
        raise NotImplementedError


class RowsBlock(Block):
    """A block of rows as the reader gave them (columns made when first asked for)."""

    def __init__(self, pl: ModuleType | None, rows: Sequence[Row], width: int) -> None:
        self.pl, self.rows, self.height, self.width = pl, rows, len(rows), width
        self._columns: list[Sequence[object]] | None = None
        self._made: dict[int, _Col] = {}

    def column(self, col: int) -> _Col:
        found = self._made.get(col)
        if found is None:
            if self._columns is None:
                cells = (cells for _, cells in self.rows)
                columns: list[Sequence[object]] = list(zip_longest(*cells))
                columns += [(None,) * self.height] * (self.width - len(columns))
                self._columns = columns
            assert self.pl is not None
            found = self._made[col] = _Col(self.pl, cells=self._columns[col])
        return found

    def _numbers_list(self) -> list[int]:
        return [number for number, _ in self.rows]

    def numbers(self, keep: _Keep) -> list[int]:
        numbers = self.all_numbers()
        return list(numbers) if keep.every else list(compress(numbers, keep.flags))

    def row(self, i: int) -> Row:
        return self.rows[i]


class FrameBlock(Block):
    """A block of rows as a polars frame (see :meth:`Sheet.table <sibaso.readers.Sheet.table>`):
    text columns ``c0``, ``c1``, … and the row numbers in ``row``."""

    def __init__(self, pl: ModuleType, frame: Any) -> None:
        self.pl, self.frame, self.height = pl, frame, frame.height
        self.width = frame.width - 1
        self._made: dict[int, _Col] = {}

    def column(self, col: int) -> _Col:
        found = self._made.get(col)
        if found is None:
            pl = self.pl
            series = (
                self.frame.get_column(f"c{col}")
                if col < self.width
                else pl.Series(f"c{col}", [None] * self.height, dtype=pl.String)
            )
            found = self._made[col] = _Col(pl, series=series)
        return found

    def _numbers_list(self) -> list[int]:
        return self.frame.get_column("row").to_list()  # type: ignore[no-any-return]

    def numbers(self, keep: _Keep) -> list[int]:
        rows = self.frame.get_column("row")
        return (rows if keep.every else rows.filter(keep.mask)).to_list()  # type: ignore[no-any-return]

    def row(self, i: int) -> Row:
        *cells, number = self.frame.row(i)
        end = len(cells)
        while end and cells[end - 1] is None:
            end -= 1
        return number, tuple(cells[:end])


class BulkReader:
    """Reads blocks of one sheet's rows (see the module's description)."""

    def __init__(self, conv: RowConverter, record: type) -> None:
        self.conv = conv
        self.record = record
        self.kind = conv.adapter.kind
        pl = _pl()
        assert pl is not None
        self.pl: ModuleType = pl
        nik_regions, nik_dates = _nik.plain_parts()
        kk_regions, kk_dates = _kk.plain_parts()
        # plain lists: ``is_in`` with a Series of the same type is deprecated in polars
        self.nik_parts = (sorted(nik_regions), sorted(nik_dates))
        self.kk_parts = (sorted(kk_regions), sorted(kk_dates))
        self.missing = sorted(MISSING)
        self.programme_of: Callable[[object], tuple[str, Basis] | None] = _programme_reader(conv)
        #: each reader's answers by value, kept from block to block (dates and names repeat)
        self.memory: dict[tuple[str, Callable[[Any], Any]], dict[object, Any]] = {}
        present = set(conv.index) | set(conv.defaults)
        self.address_keys = [k for k in _ADDRESS_KEYS if k in present]
        self.fields = [a.name for a in record.__attrs_attrs__]  # type: ignore[attr-defined]
        #: the fields a record takes, directly or in its address or details (reading the
        #: others would change nothing: they never make a row the general path's)
        self.needed = {*self.fields, "name", "household_id"}
        if conv.has_address:
            self.needed.update(self.address_keys)
        if self.kind is not Kind.POPULATION:
            self.needed.update(field for field, _ in conv.detail_fields)

    # -- one block ---------------------------------------------------------------------

    def read(self, rows: Sequence[Row]) -> tuple[list[Any], list[Key | None]]:
        """For each row, the general path's record when it would report nothing (else None),
        and the key (household or programme, NIK) under which duplicates are checked."""
        found = self.read_block(RowsBlock(self.pl, rows, self.conv.width))
        records: list[Any] = [None] * len(rows)
        keys: list[Key | None] = [None] * len(rows)
        parts = found.parts
        every = repeat(parts) if isinstance(parts, str) else parts
        vouched = sorted(set(range(len(rows))) - set(found.unvouched))
        for i, record, part, nik in zip(vouched, found.records, every, found.niks, strict=False):
            records[i], keys[i] = record, (part, nik)
        return records, keys

    def read_block(self, block: Block, shape: Shape | None = None) -> Vouched:
        """The records of the rows of ``block`` the general path would read without a remark,
        and which rows are left to it.

        ``shape``, for a caller that wants other items than records (the registry stores
        rows): given the record class, the records' attributes as columns (name → one value a
        record, as the records would hold them) and their count, the items to give in their
        place, or None for the records."""
        conv, pl, n = self.conv, self.pl, block.height
        if n == 0:
            return Vouched([], [], "", [], [])
        idx = conv.index
        column = block.column
        free = [(f, c) for f, c in conv.free_text if f not in conv.value_maps]
        texts = sorted({c for _, c in free} | {c for c, _ in conv.extra})

        # every check polars makes, in one pass over the block
        nik = column(idx["nik"])
        frame = {"nik": nik.series}
        plain = self._plain(pl.col("nik"), self.nik_parts)
        unvouched: list[int] = []  # rows the general path reads, by position
        for field, col, digits in conv.code_plan:
            code = column(col)
            unvouched += code.others  # a number for a code: the general path says
            frame[field] = code.series
            plain = plain & self._code(pl.col(field), digits)
        checks = [
            plain.fill_null(False).alias("ok"),
            pl.col("nik").str.slice(6, 1).is_in(["4", "5", "6", "7"]).fill_null(False).alias("w"),
        ]
        for col in texts:
            frame[f"t{col}"] = column(col).series
            checks.append(self._clean(pl.col(f"t{col}")).fill_null(False).alias(f"c{col}"))
        if "kk" in idx:
            kk = column(idx["kk"])
            frame["kk"] = kk.series
            checks.append(self._plain(pl.col("kk"), self.kk_parts).fill_null(False).alias("kk"))
        found = pl.DataFrame(frame).select(checks)
        ok = found.get_column("ok")
        bad: list[Any] = []  # masks of rows the general path reads

        def refuse(mask: Any, rows: list[int]) -> None:
            if mask is not None:
                bad.append(mask)
            unvouched.extend(rows)

        kk_of: dict[object, tuple[Any, Any]] = {}
        if "kk" in idx:
            kk_plain = found.get_column("kk")
            unvouched += kk.others
            odd = kk.series.filter(~kk_plain & kk.series.is_not_null()).unique().to_list()
            for text in odd:  # any other text: kk_cell itself says
                made_kk, given_kk, problem = conv.kk_of(text)
                kk_of[text] = (made_kk, given_kk) if problem is None else None  # type: ignore[assignment]
            refuse(*kk.where([t for t in odd if kk_of[t] is None]))
        sexes = None
        if "sex" in idx:
            sex_col = column(idx["sex"])
            sexes = self._lookup(sex_col, "sex", v.sex_cell, mapped=True)
            refuse(*sex_col.where([k for k, (_, p) in sexes.items() if p is not None]))
            # a sex the NIK contradicts is reported by the general path
            women = found.get_column("w")
            female, _ = sex_col.where([k for k, (s, _) in sexes.items() if s is Sex.FEMALE])
            male, _ = sex_col.where([k for k, (s, _) in sexes.items() if s is Sex.MALE])
            if sex_col.mixed:
                woman = women.to_list()
                refuse(
                    None,
                    [
                        i
                        for i, k in enumerate(sex_col.keys())
                        if (s := sexes[k][0]) is not None and (s is Sex.FEMALE) != woman[i]
                    ],
                )
            else:
                if female is not None:
                    refuse(female & ~women, [])
                if male is not None:
                    refuse(male & women, [])
        dates = None
        if "birth_date" in idx:
            date_col = column(idx["birth_date"])
            dates = self._lookup(date_col, "birth_date", conv._date, many=self._plain_dates)
            refuse(*date_col.where([k for k, (_, p) in dates.items() if p is not None]))
        programmes = None
        if self.kind is Kind.ENROLMENT and "programme_name" in idx:
            name_col = column(idx["programme_name"])
            read_name = next(r for f, _, r, _ in conv.repeated_text if f == "programme_name")
            names = self._lookup(name_col, "programme_name", read_name, mapped=True)
            default = conv.defaults.get("programme_name")
            programmes = {
                k: self.programme_of(default if name is None and default is not None else name)
                for k, name in names.items()
            }
            refuse(*name_col.where([k for k, p in programmes.items() if p is None]))

        for mask in bad:
            ok = ok & ~mask
        flags: list[bool] = ok.to_list()
        for i in unvouched:
            flags[i] = False
        if unvouched:
            ok = pl.Series(flags, dtype=pl.Boolean)
        keep = _Keep(ok, flags)
        if not keep.count:
            return Vouched([], [], "", [], list(range(n)))

        # the values of the rows kept
        f: dict[str, list[Any]] = {}
        given = nik.kept(keep)
        f["nik_given"] = given
        if "kk" in idx:
            cells = kk.kept(keep)
            distinct = set(cells)
            distinct.discard(None)
            odd_kept = distinct & kk_of.keys()  # not plain, but kk_cell says nothing of them
            values = list(distinct - odd_kept)
            made = dict(zip(values, KK._make_many(values), strict=True))
            made[None] = None
            renamed = {}
            for text in odd_kept:
                made[text], renamed[text] = kk_of[text]
            f["kk"] = list(map(made.__getitem__, cells))
            f["kk_given"] = list(map(renamed.get, cells, cells)) if renamed else cells
        need = self.needed
        for field, col in conv.free_text:
            if field not in need:
                continue
            if field in conv.value_maps:
                f[field] = self._values(column(col), field, v.text_cell, keep, mapped=True)
            else:
                f[field] = self._text(column(col), found.get_column(f"c{col}"), keep)
        for field, col, read, _cache in conv.repeated_text:
            if field in need:
                f[field] = self._values(column(col), field, read, keep, mapped=True)
        if sexes is not None:
            sex_of = {k: s for k, (s, _) in sexes.items()}
            f["sex"] = list(map(sex_of.__getitem__, column(idx["sex"]).kept_keys(keep)))
        if dates is not None and "birth_date" in need:
            date_of = {k: d for k, (d, _) in dates.items()}
            f["birth_date"] = list(
                map(date_of.__getitem__, column(idx["birth_date"]).kept_keys(keep))
            )
        readers: tuple[tuple[str, Callable[[object], Any]], ...] = (
            ("relationship", Relationship.parse),
            ("alive", is_alive),
        )
        for field, read in readers:
            if field in idx and field in need:
                f[field] = self._values(column(idx[field]), field, read, keep, mapped=True)
        for field, col, parse, _cache in conv.region_plan:
            if field in need:
                f[field] = self._values(column(col), field, parse, keep, mapped=True)
        for field, col, _digits in conv.code_plan:
            if field in need:
                f[field] = column(col).kept(keep)
        for field, value in conv.defaults.items():
            if field not in need:
                continue
            if field not in f:
                f[field] = [value] * keep.count
            elif None in f[field]:
                f[field] = [value if x is None else x for x in f[field]]
        women_kept = None
        if self.kind is Kind.POPULATION:
            women = found.get_column("w")
            women_kept = (women if keep.every else women.filter(keep.mask)).to_list()
        numbers = block.numbers(keep)
        programme = basis = None
        if self.kind is Kind.ENROLMENT:
            if programmes is not None:
                named_keys = column(idx["programme_name"]).kept_keys(keep)
                named: list[Any] = list(map(programmes.__getitem__, named_keys))
                programme = list(map(_FIRST, named))
                basis = list(map(_SECOND, named))
            else:
                assert conv.programme is not None
                programme = [conv.programme.code] * keep.count
                basis = [conv.basis_of(conv.programme)] * keep.count

        # a row without a name (a person) or household id (a member): the general path
        must = {Kind.POPULATION: "name", Kind.HOUSEHOLD: "household_id"}.get(self.kind)
        if must is not None and not all(f[must]):
            also = list(map(bool, f[must]))
            for field in list(f):
                f[field] = list(compress(f[field], also))
            given = f["nik_given"]
            numbers = list(compress(numbers, also))
            if women_kept is not None:
                women_kept = list(compress(women_kept, also))
            positions = iter(compress(range(n), flags))
            for still in also:
                i = next(positions)
                if not still:
                    flags[i] = False
            keep = _Keep(pl.Series(flags, dtype=pl.Boolean), flags)
            if not keep.count:
                return Vouched([], [], "", [], list(range(n)))
        count = keep.count

        made_fields: dict[str, Any] = {
            "nik": NIK._make_many(given),
            "provenance": list(
                map(
                    tuple.__new__,
                    repeat(Provenance),
                    zip(repeat(conv.file), repeat(conv.sheet), numbers),
                )
            ),
        }
        if self.kind is Kind.POPULATION:
            assert women_kept is not None
            sex = f.get("sex") or repeat(None)
            made_fields["sex"] = [
                s or (Sex.FEMALE if w else Sex.MALE) for s, w in zip(sex, women_kept, strict=False)
            ]
        for field, values in f.items():
            made_fields.setdefault(field, values)
        made_fields["address"] = self._addresses(made_fields, count)
        if self.kind is not Kind.POPULATION:
            made_fields["details"] = self._details(made_fields, block, found, keep, count)
        if programme is not None and basis is not None:
            made_fields["programme"], made_fields["basis"] = programme, basis
            made_fields["period"] = repeat(conv.period)
            made_fields["decree"] = repeat(None)
        wanted = {name: made_fields.get(name, repeat(_DEFAULTS.get(name))) for name in self.fields}
        built = shape(self.record, wanted, count) if shape is not None else None
        if built is None:
            built = from_columns(self.record, count, wanted)
        parts: str | list[str]
        if self.kind is Kind.POPULATION:
            parts = ""
        elif self.kind is Kind.HOUSEHOLD:
            parts = made_fields["household_id"]
        elif "household_id" in made_fields:
            parts = [
                h or p
                for h, p in zip(made_fields["household_id"], made_fields["programme"], strict=True)
            ]
        elif programmes is None:
            assert conv.programme is not None
            parts = conv.programme.code
        else:
            parts = made_fields["programme"]
        unvouched = [] if keep.every else list(compress(range(n), map(not_, flags)))
        return Vouched(built, given, parts, numbers, unvouched)

    # -- columns -----------------------------------------------------------------------

    def _plain(self, column: Any, parts: tuple[Any, Any]) -> Any:
        """16 ASCII digits whose region and date parts are plain and serial not 0000."""
        regions, dates = parts
        s = column.str
        return (
            s.contains(r"^[0-9]{16}$")
            & s.slice(0, 6).is_in(regions)
            & s.slice(6, 4).is_in(dates)
            & (s.slice(12, 4) != "0000")
        )

    def _clean(self, column: Any) -> Any:
        """Which texts are clean by :func:`sibaso.core.text.is_clean_text`, for plain ASCII
        text (any other text is false here: the caller cleans it the usual way)."""
        s = column.str
        return (
            s.contains(_TIDY_ASCII)
            & ~s.contains("  ", literal=True)
            & ~s.to_uppercase().is_in(self.missing)
        )

    def clean_text(self, series: Any) -> Any:
        """:meth:`_clean` of a series of text (for tests)."""
        return (
            series.to_frame("t").select(self._clean(self.pl.col("t"))).to_series().fill_null(False)
        )

    def _text(self, column: _Col, clean: Any, keep: _Keep) -> list[Any]:
        """``text_cell`` of each kept cell: clean text as it is, the rest cleaned, once per
        value."""
        text_cell = v.text_cell
        series = column.series
        unclean = series.filter(~clean) if keep.every else series.filter(keep.mask & ~clean)
        cleaned = {c: text_cell(c) for c in unclean.unique().to_list() if c is not None}
        cells = column.kept(keep)
        if column.mixed:
            if column.kinds <= _TEXT_AND_WHOLE:  # whole numbers: their text is str()
                return [
                    cleaned.get(c, c) if type(c) is str else c if c is None else str(c)
                    for c in cells
                ]
            return [cleaned.get(c, c) if type(c) is str else text_cell(c) for c in cells]
        if not cleaned:
            return cells
        return list(map(cleaned.get, cells, cells))

    def _lookup(
        self,
        column: _Col,
        field: str,
        read: Callable[[Any], Any],
        *,
        mapped: bool = False,
        many: Callable[[list[str]], dict[str, Any]] | None = None,
    ) -> dict[object, Any]:
        """``read`` of each distinct cell of ``column`` (after the field's value map when
        ``mapped``), by key (see :meth:`_Col.keys`); ``many`` may answer for several text
        values at once (those it leaves out go to ``read``)."""
        results = self.memory.setdefault((field, read), {})
        if len(results) > _MEMORY:
            results.clear()
        new = [k for k in column.distinct() if k not in results]
        if many is not None and new:
            results.update(many([k for k in new if type(k) is str]))
            new = [k for k in new if k not in results]
        value_map = self.conv.value_maps.get(field) if mapped else None
        for key in new:
            cell = key[1] if type(key) is tuple else key
            if value_map is not None:
                cell = self.conv.mapped_cell(field, cell)
            results[key] = read(cell)
        return results

    def _values(
        self, column: _Col, field: str, read: Callable[[Any], Any], keep: _Keep, *, mapped: bool
    ) -> list[Any]:
        """``read`` of each kept cell, once per distinct value."""
        results = self._lookup(column, field, read, mapped=mapped)
        return list(map(results.__getitem__, column.kept_keys(keep)))

    def _plain_dates(self, texts: list[str]) -> dict[str, tuple[Any, None]]:
        """``(date, None)`` of each ``DD-MM-YYYY`` text that ``date_cell`` reads without a
        remark: a real date from 1880 to today (parsed by polars, all at once); other texts
        are left out, for ``date_cell`` itself."""
        pl = self.pl
        s = pl.Series(texts, dtype=pl.String).to_frame("d")
        parsed = pl.col("d").str.strptime(pl.Date, "%d-%m-%Y", strict=False)
        found = s.select(
            parsed.alias("date"),
            (
                pl.col("d").str.contains(r"^[0-9]{2}-[0-9]{2}-[0-9]{4}$")
                & parsed.is_not_null()
                & (parsed.dt.year() >= v._OLDEST_YEAR)
                & (parsed <= v._Today.get())
            )
            .fill_null(False)
            .alias("ok"),
        )
        dates, ok = found["date"].to_list(), found["ok"].to_list()
        return {t: (d, None) for t, d, k in zip(texts, dates, ok, strict=True) if k}

    def _code(self, column: Any, digits: int | None) -> Any:
        """A card, NISN or KIP number the general path has nothing to say about: none, or
        ASCII digits (exactly ``digits`` of them when given), not all zeros."""
        pattern = rf"^[0-9]{{{digits}}}$" if digits is not None else r"^[0-9]+$"
        return column.is_null() | (column.str.contains(pattern) & ~column.str.contains(r"^0+$"))

    def _addresses(self, made: dict[str, Any], count: int) -> list[Any]:
        """One shared (frozen) address per distinct combination of the address fields."""
        if not self.conv.has_address or not self.address_keys:
            return [None] * count
        keys = self.address_keys
        make = self.conv._address
        if len(keys) == 1:
            combos: list[Any] = made[keys[0]]
            found = {c: make({keys[0]: c}) for c in set(combos)}
        else:
            combos = list(zip(*(made[k] for k in keys), strict=True))
            found = {c: make(dict(zip(keys, c, strict=True))) for c in set(combos)}
        return list(map(found.__getitem__, combos))

    def _details(
        self, made: dict[str, Any], block: Block, found: Any, keep: _Keep, count: int
    ) -> list[dict[str, str]]:
        """The details dict: the unnamed columns' text, then the named fields kept there."""
        conv = self.conv
        names: list[str] = []
        values: list[Sequence[Any]] = []
        for col, header in conv.extra:
            names.append(header)
            values.append(self._text(block.column(col), found.get_column(f"c{col}"), keep))
        for field, key in conv.detail_fields:
            names.append(key)
            given = made[field]
            values.append([x if x else None for x in given] if "" in given else given)
        kept = [(k, c) for k, c in zip(names, values, strict=True) if c.count(None) != count]
        if not kept:
            return [{} for _ in range(count)]
        keys = [k for k, _ in kept]
        columns = [c for _, c in kept]
        if not any(None in c for c in columns):
            return _dicts(keys, columns)
        rows = zip(*columns, strict=True)
        return [{k: x for k, x in zip(keys, row, strict=True) if x is not None} for row in rows]


def _dicts(keys: list[str], columns: list[Sequence[Any]]) -> list[dict[str, Any]]:
    """One dict a row, of ``keys`` and the row's values (a dict display for up to four keys:
    twice as fast as ``dict(zip(…))``)."""
    if len(keys) == 1:
        (k0,), (c0,) = keys, columns
        return [{k0: a} for a in c0]
    if len(keys) == 2:
        k0, k1 = keys
        return [{k0: a, k1: b} for a, b in zip(*columns, strict=True)]
    if len(keys) == 3:
        k0, k1, k2 = keys
        return [{k0: a, k1: b, k2: c} for a, b, c in zip(*columns, strict=True)]
    if len(keys) == 4:
        k0, k1, k2, k3 = keys
        return [{k0: a, k1: b, k2: c, k3: d} for a, b, c, d in zip(*columns, strict=True)]
    return list(map(dict, map(zip, repeat(keys), zip(*columns, strict=True))))


_DEFAULTS: dict[str, Any] = {"alive": True}
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _programme_reader(conv: RowConverter) -> Callable[[object], tuple[str, Basis] | None]:
    """``(code, basis)`` of a row's programme name when the general path would add no remark
    about it: the catalogue knows the name, and it is the sheet's programme (or none was
    named, or the general path has already said once that the column differs)."""
    own = conv.programme
    noted = conv._differs_noted

    def programme(name: object) -> tuple[str, Basis] | None:
        if not name:
            found = own
        else:
            found = conv.resolve_programme(str(name))
            if not (found is None or own is None or found.code == own.code or found.code in noted):
                return None
        return None if found is None else (found.code, conv.basis_of(found))

    return programme
