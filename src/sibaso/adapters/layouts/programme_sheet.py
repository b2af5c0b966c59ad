"""A sheet that describes the programme of a participant list, as key/value rows.

OpenSID's programme import puts it on a sheet of its own (``Program``) before the
``Peserta`` sheet::

    ID Program            | 7
    Nama Program          | Bantuan Sosial Tunai
    Sasaran Program       | 1
    Rentang Waktu (Awal)  | 2020-04-01
    Rentang Waktu (Akhir) | 2020-12-31
    ###
    Catatan: …

Other tools write the pair in one cell (``Nama Program : Bantuan Sosial Tunai``). The sasaran
(1 penduduk, 2 keluarga, 3 rumah tangga, 4 kelompok) says what the participants' key is.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

import attrs

from sibaso.adapters.layouts.fields import header_key
from sibaso.adapters.records.cells import date_cell
from sibaso.core.lineages import Basis

__all__ = ["ProgrammeSheet", "read_programme_sheet"]

_KEYS = {
    "namaprogram": "name",
    "namaprogrambantuan": "name",
    "namabantuan": "name",
    "program": "name",
    "sasaranprogram": "sasaran",
    "sasaran": "sasaran",
    "rentangwaktuawal": "start",
    "tanggalmulai": "start",
    "rentangwaktuakhir": "end",
    "tanggalselesai": "end",
    "asaldana": "funding",
    "sumberdana": "funding",
    "keterangan": "note",
}
_SASARAN_WORDS = {
    "penduduk": 1,
    "perorangan": 1,
    "individu": 1,
    "keluarga": 2,
    "kk": 2,
    "rumahtangga": 3,
    "rtm": 3,
    "kelompok": 4,
}
_ONE_CELL = re.compile(r"^\s*([^:]{3,40}?)\s*:\s*(.+?)\s*$")


@attrs.frozen
class ProgrammeSheet:
    """What a programme sheet says: the name, the sasaran and the dates, where given."""

    sheet: str
    name: str | None = None
    sasaran: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def basis(self) -> Basis | None:
        """The level the sasaran names (4, a group, has none).

        >>> ProgrammeSheet("Program", sasaran=2).basis
        <Basis.FAMILY: 'family'>
        """
        return {1: Basis.INDIVIDUAL, 2: Basis.FAMILY, 3: Basis.HOUSEHOLD}.get(self.sasaran or 0)

    @property
    def participant_field(self) -> str | None:
        """The field a ``Peserta`` cell fills: ``nik``, ``kk`` or ``household_id``."""
        return {1: "nik", 2: "kk", 3: "household_id"}.get(self.sasaran or 0)

    @property
    def period_text(self) -> str | None:
        """The year of the list when its dates lie in one year (``2020``), else None."""
        if self.start is not None and self.end is not None and self.start.year == self.end.year:
            return str(self.start.year)
        return None

    def describe(self) -> str:
        """``Bantuan Sosial Tunai, sasaran 1, 2020-04-01 – 2020-12-31``."""
        parts = [self.name or "-"]
        if self.sasaran is not None:
            parts.append(f"sasaran {self.sasaran}")
        if self.start or self.end:
            parts.append(f"{self.start or '?'} – {self.end or '?'}")
        return ", ".join(parts)


def read_programme_sheet(
    sheet: str, rows: Iterable[tuple[int, tuple[object, ...]]]
) -> ProgrammeSheet | None:
    """The programme a sheet of key/value rows describes, or None when it names none.

    Reading stops at OpenSID's ``###`` end marker.

    >>> rows = [(1, ("ID Program", "7")), (2, ("Nama Program", "Bantuan Sosial Tunai")),
    ...         (3, ("Sasaran Program", 1.0)), (4, ("Rentang Waktu (Awal)", "2020-04-01")),
    ...         (5, ("###",)), (6, ("Catatan:",))]
    >>> found = read_programme_sheet("Program", rows)
    >>> found.name, found.sasaran, found.start, found.basis.value
    ('Bantuan Sosial Tunai', 1, datetime.date(2020, 4, 1), 'individual')
    >>> read_programme_sheet("X", [(1, ("Nama Program : BLT Dana Desa",))]).name
    'BLT Dana Desa'
    >>> read_programme_sheet("X", [(1, ("NIK", "Nama"))]) is None
    True
    """
    found: dict[str, object] = {}
    for _, cells in rows:
        texts = [c for c in cells if c is not None and str(c).strip()]
        if not texts:
            continue
        if str(texts[0]).strip().startswith("###"):
            break
        pair: tuple[str, object] | None = None
        if len(texts) >= 2 and isinstance(texts[0], str):
            pair = (texts[0], texts[1])
        elif isinstance(texts[0], str) and (match := _ONE_CELL.match(texts[0])):
            pair = (match.group(1), match.group(2))
        if pair is None:
            continue
        key = _KEYS.get(header_key(re.sub(r"[()]", " ", pair[0])))
        if key is not None and key not in found:
            found[key] = pair[1]
    name = found.get("name")
    if not isinstance(name, str) or not name.strip():
        return None
    return ProgrammeSheet(
        sheet=sheet,
        name=" ".join(name.split()),
        sasaran=_sasaran(found.get("sasaran")),
        start=_date(found.get("start")),
        end=_date(found.get("end")),
    )


def _sasaran(value: object) -> int | None:
    """``1``, ``1.0``, ``"2"`` or ``Keluarga`` → the sasaran code (1–4)."""
    if value is None:
        return None
    text = str(value).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if text.isdigit() and 1 <= int(text) <= 4:
        return int(text)
    return _SASARAN_WORDS.get(header_key(text))


def _date(value: object) -> datetime.date | None:
    if value is None or value == "":
        return None
    found, _problem = date_cell(value)
    return found
