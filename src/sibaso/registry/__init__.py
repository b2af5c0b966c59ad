"""The registry: population, households and every programme list in one store, linked by NIK.

>>> import sibaso
>>> registry = sibaso.open(":memory:")
>>> registry.lookup("1205014107850001").enrolments
[]
"""

from __future__ import annotations

import datetime
import functools
import json
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sibaso.adapters.layouts.adapter import Adapter
from sibaso.core import nik as nik_rules
from sibaso.core.model import Period
from sibaso.core.privacy import mask_nik, nik_digest
from sibaso.registry.analytics import Diff, RecapRow, complementarity, diff, recap
from sibaso.registry.audit_flush import BackgroundFlush
from sibaso.registry.ingest import IngestReport, ingest
from sibaso.registry.lookup import LookupResult, View, find
from sibaso.registry.matchrun import MatchReport, confirm_link, conflicts, run_match
from sibaso.store import Store, open_store

if TYPE_CHECKING:
    from sibaso.complaints import ComplaintService

__all__ = ["IngestReport", "LookupResult", "MatchReport", "Registry", "install_services", "open"]

AUDIT_FLUSH_EVERY = 200
AUDIT_FLUSH_SECONDS = 1.0


_SERVICES: dict[str, Callable[[Registry], ComplaintService]] = {}


def install_services(*, complaints: Callable[[Registry], ComplaintService]) -> None:
    """Set how a registry builds its complaint service (``registry.complaints``); called
    once by the composition root, :mod:`sibaso.app`."""
    _SERVICES["complaints"] = complaints


