"""Files shaped like what village systems (OpenSID, OpenDK), SIAK and the welfare registers
export, written by code from synthetic people (the real templates are GPL and stay outside
this repository; ``test_external_files.py`` reads them where they are).

Every writer returns the path and the people it wrote, so a test can check each member's
name and KK.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl

from sibaso.core.model import Person
from sibaso.testing import Population

_PEOPLE: list[Person] | None = None


def people(count: int = 12) -> list[Person]:
    """The first ``count`` people of a small synthetic Langkat, whole families first."""
    global _PEOPLE
    if _PEOPLE is None:
        _PEOPLE = Population.generate(60, seed=12).persons
    return _PEOPLE[:count]


def families(count: int = 3) -> list[list[Person]]:
    """``count`` whole families (by KK), in file order."""
    by_kk: dict[str, list[Person]] = {}
    for person in Population.generate(60, seed=12).persons:
        assert person.kk is not None
        by_kk.setdefault(person.kk.value, []).append(person)
    return [members for members in by_kk.values() if len(members) >= 2][:count]


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    for i, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _sex(person: Person, style: int) -> object:
    male = person.sex is not None and person.sex.value == "L"
    codes = [("L", "P"), ("LK", "Pr"), (1, 2), ("1", "2")]
    return codes[style % len(codes)][0 if male else 1]


def _hub(person: Person) -> str:
    return (person.relationship.value if person.relationship else "lainnya").upper()


def opensid_population_old(path: Path, folk: list[Person]) -> Path:
    """Upper-case headers, mixed sex codes (L/LK/Pr/P/1/2), the ``###`` end marker and notes
    after it (one of them holding a NIK-like number, which is still no data)."""
    header = ["Alamat", "DUSUN", "RW", "RT", "NAMA", "NO_KK", "NIK", "SEX", "TEMPATLAHIR"]
    header += ["TANGGALLAHIR", "AGAMA", "KK_LEVEL", "NAMA_AYAH", "NAMA_IBU"]
    rows: list[list[object]] = [header]
    for i, p in enumerate(folk):
        assert p.kk is not None
        rows.append(
            [
                "",
                "Dusun I",
                "-",
                "002",
                p.name,
                p.kk.value,
                p.nik.value,
                _sex(p, i),
                p.birth_place or "STABAT",
                p.birth_date,
                "Islam",
                _hub(p),
                "AYAH",
                "IBU",
            ]
        )
    rows.append(["###", "", "Isi data penduduk di baris-baris di atas bagian hijau ini."])
    rows.append(["", "", f"Contoh NIK: {folk[0].nik.value} (jangan dihapus)"])
    rows.append([])
    rows.append(["", "", "Setiap baris di atas berisi formula."])
    return _book(path, {"Desa Contoh": rows})


def opensid_population_new(path: Path, folk: list[Person], dead: int | None = None) -> Path:
    """Lower-case database headers (OpenSID 24.10); ``status_dasar`` 2 for the ``dead``-th."""
    header = ["alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir"]
    header += ["tanggallahir", "kk_level", "status_dasar", "nama_ayah", "nama_ibu"]
    codes = {"kepala keluarga": 1, "suami": 2, "istri": 3, "anak": 4}
    rows: list[list[object]] = [header]
    for i, p in enumerate(folk):
        assert p.kk is not None
        rows.append(
            [
                "",
                "MANGSIT",
                "-",
                "004",
                p.name,
                p.kk.value,
                p.nik.value,
                str(_sex(p, 2)),
                p.birth_place or "STABAT",
                p.birth_date.isoformat() if p.birth_date else "",
                str(codes.get(p.relationship.value if p.relationship else "", 11)),
                "2" if i == dead else "1",
                "AYAH",
                "IBU",
            ]
        )
    return _book(path, {"Sheet1": rows})


def opendk_population(path: Path, folk: list[Person]) -> Path:
    """OpenDK's upload: ``nomor_nik``, ``nomor_kk``, ``jenis_kelamin``, ``hubungan_keluarga``."""
    header = ["alamat", "dusun", "rw", "rt", "nama", "nomor_kk", "nomor_nik", "jenis_kelamin"]
    header += ["tempat_lahir", "tanggal_lahir", "hubungan_keluarga", "nama_ayah", "nama_ibu"]
    header += ["id", "status_dasar"]
    rows: list[list[object]] = [header]
    for i, p in enumerate(folk):
        assert p.kk is not None
        rows.append(
            [
                "",
                "LOCO",
                "-",
                "001",
                p.name,
                p.kk.value,
                p.nik.value,
                str(_sex(p, 2)),
                "STABAT",
                p.birth_date.isoformat() if p.birth_date else "",
                "1" if p.relationship and p.relationship.value == "kepala keluarga" else "4",
                "AYAH",
                "IBU",
                str(i + 1),
                "1",
            ]
        )
    return _book(path, {"Sheet1": rows})


