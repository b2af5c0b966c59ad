"""Matching through the registry on every store: statuses, evidence, confirmation."""

import json

import pytest
from click.testing import CliRunner

import sibaso
from sibaso.cli import cli

POP = (
    "NIK,NO_KK,NAMA_LGKP,JENIS_KLMIN,TGL_LHR,STAT_HBKEL,NO_PROP,NO_KAB,NO_KEC\n"
    "1205074107820001,1205072003150001,SITI AMINAH,2,01-07-1982,3,12,5,7\n"
    "1205071203800001,1205072003150001,AHMAD SIREGAR,1,12-03-1980,1,12,5,7\n"
    "1205070105150003,1205072003150001,RIZKY SIREGAR,1,01-05-2015,4,12,5,7\n"
)
KIS = (
    "NAMA_PENERIMA|NOMOR_KARTU|NIK_KTP|NOKK_DTKS|NMKEC\n"
    "SITI AMINAH|0001234567890|1205074107820001|1205072003150001|STABAT\n"  # matched
    "AHMAD SIREGAR|0001234567891|1205071203800007|1205072003150001|STABAT\n"  # one digit
    "HJ. SITI AMINAH|0001234567892|1205074107820001|1205072003150001|STABAT\n"  # dup, ok
    "BUDI SANTOSO|0001234567893|1205070105150003|1205072003150001|STABAT\n"  # mismatch
    "ORANG LUAR|0001234567894|1205014107900002||BAHOROK\n"  # not in pop
    "RIZKY SIREGAR|0001234567895|1205070105150000||STABAT\n"
)  # zeroed


@pytest.fixture
def registry(store_target, tmp_path):
    (tmp_path / "pop.csv").write_text(POP, encoding="utf-8")
    (tmp_path / "kis.csv").write_text(KIS, encoding="utf-8")
    reg = sibaso.open(store_target)
    reg.ingest(tmp_path / "pop.csv")
    reg.ingest(tmp_path / "kis.csv", period="2024")
    yield reg
    reg.close()


def by_row(report):
    return {link["row"]: link for link in report.links}


def test_statuses_with_evidence(registry):
    report = registry.match()
    links = by_row(report)
    assert links[2]["status"] == "matched"
    assert links[3]["status"] == "probable"
    assert links[3]["nik_matched"] == "1205071203800001" and links[3]["reason"]
    assert 0 < links[3]["confidence"] <= 1
    assert links[5]["status"] == "name-mismatch"
    assert links[6]["status"] == "not-in-population"
    assert links[7]["status"] == "probable" and links[7]["nik_matched"] == "1205070105150003"
    assert sum(report.counts.values()) == 6
    assert set(links[2]) >= {
        "programme",
        "file",
        "sheet",
        "row",
        "nik_given",
        "status",
        "nik_matched",
        "confidence",
        "reason",
    }


def test_probable_reaches_the_person_only_once_confirmed(registry):
    report = registry.match()
    ahmad = "1205071203800001"
    assert "KIS" not in registry.lookup(ahmad).programmes
    link = by_row(report)[3]
    registry.confirm_link(link["enrolment_id"], by="operator-1")
    assert "KIS" in registry.lookup(ahmad).programmes
    decided = registry.store.query(
        "SELECT decision, decided_by FROM link WHERE enrolment_id = ?", (link["enrolment_id"],)
    )
    assert decided == [("confirmed", "operator-1")]
    assert any(e[3] == "confirm-link" for e in registry.store.audit_entries())
    registry.match()  # a new run keeps the decision
    assert "KIS" in registry.lookup(ahmad).programmes


def test_match_cli_json_and_report(tmp_path):
    store_target = str(tmp_path / "cli.sqlite")
    (tmp_path / "pop.csv").write_text(POP, encoding="utf-8")
    (tmp_path / "kis.csv").write_text(KIS, encoding="utf-8")
    runner = CliRunner()
    runner.invoke(
        cli,
        [
            "ingest",
            str(tmp_path / "pop.csv"),
            str(tmp_path / "kis.csv"),
            "--db",
            store_target,
            "--period",
            "2024",
        ],
    )
    out = runner.invoke(
        cli, ["match", "--db", store_target, "--json", "--report", str(tmp_path / "padan.xlsx")]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["counts"]["probable"] == 2
    assert {
        "programme",
        "file",
        "sheet",
        "row",
        "nik_given",
        "status",
        "nik_matched",
        "confidence",
        "reason",
    } <= set(data["links"][0])
    assert (tmp_path / "padan.xlsx").exists()


def test_conflicts(registry):
    found = {(c.kind, c.nik) for c in registry.conflicts()}
    assert ("duplicate-in-period", "1205074107820001") in found
    assert ("name-conflict", "1205070105150003") in found


def test_an_officers_link_of_a_row_that_matched_nobody_survives_a_new_run(registry):
    report = registry.match()
    outsider = by_row(report)[6]  # not in the population data
    assert outsider["status"] == "not-in-population"
    ahmad = "1205071203800001"
    registry.confirm_link(outsider["enrolment_id"], by="operator-1", nik=ahmad)
    reached = [e for e in registry.lookup(ahmad).enrolments if e["via"] == "self"]
    assert len(reached) == 1
    registry.match()  # the automatic run finds nobody again; the officer's word stands
    assert [e for e in registry.lookup(ahmad).enrolments if e["via"] == "self"] == reached
    with pytest.raises(sibaso.InvalidNIK):
        registry.confirm_link(outsider["enrolment_id"], by="operator-1", nik="9999")


def test_diff_follows_a_confirmed_link_to_the_person(registry, tmp_path):
    report = registry.match()
    registry.confirm_link(by_row(report)[3]["enrolment_id"], by="operator-1")  # AHMAD …0007
    fixed = "NAMA_PENERIMA|NOMOR_KARTU|NIK_KTP|NOKK_DTKS|NMKEC\n"
    fixed += "AHMAD SIREGAR|0001234567891|1205071203800001|1205072003150001|STABAT\n"
    (tmp_path / "kis25.csv").write_text(fixed, encoding="utf-8")
    registry.ingest(tmp_path / "kis25.csv", period="2025")
    result = registry.diff("KIS", "2024", "2025")
    ahmad = "1205071203800001"
    assert ahmad not in {r["key"] for r in result.added}
    assert ahmad not in {r["key"] for r in result.removed}
