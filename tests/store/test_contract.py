"""The contract every Store passes: SQLite (file and memory) and PostgreSQL alike."""

import pytest

from sibaso.store import SchemaError, open_store
from sibaso.store.base import ENROLMENT_COLUMNS, PERSON_COLUMNS
from sibaso.store.schema import MIGRATIONS


def person(nik, name="SITI", kk="1205012003150004", **extra):
    row = dict.fromkeys(PERSON_COLUMNS)
    row.update(nik=nik, province=nik[:2], name=name, kk=kk, alive=1, **extra)
    return tuple(row[c] for c in PERSON_COLUMNS)


def enrolment(source_id, programme="PKH", basis="family", nik=None, kk=None, **extra):
    row = dict.fromkeys(ENROLMENT_COLUMNS)
    row.update(
        source_id=source_id,
        programme=programme,
        basis=basis,
        period="2024",
        nik=nik,
        nik_given=nik,
        kk=kk,
    )
    row.update(extra)
    return tuple(row[c] for c in ENROLMENT_COLUMNS)


def new_source(store, name="a.csv", sha="x", kind="enrolment", programme="PKH", scope="*"):
    return store.add_source(
        path=name,
        sha256=sha,
        kind=kind,
        adapter="t",
        programme=programme,
        period="2024",
        scope=scope,
        decree=None,
        rows=1,
        usable=1,
        rejected=0,
    )


def test_migrations_recorded_and_idempotent(store_target):
    store = open_store(store_target)
    assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
    assert store.applied_migrations()[0] == "0001_initial"
    assert store.migrate() == []


def test_older_database_is_migrated(durable_target, monkeypatch):
    import sibaso.store.base as base

    monkeypatch.setattr(base, "MIGRATIONS", MIGRATIONS[:1])
    open_store(durable_target).close()
    monkeypatch.setattr(base, "MIGRATIONS", MIGRATIONS)
    store = open_store(durable_target)
    assert store.applied_migrations() == [name for name, _ in MIGRATIONS]


def test_newer_database_is_refused(durable_target):
    store = open_store(durable_target)
    store.execute(
        "INSERT INTO schema_migrations (seq, name, applied_at) VALUES (99, ?, ?)",
        ("9999_future", "2030-01-01"),
    )
    store.close()
    with pytest.raises(SchemaError, match="newer sibaso"):
        open_store(durable_target)


def test_persons_upsert_and_family(store_target):
    store = open_store(store_target)
    with store.transaction():
        store.put_persons([person("1205014107850001"), person("1205071203900002", "RUDI")])
        store.put_persons([person("1205014107850001", "SITI AMINAH")])
    assert store.get_person("1205014107850001")["name"] == "SITI AMINAH"
    assert [p["nik"] for p in store.family_of("1205012003150004")] == [
        "1205014107850001",
        "1205071203900002",
    ]
    assert store.get_person("9999999999999999") is None


def test_persons_upsert_last_row_of_a_nik_wins_within_one_batch(store_target):
    store = open_store(store_target)
    store.put_persons([person("1205014107850001", "SITI"), person("1205014107850001", "SITI A")])
    with store.transaction():
        store.put_persons([person("1205014107850001", "SITI AMINAH")])
        store.put_persons([person("1205071203900002", "RUDI")])
    assert store.get_person("1205014107850001")["name"] == "SITI AMINAH"
    assert store.get_person("1205071203900002")["name"] == "RUDI"
    assert store.count("person") == 2


def test_transaction_rolls_back_everything(store_target):
    store = open_store(store_target)
    with pytest.raises(RuntimeError), store.transaction():
        source = new_source(store)
        store.put_enrolments([enrolment(source, nik="1205014107850001")])
        raise RuntimeError("crash mid-ingest")
    assert store.count("source") == 0
    assert store.count("enrolment") == 0


def test_replace_active_keeps_history(store_target):
    store = open_store(store_target)
    with store.transaction():
        first = new_source(store, sha="1")
        store.put_enrolments([enrolment(first, nik="1205014107850001")])
        store.replace_active(first, "enrolment", "PKH", "2024", "*")
        second = new_source(store, sha="2")
        store.put_enrolments([enrolment(second, nik="1205071203900002")])
        assert store.replace_active(second, "enrolment", "PKH", "2024", "*") == [first]
    sources = {s["id"]: s for s in store.sources()}
    assert sources[first]["active"] == 0 and sources[first]["replaced_by"] == second
    assert store.count("enrolment") == 2  # history kept
    assert store.query("SELECT nik FROM enrolment WHERE active = 1") == [("1205071203900002",)]
    assert store.find_source("2", "enrolment", "PKH", "2024", "*") == second


def test_reach_self_family_household(store_target):
    store = open_store(store_target)
    with store.transaction():
        store.put_persons([person("1205014107850001"), person("1205070105150001", "ANAK")])
        store.put_household_members(
            [
                (
                    "HH1",
                    "1205014107850001",
                    None,
                    "1205012003150004",
                    "SITI",
                    None,
                    None,
                    1,
                    None,
                    2,
                ),
                (
                    "HH1",
                    "1205071203600009",
                    None,
                    "1205070101000001",
                    "KAKEK",
                    None,
                    None,
                    1,
                    None,
                    3,
                ),
            ]
        )
        source = new_source(store)
        store.put_enrolments(
            [
                enrolment(source, "PKH", "family", nik="1205014107850001"),
                enrolment(source, "KIS", "individual", nik="1205014107850001"),
                enrolment(source, "RS-RTLH", "household", nik="1205071203600009"),
            ]
        )
        store.rebuild_reach()
    keys = {r[0]: r for r in store.enrolments_by_keys(["K:1205012003150004"])}
    assert {r[2] for r in store.enrolments_by_keys(["K:1205012003150004"])} == {"PKH"}
    assert {r[2] for r in store.enrolments_by_keys(["N:1205014107850001"])} == {"PKH", "KIS"}
    assert {r[2] for r in store.enrolments_by_keys(["H:HH1"])} == {"RS-RTLH"}
    assert keys
    assert store.households_of("1205070105150001", "1205012003150004") == ["HH1"]


def test_audit_log_is_append_only(store_target):
    store = open_store(store_target)
    with store.transaction():
        store.append_audit([("2026-01-01", "officer-1", "lookup", "1205**********01#ab", "{}")])
    assert len(store.audit_entries()) == 1
    with pytest.raises(Exception, match="append-only"), store.transaction():
        store.execute("UPDATE audit_log SET actor = 'x'")
    with pytest.raises(Exception, match="append-only"), store.transaction():
        store.execute("DELETE FROM audit_log")
    assert store.audit_entries()[0][2] == "officer-1"


def test_links_keep_officer_decisions(store_target):
    store = open_store(store_target)
    with store.transaction():
        source = new_source(store)
        store.put_enrolments([enrolment(source, nik=None, nik_given="1205014107850002")])
        enrolment_id = store.query("SELECT id FROM enrolment")[0][0]
        store.save_links([(enrolment_id, "probable", "1205014107850001", 0.9, "one digit", None)])
        store.execute(
            "UPDATE link SET decision = 'confirmed', decided_by = 'op' WHERE enrolment_id = ?",
            (enrolment_id,),
        )
        store.save_links([(enrolment_id, "probable", "1205014107850001", 0.9, "one digit", None)])
    assert store.query("SELECT decision, decided_by FROM link") == [("confirmed", "op")]


def test_meta(store_target):
    store = open_store(store_target)
    with store.transaction():
        store.meta_set("k", "1")
        store.meta_set("k", "2")
    assert store.meta_get("k") == "2"
    assert store.meta_get("missing") is None
