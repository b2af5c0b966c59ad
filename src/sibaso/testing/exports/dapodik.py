"""Export writer 3. Dapodik."""

from __future__ import annotations

import datetime
import os
import random
from collections import Counter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from sibaso.core import wilayah
from sibaso.core.model import Person
from sibaso.core.nik import Sex
from sibaso.testing.exports._common import (
    _R,
    _STAMP,
    DEFAULT_SEED,
    ExportTruth,
    Plan,
    _age,
    _as_path,
    _assign,
    _desa,
    _digits,
    _Index,
    _kec,
    _name,
    _rngs,
    _rt_rw,
    _save,
    _street,
    _Table,
    _truth,
)
from sibaso.testing.synthetic import Population

__all__ = ["DAPODIK_HEADER", "dapodik_xlsx"]

_DAPODIK_BEFORE = (
    "No",
    "Nama",
    "NIPD",
    "JK",
    "NISN",
    "Tempat\nLahir",
    "Tanggal\nLahir",
    "NIK",
    "Agama",
    "Alamat",
    "RT",
    "RW",
    "Dusun",
    "Kelurahan",
    "Kecamatan",
    "Kode Pos",
    "Jenis\nTinggal",
    "Alat\nTransportasi",
    "Telepon",
    "HP",
    "E-Mail",
    "SKHUN",
    "Penerima\nKPS",
    "No. KPS",
)
_DAPODIK_GROUPS = ("Data Ayah", "Data Ibu", "Data Wali")
_DAPODIK_SUB = ("Nama", "Tahun Lahir", "Jenjang Pendidikan", "Pekerjaan", "Penghasilan", "NIK")
_DAPODIK_AFTER = (
    "Rombel Saat Ini",
    "No Peserta Ujian\nNasional",
    "No Seri Ijazah",
    "Penerima KIP",
    "Nomor KIP",
    "Nama di KIP",
    "Nomor KKS",
    "No Registrasi\nAkta Lahir",
    "Bank",
    "Nomor Rekening\nBank",
    "Rekening Atas\nNama",
    "Layak PIP (usulan\ndari sekolah)",
    "Alasan Layak PIP",
    "Kebutuhan Khusus",
    "Sekolah Asal",
    "Anak ke-berapa",
    "Lintang",
    "Bujur",
    "No KK",
)
DAPODIK_HEADER = (
    _DAPODIK_BEFORE
    + tuple(f"{g} / {s}" for g in _DAPODIK_GROUPS for s in _DAPODIK_SUB)
    + _DAPODIK_AFTER
)
_DAPODIK_DATE = datetime.date(2025, 1, 15)
_EDUCATION = ("SD / sederajat", "SMP / sederajat", "SMA / sederajat", "D3", "S1", "Tidak sekolah")
_JOBS = ("Petani", "Pedagang Kecil", "Buruh", "Wiraswasta", "Nelayan", "Karyawan Swasta")
_INCOME = (
    "Kurang dari Rp. 500,000",
    "Rp. 500,000 - Rp. 999,999",
    "Rp. 1,000,000 - Rp. 1,999,999",
    "Rp. 2,000,000 - Rp. 4,999,999",
)


def dapodik_xlsx(
    path: str | os.PathLike[str],
    population: Population,
    *,
    school: str = "SD NEGERI 050123 STABAT",
    seed: int = DEFAULT_SEED,
    faults: bool = True,
) -> ExportTruth:
    """A Dapodik "Daftar Peserta Didik": seven title rows, a blank row, a two-row header with
    merged cells, then every child aged 6-12 (on 15 January 2025), sorted by name.

    About 40% are KIP recipients (``recipient`` in the truth). The child's NIK is the key;
    the parents' NIKs sit under Data Ayah / Data Ibu. Faults: nisn-as-number, missing-nik.
    """
    rng, frng = _rngs("dapodik", seed)
    ix = _Index(population)
    pupils: list[tuple[Person, list[Person]]] = []
    for fam in ix.families:
        for p in fam:
            if p.relationship is _R.ANAK and 6 <= _age(p.birth_date, _DAPODIK_DATE) <= 12:
                pupils.append((p, fam))
    pupils.sort(key=lambda pf: (pf[0].name, pf[0].nik.value))
    kecamatan = _school_kecamatan(school, ix, [p for p, _ in pupils])
    plan: Plan = (("nisn-as-number", 0.1, None), ("missing-nik", 0.05, None))
    hits = _assign(frng, len(pupils), plan, faults)
    sheet = "Daftar Peserta Didik"
    table = _Table(sheet)
    for line in (
        "Daftar Peserta Didik",
        school,
        f"Kecamatan : Kec. {kecamatan}",
        f"Kabupaten : Kab. {ix.regency_short.title()}",
        f"Provinsi : Prov. {ix.province.title()}",
        f"Tanggal Unduh: {_STAMP:%Y-%m-%d %H:%M:%S}",
        "Pengguna : operator@sekolah",
    ):
        table.add("title", [line])
    table.add("blank")
    header_row = table.next_row
    groups: list[object] = []
    for g in _DAPODIK_GROUPS:
        groups += [g] + [None] * 5
    table.add("header", [*_DAPODIK_BEFORE, *groups, *_DAPODIK_AFTER])
    subs: list[object] = [*([None] * len(_DAPODIK_BEFORE)), *(_DAPODIK_SUB * 3)]
    table.add("header", subs + [None] * len(_DAPODIK_AFTER))
    for i, (p, fam) in enumerate(pupils):
        fault = hits.get(i)
        values = _dapodik_row(i, p, fam, rng, ix, kecamatan, fault)
        kip = values[DAPODIK_HEADER.index("Penerima KIP")] == "Ya"
        nik_cell = None if fault == "missing-nik" else p.nik.value
        table.data(values, p, fault, nik_cell, recipient=kip)
    _dapodik_save(_as_path(path), table, header_row)
    return _truth("dapodik-kip", "KIP", DAPODIK_HEADER, [table])


