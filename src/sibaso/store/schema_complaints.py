"""Migration 0002: tables for complaints (pengaduan), officers and their kecamatan."""

from __future__ import annotations

__all__ = ["statements"]


def statements(t: dict[str, str]) -> list[str]:
    """The SQL of migration 0002 (filled in by the complaints work)."""
    return []
