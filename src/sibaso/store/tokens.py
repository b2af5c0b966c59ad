"""The API-token aggregate: ``api_token`` (migrations 0004 and 0007), bound to the officer
record.

Reached as ``store.tokens``. A token row names the officer id *and* the officer's record
(``officer.generation``) it was issued to; every read joins the roster, so a caller sees
whether the officer is still active and still the same record. Which token is valid is the
rule of :mod:`sibaso.http.tokens`; this repository only stores and reads. Issuing and
revoking are written with their audit entry in one transaction.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["TokenRepo", "TokenRow"]

_SELECT = (
    "SELECT t.id, t.token_sha256, t.prefix, t.officer_id, t.label, t.issued_at, "
    "t.expires_at, t.revoked_at, o.active, o.generation, t.officer_generation "
    "FROM api_token t LEFT JOIN officer o ON o.id = t.officer_id"
)


class TokenRow(NamedTuple):
    """One stored token (never the token itself) with its officer's standing."""

    id: int
    token_sha256: str
    prefix: str
    officer_id: str
    label: str | None
    issued_at: str
    expires_at: str | None
    revoked_at: str | None
    #: the officer with this id is in the active roster
    officer_active: bool
    #: … and is the record the token was issued to (not a later person under the same id)
    same_officer: bool


def _row(raw: tuple[Any, ...]) -> TokenRow:
    active, generation, bound = raw[8], raw[9], raw[10]
    return TokenRow(
        int(raw[0]),
        str(raw[1]),
        str(raw[2]),
        str(raw[3]),
        raw[4] if raw[4] is None else str(raw[4]),
        str(raw[5]),
        raw[6] if raw[6] is None else str(raw[6]),
        raw[7] if raw[7] is None else str(raw[7]),
        bool(active),
        generation is not None and bound is not None and int(generation) == int(bound),
    )


class TokenRepo:
    """API tokens of one store (``store.tokens``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def issue(
        self,
        token_sha256: str,
        prefix: str,
        officer_id: str,
        label: str | None,
        issued_at: str,
        expires_at: str,
    ) -> int | None:
        """Store a token of the *active* officer ``officer_id``, bound to their current
        record, with an audit entry; its id, or None when no such officer is active."""
        store = self.store
        with store.transaction():
            rows = store.query(
                "INSERT INTO api_token (token_sha256, prefix, officer_id, officer_generation, "
                "label, issued_at, expires_at) "
                "SELECT ?, ?, id, generation, ?, ?, ? FROM officer WHERE id = ? AND active = 1 "
                "RETURNING id",
                (token_sha256, prefix, label, issued_at, expires_at, officer_id),
            )
            if not rows:
                return None
            token_id = int(rows[0][0])
            detail = json.dumps({"token_id": token_id, "expires_at": expires_at})
            store.append_audit([(issued_at, "system", "token-issue", officer_id, detail)])
        return token_id

    def revoke(self, token_id: int, at: str) -> bool:
        """Revoke an unrevoked token (audited); False when there is none with this id."""
        store = self.store
        with store.transaction():
            changed = store.execute(
                "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                (at, token_id),
            )
            if changed:
                detail = json.dumps({"token_id": token_id})
                store.append_audit([(at, "system", "token-revoke", None, detail)])
        return bool(changed)

    def find(self, token_sha256: str) -> TokenRow | None:
        """The unrevoked token with this SHA-256, or None."""
        rows = self.store.query(
            f"{_SELECT} WHERE t.token_sha256 = ? AND t.revoked_at IS NULL", (token_sha256,)
        )
        return _row(rows[0]) if rows else None

    def get(self, token_id: int) -> TokenRow | None:
        """The token with this id (revoked or not), or None."""
        rows = self.store.query(f"{_SELECT} WHERE t.id = ?", (token_id,))
        return _row(rows[0]) if rows else None

    def all(self) -> list[TokenRow]:
        """Every token, oldest first."""
        return [_row(r) for r in self.store.query(f"{_SELECT} ORDER BY t.id")]
