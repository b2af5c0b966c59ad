"""PostgreSQL: a write leaves the planner's statistics current when it reshaped a table, and
does not pay for an ANALYZE when it did not (a 100-row list into a large table)."""

import pytest
from tests.conftest import _postgres_target

from sibaso.store import open_store
from sibaso.store.base import ENROLMENT_COLUMNS
from sibaso.store.postgres import reshaped


@pytest.fixture
def pg_store():
    conn, schema, target = _postgres_target()
    store = open_store(target)
    try:
        yield store
    finally:
        store.close()
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()


def _rows(source_id, start, count):
    for i in range(start, start + count):
        row = dict.fromkeys(ENROLMENT_COLUMNS)
        nik = f"120501{i:010d}"
        row.update(source_id=source_id, programme="PKH", basis="family", nik=nik, nik_given=nik)
        yield tuple(row[c] for c in ENROLMENT_COLUMNS)


def _load(store, source_id, start, count):
    with store.transaction():
        store.put_enrolments(_rows(source_id, start, count))
        store.analyze("enrolment")
    return float(
        store.query("SELECT reltuples FROM pg_class WHERE oid = 'enrolment'::regclass")[0][0]
    )


def test_analyze_only_what_was_reshaped(pg_store):
    source = pg_store.add_source(
        path="a.csv",
        sha256="x",
        kind="enrolment",
        adapter="t",
        programme="PKH",
        period="2024",
        scope="*",
        decree=None,
        rows=1,
        usable=1,
        rejected=0,
    )
    assert _load(pg_store, source, 0, 2000) == 2000  # a fresh table: analysed
    planned = pg_store.query(
        "SELECT attname FROM pg_stats WHERE tablename = 'enrolment' "
        "AND schemaname = current_schema()"
    )
    assert {"nik", "programme", "active"} <= {r[0] for r in planned}
    assert "details" not in {r[0] for r in planned}  # free text is not sampled
    assert _load(pg_store, source, 2000, 3) == 2000  # 3 rows more: the statistics hold
    assert pg_store.count("enrolment") == 2003
    assert _load(pg_store, source, 2003, 1000) == 3003  # a third more: analysed again


def test_reshaped_rule():
    assert reshaped(-1, 0, 0)  # never analysed
    assert reshaped(0, 0, 1)  # empty when analysed, not now
    assert not reshaped(10_000, 100, 110)  # grew by a tenth: 1,000 rows
    assert reshaped(10_000, 100, 111)
