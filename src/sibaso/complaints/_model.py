"""What the complaint service answers with: a complaint as
the actor may see it (:class:`ComplaintView`), its history, the citizen's status answer and
the event passed to the ``complaint_changed`` hook. :class:`Actor` and :class:`Role` live in
:mod:`sibaso.core.access` (re-exported here and from :mod:`sibaso.complaints`)."""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from sibaso.core.access import Actor, Role
from sibaso.core.model import Attachment

__all__ = [
    "Actor",
    "ComplaintEvent",
    "ComplaintView",
    "HistoryEntry",
    "Role",
    "StatusAnswer",
]


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One filing or status change: who (officer id and role), when, from, to and a note."""

    at: datetime.datetime
    actor: str
    role: str
    from_status: str | None
    to_status: str
    note: str | None
    version: int

    def to_dict(self, *, public: bool = False) -> dict[str, Any]:
        """JSON-ready; ``public=True`` leaves out the officer id (the role stays)."""
        data: dict[str, Any] = {
            "at": self.at.isoformat(),
            "from": self.from_status,
            "to": self.to_status,
            "note": self.note,
            "role": self.role,
        }
        if not public:
            data["actor"] = self.actor
            data["version"] = self.version
        return data


@attrs.frozen(kw_only=True)
class ComplaintView:
    """A complaint as one actor may see it.

    For a sanggah seen by a TKSK or pendamping PKH, ``reporter_nik`` and ``reporter_name``
    are masked, ``phone`` is None and ``reporter_masked`` is true.
    """

    ticket: str
    status: str
    category: str
    channel: str
    programme: str | None
    kecamatan: str
    kecamatan_name: str | None
    routed_by: str
    reporter_nik: str
    reporter_name: str
    phone: str | None
    subject_nik: str | None
    text: str
    attachments: tuple[Attachment, ...]
    filed_at: datetime.datetime
    filed_by: str
    due: datetime.date
    updated_at: datetime.datetime
    closed_at: datetime.datetime | None
    version: int
    reporter_masked: bool = False
    history: tuple[HistoryEntry, ...] = ()

    @property
    def is_open(self) -> bool:
        """Not yet ``selesai`` or ``ditolak``."""
        return self.closed_at is None

    def days_late(self, today: datetime.date) -> int:
        """Days past the due date (0 when not late or closed)."""
        if not self.is_open:
            return 0
        return max(0, (today - self.due).days)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (the CLI's ``--json`` shape of one complaint)."""
        return {
            "ticket": self.ticket,
            "status": self.status,
            "category": self.category,
            "channel": self.channel,
            "programme": self.programme,
            "kecamatan": self.kecamatan,
            "kecamatan_name": self.kecamatan_name,
            "routed_by": self.routed_by,
            "reporter_nik": self.reporter_nik,
            "reporter_name": self.reporter_name,
            "phone": self.phone,
            "subject_nik": self.subject_nik,
            "text": self.text,
            "attachments": [attrs.asdict(a) for a in self.attachments],
            "filed_at": self.filed_at.isoformat(),
            "filed_by": self.filed_by,
            "due": self.due.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "version": self.version,
            "reporter_masked": self.reporter_masked,
            "history": [h.to_dict() for h in self.history],
        }


@attrs.frozen(kw_only=True)
class StatusAnswer:
    """What a citizen sees for their own ticket: status, dates and the public history."""

    ticket: str
    status: str
    category: str
    filed_at: datetime.datetime
    due: datetime.date
    history: tuple[HistoryEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``ticket``, ``status``, ``category``, ``filed_at``, ``due`` and
        ``history`` (without officer ids). No kecamatan: where a complaint is handled comes
        from the population data and would tell anyone who files with a resident's NIK
        where that resident lives."""
        return {
            "ticket": self.ticket,
            "status": self.status,
            "category": self.category,
            "filed_at": self.filed_at.isoformat(),
            "due": self.due.isoformat(),
            "history": [h.to_dict(public=True) for h in self.history],
        }


@attrs.frozen(kw_only=True)
class ComplaintEvent:
    """What happened, for the ``complaint_changed`` hook.

    ``kind`` is ``"filed"`` or ``"status-changed"``; ``from_status`` is None when filed.
    """

    kind: str
    ticket: str
    from_status: str | None
    to_status: str
    note: str | None
    at: datetime.datetime
    actor: str
    version: int
