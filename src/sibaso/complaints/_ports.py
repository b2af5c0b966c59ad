"""What the complaint service needs from the rest of sibaso, as narrow protocols.

The service never imports the registry: the composition root (:mod:`sibaso.app`) hands it
something that can look a NIK up and something that names a NIK in the audit log — in
practice the same :class:`~sibaso.registry.Registry`, but a test or another front end may
pass anything with these methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sibaso.registry.lookup import LookupResult, View

__all__ = ["AuditSubjects", "LookUp"]


@runtime_checkable
class LookUp(Protocol):
    """Something that answers which programmes reach a NIK (``registry.lookup``)."""

    def lookup(
        self, nik: object, *, view: View = "public", actor: str | None = None
    ) -> LookupResult:
        """Every active enrolment reaching this NIK, as ``view`` may see it (audited)."""
        ...


@runtime_checkable
class AuditSubjects(Protocol):
    """Something that says how the audit log names a NIK (masked + keyed hash)."""

    def audit_subject(self, nik: str) -> str:
        """The audit log's subject for this NIK (never the NIK itself)."""
        ...
