"""The canonical fields sibaso reads from source files, with the header spellings seen for each.

Header text is compared by :func:`header_key`: case-folded, with everything but letters and
digits removed, so ``NIK``, ``N I K``, ``NIK_KTP``, ``nomorNIK`` and ``"NOMOR\\nNIK"`` become
``nik``, ``nik``, ``nikktp``, ``nomornik`` and ``nomornik``. Aliases below are written as
people write them; they are keyed the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["FIELDS", "IDENTITY_FIELDS", "header_key"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=4096)
def header_key(text: object) -> str:
    """Compare header cells by letters and digits only: ``'No. KK'`` → ``'nokk'``."""
    if text is None:
        return ""
    if type(text) is str and text.isascii() and text.isalnum():
        return text.lower()  # the same, without the regular expression (codes, one word)
    return _NON_ALNUM.sub("", str(text).casefold())


#: canonical field → header spellings (any case, spacing or punctuation).
FIELDS: dict[str, tuple[str, ...]] = {
    "nik": (
        "NIK",
        "NIK KTP",
        "NOMOR NIK",
        "NO NIK",
        "NIK PENERIMA",
        "NIK KPM",
        "NIK ART",
        "NIK ANGGOTA",
        "NIK PENGURUS",
        "NIK PESERTA",
        "NIK CPCL",
        "NIK NASIONAL",
        "NIK PENERIMA MANFAAT",
        "NIK SISWA",
        "NIK PESERTA DIDIK",
        "NO. INDUK KEPENDUDUKAN",
        "NOMOR INDUK KEPENDUDUKAN",
        "NO KTP",
        "NOMOR KTP",
        "NIK KEPALA KELUARGA",
        "NIK KK",
        "NIK KRT",
        "NIK KEPALA RUMAH TANGGA",
        "NIK PEMEGANG KKS",
        "NIK SESUAI KTP",
    ),
    "kk": (
        "NO KK",
        "NOKK",
        "NOMOR KK",
        "NO. KK",
        "NKK",
        "NO KARTU KELUARGA",
        "NOMOR KARTU KELUARGA",
        "NOKK DTKS",
        "NOKK KPM",
        "NO KK KPM",
        "KK",
        "NOMOR KK KPM",
    ),
    "name": (
        "NAMA",
        "NAMA LENGKAP",
        "NAMA LGKP",
        "NAMA PENERIMA",
        "NAMA KPM",
        "NAMA ART",
        "NAMA CPCL",
        "NAMA PESERTA",
        "NAMA PESERTA DIDIK",
        "NAMA SISWA",
        "NAMA PENGURUS",
        "NAMA ANGGOTA",
        "NM PENERIMA",
        "NAMA PENERIMA MANFAAT",
        "NAMA KEPALA KELUARGA",
        "NAMA PEMEGANG",
        "NAMA PEMEGANG KKS",
        "NAMA PEMEGANG KARTU",
        "NAMA KRT",
        "NAMA KEPALA RUMAH TANGGA",
        "NAMA SESUAI KTP",
        "NAMA LENGKAP SESUAI KTP",
        "NAMA SESUAI KK",
        "NAMA PENDUDUK",
    ),
    "sex": (
        "JENIS KELAMIN",
        "JK",
        "JNS KEL",
        "JNSKEL",
        "JENIS KLMIN",
        "KELAMIN",
        "L/P",
        "SEX",
        "GENDER",
    ),
    "birth_place": ("TEMPAT LAHIR", "TMPT LHR", "TMP LAHIR", "TMPLAHIR", "TEMPAT LHR"),
    "birth_date": (
        "TANGGAL LAHIR",
        "TGL LAHIR",
        "TGL LHR",
        "TGLLAHIR",
        "TANGGAL LHR",
        "TGL. LAHIR",
    ),
    "place_and_date": ("TEMPAT TANGGAL LAHIR", "TTL", "TEMPAT/TGL LAHIR", "TEMPAT, TGL LAHIR"),
    "relationship": (
        "STAT HBKEL",
        "HUB KRT",
        "HUBUNGAN KELUARGA",
        "SHDK",
        "HUBUNGAN DENGAN KEPALA KELUARGA",
        "HUB KEL",
        "HUBUNGAN",
        "HUB KK",
        "STATUS HUBUNGAN DALAM KELUARGA",
        "HUBUNGAN DENGAN KRT",
        "HUBUNGAN DG KK",
        "HUBUNGAN DENGAN KK",
        "HUB. KELUARGA",
        "HUB DG KK",
        "STATUS HUBUNGAN DALAM RUMAH TANGGA",
        "HUBUNGAN DALAM RUMAH TANGGA",
        "HUBUNGAN DENGAN KEPALA RUMAH TANGGA",
    ),
    "address": ("ALAMAT", "ALAMAT LENGKAP", "JALAN", "ALAMAT RUMAH", "DUSUN"),
    "rt": ("RT",),
    "rw": ("RW",),
    "province_code": ("NO PROP", "KD PROP", "KODE PROVINSI", "KODE PROP", "KDPROV"),
    "regency_code": ("NO KAB", "KD KAB", "KODE KABUPATEN", "KODE KAB", "KDKAB"),
    "district_code": ("NO KEC", "KD KEC", "KDKEC", "KODE KECAMATAN", "KODE KEC"),
    "desa_code": (
        "NO KEL",
        "KD KEL",
        "KD DESA",
        "KODE DESA",
        "KODE KELURAHAN",
        "KDDESA",
        "KODE DESA/KELURAHAN",
        "KODE WILAYAH",
        "KD WILAYAH",
        "KODE WIL",
    ),
    "province_name": ("PROP NAME", "NM PROP", "PROVINSI", "NAMA PROVINSI", "NMPROP", "PROV"),
    "regency_name": (
        "KAB NAME",
        "NM KAB",
        "KABUPATEN",
        "KABUPATEN/KOTA",
        "NAMA KABUPATEN",
        "NMKAB",
        "KAB/KOTA",
    ),
    "kecamatan_name": (
        "KEC NAME",
        "NM KEC",
        "KECAMATAN",
        "NAMA KECAMATAN",
        "NMKEC",
        "KEC",
        "NAMA KEC",
        "NM KECAMATAN",
    ),
    "desa_name": (
        "KEL NAME",
        "NM KEL",
        "KELURAHAN",
        "DESA",
        "DESA/KELURAHAN",
        "NAMA DESA",
        "NMKEL",
        "KELURAHAN/DESA",
        "NAMA KELURAHAN",
        "DESA KELURAHAN",
        "NAMA KEL",
        "NAMA DESA/KELURAHAN",
        "NM DESA",
        "NM KELURAHAN",
    ),
    "household_id": (
        "IDBDT",
        "ID BDT",
        "ID RUMAH TANGGA",
        "ID RT",
        "IDRUTA",
        "ID DTKS",
        "IDDTKS",
        "ID KELUARGA DTSEN",
        "NOMOR RUMAH TANGGA",
        "NO RUMAH TANGGA",
        "NO RTM",
        "NOMOR RTM",
        "ID RTM",
    ),
    "member_id": ("IDARTBDT", "ID ART BDT", "ID ART", "IDART"),
    "alive": ("STAT HIDUP", "STATUS HIDUP", "KETERANGAN HIDUP", "STATUS DASAR"),
    "status": (
        "STATUS",
        "STATUS KPM",
        "STATUS PENERIMA",
        "KET",
        "KETERANGAN STATUS",
        "STATUS DATA",
        "STATUS BANTUAN",
        "STATUS PENYALURAN",
    ),
    "card_number": (
        "NOMOR KARTU",
        "NO KARTU",
        "NO KIS",
        "NOMOR KIS",
        "NO KARTU JKN",
        "NO KARTU BPJS",
        "NOMOR KARTU JKN",
        "NO KKS",
        "NOMOR KKS",
        "NO PKH",
    ),
    "nisn": ("NISN",),
    "kip_flag": ("PENERIMA KIP", "PENERIMA PIP", "LAYAK PIP"),
    "kip_number": ("NOMOR KIP", "NO KIP", "NO. KIP", "NOMOR KARTU KIP"),
    "programme_name": (
        "BANSOS",
        "PROGRAM",
        "JENIS BANTUAN",
        "NAMA PROGRAM",
        "PROGRAM BANSOS",
        "JENIS BANSOS",
    ),
    "batch": ("KODE BATCH PENYALURAN", "BATCH", "KODE BATCH"),
    "period": ("TAHAP", "PERIODE", "TAHUN ANGGARAN", "TAHUN"),
    "distributor": ("PENYALURAN OLEH", "BANK PENYALUR", "PENYALUR"),
    "decile": ("DESIL", "DESIL NASIONAL", "PERINGKAT KESEJAHTERAAN"),
    # OpenSID's programme and supplement imports: the participant's key, whose meaning the
    # programme's sasaran gives (1 a NIK, 2 a No. KK, 3 a household number)
    "participant": ("PESERTA", "ID PESERTA", "KODE PESERTA"),
}

#: Fields that can identify the person, family or household a row is about.
IDENTITY_FIELDS = frozenset({"nik", "kk", "household_id", "member_id", "participant"})
