"""Filing: field-by-field validation, nothing stored until valid, routing, tickets, due dates."""

import datetime
import re

import pytest
from complaint_helpers import (
    AHMAD,
    JOKO,
    RINA,
    SITI,
    STRANGER_STABAT,
    STRANGER_WAMPU,
    Clock,
    file_one,
)

import sibaso
from sibaso.complaints import (
    Actor,
    Attachment,
    ComplaintService,
    ComplaintValidationError,
    normalise_phone,
)
from sibaso.complaints import _service as service_module
from sibaso.complaints._tickets import ALPHABET
from sibaso.complaints._workflow import local_date

SHA = "a" * 64


def errors_of(exc_info, lang="id"):
    return {e["field"]: e for e in exc_info.value.to_dict(lang)["errors"]}


def test_valid_complaint_is_stored_with_ticket_kecamatan_and_due(registry):
    complaint = file_one(registry)
    assert re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", complaint.ticket)
    assert complaint.status.value == "diterima"
    assert complaint.kecamatan == "12.05.07"
    assert complaint.phone == "+6281234567890"
    assert complaint.programme == "PKH"
    assert complaint.due == local_date(complaint.filed_at) + datetime.timedelta(days=7)
    assert registry.store.count("complaint") == 1
    assert registry.store.count("complaint_history") == 1


def test_every_invalid_field_is_reported_and_nothing_stored(registry, public):
    with pytest.raises(ComplaintValidationError) as caught:
        registry.complaints.file(
            public,
            reporter_nik="1205013207850001",  # day 32
            reporter_name="   ",
            phone="+60 12 345 6789",
            category="keluhan",
            programme="Bansos Bulan",
            subject_nik="12345",
            text="x" * 2001,
            channel="fax",
            attachments=[
                {"ref": "", "media_type": "text/html", "size": 0, "sha256": "zz"},
                "not an attachment",
            ],
        )
    found = errors_of(caught)
    assert set(found) >= {
        "reporter_nik",
        "reporter_name",
        "phone",
        "category",
        "programme",
        "subject_nik",
        "text",
        "channel",
        "attachments[0].ref",
        "attachments[0].media_type",
        "attachments[0].size",
        "attachments[0].sha256",
        "attachments[1]",
    }
    assert found["reporter_nik"]["code"] == "date"
    assert found["text"]["code"] == "too-long"
    assert "tidak sah" in found["phone"]["message"]
    assert "wajib diisi" in found["reporter_name"]["message"]
    english = errors_of(caught, "en")
    assert english["reporter_name"]["message"] == "The reporter's name is required."
    assert isinstance(caught.value, sibaso.ValidationError)
    assert registry.store.count("complaint") == 0
    assert registry.store.count("complaint_history") == 0
    assert registry.store.audit_entries("complaint-file") == []


def test_reporter_nik_is_strict_subject_nik_lenient(registry, public):
    unknown_kecamatan = "1205990101900001"  # kecamatan 99 of Langkat does not exist
    with pytest.raises(ComplaintValidationError) as caught:
        file_one(registry, reporter_nik=unknown_kecamatan)
    assert errors_of(caught)["reporter_nik"]["code"] == "region"
    complaint = file_one(
        registry,
        category="sanggah",
        subject_nik=unknown_kecamatan,
        text="Penerima ini mampu.",
    )
    assert complaint.subject_nik.value == unknown_kecamatan


def test_required_fields_depend_on_category(registry):
    with pytest.raises(ComplaintValidationError) as caught:
        file_one(registry, category="sanggah", programme=None)
    assert set(errors_of(caught)) == {"programme", "subject_nik"}
    with pytest.raises(ComplaintValidationError) as caught:
        file_one(registry, category="usul", programme="")
    assert set(errors_of(caught)) == {"programme"}
    # pelayanan needs neither; usul for oneself needs no subject
    assert file_one(registry, category="pelayanan", programme=None).programme is None
    assert file_one(registry, category="belum terdaftar").category.value == "usul"


