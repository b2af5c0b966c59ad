"""Padan: link programme enrolments to the population by NIK, and say why for every link.

Pure and in memory: a store feeds rows in and keeps the links; nothing here reads or writes
files, and the source rows are never rewritten. A link is evidence, with a status:

``matched``
    the NIK is in the population and the names agree (``same`` or ``similar``), or differ
    by one typo in a short word (``NRU``/``NUR``) while the birth date or KK agrees, neither
    disagrees, and no neighbour NIK explains the row better;
``name-mismatch``
    the NIK is in the population under a clearly different name, and no neighbour explains it;
``probable``
    the NIK is wrong, but exactly one person explains it and has an agreeing name: one digit
    changed, two adjacent digits swapped, the 16th digit zeroed by Excel, one digit missing
    or extra, letters typed for digits (``O`` for ``0``), or, for any NIK, a person on the
    same KK with the same birth date. When the given NIK is itself valid, the name is not
    enough (:data:`HELD_BACK`): the list's birth date or KK must agree with that person, or
    the two NIKs differ only in the serial (last four digits);
``ambiguous``
    several people explain it with agreeing names (see ``candidates``);
``not-in-population`` / ``invalid-nik``
    a valid NIK that is not in the population / an empty or invalid NIK, and nobody explains
    it; or a valid NIK held back because only a name confirms the one person a digit away
    (that person is the one entry of ``candidates``, for an officer to check).

>>> import datetime
>>> D = datetime.date
>>> born = D(1985, 7, 1)
>>> index = PopulationIndex.build([
...     ("1205014107850001", "SITI AMINAH", "1205012003150004", born),
...     ("1205010203800002", "BUDI SANTOSO", "1205012003150004", datetime.date(1980, 3, 2)),
... ])
>>> rows = [
...     EnrolmentRow(1, "1205014107850001", name="Hj. Siti Aminah"),
...     EnrolmentRow(2, "1205014107850007", name="SITI AMINAH"),
...     EnrolmentRow(3, "1205010230800002", name="BUDI"),
...     EnrolmentRow(4, "1205010203800000", name="Budi Santoso"),
...     EnrolmentRow(5, None, kk="1205012003150004", name="SITI AMINA", birth_date=born),
...     EnrolmentRow(6, "1205010203800002", name="JOKO SUSILO"),
...     EnrolmentRow(7, "120501410785001", name="SITI AMINAH"),
...     EnrolmentRow(8, "1205013207850001", name="RINA"),
...     EnrolmentRow(9, "1205010203800002", name="BUNI SANTOSO", birth_date=D(1980, 3, 2)),
... ]
>>> for link in match(rows, index):
...     print(link.enrolment_id, link.status, link.nik_matched, link.reason)
1 matched 1205014107850001 NIK found; name same (same name after normalisation)
2 probable 1205014107850001 one digit changed at position 16; name same
3 probable 1205010203800002 adjacent digits 9-10 swapped; name similar
4 probable 1205010203800002 16th digit zeroed by Excel; name same
5 probable 1205014107850001 same KK, name and birth date; name same
6 name-mismatch 1205010203800002 NIK found; names differ (no word in common)
7 probable 1205014107850001 one digit missing at position 13; name same
8 invalid-nik None invalid NIK (date); no probable match
9 matched 1205010203800002 NIK found; name one letter apart; same birth date
>>> summarize(match(rows, index))["probable"]
5

Candidates are looked up only for rows whose NIK is not found (or found under another name):
the 144 one-digit substitutions, 15 adjacent swaps and, for 15 or 17 digits, the 160 or 17
insertions or deletions are probed in a hash of all population NIKs, and the KK in a hash of
families. A probable link needs the name to agree; a neighbour NIK that belongs to a
different name is ignored, and two agreeing neighbours make the row ``ambiguous``, never a
guess. A valid NIK that no one holds may be the person's own, so a neighbour found for it
also needs a second field (:data:`HELD_BACK`):

>>> [(link.status, link.candidates) for link in match([
...     EnrolmentRow(10, "1205014207850001", name="SITI AMINAH"),
...     EnrolmentRow(11, "1205014207850001", name="SITI AMINAH", birth_date=born),
... ], index)]
[('not-in-population', ('1205014107850001',)), ('probable', ())]

Confidences (0..1) are in :data:`CONFIDENCE`.
"""

