"""Workflow, history, versions, the citizen's status check, the audit trail and the hook."""

import datetime

import pytest
from complaint_helpers import AHMAD, SITI, Clock, file_one

from sibaso.complaints import (
    Actor,
    ComplaintService,
    ComplaintValidationError,
    ConflictError,
    IllegalTransition,
    TicketNotFound,
)
from sibaso.hookspecs import hookimpl


@pytest.fixture
def tksk(registry):
    return registry.complaints.actor("tksk-stabat")


def test_happy_path_with_history(registry, tksk):
    c = file_one(registry)
    svc = registry.complaints
    svc.update(tksk, c.ticket, "diverifikasi", "Dicek ke bank penyalur.")
    svc.update(tksk, c.ticket, "diteruskan", "Diteruskan ke Dinas Sosial.")
    view = svc.update(registry.complaints.actor("op-langkat"), c.ticket, "selesai", "Sudah cair.")
    assert view.status == "selesai" and view.version == 4 and view.closed_at is not None
    steps = [(h.from_status, h.to_status, h.actor, h.version) for h in view.history]
    assert steps == [
        (None, "diterima", "public", 1),
        ("diterima", "diverifikasi", "tksk-stabat", 2),
        ("diverifikasi", "diteruskan", "tksk-stabat", 3),
        ("diteruskan", "selesai", "op-langkat", 4),
    ]
    assert view.history[1].note == "Dicek ke bank penyalur."
    assert all(h.at.tzinfo is not None for h in view.history)


@pytest.mark.parametrize(
    ("path", "target", "code"),
    [
        ([], "diteruskan", "illegal-transition"),
        ([], "selesai", "illegal-transition"),
        ([], "diterima", "same-status"),
        (["diverifikasi"], "diterima", "illegal-transition"),
        (["diverifikasi", "diteruskan"], "diverifikasi", "illegal-transition"),
        (["diverifikasi", "selesai"], "diteruskan", "illegal-transition"),
    ],
)
def test_illegal_transitions_are_refused(registry, tksk, path, target, code):
    c = file_one(registry)
    for step in path:
        registry.complaints.update(tksk, c.ticket, step)
    with pytest.raises(IllegalTransition) as caught:
        registry.complaints.update(tksk, c.ticket, target, "catatan")
    assert caught.value.code == code
    assert "tidak bisa" in caught.value.localized("id") or "sudah" in caught.value.localized("id")
    assert caught.value.localized("en")
    view = registry.complaints.get(tksk, c.ticket)
    assert view.version == 1 + len(path) and len(view.history) == 1 + len(path)


def test_rejecting_and_reopening_need_a_reason(registry, tksk):
    c = file_one(registry)
    with pytest.raises(IllegalTransition) as caught:
        registry.complaints.update(tksk, c.ticket, "ditolak")
    assert caught.value.code == "reason-required"
    assert "alasan" in caught.value.localized("id")
    registry.complaints.update(tksk, c.ticket, "ditolak", "NIK pelapor bukan warga Stabat.")
    with pytest.raises(IllegalTransition) as caught:
        registry.complaints.update(tksk, c.ticket, "diverifikasi", "  ")
    assert caught.value.code == "reason-required"
    view = registry.complaints.update(tksk, c.ticket, "diverifikasi", "Ternyata warga Stabat.")
    assert view.status == "diverifikasi" and view.closed_at is None
    assert [h.to_status for h in view.history] == [
        "diterima",
        "ditolak",
        "diverifikasi",
    ]


def test_reopen_gets_a_fresh_due_date(registry):
    clock = Clock()
    svc = ComplaintService(registry.store, registry, clock=clock)
    officer = svc.actor("tksk-stabat")
    c = svc.file(
        Actor.public(),
        reporter_nik=SITI,
        reporter_name="Siti",
        phone="08123456789",
        category="pelayanan",
        text="Antrian lama.",
    )
    svc.update(officer, c.ticket, "diverifikasi")
    svc.update(officer, c.ticket, "selesai")
    clock.advance(days=30)
    view = svc.update(officer, c.ticket, "diverifikasi", "Pelapor belum puas.")
    assert view.due == datetime.date(2026, 4, 1) + datetime.timedelta(days=14)


def test_unknown_status_and_long_note(registry, tksk):
    c = file_one(registry)
    with pytest.raises(ComplaintValidationError) as caught:
        registry.complaints.update(tksk, c.ticket, "dibatalkan")
    assert caught.value.errors[0].field == "status"
    with pytest.raises(ComplaintValidationError) as caught:
        registry.complaints.update(tksk, c.ticket, "diverifikasi", "n" * 1001)
    assert caught.value.errors[0].code == "too-long"


