"""What an adapter is: a described layout of one kind of source file.

Most adapters are pure data (:class:`Adapter` with header aliases and value maps); a Python
plugin may subclass it and override :meth:`Adapter.adjust` to post-process each row's fields.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from enum import Enum

import attrs

from sibaso.adapters.layouts.contract import RowFields, SkipRow
from sibaso.adapters.layouts.fields import FIELDS, header_key
from sibaso.core.lineages import Basis

__all__ = ["AUTHORITY", "Adapter", "Kind", "RowFields", "SkipRow"]


class Kind(str, Enum):
    """What a file's rows become."""

    POPULATION = "population"  # Person rows (Dukcapil, OpenSID)
    HOUSEHOLD = "household"  # HouseholdMember rows (BDT/PBDT, DTKS/DTSEN rosters)
    ENROLMENT = "enrolment"  # ProgrammeEnrolment rows (PKH, Sembako, PBI-JK, KIP, ...)
    DTSEN_FAMILY = "dtsen-family"  # DtsenFamily rows (desil per KK; pipeline.read_dtsen)
    DTSEN_MEMBER = "dtsen-member"  # DtsenMember rows (NIK on a DTSEN family)

    @property
    def label(self) -> str:
        """What the file is, as ``sibaso read --json`` says it: ``population``,
        ``programme`` or ``household``.

        DTSEN families and members are household data (the welfare register).

        >>> Kind.ENROLMENT.label, Kind.POPULATION.label, Kind.DTSEN_MEMBER.label
        ('programme', 'population', 'household')
        """
        if self is Kind.ENROLMENT:
            return "programme"
        return "household" if self in (Kind.DTSEN_FAMILY, Kind.DTSEN_MEMBER) else self.value

    @classmethod
    def from_label(cls, label: str) -> Kind:
        """The kind a label names (``programme`` or ``enrolment``, ``population``, ``household``).

        >>> Kind.from_label("programme") is Kind.ENROLMENT
        True
        """
        text = label.strip().lower()
        return cls.ENROLMENT if text in ("programme", "program") else cls(text)


#: Whose word on a person counts most. A population file of a higher authority is never
#: overwritten by one of a lower: the civil registry (Dukcapil/SIAK) above village systems
#: (OpenSID, OpenDK, the Buku Induk Penduduk) above anything else; programme lists and
#: household rosters never write person data at all.
AUTHORITY = {"dukcapil": 3, "village": 2, "other": 1}


def _keys(aliases: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for field, names in aliases.items():
        for name in (field, *names):
            out.setdefault(header_key(name), field)
    return out


_GENERIC = _keys(FIELDS)
_GROUP_WORDS = ("ayah", "ibu", "wali", "suami", "istri", "pasangan")


_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
#: a questionnaire's item number in front of a header: ``403 NIK``, ``402. Nama``, ``501a``
_QUESTION_CODE = re.compile(r"^\d{3}[a-z]?\d?\.?\s+(?=[^\W\d])", re.IGNORECASE)


def simplify_header(header: str) -> str:
    """A header without bracketed notes or a questionnaire's item number, and only its first
    name when it gives two (``NIK/No. KTP`` → ``NIK``); ``Data Ayah / NIK`` (a group label,
    with spaces) is kept.

    >>> simplify_header("Tanggal Lahir (dd-mm-yyyy)"), simplify_header("NIK/No. KTP")
    ('Tanggal Lahir', 'NIK')
    >>> simplify_header("403 NIK"), simplify_header("402. Nama"), simplify_header("501a")
    ('NIK', 'Nama', '501a')
    """
    text = _QUESTION_CODE.sub("", _BRACKETS.sub(" ", header).strip())
    if "/" in text and " / " not in text:
        text = text.split("/", 1)[0].strip()
    return text


def closest_field(key: str, aliases: dict[str, str]) -> str | None:
    """The field of an alias key equal to ``key``, else of a close spelling (typos).

    Close spellings are looked for among aliases sharing the first two letters, which keeps
    the search cheap on the many data cells scanned while looking for the header row.
    """
    field = aliases.get(key)
    if field is not None:
        return field
    if 6 <= len(key) <= 40 and not any(word in key for word in _GROUP_WORDS):
        candidates = [a for a in aliases if a[:2] == key[:2]]
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.88)
        if close:
            return aliases[close[0]]
    return None


@attrs.frozen(kw_only=True)
class Adapter:
    """A source layout: which headers carry which field, and what the rows become.

    ``fields`` adds header spellings to the generic ones in
    :data:`sibaso.adapters.layouts.fields.FIELDS` (field → aliases); ``signature`` lists
    headers that mark this layout, used to pick the adapter of an unnamed file;
    ``values`` maps raw cell text per field (``{"sex": {"1": "L"}}``).
    """

    name: str
    title: str
    kind: Kind
    programme: str | None = None
    basis: Basis | None = None
    fields: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    signature: tuple[str, ...] = ()
    values: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    formats: tuple[str, ...] = ("xlsx", "xls", "csv", "html", "ods")
    plugin: str = "sibaso"
    version: str = ""
    description: str = ""
    #: for population layouts: whose data this is (a value of :data:`AUTHORITY`)
    authority: int = AUTHORITY["village"]
    #: household layouts whose family (the KK) is the household: a row without a household
    #: id takes its KK as the household id (DTKS templates, Regsosek form K)
    family_as_household: bool = False
    #: fields a row takes from the row above when its own cell is empty (a family's KK
    #: written on its first member's row only)
    fill_down: tuple[str, ...] = ()
    #: population layouts whose KK is written once per family, in a block of rows above its
    #: members (``NO.KK | NAMA.KK | ALAMAT`` then the values: the Buku Induk Penduduk)
    family_blocks: bool = False
    _alias_keys: dict[str, str] = attrs.field(init=False, repr=False, eq=False)
    _signature_keys: frozenset[str] = attrs.field(init=False, repr=False, eq=False)
    _cache: dict[str, str | None] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        keys = dict(_GENERIC)
        keys.update(_keys(self.fields))
        object.__setattr__(self, "_alias_keys", keys)
        object.__setattr__(
            self, "_signature_keys", frozenset(header_key(s) for s in self.signature)
        )
        object.__setattr__(self, "_cache", {})

    def field_for(self, header: str) -> str | None:
        """The canonical field a header names, or None (exact, then close spellings)."""
        key = header_key(header)
        if not key:
            return None
        cache = self._cache
        if key in cache:
            return cache[key]
        field = closest_field(key, self._alias_keys) or self._simpler(header)
        cache[key] = field
        return field

    def _simpler(self, header: str) -> str | None:
        """Retry without a note in brackets or a second name after a slash:
        ``Tanggal Lahir (dd-mm-yyyy)``, ``NIK/No. KTP``, ``Nama Desa/Kel``."""
        simpler = simplify_header(header)
        return self.field_for(simpler) if simpler and simpler != header else None

    def score(self, headers: list[str]) -> int:
        """How strongly these headers look like this layout (0: not at all)."""
        keys = {header_key(h) for h in headers}
        if not self._signature_keys:
            return 0
        hits = len(keys & self._signature_keys)
        return hits * 10 if hits else 0

    def adjust(self, fields: RowFields) -> RowFields:
        """Post-process one row's mapped fields (override in Python adapters); raise
        :class:`~sibaso.adapters.layouts.contract.SkipRow` for a row that is not data to store."""
        return fields