def _school_kecamatan(school: str, ix: _Index, pupils: list[Person]) -> str:
    for region in wilayah.kecamatan_of(ix.regency):
        if school.upper().endswith(region.name.upper()):
            return region.name
    counts = Counter(_name(_kec(p)) for p in pupils)
    return counts.most_common(1)[0][0] if counts else _name(ix.regency)


def _parent(parent: Person | None, rng: random.Random, mother: bool) -> list[object]:
    if parent is None:
        return [None] * 6
    job = "Tidak bekerja" if mother and rng.random() < 0.7 else rng.choice(_JOBS)
    income = "Tidak Berpenghasilan" if job == "Tidak bekerja" else rng.choice(_INCOME)
    year = parent.birth_date.year if parent.birth_date else None
    return [parent.name, year, rng.choice(_EDUCATION), job, income, parent.nik.value]


def _dapodik_row(
    i: int,
    p: Person,
    fam: list[Person],
    rng: random.Random,
    ix: _Index,
    kecamatan: str,
    fault: str | None,
) -> list[object]:
    born = p.birth_date or _DAPODIK_DATE
    grade = min(6, max(1, _age(born, _DAPODIK_DATE) - 5))
    nisn = f"0{born.year % 100:02d}{_digits(rng, 7)}"
    rt, rw = _rt_rw(p)
    head = fam[0]
    father = head if head.sex is Sex.MALE else None
    mother = next((m for m in fam if m.relationship is _R.ISTRI), None)
    if mother is None and head.sex is Sex.FEMALE:
        mother = head
    kip = rng.random() < 0.4
    siblings = sorted(
        (m for m in fam if m.relationship is _R.ANAK),
        key=lambda m: (m.birth_date or _DAPODIK_DATE, m.nik.value),
    )
    agama = rng.choices(("Islam", "Kristen", "Katholik"), (85, 12, 3))[0]
    hp = "08" + _digits(rng, 10) if rng.random() < 0.5 else None
    kode_pos = f"208{(int(_kec(p)[-2:] or 0) * 7) % 90 + 10}"
    akta = f"{ix.kab4}-LT-{born:%d%m%Y}-{_digits(rng, 4)}"
    values: list[object] = [
        i + 1,
        p.name,
        f"{2025 - grade}{i + 1:03d}",
        p.sex.value if p.sex else None,
        int(nisn) if fault == "nisn-as-number" else nisn,
        (p.birth_place or "").title(),
        born.isoformat(),
        None if fault == "missing-nik" else p.nik.value,
        agama,
        _street(p),
        str(int(rt)),
        str(int(rw)),
        _street(p).title(),
        _name(_desa(p)),
        f"Kec. {_name(_kec(p))}",
        kode_pos,
        "Bersama orang tua",
        rng.choice(("Jalan kaki", "Sepeda", "Sepeda motor")),
        None,
        hp,
        None,
        None,
        "Tidak",
        None,
    ]
    values += _parent(father, rng, False) + _parent(mother, rng, True) + [None] * 6
    values += [f"Kelas {grade}", None, None, "Ya" if kip else "Tidak"]
    values += [_kip_number(rng) if kip else None, p.name if kip else None, None, akta]
    values += ["BRI" if kip else None, None, None, "Ya" if kip else "Tidak"]
    values += ["Siswa Miskin/Rentan Miskin" if kip else None, "Tidak ada", None]
    values += [siblings.index(p) + 1 if p in siblings else 1]
    values += [f"3.{rng.randrange(600000, 999999)}", f"98.{rng.randrange(100000, 600000)}"]
    values += [p.kk.value if p.kk else None]
    return values


def _kip_number(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))


def _dapodik_save(path: Path, table: _Table, header_row: int) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = table.sheet or "Sheet1"
    for row in table.rows:
        ws.append(row)
    bold = Font(bold=True)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    before, after = len(_DAPODIK_BEFORE), len(_DAPODIK_AFTER)
    total = before + 18 + after
    for col in range(1, total + 1):
        for r in (header_row, header_row + 1):
            cell = ws.cell(r, col)
            cell.font = bold
            cell.alignment = wrap
    singles = list(range(1, before + 1)) + list(range(before + 19, total + 1))
    for col in singles:
        ws.merge_cells(
            start_row=header_row, start_column=col, end_row=header_row + 1, end_column=col
        )
    for g in range(3):
        start = before + 1 + 6 * g
        ws.merge_cells(
            start_row=header_row, start_column=start, end_row=header_row, end_column=start + 5
        )
    ws.freeze_panes = ws.cell(header_row + 2, 3)
    _save(wb, path)
