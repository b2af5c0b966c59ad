"""Texts people type: invisible characters, placeholders, and when a value is already clean.

A name or a complaint can arrive with characters nobody sees: right-to-left overrides
(U+202E) that make ``ANIS`` display as ``SINA``, bidi isolates (U+2066–U+2069) and marks
(U+200E, U+200F, U+061C), zero-width spaces and joiners (U+200B–U+200D), a byte-order mark
(U+FEFF) pasted from a word processor, a soft hyphen (U+00AD). Stored as is, they make two
equal-looking names differ and a list shown to an officer lie about its order. Every text a
citizen or an officer types (complaints, notes, reporter names, roster names, portal forms)
goes through :func:`strip_invisible` before it is checked and stored: the characters are
removed, the visible text is kept, so a complaint pasted from a chat app is never refused.

The rule: every character of Unicode category ``Cf`` (format) is removed, and so are the bidi
controls and the Hangul and braille fillers that render as blanks.

>>> strip_invisible("Siti\\u200b Aminah")
'Siti Aminah'
>>> strip_invisible("\\ufeffANIS\\u202e SINA\\u202c")
'ANIS SINA'
>>> strip_invisible("\\u2066Budi\\u2069 \\u200fSantoso\\u200e")
'Budi Santoso'
>>> strip_invisible("Tidak ada yang berubah: é, ñ, 日本, 😀")
'Tidak ada yang berubah: é, ñ, 日本, 😀'
>>> has_invisible("Budi\\u00adman"), has_invisible("Budiman")
(True, False)

The one definition of a *clean* text value — what :func:`sibaso.adapters.records.cells.text_cell`
returns unchanged — is :func:`is_clean_text`; a fast path may skip the cleaning for such a
value, and only for it.

>>> is_clean_text("SITI AMINAH"), is_clean_text(" SITI"), is_clean_text("SITI  AMINAH")
(True, False, False)
>>> is_clean_text("SITI\\nAMINAH"), is_clean_text("-"), is_clean_text("n/a"), is_clean_text(12)
(False, False, False, False)
>>> is_clean_text("\\u3164"), is_missing_text(" #N/A "), is_missing_text("0")
(False, True, False)
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

__all__ = [
    "MISSING",
    "has_invisible",
    "invisible_characters",
    "is_clean_text",
    "is_missing_text",
    "is_tidy",
    "strip_invisible",
]

#: Upper-cased placeholders that mean "no value" in every column (Excel's errors included).
MISSING = frozenset(
    (
        *("", "-", "--", "---", "NULL", "N/A", "#N/A"),
        *("#NULL!", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!"),
    )
)

#: Blank-rendering letters used to fake an empty or a different name.
_FILLERS = "\u115f\u1160\u3164\uffa0\u2800"


@functools.cache
def invisible_characters() -> str:
    """Every character :func:`strip_invisible` removes: category Cf (which holds every bidi
    control and zero-width character) and the fillers; computed once, on first use."""
    found = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    return "".join(found) + _FILLERS


@functools.cache
def _pattern() -> re.Pattern[str]:
    return re.compile("[" + re.escape(invisible_characters()) + "]")


def strip_invisible(text: str) -> str:
    """``text`` without invisible formatting characters (see the module docstring)."""
    if text.isascii():
        return text
    return _pattern().sub("", text)


def has_invisible(text: str) -> bool:
    """Whether :func:`strip_invisible` would change ``text``."""
    return not text.isascii() and _pattern().search(text) is not None


def is_tidy(text: str) -> bool:
    """Printable, no invisible character, no space at either end and no two in a row."""
    return (
        text.isprintable()
        and text[:1] != " "
        and text[-1:] != " "
        and "  " not in text
        and (text.isascii() or not has_invisible(text))
    )


def is_missing_text(text: str) -> bool:
    """Whether ``text``, stripped, is empty or a placeholder (``NULL``, ``-``, ``#N/A``)."""
    return text.strip().upper() in MISSING


def is_clean_text(value: object) -> bool:
    """A ``str`` already in its final form: tidy (:func:`is_tidy`) and no placeholder."""
    return type(value) is str and is_tidy(value) and value.upper() not in MISSING
