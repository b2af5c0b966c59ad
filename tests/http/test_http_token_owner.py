"""Tokens belong to the officer record and expire (issue 16), on every store."""

import datetime
import io
import json

import pytest
from click.testing import CliRunner
from complaint_helpers import ROSTER

import sibaso
from sibaso.cli import cli
from sibaso.complaints import Actor, UnknownOfficer, parse_roster
from sibaso.http import authenticate, issue_token, list_tokens, token_active, token_id
from sibaso.http.tokens import DEFAULT_LIFETIME

UTC = datetime.timezone.utc
WITHOUT_BUDI = "\n".join(line for line in ROSTER.splitlines() if "tksk-stabat" not in line)
NEW_BUDI = ROSTER.replace("Budi Santoso", "Agus Salim")


def load(registry, text):
    registry.complaints.load_roster(Actor.system(), parse_roster(io.StringIO(text)))


@pytest.fixture
def staffed(store_target):
    registry = sibaso.open(store_target)
    load(registry, ROSTER)
    try:
        yield registry
    finally:
        registry.close()


def test_a_removed_officers_token_stays_dead_when_the_id_comes_back(staffed):
    issued = issue_token(staffed, "tksk-stabat")
    load(staffed, WITHOUT_BUDI)
    with pytest.raises(UnknownOfficer):
        authenticate(staffed, issued.token)
    load(staffed, NEW_BUDI)  # another person, the same id
    assert authenticate(staffed, issued.token) is None
    assert token_id(staffed, issued.token) is None
    assert token_active(staffed, issued.id) is False
    [row] = list_tokens(staffed)
    assert row["state"] == "orphaned"
    fresh = issue_token(staffed, "tksk-stabat")
    assert authenticate(staffed, fresh.token).name == "Agus Salim"


def test_a_roster_naming_another_person_under_the_same_id_ends_the_old_tokens(staffed):
    issued = issue_token(staffed, "tksk-stabat")
    load(staffed, NEW_BUDI)  # no roster in between: still a different person
    assert authenticate(staffed, issued.token) is None
    assert list_tokens(staffed)[0]["state"] == "orphaned"


def test_reloading_the_same_roster_keeps_tokens(staffed):
    issued = issue_token(staffed, "tksk-stabat")
    load(staffed, ROSTER)
    load(staffed, ROSTER.replace("Budi Santoso", "BUDI  santoso"))  # spelling only
    assert authenticate(staffed, issued.token).id == "tksk-stabat"
    assert list_tokens(staffed)[0]["state"] == "active"


def test_tokens_expire(staffed):
    issued = issue_token(staffed, "tksk-stabat")
    issued_at = datetime.datetime.fromisoformat(issued.issued_at)
    expires_at = datetime.datetime.fromisoformat(issued.expires_at)
    assert expires_at - issued_at == DEFAULT_LIFETIME == datetime.timedelta(days=90)
    later = expires_at + datetime.timedelta(seconds=1)
    assert authenticate(staffed, issued.token, now=later) is None
    assert token_id(staffed, issued.token, now=later) is None
    assert token_active(staffed, issued.id, now=later) is False
    assert authenticate(staffed, issued.token, now=expires_at - datetime.timedelta(seconds=1))
    assert list_tokens(staffed, now=later)[0]["state"] == "expired"
    short = issue_token(staffed, "op-langkat", expires=datetime.timedelta(hours=1))
    in_two_hours = datetime.datetime.now(UTC) + datetime.timedelta(hours=2)
    assert authenticate(staffed, short.token, now=in_two_hours) is None
    with pytest.raises(ValueError):
        issue_token(staffed, "op-langkat", expires=datetime.timedelta(0))


def test_an_inactive_officers_token_is_listed_as_such(staffed):
    issue_token(staffed, "tksk-stabat")
    load(staffed, WITHOUT_BUDI)
    assert list_tokens(staffed)[0]["state"] == "officer-inactive"


