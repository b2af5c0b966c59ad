"""The registry on every store: ingest, idempotency, replacement, lookup paths, privacy."""

import csv
import json

import pytest

import sibaso
from sibaso.store import open_store

POP = [
    [
        "NIK",
        "NO_KK",
        "NAMA_LGKP",
        "JENIS_KLMIN",
        "TGL_LHR",
        "STAT_HBKEL",
        "NO_PROP",
        "NO_KAB",
        "NO_KEC",
        "NO_KEL",
    ],
    [
        "1205071203800001",
        "1205072003150001",
        "AHMAD SIREGAR",
        "1",
        "12-03-1980",
        "1",
        "12",
        "5",
        "7",
        "2001",
    ],
    [
        "1205074107820001",
        "1205072003150001",
        "SITI AMINAH",
        "2",
        "01-07-1982",
        "3",
        "12",
        "5",
        "7",
        "2001",
    ],
    [
        "1205070105150001",
        "1205072003150001",
        "RIZKY SIREGAR",
        "1",
        "01-05-2015",
        "4",
        "12",
        "5",
        "7",
        "2001",
    ],
    [
        "1205071203500001",
        "1205071503100001",
        "KAKEK SIREGAR",
        "1",
        "12-03-1950",
        "1",
        "12",
        "5",
        "7",
        "2001",
    ],
]
ROSTER = [
    ["IDBDT", "IDARTBDT", "Nama", "Hub_KRT", "NIK", "NoKK"],
    ["12050700000001", "1", "KAKEK SIREGAR", "1", "1205071203500001", "1205071503100001"],
    ["12050700000001", "2", "AHMAD SIREGAR", "3", "1205071203800001", "1205072003150001"],
]
SIKS = (
    "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|KEL_NAME|"
    "ALAMAT|status|kode_batch_penyaluran\n"
    "SITI AMINAH|1205074107820001|1205072003150001|BNI|PKH|SUMUT|LANGKAT|STABAT|X|Y|AKTIF|B1\n"
)
RASTRA = (
    "NO;nama_CPCL;nomorNIK;nomorKK;kecamatan\n"
    "1;KAKEK SIREGAR;1205071203500001;1205071503100001;STABAT\n"
)
KIS = [
    ["NAMA_PENERIMA", "NOMOR_KARTU", "NIK_KTP", "NOKK_DTKS", "NMKEC"],
    ["SITI AMINAH", "0001234567890", "1205074107820001", "1205072003150001", "STABAT"],
    ["ORANG LUAR", "0001234567891", "1205014107900002", "", "BAHOROK"],
]


