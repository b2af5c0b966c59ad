"""The ``--help`` texts in Bahasa Indonesia (English with ``SIBASO_LANG=en``).

The commands keep their English docstrings and option help in the code, where developers read
them; :func:`apply` swaps in the Indonesian text for people when the ``sibaso`` group is
assembled. ``tests/test_cli_help.py`` fails when a command or an option has no Indonesian text
here — add one when you add a command or change an English help text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import click

__all__ = ["COMMANDS", "METAVARS", "OPTIONS", "SALAH_SATU", "apply", "metavar_in_bahasa"]

#: An option help listing codes (``One of: …``) keeps the codes after ``Salah satu dari:``.
ONE_OF, SALAH_SATU = "One of: ", "Salah satu dari: "

#: Command path (``"complaint file"``; ``""`` is ``sibaso`` itself) → its help.
COMMANDS: dict[str, str] = {
    "": "sibaso: data bantuan sosial terpadu berdasarkan NIK dan No. KK.",
    "nik": "NIK (Nomor Induk Kependudukan).",
    "nik check": "Periksa NIK; '-' membaca satu nilai per baris dari masukan standar.",
    "read": "Baca berkas daftar program atau data penduduk dan laporkan nasib setiap baris.",
    "adapters": "Daftar semua adaptor dengan plugin, versi, format dan programnya.",
    "demo": (
        "Buat Kabupaten Langkat sintetis, simpan berkas programnya, padankan dan coba cek bansos."
    ),
    "init": "Buat registri kosong (atau perbarui registri lama) di --db.",
    "ingest": "Baca berkas dan simpan ke registri, satu transaksi per berkas.",
    "match": "Padankan setiap baris program dengan data kependudukan.",
    "lookup": "Program apa yang menjangkau NIK ini: langsung, lewat keluarga atau rumah tangga.",
    "diff": (
        "Siapa yang baru, keluar atau berubah antara dua periode satu program (dengan alasan "
        "keluar bila data menunjukkannya); ``DTSEN v2-2025 v3-2026``: keluarga yang desilnya "
        "naik atau turun, dan berapa desil."
    ),
    "recap": "Penerima per kecamatan (atau desa) × program.",
    "roster": "Daftar petugas (roster): siapa bertugas di kecamatan mana.",
    "roster load": "Muat roster CSV (id,name,role,kecamatan); menggantikan roster yang aktif.",
    "roster list": "Tampilkan roster (petugas aktif dan yang sudah tidak bertugas).",
    "complaint": "Pengaduan, usul dan sanggah: catat, cek status, tangani, ekspor.",
    "complaint file": "Catat pengaduan; mencetak tiket, status, kecamatan dan batas waktunya.",
    "complaint status": "Status tiket, untuk pelapor (nomor tiket DAN NIK pelapor).",
    "complaint show": "Satu pengaduan dengan riwayatnya (petugas kecamatannya).",
    "complaint list": "Pengaduan yang boleh dilihat petugas ini, terbaru dulu.",
    "complaint update": (
        "Ubah status pengaduan (diterima → diverifikasi → diteruskan → selesai | ditolak)."
    ),
    "complaint overdue": "Pengaduan terbuka yang lewat batas waktu, per kecamatan.",
    "complaint export": (
        "Tulis pengaduan yang boleh dilihat petugas ini ke .xlsx atau .csv (per kecamatan "
        "dan status)."
    ),
    "complaint lookup": (
        "Cek data seseorang di kecamatan tugas Anda (untuk memeriksa pengaduan); dicatat."
    ),
    "audit": (
        "Audit sasaran: siapa terdaftar padahal tidak layak, dan siapa layak tetapi tidak "
        "menerima apa pun."
    ),
    "desil": "Desil satu keluarga (nomor KK) di setiap edisi DTSEN, dan perubahannya (petugas).",
    "tanpa-bansos": (
        "Keluarga DTSEN pada atau di bawah suatu desil yang tidak dijangkau program apa pun "
        "(calon BLT Dana Desa)."
    ),
    "serve": "Jalankan API HTTP (/v1/…, OpenAPI di /openapi.json) dengan uvicorn.",
    "token": "Token API petugas untuk API HTTP (disimpan sebagai hash, terikat ke roster).",
    "token issue": (
        "Terbitkan token untuk petugas aktif di roster; dicetak sekali, tidak pernah disimpan."
    ),
    "token list": (
        "Semua token: id, awalan, petugas, label, terbit, kedaluwarsa dan keadaan (tokennya "
        "tidak pernah). Keadaan: ``aktif``, ``dicabut``, ``kedaluwarsa``, ``tidak berlaku`` "
        "(petugasnya keluar dari roster) atau ``tanpa pemilik`` (id-nya kini milik petugas "
        "lain)."
    ),
    "token revoke": "Cabut token menurut id-nya (dari ``sibaso token list``).",
    "report": (
        "Rekap dengan grafik: penerima, kualitas padan, kesenjangan, pengaduan, baris yang "
        "perlu diperbaiki."
    ),
}

#: English option help (as written in the code) → Indonesian.
OPTIONS: dict[str, str] = {
    "Adapter name (see 'sibaso adapters').": "Nama adaptor (lihat 'sibaso adapters').",
    "A TOML adapter description.": "Deskripsi adaptor dalam TOML.",
    "Officer filing for a walk-in citizen (counter).": (
        "Petugas yang mencatat untuk warga yang datang langsung (loket)."
    ),
    "Officer id from the roster (who is acting).": "Id petugas dari roster (yang bertindak).",
    "Officer id from the roster: only the kecamatan they serve.": (
        "Id petugas dari roster: hanya kecamatan tugasnya."
    ),
    "Who is looking (recorded in the audit log).": "Siapa yang mencari (dicatat di log audit).",
    "Attach a local file by reference (PDF, JPEG, PNG, WebP; repeatable).": (
        "Lampirkan berkas lokal sebagai rujukan (PDF, JPEG, PNG, WebP; boleh berulang)."
    ),
    "Default: web; counter --as.": "Bawaan: web; loket (counter) dengan --as.",
    "Browser origin allowed (repeat; * any).": "Asal peramban yang diizinkan (berulang; * semua).",
    "Registry: a SQLite file (default sibaso.sqlite) or a postgresql:// DSN.": (
        "Registri: berkas SQLite (bawaan sibaso.sqlite) atau DSN postgresql://."
    ),
    "Decree (SK) the list comes from.": "SK asal daftar ini.",
    "DTSEN edition to audit against (default: the newest), e.g. v3-2026.": (
        "Edisi DTSEN pembanding (bawaan: yang terbaru), misalnya v3-2026."
    ),
    "Refuse if the complaint changed since.": "Tolak bila pengaduan sudah berubah sejak itu.",
    "Days it lasts (default 90) or its last day (YYYY-MM-DD).": (
        "Berlaku berapa hari (bawaan 90) atau hari terakhirnya (YYYY-MM-DD)."
    ),
    "Rebuild even when the demo registry holds tokens or complaints (kept as .bak).": (
        "Buat ulang walau registri demo berisi token atau pengaduan (yang lama disimpan .bak)."
    ),
    "Default: by suffix.": "Bawaan: menurut akhiran nama berkas.",
    "xlsx (default) or html; taken from --out's suffix when not given.": (
        "xlsx (bawaan) atau html; diambil dari akhiran --out bila tidak disebut."
    ),
    "Behind a proxy: limit by X-Forwarded-For.": (
        "Di belakang proxy: batasi menurut X-Forwarded-For."
    ),
    "Print JSON.": "Cetak JSON.",
    "Language of the output: id (Bahasa Indonesia, the default) or en (English).": (
        "Bahasa keluaran: id (Bahasa Indonesia, bawaan) atau en (Inggris)."
    ),
    "Print a JSON array.": "Cetak larik JSON.",
    "Print one JSON object per file (a list).": "Cetak satu objek JSON per berkas (sebuah daftar).",
    "Print {findings, summary} as JSON.": "Cetak {findings, summary} sebagai JSON.",
    "Kecamatan code, e.g. 12.05.07.": "Kode kecamatan, misalnya 12.05.07.",
    "What the token is for (a portal, a bot).": "Untuk apa token ini (portal, bot).",
    "Warn, not fail, on an unknown kecamatan code.": (
        "Kode kecamatan yang tidak dikenal hanya diperingatkan, tidak digagalkan."
    ),
    "Mask NIK and No. KK in --out (to share beyond officers).": (
        "Samarkan NIK dan No. KK di --out (untuk dibagikan di luar petugas)."
    ),
    "Mask NIK, No. KK and names (to share wider).": (
        "Samarkan NIK, No. KK dan nama (untuk dibagikan lebih luas)."
    ),
    "Families at or under this desil.": "Keluarga pada atau di bawah desil ini.",
    "Largest ingest upload.": "Unggahan terbesar untuk ingest.",
    "NIK pelapor.": "NIK pelapor.",
    "No Swagger UI at /docs (/openapi.json stays).": (
        "Tanpa Swagger UI di /docs (/openapi.json tetap ada)."
    ),
    "Catatan; the reason is required for ditolak and re-opening.": (
        "Catatan; alasan wajib untuk ditolak dan untuk membuka kembali."
    ),
    "Officer view: names, NIKs, address, family.": "Tampilan petugas: nama, NIK, alamat, keluarga.",
    "Per token at once (60).": "Per token sekaligus (60).",
    "Requests per minute per officer token (default 300; 0: no limit).": (
        "Permintaan per menit per token petugas (bawaan 300; 0: tanpa batas)."
    ),
    "Where to write (default rekap.xlsx or rekap.html).": (
        "Tempat menulis (bawaan rekap.xlsx atau rekap.html)."
    ),
    "Write a workbook per desa (.xlsx) for pendamping.": (
        "Tulis satu buku kerja per desa (.xlsx) untuk pendamping."
    ),
    "Period of the list: 2024, 2024-Q1, 2024-T2.": "Periode daftar: 2024, 2024-Q1, 2024-T2.",
    "Period: 2024, 2024-Q1, 2024-T2; a DTSEN file's edition: v3-2026.": (
        "Periode: 2024, 2024-Q1, 2024-T2; edisi berkas DTSEN: v3-2026."
    ),
    "How many synthetic residents.": "Berapa penduduk sintetis.",
    "Telepon: 08…, +62… or 62….": "Telepon: 08…, +62… atau 62….",
    "Programme (any name the catalogue knows), e.g. PKH.": (
        "Program (nama apa pun yang dikenal katalog), misalnya PKH."
    ),
    "Programme (any name the catalogue knows).": "Program (nama apa pun yang dikenal katalog).",
    "Answer /v1/recap without a token.": "Jawab /v1/recap tanpa token.",
    "Public requests allowed at once.": "Permintaan publik yang boleh sekaligus.",
    "Public requests per minute per client.": "Permintaan publik per menit per klien.",
    "Write the issues and rejected rows to this .xlsx file.": (
        "Tulis masalah dan baris yang ditolak ke berkas .xlsx ini."
    ),
    "Write the links to this .xlsx file.": "Tulis hasil padan ke berkas .xlsx ini.",
    "Nama pelapor.": "Nama pelapor.",
    "NIK pelapor (16 digits).": "NIK pelapor (16 digit).",
    "Rules file (TOML); default SIBASO_RULES, else the built-ins.": (
        "Berkas aturan (TOML); bawaan SIBASO_RULES, selain itu aturan bawaan."
    ),
    "What the list covers (default: the kecamatan in it).": (
        "Cakupan daftar (bawaan: kecamatan yang ada di dalamnya)."
    ),
    "NIK of the person concerned (usul, sanggah).": "NIK orang yang dimaksud (usul, sanggah).",
    "Isi pengaduan (at most 2,000 characters).": "Isi pengaduan (paling banyak 2.000 karakter).",
    "Count late as of this date.": "Hitung keterlambatan per tanggal ini.",
    "Proxies in front that append to X-Forwarded-For (default 1 with --forwarded-for).": (
        "Proxy di depan yang menambah X-Forwarded-For (bawaan 1 dengan --forwarded-for)."
    ),
    "Zona waktu untuk jam yang dibaca orang (bawaan WIB; juga SIBASO_TZ).": (
        "Zona waktu untuk jam yang dibaca orang (bawaan WIB; juga SIBASO_TZ)."
    ),
    "Keep uploaded lists here.": "Simpan daftar yang diunggah di sini.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "What the file is, when its headers do not say it.": (
        "Jenis berkas ini, bila kolom-kolomnya tidak menunjukkannya."
    ),
}


#: click's type names and the commands' argument names in usage lines → Indonesian.
METAVARS: dict[str, str] = {
    "TEXT": "TEKS",
    "INTEGER": "BILANGAN",
    "INTEGER RANGE": "BILANGAN",
    "FLOAT": "DESIMAL",
    "FLOAT RANGE": "DESIMAL",
    "BOOLEAN": "YA|TIDAK",
    "PATH": "JALUR",
    "FILE": "BERKAS",
    "FILENAME": "BERKAS",
    "DIRECTORY": "FOLDER",
    "FILES": "BERKAS",
    "DAYS|DATE": "HARI|TANGGAL",
    "%Y-%m-%d": "TTTT-BB-HH",
    "NEW_PERIOD": "PERIODE_BARU",
    "OLD_PERIOD": "PERIODE_LAMA",
    "OFFICER_ID": "ID_PETUGAS",
    "TOKEN_ID": "ID_TOKEN",
    "OUT": "TUJUAN",
    "PROGRAMME": "PROGRAM",
    "TICKET": "TIKET",
    "VALUES": "NILAI",
}
_METAVAR = re.compile(
    "|".join(re.escape(k) for k in sorted(METAVARS, key=len, reverse=True)) + r"(?![A-Z_])"
)


def metavar_in_bahasa(metavar: str) -> str:
    """``TEXT`` → ``TEKS``, ``FILES...`` → ``BERKAS...``; codes (``[id|en]``) stay.

    >>> metavar_in_bahasa("FILES..."), metavar_in_bahasa("INTEGER RANGE")
    ('BERKAS...', 'BILANGAN')
    >>> metavar_in_bahasa("[%Y-%m-%d]"), metavar_in_bahasa("[id|en]")
    ('[TTTT-BB-HH]', '[id|en]')
    """
    return _METAVAR.sub(lambda m: METAVARS[m.group(0)], metavar)


def _walk(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += _walk(sub, f"{path} {name}".strip())
    return found


#: The help of ``-h``/``--help`` itself (click writes it in English).
HELP_OPTION = "Tampilkan bantuan ini lalu keluar."
HELP_OPTION_EN = "Show this message and exit."


class _Texts:
    """Each help text in both languages; :meth:`speak` puts one language in place.

    The texts are Indonesian at rest (English with ``SIBASO_LANG=en``); while a help or a
    usage line is written, the language of the command line being run (``--lang en``) is put
    in place and the one before is put back afterwards.
    """

    def __init__(self) -> None:
        self.pairs: list[tuple[object, str, object, object]] = []  # obj, attribute, en, id
        self.english = False

    def add(self, obj: object, attribute: str, indonesian: object) -> None:
        self.pairs.append((obj, attribute, getattr(obj, attribute), indonesian))

    def speak(self, english: bool) -> None:
        for obj, attribute, en, id_ in self.pairs:
            setattr(obj, attribute, en if english else id_)
        self.english = english

    def around(self, method: Callable[..., Any]) -> Callable[..., Any]:
        """``method`` run with the texts in the language of the command line."""
        from sibaso.cli._click_id import wants_english

        def in_language(*args: Any, **kwargs: Any) -> Any:
            before = self.english
            self.speak(wants_english())
            try:
                return method(*args, **kwargs)
            finally:
                self.speak(before)

        return in_language


def _help_option_in_bahasa(command: click.Command) -> None:
    original = command.get_help_option

    def get_help_option(ctx: click.Context) -> click.Option | None:
        from sibaso.cli._click_id import wants_english

        option = original(ctx)
        if option is not None:
            option.help = HELP_OPTION_EN if wants_english() else HELP_OPTION
        return option

    setattr(command, "get_help_option", get_help_option)  # noqa: B010


def _metavar_in_bahasa(param: click.Parameter) -> None:
    original = param.make_metavar

    def make_metavar(*args: Any, **kwargs: Any) -> str:
        from sibaso.cli._click_id import wants_english

        text: str = original(*args, **kwargs)
        return text if wants_english() else metavar_in_bahasa(text)

    setattr(param, "make_metavar", make_metavar)  # noqa: B010


def apply(group: click.Group, lang: str | None = None) -> None:
    """Put the Indonesian help on every command and option; English where it is asked for
    (``SIBASO_LANG=en`` at rest, ``--lang en`` while the help is written)."""
    texts = _Texts()
    for path, command in _walk(group, ""):
        _help_option_in_bahasa(command)
        for method in ("format_help", "format_usage", "get_short_help_str"):
            setattr(command, method, texts.around(getattr(command, method)))
        if command.options_metavar == "[OPTIONS]":
            texts.add(command, "options_metavar", "[OPSI]")
        if isinstance(command, click.Group) and command.subcommand_metavar == "COMMAND [ARGS]...":
            texts.add(command, "subcommand_metavar", "PERINTAH [ARG]...")
        text = COMMANDS.get(path)
        if text is not None:
            texts.add(command, "help", text)
            texts.add(command, "short_help", None)
        for param in command.params:
            _metavar_in_bahasa(param)
            if not isinstance(param, click.Option) or not param.help:
                continue
            if param.help in OPTIONS:
                texts.add(param, "help", OPTIONS[param.help])
            elif param.help.startswith(ONE_OF):  # a list of codes: "One of: usul, sanggah."
                texts.add(param, "help", SALAH_SATU + param.help[len(ONE_OF) :])
    texts.speak((lang or os.environ.get("SIBASO_LANG", "id")) == "en")
