"""The officer-session aggregate: ``officer_session`` (migration 0008).

Reached as ``store.sessions``. A front end (the example portal) keeps only an opaque random
id in its cookie; the record — whose SHA-256 of that id is the key, so reading the
database gives no live cookie — names the officer and the token logged in with, and ends
server-side (log-out, expiry). The rules are :mod:`sibaso.http.sessions`'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["SessionRepo", "SessionRow"]


class SessionRow(NamedTuple):
    """One stored session."""

    token_id: int
    officer_id: str
    officer_name: str | None
    started_at: str
    expires_at: str
    ended_at: str | None


class SessionRepo:
    """Officer sessions of one store (``store.sessions``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def start(
        self,
        id_sha256: str,
        token_id: int,
        officer_id: str,
        officer_name: str | None,
        started_at: str,
        expires_at: str,
    ) -> None:
        """Record a new session."""
        with self.store.transaction():
            self.store.execute(
                "INSERT INTO officer_session (id_sha256, token_id, officer_id, officer_name, "
                "started_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                (id_sha256, token_id, officer_id, officer_name, started_at, expires_at),
            )

    def get(self, id_sha256: str) -> SessionRow | None:
        """The session with this id hash, or None."""
        rows = self.store.query(
            "SELECT token_id, officer_id, officer_name, started_at, expires_at, ended_at "
            "FROM officer_session WHERE id_sha256 = ?",
            (id_sha256,),
        )
        if not rows:
            return None
        token_id, officer_id, name, started, expires, ended = rows[0]
        return SessionRow(int(token_id), str(officer_id), name, str(started), str(expires), ended)

    def end(self, id_sha256: str, at: str) -> bool:
        """End a session that has not ended; False when there is none."""
        with self.store.transaction():
            changed = self.store.execute(
                "UPDATE officer_session SET ended_at = ? WHERE id_sha256 = ? AND ended_at IS NULL",
                (at, id_sha256),
            )
        return bool(changed)

    def purge(self, before: str) -> int:
        """Delete the sessions that expired or ended before ``before``; how many."""
        with self.store.transaction():
            return self.store.execute(
                "DELETE FROM officer_session WHERE expires_at < ? OR ended_at < ?",
                (before, before),
            )

    def count(self) -> int:
        """How many session records are kept."""
        return int(self.store.query("SELECT COUNT(*) FROM officer_session")[0][0])
