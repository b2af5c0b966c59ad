"""Death as a padan finding, on every store (issue 12, "Death").

A recipient the population data records as dead (``STAT_HIDUP`` 2, read by the one rule
:mod:`sibaso.core.vital`) is a ``deceased`` finding of ``sibaso match`` and a row to fix in the
report; the officer lookup still shows the enrolment with ``alive`` false; the public lookup
of the dead person's NIK answers exactly as for a NIK no programme reaches.
"""

import pytest

import sibaso
from sibaso.core.labels import label
from sibaso.report import build_report

DEAD = "1205071203800001"  # AHMAD SIREGAR, head of the family, recorded dead
WIFE = "1205074107820001"
STRANGER = "1205071203800002"  # valid, in no population data and no list

POP = (
    "NIK,NO_KK,NAMA_LGKP,JENIS_KLMIN,TGL_LHR,STAT_HBKEL,STAT_HIDUP,NO_PROP,NO_KAB,NO_KEC\n"
    f"{WIFE},1205072003150001,SITI AMINAH,2,01-07-1982,3,1,12,5,7\n"
    f"{DEAD},1205072003150001,AHMAD SIREGAR,1,12-03-1980,1,2,12,5,7\n"
)
KIS = (
    "NAMA_PENERIMA|NOMOR_KARTU|NIK_KTP|NOKK_DTKS|NMKEC\n"
    f"AHMAD SIREGAR|0001234567891|{DEAD}|1205072003150001|STABAT\n"
    f"SITI AMINAH|0001234567890|{WIFE}|1205072003150001|STABAT\n"
)


@pytest.fixture
def registry(store_target, tmp_path):
    (tmp_path / "pop.csv").write_text(POP, encoding="utf-8")
    (tmp_path / "kis.csv").write_text(KIS, encoding="utf-8")
    reg = sibaso.open(store_target)
    reg.ingest(tmp_path / "pop.csv")
    reg.ingest(tmp_path / "kis.csv", period="2024")
    yield reg
    reg.close()


def test_match_reports_a_dead_recipient_as_deceased(registry):
    report = registry.match()
    by_nik = {link["nik_given"]: link for link in report.links}
    assert by_nik[DEAD]["status"] == "deceased"
    assert by_nik[DEAD]["nik_matched"] == DEAD
    assert "deceased" in by_nik[DEAD]["reason"]
    assert by_nik[WIFE]["status"] == "matched"
    assert report.counts == {"deceased": 1, "matched": 1}
    assert label("match", "deceased") == "penerima meninggal"
    assert label("match", "deceased", "en") == "recipient deceased"


def test_the_report_lists_a_dead_recipient_among_rows_to_fix(registry):
    registry.match()
    fixes = build_report(registry).fixes
    assert [(f.status, f.nik_matched) for f in fixes] == [("deceased", DEAD)]
    assert "meninggal" in fixes[0].action


def test_public_lookup_of_a_dead_nik_is_a_non_recipient_answer(registry):
    registry.match()
    dead = registry.lookup(DEAD).to_dict()
    stranger = registry.lookup(STRANGER).to_dict()
    assert dead.pop("nik") != stranger.pop("nik")
    assert dead == stranger
    assert dead["enrolments"] == [] and dead["person"] is None
    # the living wife still sees her own programme
    assert registry.lookup(WIFE).programmes == ["KIS"]


def test_officer_lookup_still_shows_the_enrolment_and_death(registry):
    registry.match()
    officer = registry.lookup(DEAD, view="officer")
    assert officer.programmes == ["KIS"]
    assert officer.person is not None and officer.person["alive"] is False


def test_officer_lookup_in_the_shell_says_the_person_died(tmp_path):
    from click.testing import CliRunner

    from sibaso.cli import cli

    (tmp_path / "pop.csv").write_text(POP, encoding="utf-8")
    (tmp_path / "kis.csv").write_text(KIS, encoding="utf-8")
    db = str(tmp_path / "r.sqlite")
    with sibaso.open(db) as reg:
        reg.ingest(tmp_path / "pop.csv")
        reg.ingest(tmp_path / "kis.csv", period="2024")
    officer = CliRunner().invoke(cli, ["lookup", DEAD, "--db", db, "--officer"])
    assert officer.exit_code == 0, officer.output
    assert "AHMAD SIREGAR (ada di data kependudukan, tercatat meninggal)" in officer.output
    wife = CliRunner().invoke(cli, ["lookup", WIFE, "--db", db, "--officer"])
    assert "meninggal" not in wife.output
    public = CliRunner().invoke(cli, ["lookup", DEAD, "--db", db])
    assert "meninggal" not in public.output and "AHMAD" not in public.output
