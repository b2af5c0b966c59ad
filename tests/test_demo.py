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
    # the renamed programme is an old list (riwayat), shown as an officer sees it; the NIK
    # still answers in the public view
    renamed = result.examples["renamed"]
    assert renamed["enrolments"]
    assert any(e["name"] != e["period_name"] for e in renamed["enrolments"] + renamed["history"])
    assert result.match_counts.get("matched", 0) > 0
    assert any(r.name == "hasil-padan.xlsx" for r in result.reports)
    assert any("Cek bansos" in line for line in lines)


def test_demo_command(tmp_path):
    out = CliRunner().invoke(cli, ["demo", "--persons", "300", "--out", str(tmp_path / "d")])
    assert out.exit_code == 0, out.output
    assert "Basis data" in out.output


def _officer_work(database):
    """What an officer does in a demo registry: a token and a complaint."""
    import sibaso
    from sibaso.complaints import Actor
    from sibaso.http import issue_token

    with sibaso.open(str(database)) as registry:
        issue_token(registry, "tksk-stabat")
        nik = registry.store.person_niks()[0]
        return registry.complaints.file(
            Actor.public(),
            reporter_nik=nik,
            reporter_name="Warga Demo",
            phone="0812 3456 7890",
            category="pelayanan",
            text="Antrean lama.",
        ).ticket


def test_running_the_demo_again_keeps_officer_work_unless_forced(tmp_path):
    import pytest

    import sibaso
    from sibaso.complaints import Actor
    from sibaso.demo import DemoWouldDiscard

    folder = tmp_path / "demo"
    first = run_demo(folder, persons=300, seed=3, say=lambda s: None)
    run_demo(folder, persons=300, seed=3, say=lambda s: None)  # nothing of an officer's: fine
    ticket = _officer_work(first.database)
    with pytest.raises(DemoWouldDiscard) as refused:
        run_demo(folder, persons=300, seed=3, say=lambda s: None)
    message = refused.value.localized("id")
    assert "1 token petugas" in message and "1 pengaduan" in message and "--force" in message
    assert "1 officer token" in refused.value.localized("en")
    with sibaso.open(str(first.database)) as registry:  # untouched
        assert registry.complaints.get(Actor.system(), ticket).ticket == ticket
    lines = []
    again = run_demo(folder, persons=300, seed=3, say=lines.append, force=True)
    backup = folder / "demo.sqlite.bak"
    assert any(str(backup) in line for line in lines)
    with sibaso.open(str(backup)) as registry:  # the old work is kept aside, not destroyed
        assert registry.complaints.get(Actor.system(), ticket).ticket == ticket
    with sibaso.open(str(again.database)) as registry:
        assert registry.complaints.list(Actor.system()) == []


def test_demo_command_refuses_to_discard_and_says_what(tmp_path):
    folder = tmp_path / "d"
    assert (
        CliRunner().invoke(cli, ["demo", "--persons", "300", "--out", str(folder)]).exit_code == 0
    )
    _officer_work(folder / "demo.sqlite")
    out = CliRunner().invoke(cli, ["demo", "--persons", "300", "--out", str(folder)])
    assert out.exit_code == 1
    assert "1 pengaduan" in out.output and "--force" in out.output
    forced = ["demo", "--persons", "300", "--out", str(folder), "--force"]
    assert CliRunner().invoke(cli, forced).exit_code == 0
