"""What officers read from the complaint commands: local time, phone numbers, the roster, how a
programme reaches a person (issue 17)."""

import csv
import datetime
import json
import re

import pytest
from click.testing import CliRunner
from complaint_helpers import SITI, Clock, file_one
from openpyxl import load_workbook

from sibaso.cli import cli
from sibaso.complaints import Actor


def run(*args, env=None):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


@pytest.fixture
def filed(durable_registry):
    """A complaint filed at 20:00 UTC on 1 March 2026 (03:00 WIB on 2 March)."""
    registry, db = durable_registry
    registry.complaints._clock = Clock(
        datetime.datetime(2026, 3, 1, 20, 0, tzinfo=datetime.timezone.utc)
    )
    complaint = file_one(registry, phone="+62 812-3456-7890")
    return complaint.ticket, db


def test_history_is_shown_in_wib_by_default_and_in_the_zone_asked_for(filed, monkeypatch):
    ticket, db = filed
    monkeypatch.delenv("SIBASO_TZ", raising=False)
    text = run("complaint", "status", ticket, "--nik", SITI, "--db", db).output
    assert "2026-03-02 03:00 WIB" in text and "+00:00" not in text
    wita = run("--tz", "WITA", "complaint", "show", ticket, "--db", db, "--as", "tksk-stabat")
    assert "2026-03-02 04:00 WITA" in wita.output
    env = run("complaint", "status", ticket, "--nik", SITI, "--db", db, env={"SIBASO_TZ": "wit"})
    assert "2026-03-02 05:00 WIT" in env.output
    # machine output keeps ISO 8601 with its (UTC) offset
    data = json.loads(
        run("complaint", "status", ticket, "--nik", SITI, "--db", db, "--json").output
    )
    assert data["history"][0]["at"] == "2026-03-01T20:00:00+00:00"
    bad = run("--tz", "PST", "complaint", "status", ticket, "--nik", SITI, "--db", db)
    assert bad.exit_code == 2 and "WIB, WITA atau WIT" in bad.output


def test_tz_option_does_not_leak_into_the_next_command(filed, monkeypatch):
    ticket, db = filed
    monkeypatch.delenv("SIBASO_TZ", raising=False)
    run("--tz", "WIT", "complaint", "status", ticket, "--nik", SITI, "--db", db)
    text = run("complaint", "status", ticket, "--nik", SITI, "--db", db).output
    assert "WIB" in text and "WIT " not in text


def test_exports_write_local_dates_and_plain_phone_numbers(filed, tmp_path, monkeypatch):
    ticket, db = filed
    monkeypatch.delenv("SIBASO_TZ", raising=False)
    out = tmp_path / "aduan.csv"
    assert run("complaint", "export", out, "--db", db, "--as", "op-langkat").exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    row = next(r for r in rows if r["Tiket"] == ticket)
    assert row["Tanggal masuk"] == "2026-03-02T03:00:00+07:00"
    assert row["Telepon"].startswith("+62") and not row["Telepon"].startswith("'")
    book = tmp_path / "aduan.xlsx"
    assert run("complaint", "export", book, "--db", db, "--as", "op-langkat").exit_code == 0
    sheet = load_workbook(book).worksheets[1]
    head = [c.value for c in sheet[1]]
    values = [
        dict(zip(head, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)
    ]
    mine = next(v for v in values if v["Tiket"] == ticket)
    assert mine["Tanggal masuk"].date() == datetime.date(2026, 3, 2)  # the WIB date
    assert not str(mine["Telepon"]).startswith("'")


def test_a_former_officer_has_no_area_and_an_operator_covers_all(durable_registry, tmp_path):
    registry, db = durable_registry
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,role,kecamatan\nop,Dinsos,operator,\nt1,Budi,tksk,12.05.07\n")
    registry.complaints.load_roster(Actor.system(), roster)
    lines = {
        line.split()[0]: line for line in run("roster", "list", "--db", db).output.splitlines()
    }
    assert re.search(r"\bsemua\b", lines["op"])
    assert "nonaktif" in lines["tksk-stabat"] and "semua" not in lines["tksk-stabat"]


def test_complaint_lookup_says_how_a_programme_reaches_in_indonesian(durable_registry, tmp_path):
    registry, db = durable_registry
    pkh = tmp_path / "pkh_2024.csv"
    pkh.write_text(f"nik,nama,kecamatan\n{SITI},SITI AMINAH,Stabat\n", encoding="utf-8")
    registry.ingest(pkh, programme="PKH", period="2024")
    text = run("complaint", "lookup", SITI, "--db", db, "--as", "tksk-stabat").output
    assert "PKH" in text and "atas nama sendiri" in text and "(self)" not in text
    english = run("complaint", "lookup", SITI, "--db", db, "--as", "tksk-stabat", "--lang", "en")
    # labels for people in English too; the code (self) only in --json
    assert "directly (in their own name)" in english.output and "(self)" not in english.output
