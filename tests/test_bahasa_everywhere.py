"""The last English in what people read (issue 17): click's validation and type names, the
programme catalogue of the API, field names in messages, thousands separators, whole-file
read errors, link types in English, the demo's first step, due dates in the chosen zone, and a
progress bar that lets an ingest fork its reader. Codes stay for programs; labels are for
people, in Bahasa Indonesia by default and in English with ``--lang en``."""

from __future__ import annotations

import datetime
import io
import json
import re
import threading

import pytest
from click.testing import CliRunner

import sibaso
from sibaso.cli import cli
from sibaso.cli._progress import progress_bar
from sibaso.core.errors import SourceError
from sibaso.core.labels import LABELS, field_label, number
from sibaso.demo import run_demo


def run(*args: str, **env: str):
    return CliRunner(env=env or None).invoke(cli, list(args), prog_name="sibaso")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("bahasa") / "demo", persons=1100, seed=11, say=str)


def _file(demo, prefix):
    return next(p for p in (demo.folder / "files").iterdir() if p.name.startswith(prefix))


# -- 1. click: --period / --programme refusals, type names ----------------------------------


def test_a_bad_period_is_refused_in_bahasa_and_in_english(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("nik\n1205074107820001\n", encoding="utf-8")
    said = run("read", str(path), "--period", "20x3").output
    assert "periode tidak dikenal: '20x3'" in said and "Unknown period" not in said
    english = run("read", str(path), "--period", "20x3", "--lang", "en").output
    assert "unknown period '20x3'" in english and "periode" not in english


def test_an_unknown_programme_is_refused_in_bahasa_and_in_english(demo):
    kks = str(_file(demo, "kks_"))
    said = run("read", kks, "--programme", "XYZ").output
    assert "program tidak dikenal: 'XYZ'" in said and "Unknown programme" not in said
    english = run("read", kks, "--programme", "XYZ", "--lang", "en").output
    assert "Unknown programme 'XYZ'" in english


@pytest.mark.parametrize("args", [["ingest", "--help"], ["complaint", "list", "--help"]])
def test_help_names_the_types_in_bahasa(args):
    said = run(*args).output
    assert "TEKS" in said and not re.search(r"\b(TEXT|INTEGER|FILES)\b", said), said
    english = run(*args[:-1], "--lang", "en", "--help").output
    assert "TEXT" in english and "TEKS" not in english
    assert "Usage:" in english and "Options:" in english


def test_every_command_can_be_asked_for_english():
    """``--lang`` on every command that prints text for people."""
    for name in ("read", "lookup", "diff", "recap", "ingest", "match", "demo", "init"):
        assert "--lang" in run(name, "--help").output, name


# -- 2. /v1/programmes in the client's language ---------------------------------------------


# (the endpoint itself: tests/http/test_http_public.py)


def test_every_built_in_programme_has_an_indonesian_description():
    from sibaso.programmes import default_catalogue

    for programme in default_catalogue():
        if programme.description:
            pair = LABELS["programme"].get(programme.code)
            assert pair is not None, programme.code
            assert pair[1] == programme.description, programme.code  # the English is its own


#: Built-in adapters whose titles are Indonesian already.
TITLED_IN_BAHASA = {
    "bip", "dapodik-kip", "dtsen-anggota", "dtsen-keluarga", "opensid", "opensid-peserta",
    "opensid-rtm",
}  # fmt: skip


def test_every_built_in_adapter_has_an_indonesian_title_and_kind():
    from sibaso.adapters.layouts.known import all_adapters

    for adapter in all_adapters().values():
        assert adapter.kind.value in LABELS["adapter-kind"], adapter.kind
        if not adapter.plugin.startswith("sibaso.") or adapter.name in TITLED_IN_BAHASA:
            continue
        pair = LABELS["adapter"].get(adapter.name)
        assert pair is not None and pair[1] == adapter.title, adapter.name


# -- 3. labels, not field names --------------------------------------------------------------


def test_a_reader_message_names_the_field_by_its_label(demo):
    result = sibaso.read(_file(demo, "kip_dapodik"))
    said = [i for i in result.report.issues if i.code == "column-ambiguous"]
    assert said
    for issue in said:
        assert not re.search(r"\b(kip_flag|address|[a-z]+_[a-z]+)\b", issue.message), issue
        assert not re.search(r"\b[a-z]+_[a-z]+\b", issue.message_en), issue


def test_every_field_a_layout_reads_has_a_label():
    from sibaso.adapters.layouts.fields import FIELDS

    assert [f for f in FIELDS if f not in LABELS["field"]] == []


def test_complaint_validation_names_fields_by_label(tmp_path):
    db = str(tmp_path / "c.sqlite")
    run("init", "--db", db)
    said = run("complaint", "file", "--db", db, "--reporter-name", "Siti", "--text", "x")
    assert said.exit_code == 1
    assert "NIK pelapor:" in said.output and "reporter_nik" not in said.output
    english = run("complaint", "file", "--db", db, "--text", "x", "--lang", "en")
    assert "the reporter's NIK:" in english.output and "reporter_nik" not in english.output
    data = json.loads(run("complaint", "file", "--db", db, "--json").output)
    assert "reporter_nik" in {e["field"] for e in data["errors"]}  # programs keep the code


def test_field_labels():
    assert field_label("attachments[1].media_type") == "lampiran 2 (jenis berkas)"
    assert field_label("no_such_field") == "no_such_field"


# -- 4. the portal's demo helper: see tests/portal/test_portal_app.py ----------------------
# -- 5. one way to write a count -------------------------------------------------------------


def test_counts_use_the_indonesian_separators(demo, tmp_path):
    lines: list[str] = []
    run_demo(tmp_path / "d", persons=1200, seed=11, say=lines.append)
    assert lines[0].startswith("Membuat penduduk") and "1.200 orang" in lines[0]
    assert not any(re.search(r"\d,\d{3}\b", line) for line in lines), lines
    english: list[str] = []
    run_demo(tmp_path / "e", persons=1200, seed=11, say=english.append, lang="en")
    assert "1,200 people" in english[0]


def test_read_summary_groups_thousands(demo):
    population = _file(demo, "dukcapil_langkat.csv")
    said = run("read", str(population)).output
    rows = sibaso.read(population).report.rows
    assert rows >= 1000 and f"{number(rows)} baris data" in said
    english = run("read", str(population), "--lang", "en").output
    assert f"{number(rows, 'en')} data rows" in english


# -- 6. whole-file read errors without English details ------------------------------------


def test_a_whole_file_error_is_all_indonesian():
    error = SourceError("a.xlsx", "worksheet 'x' has too many merged ranges", code="too-large")
    assert "worksheet" not in error.localized() and "rincian" not in error.localized()
    assert error.localized("en") == "worksheet 'x' has too many merged ranges"
    for code in ("kind-conflict", "unknown-edition", "programme-unknown", "unknown-layout"):
        text = SourceError("a.xlsx", "english words", code=code).localized()
        assert "english" not in text and code not in text, code


def test_read_with_lang_en_says_it_in_english(tmp_path):
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(b"")
    english = run("read", str(path), "--lang", "en").output
    assert "cannot be read (empty)" in english and "tidak dapat dibaca" not in english


# -- 7 and 8. lookup, diff, recap in English, with readable link types -----------------------


def test_lookup_in_english_prints_labels_not_codes(demo):
    nik = demo.examples["family"]["nik"] if "family" in demo.examples else None
    with sibaso.open(str(demo.database)) as registry:
        family = next(
            n
            for n in registry.store.person_niks()
            if any(e["via"] == "family" for e in registry.lookup(n).enrolments)
        )
    del nik
    said = run("lookup", family, "--db", str(demo.database)).output
    assert "lewat keluarga (KK)" in said and "(family)" not in said
    english = run("lookup", family, "--db", str(demo.database), "--lang", "en").output
    assert "through the family (KK)" in english and "periode" not in english
    assert "family," not in english.replace("the family", "")


def test_recap_and_diff_in_english(demo):
    recap = run("recap", "--db", str(demo.database), "--lang", "en").output
    assert recap.startswith("Active recipients per kecamatan") and "All programmes" in recap
    diff = run("diff", "PKH", "2001", "2024", "--db", str(demo.database), "--lang", "en").output
    assert diff.startswith("Failed: no PKH list") and "belum" not in diff


# -- 9. the demo's first step counts its residents ----------------------------------------


def test_generating_residents_shows_progress(tmp_path):
    class Recorder:
        def __init__(self):
            self.steps: list[tuple[str, list[int]]] = []

        def __call__(self, done):
            self.steps[-1][1].append(done)

        def set_total(self, total):
            pass

        def stage(self, label, total=None, unit="baris"):
            self.steps.append((label, []))

    recorder = Recorder()
    run_demo(tmp_path / "d", persons=3500, seed=2, say=str, progress=recorder)
    label, dones = recorder.steps[0]
    assert label == "penduduk sintetis"
    assert len(dones) >= 3 and dones == sorted(dones) and dones[-1] >= 3500


# -- 10. due dates in the chosen zone ----------------------------------------------------


def test_due_dates_are_counted_in_the_chosen_zone(monkeypatch):
    from sibaso.complaints._workflow import DEFAULT_DUE_DAYS, due_date
    from sibaso.core.model import ComplaintCategory

    # 16:30 UTC: still the 5th in WIB (23:30), already the 6th in WIT (01:30)
    moment = datetime.datetime(2026, 12, 5, 16, 30, tzinfo=datetime.timezone.utc)
    days = DEFAULT_DUE_DAYS[ComplaintCategory.USUL]
    monkeypatch.setenv("SIBASO_TZ", "WIB")
    wib = due_date(ComplaintCategory.USUL, moment, DEFAULT_DUE_DAYS)
    monkeypatch.setenv("SIBASO_TZ", "WIT")
    wit = due_date(ComplaintCategory.USUL, moment, DEFAULT_DUE_DAYS)
    assert wib == datetime.date(2026, 12, 5) + datetime.timedelta(days=days)
    assert wit == wib + datetime.timedelta(days=1)


# -- 12. a progress bar does not stop an ingest from forking its reader -------------------


def test_a_progress_bar_starts_no_thread():
    before = threading.active_count()  # other tests may have left threads in this process
    with progress_bar("daftar.csv", total=10, force=True, stream=io.StringIO()) as bar:
        assert bar is not None
        bar(5)
        assert threading.active_count() == before


#: An ingest under a drawn bar, in a fresh process (no thread of another test in it).
FORKS = """
import io, sys
import sibaso, sibaso.registry.forked as forked
from sibaso.cli._progress import progress_bar

used, original = [], forked.forked_iter
def spy(*args, **kwargs):
    used.append(kwargs.get("what"))
    return original(*args, **kwargs)
forked.forked_iter = spy
stream = io.StringIO()
with sibaso.open(sys.argv[2]) as registry, progress_bar(
    "pkh", total=200, force=True, stream=stream
) as bar:
    report = registry.ingest(sys.argv[1], period="2024", progress=bar)
print(len(used), report.stored, "100%" in stream.getvalue())
"""


def test_an_ingest_under_a_bar_still_forks(demo, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, SIBASO_FORK="1")
    out = subprocess.run(
        [sys.executable, "-c", FORKS, str(_file(demo, "pkh_siksng_2024")), str(tmp_path / "r")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    forks, stored, drawn = int(out[0]), int(out[1]), out[2] == "True"
    assert forks == 1, "the reader was not forked under the bar"
    assert stored > 0 and drawn


# -- the guard: default output has no English, --lang en has no Indonesian -----------------

#: Words of English prose that none of the Indonesian outputs may hold (data and codes aside).
ENGLISH = re.compile(
    r"\b(the|and|of|rows?|not|found|unknown|usable|rejected|warnings?|error|invalid|usage|"
    r"options|period|programmes?|people|matched|recipients?|failed|stored|directly|through|"
    r"families|left|total)\b",
    re.IGNORECASE,
)
#: Indonesian words none of the English outputs may hold.
BAHASA = re.compile(
    r"\b(dan|baris|tidak|periode|penerima|keluarga|lewat|langsung|jumlah|gagal|disimpan|"
    r"ditolak|peringatan|baru|keluar|naik|turun|tetap|orang|berkas)\b",
    re.IGNORECASE,
)


def _commands(demo):
    db = str(demo.database)
    with sibaso.open(db) as registry:
        nik = next(
            n
            for n in registry.store.person_niks()
            if any(e["via"] == "family" for e in registry.lookup(n).enrolments)
        )
        kk = registry.store.get_person(nik)["kk"]
    filed = run(
        "complaint", "file", "--db", db, "--reporter-nik", nik, "--reporter-name", "Warga",
        "--phone", "081234567890", "--category", "usul", "--programme", "PKH",
        "--subject-nik", nik, "--text", "Mohon didaftarkan.", "--json",
    )  # fmt: skip
    ticket = json.loads(filed.output)["ticket"]
    return [
        ["read", str(_file(demo, "pkh_siksng_2024"))],
        ["read", str(_file(demo, "kip_dapodik"))],
        ["lookup", nik, "--db", db],
        ["lookup", nik, "--db", db, "--officer"],
        ["match", "--db", db],
        ["recap", "--db", db],
        ["diff", "PKH", "2024", "2026", "--db", db],
        ["diff", "DTSEN", "v2-2025", "v3-2026", "--db", db],
        ["audit", "--db", db],
        ["tanpa-bansos", "--max-desil", "4", "--db", db],
        ["nik", "check", "1205014107850001", "123"],
        ["adapters"],
        ["report", "--db", db, "--out", str(demo.folder / "r.xlsx")],
        ["roster", "list", "--db", db],
        ["complaint", "list", "--db", db, "--as", "dinsos-langkat"],
        ["complaint", "overdue", "--db", db, "--as", "dinsos-langkat", "--today", "2099-01-01"],
        ["complaint", "show", ticket, "--db", db, "--as", "dinsos-langkat"],
        ["complaint", "lookup", nik, "--db", db, "--as", "dinsos-langkat"],
        ["desil", kk, "--db", db],
        ["token", "list", "--db", db],
    ]


def _prose(text: str, demo) -> str:
    """What a person reads, without paths, programme names from the catalogue and codes."""
    text = text.replace(str(demo.folder), "")
    text = re.sub(r"\([a-z0-9-]+\)|\[[^\]]*\]|'[^']*'", "", text)  # codes, columns, quotes
    from sibaso.programmes import default_catalogue

    for programme in default_catalogue():
        for name in programme.names:
            text = text.replace(name, "")
    return text


def test_default_output_has_no_english(demo):
    for args in _commands(demo):
        result = run(*args)
        found = ENGLISH.findall(_prose(result.output, demo))
        assert not found, (args, found, result.output[:600])


def test_english_output_has_no_indonesian(demo):
    for args in _commands(demo):
        if args == ["adapters"]:  # titles such as "DTSEN keluarga" name Indonesian data
            continue
        result = run(*args, "--lang", "en")
        found = BAHASA.findall(_prose(result.output, demo))
        assert not found, (args, found, result.output[:600])
