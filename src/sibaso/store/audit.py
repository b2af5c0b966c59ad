"""The audit aggregate: the append-only ``audit_log`` (who did what, when, to whom).

Reached as ``store.audit`` (``store.append_audit`` / ``store.audit_entries`` are the same
calls). Subjects are what the services give (a masked NIK with a keyed hash, a ticket); the
log never holds a full NIK.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["AUDIT_COLUMNS", "AuditRepo"]

#: an entry as written: ``(at, actor, action, subject, detail)``
AUDIT_COLUMNS = ("at", "actor", "action", "subject", "detail")


class AuditRepo:
    """The audit log of one store (``store.audit``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def append(self, entries: Iterable[Sequence[Any]]) -> None:
        """Append ``(at, actor, action, subject, detail)`` rows (inside the caller's
        transaction, if any)."""
        self.store.executemany(
            "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            entries,
        )

    def record(self, entries: Iterable[Sequence[Any]]) -> None:
        """Append entries now, in a transaction of their own (or the caller's)."""
        with self.store.transaction():
            self.append(entries)

    def entries(self, action: str | None = None) -> list[tuple[Any, ...]]:
        """``(id, at, actor, action, subject, detail)`` rows, oldest first, of one action or
        all."""
        if action is None:
            return self.store.query(
                "SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id"
            )
        return self.store.query(
            "SELECT id, at, actor, action, subject, detail FROM audit_log "
            "WHERE action = ? ORDER BY id",
            (action,),
        )