class Registry:
    """Population, households and programme lists in one store; see ``docs/registry.md``."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._audit: list[tuple[Any, ...]] = []
        self._audit_lock = threading.Lock()
        self._audit_flushed = time.monotonic()
        key = store.meta_get("audit_key")
        if key is None:
            key = secrets.token_hex(32)
            with store.transaction():
                store.meta_set("audit_key", key)
        self._audit_key = bytes.fromhex(key)
        self._flusher = (
            BackgroundFlush(store.reopen, self._take_audit, self._put_back_audit)
            if store.can_reopen
            else None
        )

    # -- lifecycle ----------------------------------------------------------------------

    def close(self) -> None:
        """Write pending audit entries and close the store (closed also when the entries
        cannot be written; the error is raised after)."""
        try:
            if self._flusher is not None:
                self._flusher.stop()
            self.flush_audit()
        finally:
            self.store.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @functools.cached_property
    def complaints(self) -> ComplaintService:
        """Complaints, usul and sanggah on this store; see ``docs/complaints.md``.

        Built by the factory the composition root (:mod:`sibaso.app`) installs: the registry
        does not import the complaint service.
        """
        factory = _SERVICES.get("complaints")
        if factory is None:  # pragma: no cover - importing sibaso installs it
            raise RuntimeError("the complaint service is wired by sibaso.app: import sibaso")
        return factory(self)

    @property
    def catalogue(self) -> Any:
        """The programme catalogue (built-ins, plugins and TOML files)."""
        return _default_catalogue()

    # -- ingest -------------------------------------------------------------------------

    def ingest(
        self,
        path: str | Path,
        *,
        programme: str | None = None,
        period: Period | str | None = None,
        decree: str | None = None,
        adapter: str | Adapter | None = None,
        scope: str | None = None,
        progress: Callable[[int], None] | None = None,
        kind: str | None = None,
    ) -> IngestReport:
        """Read and store one file, all or nothing: staged in short transactions, then made
        visible in one small step (``docs/registry.md``).

        A whole-file error stores nothing; the usable rows are stored together or not at
        all. The same file for the same programme and period is recognised by its content
        hash (``already_present``). A new list for the same programme, period and scope
        (by default the set of kecamatan it covers) replaces the active one; the previous
        stays as history. ``kind`` (``population``, ``programme`` or ``household``) says what
        the file is when its headers do not; a file whose kind is not clear is refused.
        Person data is written by population files only, and never over a higher
        authority's (Dukcapil over a village system).
        """
        from sibaso.adapters.pipeline.read_dtsen import is_dtsen, looks_like_edition
        from sibaso.registry.dtsen import ingest_dtsen
        from sibaso.registry.ingest import DtsenFile

        edition = period if period is None or isinstance(period, str) else str(period)
        if Path(path).exists() and is_dtsen(
            Path(path), adapter, workbook=looks_like_edition(edition)
        ):
            return ingest_dtsen(self.store, path, period=edition, progress=progress)
        try:
            return ingest(
                self.store,
                path,
                programme=programme,
                period=period,
                decree=decree,
                adapter=adapter,
                scope=scope,
                progress=progress,
                kind=kind,
            )
        except DtsenFile:  # rolled back: a DTSEN workbook the name did not announce
            return ingest_dtsen(self.store, path, period=edition, progress=progress)

    # -- matching -----------------------------------------------------------------------

    def match(self, *, progress: Callable[[int], None] | None = None) -> MatchReport:
        """Match (padan) every active enrolment against the population data."""
        return run_match(self.store, progress=progress)

    def conflicts(self) -> list[Any]:
        """Duplicates and conflicts: a NIK twice in one programme period, one NIK under
        clearly different names, one person on two KK (``sibaso.matching.Conflict``)."""
        return conflicts(self.store)

    def confirm_link(
        self, enrolment_id: int, *, by: str, accept: bool = True, nik: str | None = None
    ) -> None:
        """An officer confirms (or rejects) a probable link; recorded with who and when."""
        target = confirm_link(self.store, enrolment_id, by=by, accept=accept, nik=nik)
        self._audit_now(
            _now(),
            by,
            "confirm-link" if accept else "reject-link",
            str(enrolment_id),
            json.dumps({"nik": self._subject(target) if target else None}),
        )

    # -- lookup -------------------------------------------------------------------------

    def lookup(
        self, nik: object, *, view: View = "public", actor: str | None = None
    ) -> LookupResult:
        """Every active enrolment reaching this NIK, with ``via`` self, family or household.

        ``view="public"`` masks names and NIKs and shows no address or family;
        ``view="officer"`` shows them. Every lookup is audited (the NIK as a keyed hash and
        masked, never in plain text); officer lookups are written at once, public ones in
        small batches.
        """
        if view not in ("public", "officer"):
            raise ValueError("view must be 'public' or 'officer'")
        parsed = nik_rules.parse(nik, strict=False)
        result = find(self.store, self.catalogue, parsed, view=view)
        if view == "officer":
            result = self._with_desil(result)
        entry = (
            _now(),
            actor or view,
            f"lookup-{view}",
            self._subject(parsed.value),
            f'{{"found": {len(result.enrolments)}}}',
        )
        if view == "officer":
            self._audit_now(*entry)
        else:
            self._audit_later(entry)
        return result

    # -- analytics ----------------------------------------------------------------------

    def recap(self, *, by: str = "kecamatan") -> list[RecapRow]:
        """Counts per kecamatan × programme (``by="desa"``: per desa)."""
        return recap(self.store, by=by)

    def complementarity(
        self, today: datetime.date | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """PKH without KIS, school-age children without KIP, Sembako without KKS."""
        return complementarity(self.store, today)

    def diff(self, programme: str, old_period: str, new_period: str) -> Diff:
        """Who was added, removed or changed between two periods of a programme."""
        from sibaso.programmes import resolve

        code = resolve(programme).code
        result = diff(
            self.store,
            code,
            str(Period.parse(old_period)),
            str(Period.parse(new_period)),
        )
        from sibaso.registry.audit import explain_exits

        explain_exits(self.store, code, result.removed, period=str(Period.parse(new_period)))
        return result

    # -- DTSEN (officer-only) -------------------------------------------------------------

    def desil(self, kk: object) -> Any:
        """The desil of a family (KK) in every stored DTSEN edition and how it changed
        (:class:`sibaso.registry.dtsen.DesilHistory`). Officer-only data."""
        from sibaso.core.kk import parse as parse_kk
        from sibaso.registry.dtsen import desil_history

        return desil_history(self.store, parse_kk(kk, strict=False).value)

    def _with_desil(self, result: LookupResult) -> LookupResult:
        """The officer answer with the family's desil per DTSEN edition, when DTSEN has it."""
        import attrs

        from sibaso.registry.dtsen import desil_history
        from sibaso.store.dtsen import DtsenRepository

        kk = (result.person or {}).get("kk") or DtsenRepository(self.store).member_kk(result.nik)
        if not kk:
            return result
        history = desil_history(self.store, str(kk))
        return attrs.evolve(result, desil=history.to_dict()) if history.editions else result

    def audit(
        self,
        rules: Any = None,
        *,
        edition: str | None = None,
        actor: Any = None,
        progress: Callable[[int], None] | None = None,
    ) -> Any:
        """The targeting audit (:class:`sibaso.registry.audit.AuditResult`): enrolments
        above the threshold, dead recipients, recipients not in DTSEN, and DTSEN families
        within a threshold the programme does not reach. ``rules``: a
        :class:`~sibaso.core.eligibility.RuleSet`, a rules file path, or None (``SIBASO_RULES``,
        else the built-ins). ``actor`` (an officer id or :class:`~sibaso.core.access.Actor`)
        keeps the findings of the kecamatan they serve. Officer-only data."""
        from sibaso.core.eligibility import RuleSet
        from sibaso.registry.audit import load_rules, run_audit

        ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
        who = self.complaints.actor(actor) if isinstance(actor, str) else actor
        result = run_audit(self.store, ruleset, edition=edition, actor=who, progress=progress)
        self._audit_now(
            _now(),
            who.id if who is not None else "library",
            "targeting-audit",
            None,
            json.dumps({"edition": result.edition, "findings": len(result.findings)}),
        )
        return result

    def receives_nothing(
        self,
        max_desil: int,
        *,
        scale: str = "nasional",
        edition: str | None = None,
        actor: Any = None,
    ) -> list[dict[str, Any]]:
        """DTSEN families at or under ``max_desil`` that no active list reaches (the list a
        desa chooses BLT Dana Desa families from). Officer-only data."""
        from sibaso.registry.audit import receives_nothing

        who = self.complaints.actor(actor) if isinstance(actor, str) else actor
        return receives_nothing(self.store, max_desil, scale=scale, edition=edition, actor=who)

    def dtsen_diff(self, old: str, new: str, *, scale: str = "nasional") -> Any:
        """Families that moved up or down between two DTSEN editions, and by how many
        deciles (:class:`sibaso.registry.dtsen.EditionDiff`)."""
        from sibaso.registry.dtsen import diff_editions

        return diff_editions(self.store, old, new, scale)

    # -- audit --------------------------------------------------------------------------

    def _subject(self, nik: str) -> str:
        return f"{mask_nik(nik)}#{nik_digest(nik, self._audit_key)}"

    def audit_subject(self, nik: str) -> str:
        """What the audit log stores for a NIK (masked + keyed hash), for auditors' searches."""
        return self._subject(_digits(nik))

    def _audit_now(self, *entry: Any) -> None:
        with self._audit_lock:
            pending, self._audit = self._audit, []
        try:
            with self.store.transaction():
                self.store.append_audit([*pending, entry])
        except BaseException:
            with self._audit_lock:  # the buffered entries wait for the next flush
                self._audit[:0] = pending
            raise
        self._audit_flushed = time.monotonic()

    def _audit_later(self, entry: tuple[Any, ...]) -> None:
        with self._audit_lock:
            self._audit.append(entry)
            due = (
                len(self._audit) >= AUDIT_FLUSH_EVERY
                or time.monotonic() - self._audit_flushed > AUDIT_FLUSH_SECONDS
            )
        if not due:
            return
        if self._flusher is None:
            self.flush_audit()
        else:  # never wait here for another process's write lock
            self._audit_flushed = time.monotonic()
            self._flusher.kick()

    def _take_audit(self) -> list[tuple[Any, ...]]:
        with self._audit_lock:
            pending, self._audit = self._audit, []
        return pending

    def _put_back_audit(self, entries: list[tuple[Any, ...]]) -> None:
        with self._audit_lock:
            self._audit[:0] = entries

    def flush_audit(self) -> None:
        """Write buffered audit entries now."""
        with self._audit_lock:
            pending, self._audit = self._audit, []
        if pending:
            try:
                with self.store.transaction():
                    self.store.append_audit(pending)
            except BaseException:
                with self._audit_lock:  # kept for the next flush, never dropped
                    self._audit[:0] = pending
                raise
        self._audit_flushed = time.monotonic()


def _default_catalogue() -> Any:
    from sibaso.programmes import default_catalogue

    return default_catalogue()


def _digits(value: object) -> str:
    from sibaso.core import nik as nik_rules

    return nik_rules.parse(value, strict=False).value


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def open(target: str | Path = "sibaso.sqlite") -> Registry:
    """Open the registry at ``target``: a SQLite path, ``":memory:"`` or a postgresql:// DSN."""
    return Registry(open_store(target))
