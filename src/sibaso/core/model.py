"""The domain model: people, families, households, programme enrolments and complaints.

Frozen attrs classes. Foreign shapes (a Dukcapil row, a programme list row) become objects only
through named constructors (``from_...``); JSON goes through :func:`make_converter`.

>>> person = Person.from_dukcapil_row({
...     "NIK": "1205014107850001", "NAMA_LGKP": "SITI AMINAH", "JENIS_KLMIN": "2",
...     "TMPT_LHR": "STABAT", "TGL_LHR": "1985-07-01", "NO_KK": "1205012003150004",
...     "STAT_HBKEL": "3", "NO_PROP": "12", "NO_KAB": "5", "NO_KEC": "1", "NO_KEL": "2001",
... })
>>> person.sex.value, person.relationship.value, person.address.desa_code
('P', 'istri', '12.05.01.2001')
>>> conv = make_converter()
>>> conv.structure(conv.unstructure(person), Person) == person
True
"""

from __future__ import annotations

import datetime
import re
from collections import deque
from collections.abc import Iterable, Mapping
from enum import Enum
from itertools import repeat
from typing import Any, NamedTuple, TypeVar

import attrs
import cattrs

from sibaso.core.errors import ValidationError
from sibaso.core.kk import KK
from sibaso.core.kk import parse as parse_kk
from sibaso.core.lineages import Basis
from sibaso.core.nik import NIK, Sex
from sibaso.core.nik import parse as parse_nik
from sibaso.core.vital import is_alive

__all__ = [
    "Address",
    "Attachment",
    "Channel",
    "Complaint",
    "ComplaintCategory",
    "ComplaintStatus",
    "Decree",
    "Family",
    "Household",
    "HouseholdMember",
    "Period",
    "Person",
    "ProgrammeEnrolment",
    "Provenance",
    "Relationship",
    "from_columns",
    "make_converter",
    "structure",
]

_T = TypeVar("_T")


class Relationship(str, Enum):
    """Relationship to the head of the family (SIAK ``STAT_HBKEL`` codes 1-11)."""

    KEPALA_KELUARGA = "kepala keluarga"
    SUAMI = "suami"
    ISTRI = "istri"
    ANAK = "anak"
    MENANTU = "menantu"
    CUCU = "cucu"
    ORANG_TUA = "orang tua"
    MERTUA = "mertua"
    FAMILI_LAIN = "famili lain"
    PEMBANTU = "pembantu"
    LAINNYA = "lainnya"

    @classmethod
    def parse(cls, value: object) -> Relationship | None:
        """From a SIAK code (``"1"``..``"11"``) or a name (``"KEPALA KELUARGA"``, ``"KK"``).

        Never raises: ``"²"`` or a number of 5,000 digits is no code.

        >>> Relationship.parse("3"), Relationship.parse("²"), Relationship.parse(10**5000)
        (<Relationship.ISTRI: 'istri'>, <Relationship.LAINNYA: 'lainnya'>, None)
        """
        if type(value) is int:
            members = list(cls)
            return members[value - 1] if 1 <= value <= len(members) else None
        try:
            text = str(value).strip().lower() if value is not None else ""
        except ValueError:  # an object whose text cannot be made
            return None
        if not text:
            return None
        if text.isdecimal():  # "²" is a digit, but no decimal number
            members = list(cls)
            number = int(text)
            return members[number - 1] if 1 <= number <= len(members) else None
        text = re.sub(r"[^a-z]+", " ", text).strip()
        aliases = {
            "kk": cls.KEPALA_KELUARGA,
            "kepala rumah tangga": cls.KEPALA_KELUARGA,
            "krt": cls.KEPALA_KELUARGA,
            "istri suami": cls.ISTRI,
            "famili": cls.FAMILI_LAIN,
        }
        if text in aliases:
            return aliases[text]
        try:
            return cls(text)
        except ValueError:
            return cls.LAINNYA


@attrs.frozen(kw_only=True)
class Address:
    """Where a person lives: free text plus Kemendagri kecamatan and desa codes when known."""

    street: str | None = None
    rt: str | None = None
    rw: str | None = None
    desa_code: str | None = None
    desa_name: str | None = None
    kecamatan_code: str | None = None
    kecamatan_name: str | None = None


class Provenance(NamedTuple):
    """Where a record came from: file, sheet and the row number the operator sees in Excel.

    A named tuple, not an attrs class: one is made for every row read, so it must be cheap.
    """

    file: str
    sheet: str | None = None
    row: int | None = None


