"""``registry.complaints``: file, route, check, list, update, export complaints — each call
with the acting user, each change in the history and the audit log."""

from __future__ import annotations

import builtins
import datetime
import functools
import hmac
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sibaso.complaints._errors import (
    AccessDenied,
    ComplaintValidationError,
    ConflictError,
    FieldError,
    TicketNotFound,
    UnknownOfficer,
)
from sibaso.complaints._model import (
    ComplaintEvent,
    ComplaintView,
    HistoryEntry,
    StatusAnswer,
)
from sibaso.complaints._ports import AuditSubjects, LookUp
from sibaso.complaints._roster import RosterEntry, read_roster
from sibaso.complaints._tickets import new_ticket, normalise_ticket
from sibaso.complaints._validate import check_filing, check_note
from sibaso.complaints._workflow import (
    CLOSED,
    DEFAULT_DUE_DAYS,
    check_transition,
    due_date,
    local_date,
)
from sibaso.core import nik as nik_rules
from sibaso.core import wilayah
from sibaso.core.access import Actor, Role
from sibaso.core.errors import InvalidNIK
from sibaso.core.model import (
    Attachment,
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
)
from sibaso.core.privacy import mask_name, mask_nik
from sibaso.store.base import Store
from sibaso.store.complaints import COLUMNS

if TYPE_CHECKING:
    from sibaso.complaints._export import ExportSummary
    from sibaso.registry.lookup import LookupResult

__all__ = ["ComplaintService", "RosterReport", "replace_roster"]

log = logging.getLogger("sibaso.complaints")

#: How many fresh tickets to try when one is already taken (about 1 in 10⁹ per filing
#: with a million complaints stored).
TICKET_ATTEMPTS = 8
DUE_DAYS_META = "complaints.due_days"
_MISS = "0" * 16


@attrs.frozen(kw_only=True)
class RosterReport:
    """What ``load_roster`` changed: officers added, updated and made inactive."""

    officers: int
    added: int
    updated: int
    deactivated: int

    def to_dict(self) -> dict[str, int]:
        """JSON-ready."""
        return attrs.asdict(self)


@functools.lru_cache(maxsize=4096)
def _kecamatan_name(code: str) -> str | None:
    region = wilayah.lookup(code)
    return region.name if region else None


_fromiso = datetime.datetime.fromisoformat
_date = datetime.date.fromisoformat
_SANGGAH = ComplaintCategory.SANGGAH.value


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def iso(moment: datetime.datetime) -> str:
    """How moments are stored: UTC, ISO 8601, seconds."""
    return moment.astimezone(datetime.timezone.utc).isoformat(timespec="seconds")


def attachments_json(items: Iterable[Attachment]) -> str:
    """Attachments as stored (a JSON list)."""
    return json.dumps([attrs.asdict(a) for a in items], separators=(",", ":"))


