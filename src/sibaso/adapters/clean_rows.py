"""The clean-row path: a row whose every cell is already in its final form becomes its record
without the general path's bookkeeping.

Most rows of a real export are clean: a 16-digit NIK of a known region, a No. KK seen on the
row before, names without stray spaces, a birth date read before. For such a row the general
path (:meth:`RowConverter.convert`) does a lot of work to find that nothing is wrong. The
function :func:`clean_row_reader` builds, once per sheet, a reader that checks exactly the
conditions under which the general path would report nothing, and returns the same record;
for any other row it returns ``None`` and the caller takes the general path. So a row is
never judged by two sets of rules: the general path stays the one definition, and
``tests/adapters/test_clean_rows.py`` checks, on generated and hostile rows alike, that the
paths give equal records whenever this one answers.

The reader is a *plan*: a short list of steps (read the NIK of column 3, the cached text of
column 8, …) written for the sheet's columns. The plan runs in one of two ways:

* compiled, by ``sibaso._speedups.Reader`` (C, built at install when a compiler is there);
* as Python source written from the same steps (as attrs writes ``__init__``), kept on
  ``reader.source`` for anyone who wants to audit what a clean row is.

``SIBASO_SPEEDUPS=0`` keeps the Python form even when the compiled one is installed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import attrs

from sibaso._compiled import speedups
from sibaso.adapters import values as v
from sibaso.adapters.base import Adapter, Kind
from sibaso.core import _identifier, wilayah
from sibaso.core import nik as _nik
from sibaso.core.kk import KK
from sibaso.core.model import (
    Address,
    HouseholdMember,
    Person,
    ProgrammeEnrolment,
    Provenance,
    Relationship,
)
from sibaso.core.nik import NIK, Sex
from sibaso.core.programmes import Basis
from sibaso.core.vital import is_alive

if TYPE_CHECKING:
    from sibaso.adapters.convert import RowConverter

__all__ = ["CleanRowReader", "clean_row_reader", "compiled_available"]


class CleanRowReader(Protocol):
    """``reader(row_number, cells)``: the record of a clean row, else ``None``."""

    source: str

    def __call__(self, row: int, cells: tuple[object, ...], /) -> Any: ...

    def take(
        self,
        rows: Iterator[tuple[int, tuple[object, ...]]],
        first: int,
        skipped: Container[int],
        out: list[Any],
        limit: int,
        /,
    ) -> tuple[int, tuple[object, ...]] | bool | None:
        """Append the records of clean rows to ``out``, skipping row numbers up to ``first``
        and in ``skipped``; give back the first row that is not clean, True after ``limit``
        records, None when ``rows`` ends."""


_MISSING = v._MISSING
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
#: fields whose steps read the cell itself: a value map on them keeps the general path
_UNMAPPABLE = frozenset(("nik", "kk", "card_number", "nisn", "kip_number", "birth_date"))
_clean_districts: frozenset[str] | None = None
_MISS = object()
_CACHE_MAX = 50_000


def compiled_available() -> bool:
    """Whether the compiled clean-row reader is installed (and not turned off)."""
    return speedups() is not None


def _districts_without_warnings() -> frozenset[str]:
    """Current kecamatan codes (6 digits): a NIK of one of these carries no region warning."""
    global _clean_districts
    if _clean_districts is None:
        districts, _provinces, _ddmm = _nik._fast or _nik._fast_tables()
        retired = wilayah.retired_codes()
        # the rule of core._identifier.region_warnings (a test compares the two on every code)
        _clean_districts = frozenset(
            d for d in districts if d not in retired and d[:4] not in retired
        )
    return _clean_districts


def _plain_adjust(adapter: Adapter) -> bool:
    return type(adapter).adjust is Adapter.adjust


def clean_row_reader(conv: RowConverter, *, compiled: bool | None = None) -> CleanRowReader | None:
    """A reader of the clean rows of ``conv``'s sheet, or None when its layout has fields this
    path does not know (their rows all take the general path).

    ``compiled`` chooses the C or the Python form (default: C when available).
    """
    idx = conv.index
    free = {f for f, _ in conv.free_text}
    repeated = {f for f, *_ in conv.repeated_text}
    kind = conv.adapter.kind
    if (
        conv.today is not None
        or not _plain_adjust(conv.adapter)
        or set(idx) - _NAMED_FIELDS - free - repeated
        or "nik" not in idx
        or _UNMAPPABLE & set(conv.value_maps) & set(idx)
        or (kind is Kind.ENROLMENT and conv.programme is None and "programme_name" not in idx)
    ):
        return None
    if kind is Kind.POPULATION and "name" not in idx:
        return None  # the general path refuses every row without a name
    if kind is Kind.HOUSEHOLD and "household_id" not in idx:
        return None  # … and every roster row without a household id
    _districts_without_warnings()
    plan = _Plan(conv)
    if compiled is None:
        compiled = compiled_available()
    if compiled and speedups() is not None and _plain_attrs(plan.record):
        return plan.compiled()
    return plan.python()


def _plain_attrs(cls: type) -> bool:
    """An attrs class whose ``__init__`` only stores its arguments (no validator, converter
    or post-init): the compiled reader may then set its slots itself."""
    return not hasattr(cls, "__attrs_post_init__") and all(
        f.validator is None and f.converter is None and f.init for f in attrs.fields(cls)
    )


class Op(NamedTuple):
    """One step of a plan: what to read from which column into which slot."""

    code: int
    col: int = -1
    slot: int = -1
    slot2: int = -1
    number: int = -1
    a: Any = None
    b: Any = None
    c: Any = None


# step codes, shared with _speedups.c
NIK_OP, KK_OP, TEXT, CACHED, DATE, SEX_OP, CODE, DEFAULT, ADDRESS = range(1, 10)
REQUIRE, DETAILS, EXTRA, DETAIL, PROGRAMME, CONST, SEX_OR_NIK, SEEN = range(10, 18)


class _Plan:
    """The steps that read one sheet's clean rows, and the record they fill."""

    def __init__(self, conv: RowConverter) -> None:
        self.conv = conv
        self.ops: list[Op] = []
        self.slots: list[str] = []
        idx = conv.index
        kind = conv.adapter.kind
        self.people = kind is Kind.POPULATION
        self.members = kind is Kind.HOUSEHOLD
        self.record: type = (
            Person if self.people else HouseholdMember if self.members else ProgrammeEnrolment
        )
        #: (attribute, slot, constant): slot -1 is the provenance, -2 the constant
        self.fields: list[tuple[str, int, Any]] = []
        nik, given = self.slot("nik"), self.slot("nik_given")
        self.add(NIK_OP, col=idx["nik"], slot=nik, slot2=given)
        if "kk" in idx:
            self.add(
                KK_OP,
                idx["kk"],
                self.slot("kk"),
                self.slot("kk_given"),
                a=conv.kk_cache,
                b=conv.kk_of,
            )
        for field, col in conv.free_text:
            if field in conv.value_maps:
                self.cached(field, col, v.text_cell)
            else:
                self.add(TEXT, col, self.slot(field))
        for field, col, read, _cache in conv.repeated_text:
            self.cached(field, col, read)
        if "sex" in idx:
            self.add(
                SEX_OP,
                idx["sex"],
                self.slot("sex"),
                given,
                a=Sex.MALE,
                b=self.mapped("sex", v.sex_cell),
                c=Sex.FEMALE,
            )
        if "birth_date" in idx:
            dates: dict[object, Any] = {}
            self.add(
                DATE,
                idx["birth_date"],
                self.slot("birth_date"),
                a=dates,
                b=functools.partial(conv._cached, dates, conv._date),
                c=v._Today.get(),  # the compiled form reads plain dates up to this day itself
            )
        if "relationship" in idx:
            self.cached("relationship", idx["relationship"], Relationship.parse)
        if "alive" in idx:
            self.cached("alive", idx["alive"], is_alive)
        for field, col, parse, _cache in conv.region_plan:
            self.cached(field, col, parse)
        for field, col, digits in conv.code_plan:
            self.add(CODE, col, self.slot(field), number=-1 if digits is None else digits)
        for field, value in conv.defaults.items():
            self.add(CONST if field not in idx else DEFAULT, slot=self.slot(field), a=value)
        self.address()
        if self.people:
            self.person()
        elif self.members:
            self.member()
        else:
            self.enrolment()
        if conv.seen is not None:
            self.seen(conv.seen)

    def slot(self, name: str) -> int:
        if name not in self.slots:
            self.slots.append(name)
        return self.slots.index(name)

    def add(
        self,
        code: int,
        col: int = -1,
        slot: int = -1,
        slot2: int = -1,
        *,
        number: int = -1,
        a: Any = None,
        b: Any = None,
        c: Any = None,
    ) -> None:
        self.ops.append(Op(code, col, slot, slot2, number, a, b, c))

    def cached(self, field: str, col: int, read: Callable[[object], Any]) -> None:
        """``read`` of the cell (through the field's value map), remembered per value in the
        converter's way (``RowConverter._cached``)."""
        cache: dict[object, Any] = {}
        read = self.mapped(field, read)
        self.add(
            CACHED,
            col,
            self.slot(field),
            a=cache,
            b=functools.partial(self.conv._cached, cache, read),
        )

    def mapped(self, field: str, read: Callable[[object], Any]) -> Callable[[object], Any]:
        """``read`` of the cell after the adapter's value map for ``field``, as the general
        path maps a cell before reading it."""
        if field not in self.conv.value_maps:
            return read
        mapped_cell = self.conv.mapped_cell
        return lambda cell: read(mapped_cell(field, cell))

    def present(self, field: str) -> bool:
        return field in self.slots

    def field(self, attribute: str, field: str | None = None, default: Any = None) -> None:
        field = field or attribute
        if self.present(field):
            self.fields.append((attribute, self.slots.index(field), None))
        else:
            self.fields.append((attribute, -2, default))

    def address(self) -> None:
        keys = [k for k in _ADDRESS_KEYS if self.present(k)]
        if not self.conv.has_address or not keys:
            self.add(CONST, slot=self.slot("address_record"), a=None)
            return
        cache: dict[tuple[Any, ...], Address | None] = {}
        self.add(
            ADDRESS,
            slot=self.slot("address_record"),  # "address" is the street's text
            a=cache,
            b=_address_reader(self.conv, keys, cache),
            c=tuple(self.slots.index(k) for k in keys),
        )

    def person(self) -> None:
        self.add(REQUIRE, slot=self.slot("name"))
        if not self.present("sex"):
            self.add(CONST, slot=self.slot("sex"), a=None)
        self.add(
            SEX_OR_NIK,
            slot=self.slot("sex"),
            slot2=self.slot("nik_given"),
            a=Sex.MALE,
            c=Sex.FEMALE,
        )
        for attribute in (
            "nik",
            "name",
            "sex",
            "birth_place",
            "birth_date",
            "kk",
            "relationship",
        ):
            self.field(attribute)
        self.field("address", "address_record")
        self.field("alive", default=True)
        self.fields.append(("provenance", -1, None))

    def details(self) -> None:
        """The details dict: the unnamed columns, then the named fields kept there."""
        conv = self.conv
        details = self.slot("details")
        self.add(DETAILS, slot=details)
        for col, header in conv.extra:
            self.add(EXTRA, col, details, a=header)
        for field, key in conv.detail_fields:  # all text here: non-empty means present
            self.add(DETAIL, slot=self.slots.index(field), slot2=details, a=key)

    def member(self) -> None:
        self.add(REQUIRE, slot=self.slot("household_id"))
        self.details()
        for attribute in (
            "household_id",
            "nik",
            "nik_given",
            "kk",
            "name",
            "sex",
            "birth_date",
            "relationship",
            "member_id",
            "details",
        ):
            self.field(attribute)
        self.field("address", "address_record")
        self.fields.append(("provenance", -1, None))
        names = {f.name for f in attrs.fields(HouseholdMember)}
        assert names == {name for name, *_ in self.fields}, "every attribute is filled"

    def enrolment(self) -> None:
        conv = self.conv
        self.details()
        if "programme_name" in conv.index:
            self.add(
                PROGRAMME,
                slot=self.slot("programme"),
                slot2=self.slot("basis"),
                number=self.slots.index("programme_name"),
                a={},
                b=_programme_reader(conv),
            )
            self.field("programme")
            self.field("basis")
        else:
            assert conv.programme is not None
            self.fields.append(("programme", -2, conv.programme.code))
            self.fields.append(("basis", -2, conv.basis_of(conv.programme)))
        self.fields.append(("period", -2, conv.period))
        for attribute in (
            "nik",
            "nik_given",
            "kk",
            "kk_given",
            "household_id",
            "name",
            "birth_date",
            "status",
        ):
            self.field(attribute)
        self.field("address", "address_record")
        self.fields.append(("decree", -2, None))
        self.field("details")
        self.fields.append(("provenance", -1, None))
        names = {f.name for f in attrs.fields(ProgrammeEnrolment)}
        assert names == {name for name, *_ in self.fields}, "every attribute is filled"

    def seen(self, seen: dict[tuple[str, str], tuple[str | None, int]]) -> None:
        """The duplicate check of :func:`sibaso.adapters.read.iter_read`, last: a NIK seen
        before (same household or programme) is not clean, the general path reports it."""
        household = self.slots.index("household_id") if self.present("household_id") else -1
        if self.people:
            household, programme, fixed = -1, -1, ""
        elif self.members:  # the household id is there (REQUIRE): it is the key's first part
            programme, fixed = -1, ""
        elif self.present("programme"):
            programme, fixed = self.slots.index("programme"), None
        else:
            programme, fixed = -1, self.conv.programme.code  # type: ignore[union-attr]
        self.add(
            SEEN,
            slot=household,
            slot2=programme,
            number=self.slots.index("nik_given"),
            a=fixed,
            b=seen,
            c=self.conv.sheet,
        )

    # -- the two forms -----------------------------------------------------------------

    def compiled(self) -> CleanRowReader:
        conv = self.conv
        districts = {int(d) for d in _districts_without_warnings()}
        ddmm = {int(d) for d in (_nik._fast or _nik._fast_tables())[2]}
        compiled = speedups()
        assert compiled is not None
        reader: CleanRowReader = compiled.Reader(
            tuple(tuple(op) for op in self.ops),
            len(self.slots),
            districts,
            ddmm,
            NIK,
            self.record,
            tuple(self.fields),
            Provenance,
            conv.file,
            conv.sheet,
            frozenset(_MISSING),
            v.text_cell,
            self.python_source(),
            KK,
            {int(d) for d in _identifier.DDMM - {"2902"}},  # 29 Feb needs the year: Python
            True,  # records untracked by the cycle collector: they hold no cycles
        )
        return reader

    def python(self) -> CleanRowReader:
        source = self.python_source()
        namespace = dict(self.names)
        where = f"<clean rows of {self.conv.sheet or self.conv.file}>"
        code = compile(source, where, "exec")
        exec(code, namespace)  # noqa: S102 - source written above from the plan, no input text
        reader = namespace["read"]
        reader.source = source
        reader.take = functools.partial(_take, reader)
        return reader  # type: ignore[no-any-return]

    def python_source(self) -> str:
        """The plan as Python source: ``def read(row, cells): …``."""
        self.names: dict[str, Any] = {
            "D": _clean_districts,
            "DD": (_nik._fast or _nik._fast_tables())[2],
            "MISSING": _MISSING,
            "MISS": _MISS,
            "make_nik": NIK._make,
            "text_cell": v.text_cell,
            "Provenance": Provenance,
            "new_tuple": tuple.__new__,
            "FILE": self.conv.file,
            "SHEET": self.conv.sheet,
            "Record": self.record,
        }
        lines = ["def read(row, cells):"]
        width = self.conv.width
        lines += [
            f"    if len(cells) < {width}:",
            f"        cells = cells + (None,) * ({width} - len(cells))",
        ]
        for number, op in enumerate(self.ops):
            lines += ["    " + line for line in self._python(number, op)]
        arguments = []
        for attribute, slot, constant in self.fields:
            if slot == -1:
                arguments.append(f"{attribute}=new_tuple(Provenance, (FILE, SHEET, row))")
            elif slot == -2:
                arguments.append(f"{attribute}={self._name(f'C_{attribute}', constant)}")
            else:
                arguments.append(f"{attribute}={self._var(slot)}")
        lines.append(f"    return Record({', '.join(arguments)})")
        return "\n".join(lines) + "\n"

    def _var(self, slot: int) -> str:
        return f"f_{self.slots[slot]}"

    def _name(self, label: str, value: Any) -> str:
        self.names[label] = value
        return label

    def _python(self, number: int, op: Op) -> list[str]:
        """The Python lines of one step."""
        var = self._var(op.slot) if op.slot >= 0 else ""
        cell = f"cells[{op.col}]"
        a = self._name(f"a{number}", op.a)
        b = self._name(f"b{number}", op.b)
        c = self._name(f"c{number}", op.c)
        if op.code == NIK_OP:
            given = self._var(op.slot2)
            return [
                f"{given} = {cell}",
                f"if not (type({given}) is str and len({given}) == 16 and {given}.isdigit() "
                f"and {given}.isascii() and {given}[0] != '0' and {given}[12:] != '0000' "
                f"and {given}[:6] in D and {given}[6:10] in DD):",
                "    return None",
                f"{var} = make_nik({given})",
            ]
        if op.code == KK_OP:
            given = self._var(op.slot2)
            return [
                f"value = {cell}",
                "if value is None:",
                f"    {var} = {given} = None",
                "elif type(value) is str:",
                f"    found = {a}.get(value) or {b}(value)",
                "    if found[2] is not None:",
                "        return None",
                f"    {var}, {given} = found[0], found[1]",
                "else:",
                "    return None",
            ]
        if op.code == TEXT:
            return [f"{var} = {cell}", *self._text(var, var, None)]
        if op.code in (CACHED, DATE):
            lines = [
                f"value = {cell}",
                f"{var} = {a}.get(value, MISS) if type(value) is str else MISS",
                f"if {var} is MISS:",
                f"    {var} = {b}(value)",
            ]
            if op.code == DATE:
                lines += [f"{var}, problem = {var}", "if problem is not None:", "    return None"]
            return lines
        if op.code == SEX_OP:
            given = self._var(op.slot2)
            return [
                f"{var}, problem = {b}({cell})",
                f"if problem is not None or ({var} is not None and {var} is not "
                f"({c} if {given}[6] >= '4' else {a})):",
                "    return None",
            ]
        if op.code == SEX_OR_NIK:
            given = self._var(op.slot2)
            return [f"{var} = {var} or ({c} if {given}[6] >= '4' else {a})"]
        if op.code == CODE:
            length = f" and len({var}) == {op.number}" if op.number >= 0 else ""
            return [
                f"{var} = {cell}",
                f"if {var} is not None and not (type({var}) is str and {var}.isdigit() "
                f"and {var}.isascii(){length} and {var}.strip('0')):",
                "    return None",
            ]
        if op.code == DEFAULT:
            return [f"if {var} is None:", f"    {var} = {a}"]
        if op.code == CONST:
            return [f"{var} = {a}"]
        if op.code == ADDRESS:
            values = ", ".join(self._var(k) for k in op.c)
            return [
                f"{var} = {a}.get(({values},), MISS)",
                f"if {var} is MISS:",
                f"    {var} = {b}(({values},))",
            ]
        if op.code == REQUIRE:
            return [f"if not {var}:", "    return None"]
        if op.code == DETAILS:
            return [f"{var} = {{}}"]
        if op.code == EXTRA:
            return [f"value = {cell}", *self._text("value", "value", f"{var}[{a}]")]
        if op.code == DETAIL:
            return [f"if {var}:", f"    {self._var(op.slot2)}[{a}] = {var}"]
        if op.code == SEEN:
            household = f"{self._var(op.slot)} or " if op.slot >= 0 else ""
            programme = self._var(op.slot2) if op.slot2 >= 0 else a
            return [
                f"key = ({household}{programme}, {self._var(op.number)})",
                f"if key in {b}:",
                "    return None",
                f"{b}[key] = ({c}, row)",
            ]
        if op.code == PROGRAMME:
            name, basis = self._var(op.number), self._var(op.slot2)
            return [
                f"found = {a}.get({name})",
                "if found is None:",
                f"    found = {b}({name})",
                "    if found is None:",
                "        return None",
                f"    {a}[{name}] = found",
                f"{var}, {basis} = found",
            ]
        raise AssertionError(op.code)

    @staticmethod
    def _text(var: str, source: str, target: str | None) -> list[str]:
        """``text_cell(source)`` into ``var``, the tidy case inline; with ``target``, stored
        there only when it is not None."""
        tidy = (
            f"type({source}) is str and {source}.isprintable() and {source}[:1] != ' ' "
            f"and {source}[-1:] != ' ' and '  ' not in {source}"
        )
        if target is None:
            return [
                f"if not ({tidy}):",
                f"    {var} = text_cell({source})",
                f"elif {var}.upper() in MISSING:",
                f"    {var} = None",
            ]
        return [
            f"if {tidy}:",
            f"    if {source}.upper() not in MISSING:",
            f"        {target} = {source}",
            f"elif ({var} := text_cell({source})) is not None:",
            f"    {target} = {var}",
        ]


def _take(
    reader: Callable[[int, tuple[object, ...]], Any],
    rows: Iterator[tuple[int, tuple[object, ...]]],
    first: int,
    skipped: Container[int],
    out: list[Any],
    limit: int,
) -> tuple[int, tuple[object, ...]] | bool | None:
    """``take`` of the Python form (see :class:`CleanRowReader`)."""
    taken = 0
    for item in rows:
        number, cells = item
        if number <= first or number in skipped:
            continue
        record = reader(number, cells)
        if record is None:
            return item
        out.append(record)
        taken += 1
        if taken >= limit:
            return True
    return None


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


def _address_reader(
    conv: RowConverter, keys: list[str], cache: dict[tuple[Any, ...], Address | None]
) -> Callable[[tuple[Any, ...]], Address | None]:
    """The address of a row's ``keys`` values, one shared (frozen) object per distinct one,
    remembered in ``cache``."""
    make = conv._address

    def address(values: tuple[Any, ...]) -> Address | None:
        try:
            return cache[values]
        except KeyError:
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            found = cache[values] = make(dict(zip(keys, values, strict=True)))
            return found

    return address


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
