"""``sibaso roster load`` and ``sibaso complaint …``: the contract portals and scripts use."""

import json

import pytest
from click.testing import CliRunner
from complaint_helpers import AHMAD, JOKO, RINA, SITI

from sibaso.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok_json(*args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def file_args(db, **over):
    values = {
        "--reporter-nik": SITI,
        "--reporter-name": "Siti Aminah",
        "--phone": "0812 3456 7890",
        "--category": "bantuan-tidak-diterima",
        "--programme": "PKH",
        "--text": "Bantuan tahap 2 belum masuk.",
    }
    values.update(over)
    args = ["complaint", "file", "--db", db]
    for key, value in values.items():
        if value is not None:
            args += [key, value]
    return args


@pytest.fixture
def db(durable_registry):
    return durable_registry[1]


def test_roster_load(db, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id,name,role,kecamatan\ntksk-1,Budi,tksk,12.05.07\nop,Dinsos,operator,\n")
    out = ok_json("roster", "load", path, "--db", db, "--json")
    assert out == {"officers": 2, "added": 2, "updated": 0, "deactivated": 6}
    text = run("roster", "list", "--db", db)
    assert "tksk-1" in text.output and "nonaktif" in text.output
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,role,kecamatan\nx,,camat,99.99.99\n")
    result = run("roster", "load", bad, "--db", db, "--json")
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(2, "name"), (2, "role"), (2, "kecamatan")]
    text = run("roster", "load", bad, "--db", db)
    assert text.exit_code == 1 and "baris 2" in text.output


def test_file_status_list_update_overdue_export(db, tmp_path):
    filed = ok_json(*file_args(db), "--json")
    assert filed["status"] == "diterima" and filed["kecamatan"] == "12.05.07"
    assert {"ticket", "status", "kecamatan", "due"} <= set(filed)
    ticket = filed["ticket"]

    status = ok_json("complaint", "status", ticket, "--nik", SITI, "--db", db, "--json")
    assert status["ticket"] == ticket and status["status"] == "diterima"
    assert [h["to"] for h in status["history"]] == ["diterima"]

    wrong = run("complaint", "status", ticket, "--nik", AHMAD, "--db", db, "--json")
    unknown = run("complaint", "status", "ZZZZ-ZZZZ", "--nik", SITI, "--db", db, "--json")
    assert wrong.exit_code == unknown.exit_code == 1
    assert wrong.output == unknown.output
    assert json.loads(wrong.output)["error"] == "not-found"

    other = ok_json(*file_args(db, **{"--reporter-nik": RINA}), "--json")
    listed = ok_json("complaint", "list", "--db", db, "--as", "tksk-stabat", "--json")
    assert [c["ticket"] for c in listed] == [ticket]
    listed = ok_json(
        "complaint", "list", "--db", db, "--as", "op-langkat", "--status", "diterima", "--json"
    )
    assert {c["ticket"] for c in listed} == {ticket, other["ticket"]}

    updated = ok_json(
        "complaint",
        "update",
        ticket,
        "--db",
        db,
        "--as",
        "tksk-stabat",
        "--status",
        "diverifikasi",
        "--note",
        "Dicek.",
        "--json",
    )
    assert updated["status"] == "diverifikasi" and updated["version"] == 2
    refused = run(
        "complaint",
        "update",
        ticket,
        "--db",
        db,
        "--as",
        "tksk-stabat",
        "--status",
        "ditolak",
        "--json",
    )
    assert refused.exit_code == 1
    assert json.loads(refused.output)["error"] == "reason-required"
    text = run(
        "complaint", "update", ticket, "--db", db, "--as", "tksk-stabat", "--status", "diterima"
    )
    assert text.exit_code == 1 and "tidak bisa" in text.output
    denied = run(
        "complaint",
        "update",
        other["ticket"],
        "--db",
        db,
        "--as",
        "tksk-stabat",
        "--status",
        "diverifikasi",
        "--json",
    )
    assert denied.exit_code == 1 and json.loads(denied.output)["error"] == "access-denied"
    stale = run(
        "complaint",
        "update",
        ticket,
        "--db",
        db,
        "--as",
        "op-langkat",
        "--status",
        "diteruskan",
        "--expected-version",
        "1",
        "--json",
    )
    assert stale.exit_code == 1 and json.loads(stale.output)["error"] == "conflict"
    unknown_officer = run("complaint", "list", "--db", db, "--as", "nobody", "--json")
    assert unknown_officer.exit_code == 1
    assert json.loads(unknown_officer.output)["error"] == "unknown-officer"

    shown = ok_json("complaint", "show", ticket, "--db", db, "--as", "tksk-stabat", "--json")
    assert [h["to"] for h in shown["history"]] == ["diterima", "diverifikasi"]
    status = ok_json("complaint", "status", ticket, "--nik", SITI, "--db", db, "--json")
    assert status["status"] == "diverifikasi" and status["history"][1]["note"] == "Dicek."

    late = ok_json(
        "complaint", "overdue", "--db", db, "--as", "op-langkat", "--today", "2099-01-01", "--json"
    )
    assert [(g["kecamatan"], g["count"]) for g in late] == [("12.05.01", 1), ("12.05.07", 1)]
    assert late[0]["complaints"][0]["days_late"] > 0
    none = ok_json("complaint", "overdue", "--db", db, "--as", "tksk-stabat", "--json")
    assert none == []

    out = tmp_path / "export.xlsx"
    summary = ok_json("complaint", "export", out, "--db", db, "--as", "op-langkat", "--json")
    assert summary["rows"] == 2 and out.exists()
    csv_out = tmp_path / "export.csv"
    summary = ok_json(
        "complaint",
        "export",
        csv_out,
        "--db",
        db,
        "--as",
        "tksk-stabat",
        "--status",
        "diverifikasi",
        "--json",
    )
    assert summary["rows"] == 1 and ticket in csv_out.read_text(encoding="utf-8-sig")


def test_invalid_filing_exits_1_with_field_errors(db):
    result = run(
        *file_args(db, **{"--reporter-nik": "1205013207850001", "--phone": "123", "--text": None}),
        "--json",
    )
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert {e["field"] for e in errors} == {"reporter_nik", "phone", "text"}
    assert all(e["message"] for e in errors)
    english = run(*file_args(db, **{"--phone": "123"}), "--json", "--lang", "en")
    assert "Indonesian phone" in json.loads(english.output)["errors"][0]["message"]
    text = run(*file_args(db, **{"--category": "keluhan"}))
    assert text.exit_code == 1 and "kategori: Kategori" in text.output
    assert "category" not in text.output  # people read the label, programs the code (--json)
    nothing = run("complaint", "list", "--db", db, "--as", "admin-1", "--json")
    assert json.loads(nothing.output) == []


def test_counter_filing_with_attachment_and_sanggah_masking(db, tmp_path):
    scan = tmp_path / "ktp.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    filed = ok_json(
        *file_args(
            db,
            **{
                "--reporter-nik": JOKO,
                "--reporter-name": "Joko Susilo",
                "--phone": None,
                "--category": "sanggah",
                "--subject-nik": AHMAD,
                "--text": "Tidak layak.",
            },
        ),
        "--as",
        "pkh-wampu",
        "--attachment",
        scan,
        "--json",
    )
    assert filed["channel"] == "counter" and filed["kecamatan"] == "12.05.07"
    seen = ok_json(
        "complaint", "show", filed["ticket"], "--db", db, "--as", "tksk-stabat", "--json"
    )
    assert seen["reporter_masked"] and seen["reporter_nik"] != JOKO
    assert seen["attachments"][0]["media_type"] == "application/pdf"
    assert seen["attachments"][0]["size"] == scan.stat().st_size
    full = ok_json("complaint", "show", filed["ticket"], "--db", db, "--as", "op-langkat", "--json")
    assert full["reporter_nik"] == JOKO
    denied = run("complaint", "show", filed["ticket"], "--db", db, "--as", "pkh-wampu", "--json")
    assert denied.exit_code == 1  # filed it at the counter, but it is Stabat's complaint
    public_counter = run(*file_args(db, **{"--channel": "counter"}), "--json")
    assert public_counter.exit_code == 1


def test_officer_lookup_is_scoped(db):
    found = ok_json("complaint", "lookup", SITI, "--db", db, "--as", "tksk-stabat", "--json")
    assert found["person"]["name"] == "SITI AMINAH"
    denied = run("complaint", "lookup", RINA, "--db", db, "--as", "tksk-stabat", "--json")
    assert denied.exit_code == 1 and json.loads(denied.output)["error"] == "access-denied"
    invalid = run("complaint", "lookup", "12345", "--db", db, "--as", "tksk-stabat", "--json")
    assert invalid.exit_code == 1 and json.loads(invalid.output)["error"] == "length"


def test_usage_errors_exit_2(db):
    assert run("complaint", "update", "ABCD-EFGH", "--db", db, "--as", "x").exit_code == 2
    assert run("complaint", "status", "ABCD-EFGH", "--db", db).exit_code == 2
    assert run("complaint", "list", "--db", db).exit_code == 2
