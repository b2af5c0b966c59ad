"""The problem types of the HTTP API: each once, with its status and its texts in Bahasa
Indonesia and English.

The ``type`` member of every ``application/problem+json`` answer is
``PROBLEM_TYPE + <type> + "/"``, and each type has its page under ``docs/problems/``,
generated from this catalogue (``python -m sibaso.http._problem_types``) and kept equal by a
test. The finer ``code`` member (``nik-length``, ``store-read-only`` …) says which rule or
fault inside the type.

>>> PROBLEM_TYPES["invalid-nik"].status
422
>>> type_for("nik-length", 422)
'invalid-value'
>>> type_for("rate-limited", 429)
'rate-limited'
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

__all__ = ["PROBLEM_TYPE", "PROBLEM_TYPES", "ProblemType", "pages", "type_for", "type_url"]

PROBLEM_TYPE = "https://sibaso.readthedocs.io/problems/"


class ProblemType(NamedTuple):
    """One problem type: its status, its title and what it means, in both languages."""

    status: int
    title_id: str
    title_en: str
    meaning_id: str
    meaning_en: str


PROBLEM_TYPES: dict[str, ProblemType] = {
    "invalid-request": ProblemType(
        422,
        "Isi permintaan tidak sah",
        "The request is not valid",
        "Isi permintaan bukan objek JSON yang diharapkan: kolom wajib tidak ada, kolom tidak "
        "dikenal atau jenis nilainya salah. Anggota `errors` menyebut setiap kolom.",
        "The body is not the JSON object expected: a required field is missing, a field is "
        "unknown or a value has the wrong type. The `errors` member names each field.",
    ),
    "invalid-nik": ProblemType(
        422,
        "NIK tidak sah",
        "Invalid NIK",
        "NIK yang dikirim tidak mengikuti aturan NIK (16 digit, tanggal lahir, kode wilayah). "
        "Anggota `reason` menyebut aturan yang dilanggar.",
        "The NIK sent does not follow the NIK rules (16 digits, birth date, region code). The "
        "`reason` member names the rule it breaks.",
    ),
    "invalid-value": ProblemType(
        422,
        "Data tidak sah",
        "Invalid value",
        "Sebuah nilai (No. KK, kode wilayah, isian pengaduan, baris daftar petugas) tidak "
        "mengikuti aturannya; `code` menyebut aturannya dan `errors`, bila ada, setiap kolom.",
        "A value (No. KK, region code, complaint field, roster row) does not follow its rule; "
        "`code` names the rule and `errors`, where present, each field.",
    ),
    "invalid-period": ProblemType(
        422,
        "Periode tidak dikenal",
        "Unknown period",
        "Periode unggahan harus berupa tahun, TAHUN-Q1..Q4 atau TAHUN-T<tahap>.",
        "The upload's period must be a year, YEAR-Q1..Q4 or YEAR-T<stage>.",
    ),
    "unknown-programme": ProblemType(
        422,
        "Program tidak dikenal",
        "Unknown programme",
        "Nama program bansos tidak dikenal; jawaban menyarankan nama yang mirip.",
        "The social-assistance programme is not known; the answer suggests similar names.",
    ),
    "unreadable-file": ProblemType(
        422,
        "Berkas tidak dapat dibaca",
        "The file cannot be read",
        "Berkas yang diunggah kosong, rusak, bukan lembar kerja atau jenis daftarnya tidak "
        "dikenali; `code` menyebut sebabnya (`empty`, `corrupt`, `unknown-layout` …).",
        "The uploaded file is empty, corrupt, not a spreadsheet or of a kind of list sibaso "
        "does not recognise; `code` names the cause (`empty`, `corrupt`, `unknown-layout` …).",
    ),
    "refused": ProblemType(
        422,
        "Permintaan ditolak",
        "Request refused",
        "Pustaka sibaso menolak permintaan ini; `detail` menjelaskan sebabnya.",
        "The sibaso library refused this request; `detail` says why.",
    ),
    "unauthorized": ProblemType(
        401,
        "Perlu token petugas",
        "Officer token required",
        "Token petugas tidak ada, tidak dikenal, sudah dicabut atau kedaluwarsa. Kirim "
        "`Authorization: Bearer <token>`.",
        "The officer token is missing, unknown, revoked or expired. Send "
        "`Authorization: Bearer <token>`.",
    ),
    "access-denied": ProblemType(
        403,
        "Akses ditolak",
        "Access denied",
        "Petugas ini tidak boleh melakukan tindakan ini, atau data yang diminta berada di luar "
        "kecamatan tugasnya.",
        "This officer may not do this, or the data asked for lies outside their kecamatan.",
    ),
    "not-found": ProblemType(
        404,
        "Tidak ditemukan",
        "Not found",
        "Alamat atau tiket pengaduan yang diminta tidak ada.",
        "The address or complaint ticket asked for does not exist.",
    ),
    "method-not-allowed": ProblemType(
        405,
        "Metode tidak diizinkan",
        "Method not allowed",
        "Alamat ini tidak menerima metode HTTP tersebut; header `Allow` menyebut yang diterima.",
        "This address does not accept that HTTP method; the `Allow` header lists those it does.",
    ),
    "conflict": ProblemType(
        409,
        "Konflik",
        "Conflict",
        "Pengaduan sudah diubah orang lain, atau perubahan status ini tidak diizinkan dari "
        "status sekarang. Muat ulang lalu coba lagi.",
        "The complaint was changed by someone else, or this status change is not allowed from "
        "the current status. Reload and try again.",
    ),
    "too-large": ProblemType(
        413,
        "Berkas terlalu besar",
        "Payload too large",
        "Isi permintaan atau berkas unggahan melebihi batas yang diizinkan server.",
        "The request body or uploaded file exceeds the limit the server allows.",
    ),
    "rate-limited": ProblemType(
        429,
        "Terlalu banyak permintaan",
        "Too many requests",
        "Terlalu banyak permintaan dari alamat atau petugas ini; header `Retry-After` menyebut "
        "berapa detik harus menunggu.",
        "Too many requests from this address or officer; the `Retry-After` header says how "
        "many seconds to wait.",
    ),
    "http-error": ProblemType(
        400,
        "Permintaan tidak sah",
        "Bad request",
        "Permintaan HTTP tidak dapat dilayani sebagaimana dikirim.",
        "The HTTP request cannot be served as sent.",
    ),
    "internal": ProblemType(
        500,
        "Kesalahan server",
        "Internal server error",
        "Terjadi kesalahan di server; kejadiannya dicatat di log tanpa data pribadi.",
        "Something went wrong on the server; it is logged without personal data.",
    ),
    "store-unavailable": ProblemType(
        503,
        "Basis data tidak dapat dipakai",
        "Database unavailable",
        "Basis data tidak dapat dijangkau, hanya-baca, penuh atau belum dibuat; `code` "
        "menyebut sebabnya. Coba lagi setelah `Retry-After` detik.",
        "The database is unreachable, read-only, full or missing; `code` names the cause. "
        "Try again after `Retry-After` seconds.",
    ),
}

#: The type of a problem whose code is not a type of its own, by HTTP status.
_BY_STATUS: dict[int, str] = {
    401: "unauthorized",
    403: "access-denied",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "too-large",
    422: "invalid-value",
    429: "rate-limited",
    500: "internal",
    503: "store-unavailable",
}


def type_for(code: str, status: int) -> str:
    """The problem type of ``code`` answered with ``status``: the code itself when it is a
    type, else the type of its status (every answer's ``type`` has a page)."""
    if code in PROBLEM_TYPES:
        return code
    return _BY_STATUS.get(status, "internal" if status >= 500 else "http-error")


def type_url(problem_type: str) -> str:
    """The ``type`` member: the URL of the type's page in the documentation site."""
    return f"{PROBLEM_TYPE}{problem_type}/"


def pages() -> dict[str, str]:
    """The ``docs/problems/<type>.md`` pages, by file name."""
    out = {}
    for name, kind in PROBLEM_TYPES.items():
        out[f"{name}.md"] = "\n".join(
            [
                f"# {kind.title_en} (`{name}`)",
                "",
                "<!-- generated by `python -m sibaso.http._problem_types docs/problems`; "
                "do not edit -->",
                "",
                f"HTTP status **{kind.status}**, type `{type_url(name)}`.",
                "",
                "## Bahasa Indonesia",
                "",
                f"**{kind.title_id}.** {kind.meaning_id}",
                "",
                "## English",
                "",
                f"**{kind.title_en}.** {kind.meaning_en}",
                "",
                "See [the HTTP API](../http.md) for the shape of a problem answer.",
                "",
            ]
        )
    return out


if __name__ == "__main__":  # pragma: no cover - the generator of docs/problems/*.md
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/problems")
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in pages().items():
        (folder / file_name).write_text(text, encoding="utf-8")