from __future__ import annotations

import datetime
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple

import attrs

from sibaso.core import nik as nik_rules
from sibaso.names import (
    DEFAULT_RULES,
    NameComparison,
    NameRules,
    _agreeing,
    _compare_or_none,
    compare_names,
    has_name,
    normalize_name,
    one_letter_apart,
)

__all__ = [
    "AMBIGUOUS",
    "CONFIDENCE",
    "DUPLICATE_IN_PERIOD",
    "HELD_BACK",
    "INVALID_NIK",
    "MATCHED",
    "NAME_CONFLICT",
    "NAME_MISMATCH",
    "NOT_IN_POPULATION",
    "PROBABLE",
    "STATUSES",
    "TWO_KK",
    "Conflict",
    "EnrolmentRow",
    "Link",
    "ListedRow",
    "PopulationIndex",
    "PopulationRow",
    "Status",
    "find_conflicts",
    "match",
    "summarize",
]

Status = Literal[
    "matched", "name-mismatch", "probable", "ambiguous", "not-in-population", "invalid-nik"
]
MATCHED: Final = "matched"
NAME_MISMATCH: Final = "name-mismatch"
PROBABLE: Final = "probable"
AMBIGUOUS: Final = "ambiguous"
NOT_IN_POPULATION: Final = "not-in-population"
INVALID_NIK: Final = "invalid-nik"
STATUSES: Final[tuple[Status, ...]] = (
    MATCHED,
    NAME_MISMATCH,
    PROBABLE,
    AMBIGUOUS,
    NOT_IN_POPULATION,
    INVALID_NIK,
)

#: Confidence of a link by evidence. A probable link loses 0.1 when the name is only similar
#: and 0.1 when the given NIK belongs to someone else; it gains 0.05 when the KK and birth
#: date confirm a digit rule. Unlinked rows (ambiguous, not found, invalid) have 0.
CONFIDENCE: Final[Mapping[str, float]] = MappingProxyType(
    {
        "matched-same": 1.0,
        "matched-similar": 0.9,
        "matched-no-name": 0.7,
        "matched-typo": 0.85,
        "name-mismatch": 0.2,
        "swap": 0.9,
        "excel": 0.9,
        "substitution": 0.85,
        "letters": 0.85,
        "missing": 0.8,
        "extra": 0.8,
        "kk": 0.8,
    }
)


class EnrolmentRow(NamedTuple):
    """One enrolment as the list gives it; ``nik_given`` may be empty, invalid or damaged."""

    id: int
    nik_given: str | None
    kk: str | None = None
    name: str | None = None
    birth_date: datetime.date | None = None


class PopulationRow(NamedTuple):
    """One person of the population (Dukcapil): NIK as 16 digits, name, KK, birth date."""

    nik: str
    name: str
    kk: str | None = None
    birth_date: datetime.date | None = None


class Link(NamedTuple):
    """The outcome for one enrolment: which person (if any), how sure, and why.

    ``candidates`` lists the NIKs of an ``ambiguous`` row, best first (the name ``same``
    before ``similar``, then a matching birth date), and the one person of a row held back
    (:data:`HELD_BACK`); it is empty otherwise.
    """

    enrolment_id: int
    status: Status
    nik_matched: str | None
    confidence: float
    reason: str
    candidates: tuple[str, ...] = ()


_Row = tuple[str, str, str | None, datetime.date | None]


