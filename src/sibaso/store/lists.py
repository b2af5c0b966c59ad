"""The sources aggregate as the ingest needs it: a file already stored, its figures, the
pending source made final, other active lists of the same programme and period.

Reached as ``store.lists``; ``Store.add_source`` / ``replace_active`` / ``activate`` are the
writes that make a list active (see :mod:`sibaso.store.base`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sibaso.store.base import Store

__all__ = ["CURRENT_LISTS", "INDEXED_LISTS", "LISTED", "ListRepo"]

#: The one place where visibility is decided: which sources' enrolments a reader sees.
#: ``source.state`` is ``staging`` while a file loads (no reader sees it), then ``current``,
#: ``history`` (an older period's list, :mod:`sibaso.core.history`) or ``replaced``.
#: The recap, the report, the audit and a citizen's lookup see the current lists:
CURRENT_LISTS = "(SELECT id FROM source WHERE state = 'current')"
#: an officer's lookup, match and diff see current and history lists (``active = 1``):
LISTED = "(SELECT id FROM source WHERE active = 1)"
#: the lookup index covers those and the list being staged (its rows are written before the
#: list becomes visible, so activation is one small step):
INDEXED_LISTS = "(SELECT id FROM source WHERE state IN ('staging', 'current', 'history'))"


class ListRepo:
    """Stored files (``source``) of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def with_content(self, sha256: str, period: str) -> list[tuple[Any, ...]]:
        """``(id, kind, programme, scope)`` of sources with this content and period."""
        return self.store.query(
            "SELECT id, kind, programme, scope FROM source WHERE sha256 = ? AND period = ? "
            "AND state <> 'staging'",
            (sha256, period),
        )

    def figures(self, source_id: int) -> tuple[Any, ...]:
        """``(adapter, row_count, usable, rejected)`` of one source."""
        return self.store.query(
            "SELECT adapter, row_count, usable, rejected FROM source WHERE id = ?", (source_id,)
        )[0]

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
        """Record what a pending source turned out to be, once its rows are stored."""
        self.store.execute(
            "UPDATE source SET kind = ?, adapter = ?, programme = ?, scope = ?, "
            "row_count = ?, usable = ?, rejected = ? WHERE id = ?",
            (kind, adapter, programme, scope, rows, usable, rejected, source_id),
        )

    def other_active(self, programme: str, period: str, source_id: int) -> list[tuple[Any, ...]]:
        """``(id, scope, path)`` of the other active lists of a programme and period."""
        return self.store.query(
            "SELECT id, scope, path FROM source WHERE kind = 'enrolment' AND programme = ? "
            "AND period = ? AND active = 1 AND id <> ?",
            (programme, period, source_id),
        )

    def has_list(self, programme: str, period: str) -> bool:
        """Whether any list of this programme and period was ever ingested."""
        return bool(
            self.store.query(
                "SELECT 1 FROM source WHERE programme = ? AND period = ? AND kind = 'enrolment'",
                (programme, period),
            )
        )
