"""Complaints (pengaduan), usul and sanggah: filed with the reporter's NIK, routed to the
kecamatan, handled by the officers serving there, every change recorded.

Reach the service as ``registry.complaints``; every method takes the acting user::

    import sibaso
    from sibaso.complaints import Actor

    registry = sibaso.open("langkat.sqlite")
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
    Actor,
    ComplaintEvent,
    ComplaintView,
    HistoryEntry,
    Role,
    StatusAnswer,
)
from sibaso.complaints._roster import RosterEntry, parse_roster, read_roster
from sibaso.complaints._service import ComplaintService, RosterReport
from sibaso.complaints._tickets import is_ticket, new_ticket, normalise_ticket
from sibaso.complaints._validate import (
    ATTACHMENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_NOTE,
    MAX_TEXT,
    normalise_phone,
)
from sibaso.complaints._workflow import DEFAULT_DUE_DAYS, TIMEZONE, TRANSITIONS
from sibaso.core.model import (
    Attachment,
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
)

__all__ = [
    "ATTACHMENT_TYPES",
    "DEFAULT_DUE_DAYS",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
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
    the database owner — what ``sibaso roster load`` does."""
    import sibaso
    from sibaso.registry import Registry

    if isinstance(target, Registry):
        return target.complaints.load_roster(Actor.system(), path)
    with sibaso.open(str(target)) as registry:
        return registry.complaints.load_roster(Actor.system(), path)
