"""Loading a file while readers keep reading: staging in short transactions, one small step
to make it visible, and the clean-up or roll-forward the next open does after a crash.

Reached as ``store.staging``. The design (``docs/registry.md``, *A live registry*):

* the ingest records its file as a ``source`` in state ``staging`` (``staged_by`` names the
  process) and commits every batch on its own, so no lock is held for longer than a batch;
* a list's enrolment rows go straight into ``enrolment`` and their index rows into
  ``reach``/``nik_reach``: every reader filters on the source's state
  (:data:`sibaso.store.lists.CURRENT_LISTS` and friends), so they stay invisible;
  :meth:`activate_list` then flips a few ``source`` rows in one transaction;
* a population file or a roster is staged into ``stage_batch`` (a row per batch of rows,
  as JSON); once it is whole its state becomes ``applying`` (one small step) and it is
  applied a batch per transaction, each deleting its staged batch in the same transaction:
  a roll-forward that the next open completes if the process dies, never undone half-way;
* the next open (:meth:`settle`) deletes what a dead process left in ``staging`` and rolls
  ``applying`` forward, so the store is exactly as before the file, or as after it.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import socket
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sibaso.core.history import Listed, history

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["StagingRepo", "stage_tables"]

#: a staging source whose process runs on another host is abandoned after this long silent
SILENT = datetime.timedelta(hours=1)


def stage_tables(t: dict[str, str]) -> list[str]:
    """The staging tables of migration 0010 (dropped by 0011 for :func:`stage_batches`)."""
    person = (
        "nik TEXT NOT NULL, province TEXT NOT NULL, name TEXT NOT NULL, sex TEXT, "
        "birth_place TEXT, birth_date TEXT, kk TEXT, relationship TEXT, street TEXT, rt TEXT, "
        "rw TEXT, desa_code TEXT, desa_name TEXT, kecamatan_code TEXT, kecamatan_name TEXT, "
        "alive INTEGER NOT NULL DEFAULT 1, source_id BIGINT, sheet TEXT, row_number INTEGER, "
        "authority INTEGER"
    )
    household = (
        "household_id TEXT NOT NULL, nik TEXT, nik_given TEXT, kk TEXT, name TEXT, "
        "relationship TEXT, member_id TEXT, source_id BIGINT NOT NULL, sheet TEXT, "
        "row_number INTEGER"
    )
    return [
        f"CREATE TABLE person_stage (seq {t['serial']} PRIMARY KEY, {person})",
        f"CREATE TABLE household_stage (seq {t['serial']} PRIMARY KEY, {household})",
    ]


def stage_batches(t: dict[str, str]) -> list[str]:
    """The staging table of migration 0011: a population file's or roster's batches in file
    order (``seq``), each a JSON array of rows (``PERSON_COLUMNS`` or
    ``HOUSEHOLD_MEMBER_COLUMNS``)."""
    return [
        f"CREATE TABLE stage_batch (seq {t['serial']} PRIMARY KEY, "
        "source_id BIGINT NOT NULL, rows TEXT NOT NULL)"
    ]


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def me() -> str:
    """This process, as ``staged_by`` names it: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _abandoned(staged_by: str | None, heartbeat: str | None) -> bool:
    """Whether the process that staged a source is gone (same host: its pid is not running;
    another host: nothing heard from it for :data:`SILENT`)."""
    host, _, pid = (staged_by or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return _zombie(int(pid))
    try:
        last = datetime.datetime.fromisoformat(heartbeat or "")
    except ValueError:
        return True
    return datetime.datetime.now(datetime.timezone.utc) - last > SILENT


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


class StagingRepo:
    """Staged files of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- staging ----------------------------------------------------------------------

    def begin(self, *, path: str, sha256: str, period: str, decree: str | None) -> int:
        """Record a file being loaded (state ``staging``, seen by no reader); its id."""
        s = self.store
        with s.transaction():
            return s._insert_returning_id(
                "INSERT INTO source (path, sha256, kind, adapter, programme, period, scope, "
                "decree, ingested_at, row_count, usable, rejected, active, state, staged_by) "
                "VALUES (?, ?, 'pending', '', '', ?, ?, ?, ?, 0, 0, 0, 0, 'staging', ?)",
                (path, sha256 or "-", period, f"staging-{me()}-{id(self)}", decree, _now(), me()),
            )

    def put(self, source_id: int, kind: str, rows: Sequence[Sequence[Any]]) -> None:
        """Write one batch of a staged file, in short transactions: a list's rows
        ``store.short_rows`` at a time; a population file's or roster's rows as staged
        batches of ``store.chunk_rows`` (each applied later in one transaction)."""
        s = self.store
        step = s.short_rows if kind == "enrolment" else s.chunk_rows
        for start in range(0, len(rows), step):
            part = rows[start : start + step] if step < len(rows) else rows
            with s.transaction():
                if kind == "enrolment":
                    s.put_enrolments(part)
                else:
                    s.execute(
                        "INSERT INTO stage_batch (source_id, rows) VALUES (?, ?)",
                        (source_id, json.dumps(part, ensure_ascii=False)),
                    )
                if start + step >= len(rows):  # the heartbeat: this process is loading
                    s.execute("UPDATE source SET ingested_at = ? WHERE id = ?", (_now(), source_id))
            s.let_writers_in()

    def finish(
        self,
        source_id: int,
        *,
        kind: str,
        adapter: str,
        programme: str,
        scope: str,
        rows: int,
        usable: int,
        rejected: int,
    ) -> None:
        """Record what the staged file turned out to be (still invisible)."""
        with self.store.transaction():
            self.store.lists.finish(
                source_id,
                kind=kind,
                adapter=adapter,
                programme=programme,
                scope=scope,
                rows=rows,
                usable=usable,
                rejected=rejected,
            )

    # -- making it visible -------------------------------------------------------------

    def activate_list(self, source_id: int) -> list[int]:
        """Index a staged list (in chunks), then make it current in one small transaction;
        the lists it replaces (same programme, period and scope) are retired after.
        Returns the replaced sources."""
        s = self.store
        s.analyze("enrolment")
        s.reach.index_source(source_id)
        s.analyze("reach", "nik_reach")
        with s.transaction():
            kind, programme, period, scope = s.query(
                "SELECT kind, programme, period, scope FROM source WHERE id = ?", (source_id,)
            )[0]
            replaced = s.replace_active(
                source_id, kind, programme, period, scope, retire_rows=False
            )
            for old in replaced:  # settle() finishes a retirement a crash interrupted
                s.execute("UPDATE source SET staged_by = 'retiring' WHERE id = ?", (old,))
            s.execute(
                "UPDATE source SET state = 'current', active = 1, staged_by = NULL, "
                "ingested_at = ? WHERE id = ?",
                (_now(), source_id),
            )
            self.relabel()
        for old in replaced:
            self.retire(old)
        s.analyze("source")
        return replaced

    def retire(self, source_id: int) -> None:
        """The rows of a replaced list leave the index and become inactive, in chunks
        (readers stopped seeing them when the source was marked replaced)."""
        s = self.store
        s.reach.forget_source(source_id)
        self._in_chunks(
            "UPDATE enrolment SET active = 0 WHERE id IN (SELECT id FROM enrolment "
            f"WHERE source_id = ? AND active = 1 LIMIT {s.chunk_rows})",
            (source_id,),
            until_below=s.chunk_rows,
        )
        with s.transaction():
            s.execute("UPDATE source SET staged_by = NULL WHERE id = ?", (source_id,))

    def _in_chunks(self, statement: str, params: tuple[Any, ...], *, until_below: int) -> None:
        """Run a chunk-limited write again and again, each in its own short transaction with
        waiting writers let in between, until one touches fewer than ``until_below`` rows."""
        s = self.store
        while True:
            with s.transaction():
                done = s.execute(statement, params)
            s.let_writers_in()
            if done < until_below:
                return

    def relabel(self) -> None:
        """Mark each listed programme list ``current`` or ``history`` by the rule of
        :mod:`sibaso.core.history`; writes only what changed."""
        for source_id, wanted in self._labels():
            self.store.execute("UPDATE source SET state = ? WHERE id = ?", (wanted, source_id))

    def _labels(self) -> list[tuple[int, str]]:
        """``(source id, state)`` of the listed lists whose state the rule changes."""
        rows = self.store.query(
            "SELECT id, programme, period, scope, state FROM source "
            "WHERE kind = 'enrolment' AND active = 1"
        )
        old = history(
            Listed(int(i), str(p or ""), str(per or ""), str(sc or "*"))
            for i, p, per, sc, _state in rows
        )
        changes = []
        for source_id, _p, _per, _sc, state in rows:
            wanted = "history" if int(source_id) in old else "current"
            if state != wanted:
                changes.append((int(source_id), wanted))
        return changes

    def apply(self, source_id: int) -> list[int]:
        """Roll a fully staged population file or roster forward (state ``applying``), a
        chunk per transaction, then make it current; returns the replaced sources."""
        s = self.store
        with s.transaction():
            s.execute(
                "UPDATE source SET state = 'applying' WHERE id = ? AND state = 'staging'",
                (source_id,),
            )
        kind, programme, period, scope = s.query(
            "SELECT kind, programme, period, scope FROM source WHERE id = ?", (source_id,)
        )[0]
        if kind == "population":
            self._apply_people(source_id)
        else:
            self._apply_roster(source_id)
        with s.transaction():
            replaced = s.replace_active(source_id, kind, programme, period, scope)
            s.execute(
                "UPDATE source SET state = 'current', active = 1, staged_by = NULL WHERE id = ?",
                (source_id,),
            )
            if kind == "household":
                s.reach.after_rosters()
        s.analyze(
            "source", "person" if kind == "population" else "household_member", "reach", "nik_reach"
        )
        return replaced

    def _next_batch(self, source_id: int) -> tuple[int, list[list[Any]]] | None:
        """The first staged batch left of a source: ``(seq, rows)``, or None."""
        found = self.store.query(
            "SELECT seq, rows FROM stage_batch WHERE source_id = ? ORDER BY seq LIMIT 1",
            (source_id,),
        )
        return (int(found[0][0]), json.loads(found[0][1])) if found else None

    def apply_next(self, source_id: int, kind: str) -> bool:
        """Apply the first staged batch left of a population file or roster and delete it, in
        one transaction (so a batch is applied exactly once); False when none is left."""
        s = self.store
        batch = self._next_batch(source_id)
        if batch is None:
            return False
        seq, rows = batch
        with s.transaction():
            if kind == "population":
                s.put_persons(rows)  # as ever: the last row of a NIK wins, authority rules
                s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS stage_nik (nik TEXT)")
                s.execute("DELETE FROM stage_nik")
                s.executemany("INSERT INTO stage_nik (nik) VALUES (?)", [(r[0],) for r in rows])
                s.reach.after_people("SELECT nik FROM stage_nik", ())
            else:
                s.put_household_members(rows)
            s.execute("DELETE FROM stage_batch WHERE seq = ?", (seq,))
        s.let_writers_in()
        return True

    def _apply_people(self, source_id: int) -> None:
        while self.apply_next(source_id, "population"):
            pass

    def _apply_roster(self, source_id: int) -> None:
        """The new roster's rows in, then the previous rosters' rows out, in chunks; the
        index follows in the final step (until then it answers by the previous roster)."""
        s = self.store
        while self.apply_next(source_id, "household"):
            pass
        for (old,) in s.query(
            "SELECT o.id FROM source o JOIN source n ON n.id = ? WHERE o.kind = 'household' "
            "AND o.active = 1 AND o.id <> n.id AND o.programme = n.programme "
            "AND o.period = n.period AND o.scope = n.scope",
            (source_id,),
        ):
            # whole households per chunk, so a chunk may delete more rows than its limit:
            # done when one deletes nothing
            self._in_chunks(
                "DELETE FROM household_member WHERE source_id = ? AND household_id IN "
                "(SELECT DISTINCT household_id FROM household_member WHERE source_id = ? "
                f"LIMIT {s.chunk_rows // 10})",
                (old, old),
                until_below=1,
            )

    # -- giving up, and the next open -------------------------------------------------

    def discard(self, source_id: int) -> None:
        """Forget a staged file: its rows, their index rows, then its source (each step in
        short transactions; what is left is found again by :meth:`settle`)."""
        s = self.store
        s.reach.forget_source(source_id)
        self._in_chunks(
            "DELETE FROM enrolment WHERE id IN (SELECT id FROM enrolment "
            f"WHERE source_id = ? LIMIT {s.chunk_rows})",
            (source_id,),
            until_below=s.chunk_rows,
        )
        while (batch := self._next_batch(source_id)) is not None:
            with s.transaction():
                s.execute("DELETE FROM stage_batch WHERE seq = ?", (batch[0],))
            s.let_writers_in()
        with s.transaction():
            s.execute("DELETE FROM source WHERE id = ? AND state = 'staging'", (source_id,))

    def give_up(self, source_id: int) -> None:
        """An ingest failed or was stopped: discard its staging; a file already being
        applied is left for the next open to finish (never undone half-way). A store that
        cannot be written now is left to the next open too."""
        try:
            state = self.store.query("SELECT state FROM source WHERE id = ?", (source_id,))
            if state and state[0][0] == "staging":
                self.discard(source_id)
        except Exception:  # the first error is the one to report
            with contextlib.suppress(Exception):
                self.store.conn.rollback()

    def settle(self) -> None:
        """After a crash: forget what a dead process left in ``staging``, finish what it
        left ``applying``, retire replaced lists still indexed, relabel history. Writes
        nothing when there is nothing to do."""
        s = self.store
        for source_id, state, staged_by, heartbeat in s.query(
            "SELECT id, state, staged_by, ingested_at FROM source "
            "WHERE state IN ('staging', 'applying')"
        ):
            if not _abandoned(staged_by, heartbeat):
                continue
            if state == "staging":
                self.discard(int(source_id))
            else:
                self.apply(int(source_id))
        for (source_id,) in s.query(
            "SELECT id FROM source WHERE state = 'replaced' AND staged_by = 'retiring'"
        ):
            self.retire(int(source_id))
        if self._labels():
            with s.transaction():
                self.relabel()


_HOUSEHOLD_COLUMNS = (
    "household_id, nik, nik_given, kk, name, relationship, member_id, source_id, sheet, row_number"
)
