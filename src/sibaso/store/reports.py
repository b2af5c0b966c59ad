"""The registry report's reads (``sibaso report``): counts and names it needs beyond the
registry's own recap, match and complementarity calls.

Reached as ``store.reports``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sibaso.store.lists import CURRENT_LISTS

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["ReportQueries"]


class ReportQueries:
    """Read-only queries of the registry report (``store.reports``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def person_count(self) -> int:
        """People in the population data."""
        return self._count("SELECT COUNT(*) FROM person")

    def family_count(self) -> int:
        """Distinct No. KK in the population data."""
        return self._count("SELECT COUNT(DISTINCT kk) FROM person")

    def _count(self, text: str) -> int:
        rows = self.store.query(text)
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def unmatched_names(self) -> dict[int, str]:
        """The name written for each active enrolment whose link is not ``matched``."""
        return {
            int(r[0]): r[1]
            for r in self.store.query(
                "SELECT e.id, e.name FROM enrolment e JOIN link l ON l.enrolment_id = e.id "
                f"WHERE e.source_id IN {CURRENT_LISTS} AND l.status <> 'matched'"
            )
        }

    def kecamatan_of_kks(self, kks: Sequence[str], chunk: int = 500) -> dict[str, str | None]:
        """The kecamatan of each KK in the population data (the smallest code when its
        members are registered in several), a few hundred KK per query."""
        found: dict[str, str | None] = {}
        for start in range(0, len(kks), chunk):
            part = list(kks[start : start + chunk])
            marks = ", ".join("?" * len(part))  # placeholders only; the KKs are parameters
            for kk, code in self.store.query(
                f"SELECT kk, MIN(kecamatan_code) FROM person WHERE kk IN ({marks}) GROUP BY kk",
                part,
            ):
                found[kk] = code
        return found
