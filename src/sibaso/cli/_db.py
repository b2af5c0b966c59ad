"""Opening the registry from the command line, and the one line a database fault becomes.

Only ``sibaso init``, ``sibaso ingest`` and ``sibaso demo`` create a registry; every other
command refuses a database that does not exist, so a mistyped ``--db`` never becomes a new,
empty registry. A database that cannot be used — missing, read-only, disk full, a
PostgreSQL server that does not answer — is reported as one line (Bahasa Indonesia, or
English with ``--lang en``) with exit code 3, never as a driver traceback.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import click

from sibaso.core.errors import SibasoError
from sibaso.store.faults import StoreUnavailable, display_target, fault_behind

__all__ = ["EXIT_STORE", "FaultAwareGroup", "StoreFailed", "open_db"]

#: Exit code of a command whose database cannot be used.
EXIT_STORE = 3
_RAW_ARGS = "sibaso.raw_args"


class StoreFailed(click.ClickException):
    """A :class:`StoreUnavailable` as the command line shows it: one line, exit code 3."""

    exit_code = EXIT_STORE

    def __init__(self, fault: StoreUnavailable, lang: str = "id") -> None:
        self.fault = fault
        super().__init__(fault.localized(lang))

    def show(self, file: Any = None) -> None:
        click.echo(f"sibaso: {self.format_message()}", err=True, file=file)


def open_db(db: str, *, create: bool = False, lang: str | None = None) -> Any:
    """The registry at ``db``; ``create=True`` only for the commands that make one."""
    from sibaso.app import open_registry

    ctx = click.get_current_context(silent=True)
    args = ctx.find_root().meta.get(_RAW_ARGS, []) if ctx else []
    try:
        return open_registry(db, create=create)
    except StoreUnavailable as exc:
        raise StoreFailed(exc, lang or _lang_of(args)) from exc
    except SibasoError as exc:
        localized = getattr(exc, "localized", None)
        text = localized(lang or _lang_of(args)) if callable(localized) else str(exc)
        raise click.ClickException(str(text)) from exc


def _option(args: Sequence[str], name: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def _lang_of(args: Sequence[str]) -> str:
    return "en" if _option(args, "--lang") == "en" else "id"


def _target_of(args: Sequence[str]) -> str:
    return display_target(_option(args, "--db") or os.environ.get("SIBASO_DB") or "sibaso.sqlite")


class FaultAwareGroup(click.Group):
    """A group whose commands turn a database fault into :class:`StoreFailed`."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from sibaso.cli._click_id import click_in_bahasa

        with click_in_bahasa():  # click's own words (Usage:, Error: …) in Bahasa Indonesia
            return super().main(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_RAW_ARGS] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except Exception as exc:
            args = ctx.meta.get(_RAW_ARGS, [])
            fault = fault_behind(exc, _target_of(args))
            if fault is None:
                raise
            raise StoreFailed(fault, _lang_of(args)) from exc
