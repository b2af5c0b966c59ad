"""Which kecamatan a list row is in, as a Kemendagri code when its name can be resolved.

Lists spell the same kecamatan many ways (``TANJUNG PURA``, ``Tanjungpura``, ``Tj. Pura``,
``Kec. Tanjung Pura``, ``120511``). Replacing a list per kecamatan, and counting per
kecamatan, needs one key for all of them: the code, looked up among the kecamatan of the
kabupaten the row's NIK (or KK) was issued in.

>>> kecamatan_key(None, "Tj. Pura", "1205114107820001")
'12.05.11'
>>> kecamatan_key(None, "SEI BINGAI", "1205114107820001"), kecamatan_key("12.05.07", None, None)
('12.05.04', '12.05.07')
>>> kecamatan_key(None, "Kampung Entah", "1205114107820001")
'KAMPUNG ENTAH'
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from sibaso.core.bps import normal_name
from sibaso.core.wilayah import kecamatan_of

__all__ = ["kecamatan_key", "resolve_with_the_lists_kabupaten"]

_normal = normal_name  # one rule for region names: sibaso.core.bps.normal_name


@functools.lru_cache(maxsize=1024)
def _names_of(regency: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for region in kecamatan_of(regency):
        for name in (region.name, *region.former_names):
            found.setdefault(_normal(name), region.code)
    return found


@functools.lru_cache(maxsize=65536)
def _resolve(name: str, regency: str) -> str | None:
    digits = name.replace(".", "").strip()
    if len(digits) == 6 and digits.isdigit():
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:]}"
    return _names_of(regency).get(_normal(name))


def kecamatan_key(code: str | None, name: str | None, nik_or_kk: str | None) -> str | None:
    """The kecamatan's code when known or resolvable, else its name in capitals."""
    if code:
        return code
    if not name:
        return None
    if nik_or_kk and len(nik_or_kk) >= 4 and nik_or_kk[:4].isdigit():
        found = _resolve(name, f"{nik_or_kk[:2]}.{nik_or_kk[2:4]}")
        if found:
            return found
    return name.upper()


_CODE = re.compile(r"\d\d\.\d\d\.\d\d")


def resolve_with_the_lists_kabupaten(keys: set[str]) -> set[str]:
    """Names still unresolved (rows of people who moved in, whose NIK is from elsewhere)
    looked up in the kabupaten most of the list's kecamatan are in.

    >>> sorted(resolve_with_the_lists_kabupaten({"12.05.07", "12.05.01", "PEMATANG JAYA"}))
    ['12.05.01', '12.05.07', '12.05.23']
    """
    regencies = Counter(key[:5] for key in keys if _CODE.fullmatch(key))
    if not regencies:
        return keys
    regency = regencies.most_common(1)[0][0]
    return {key if _CODE.fullmatch(key) else (_resolve(key, regency) or key) for key in keys}
