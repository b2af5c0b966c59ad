"""How ``sibaso lookup`` reads to a person: no empty status, no "AKTIF" on a history line, and
an officer can tell two family members' listings apart."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace
from typing import Any

from sibaso.adapters.pipeline.read_report import ReadReport
from sibaso.cli.registry import lookup_text


def _entry(**over: Any) -> dict[str, Any]:
    base = {
        "programme": "PKH",
        "name": "Program Keluarga Harapan",
        "period_name": "Program Keluarga Harapan",
        "via": "self",
        "period": "2026",
        "status": None,
        "recipient": None,
    }
    return {**base, **over}


def _result(*entries: dict[str, Any]) -> SimpleNamespace:
    return SimpleNamespace(
        nik="1205**********01", person=None, in_population=None, enrolments=entries
    )


def test_a_list_without_a_status_says_none() -> None:
    text = lookup_text(_result(_entry()))
    assert "status" not in text and "periode 2026" in text


def test_a_history_line_does_not_say_active_as_if_now() -> None:
    text = lookup_text(_result(_entry(period="2024", status="AKTIF", history=True)))
    assert "status AKTIF" not in text
    assert "riwayat (daftar periode lama); tercatat AKTIF" in text
    english = lookup_text(_result(_entry(period="2024", status="AKTIF", history=True)), "en")
    assert "history (a list of an earlier period); listed as AKTIF" in english


def test_an_officer_sees_which_family_member_is_listed() -> None:
    one = _entry(via="family", recipient={"name": "SITI AMINAH"})
    two = _entry(via="family", recipient={"name": "AHMAD"})
    lines = lookup_text(_result(one, two)).splitlines()[1:]
    assert len(set(lines)) == 2
    assert "penerima SITI AMINAH" in lines[0] and "penerima AHMAD" in lines[1]


def test_one_warning_is_singular_in_english() -> None:
    report = ReadReport(file="x.csv")
    report.add(None, 2, "NIK", "nik-checksum", "warning", "satu", "one")
    assert report.summary("en").endswith(", 1 warning")


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sibaso", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "sibaso" in done.stdout
