"""The roster aggregate: ``officer`` and ``officer_area`` (migration 0002).

Reached as ``store.officers``. Officers missing from a newer roster stay with
``active = 0`` so that history still names them. ``generation`` (migration 0007) names the
officer *record*: it grows when an id comes back after a removal, or when a roster gives
the id to a person of another name (a change of case or spacing is the same person), so
what belongs to the record — API tokens — does not pass to whoever holds the id next.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["OfficerRepo"]

#: one roster entry as the repository takes it: id, name, role, the areas served
RosterRow = tuple[str, str, str, Sequence[str]]


def _same_person(name: str) -> str:
    """A name as compared between rosters: case and spacing do not make another person."""
    return " ".join(name.split()).casefold()


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

    def record(self, officer_id: str) -> int | None:
        """The current record (generation) of the officer with this id; None if unknown."""
        rows = self.store.query("SELECT generation FROM officer WHERE id = ?", (officer_id,))
        return int(rows[0][0]) if rows else None

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
            rows = store.query("SELECT id, active, name FROM officer")
            before = {r[0]: bool(r[1]) for r in rows}
            names = {r[0]: _same_person(r[2]) for r in rows}
            store.execute("DELETE FROM officer_area")
            ids = set()
            added = updated = 0
            for officer_id, name, role, _areas in entries:
                ids.add(officer_id)
                if officer_id in before:
                    updated += 1
                    another = not before[officer_id] or names[officer_id] != _same_person(name)
                    store.execute(
                        "UPDATE officer SET name = ?, role = ?, active = 1, loaded_at = ?, "
                        "generation = generation + ? WHERE id = ?",
                        (name, role, at, 1 if another else 0, officer_id),
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
