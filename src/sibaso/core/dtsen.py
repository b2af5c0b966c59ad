"""DTSEN (Data Tunggal Sosial Ekonomi Nasional): editions, desil, family and member records.

Since Inpres 4/2025 every family (KK) in DTSEN carries a welfare decile — *desil* 1 (poorest
tenth) to 10 — on three scales: nasional, within the provinsi, within the kabupaten/kota. BPS
ranks families with a proxy-means test whose formula is not public; sibaso only stores and
compares the deciles it is given. A DTSEN *edition* is a version and a year (``v3-2026``),
read from the file name (``keluarga_dtsen_v3_2026_langkat.csv``) or given by the operator.

>>> Edition.parse("v3-2026"), str(Edition.parse("2026 V3"))
(Edition(year=2026, version=3), 'v3-2026')
>>> Edition.from_file_name("anggota_keluarga_dtsen_v3_2026_langkat.csv")
Edition(year=2026, version=3)
>>> Edition.parse("v2-2025") < Edition.parse("v3-2026")
True
>>> parse_desil("4"), parse_desil(" Desil 10 "), parse_desil(""), parse_desil("0")
(4, 10, None, None)
>>> parse_desil("11")
Traceback (most recent call last):
    ...
sibaso.core.errors.ValidationError: A desil runs from 1 to 10, not '11'.
>>> Desil(nasional=3, provinsi=4, kabupaten=2).on(Scale.PROVINSI)
4

Desil and the socio-economic items of DTSEN are sensitive personal data (UU 27/2022): they are
shown to officers only, never in a public answer.
"""

from __future__ import annotations

import datetime
import re
from enum import Enum

import attrs

from sibaso.core.errors import ValidationError
from sibaso.core.kk import KK
from sibaso.core.model import Provenance, Relationship
from sibaso.core.nik import NIK, Sex

__all__ = [
    "Desil",
    "DtsenFamily",
    "DtsenMember",
    "Edition",
    "Scale",
    "parse_desil",
    "parse_flag",
]


class Scale(str, Enum):
    """The ranking a desil is on: the whole country, the province, or the kabupaten/kota."""

    NASIONAL = "nasional"
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"

    @classmethod
    def parse(cls, text: str) -> Scale:
        """``nasional``, ``provinsi``/``prov``, ``kabupaten``/``kab``/``kabupaten_kota``.

        >>> Scale.parse("Kabupaten/Kota"), Scale.parse("prov")
        (<Scale.KABUPATEN: 'kabupaten'>, <Scale.PROVINSI: 'provinsi'>)
        """
        key = re.sub(r"[^a-z]", "", str(text).lower())
        for scale in cls:
            if key and (scale.value.startswith(key[:3]) and len(key) >= 3):
                return scale
        raise ValidationError(
            f"Unknown desil scale {text!r}: use nasional, provinsi or kabupaten.",
            code="unknown-scale",
            message_id=f"Skala desil {text!r} tidak dikenal: pakai nasional, provinsi atau "
            "kabupaten.",
        )


_EDITION = re.compile(
    r"^\s*(?:v(?P<v1>\d{1,2})[\s_\-/]*(?P<y1>(?:19|20)\d\d)?"
    r"|(?P<y2>(?:19|20)\d\d)(?:[\s_\-/]*v(?P<v2>\d{1,2}))?)\s*$",
    re.IGNORECASE,
)
_EDITION_IN_NAME = re.compile(
    r"dtsen[\s_\-]*v(?P<v>\d{1,2})(?:[\s_\-]+(?P<y>(?:19|20)\d\d))?", re.IGNORECASE
)