class PopulationIndex:
    """The population hashed by NIK (and, on first need, by KK).

    Build once with :meth:`build`, then :func:`match` any number of lists against it. The
    rows are kept as given (no copy of the tuples), so building is cheap.
    """

    __slots__ = ("_families", "_pos", "duplicates", "kk_conflicts")

    _pos: dict[str, _Row]
    _families: dict[str, str] | None
    #: How many rows repeated a NIK seen before (the first row is kept).
    duplicates: int
    #: NIKs that the population rows put on two or more different KK: NIK → sorted KKs.
    kk_conflicts: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, rows: Iterable[_Row]) -> PopulationIndex:
        """Index ``(nik, name, kk, birth_date)`` tuples (:class:`PopulationRow` or plain).

        NIKs are taken as given (16 digits, as the population data holds them).
        """
        self = object.__new__(cls)
        listed = list(rows)
        # Built from the end so that the first row of a repeated NIK is the one kept.
        self._pos = dict(zip(map(_NIK_OF, reversed(listed)), reversed(listed), strict=True))
        self._families = None
        self.duplicates = len(listed) - len(self._pos)
        self.kk_conflicts = {}
        if self.duplicates:
            kks_of: dict[str, set[str]] = defaultdict(set)
            for row in listed:
                if row[2] and self._pos[row[0]] is not row:
                    kks_of[row[0]].update(k for k in (row[2], self._pos[row[0]][2]) if k)
            self.kk_conflicts = {
                nik: tuple(sorted(kks)) for nik, kks in kks_of.items() if len(kks) > 1
            }
        return self

    @classmethod
    def from_persons(cls, persons: Iterable[Any]) -> PopulationIndex:
        """Index :class:`sibaso.core.model.Person` objects."""
        return cls.build(
            [
                (p.nik.value, p.name, p.kk.value if p.kk is not None else None, p.birth_date)
                for p in persons
            ]
        )

    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, nik: object) -> bool:
        return nik in self._pos

    def get(self, nik: str) -> PopulationRow | None:
        """The person with this NIK (the first row given for it), or None."""
        row = self._pos.get(nik)
        return None if row is None else PopulationRow(*row)

    def family(self, kk: str) -> list[PopulationRow]:
        """The people recorded on a KK."""
        return [PopulationRow(*row) for row in self._family(kk)]

    def _family(self, kk: str) -> list[_Row]:
        if self._families is None:
            self._families = self._index_families()
        members = self._families.get(kk)
        return [self._pos[nik] for nik in members.split()] if members else []

    def _index_families(self) -> dict[str, str]:
        """KK → the NIKs on it, space separated; built on the first KK lookup.

        Strings rather than lists: a list per family would be a few hundred thousand
        long-lived containers for the garbage collector to walk again and again.
        """
        families: dict[str, str] = {}
        get = families.get
        for nik, _name, kk, *_ in self._pos.values():
            if kk:
                members = get(kk)
                families[kk] = nik if members is None else f"{members} {nik}"
        return families


_NIK_OF = itemgetter(0)

#: The note of a row held back for an officer: its NIK is valid but not in the population,
#: and the one person a digit away with an agreeing name is confirmed by nothing else. A
#: valid NIK can be the person's own (someone registered in another kabupaten), and among
#: the hundred-odd NIKs one digit away a namesake turns up by chance; so a digit rule on a
#: valid NIK needs a second field: the list's birth date or KK agreeing with that person, or
#: the two NIKs differing only in the serial (the last four digits), so that the NIK itself
#: says the same kecamatan and birth date. The person is kept in ``candidates``.
HELD_BACK: Final = "held back: only the name agrees, no birth date or KK confirms it"


# --- the padan -------------------------------------------------------------------------------

_DIGITS = "0123456789"
_LETTERS_FOR_DIGITS = str.maketrans("OoIl", "0011")


