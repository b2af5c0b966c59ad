"""The ``sibaso`` command line: a thin shell over the library.

Exit codes: 0 success, 1 the data failed a check (an invalid NIK, a refused action), 2 usage,
3 the database cannot be used (missing, read-only, disk full, server unreachable: one line).
"""

from __future__ import annotations

import click

from sibaso.__about__ import __version__
from sibaso.cli._bantuan import apply as apply_bahasa
from sibaso.cli._db import FaultAwareGroup
from sibaso.cli.complaints import register_complaint_commands
from sibaso.cli.dtsen import register_dtsen_commands
from sibaso.cli.nik import nik_group
from sibaso.cli.read import adapters_command, read_command
from sibaso.cli.registry import (
    demo_command,
    diff_command,
    ingest_command,
    init_command,
    lookup_command,
    match_command,
    recap_command,
)
from sibaso.cli.report import report_command
from sibaso.cli.serve import register_serve_commands

__all__ = ["cli", "main"]


def _set_zone(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--tz``: the zone every time shown to people is written in (machine output keeps UTC).

    It is set as ``SIBASO_TZ`` for the command's run and put back when the command ends.
    """
    import os

    from sibaso.core.localtime import ENV_VAR, zone

    if value:
        try:
            zone(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc
        before = os.environ.get(ENV_VAR)
        os.environ[ENV_VAR] = value.upper()

        def restore() -> None:
            if before is None:
                os.environ.pop(ENV_VAR, None)
            else:
                os.environ[ENV_VAR] = before

        ctx.call_on_close(restore)
    return value


@click.group(cls=FaultAwareGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sibaso")
@click.option(
    "--tz",
    metavar="WIB|WITA|WIT",
    envvar="SIBASO_TZ",
    callback=_set_zone,
    expose_value=False,
    is_eager=True,
    help="Zona waktu untuk jam yang dibaca orang (bawaan WIB; juga SIBASO_TZ).",
)
def cli() -> None:
    """sibaso: data bantuan sosial terpadu berdasarkan NIK dan No. KK."""


cli.add_command(nik_group)
cli.add_command(read_command)
cli.add_command(adapters_command)
for command in (
    demo_command,
    init_command,
    ingest_command,
    match_command,
    lookup_command,
    diff_command,
    recap_command,
):
    cli.add_command(command)
register_complaint_commands(cli.add_command)
register_dtsen_commands(cli.add_command)
register_serve_commands(cli.add_command)
cli.add_command(report_command)
# every --help in Bahasa Indonesia (SIBASO_LANG=en keeps the English of the code)
apply_bahasa(cli)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="sibaso")
