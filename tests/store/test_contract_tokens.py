"""The token and officer-session repositories (``store.tokens``, ``store.sessions``) on every
store, and the migration that binds existing tokens to their officer record."""

import datetime

from sibaso.store import open_store
from sibaso.store.schema import MIGRATIONS

AT = "2026-12-01T08:00:00+00:00"
LATER = "2027-03-01T08:00:00+00:00"


def roster(store, *entries):
    store.officers.replace(
        [(officer_id, name, "tksk", ["12.05.07"]) for officer_id, name in entries],
        AT,
        (AT, "system", "roster-load", None, "{}"),
    )


def test_a_token_is_bound_to_the_officer_record(store_target):
    store = open_store(store_target)
    roster(store, ("tksk-1", "Budi"))
    token = store.tokens.issue("d" * 64, "sbs_abcdef", "tksk-1", "portal", AT, LATER)
    assert token is not None
    assert store.tokens.issue("e" * 64, "sbs_x", "nobody", None, AT, LATER) is None
    row = store.tokens.find("d" * 64)
    assert (row.id, row.officer_id, row.expires_at, row.revoked_at) == (
        token,
        "tksk-1",
        LATER,
        None,
    )
    assert (row.officer_active, row.same_officer) == (True, True)
    roster(store)  # removed
    assert (store.tokens.get(token).officer_active, store.tokens.get(token).same_officer) == (
        False,
        True,
    )
    roster(store, ("tksk-1", "Budi"))  # back again: a new record
    assert store.tokens.get(token).same_officer is False
    assert store.tokens.find("f" * 64) is None
    assert [r.id for r in store.tokens.all()] == [token]
    assert store.tokens.revoke(token, LATER) is True
    assert store.tokens.revoke(token, LATER) is False
    assert store.tokens.get(token).revoked_at == LATER
    actions = [e[3] for e in store.audit_entries()]
    assert actions.count("token-issue") == 1 and actions.count("token-revoke") == 1


def test_the_officer_record_changes_with_the_person_not_the_spelling(store_target):
    store = open_store(store_target)
    roster(store, ("tksk-1", "Budi Santoso"))
    first = store.officers.record("tksk-1")
    roster(store, ("tksk-1", "BUDI  SANTOSO"))
    assert store.officers.record("tksk-1") == first
    roster(store, ("tksk-1", "Agus Salim"))
    assert store.officers.record("tksk-1") != first
    assert store.officers.record("nobody") is None


def test_existing_tokens_get_their_officer_and_an_expiry_on_upgrade(durable_target, monkeypatch):
    import sibaso.store.base as base

    before = [m for m in MIGRATIONS if m[0] < "0007"]
    monkeypatch.setattr(base, "MIGRATIONS", before)
    store = open_store(durable_target)
    store.execute(
        "INSERT INTO officer (id, name, role, active, loaded_at) VALUES (?, ?, ?, 1, ?)",
        ("tksk-1", "Budi", "tksk", AT),
    )
    for digest, officer in (("a" * 64, "tksk-1"), ("b" * 64, "gone")):
        store.execute(
            "INSERT INTO api_token (token_sha256, prefix, officer_id, label, issued_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (digest, "sbs_x", officer, None, AT),
        )
    store.conn.commit()
    store.close()
    monkeypatch.setattr(base, "MIGRATIONS", MIGRATIONS)
    store = open_store(durable_target)
    kept, orphan = store.tokens.find("a" * 64), store.tokens.find("b" * 64)
    assert (kept.officer_active, kept.same_officer) == (True, True)
    assert orphan.same_officer is False
    expires = datetime.datetime.fromisoformat(kept.expires_at)
    in_90_days = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=90)
    assert abs((expires - in_90_days).total_seconds()) < 3600


def test_officer_sessions_start_end_and_purge(store_target):
    store = open_store(store_target)
    store.sessions.start("s" * 64, 7, "tksk-1", "Budi", AT, "2026-12-01T16:00:00+00:00")
    store.sessions.start("t" * 64, 7, "tksk-1", None, AT, "2026-12-03T16:00:00+00:00")
    row = store.sessions.get("s" * 64)
    assert (row.token_id, row.officer_id, row.officer_name, row.ended_at) == (
        7,
        "tksk-1",
        "Budi",
        None,
    )
    assert store.sessions.get("x" * 64) is None
    assert store.sessions.end("s" * 64, "2026-12-01T09:00:00+00:00") is True
    assert store.sessions.end("s" * 64, "2026-12-01T10:00:00+00:00") is False
    assert store.sessions.get("s" * 64).ended_at == "2026-12-01T09:00:00+00:00"
    assert store.sessions.count() == 2
    assert store.sessions.purge("2026-12-02T00:00:00+00:00") == 1  # ended, then expired
    assert store.sessions.get("t" * 64) is not None
    assert store.sessions.purge("2026-12-04T00:00:00+00:00") == 1
    assert store.sessions.count() == 0
