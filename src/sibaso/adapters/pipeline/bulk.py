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
from collections.abc import Callable, Sequence
from itertools import compress, repeat, zip_longest
from operator import and_, is_, is_not, itemgetter, not_
from types import ModuleType
from typing import TYPE_CHECKING, Any

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

__all__ = ["CHUNK", "BulkReader", "available", "bulk_reader"]

#: Rows per chunk: enough that polars' per-call cost is nothing per row.
CHUNK = 32_768
_MEMORY = 200_000
Row = tuple[int, tuple[object, ...]]
Key = tuple[str, str]

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


class _Strings:
    """A column as a polars string series; cells that are not text are null there and listed."""

    def __init__(self, pl: ModuleType, cells: Sequence[object]) -> None:
        self.cells = cells
        self.others: list[int] = []
        if set(map(type, cells)) <= _TEXT_TYPES:
            self.series = pl.Series(cells, dtype=pl.String)
        else:  # numbers, dates, booleans: null in the series, listed
            self.others = [i for i, c in enumerate(cells) if c is not None and type(c) is not str]
            self.series = pl.Series([c if type(c) is str else None for c in cells], dtype=pl.String)

    @property
    def all_text(self) -> bool:
        """Every cell is text or None."""
        return not self.others


class BulkReader:
    """Reads chunks of one sheet's rows (see the module's description)."""

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
        #: each reader's answers by value, kept from chunk to chunk (dates and names repeat)
        self.memory: dict[tuple[str, Callable[[Any], Any]], dict[object, Any]] = {}
        present = set(conv.index) | set(conv.defaults)
        self.address_keys = [k for k in _ADDRESS_KEYS if k in present]

    # -- one chunk ---------------------------------------------------------------------

    def read(self, rows: Sequence[Row]) -> tuple[list[Any], list[Key | None]]:
        """For each row, the general path's record when it would report nothing (else None),
        and the key (household or programme, NIK) under which duplicates are checked."""
        conv, pl, n = self.conv, self.pl, len(rows)
        if n == 0:
            return [], []
        numbers, cells = zip(*rows, strict=True)
        columns: list[Sequence[object]] = list(zip_longest(*cells))
        columns += [(None,) * n] * (conv.width - len(columns))
        idx = conv.index
        free = [(f, c) for f, c in conv.free_text if f not in conv.value_maps]
        texts = sorted({c for _, c in free} | {c for c, _ in conv.extra})

        # every check polars makes, in one pass over the chunk
        nik = _Strings(pl, columns[idx["nik"]])
        frame = {"nik": nik.series}
        checks = [self._plain(pl.col("nik"), self.nik_parts).alias("ok")]
        numbers_given: list[int] = []
        for field, col, digits in conv.code_plan:
            code = _Strings(pl, columns[col])
            numbers_given += code.others  # a number for a code: the general path says
            frame[field] = code.series
            checks[0] = checks[0] & self._code(pl.col(field), digits)
        checks.append(pl.col("nik").str.slice(6, 1).is_in(["4", "5", "6", "7"]).alias("female"))
        strings = {col: _Strings(pl, columns[col]) for col in texts}
        for col, column in strings.items():
            frame[f"t{col}"] = column.series
            checks.append(self._clean(pl.col(f"t{col}")).alias(f"c{col}"))
        if "kk" in idx:
            kk = _Strings(pl, columns[idx["kk"]])
            frame["kk"] = kk.series
            checks.append(self._plain(pl.col("kk"), self.kk_parts).alias("kk"))
        found = pl.DataFrame(frame).select(checks)
        ok: list[bool] = found["ok"].fill_null(False).to_list()
        for i in numbers_given:
            ok[i] = False
        female = found["female"].fill_null(False).to_list()
        clean = {col: found[f"c{col}"].fill_null(False).to_list() for col in texts}

        f: dict[str, Sequence[Any]] = {"nik_given": nik.cells}
        if "kk" in idx:
            ok = _and(ok, self._kk(kk, found["kk"].fill_null(False).to_list(), f))
        for field, col in conv.free_text:
            if field in conv.value_maps:
                f[field] = self._per_value(columns[col], conv.mapped_cell, field, v.text_cell)
            else:
                f[field] = self._text(strings[col], clean[col])
        for field, col, read, _cache in conv.repeated_text:
            f[field] = self._per_value(columns[col], conv.mapped_cell, field, read)
        sexes = None
        if "sex" in idx:
            pairs = self._per_value(columns[idx["sex"]], conv.mapped_cell, "sex", v.sex_cell)
            sexes = list(map(_FIRST, pairs))
            ok = _and(ok, map(is_, map(_SECOND, pairs), repeat(None)))
            # a sex the NIK contradicts is reported by the general path
            ok = _and(
                ok,
                [s is None or (s is Sex.FEMALE) == w for s, w in zip(sexes, female, strict=True)],
            )
        if "birth_date" in idx:
            pairs = self._per_value(
                columns[idx["birth_date"]], None, "birth_date", conv._date, self._plain_dates
            )
            f["birth_date"] = list(map(_FIRST, pairs))
            ok = _and(ok, map(is_, map(_SECOND, pairs), repeat(None)))
        readers: tuple[tuple[str, Callable[[object], Any]], ...] = (
            ("relationship", Relationship.parse),
            ("alive", is_alive),
        )
        for field, read in readers:
            if field in idx:
                f[field] = self._per_value(columns[idx[field]], conv.mapped_cell, field, read)
        for field, col, parse, _cache in conv.region_plan:
            f[field] = self._per_value(columns[col], conv.mapped_cell, field, parse)
        for field, col, _digits in conv.code_plan:
            f[field] = columns[col]
        for field, value in conv.defaults.items():
            if field not in f:
                f[field] = [value] * n
            else:
                f[field] = [value if x is None else x for x in f[field]]
        if self.kind is Kind.POPULATION:
            ok = _and(ok, map(bool, f["name"]))
        elif self.kind is Kind.HOUSEHOLD:
            ok = _and(ok, map(bool, f["household_id"]))
        programme = basis = None
        if self.kind is Kind.ENROLMENT:
            if "programme_name" in idx:
                named = self._per_value(f["programme_name"], None, "programme", self.programme_of)
                ok = _and(ok, map(is_not, named, repeat(None)))
                programme = [x[0] if x is not None else None for x in named]
                basis = [x[1] if x is not None else None for x in named]
            else:
                assert conv.programme is not None
                programme = [conv.programme.code] * n
                basis = [conv.basis_of(conv.programme)] * n

        keep = list(ok)
        count = sum(keep)
        if not count:
            return [None] * n, [None] * n
        every = count == n

        def take(values: Sequence[Any]) -> Sequence[Any]:
            return values if every else list(compress(values, keep))

        given = take(nik.cells)
        made: dict[str, Any] = {
            "nik": NIK._make_many(given),  # type: ignore[arg-type]
            "provenance": list(
                map(
                    tuple.__new__,
                    repeat(Provenance),
                    zip(repeat(conv.file), repeat(conv.sheet), take(numbers)),
                )
            ),
        }
        if self.kind is Kind.POPULATION:
            sex = take(sexes) if sexes is not None else repeat(None)
            made["sex"] = [
                s or (Sex.FEMALE if w else Sex.MALE)
                for s, w in zip(sex, take(female), strict=False)
            ]
        elif sexes is not None:
            made["sex"] = take(sexes)
        for field, values in f.items():
            made.setdefault(field, take(values))
        made["address"] = self._addresses(made, count)
        if self.kind is not Kind.POPULATION:
            made["details"] = self._details(made, strings, clean, take, count)
        if programme is not None and basis is not None:
            made["programme"], made["basis"] = take(programme), take(basis)
            made["period"] = repeat(conv.period)
            made["decree"] = repeat(None)
        fields = [a.name for a in self.record.__attrs_attrs__]  # type: ignore[attr-defined]
        wanted = {name: made.get(name, repeat(_DEFAULTS.get(name))) for name in fields}
        built: list[Any] = from_columns(self.record, count, wanted)
        if self.kind is Kind.POPULATION:
            parts: Any = repeat("")
        elif self.kind is Kind.HOUSEHOLD:
            parts = made["household_id"]
        elif "household_id" in made:
            parts = [h or p for h, p in zip(made["household_id"], made["programme"], strict=True)]
        else:
            parts = made["programme"]
        keys: list[Any] = list(zip(parts, given, strict=False))
        if every:
            return built, keys
        records, pairs_ = iter(built), iter(keys)
        return (
            [next(records) if k else None for k in keep],
            [next(pairs_) if k else None for k in keep],
        )

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

    def _kk(self, column: _Strings, plain: list[bool], f: dict[str, Sequence[Any]]) -> Any:
        """The KK column: plain ones made at once, other text by ``kk_cell`` itself; whether
        each row's KK is one the general path says nothing about."""
        cells = column.cells
        values: list[str] = sorted(set(compress(cells, plain)))  # type: ignore[arg-type]
        made = dict(zip(values, KK._make_many(values), strict=True))
        kks: list[Any] = list(map(made.get, cells))  # type: ignore[arg-type]
        givens: list[Any] = list(cells)
        ok: list[bool] | None = None
        for i, (cell, is_plain) in enumerate(zip(cells, plain, strict=True)):
            if is_plain or cell is None:
                continue
            if ok is None:
                ok = [True] * len(cells)
            if type(cell) is str:
                kks[i], givens[i], problem = self.conv.kk_of(cell)
                ok[i] = problem is None
            else:
                givens[i] = None
                ok[i] = False  # a number: the general path says what it thinks of it
        f["kk"], f["kk_given"] = kks, givens
        return ok if ok is not None else repeat(True)

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

    def _text(self, column: _Strings, clean: list[bool]) -> list[Any]:
        """``text_cell`` of each cell: clean text as it is, the rest cleaned, once per value."""
        cells = column.cells
        text_cell = v.text_cell
        unclean = {c for c in compress(cells, map(not_, clean)) if type(c) is str}
        cleaned = {c: text_cell(c) for c in unclean}
        out: list[Any] = list(map(cleaned.get, cells, cells))  # type: ignore[arg-type]
        for i in column.others:
            out[i] = text_cell(cells[i])
        return out

    def _per_value(
        self,
        cells: Sequence[object],
        mapped: Callable[[str, object], object] | None,
        field: str,
        read: Callable[[Any], Any],
        many: Callable[[list[str]], dict[str, Any]] | None = None,
    ) -> list[Any]:
        """``read`` of each cell (after the field's value map), once per distinct value;
        ``many`` may answer for several new text values at once (those it leaves out go to
        ``read``).

        Values are told apart by type as well (``True`` is not the code ``1``)."""
        if set(map(type, cells)) <= _TEXT_TYPES:
            keys: Sequence[object] = cells
        else:
            keys = [c if type(c) is str else (type(c), c) for c in cells]
        results = self.memory.setdefault((field, read), {})
        if len(results) > _MEMORY:
            results.clear()
        new = dict(zip(keys, cells, strict=True))
        for known in results.keys() & new.keys():
            del new[known]
        if many is not None and new:
            results.update(many([c for c in new.values() if type(c) is str]))
            for known in results.keys() & new.keys():
                del new[known]
        if mapped is not None and field in self.conv.value_maps:
            results.update((k, read(mapped(field, c))) for k, c in new.items())
        else:
            results.update((k, read(c)) for k, c in new.items())
        return list(map(results.__getitem__, keys))

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
        combos = list(zip(*(made[k] for k in keys), strict=True))
        make = self.conv._address
        found = {c: make(dict(zip(keys, c, strict=True))) for c in set(combos)}
        return list(map(found.__getitem__, combos))

    def _details(
        self,
        made: dict[str, Any],
        strings: dict[int, _Strings],
        clean: dict[int, list[bool]],
        take: Callable[[Sequence[Any]], Sequence[Any]],
        count: int,
    ) -> list[dict[str, str]]:
        """The details dict: the unnamed columns' text, then the named fields kept there."""
        conv = self.conv
        names: list[str] = []
        values: list[Sequence[Any]] = []
        for col, header in conv.extra:
            names.append(header)
            values.append(take(self._text(strings[col], clean[col])))
        for field, key in conv.detail_fields:
            names.append(key)
            values.append([x if x else None for x in made[field]])
        kept = [(k, c) for k, c in zip(names, values, strict=True) if c.count(None) != count]
        if not kept:
            return [{} for _ in range(count)]
        keys = [k for k, _ in kept]
        rows = zip(*(c for _, c in kept), strict=True)
        if not any(None in c for _, c in kept):
            return list(map(dict, map(zip, repeat(keys), rows)))
        return [{k: x for k, x in zip(keys, row, strict=True) if x is not None} for row in rows]


_DEFAULTS: dict[str, Any] = {"alive": True}
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _and(a: Any, b: Any) -> list[bool]:
    """Row by row, both."""
    return list(map(and_, a, b))


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
