"""Turn sibaso answers (public lookup, complaint, status) into chat messages.

Only masked NIKs and masked names appear; a NIK with no programme gets the same answer
whether or not the population data holds it, so the bot does not reveal who exists.
"""

from __future__ import annotations

import datetime

from sibaso.complaints import TIMEZONE, Complaint, ComplaintCategory, StatusAnswer
from sibaso.core.privacy import mask_nik
from sibaso.registry import LookupResult
from sibaso_bot.texts import CATEGORY_LABELS, VIA_LABELS

__all__ = ["filed_reply", "lookup_reply", "status_reply"]

STATUS_LABELS = {
    "diterima": "diterima, menunggu diperiksa petugas",
    "diverifikasi": "sedang diverifikasi petugas",
    "diteruskan": "diteruskan ke instansi yang berwenang",
    "selesai": "selesai",
    "ditolak": "ditolak",
}


def _date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime.datetime):
        value = value.astimezone(TIMEZONE).date()
    return value.strftime("%d-%m-%Y")


def _category(value: str) -> str:
    try:
        return CATEGORY_LABELS[ComplaintCategory(value)]
    except ValueError:
        return value


def lookup_reply(result: LookupResult) -> str:
    """The public answer of ``CEK``: each programme, its period and the path it reaches by."""
    if not result.enrolments:
        return (
            f"Tidak ada program bansos aktif yang tercatat untuk NIK {result.nik}.\n"
            "Jika Anda merasa berhak, kirim: ADUAN usul <keterangan>."
        )
    name = f" ({result.person['name']})" if result.person and result.person.get("name") else ""
    lines = [f"Hasil cek bansos untuk NIK {result.nik}{name}:"]
    for number, e in enumerate(result.enrolments, start=1):
        title = f"{e['name']} ({e['programme']})" if e["name"] != e["programme"] else e["name"]
        if e.get("period_name") and e["period_name"] != e["name"]:
            title += f", pada periode itu bernama {e['period_name']}"
        period = f", periode {e['period']}" if e.get("period") else ""
        lines.append(f"{number}. {title}{period} — {VIA_LABELS.get(e['via'], e['via'])}")
    lines.append("Data tidak sesuai? Kirim: ADUAN data-tidak-sesuai <keterangan>.")
    return "\n".join(lines)


def filed_reply(complaint: Complaint) -> str:
    """The confirmation of a filed complaint, with its ticket."""
    what = _category(complaint.category.value)
    if complaint.programme:
        what += f" — {complaint.programme}"
    return (
        "Pengaduan Anda sudah diterima.\n"
        f"Nomor tiket: {complaint.ticket}\n"
        f"Kategori: {what}\n"
        f"Pelapor: NIK {mask_nik(complaint.reporter_nik.value)}\n"
        "Ditangani: petugas Dinas Sosial wilayah yang bersangkutan\n"
        f"Batas penyelesaian: {_date(complaint.due)}\n"
        f"Simpan nomor tiket ini. Cek status dengan: STATUS {complaint.ticket} <NIK Anda>"
    )


def status_reply(answer: StatusAnswer) -> str:
    """Status, dates and public history of one ticket."""
    lines = [
        f"Pengaduan {answer.ticket}",
        f"Status: {STATUS_LABELS.get(answer.status, answer.status)}",
        f"Kategori: {_category(answer.category)}",
        f"Diajukan: {_date(answer.filed_at)} · batas penyelesaian: {_date(answer.due)}",
        "Riwayat:",
    ]
    for entry in answer.history:
        note = f" — {entry.note}" if entry.note else ""
        lines.append(f"• {_date(entry.at)} {entry.to_status}{note}")
    return "\n".join(lines)
