"""Read the registry once into :class:`ReportData`."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sibaso.core.privacy import mask_name, mask_nik
from sibaso.registry.matchrun import report as stored_links
from sibaso.report._data import ACTIONS, ConflictRow, FixRow, ReportData, kecamatan_name

if TYPE_CHECKING:
    from sibaso.registry import Registry

__all__ = ["build_report"]


def _complaint_counts(registry: Registry) -> dict[tuple[str, str], dict[str, int]]:
    from sibaso.core.access import Actor

    service = registry.complaints
    actor = Actor.system("report")
    out: dict[tuple[str, str], dict[str, int]] = {}
    offset, page = 0, 2000
    while True:
        views = service.list(actor, limit=page, offset=offset)
        for v in views:
            key = (v.kecamatan or "", v.kecamatan_name or kecamatan_name(v.kecamatan or ""))
            cell = out.setdefault(key, {})
            cell[v.status] = cell.get(v.status, 0) + 1
        if len(views) < page:
            return out
        offset += page


def _masker(mask: bool) -> tuple[Any, Any]:
    if not mask:
        return (lambda v: v), (lambda v: v)

    def nik(value: Any) -> Any:
        if isinstance(value, str) and len(value) == 16 and value.isdigit():
            return mask_nik(value)
        return value

    return nik, mask_name


def build_report(
    registry: Registry,
    *,
    today: datetime.date | None = None,
    mask: bool = False,
    now: datetime.datetime | None = None,
) -> ReportData:
    """Read the registry once and return the numbers of a report.

    ``mask=True`` masks NIKs, No. KK and names in the lists (for sharing beyond officers).
    Reading complaints is recorded in the audit log as actor ``report``.
    """
    nik, name = _masker(mask)
    links = stored_links(registry.store)
    match: dict[str, dict[str, int]] = {}
    where: dict[int, str] = {}
    fixes = []
    names = registry.store.reports.unmatched_names()
    for link in links.links:
        programme = link["programme"]
        cell = match.setdefault(programme, {})
        cell[link["status"]] = cell.get(link["status"], 0) + 1
        file = PurePath(link["file"]).name if link["file"] else ""
        where[int(link["enrolment_id"])] = f"{file}:{link['row']}"
        status, decision = link["status"], link["decision"]
        if status == "matched" or decision == "confirmed":
            continue
        action = ACTIONS.get(
            "probable-rejected" if status == "probable" and decision == "rejected" else status
        )
        if action is None:
            continue
        fixes.append(
            FixRow(
                programme=programme,
                file=file,
                sheet=link["sheet"],
                row=link["row"],
                nik_given=nik(link["nik_given"]),
                name=name(names.get(int(link["enrolment_id"]))),
                status=status,
                nik_matched=nik(link["nik_matched"]),
                reason=link["reason"],
                action=action,
            )
        )
    conflicts = tuple(
        ConflictRow(
            kind=c.kind,
            nik=nik(c.nik),
            details=_conflict_details(c.details),
            rows=", ".join(where.get(i, f"#{i}") for i in c.rows),
        )
        for c in registry.conflicts()
    )
    gaps: dict[str, tuple[Mapping[str, Any], ...]] = {}
    for key, items in registry.complementarity(today).items():
        places = registry.store.reports.kecamatan_of_kks(
            [i["kk"] for i in items if "kecamatan_code" not in i]
        )
        gaps[key] = tuple(_gap_item(item, places, nik, name) for item in items)
    return ReportData(
        generated_at=now or datetime.datetime.now(datetime.timezone.utc),
        persons=registry.store.reports.person_count(),
        households=registry.store.reports.family_count(),
        recap=tuple(registry.recap()),
        match=match,
        gaps=gaps,
        complaints=_complaint_counts(registry),
        fixes=tuple(fixes),
        conflicts=conflicts,
        masked=mask,
    )


def _gap_item(
    item: Mapping[str, Any], places: Mapping[str, Any], nik: Any, name: Any
) -> dict[str, Any]:
    out = dict(item)
    if "kecamatan_code" not in out:
        out["kecamatan_code"] = places.get(out.get("kk") or "")
    for field in ("nik", "kk"):
        if field in out:
            out[field] = nik(out[field])
    if "name" in out:
        out["name"] = name(out["name"])
    return out


_DETAIL_LABELS = {
    "programme": "program",
    "period": "periode",
    "count": "jumlah baris",
    "source": "sumber",
    "kks": "No. KK",
    "names": "nama tertulis",
    "population_name": "nama di data penduduk",
}
_DETAIL_VALUES = {"population": "data penduduk", "lists": "daftar program"}


def _conflict_details(details: Mapping[str, Any]) -> str:
    """A conflict's evidence in Bahasa Indonesia: ``program: PKH; periode: 2024; …``."""
    parts = []
    for key, value in sorted(details.items()):
        if isinstance(value, tuple | list | set | frozenset):
            text = ", ".join(str(v) for v in value)
        else:
            text = _DETAIL_VALUES.get(str(value), str(value))
        parts.append(f"{_DETAIL_LABELS.get(key, key)}: {text}")
    return "; ".join(parts)
