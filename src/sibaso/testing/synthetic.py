"""A deterministic synthetic population: families, households and people with valid NIK/KK.

>>> pop = Population.generate(persons=200, seed=7)
>>> len(pop.persons) >= 200, len({p.nik for p in pop.persons}) == len(pop.persons)
(True, True)
>>> again = Population.generate(persons=200, seed=7)
>>> again.persons == pop.persons
True

Names, dates and codes are made up; any resemblance to a real person is chance. Langkat
(12.05, Sumatera Utara) is the default kabupaten; every kecamatan and desa code is real.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Callable

import attrs

from sibaso.core import wilayah
from sibaso.core.kk import KK
from sibaso.core.model import Address, Family, Household, Person, Relationship
from sibaso.core.nik import NIK, Sex
from sibaso.testing import name_pools as names

__all__ = ["Population"]

TODAY = datetime.date(2026, 1, 1)


@attrs.frozen
class Population:
    """People, their families (by KK) and their households (rumah tangga)."""

    persons: list[Person]
    families: list[Family]
    households: list[Household]

    @classmethod
    def generate(
        cls,
        persons: int = 1000,
        *,
        seed: int = 2017,
        regency: str = "12.05",
        progress: Callable[[int], None] | None = None,
    ) -> Population:
        """Generate at least ``persons`` people in families; the same seed gives the same data.

        ``progress`` (:mod:`sibaso.core.progress`) hears the count of people made so far, every
        thousand or so; it changes nothing in what is made.
        """
        return _Generator(random.Random(seed), regency).run(persons, progress)


class _Generator:
    def __init__(self, rnd: random.Random, regency: str) -> None:
        self.rnd = rnd
        self.districts = [r for r in wilayah.kecamatan_of(regency)]
        if not self.districts:
            raise ValueError(f"No kecamatan known for kabupaten/kota {regency!r}.")
        self.desa = {
            d.code: [c for c in _desa_codes(d.code)] or [d.code + ".2001"] for d in self.districts
        }
        self.serials: dict[str, int] = defaultdict(int)
        self.hh_counter = 0
        self.others = [c for c in sorted(wilayah.district_codes()) if c[:2] in ("12", "11", "14")]

    def _serial(self, prefix: str) -> str:
        self.serials[prefix] += 1
        return f"{self.serials[prefix]:04d}"

    def birth(self, age_min: int, age_max: int) -> datetime.date:
        days = self.rnd.randint(age_min * 365, age_max * 365 + 364)
        return TODAY - datetime.timedelta(days=days)

    def nik(self, district: str, born: datetime.date, sex: Sex) -> NIK:
        day = born.day + (40 if sex is Sex.FEMALE else 0)
        head = f"{district.replace('.', '')}{day:02d}{born:%m%y}"
        return NIK._make(head + self._serial(head), TODAY)

    def kk(self, district: str) -> KK:
        issued = self.birth(0, 20)
        head = f"{district.replace('.', '')}{issued:%d%m%y}"
        return KK._make(head + self._serial("KK" + head), TODAY)

    def name(self, sex: Sex, family_name: str | None) -> str:
        first = self.rnd.choice(names.MALE if sex is Sex.MALE else names.FEMALE)
        last = family_name or self.rnd.choice(names.SECOND)
        return f"{first} {last}".upper()

    def person(
        self,
        sex: Sex,
        born: datetime.date,
        kk: KK,
        rel: Relationship,
        address: Address,
        family_name: str | None,
    ) -> Person:
        roll = self.rnd.random()
        if roll < 0.85:
            registered_in = address.kecamatan_code or ""
        elif roll < 0.98:
            registered_in = self.rnd.choice(self.districts).code
        else:
            registered_in = wilayah.format_code(self.rnd.choice(self.others))
        return Person(
            nik=self.nik(registered_in, born, sex),
            name=self.name(sex, family_name),
            sex=sex,
            birth_place=self.rnd.choice(names.PLACES).upper(),
            birth_date=born,
            kk=kk,
            relationship=rel,
            address=address,
            alive=self.rnd.random() > 0.01,
        )

    def family(self, district: Region) -> list[Person]:
        rnd = self.rnd
        kk = self.kk(district.code)
        desa = rnd.choice(self.desa[district.code])
        address = Address(
            street=f"DUSUN {rnd.randint(1, 12)}",
            rt=f"{rnd.randint(1, 9):03d}",
            rw=f"{rnd.randint(1, 5):03d}",
            desa_code=desa,
            kecamatan_code=district.code,
            kecamatan_name=district.name,
        )
        batak = rnd.random() < 0.4
        family_name = rnd.choice(names.FAMILY) if batak else None
        members = []
        head_age = rnd.randint(24, 75)
        single_mother = rnd.random() < 0.12
        head_sex = Sex.FEMALE if single_mother else Sex.MALE
        members.append(
            self.person(
                head_sex,
                self.birth(head_age, head_age),
                kk,
                Relationship.KEPALA_KELUARGA,
                address,
                family_name,
            )
        )
        if not single_mother:
            age = max(18, head_age - rnd.randint(0, 8))
            members.append(
                self.person(Sex.FEMALE, self.birth(age, age), kk, Relationship.ISTRI, address, None)
            )
        for _ in range(rnd.choice((0, 1, 1, 2, 2, 2, 3, 3, 4, 5))):
            age = rnd.randint(0, max(0, min(head_age - 18, 30)))
            sex = rnd.choice((Sex.MALE, Sex.FEMALE))
            members.append(
                self.person(
                    sex,
                    self.birth(age, age),
                    kk,
                    Relationship.ANAK,
                    address,
                    family_name if sex is Sex.MALE else None,
                )
            )
        if rnd.random() < 0.08:
            age = min(95, head_age + rnd.randint(20, 30))
            members.append(
                self.person(
                    rnd.choice((Sex.MALE, Sex.FEMALE)),
                    self.birth(age, age),
                    kk,
                    Relationship.ORANG_TUA,
                    address,
                    family_name,
                )
            )
        return members

    def run(self, count: int, progress: Callable[[int], None] | None = None) -> Population:
        persons: list[Person] = []
        families: list[Family] = []
        households: list[Household] = []
        told = 0
        while len(persons) < count:
            if progress is not None and len(persons) - told >= 1000:
                told = len(persons)
                progress(told)
            district = self.rnd.choice(self.districts)
            group = [self.family(district)]
            if self.rnd.random() < 0.15:
                group.append(self.family(district))
            self.hh_counter += 1
            hh_id = f"{district.code.replace('.', '')}{self.hh_counter:08d}"
            for members in group:
                persons.extend(members)
                families.append(Family.from_persons(members[0].kk, members))  # type: ignore[arg-type]
            everyone = [p for members in group for p in members]
            households.append(
                Household(
                    id=hh_id,
                    head=group[0][0].nik,
                    members=tuple(p.nik for p in everyone),
                    kks=tuple(m[0].kk for m in group),  # type: ignore[misc]
                    source="synthetic",
                )
            )
        if progress is not None:
            progress(len(persons))
        return Population(persons=persons, families=families, households=households)


Region = wilayah.Region


def _desa_codes(district_code: str) -> list[str]:
    prefix = district_code.replace(".", "")
    found = []
    for serial in range(1, 40):
        for kind in ("1", "2"):
            code = f"{prefix}{kind}{serial:03d}"
            region = wilayah.lookup(code)
            if region is not None and not region.retired:
                found.append(region.code)
    return found
