"""Every ``--help`` text is in Bahasa Indonesia (issue 17): a command or option without an
Indonesian text in ``sibaso/cli/_bantuan.py`` fails here."""

import click
from click.testing import CliRunner

from sibaso.cli import cli
from sibaso.cli._bantuan import COMMANDS, OPTIONS, SALAH_SATU


def _commands(command=cli, path=""):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{path} {name}".strip())


def test_every_command_has_an_indonesian_help():
    missing = [path or "sibaso" for path, command in _commands() if path not in COMMANDS]
    assert not missing, f"add these to sibaso/cli/_bantuan.py COMMANDS: {missing}"
    for path, command in _commands():
        assert command.help == COMMANDS[path]


def test_every_option_has_an_indonesian_help():
    indonesian = set(OPTIONS.values())
    missing = [
        (path or "sibaso", param.opts[0], param.help)
        for path, command in _commands()
        for param in command.params
        if isinstance(param, click.Option)
        and param.help
        and param.help not in indonesian
        and not param.help.startswith(SALAH_SATU)
    ]
    assert not missing, f"add these to sibaso/cli/_bantuan.py OPTIONS: {missing}"


def test_help_shows_it():
    text = CliRunner().invoke(cli, ["complaint", "file", "--help"]).output
    assert "Catat pengaduan" in text and "Petugas yang mencatat" in text
    assert "File a complaint" not in text
    assert "Tampilkan bantuan ini" in text and "Show this message" not in text


def test_every_name_in_a_usage_line_is_indonesian():
    """click's type names (TEXT, INTEGER …) and the argument names: add new ones to
    ``METAVARS`` in sibaso/cli/_bantuan.py."""
    import re

    from sibaso.cli._bantuan import METAVARS

    words = set(METAVARS.values()) | {"NIK", "KK", "WIB|WITA|WIT", "[TTTT-BB-HH]"}
    unknown = set()
    for path, command in _commands():
        ctx = click.Context(command, info_name=path or "sibaso")
        for param in command.params:
            metavar = param.make_metavar(ctx)
            if metavar.startswith("[") and metavar.islower():  # a choice of codes
                continue
            for word in re.split(r"\.\.\.|[\[\]\s]", metavar):
                if word and word not in words:
                    unknown.add((path or "sibaso", param.name, word))
    assert not unknown, sorted(unknown)
