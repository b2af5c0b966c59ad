"""The one masking rule of public views (UU 27/2022 on personal data protection).

* NIK and No. KK: keep the first 4 digits (province and kabupaten/kota) and the last 2.
* Names: keep the first letter of each word, replace the others with ``*``.

>>> mask_nik("1205014107850001")
'1205**********01'
>>> mask_name("Siti Aminah")
'S*** A*****'
>>> mask_name(None) is None
True
"""

from __future__ import annotations

import hashlib
import re

from sibaso.core.nik import mask as mask_nik

__all__ = ["mask_name", "mask_nik", "nik_digest"]

_WORD = re.compile(r"\w+")
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


def nik_digest(nik: str, secret: bytes) -> str:
    """A keyed hash of a NIK for audit logs: comparable, not reversible without the key.

    BLAKE2b in keyed mode (a MAC by design, and fast: one is made for every lookup).
    """
    return hashlib.blake2b(nik.encode("ascii"), key=secret[:64], digest_size=16).hexdigest()
