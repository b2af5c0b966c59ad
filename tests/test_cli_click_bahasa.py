"""click's own words (Usage, Options, Error, Missing option …) in Bahasa Indonesia by default."""

from __future__ import annotations

import ast
import inspect

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types
import pytest
from click.testing import CliRunner

from sibaso.cli import cli
from sibaso.cli._click_id import BAHASA, click_in_bahasa

ENGLISH = ("Usage:", "Options:", "Commands:", "Error:", "Show this message and exit.")


@pytest.mark.parametrize("args", [["--help"], ["lookup", "--help"], ["complaint", "--help"]])
def test_help_speaks_bahasa(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args, prog_name="sibaso")
    assert result.exit_code == 0, result.output
    assert "Penggunaan: sibaso" in result.output and "Opsi:" in result.output
    assert "[OPSI]" in result.output
    for word in ENGLISH:
        assert word not in result.output


def test_command_list_heading_is_bahasa() -> None:
    assert "Perintah:" in CliRunner().invoke(cli, ["--help"], prog_name="sibaso").output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["lookup", "--nosuch"], "Tidak ada opsi '--nosuch'."),
        (["lookup"], "Kurang argumen 'NIK'."),
        (["nosuchcommand"], "Tidak ada perintah 'nosuchcommand'."),
        (["--tz", "XYZ", "adapters"], "Nilai tidak sah untuk '--tz'"),
    ],
)
def test_errors_speak_bahasa(args: list[str], words: str) -> None:
    result = CliRunner().invoke(cli, args, prog_name="sibaso")
    assert result.exit_code == 2
    assert "Galat: " in result.output and words in result.output, result.output
    assert "Coba 'sibaso" in result.output and "untuk bantuan." in result.output
    for word in ENGLISH:
        assert word not in result.output


def test_english_with_sibaso_lang_en() -> None:
    result = CliRunner(env={"SIBASO_LANG": "en"}).invoke(
        cli, ["lookup", "--nosuch"], prog_name="sibaso"
    )
    assert "Usage:" in result.output and "Error: No such option '--nosuch'." in result.output


def test_click_is_put_back_after_the_run() -> None:
    CliRunner().invoke(cli, ["lookup", "--nosuch"], prog_name="sibaso")
    assert click.formatting._("Usage:") == "Usage:"
    with click_in_bahasa():
        assert click.formatting._("Usage:") == "Penggunaan:"
    assert click.formatting._("Usage:") == "Usage:"


#: Texts only a programmer defining commands meets, never a user of the CLI.
DEVELOPER_ONLY = (
    "DeprecationWarning",
    "Could not determine name",
    "No options defined",
    "Arguments take exactly",
    "Boolean option",
    "Name '",
    "Choice(",
    "Value must be an iterable",
    "Invalid start character",
    "{len_type} values",
)


def test_every_word_click_says_has_a_bahasa_form() -> None:
    """Each text the installed click looks up with gettext in the modules the CLI prints from."""
    missing = []
    modules = (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    )
    for module in modules:
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext"):
                for arg in node.args:
                    text = arg.value if isinstance(arg, ast.Constant) else None
                    if not isinstance(text, str) or text in BAHASA:
                        continue
                    if text.startswith(DEVELOPER_ONLY) or text in ("file", "directory", "path"):
                        continue
                    missing.append(text)
    assert not missing, missing
