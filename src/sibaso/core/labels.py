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

Counts people read go through :func:`number` (``5.000`` in Bahasa Indonesia, ``5,000`` in
English), field names through :func:`field_label`:

>>> number(5000), number(5000, "en"), number(1234.5, decimals=1), number(1234.5, "en", decimals=1)
('5.000', '5,000', '1.234,5', '1,234.5')
>>> field_label("reporter_nik"), field_label("reporter_nik", "en")
('NIK pelapor', "the reporter's NIK")
>>> field_label("attachments[0].size")
'lampiran 1 (ukuran)'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "LABELS",
    "MATCH_ORDER",
    "field_label",
    "label",
    "number",
    "own_text",
    "programme_description",
    "reason_text",
    "unknown_reason_parts",
]

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
    # fields of a record or of a complaint, named in messages (the code stays in --json)
    "field": {
        "nik": ("NIK", "NIK"),
        "kk": ("No. KK", "KK number"),
        "name": ("nama", "name"),
        "birth_date": ("tanggal lahir", "birth date"),
        "birth_place": ("tempat lahir", "birth place"),
        "sex": ("jenis kelamin", "sex"),
        "address": ("alamat", "address"),
        "rt": ("RT", "RT"),
        "rw": ("RW", "RW"),
        "dusun": ("dusun", "dusun"),
        "desa": ("desa/kelurahan", "desa/kelurahan"),
        "desa_code": ("kode desa/kelurahan", "desa/kelurahan code"),
        "desa_name": ("nama desa/kelurahan", "desa/kelurahan name"),
        "kecamatan": ("kecamatan", "kecamatan"),
        "kecamatan_code": ("kode kecamatan", "kecamatan code"),
        "kecamatan_name": ("nama kecamatan", "kecamatan name"),
        "kabupaten": ("kabupaten/kota", "kabupaten/kota"),
        "kabupaten_name": ("nama kabupaten/kota", "kabupaten/kota name"),
        "provinsi": ("provinsi", "province"),
        "relationship": ("hubungan dalam keluarga", "relationship in the family"),
        "religion": ("agama", "religion"),
        "marital_status": ("status perkawinan", "marital status"),
        "occupation": ("pekerjaan", "occupation"),
        "mother_name": ("nama ibu", "mother's name"),
        "death_date": ("tanggal meninggal", "date of death"),
        "status": ("status", "status"),
        "kip_flag": ("penerima KIP", "KIP recipient"),
        "kip_number": ("nomor KIP", "KIP number"),
        "nisn": ("NISN", "NISN"),
        "card_number": ("nomor kartu", "card number"),
        "programme_name": ("nama program", "programme name"),
        "batch": ("tahap", "batch"),
        "distributor": ("penyalur", "distributor"),
        "household_id": ("id rumah tangga", "household id"),
        "member_id": ("id anggota rumah tangga", "household member id"),
        "place_and_date": ("tempat dan tanggal lahir", "place and date of birth"),
        "province_code": ("kode provinsi", "province code"),
        "province_name": ("nama provinsi", "province name"),
        "regency_code": ("kode kabupaten/kota", "kabupaten/kota code"),
        "regency_name": ("nama kabupaten/kota", "kabupaten/kota name"),
        "district_code": ("kode kecamatan", "kecamatan code"),
        "alive": ("keterangan hidup/meninggal", "alive or deceased"),
        "period": ("periode", "period"),
        "decile": ("desil", "desil"),
        "participant": ("peserta", "participant"),
        "desil": ("desil", "desil"),
        "phone": ("nomor telepon", "phone number"),
        "reporter_nik": ("NIK pelapor", "the reporter's NIK"),
        "reporter_name": ("nama pelapor", "the reporter's name"),
        "subject_nik": ("NIK orang yang dimaksud", "the NIK of the person concerned"),
        "category": ("kategori", "category"),
        "programme": ("program", "programme"),
        "channel": ("saluran", "channel"),
        "text": ("isi pengaduan", "the complaint text"),
        "note": ("catatan", "note"),
        "attachments": ("lampiran", "attachments"),
        "ref": ("alamat berkas", "reference"),
        "media_type": ("jenis berkas", "file type"),
        "size": ("ukuran", "size"),
        "sha256": ("sidik SHA-256", "SHA-256"),
        "id": ("id petugas", "officer id"),
        "role": ("peran", "role"),
        "expected_version": ("versi yang diharapkan", "expected version"),
        "ticket": ("nomor tiket", "ticket number"),
    },
    # a complaint's status and category (the codes are Indonesian words already)
    "complaint-status": {
        "diterima": ("diterima", "received"),
        "diverifikasi": ("diverifikasi", "verified"),
        "diteruskan": ("diteruskan", "forwarded"),
        "selesai": ("selesai", "resolved"),
        "ditolak": ("ditolak", "rejected"),
    },
    "complaint-category": {
        "data-tidak-sesuai": ("data tidak sesuai", "data incorrect"),
        "usul": ("usul", "proposal to enrol"),
        "sanggah": ("sanggah", "objection to a recipient"),
        "bantuan-tidak-diterima": ("bantuan tidak diterima", "aid not received"),
        "pelayanan": ("pelayanan", "service"),
        "lainnya": ("lainnya", "other"),
    },
    # what kind of file an adapter reads, and the built-in adapters' titles (the English is
    # the adapter's own title; ``sibaso adapters`` shows the Indonesian)
    "adapter-kind": {
        "population": ("penduduk", "population"),
        "enrolment": ("daftar program", "programme list"),
        "household": ("rumah tangga", "household roster"),
        "dtsen-family": ("DTSEN keluarga", "DTSEN families"),
        "dtsen-member": ("DTSEN anggota", "DTSEN members"),
    },
    "adapter": {
        "bdt": ("Daftar rumah tangga BDT/PBDT", "BDT/PBDT household roster"),
        "bdt2015": ("BDT 2015 (impor OpenSID)", "BDT 2015 (OpenSID import)"),
        "dtks": ("Ekspor DTKS / DTSEN", "DTKS / DTSEN export"),
        "dukcapil": ("Ekstrak penduduk SIAK Dukcapil", "Dukcapil SIAK population extract"),
        "ewarong": (
            "Daftar e-warong Program Sembako / BPNT",
            "Program Sembako / BPNT e-warong list",
        ),
        "generic": (
            "Daftar program apa pun (nama kolom umum)",
            "Any programme list (generic header aliases)",
        ),
        "kks": ("Daftar pemegang kartu KKS", "KKS card holder list"),
        "pbi-jk": ("Daftar peserta KIS / PBI-JK", "KIS / PBI-JK participant list"),
        "regsosek": ("DTKS / Regsosek 2022 formulir K", "DTKS / Regsosek 2022 form K"),
        "rs-rtlh": ("Daftar usulan RS-RTLH (CPCL)", "RS-RTLH proposal list (CPCL)"),
        "siak": ("Ekspor SIAK (Dukcapil)", "SIAK export (Dukcapil)"),
        "siks-ng": (
            "Daftar penerima SIKS-NG (PKH, BPNT/Sembako)",
            "SIKS-NG recipient list (PKH, BPNT/Sembako)",
        ),
    },
    # the built-in programmes' descriptions (sibaso.core.lineages; the English is theirs)
    "programme": {
        "SEMBAKO": (
            "Bantuan pangan: beras, lalu voucher elektronik untuk bahan pangan di kartu KKS.",
            "Food assistance: rice, then an e-voucher for food on the KKS card.",
        ),
        "KIP": (
            "Uang tunai untuk pelajar dari keluarga miskin (Kartu Indonesia Pintar).",
            "Cash for school pupils from poor families (Kartu Indonesia Pintar).",
        ),
        "KIS": (
            "Iuran jaminan kesehatan yang dibayar negara (BPJS Kesehatan).",
            "Health insurance contributions paid by the state (BPJS Kesehatan).",
        ),
        "KKS": (
            "Uang tunai untuk keluarga miskin, disalurkan lewat Kartu Keluarga Sejahtera.",
            "Cash for poor families, paid through the Kartu Keluarga Sejahtera.",
        ),
        "PKH": (
            "Bantuan tunai bersyarat untuk keluarga (pengurusnya biasanya ibu).",
            "Conditional cash transfer to families (pengurus usually the mother).",
        ),
        "RS-RTLH": (
            "Perbaikan rumah tidak layak huni (sasarannya rumah dan rumah tangganya).",
            "Repair of unfit houses (the target is the house and its household).",
        ),
        "BST": (
            "Bantuan sosial tunai COVID-19 untuk keluarga (2020-2021).",
            "COVID-19 cash transfer to families (2020-2021).",
        ),
        "BLT-DD": (
            "Bantuan langsung tunai dari Dana Desa untuk keluarga miskin ekstrem.",
            "Village-fund cash for extremely poor families (Dana Desa).",
        ),
        "BLT-KESRA": (
            "Bantuan tunai untuk keluarga termiskin (Oktober-Desember 2025).",
            "Cash for the poorest families (October-December 2025).",
        ),
        "PBI-PEMDA": (
            "Iuran jaminan kesehatan yang dibayar pemda (APBD).",
            "Health insurance contributions paid by the pemda (APBD).",
        ),
        "SEKOLAH-RAKYAT": (
            "Sekolah berasrama untuk anak dari keluarga termiskin (2025-).",
            "Boarding schools for children of the poorest families (2025-).",
        ),
        "ATENSI": (
            "Rehabilitasi sosial perorangan berdasarkan asesmen.",
            "Assessment-based social rehabilitation for individuals.",
        ),
        "PENA": (
            "Modal usaha untuk keluarga yang lulus dari bansos.",
            "Enterprise capital for families graduating out of bansos.",
        ),
        "PERMAKANAN": (
            "Makanan untuk lanjut usia dan penyandang disabilitas.",
            "Meals for the elderly and persons with disabilities.",
        ),
    },
}


