"""What NIK and No. KK share: an immutable 16-digit value with region, date and serial parts."""

from __future__ import annotations

import datetime
from collections import deque
from collections.abc import Iterable
from itertools import repeat
from typing import Any, ClassVar, TypeVar

import attrs

from sibaso.core import _identifier, wilayah
from sibaso.core.errors import ValidationWarning

__all__ = ["Identifier", "RegionNames", "format16", "mask"]

_I = TypeVar("_I", bound="Identifier")
_set = object.__setattr__


def mask(number: str) -> str:
    """Mask a 16-digit NIK or KK for public view: keep the first 4 and the last 2 digits.

    The first four digits (province and kabupaten/kota) are public knowledge for any list of a
    kabupaten; the kecamatan, birth date, sex and serial are hidden.

    >>> mask("1205014107850001")
    '1205**********01'
    """
    return number[:4] + "*" * (len(number) - 6) + number[-2:]


def format16(digits: str) -> str:
    """``PP.KK.CC.DDMMYY.SSSS``"""
    return ".".join((digits[:2], digits[2:4], digits[4:6], digits[6:12], digits[12:]))


@attrs.frozen
class RegionNames:
    """Names of the region parts of a NIK or KK as known (None for a part not in the table)."""

    province: str | None
    regency: str | None
    district: str | None
    retired: bool = False
    successor: str | None = None
    note: str | None = None

    @classmethod
    def from_digits(cls, digits: str) -> RegionNames:
        """Look up the names of the first six digits of a NIK or KK."""
        province = wilayah.lookup(digits[:2])
        regency = wilayah.lookup(digits[:4])
        district = wilayah.lookup(digits[:6])
        retired_part = next((r for r in (district, regency) if r is not None and r.retired), None)
        return cls(
            province=province.name if province else None,
            regency=regency.name if regency else None,
            district=district.name if district else None,
            retired=retired_part is not None,
            successor=retired_part.successor if retired_part else None,
            note=retired_part.note if retired_part else None,
        )


class Identifier:
    """An immutable valid identifier; equal and hashed by its digits; ``repr`` is masked."""

    __slots__ = ("_dates", "_today", "value")
    LABEL: ClassVar[str] = ""
    value: str
    _dates: tuple[datetime.date, ...]
    _today: datetime.date | None

    @classmethod
    def _make(cls: type[_I], digits: str, today: datetime.date | None = None) -> _I:
        self = object.__new__(cls)
        _set(self, "value", digits)
        _set(self, "_today", today)
        return self

    @classmethod
    def _make_many(cls: type[_I], digits: list[str]) -> list[_I]:
        """:meth:`_make` (no ``today``) of each of ``digits``, already known valid, at once."""
        made: list[_I] = list(map(object.__new__, repeat(cls, len(digits))))
        slots = Identifier.__dict__
        _fill(made, slots["value"], digits)
        _fill(made, slots["_today"], repeat(None))
        return made

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is type(self):
            return self.value == other.value
        return NotImplemented

    def __lt__(self: _I, other: _I) -> bool:
        return self.value < other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.masked()}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self)._make, (self.value, self._today))

    @property
    def province_code(self) -> str:
        """``"12"``"""
        return self.value[:2]

    @property
    def regency_code(self) -> str:
        """``"12.05"``"""
        return f"{self.value[:2]}.{self.value[2:4]}"

    @property
    def district_code(self) -> str:
        """``"12.05.01"``"""
        return f"{self.value[:2]}.{self.value[2:4]}.{self.value[4:6]}"

    @property
    def region(self) -> RegionNames:
        """Names of the province, kabupaten/kota and kecamatan, as the table knows them."""
        return RegionNames.from_digits(self.value)

    @property
    def serial(self) -> str:
        """The 4-digit serial, ``"0001"`` upwards."""
        return self.value[12:]

    @property
    def warnings(self) -> tuple[ValidationWarning, ...]:
        """Suspect but valid: an unknown region (lenient mode) or a retired region code."""
        return _identifier.region_warnings(self.value, self.LABEL)

    def formatted(self) -> str:
        """``"12.05.01.410785.0001"``"""
        return format16(self.value)

    def masked(self) -> str:
        """The public form: first 4 and last 2 digits, see :func:`mask`."""
        return mask(self.value)

    def _date_candidates(self, day: int) -> tuple[datetime.date, ...]:
        """Real dates for the DDMMYY part (day already without +40), latest first, cached."""
        try:
            return self._dates
        except AttributeError:
            pass
        today = self._today or datetime.date.today()
        found = _identifier.date_candidates(
            day, int(self.value[8:10]), int(self.value[10:12]), today
        )
        _set(self, "_dates", found)
        return found


def _fill(objects: list[Any], slot: Any, values: Iterable[Any]) -> None:
    """Store ``values`` in the ``slot`` (a member descriptor) of ``objects``, in one C loop."""
    deque(map(slot.__set__, objects, values), maxlen=0)
