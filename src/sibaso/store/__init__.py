"""Registry storage: SQLite (the embedded default) or PostgreSQL, one contract.

``open_store(target)``: a file path or ``":memory:"`` opens SQLite; a ``postgresql://`` (or
``postgres://``) DSN opens PostgreSQL. Opening migrates an older database and refuses one
written by a newer sibaso.
"""

from __future__ import annotations

from pathlib import Path

from sibaso.store.base import SchemaError, Store

__all__ = ["SchemaError", "Store", "open_store"]


def open_store(target: str | Path) -> Store:
    """Open the store at ``target``."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from sibaso.store.postgres import PostgresStore

        return PostgresStore.open(text)
    from sibaso.store.sqlite import SQLiteStore

    return SQLiteStore.open(text)
