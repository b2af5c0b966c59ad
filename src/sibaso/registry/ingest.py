"""Ingest one file into the store: staged in short transactions, made visible in one small
step, idempotent, replacing the previous list."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import attrs

from sibaso.adapters.layouts.adapter import Adapter
from sibaso.adapters.pipeline.read import gc_paused, iter_read
from sibaso.adapters.pipeline.read_report import ReadReport
from sibaso.core.model import HouseholdMember, Period, Person, ProgrammeEnrolment
from sibaso.registry.forked import read_in_child, use_child
from sibaso.registry.kecamatan import kecamatan_key, resolve_with_the_lists_kabupaten
from sibaso.store.base import Store

__all__ = ["DtsenFile", "IngestReport", "ingest"]


class DtsenFile(Exception):
    """Raised part-way through a generic ingest when the file turns out to be DTSEN."""


BATCH = 5000
_encode = json.encoder.encode_basestring


@attrs.define
class IngestReport:
    """The read report of a file plus what was stored."""

    read: ReadReport
    stored: int = 0
    already_present: bool = False
    source_id: int | None = None
    replaced: list[int] = attrs.field(factory=list)
    period: str = ""
    scope: str = ""

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """The read report's keys plus ``stored`` and ``already_present``."""
        data = self.read.to_dict(lang)
        data.update(
            stored=self.stored,
            already_present=self.already_present,
            source_id=self.source_id,
            replaced=self.replaced,
            period=self.period,
            scope=self.scope,
        )
        return data


