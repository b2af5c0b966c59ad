"""PostgreSQL's ``save_links`` writes only the links that changed; it must leave exactly what
the portable one (``Store.save_links``: delete all, insert, restore decisions) leaves."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import _postgres_target

from sibaso.store import open_store
from sibaso.store.base import ENROLMENT_COLUMNS, Store

IDS = range(5)
NIKS = st.sampled_from([None, "1205014107850001", "1205014107850002"])
LINK = st.tuples(
    st.sampled_from(["matched", "probable", "ambiguous", "invalid-nik"]),
    NIKS,
    st.sampled_from([None, 0.5, 0.9]),
    st.sampled_from(["", "one digit changed"]),
    st.sampled_from([None, '["1205014107850001"]']),
)
DECISION = st.one_of(
    st.none(), st.tuples(st.sampled_from(["confirmed", "rejected"]), NIKS, st.just("op"))
)


class _Undo(Exception):
    pass


@pytest.fixture(scope="module")
def pg():
    conn, schema, target = _postgres_target()
    store = open_store(target)
    source = store.add_source(
        path="a.csv",
        sha256="x",
        kind="enrolment",
        adapter="t",
        programme="PKH",
        period="2024",
        scope="*",
        decree=None,
        rows=5,
        usable=5,
        rejected=0,
    )
    row = dict.fromkeys(ENROLMENT_COLUMNS)
    row.update(source_id=source, programme="PKH", basis="family")
    store.put_enrolments([tuple(row[c] for c in ENROLMENT_COLUMNS) for _ in IDS])
    ids = [r[0] for r in store.query("SELECT id FROM enrolment ORDER BY id")]
    try:
        yield store, ids
    finally:
        store.close()
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()


def _after(store, ids, old, decisions, new, save):
    found = None
    try:
        with store.transaction():
            store.put_links([(ids[i], *link) for i, link in old.items()])
            for i, decided in decisions.items():
                if i in old and decided is not None:
                    decision, nik, by = decided
                    store.execute(
                        "UPDATE link SET decision = ?, nik_matched = ?, decided_by = ?, "
                        "decided_at = '2025-01-01' WHERE enrolment_id = ?",
                        (decision, nik if decision == "confirmed" else old[i][1], by, ids[i]),
                    )
            save([(ids[i], *link) for i, link in new.items()])
            found = store.query("SELECT * FROM link ORDER BY enrolment_id")
            raise _Undo
    except _Undo:
        pass
    return found


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old=st.dictionaries(st.sampled_from(IDS), LINK),
    decisions=st.dictionaries(st.sampled_from(IDS), DECISION),
    new=st.dictionaries(st.sampled_from(IDS), LINK),
)
def test_same_links_as_the_portable_save(pg, old, decisions, new):
    store, ids = pg
    portable = _after(store, ids, old, decisions, new, lambda rows: Store.save_links(store, rows))
    diffed = _after(store, ids, old, decisions, new, store.save_links)
    assert diffed == portable
