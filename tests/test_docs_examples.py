"""The examples in README.md, docs/registry.md and docs/http.md answer against the demo data
(issue 17): the demo is seeded, so the NIKs the docs use are residents who receive something."""

import os
import re
from pathlib import Path

import pytest

import sibaso
from sibaso.demo import LANGKAT, STABAT, run_demo

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "registry.md", ROOT / "docs" / "http.md"]
#: a NIK used to look someone up or to file as a reporter
USED = re.compile(r"""(?:lookup\(|"nik": |"reporter_nik": )"(\d{16})\"""")
#: the NIK of the rule examples (sibaso nik check, NIK.parse): valid, needs no resident
RULE_EXAMPLE = "1205014107850001"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    lines = []
    # the defaults of `sibaso demo`: what a reader of the docs runs
    result = run_demo(tmp_path_factory.mktemp("docs") / "sibaso-demo", say=lines.append)
    return result, lines


def _python_blocks(path):
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_every_nik_the_docs_use_is_a_langkat_resident_who_receives_something(demo):
    result, _ = demo
    used = {
        (doc.name, nik)
        for doc in DOCS
        for nik in USED.findall(doc.read_text("utf-8"))
        if nik != RULE_EXAMPLE
    }
    assert len({nik for _, nik in used}) >= 2
    with sibaso.open(str(result.database)) as registry:
        for doc, nik in used:
            answer = registry.lookup(nik, view="officer", actor="docs-test")
            assert answer.in_population, (doc, nik)
            assert nik.startswith(LANGKAT), (doc, nik)
    lookups = {nik for doc in DOCS for nik in re.findall(r'lookup\("(\d{16})"', doc.read_text())}
    http = (ROOT / "docs" / "http.md").read_text("utf-8")
    lookups |= set(re.findall(r'"nik": "(\d{16})"', http)) - {RULE_EXAMPLE}
    with sibaso.open(str(result.database)) as registry:
        for nik in lookups:
            assert registry.lookup(nik).enrolments, nik
            # the officer examples use tksk-stabat: the person must live in Stabat
            assert nik.startswith(STABAT), nik


def test_the_demo_offers_langkat_residents_to_try(demo):
    _, lines = demo
    tries = [line.split()[2] for line in lines if line.strip().startswith("sibaso lookup")]
    assert tries and all(n.startswith(LANGKAT) for n in tries)


@pytest.mark.parametrize("doc", ["README.md", "docs/registry.md"])
def test_the_python_snippets_run_as_written_in_the_demo_files(demo, doc, tmp_path, monkeypatch):
    result, _ = demo
    files = result.folder / "files"
    work = tmp_path / "files"
    work.mkdir()
    for name in os.listdir(files):
        (work / name).symlink_to(files / name)
    monkeypatch.chdir(work)
    block = next(b for b in _python_blocks(ROOT / doc) if "registry.lookup(" in b)
    namespace: dict = {}
    exec(compile(block, doc, "exec"), namespace)  # the reader's snippet, as written
    registry = namespace["registry"]
    try:
        nik = re.search(r'lookup\("(\d{16})"', block)[1]
        assert registry.lookup(nik).enrolments
    finally:
        registry.close()


def test_every_nik_the_demo_offers_answers_in_the_public_view(demo):
    """The demo picks its examples by what a citizen sees: an old-period list is riwayat, shown
    only to officers, so a NIK reached only by a 2024 list must not be offered (it answered
    'tidak terdaftar' once the 2026 lists made the 2024 ones history)."""
    result, lines = demo
    tries = [line.split()[2] for line in lines if line.strip().startswith("sibaso lookup")]
    assert tries
    with sibaso.open(str(result.database)) as registry:
        for nik in tries:
            assert registry.lookup(nik).enrolments, nik
    for key, answer in result.examples.items():
        assert answer["enrolments"], key
    # the renamed programme's old list is riwayat: shown, as the officer sees it
    assert any(e["name"] != e["period_name"] for e in result.examples["renamed"]["history"])
    assert any("periode ini: Bantuan Pangan Non Tunai" in line for line in lines)


def test_counts_a_newcomer_reads_are_grouped_the_indonesian_way(demo, tmp_path):
    """5.000 and 1.793, not 5,000 and 1,793: the comma is the Indonesian decimal mark."""
    from click.testing import CliRunner

    from sibaso.cli import cli

    result, lines = demo
    assert any("5.000 orang" in line for line in lines), lines[0]
    out = CliRunner().invoke(
        cli, ["report", "--db", str(result.database), "--out", str(tmp_path / "rekap.xlsx")]
    )
    assert out.exit_code == 0, out.output
    assert re.search(r"Penerima aktif \d{1,3}(\.\d{3})+, baris perlu diperbaiki \d", out.output)


@pytest.mark.parametrize("command", ["desil", "diff DTSEN"])
def test_the_dtsen_page_shows_what_the_demo_answers(demo, command):
    """docs/dtsen.md's `sibaso desil` and `sibaso diff DTSEN` print what the seeded demo prints."""
    from click.testing import CliRunner

    from sibaso.cli import cli

    result, _ = demo
    page = (ROOT / "docs" / "dtsen.md").read_text("utf-8")
    match = re.search(rf"\$ sibaso {command} (.*?) --db \S+\n((?:[^$`].*\n)+)", page)
    assert match, command
    args, shown = match[1].split(), [line for line in match[2].splitlines() if "…" not in line]
    out = CliRunner().invoke(cli, [*command.split(), *args, "--db", str(result.database)])
    assert out.exit_code == 0, out.output
    printed = out.output.splitlines()
    for line in shown:
        assert line in printed, (line, printed)


def test_the_diff_the_registry_page_names_runs_on_the_demo(demo):
    """docs/registry.md's `registry.diff(...)` names periods the demo has (a period with no
    list is an error, so a reader trying it would meet that error instead)."""
    result, _ = demo
    page = (ROOT / "docs" / "registry.md").read_text("utf-8")
    calls = re.findall(r'registry\.diff\("(\w+)", "([\w-]+)", "([\w-]+)"\)', page)
    assert calls
    with sibaso.open(str(result.database)) as registry:
        for programme, old, new in calls:
            assert registry.diff(programme, old, new) is not None
