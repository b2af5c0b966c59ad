"""No. KK (Nomor Kartu Keluarga, family card number).

16 digits laid out ``PPKKCC DDMMYY SSSS``: the Kemendagri region where the card was issued, the
registration date (no +40 for women: it is not a person's date) and a family serial from 0001
(SIAK guidance as quoted by secondary sources; weaker evidence than for the NIK, see
``docs/nik.md``). A KK number changes when a family moves, splits, or its head dies.

>>> import datetime
>>> kk = parse("1205012003150004", today=datetime.date(2026, 11, 28))
>>> kk.value, kk.district_code, kk.registered_on.isoformat(), kk.serial
('1205012003150004', '12.05.01', '2015-03-20', '0004')
>>> kk.formatted(), kk.masked()
('12.05.01.200315.0004', '1205**********04')

The same cleaning and the same error codes as :mod:`sibaso.core.nik`:

>>> def code(value, **kw):
...     try:
...         parse(value, **kw)
...     except InvalidKK as exc:
...         return exc.code
>>> code("1205014107850001"), code("1205010107150000"), code("12050101071500")
('date', 'serial', 'length')
>>> code("'1205012003150004"), code(1.2e15), code("0005012003150004")
(None, 'precision', 'region')
>>> is_valid("1205012003150004"), is_valid(None), is_valid(["x"])
(True, False, False)
"""

from __future__ import annotations

import datetime

from sibaso.core import _identifier, wilayah
from sibaso.core._base import Identifier
from sibaso.core.errors import InvalidKK, ValidationError

__all__ = [
    "KK",
    "InvalidKK",
    "compact",
    "format",
    "is_valid",
    "parse",
    "plain_parts",
    "validate",
]

LABEL = "No. KK"


class KK(Identifier):
    """A valid No. KK. Immutable; equal and hashed by its 16 digits; ``repr`` is masked."""

    __slots__ = ()
    LABEL = LABEL

    def __new__(
        cls, value: object, *, strict: bool = True, today: datetime.date | None = None
    ) -> KK:
        return parse(value, strict=strict, today=today)

    @classmethod
    def parse(cls, value: object, *, strict: bool = True, today: datetime.date | None = None) -> KK:
        """Parse and validate ``value``; raise :class:`InvalidKK` with a ``code``."""
        return parse(value, strict=strict, today=today)

    @property
    def registered_on_candidates(self) -> tuple[datetime.date, ...]:
        """Every real registration date not after ``today``, latest first."""
        return self._date_candidates(int(self.value[6:8]))

    @property
    def registered_on(self) -> datetime.date:
        """The latest real registration date not after ``today``."""
        return self.registered_on_candidates[0]


def compact(number: object) -> str:
    """Clean what operators paste into the bare digits (the NIK rules)."""
    if isinstance(number, str):
        return _identifier.strip(number)
    return _identifier.clean(number, InvalidKK, LABEL)


def parse(value: object, *, strict: bool = True, today: datetime.date | None = None) -> KK:
    """Parse and validate a No. KK; raise :class:`InvalidKK` whose ``code`` names the rule."""
    if type(value) is str and len(value) == 16 and value.isdigit() and value.isascii():
        digits = value
    elif isinstance(value, KK):
        digits = value.value
    else:
        digits = _identifier.clean(value, InvalidKK, LABEL)
    if digits[:6] not in wilayah.district_codes():
        _identifier.check_region(digits, InvalidKK, LABEL, strict)
    ddmm = digits[6:10]
    if ddmm not in _identifier.DDMM or (ddmm == "2902" and int(digits[10:12]) % 4):
        raise _identifier.date_error(digits, InvalidKK, LABEL, women=False)
    _identifier.check_serial(digits, InvalidKK, LABEL)
    kk = KK._make(digits, today)
    if today is not None and not kk.registered_on_candidates:
        raise _identifier.date_error(digits, InvalidKK, LABEL, women=False)
    return kk


def validate(number: object, *, strict: bool = True) -> str:
    """Return the 16 digits of a valid No. KK, or raise :class:`InvalidKK`."""
    return parse(number, strict=strict).value


def is_valid(number: object, *, strict: bool = True) -> bool:
    """True when ``number`` is a valid No. KK: :func:`parse` without the exception. Never raises."""
    try:
        parse(number, strict=strict)
    except ValidationError:
        return False
    return True


def format(number: object) -> str:
    """Format as ``PP.KK.CC.DDMMYY.SSSS``."""
    digits = compact(number)
    return ".".join((digits[:2], digits[2:4], digits[4:6], digits[6:12], digits[12:]))


def plain_parts() -> tuple[frozenset[str], frozenset[str]]:
    """``(regions, dates)``: the parts of a No. KK that :func:`parse` accepts with no warning
    (as :func:`sibaso.core.nik.plain_parts`; a KK's day has no 40 added for women).

    >>> regions, dates = plain_parts()
    >>> "120501" in regions, "2003" in dates, "4107" in dates, "2902" in dates
    (True, True, False, False)
    """
    return _identifier.plain_regions(), _PLAIN_DATES


_PLAIN_DATES = _identifier.DDMM - {"2902"}