class _Matcher:
    """Holds the index lookups and name rules for one :func:`match` run."""

    def __init__(
        self, index: PopulationIndex, rules: NameRules, confidence: Mapping[str, float]
    ) -> None:
        self.index = index
        self.rules = rules
        self.confidence = confidence
        self.get = index._pos.get

    def link_all(self, rows: list[EnrolmentRow]) -> list[Link]:
        get, exact, recover, compact = self.get, self.exact, self.recover, nik_rules.compact
        links: list[Link] = []
        append = links.append
        for row in rows:
            given = row[1]
            person = get(given) if given else None
            if person is not None:
                name = row[3]
                if name and name == person[1] and not self.other_family(row, person):
                    append(Link(row[0], MATCHED, person[0], 1.0, "NIK found; same name"))
                else:
                    append(exact(row, person))
                continue
            digits = compact(given) if isinstance(given, str) else ""
            if digits != given and (person := get(digits)) is not None:
                append(exact(row, person))
            else:
                append(recover(row, digits))
        return links

    def exact(self, row: EnrolmentRow, person: _Row) -> Link:
        cmp = _compare_or_none(row[3], person[1], self.rules)
        if cmp is None:
            reason = "NIK found; no name to compare"
            return Link(row[0], MATCHED, person[0], self.confidence["matched-no-name"], reason)
        if cmp.verdict == "different":
            # The list's KK agreeing is strong evidence: the typo rule goes before a neighbour.
            typo = self.typo(row, person)
            if typo is not None and typo.reason.endswith("KK"):
                return typo
            link = self.recover(row, person[0], hit=person, hit_cmp=cmp)
            return typo if link.status == NAME_MISMATCH and typo is not None else link
        if self.other_family(row, person) and (family := self.family_neighbour(row, person, cmp)):
            return family
        confidence = self.confidence[f"matched-{cmp.verdict}"]
        reason = f"NIK found; name {cmp.verdict} ({cmp.reason})"
        return Link(row[0], MATCHED, person[0], confidence, reason)

    @staticmethod
    def other_family(row: EnrolmentRow, person: _Row) -> bool:
        """True when the list gives a KK and the NIK's holder is on another one."""
        kk = row[2]
        return bool(kk and isinstance(kk, str) and person[2] and nik_rules.compact(kk) != person[2])

    def family_neighbour(self, row: EnrolmentRow, person: _Row, cmp: NameComparison) -> Link | None:
        """A neighbour NIK on the list's KK with a name as close, when the NIK's holder is on
        another KK: the list's NIK is then a typo for the neighbour's (BUDI's row carrying the
        NIK of BUNI, one digit off, of another family). A birth date in the list must agree."""
        kk, born = nik_rules.compact(row[2] or ""), row[4]
        pos, rules = self.index._pos, self.rules
        hits = []
        for nik, (rule, reason) in self.neighbours(person[0]).items():
            other = pos[nik]
            if other[2] != kk or (born is not None and other[3] != born):
                continue
            near = _compare_or_none(row[3], other[1], rules)
            if near and near.agrees and near.score >= cmp.score:
                hits.append((other, rule, f"{reason}; name {near.verdict}"))
        if len(hits) != 1:
            return None
        other, rule, reason = hits[0]
        confidence = round(self.confidence[rule] - 0.1, 2)
        why = "; the given NIK belongs to another family; same KK; name"
        reason = reason.replace("; name", why)
        return Link(row[0], PROBABLE, other[0], confidence, reason)

    def typo(self, row: EnrolmentRow, person: _Row) -> Link | None:
        """An exact NIK whose name is one typo off in a short word, with the birth date or KK
        (the rule of :func:`_typo_agreement`).

        Called only when no neighbour NIK explains the row with an agreeing name, so a wrong
        NIK that belongs to another person is still recovered to the right one (or left as a
        conflict), never forgiven here.
        """
        kk = row[2]
        given_kk = {nik_rules.compact(kk)} if kk and isinstance(kk, str) else set()
        agree = _typo_agreement(
            row[3],
            person[1],
            self.rules,
            kks=(given_kk, {person[2]} if person[2] else set()),
            births=({row[4]} - {None}, {person[3]} - {None}),
        )
        if agree is None:
            return None
        reason = f"NIK found; name one letter apart; same {agree}"
        return Link(row[0], MATCHED, person[0], self.confidence["matched-typo"], reason)

    def neighbours(self, digits: str) -> dict[str, tuple[str, str]]:
        """NIKs in the population one edit away from ``digits``: NIK → (rule, reason)."""
        pos = self.index._pos
        found: dict[str, tuple[str, str]] = {}
        size = len(digits)
        if size == 16:
            for p in range(15):
                a, b = digits[p], digits[p + 1]
                if a != b and (nik := f"{digits[:p]}{b}{a}{digits[p + 2 :]}") in pos:
                    found.setdefault(nik, ("swap", f"adjacent digits {p + 1}-{p + 2} swapped"))
            heads = [digits[:p] for p in range(16)]
            tails = [digits[p + 1 :] for p in range(16)]
            hits = [
                (p, nik)
                for p, (head, tail) in enumerate(zip(heads, tails, strict=True))
                for x in _DIGITS
                if (nik := head + x + tail) in pos and nik != digits
            ]
            for p, nik in hits:
                if p == 15 and digits[15] == "0":
                    found.setdefault(nik, ("excel", "16th digit zeroed by Excel"))
                else:
                    reason = f"one digit changed at position {p + 1}"
                    found.setdefault(nik, ("substitution", reason))
        elif size == 15:
            for p in range(16):
                head, tail = digits[:p], digits[p:]
                for x in _DIGITS:
                    if (nik := head + x + tail) in pos:
                        found.setdefault(nik, ("missing", f"one digit missing at position {p + 1}"))
        elif size == 17:
            for p in range(17):
                if (nik := digits[:p] + digits[p + 1 :]) in pos:
                    found.setdefault(nik, ("extra", f"one extra digit at position {p + 1}"))
        return found

    def corroborated(self, row: EnrolmentRow, digits: str, person: _Row, rule: str) -> bool:
        """Whether a neighbour found for a NIK is more than a namesake (the rule of
        :data:`HELD_BACK`): the given NIK is invalid (nobody's own), or it differs from the
        neighbour's only in the serial (its region and birth date digits agree), or the list's
        birth date or KK agrees with the neighbour's."""
        if rule == "kk" or digits[:12] == person[0][:12]:
            return True
        born, kk = row[4], row[2]
        if born is not None and born == person[3]:
            return True
        if kk and isinstance(kk, str) and person[2] == nik_rules.compact(kk):
            return True
        return nik_rules.check_many([digits], strict=False)[0] is not None

    def recover(
        self,
        row: EnrolmentRow,
        digits: str,
        *,
        hit: _Row | None = None,
        hit_cmp: NameComparison | None = None,
    ) -> Link:
        """Find who a wrong NIK belongs to; a probable link needs exactly one agreeing name."""
        index, rules, pos = self.index, self.rules, self.index._pos
        rid, given, kk, name, born = row
        found: dict[str, tuple[str, str]] = {}
        if digits.isascii() and digits.isdigit():
            found = self.neighbours(digits)
        elif (typed := digits.translate(_LETTERS_FOR_DIGITS)).isdigit() and typed in pos:
            found[typed] = ("letters", "letters typed for digits")
        confirmed: set[str] = set()
        if kk and born is not None and isinstance(kk, str):
            for person in index._family(nik_rules.compact(kk)):
                if person[3] == born:
                    confirmed.add(person[0])
                    found.setdefault(person[0], ("kk", "same KK, name and birth date"))
        if hit is not None:
            found.pop(hit[0], None)

        named = has_name(name, rules=rules)
        people = [pos[nik] for nik in found]
        rules_of = list(found.values())
        agreeing = [
            (people[k], *rules_of[k], cmp)
            for k, cmp in _agreeing(name, [p[1] for p in people], rules)
        ]
        if len(agreeing) == 1:
            person, rule, reason, cmp = agreeing[0]
            if hit is None and not self.corroborated(row, digits, person, rule):
                reason = f"NIK not in the population; {reason}; name {cmp.verdict}; {HELD_BACK}"
                return Link(rid, NOT_IN_POPULATION, None, 0.0, reason, (person[0],))
            confidence = self.confidence[rule]
            if cmp.verdict == "similar":
                confidence -= 0.1
            if hit is not None:
                confidence -= 0.1
                reason += "; the given NIK belongs to a different name"
            if person[0] in confirmed and rule != "kk":
                confidence += 0.05
                reason += "; same KK and birth date"
            reason += f"; name {cmp.verdict}"
            return Link(rid, PROBABLE, person[0], round(min(confidence, 0.95), 2), reason)
        if agreeing:
            agreeing.sort(key=lambda c: (c[3].verdict != "same", c[0][3] != born, -c[3].score))
            candidates = tuple(c[0][0] for c in agreeing)
            rules_used = ", ".join(sorted({c[1] for c in agreeing}))
            reason = f"{len(agreeing)} people explain the NIK with an agreeing name ({rules_used})"
            return Link(rid, AMBIGUOUS, None, 0.0, reason, candidates)
        if hit is not None and hit_cmp is not None:
            confidence = self.confidence["name-mismatch"]
            reason = f"NIK found; names differ ({hit_cmp.reason})"
            return Link(rid, NAME_MISMATCH, hit[0], confidence, reason)
        why = "no probable match"
        if found:
            why += f" ({len(found)} candidates, {'other names' if named else 'no name to compare'})"
        if not digits:
            if kk and not born:  # the empty-NIK rule needs KK + name + birth date
                why += "; a birth date in the list would let KK + name suggest the person"
            return Link(rid, INVALID_NIK, None, 0.0, f"no NIK given; {why}")
        code = nik_rules.check_many([given], strict=False)[0]
        if code is not None:
            return Link(rid, INVALID_NIK, None, 0.0, f"invalid NIK ({code}); {why}")
        return Link(rid, NOT_IN_POPULATION, None, 0.0, f"NIK not in the population; {why}")


