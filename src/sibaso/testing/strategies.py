"""Hypothesis strategies for sibaso's identifiers and model, for our tests and yours.

>>> from hypothesis import given
>>> from sibaso.core import nik
>>> @given(niks())
... def test(value):
...     assert nik.is_valid(value)
>>> test()
"""

from __future__ import annotations

import datetime

import attrs
from hypothesis import strategies as st

from sibaso.core import wilayah
from sibaso.core.kk import KK
from sibaso.core.model import Address, Family, Person, Relationship
from sibaso.core.nik import NIK, Sex
from sibaso.testing import name_pools as names

__all__ = ["districts", "families", "kks", "niks", "persons"]

_EARLIEST = datetime.date(1900, 1, 1)
_TODAY = datetime.date(2026, 1, 1)


def districts(*, retired: bool = True) -> st.SearchStrategy[str]:
    """Compact 6-digit kecamatan codes from the bundled table (retired ones too by default)."""
    codes = sorted(
        c
        for c in wilayah.district_codes()
        if retired or not (r := wilayah.lookup(c)) or not r.retired
    )
    return st.sampled_from(codes)


def niks(
    *,
    district: st.SearchStrategy[str] | None = None,
    sex: Sex | None = None,
    born: st.SearchStrategy[datetime.date] | None = None,
) -> st.SearchStrategy[str]:
    """Valid NIKs as 16-digit strings (strictly valid: known region, real date, serial ≥ 1)."""
    sexes = st.just(sex) if sex is not None else st.sampled_from(list(Sex))
    dates = born if born is not None else st.dates(_EARLIEST, _TODAY)

    def build(code: str, s: Sex, when: datetime.date, serial: int) -> str:
        day = when.day + (40 if s is Sex.FEMALE else 0)
        return f"{code}{day:02d}{when:%m%y}{serial:04d}"

    return st.builds(
        build, district if district is not None else districts(), sexes, dates, st.integers(1, 9999)
    )


def kks(*, district: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """Valid No. KK as 16-digit strings."""

    def build(code: str, when: datetime.date, serial: int) -> str:
        return f"{code}{when:%d%m%y}{serial:04d}"

    return st.builds(
        build,
        district if district is not None else districts(),
        st.dates(datetime.date(1975, 1, 1), _TODAY),
        st.integers(1, 9999),
    )


_NAME = st.sampled_from(sorted({*names.MALE, *names.FEMALE, *names.FAMILY, *names.SECOND})).map(
    str.upper
)


def persons(*, kk: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Person]:
    """People whose NIK agrees with their sex and birth date."""

    @st.composite
    def build(draw: st.DrawFn) -> Person:
        sex = draw(st.sampled_from(list(Sex)))
        born = draw(st.dates(datetime.date(1927, 1, 1), _TODAY))
        value = draw(niks(sex=sex, born=st.just(born)))
        kk_value = draw(kk if kk is not None else kks())
        district = wilayah.format_code(kk_value[:6])
        return Person(
            nik=NIK._make(value, _TODAY),
            name=" ".join(draw(st.lists(_NAME, min_size=1, max_size=3))),
            sex=sex,
            birth_date=born,
            kk=KK._make(kk_value, _TODAY),
            relationship=draw(st.sampled_from(list(Relationship))),
            address=Address(kecamatan_code=district),
        )

    return build()


def families(max_members: int = 6) -> st.SearchStrategy[tuple[Family, list[Person]]]:
    """A family and its members: everyone shares one KK, the first is kepala keluarga."""

    @st.composite
    def build(draw: st.DrawFn) -> tuple[Family, list[Person]]:
        kk_value = draw(kks())
        members = draw(
            st.lists(
                persons(kk=st.just(kk_value)),
                min_size=1,
                max_size=max_members,
                unique_by=lambda p: p.nik.value,
            )
        )
        members = [
            attrs.evolve(
                p,
                relationship=Relationship.KEPALA_KELUARGA
                if i == 0
                else (
                    Relationship.ANAK
                    if p.relationship is Relationship.KEPALA_KELUARGA
                    else p.relationship
                ),
            )
            for i, p in enumerate(members)
        ]
        return Family.from_persons(members[0].kk, members), members  # type: ignore[arg-type]

    return build()
