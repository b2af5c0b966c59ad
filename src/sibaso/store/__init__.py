"""Registry storage: SQLite (the embedded default) or PostgreSQL, one contract.

``open_store(target)``: a file path or ``":memory:"`` opens SQLite; a ``postgresql://`` (or
``postgres://``) DSN opens PostgreSQL. Opening migrates an older database and refuses one
written by a newer sibaso. ``create=False`` refuses a database that does not exist yet (a
mistyped path must not become a new, empty registry). A database that cannot be used (missing,
read-only, disk full, server unreachable) raises :class:`StoreUnavailable` with one plain line.
"""

from __future__ import annotations

from pathlib import Path

from sibaso.store.base import SchemaError, Store
from sibaso.store.faults import StoreUnavailable, store_fault

__all__ = ["SchemaError", "Store", "StoreUnavailable", "open_store"]


def open_store(target: str | Path, *, create: bool = True) -> Store:
    """Open the store at ``target``; with ``create=False`` only one that exists already."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from sibaso.store.postgres import PostgresStore, _safe_dsn

        try:
            return PostgresStore.open(text, create=create)
        except Exception as exc:
            fault = store_fault(exc, _safe_dsn(text))
            if fault is None or fault is exc:
                raise
            raise fault from exc
    from sibaso.store.sqlite import SQLiteStore

    if not create and text != ":memory:" and not Path(text).exists():
        raise StoreUnavailable("missing", text)
    try:
        return SQLiteStore.open(text)
    except Exception as exc:
        fault = store_fault(exc, text)
        if fault is None or fault is exc:
            raise
        raise fault from exc
