"""``sibaso demo`` end to end on a small population."""

from click.testing import CliRunner

from sibaso.cli import cli
from sibaso.demo import run_demo


def test_demo_shows_every_path(tmp_path):
    lines = []
    result = run_demo(tmp_path / "demo", persons=600, seed=3, say=lines.append)
    assert result.database.exists()
    assert (tmp_path / "demo" / "files" / "pkh_siksng_2024.csv").exists()
    assert set(result.examples) >= {"self", "family", "renamed"}
    for answer in result.examples.values():
        assert "*" in answer["nik"]
    renamed = result.examples["renamed"]["enrolments"]
    assert any(e["name"] != e["period_name"] for e in renamed)
    assert result.match_counts.get("matched", 0) > 0
    assert any(r.name == "hasil-padan.xlsx" for r in result.reports)
    assert any("Cek bansos" in line for line in lines)


def test_demo_command(tmp_path):
    out = CliRunner().invoke(cli, ["demo", "--persons", "300", "--out", str(tmp_path / "d")])
    assert out.exit_code == 0, out.output
    assert "Basis data" in out.output
