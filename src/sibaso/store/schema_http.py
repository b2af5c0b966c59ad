"""Migration 0004: API tokens of the HTTP service (``sibaso token issue``).

* ``api_token`` — one row per token: its SHA-256 (the token itself is shown once and never
  stored), the roster officer it acts as, a label, when it was issued and revoked. The
  officer must still be active in the roster for the token to work.
"""

from __future__ import annotations

__all__ = ["statements"]


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
