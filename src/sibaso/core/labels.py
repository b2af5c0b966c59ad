"""Labels for people: each stable code sibaso writes (padan status, how a programme reaches a
person, the reason a row was linked) in Bahasa Indonesia, and in English for ``--lang en``.

Codes (``matched``, ``invalid-nik``, ``self``) stay as they are in ``--json``, the HTTP API and
the database: programs rely on them. Text for people goes through :func:`label` and
:func:`reason_text`. ``tests/test_labels.py`` fails when a code has no Indonesian label.

>>> label("match", "invalid-nik"), label("match", "invalid-nik", "en")
('NIK tidak sah', 'invalid NIK')
>>> label("via", "self")
'langsung (atas nama sendiri)'
>>> reason_text("16th digit zeroed by Excel; name same")
'digit ke-16 dijadikan 0 oleh Excel; nama sama'
>>> reason_text("NIK found; name similar (initials agree with the full name)")
'NIK ditemukan; nama mirip (inisial cocok dengan nama lengkap)'
>>> reason_text("invalid NIK (bad-date); no probable match (3 candidates, other names)")
'NIK tidak sah (bad-date); tidak ada padanan yang mungkin (3 kandidat, nama lain)'
>>> reason_text("NIK found; name one letter apart; same birth date and KK")
'NIK ditemukan; nama: satu huruf beda; tanggal lahir dan KK sama'
>>> reason_text("one digit changed at position 7; same KK and birth date; name same", "en")
'one digit changed at position 7; same KK and birth date; name same'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["LABELS", "MATCH_ORDER", "label", "reason_text", "unknown_reason_parts"]

#: Padan statuses in the order reports show them.
MATCH_ORDER = (
    "matched",
    "probable",
    "not-in-population",
    "invalid-nik",
    "name-mismatch",
    "ambiguous",
    "deceased",
)

#: kind → code → (Bahasa Indonesia, English).
LABELS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "match": {
        "matched": ("padan", "matched"),
        "probable": ("kemungkinan padan", "probable"),
        "not-in-population": ("tidak ada di data penduduk", "not in the population"),
        "invalid-nik": ("NIK tidak sah", "invalid NIK"),
        "name-mismatch": ("nama berbeda", "name differs"),
        "ambiguous": ("ambigu (lebih dari satu calon)", "ambiguous (several candidates)"),
        # the match run's finding: linked to a person the population data records as dead
        "deceased": ("penerima meninggal", "recipient deceased"),
    },
    "via": {
        "self": ("langsung (atas nama sendiri)", "directly (in their own name)"),
        "family": ("lewat keluarga (KK)", "through the family (KK)"),
        "household": ("lewat rumah tangga", "through the household"),
    },
    # the targeting audit against DTSEN (sibaso.registry.audit)
    "finding": {
        "above-threshold": ("desil di atas batas", "desil above the threshold"),
        "deceased": ("penerima meninggal", "recipient deceased"),
        "not-in-dtsen": ("keluarga tidak ada di DTSEN", "family not in DTSEN"),
        "eligible-not-enrolled": ("layak tetapi tidak menerima", "eligible but not enrolled"),
    },
    # why a later list no longer holds someone (sibaso diff)
    "exit": {
        "died": ("meninggal dunia", "died"),
        "moved-out": ("pindah ke luar kabupaten", "moved out of the kabupaten"),
        "desil-above": ("desil naik di atas batas program", "desil rose above the threshold"),
        "not-found": (
            "tidak ditemukan di data kependudukan maupun DTSEN",
            "found in neither the population data nor DTSEN",
        ),
        "unknown": ("alasan tidak diketahui dari data", "the data gives no reason"),
    },
}


def label(kind: str, code: str, lang: str = "id") -> str:
    """The label of ``code`` (a ``kind`` of :data:`LABELS`); the code itself when unknown."""
    pair = LABELS.get(kind, {}).get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


# Phrases of a padan reason (sibaso.matching, sibaso.names), each an English regular
# expression and its Indonesian form; a reason is phrases joined by "; ".
_PHRASES: tuple[tuple[str, str | None], ...] = (
    (r"NIK found; same name", "NIK ditemukan; nama sama"),
    (r"NIK found; no name to compare", "NIK ditemukan; tidak ada nama untuk dibandingkan"),
    (r"NIK found; names differ", "NIK ditemukan; nama berbeda"),
    (r"NIK found", "NIK ditemukan"),
    (r"NIK not in the population", "NIK tidak ada di data penduduk"),
    (r"the person is deceased", "orang ini tercatat meninggal di data penduduk"),
    (r"no NIK given", "NIK tidak diisi"),
    (r"invalid NIK \(([a-z0-9-]+)\)", r"NIK tidak sah (\1)"),  # the NIK rule's code stays
    (r"invalid NIK", "NIK tidak sah"),
    (r"16th digit zeroed by Excel", "digit ke-16 dijadikan 0 oleh Excel"),
    (r"adjacent digits (\d+)-(\d+) swapped", r"digit ke-\1 dan ke-\2 tertukar"),
    (r"one digit changed at position (\d+)", r"satu digit berubah di posisi \1"),
    (r"one digit missing at position (\d+)", r"satu digit hilang di posisi \1"),
    (r"one extra digit at position (\d+)", r"satu digit berlebih di posisi \1"),
    (r"letters typed for digits", "huruf diketik sebagai angka"),
    (r"same KK, name and birth date", "KK, nama dan tanggal lahir sama"),
    (r"same KK and birth date", "KK dan tanggal lahir sama"),
    (r"the given NIK belongs to a different name", "NIK yang diisi milik nama lain"),
    (r"the given NIK belongs to another family", "NIK yang diisi milik keluarga lain"),
    (
        r"(\d+) people explain the NIK with an agreeing name",
        r"\1 orang cocok dengan NIK dan namanya",
    ),
    (r"no probable match", "tidak ada padanan yang mungkin"),
    (r"(\d+) candidates", r"\1 kandidat"),
    (r"other names", "nama lain"),
    (r"no name to compare", "tidak ada nama untuk dibandingkan"),
    (
        r"a birth date in the list would let KK \+ name suggest the person",
        "tanggal lahir di daftar akan membuat KK + nama dapat mengusulkan orangnya",
    ),
    (
        r"held back: only the name agrees, no birth date or KK confirms it",
        "ditahan: hanya nama yang cocok, tidak ada tanggal lahir atau KK yang menguatkan",
    ),
    (r"name one letter apart", "nama: satu huruf beda"),
    (r"same birth date and KK", "tanggal lahir dan KK sama"),
    (r"same birth date", "tanggal lahir sama"),
    (r"same KK", "KK sama"),
    (r"name same", "nama sama"),
    (r"name similar", "nama mirip"),
    (r"name different", "nama berbeda"),
    (r"names differ", "nama berbeda"),
    (r"same name after normalisation", "nama sama setelah dirapikan"),
    (r"same name apart from connectors", "nama sama kecuali kata sambung"),
    (r"same words in a different order", "kata sama, urutan berbeda"),
    (r"same letters, split differently", "huruf sama, pemisahan berbeda"),
    (r"same name, abbreviation written out", "nama sama, singkatan ditulis lengkap"),
    (r"spelling variants", "variasi ejaan"),
    (r"spelling differs", "ejaan berbeda"),
    (r"no word in common", "tidak ada kata yang sama"),
    (r"initials agree with part of the name", "inisial cocok dengan sebagian nama"),
    (r"initials agree with the full name", "inisial cocok dengan nama lengkap"),
    (r"one name is contained in the other", "satu nama termuat di nama lain"),
    (r"one name is shortened", "satu nama disingkat"),
    (r"\b(?:swap|substitution|excel|missing|extra|letters|kk)\b", None),  # rule codes stay
)
_PATTERN = re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PHRASES)))


def _one(match: re.Match[str]) -> str:
    for i, (pattern, indonesian) in enumerate(_PHRASES):
        if match.group(f"p{i}") is not None:
            if indonesian is None:
                return match.group(0)
            return re.sub(f"^(?:{pattern})$", indonesian, match.group(0))
    return match.group(0)  # pragma: no cover - one group always matched


def reason_text(reason: str | None, lang: str = "id") -> str:
    """A padan reason for people: Indonesian by default, the stored English with ``en``."""
    if not reason or lang == "en":
        return reason or ""
    return _PATTERN.sub(_one, reason)


def unknown_reason_parts(reason: str) -> list[str]:
    """The words of ``reason`` left in English after :func:`reason_text` (tests use it).

    >>> unknown_reason_parts("NIK found; name same (a brand new reason)")
    ['a brand new reason']
    """
    left = _PATTERN.sub("", reason)
    parts = re.split(r"[;,()\s]*[;()][;,()\s]*|^\s+|\s+$", left)
    return [p.strip(" ,") for p in parts if re.search(r"[a-z]{3,}", p)]
