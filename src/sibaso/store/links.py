"""The links aggregate: match (padan) results and officers' decisions on them.

Reached as ``store.links``; ``Store.save_links`` replaces a match run's results keeping the
decisions. A change to who is confirmed refreshes the lookup index (``store.reach``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["LinkRepo"]


class LinkRepo:
    """The ``link`` table of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def confirmed(self) -> set[tuple[int, str]]:
        """``(enrolment id, NIK)`` an officer confirmed."""
        return {
            (int(i), str(nik))
            for i, nik in self.store.query(
                "SELECT enrolment_id, nik_matched FROM link "
                "WHERE decision = 'confirmed' AND nik_matched IS NOT NULL"
            )
        }

    def of_active(self) -> list[tuple[Any, ...]]:
        """Links of active enrolments: ``(programme, path, sheet, row, nik_given, status,
        nik_matched, confidence, reason, enrolment id, decision)``, by enrolment."""
        return self.store.query(
            "SELECT e.programme, s.path, e.sheet, e.row_number, e.nik_given, l.status, "
            "l.nik_matched, l.confidence, l.reason, e.id, l.decision FROM link l "
            "JOIN enrolment e ON e.id = l.enrolment_id JOIN source s ON s.id = e.source_id "
            "WHERE s.active = 1 ORDER BY e.id"
        )

    def get(self, enrolment_id: int) -> tuple[Any, ...] | None:
        """``(status, nik_matched)`` of one enrolment's link, or None before a match."""
        rows = self.store.query(
            "SELECT status, nik_matched FROM link WHERE enrolment_id = ?", (enrolment_id,)
        )
        return rows[0] if rows else None

    def decide(
        self, enrolment_id: int, *, decision: str, by: str, at: str, nik: str | None
    ) -> None:
        """Record an officer's decision and bring the lookup index up to date with it."""
        with self.store.transaction():
            self.store.execute(
                "UPDATE link SET decision = ?, decided_by = ?, decided_at = ?, "
                "nik_matched = ? WHERE enrolment_id = ?",
                (decision, by, at, nik, enrolment_id),
            )
            self.store.reach.after_links([enrolment_id])

    def replace(self, rows: list[tuple[Any, ...]]) -> None:
        """Store a match run's links (officers' decisions kept), the index and statistics
        brought up to date, in one transaction."""
        with self.store.transaction():
            before = self.confirmed()
            self.store.save_links(rows)
            self.store.reach.after_links(i for i, _ in before ^ self.confirmed())
            self.store.analyze("link")
