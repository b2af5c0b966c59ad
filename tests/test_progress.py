"""Progress on long commands (issue 17): services report through a plain callback that may also
hear totals and steps; the CLI draws a rich bar only on a terminal and never under --json."""

import io
import json

import openpyxl
import pytest
from click.testing import CliRunner

import sibaso
from sibaso.cli import cli
from sibaso.cli._progress import progress_bar
from sibaso.core.progress import Progress, Staged
from sibaso.demo import run_demo
from sibaso.readers.estimate import estimate_rows


class Recorder:
    """A Staged progress that remembers what it was told."""

    def __init__(self):
        self.steps = []  # [label, total, unit, [done…]]

    def __call__(self, done):
        if not self.steps:
            self.steps.append(["-", None, "baris", []])
        self.steps[-1][3].append(done)

    def set_total(self, total):
        self.steps[-1][1] = total

    def stage(self, label, total=None, unit="baris"):
        self.steps.append([label, total, unit, []])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    recorder = Recorder()
    result = run_demo(
        tmp_path_factory.mktemp("progress") / "demo",
        persons=600,
        seed=5,
        say=lambda s: None,
        progress=recorder,
    )
    return result, recorder


def test_recorder_is_what_the_cli_bar_is():
    assert isinstance(Recorder(), Progress) and isinstance(Recorder(), Staged)


def test_the_demo_reports_every_step_with_totals(demo):
    result, recorder = demo
    labels = [s[0] for s in recorder.steps]
    assert labels[:2] == ["penduduk sintetis", "berkas contoh"]
    assert "padan" in labels and "rekap.xlsx" in labels
    files = [s for s in recorder.steps if s[0].endswith((".csv", ".xlsx")) and s[0] != "rekap.xlsx"]
    assert len(files) == len(result.ingested)
    for label, total, unit, dones in files:
        assert unit == "baris" and total and dones, label
        # the estimate is close to the rows actually read
        assert abs(dones[-1] - total) <= max(15, total // 10), (label, total, dones)
    padan = next(s for s in recorder.steps if s[0] == "padan")
    assert padan[1] == padan[3][-1] == sum(result.match_counts.values())


def test_a_plain_callable_still_works(demo, tmp_path):
    seen = []
    with sibaso.open(str(demo[0].database)) as registry:
        registry.match(progress=seen.append)
    assert seen and seen[-1] == sum(demo[0].match_counts.values())


def test_estimate_rows_of_an_xlsx_without_dimension(tmp_path):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    for i in range(1234):
        sheet.append([i, "x"])
    book.save(tmp_path / "w.xlsx")
    assert estimate_rows(tmp_path / "w.xlsx") == 1234
    assert estimate_rows(tmp_path / "missing.csv") is None


def test_the_bar_shows_percent_count_rate_and_time_left():
    stream = io.StringIO()
    with progress_bar("pkh.csv", total=2000, stream=stream, force=True) as bar:
        bar(1000)
        bar.stage("padan", total=10)
        bar(10)
    text = stream.getvalue()
    assert "pkh.csv" in text and "padan" in text
    assert "50%" in text or "100%" in text
    assert "1.000/2.000 baris" in text or "1.000/1.000 baris" in text
    assert "/dtk" in text and "0:00:00" in text


def test_no_bar_off_a_terminal_or_under_json(demo, tmp_path):
    source = next(p for p in (demo[0].folder / "files").iterdir() if p.name.startswith("pkh"))
    db = str(tmp_path / "x.sqlite")
    out = CliRunner().invoke(cli, ["ingest", str(source), "--db", db, "--json"])
    assert out.exit_code == 0, out.output
    json.loads(out.output)  # nothing but JSON
    assert "━" not in out.output
    with progress_bar("x", stream=io.StringIO()) as bar:  # not a terminal
        assert bar is None
    with progress_bar("x", as_json=True, stream=_Tty()) as bar:
        assert bar is None
    with progress_bar("x", stream=_Tty()) as bar:
        assert bar is not None


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_the_audit_reports_its_enrolments(demo):
    recorder = Recorder()
    recorder.stage("audit")
    with sibaso.open(str(demo[0].database)) as registry:
        registry.audit(progress=recorder)
    _, total, _, dones = recorder.steps[-1]
    assert total and dones and dones[-1] == total
