"""Migration 0005: DTSEN families (desil per KK per edition) and members.

* ``dtsen_family`` — one row per family (KK) of a DTSEN family file: the edition
  (``v3-2026``, with its year and version number for ordering), the KK, the Kemendagri
  kecamatan and desa mapped from the BPS names (and the BPS codes as written), the deciles on
  the three scales, the PBI flags and the socio-economic items (``details``, JSON). Officer-only.
* ``dtsen_member`` — one row per person of a DTSEN member file: NIK on KK for an edition. A
  lower authority than Dukcapil: ``person`` is never written from it.

Rows of a file replaced by a newer file of the same edition keep ``active = 0``.
"""

from __future__ import annotations

__all__ = ["statements"]


def statements(t: dict[str, str]) -> list[str]:
    """The SQL of migration 0005."""
    return [
        """CREATE TABLE dtsen_family (
            source_id BIGINT NOT NULL REFERENCES source (id),
            edition TEXT NOT NULL, edition_year INTEGER NOT NULL,
            edition_version INTEGER NOT NULL,
            kk TEXT NOT NULL, kk_valid INTEGER NOT NULL,
            kecamatan_code TEXT, desa_code TEXT, kecamatan_bps TEXT, desa_bps TEXT,
            kecamatan_name TEXT, desa_name TEXT, regency_name TEXT,
            head_name TEXT, members INTEGER,
            desil_nasional INTEGER, desil_provinsi INTEGER, desil_kabupaten INTEGER,
            pbi_nas INTEGER, pbi_pemda INTEGER,
            sheet TEXT, row_number INTEGER, details TEXT,
            active INTEGER NOT NULL DEFAULT 1)""",
        """CREATE INDEX dtsen_family_kk ON dtsen_family (kk, active)""",
        """CREATE INDEX dtsen_family_edition ON dtsen_family (edition, active)""",
        """CREATE INDEX dtsen_family_source ON dtsen_family (source_id)""",
        """CREATE TABLE dtsen_member (
            source_id BIGINT NOT NULL REFERENCES source (id),
            edition TEXT NOT NULL, nik TEXT, nik_given TEXT, kk TEXT, name TEXT,
            birth_date TEXT, sex TEXT, relationship TEXT, pbi_nas INTEGER, pbi_pemda INTEGER,
            sheet TEXT, row_number INTEGER, details TEXT,
            active INTEGER NOT NULL DEFAULT 1)""",
        """CREATE INDEX dtsen_member_nik ON dtsen_member (nik, active)""",
        """CREATE INDEX dtsen_member_kk ON dtsen_member (kk, active)""",
        """CREATE INDEX dtsen_member_source ON dtsen_member (source_id)""",
    ]