def test_stale_version_is_a_conflict(registry, tksk):
    c = file_one(registry)
    operator = registry.complaints.actor("op-langkat")
    seen = registry.complaints.get(tksk, c.ticket).version
    registry.complaints.update(operator, c.ticket, "diverifikasi", expected_version=seen)
    with pytest.raises(ConflictError) as caught:
        registry.complaints.update(tksk, c.ticket, "ditolak", "Tidak layak.", expected_version=seen)
    assert caught.value.expected == 1 and caught.value.current == 2
    assert "versi" in caught.value.localized("id")
    view = registry.complaints.get(tksk, c.ticket)
    assert view.status == "diverifikasi" and len(view.history) == 2


def test_status_check_needs_ticket_and_reporter_nik(registry, tksk, public):
    c = file_one(registry)
    registry.complaints.update(tksk, c.ticket, "diverifikasi", "Sedang dicek.")
    answer = registry.complaints.status(public, c.ticket.lower().replace("-", " "), SITI)
    assert answer.ticket == c.ticket and answer.status == "diverifikasi"
    data = answer.to_dict()
    assert set(data) >= {"ticket", "status", "history", "due"}
    assert [h["to"] for h in data["history"]] == ["diterima", "diverifikasi"]
    assert data["history"][1]["note"] == "Sedang dicek."
    assert "actor" not in data["history"][1]  # officer ids stay internal

    answers = []
    for ticket, nik in (
        (c.ticket, AHMAD),  # wrong NIK
        (c.ticket, "12345"),  # invalid NIK
        ("ZZZZ-ZZZZ", SITI),  # unknown ticket
        ("not-a-ticket", SITI),
        (c.ticket, ""),
    ):
        with pytest.raises(TicketNotFound) as caught:
            registry.complaints.status(public, ticket, nik)
        answers.append((type(caught.value), caught.value.code, str(caught.value)))
    assert len(set(answers)) == 1
    checks = registry.store.audit_entries("complaint-status")
    assert len(checks) == 6
    assert all(SITI not in str(e) and AHMAD not in str(e) for e in checks)
    assert checks[1][4] == registry.audit_subject(AHMAD)


def test_changes_are_in_the_append_only_audit_log(registry, tksk):
    c = file_one(registry, category="sanggah", subject_nik=AHMAD, text="Mampu.")
    registry.complaints.update(tksk, c.ticket, "diverifikasi")
    actions = [e[3] for e in registry.store.audit_entries()]
    assert actions.count("complaint-file") == 1 and actions.count("complaint-update") == 1
    [update] = registry.store.audit_entries("complaint-update")
    assert update[2] == "tksk-stabat" and '"to": "diverifikasi"' in update[5]
    for statement in (
        "UPDATE audit_log SET actor = 'x'",
        "DELETE FROM audit_log",
        "UPDATE complaint_history SET note = 'x'",
        "DELETE FROM complaint_history",
    ):
        with pytest.raises(Exception, match="append-only"), registry.store.transaction():
            registry.store.execute(statement)
    assert len(registry.store.audit_entries()) == len(actions)


def test_hook_complaint_changed(registry, tksk, plugin):
    seen = []

    class Notifier:
        @hookimpl
        def complaint_changed(self, complaint, event, actor):
            seen.append((complaint.ticket, complaint.phone, event.kind, event.to_status, actor.id))

    class Broken:
        @hookimpl
        def complaint_changed(self, complaint, event, actor):
            raise RuntimeError("SMS gateway down")

    plugin(Notifier())
    plugin(Broken())
    c = file_one(registry)
    registry.complaints.update(tksk, c.ticket, "diverifikasi", "Dicek.")
    with pytest.raises(IllegalTransition):
        registry.complaints.update(tksk, c.ticket, "diterima")
    assert seen == [
        (c.ticket, "+6281234567890", "filed", "diterima", "public"),
        (c.ticket, "+6281234567890", "status-changed", "diverifikasi", "tksk-stabat"),
    ]
    # the broken plugin did not undo anything
    assert registry.complaints.get(tksk, c.ticket).version == 2


def test_example_notify_plugin(registry, tksk, plugin):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "notify_plugin.py"
    spec = importlib.util.spec_from_file_location("notify_plugin_example", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    plugin(module)
    module.OUTBOX.clear()
    c = file_one(registry)
    registry.complaints.update(tksk, c.ticket, "ditolak", "Data sudah benar.")
    assert [m.to for m in module.OUTBOX] == ["+6281234567890"] * 2
    assert c.ticket in module.OUTBOX[0].text and "diterima" in module.OUTBOX[0].text
    assert "Data sudah benar." in module.OUTBOX[1].text
    module.OUTBOX.clear()