def test_programme_any_name_the_catalogue_resolves(registry):
    assert file_one(registry, programme="Raskin").programme == "SEMBAKO"
    assert file_one(registry, programme="bpnt").programme == "SEMBAKO"
    with pytest.raises(ComplaintValidationError) as caught:
        file_one(registry, programme="PKHH")
    assert errors_of(caught)["programme"]["code"] == "unknown"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("08123456789", "+628123456789"),
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62 0812 3456 7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("(061) 8912345", "+62618912345"),
    ],
)
def test_phone_numbers_are_normalised(given, expected):
    assert normalise_phone(given) == expected


@pytest.mark.parametrize(
    "bad", ["", "0812", "+6012345678", "08123456789012345", "0812-ABCD-7890", "0012345678"]
)
def test_bad_phone_numbers_are_refused(bad):
    with pytest.raises(sibaso.ValidationError):
        normalise_phone(bad)


def test_text_is_stored_as_given(registry):
    hostile = (
        '=HYPERLINK("http://x")\n<script>alert(1)</script>\'; DROP TABLE complaint; --\n'
        "  dengan   spasi  "
    )
    complaint = file_one(registry, text=hostile)
    admin = registry.complaints.actor("admin-1")
    assert registry.complaints.get(admin, complaint.ticket).text == hostile
    assert registry.store.count("complaint") == 1


def test_text_limits(registry):
    assert len(file_one(registry, text="y" * 2000).text) == 2000
    for bad, code in (("   \n ", "required"), ("a\x00b", "control-character")):
        with pytest.raises(ComplaintValidationError) as caught:
            file_one(registry, text=bad)
        assert errors_of(caught)["text"]["code"] == code


def test_attachments_by_reference(registry):
    good = Attachment(ref="s3://bukti/ktp.jpg", media_type="image/jpeg", size=120_000, sha256=SHA)
    pdf = {
        "ref": "https://portal/x.pdf",
        "type": "application/pdf",
        "size": "2048",
        "sha256": SHA.upper(),
    }
    complaint = file_one(registry, attachments=[good, pdf])
    assert complaint.attachments[0] == good
    assert complaint.attachments[1].sha256 == SHA and complaint.attachments[1].size == 2048
    admin = registry.complaints.actor("admin-1")
    assert registry.complaints.get(admin, complaint.ticket).attachments == complaint.attachments
    with pytest.raises(ComplaintValidationError) as caught:
        file_one(
            registry,
            attachments=[
                {"ref": "a", "media_type": "image/png", "size": 6 * 1024 * 1024, "sha256": SHA},
            ]
            * 6,
        )
    found = errors_of(caught)
    assert found["attachments"]["code"] == "too-many"
    assert found["attachments[0].size"]["code"] == "too-large"


def test_counter_channel_needs_an_officer(registry, public):
    with pytest.raises(ComplaintValidationError) as caught:
        file_one(registry, channel="counter")
    assert errors_of(caught)["channel"]["code"] == "counter-needs-officer"
    officer = registry.complaints.actor("tksk-stabat")
    walk_in = file_one(registry, officer, phone=None)
    assert walk_in.channel.value == "counter" and walk_in.phone is None
    history = registry.complaints.get(officer, walk_in.ticket).history
    assert history[0].actor == "tksk-stabat"
    with pytest.raises(ComplaintValidationError):
        file_one(registry, phone=None)  # web needs a phone


def test_routing_subject_then_reporter_then_nik(registry):
    # the subject's kecamatan in the population data (Joko lives in Wampu)
    c = file_one(registry, category="sanggah", subject_nik=JOKO, text="Mampu.")
    assert c.kecamatan == "12.05.08"
    # subject not in the population: the reporter's kecamatan (Rina lives in Bahorok)
    c = file_one(
        registry, reporter_nik=RINA, category="usul", subject_nik=STRANGER_WAMPU, text="Usul."
    )
    assert c.kecamatan == "12.05.01"
    # neither in the population: the subject NIK's district code
    c = file_one(
        registry,
        reporter_nik=STRANGER_STABAT,
        category="usul",
        subject_nik=STRANGER_WAMPU,
        text="Usul.",
    )
    assert c.kecamatan == "12.05.08"
    # no subject, reporter unknown: the reporter NIK's district code
    assert file_one(registry, reporter_nik=STRANGER_WAMPU).kecamatan == "12.05.08"
    # a retired code goes to its successor (Papua 2022: 92.01.04 Beraur → 96.01.02)
    assert file_one(registry, reporter_nik="9201040101900001").kecamatan == "96.01.02"
    admin = registry.complaints.actor("admin-1")
    routed = {v.ticket: v.routed_by for v in registry.complaints.list(admin)}
    assert sorted(routed.values()) == ["nik", "nik", "nik", "reporter", "subject"]


