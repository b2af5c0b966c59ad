"""What the portal says, in Bahasa Indonesia: labels, dates and region names.

These are the template filters and globals; they show only what the library hands over
(masked NIKs and names on public pages), so nothing here masks or checks anything.
"""

from __future__ import annotations

import datetime

import sibaso
from sibaso.complaints import ComplaintCategory, ComplaintStatus
from sibaso.core.localtime import to_local
from sibaso.programmes import default_catalogue

__all__ = [
    "CATEGORY_LABELS",
    "FIELD_LABELS",
    "ROLE_LABELS",
    "STATUS_LABELS",
    "VIA_LABELS",
    "address_text",
    "category_label",
    "date_text",
    "kecamatan_text",
    "programme_choices",
    "status_label",
    "wait_text",
]

STATUS_LABELS = {
    ComplaintStatus.DITERIMA.value: "Diterima — menunggu diperiksa petugas",
    ComplaintStatus.DIVERIFIKASI.value: "Diverifikasi — sedang diperiksa petugas",
    ComplaintStatus.DITERUSKAN.value: "Diteruskan ke instansi yang berwenang",
    ComplaintStatus.SELESAI.value: "Selesai",
    ComplaintStatus.DITOLAK.value: "Ditolak",
}

CATEGORY_LABELS = {
    ComplaintCategory.DATA_TIDAK_SESUAI.value: "Data tidak sesuai",
    ComplaintCategory.USUL.value: "Usul — belum terdaftar, mohon didaftarkan",
    ComplaintCategory.SANGGAH.value: "Sanggah — ada penerima yang tidak layak",
    ComplaintCategory.BANTUAN_TIDAK_DITERIMA.value: "Bantuan tidak/belum diterima",
    ComplaintCategory.PELAYANAN.value: "Pelayanan petugas",
    ComplaintCategory.LAINNYA.value: "Lainnya",
}

VIA_LABELS = {
    "self": "atas nama sendiri",
    "family": "lewat keluarga (KK)",
    "household": "lewat rumah tangga",
}

ROLE_LABELS = {
    "public": "Pelapor",
    "tksk": "TKSK",
    "pendamping-pkh": "Pendamping PKH",
    "operator": "Operator Dinas Sosial",
    "admin": "Admin Dinas Sosial",
}

#: Field names as ``ComplaintService.file`` takes them → the label on the form.
FIELD_LABELS = {
    "category": "Jenis pengaduan",
    "programme": "Program bansos",
    "reporter_nik": "NIK Anda",
    "reporter_name": "Nama lengkap",
    "phone": "Nomor telepon/WhatsApp",
    "subject_nik": "NIK orang yang dimaksud",
    "text": "Isi pengaduan",
    "channel": "Saluran",
    "attachments": "Lampiran",
}

_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def status_label(value: str) -> str:
    """``"diterima"`` → ``"Diterima — menunggu diperiksa petugas"``."""
    return STATUS_LABELS.get(value, value)


def category_label(value: str) -> str:
    """``"usul"`` → ``"Usul — belum terdaftar, mohon didaftarkan"``."""
    return CATEGORY_LABELS.get(value, value)


def date_text(value: datetime.date | datetime.datetime | None, *, time: bool = False) -> str:
    """``2 Maret 2026`` (a moment in local time, WIB unless ``SIBASO_TZ`` says WITA/WIT;
    ``time=True`` adds ``10.00 WIB``)."""
    if value is None:
        return "-"
    if isinstance(value, datetime.datetime):
        moment = to_local(value)
        day = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
        return f"{day} {moment:%H.%M} {moment.tzname()}" if time else day
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def address_text(address: dict[str, str | None] | None) -> str:
    """An address from the parts that are known; nothing is shown for a part that is missing.

    >>> address_text({"street": "Jl. Proklamasi 3", "rt": "002", "rw": "001",
    ...               "desa_name": "Kwala Bingai", "kecamatan_name": "Stabat"})
    'Jl. Proklamasi 3, RT 002/RW 001, Kwala Bingai, Stabat'
    >>> address_text({"rt": "002", "kecamatan_code": "12.05.07"})
    'RT 002, 12.05.07'
    >>> address_text({"street": None, "rt": None, "rw": None}), address_text(None)
    ('alamat tidak tercatat', 'alamat tidak tercatat')
    """
    a = address or {}
    rt_rw = " / ".join(f"{k.upper()} {a[k]}" for k in ("rt", "rw") if a.get(k)).replace(" / ", "/")
    parts = [
        a.get("street"),
        rt_rw,
        a.get("desa_name"),
        a.get("kecamatan_name") or a.get("kecamatan_code"),
    ]
    return ", ".join(p for p in parts if p) or "alamat tidak tercatat"


def kecamatan_text(code: str | None) -> str:
    """``"12.05.07"`` → ``"Kecamatan Stabat (12.05.07)"``; the code alone when unknown."""
    if not code:
        return "-"
    digits = code.replace(".", "")
    names = sibaso.RegionNames.from_digits(digits) if len(digits) == 6 else None
    if names is None or not names.district:
        return code
    return f"Kecamatan {names.district} ({code})"


def programme_choices() -> list[tuple[str, str]]:
    """``[(code, label)]`` for the programme list, with former names in the label."""
    choices = []
    for programme in default_catalogue():
        former = [n for n in programme.former_names if n != programme.code][:3]
        label = f"{programme.current_name} ({programme.code})"
        if former:
            label += " — dulu " + ", ".join(former)
        choices.append((programme.code, label))
    return choices


def wait_text(seconds: int) -> str:
    """``"45 detik"`` or ``"3 menit"``."""
    if seconds < 60:
        return f"{seconds} detik"
    return f"{-(-seconds // 60)} menit"
