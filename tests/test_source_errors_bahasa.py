"""Whole-file read failures (not found, empty, corrupt) are told in Bahasa Indonesia."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from sibaso.cli import cli
from sibaso.core.errors import _SOURCE_REASONS_ID, SourceError


def _corrupt(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook")  # cut off
    return path


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [(None, "not-found", "berkas tidak ada"), (b"", "empty", "berkas kosong")],
)
def test_read_failures_are_indonesian(tmp_path, content, code, words):
    path = tmp_path / "daftar.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code != 0
    assert f"tidak dapat dibaca ({code}) - {words}" in result.output, result.output
    assert "does not exist" not in result.output and "is empty" not in result.output


def test_corrupt_workbook_is_indonesian(tmp_path):
    result = CliRunner().invoke(cli, ["read", str(_corrupt(tmp_path / "rusak.xlsx"))])
    assert result.exit_code != 0
    line = result.output.strip().splitlines()[-1]
    assert "tidak dapat dibaca (" in line
    code = line.split("(", 1)[1].split(")", 1)[0]
    assert code in _SOURCE_REASONS_ID or code == "no-nik-column", line
    assert line.split(") - ", 1)[1].startswith(
        (*_SOURCE_REASONS_ID.values(), "tidak ada lembar")
    ), line


@pytest.mark.parametrize("code", sorted(_SOURCE_REASONS_ID))
def test_every_whole_file_code_has_an_indonesian_sentence(code):
    error = SourceError("a.xlsx", "some english particulars", code=code)
    assert error.localized("id").startswith(_SOURCE_REASONS_ID[code])
    assert error.localized("en") == "some english particulars"