def _typo_agreement(
    a: str | None,
    b: str | None,
    rules: NameRules,
    *,
    kks: tuple[set[str], set[str]],
    births: tuple[set[Any], set[Any]] = (set(), set()),
) -> str | None:
    """The one rule for two names of one NIK that are one typo apart in a short word
    (:func:`sibaso.names.one_letter_apart`): they are one person, not a conflict, when the
    birth date or the KK given with each name agrees and neither disagrees; returns what
    agrees (``"birth date"``, ``"KK"`` or ``"birth date and KK"``), else None.

    ``kks`` and ``births`` are the values given with each name (a name on several list rows
    may carry several); a side with none neither agrees nor disagrees. The birth date alone
    says little beyond the NIK, so a KK of another family keeps the names apart (BUDI's list
    row carrying the NIK of BUNI, one digit off, of another family).

    >>> kk = "1205012003150004"
    >>> _typo_agreement("NRU HAYATI", "NUR HAYATI", DEFAULT_RULES, kks=({kk}, {kk}))
    'KK'
    >>> _typo_agreement("NRU HAYATI", "NUR HAYATI", DEFAULT_RULES, kks=({kk}, set())) is None
    True
    >>> _typo_agreement("NRU HAYATI", "NUR HAYATI", DEFAULT_RULES, kks=({kk}, {"1" * 16}),
    ...                 births=({1}, {1})) is None
    True
    """
    agree = []
    for what, (mine, theirs) in (("birth date", births), ("KK", kks)):
        if mine and theirs:
            if mine.isdisjoint(theirs):
                return None
            agree.append(what)
    if not agree or not one_letter_apart(a, b, rules=rules):
        return None
    return " and ".join(agree)


