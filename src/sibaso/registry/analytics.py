"""Recaps per kecamatan × programme, complementarity gaps and period diffs."""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from sibaso.core import wilayah
from sibaso.core.address import address_line
from sibaso.store.base import Store

__all__ = ["Diff", "RecapRow", "complementarity", "diff", "recap"]


@attrs.frozen
class RecapRow:
    """Active enrolments of one programme in one kecamatan (or desa)."""

    kecamatan_code: str | None
    kecamatan_name: str | None
    programme: str
    count: int
    desa_code: str | None = None
    desa_name: str | None = None


def recap(store: Store, *, by: str = "kecamatan") -> list[RecapRow]:
    """Counts of active enrolments per kecamatan × programme (``by="desa"``: per desa).

    The kecamatan is the list's own code, else the recipient's in the population data; lists
    that give only names are grouped by name.
    """
    rows = store.enrolments.recap(by_desa=by == "desa")
    merged: dict[tuple[Any, ...], int] = {}
    names: dict[tuple[Any, ...], tuple[str | None, str | None]] = {}
    code_of_name: dict[str, str] = {}
    for kec_code, *_ in rows:
        known = wilayah.lookup(kec_code) if kec_code else None
        if known is not None:
            code_of_name.setdefault(known.name.upper(), kec_code)
    resolved = []
    for kec_code, kec_name, desa_code, desa_name, programme, count in rows:
        if not kec_code and kec_name:
            kec_code = code_of_name.get(kec_name.upper())
        resolved.append((kec_code, kec_name, desa_code, desa_name, programme, count))
    # a desa written without its code in one list is the same desa another list codes
    desa_of_name: dict[tuple[Any, str], str] = {}
    for kec_code, kec_name, desa_code, desa_name, *_ in resolved:
        if desa_code and desa_name:
            desa_of_name.setdefault((kec_code or kec_name, desa_name.upper()), desa_code)
    for kec_code, kec_name, desa_code, desa_name, programme, count in resolved:
        if by == "desa" and not desa_code and desa_name:
            desa_code = desa_of_name.get((kec_code or kec_name, desa_name.upper()))
        name = kec_name
        if kec_code:
            known = wilayah.lookup(kec_code)
            name = known.name if known else kec_name
        key = (
            kec_code or (name or "").upper() or None,
            programme,
            desa_code or desa_name if by == "desa" else None,
        )
        merged[key] = merged.get(key, 0) + int(count)
        names[key] = (name, desa_name)
    out = []
    for key, count in merged.items():
        kec_key, programme, desa_key = key
        name, desa_name = names[key]
        code = kec_key if kec_key and kec_key[:2].isdigit() else None
        out.append(
            RecapRow(
                kecamatan_code=code,
                kecamatan_name=name,
                programme=programme,
                count=count,
                desa_code=desa_key if desa_key and desa_key[:2].isdigit() else None,
                desa_name=desa_name,
            )
        )
    return sorted(
        out,
        key=lambda r: (
            r.kecamatan_code or "~",
            r.kecamatan_name or "",
            r.desa_code or r.desa_name or "",
            r.programme,
        ),
    )


def _reached(store: Store, programme: str, prefix: str) -> set[str]:
    return store.enrolments.reached(programme, prefix)


def complementarity(
    store: Store, today: datetime.date | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Gaps between programmes that should go together (komplementaritas bansos).

    * ``pkh-without-kis``: members of PKH families not reached by KIS/PBI-JK;
    * ``children-without-kip``: school-age children (7-18) of PKH or KKS families without KIP;
    * ``sembako-without-kks``: Program Sembako families without a KKS card.
    """
    today = today or datetime.date.today()
    kis = _reached(store, "KIS", "N")
    kip = _reached(store, "KIP", "N")
    pkh_kk = _reached(store, "PKH", "K")
    kks_kk = _reached(store, "KKS", "K")
    sembako_kk = _reached(store, "SEMBAKO", "K")

    families = store.enrolments.families(pkh_kk | kks_kk)

    def members(kks: set[str]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for kk in sorted(kks):
            for (
                nik,
                name,
                birth,
                kec,
                alive,
                street,
                rt,
                rw,
                desa,
                desa_name,
                kec_name,
            ) in families.get(kk, ()):
                if alive:
                    found.append(
                        {
                            "nik": nik,
                            "name": name,
                            "kk": kk,
                            "birth_date": birth,
                            "kecamatan_code": kec,
                            "desa_code": desa,
                            "address": address_line(
                                street=street,
                                rt=rt,
                                rw=rw,
                                desa_code=desa,
                                desa_name=desa_name,
                                kecamatan_code=kec,
                                kecamatan_name=kec_name,
                            ),
                        }
                    )
        return found

    def age(birth: str | None) -> int | None:
        if not birth:
            return None
        born = datetime.date.fromisoformat(birth)
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    pkh_members = members(pkh_kk)
    school = [
        m
        for m in members(pkh_kk | kks_kk)
        if (a := age(m["birth_date"])) is not None and 7 <= a <= 18 and m["nik"] not in kip
    ]
    return {
        "pkh-without-kis": [m for m in pkh_members if m["nik"] not in kis],
        "children-without-kip": school,
        "sembako-without-kks": [{"kk": kk} for kk in sorted(sembako_kk - kks_kk)],
    }


@attrs.frozen
class Diff:
    """Who was added, removed or changed between two periods of one programme."""

    programme: str
    old_period: str
    new_period: str
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    changed: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return attrs.asdict(self)


def _period_rows(store: Store, programme: str, period: str) -> dict[str, dict[str, Any]]:
    # the person an officer confirmed for a wrong NIK is that person in both periods
    rows = store.enrolments.period(programme, period)
    if not rows and not store.lists.has_list(programme, period):
        raise LookupError(f"No {programme} list for period {period} has been ingested.")
    return {
        r[0]: {
            "key": r[0],
            "nik": r[1],
            "nik_given": r[2],
            "kk": r[3],
            "name": r[4],
            "status": r[5],
        }
        for r in rows
        if r[0]
    }


def diff(store: Store, programme: str, old_period: str, new_period: str) -> Diff:
    """Compare the active lists of two periods, keyed by NIK (else KK, else household id)."""
    old = _period_rows(store, programme, old_period)
    new = _period_rows(store, programme, new_period)
    changed = []
    for key in sorted(old.keys() & new.keys()):
        before, after = old[key], new[key]
        fields = [f for f in ("name", "status", "kk") if before[f] != after[f]]
        if fields:
            changed.append({"key": key, "fields": fields, "before": before, "after": after})
    return Diff(
        programme=programme,
        old_period=old_period,
        new_period=new_period,
        added=[new[k] for k in sorted(new.keys() - old.keys())],
        removed=[old[k] for k in sorted(old.keys() - new.keys())],
        changed=changed,
    )
