"""The enrolments aggregate as the analytics read it: recaps, who a programme reaches, the
living members of a KK, one period of a list, the rows conflicts are looked for in.

Reached as ``store.enrolments``; the bulk writes are ``Store.put_enrolments`` and friends.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sibaso.store.lists import CURRENT_LISTS, LISTED

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["EnrolmentQueries"]

_KEC = "COALESCE(e.kecamatan_code, p.kecamatan_code)"
_DESA = "COALESCE(e.desa_code, p.desa_code), UPPER(COALESCE(e.desa_name, p.desa_name))"


class EnrolmentQueries:
    """Reads over ``enrolment`` (with the population and the index) of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def recap(self, *, by_desa: bool) -> list[tuple[Any, ...]]:
        """``(kecamatan code, kecamatan name, desa code, desa name, programme, count)`` of
        active enrolments; the kecamatan is the list's, else the recipient's."""
        desa = _DESA if by_desa else "NULL, NULL"
        group = f", {_DESA}" if by_desa else ""
        return self.store.query(
            f"SELECT {_KEC}, UPPER(e.kecamatan_name), {desa}, e.programme, COUNT(*) "
            "FROM enrolment e LEFT JOIN person p ON p.nik = e.nik "
            f"WHERE e.source_id IN {CURRENT_LISTS} "
            f"GROUP BY {_KEC}, UPPER(e.kecamatan_name){group}, e.programme"
        )

    def reached(self, programme: str, prefix: str) -> set[str]:
        """The NIKs (``N``) or KKs (``K``) an active list of ``programme`` reaches."""
        rows = self.store.query(
            "SELECT DISTINCT r.key FROM reach r JOIN enrolment e ON e.id = r.enrolment_id "
            f"WHERE e.source_id IN {CURRENT_LISTS} AND e.programme = ? AND r.key LIKE ?",
            (programme, f"{prefix}:%"),
        )
        return {r[0][2:] for r in rows}

    def family(self, kk: str) -> list[tuple[Any, ...]]:
        """``(nik, name, birth_date, kecamatan_code, alive, street, rt, rw, desa_code,
        desa_name, kecamatan_name)`` of everyone on a KK."""
        return self.store.query(
            "SELECT nik, name, birth_date, kecamatan_code, alive, street, rt, rw, desa_code, "
            "desa_name, kecamatan_name FROM person WHERE kk = ? ORDER BY nik",
            (kk,),
        )

    def families(self, kks: Iterable[str], chunk: int = 500) -> dict[str, list[tuple[Any, ...]]]:
        """:meth:`family` of many KKs, a few hundred KKs per query (one round trip each, not
        one per KK): ``kk → [(nik, name, birth_date, kecamatan_code, alive, …the address), …]``
        by NIK; a KK nobody in the population data holds is left out."""
        wanted = sorted(set(kks))
        found: dict[str, list[tuple[Any, ...]]] = {}
        for start in range(0, len(wanted), chunk):
            part = wanted[start : start + chunk]
            marks = ", ".join("?" * len(part))  # placeholders only; the KKs are parameters
            for kk, *person in self.store.query(
                "SELECT kk, nik, name, birth_date, kecamatan_code, alive, street, rt, rw, "
                f"desa_code, desa_name, kecamatan_name FROM person WHERE kk IN ({marks}) "
                "ORDER BY kk, nik",
                part,
            ):
                found.setdefault(kk, []).append(tuple(person))
        return found

    def period(self, programme: str, period: str) -> list[tuple[Any, ...]]:
        """``(key, nik, nik_given, kk, name, status)`` of one period's active list; the key
        is the person an officer confirmed, else the NIK, KK or household as written."""
        return self.store.query(
            "SELECT COALESCE(CASE WHEN l.decision = 'confirmed' THEN l.nik_matched END, "
            "e.nik, e.nik_given, e.kk, e.household_id), e.nik, e.nik_given, e.kk, e.name, "
            "e.status FROM enrolment e LEFT JOIN link l ON l.enrolment_id = e.id "
            f"WHERE e.programme = ? AND e.period = ? AND e.source_id IN {LISTED}",
            (programme, period),
        )

    def listed(self) -> list[tuple[Any, ...]]:
        """``(id, programme, period, NIK as given, name, KK as given)`` of active rows."""
        return self.store.query(
            "SELECT id, programme, period, COALESCE(nik, nik_given), name, "
            f"COALESCE(kk, kk_given) FROM enrolment WHERE source_id IN {LISTED} ORDER BY id"
        )
