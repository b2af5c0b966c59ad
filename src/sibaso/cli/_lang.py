"""``--lang``: one option for every command that writes text for people.

It is eager, so that a value checked before the command runs (``--period``, ``--programme``)
already knows the language it must refuse in.
"""

from __future__ import annotations

import click

from sibaso.cli._click_id import wants_english

__all__ = ["LANG_HELP", "lang_option", "language", "told", "unknown_period"]

LANG_HELP = "Language of the output: id (Bahasa Indonesia, the default) or en (English)."

lang_option = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    is_eager=True,
    help=LANG_HELP,
)


def language() -> str:
    """``"en"`` when the command line being run asks for English, else ``"id"``."""
    return "en" if wants_english() else "id"


def unknown_period(value: str, lang: str = "id") -> str:
    """The refusal of a period the registry does not understand.

    >>> unknown_period("20x3")
    "periode tidak dikenal: '20x3'; pakai tahun (2024), triwulan (2024-Q1) atau tahap (2024-T2)"
    """
    if lang == "en":
        return (
            f"unknown period {value!r}: use a year (2024), a quarter (2024-Q1) or a tahap (2024-T2)"
        )
    return (
        f"periode tidak dikenal: {value!r}; pakai tahun (2024), triwulan (2024-Q1) atau tahap "
        "(2024-T2)"
    )


def told(exc: BaseException, lang: str = "id") -> str:
    """An error's message in ``lang`` when it has one (``localized``), else its text."""
    localized = getattr(exc, "localized", None)
    return str(localized(lang)) if callable(localized) else str(exc)
