"""BPS region codes (as DTSEN writes them) to Kemendagri codes, by names within the kabupaten.

BPS and Kemendagri number regions differently: Langkat is ``1213`` at BPS and ``12.05`` at
Kemendagri, and a BPS ``kode_kecamatan`` has 7 digits (``1213010``). The codes cannot be
read as NIK-style codes, so a :class:`BpsMapper` maps each place by its *names*: the
province by its code (the same at both) or name, the kabupaten/kota by its name among the
province's, the kecamatan by its name among the kabupaten's, the desa by its name among the
kecamatan's. Names are compared without case, spaces, punctuation and the usual prefixes and
abbreviations (``Kec.``, ``Kab.``, ``Tj.`` = Tanjung, ``Sei`` = Sungai), and former names count.

>>> mapper = BpsMapper()
>>> mapper.kecamatan("12", "SUMATERA UTARA", "LANGKAT", "STABAT")
'12.05.07'
>>> mapper.desa("12.05.07", "KWALA BEGUMIT")
'12.05.07.2002'
>>> mapper.kecamatan("12", None, "KAB. LANGKAT", "TANJUNGPURA"), mapper.kecamatan(
...     "12", None, "LANGKAT", "ATLANTIS")
('12.05.11', None)
>>> normal_name("Kec. Tj. Pura"), normal_name("SEI BINGAI") == normal_name("Sungai Bingai")
('tanjungpura', True)
"""

from __future__ import annotations

import functools
import re

from sibaso.core import wilayah

__all__ = ["BpsMapper", "normal_name"]

_WORDS = {"tj": "tanjung", "sei": "sungai", "pd": "padang", "kp": "kampung", "kt": "kota"}
_PREFIXES = ("kec", "kecamatan", "kel", "kelurahan", "desa", "kab", "kabupaten")


def normal_name(name: str) -> str:
    """A region name reduced for comparison: lower case, no spaces or punctuation, no
    ``Kec.``/``Kab.``/``Kel.``/``Desa`` prefix, common abbreviations spelt out."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    if len(words) > 1 and words[0] in _PREFIXES:
        words = words[1:]
    return "".join(_WORDS.get(w, w) for w in words)


def _regency_key(name: str) -> str:
    """Kabupaten and kota of one name differ (Kabupaten Pasuruan, Kota Pasuruan)."""
    words = re.findall(r"[a-z0-9]+", name.casefold())
    kind = "kota" if words[:1] == ["kota"] else "kab"
    if words and words[0] in ("kota", "kab", "kabupaten"):
        words = words[1:]
    return kind + ":" + "".join(_WORDS.get(w, w) for w in words)


@functools.lru_cache(maxsize=64)
def _regencies(province: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for region in wilayah.regencies_of(province):
        for name in (region.name, *region.former_names):
            found.setdefault(_regency_key(name), region.code)
    return found


@functools.lru_cache(maxsize=1024)
def _kecamatan(regency: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for region in wilayah.kecamatan_of(regency):
        for name in (region.name, *region.former_names):
            found.setdefault(normal_name(name), region.code)
    return found


@functools.lru_cache(maxsize=4096)
def _desa(kecamatan: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for region in wilayah.desa_of(kecamatan):
        for name in (region.name, *region.former_names):
            found.setdefault(normal_name(name), region.code)
    return found


class BpsMapper:
    """Maps DTSEN's places to Kemendagri codes by name, remembering each answer."""

    def __init__(self) -> None:
        self._province_names = {
            normal_name(r.name): r.code
            for r in wilayah.regions(level=wilayah.Level.PROVINCE)
            if not r.retired
        }

    def province(self, code: str | None, name: str | None) -> str | None:
        """The province: its name when given and known, else its 2-digit code."""
        if name:
            found = self._province_names.get(normal_name(name))
            if found:
                return found
        digits = re.sub(r"\D", "", code or "")[:2]
        region = wilayah.lookup(digits) if len(digits) == 2 else None
        return region.code if region is not None and not region.retired else None

    def regency(self, province: str | None, name: str | None) -> str | None:
        """The kabupaten/kota of this name in the province (``Kab.``/``Kota`` respected; a
        bare name is a kabupaten, else the kota of that name)."""
        if not province or not name:
            return None
        table = _regencies(province)
        key = _regency_key(name)
        found = table.get(key)
        if found is None and key.startswith("kab:"):
            found = table.get("kota:" + key[4:])
        return found

    def kecamatan(
        self,
        province_code: str | None,
        province_name: str | None,
        regency_name: str | None,
        kecamatan_name: str | None,
    ) -> str | None:
        """The Kemendagri kecamatan code (``12.05.07``) of a place named by BPS, or None."""
        if not kecamatan_name:
            return None
        regency = self.regency(self.province(province_code, province_name), regency_name)
        if regency is None:
            return None
        return _kecamatan(regency).get(normal_name(kecamatan_name))

    def desa(self, kecamatan_code: str | None, desa_name: str | None) -> str | None:
        """The Kemendagri desa code (``12.05.07.2002``) of a desa named within a kecamatan."""
        if not kecamatan_code or not desa_name:
            return None
        return _desa(kecamatan_code).get(normal_name(desa_name))
