"""A population file that leaves a field empty does not erase what another gave: a SIAK
export (KK, NIK, name, status) keeps the birth date and the dusun/RT of the village system,
and a person whose new row names another kecamatan gets no mixed address (every store)."""

from __future__ import annotations

import openpyxl
import village_files as vf

import sibaso


def _siak_elsewhere(path, folk):
    """SIAK rows without an address, but the first person now in another kecamatan."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nomor KK", "NIK", "Nama Penduduk", "Status", "NO_PROP", "NO_KAB", "NO_KEC"])
    for i, p in enumerate(folk):
        sheet.append([p.kk.value, p.nik.value, p.name, "HIDUP", "12", "5", "1" if i == 0 else ""])
    book.save(path)
    return path


def test_empty_fields_of_a_higher_source_keep_what_was_stored(store_target, tmp_path):
    folk = vf.people(6)
    registry = sibaso.open(store_target)
    try:
        registry.ingest(vf.opensid_population_new(tmp_path / "desa.xlsx", folk))
        nik = folk[1].nik.value
        before = registry.lookup(nik, view="officer").person
        assert before["address"]["street"] == "Dusun MANGSIT" and before["birth_date"]
        registry.ingest(vf.siak_export(tmp_path / "siak.xlsx", folk, dead=5))
        after = registry.lookup(nik, view="officer").person
        assert after["birth_date"] == before["birth_date"] and after["sex"] == before["sex"]
        assert after["address"] == before["address"]
        assert after["address"]["text"].startswith("Dusun MANGSIT, RT 004")
        dead = registry.lookup(folk[5].nik.value, view="officer").person
        assert dead["alive"] is False  # what SIAK gives, it writes
        registry.ingest(_siak_elsewhere(tmp_path / "siak2.xlsx", folk))
        moved = registry.lookup(folk[0].nik.value, view="officer").person["address"]
        assert moved["street"] is None and moved["kecamatan_code"] == "12.05.01"
        stayed = registry.lookup(nik, view="officer").person["address"]
        assert stayed == before["address"]
    finally:
        registry.close()
