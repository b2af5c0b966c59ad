"""SQL of the complaint tables (migration 0002), portable across SQLite and PostgreSQL.

Only this module writes SQL for complaints; the service decides who may run it. Every value
is a bound parameter; the text is built from constant column lists only.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from sibaso.complaints._model import Actor, HistoryEntry
from sibaso.complaints._roster import RosterEntry
from sibaso.store.base import Store

__all__ = ["COLUMNS", "Repo"]

COLUMNS = (
    "id",
    "ticket",
    "reporter_nik",
    "reporter_name",
    "phone",
    "channel",
    "category",
    "programme",
    "subject_nik",
    "text",
    "attachments",
    "status",
    "kecamatan_code",
    "routed_by",
    "filed_at",
    "filed_by",
    "due",
    "updated_at",
    "closed_at",
    "version",
)
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM complaint"  # noqa: S608 - constant columns
_NAMES = ", ".join(COLUMNS[1:])
_MARKS = ", ".join("?" * (len(COLUMNS) - 1))
_INSERT = f"INSERT INTO complaint ({_NAMES}) VALUES ({_MARKS}) RETURNING id"  # noqa: S608
_HISTORY = (
    "INSERT INTO complaint_history (complaint_id, at, actor, role, from_status, to_status, "
    "note, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_AUDIT = "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)"


def iso(moment: datetime.datetime) -> str:
    """How moments are stored: UTC, ISO 8601, seconds."""
    return moment.astimezone(datetime.timezone.utc).isoformat(timespec="seconds")


def scope_sql(actor: Actor) -> tuple[str, list[Any]]:
    """A WHERE fragment limiting complaints to the actor's areas (``1 = 1`` for everywhere).

    Kabupaten areas match by prefix (``LIKE '12.05.%'``): most of the rows in the database,
    so the planner rightly prefers the status index and stops after a page.
    """
    if actor.everywhere:
        return "1 = 1", []
    if not actor.is_staff or not actor.kecamatan:
        return "1 = 0", []
    parts: list[str] = []
    params: list[Any] = []
    districts = [a for a in actor.kecamatan if a.count(".") == 2]
    if districts:
        parts.append(f"kecamatan_code IN ({', '.join('?' * len(districts))})")
        params.extend(districts)
    for area in actor.kecamatan:
        if area.count(".") < 2:
            parts.append("kecamatan_code LIKE ?")
            params.append(area + ".%")
    return "(" + " OR ".join(parts) + ")", params


class Repo:
    """Complaint rows in one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- complaints ---------------------------------------------------------------------

    def insert(
        self,
        row: dict[str, Any],
        history: tuple[Any, ...],
        audit: tuple[Any, ...],
    ) -> int:
        """Store a new complaint, its first history row and audit entry (one transaction)."""
        store = self.store
        with store.transaction():
            complaint_id = int(store.query(_INSERT, [row[c] for c in COLUMNS[1:]])[0][0])
            store.execute(_HISTORY, (complaint_id, *history))
            store.execute(_AUDIT, audit)
        return complaint_id

    def by_ticket(self, ticket: str) -> dict[str, Any] | None:
        """One complaint row by ticket."""
        rows = self.store.query(_SELECT + " WHERE ticket = ?", (ticket,))
        return dict(zip(COLUMNS, rows[0], strict=True)) if rows else None

    def history(self, complaint_id: int) -> list[HistoryEntry]:
        """Filing and changes of one complaint, oldest first."""
        rows = self.store.query(
            "SELECT at, actor, role, from_status, to_status, note, version "
            "FROM complaint_history WHERE complaint_id = ? ORDER BY id",
            (complaint_id,),
        )
        return [
            HistoryEntry(
                at=datetime.datetime.fromisoformat(r[0]),
                actor=r[1],
                role=r[2],
                from_status=r[3],
                to_status=r[4],
                note=r[5],
                version=int(r[6]),
            )
            for r in rows
        ]

    def change(
        self,
        complaint_id: int,
        expected_version: int,
        changes: dict[str, Any],
        history: tuple[Any, ...],
        audit: tuple[Any, ...],
    ) -> int | None:
        """Apply ``changes`` when the stored version is still ``expected_version``.

        Returns the new version, or None when someone else changed the complaint first
        (nothing is written then).
        """
        store = self.store
        sets = ", ".join(f"{column} = ?" for column in changes)
        with store.transaction():
            count = store.execute(
                # column names come from the service, never from input
                f"UPDATE complaint SET {sets}, version = version + 1 "  # noqa: S608
                "WHERE id = ? AND version = ?",
                (*changes.values(), complaint_id, expected_version),
            )
            if count != 1:
                return None
            store.execute(_HISTORY, (complaint_id, *history))
            store.execute(_AUDIT, audit)
        return expected_version + 1

    def version_of(self, complaint_id: int) -> int | None:
        """The stored version now."""
        rows = self.store.query("SELECT version FROM complaint WHERE id = ?", (complaint_id,))
        return int(rows[0][0]) if rows else None

    def select(
        self,
        actor: Actor,
        *,
        status: str | None = None,
        kecamatan: str | None = None,
        category: str | None = None,
        overdue_on: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        order: str = "id DESC",
    ) -> list[tuple[Any, ...]]:
        """Complaint rows (tuples in :data:`COLUMNS` order) the actor may see, filtered."""
        where, params = scope_sql(actor)
        clauses = [where]
        if kecamatan is not None:
            clauses.append("kecamatan_code = ?")
            params.append(kecamatan)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        if category is not None:
            clauses.append("category = ?")
            params.append(category)
        if overdue_on is not None:
            clauses.append("closed_at IS NULL AND due < ?")
            params.append(overdue_on)
        text = f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {order}"
        if limit is not None:
            text += " LIMIT ? OFFSET ?"
            params.extend([int(limit), int(offset)])
        return self.store.query(text, params)

    # -- audit --------------------------------------------------------------------------

    def audit(self, entries: Iterable[Sequence[Any]]) -> None:
        """Append entries to the audit log now (one transaction)."""
        with self.store.transaction():
            self.store.append_audit(entries)

    # -- roster -------------------------------------------------------------------------

    def officer(self, officer_id: str) -> Actor | None:
        """An active officer as an :class:`Actor`."""
        from sibaso.complaints._model import Role

        rows = self.store.query(
            "SELECT name, role FROM officer WHERE id = ? AND active = 1", (officer_id,)
        )
        if not rows:
            return None
        areas = self.store.query(
            "SELECT area FROM officer_area WHERE officer_id = ? ORDER BY area", (officer_id,)
        )
        return Actor(
            id=officer_id,
            role=Role(rows[0][1]),
            kecamatan=tuple(a[0] for a in areas),
            name=rows[0][0],
        )

    def officers(self) -> list[dict[str, Any]]:
        """The whole roster, active and former officers, with their areas."""
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

    def replace_roster(
        self, entries: Sequence[RosterEntry], at: str, audit: tuple[Any, ...]
    ) -> dict[str, int]:
        """Make ``entries`` the active roster; officers missing from it become inactive."""
        store = self.store
        with store.transaction():
            before = {r[0]: bool(r[1]) for r in store.query("SELECT id, active FROM officer")}
            store.execute("DELETE FROM officer_area")
            ids = set()
            added = updated = 0
            for entry in entries:
                ids.add(entry.id)
                if entry.id in before:
                    updated += 1
                    store.execute(
                        "UPDATE officer SET name = ?, role = ?, active = 1, loaded_at = ? "
                        "WHERE id = ?",
                        (entry.name, entry.role.value, at, entry.id),
                    )
                else:
                    added += 1
                    store.execute(
                        "INSERT INTO officer (id, name, role, active, loaded_at) "
                        "VALUES (?, ?, ?, 1, ?)",
                        (entry.id, entry.name, entry.role.value, at),
                    )
            areas = [(e.id, area) for e in entries for area in e.kecamatan]
            if areas:
                store.executemany(
                    "INSERT INTO officer_area (officer_id, area) VALUES (?, ?)", areas
                )
            gone = [i for i, active in before.items() if active and i not in ids]
            for officer_id in gone:
                store.execute("UPDATE officer SET active = 0 WHERE id = ?", (officer_id,))
            store.execute(_AUDIT, audit)
        return {"added": added, "updated": updated, "deactivated": len(gone)}


def attachments_json(items: Iterable[Any]) -> str:
    """Attachments as stored (a JSON list)."""
    return json.dumps([attrs.asdict(a) for a in items], separators=(",", ":"))
