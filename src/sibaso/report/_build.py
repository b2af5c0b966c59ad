"""Read the registry once into :class:`ReportData`."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sibaso.core.address import address_line
from sibaso.core.privacy import mask_identifier, mask_name, mask_numbers
from sibaso.core.progress import set_total
from sibaso.registry.matchrun import report as stored_links
from sibaso.report._data import (
    ACTIONS,
    ConflictRow,
    FixRow,
    ReportData,
    Targeting,
    kecamatan_name,
)

if TYPE_CHECKING:
    from sibaso.registry import Registry

__all__ = ["REPORT_PARTS", "build_report"]

#: The parts :func:`build_report` reads: padan links, conflicts, gaps, counts and complaints.
REPORT_PARTS = 4


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


def _same(value: Any) -> Any:
    return value


def _mask_id(value: Any) -> Any:
    """Any NIK or No. KK cell: also one Excel mangled (``1.20511E+15``) or one too short."""
    if value is None or value == "":
        return value
    return mask_identifier(str(value))


def _mask_text(value: Any) -> Any:
    return mask_numbers(value) if isinstance(value, str) else value


def _masker(mask: bool) -> tuple[Any, Any]:
    return (_mask_id, mask_name) if mask else (_same, _same)


def build_report(
    registry: Registry,
    *,
    today: datetime.date | None = None,
    mask: bool = False,
    now: datetime.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> ReportData:
    """Read the registry once and return the numbers of a report.

    ``mask=True`` masks NIKs, No. KK and names in the lists (for sharing beyond officers).
    Reading complaints is recorded in the audit log as actor ``report``. ``progress``
    (:mod:`sibaso.core.progress`) counts the parts read, of :data:`REPORT_PARTS`.
    """
    set_total(progress, REPORT_PARTS)

    def done(part: int) -> None:
        if progress is not None:
            progress(part)

    nik, name = _masker(mask)
    links = stored_links(registry.store)
    done(1)
    match: dict[str, dict[str, int]] = {}
    where: dict[int, str] = {}
    fixes = []
    names = registry.store.reports.unmatched_names()
    file_names: dict[str, str] = {}  # a few files, many rows: each path parsed once
    for link in links.links:
        programme = link["programme"]
        cell = match.setdefault(programme, {})
        cell[link["status"]] = cell.get(link["status"], 0) + 1
        file = file_names.get(link["file"])
        if file is None:
            file = file_names[link["file"]] = PurePath(link["file"]).name if link["file"] else ""
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
                reason=_mask_text(link["reason"]) if mask else link["reason"],
                action=action,
            )
        )
    conflicts = tuple(
        ConflictRow(
            kind=c.kind,
            nik=nik(c.nik),
            details=_conflict_details(c.details, mask=mask),
            rows=", ".join(where.get(i, f"#{i}") for i in c.rows),
        )
        for c in registry.conflicts()
    )
    done(2)
    gaps: dict[str, tuple[Mapping[str, Any], ...]] = {}
    for key, items in registry.complementarity(today).items():
        places = registry.store.reports.kecamatan_of_kks(
            [i["kk"] for i in items if "kecamatan_code" not in i]
        )
        gaps[key] = tuple(_gap_item(item, places, nik, name, mask=mask) for item in items)
    done(3)
    data = ReportData(
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
        targeting=_targeting(registry),
    )

    done(REPORT_PARTS)
    return data


def _targeting(registry: Registry) -> Targeting | None:
    """The targeting audit's counts, when DTSEN is stored (rules: SIBASO_RULES or built-in)."""
    result = registry.audit()
    if result.edition is None:
        return None
    by_kecamatan: dict[tuple[str, str], dict[str, int]] = {}
    for f in result.findings:
        code = f.kecamatan_code or ""
        cell = by_kecamatan.setdefault((code, kecamatan_name(code)), {})
        cell[f.finding] = cell.get(f.finding, 0) + 1
    return Targeting(
        edition=result.edition,
        rules=result.rules.origin,
        note=result.rules.note if result.rules.builtin else None,
        by_kecamatan=dict(sorted(by_kecamatan.items())),
        by_desil=result.enrolled_by_desil,
    )


def _gap_item(
    item: Mapping[str, Any], places: Mapping[str, Any], nik: Any, name: Any, *, mask: bool = False
) -> dict[str, Any]:
    out = dict(item)
    if "kecamatan_code" not in out:
        out["kecamatan_code"] = places.get(out.get("kk") or "")
    if mask and "address" in out:  # a shared copy: the desa and kecamatan, not the street
        out["address"] = address_line(
            desa_code=out.get("desa_code"), kecamatan_code=out.get("kecamatan_code")
        )
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


#: Evidence keys holding names, masked like names in a masked report.
_NAME_DETAILS = frozenset({"names", "population_name", "name"})


def _conflict_details(details: Mapping[str, Any], *, mask: bool = False) -> str:
    """A conflict's evidence in Bahasa Indonesia: ``program: PKH; periode: 2024; …``.

    Masked: names like names, and every long number (No. KK, NIK) in the text.

    >>> _conflict_details({"names": ("NUR LESTARI", "NRU LESTARI"), "kks": ("1205072003150001",)},
    ...                   mask=True)
    'No. KK: 1205**********01; nama tertulis: N** L******, N** L******'
    """
    parts = []
    for key, value in sorted(details.items()):
        values = tuple(value) if isinstance(value, tuple | list | set | frozenset) else (value,)
        if mask and key in _NAME_DETAILS:
            values = tuple(mask_name(str(v)) for v in values if v is not None)
        if isinstance(value, tuple | list | set | frozenset):
            text = ", ".join(str(v) for v in values)
        else:
            text = _DETAIL_VALUES.get(str(values[0]), str(values[0]))
        parts.append(f"{_DETAIL_LABELS.get(key, key)}: {text}")
    joined = "; ".join(parts)
    return mask_numbers(joined) if mask else joined
