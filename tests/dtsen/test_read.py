"""Reading DTSEN: both layouts, faults reported with their lines, BPS places mapped by name."""

import shutil

import pytest

import sibaso
from sibaso.adapters.layouts.known import detect
from sibaso.adapters.pipeline.read_dtsen import FAMILY_COLUMNS, MEMBER_COLUMNS, dtsen_kind
from sibaso.core.bps import BpsMapper
from sibaso.core.dtsen import DtsenFamily, DtsenMember, Edition
from sibaso.core.errors import SourceError
from sibaso.testing import Population
from sibaso.testing.dtsen import write_dtsen


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dtsen")
    pop = Population.generate(persons=1200, seed=11)
    v3 = write_dtsen(folder, pop, seed=3)
    v2 = write_dtsen(folder, pop, version=2, year=2025, base=v3, seed=3)
    return folder, pop, v3, v2


def test_the_published_column_counts():
    assert len(FAMILY_COLUMNS) == 52 and len(set(FAMILY_COLUMNS)) == 52
    assert len(MEMBER_COLUMNS) == 48 and len(set(MEMBER_COLUMNS)) == 48


def test_the_family_file_is_read_with_its_desil_and_every_fault_reported(written):
    _folder, _pop, v3, _v2 = written
    result = sibaso.read(v3.family_file)
    report = result.report
    assert result.adapter == "dtsen-keluarga"
    assert report.usable + report.rejected == report.rows
    families = {f.kk.value: f for f in result.records if isinstance(f, DtsenFamily)}
    assert families.keys() == v3.desil.keys()
    assert all(families[kk].desil == d for kk, d in v3.desil.items())
    assert all(f.edition == Edition(year=2026, version=3) for f in families.values())
    by_code = {}
    for issue in report.issues:
        by_code.setdefault(issue.code, []).append(issue.row)
    assert by_code["line-broken-joined"] == list(v3.broken_lines)
    assert by_code["line-broken"] == list(v3.cut_lines)
    assert sorted(by_code["encoding-not-utf8"]) == sorted(v3.non_utf8_lines)
    assert by_code["region-unmapped"] == list(v3.unmapped_rows)
    assert by_code["desil-invalid"] == list(v3.invalid_desil_rows)
    assert [r.row for r in report.rejected_rows] == list(v3.cut_lines)
    # the non-UTF-8 name is read, not dropped
    assert any("JUMA’AH" in (f.head_name or "") for f in families.values())


def test_bps_codes_are_mapped_to_kemendagri_by_name(written):
    _folder, pop, v3, _v2 = written
    heads = {f.kk.value: f.head for f in pop.families}
    by_nik = {p.nik: p for p in pop.persons}
    result = sibaso.read(v3.family_file)
    checked = 0
    for family in result.records:
        assert family.place.regency_code == "1213"  # BPS code in the file
        assert len(family.place.kecamatan_bps) == 7
        person = by_nik[heads[family.kk.value]]
        assert family.place.kecamatan_code == person.address.kecamatan_code
        if family.provenance.row not in v3.unmapped_rows:
            assert family.place.desa_code == person.address.desa_code
            checked += 1
    assert checked > 100


def test_the_member_file_is_not_a_population_list(written):
    _folder, _pop, v3, _v2 = written
    assert detect(v3.member_file, MEMBER_COLUMNS).name == "dtsen-anggota"
    assert detect(v3.family_file, FAMILY_COLUMNS).name == "dtsen-keluarga"
    result = sibaso.read(v3.member_file)
    assert result.adapter == "dtsen-anggota"
    assert all(isinstance(m, DtsenMember) for m in result.records)
    assert {m.nik.value for m in result.records} == set(v3.members)
    assert [i.row for i in result.report.issues if i.code == "encoding-not-utf8"] == list(
        v3.member_non_utf8_lines
    )


def test_v2_workbooks_and_a_file_named_otherwise(written, tmp_path):
    _folder, _pop, _v3, v2 = written
    result = sibaso.read(v2.family_file)
    assert result.adapter == "dtsen-keluarga"
    assert {f.kk.value: f.desil for f in result.records} == dict(v2.desil)
    renamed = tmp_path / "desil_langkat.xlsx"
    shutil.copy(v2.family_file, renamed)
    with pytest.raises(SourceError, match="--period"):
        sibaso.read(renamed)
    again = sibaso.read(renamed, period="v2-2025")
    assert len(again.records) == len(result.records)
    assert again.records[0].edition == Edition(year=2025, version=2)


def test_period_completes_or_overrides_the_file_name(written):
    _folder, _pop, v3, _v2 = written
    first = sibaso.read(v3.member_file, period="v4-2027").records[0]
    assert first.edition == Edition(year=2027, version=4)
    assert sibaso.read(v3.member_file, period="2027").records[0].edition.version == 3


def test_dtsen_kind_needs_three_marks():
    assert dtsen_kind(("NIK", "NOKK", "DESIL_NASIONAL")) is None
    assert dtsen_kind(("nomor_kartu_keluarga", "desil_nasional", "desil_kabupaten_kota")) == (
        "family"
    )


def test_mapper_reports_none_for_an_unknown_kabupaten():
    mapper = BpsMapper()
    assert mapper.kecamatan("12", "SUMATERA UTARA", "ANTAH", "STABAT") is None
    assert mapper.kecamatan("12", None, "KOTA BINJAI", "BINJAI KOTA") == "12.75.02"
