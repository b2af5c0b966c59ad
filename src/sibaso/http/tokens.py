"""Per-officer API tokens: issued once, stored as SHA-256, bound to the officer record, expiring.

A token acts as one roster officer; the officer's role and kecamatan come from the roster at
every request, so deactivating an officer (a new roster without them) stops their tokens at
once, and the complaint service enforces the same rules as on the command line. A token
belongs to the officer *record*, not the id string: when the id comes back after a removal,
or a roster gives it to a person of another name, the old tokens stay dead (``orphaned``).
Every token expires, :data:`DEFAULT_LIFETIME` (90 days) after its issue unless told
otherwise. The SQL is :class:`sibaso.store.tokens.TokenRepo`'s; the rule of which token is
valid is :func:`token_state`, here, once.

>>> import io, sibaso
>>> from sibaso.complaints import Actor, parse_roster
>>> registry = sibaso.open(":memory:")
>>> roster = parse_roster(io.StringIO("id,name,role,kecamatan\\ntksk-1,Budi,tksk,12.05.07\\n"))
>>> _ = registry.complaints.load_roster(Actor.system(), roster)
>>> issued = issue_token(registry, "tksk-1", label="portal desa")
>>> issued.token.startswith("sbs_"), authenticate(registry, issued.token).id
(True, 'tksk-1')
>>> token_id(registry, issued.token) == issued.id, token_active(registry, issued.id)
(True, True)
>>> revoke_token(registry, issued.id)
True
>>> authenticate(registry, issued.token) is None, token_active(registry, issued.id)
(True, False)
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, Any

import attrs

from sibaso.core.text import strip_invisible

if TYPE_CHECKING:
    from sibaso.complaints import Actor
    from sibaso.registry import Registry
    from sibaso.store.tokens import TokenRow

__all__ = [
    "DEFAULT_LIFETIME",
    "MAX_LIFETIME",
    "STATE_LABELS",
    "STATE_LABELS_EN",
    "IssuedToken",
    "authenticate",
    "issue_token",
    "list_tokens",
    "revoke_token",
    "token_active",
    "token_id",
    "token_key",
    "token_state",
    "token_status",
]

PREFIX = "sbs_"
#: how long a token lasts unless ``issue_token(expires=…)`` says otherwise
DEFAULT_LIFETIME = datetime.timedelta(days=90)
#: the longest a token may last (``sibaso token issue --expires``)
MAX_LIFETIME = datetime.timedelta(days=3 * 366)

#: what ``sibaso token list`` says of each state, in Bahasa Indonesia and (``--lang en``)
#: English
STATE_LABELS = {
    "active": "aktif",
    "revoked": "dicabut",
    "expired": "kedaluwarsa",
    "officer-inactive": "tidak berlaku: petugas tidak aktif",
    "orphaned": "tanpa pemilik: id petugas kini milik orang lain",
}
STATE_LABELS_EN = {
    "active": "active",
    "revoked": "revoked",
    "expired": "expired",
    "officer-inactive": "not valid: the officer is not active",
    "orphaned": "orphaned: the officer id now belongs to someone else",
}


@attrs.frozen
class IssuedToken:
    """A new token: ``token`` is shown once and cannot be recovered later."""

    id: int
    officer_id: str
    token: str
    label: str | None
    issued_at: str
    expires_at: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_key(token: str) -> str:
    """A key naming one token without revealing it (its rate-limit bucket, a log line)."""
    return "token:" + _digest(token)[:24]


def _now(now: datetime.datetime | None = None) -> datetime.datetime:
    moment = now or datetime.datetime.now(datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).replace(microsecond=0)


def token_state(row: TokenRow, now: datetime.datetime | None = None) -> str:
    """``active``, ``revoked``, ``expired``, ``officer-inactive`` (the officer left the
    roster) or ``orphaned`` (the id now names another officer record).

    Only an ``active`` token acts as its officer.
    """
    if row.revoked_at is not None:
        return "revoked"
    if row.expires_at is None or datetime.datetime.fromisoformat(row.expires_at) <= _now(now):
        return "expired"
    if not row.same_officer:
        return "orphaned"
    if not row.officer_active:
        return "officer-inactive"
    return "active"


def issue_token(
    registry: Registry,
    officer_id: str,
    *,
    label: str | None = None,
    expires: datetime.timedelta | datetime.datetime | None = None,
) -> IssuedToken:
    """A new token for an active roster officer (``UnknownOfficer`` otherwise); audited.

    ``expires`` is a lifetime (default :data:`DEFAULT_LIFETIME`) or a moment, in the
    future and at most :data:`MAX_LIFETIME` away (``ValueError`` otherwise).
    """
    from sibaso.complaints import UnknownOfficer

    issued = _now()
    if expires is None:
        expires = DEFAULT_LIFETIME
    until = issued + expires if isinstance(expires, datetime.timedelta) else _now(expires)
    if until <= issued or until - issued > MAX_LIFETIME:
        raise ValueError(
            f"a token expires after it is issued and within {MAX_LIFETIME.days} days: {until}"
        )
    if label is not None:  # typed by an operator: the one rule for invisible characters
        label = " ".join(strip_invisible(label).split()) or None
    token = PREFIX + secrets.token_urlsafe(32)
    at = issued.isoformat()
    token_id = registry.store.tokens.issue(
        _digest(token), token[:10], officer_id, label, at, until.isoformat()
    )
    if token_id is None:
        raise UnknownOfficer(officer_id)
    return IssuedToken(token_id, officer_id, token, label, at, until.isoformat())


def revoke_token(registry: Registry, token_id: int) -> bool:
    """Revoke a token by its id; False when there is no such unrevoked token. Audited."""
    return registry.store.tokens.revoke(token_id, _now().isoformat())


def list_tokens(
    registry: Registry, *, now: datetime.datetime | None = None
) -> list[dict[str, Any]]:
    """Every token (never the token itself): id, prefix, officer, label, issued, expires,
    revoked and ``state`` (:func:`token_state`)."""
    return [
        {
            "id": row.id,
            "prefix": row.prefix,
            "officer_id": row.officer_id,
            "label": row.label,
            "issued_at": row.issued_at,
            "expires_at": row.expires_at,
            "revoked_at": row.revoked_at,
            "state": token_state(row, now),
        }
        for row in registry.store.tokens.all()
    ]


def _find(registry: Registry, token: str) -> TokenRow | None:
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    digest = _digest(token)
    row = registry.store.tokens.find(digest)
    if row is None or not hmac.compare_digest(row.token_sha256, digest):
        return None
    return row


def authenticate(
    registry: Registry, token: str, *, now: datetime.datetime | None = None
) -> Actor | None:
    """The roster officer this token acts as; None for an unknown, revoked, expired or
    orphaned token.

    Raises ``UnknownOfficer`` when the token is valid but its officer is no longer active.
    """
    row = _find(registry, token)
    if row is None:
        return None
    state = token_state(row, now)
    if state not in ("active", "officer-inactive"):
        return None
    return registry.complaints.actor(row.officer_id)  # raises UnknownOfficer when inactive


def token_id(registry: Registry, token: str, *, now: datetime.datetime | None = None) -> int | None:
    """The id of a valid token (for a session that must end when the token does)."""
    row = _find(registry, token)
    return row.id if row is not None and token_state(row, now) == "active" else None


def token_status(registry: Registry, token_id: int, *, now: datetime.datetime | None = None) -> str:
    """The :func:`token_state` of the token with this id; ``unknown`` when there is none."""
    row = registry.store.tokens.get(token_id)
    return "unknown" if row is None else token_state(row, now)


def token_active(
    registry: Registry, token_id: int, *, now: datetime.datetime | None = None
) -> bool:
    """Whether the token with this id is still valid (not revoked, expired or orphaned,
    its officer active)."""
    return token_status(registry, token_id, now=now) == "active"