def programme_import(
    path: Path,
    folk: list[Person],
    *,
    name: str = "Bantuan Sosial Tunai",
    sasaran: object = 1,
    one_cell: bool = False,
) -> Path:
    """OpenSID's programme import: sheet ``Program`` (key/value, or ``Nama Program : …`` in one
    cell), sheet ``Peserta`` whose first column holds the key the sasaran names, ``###`` and
    notes on both."""
    if one_cell:
        program: list[list[object]] = [[f"Nama Program : {name}"], [f"Sasaran Program : {sasaran}"]]
    else:
        program = [["ID Program", "7"], ["Nama Program", name], ["Sasaran Program", sasaran]]
    program += [
        ["Keterangan", "Bantuan Kementerian Sosial"],
        ["Asal Dana", "Pusat"],
        ["Rentang Waktu (Awal)", "2021-01-01"],
        ["Rentang Waktu (Akhir)", "2021-12-31"],
        ["###"],
        ["Catatan:"],
        ["1. Sasaran : 1 = Penduduk, 2 = Keluarga, 3 = Rumah Tangga, 4 = Kelompok"],
    ]
    peserta: list[list[object]] = [
        ["Peserta", "No. Peserta", "NIK", "Nama", "Tempat Lahir", "Tanggal Lahir", "Alamat"]
    ]
    for i, p in enumerate(folk, start=1):
        assert p.kk is not None
        key = p.kk.value if str(sasaran) == "2" else p.nik.value
        peserta.append(
            [
                key,
                str(i),
                p.nik.value,
                p.name,
                "STABAT",
                p.birth_date.isoformat() if p.birth_date else "",
                "RT 004 RW - Dusun Mangsit",
            ]
        )
    peserta += [["###"], ["Catatan:"], ["1. Sesuaikan kolom peserta (A) berdasarkan sasaran"]]
    return _book(path, {"Program": program, "Peserta": peserta})


def supplement(path: Path, folk: list[Person]) -> Path:
    """OpenSID's supplement import: a NIK list under ``Peserta | Keterangan``."""
    rows: list[list[object]] = [["Peserta", "Keterangan"]]
    rows += [[p.nik.value, "-"] for p in folk]
    rows += [["###"], ["Catatan:"], ["1. Sesuaikan kolom peserta (A) berdasarkan sasaran"]]
    return _book(path, {"Peserta": rows})