def write(path, rows, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


@pytest.fixture
def files(tmp_path):
    (tmp_path / "pkh.csv").write_text(SIKS, encoding="utf-8")
    (tmp_path / "rtlh.csv").write_text(RASTRA, encoding="utf-8")
    return {
        "pop": write(tmp_path / "dukcapil.csv", POP),
        "roster": write(tmp_path / "bdt.csv", ROSTER),
        "pkh": tmp_path / "pkh.csv",
        "rtlh": tmp_path / "rtlh.csv",
        "kis": write(tmp_path / "kis.csv", KIS),
    }


@pytest.fixture
def registry(store_target, files):
    reg = sibaso.open(store_target)
    reg.ingest(files["pop"])
    reg.ingest(files["roster"])
    reg.ingest(files["pkh"], period="2024")
    reg.ingest(files["rtlh"], period="2017")
    reg.ingest(files["kis"], period="2024")
    yield reg
    reg.close()


def test_lookup_self_family_household(registry):
    child = registry.lookup("1205070105150001", view="officer")
    assert child.in_population
    by_programme = {e["programme"]: e for e in child.enrolments}
    assert by_programme["PKH"]["via"] == "family"
    assert by_programme["RS-RTLH"]["via"] == "household"
    assert "KIS" not in by_programme  # individual programme of the mother
    mother = registry.lookup("1205074107820001", view="officer")
    vias = {(e["programme"], e["via"]) for e in mother.enrolments}
    assert ("PKH", "self") in vias and ("KIS", "self") in vias
    grandpa = registry.lookup("1205071203500001")
    assert {(e["programme"], e["via"]) for e in grandpa.enrolments} == {("RS-RTLH", "self")}


def test_renamed_programme_names(registry):
    rtlh = registry.lookup("1205071203500001").enrolments[0]
    assert rtlh["name"] == "Rehabilitasi Sosial Rumah Tidak Layak Huni" or rtlh["name"]
    pkh = registry.lookup("1205074107820001", view="officer").enrolments
    entry = next(e for e in pkh if e["programme"] == "PKH")
    assert entry["period"] == "2024" and entry["basis"] == "family"
    assert "former_names" in entry


def test_public_view_masks_everyone(registry):
    result = registry.lookup("1205070105150001")
    data = json.dumps(result.to_dict())
    assert "1205070105150001" not in data and "RIZKY" not in data and "SITI" not in data
    assert result.person == {"nik": "1205**********01", "name": "R**** S******"}
    assert all("source" not in e for e in result.enrolments)


def test_officer_view_shows_person_and_family(registry):
    result = registry.lookup("1205070105150001", view="officer")
    assert result.person["name"] == "RIZKY SIREGAR"
    assert len(result.person["family"]) == 3
    assert result.person["address"]["kecamatan_code"] == "12.05.07"


def test_nik_absent_from_population_still_finds_its_enrolments(registry):
    result = registry.lookup("1205014107900002")
    assert not result.in_population
    assert [e["programme"] for e in result.enrolments] == ["KIS"]
    assert "not-in-population" in result.warnings


def test_invalid_nik_gets_the_parse_error(registry):
    with pytest.raises(sibaso.InvalidNIK) as info:
        registry.lookup("1205013207850001")
    assert info.value.code == "date"


def test_lookups_are_audited_without_plain_niks(registry, store_target):
    registry.lookup("1205070105150001", view="officer", actor="officer-7")
    registry.lookup("1205070105150001")
    registry.flush_audit()
    entries = registry.store.audit_entries()
    actions = [e[3] for e in entries]
    assert "lookup-officer" in actions and "lookup-public" in actions
    assert all("1205070105150001" not in json.dumps(e) for e in entries)
    subject = registry.audit_subject("1205070105150001")
    assert sum(1 for e in entries if e[4] == subject) == 2
    assert any(e[2] == "officer-7" for e in entries)


def test_same_file_twice_is_already_present(registry, files):
    before = registry.store.count("enrolment")
    again = registry.ingest(files["pkh"], period="2024")
    assert again.already_present and again.stored == 0
    assert registry.store.count("enrolment") == before
    data = again.to_dict()
    assert data["already_present"] is True and data["adapter"] == "siks-ng"


def test_new_list_replaces_active_and_diff(registry, tmp_path):
    newer = tmp_path / "pkh2.csv"
    newer.write_text(
        SIKS.replace("SITI AMINAH|1205074107820001", "AHMAD SIREGAR|1205071203800001").replace(
            "AKTIF", "AKTIF "
        ),
        encoding="utf-8",
    )
    report = registry.ingest(newer, period="2024")
    assert report.replaced
    result = registry.lookup("1205074107820001")
    assert ("PKH", "self") not in {(e["programme"], e["via"]) for e in result.enrolments}
    assert ("PKH", "family") in {(e["programme"], e["via"]) for e in result.enrolments}
    later = tmp_path / "pkh2025.csv"
    later.write_text(SIKS.replace("SITI AMINAH", "SITI AMINAH S"), encoding="utf-8")
    registry.ingest(later, period="2025")
    d = registry.diff("pkh", "2024", "2025")
    assert [a["nik"] for a in d.added] == ["1205074107820001"]
    assert [r["nik"] for r in d.removed] == ["1205071203800001"]


def test_whole_file_error_stores_nothing(store_target, tmp_path):
    reg = sibaso.open(store_target)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(sibaso.SourceError):
        reg.ingest(bad, programme="PKH")
    assert reg.store.count("source") == 0


def test_crash_mid_ingest_leaves_store_as_before(durable_target, files, monkeypatch):
    reg = sibaso.open(durable_target)
    reg.ingest(files["pop"])
    before = (reg.store.count("source"), reg.store.count("enrolment"))

    def boom(rows):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(reg.store, "put_enrolments", boom)
    with pytest.raises(KeyboardInterrupt):
        reg.ingest(files["kis"], period="2024")
    reg.close()
    again = open_store(durable_target)
    assert (again.count("source"), again.count("enrolment")) == before


def test_recap_and_complementarity(registry):
    rows = registry.recap()
    stabat = {r.programme: r.count for r in rows if r.kecamatan_name == "Stabat"}
    assert stabat["PKH"] == 1 and stabat["RS-RTLH"] == 1 and stabat["KIS"] == 1
    gaps = registry.complementarity()
    no_kis = {m["nik"] for m in gaps["pkh-without-kis"]}
    assert "1205070105150001" in no_kis and "1205074107820001" not in no_kis
    assert {m["nik"] for m in gaps["children-without-kip"]} == {"1205070105150001"}
    by_desa = registry.recap(by="desa")
    assert any(r.desa_code == "12.05.07.2001" for r in by_desa)


def test_recipient_is_the_listed_person_not_the_programme(registry):
    officer = registry.lookup("1205070105150001", view="officer")
    pkh = next(e for e in officer.enrolments if e["programme"] == "PKH")
    assert pkh["recipient"]["name"] == "SITI AMINAH"
    assert pkh["recipient"]["nik"] == "1205074107820001"
    public = registry.lookup("1205070105150001")
    pkh = next(e for e in public.enrolments if e["programme"] == "PKH")
    assert pkh["via"] == "family" and pkh["recipient"] is None  # the mother is not the asker
    own = next(e for e in registry.lookup("1205074107820001").enrolments if e["via"] == "self")
    assert own["recipient"] == {"nik": "1205**********01", "name": "S*** A*****"}


def test_same_file_under_a_programme_alias_is_already_present(store_target, files):
    reg = sibaso.open(store_target)
    first = reg.ingest(files["kis"], programme="PBI JK", period="2024")
    again = reg.ingest(files["kis"], programme="Kartu Indonesia Sehat", period="2024")
    assert first.stored == 2
    assert again.already_present
    assert reg.store.count("enrolment") == 2
    reg.close()


def test_a_long_lived_registry_sees_another_connections_ingest_at_once(durable_target, files):
    portal = sibaso.open(durable_target)
    portal.ingest(files["pop"])
    assert portal.lookup("1205074107820001").programmes == []
    operator = sibaso.open(durable_target)  # another process, say the operator's CLI
    operator.ingest(files["pkh"], period="2024")
    operator.close()
    # the ingest brought its own index: no delay, no rebuild by the reader
    assert portal.lookup("1205074107820001").programmes == ["PKH"]
    portal.close()


def _siks(path, rows):
    head = "NAMA_PENERIMA|NIK|NOKK|PENYALURAN_OLEH|BANSOS|PROP_NAME|KAB_NAME|KEC_NAME|KEL_NAME"
    lines = [head] + [
        f"{name}|{nik}|{kk}|BNI|PKH|SUMUT|LANGKAT|{kec}|X" for name, nik, kk, kec in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_kecamatan_spellings_are_one_scope_so_a_corrected_list_replaces(store_target, tmp_path):
    reg = sibaso.open(store_target)
    first = _siks(
        tmp_path / "pkh_a.csv",
        [("SITI", "1205114107820001", "1205112003150001", "TANJUNG PURA")],
    )
    again = _siks(
        tmp_path / "pkh_b.csv",
        [("SITI A", "1205114107820001", "1205112003150001", "Tj. Pura")],
    )
    old = reg.ingest(first, period="2024")
    new = reg.ingest(again, period="2024")
    assert old.scope == new.scope == "12.05.11"
    assert new.replaced == [old.source_id]
    (only,) = reg.lookup("1205114107820001").enrolments
    assert only["programme"] == "PKH"


def test_an_overlapping_list_is_flagged_not_silently_doubled(store_target, tmp_path):
    reg = sibaso.open(store_target)
    wide = _siks(
        tmp_path / "pkh_all.csv",
        [
            ("SITI", "1205114107820001", "1205112003150001", "TANJUNG PURA"),
            ("AHMAD", "1205071203800001", "1205072003150001", "STABAT"),
        ],
    )
    fixed = _siks(
        tmp_path / "pkh_fix.csv",
        [("SITI", "1205114107820001", "1205112003150001", "TANJUNG PURA")],
    )
    reg.ingest(wide, period="2024")
    report = reg.ingest(fixed, period="2024")
    (warning,) = [i for i in report.read.issues if i.code == "scope-overlap"]
    assert warning.severity == "warning" and "12.05.11" in warning.message
    assert "--scope" in warning.message


def test_public_lookup_does_not_tell_who_is_a_resident(store_target, files):
    reg = sibaso.open(store_target)
    reg.ingest(files["pop"])  # residents, no programme lists yet
    resident = reg.lookup("1205071203800001").to_dict()
    stranger = reg.lookup("1205071203800002").to_dict()  # valid, not in the population data
    assert resident.pop("nik") != stranger.pop("nik")
    assert (
        resident
        == stranger
        == {
            "valid": True,
            "in_population": None,
            "person": None,
            "enrolments": [],
            "warnings": [],
        }
    )
    assert reg.lookup("1205071203800001", view="officer").in_population is True


def test_officer_address_names_the_desa(registry, tmp_path):
    """The population file gives the desa as a code only (NO_KEL 2001): the officer still reads
    its name, in the address fields and in the one address line."""
    address = registry.lookup("1205070105150001", view="officer").person["address"]
    assert address["desa_code"] == "12.05.07.2001"
    assert address["desa_name"] == "Karang Rejo"
    assert address["text"] == "Desa Karang Rejo, Kec. Stabat"
    # A programme list that gives the desa as a Kemendagri code, without its name.
    coded = write(
        tmp_path / "kip.csv",
        [
            ["NAMA", "NIK", "NO KK", "KODE DESA", "NO KEC", "NO KAB", "NO PROP"],
            ["RIZKY SIREGAR", "1205070105150001", "1205072003150001", "2001", "7", "5", "12"],
        ],
    )
    registry.ingest(coded, programme="KIP", period="2024")
    kip = next(
        e
        for e in registry.lookup("1205070105150001", view="officer").enrolments
        if e["programme"] == "KIP"
    )
    assert (kip["desa_code"], kip["desa"]) == ("12.05.07.2001", "Karang Rejo")
    assert kip["address"] == "Desa Karang Rejo, Kec. Stabat"
    pkh = next(
        e
        for e in registry.lookup("1205074107820001", view="officer").enrolments
        if e["programme"] == "PKH"
    )
    assert pkh["desa"] == "X" and pkh["address"] == "Desa/Kel. X, Kec. STABAT"
    public = registry.lookup("1205070105150001").to_dict()
    assert "Karang" not in json.dumps(public)
