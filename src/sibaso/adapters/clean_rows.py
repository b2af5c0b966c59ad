"""The clean-row path: a row whose every cell is already in its final form becomes its record
without the general path's bookkeeping.

Most rows of a real export are clean: a 16-digit NIK of a known region, a No. KK seen on the
row before, names without stray spaces, a birth date read before. For such a row the general
path (:meth:`RowConverter.convert`) does a lot of work to find that nothing is wrong. The
function :func:`clean_row_reader` builds, once per sheet, a reader that checks exactly the
conditions under which the general path would report nothing, and returns the same record;
for any other row it returns ``None`` and the caller takes the general path. So a row is
never judged by two sets of rules: the general path stays the one definition, and
``tests/adapters/test_clean_rows.py`` checks, on generated and hostile rows alike, that the two
paths give equal records whenever this one answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sibaso.adapters import values as v
from sibaso.adapters.base import Adapter, Kind
from sibaso.core import nik as _nik
from sibaso.core.errors import UnknownProgramme
from sibaso.core.model import Address, Person, ProgrammeEnrolment, Provenance
from sibaso.core.nik import NIK
from sibaso.core.programmes import Basis, Programme

if TYPE_CHECKING:
    from sibaso.adapters.convert import RowConverter

__all__ = ["CleanRowReader", "clean_row_reader"]

#: ``reader(row_number, cells)``: the record of a clean row, else ``None``.
CleanRowReader = Callable[[int, tuple[object, ...]], Any]

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
_clean_districts: frozenset[str] | None = None
_MISS = object()
_CACHE_MAX = 50_000


def _districts_without_warnings() -> frozenset[str]:
    """Current kecamatan codes (6 digits): a NIK of one of these carries no region warning."""
    global _clean_districts
    if _clean_districts is None:
        districts, _provinces, _ddmm = _nik._fast or _nik._fast_tables()
        _clean_districts = frozenset(
            d for d in districts if not _nik.NIK._make(d + "0101000001").warnings
        )
    return _clean_districts


def _cached_reader(
    read: Callable[[object], Any], cache: dict[object, Any]
) -> Callable[[object], Any]:
    """``read`` remembered in ``cache`` per distinct (hashable) cell value: text under itself,
    other values under ``(type, value)`` so that ``1``, ``1.0`` and ``True`` stay apart."""

    def cached(cell: object) -> Any:
        key = cell if type(cell) is str else (type(cell), cell)
        try:
            return cache[key]
        except KeyError:
            pass
        except TypeError:
            return read(cell)
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        found = cache[key] = read(cell)
        return found

    return cached


def _plain_adjust(adapter: Adapter) -> bool:
    return type(adapter).adjust is Adapter.adjust


def clean_row_reader(conv: RowConverter) -> CleanRowReader | None:
    """A reader of the clean rows of ``conv``'s sheet, or None when its layout has fields this
    path does not know (their rows all take the general path).

    The reader is Python source written for this sheet's columns (as attrs writes ``__init__``
    for a class): one straight run of checks with no loop over fields. ``reader.source`` holds
    the text, for anyone who wants to audit what a clean row is.
    """
    idx = conv.index
    free = {f for f, _ in conv.free_text}
    repeated = {f for f, *_ in conv.repeated_text}
    kind = conv.adapter.kind
    if (
        conv.value_maps
        or conv.today is not None
        or not _plain_adjust(conv.adapter)
        or set(idx) - _NAMED_FIELDS - free - repeated
        or "nik" not in idx
        or kind is Kind.HOUSEHOLD
        or (kind is Kind.ENROLMENT and conv.programme is None and "programme_name" not in idx)
    ):
        return None
    _districts_without_warnings()
    return _SheetSource(conv).compile()


class _SheetSource:
    """Writes and compiles the clean-row reader of one sheet."""

    def __init__(self, conv: RowConverter) -> None:
        self.conv = conv
        self.lines: list[str] = []
        self.names: dict[str, Any] = {
            "D": _clean_districts,
            "DD": (_nik._fast or _nik._fast_tables())[2],
            "MISSING": _MISSING,
            "MISS": _MISS,
            "make_nik": NIK._make,
            "text_cell": v.text_cell,
            "Provenance": Provenance,
            "new_tuple": tuple.__new__,
            "FILE": conv.file,
            "SHEET": conv.sheet,
        }

    def add(self, line: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + line)

    def name(self, label: str, value: Any) -> str:
        self.names[label] = value
        return label

    def compile(self) -> CleanRowReader:
        conv = self.conv
        idx = conv.index
        self.lines.append("def read(row, cells):")
        self.add(f"if len(cells) < {conv.width}:")
        self.add(f"cells = cells + (None,) * ({conv.width} - len(cells))", 2)
        self.nik(idx["nik"])
        if "kk" in idx:
            self.kk(idx["kk"])
        for field, col in conv.free_text:
            self.text(field, col)
        for field, col, read, _cache in conv.repeated_text:
            self.cached(field, col, read)
        for field in ("sex", "birth_date", "relationship", "alive"):
            if field in idx:
                getattr(self, field)(idx[field])
        for field, col, parse, _cache in conv.region_plan:
            self.cached(field, col, parse)
        for field, col, digits in conv.code_plan:
            self.code(field, col, digits)
        for field, value in conv.defaults.items():
            default = self.name("DEFAULT_" + field, value)
            if field not in idx:
                self.add(f"f_{field} = {default}")
            else:
                self.add(f"if f_{field} is None:")
                self.add(f"f_{field} = {default}", 2)
        present = set(idx) | set(conv.defaults)
        self.address(present)
        if conv.adapter.kind is Kind.POPULATION:
            self.person(present)
        else:
            self.enrolment(present)
        source = "\n".join(self.lines) + "\n"
        namespace = dict(self.names)
        exec(compile(source, f"<clean rows of {conv.sheet or conv.file}>", "exec"), namespace)  # noqa: S102
        reader = namespace["read"]
        reader.source = source
        return reader  # type: ignore[no-any-return]

    def nik(self, col: int) -> None:
        self.add(f"nik_given = cells[{col}]")
        self.add(
            "if not (type(nik_given) is str and len(nik_given) == 16 and nik_given.isdigit() "
            "and nik_given.isascii() and nik_given[0] != '0' and nik_given[12:] != '0000' "
            "and nik_given[:6] in D and nik_given[6:10] in DD):"
        )
        self.add("return None", 2)
        self.add("nik = make_nik(nik_given)")

    def kk(self, col: int) -> None:
        cache = self.name("kk_cache", self.conv.kk_cache)
        self.name("kk_found", _kk_finder(self.conv.kk_cache))
        self.add(f"kk_given = cells[{col}]")
        self.add("if kk_given is None:")
        self.add("f_kk = f_kk_given = None", 2)
        self.add("elif type(kk_given) is str:")
        self.add(f"found = {cache}.get(kk_given) or kk_found(kk_given)", 2)
        self.add("if found[2] is not None:", 2)
        self.add("return None", 3)
        self.add("f_kk, f_kk_given = found[0], found[1]", 2)
        self.add("else:")
        self.add("return None", 2)

    def text(self, field: str, col: int) -> None:
        name = f"f_{field}"
        self.add(f"{name} = cells[{col}]")
        self.add(
            f"if not (type({name}) is str and {name}.isprintable() and {name}[:1] != ' ' "
            f"and {name}[-1:] != ' ' and '  ' not in {name}):"
        )
        self.add(f"{name} = text_cell({name})", 2)
        self.add(f"elif {name}.upper() in MISSING:")
        self.add(f"{name} = None", 2)

    def cached(self, field: str, col: int, read: Callable[[object], Any]) -> None:
        """``f_<field>``: ``read`` of the cell, remembered per distinct value."""
        cache: dict[object, Any] = {}
        self.name(f"seen_{field}", cache)
        self.name(f"read_{field}", _cached_reader(read, cache))
        self.add(f"value = cells[{col}]")
        self.add(f"f_{field} = seen_{field}.get(value, MISS) if type(value) is str else MISS")
        self.add(f"if f_{field} is MISS:")
        self.add(f"f_{field} = read_{field}(value)", 2)

    def sex(self, col: int) -> None:
        self.name("sex_cell", v.sex_cell)
        self.add(f"f_sex, problem = sex_cell(cells[{col}])")
        self.add("if problem is not None or (f_sex is not None and f_sex is not nik.sex):")
        self.add("return None", 2)

    def birth_date(self, col: int) -> None:
        self.cached("birth_date", col, self.conv._date)
        self.add("f_birth_date, problem = f_birth_date")
        self.add("if problem is not None:")
        self.add("return None", 2)

    def relationship(self, col: int) -> None:
        self.cached("relationship", col, _relationship)

    def alive(self, col: int) -> None:
        self.cached("alive", col, _alive_reader())

    def code(self, field: str, col: int, digits: int | None) -> None:
        name = f"f_{field}"
        length = f" and len({name}) == {digits}" if digits is not None else ""
        self.add(f"{name} = cells[{col}]")
        self.add(
            f"if {name} is not None and not (type({name}) is str and {name}.isdigit() "
            f"and {name}.isascii(){length} and {name}.strip('0')):"
        )
        self.add("return None", 2)

    def address(self, present: set[str]) -> None:
        keys = [k for k in _ADDRESS_KEYS if k in present]
        if not self.conv.has_address or not keys:
            self.add("address = None")
            return
        self.name("address_of", _address_reader(self.conv, keys))
        self.add(f"address = address_of(({', '.join('f_' + k for k in keys)},))")

    def person(self, present: set[str]) -> None:
        def get(field: str, default: str = "None") -> str:
            return f"f_{field}" if field in present else default

        self.add(f"if not {get('name')}:")
        self.add("return None", 2)
        self.name("Person", Person)
        self.add(
            f"return Person(nik=nik, name=f_name, sex={get('sex')} or nik.sex, "
            f"birth_place={get('birth_place')}, birth_date={get('birth_date')}, "
            f"kk={get('kk')}, relationship={get('relationship')}, address=address, "
            f"alive={get('alive', 'True')}, provenance=new_tuple(Provenance, (FILE, SHEET, row)))"
        )

    def enrolment(self, present: set[str]) -> None:
        conv = self.conv

        def get(field: str) -> str:
            if field == "kk_given":
                return "f_kk_given" if "kk" in present else "None"
            return f"f_{field}" if field in present else "None"

        self.add("details = {}")
        for col, header in conv.extra:
            self.add(f"value = cells[{col}]")
            self.add(
                "if type(value) is str and value.isprintable() and value[:1] != ' ' "
                "and value[-1:] != ' ' and '  ' not in value:"
            )
            self.add("if value.upper() not in MISSING:", 2)
            self.add(f"details[{header!r}] = value", 3)
            self.add("elif (value := text_cell(value)) is not None:")
            self.add(f"details[{header!r}] = value", 2)
        for field, key in conv.detail_fields:  # all text here: non-empty means present
            self.add(f"if f_{field}:")
            self.add(f"details[{key!r}] = f_{field}", 2)
        if "programme_name" in conv.index:
            self.name("programme_of", _programme_reader(conv))
            self.name("basis_of", _basis_reader(conv))
            self.add("programme = programme_of(f_programme_name)")
            self.add("if programme is None:")
            self.add("return None", 2)
            self.add("basis = basis_of(programme)")
            self.add("programme = programme.code")
        else:
            assert conv.programme is not None
            self.name("PROGRAMME", conv.programme.code)
            self.name("BASIS", _basis_reader(conv)(conv.programme))
            self.add("programme, basis = PROGRAMME, BASIS")
        self.name("ProgrammeEnrolment", ProgrammeEnrolment)
        self.name("PERIOD", conv.period)
        self.add(
            "return ProgrammeEnrolment(programme=programme, basis=basis, period=PERIOD, "
            f"nik=nik, nik_given=nik_given, kk={get('kk')}, kk_given={get('kk_given')}, "
            f"household_id={get('household_id')}, name={get('name')}, "
            f"birth_date={get('birth_date')}, address=address, status={get('status')}, "
            "details=details, provenance=new_tuple(Provenance, (FILE, SHEET, row)))"
        )


def _kk_finder(cache: dict[str, Any]) -> Callable[[str], Any]:
    def find(raw: str) -> Any:
        if len(cache) >= 4096:
            cache.clear()
        found = cache[raw] = v.kk_cell(raw)
        return found

    return find


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
    conv: RowConverter, keys: list[str]
) -> Callable[[tuple[Any, ...]], Address | None]:
    """The address of a row's ``keys`` values, one shared (frozen) object per distinct one."""
    cache: dict[tuple[Any, ...], Address | None] = {}
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