def file_sha256(path: Path) -> str:
    """Content hash of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _person_row(p: Person, source_id: int, authority: int | None) -> tuple[Any, ...]:
    a = p.address
    kec = (a.kecamatan_code if a else None) or (p.kk.district_code if p.kk else None)
    prov = p.provenance
    return (
        p.nik.value,
        p.nik.value[:2],
        p.name,
        p.sex.value if p.sex else None,
        p.birth_place,
        p.birth_date.isoformat() if p.birth_date else None,
        p.kk.value if p.kk else None,
        p.relationship.value if p.relationship else None,
        a.street if a else None,
        a.rt if a else None,
        a.rw if a else None,
        a.desa_code if a else None,
        a.desa_name if a else None,
        kec,
        a.kecamatan_name if a else None,
        1 if p.alive else 0,
        source_id,
        prov.sheet if prov else None,
        prov.row if prov else None,
        authority,
    )


def _person_rows(
    columns: dict[str, Any], count: int, source_id: int, authority: int | None
) -> list[tuple[Any, ...]]:
    """:func:`_person_row` of each of ``count`` people whose attributes ``columns`` gives
    (name → one value a person), without making the people: the rows the bulk path vouches
    for go to the store as they are. ``tests/store/test_ingest_rows.py`` holds the two
    equal on generated files."""
    cols = {k: v if isinstance(v, list) else list(islice(v, count)) for k, v in columns.items()}

    def values(name: str, read: Callable[[Any], Any]) -> list[Any]:
        # by identity: the bulk path shares one object per value (a KK, a date, an enum
        # member), and an object's id costs nothing where its hash may cost a call
        column = cols[name]
        keys = list(map(id, column))
        found = {key: read(x) for key, x in dict(zip(keys, column, strict=True)).items()}
        return list(map(found.__getitem__, keys))

    niks = [n.value for n in cols["nik"]]
    kks = cols["kk"]
    addresses = cols["address"]
    keys = list(map(id, addresses))
    parts = {
        key: (a.street, a.rt, a.rw, a.desa_code, a.desa_name, a.kecamatan_code, a.kecamatan_name)
        if a
        else (None,) * 7
        for key, a in dict(zip(keys, addresses, strict=True)).items()
    }
    street, rt, rw, desa_code, desa_name, kec_code, kec_name = zip(
        *map(parts.__getitem__, keys), strict=True
    )
    kec: Any = kec_code
    if None in kec_code:  # no kecamatan code in the address: the KK's
        kec = [c or (k.district_code if k else None) for c, k in zip(kec_code, kks, strict=True)]
    provenance = cols["provenance"]
    return list(
        zip(
            niks,
            [n[:2] for n in niks],
            cols["name"],
            values("sex", lambda x: x.value if x else None),
            cols["birth_place"],
            values("birth_date", lambda x: x.isoformat() if x else None),
            values("kk", lambda x: x.value if x else None),
            values("relationship", lambda x: x.value if x else None),
            street,
            rt,
            rw,
            desa_code,
            desa_name,
            kec,
            kec_name,
            values("alive", lambda x: 1 if x else 0),
            [source_id] * count,
            [p.sheet if p else None for p in provenance],
            [p.row if p else None for p in provenance],
            [authority] * count,
            strict=True,
        )
    )


def _member_row(m: HouseholdMember, source_id: int) -> tuple[Any, ...]:
    prov = m.provenance
    return (
        m.household_id,
        m.nik.value if m.nik else None,
        m.nik_given,
        m.kk.value if m.kk else None,
        m.name,
        m.relationship.value if m.relationship else None,
        m.member_id,
        source_id,
        prov.sheet if prov else None,
        prov.row if prov else None,
    )


def _enrolment_row(e: ProgrammeEnrolment, source_id: int, period: str) -> tuple[Any, ...]:
    a = e.address
    prov = e.provenance
    nik = e.nik.value if e.nik else None
    return (
        source_id,
        e.programme,
        e.basis.value,
        period or (str(e.period) if e.period else ""),
        (nik or e.nik_given or "")[:2] or None,
        nik,
        e.nik_given,
        e.kk.value if e.kk else None,
        e.kk_given,
        e.household_id,
        e.name,
        e.birth_date.isoformat() if e.birth_date else None,
        e.status,
        a.kecamatan_code if a else None,
        a.kecamatan_name if a else None,
        a.desa_code if a else None,
        a.desa_name if a else None,
        prov.sheet if prov else None,
        prov.row if prov else None,
        _details_json(e.details) if e.details else None,
    )


def _details_json(details: dict[str, Any]) -> str:
    """``json.dumps(details, ensure_ascii=False)``, faster for the usual text-only details."""
    try:
        return "{" + ", ".join([_encode(k) + ": " + _encode(v) for k, v in details.items()]) + "}"
    except TypeError:  # a value that is not text
        return json.dumps(details, ensure_ascii=False)


@attrs.define
class Collected:
    """What the rows of one file say about the list as a whole."""

    kind: str = ""
    programmes: set[str] = attrs.field(factory=set)
    #: (kecamatan code, kecamatan name, kabupaten digits of the NIK or KK) seen in the rows
    kecamatan: set[tuple[str | None, str | None, str]] = attrs.field(factory=set)


@attrs.frozen
class ReadJob:
    """The reading half of one ingest: which file, read how, into which source."""

    path: Path
    programme: str | None
    adapter: str | Adapter | None
    period: Period | None
    period_text: str
    source_id: int
    kind: str | None = None


def row_batches(
    job: ReadJob,
    report: ReadReport,
    collected: Collected,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """Read the file and yield ``(kind, rows)`` batches ready for the store."""
    batch: list[tuple[Any, ...]] = []
    kind = ""
    source_id, period_text = job.source_id, job.period_text
    programmes, kecamatan = collected.programmes, collected.kecamatan

    def shape(cls: type, columns: dict[str, Any], count: int) -> list[Any] | None:
        """People the bulk path vouched for, as store rows at once (no Person each)."""
        if cls is not Person:
            return None
        return _person_rows(columns, count, source_id, report.authority)

    for record in iter_read(
        job.path,
        programme=job.programme,
        adapter=job.adapter,
        period=job.period,
        report=report,
        progress=progress,
        kind=job.kind,
        shape=shape,
    ):
        if type(record) is tuple:  # a person's row, made by shape
            row_kind, row = "population", record
        elif isinstance(record, ProgrammeEnrolment):
            row_kind, row = "enrolment", _enrolment_row(record, source_id, period_text)
            programmes.add(record.programme)
        elif isinstance(record, Person):
            row_kind, row = "population", _person_row(record, source_id, report.authority)
        elif isinstance(record, HouseholdMember):
            row_kind, row = "household", _member_row(record, source_id)
        else:  # a DTSEN workbook not named as one: stored by registry.dtsen instead
            raise DtsenFile(job.path)
        if row_kind != kind:
            if batch:
                _note_places(kind, batch, kecamatan)
                yield kind, batch
                batch = []
            kind = collected.kind = row_kind
        batch.append(row)
        if len(batch) >= BATCH:
            _note_places(kind, batch, kecamatan)
            yield kind, batch
            batch = []
    if batch:
        _note_places(kind, batch, kecamatan)
        yield kind, batch


def _note_places(kind: str, batch: list[tuple[Any, ...]], places: set[Any]) -> None:
    """Remember each distinct (kecamatan code, kecamatan name, NIK/KK kabupaten) of a batch
    of enrolment rows; they are resolved to kecamatan keys once, at the end."""
    if kind == "enrolment":
        places.update({(r[13], r[14], (r[5] or r[7] or "")[:4]) for r in batch if r[13] or r[14]})


def _warn_overlaps(
    store: Store, report: ReadReport, source_id: int, programme: str, period: str, scope: str
) -> None:
    """Say so when another active list of the programme and period covers some of the same
    kecamatan: both stay active, and the operator decides (``--scope`` to replace it)."""
    mine = set(scope.split(";"))
    for other_id, other_scope, path in store.lists.other_active(programme, period, source_id):
        shared = (
            mine & set(str(other_scope).split(";")) if "*" not in (scope, other_scope) else mine
        )
        if shared:
            where = ", ".join(sorted(shared))[:120]
            report.problem(
                None,
                None,
                None,
                "scope-overlap",
                programme=programme,
                period=period or "-",
                path=path,
                source=other_id,
                where=where,
                scope=other_scope,
            )


def _scope_of(records: set[str]) -> str:
    return ";".join(sorted(records)) if records else "*"


def ingest(
    store: Store,
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
    """Read, stage and make visible one file (see :meth:`sibaso.Registry.ingest`)."""
    path = Path(path)
    per = Period.parse(period) if isinstance(period, str) else period
    period_text = str(per) if per else ""
    report = ReadReport(file=str(path))
    result = IngestReport(read=report, period=period_text)
    sha = file_sha256(path) if path.exists() else ""
    wanted = ""
    if programme:
        from sibaso.programmes import resolve

        wanted = resolve(programme).code  # "PBI JK" and "KIS" are the same list
    if sha:
        known = store.lists.with_content(sha, period_text)
        for source_id, _kind, prog, source_scope in known:
            if not wanted or wanted in prog.split(","):
                result.already_present = True
                result.source_id = int(source_id)
                result.scope = source_scope
                stats = store.lists.figures(source_id)
                report.adapter, report.rows, report.usable, report.rejected = stats
                report.programme = prog or None
                return result
    collected = Collected()
    staging = store.staging
    # Loaded in short transactions into a source no reader sees, then made visible in one
    # small step (docs/registry.md, "A live registry"): a lookup or a complaint filing waits
    # for one batch at most, and a crash leaves staging that the next open removes.
    source_id = staging.begin(path=str(path), sha256=sha, period=period_text, decree=decree)
    try:
        with gc_paused():
            reading = ReadJob(
                path=path,
                programme=programme,
                adapter=adapter,
                period=per,
                period_text=period_text,
                source_id=source_id,
                kind=kind,
            )
            batches = (
                read_in_child(reading, report, collected, progress, row_batches)
                if use_child(path)
                else row_batches(reading, report, collected, progress)
            )
            for batch_kind, rows in batches:
                staging.put(source_id, batch_kind, rows)
        kind = collected.kind or "enrolment"
        programmes = collected.programmes
        kecamatan = resolve_with_the_lists_kabupaten(
            {
                key
                for code, name, regency in collected.kecamatan
                if (key := kecamatan_key(code, name, regency))
            }
        )
        prog = ",".join(sorted(programmes)) or (report.programme or "")
        report.programme = prog or None  # what was stored, whatever was asked
        final_scope = (
            scope if scope is not None else (_scope_of(kecamatan) if kind == "enrolment" else "*")
        )
        staging.finish(
            source_id,
            kind=kind,
            adapter=report.adapter or "",
            programme=prog,
            scope=final_scope,
            rows=report.rows,
            usable=report.usable,
            rejected=report.rejected,
        )
        if kind == "enrolment":
            result.replaced = staging.activate_list(source_id)
            _warn_overlaps(store, report, source_id, prog, period_text, final_scope)
        else:  # a population file or roster: rolled forward from here, whatever happens
            result.replaced = staging.apply(source_id)
    except BaseException:
        staging.give_up(source_id)
        raise
    result.stored = report.usable
    result.source_id = source_id
    result.scope = final_scope
    return result
