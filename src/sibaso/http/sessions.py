"""Officer sessions of a front end, ended server-side: the cookie holds only an opaque id.

A signed cookie that carries the login itself stays valid until it expires, whatever the
officer does: a copy taken before log-out still works after it. Here the cookie holds a
random session id and nothing else about the officer; the record in the registry store
(:class:`sibaso.store.sessions.SessionRepo`, only its SHA-256 is kept) says who, with which
token, until when — and log-out ends it for every copy. A session is valid while it has
not ended or expired and its token is still valid (:func:`sibaso.http.token_status`).
Records are deleted :data:`KEEP_ENDED` after they end, at the next log-in.

>>> import datetime, io, sibaso
>>> from sibaso.complaints import Actor, parse_roster
>>> from sibaso.http import issue_token
>>> registry = sibaso.open(":memory:")
>>> roster = parse_roster(io.StringIO("id,name,role,kecamatan\\ntksk-1,Budi,tksk,12.05.07\\n"))
>>> _ = registry.complaints.load_roster(Actor.system(), roster)
>>> token = issue_token(registry, "tksk-1")
>>> sid = start_session(registry, token.id, "tksk-1", "Budi", datetime.timedelta(hours=8))
>>> state, session = find_session(registry, sid)
>>> state, session.officer_id, session.officer_name
('active', 'tksk-1', 'Budi')
>>> end_session(registry, sid), find_session(registry, sid)[0]
(True, 'ended')
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sibaso.registry import Registry
    from sibaso.store.sessions import SessionRow

__all__ = ["KEEP_ENDED", "end_session", "find_session", "purge_sessions", "start_session"]

#: how long a session's record is kept after it ended or expired
KEEP_ENDED = datetime.timedelta(days=1)


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8")).hexdigest()


def _now(now: datetime.datetime | None) -> datetime.datetime:
    moment = now or datetime.datetime.now(datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc)


def _iso(moment: datetime.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def start_session(
    registry: Registry,
    token_id: int,
    officer_id: str,
    officer_name: str | None,
    lifetime: datetime.timedelta,
    *,
    now: datetime.datetime | None = None,
) -> str:
    """Record a login with the token ``token_id``; the opaque session id for the cookie.

    Old records (ended or expired more than :data:`KEEP_ENDED` ago) are deleted first.
    """
    moment = _now(now)
    purge_sessions(registry, now=moment)
    session_id = secrets.token_urlsafe(32)
    registry.store.sessions.start(
        _digest(session_id),
        token_id,
        officer_id,
        officer_name,
        _iso(moment),
        _iso(moment + lifetime),
    )
    return session_id


def find_session(
    registry: Registry, session_id: str, *, now: datetime.datetime | None = None
) -> tuple[str, SessionRow | None]:
    """``(state, record)``: ``active``; ``unknown`` (no record: never, or purged); ``ended``
    (logged out); ``expired``; ``officer-inactive`` (the officer left the roster) or
    ``token-ended`` (the token was revoked, expired or orphaned)."""
    from sibaso.http.tokens import token_status

    if not isinstance(session_id, str) or not 20 <= len(session_id) <= 100:
        return "unknown", None
    row = registry.store.sessions.get(_digest(session_id))
    if row is None:
        return "unknown", None
    moment = _now(now)
    if row.ended_at is not None:
        return "ended", row
    if datetime.datetime.fromisoformat(row.expires_at) <= moment:
        return "expired", row
    status = token_status(registry, row.token_id, now=moment)
    if status == "active":
        return "active", row
    return ("officer-inactive" if status == "officer-inactive" else "token-ended"), row


def end_session(
    registry: Registry, session_id: str, *, now: datetime.datetime | None = None
) -> bool:
    """End the session server-side (log-out): every copy of its cookie stops working."""
    if not isinstance(session_id, str) or not 20 <= len(session_id) <= 100:
        return False
    return registry.store.sessions.end(_digest(session_id), _iso(_now(now)))


def purge_sessions(registry: Registry, *, now: datetime.datetime | None = None) -> int:
    """Delete the records of sessions that ended or expired more than :data:`KEEP_ENDED`
    ago; how many."""
    return registry.store.sessions.purge(_iso(_now(now) - KEEP_ENDED))
