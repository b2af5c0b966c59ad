"""Text as sources write it: when a value is already clean, and which placeholders mean "none".

The one definition of a *clean* text value: what :func:`sibaso.adapters.values.text_cell`
returns unchanged. A fast path may skip the cleaning for such a value (and only for it).

>>> is_clean_text("SITI AMINAH"), is_clean_text(" SITI"), is_clean_text("SITI  AMINAH")
(True, False, False)
>>> is_clean_text("SITI\\nAMINAH"), is_clean_text("-"), is_clean_text("n/a"), is_clean_text(12)
(False, False, False, False)
>>> is_missing_text("NULL"), is_missing_text(" #N/A "), is_missing_text("0")
(True, True, False)
"""

from __future__ import annotations

__all__ = ["MISSING", "is_clean_text", "is_missing_text", "is_tidy"]

#: Upper-cased placeholders that mean "no value" in every column (Excel's errors included).
MISSING = frozenset(
    (
        *("", "-", "--", "---", "NULL", "N/A", "#N/A"),
        *("#NULL!", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!"),
    )
)


def is_tidy(text: str) -> bool:
    """Printable, with no space at either end and no two spaces in a row."""
    return text.isprintable() and text[:1] != " " and text[-1:] != " " and "  " not in text


def is_missing_text(text: str) -> bool:
    """Whether ``text``, stripped, is empty or a placeholder (``NULL``, ``-``, ``#N/A``)."""
    return text.strip().upper() in MISSING


def is_clean_text(value: object) -> bool:
    """A ``str`` already in its final form: tidy (:func:`is_tidy`) and no placeholder."""
    return type(value) is str and is_tidy(value) and value.upper() not in MISSING