class ComplaintService:
    """Complaints (pengaduan, usul, sanggah) on a registry store; see ``docs/complaints.md``.

    Reached as ``registry.complaints``. Every method takes the acting user (:class:`Actor`):
    ``Actor.public()`` for citizens, ``service.actor(officer_id)`` for staff from the roster.

    ``lookup`` answers officers' lookups (:class:`~sibaso.complaints._ports.LookUp`);
    ``auditor`` names NIKs in the audit log
    (:class:`~sibaso.complaints._ports.AuditSubjects`) and defaults to ``lookup`` — a
    :class:`~sibaso.registry.Registry` is both, so ``ComplaintService(store, registry)``
    is the usual call. ``clock`` (tests) returns the current UTC time.
    """

    def __init__(
        self,
        store: Store,
        lookup: LookUp,
        auditor: AuditSubjects | None = None,
        *,
        due_days: Mapping[ComplaintCategory | str, int] | None = None,
        clock: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        if auditor is None:
            if not isinstance(lookup, AuditSubjects):
                raise TypeError("ComplaintService needs an auditor with audit_subject(nik)")
            auditor = lookup
        self.store = store
        self.lookups = lookup
        self.auditor = auditor
        self._clock = clock or _utcnow
        self._due_override = _due_mapping(due_days) if due_days else None
        self._due_stored: dict[ComplaintCategory, int] | None = None

    # -- actors and roster --------------------------------------------------------------

    def actor(self, officer_id: str) -> Actor:
        """The active officer with this id, from the roster; :class:`UnknownOfficer` else."""
        found = self.store.officers.active(officer_id)
        if found is None:
            raise UnknownOfficer(officer_id)
        name, role, areas = found
        return Actor(id=officer_id, role=Role(role), kecamatan=areas, name=name)

    def roster(self, actor: Actor) -> list[dict[str, Any]]:
        """The roster (active and former officers); operators and admins only."""
        self._require(actor, Role.OPERATOR, Role.ADMIN)
        return self.store.officers.all()

    def load_roster(self, actor: Actor, roster: str | Path | Iterable[RosterEntry]) -> RosterReport:
        """Replace the roster with a CSV file (or entries); admins only.

        The file is checked whole first (:class:`RosterError` lists every bad row, nothing is
        loaded). Officers missing from the new roster stay in the database as inactive, so
        that history keeps naming them, but can no longer act.
        """
        self._require(actor, Role.ADMIN)
        return replace_roster(self.store, actor, roster, self._clock())

    # -- due dates ----------------------------------------------------------------------

    @property
    def due_days(self) -> dict[ComplaintCategory, int]:
        """Calendar days to settle a complaint, per category (defaults, then this
        database's setting, then the ``due_days`` given to the service)."""
        if self._due_override is not None:
            return {**DEFAULT_DUE_DAYS, **self._due_override}
        if self._due_stored is None:
            stored = self.store.meta_get(DUE_DAYS_META)
            self._due_stored = _due_mapping(json.loads(stored)) if stored else {}
        return {**DEFAULT_DUE_DAYS, **self._due_stored}

    def configure_due_days(
        self, actor: Actor, days: Mapping[ComplaintCategory | str, int]
    ) -> dict[ComplaintCategory, int]:
        """Store per-category due days for this database (admins only); returns them all.

        Applies to complaints filed (or re-opened) afterwards; other open services read it
        when they are next opened.
        """
        self._require(actor, Role.ADMIN)
        wanted = _due_mapping(days)
        merged = {**(self._stored_due()), **wanted}
        now = iso(self._clock())
        text = json.dumps({c.value: n for c, n in merged.items()}, sort_keys=True)
        with self.store.transaction():
            self.store.meta_set(DUE_DAYS_META, text)
            self.store.append_audit([(now, actor.id, "complaint-due-days", None, text)])
        self._due_stored = merged
        return self.due_days

    def _stored_due(self) -> dict[ComplaintCategory, int]:
        stored = self.store.meta_get(DUE_DAYS_META)
        return _due_mapping(json.loads(stored)) if stored else {}

    # -- filing -------------------------------------------------------------------------

    def file(
        self,
        actor: Actor,
        *,
        reporter_nik: object,
        reporter_name: object,
        category: object,
        text: object,
        phone: object = None,
        channel: object = None,
        programme: object = None,
        subject_nik: object = None,
        attachments: Iterable[Attachment | Mapping[str, Any]] | None = None,
    ) -> Complaint:
        """File a complaint; returns it with its ticket, kecamatan and due date.

        Every field is checked before anything is stored
        (:class:`ComplaintValidationError` lists each failure). Citizens file through
        ``web`` or ``bot``; an officer filing for a walk-in citizen uses ``counter`` (the
        default for staff). The complaint goes to the kecamatan of the subject (population
        data), else of the reporter, else of the NIK's district code.
        """
        filing = check_filing(
            reporter_nik=reporter_nik,
            reporter_name=reporter_name,
            phone=phone,
            category=category,
            text=text,
            channel=channel,
            programme=programme,
            subject_nik=subject_nik,
            attachments=attachments,
            staff=actor.is_staff,
        )
        kecamatan, routed_by = self._route(filing.subject_nik, filing.reporter_nik)
        now = self._clock()
        due = due_date(filing.category, now, self.due_days)
        stamp = iso(now)
        row: dict[str, Any] = {
            "reporter_nik": filing.reporter_nik.value,
            "reporter_name": filing.reporter_name,
            "phone": filing.phone,
            "channel": filing.channel.value,
            "category": filing.category.value,
            "programme": filing.programme,
            "subject_nik": filing.subject_nik.value if filing.subject_nik else None,
            "text": filing.text,
            "attachments": attachments_json(filing.attachments),
            "status": ComplaintStatus.DITERIMA.value,
            "kecamatan_code": kecamatan,
            "routed_by": routed_by,
            "filed_at": stamp,
            "filed_by": actor.id,
            "due": due.isoformat(),
            "updated_at": stamp,
            "closed_at": None,
            "version": 1,
        }
        history = (stamp, actor.id, actor.role.value, None, row["status"], None, 1)
        for attempt in range(TICKET_ATTEMPTS):
            row["ticket"] = new_ticket()
            audit = (
                stamp,
                actor.id,
                "complaint-file",
                self.auditor.audit_subject(filing.reporter_nik.value),
                self._detail(row, None),
            )
            try:
                self.store.complaints.insert(row, history, audit)
                break
            except Exception as exc:
                if attempt + 1 == TICKET_ATTEMPTS or not _ticket_taken(exc):
                    raise
        complaint = Complaint(
            ticket=row["ticket"],
            reporter_nik=filing.reporter_nik,
            reporter_name=filing.reporter_name,
            phone=filing.phone,
            channel=filing.channel,
            category=filing.category,
            programme=filing.programme,
            subject_nik=filing.subject_nik,
            text=filing.text,
            attachments=filing.attachments,
            status=ComplaintStatus.DITERIMA,
            kecamatan=kecamatan,
            filed_at=datetime.datetime.fromisoformat(stamp),
            due=due,
            version=1,
        )
        self._notify(
            complaint,
            ComplaintEvent(
                kind="filed",
                ticket=complaint.ticket,
                from_status=None,
                to_status=complaint.status.value,
                note=None,
                at=datetime.datetime.fromisoformat(stamp),
                actor=actor.id,
                version=1,
            ),
            actor,
        )
        return complaint

    def _route(self, subject: nik_rules.NIK | None, reporter: nik_rules.NIK) -> tuple[str, str]:
        for nik, how in ((subject, "subject"), (reporter, "reporter")):
            if nik is None:
                continue
            code = self.store.person_kecamatan(nik.value)
            if code:
                return wilayah.format_code(code), how
        code = (subject or reporter).district_code
        region = wilayah.lookup(code)
        if region is not None and region.retired and region.successor:
            code = region.successor
        return code, "nik"

    # -- the citizen's status check -----------------------------------------------------

    def status(self, actor: Actor, ticket: str, reporter_nik: object) -> StatusAnswer:
        """Status and history of a ticket, for whoever holds the ticket and the reporter's NIK.

        An unknown ticket, a wrong NIK and an invalid one all raise the same
        :class:`TicketNotFound`. Every check is audited (the NIK as masked + keyed hash).
        """
        key = normalise_ticket(ticket)
        try:
            digits = nik_rules.parse(reporter_nik, strict=False).value
        except InvalidNIK:
            digits = None
        row = self.store.complaints.by_ticket(key) if key else None
        stored = row["reporter_nik"] if row else _MISS
        matches = hmac.compare_digest(stored, digits or _MISS) and row is not None
        now = iso(self._clock())
        self.store.audit.record(
            [
                (
                    now,
                    actor.id,
                    "complaint-status",
                    self.auditor.audit_subject(digits) if digits else None,
                    json.dumps({"ticket": key or "-", "found": bool(matches)}),
                )
            ]
        )
        if not matches or row is None:
            raise TicketNotFound()
        return StatusAnswer(
            ticket=row["ticket"],
            status=row["status"],
            category=row["category"],
            filed_at=datetime.datetime.fromisoformat(row["filed_at"]),
            due=datetime.date.fromisoformat(row["due"]),
            history=self._history(row["id"]),
        )

    # -- staff: read --------------------------------------------------------------------

    def get(self, actor: Actor, ticket: str) -> ComplaintView:
        """One complaint with its history; staff of its kecamatan (or wider) only."""
        row = self._row_for(actor, ticket)
        self._audit_read(actor, "complaint-view", row)
        return self._view(row, actor, self._history(row["id"]))

    def list(
        self,
        actor: Actor,
        *,
        status: ComplaintStatus | str | None = None,
        kecamatan: str | None = None,
        category: ComplaintCategory | str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ComplaintView]:
        """Complaints the actor may see, newest first, filtered by status, kecamatan and
        category. Officers see only their kecamatan; asking for another raises
        :class:`AccessDenied`."""
        self._require_staff(actor)
        wanted_status = _status(status).value if status is not None else None
        wanted_kec = self._kecamatan_filter(actor, kecamatan)
        wanted_cat = _category(category).value if category is not None else None
        rows = self.store.complaints.select(
            actor,
            status=wanted_status,
            kecamatan=wanted_kec,
            category=wanted_cat,
            limit=limit,
            offset=offset,
        )
        detail = {
            "status": wanted_status,
            "kecamatan": wanted_kec,
            "category": wanted_cat,
            "rows": len(rows),
        }
        self.store.audit.record(
            [(iso(self._clock()), actor.id, "complaint-list", None, json.dumps(detail))]
        )
        return [self._view_row(r, actor) for r in rows]

    def overdue(
        self, actor: Actor, *, today: datetime.date | None = None
    ) -> dict[str, builtins.list[ComplaintView]]:
        """Open complaints past their due date, per kecamatan (code order), oldest due first."""
        self._require_staff(actor)
        day = today or local_date(self._clock())
        rows = self.store.complaints.select(actor, overdue_on=day.isoformat(), order="due")
        groups: dict[str, builtins.list[ComplaintView]] = {}
        for r in rows:
            view = self._view_row(r, actor)
            groups.setdefault(view.kecamatan, []).append(view)
        self.store.audit.record(
            [
                (
                    iso(self._clock()),
                    actor.id,
                    "complaint-overdue",
                    None,
                    json.dumps({"today": day.isoformat(), "rows": len(rows)}),
                )
            ]
        )
        return groups

    def export(
        self,
        actor: Actor,
        path: str | Path,
        fmt: str | None = None,
        *,
        status: ComplaintStatus | str | None = None,
        kecamatan: str | None = None,
        lang: str = "id",
        today: datetime.date | None = None,
    ) -> ExportSummary:
        """Write the complaints the actor may see to ``.xlsx`` (a summary sheet, then one
        sheet per kecamatan) or ``.csv`` (``fmt``, else from the suffix), sorted by kecamatan
        and status. Cell text a spreadsheet could run as a formula is neutralised."""
        from sibaso.complaints._export import write_export

        self._require_staff(actor)
        target = Path(path)
        kind = (fmt or target.suffix.lstrip(".") or "xlsx").lower()
        if kind not in ("xlsx", "csv"):
            raise ValueError(f"export format must be xlsx or csv, not {kind!r}")
        wanted_status = _status(status).value if status is not None else None
        wanted_kec = self._kecamatan_filter(actor, kecamatan)
        rows = self.store.complaints.select(
            actor, status=wanted_status, kecamatan=wanted_kec, order="kecamatan"
        )
        views = [self._view_row(r, actor) for r in rows]
        day = today or local_date(self._clock())
        summary = write_export(views, target, kind, lang=lang, today=day)
        self.store.audit.record(
            [
                (
                    iso(self._clock()),
                    actor.id,
                    "complaint-export",
                    None,
                    json.dumps(
                        {
                            "file": target.name,
                            "format": kind,
                            "status": wanted_status,
                            "kecamatan": wanted_kec,
                            "rows": len(views),
                        }
                    ),
                )
            ]
        )
        return summary

    # -- staff: change ------------------------------------------------------------------

    def update(
        self,
        actor: Actor,
        ticket: str,
        status: ComplaintStatus | str,
        note: str | None = None,
        *,
        expected_version: int | None = None,
    ) -> ComplaintView:
        """Move a complaint along the workflow; staff of its kecamatan (or wider) only.

        ``ditolak`` and re-opening (``selesai``/``ditolak`` → ``diverifikasi``) need a
        ``note`` (the reason). ``expected_version`` is the version the caller saw: when
        someone changed the complaint since, :class:`ConflictError` is raised and nothing is
        written (read again, decide again, retry). Without it, the version just read is used.
        """
        self._require_staff(actor)
        target = _status(status)
        clean_note = check_note(note)
        row = self._row_for(actor, ticket)
        current = ComplaintStatus(row["status"])
        version = int(row["version"])
        expected = version if expected_version is None else int(expected_version)
        if expected != version:
            raise ConflictError(row["ticket"], expected, version)
        reopen = check_transition(current, target, clean_note)
        now = self._clock()
        stamp = iso(now)
        changes: dict[str, Any] = {
            "status": target.value,
            "updated_at": stamp,
            "closed_at": stamp if target in CLOSED else None,
        }
        if reopen:
            changes["due"] = due_date(
                ComplaintCategory(row["category"]), now, self.due_days
            ).isoformat()
        history = (
            stamp,
            actor.id,
            actor.role.value,
            current.value,
            target.value,
            clean_note,
            expected + 1,
        )
        row_after = {**row, **changes, "version": expected + 1}
        audit = (
            stamp,
            actor.id,
            "complaint-update",
            self.auditor.audit_subject(row["reporter_nik"]),
            self._detail(row_after, current.value),
        )
        new_version = self.store.complaints.change(row["id"], expected, changes, history, audit)
        if new_version is None:
            raise ConflictError(
                row["ticket"], expected, self.store.complaints.version_of(row["id"])
            )
        self._notify(
            _complaint(row_after),
            ComplaintEvent(
                kind="status-changed",
                ticket=row["ticket"],
                from_status=current.value,
                to_status=target.value,
                note=clean_note,
                at=datetime.datetime.fromisoformat(stamp),
                actor=actor.id,
                version=new_version,
            ),
            actor,
        )
        return self._view(row_after, actor, self._history(row["id"]))

    # -- officer lookups ----------------------------------------------------------------

    def officer_lookup(self, actor: Actor, nik: object) -> LookupResult:
        """``registry.lookup(nik, view="officer")`` for staff whose area holds the person
        (their kecamatan in the population data, else the NIK's district code). A refused
        lookup raises :class:`AccessDenied` and is audited too."""
        self._require_staff(actor)
        digits = nik_rules.parse(nik, strict=False)
        code = self.store.person_kecamatan(digits.value)
        kecamatan = wilayah.format_code(code) if code else digits.district_code
        if not actor.covers(kecamatan):
            self.store.audit.record(
                [
                    (
                        iso(self._clock()),
                        actor.id,
                        "lookup-refused",
                        self.auditor.audit_subject(digits.value),
                        json.dumps({"kecamatan": kecamatan}),
                    )
                ]
            )
            raise AccessDenied(
                f"Officer {actor.id} does not serve kecamatan {kecamatan}.",
                f"Petugas {actor.id} tidak bertugas di kecamatan {kecamatan}.",
            )
        return self.lookups.lookup(digits.value, view="officer", actor=actor.id)

    # -- helpers ------------------------------------------------------------------------

    def _history(self, complaint_id: int) -> tuple[HistoryEntry, ...]:
        return tuple(
            HistoryEntry(
                at=_fromiso(at),
                actor=who,
                role=role,
                from_status=from_status,
                to_status=to_status,
                note=note,
                version=int(version),
            )
            for at, who, role, from_status, to_status, note, version in (
                self.store.complaints.history(complaint_id)
            )
        )

    def _require(self, actor: Actor, *roles: Role) -> None:
        if actor.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise AccessDenied(
                f"This needs the role {allowed} ({actor.id} is {actor.role.value}).",
                f"Perlu peran {allowed} ({actor.id} berperan {actor.role.value}).",
            )

    def _require_staff(self, actor: Actor) -> None:
        if not actor.is_staff:
            raise AccessDenied(
                "Only officers, operators and admins may do this.",
                "Hanya petugas, operator dan admin yang boleh melakukan ini.",
            )

    def _kecamatan_filter(self, actor: Actor, kecamatan: str | None) -> str | None:
        if kecamatan is None:
            return None
        digits = wilayah.compact_code(kecamatan.strip())
        if not (len(digits) == 6 and digits in wilayah.district_codes()):
            raise ComplaintValidationError(
                [
                    FieldError(
                        field="kecamatan",
                        code="unknown",
                        message="Kode kecamatan tidak dikenal; tulis 6 angka, misalnya 12.05.07.",
                        message_en="Unknown kecamatan code; give 6 digits, e.g. 12.05.07.",
                    )
                ]
            )
        code = wilayah.format_code(digits)
        if not actor.covers(code):
            raise AccessDenied(
                f"{actor.id} does not serve kecamatan {code}.",
                f"{actor.id} tidak bertugas di kecamatan {code}.",
            )
        return code

    def _row_for(self, actor: Actor, ticket: str) -> dict[str, Any]:
        self._require_staff(actor)
        key = normalise_ticket(ticket)
        row = self.store.complaints.by_ticket(key) if key else None
        if row is None:
            raise TicketNotFound()
        if not actor.covers(row["kecamatan_code"]):
            raise AccessDenied(
                f"Complaint {row['ticket']} belongs to kecamatan {row['kecamatan_code']}, "
                f"which {actor.id} does not serve.",
                f"Pengaduan {row['ticket']} milik kecamatan {row['kecamatan_code']}; "
                f"{actor.id} tidak bertugas di sana.",
            )
        return row

    def _audit_read(self, actor: Actor, action: str, row: Mapping[str, Any]) -> None:
        self.store.audit.record(
            [
                (
                    iso(self._clock()),
                    actor.id,
                    action,
                    self.auditor.audit_subject(row["reporter_nik"]),
                    json.dumps({"ticket": row["ticket"]}),
                )
            ]
        )

    def _detail(self, row: Mapping[str, Any], from_status: str | None) -> str:
        detail = {
            "ticket": row["ticket"],
            "category": row["category"],
            "kecamatan": row["kecamatan_code"],
            "from": from_status,
            "to": row["status"],
            "version": row["version"],
        }
        if row.get("subject_nik"):
            detail["subject"] = self.auditor.audit_subject(row["subject_nik"])
        return json.dumps(detail)

    def _view(
        self, row: Mapping[str, Any], actor: Actor, history: tuple[HistoryEntry, ...] = ()
    ) -> ComplaintView:
        return self._view_row(tuple(row[c] for c in COLUMNS), actor, history)

    def _view_row(
        self, row: Sequence[Any], actor: Actor, history: tuple[HistoryEntry, ...] = ()
    ) -> ComplaintView:
        """A stored row (:data:`COLUMNS` order) as this actor may see it; lists build many,
        so this stays lean."""
        (
            _id,
            ticket,
            reporter_nik,
            reporter_name,
            phone,
            channel,
            category,
            programme,
            subject_nik,
            text,
            attachments,
            status,
            kecamatan,
            routed_by,
            filed_at,
            filed_by,
            due,
            updated_at,
            closed_at,
            version,
        ) = row
        hide = category == _SANGGAH and not actor.sees_sanggah_reporter
        if hide:
            reporter_nik = mask_nik(reporter_nik)
            reporter_name = mask_name(reporter_name) or ""
            phone = None
        return ComplaintView(
            ticket=ticket,
            status=status,
            category=category,
            channel=channel,
            programme=programme,
            kecamatan=kecamatan,
            kecamatan_name=_kecamatan_name(kecamatan),
            routed_by=routed_by,
            reporter_nik=reporter_nik,
            reporter_name=reporter_name,
            phone=phone,
            subject_nik=subject_nik,
            text=text,
            attachments=_attachments(attachments),
            filed_at=_fromiso(filed_at),
            filed_by=filed_by,
            due=_date(due),
            updated_at=_fromiso(updated_at),
            closed_at=_fromiso(closed_at) if closed_at else None,
            version=int(version),
            reporter_masked=hide,
            history=history,
        )

    def _notify(self, complaint: Complaint, event: ComplaintEvent, actor: Actor) -> None:
        """Call every ``complaint_changed`` implementation, each on its own: a failing plugin
        is logged, never raised (the change is already stored), and the others still run."""
        from sibaso.plugins import get_plugin_manager

        kwargs = {"complaint": complaint, "event": event, "actor": actor}
        for impl in reversed(get_plugin_manager().hook.complaint_changed.get_hookimpls()):
            try:
                impl.function(*(kwargs[name] for name in impl.argnames))
            except Exception:
                log.exception(
                    "complaint_changed in plugin %s failed for %s", impl.plugin_name, event.ticket
                )


def replace_roster(
    store: Store,
    actor: Actor,
    roster: str | Path | Iterable[RosterEntry],
    now: datetime.datetime,
) -> RosterReport:
    """Make a roster CSV (or entries) the active roster of ``store``, audited as ``actor``;
    the part of :meth:`ComplaintService.load_roster` that needs nothing but the store."""
    entries = read_roster(roster) if isinstance(roster, (str, Path)) else list(roster)
    stamp = iso(now)
    source = str(roster) if isinstance(roster, (str, Path)) else "entries"
    counts = store.officers.replace(
        [(e.id, e.name, e.role.value, e.kecamatan) for e in entries],
        stamp,
        (
            stamp,
            actor.id,
            "roster-load",
            None,
            json.dumps({"file": source, "officers": len(entries)}),
        ),
    )
    return RosterReport(officers=len(entries), **counts)


def _attachments(text: str) -> tuple[Attachment, ...]:
    if not text or text == "[]":
        return ()
    return tuple(Attachment(**item) for item in json.loads(text))


def _complaint(row: Mapping[str, Any]) -> Complaint:
    return Complaint(
        ticket=row["ticket"],
        reporter_nik=nik_rules.parse(row["reporter_nik"], strict=False),
        reporter_name=row["reporter_name"],
        phone=row["phone"],
        channel=Channel(row["channel"]),
        category=ComplaintCategory(row["category"]),
        programme=row["programme"],
        subject_nik=(
            nik_rules.parse(row["subject_nik"], strict=False) if row["subject_nik"] else None
        ),
        text=row["text"],
        attachments=_attachments(row["attachments"]),
        status=ComplaintStatus(row["status"]),
        kecamatan=row["kecamatan_code"],
        filed_at=datetime.datetime.fromisoformat(row["filed_at"]),
        due=datetime.date.fromisoformat(row["due"]),
        version=int(row["version"]),
    )


def _status(value: ComplaintStatus | str) -> ComplaintStatus:
    if isinstance(value, ComplaintStatus):
        return value
    try:
        return ComplaintStatus(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(s.value for s in ComplaintStatus)
        raise ComplaintValidationError(
            [
                FieldError(
                    field="status",
                    code="choice",
                    message=f"Status tidak dikenal; pilih salah satu: {choices}.",
                    message_en=f"Unknown status; choose one of: {choices}.",
                )
            ]
        ) from None


def _category(value: ComplaintCategory | str) -> ComplaintCategory:
    from sibaso.complaints._validate import parse_category

    try:
        return parse_category(value)
    except ValueError:
        choices = ", ".join(c.value for c in ComplaintCategory)
        raise ComplaintValidationError(
            [
                FieldError(
                    field="category",
                    code="choice",
                    message=f"Kategori tidak dikenal; pilih salah satu: {choices}.",
                    message_en=f"Unknown category; choose one of: {choices}.",
                )
            ]
        ) from None


def _due_mapping(days: Mapping[Any, Any]) -> dict[ComplaintCategory, int]:
    out: dict[ComplaintCategory, int] = {}
    for key, value in days.items():
        category = _category(key)
        number = int(value)
        if not 1 <= number <= 365:
            raise ValueError(f"due days for {category.value} must be 1..365, not {number}")
        out[category] = number
    return out


def _ticket_taken(exc: Exception) -> bool:
    """Was this insert refused because the ticket already exists (either store)?"""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"IntegrityError", "UniqueViolation"}) and "ticket" in str(exc)
