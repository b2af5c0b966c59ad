"""Person data is written by population files only, and never over a higher authority's:
ingesting any programme list or roster, with or without ``--programme``, leaves every
stored person as it was (on every store)."""

from __future__ import annotations

from pathlib import Path

import pytest
import village_files as vf

import sibaso

EXTERNAL = next(
    (
        folder
        for folder in (
            Path(__file__).resolve().parents[2].parent / "shared" / "data" / "external",
            Path(__file__).resolve().parents[2].parent.parent / "shared" / "data" / "external",
        )
        if folder.is_dir()
    ),
    None,
)


def _persons(registry):
    return registry.store.query("SELECT * FROM person ORDER BY nik")


def _programme_like(tmp_path: Path, folk, fams):
    """(path, programme or None) of every programme-like shape, each with and without the
    programme named where it can be read without."""
    shapes = [
        (vf.programme_import(tmp_path / "impor.xlsx", folk), None),
        (vf.programme_import(tmp_path / "impor2.xlsx", folk), "PKH"),
        (vf.programme_import(tmp_path / "impor_kk.xlsx", folk, sasaran=2), None),
        (vf.supplement(tmp_path / "suplemen.xlsx", folk), "PKH"),
        (vf.supplement(tmp_path / "suplemen2.xlsx", folk), None),
        (vf.household_membership(tmp_path / "rtm.xlsx", folk), None),
        (vf.bdt2015(tmp_path / "bdt.xlsx", fams), None),
        (vf.regsosek_form_k(tmp_path / "regsosek.xlsx", fams), None),
        (vf.dtks_app_template(tmp_path / "dtks.xlsx", folk), None),
        (vf.list_with_trailers(tmp_path / "blt_dd.xlsx", folk), None),
    ]
    if EXTERNAL is not None:
        for name in (
            "opensid_format_impor_program_bantuan_v2410.xlsx",
            "opensid_format_impor_peserta_bantuan_2020.xlsx",
            "opensid_format_impor_suplemen_v2410.xlsx",
            "opensid_FormatImporRTM_v2410.xlsx",
            "opensid_contoh_data_bdt2015.xlsx",
            "opensid_format_impor_dtks_regsosek2022k_v2410.xlsx",
        ):
            shapes += [(EXTERNAL / name, None), (EXTERNAL / name, "BST")]
    return shapes


def test_a_programme_list_never_changes_a_stored_person(store_target, tmp_path):
    folk = vf.people(12)
    fams = vf.families(3)
    registry = sibaso.open(store_target)
    try:
        registry.ingest(vf.opensid_population_new(tmp_path / "penduduk.xlsx", folk))
        if EXTERNAL is not None:  # the demo village the OpenSID samples are about
            registry.ingest(EXTERNAL / "opensid_contoh_penduduk_v2410.xlsx")
        before = _persons(registry)
        assert len(before) >= 12
        read = 0
        for path, programme in _programme_like(tmp_path, folk, fams):
            try:
                report = registry.ingest(path, programme=programme)
            except sibaso.SourceError:
                continue  # refused (kind or programme unclear): nothing stored
            read += 1
            assert report.read.kind != "population", path
            assert _persons(registry) == before, (path, programme)
        assert read >= 8
    finally:
        registry.close()


def test_a_lower_authority_never_overwrites_a_higher_one(store_target, tmp_path):
    folk = vf.people(4)
    registry = sibaso.open(store_target)
    try:
        registry.ingest(vf.siak_export(tmp_path / "siak.xlsx", folk, dead=1))
        registry.ingest(vf.opensid_population_old(tmp_path / "opensid.xlsx", folk))
        rows = {r["nik"]: r for r in map(registry.store.get_person, (p.nik.value for p in folk))}
        # the village file has no Status: the SIAK word (MATI) stands, and the authority
        assert [rows[p.nik.value]["alive"] for p in folk] == [1, 0, 1, 1]
        assert {r["authority"] for r in rows.values()} == {3}
        assert {r["street"] for r in rows.values()} == {None}  # SIAK gave none; kept
    finally:
        registry.close()


def test_a_higher_authority_replaces_a_village_record(store_target, tmp_path):
    folk = vf.people(3)
    registry = sibaso.open(store_target)
    try:
        registry.ingest(vf.opensid_population_new(tmp_path / "opensid.xlsx", folk))
        registry.ingest(vf.siak_export(tmp_path / "siak.xlsx", folk, dead=0))
        row = registry.store.get_person(folk[0].nik.value)
        assert row["authority"] == 3 and row["alive"] == 0
    finally:
        registry.close()


@pytest.mark.parametrize("kind", ["programme", None])
def test_an_unclear_file_is_refused_or_read_as_told(tmp_path, kind):
    folk = vf.people(2)
    path = tmp_path / "daftar.csv"
    lines = ["Nama,NIK,Tempat Lahir,Tanggal Lahir,Alamat"]
    lines += [f"{p.name},{p.nik.value},STABAT,01-01-1980,DUSUN I" for p in folk]
    path.write_text("\n".join(lines) + "\n")
    registry = sibaso.open(tmp_path / "r.sqlite")
    try:
        if kind is None:
            with pytest.raises(sibaso.SourceError) as caught:
                registry.ingest(path)
            assert "--kind" in caught.value.reason
            assert registry.store.sources() == []
        else:
            report = registry.ingest(path, kind=kind, programme="PKH")
            assert report.read.kind == "programme" and report.stored == 2
            assert _persons(registry) == []
    finally:
        registry.close()


def test_the_public_lookup_lists_a_family_programme_once(store_target, tmp_path):
    (family,) = vf.families(1)
    registry = sibaso.open(store_target)
    try:
        registry.ingest(vf.opensid_population_new(tmp_path / "penduduk.xlsx", family))
        enrolled = family[:2]  # two members of one KK on a family programme
        path = vf.programme_import(tmp_path / "blt.xlsx", enrolled, name="BLT-DD", sasaran=2)
        registry.ingest(path)
        registry.match()
        for member in family:
            public = registry.lookup(member.nik.value).to_dict()
            assert [e["programme"] for e in public["enrolments"]] == ["BLT-DD"]
        officer = registry.lookup(family[0].nik.value, view="officer").to_dict()
        assert len(officer["enrolments"]) == 2  # the officer sees both listings
    finally:
        registry.close()
