"""NIK (Nomor Induk Kependudukan, Indonesian national identity number).

A NIK has 16 digits laid out ``PPKKCC DDMMYY SSSS``:

* ``PPKKCC``: the Kemendagri (not BPS) codes of the province, kabupaten/kota and kecamatan
  where the person was first registered (PP 37/2007 Pasal 37, kept by PP 40/2019);
* ``DDMMYY``: the birth date, with 40 added to the day for women;
* ``SSSS``: an issuance serial from 0001.

A NIK never changes (UU 23/2006 Pasal 13), so it may carry a region code retired since; such
a NIK is valid and its region is named with a note. See ``docs/nik.md`` for the sources.

>>> import datetime
>>> nik = parse("1205014107850001", today=datetime.date(2026, 11, 28))
>>> nik.value, nik.district_code, nik.sex.value, nik.birth_date.isoformat(), nik.serial
('1205014107850001', '12.05.01', 'P', '1985-07-01', '0001')
>>> nik.region.district
'Bahorok'
>>> nik.formatted()
'12.05.01.410785.0001'
>>> nik.masked()
'1205**********01'

What operators paste is cleaned, and nothing more lenient than that:

>>> compact(" '12.05.01-410785 0001 ")
'1205014107850001'
>>> validate("1205014107850001.0")
'1205014107850001'
>>> validate("1205014107850001.00")
Traceback (most recent call last):
    ...
sibaso.core.errors.InvalidNIK: A NIK has 16 digits; got 18.

Each rule has a code:

>>> def code(value, **kw):
...     try:
...         parse(value, **kw)
...     except InvalidNIK as exc:
...         return exc.code
>>> code("12050141078500O1"), code("120501410785001"), code("9905014107850001")
('format', 'length', 'region')
>>> code("1205013207850001"), code("1205017207850001"), code("1205010107850000")
('date', 'date', 'serial')
>>> code(1.205014107850001e15), code("1.20501410785E+15"), code(1205014107850000)
('precision', 'precision', 'precision')

Strict mode (the default) also needs a known kabupaten/kota and kecamatan; lenient mode, used
by imports, only warns so that no genuine person is refused:

>>> code("1205994107850001")
'region'
>>> [w.code for w in parse("1205994107850001", strict=False).warnings]
['region']

A retired code (the 2022 Papua split) stays valid:

>>> old = parse("9101014107850001")
>>> old.region.regency, old.region.retired, old.region.successor
('Kabupaten Merauke', True, '93.01.01')

The century is not encoded: the latest date not after ``today`` wins, and both are offered.

>>> nik = parse("1205010101240001", today=datetime.date(2026, 11, 28))
>>> nik.birth_date, nik.birth_date_candidates
(datetime.date(2024, 1, 1), (datetime.date(2024, 1, 1), datetime.date(1924, 1, 1)))
>>> parse("1205016902000001").birth_date
datetime.date(2000, 2, 29)

``is_valid`` never raises:

>>> is_valid("1205014107850001"), is_valid(None), is_valid(object()), is_valid("€")
(True, False, False, False)
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from enum import Enum
from typing import Any

from sibaso.core import _identifier, wilayah
from sibaso.core._base import Identifier, RegionNames, mask
from sibaso.core.errors import InvalidNIK, ValidationError

__all__ = [
    "NIK",
    "InvalidNIK",
    "RegionNames",
    "Sex",
    "check_many",
    "compact",
    "format",
    "is_valid",
    "is_valid_many",
    "mask",
    "parse",
    "plain_parts",
    "validate",
    "verdict",
]

LABEL = "NIK"


class Sex(str, Enum):
    """Sex as encoded in a NIK and written in Indonesian forms (L = laki-laki, P = perempuan)."""

    MALE = "L"
    FEMALE = "P"

    @classmethod
    def parse(cls, value: object) -> Sex | None:
        """The sex a form writes: L/P, 1/2, LAKI-LAKI, PEREMPUAN, PRIA, WANITA, M/F …; else None.

        The one rule for a sex column (:func:`sibaso.adapters.records.cells.sex_cell` adds the
        warning for an unknown word). Never raises.

        >>> Sex.parse("LAKI - LAKI"), Sex.parse(2), Sex.parse("2. Perempuan"), Sex.parse("X")
        (<Sex.MALE: 'L'>, <Sex.FEMALE: 'P'>, <Sex.FEMALE: 'P'>, None)
        """
        if type(value) is int or type(value) is float:
            return cls.MALE if value == 1 else cls.FEMALE if value == 2 else None
        if not isinstance(value, str):
            return None
        text = value.strip()
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        key = _NOT_ALNUM.sub("", text.upper())
        sex = _SEXES.get(key)
        if (
            sex is None
            and key[:1] in ("1", "2")
            and key[1:].isalpha()
            and _SEXES.get(key[1:]) is _SEXES[key[0]]
        ):
            sex = _SEXES[key[0]]  # "1. Laki-laki", "2 - PEREMPUAN"
        return sex


_SEXES: dict[str, Sex] = {
    **dict.fromkeys(
        ("L", "LK", "LAKI", "LAKILAKI", "LAKI2", "PRIA", "COWOK", "M", "MALE", "MAN", "1"),
        Sex.MALE,
    ),
    **dict.fromkeys(
        ("P", "PR", "PRP", "PEREMPUAN", "WANITA", "CEWEK", "W", "F", "FEMALE", "WOMAN", "2"),
        Sex.FEMALE,
    ),
}
_NOT_ALNUM = re.compile(r"[\W_]+")


class NIK(Identifier):
    """A valid NIK. Immutable; equal and hashed by its 16 digits; ``repr`` is masked.

    Build one with :meth:`NIK.parse` (or ``NIK(value)``, the same with defaults).
    """

    __slots__ = ()
    LABEL = LABEL

    def __new__(
        cls, value: object, *, strict: bool = True, today: datetime.date | None = None
    ) -> NIK:
        return parse(value, strict=strict, today=today)

    @classmethod
    def parse(
        cls, value: object, *, strict: bool = True, today: datetime.date | None = None
    ) -> NIK:
        """Parse and validate ``value``; raise :class:`InvalidNIK` with a ``code``."""
        return parse(value, strict=strict, today=today)

    @property
    def sex(self) -> Sex:
        """:attr:`Sex.FEMALE` when 40 was added to the birth day."""
        return Sex.FEMALE if self.value[6] >= "4" else Sex.MALE

    @property
    def birth_date_candidates(self) -> tuple[datetime.date, ...]:
        """Every real birth date not after ``today``, latest first (one or two)."""
        day = int(self.value[6:8])
        return self._date_candidates(day - 40 if day > 40 else day)

    @property
    def birth_date(self) -> datetime.date:
        """The latest real birth date not after ``today``."""
        return self.birth_date_candidates[0]


def compact(number: object) -> str:
    """Clean what operators paste into the bare digits (raises on floats/scientific notation).

    Accepts surrounding and inner spaces, dots or dashes as separators, a leading apostrophe,
    and a trailing ``.0`` after exactly 16 digits.
    """
    if isinstance(number, str):
        return _identifier.strip(number)
    return _identifier.clean(number, InvalidNIK, LABEL)


def parse(value: object, *, strict: bool = True, today: datetime.date | None = None) -> NIK:
    """Parse and validate a NIK; raise :class:`InvalidNIK` whose ``code`` names the rule."""
    if type(value) is str and len(value) == 16 and value.isdigit() and value.isascii():
        digits = value
    elif isinstance(value, NIK):
        digits = value.value
    else:
        digits = _identifier.clean(value, InvalidNIK, LABEL)
    districts, _provinces, ddmm_all = _fast or _fast_tables()
    if digits[:6] not in districts:
        _identifier.check_region(digits, InvalidNIK, LABEL, strict)
    if digits[6:10] not in ddmm_all and not _leap_day(digits):
        raise _identifier.date_error(digits, InvalidNIK, LABEL, women=True)
    if digits[12:] == "0000":
        _identifier.check_serial(digits, InvalidNIK, LABEL)
    nik = NIK._make(digits, today)
    if today is not None and not nik.birth_date_candidates:
        raise _identifier.date_error(digits, InvalidNIK, LABEL, women=True)
    return nik


def validate(number: object, *, strict: bool = True) -> str:
    """Return the 16 digits of a valid NIK, or raise :class:`InvalidNIK` (stdnum style)."""
    return parse(number, strict=strict).value


def format(number: object) -> str:
    """Format as ``PP.KK.CC.DDMMYY.SSSS``."""
    digits = compact(number)
    return ".".join((digits[:2], digits[2:4], digits[4:6], digits[6:12], digits[12:]))


_fast: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None


def _fast_tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    global _fast
    if _fast is None:
        _fast = (
            wilayah.district_codes(),
            wilayah.province_codes(),
            (_identifier.DDMM | _identifier.DDMM_WOMEN) - _LEAP_DAYS,
        )
    return _fast


_LEAP_DAYS = frozenset(("2902", "6902"))


def _leap_day(digits: str) -> bool:
    """29 February (either sex) in a year YY that is a leap year in some century."""
    return digits[6:10] in _LEAP_DAYS and int(digits[10:12]) % 4 == 0


def is_valid(number: object, *, strict: bool = True) -> bool:
    """True when ``number`` is a valid NIK: :func:`parse` without the exception. Never raises.

    >>> is_valid(10**5000), is_valid(float("nan")), is_valid(b"1205014107850001")
    (False, False, False)
    """
    try:
        parse(number, strict=strict)
    except ValidationError:
        return False
    return True


def is_valid_many(values: Iterable[object], *, strict: bool = True) -> list[bool]:
    """:func:`is_valid` for each of many values.

    >>> is_valid_many(["1205014107850001", "1205013207850001", " 1205014107850001", None])
    [True, False, True, False]
    """
    return [is_valid(value, strict=strict) for value in values]


def check_many(values: Iterable[object], *, strict: bool = True) -> list[str | None]:
    """For each of many NIKs, None when valid, else the ``code`` :func:`parse` raises.

    >>> check_many(["1205014107850001", "12050141078500", "1205013207850001", None])
    [None, 'length', 'date', 'format']
    """
    out: list[str | None] = []
    for value in values:
        try:
            parse(value, strict=strict)
        except ValidationError as exc:
            out.append(exc.code)
        else:
            out.append(None)
    return out


def verdict(value: str, *, strict: bool = True, lang: str = "id") -> dict[str, Any]:
    """The JSON-ready answer on one value, for every front end that checks a NIK (the CLI's
    ``sibaso nik check``, the API's ``/v1/nik/check``): valid or not, the rule broken, the
    warnings, and what a valid NIK encodes. ``input`` is what was given (a front end that
    must not echo it drops it).

    >>> answer = verdict("1205014107850001")
    >>> answer["valid"], answer["birth_date"], answer["sex"], answer["region"]["district"]
    (True, '1985-07-01', 'P', 'Bahorok')
    >>> verdict("1205013207850001")["error"], verdict("12 05", lang="en")["nik"]
    ('date', None)
    """
    try:
        parsed = parse(value, strict=strict)
    except InvalidNIK as exc:
        cleaned = compact(value)
        return {
            "input": value,
            "valid": False,
            "nik": cleaned if len(cleaned) == 16 and cleaned.isdigit() else None,
            "error": exc.code,
            "message": exc.localized(lang),
            "warnings": [],
            "birth_date": None,
            "sex": None,
            "region": None,
        }
    region = parsed.region
    return {
        "input": value,
        "valid": True,
        "nik": parsed.value,
        "error": None,
        "message": None,
        "warnings": [{"code": w.code, "message": w.localized(lang)} for w in parsed.warnings],
        "birth_date": parsed.birth_date.isoformat(),
        "sex": parsed.sex.value,
        "region": {
            "province": region.province,
            "regency": region.regency,
            "district": region.district,
        },
    }


def plain_parts() -> tuple[frozenset[str], frozenset[str]]:
    """``(regions, dates)``: the parts of a NIK that :func:`parse` accepts with no warning.

    A value of 16 ASCII digits whose first six are in ``regions``, next four in ``dates`` and
    whose serial is not ``0000`` is a valid NIK without a remark, so a bulk check may vouch
    for it without calling :func:`parse` (anything else it must leave to ``parse``). 29
    February is left out: it needs the year. ``tests/test_nik.py`` proves this on every code.

    >>> regions, dates = plain_parts()
    >>> "120501" in regions, "4107" in dates, "2902" in dates, "3207" in dates
    (True, True, False, False)
    """
    return _identifier.plain_regions(), (_fast or _fast_tables())[2]
