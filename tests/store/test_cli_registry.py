"""``sibaso ingest | lookup | diff | recap | match`` as scripts use them."""

import json

from click.testing import CliRunner

from sibaso.cli import cli

SIKS = (
    "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|KEL_NAME|"
    "ALAMAT|status|kode_batch_penyaluran\n"
    "SITI AMINAH|1205074107820001|1205072003150001|BNI|PKH|SUMUT|LANGKAT|STABAT|X|Y|AKTIF|B1\n"
    "X|12345|NULL|BNI|PKH|SUMUT|LANGKAT|STABAT|X|Y|AKTIF|B1\n"
)
POP = (
    "NIK,NO_KK,NAMA_LGKP,JENIS_KLMIN,STAT_HBKEL,NO_PROP,NO_KAB,NO_KEC\n"
    "1205074107820001,1205072003150001,SITI AMINAH,2,3,12,5,7\n"
    "1205070105150001,1205072003150001,RIZKY,1,4,12,5,7\n"
)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_ingest_lookup_recap(tmp_path):
    db = tmp_path / "r.sqlite"
    (tmp_path / "pop.csv").write_text(POP, encoding="utf-8")
    (tmp_path / "pkh.csv").write_text(SIKS, encoding="utf-8")
    result = run(
        "ingest",
        tmp_path / "pop.csv",
        tmp_path / "pkh.csv",
        "--db",
        db,
        "--period",
        "2024",
        "--json",
    )
    assert result.exit_code == 0, result.output
    pop, pkh = json.loads(result.output)
    assert pop["stored"] == 2 and pkh["stored"] == 2 and pkh["already_present"] is False
    assert {"file", "adapter", "programme", "rows", "usable", "rejected", "issues"} <= set(pkh)
    again = json.loads(
        run("ingest", tmp_path / "pkh.csv", "--db", db, "--period", "2024", "--json").output
    )
    assert again[0]["already_present"] is True and again[0]["stored"] == 0

    out = json.loads(run("lookup", "1205070105150001", "--db", db, "--json").output)
    assert set(out) >= {"nik", "valid", "in_population", "person", "enrolments"}
    assert out["valid"] and out["in_population"] and out["nik"] == "1205**********01"
    [pkh_entry] = out["enrolments"]
    assert {
        "programme",
        "name",
        "period_name",
        "former_names",
        "basis",
        "via",
        "period",
        "status",
    } <= set(pkh_entry)
    assert pkh_entry["via"] == "family" and pkh_entry["programme"] == "PKH"
    officer = json.loads(
        run("lookup", "1205070105150001", "--db", db, "--officer", "--json").output
    )
    assert officer["person"]["name"] == "RIZKY"

    bad = run("lookup", "1205013207850001", "--db", db, "--json")
    assert bad.exit_code == 1 and json.loads(bad.output)["error"] == "date"

    text = run("lookup", "1205070105150001", "--db", db)
    assert "lewat keluarga" in text.output
    assert "alamat" not in text.output and "Stabat" not in text.output
    officer_text = run("lookup", "1205070105150001", "--db", db, "--officer").output
    assert "  alamat: Kec. Stabat" in officer_text  # the population file gives only NO_KEC
    assert (
        "status AKTIF; Desa/Kel. X, Kec. STABAT" in officer_text
    )  # the PKH list's KEL_NAME, KEC_NAME

    recap = json.loads(run("recap", "--db", db, "--json").output)
    assert recap[0]["programme"] == "PKH" and recap[0]["count"] == 2

    (tmp_path / "pkh25.csv").write_text(SIKS.splitlines()[0] + "\n", encoding="utf-8")
    assert (
        run(
            "ingest", tmp_path / "pkh25.csv", "--db", db, "--period", "2025", "--programme", "PKH"
        ).exit_code
        == 0
    )  # an empty 2025 list: everyone left
    diff = json.loads(run("diff", "PKH", "2024", "2025", "--db", db, "--json").output)
    assert len(diff["removed"]) == 2 and diff["added"] == []
    missing = run("diff", "PKH", "2024", "2026", "--db", db)
    assert missing.exit_code == 2 and "2026" in missing.output  # no 2026 list at all


def test_ingest_whole_file_error_exit_1(tmp_path):
    bad = tmp_path / "scan.xlsx"
    bad.write_bytes(b"%PDF-1.7")
    result = run("ingest", bad, "--db", tmp_path / "r.sqlite", "--programme", "PKH", "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)[0]["error"] == "not-a-spreadsheet"


def test_officer_lookup_from_the_shell_is_scoped(tmp_path):
    db = tmp_path / "r.sqlite"
    (tmp_path / "pop.csv").write_text(POP, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(
        "id,name,role,kecamatan\ntksk-stabat,Budi,tksk,12.05.07\ntksk-bahorok,Ani,tksk,12.05.01\n",
        encoding="utf-8",
    )
    run("ingest", tmp_path / "pop.csv", "--db", db)
    assert run("roster", "load", tmp_path / "roster.csv", "--db", db).exit_code == 0
    ok = run("lookup", "1205070105150001", "--db", db, "--officer", "--as", "tksk-stabat", "--json")
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["person"]["name"] == "RIZKY"
    refused = run(
        "lookup", "1205070105150001", "--db", db, "--officer", "--as", "tksk-bahorok", "--json"
    )
    assert refused.exit_code == 1
    assert "RIZKY" not in refused.output


def test_commands_that_only_read_refuse_a_database_that_does_not_exist(tmp_path):
    typo = tmp_path / "langkat.sqlte"
    result = run("lookup", "1205074107820001", "--db", typo)
    assert result.exit_code == 3 and "tidak ada" in result.output  # 3: the database
    assert not typo.exists()  # no empty database left behind to answer "not registered"


def test_a_database_that_is_not_one_gets_a_clear_error(tmp_path):
    fake = tmp_path / "pkh.csv"
    fake.write_text("NIK,NAMA\n1205074107820001,SITI\n", encoding="utf-8")
    for target in (fake, tmp_path):
        result = run("lookup", "1205074107820001", "--db", target)
        assert result.exit_code == 1
        assert "Traceback" not in result.output and str(target) in result.output


def test_a_bad_period_is_refused_before_reading(tmp_path):
    for extra in ([], ["--db", tmp_path / "r.db"]):
        command = "ingest" if extra else "read"
        result = run(command, tmp_path / "x.csv", "--period", "2024-T0", *extra)
        assert result.exit_code == 2 and "--period" in result.output
