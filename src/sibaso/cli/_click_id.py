"""click's own words (``Usage:``, ``Options``, ``Error:``, ``Missing option`` …) in Bahasa
Indonesia, English with ``SIBASO_LANG=en`` or ``--lang en``.

click looks its texts up with ``gettext`` (``from gettext import gettext as _`` in each of its
modules, in every click 8 release). While the sibaso CLI runs, :func:`click_in_bahasa` puts a
lookup in this table in their place and puts the originals back afterwards, so no other click
program in the process and no global gettext domain is touched.

>>> with click_in_bahasa():
...     click.formatting._("Usage:")
'Penggunaan:'
>>> click.formatting._("Usage:")
'Usage:'
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

__all__ = ["BAHASA", "click_in_bahasa", "wants_english"]

#: click's English text: its Bahasa Indonesia form.
BAHASA: dict[str, str] = {
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Show this message and exit.": "Tampilkan pesan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "Error: {message}": "Galat: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Missing option": "Kurang opsi",
    "Missing argument": "Kurang argumen",
    "Missing parameter": "Kurang parameter",
    "Missing {param_type}": "Kurang {param_type}",
    "Missing parameter: {param_name}": "Kurang parameter: {param_name}",
    "Missing command.": "Perintah belum disebut.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such option: {name}": "Tidak ada opsi: {name}",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Did you mean {possibility}?": "Maksud Anda {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Maksud Anda salah satu dari: {possibilities}?)",
    "Got unexpected extra argument ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} menerima {nargs} nilai.",
    "Takes {nargs} values but 1 was given.": "Memerlukan {nargs} nilai, tetapi 1 diberikan.",
    "Takes {nargs} values but {len} were given.": (
        "Memerlukan {nargs} nilai, tetapi {len} diberikan."
    ),
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan bilangan yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} bukan jawaban ya/tidak yang sah. Nilai yang dikenal: {states}"
    ),
    "{value!r} does not match the format {format}.": "{value!r} tidak sesuai format {format}.",
    "{value!r} does not match the formats {formats}.": ("{value!r} tidak sesuai format {formats}."),
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "{name} {filename!r} does not exist.": "{filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{filename!r} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{filename!r} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{filename!r} tidak dapat dijalankan.",
    "Could not open file {filename!r}: {message}": (
        "Berkas {filename!r} tidak dapat dibuka: {message}"
    ),
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    "Aborted!": "Dibatalkan!",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tanpa ditanya.",
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Galat: kedua nilai yang dimasukkan berbeda.",
    "Error: invalid input": "Galat: masukan tidak sah",
    "Press any key to continue...": "Tekan tombol apa saja untuk melanjutkan...",
    "unknown error": "galat tidak dikenal",
}

_MODULES: tuple[ModuleType, ...] = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)


def wants_english() -> bool:
    """``SIBASO_LANG=en``, or ``--lang en`` on the command line being run."""
    if os.environ.get("SIBASO_LANG", "id") == "en":
        return True
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.params.get("lang") == "en":
            return True
        ctx = ctx.parent
    args = sys.argv[1:]
    return any(
        a == "--lang=en" or (a == "--lang" and args[i + 1 : i + 2] == ["en"])
        for i, a in enumerate(args)
    )


def _translate(original: Callable[[str], str]) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        if wants_english():
            return original(message)
        return BAHASA.get(message) or original(message)

    return gettext


def _translate_plural(
    original: Callable[[str, str, int], str],
) -> Callable[[str, str, int], str]:
    def ngettext(singular: str, plural: str, n: int) -> str:
        if wants_english():
            return original(singular, plural, n)
        text = BAHASA.get(singular if n == 1 else plural)
        return text or original(singular, plural, n)

    return ngettext


@contextmanager
def click_in_bahasa() -> Iterator[None]:
    """Within the block, click speaks Bahasa Indonesia (unless English is asked for)."""
    saved: list[tuple[ModuleType, str, object]] = []
    for module in _MODULES:
        for name, wrap in (("_", _translate), ("ngettext", _translate_plural)):
            original = module.__dict__.get(name)
            if callable(original):
                saved.append((module, name, original))
                setattr(module, name, wrap(original))
    try:
        yield
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)