def _join_code(prop: object, kab: object, kec: object, kel: object = None) -> str | None:
    parts = [str(p).strip() for p in (prop, kab, kec, kel) if p not in (None, "")]
    if len(parts) < 3 or not all(p.isdigit() for p in parts):
        return None
    widths = (2, 2, 2, 4)
    return ".".join(p.zfill(w) for p, w in zip(parts, widths, strict=False))


def _iso_date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value in (None, ""):
        return None
    return datetime.date.fromisoformat(str(value)[:10])


@attrs.frozen(kw_only=True)
class Person:
    """Someone in the population data (Dukcapil), identified by NIK."""

    nik: NIK
    name: str
    sex: Sex | None = None
    birth_place: str | None = None
    birth_date: datetime.date | None = None
    kk: KK | None = None
    relationship: Relationship | None = None
    address: Address | None = None
    alive: bool = True
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    @classmethod
    def from_dukcapil_row(cls, row: Mapping[str, Any]) -> Person:
        """From a SIAK extract row (``NIK, NO_KK, NAMA_LGKP, JENIS_KLMIN, TGL_LHR, …``).

        Each field goes through the one rule the reading path uses: :func:`sibaso.core.nik.parse`
        (lenient), :meth:`Sex.parse <sibaso.core.nik.Sex.parse>` (the NIK's sex when the column
        is empty), :meth:`Relationship.parse` and :func:`sibaso.core.vital.is_alive`. A file is
        better read with :func:`sibaso.read`, which also reports what is wrong with each row.

        >>> Person.from_dukcapil_row(
        ...     {"NIK": "1205014107850001", "NAMA_LGKP": "SITI", "STAT_HIDUP": "MENINGGAL DUNIA"}
        ... ).alive
        False
        """
        nik = parse_nik(row["NIK"], strict=False)
        kec = _join_code(row.get("NO_PROP"), row.get("NO_KAB"), row.get("NO_KEC"))
        desa = _join_code(
            row.get("NO_PROP"), row.get("NO_KAB"), row.get("NO_KEC"), row.get("NO_KEL")
        )
        kk_raw = row.get("NO_KK")
        return cls(
            nik=nik,
            name=str(row["NAMA_LGKP"]).strip(),
            sex=Sex.parse(row.get("JENIS_KLMIN")) or nik.sex,
            birth_place=(str(row.get("TMPT_LHR") or "").strip() or None),
            birth_date=_iso_date(row.get("TGL_LHR")),
            kk=parse_kk(kk_raw, strict=False) if kk_raw else None,
            relationship=Relationship.parse(row.get("STAT_HBKEL")),
            address=Address(
                street=(str(row.get("ALAMAT") or "").strip() or None),
                kecamatan_code=kec,
                desa_code=desa if desa and len(desa) == 13 else None,
            ),
            alive=is_alive(row.get("STAT_HIDUP")),
        )


@attrs.frozen(kw_only=True)
class Family:
    """A keluarga: the people on one KK, with the head of the family."""

    kk: KK
    head: NIK | None = None
    members: tuple[NIK, ...] = ()

    @classmethod
    def from_persons(cls, kk: KK, persons: list[Person]) -> Family:
        """Group people carrying the same KK; the head is who is recorded as kepala keluarga."""
        head = next(
            (p.nik for p in persons if p.relationship is Relationship.KEPALA_KELUARGA), None
        )
        return cls(kk=kk, head=head, members=tuple(sorted(p.nik for p in persons)))


@attrs.frozen(kw_only=True)
class Household:
    """A rumah tangga: people sharing a dwelling and a kitchen, possibly several KK."""

    id: str
    head: NIK | None = None
    members: tuple[NIK, ...] = ()
    kks: tuple[KK, ...] = ()
    source: str | None = None


_PERIOD = re.compile(
    r"^\s*(?P<year>(19|20)\d\d)\s*(?:[-/ ]?\s*(?:(?P<q>q|tw|triwulan)\s*(?P<qn>[1-4])"
    r"|(?P<t>t|tahap)\s*(?P<tn>\d{1,2})))?\s*$",
    re.IGNORECASE,
)


