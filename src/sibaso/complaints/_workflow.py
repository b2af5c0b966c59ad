"""The status workflow and due dates.

::

    diterima ──► diverifikasi ──► diteruskan ──► selesai
        │             │  │             │
        │             │  └──────────────────────► selesai   (settled in the kecamatan)
        └─────────────┴──────────────────┴──────► ditolak   (a reason is required)
    selesai / ditolak ──► diverifikasi                    (re-open: a reason is required)

Due dates count calendar days from the day of filing (in the people's zone:
:func:`sibaso.core.localtime.zone`, WIB unless ``SIBASO_TZ`` or ``--tz`` says WITA or WIT), per
category; a re-opened
complaint gets a fresh due date counted from the day it was re-opened.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from sibaso.complaints._errors import IllegalTransition
from sibaso.core import localtime
from sibaso.core.model import ComplaintCategory, ComplaintStatus

__all__ = [
    "CLOSED",
    "DEFAULT_DUE_DAYS",
    "TIMEZONE",
    "TRANSITIONS",
    "check_transition",
    "due_date",
    "local_date",
]

S = ComplaintStatus

#: Allowed status changes.
TRANSITIONS: Mapping[ComplaintStatus, frozenset[ComplaintStatus]] = {
    S.DITERIMA: frozenset({S.DIVERIFIKASI, S.DITOLAK}),
    S.DIVERIFIKASI: frozenset({S.DITERUSKAN, S.SELESAI, S.DITOLAK}),
    S.DITERUSKAN: frozenset({S.SELESAI, S.DITOLAK}),
    S.SELESAI: frozenset({S.DIVERIFIKASI}),
    S.DITOLAK: frozenset({S.DIVERIFIKASI}),
}

#: Statuses that close a complaint (it no longer counts as overdue).
CLOSED = frozenset({S.SELESAI, S.DITOLAK})

#: Calendar days to settle a complaint, per category. Sanggah: 14 days (Cek Bansos); the
#: others are sibaso's defaults. Change them per database with
#: ``registry.complaints.configure_due_days(admin, {...})``.
DEFAULT_DUE_DAYS: Mapping[ComplaintCategory, int] = {
    ComplaintCategory.SANGGAH: 14,
    ComplaintCategory.USUL: 30,
    ComplaintCategory.DATA_TIDAK_SESUAI: 14,
    ComplaintCategory.BANTUAN_TIDAK_DITERIMA: 7,
    ComplaintCategory.PELAYANAN: 14,
    ComplaintCategory.LAINNYA: 14,
}

#: The zone dates (filing day, due date, overdue) are counted in when none is set: Waktu
#: Indonesia Barat. ``SIBASO_TZ`` (``--tz``) chooses WITA or WIT (:mod:`sibaso.core.localtime`).
TIMEZONE = localtime.ZONES[localtime.DEFAULT_ZONE]

_NAMES_ID = {
    S.DITERIMA: "diterima",
    S.DIVERIFIKASI: "diverifikasi",
    S.DITERUSKAN: "diteruskan",
    S.SELESAI: "selesai",
    S.DITOLAK: "ditolak",
}


def local_date(moment: datetime.datetime) -> datetime.date:
    """The calendar date of a moment in the people's zone (WIB, WITA or WIT)."""
    return localtime.local_date(moment)


def due_date(
    category: ComplaintCategory,
    moment: datetime.datetime,
    due_days: Mapping[ComplaintCategory, int],
) -> datetime.date:
    """The due date of a complaint of ``category`` filed (or re-opened) at ``moment``."""
    return local_date(moment) + datetime.timedelta(days=due_days[category])


def check_transition(current: ComplaintStatus, target: ComplaintStatus, note: str | None) -> bool:
    """Refuse an illegal change with :class:`IllegalTransition`; return True for a re-open."""
    if target is current:
        raise IllegalTransition(
            current.value,
            target.value,
            f"The complaint is already {target.value}.",
            f"Pengaduan sudah berstatus {_NAMES_ID[target]}.",
            code="same-status",
        )
    allowed = TRANSITIONS[current]
    if target not in allowed:
        options = ", ".join(sorted(s.value for s in allowed))
        raise IllegalTransition(
            current.value,
            target.value,
            f"A complaint that is {current.value} cannot become {target.value}; "
            f"allowed: {options}.",
            f"Pengaduan berstatus {_NAMES_ID[current]} tidak bisa menjadi "
            f"{_NAMES_ID[target]}; yang boleh: {options}.",
        )
    reopen = current in CLOSED
    has_note = bool(note and note.strip())
    if target is S.DITOLAK and not has_note:
        raise IllegalTransition(
            current.value,
            target.value,
            "Rejecting a complaint needs a reason (note).",
            "Menolak pengaduan wajib disertai alasan (catatan).",
            code="reason-required",
        )
    if reopen and not has_note:
        raise IllegalTransition(
            current.value,
            target.value,
            "Re-opening a complaint needs a reason (note).",
            "Membuka kembali pengaduan wajib disertai alasan (catatan).",
            code="reason-required",
        )
    return reopen