def test_tickets_are_unique_and_a_collision_is_retried(registry, monkeypatch):
    first = file_one(registry)
    replay = iter([first.ticket, first.ticket, "ZZZZ-2345"])
    monkeypatch.setattr(service_module, "new_ticket", lambda: next(replay))
    second = file_one(registry, reporter_nik=AHMAD)
    assert second.ticket == "ZZZZ-2345"
    assert registry.store.count("complaint") == 2
    assert registry.store.count("complaint_history") == 2
    monkeypatch.setattr(service_module, "new_ticket", lambda: first.ticket)
    with pytest.raises(Exception, match="ticket"):
        file_one(registry)
    assert registry.store.count("complaint") == 2


def test_tickets_are_not_a_sequence(registry):
    tickets = [file_one(registry).ticket for _ in range(30)]
    assert len(set(tickets)) == 30
    assert tickets != sorted(tickets)


def test_due_dates_per_category_and_configurable(registry):
    clock = Clock(datetime.datetime(2026, 3, 1, 20, 0, tzinfo=datetime.timezone.utc))
    service = ComplaintService(registry.store, registry, clock=clock)
    # 20:00 UTC is 03:00 WIB on 2 March: days count from the WIB date
    sanggah = service.file(
        Actor.public(),
        reporter_nik=SITI,
        reporter_name="Siti",
        phone="08123456789",
        category="sanggah",
        programme="PKH",
        subject_nik=RINA,
        text="Penerima mampu.",
    )
    assert sanggah.due == datetime.date(2026, 3, 16)
    admin = registry.complaints.actor("admin-1")
    with pytest.raises(sibaso.complaints.AccessDenied):
        service.configure_due_days(registry.complaints.actor("op-langkat"), {"usul": 21})
    days = service.configure_due_days(admin, {"usul": 21})
    assert days[sibaso.complaints.ComplaintCategory.USUL] == 21
    usul = service.file(
        Actor.public(),
        reporter_nik=SITI,
        reporter_name="Siti",
        phone="08123456789",
        category="usul",
        programme="KIS",
        text="Usul PBI.",
    )
    assert usul.due == datetime.date(2026, 3, 23)
    # another service on the same database reads the stored setting
    other = ComplaintService(registry.store, registry)
    assert other.due_days[sibaso.complaints.ComplaintCategory.USUL] == 21
    assert other.due_days[sibaso.complaints.ComplaintCategory.SANGGAH] == 14
    override = ComplaintService(registry.store, registry, due_days={"sanggah": 10})
    assert override.due_days[sibaso.complaints.ComplaintCategory.SANGGAH] == 10


def test_filing_is_audited_without_plain_niks(registry):
    c = file_one(registry, category="sanggah", subject_nik=RINA, text="Mampu.")
    [entry] = registry.store.audit_entries("complaint-file")
    _id, _at, actor, _action, subject, detail = entry
    assert actor == "public"
    assert subject == registry.audit_subject(SITI)
    assert SITI not in detail and RINA not in detail
    assert c.ticket in detail and registry.audit_subject(RINA) in detail


@pytest.mark.parametrize("name", ["CEK 1205076708710001", "Siti 0812-3456-7890"])
def test_a_long_number_in_the_name_is_refused(registry, name):
    with pytest.raises(ComplaintValidationError) as caught:
        file_one(registry, reporter_name=name)
    assert errors_of(caught)["reporter_name"]["code"] == "format"
    assert file_one(registry, reporter_name="Hj. Siti Aminah, S.Pd").reporter_name
