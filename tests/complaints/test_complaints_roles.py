"""Roster and roles: officers act only in their kecamatan, sanggah reporters stay hidden from
them, operators see the kabupaten, the public only their own ticket."""

import io

import pytest
from complaint_helpers import AHMAD, JOKO, RINA, SITI, STRANGER_STABAT, file_one

import sibaso
from sibaso.complaints import (
    AccessDenied,
    Actor,
    Role,
    RosterError,
    TicketNotFound,
    UnknownOfficer,
    parse_roster,
)


@pytest.fixture
def filed(registry):
    """One complaint in Stabat, one in Bahorok, one sanggah in Stabat about Ahmad."""
    stabat = file_one(registry)
    bahorok = file_one(registry, reporter_nik=RINA, reporter_name="Rina Wati")
    sanggah = file_one(
        registry,
        reporter_nik=JOKO,
        reporter_name="Joko Susilo",
        phone="081311112222",
        category="sanggah",
        subject_nik=AHMAD,
        text="Ahmad punya mobil, tidak layak PKH.",
    )
    return stabat, bahorok, sanggah


def test_roster_is_loaded_and_resolved(registry):
    officer = registry.complaints.actor("pkh-bahorok")
    assert officer.role is Role.PENDAMPING_PKH and officer.kind == "officer"
    assert officer.kecamatan == ("12.05.01", "12.05.23") and officer.name == "Rina Wati"
    assert registry.complaints.actor("pkh-wampu").kecamatan == ("12.05.08",)
    assert registry.complaints.actor("op-langkat").kecamatan == ("12.05",)
    assert registry.complaints.actor("op-all").everywhere
    with pytest.raises(UnknownOfficer):
        registry.complaints.actor("nobody")


def test_a_new_roster_replaces_the_old(registry, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(
        'id;name;role;kecamatan\ntksk-stabat;Budi;tksk;"12.05.07;12.05.08"\nadmin-1;A;admin;\n',
        encoding="utf-8-sig",
    )
    report = registry.complaints.load_roster(registry.complaints.actor("admin-1"), path)
    assert (report.officers, report.added, report.updated, report.deactivated) == (2, 0, 2, 4)
    assert registry.complaints.actor("tksk-stabat").kecamatan == ("12.05.07", "12.05.08")
    with pytest.raises(UnknownOfficer):
        registry.complaints.actor("pkh-bahorok")  # inactive now
    roster = registry.complaints.roster(registry.complaints.actor("admin-1"))
    assert {o["id"]: o["active"] for o in roster}["pkh-bahorok"] is False
    assert registry.store.audit_entries("roster-load")


def test_only_admins_load_the_roster(registry, roster_file):
    for who in ("op-langkat", "tksk-stabat"):
        with pytest.raises(AccessDenied):
            registry.complaints.load_roster(registry.complaints.actor(who), roster_file)
    with pytest.raises(AccessDenied):
        registry.complaints.load_roster(Actor.public(), roster_file)


def test_bad_roster_rows_are_all_reported_and_nothing_loaded(registry, tmp_path):
    text = (
        "id,name,role,kecamatan\n"
        "tksk-x,,tksk,12.05.07\n"
        "tksk-y,Y,camat,12.05.07\n"
        "tksk-z,Z,tksk,\n"
        "tksk-w,W,tksk,12.05.99\n"
        "op-k,K,operator,12.05\n"
        "op-k,K2,operator,\n"
        "public,P,admin,\n"
        "tksk-v,V,tksk,12.05\n"
    )
    with pytest.raises(RosterError) as caught:
        parse_roster(io.StringIO(text))
    rows = [(e["row"], e["field"], e["code"]) for e in caught.value.errors]
    assert rows == [
        (2, "name", "required"),
        (3, "role", "choice"),
        (4, "kecamatan", "required"),
        (5, "kecamatan", "region"),
        (7, "id", "duplicate"),
        (8, "id", "format"),
        (9, "kecamatan", "region"),  # a kabupaten code is for operators and admins only
    ]
    assert "baris 2" in caught.value.localized("id")
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError):
        registry.complaints.load_roster(Actor.system(), path)
    assert registry.complaints.actor("tksk-stabat")  # the old roster stays
    with pytest.raises(RosterError) as caught:
        parse_roster(io.StringIO("id,nama,peran\n"))
    assert {e["field"] for e in caught.value.errors} == {"name", "role", "kecamatan"}


def test_officer_sees_only_their_kecamatan(registry, filed):
    stabat, bahorok, sanggah = filed
    svc = registry.complaints
    tksk = svc.actor("tksk-stabat")
    assert {v.ticket for v in svc.list(tksk)} == {stabat.ticket, sanggah.ticket}
    pkh = svc.actor("pkh-bahorok")
    assert [v.ticket for v in svc.list(pkh)] == [bahorok.ticket]
    with pytest.raises(AccessDenied):
        svc.get(tksk, bahorok.ticket)
    with pytest.raises(AccessDenied):
        svc.update(tksk, bahorok.ticket, "diverifikasi", "Bukan wilayah saya.")
    with pytest.raises(AccessDenied):
        svc.list(tksk, kecamatan="12.05.01")
    with pytest.raises(AccessDenied):
        svc.overdue(Actor.public())
    assert svc.get(pkh, bahorok.ticket).status == "diterima"  # unchanged
    assert [h.to_status for h in svc.get(pkh, bahorok.ticket).history] == ["diterima"]
    assert svc.overdue(tksk, today=stabat.due.replace(year=stabat.due.year + 1)).keys() == {
        "12.05.07"
    }


