"""The lookup index (``reach`` and ``nik_reach``), kept up to date with the data it derives from.

The rule is :func:`sibaso.core.reach.reach`; this is its SQL. Every change that can alter who a
key reaches — a list ingested or replaced, a population file, a household roster, a match
run, an officer's confirmed link — refreshes the index for the enrolments it touched, in the
same transaction as the change: a reader never sees the data without its index, and never
has to repair it.

The enrolments to refresh go into a temporary table (``reach_touched``); their rows are
deleted from both index tables and recomputed. When most active enrolments are touched, the
whole index is recomputed instead (the same statements without the filter).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sibaso.store.lists import INDEXED_LISTS

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["ReachIndex", "statements"]

_TOUCHED = "(SELECT enrolment_id FROM reach_touched)"
#: the enrolments the index covers: those of current, history and staged lists
_INDEXED = f"e.source_id IN {INDEXED_LISTS}"
#: recompute the whole index when at least this share of the active enrolments is touched
WHOLE_SHARE = 0.5


class ReachIndex:
    """The ``reach`` / ``nik_reach`` repository of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- what a change touches ------------------------------------------------------------

    def after_lists(self, source_ids: Iterable[int]) -> None:
        """Enrolment lists were added, activated or deactivated (replaced)."""
        ids = sorted({int(i) for i in source_ids})
        if not ids:
            return
        self._touch(
            "SELECT id FROM enrolment WHERE source_id IN (" + ", ".join("?" * len(ids)) + ")",
            ids,
        )

    def after_population(self, source_id: int) -> None:
        """People were added or updated by the population file ``source_id``.

        Touched: what reached them before (the index still says so), the enrolments listing
        them (their KK in the population data is a key), what reaches their KK now, and the
        household programmes of rosters that list their KK.
        """
        s = self.store
        k_key = s.concat("'K:'", "p.kk")
        h_key = s.concat("'H:'", "h.household_id")
        self._touch(
            "SELECT n.enrolment_id FROM nik_reach n JOIN person p ON p.nik = n.nik "
            "WHERE p.source_id = ? "
            "UNION SELECT e.id FROM enrolment e JOIN person p ON p.nik = e.nik "
            f"WHERE p.source_id = ? AND {_INDEXED} "
            f"UNION SELECT r.enrolment_id FROM person p JOIN reach r ON r.key = {k_key} "
            "WHERE p.source_id = ? AND p.kk IS NOT NULL "
            "UNION SELECT r.enrolment_id FROM person p "
            "JOIN household_member h ON h.kk = p.kk "
            f"JOIN reach r ON r.key = {h_key} WHERE p.source_id = ? AND p.kk IS NOT NULL",
            (source_id, source_id, source_id, source_id),
        )

    def after_rosters(self) -> None:
        """A household roster was added or replaced: household programmes are touched."""
        self._touch(f"SELECT id FROM enrolment e WHERE {_INDEXED} AND basis = 'household'", ())

    def after_people(self, niks: str, params: Iterable[object]) -> None:
        """People were upserted: those whose NIKs the query ``niks`` selects (a chunk of a
        staged population file). Touched as in :meth:`after_population`, for these NIKs."""
        s = self.store
        k_key = s.concat("'K:'", "p.kk")
        h_key = s.concat("'H:'", "h.household_id")
        args = tuple(params)
        self._touch(
            f"SELECT n.enrolment_id FROM nik_reach n WHERE n.nik IN ({niks}) "
            f"UNION SELECT e.id FROM enrolment e WHERE e.nik IN ({niks}) AND {_INDEXED} "
            f"UNION SELECT r.enrolment_id FROM person p JOIN reach r ON r.key = {k_key} "
            f"WHERE p.nik IN ({niks}) AND p.kk IS NOT NULL "
            "UNION SELECT r.enrolment_id FROM person p "
            "JOIN household_member h ON h.kk = p.kk "
            f"JOIN reach r ON r.key = {h_key} WHERE p.nik IN ({niks}) AND p.kk IS NOT NULL",
            args * 4,
            whole=False,
        )

    def index_source(self, source_id: int) -> None:
        """Write the index rows of a staged list, a chunk of enrolments per transaction
        (readers do not see them until the list is made current)."""
        s = self.store
        lo, hi = self._ids(source_id)
        chunk = s.chunk_rows
        texts = statements(False, s.concat, s.substr, listed=_INDEXED, between=True)
        for start in range(lo, hi + 1, chunk):
            with s.transaction():
                for text in texts:
                    s.execute(text, (start, start + chunk - 1))
            s.let_writers_in()

    def forget_source(self, source_id: int) -> None:
        """Remove the index rows of a replaced or discarded list, a chunk per transaction."""
        s = self.store
        lo, hi = self._ids(source_id)
        chunk = s.chunk_rows
        mine = "SELECT id FROM enrolment WHERE source_id = ? AND id BETWEEN ? AND ?"
        for start in range(lo, hi + 1, chunk):
            args = (start, start + chunk - 1, source_id, start, start + chunk - 1)
            with s.transaction():
                for table in ("reach", "nik_reach"):
                    s.execute(
                        f"DELETE FROM {table} WHERE enrolment_id BETWEEN ? AND ? "
                        f"AND enrolment_id IN ({mine})",
                        args,
                    )
            s.let_writers_in()

    def after_links(self, enrolment_ids: Iterable[int]) -> None:
        """Officers' confirmed links changed for these enrolments."""
        ids = sorted({int(i) for i in enrolment_ids})
        self._start()
        if ids:
            self.store.executemany(
                "INSERT INTO reach_touched (enrolment_id) VALUES (?)", [(i,) for i in ids]
            )
        self._refresh()

    def rebuild(self) -> None:
        """Recompute the whole index (a repair; changes keep it current on their own)."""
        with self.store.transaction():
            self._refresh(whole=True)

    def _ids(self, source_id: int) -> tuple[int, int]:
        """The first and last enrolment id of a list (``(1, 0)``: it has none)."""
        lo, hi = self.store.query(
            "SELECT MIN(id), MAX(id) FROM enrolment WHERE source_id = ?", (source_id,)
        )[0]
        return (1, 0) if lo is None else (int(lo), int(hi))

    # -- the SQL ------------------------------------------------------------------------

    def _start(self) -> None:
        s = self.store
        s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS reach_touched (enrolment_id BIGINT)")
        s.execute("DELETE FROM reach_touched")

    def _touch(self, select: str, params: Iterable[object], *, whole: bool | None = None) -> None:
        self._start()
        self.store.execute(f"INSERT INTO reach_touched (enrolment_id) {select}", tuple(params))
        self._refresh(whole=whole)

    def _refresh(self, *, whole: bool | None = None) -> None:
        """Recompute the touched enrolments' rows; ``whole`` None: the whole index when most
        enrolments are touched."""
        s = self.store
        if not whole:
            touched = int(s.query("SELECT COUNT(*) FROM reach_touched")[0][0])
            if not touched:
                return
            if whole is None:
                indexed = int(s.query(f"SELECT COUNT(*) FROM enrolment e WHERE {_INDEXED}")[0][0])
                whole = touched >= WHOLE_SHARE * max(indexed, 1) and indexed > 1000
            s.analyze("reach_touched")
        with s.transaction():
            for statement in statements(bool(whole), s.concat, s.substr, listed=_INDEXED):
                s.execute(statement)


