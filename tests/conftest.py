"""Shared test configuration: hypothesis profiles, and stores to run contract tests against."""

import os
import sqlite3
import uuid

import pytest
from hypothesis import HealthCheck, settings

from sibaso.store.sqlite import SQLiteStore

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

PG_DSN = os.environ.get("SIBASO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_target():
    """A fresh schema in the test database; in CI (CI=true) PostgreSQL must be there."""
    try:
        import psycopg

        conn = psycopg.connect(PG_DSN, autocommit=True, connect_timeout=5)
    except Exception as exc:
        if os.environ.get("CI"):
            raise RuntimeError(f"PostgreSQL is required in CI: {exc}") from exc
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    conn.execute(f"CREATE SCHEMA {schema}")
    return conn, schema, f"{PG_DSN}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "memory", "postgres"])
def store_target(request, tmp_path):
    """Each Store implementation in turn: SQLite file, SQLite in memory, PostgreSQL."""
    if request.param == "sqlite":
        yield str(tmp_path / "registry.sqlite")
    elif request.param == "memory":
        yield ":memory:"
    else:
        conn, schema, target = _postgres_target()
        try:
            yield target
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
            conn.close()


@pytest.fixture(params=["sqlite", "postgres"])
def durable_target(request, tmp_path):
    """Stores that outlive one connection (for reopen and crash tests)."""
    if request.param == "sqlite":
        yield str(tmp_path / "registry.sqlite")
    else:
        conn, schema, target = _postgres_target()
        try:
            yield target
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
            conn.close()


@pytest.fixture(params=["read-only file", "query_only"])
def read_only(request, monkeypatch):
    """Every SQLite registry opened from now on is read-only: opened as SQLite opens a file
    it may not write (``mode=ro``), or with writes refused on the connection."""
    if request.param == "read-only file":
        real = sqlite3.connect

        def connect(name, *args, **kwargs):
            return real(f"file:{name}?mode=ro", *args, uri=True, **kwargs)

        monkeypatch.setattr(sqlite3, "connect", connect)
        return
    original = SQLiteStore.open.__func__

    def open_read_only(cls, target):
        store = original(cls, target)
        store.conn.execute("PRAGMA query_only = ON")
        return store

    monkeypatch.setattr(SQLiteStore, "open", classmethod(open_read_only))
