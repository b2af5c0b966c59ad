"""One line of address for people to read: street or dusun, RT, RW, desa and kecamatan.

Population files give an address in pieces (``alamat``, ``dusun``, ``rt``, ``rw``, the desa
and kecamatan as a Kemendagri code, a name or both); programme lists often give only the
desa and kecamatan. Every place a person or an officer reads an address (the officer lookup,
the audit workbook) composes it here, so the desa is never left out: its name is taken from
the file, else from the region table by its code.

>>> address_line(street="Dusun III", rt="2", rw="1", desa_code="12.05.01.2002",
...              kecamatan_code="12.05.01")
'Dusun III, RT 002, RW 001, Desa Lau Damak, Kec. Bahorok'
>>> address_line(desa_name="SEI BAMBAN", kecamatan_name="STABAT")
'Desa/Kel. SEI BAMBAN, Kec. STABAT'
>>> address_line(street="JL. MELATI NO. 5 RT 03 / RW 01", rt="3", rw="1",
...              desa_code="12.05.01.1001", desa_name="Kel. Pekan Bahorok")
'JL. MELATI NO. 5 RT 03 / RW 01, Kel. Pekan Bahorok'
>>> address_line() is None
True
"""

from __future__ import annotations

import re

from sibaso.core import wilayah

__all__ = ["address_line", "desa_label", "region_name"]

_HAS_RT = re.compile(r"\bRT\b", re.IGNORECASE)
_HAS_RW = re.compile(r"\bRW\b", re.IGNORECASE)
_DESA_WORDS = ("desa", "ds.", "kel.", "kelurahan", "nagari", "gampong", "kampung")
_KEC_WORDS = ("kec.", "kecamatan", "distrik")


def region_name(code: str | None) -> str | None:
    """The name of a Kemendagri region code, or None when the table does not know it."""
    found = wilayah.lookup(code) if code else None
    return found.name if found else None


def _number(value: str | None) -> str | None:
    text = str(value).strip() if value is not None else ""
    if not text or not any(ch.isalnum() for ch in text):
        return None
    return text.zfill(3) if text.isdigit() else text


def desa_label(desa_code: str | None, desa_name: str | None) -> str | None:
    """``Desa NAME`` or ``Kel. NAME`` (Kemendagri desa codes start with 2, kelurahan with 1).

    >>> desa_label("12.05.01.1001", None), desa_label(None, "Pantai Cermin")
    ('Kel. Pekan Bahorok', 'Desa/Kel. Pantai Cermin')
    >>> desa_label("12.05.99.2001", None)  # a code the table does not know
    'Desa/Kel. 12.05.99.2001'
    """
    name = (desa_name or "").strip() or region_name(desa_code)
    if not name:
        return f"Desa/Kel. {desa_code}" if desa_code else None
    if name.casefold().startswith(_DESA_WORDS):
        return name
    serial = (desa_code or "").replace(".", "")[6:]
    kind = {"1": "Kel.", "2": "Desa"}.get(serial[:1], "Desa/Kel.") if len(serial) == 4 else None
    return f"{kind or 'Desa/Kel.'} {name}"


def address_line(
    *,
    street: str | None = None,
    rt: str | None = None,
    rw: str | None = None,
    desa_code: str | None = None,
    desa_name: str | None = None,
    kecamatan_code: str | None = None,
    kecamatan_name: str | None = None,
) -> str | None:
    """The address in one line, or None when nothing is known. RT and RW are added unless
    the street already writes them; names come from the file, else from the region table."""
    parts: list[str] = []
    text = (street or "").strip()
    if text:
        parts.append(text)
    if (number := _number(rt)) and not _HAS_RT.search(text):
        parts.append(f"RT {number}")
    if (number := _number(rw)) and not _HAS_RW.search(text):
        parts.append(f"RW {number}")
    desa = desa_label(desa_code, desa_name)
    if desa and desa.casefold() not in text.casefold():
        parts.append(desa)
    kec = (kecamatan_name or "").strip() or region_name(kecamatan_code)
    if kec and kec.casefold() not in text.casefold():
        parts.append(kec if kec.casefold().startswith(_KEC_WORDS) else f"Kec. {kec}")
    return ", ".join(parts) or None
