"""The DTSEN repository: families with their desil per edition, members, and the audit reads.

All SQL about DTSEN lives here; the registry's DTSEN service speaks in these calls. Rows
travel as tuples in the order of :data:`FAMILY_COLUMNS` and :data:`MEMBER_COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sibaso.store.base import Store
from sibaso.store.lists import CURRENT_LISTS

__all__ = ["FAMILY_COLUMNS", "MEMBER_COLUMNS", "DtsenRepository"]

FAMILY_COLUMNS = (
    "source_id",
    "edition",
    "edition_year",
    "edition_version",
    "kk",
    "kk_valid",
    "kecamatan_code",
    "desa_code",
    "kecamatan_bps",
    "desa_bps",
    "kecamatan_name",
    "desa_name",
    "regency_name",
    "head_name",
    "members",
    "desil_nasional",
    "desil_provinsi",
    "desil_kabupaten",
    "pbi_nas",
    "pbi_pemda",
    "sheet",
    "row_number",
    "details",
)
MEMBER_COLUMNS = (
    "source_id",
    "edition",
    "nik",
    "nik_given",
    "kk",
    "name",
    "birth_date",
    "sex",
    "relationship",
    "pbi_nas",
    "pbi_pemda",
    "sheet",
    "row_number",
    "details",
)
DTSEN_KINDS = ("dtsen-family", "dtsen-member")
_SCALE_COLUMN = {
    "nasional": "desil_nasional",
    "provinsi": "desil_provinsi",
    "kabupaten": "desil_kabupaten",
}


class DtsenRepository:
    """DTSEN rows in one :class:`~sibaso.store.Store` (SQLite or PostgreSQL)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- sources ----------------------------------------------------------------------

    def already_ingested(self, sha256: str, edition: str) -> tuple[Any, ...] | None:
        """``(id, kind, adapter, rows, usable, rejected)`` of this content for this edition."""
        rows = self.store.query(
            "SELECT id, kind, adapter, row_count, usable, rejected FROM source "
            "WHERE sha256 = ? AND period = ? AND programme = 'DTSEN'",
            (sha256, edition),
        )
        return rows[0] if rows else None

    def start_source(self, path: str, sha256: str, edition: str, marker: str) -> int:
        """Record a DTSEN file being stored (its kind is set by :meth:`finish_source`)."""
        return self.store.add_source(
            path=path,
            sha256=sha256,
            kind="pending",
            adapter="",
            programme="DTSEN",
            period=edition,
            scope=marker,
            decree=None,
            rows=0,
            usable=0,
            rejected=0,
        )

    def finish_source(
        self,
        source_id: int,
        *,
        kind: str,
        adapter: str,
        edition: str,
        rows: int,
        usable: int,
        rejected: int,
    ) -> list[int]:
        """Set the file's kind and counts and make it the active file of its kind and edition;
        the rows of the files it replaces stay as history (``active = 0``)."""
        store = self.store
        store.execute(
            "UPDATE source SET kind = ?, adapter = ?, scope = '*', row_count = ?, usable = ?, "
            "rejected = ? WHERE id = ?",
            (kind, adapter, rows, usable, rejected, source_id),
        )
        old = [
            int(r[0])
            for r in store.query(
                "SELECT id FROM source WHERE kind = ? AND programme = 'DTSEN' AND period = ? "
                "AND active = 1 AND id <> ?",
                (kind, edition, source_id),
            )
        ]
        table = "dtsen_family" if kind == "dtsen-family" else "dtsen_member"
        for old_id in old:
            store.execute(
                "UPDATE source SET active = 0, replaced_by = ? WHERE id = ?", (source_id, old_id)
            )
            store.execute(f"UPDATE {table} SET active = 0 WHERE source_id = ?", (old_id,))
        return old

    # -- writes -----------------------------------------------------------------------

    def put_families(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert family rows (COPY on PostgreSQL)."""
        self._put("dtsen_family", FAMILY_COLUMNS, rows)

    def put_members(self, rows: Iterable[Sequence[Any]]) -> None:
        """Insert member rows (COPY on PostgreSQL)."""
        self._put("dtsen_member", MEMBER_COLUMNS, rows)

    def _put(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        copy = getattr(self.store, "_copy", None)
        if copy is not None:
            copy(table, columns, rows)
            return
        marks = ", ".join("?" * len(columns))
        self.store.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    # -- reads ------------------------------------------------------------------------

    def editions(self) -> list[tuple[str, int, int, int]]:
        """``(edition, year, version, families)`` of the active family files, oldest first."""
        return [
            (str(r[0]), int(r[1]), int(r[2]), int(r[3]))
            for r in self.store.query(
                "SELECT edition, edition_year, edition_version, COUNT(*) FROM dtsen_family "
                "WHERE active = 1 GROUP BY edition, edition_year, edition_version "
                "ORDER BY edition_year, edition_version"
            )
        ]

    def desil_of(self, kk: str) -> list[tuple[Any, ...]]:
        """``(edition, year, version, nasional, provinsi, kabupaten, kecamatan_code,
        desa_code, pbi_nas, pbi_pemda)`` of one KK in every active edition, oldest first."""
        return self.store.query(
            "SELECT edition, edition_year, edition_version, desil_nasional, desil_provinsi, "
            "desil_kabupaten, kecamatan_code, desa_code, pbi_nas, pbi_pemda FROM dtsen_family "
            "WHERE kk = ? AND active = 1 ORDER BY edition_year, edition_version",
            (kk,),
        )

    def member_kk(self, nik: str) -> str | None:
        """The KK DTSEN's latest member file puts a NIK on, or None."""
        rows = self.store.query(
            "SELECT kk FROM dtsen_member WHERE nik = ? AND active = 1 AND kk IS NOT NULL "
            "ORDER BY edition DESC",
            (nik,),
        )
        return str(rows[0][0]) if rows else None

    def compare(self, old: str, new: str, scale: str) -> list[tuple[Any, ...]]:
        """``(kk, in old, in new, old desil, new desil, kecamatan_code, desa_code)`` of
        every family in either edition (a desil is None where that edition gives no rank)."""
        column = _SCALE_COLUMN[scale]
        return self.store.query(
            "SELECT COALESCE(n.kk, o.kk), CASE WHEN o.kk IS NULL THEN 0 ELSE 1 END, "
            f"CASE WHEN n.kk IS NULL THEN 0 ELSE 1 END, o.{column}, n.{column}, "
            "COALESCE(n.kecamatan_code, o.kecamatan_code), COALESCE(n.desa_code, o.desa_code) "
            f"FROM (SELECT kk, {column}, kecamatan_code, desa_code FROM dtsen_family "
            "WHERE edition = ? AND active = 1) o "
            f"FULL OUTER JOIN (SELECT kk, {column}, kecamatan_code, desa_code FROM dtsen_family "
            "WHERE edition = ? AND active = 1) n ON n.kk = o.kk ORDER BY 1",
            (old, new),
        )

    def count(self, edition: str | None = None) -> int:
        """Active DTSEN families (of one edition)."""
        if edition is None:
            return int(self.store.query("SELECT COUNT(*) FROM dtsen_family WHERE active = 1")[0][0])
        return int(
            self.store.query(
                "SELECT COUNT(*) FROM dtsen_family WHERE active = 1 AND edition = ?", (edition,)
            )[0][0]
        )

    def families(self, edition: str) -> list[tuple[Any, ...]]:
        """``(kk, nasional, provinsi, kabupaten, kecamatan_code, desa_code)`` of every family
        of an edition."""
        return self.store.query(
            "SELECT kk, desil_nasional, desil_provinsi, desil_kabupaten, kecamatan_code, "
            "desa_code FROM dtsen_family WHERE edition = ? AND active = 1",
            (edition,),
        )

    # -- the targeting audit ----------------------------------------------------------

    def audit_enrolments(self, programmes: Sequence[str]) -> list[tuple[Any, ...]]:
        """The active enrolments of these programmes with what the audit needs:

        ``(id, programme, basis, period, nik, kk, household_id, kecamatan_code, desa_code,
        person nik, person kk, person alive, person kecamatan, person desa, DTSEN member kk)``
        — the person is the one an officer confirmed for the enrolment, else its own NIK's;
        the DTSEN member KK is read only when neither the list nor the person gives a KK.
        """
        if not programmes:
            return []
        marks = ", ".join("?" * len(programmes))
        return self.store.query(
            "SELECT e.id, e.programme, e.basis, e.period, e.nik, e.kk, e.household_id, "
            "e.kecamatan_code, e.desa_code, p.nik, p.kk, p.alive, p.kecamatan_code, "
            "p.desa_code, CASE WHEN e.kk IS NULL AND p.kk IS NULL THEN (SELECT m.kk FROM "
            "dtsen_member m WHERE m.nik = COALESCE(l.nik_matched, e.nik) AND m.active = 1 "
            "AND m.kk IS NOT NULL ORDER BY m.edition DESC LIMIT 1) END "
            "FROM enrolment e "
            "LEFT JOIN link l ON l.enrolment_id = e.id AND l.decision = 'confirmed' "
            "LEFT JOIN person p ON p.nik = COALESCE(l.nik_matched, e.nik) "
            f"WHERE e.source_id IN {CURRENT_LISTS} AND e.programme IN ({marks}) ORDER BY e.id",
            tuple(programmes),
        )

    def household_families(self, programmes: Sequence[str] | None = None) -> list[tuple[str, str]]:
        """``(programme, kk)`` of every family living in a household that a household-basis
        enrolment reaches (its household id, or a household holding its NIK or KK)."""
        where = f"e.source_id IN {CURRENT_LISTS} AND e.basis = 'household'"
        params: tuple[Any, ...] = ()
        if programmes is not None:
            if not programmes:
                return []
            where += f" AND e.programme IN ({', '.join('?' * len(programmes))})"
            params = tuple(programmes) * 3
        rows = self.store.query(
            "SELECT DISTINCT hh.programme, COALESCE(m.kk, p.kk) FROM ("
            f"SELECT e.programme, e.household_id AS hid FROM enrolment e WHERE {where} "
            "AND e.household_id IS NOT NULL "
            "UNION SELECT e.programme, h.household_id FROM enrolment e JOIN household_member h "
            f"ON h.nik = e.nik WHERE {where} "
            "UNION SELECT e.programme, h.household_id FROM enrolment e JOIN household_member h "
            f"ON h.kk = e.kk WHERE {where}) hh "
            "JOIN household_member m ON m.household_id = hh.hid "
            "LEFT JOIN person p ON p.nik = m.nik WHERE COALESCE(m.kk, p.kk) IS NOT NULL",
            params,
        )
        return [(str(a), str(b)) for a, b in rows]

    def enrolled_programmes(self) -> list[tuple[str, str]]:
        """``(programme, newest period)`` of every programme with an active list."""
        return [
            (str(p), str(period or ""))
            for p, period in self.store.query(
                "SELECT programme, MAX(period) FROM enrolment "
                f"WHERE source_id IN {CURRENT_LISTS} GROUP BY programme"
            )
        ]

    def people(self, niks: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        """``nik → (alive, kecamatan_code, kk)`` of the people the population data holds."""
        found: dict[str, tuple[Any, ...]] = {}
        items = list(niks)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for nik, alive, kec, kk in self.store.query(
                f"SELECT nik, alive, kecamatan_code, kk FROM person WHERE nik IN ({marks})",
                chunk,
            ):
                found[str(nik)] = (alive, kec, kk)
        return found

    def members(self, niks: Sequence[str]) -> dict[str, str]:
        """``nik → kk`` of the people DTSEN's member files hold (the newest edition's)."""
        found: dict[str, str] = {}
        items = list(niks)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for nik, kk in self.store.query(
                f"SELECT nik, kk FROM dtsen_member WHERE active = 1 AND nik IN ({marks}) "
                "ORDER BY edition",
                chunk,
            ):
                found[str(nik)] = str(kk)
        return found

    def enrolment_places(self, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
        """``id → (list name, list kecamatan name, list desa name, person name, street, rt,
        rw, desa_code, desa_name, kecamatan_code, kecamatan_name)`` of these enrolments, the
        person as in :meth:`audit_enrolments` (officer-only: the audit workbook's columns)."""
        found: dict[int, tuple[Any, ...]] = {}
        items = list(ids)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self.store.query(
                "SELECT e.id, e.name, e.kecamatan_name, e.desa_name, p.name, p.street, p.rt, "
                "p.rw, p.desa_code, p.desa_name, p.kecamatan_code, p.kecamatan_name "
                "FROM enrolment e "
                "LEFT JOIN link l ON l.enrolment_id = e.id AND l.decision = 'confirmed' "
                "LEFT JOIN person p ON p.nik = COALESCE(l.nik_matched, e.nik) "
                f"WHERE e.id IN ({marks})",
                chunk,
            ):
                found[int(row[0])] = tuple(row[1:])
        return found

    def family_places(self, kks: Sequence[str], edition: str) -> dict[str, tuple[Any, ...]]:
        """``kk → (head name, kecamatan name, desa name, head's street, rt, rw)``: DTSEN's
        family row of the edition, and the street of the family's head in the population
        data when it holds one (officer-only: the audit workbook's columns)."""
        found: dict[str, tuple[Any, ...]] = {}
        items = list(kks)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for kk, head, kec, desa in self.store.query(
                "SELECT kk, head_name, kecamatan_name, desa_name FROM dtsen_family "
                f"WHERE edition = ? AND active = 1 AND kk IN ({marks})",
                (edition, *chunk),
            ):
                found[str(kk)] = (head, kec, desa, None, None, None)
            for kk, name, street, rt, rw in self.store.query(
                "SELECT kk, name, street, rt, rw FROM person "
                f"WHERE relationship = 'kepala keluarga' AND kk IN ({marks}) ORDER BY nik",
                chunk,
            ):
                head, kec, desa, *_ = found.get(str(kk), (None, None, None))
                found[str(kk)] = (head or name, kec, desa, street, rt, rw)
        return found

    def regency_of_people(self) -> str | None:
        """The kabupaten (``12.05``) most people of the population data live in."""
        rows = self.store.query(
            "SELECT substr(kecamatan_code, 1, 5), COUNT(*) FROM person "
            "WHERE kecamatan_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        )
        return str(rows[0][0]) if rows and rows[0][0] else None
