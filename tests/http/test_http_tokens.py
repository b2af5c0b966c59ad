"""API tokens on every store (SQLite file, SQLite memory, PostgreSQL)."""

import io

import pytest
from complaint_helpers import ROSTER

import sibaso
from sibaso.complaints import Actor, UnknownOfficer, parse_roster
from sibaso.http import authenticate, issue_token, list_tokens, revoke_token


@pytest.fixture
def staffed(store_target):
    registry = sibaso.open(store_target)
    registry.complaints.load_roster(Actor.system(), parse_roster(io.StringIO(ROSTER)))
    try:
        yield registry
    finally:
        registry.close()


def test_issue_authenticate_revoke(staffed):
    one = issue_token(staffed, "tksk-stabat", label="portal")
    two = issue_token(staffed, "op-langkat")
    assert one.token != two.token
    actor = authenticate(staffed, one.token)
    assert (actor.id, actor.role.value, actor.kecamatan) == ("tksk-stabat", "tksk", ("12.05.07",))
    assert authenticate(staffed, two.token).kind == "operator"
    rows = list_tokens(staffed)
    assert [(r["officer_id"], r["label"]) for r in rows] == [
        ("tksk-stabat", "portal"),
        ("op-langkat", None),
    ]
    assert all(one.token not in str(r) for r in rows)
    assert revoke_token(staffed, one.id) is True
    assert revoke_token(staffed, one.id) is False
    assert authenticate(staffed, one.token) is None
    assert authenticate(staffed, two.token) is not None
    actions = [e[3] for e in staffed.store.audit_entries()]
    assert actions.count("token-issue") == 2
    assert actions.count("token-revoke") == 1


def test_unknown_officer_and_junk_tokens(staffed):
    with pytest.raises(UnknownOfficer):
        issue_token(staffed, "nobody")
    for junk in ("", "sbs_", "Bearer x", "sbs_" + "x" * 500, "é"):
        assert authenticate(staffed, junk) is None
