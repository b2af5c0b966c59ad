"""DTSEN in the registry: ingest a family or member file, the desil of a KK, edition diffs.

Desil is officer-only data: nothing here is part of a public lookup.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from sibaso.adapters.pipeline.read_dtsen import edition_of, iter_dtsen
from sibaso.adapters.pipeline.read_report import ReadReport
from sibaso.core.dtsen import DtsenFamily, DtsenMember, Edition, Scale
from sibaso.registry.ingest import IngestReport, file_sha256
from sibaso.store.base import Store
from sibaso.store.dtsen import DtsenRepository

__all__ = ["DesilHistory", "EditionDiff", "desil_history", "diff_editions", "ingest_dtsen"]

BATCH = 5000


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _family_row(f: DtsenFamily, source_id: int) -> tuple[Any, ...]:
    place, prov, d = f.place, f.provenance, f.desil
    return (
        source_id,
        str(f.edition),
        f.edition.year,
        f.edition.version,
        f.kk.value if f.kk is not None else (f.kk_given or ""),
        1 if f.kk is not None else 0,
        place.kecamatan_code,
        place.desa_code,
        place.kecamatan_bps,
        place.desa_bps,
        place.kecamatan_name,
        place.desa_name,
        place.regency_name,
        f.head_name,
        f.members,
        d.nasional,
        d.provinsi,
        d.kabupaten,
        _flag(f.pbi_nas),
        _flag(f.pbi_pemda),
        prov.sheet if prov else None,
        prov.row if prov else None,
        json.dumps(f.details, ensure_ascii=False) if f.details else None,
    )


def _member_row(m: DtsenMember, source_id: int) -> tuple[Any, ...]:
    prov = m.provenance
    return (
        source_id,
        str(m.edition),
        m.nik.value if m.nik is not None else None,
        m.nik_given,
        m.kk.value if m.kk is not None else m.kk_given,
        m.name,
        m.birth_date.isoformat() if m.birth_date else None,
        m.sex.value if m.sex else None,
        m.relationship.value if m.relationship else None,
        _flag(m.pbi_nas),
        _flag(m.pbi_pemda),
        prov.sheet if prov else None,
        prov.row if prov else None,
        json.dumps(m.details, ensure_ascii=False) if m.details else None,
    )


def ingest_dtsen(
    store: Store,
    path: str | Path,
    *,
    period: str | Edition | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Store one DTSEN family or member file in one transaction.

    The edition comes from ``period`` or the file name. The same content for the same edition
    is ``already_present``; a new file of the same kind and edition replaces the active one.
    Member rows never touch the population data (Dukcapil is the higher authority).
    """
    path = Path(path)
    edition = str(edition_of(path, period))
    report = ReadReport(file=str(path))
    result = IngestReport(read=report, period=edition, scope="*")
    repo = DtsenRepository(store)
    sha = file_sha256(path)
    known = repo.already_ingested(sha, edition)
    if known is not None:
        source_id, _kind, adapter, rows, usable, rejected = known
        result.already_present = True
        result.source_id = int(source_id)
        report.adapter, report.rows, report.usable, report.rejected = (
            adapter,
            rows,
            usable,
            rejected,
        )
        report.programme = f"DTSEN {edition}"
        return result
    kind = ""
    with store.transaction():
        source_id = repo.start_source(str(path), sha, edition, f"pending-{id(result)}")
        batch: list[tuple[Any, ...]] = []
        done = 0
        for record in iter_dtsen(path, period=edition, report=report):
            if isinstance(record, DtsenFamily):
                kind = "dtsen-family"
                batch.append(_family_row(record, source_id))
            else:
                kind = "dtsen-member"
                batch.append(_member_row(record, source_id))
            if len(batch) >= BATCH:
                _flush(repo, kind, batch)
                done += len(batch)
                batch = []
                if progress is not None:
                    progress(done)
        if batch:
            _flush(repo, kind, batch)
        if progress is not None:
            progress(report.rows)
        kind = kind or ("dtsen-family" if report.adapter == "dtsen-keluarga" else "dtsen-member")
        result.replaced = repo.finish_source(
            source_id,
            kind=kind,
            adapter=report.adapter or "",
            edition=edition,
            rows=report.rows,
            usable=report.usable,
            rejected=report.rejected,
        )
    result.stored = report.usable
    result.source_id = source_id
    return result


def _flush(repo: DtsenRepository, kind: str, batch: list[tuple[Any, ...]]) -> None:
    if kind == "dtsen-family":
        repo.put_families(batch)
    else:
        repo.put_members(batch)


