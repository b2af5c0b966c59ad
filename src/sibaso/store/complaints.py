"""The complaint aggregate: ``complaint`` rows and their append-only ``complaint_history``
(migration 0002), portable across SQLite and PostgreSQL.

Reached as ``store.complaints``. The complaint service decides who may do what; this
repository only stores and reads. Every value is a bound parameter; the text is built from
constant column lists only. Each change is written with its history row and audit entry in
one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sibaso.core.access import Actor

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["COLUMNS", "HISTORY_COLUMNS", "ORDERS", "ComplaintRepo", "scope_sql"]

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
HISTORY_COLUMNS = ("at", "actor", "role", "from_status", "to_status", "note", "version")
#: the orders a list may ask for (never text from input)
ORDERS = {
    "newest": "id DESC",
    "kecamatan": "kecamatan_code, id",
    "due": "kecamatan_code, due, id",
}
#: the columns a change may set
_CHANGEABLE = frozenset({"status", "updated_at", "closed_at", "due"})

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM complaint"
_INSERT = (
    f"INSERT INTO complaint ({', '.join(COLUMNS[1:])}) "
    f"VALUES ({', '.join('?' * (len(COLUMNS) - 1))}) RETURNING id"
)
_HISTORY = (
    f"INSERT INTO complaint_history (complaint_id, {', '.join(HISTORY_COLUMNS)}) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def scope_sql(actor: Actor) -> tuple[str, list[Any]]:
    """A WHERE fragment limiting complaints (routed to kecamatan codes) to the actor's areas
    (``1 = 1`` for everywhere): :meth:`sibaso.core.access.Actor.covers` in SQL.

    Kabupaten areas match by prefix (``LIKE '12.05.%'``): most of the rows in the database,
    so the planner rightly prefers the status index and stops after a page.

    >>> from sibaso.core.access import Role
    >>> scope_sql(Actor(id="t", role=Role.TKSK, kecamatan=("12.05.07", "12.05")))
    ('(kecamatan_code IN (?) OR kecamatan_code LIKE ?)', ['12.05.07', '12.05.%'])
    >>> scope_sql(Actor.system()), scope_sql(Actor.public())
    (('1 = 1', []), ('1 = 0', []))
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


class ComplaintRepo:
    """Complaint rows in one store (``store.complaints``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def insert(self, row: Mapping[str, Any], history: Sequence[Any], audit: Sequence[Any]) -> int:
        """Store a new complaint (``row`` holds every column but ``id``), its first history
        row (:data:`HISTORY_COLUMNS`) and audit entry in one transaction; return its id."""
        store = self.store
        with store.transaction():
            complaint_id = int(store.query(_INSERT, [row[c] for c in COLUMNS[1:]])[0][0])
            store.execute(_HISTORY, (complaint_id, *history))
            store.append_audit([tuple(audit)])
        return complaint_id

    def by_ticket(self, ticket: str) -> dict[str, Any] | None:
        """One complaint row (keys :data:`COLUMNS`) by ticket."""
        rows = self.store.query(_SELECT + " WHERE ticket = ?", (ticket,))
        return dict(zip(COLUMNS, rows[0], strict=True)) if rows else None

    def history(self, complaint_id: int) -> list[tuple[Any, ...]]:
        """Filing and changes of one complaint (:data:`HISTORY_COLUMNS`), oldest first."""
        return self.store.query(
            f"SELECT {', '.join(HISTORY_COLUMNS)} FROM complaint_history "
            "WHERE complaint_id = ? ORDER BY id",
            (complaint_id,),
        )

    def change(
        self,
        complaint_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
        history: Sequence[Any],
        audit: Sequence[Any],
    ) -> int | None:
        """Apply ``changes`` (``status``, ``updated_at``, ``closed_at``, ``due``) when the
        stored version is still ``expected_version``, with a history row and an audit entry.

        Returns the new version, or None when someone else changed the complaint first
        (nothing is written then).
        """
        unknown = set(changes) - _CHANGEABLE
        if unknown:
            raise ValueError(f"complaint columns that cannot change: {sorted(unknown)}")
        store = self.store
        sets = ", ".join(f"{column} = ?" for column in changes)
        with store.transaction():
            count = store.execute(
                f"UPDATE complaint SET {sets}, version = version + 1 WHERE id = ? AND version = ?",
                (*changes.values(), complaint_id, expected_version),
            )
            if count != 1:
                return None
            store.execute(_HISTORY, (complaint_id, *history))
            store.append_audit([tuple(audit)])
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
        order: str = "newest",
    ) -> list[tuple[Any, ...]]:
        """Complaint rows (tuples in :data:`COLUMNS` order) the actor covers, filtered;
        ``order`` is one of :data:`ORDERS` (``newest`` first, by ``kecamatan``, or by
        kecamatan then ``due`` date)."""
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
        text = f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY {ORDERS[order]}"
        if limit is not None:
            text += " LIMIT ? OFFSET ?"
            params.extend([int(limit), int(offset)])
        return self.store.query(text, params)
