"""``sibaso audit | desil | tanpa-bansos | diff DTSEN`` and ``ingest --period v3-2026``."""

import json
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from sibaso.cli import cli


@pytest.fixture
def db(world, tmp_path):
    folder, _pop, _lists, v3, v2 = world
    target = str(tmp_path / "r.sqlite")
    run = CliRunner().invoke
    files = [folder / "dukcapil.csv"]
    assert run(cli, ["ingest", *map(str, files), "--db", target]).exit_code == 0
    for name in ("pkh_2026.csv", "sembako_2026.csv", "pbijk_2026.xlsx"):
        result = run(cli, ["ingest", str(folder / name), "--period", "2026", "--db", target])
        assert result.exit_code == 0, result.output
    renamed = tmp_path / "desil.xlsx"  # a v2 workbook whose name says nothing
    shutil.copy(v2.family_file, renamed)
    result = run(cli, ["ingest", str(renamed), "--period", "v2-2025", "--db", target])
    assert result.exit_code == 0, result.output
    for path in (v3.family_file, v3.member_file):
        result = run(cli, ["ingest", str(path), "--db", target])
        assert result.exit_code == 0, result.output
    return target


def test_audit_json_and_workbook(db, world, tmp_path):
    _folder, _pop, _lists, v3, _v2 = world
    out = tmp_path / "temuan.xlsx"
    result = CliRunner().invoke(cli, ["audit", "--db", db, "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    got = {(f["programme"], f["finding"], f["kk"] or "", f["nik"]) for f in data["findings"]}
    assert got == set(v3.planted)
    assert data["summary"]["PKH"]["above-threshold"] == len(
        [p for p in v3.planted if p[:2] == ("PKH", "above-threshold")]
    )
    assert load_workbook(out).sheetnames[0] == "Ringkasan"
    text = CliRunner().invoke(cli, ["audit", "--db", db]).output
    assert "desil di atas batas" in text and "wajib diperiksa" in text
    english = CliRunner().invoke(cli, ["audit", "--db", db, "--lang", "en"]).output
    assert "eligible but not enrolled" in english


def test_audit_as_an_officer_and_a_bad_rules_file(db, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,role,kecamatan\ntksk-stabat,Budi,tksk,12.05.07\n")
    assert CliRunner().invoke(cli, ["roster", "load", str(roster), "--db", db]).exit_code == 0
    result = CliRunner().invoke(cli, ["audit", "--db", db, "--json", "--as", "tksk-stabat"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert findings and {f["kecamatan_code"] for f in findings} == {"12.05.07"}
    bad = tmp_path / "aturan.toml"
    bad.write_text('[[rule]]\nprogramme = "PKH"\nscale = "nasional"\nmax_desil = 0\nsource = "x"\n')
    result = CliRunner().invoke(cli, ["audit", "--db", db, "--rules", str(bad)])
    assert result.exit_code != 0
    assert "aturan.toml line 4: rule[1].max_desil" in result.output


def test_desil_diff_and_receives_nothing(db, world):
    _folder, _pop, _lists, v3, v2 = world
    kk = next(k for k in v3.desil if k in v2.desil and v3.desil[k].nasional != v2.desil[k].nasional)
    shown = CliRunner().invoke(cli, ["desil", kk, "--db", db]).output
    change = v3.desil[kk].nasional - v2.desil[kk].nasional
    assert f"{change:+d} dari edisi sebelumnya" in shown
    diff = CliRunner().invoke(cli, ["diff", "DTSEN", "v2-2025", "v3-2026", "--db", db, "--json"])
    assert diff.exit_code == 0, diff.output
    data = json.loads(diff.stdout)
    assert data["up"] + data["down"] == len(data["moves"])
    nothing = CliRunner().invoke(cli, ["tanpa-bansos", "--max-desil", "3", "--db", db, "--json"])
    assert nothing.exit_code == 0
    assert all(r["desil"] <= 3 for r in json.loads(nothing.stdout))
