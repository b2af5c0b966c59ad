"""The contract of :meth:`Adapter.adjust <sibaso.adapters.layouts.adapter.Adapter.adjust>`:
what a Python adapter receives for each row (:class:`RowFields`) and how it says a row is not data
(:class:`SkipRow`).

>>> from sibaso.adapters.layouts.adapter import Adapter, Kind
>>> class PupilsOnly(Adapter):
...     def adjust(self, fields: RowFields) -> RowFields:
...         if fields.get("kip_flag") is False:
...             raise SkipRow(
...                 "not-recipient",
...                 "Bukan penerima KIP (Penerima KIP = Tidak).",
...                 "Not a KIP recipient (Penerima KIP = Tidak).",
...             )
...         return fields
>>> adapter = PupilsOnly(name="pupils", title="Pupils", kind=Kind.ENROLMENT)
>>> adapter.adjust({"kip_flag": True, "name": "SITI"})
{'kip_flag': True, 'name': 'SITI'}
>>> try:
...     adapter.adjust({"kip_flag": False})
... except SkipRow as skip:
...     print(skip.code, "|", skip.message("en"))
not-recipient | Not a KIP recipient (Penerima KIP = Tidak).
"""

from __future__ import annotations

import datetime
from typing import TypedDict

from sibaso.core.kk import KK
from sibaso.core.model import Relationship
from sibaso.core.nik import NIK, Sex
from sibaso.core.problems import render

__all__ = ["RowFields", "SkipRow"]


class RowFields(TypedDict, total=False):
    """One row's fields as :meth:`~sibaso.adapters.layouts.adapter.Adapter.adjust` gets them:
    only the fields the layout maps are present, each already read by the one rule for its kind of
    cell (None when the cell is empty or unreadable; the problem is in the report)."""

    nik: NIK | None
    #: the NIK cell as written (digits), kept when the NIK is not valid
    nik_given: str | None
    kk: KK | None
    kk_given: str | None
    name: str | None
    sex: Sex | None
    birth_place: str | None
    birth_date: datetime.date | None
    relationship: Relationship | None
    address: str | None
    rt: str | None
    rw: str | None
    province_code: str | None
    regency_code: str | None
    district_code: str | None
    desa_code: str | None
    province_name: str | None
    regency_name: str | None
    kecamatan_name: str | None
    desa_name: str | None
    household_id: str | None
    member_id: str | None
    alive: bool | None
    status: str | None
    card_number: str | None
    nisn: str | None
    kip_flag: bool | None
    kip_number: str | None
    programme_name: str | None
    batch: str | None
    period: str | None
    distributor: str | None
    decile: str | None
    #: columns the layout does not map, by header, as text
    details: dict[str, str]


class SkipRow(Exception):
    """Raised by ``adjust`` for a row that is not data to store (a pupil who is not a KIP
    recipient, a row of another programme): the report lists it as ``info`` with ``code``
    and the two messages, and the row is not stored. Nothing else about the file changes.

    A code of the catalogue (:mod:`sibaso.core.problems`) needs no text:
    ``SkipRow("not-recipient", programme="KIP")``; a plugin's own code gives both texts.
    """

    def __init__(
        self,
        code: str,
        message_id: str | None = None,
        message_en: str | None = None,
        **fields: object,
    ) -> None:
        if message_id is None:
            message_id, message_en = render(code, **fields)
        super().__init__(message_en or message_id)
        self.code = code
        self.message_id = message_id
        self.message_en = message_en or message_id

    def message(self, lang: str = "id") -> str:
        """The reason in Bahasa Indonesia (``lang="en"``: English)."""
        return self.message_en if lang == "en" else self.message_id
