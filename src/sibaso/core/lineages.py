"""Programmes are lineages with eras: one programme, several names over time.

A social-assistance programme keeps its purpose while its name, its abbreviation and the level
it targets (person, family or household) change: Raskin became Rastra, then BPNT, then Program
Sembako, and moved from households to families on the way. A :class:`Programme` is such a
lineage, identified by a stable ``code``; each :class:`Era` holds one name with its aliases,
its :class:`Basis` and its dates. A :class:`Catalogue` finds a programme by any name it ever
had, ignoring case, spaces and punctuation.

Dates are the best public knowledge; the uncertain ones say so in :attr:`Era.note`, and a
user can correct them with :class:`EraAddition` or ``register(..., replace=True)``.

>>> import datetime
>>> catalogue = Catalogue(BUILTIN_PROGRAMMES)
>>> sembako = catalogue.resolve("raskin")
>>> sembako.code, sembako.current_name
('SEMBAKO', 'Program Sembako')
>>> catalogue.resolve("PBI-JK").code, catalogue.resolve("bedah rumah").code
('KIS', 'RS-RTLH')
>>> sembako.era_at(2017).name
'Rastra'
>>> sembako.era_at(datetime.date(2018, 1, 1)).name
'Bantuan Pangan Non Tunai'
>>> sembako.basis_at(2016).value, sembako.basis_at(2020).value
('household', 'family')
>>> catalogue.resolve("KIP").former_names
('Bantuan Siswa Miskin', 'BSM')
>>> catalogue.resolve("rasta")
Traceback (most recent call last):
...
sibaso.core.errors.UnknownProgramme: Unknown programme 'rasta'. Did you mean: Rastra?
"""

from __future__ import annotations

import datetime
import difflib
import enum
import itertools
from collections.abc import Iterable, Iterator

import attrs

from sibaso.core.errors import UnknownProgramme, ValidationError

__all__ = [
    "BUILTIN_PROGRAMMES",
    "Basis",
    "Catalogue",
    "Era",
    "EraAddition",
    "Programme",
    "normalise",
]


def normalise(name: str) -> str:
    """The lookup key of a name: case-folded, with everything but letters and digits removed.

    >>> normalise("PBI-JK"), normalise(" Program  Sembako ")
    ('pbijk', 'programsembako')
    """
    return "".join(ch for ch in name.casefold() if ch.isalnum())


class Basis(str, enum.Enum):
    """The level a programme targets: one person, one family (KK) or one household."""

    INDIVIDUAL = "individual"
    FAMILY = "family"
    HOUSEHOLD = "household"