def test_operators_see_their_kabupaten_admins_everything(registry, filed):
    svc = registry.complaints
    elsewhere = file_one(registry, reporter_nik="9201040101900001")  # routed to 96.01.02
    op = svc.actor("op-langkat")
    assert len(svc.list(op)) == 3
    assert elsewhere.ticket not in {v.ticket for v in svc.list(op)}
    with pytest.raises(AccessDenied):
        svc.get(op, elsewhere.ticket)
    assert len(svc.list(svc.actor("op-all"))) == 4
    assert len(svc.list(svc.actor("admin-1"))) == 4
    assert len(svc.list(op, status="diterima", kecamatan="12.05.07")) == 2
    assert len(svc.list(op, category="sanggah")) == 1
    assert len(svc.list(op, limit=1)) == 1


def test_sanggah_reporter_is_masked_for_officers(registry, filed):
    _stabat, _bahorok, sanggah = filed
    svc = registry.complaints
    tksk = svc.actor("tksk-stabat")
    for view in (
        svc.get(tksk, sanggah.ticket),
        next(v for v in svc.list(tksk) if v.category == "sanggah"),
    ):
        assert view.reporter_masked
        assert view.reporter_nik == "1205**********01"
        assert view.reporter_name == "J*** S*****"
        assert view.phone is None
        assert view.subject_nik == AHMAD  # the officer must verify the person objected to
        assert JOKO not in str(view.to_dict())
    for who in ("op-langkat", "admin-1"):
        view = svc.get(svc.actor(who), sanggah.ticket)
        assert not view.reporter_masked and view.reporter_nik == JOKO
        assert view.phone == "+6281311112222"
    # other categories are not masked for officers
    plain = next(v for v in svc.list(tksk) if v.category != "sanggah")
    assert plain.reporter_nik == SITI and not plain.reporter_masked


def test_sanggah_reporter_is_masked_in_officer_exports(registry, filed, tmp_path):
    svc = registry.complaints
    path = tmp_path / "stabat.csv"
    svc.export(svc.actor("tksk-stabat"), path)
    text = path.read_text(encoding="utf-8-sig")
    assert JOKO not in text and "J*** S*****" in text and SITI in text
    assert RINA not in text  # Bahorok is not theirs


def test_public_may_only_file_and_check(registry, filed, public):
    stabat = filed[0]
    svc = registry.complaints
    for call in (
        lambda: svc.list(public),
        lambda: svc.get(public, stabat.ticket),
        lambda: svc.update(public, stabat.ticket, "selesai"),
        lambda: svc.officer_lookup(public, SITI),
        lambda: svc.roster(public),
    ):
        with pytest.raises(AccessDenied):
            call()
    assert svc.status(public, stabat.ticket, SITI).status == "diterima"
    with pytest.raises(TicketNotFound):
        svc.status(public, stabat.ticket, RINA)


def test_officer_lookups_are_scoped_and_audited(registry):
    svc = registry.complaints
    tksk = svc.actor("tksk-stabat")
    result = svc.officer_lookup(tksk, SITI)
    assert result.person["name"] == "SITI AMINAH"
    assert svc.officer_lookup(tksk, STRANGER_STABAT).in_population is False  # by NIK code
    with pytest.raises(AccessDenied):
        svc.officer_lookup(tksk, RINA)  # lives in Bahorok
    with pytest.raises(AccessDenied):
        svc.officer_lookup(svc.actor("pkh-wampu"), SITI)
    assert svc.officer_lookup(svc.actor("op-langkat"), RINA).person["name"] == "RINA WATI"
    with pytest.raises(sibaso.InvalidNIK):
        svc.officer_lookup(tksk, "12345")
    officer_entries = registry.store.audit_entries("lookup-officer")
    assert [e[2] for e in officer_entries] == ["tksk-stabat", "tksk-stabat", "op-langkat"]
    refused = registry.store.audit_entries("lookup-refused")
    assert [e[2] for e in refused] == ["tksk-stabat", "pkh-wampu"]
    assert refused[0][4] == registry.audit_subject(RINA)
    assert all(RINA not in str(e) and SITI not in str(e) for e in registry.store.audit_entries())


def test_reads_and_exports_are_audited(registry, filed, tmp_path):
    svc = registry.complaints
    op = svc.actor("op-langkat")
    svc.get(op, filed[0].ticket)
    svc.list(op, status="diterima")
    svc.export(op, tmp_path / "x.xlsx")
    actions = [e[3] for e in registry.store.audit_entries() if e[2] == "op-langkat"]
    assert actions == ["complaint-view", "complaint-list", "complaint-export"]