def label(kind: str, code: str, lang: str = "id") -> str:
    """The label of ``code`` (a ``kind`` of :data:`LABELS`); the code itself when unknown."""
    pair = LABELS.get(kind, {}).get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]


_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def number(value: float, lang: str = "id", *, decimals: int = 0) -> str:
    """A count (or a measure) as people read it: ``.`` groups thousands in Bahasa Indonesia
    and ``,`` marks decimals; English the other way round. The one rule for every count a
    person reads (CLI, reports, portal, bot).

    >>> number(2114), number(2114, "en"), number(-1500000), number(7)
    ('2.114', '2,114', '-1.500.000', '7')
    >>> number(0.25, decimals=2), number(12.5, "en", decimals=1)
    ('0,25', '12.5')
    """
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.translate(_SWAP_SEPARATORS)


def field_label(field: str, lang: str = "id") -> str:
    """A field for people (``reporter_nik`` → ``NIK pelapor``); an item of a list is counted
    from 1 (``attachments[0].size`` → ``lampiran 1 (ukuran)``); an unknown field as given."""
    match = re.fullmatch(r"([a-z_]+)\[(\d+)\]\.?([a-z_0-9]*)", field)
    if match:
        head = f"{label('field', match[1], lang)} {int(match[2]) + 1}"
        return f"{head} ({label('field', match[3], lang)})" if match[3] else head
    if "." in field:
        first, _, rest = field.partition(".")
        return f"{field_label(first, lang)} ({field_label(rest, lang)})"
    return label("field", field, lang)


def own_text(kind: str, code: str, english: str, lang: str = "id") -> str:
    """A text whose English belongs to something else (a programme's description, an
    adapter's title): its Indonesian form while that English is unchanged, else the English.

    >>> own_text("adapter", "kks", "KKS card holder list")
    'Daftar pemegang kartu KKS'
    >>> own_text("adapter", "kks", "A list someone renamed"), own_text("adapter", "x", "X")
    ('A list someone renamed', 'X')
    """
    pair = LABELS.get(kind, {}).get(code)
    if lang == "en" or pair is None or pair[1] != english:
        return english
    return pair[0]


def programme_description(code: str, description: str, lang: str = "id") -> str:
    """A programme's description for people: the catalogue's English ``description``, or its
    Indonesian form for a built-in programme whose description is unchanged."""
    return own_text("programme", code, description, lang)


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
