"""Exceptions of the complaint service; each says what went wrong in Bahasa Indonesia and
English (``localized(lang)``) and carries a short ``code`` for scripts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from sibaso.core.errors import SibasoError, ValidationError
from sibaso.core.labels import field_label

__all__ = [
    "AccessDenied",
    "ComplaintError",
    "ComplaintValidationError",
    "ConflictError",
    "FieldError",
    "IllegalTransition",
    "RosterError",
    "TicketNotFound",
    "UnknownOfficer",
]


@attrs.frozen
class FieldError:
    """One invalid field: ``field`` (``reporter_nik``, ``attachments[0].size`` …), a ``code``
    naming the rule and the message in Bahasa Indonesia (``message``) and English."""

    field: str
    code: str
    message: str
    message_en: str

    def to_dict(self, lang: str = "id") -> dict[str, str]:
        """``{"field", "code", "message"}`` in one language."""
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message if lang == "id" else self.message_en,
        }


class ComplaintError(SibasoError):
    """Base of the refusals below: ``code``, ``message_id`` (Indonesian), ``str()`` English."""

    code = "refused"

    def __init__(self, message: str, message_id: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.message = message
        self.message_id = message_id
        super().__init__(message)

    def localized(self, lang: str = "id") -> str:
        """The message in Bahasa Indonesia (``"id"``) or English (``"en"``)."""
        return self.message_id if lang == "id" else self.message

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """``{"error": code, "message": …}`` (the CLI's ``--json`` shape)."""
        return {"error": self.code, "message": self.localized(lang)}


class ComplaintValidationError(ValidationError):
    """The complaint (or roster) is invalid; ``errors`` lists every field that failed.

    Nothing was stored. ``errors`` holds :class:`FieldError` objects; ``to_dict(lang)`` gives
    ``{"errors": [{"field", "code", "message"}, …]}``.
    """

    code = "invalid"

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = list(errors)
        # people read labels (NIK pelapor); the codes (reporter_nik) stay in ``errors``
        fields = ", ".join(field_label(e.field, "en") for e in self.errors)
        fields_id = ", ".join(field_label(e.field) for e in self.errors)
        super().__init__(
            f"The complaint is not valid ({fields}): "
            + "; ".join(f"{field_label(e.field, 'en')}: {e.message_en}" for e in self.errors),
            message_id=f"Pengaduan belum lengkap atau tidak sah ({fields_id}): "
            + "; ".join(f"{field_label(e.field)}: {e.message}" for e in self.errors),
        )

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """``{"errors": [...]}`` in one language."""
        return {"errors": [e.to_dict(lang) for e in self.errors]}


class RosterError(ValidationError):
    """The roster file is invalid; ``errors`` lists ``{row, field, code, message}``.

    Nothing was loaded.
    """

    code = "invalid-roster"

    def __init__(self, path: str, errors: Sequence[dict[str, Any]]) -> None:
        self.path = path
        self.errors = list(errors)
        first = "; ".join(
            f"baris {e['row']} {field_label(e['field'])}: {e['message']}" for e in self.errors[:5]
        )
        more = f" (dan {len(self.errors) - 5} lagi)" if len(self.errors) > 5 else ""
        super().__init__(
            f"{path}: the roster is not valid: "
            + "; ".join(
                f"row {e['row']} {field_label(e['field'], 'en')}: {e['message_en']}"
                for e in self.errors[:5]
            ),
            message_id=f"{path}: daftar petugas tidak sah: {first}{more}",
        )

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """``{"errors": [{"row", "field", "code", "message"}, …]}``."""
        return {
            "errors": [
                {
                    "row": e["row"],
                    "field": e["field"],
                    "code": e["code"],
                    "message": e["message"] if lang == "id" else e["message_en"],
                }
                for e in self.errors
            ]
        }


class TicketNotFound(ComplaintError, LookupError):
    """No complaint with this ticket and reporter NIK (the same answer for both cases)."""

    code = "not-found"

    def __init__(self) -> None:
        super().__init__(
            "No complaint with this ticket number and NIK.",
            "Tidak ada pengaduan dengan nomor tiket dan NIK ini.",
        )


class AccessDenied(ComplaintError, PermissionError):
    """The acting user's role or area does not allow this."""

    code = "access-denied"


class UnknownOfficer(AccessDenied):
    """The officer id is not in the active roster."""

    code = "unknown-officer"

    def __init__(self, officer_id: str) -> None:
        self.officer_id = officer_id
        super().__init__(
            f"Officer {officer_id!r} is not in the active roster.",
            f"Petugas {officer_id!r} tidak ada di daftar petugas aktif.",
        )


class IllegalTransition(ComplaintError, ValueError):
    """This status change is not part of the workflow (or lacks its required reason)."""

    code = "illegal-transition"

    def __init__(
        self,
        from_status: str,
        to_status: str,
        message: str,
        message_id: str,
        *,
        code: str | None = None,
    ) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(message, message_id, code=code)


class ConflictError(ComplaintError):
    """Someone changed the complaint since it was read: read it again and retry.

    ``expected`` is the version the caller read, ``current`` the version now stored.
    """

    code = "conflict"

    def __init__(self, ticket: str, expected: int, current: int | None) -> None:
        self.ticket = ticket
        self.expected = expected
        self.current = current
        super().__init__(
            f"Complaint {ticket} was changed by someone else (version {expected} read, "
            f"{current} now): read it again and retry.",
            f"Pengaduan {ticket} sudah diubah petugas lain (versi {expected} dibaca, kini "
            f"{current}): muat ulang lalu coba lagi.",
        )
