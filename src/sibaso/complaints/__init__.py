"""Complaints (pengaduan), usul and sanggah: filed with the reporter's NIK, routed to the
kecamatan, handled by the officers serving there, every change recorded.

Reach the service as ``registry.complaints``; every method takes the acting user::

    import sibaso
    from sibaso.complaints import Actor

    registry = sibaso.open("langkat.sqlite")  # the composition root wires registry.complaints
    registry.complaints.load_roster(Actor.system(), "roster.csv")
    filed = registry.complaints.file(
        Actor.public(), reporter_nik="1205074107820001", reporter_name="Siti Aminah",
        phone="0812 3456 7890", category="bantuan-tidak-diterima", programme="PKH",
        text="Bantuan tahap 2 belum masuk ke rekening.",
    )
    registry.complaints.status(Actor.public(), filed.ticket, "1205074107820001")
    tksk = registry.complaints.actor("tksk-stabat-1")
    registry.complaints.update(tksk, filed.ticket, "diverifikasi", "Sudah dicek ke bank.")

See ``docs/complaints.md``.
"""

from __future__ import annotations

import datetime
import warnings

from sibaso.complaints._errors import (
    AccessDenied,
    ComplaintError,
    ComplaintValidationError,
    ConflictError,
    FieldError,
    IllegalTransition,
    RosterError,
    TicketNotFound,
    UnknownOfficer,
)
from sibaso.complaints._export import ExportSummary
from sibaso.complaints._model import (
    ComplaintEvent,
    ComplaintView,
    HistoryEntry,
    StatusAnswer,
)
from sibaso.complaints._roster import RosterEntry, parse_roster, read_roster
from sibaso.complaints._service import ComplaintService, RosterReport, replace_roster
from sibaso.complaints._tickets import is_ticket, new_ticket, normalise_ticket
from sibaso.complaints._validate import (
    ATTACHMENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_NAME,
    MAX_NOTE,
    MAX_TEXT,
    normalise_phone,
)
from sibaso.complaints._workflow import DEFAULT_DUE_DAYS, TIMEZONE, TRANSITIONS
from sibaso.core.access import Actor, Role
from sibaso.core.model import (
    Attachment,
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
)
from sibaso.store import open_store

__all__ = [
    "ATTACHMENT_TYPES",
    "DEFAULT_DUE_DAYS",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_TEXT",
    "TIMEZONE",
    "TRANSITIONS",
    "AccessDenied",
    "Actor",
    "Attachment",
    "Channel",
    "Complaint",
    "ComplaintCategory",
    "ComplaintError",
    "ComplaintEvent",
    "ComplaintService",
    "ComplaintStatus",
    "ComplaintValidationError",
    "ComplaintView",
    "ConflictError",
    "ExportSummary",
    "FieldError",
    "HistoryEntry",
    "IllegalTransition",
    "Role",
    "RosterEntry",
    "RosterError",
    "RosterReport",
    "StatusAnswer",
    "TicketNotFound",
    "UnknownOfficer",
    "is_ticket",
    "load_roster",
    "new_ticket",
    "normalise_phone",
    "normalise_ticket",
    "parse_roster",
    "read_roster",
]


def load_roster(target: object, path: str) -> RosterReport:
    """Load a roster CSV into the registry at ``target`` (a path, DSN or open Registry) as
    the database owner — what ``sibaso roster load`` does.

    Deprecated: use :func:`sibaso.app.load_roster` (the composition root).
    """
    warnings.warn(
        "sibaso.complaints.load_roster is deprecated; use sibaso.app.load_roster",
        DeprecationWarning,
        stacklevel=2,
    )
    service = getattr(target, "complaints", None)
    if isinstance(service, ComplaintService):
        return service.load_roster(Actor.system(), path)
    store = open_store(str(target))
    try:
        return replace_roster(
            store, Actor.system(), path, datetime.datetime.now(datetime.timezone.utc)
        )
    finally:
        store.close()