@attrs.frozen(kw_only=True)
class DesilHistory:
    """A family's desil in each DTSEN edition, oldest first, and how it changed."""

    kk: str
    editions: list[dict[str, Any]]

    @property
    def latest(self) -> dict[str, Any] | None:
        """The newest edition's entry, or None when DTSEN does not hold the family."""
        return self.editions[-1] if self.editions else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (officer views only)."""
        return {"kk": self.kk, "editions": self.editions}


def desil_history(store: Store, kk: str) -> DesilHistory:
    """The desil of one KK per edition with the change from the edition before."""
    entries: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for row in DtsenRepository(store).desil_of(kk):
        edition, _year, _version, nas, prov, kab, kec, desa, pbi_nas, pbi_pemda = row
        entry: dict[str, Any] = {
            "edition": edition,
            "desil_nasional": nas,
            "desil_provinsi": prov,
            "desil_kabupaten": kab,
            "kecamatan_code": kec,
            "desa_code": desa,
            "pbi_nas": None if pbi_nas is None else bool(pbi_nas),
            "pbi_pemda": None if pbi_pemda is None else bool(pbi_pemda),
            "change": None,
        }
        if previous is not None:
            entry["change"] = {
                scale: (
                    entry[f"desil_{scale}"] - previous[f"desil_{scale}"]
                    if entry[f"desil_{scale}"] is not None
                    and previous[f"desil_{scale}"] is not None
                    else None
                )
                for scale in ("nasional", "provinsi", "kabupaten")
            }
        entries.append(entry)
        previous = entry
    return DesilHistory(kk=kk, editions=entries)


@attrs.frozen(kw_only=True)
class EditionDiff:
    """Families between two DTSEN editions: up (poorer decile number grew), down, the same,
    added, removed; ``moves`` lists ``(kk, old, new, change, kecamatan, desa)`` of those that
    moved."""

    old: str
    new: str
    scale: str
    up: int
    down: int
    same: int
    added: list[str]
    removed: list[str]
    moves: list[tuple[str, int, int, int, str | None, str | None]]
    by_change: dict[int, int]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (officer-only: desil)."""
        return {
            "old": self.old,
            "new": self.new,
            "scale": self.scale,
            "up": self.up,
            "down": self.down,
            "same": self.same,
            "added": self.added,
            "removed": self.removed,
            "by_change": {str(k): v for k, v in sorted(self.by_change.items())},
            "moves": [
                {
                    "kk": kk,
                    "old": o,
                    "new": n,
                    "change": c,
                    "kecamatan_code": kec,
                    "desa_code": desa,
                }
                for kk, o, n, c, kec, desa in self.moves
            ],
        }


def diff_editions(
    store: Store, old: str | Edition, new: str | Edition, scale: Scale | str = Scale.NASIONAL
) -> EditionDiff:
    """Compare two editions: which families moved up or down, and by how many deciles."""
    repo = DtsenRepository(store)
    old_text, new_text = str(Edition.parse(str(old))), str(Edition.parse(str(new)))
    scale_value = (scale if isinstance(scale, Scale) else Scale.parse(scale)).value
    known = {e[0] for e in repo.editions()}
    for edition in (old_text, new_text):
        if edition not in known:
            from sibaso.core.errors import ValidationError

            raise ValidationError(
                f"DTSEN edition {edition} is not stored; stored: "
                f"{', '.join(sorted(known)) or '-'}.",
                code="unknown-edition",
                message_id=f"Edisi DTSEN {edition} belum disimpan; yang ada: "
                f"{', '.join(sorted(known)) or '-'}.",
            )
    up = down = same = 0
    added: list[str] = []
    removed: list[str] = []
    moves: list[tuple[str, int, int, int, str | None, str | None]] = []
    by_change: dict[int, int] = {}
    for kk, in_old, in_new, before, after, kec, desa in repo.compare(
        old_text, new_text, scale_value
    ):
        if not in_old:
            added.append(kk)
            continue
        if not in_new:
            removed.append(kk)
            continue
        if before is None or after is None:
            continue  # ranked in one edition only: no move to count
        change = int(after) - int(before)
        by_change[change] = by_change.get(change, 0) + 1
        if change == 0:
            same += 1
            continue
        if change > 0:
            up += 1
        else:
            down += 1
        moves.append((kk, int(before), int(after), change, kec, desa))
    return EditionDiff(
        old=old_text,
        new=new_text,
        scale=scale_value,
        up=up,
        down=down,
        same=same,
        added=added,
        removed=removed,
        moves=moves,
        by_change=by_change,
    )