@attrs.frozen(order=True)
class Edition:
    """A DTSEN version and its year; ordered by year, then version."""

    year: int
    version: int

    def __str__(self) -> str:
        return f"v{self.version}-{self.year}"

    @classmethod
    def parse(cls, text: str, default: Edition | None = None) -> Edition:
        """``v3-2026``, ``2026-v3``, ``v3 2026``; ``v3`` or ``2026`` alone take the other part
        from ``default`` (the file name's edition)."""
        match = _EDITION.match(str(text))
        if match:
            version = match["v1"] or match["v2"]
            year = match["y1"] or match["y2"]
            version_no = int(version) if version else (default.version if default else None)
            year_no = int(year) if year else (default.year if default else None)
            if version_no is not None and year_no is not None:
                return cls(year=year_no, version=version_no)
        raise ValidationError(
            f"Unknown DTSEN edition {text!r}: use a version and a year, e.g. v3-2026.",
            code="unknown-edition",
            message_id=f"Edisi DTSEN {text!r} tidak dikenal: tulis versi dan tahun, mis. v3-2026.",
        )

    @classmethod
    def from_file_name(cls, name: str) -> Edition | None:
        """The edition a file name gives (``…dtsen_v3_2026_…``), or None.

        >>> Edition.from_file_name("keluarga_dtsen_v2_langkat.xlsx") is None
        True
        """
        match = _EDITION_IN_NAME.search(name)
        if not match or not match["y"]:
            return None
        return cls(year=int(match["y"]), version=int(match["v"]))


_DESIL = re.compile(r"^\s*(?:desil\s*)?(\d{1,2})(?:\.0+)?\s*$", re.IGNORECASE)


def parse_desil(value: object) -> int | None:
    """A desil 1-10 from a cell; empty, ``0``, ``-`` or ``NULL`` is None (not ranked)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text in ("", "-", "0", "NULL", "null", "None"):
        return None
    match = _DESIL.match(text)
    number = int(match[1]) if match else None
    if number is None or not 1 <= number <= 10:
        raise ValidationError(
            f"A desil runs from 1 to 10, not {text!r}.",
            code="desil-invalid",
            message_id=f"Desil berkisar 1 sampai 10, bukan {text!r}.",
        )
    return number


_YES = frozenset(("1", "ya", "y", "true", "benar", "iya"))
_NO = frozenset(("0", "2", "tidak", "t", "n", "false", "bukan"))


def parse_flag(value: object) -> bool | None:
    """A DTSEN yes/no cell (``1``/``0``, ``Ya``/``Tidak``, ``1``/``2``), None when empty.

    >>> parse_flag("1"), parse_flag("Tidak"), parse_flag(None), parse_flag("?")
    (True, False, None, None)
    """
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


@attrs.frozen(kw_only=True)
class Desil:
    """A family's deciles on the three scales (None where the file gives none)."""

    nasional: int | None = None
    provinsi: int | None = None
    kabupaten: int | None = None

    def on(self, scale: Scale) -> int | None:
        """The desil on one scale."""
        return {
            Scale.NASIONAL: self.nasional,
            Scale.PROVINSI: self.provinsi,
            Scale.KABUPATEN: self.kabupaten,
        }[scale]


@attrs.frozen(kw_only=True)
class BpsPlace:
    """A region as DTSEN writes it: BPS codes and names, and the Kemendagri codes mapped
    from the names (None when they could not be)."""

    province_code: str | None = None
    province_name: str | None = None
    regency_code: str | None = None
    regency_name: str | None = None
    kecamatan_bps: str | None = None
    kecamatan_name: str | None = None
    desa_bps: str | None = None
    desa_name: str | None = None
    kecamatan_code: str | None = None
    desa_code: str | None = None


@attrs.frozen(kw_only=True)
class DtsenFamily:
    """One row of the DTSEN family file: a KK, where it lives, its deciles and flags.

    ``details`` keeps the housing, asset and livestock items as written (officer-only data).
    """

    edition: Edition
    kk: KK | None
    kk_given: str | None = None
    place: BpsPlace = attrs.field(factory=BpsPlace)
    address: str | None = None
    members: int | None = None
    head_name: str | None = None
    desil: Desil = attrs.field(factory=Desil)
    pbi_nas: bool | None = None
    pbi_pemda: bool | None = None
    details: dict[str, str] = attrs.field(factory=dict, hash=False)
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen(kw_only=True)
class DtsenMember:
    """One row of the DTSEN member file: a person (NIK) on a family (KK) of an edition.

    A lower authority than Dukcapil for person data: it links people to DTSEN families and
    never overwrites the population data.
    """

    edition: Edition
    nik: NIK | None
    nik_given: str | None = None
    kk: KK | None = None
    kk_given: str | None = None
    name: str | None = None
    birth_date: datetime.date | None = None
    sex: Sex | None = None
    relationship: Relationship | None = None
    pbi_nas: bool | None = None
    pbi_pemda: bool | None = None
    details: dict[str, str] = attrs.field(factory=dict, hash=False)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
