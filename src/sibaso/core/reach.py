"""The reach rule: which NIKs an active enrolment reaches, and by which path.

A programme reaches a person three ways (``docs/registry.md``):

* **self** (via 0): the NIK written in the list, or the person an officer confirmed for a
  wrong NIK;
* **family** (via 1): for a family or household programme, everyone in the population data on
  the KK written in the list, or on the recipient's KK in the population data;
* **household** (via 2): for a household programme, everyone on the roster of a rumah tangga
  the list names, or that holds the recipient's NIK or the list's KK — and everyone in the
  population data on a KK that roster lists.

A NIK reached several ways keeps the closest path (self before family before household).
This module is the rule, once and pure; the stores keep an index of it (``reach`` and
``nik_reach``) up to date with every change, and a property test holds their SQL to it.

>>> pkh = Enrolled(id=1, nik="1205014107850001", kk=None, household_id=None, basis="family")
>>> persons = {"1205014107850001": "1205012003150004", "1205070105150001": "1205012003150004"}
>>> sorted(reach([pkh], confirmed={}, kk_of=persons, members=[]).items())
[(('1205014107850001', 1), 0), (('1205070105150001', 1), 1)]

An individual programme reaches only its own NIK; a household one reaches the roster too:

>>> kis = Enrolled(id=2, nik="1205014107850001", kk=None, household_id=None, basis="individual")
>>> rtlh = Enrolled(id=3, nik=None, kk=None, household_id="HH1", basis="household")
>>> roster = [Member("HH1", "1205071203600009", None), Member("HH1", None, "1205012003150004")]
>>> sorted(reach([kis, rtlh], confirmed={}, kk_of=persons, members=roster).items())
... # doctest: +NORMALIZE_WHITESPACE
[(('1205014107850001', 2), 0), (('1205014107850001', 3), 2),
 (('1205070105150001', 3), 2), (('1205071203600009', 3), 2)]

An officer's confirmed link makes a wrong NIK reach the person it was meant for:

>>> typo = Enrolled(id=4, nik=None, kk=None, household_id=None, basis="individual")
>>> reach([typo], confirmed={4: "1205070105150001"}, kk_of={}, members=[])
{('1205070105150001', 4): 0}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs

__all__ = ["FAMILY", "HOUSEHOLD", "SELF", "Enrolled", "Member", "keys_of", "reach"]

SELF, FAMILY, HOUSEHOLD = 0, 1, 2


@attrs.frozen
class Enrolled:
    """An active enrolment, as far as reach is concerned."""

    id: int
    nik: str | None  # the NIK written in the list, when valid
    kk: str | None  # the KK written in the list, when valid
    household_id: str | None
    basis: str  # individual, family or household


@attrs.frozen
class Member:
    """One row of a household roster (BDT/DTKS)."""

    household_id: str
    nik: str | None
    kk: str | None


def keys_of(
    e: Enrolled,
    *,
    confirmed: str | None,
    recipient_kk: str | None,
    households: Iterable[Member],
) -> set[str]:
    """The keys (``N:`` NIK, ``K:`` KK, ``H:`` household) through which ``e`` reaches people.

    ``confirmed`` is the NIK an officer confirmed for it, ``recipient_kk`` the KK of its
    listed NIK in the population data, ``households`` the roster rows (only those holding
    its NIK or its KK matter).

    >>> e = Enrolled(id=1, nik="1205014107850001", kk="1205012003150004",
    ...              household_id=None, basis="household")
    >>> sorted(keys_of(e, confirmed=None, recipient_kk="1205012003150009",
    ...                households=[Member("HH7", None, "1205012003150004")]))
    ['H:HH7', 'K:1205012003150004', 'K:1205012003150009', 'N:1205014107850001']
    """
    keys = set()
    if e.nik:
        keys.add("N:" + e.nik)
    if confirmed:
        keys.add("N:" + confirmed)
    if e.basis == "individual":
        return keys
    if e.kk:
        keys.add("K:" + e.kk)
    if recipient_kk:
        keys.add("K:" + recipient_kk)
    if e.basis == "household":
        if e.household_id:
            keys.add("H:" + e.household_id)
        for m in households:
            if (e.nik and m.nik == e.nik) or (e.kk and m.kk == e.kk):
                keys.add("H:" + m.household_id)
    return keys


def reach(
    enrolments: Iterable[Enrolled],
    *,
    confirmed: Mapping[int, str],
    kk_of: Mapping[str, str | None],
    members: Iterable[Member],
) -> dict[tuple[str, int], int]:
    """``{(nik, enrolment id): via}`` for every NIK the active ``enrolments`` reach.

    ``confirmed`` maps an enrolment id to the NIK an officer confirmed for it; ``kk_of`` is
    the population data (NIK → KK); ``members`` the household rosters.
    """
    roster = list(members)
    by_household: dict[str, list[Member]] = defaultdict(list)
    for m in roster:
        by_household[m.household_id].append(m)
    family: dict[str, list[str]] = defaultdict(list)
    for nik, kk in kk_of.items():
        if kk:
            family[kk].append(nik)
    found: dict[tuple[str, int], int] = {}

    def add(nik: str, eid: int, via: int) -> None:
        if found.get((nik, eid), 3) > via:
            found[nik, eid] = via

    for e in enrolments:
        for key in keys_of(
            e,
            confirmed=confirmed.get(e.id),
            recipient_kk=kk_of.get(e.nik) if e.nik else None,
            households=roster,
        ):
            kind, value = key[0], key[2:]
            if kind == "N":
                add(value, e.id, SELF)
            elif kind == "K":
                for nik in family.get(value, ()):
                    add(nik, e.id, FAMILY)
            else:
                for m in by_household.get(value, ()):
                    if m.nik:
                        add(m.nik, e.id, HOUSEHOLD)
                    if m.kk:
                        for nik in family.get(m.kk, ()):
                            add(nik, e.id, HOUSEHOLD)
    return found
