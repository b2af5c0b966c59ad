"""The lookup index each store keeps agrees with the pure reach rule, whatever happened before.

Random registries and random sequences of what an operator does (population files, lists
that replace each other, household rosters, match runs, officers confirming or rejecting
links) on SQLite and PostgreSQL; after every step the ``nik_reach`` table must be exactly
:func:`sibaso.core.reach.reach` of the tables it derives from.
"""

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sibaso.core.reach import Enrolled, Member, reach
from sibaso.registry.matchrun import confirm_link, run_match
from sibaso.store import open_store
from sibaso.store.base import ENROLMENT_COLUMNS, HOUSEHOLD_MEMBER_COLUMNS, PERSON_COLUMNS

NIKS = [f"12050{d}4107850001" for d in range(1, 7)]
KKS = [f"12050{d}2003150004" for d in range(1, 4)]
HOUSEHOLDS = ["HH1", "HH2", "HH3"]
NAMES = ["SITI AMINAH", "RUDI HARTONO", "BUDI"]

maybe_nik = st.one_of(st.none(), st.sampled_from(NIKS))
maybe_kk = st.one_of(st.none(), st.sampled_from(KKS))
population = st.lists(
    st.tuples(st.sampled_from(NIKS), maybe_kk, st.sampled_from(NAMES)), max_size=6
).map(lambda rows: ("population", rows))
listing = st.tuples(
    st.just("list"),
    st.sampled_from(["PKH", "KIS", "RS-RTLH"]),
    st.sampled_from(["*", "12.05.01", "12.05.02"]),
    st.lists(
        st.tuples(
            maybe_nik,
            maybe_kk,
            st.one_of(st.none(), st.sampled_from(HOUSEHOLDS)),
            st.sampled_from(["individual", "family", "household"]),
            st.sampled_from(NAMES),
        ),
        max_size=5,
    ),
)
roster = st.lists(st.tuples(st.sampled_from(HOUSEHOLDS), maybe_nik, maybe_kk), max_size=5).map(
    lambda rows: ("roster", rows)
)
matching = st.just(("match",))
deciding = st.tuples(st.just("decide"), st.integers(0, 30), st.booleans(), maybe_nik)
operations = st.lists(
    st.one_of(population, listing, roster, matching, deciding), min_size=1, max_size=8
)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def store(request, tmp_path_factory):
    """One store per module, emptied before each example."""
    if request.param == "sqlite":
        yield open_store(str(tmp_path_factory.mktemp("reach") / "r.sqlite"))
        return
    from tests.conftest import _postgres_target

    conn, schema, target = _postgres_target()
    opened = open_store(target)
    try:
        yield opened
    finally:
        opened.close()
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
        conn.close()


def _empty(store):
    with store.transaction():
        for table in ("nik_reach", "reach", "link", "enrolment", "household_member", "person"):
            store.execute(f"DELETE FROM {table}")
        store.execute("DELETE FROM source")


def _row(columns, **values):
    row = dict.fromkeys(columns)
    row.update(values)
    return tuple(row[c] for c in columns)


def _source(store, n, kind, programme="", scope="*"):
    return store.add_source(
        path=f"f{n}",
        sha256=f"sha{n}",
        kind=kind,
        adapter="t",
        programme=programme,
        period="2024" if kind == "enrolment" else "",
        scope=scope,
        decree=None,
        rows=0,
        usable=0,
        rejected=0,
    )


def apply(store, n, op):
    """One operator step, through the same store calls the registry makes."""
    kind = op[0]
    if kind == "match":
        run_match(store)
        return
    if kind == "decide":
        _, pick, accept, nik = op
        ids = [r[0] for r in store.query("SELECT enrolment_id FROM link ORDER BY enrolment_id")]
        if ids:
            with contextlib.suppress(ValueError):  # accepting with no NIK to name
                confirm_link(store, ids[pick % len(ids)], by="op", accept=accept, nik=nik)
        return
    with store.transaction():
        if kind == "population":
            source = _source(store, n, "population")
            store.put_persons(
                [
                    _row(
                        PERSON_COLUMNS,
                        nik=nik,
                        province="12",
                        name=name,
                        kk=kk,
                        alive=1,
                        source_id=source,
                    )
                    for nik, kk, name in op[1]
                ]
            )
            store.activate(source, "population", "", "", "*")
        elif kind == "roster":
            source = _source(store, n, "household")
            store.put_household_members(
                [
                    _row(HOUSEHOLD_MEMBER_COLUMNS, household_id=h, nik=nik, kk=kk, source_id=source)
                    for h, nik, kk in op[1]
                ]
            )
            store.activate(source, "household", "", "", "*")
        else:
            _, programme, scope, rows = op
            source = _source(store, n, "enrolment", programme, scope)
            store.put_enrolments(
                [
                    _row(
                        ENROLMENT_COLUMNS,
                        source_id=source,
                        programme=programme,
                        basis=basis,
                        period="2024",
                        nik=nik,
                        nik_given=nik,
                        kk=kk,
                        household_id=hh,
                        name=name,
                    )
                    for nik, kk, hh, basis, name in rows
                ]
            )
            store.activate(source, "enrolment", programme, "2024", scope)


def expected(store):
    """The pure rule applied to what the tables hold."""
    enrolments = [
        Enrolled(int(i), nik, kk, hh, basis)
        for i, nik, kk, hh, basis in store.query(
            "SELECT id, nik, kk, household_id, basis FROM enrolment WHERE active = 1"
        )
    ]
    confirmed = {
        int(i): nik
        for i, nik in store.query(
            "SELECT enrolment_id, nik_matched FROM link "
            "WHERE decision = 'confirmed' AND nik_matched IS NOT NULL"
        )
    }
    kk_of = dict(store.query("SELECT nik, kk FROM person"))
    members = [
        Member(*r) for r in store.query("SELECT household_id, nik, kk FROM household_member")
    ]
    return reach(enrolments, confirmed=confirmed, kk_of=kk_of, members=members)


def indexed(store):
    return {
        (nik, int(i)): int(via)
        for nik, i, via in store.query("SELECT nik, enrolment_id, via FROM nik_reach")
    }


@settings(max_examples=40)
@given(ops=operations)
def test_the_index_is_the_reach_rule_after_any_sequence_of_changes(store, ops):
    _empty(store)
    for n, op in enumerate(ops):
        apply(store, n, op)
        assert indexed(store) == expected(store), f"after step {n}: {op}"
    store.rebuild_reach()  # the whole-index path says the same
    assert indexed(store) == expected(store)