@attrs.frozen
class Period:
    """The period a list is decreed for: a year, optionally a quarter or a tahap (stage).

    >>> Period.parse("2024"), str(Period.parse("2024-Q2")), str(Period.parse("2024 tahap 3"))
    (Period(year=2024, quarter=None, tahap=None), '2024-Q2', '2024-T3')
    """

    year: int
    quarter: int | None = None
    tahap: int | None = None

    @classmethod
    def parse(cls, text: str | int) -> Period:
        """``2024``, ``"2024-Q1"``, ``"2024 triwulan 1"``, ``"2024-T2"``, ``"2024 tahap 2"``."""
        match = _PERIOD.match(str(text))
        if not match:
            raise ValueError(f"Unknown period {text!r}: use a year, YEAR-Q1..Q4 or YEAR-T<tahap>.")
        quarter = int(match["qn"]) if match["qn"] else None
        tahap = int(match["tn"]) if match["tn"] else None
        if tahap is not None and not 1 <= tahap <= 12:
            raise ValueError(f"Unknown period {text!r}: a tahap runs from 1 to 12.")
        return cls(int(match["year"]), quarter, tahap)

    def __str__(self) -> str:
        if self.quarter:
            return f"{self.year}-Q{self.quarter}"
        if self.tahap:
            return f"{self.year}-T{self.tahap}"
        return str(self.year)

    @property
    def start(self) -> datetime.date:
        """The first day of the period (the year's first day for a tahap)."""
        month = 3 * (self.quarter - 1) + 1 if self.quarter else 1
        return datetime.date(self.year, month, 1)

    @property
    def reference_date(self) -> datetime.date:
        """The date used to find the programme era in force: 1 July, or the quarter's middle."""
        if self.quarter:
            return datetime.date(self.year, 3 * (self.quarter - 1) + 2, 15)
        return datetime.date(self.year, 7, 1)


@attrs.frozen(kw_only=True)
class Decree:
    """The decree (SK) fixing a list: its number and date, as given."""

    number: str | None = None
    date: datetime.date | None = None
    issuer: str | None = None

    @classmethod
    def from_text(cls, text: str | None) -> Decree | None:
        """From free text such as ``"SK Bupati Langkat No. 460/123/2024 tgl 2024-03-01"``."""
        if not text or not text.strip():
            return None
        found = re.search(r"(\d{4}-\d{2}-\d{2})", text)
        return cls(
            number=text.strip(), date=datetime.date.fromisoformat(found[1]) if found else None
        )


@attrs.frozen(kw_only=True)
class ProgrammeEnrolment:
    """One row of a programme list: who is enrolled, on which key, for which period.

    ``nik_given``/``kk_given`` keep the value as the source wrote it (cleaned of spaces);
    ``nik``/``kk`` are the parsed identifiers when valid. The enrolment ``key`` depends on the
    basis: NIK for individual, KK for family, household id (else head NIK) for household.
    """

    programme: str
    basis: Basis
    period: Period | None = None
    nik: NIK | None = None
    nik_given: str | None = None
    kk: KK | None = None
    kk_given: str | None = None
    household_id: str | None = None
    name: str | None = None
    birth_date: datetime.date | None = None
    address: Address | None = None
    status: str | None = None
    decree: Decree | None = None
    details: dict[str, str] = attrs.field(factory=dict, hash=False)
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    @property
    def key(self) -> str | None:
        """The identifier the programme enrolled on, by basis."""
        if self.basis is Basis.FAMILY and self.kk is not None:
            return self.kk.value
        if self.basis is Basis.HOUSEHOLD and self.household_id:
            return self.household_id
        return self.nik.value if self.nik is not None else self.nik_given


@attrs.frozen(kw_only=True)
class HouseholdMember:
    """One row of a household roster (BDT/PBDT, DTKS/DTSEN): who lives in which rumah tangga.

    ``household_id`` is the source's id (IDBDT, ID rumah tangga); ``member_id`` the member's
    (IDARTBDT). The registry builds :class:`Household` objects from these rows.
    """

    household_id: str
    nik: NIK | None = None
    nik_given: str | None = None
    kk: KK | None = None
    name: str | None = None
    sex: Sex | None = None
    birth_date: datetime.date | None = None
    relationship: Relationship | None = None
    member_id: str | None = None
    address: Address | None = None
    details: dict[str, str] = attrs.field(factory=dict, hash=False)
    provenance: Provenance | None = attrs.field(default=None, eq=False)


class Channel(str, Enum):
    """How a complaint reached the office."""

    WEB = "web"
    BOT = "bot"
    COUNTER = "counter"


class ComplaintCategory(str, Enum):
    """What a complaint is about."""

    DATA_TIDAK_SESUAI = "data-tidak-sesuai"
    USUL = "usul"
    SANGGAH = "sanggah"
    BANTUAN_TIDAK_DITERIMA = "bantuan-tidak-diterima"
    PELAYANAN = "pelayanan"
    LAINNYA = "lainnya"


class ComplaintStatus(str, Enum):
    """The complaint workflow: diterima → diverifikasi → diteruskan → selesai | ditolak."""

    DITERIMA = "diterima"
    DIVERIFIKASI = "diverifikasi"
    DITERUSKAN = "diteruskan"
    SELESAI = "selesai"
    DITOLAK = "ditolak"


@attrs.frozen(kw_only=True)
class Attachment:
    """A file attached by reference: where it is, its type, size and content hash."""

    ref: str
    media_type: str
    size: int
    sha256: str