def _relationship(cell: object) -> Any:
    from sibaso.core.model import Relationship

    return Relationship.parse(cell)


def _alive_reader() -> Callable[[object], bool]:
    from sibaso.adapters.convert import _alive

    return _alive


def _programme_reader(conv: RowConverter) -> Callable[[object], Programme | None]:
    """The programme of a row when the general path would add no remark about it: the
    catalogue knows the name, and it is the sheet's programme (or none was named, or the
    general path has already said once that the column differs)."""
    own = conv.programme
    known: dict[object, Programme | None] = {}
    noted = conv._differs_noted

    def programme(name: object) -> Programme | None:
        if not name:
            return own
        try:
            found = known[name]
        except KeyError:
            try:
                found = known[name] = conv.catalogue.resolve(str(name))
            except UnknownProgramme:
                found = known[name] = None
        if found is None or own is None or found.code == own.code or found.code in noted:
            return found
        return None

    return programme


def _basis_reader(conv: RowConverter) -> Callable[[Programme], Basis]:
    from sibaso.adapters.convert import _basis

    fixed = conv.adapter.basis
    cache = conv.basis_cache

    def basis(programme: Programme) -> Basis:
        if fixed is not None:
            return fixed
        found = cache.get(programme.code)
        if found is None:
            found = cache[programme.code] = _basis(programme, conv.period)
        return found

    return basis
