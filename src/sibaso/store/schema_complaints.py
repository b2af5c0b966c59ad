"""Migration 0002: tables for complaints (pengaduan), officers and their kecamatan.

* ``officer`` — the roster: who serves where (``sibaso roster load``). Officers missing from a
  newer roster are kept with ``active = 0`` so that history still names them.
* ``officer_area`` — one row per officer and kecamatan (``12.05.07``) or kabupaten
  (``12.05``, operators and admins only).
* ``complaint`` — one row per complaint; ``version`` grows with every change (optimistic
  concurrency: an update says which version it read). ``ticket`` is unique.
* ``complaint_history`` — every filing and status change with who, when and a note;
  append-only like ``audit_log``.

Indexes serve the officer's list (kecamatan × status, newest first), the operator's list
(status), ``overdue`` (open complaints by due date) and the status check (ticket).
"""

from __future__ import annotations

__all__ = ["statements"]


def statements(t: dict[str, str]) -> list[str]:
    """The SQL of migration 0002."""
    return [
        """CREATE TABLE officer (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1, loaded_at TEXT NOT NULL)""",
        f"""CREATE TABLE officer_area (
            officer_id TEXT NOT NULL REFERENCES officer (id),
            area TEXT NOT NULL,
            PRIMARY KEY (officer_id, area)){t["without_rowid"]}""",
        f"""CREATE TABLE complaint (
            id {t["serial"]} PRIMARY KEY,
            ticket TEXT NOT NULL,
            reporter_nik TEXT NOT NULL, reporter_name TEXT NOT NULL, phone TEXT,
            channel TEXT NOT NULL, category TEXT NOT NULL, programme TEXT,
            subject_nik TEXT, text TEXT NOT NULL, attachments TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL, kecamatan_code TEXT NOT NULL, routed_by TEXT NOT NULL,
            filed_at TEXT NOT NULL, filed_by TEXT NOT NULL, due TEXT NOT NULL,
            updated_at TEXT NOT NULL, closed_at TEXT,
            version INTEGER NOT NULL DEFAULT 1)""",
        """CREATE UNIQUE INDEX complaint_ticket ON complaint (ticket)""",
        """CREATE INDEX complaint_kecamatan_status
            ON complaint (kecamatan_code, status, id)""",
        """CREATE INDEX complaint_status ON complaint (status, id)""",
        """CREATE INDEX complaint_open_due ON complaint (kecamatan_code, due)
            WHERE closed_at IS NULL""",
        f"""CREATE TABLE complaint_history (
            id {t["serial"]} PRIMARY KEY,
            complaint_id BIGINT NOT NULL REFERENCES complaint (id),
            at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
            from_status TEXT, to_status TEXT NOT NULL, note TEXT,
            version INTEGER NOT NULL)""",
        """CREATE INDEX complaint_history_complaint ON complaint_history (complaint_id, id)""",
        *t["append_only"].format(table="complaint_history").split(";;"),
    ]
