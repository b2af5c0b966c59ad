"""What the title rows above a header say about every row of the sheet.

Lists cut per kecamatan often carry the kecamatan only once, above the header
(``Kecamatan : STABAT``), or in the sheet's name (``Kec Stabat``), and not on each row.
Without it, rows have no kecamatan: complaints cannot be routed and a new list for one
kecamatan would replace the lists of all the others.

>>> rows = [(3, ("Kecamatan : STABAT",)), (4, ("Desa/Kelurahan", ": Kwala Bingai"))]
>>> title_defaults(rows, "Data")
{'kecamatan_name': 'STABAT', 'desa_name': 'Kwala Bingai'}
>>> title_defaults([(1, ("DAFTAR PENERIMA PKH",))], "Kec. Bahorok")
{'kecamatan_name': 'Bahorok'}
>>> title_defaults([(1, ("KECAMATAN", "SEI BINGAI"))], "Sheet1")
{'kecamatan_name': 'SEI BINGAI'}
>>> title_defaults([(2, ("Kecamatan : STABAT     Desa : KWALA BEGUMIT",))], "Data")
{'kecamatan_name': 'STABAT', 'desa_name': 'KWALA BEGUMIT'}
>>> title_defaults([], "Sheet1")
{}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

__all__ = ["title_defaults"]

_LABELS = {
    "kecamatan_name": re.compile(r"(?:kecamatan|kec\.?)", re.IGNORECASE),
    "desa_name": re.compile(r"(?:desa\s*/\s*kelurahan|kelurahan\s*/\s*desa|desa|kelurahan)", re.I),
}
_SEPARATOR = re.compile(r"\s*[:=]\s*")
_LABELLED = re.compile(
    r"\b(desa\s*/\s*kelurahan|kelurahan\s*/\s*desa|kecamatan|kec\.?|kelurahan|desa)\s*[:=]\s*",
    re.IGNORECASE,
)
_SHEET = re.compile(r"(?:kecamatan|kec)\.?\s+(?P<name>[A-Za-z][A-Za-z .'-]{1,40})", re.IGNORECASE)


def _label_of(text: str) -> str | None:
    for field, label in _LABELS.items():
        if label.fullmatch(text.strip().rstrip(":= ").strip()):
            return field
    return None


def _clean(value: str) -> str | None:
    value = " ".join(value.strip(" :=").split())
    return value if value and len(value) <= 60 and not value.isdigit() else None


def title_defaults(rows: Sequence[tuple[int, tuple[object, ...]]], sheet: str) -> dict[str, str]:
    """``kecamatan_name`` / ``desa_name`` given once for the whole sheet, if any.

    Read from title rows (``Kecamatan : X`` in one cell, or ``Kecamatan`` then ``: X`` or
    ``X`` in the next cell), else, for the kecamatan, from a sheet named ``Kec X``.
    """
    found: dict[str, str] = {}
    for _number, cells in rows:
        texts = [c.strip() for c in cells if isinstance(c, str) and c.strip()]
        for text in texts:  # "Kecamatan : STABAT   Desa : KWALA BEGUMIT" in one cell
            marks = list(_LABELLED.finditer(text))
            for i, mark in enumerate(marks):
                field = _label_of(mark.group(1))
                end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
                value = _clean(text[mark.end() : end])
                if field and value and field not in found:
                    found[field] = value
        for i, text in enumerate(texts):
            label, *rest_of = _SEPARATOR.split(text, maxsplit=1)
            rest = rest_of[0] if rest_of else ""
            field = _label_of(label)
            if field is None or field in found:
                continue
            value = _clean(rest) if rest.strip() else None
            if value is None and i + 1 < len(texts):
                value = _clean(texts[i + 1])
            if value is not None and _label_of(value) is None:
                found[field] = value
    if "kecamatan_name" not in found:
        for _number, cells in rows:  # "DAFTAR PENERIMA PKH KECAMATAN STABAT TAHAP II"
            for cell in cells:
                if isinstance(cell, str) and (name := _kecamatan_in_sentence(cell)):
                    found["kecamatan_name"] = name
                    break
            if "kecamatan_name" in found:
                break
    if "kecamatan_name" not in found and (match := _SHEET.fullmatch(sheet.strip())):
        found["kecamatan_name"] = match.group("name").strip()
    return found


_IN_SENTENCE = re.compile(r"\bkecamatan\s+((?:[a-z'.-]+\s*){1,4})", re.IGNORECASE)


def _kecamatan_in_sentence(text: str) -> str | None:
    """The kecamatan a title sentence names after the word KECAMATAN: the longest run of up
    to four words that is the name of a kecamatan somewhere in Indonesia.

    >>> _kecamatan_in_sentence("DAFTAR PENERIMA PKH KECAMATAN TANJUNG PURA TAHAP II")
    'TANJUNG PURA'
    >>> _kecamatan_in_sentence("REKAP PER KECAMATAN") is None
    True
    """
    match = _IN_SENTENCE.search(text)
    if not match:
        return None
    words = match.group(1).split()
    names = _kecamatan_names()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if _key(candidate) in names:
            return candidate
    return None


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


@functools.lru_cache(maxsize=1)
def _kecamatan_names() -> frozenset[str]:
    from sibaso.core.wilayah import Level, regions

    return frozenset(_key(r.name) for r in regions(level=Level.DISTRICT))