def match(
    enrolments: Iterable[EnrolmentRow],
    index: PopulationIndex,
    *,
    rules: NameRules = DEFAULT_RULES,
    confidence: Mapping[str, float] = CONFIDENCE,
    batch: int = 4096,
) -> Iterator[Link]:
    """Link every enrolment, in order, to the population; one :class:`Link` per row.

    Rows may be :class:`EnrolmentRow` or plain 5-tuples in the same order. ``rules`` and
    ``confidence`` replace the name rules and the confidence table. Rows are read
    ``batch`` at a time and each batch is linked with the garbage collector paused: linking
    makes no reference cycles, and otherwise the collector would walk the whole population
    again and again as links pile up. It is restored before each batch is handed back.
    """
    matcher = _Matcher(index, rules, confidence)
    rows = iter(enrolments)
    while batch_rows := list(islice(rows, batch)):
        enabled = gc.isenabled()
        gc.disable()
        try:
            links = matcher.link_all(batch_rows)
        finally:
            if enabled:
                gc.enable()
        yield from links


def summarize(links: Iterable[Link]) -> dict[str, int]:
    """Count links by status; every status is present, in :data:`STATUSES` order."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for link in links:
        counts[link.status] += 1
    return counts


# --- conflicts -------------------------------------------------------------------------------


class ListedRow(NamedTuple):
    """One row of a programme list for :func:`find_conflicts`."""

    id: int
    programme: str
    period: str | None
    nik: str | None
    name: str | None = None
    kk: str | None = None


DUPLICATE_IN_PERIOD: Final = "duplicate-in-period"
NAME_CONFLICT: Final = "name-conflict"
TWO_KK: Final = "two-kk"


@attrs.frozen
class Conflict:
    """Something to investigate about one NIK.

    ``kind`` is ``duplicate-in-period`` (listed twice in one programme period),
    ``name-conflict`` (clearly different names across lists or against the population) or
    ``two-kk`` (on two KK at once: in the population rows, or in lists of the same period).
    ``rows`` are the ids of the list rows involved.
    """

    kind: str
    nik: str
    details: Mapping[str, object] = attrs.field(factory=dict, hash=False)
    rows: tuple[int, ...] = ()


def find_conflicts(
    rows: Iterable[ListedRow],
    index: PopulationIndex | None = None,
    *,
    rules: NameRules = DEFAULT_RULES,
) -> list[Conflict]:
    """Duplicates and conflicts across programme lists (and the population, when given).

    A KK differing between periods is not reported: a KK changes when a family moves or
    splits. NIKs are compared as cleaned digits; rows without a NIK are skipped.

    >>> rows = [
    ...     ListedRow(1, "PKH", "2024", "1205014107850001", "SITI AMINAH", "1205012003150004"),
    ...     ListedRow(2, "PKH", "2024", "1205014107850001", "ST. AMINAH", "1205012003150005"),
    ...     ListedRow(3, "BPNT", "2024", "1205014107850001", "JOKO SUSILO"),
    ... ]
    >>> [(c.kind, c.rows) for c in find_conflicts(rows)]
    [('duplicate-in-period', (1, 2)), ('name-conflict', (1, 2, 3)), ('two-kk', (1, 2))]
    """
    by_nik: dict[str, list[ListedRow]] = defaultdict(list)
    for row in rows:
        if row.nik:
            by_nik[nik_rules.compact(row.nik)].append(row)
    out: list[Conflict] = []
    for nik, listed in by_nik.items():
        per_period: dict[tuple[str, str | None], list[ListedRow]] = defaultdict(list)
        kks: dict[str | None, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for row in listed:
            per_period[row.programme, row.period].append(row)
            if row.kk:
                kks[row.period][nik_rules.compact(row.kk)].append(row.id)
        for (programme, period), same in per_period.items():
            if len(same) > 1:
                ids = tuple(r.id for r in same)
                counted = {"programme": programme, "period": period, "count": len(same)}
                out.append(Conflict(DUPLICATE_IN_PERIOD, nik, counted, ids))
        conflict = _name_conflict(nik, listed, index, rules)
        if conflict is not None:
            out.append(conflict)
        for period, found in kks.items():
            if len(found) > 1:
                ids = tuple(sorted(i for ids in found.values() for i in ids))
                where = {"source": "lists", "period": period, "kks": tuple(sorted(found))}
                out.append(Conflict(TWO_KK, nik, where, ids))
    if index is not None:
        for nik, kk_values in sorted(index.kk_conflicts.items()):
            out.append(Conflict(TWO_KK, nik, {"source": "population", "kks": kk_values}))
    return out


def _name_conflict(
    nik: str, listed: list[ListedRow], index: PopulationIndex | None, rules: NameRules
) -> Conflict | None:
    """A conflict when two of the names given for one NIK clearly differ.

    Names one typo apart in a short word are one person when the KK given with each agrees
    (:func:`_typo_agreement`, the rule matching uses), so ``NUR HAYATI`` on a PKH list and
    ``NRU HAYATI`` on a BPNT list of the same KK are not a conflict. The KKs of a name are
    those given on any row that writes it the same once normalised (``Nur Hayati``).
    """
    names: dict[str, list[int]] = {}
    kks: dict[str, set[str]] = defaultdict(set)  # normalised name → the KKs given with it
    for row in listed:
        if has_name(row.name, rules=rules):
            names.setdefault(row.name, []).append(row.id)  # type: ignore[arg-type]
            if row.kk:
                kks[normalize_name(row.name, rules=rules)].add(nik_rules.compact(row.kk))
    person = index.get(nik) if index is not None else None
    population_name = person.name if person is not None and has_name(person.name) else None
    distinct = list(names) + ([population_name] if population_name else [])
    if population_name and person is not None and person.kk:
        kks[normalize_name(population_name, rules=rules)].add(person.kk)
    if len(distinct) < 2:
        return None
    for k, a in enumerate(distinct):
        for b in distinct[k + 1 :]:
            if compare_names(a, b, rules=rules).verdict != "different":
                continue
            given = (kks[normalize_name(a, rules=rules)], kks[normalize_name(b, rules=rules)])
            if _typo_agreement(a, b, rules, kks=given) is not None:
                continue
            details: dict[str, object] = {"names": tuple(names)}
            if population_name:
                details["population_name"] = population_name
            ids = tuple(sorted(i for ids in names.values() for i in ids))
            return Conflict(NAME_CONFLICT, nik, details, ids)
    return None