def _as_aliases(value: Iterable[str] | str) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _check_name(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not normalise(value):
        raise ValidationError(
            f"{attribute.name} must contain a letter or digit, not {value!r}.",
            code="invalid-programme-name",
        )


def _check_aliases(_instance: Era, _attribute: object, value: tuple[str, ...]) -> None:
    for alias in value:
        if not isinstance(alias, str) or not normalise(alias):
            raise ValidationError(
                f"Era {_instance.name!r}: alias must contain a letter or digit, not {alias!r}.",
                code="invalid-programme-name",
            )


def _check_date(
    _instance: object, attribute: attrs.Attribute[datetime.date | None], value: object
) -> None:
    if value is not None and (
        not isinstance(value, datetime.date) or isinstance(value, datetime.datetime)
    ):
        raise ValidationError(
            f"{attribute.name} must be a datetime.date or None, not {value!r}.",
            code="invalid-era",
        )


@attrs.frozen
class Era:
    """One name of a programme, in force from ``start`` to ``end`` (both inclusive).

    ``start=None`` means "since before anyone recorded"; ``end=None`` means "until the next
    era starts" (or still in force, for the latest era). ``aliases`` holds abbreviations and
    other spellings; ``note`` records sources and uncertainties.
    """

    name: str = attrs.field(validator=_check_name)
    aliases: tuple[str, ...] = attrs.field(
        default=(), converter=_as_aliases, validator=_check_aliases, kw_only=True
    )
    basis: Basis = attrs.field(converter=Basis, kw_only=True)
    start: datetime.date | None = attrs.field(default=None, validator=_check_date, kw_only=True)
    end: datetime.date | None = attrs.field(default=None, validator=_check_date, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValidationError(
                f"Era {self.name!r} ends ({self.end}) before it starts ({self.start}).",
                code="invalid-era",
            )

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


def _check_eras(instance: Programme, _attribute: object, eras: tuple[Era, ...]) -> None:
    def fail(message: str) -> ValidationError:
        return ValidationError(f"Programme {instance.code!r}: {message}", code="invalid-eras")

    if not eras:
        raise fail("needs at least one era.")
    for era in eras:
        if not isinstance(era, Era):
            raise fail(f"eras must be Era objects, not {era!r}.")
    for before, after in itertools.pairwise(eras):
        if after.start is None:
            raise fail(f"era {after.name!r} needs a start date (only the first era may omit it).")
        if before.start is not None and after.start <= before.start:
            raise fail(
                f"era {after.name!r} (from {after.start}) must start after era {before.name!r}"
                f" (from {before.start}); list eras oldest first."
            )
        if before.end is not None and before.end >= after.start:
            raise fail(
                f"era {before.name!r} (to {before.end}) overlaps era {after.name!r}"
                f" (from {after.start})."
            )


def _as_eras(value: Iterable[Era]) -> tuple[Era, ...]:
    return tuple(value)


def _as_date(when: datetime.date | int) -> datetime.date:
    if isinstance(when, datetime.datetime):
        return when.date()
    if isinstance(when, datetime.date):
        return when
    if isinstance(when, int) and not isinstance(when, bool):
        return datetime.date(when, 7, 1)
    raise TypeError(f"expected a datetime.date or a year (int), not {when!r}")


@attrs.frozen
class Programme:
    """A lineage: a stable ``code`` and its eras, oldest first."""

    code: str = attrs.field(validator=_check_name)
    eras: tuple[Era, ...] = attrs.field(converter=_as_eras, validator=_check_eras)
    description: str = attrs.field(default="", kw_only=True)

    @property
    def current_era(self) -> Era:
        """The latest era (even if it has an end date)."""
        return self.eras[-1]

    @property
    def current_name(self) -> str:
        """The name of the latest era."""
        return self.current_era.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every name and alias of every era, oldest first, without duplicates."""
        return _unique(name for era in self.eras for name in era.names)

    @property
    def former_names(self) -> tuple[str, ...]:
        """Names and aliases of earlier eras that the latest era does not also use."""
        current = {normalise(name) for name in self.current_era.names}
        earlier = (name for era in self.eras[:-1] for name in era.names)
        return _unique(name for name in earlier if normalise(name) not in current)

    def spans(self) -> Iterator[tuple[Era, datetime.date | None, datetime.date | None]]:
        """Each era with its effective first and last day (``None``: open)."""
        for era, following in zip(self.eras, (*self.eras[1:], None), strict=True):
            end = era.end
            if end is None and following is not None and following.start is not None:
                end = following.start - datetime.timedelta(days=1)
            yield era, era.start, end

    def era_at(self, when: datetime.date | int) -> Era | None:
        """The era in force on ``when``; a year (``int``) means 1 July of that year.

        ``None`` before the first era, after an era that ended with no successor, or in a gap
        between eras.
        """
        day = _as_date(when)
        for era, start, end in self.spans():
            if (start is None or start <= day) and (end is None or day <= end):
                return era
        return None

    def basis_at(self, when: datetime.date | int) -> Basis | None:
        """The basis of the era in force on ``when`` (see :meth:`era_at`)."""
        era = self.era_at(when)
        return None if era is None else era.basis


def close_spelling(a: str, b: str) -> bool:
    """Whether ``b`` is a slip of the keyboard away from ``a``: at most one edit or swap of
    two neighbours for every four letters (at least one), counted as optimal string
    alignment. Short codes must be nearly equal: ``PKSM`` is not ``PSKS``.

    >>> close_spelling("pksm", "psks"), close_spelling("pkh", "pkj")
    (False, True)
    >>> close_spelling("rastar", "rastra"), close_spelling("bansoslansia", "bansosrastra")
    (True, False)
    """
    allowed = max(1, min(len(a), len(b)) // 4)
    if abs(len(a) - len(b)) > allowed:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)] <= allowed


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """First spelling of each name, by :func:`normalise` key, in order."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = normalise(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


@attrs.frozen
class EraAddition:
    """A new era for an existing lineage, placed by its start date.

    ``code`` is the lineage's code (any name of it works too); ``era.start`` is required.
    """

    code: str
    era: Era


class Catalogue:
    """A mutable set of programmes, looked up by code or by any name they ever had."""

    def __init__(self, programmes: Iterable[Programme] = ()) -> None:
        self._programmes: dict[str, Programme] = {}
        self._index: dict[str, str] = {}  # name key -> code key
        self._spelling: dict[str, str] = {}  # name key -> first spelling registered
        for programme in programmes:
            self.register(programme)

    def __repr__(self) -> str:
        return f"<Catalogue {', '.join(self.codes())}>"

    def __iter__(self) -> Iterator[Programme]:
        return iter(tuple(self._programmes.values()))

    def __len__(self) -> int:
        return len(self._programmes)

    def __contains__(self, item: object) -> bool:
        """A :class:`Programme` that is registered, or a name or code that resolves."""
        if isinstance(item, Programme):
            return self._programmes.get(normalise(item.code)) == item
        return isinstance(item, str) and normalise(item) in self._index

    def codes(self) -> tuple[str, ...]:
        """The codes of the lineages, in registration order."""
        return tuple(programme.code for programme in self._programmes.values())

    def get(self, code: str) -> Programme | None:
        """The programme with this code (case and punctuation ignored), or ``None``."""
        return self._programmes.get(normalise(code))

    def resolve(self, name: str) -> Programme:
        """The programme that has or had ``name`` (a code, name or alias, any era).

        Raises :class:`~sibaso.core.errors.UnknownProgramme` with close matches otherwise.
        """
        if not isinstance(name, str):
            raise TypeError(f"a programme name must be a str, not {name!r}")
        key = normalise(name)
        code_key = self._index.get(key)
        if code_key is None:
            raise UnknownProgramme(name, self._suggest(key))
        return self._programmes[code_key]

    def register(self, item: Programme | EraAddition, *, replace: bool = False) -> Programme:
        """Add a lineage, or an era to a lineage; returns the programme as now stored.

        Registering a programme whose code is taken raises, unless it is identical (then
        nothing happens) or ``replace=True`` (the old lineage and its names are dropped).
        An :class:`EraAddition` already present is ignored. Any name that would belong to two
        lineages raises :class:`~sibaso.core.errors.ValidationError`.
        """
        if isinstance(item, EraAddition):
            return self._add_era(item)
        if not isinstance(item, Programme):
            raise TypeError(f"expected a Programme or an EraAddition, not {item!r}")
        existing = self.get(item.code)
        if replace and existing is None:
            raise UnknownProgramme(item.code, self._suggest(normalise(item.code)))
        if existing is not None and not replace:
            if existing == item:
                return existing
            raise ValidationError(
                f"Programme {item.code!r} is already registered. Add an era with"
                " EraAddition, or pass replace=True to replace the whole lineage.",
                code="duplicate-programme",
            )
        self._store(item)
        return item

    def _add_era(self, addition: EraAddition) -> Programme:
        programme = self.resolve(addition.code)
        era = addition.era
        if era in programme.eras:
            return programme
        if era.start is None:
            raise ValidationError(
                f"Era {era.name!r} added to {programme.code!r} needs a start date.",
                code="invalid-era",
            )
        start = era.start
        position = sum(1 for old in programme.eras if old.start is None or old.start < start)
        eras = (*programme.eras[:position], era, *programme.eras[position:])
        updated = attrs.evolve(programme, eras=eras)
        self._store(updated)
        return updated

    def _store(self, programme: Programme) -> None:
        """Index ``programme`` under its code and names, replacing any lineage with its code."""
        code_key = normalise(programme.code)
        entries = [(normalise(name), name) for name in (programme.code, *programme.names)]
        for key, spelling in entries:
            owner = self._index.get(key)
            if owner is not None and owner != code_key:
                raise ValidationError(
                    f"Name {spelling!r} of programme {programme.code!r} is already a name of"
                    f" programme {self._programmes[owner].code!r}; a name must belong to one"
                    " lineage.",
                    code="ambiguous-programme-name",
                )
        for key in [key for key, owner in self._index.items() if owner == code_key]:
            del self._index[key]
            del self._spelling[key]
        for key, spelling in entries:
            self._index.setdefault(key, code_key)
            self._spelling.setdefault(key, spelling)
        self._programmes[code_key] = programme

    def _suggest(self, key: str, limit: int = 5) -> tuple[str, ...]:
        """Spellings of the registered names close to ``key``: a few typing slips away
        (:func:`close_spelling`), or containing it, or contained in it (``pkh2024``).

        >>> catalogue = Catalogue(BUILTIN_PROGRAMMES)
        >>> catalogue._suggest("sembak0"), catalogue._suggest("pksm")
        (('SEMBAKO',), ())
        >>> catalogue._suggest("bansoslansia")
        ()
        """
        if not key:
            return ()
        keys = list(self._index)
        close = [
            k
            for k in difflib.get_close_matches(key, keys, n=limit * 2, cutoff=0.6)
            if close_spelling(key, k)
        ]
        if len(key) >= 3:
            close += [k for k in keys if len(k) >= 3 and (k in key or key in k)]
        return _unique(self._spelling[k] for k in close)[:limit]


def _d(year: int, month: int = 1, day: int = 1) -> datetime.date:
    return datetime.date(year, month, day)


#: The lineages sibaso ships with. Sources and uncertainties are in each era's ``note`` and in
#: ``docs/programmes.md``.
BUILTIN_PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "SEMBAKO",
        (
            Era(
                "Raskin",
                aliases=("Beras Miskin", "Beras untuk Rumah Tangga Miskin"),
                basis=Basis.HOUSEHOLD,
                start=_d(2002),
                end=_d(2016, 12, 31),
                note=(
                    "Subsidised rice for rumah tangga sasaran (households); succeeded OPK beras"
                    " (1998-2001, not catalogued). The seed issue says individual/household:"
                    " household is used. Start year 2002 is approximate."
                ),
            ),
            Era(
                "Rastra",
                aliases=("Beras Sejahtera", "Bansos Rastra", "Subsidi Rastra"),
                basis=Basis.HOUSEHOLD,
                start=_d(2017),
                end=_d(2017, 12, 31),
                note=(
                    "Uncertain: some sources use the name Rastra (Subsidi Rastra) from 2016;"
                    " Bansos Rastra guidelines already speak of KPM (families). Basis kept as"
                    " household, as in the seed table."
                ),
            ),
            Era(
                "Bantuan Pangan Non Tunai",
                aliases=("BPNT",),
                basis=Basis.FAMILY,
                start=_d(2018),
                end=_d(2019, 12, 31),
                note=(
                    "E-voucher on the KKS card. Piloted from 2017 in some cities alongside"
                    " Rastra; the catalogue dates the era from the 2018 national roll-out."
                ),
            ),
            Era(
                "Program Sembako",
                aliases=("Sembako", "Bansos Sembako"),
                basis=Basis.FAMILY,
                start=_d(2020),
                note="Lists and Cek Bansos still often say BPNT for this programme.",
            ),
        ),
        description="Food assistance: rice, then an e-voucher for food on the KKS card.",
    ),
    Programme(
        "KIP",
        (
            Era(
                "Bantuan Siswa Miskin",
                aliases=("BSM",),
                basis=Basis.INDIVIDUAL,
                start=_d(2008),
                end=_d(2014, 12, 31),
                note="Start year approximate: earlier scholarship schemes were merged into BSM.",
            ),
            Era(
                "Program Indonesia Pintar",
                aliases=("PIP", "KIP", "Kartu Indonesia Pintar"),
                basis=Basis.INDIVIDUAL,
                start=_d(2015),
                note=(
                    "KIP cards were launched in November 2014; PIP replaced BSM from the 2015"
                    " budget. KIP Kuliah (higher education) is a separate programme."
                ),
            ),
        ),
        description="Cash for school pupils from poor families (Kartu Indonesia Pintar).",
    ),
    Programme(
        "KIS",
        (
            Era(
                "Jaminan Kesehatan Masyarakat",
                aliases=("Jamkesmas",),
                basis=Basis.INDIVIDUAL,
                start=_d(2008),
                end=_d(2013, 12, 31),
                note="Succeeded Askeskin (2005-2007, not catalogued); ended when JKN began.",
            ),
            Era(
                "Kartu Indonesia Sehat",
                aliases=("KIS", "Program Indonesia Sehat", "PIS"),
                basis=Basis.INDIVIDUAL,
                start=_d(2014),
                note=(
                    "JKN contributions paid by the state from 1 January 2014; the KIS card"
                    " brand dates from November 2014."
                ),
            ),
            Era(
                "Penerima Bantuan Iuran Jaminan Kesehatan",
                aliases=("PBI-JK", "PBI JKN", "PBI Jaminan Kesehatan"),
                basis=Basis.INDIVIDUAL,
                start=_d(2020),
                note=(
                    "Uncertain boundary: PBI is the legal term since JKN began (PP 101/2012);"
                    " 2020 is a nominal date for Kemensos (DTKS, Cek Bansos) naming the"
                    " programme PBI-JK. The card is still the KIS."
                ),
            ),
        ),
        description="Health insurance contributions paid by the state (BPJS Kesehatan).",
    ),
    Programme(
        "KKS",
        (
            Era(
                "Bantuan Langsung Tunai",
                aliases=("BLT", "Bantuan Langsung Sementara Masyarakat", "BLSM"),
                basis=Basis.HOUSEHOLD,
                start=_d(2005, 10, 1),
                end=_d(2013, 12, 31),
                note=(
                    "Fuel-price compensation paid in 2005-2006 and 2008-2009, and as BLSM in"
                    " 2013, to rumah tangga sasaran (households), although the seed table"
                    " lists the lineage as family. BLT Dana Desa (2020-) is a separate"
                    " village programme, not catalogued."
                ),
            ),
            Era(
                "Program Simpanan Keluarga Sejahtera",
                aliases=("PSKS", "KKS", "Kartu Keluarga Sejahtera"),
                basis=Basis.FAMILY,
                start=_d(2014, 11, 3),
                note=(
                    "KKS cards launched on 3 November 2014 with KIS and KIP; since then the"
                    " KKS is also the card through which Sembako and PKH are paid."
                ),
            ),
        ),
        description="Cash for poor families, paid through the Kartu Keluarga Sejahtera.",
    ),
    Programme(
        "PKH",
        (
            Era(
                "Program Keluarga Harapan",
                aliases=("PKH",),
                basis=Basis.FAMILY,
                start=_d(2007),
                note="Conditional cash transfer, piloted in 2007 in a few provinces.",
            ),
        ),
        description="Conditional cash transfer to families (pengurus usually the mother).",
    ),
    Programme(
        "RS-RTLH",
        (
            Era(
                "Rehabilitasi Sosial Rumah Tidak Layak Huni",
                aliases=("RS-RTLH", "RTLH", "Rutilahu", "Rumah Tidak Layak Huni", "Bedah Rumah"),
                basis=Basis.HOUSEHOLD,
                note=(
                    "Start not recorded. 'Bedah rumah' is also said of other house-repair"
                    " schemes (e.g. PUPR's BSPS), which are not catalogued."
                ),
            ),
        ),
        description="Repair of unfit houses (the target is the house and its household).",
    ),
    Programme(
        "BST",
        (
            Era(
                "Bantuan Sosial Tunai",
                aliases=("BST", "Bansos Tunai", "BST Kemensos"),
                basis=Basis.FAMILY,
                start=_d(2020, 4, 1),
                end=_d(2021, 12, 31),
                note=(
                    "COVID-19 cash transfer of Kemensos to families (KPM) outside PKH and"
                    " Sembako, paid through PT Pos; Kepmensos 54/HUK/2020 (as public reports"
                    " cite it). Dates: April 2020 to the end of 2021 as reported; old lists"
                    " still name it."
                ),
            ),
        ),
        description="COVID-19 cash transfer to families (2020-2021).",
    ),
    Programme(
        "BLT-DD",
        (
            Era(
                "BLT Dana Desa",
                aliases=(
                    "BLT-DD",
                    "BLT DD",
                    "BLTDD",
                    "Bantuan Langsung Tunai Dana Desa",
                    "BLT Desa",
                ),
                basis=Basis.FAMILY,
                start=_d(2020, 4, 1),
                note=(
                    "Village-fund cash for poor families chosen by musyawarah desa, first by"
                    " Permendes PDTT 6/2020 (COVID-19); Permendes 16/2025: extremely poor"
                    " families who receive no other bansos, at most Rp300k a month"
                    " (secondary sources)."
                ),
            ),
        ),
        description="Village-fund cash for extremely poor families (Dana Desa).",
    ),
    Programme(
        "BLT-KESRA",
        (
            Era(
                "BLT Kesejahteraan Rakyat",
                aliases=("BLT Kesra", "BLT-Kesra", "Bantuan Langsung Tunai Kesra"),
                basis=Basis.FAMILY,
                start=_d(2025, 10, 1),
                end=_d(2025, 12, 31),
                note=(
                    "One-off cash for families in desil 1-4 of DTSEN, October-December 2025"
                    " (news reports; no regulation number found)."
                ),
            ),
        ),
        description="Cash for the poorest families (October-December 2025).",
    ),
    Programme(
        "PBI-PEMDA",
        (
            Era(
                "PBI Pemda",
                aliases=(
                    "PBI-Pemda",
                    "PBI APBD",
                    "PBI-APBD",
                    "PBI Daerah",
                    "PBI JK Pemda",
                    "PBI JK APBD",
                    "Jamkesda",
                ),
                basis=Basis.INDIVIDUAL,
                note=(
                    "JKN contributions the pemda pays from its budget (APBD) for residents"
                    " outside the national PBI quota (Perpres 82/2018 on Jaminan Kesehatan, as"
                    " cited by BPJS and pemda sites); DTSEN carries the flag pbi_pemda."
                    " Jamkesda (regional schemes folded into JKN) is kept as an alias: an"
                    " uncertain equation. Start not recorded."
                ),
            ),
        ),
        description="Health insurance contributions paid by the pemda (APBD).",
    ),
    Programme(
        "SEKOLAH-RAKYAT",
        (
            Era(
                "Sekolah Rakyat",
                aliases=("SR Kemensos", "Sekolah Rakyat Kemensos"),
                basis=Basis.INDIVIDUAL,
                start=_d(2025, 7, 1),
                note=(
                    "Free boarding schools of Kemensos for children of desil 1-2 families"
                    " (Inpres 8/2025, as reported); first pupils in July 2025."
                ),
            ),
        ),
        description="Boarding schools for children of the poorest families (2025-).",
    ),
    Programme(
        "ATENSI",
        (
            Era(
                "Asistensi Rehabilitasi Sosial",
                aliases=("ATENSI", "Atensi Kemensos"),
                basis=Basis.INDIVIDUAL,
                start=_d(2020),
                note=(
                    "Assessment-based social rehabilitation for individuals (elderly,"
                    " disabled, children, victims), Permensos 7/2021 (as cited); the name is"
                    " used from about 2020. Includes meals, aids and cash by assessment."
                ),
            ),
        ),
        description="Assessment-based social rehabilitation for individuals.",
    ),
    Programme(
        "PENA",
        (
            Era(
                "Pahlawan Ekonomi Nusantara",
                aliases=("PENA", "PENA Kemensos"),
                basis=Basis.FAMILY,
                start=_d(2023),
                note=(
                    "Enterprise capital and mentoring for families graduating out of bansos"
                    " (KPM PKH); start year as reported in Kemensos news, no regulation"
                    " number found."
                ),
            ),
        ),
        description="Enterprise capital for families graduating out of bansos.",
    ),
    Programme(
        "PERMAKANAN",
        (
            Era(
                "Permakanan",
                aliases=(
                    "Program Permakanan",
                    "Bantuan Permakanan",
                    "Permakanan Lansia",
                    "Permakanan Disabilitas",
                ),
                basis=Basis.INDIVIDUAL,
                note=(
                    "Daily meals for the elderly and persons with disabilities living alone,"
                    " run by Kemensos (within ATENSI) and by pemda budgets; start not"
                    " recorded."
                ),
            ),
        ),
        description="Meals for the elderly and persons with disabilities.",
    ),
)