def statements(
    whole: bool,
    concat: Callable[[str, str], str] = lambda a, b: f"{a} || {b}",
    substr: Callable[[str, int], str] = lambda c, n: f"substr({c}, {n})",
    *,
    listed: str = "e.active = 1",
    between: bool = False,
) -> list[str]:
    """The SQL that refreshes the index: the whole of it, the touched enrolments only, or
    (``between``) the enrolments whose ids lie between two parameters (each statement takes
    exactly those two). ``listed`` says which enrolments the index covers (the default is
    the rule of migration 0006, before sources had a state)."""
    if between:
        only_e, only_r = " AND e.id BETWEEN ? AND ?", " AND r.enrolment_id BETWEEN ? AND ?"
        where = " WHERE enrolment_id BETWEEN ? AND ?"
    else:
        only_e = "" if whole else f" AND e.id IN {_TOUCHED}"
        only_r = "" if whole else f" AND r.enrolment_id IN {_TOUCHED}"
        where = "" if whole else f" WHERE enrolment_id IN {_TOUCHED}"
    key_n = substr("r.key", 3)

    def kind(letter: str) -> str:  # no '%' beside parameters (psycopg reads it as one)
        return f"substr(r.key, 1, 2) = '{letter}:'" if between else f"r.key LIKE '{letter}:%'"

    n_e, n_l = concat("'N:'", "e.nik"), concat("'N:'", "l.nik_matched")
    k_e, k_p = concat("'K:'", "e.kk"), concat("'K:'", "p.kk")
    h_e, h_h = concat("'H:'", "e.household_id"), concat("'H:'", "h.household_id")
    done = " ON CONFLICT DO NOTHING"
    into_reach = "INSERT INTO reach (key, enrolment_id) SELECT "
    into_nik = "INSERT INTO nik_reach (nik, enrolment_id, via) SELECT "
    return [
        f"DELETE FROM reach{where}",
        f"DELETE FROM nik_reach{where}",
        # self: the NIK written in the list, when valid
        f"{into_reach}{n_e}, e.id FROM enrolment e "
        f"WHERE {listed} AND e.nik IS NOT NULL{only_e}{done}",
        # self: the person a wrong NIK was linked to, once an officer confirmed it
        f"{into_reach}{n_l}, e.id FROM link l "
        f"JOIN enrolment e ON e.id = l.enrolment_id WHERE {listed} "
        f"AND l.nik_matched IS NOT NULL AND l.decision = 'confirmed'{only_e}{done}",
        # family and household programmes: the KK written in the list …
        f"{into_reach}{k_e}, e.id FROM enrolment e "
        f"WHERE {listed} AND e.kk IS NOT NULL AND e.basis <> 'individual'{only_e}{done}",
        # … and the recipient's KK in the population data
        f"{into_reach}{k_p}, e.id FROM enrolment e "
        f"JOIN person p ON p.nik = e.nik WHERE {listed} "
        f"AND e.basis <> 'individual' AND p.kk IS NOT NULL{only_e}{done}",
        # household programmes: the household id, and every household holding the
        # recipient's NIK or the list's KK
        f"{into_reach}{h_e}, e.id FROM enrolment e "
        f"WHERE {listed} AND e.basis = 'household' AND e.household_id IS NOT NULL"
        f"{only_e}{done}",
        f"{into_reach}{h_h}, e.id FROM enrolment e "
        f"JOIN household_member h ON h.nik = e.nik WHERE {listed} "
        f"AND e.basis = 'household'{only_e}{done}",
        f"{into_reach}{h_h}, e.id FROM enrolment e "
        f"JOIN household_member h ON h.kk = e.kk WHERE {listed} "
        f"AND e.basis = 'household'{only_e}{done}",
        # who each key reaches, nearest path first (a later path never overwrites)
        f"{into_nik}{key_n}, r.enrolment_id, 0 FROM reach r WHERE {kind('N')}{only_r}{done}",
        f"{into_nik}p.nik, r.enrolment_id, 1 FROM reach r "
        f"JOIN person p ON p.kk = {key_n} WHERE {kind('K')}{only_r}{done}",
        f"{into_nik}h.nik, r.enrolment_id, 2 FROM reach r "
        f"JOIN household_member h ON h.household_id = {key_n} "
        f"WHERE {kind('H')} AND h.nik IS NOT NULL{only_r}{done}",
        f"{into_nik}p.nik, r.enrolment_id, 2 FROM reach r "
        f"JOIN household_member h ON h.household_id = {key_n} "
        f"JOIN person p ON p.kk = h.kk WHERE {kind('H')}{only_r}{done}",
    ]