@attrs.frozen(kw_only=True)
class Complaint:
    """A pengaduan (complaint, usul or sanggah) filed with a valid reporter NIK."""

    ticket: str
    reporter_nik: NIK
    reporter_name: str
    phone: str | None = None
    channel: Channel = Channel.WEB
    category: ComplaintCategory = ComplaintCategory.LAINNYA
    programme: str | None = None
    subject_nik: NIK | None = None
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    status: ComplaintStatus = ComplaintStatus.DITERIMA
    kecamatan: str | None = None
    filed_at: datetime.datetime | None = None
    due: datetime.date | None = None
    version: int = 1


def make_converter() -> cattrs.Converter:
    """The one converter for JSON-ready (un)structuring of every model class.

    NIK and KK travel as their 16 digits and come back through lenient parsing (stored data
    was validated on the way in); dates as ISO strings; enums as their values.
    """
    conv = cattrs.Converter()
    conv.register_unstructure_hook(NIK, lambda n: n.value)
    conv.register_structure_hook(NIK, lambda v, _: parse_nik(v, strict=False))
    conv.register_unstructure_hook(KK, lambda k: k.value)
    conv.register_structure_hook(KK, lambda v, _: parse_kk(v, strict=False))
    conv.register_unstructure_hook(Provenance, lambda p: p._asdict())
    conv.register_structure_hook(
        Provenance, lambda v, _: Provenance(v["file"], v.get("sheet"), v.get("row"))
    )
    conv.register_unstructure_hook(datetime.datetime, lambda d: d.isoformat())
    conv.register_structure_hook(datetime.datetime, lambda v, _: datetime.datetime.fromisoformat(v))
    conv.register_unstructure_hook(datetime.date, lambda d: d.isoformat())
    conv.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))
    return conv


_CONVERTER: cattrs.Converter | None = None


def structure(data: Any, cls: type[_T]) -> _T:
    """Build ``cls`` from JSON-shaped ``data``; a bad shape raises naming every path at fault.

    >>> structure({"file": "pkh.csv", "row": 3}, Provenance)
    Provenance(file='pkh.csv', sheet=None, row=3)
    >>> structure({"year": "tahun ini"}, Period)
    Traceback (most recent call last):
        ...
    sibaso.core.errors.ValidationError: invalid value for type, expected int @ $.year
    """
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = make_converter()
    try:
        return _CONVERTER.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        raise ValidationError("; ".join(cattrs.transform_error(exc)), code="structure") from None


_PLAIN: dict[type, bool] = {}


def _plain_init(cls: type) -> bool:
    """Whether ``cls`` is an attrs slots class whose ``__init__`` only stores its arguments."""
    found = _PLAIN.get(cls)
    if found is None:
        found = _PLAIN[cls] = (
            attrs.has(cls)
            and "__slots__" in cls.__dict__
            and not hasattr(cls, "__attrs_post_init__")
            and all(
                f.validator is None and f.converter is None and f.init for f in attrs.fields(cls)
            )
        )
    return found


def from_columns(cls: type[_T], count: int, columns: Mapping[str, Iterable[Any]]) -> list[_T]:
    """``count`` records of ``cls`` built attribute by attribute, for bulk reading.

    ``columns`` gives every attribute its ``count`` values. The records equal
    ``cls(**row)`` for each row; they are made in a few loops run by the interpreter itself
    instead of one ``__init__`` call each (a third of the cost). Only for attrs slots classes
    whose ``__init__`` only stores its arguments — no validator, converter or post-init.

    >>> people = from_columns(Person, 2, {
    ...     "nik": [parse_nik("1205014107850001"), parse_nik("1205010101800001")],
    ...     "name": ["SITI", "BUDI"], "sex": [Sex.FEMALE, Sex.MALE], "birth_place": [None] * 2,
    ...     "birth_date": [None] * 2, "kk": [None] * 2, "relationship": [None] * 2,
    ...     "address": [None] * 2, "alive": [True, False], "provenance": [None] * 2,
    ... })
    >>> people[1] == Person(nik=parse_nik("1205010101800001"), name="BUDI", sex=Sex.MALE,
    ...                     alive=False)
    True
    """
    if not _plain_init(cls):
        raise TypeError(f"{cls.__name__} has an __init__ that does more than store its fields")
    names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
    if set(names) != set(columns):
        raise ValueError(f"columns must name exactly the attributes of {cls.__name__}")
    made: list[_T] = list(map(object.__new__, repeat(cls, count)))
    for name in names:
        slot = cls.__dict__[name]  # the slot's member descriptor
        deque(map(slot.__set__, made, columns[name]), maxlen=0)
    return made
