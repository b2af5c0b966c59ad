"""The database schema as an append-only list of named migrations.

Each migration runs once and is recorded in ``schema_migrations`` with its name. Never edit or
reorder a released migration: add a new one at the end. SQL is written once with ``{serial}``,
``{bool}`` … placeholders that each dialect fills in.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["MIGRATIONS", "Migration"]

Migration = tuple[str, Callable[[dict[str, str]], list[str]]]


def _initial(t: dict[str, str]) -> list[str]:
    return [
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        f"""CREATE TABLE source (
            id {t["serial"]} PRIMARY KEY,
            path TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
            adapter TEXT, programme TEXT, period TEXT, scope TEXT NOT NULL DEFAULT '',
            decree TEXT, ingested_at TEXT NOT NULL,
            row_count INTEGER NOT NULL DEFAULT 0, usable INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1, replaced_by BIGINT)""",
        """CREATE UNIQUE INDEX source_content
            ON source (sha256, kind, programme, period, scope)""",
        """CREATE INDEX source_active ON source (kind, programme, period, scope, active)""",
        """CREATE TABLE person (
            nik TEXT PRIMARY KEY, province TEXT NOT NULL, name TEXT NOT NULL, sex TEXT,
            birth_place TEXT, birth_date TEXT, kk TEXT, relationship TEXT, street TEXT,
            rt TEXT, rw TEXT, desa_code TEXT, desa_name TEXT, kecamatan_code TEXT,
            kecamatan_name TEXT, alive INTEGER NOT NULL DEFAULT 1, source_id BIGINT,
            sheet TEXT, row_number INTEGER)""",
        """CREATE INDEX person_kk ON person (kk)""",
        """CREATE TABLE household_member (
            household_id TEXT NOT NULL, nik TEXT, nik_given TEXT, kk TEXT, name TEXT,
            relationship TEXT, member_id TEXT, source_id BIGINT NOT NULL,
            sheet TEXT, row_number INTEGER)""",
        """CREATE INDEX household_member_nik ON household_member (nik)""",
        """CREATE INDEX household_member_kk ON household_member (kk)""",
        """CREATE INDEX household_member_household ON household_member (household_id)""",
        f"""CREATE TABLE enrolment (
            id {t["serial"]} PRIMARY KEY,
            source_id BIGINT NOT NULL REFERENCES source (id),
            programme TEXT NOT NULL, basis TEXT NOT NULL, period TEXT, province TEXT,
            nik TEXT, nik_given TEXT, kk TEXT, kk_given TEXT, household_id TEXT, name TEXT,
            birth_date TEXT, status TEXT, kecamatan_code TEXT, kecamatan_name TEXT,
            desa_code TEXT, desa_name TEXT, sheet TEXT, row_number INTEGER, details TEXT,
            active INTEGER NOT NULL DEFAULT 1)""",
        """CREATE INDEX enrolment_source ON enrolment (source_id)""",
        """CREATE INDEX enrolment_nik ON enrolment (nik)""",
        """CREATE INDEX enrolment_programme ON enrolment (programme, period, active)""",
        """CREATE TABLE link (
            enrolment_id BIGINT PRIMARY KEY REFERENCES enrolment (id) ON DELETE CASCADE,
            status TEXT NOT NULL, nik_matched TEXT, confidence REAL, reason TEXT,
            candidates TEXT, decision TEXT, decided_by TEXT, decided_at TEXT)""",
        """CREATE INDEX link_status ON link (status)""",
        f"""CREATE TABLE reach (
            key TEXT NOT NULL, enrolment_id BIGINT NOT NULL,
            PRIMARY KEY (key, enrolment_id)){t["without_rowid"]}""",
        f"""CREATE TABLE audit_log (
            id {t["serial"]} PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
            action TEXT NOT NULL, subject TEXT, detail TEXT)""",
        *t["append_only"].format(table="audit_log").split(";;"),
    ]


def _complaints(t: dict[str, str]) -> list[str]:
    from sibaso.store.schema_complaints import statements

    return statements(t)


def _nik_reach(t: dict[str, str]) -> list[str]:
    # Every NIK's reaching enrolments, precomputed from ``reach`` so a lookup is one range
    # read: via 0 = self (the NIK is listed), 1 = its KK, 2 = its household.
    return [
        f"""CREATE TABLE nik_reach (
            nik TEXT NOT NULL, enrolment_id BIGINT NOT NULL, via INTEGER NOT NULL,
            PRIMARY KEY (nik, enrolment_id)){t["without_rowid"]}""",
    ]


def _api_tokens(t: dict[str, str]) -> list[str]:
    from sibaso.store.schema_http import statements

    return statements(t)


def _person_authority(t: dict[str, str]) -> list[str]:
    # Whose word a stored person is (3 Dukcapil/SIAK, 2 a village system, 1 other): a lower
    # authority never overwrites a higher one. People stored before came from a village
    # system unless their source was a Dukcapil extract.
    return [
        "ALTER TABLE person ADD COLUMN authority INTEGER",
        "UPDATE person SET authority = 2",
        "UPDATE person SET authority = 3 WHERE source_id IN "
        "(SELECT id FROM source WHERE adapter IN ('dukcapil', 'siak'))",
    ]


def _dtsen(t: dict[str, str]) -> list[str]:
    from sibaso.store.schema_dtsen import statements

    return statements(t)


def _reach_kept_current(t: dict[str, str]) -> list[str]:
    # The index is now kept current by every change, per enrolment: find an enrolment's
    # rows fast, rebuild once (a database from before may hold a stale index), and forget
    # the old "stale" flag.
    from sibaso.store.reach import statements

    return [
        """CREATE INDEX reach_enrolment ON reach (enrolment_id)""",
        """CREATE INDEX nik_reach_enrolment ON nik_reach (enrolment_id)""",
        *statements(whole=True),
        """DELETE FROM meta WHERE key = 'reach_stale'""",
    ]


def _token_owner_expiry(t: dict[str, str]) -> list[str]:
    from sibaso.store.schema_http import owner_and_expiry

    return owner_and_expiry(t)


def _officer_sessions(t: dict[str, str]) -> list[str]:
    from sibaso.store.schema_http import officer_sessions

    return officer_sessions(t)


def _staging(t: dict[str, str]) -> list[str]:
    # Readers never wait for writers: a file is loaded in short transactions into a source in
    # state ``staging`` that no reader sees, then made visible in one small step (the state of
    # its ``source`` row). States: ``staging`` (being loaded), ``applying`` (a population file
    # or roster fully staged, being rolled forward), ``current``, ``history`` (a list of an
    # older period), ``replaced``. ``staged_by`` names the loading process (host:pid), so the
    # next open tells a crashed load from a running one. See docs/registry.md.
    from sibaso.store.staging import stage_tables

    return [
        "ALTER TABLE source ADD COLUMN state TEXT NOT NULL DEFAULT 'current'",
        "ALTER TABLE source ADD COLUMN staged_by TEXT",
        "UPDATE source SET state = 'replaced' WHERE active = 0",
        *stage_tables(t),
    ]


def _stage_batches(t: dict[str, str]) -> list[str]:
    # A population file or roster is staged as whole batches (one row each, its rows as JSON):
    # staging costs one insert per batch, and applying a batch is the upsert it always was.
    from sibaso.store.staging import stage_batches

    return ["DROP TABLE person_stage", "DROP TABLE household_stage", *stage_batches(t)]


MIGRATIONS: list[Migration] = [
    ("0001_initial", _initial),
    ("0002_complaints", _complaints),
    ("0003_nik_reach", _nik_reach),
    ("0004_api_tokens", _api_tokens),
    ("0005_dtsen", _dtsen),
    ("0006_reach_kept_current", _reach_kept_current),
    ("0007_token_owner_expiry", _token_owner_expiry),
    ("0008_officer_sessions", _officer_sessions),
    ("0009_person_authority", _person_authority),
    ("0010_staging", _staging),
    ("0011_stage_batches", _stage_batches),
]
