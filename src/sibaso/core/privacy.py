"""The one masking rule of public views (UU 27/2022 on personal data protection).

* NIK and No. KK: keep the first 4 digits (province and kabupaten/kota) and the last 2.
* Names: keep the first letter of each word, replace the others with ``*``.

>>> mask_nik("1205014107850001")
'1205**********01'
>>> mask_name("Siti Aminah")
'S*** A*****'
>>> mask_name(None) is None
True

Identifiers that are not a clean 16-digit number (a NIK Excel turned into ``1.20511E+15``, a
NIK with a digit missing) keep their first 4 digits only; free text built from person data
(the evidence of a conflict) has every long number masked the same way:

>>> mask_identifier("1.20511E+15"), mask_identifier("120507410782001")
('1.205**E+**', '1205***********')
>>> mask_numbers("No. KK: 1205072003150001, 1205 0720 0315 0002; periode: 2024")
'No. KK: 1205**********01, 1205 **** **** ****; periode: 2024'
"""

from __future__ import annotations

import hashlib
import re

from sibaso.core.nik import mask as mask_nik

__all__ = ["mask_identifier", "mask_name", "mask_nik", "mask_numbers", "nik_digest"]

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
#: Six or more digits, single spaces, dots or hyphens between them, an exponent after.
_LONG_NUMBER = re.compile(r"\d(?:[ .\-]?\d){5,}(?:E[+\-]?\d+)?", re.IGNORECASE)
_MASKED: dict[str, str] = {}


def mask_name(name: str | None) -> str | None:
    """Each word's first letter, then one ``*`` per hidden letter; punctuation dropped."""
    if name is None:
        return None
    masked = _MASKED.get(name)
    if masked is None:
        if len(_MASKED) > 100_000:
            _MASKED.clear()
        masked = _MASKED[name] = " ".join(w[0] + "*" * (len(w) - 1) for w in _WORD.findall(name))
    return masked


def mask_identifier(value: str) -> str:
    """A NIK or No. KK as written in a list, masked: 16 digits like :func:`mask_nik`, any
    other text with every digit after the fourth replaced by ``*``."""
    if len(value) == 16 and value.isdigit():
        return mask_nik(value)
    seen = 0

    def hide(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group() if seen <= 4 else "*"

    return _DIGIT.sub(hide, value)


def mask_numbers(text: str) -> str:
    """``text`` with every run of six or more digits masked by :func:`mask_identifier`."""
    return _LONG_NUMBER.sub(lambda m: mask_identifier(m.group()), text)


def nik_digest(nik: str, secret: bytes) -> str:
    """A keyed hash of a NIK for audit logs: comparable, not reversible without the key.

    BLAKE2b in keyed mode (a MAC by design, and fast: one is made for every lookup).
    """
    return hashlib.blake2b(nik.encode("ascii"), key=secret[:64], digest_size=16).hexdigest()