@pytest.fixture
def db(tmp_path):
    target = str(tmp_path / "tokens.sqlite")
    with sibaso.open(target) as registry:
        load(registry, ROSTER)
    return target


def test_cli_expires_and_list_labels(db, tmp_path):
    runner = CliRunner()
    issued = runner.invoke(cli, ["token", "issue", "tksk-stabat", "--db", db, "--json"])
    assert issued.exit_code == 0, issued.output
    data = json.loads(issued.output)
    assert data["expires_at"]
    short = runner.invoke(
        cli, ["token", "issue", "op-langkat", "--db", db, "--expires", "7", "--json"]
    )
    assert short.exit_code == 0, short.output
    when = datetime.datetime.fromisoformat(json.loads(short.output)["expires_at"])
    assert abs(when - datetime.datetime.now(UTC) - datetime.timedelta(days=7)).total_seconds() < 60
    last_day = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    dated = runner.invoke(
        cli, ["token", "issue", "admin-1", "--db", db, "--expires", last_day, "--json"]
    )
    # the end of that day in WIB (UTC+7): 17:00 UTC
    assert json.loads(dated.output)["expires_at"] == f"{last_day}T17:00:00+00:00"
    for bad in ("0", "kemarin", "2001-01-01", "2099-01-31", "99999"):
        refused = runner.invoke(cli, ["token", "issue", "admin-1", "--db", db, "--expires", bad])
        assert refused.exit_code != 0, bad
        assert "--expires" in refused.output
    roster = tmp_path / "roster.csv"
    roster.write_text(WITHOUT_BUDI, encoding="utf-8")
    assert runner.invoke(cli, ["roster", "load", str(roster), "--db", db]).exit_code == 0
    listed = runner.invoke(cli, ["token", "list", "--db", db])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert "petugas tidak aktif" in lines[0]
    assert "aktif, berlaku sampai" in lines[1]
    roster.write_text(NEW_BUDI, encoding="utf-8")
    assert runner.invoke(cli, ["roster", "load", str(roster), "--db", db]).exit_code == 0
    lines = runner.invoke(cli, ["token", "list", "--db", db]).output.splitlines()
    assert "tanpa pemilik" in lines[0]
    as_json = json.loads(runner.invoke(cli, ["token", "list", "--db", db, "--json"]).output)
    assert [r["state"] for r in as_json] == ["orphaned", "active", "active"]


def test_http_refuses_an_orphaned_or_expired_token(registry, client):
    issued = issue_token(registry, "tksk-stabat", expires=datetime.timedelta(days=1))
    header = {"Authorization": f"Bearer {issued.token}"}
    assert client.get("/v1/officer/complaints", headers=header).status_code == 200
    load(registry, NEW_BUDI)
    answer = client.get("/v1/officer/complaints", headers=header)
    assert answer.status_code == 401
    assert "kedaluwarsa" in answer.json()["detail"]


def test_cli_shows_people_local_time(db, monkeypatch):
    runner = CliRunner()
    issued = runner.invoke(cli, ["token", "issue", "tksk-stabat", "--db", db])
    assert issued.exit_code == 0
    assert " WIB" in issued.stderr and "+00:00" not in issued.stderr
    listed = runner.invoke(cli, ["token", "list", "--db", db]).output
    assert "WIB" in listed and "+00:00" not in listed
    english = runner.invoke(cli, ["token", "list", "--db", db, "--lang", "en"]).output
    assert "active, valid until" in english and "WIB" in english
    monkeypatch.setenv("SIBASO_TZ", "WIT")
    last_day = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    dated = runner.invoke(
        cli, ["token", "issue", "admin-1", "--db", db, "--expires", last_day, "--json"]
    )
    # the end of that day in WIT (UTC+9): 15:00 UTC
    assert json.loads(dated.output)["expires_at"] == f"{last_day}T15:00:00+00:00"