def household_membership(path: Path, folk: list[Person]) -> Path:
    """OpenSID ``FormatImporRTM``: ``NIK | NOMOR RUMAH TANGGA | STATUS HUBUNGAN …`` and a
    ``Kode Data`` sheet; two members per household."""
    rows: list[list[object]] = [["NIK", "NOMOR RUMAH TANGGA", "STATUS HUBUNGAN DALAM RUMAH TANGGA"]]
    for i, p in enumerate(folk):
        rows.append([p.nik.value, str(172956 + i // 2), 1.0 if i % 2 == 0 else 2.0])
    codes = [["Id", "Status Hubungan Dalam Rumah Tangga"], [1, "KEPALA KELUARGA"], [2, "ANGGOTA"]]
    return _book(path, {"RTM": rows, "Kode Data": codes})


def bdt2015(path: Path, families_: list[list[Person]]) -> Path:
    """BDT 2015 roster: numbered headers, a ``KOLOM 2 3 4 …`` row, the head's name
    (``Nama KRT``) on every member's row before the member's own (``Nama ART``)."""
    header = ["ruta_6 (1)", "ID rumah tangga (2)", "Provinsi (3)", "Kode Provinsi (4)"]
    header += ["Nama KRT (13)", "Jumlah ART (14)", "Status PKH", "Nomor urut ART", "Nama ART"]
    header += ["NIK", "HubKRT", "jenis kelamin"]
    rows: list[list[object]] = [header, ["KOLOM", *[float(n) for n in range(2, len(header) + 1)]]]
    codes = {"kepala keluarga": "1", "istri": "2", "suami": "2", "anak": "3"}
    for f, members in enumerate(families_):
        head = members[0]
        for n, p in enumerate(members, start=1):
            rows.append(
                [
                    f"3GDKW{f}",
                    f"12050700070981000{f}",
                    "SUMATERA UTARA",
                    "12",
                    head.name,
                    str(len(members)),
                    "2",
                    str(n),
                    p.name,
                    p.nik.value,
                    codes.get(p.relationship.value if p.relationship else "", "8"),
                    "1" if p.sex is not None and p.sex.value == "L" else "2",
                ]
            )
    return _book(path, {"Sheet1": rows})


def regsosek_form_k(path: Path, families_: list[list[Person]]) -> Path:
    """DTKS/Regsosek 2022 form K: five sheets, section rows over question-coded headers, the
    KK written on each family's first member row only."""
    place = [
        ["I. KETERANGAN TEMPAT", "", "", ""],
        ["no urut bangunan tempat tinggal", "no urut keluarga", "no kartu keluarga", "kode sls"],
    ]
    staff = [["", "II. KETERANGAN PETUGAS"], ["no kartu keluarga", "tanggal pendataan", "nama ppl"]]
    members: list[list[object]] = [
        ["", "IV. KETERANGAN SOSIAL EKONOMI ANGGOTA KELUARGA"],
        ["", "A. KETERANGAN DEMOGRAFI", "", "", "", "", "", "B. Pendidikan"],
        ["no kartu keluarga", "401", "402 Nama", "403 NIK", "404", "405", "406", "409", "412"],
    ]
    programmes: list[list[object]] = [
        ["", "V. KEIKUTSERTAAN PROGRAM"],
        ["", "501. Dalam satu tahun terakhir, apakah keluarga menerima program berikut?"],
        ["no kartu keluarga", "501a", "501a Bulan", "501b", "501c"],
    ]
    codes = {"kepala keluarga": "1", "istri": "2", "suami": "2", "anak": "3"}
    for f, family in enumerate(families_):
        kk = family[0].kk
        assert kk is not None
        place.append([str(f + 1), "1", kk.value, "0001"])
        staff.append([kk.value, "2022-10-15", "PETUGAS"])
        programmes.append([kk.value, "1", "10", "2", "1"])
        for n, p in enumerate(family, start=1):
            born = p.birth_date or datetime.date(1980, 1, 1)
            serial = (born - datetime.date(1899, 12, 30)).days
            members.append(
                [
                    kk.value if n == 1 else "",
                    float(n),
                    p.name,
                    p.nik.value,
                    "1",
                    "1" if p.sex is not None and p.sex.value == "L" else "2",
                    float(serial),
                    codes.get(p.relationship.value if p.relationship else "", "8"),
                    3.0,
                ]
            )
    return _book(
        path,
        {
            "1.keterangan tempat": place,
            "2.keterangan petugas": staff,
            "3.keterangan perumahan": [
                ["no kartu keluarga", "301a"],
                *[[r[2], 1] for r in place[2:]],
            ],
            "4.ket sos-ek anggota": members,
            "5.keikutsertaan program dll": programmes,
        },
    )


def bip_2012(path: Path, families_: list[list[Person]]) -> Path:
    """Buku Induk Penduduk 2012: title rows, then per family ``NO.KK | NAMA.KK | ALAMAT``,
    the family's values, the member header, the members."""
    rows: list[list[object]] = [
        ["", "BUKU INDUK KEPENDUDUKAN KABUPATEN LANGKAT"],
        [],
        ["PROVINSI :", "", "", "", "", "", "", "", "SUMATERA UTARA"],
        ["KECAMATAN :", "", "", "", "", "", "", "", "STABAT"],
        [],
    ]
    header = ["", "NO", "NIK", "NAMA", "JK", "TMPT LHR", "TGL LHR", "KTPEL", "AGAMA"]
    header += ["STATUS", "HUB. KEL", "PENDIDIKAN", "PEKERJAAN", "NAMA IBU", "NAMA AYAH"]
    header += ["NO.AKTE LAHIR"]
    number = 0
    for family in families_:
        kk = family[0].kk
        assert kk is not None
        rows.append(["", "NO.KK", "", "NAMA.KK", "", "", "ALAMAT"])
        rows.append(["", kk.value, "", family[0].name, "", "", "DUSUN I, RT:001, RW:002"])
        rows.append(header)
        for p in family:
            number += 1
            rows.append(
                [
                    "",
                    float(number),
                    p.nik.value,
                    p.name,
                    "L" if p.sex is not None and p.sex.value == "L" else "P",
                    "STABAT",
                    p.birth_date,
                    "NULL",
                    "Islam",
                    "Cerai Mati",
                    (p.relationship.value if p.relationship else "lainnya").title(),
                    "SLTA/Sederajat",
                    "Wiraswasta",
                    "IBU",
                    "AYAH",
                ]
            )
    return _book(path, {"Contoh BIP 2012": rows})


def siak_export(path: Path, folk: list[Person], dead: int | None = None) -> Path:
    """A SIAK export: ``Nomor KK, NIK, Nama Penduduk, Status`` (MATI for the ``dead``-th)."""
    rows: list[list[object]] = [["Nomor KK", "NIK", "Nama Penduduk", "Status", "Tempat Lahir"]]
    for i, p in enumerate(folk):
        assert p.kk is not None
        rows.append([p.kk.value, p.nik.value, p.name, "MATI" if i == dead else "HIDUP", "STABAT"])
    return _book(path, {"Data": rows})


def dtks_app_template(path: Path, folk: list[Person]) -> Path:
    """A bansos app's DTKS template: ``periode, id_dtks, kk, nik, nama``; ``id_dtks`` empty,
    the KK identifies the family."""
    rows: list[list[object]] = [["periode", "id_dtks", "kk", "nik", "nama"]]
    for p in folk:
        assert p.kk is not None
        rows.append(["2024-06", "", p.kk.value, p.nik.value, p.name])
    return _book(path, {"DTKS": rows})


def list_with_trailers(path: Path, folk: list[Person]) -> Path:
    """A programme list with a column-number row, a template placeholder row, the
    place-and-date line and signatures under it."""
    rows: list[list[object]] = [
        ["DAFTAR PENERIMA BLT DANA DESA TAHUN 2025"],
        ["NO", "NAMA", "NIK", "NO KK", "ALAMAT"],
        ["KOLOM", 1, 2, 3, 4],
        ["", "Nama Lengkap", "isi NIK", "isi No KK", ""],
    ]
    for i, p in enumerate(folk, start=1):
        assert p.kk is not None
        rows.append([i, p.name, p.nik.value, p.kk.value, "DUSUN I"])
    rows += [
        [],
        ["", "", "", "Stabat, 2 Januari 2025"],
        ["", "", "", "Kepala Desa"],
        ["", "", "", "(SUPRIADI)"],
    ]
    return _book(path, {"BLT DD": rows})
