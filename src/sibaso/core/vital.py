"""Vital status: whether a source records a person as dead. The one rule, used by every path.

Population sources write death in several ways; each is read here and nowhere else:

* Dukcapil SIAK ``STAT_HIDUP``: ``1`` hidup, ``2`` mati (also written out, ``MENINGGAL DUNIA``);
* the SIAK export's ``Status`` column: ``Hidup`` / ``Mati``;
* OpenSID ``status_dasar`` (table ``tweb_status_dasar``): ``1`` HIDUP, ``2`` MATI, ``3`` PINDAH,
  ``4`` HILANG, ``6`` PERGI, ``9`` TIDAK VALID. Only ``2`` records a death: a person who moved,
  went away or is missing is alive as far as the source knows, so stays alive here;
* a "status hidup" yes/no column: ``Tidak`` / ``0`` (not alive);
* words officers type: ``Meninggal``, ``Meninggal Dunia``, ``Wafat``, ``Almarhum(ah)``, ``Alm.``,
  with or without a code in front (``2. MATI``, ``2 - Meninggal Dunia``).

Anything else (empty, unknown, a moved or missing person) is *not* a death: wrongly marking a
living person dead would drop a real beneficiary, which is worse than the reverse.

>>> [is_deceased(s) for s in ("MENINGGAL DUNIA", "Mati", "meninggal", 2, "2. MATI", "Alm.")]
[True, True, True, True, True, True]
>>> [is_deceased(s) for s in ("1", "HIDUP", 3, "PINDAH", "Hilang", "", None, "Aktif", 2.5)]
[False, False, False, False, False, False, False, False, False]
>>> vital_status("MENINGGAL DUNIA"), vital_status("1. Hidup"), vital_status("PINDAH")
(False, True, True)
>>> vital_status("bukan status"), vital_status(None), vital_status(object())
(None, None, None)
"""

from __future__ import annotations

import re

__all__ = ["DECEASED", "LIVING", "is_alive", "is_deceased", "vital_status"]

#: Words and codes (upper case, words separated by one space) that record a death.
DECEASED = frozenset(
    (
        "2",
        "0",
        "MATI",
        "MENINGGAL",
        "MENINGGAL DUNIA",
        "SUDAH MENINGGAL",
        "SUDAH MENINGGAL DUNIA",
        "TELAH MENINGGAL",
        "TELAH MENINGGAL DUNIA",
        "WAFAT",
        "ALMARHUM",
        "ALMARHUMAH",
        "ALM",
        "TIDAK",
    )
)
#: Words and codes that record a person as living (moved, gone or missing people included).
LIVING = frozenset(
    (
        *("1", "3", "4", "5", "6", "9", "HIDUP", "MASIH HIDUP", "YA", "ADA", "PINDAH", "HILANG"),
        *("PERGI", "TIDAK VALID", "PINDAH KELUAR", "PINDAH DATANG", "DATANG", "LAHIR"),
    )
)
_NOT_ALNUM = re.compile(r"[\W_]+")
_CODE_THEN_WORDS = re.compile(r"(\d) ([A-Z ]+)")


def _key(value: object) -> str | None:
    """The status as an upper-case key, or None when there is none."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not -100 < value < 100 or value != int(value):  # NaN, infinity, 2.5, 10**5000
            return None
        return str(int(value))
    if not isinstance(value, str):
        return None
    text = _NOT_ALNUM.sub(" ", value.upper()).strip()
    if text.endswith(" 0") and text[:-2].isdigit():  # "2.0" as Excel writes a number
        text = text[:-2]
    return text or None


def vital_status(value: object) -> bool | None:
    """True for a status recording a living person, False for a death, None when unknown.

    Never raises, whatever ``value`` is.
    """
    key = _key(value)
    if key is None:
        return None
    if key in DECEASED:
        return False
    if key in LIVING:
        return True
    pair = _CODE_THEN_WORDS.fullmatch(key)  # "2 MATI": the code and the words must agree
    if pair is not None:
        code, words = vital_status(pair[1]), vital_status(pair[2])
        if code is not None and code == words:
            return code
    return None


def is_deceased(value: object) -> bool:
    """True only when ``value`` records a death (see the module's vocabulary)."""
    return vital_status(value) is False


def is_alive(value: object) -> bool:
    """The ``alive`` of a record whose source wrote ``value``: alive unless it records a death."""
    return vital_status(value) is not False
