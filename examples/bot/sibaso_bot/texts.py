"""What the bot says, in Bahasa Indonesia: help, prompts and labels.

Replies never contain a full NIK: only ``mask_nik`` output (``1205**********01``).
"""

from __future__ import annotations

import re

from sibaso.complaints import ComplaintCategory

__all__ = [
    "CATEGORY_LABELS",
    "FIELD_LABELS",
    "HELP",
    "PROMPTS",
    "SHORT_HELP",
    "VIA_LABELS",
    "category_choices",
    "parse_category",
    "wait_text",
]

HELP = (
    "Layanan informasi bansos. Perintah:\n"
    "• CEK <NIK> — program bansos yang tercatat untuk NIK (16 angka)\n"
    "• ADUAN <kategori> <isi> — kirim pengaduan, usul atau sanggah; data yang kurang "
    "akan ditanyakan satu per satu\n"
    "• STATUS <tiket> <NIK> — status pengaduan Anda\n"
    "• BATAL — batalkan pengaduan yang sedang diisi\n"
    "• BANTUAN — pesan ini\n"
    "Kategori aduan: data-tidak-sesuai, usul, sanggah, bantuan-tidak-diterima, pelayanan, "
    "lainnya.\n"
    "Contoh: ADUAN bantuan-tidak-diterima Bantuan PKH tahap 2 belum masuk.\n"
    "NIK Anda tidak pernah kami tampilkan utuh."
)

SHORT_HELP = (
    "Maaf, perintah tidak dikenali. Gunakan CEK <NIK>, ADUAN <kategori> <isi> atau "
    "STATUS <tiket> <NIK>. Kirim BANTUAN untuk penjelasan."
)

VIA_LABELS = {
    "self": "atas nama sendiri",
    "family": "lewat keluarga (KK)",
    "household": "lewat rumah tangga",
}

CATEGORY_LABELS: dict[ComplaintCategory, str] = {
    ComplaintCategory.DATA_TIDAK_SESUAI: "Data tidak sesuai",
    ComplaintCategory.USUL: "Usul (belum terdaftar, mohon didaftarkan)",
    ComplaintCategory.SANGGAH: "Sanggah (penerima yang tidak layak)",
    ComplaintCategory.BANTUAN_TIDAK_DITERIMA: "Bantuan tidak/belum diterima",
    ComplaintCategory.PELAYANAN: "Pelayanan petugas",
    ComplaintCategory.LAINNYA: "Lainnya",
}

#: Field name (as ``ComplaintService.file`` takes it) → what it is called in a reply.
FIELD_LABELS = {
    "category": "Kategori",
    "text": "Isi pengaduan",
    "reporter_nik": "NIK pelapor",
    "reporter_name": "Nama pelapor",
    "phone": "Nomor telepon",
    "programme": "Program bansos",
    "subject_nik": "NIK orang yang disanggah",
}

PROMPTS = {
    "text": "Tuliskan isi pengaduan Anda.",
    "reporter_nik": "Berapa NIK Anda (16 angka, sesuai KTP/KK)?",
    "reporter_name": "Siapa nama lengkap Anda (sesuai KTP)?",
    "phone": "Berapa nomor telepon/WhatsApp yang bisa dihubungi (08…)?",
    "programme": (
        "Program bansos apa yang dimaksud? Misalnya PKH, Sembako/BPNT, KIS/PBI-JK, KIP, KKS "
        "atau RS-RTLH."
    ),
    "subject_nik": (
        "Berapa NIK orang yang Anda sanggah? Identitas Anda sebagai pelapor tidak "
        "ditunjukkan kepada petugas kecamatan."
    ),
}

_ALIASES = {
    "belum-terdaftar": ComplaintCategory.USUL,
    "usulan": ComplaintCategory.USUL,
    "sanggahan": ComplaintCategory.SANGGAH,
    "data": ComplaintCategory.DATA_TIDAK_SESUAI,
    "bantuan-belum-diterima": ComplaintCategory.BANTUAN_TIDAK_DITERIMA,
    "belum-diterima": ComplaintCategory.BANTUAN_TIDAK_DITERIMA,
    "layanan": ComplaintCategory.PELAYANAN,
    "lain-lain": ComplaintCategory.LAINNYA,
    "lain": ComplaintCategory.LAINNYA,
}
_NUMBERED = dict(enumerate(CATEGORY_LABELS, start=1))


def parse_category(words: str) -> ComplaintCategory | None:
    """A category from its value, words (``bantuan tidak diterima``), an alias or its
    number in :func:`category_choices`; None when not recognised."""
    slug = re.sub(r"[^a-z0-9]+", "-", words.strip().lower()).strip("-")
    if slug.isdigit():
        return _NUMBERED.get(int(slug))
    if slug in _ALIASES:
        return _ALIASES[slug]
    try:
        return ComplaintCategory(slug)
    except ValueError:
        return None


def category_choices() -> str:
    """The numbered list of categories to choose from."""
    lines = [f"{n}. {c.value} — {CATEGORY_LABELS[c]}" for n, c in _NUMBERED.items()]
    return "Pilih kategori pengaduan (balas dengan angka atau namanya):\n" + "\n".join(lines)


def wait_text(seconds: int) -> str:
    """``"7 menit"`` or ``"45 detik"``."""
    if seconds < 60:
        return f"{seconds} detik"
    return f"{-(-seconds // 60)} menit"
