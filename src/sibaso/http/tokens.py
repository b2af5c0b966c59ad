"""Per-officer API tokens: issued once, stored as SHA-256, tied to the roster.

A token acts as one roster officer; the officer's role and kecamatan come from the roster at
every request, so deactivating an officer (a new roster without them) stops their tokens at
once, and the complaint service enforces the same rules as on the command line.

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
import json
import secrets
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from sibaso.complaints import Actor
    from sibaso.registry import Registry

__all__ = [
    "IssuedToken",
    "authenticate",
    "issue_token",
    "list_tokens",
    "revoke_token",
    "token_active",
    "token_id",
]

PREFIX = "sbs_"


@attrs.frozen
class IssuedToken:
    """A new token: ``token`` is shown once and cannot be recovered later."""

    id: int
    officer_id: str
    token: str
    label: str | None
    issued_at: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_key(token: str) -> str:
    """A key naming one token without revealing it (its rate-limit bucket, a log line)."""
    return "token:" + _digest(token)[:24]


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def issue_token(registry: Registry, officer_id: str, *, label: str | None = None) -> IssuedToken:
    """A new token for an active roster officer (``UnknownOfficer`` otherwise); audited."""
    registry.complaints.actor(officer_id)  # raises UnknownOfficer
    token = PREFIX + secrets.token_urlsafe(32)
    at = _now()
    store = registry.store
    with store.transaction():
        store.execute(
            "INSERT INTO api_token (token_sha256, prefix, officer_id, label, issued_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (_digest(token), token[:10], officer_id, label, at),
        )
        token_id = int(
            store.query("SELECT id FROM api_token WHERE token_sha256 = ?", (_digest(token),))[0][0]
        )
        store.append_audit(
            [(at, "system", "token-issue", officer_id, json.dumps({"token_id": token_id}))]
        )
    return IssuedToken(token_id, officer_id, token, label, at)


def revoke_token(registry: Registry, token_id: int) -> bool:
    """Revoke a token by its id; False when there is no such unrevoked token. Audited."""
    store = registry.store
    at = _now()
    with store.transaction():
        changed = store.execute(
            "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (at, token_id),
        )
        if changed:
            store.append_audit(
                [(at, "system", "token-revoke", None, json.dumps({"token_id": token_id}))]
            )
    return bool(changed)


def list_tokens(registry: Registry) -> list[dict[str, Any]]:
    """Every token (never the token itself): id, prefix, officer, label, issued, revoked."""
    rows = registry.store.query(
        "SELECT id, prefix, officer_id, label, issued_at, revoked_at FROM api_token ORDER BY id"
    )
    keys = ("id", "prefix", "officer_id", "label", "issued_at", "revoked_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def authenticate(registry: Registry, token: str) -> Actor | None:
    """The roster officer this token acts as; None for an unknown or revoked token.

    Raises ``UnknownOfficer`` when the token is valid but its officer is no longer active.
    """
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    digest = _digest(token)
    rows = registry.store.query(
        "SELECT token_sha256, officer_id FROM api_token "
        "WHERE token_sha256 = ? AND revoked_at IS NULL",
        (digest,),
    )
    if not rows or not hmac.compare_digest(rows[0][0], digest):
        return None
    return registry.complaints.actor(rows[0][1])


def token_id(registry: Registry, token: str) -> int | None:
    """The id of an active token (for a session that must end when the token is revoked)."""
    if not token.startswith(PREFIX) or len(token) > 200:
        return None
    digest = _digest(token)
    rows = registry.store.query(
        "SELECT id, token_sha256 FROM api_token WHERE token_sha256 = ? AND revoked_at IS NULL",
        (digest,),
    )
    if not rows or not hmac.compare_digest(rows[0][1], digest):
        return None
    return int(rows[0][0])


def token_active(registry: Registry, token_id: int) -> bool:
    """Whether the token with this id is still valid (not revoked)."""
    rows = registry.store.query(
        "SELECT 1 FROM api_token WHERE id = ? AND revoked_at IS NULL", (token_id,)
    )
    return bool(rows)
