"""The roster aggregate: ``officer`` and ``officer_area`` (migration 0002).

Reached as ``store.officers``. Officers missing from a newer roster stay with
``active = 0`` so that history still names them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["OfficerRepo"]

#: one roster entry as the repository takes it: id, name, role, the areas served
RosterRow = tuple[str, str, str, Sequence[str]]


class OfficerRepo:
    """Officers and the areas they serve, in one store (``store.officers``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def active(self, officer_id: str) -> tuple[str, str, tuple[str, ...]] | None:
        """``(name, role, areas)`` of an active officer, or None (unknown or inactive)."""
        rows = self.store.query(
            "SELECT name, role FROM officer WHERE id = ? AND active = 1", (officer_id,)
        )
        if not rows:
            return None
        areas = self.store.query(
            "SELECT area FROM officer_area WHERE officer_id = ? ORDER BY area", (officer_id,)
        )
        return rows[0][0], rows[0][1], tuple(a[0] for a in areas)

    def all(self) -> list[dict[str, Any]]:
        """The whole roster, active and former officers, with their areas, by id."""
        rows = self.store.query("SELECT id, name, role, active FROM officer ORDER BY id")
        areas: dict[str, list[str]] = {}
        for officer_id, area in self.store.query(
            "SELECT officer_id, area FROM officer_area ORDER BY officer_id, area"
        ):
            areas.setdefault(officer_id, []).append(area)
        return [
            {
                "id": r[0],
                "name": r[1],
                "role": r[2],
                "active": bool(r[3]),
                "kecamatan": areas.get(r[0], []),
            }
            for r in rows
        ]

    def replace(
        self, entries: Iterable[RosterRow], at: str, audit: Sequence[Any]
    ) -> dict[str, int]:
        """Make ``entries`` the active roster, with an audit entry, in one transaction;
        officers missing from it become inactive. Returns ``added``, ``updated`` and
        ``deactivated`` counts."""
        store = self.store
        entries = list(entries)
        with store.transaction():
            before = {r[0]: bool(r[1]) for r in store.query("SELECT id, active FROM officer")}
            store.execute("DELETE FROM officer_area")
            ids = set()
            added = updated = 0
            for officer_id, name, role, _areas in entries:
                ids.add(officer_id)
                if officer_id in before:
                    updated += 1
                    store.execute(
                        "UPDATE officer SET name = ?, role = ?, active = 1, loaded_at = ? "
                        "WHERE id = ?",
                        (name, role, at, officer_id),
                    )
                else:
                    added += 1
                    store.execute(
                        "INSERT INTO officer (id, name, role, active, loaded_at) "
                        "VALUES (?, ?, ?, 1, ?)",
                        (officer_id, name, role, at),
                    )
            areas = [(e[0], area) for e in entries for area in e[3]]
            if areas:
                store.executemany(
                    "INSERT INTO officer_area (officer_id, area) VALUES (?, ?)", areas
                )
            gone = [i for i, active in before.items() if active and i not in ids]
            for officer_id in gone:
                store.execute("UPDATE officer SET active = 0 WHERE id = ?", (officer_id,))
            store.append_audit([tuple(audit)])
        return {"added": added, "updated": updated, "deactivated": len(gone)}
