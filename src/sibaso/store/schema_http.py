"""Migrations 0004, 0007 and 0008: API tokens (``sibaso token issue``) and officer sessions.

* ``api_token`` — one row per token: its SHA-256 (the token itself is shown once and never
  stored), the roster officer it acts as, a label, when it was issued and revoked. The
  officer must still be active in the roster for the token to work.
* 0007 binds a token to the officer *record*, not the id string: ``officer.generation``
  grows when an id comes back after a removal or names another person, and
  ``api_token.officer_generation`` is the record the token was issued to. Tokens get
  ``expires_at``; existing ones expire :data:`UPGRADE_LIFETIME` after the upgrade (not
  after their issue, which would end them all at once), and are bound to the officer's
  current record (an unknown officer's token stays unbound: orphaned).
* 0008 ``officer_session`` — a front end's login (the example portal): the SHA-256 of the
  opaque session id its cookie holds, the token logged in with, the officer, when it
  started, expires and ended (log-out). Records are deleted a day after they end.
"""

from __future__ import annotations

import datetime

__all__ = ["UPGRADE_LIFETIME", "officer_sessions", "owner_and_expiry", "statements"]

UPGRADE_LIFETIME = datetime.timedelta(days=90)


def statements(t: dict[str, str]) -> list[str]:
    """The SQL of migration 0004."""
    return [
        f"""CREATE TABLE api_token (
            id {t["serial"]} PRIMARY KEY,
            token_sha256 TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
            officer_id TEXT NOT NULL, label TEXT,
            issued_at TEXT NOT NULL, revoked_at TEXT)""",
        """CREATE INDEX api_token_officer ON api_token (officer_id)""",
    ]


def owner_and_expiry(t: dict[str, str]) -> list[str]:
    """The SQL of migration 0007 (the expiry of existing tokens is fixed when it runs)."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    expires = (now + UPGRADE_LIFETIME).isoformat()  # a constant of our own, never input
    return [
        """ALTER TABLE officer ADD COLUMN generation INTEGER NOT NULL DEFAULT 1""",
        """ALTER TABLE api_token ADD COLUMN officer_generation INTEGER""",
        """ALTER TABLE api_token ADD COLUMN expires_at TEXT""",
        """UPDATE api_token SET officer_generation = (
            SELECT generation FROM officer WHERE officer.id = api_token.officer_id)""",
        f"""UPDATE api_token SET expires_at = '{expires}' WHERE expires_at IS NULL""",
    ]


def officer_sessions(t: dict[str, str]) -> list[str]:
    """The SQL of migration 0008."""
    return [
        """CREATE TABLE officer_session (
            id_sha256 TEXT PRIMARY KEY, token_id BIGINT NOT NULL,
            officer_id TEXT NOT NULL, officer_name TEXT,
            started_at TEXT NOT NULL, expires_at TEXT NOT NULL, ended_at TEXT)""",
        """CREATE INDEX officer_session_expires ON officer_session (expires_at)""",
    ]
