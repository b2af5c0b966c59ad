"""Public lookups never wait for another process's write lock to write their audit batch."""

import time

import psycopg
import pytest

import sibaso
from sibaso.registry import AUDIT_FLUSH_EVERY

NIK = "1205014107850001"


def _hold_write_lock(target):
    """Another connection holding the write lock of the audit log, as an ingest would."""
    if target.startswith("postgresql://"):
        conn = psycopg.connect(target, autocommit=True)
        conn.execute("BEGIN")
        conn.execute("LOCK TABLE audit_log IN EXCLUSIVE MODE")
        return conn
    import sqlite3

    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_public_lookups_do_not_wait_for_a_held_write_lock(durable_target):
    registry = sibaso.open(durable_target)
    before = len(registry.store.audit_entries("lookup-public"))
    holder = _hold_write_lock(durable_target)
    slowest = 0.0
    try:
        for _ in range(3 * AUDIT_FLUSH_EVERY):  # several batches fall due meanwhile
            started = time.perf_counter()
            registry.lookup(NIK)
            slowest = max(slowest, time.perf_counter() - started)
    finally:
        holder.rollback()
        holder.close()
    registry.close()  # writes what is still pending
    assert slowest < 0.2, f"a lookup waited {slowest:.3f} s for the write lock"
    reopened = sibaso.open(durable_target)
    written = len(reopened.store.audit_entries("lookup-public")) - before
    reopened.close()
    assert written == 3 * AUDIT_FLUSH_EVERY  # none lost


def test_an_in_memory_registry_writes_its_batches_itself():
    registry = sibaso.open(":memory:")
    for _ in range(AUDIT_FLUSH_EVERY):
        registry.lookup(NIK)
    assert len(registry.store.audit_entries("lookup-public")) == AUDIT_FLUSH_EVERY


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    from sibaso.registry.audit_flush import BackgroundFlush

    monkeypatch.setattr(BackgroundFlush, "idle_seconds", 0.2)
