"""Which lists are current and which are history: the rule, once and pure.

A programme's list is decreed for a period. When a list of a later period of the same
programme covers the same place, the older list is **history** (*riwayat*): a citizen's
lookup no longer shows it, the recap, the report and the audit no longer count it, and an
officer still sees it, labelled with its period. A list replaced by a new file of the *same*
period is not history but replaced (``sibaso.store``), and is never shown.

The place a list covers is its scope: the kecamatan it covers (``12.05.11;12.05.12``) or
``*`` (everywhere, or not said). An older list is history once the later lists of its
programme together cover every kecamatan of its scope (a later ``*`` list covers all); an
older ``*`` list only by a later ``*`` list, since a list for some kecamatan says nothing
about the others. A list without a period is never history and makes no other list history.

>>> pkh = [Listed(1, "PKH", "2024", "*"), Listed(2, "PKH", "2026", "*"),
...        Listed(3, "KIS", "2024", "*")]
>>> sorted(history(pkh))
[1]

A later list of one kecamatan does not make the regency's older list history, and a list of
another programme never does:

>>> sorted(history([Listed(1, "PKH", "2024", "12.05.01;12.05.02"),
...                 Listed(2, "PKH", "2026", "12.05.01")]))
[]
>>> sorted(history([Listed(1, "PKH", "2024", "12.05.01;12.05.02"),
...                 Listed(2, "PKH", "2026", "12.05.01"), Listed(3, "PKH", "2025", "12.05.02")]))
[1]

Periods compare as periods: a quarter is later than its year's list, 2024-Q4 than 2024-Q1.

>>> sorted(history([Listed(1, "PKH", "2024-Q4", "*"), Listed(2, "PKH", "2024-Q1", "*"),
...                 Listed(3, "PKH", "", "*")]))
[2]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import attrs

from sibaso.core.model import Period

__all__ = ["Listed", "history", "older_in_answer", "period_key"]


@attrs.frozen
class Listed:
    """One stored list that is not replaced: its id, programme(s), period and scope.

    ``programme`` may name several programmes (``"KIS,PKH"``: one file holding both); such a
    list is history only when it is history for each of them.
    """

    id: int
    programme: str
    period: str
    scope: str


def period_key(text: str | None) -> tuple[int, int, int] | None:
    """The order of a period (None when there is none, or it cannot be read).

    >>> period_key("2024") < period_key("2024-Q1") < period_key("2024-Q2") < period_key("2025")
    True
    >>> period_key(""), period_key("kemarin")
    (None, None)
    """
    if not text:
        return None
    try:
        period = Period.parse(text)
    except ValueError:
        return None
    return (period.year, period.quarter or 0, period.tahap or 0)


def _covers(later: list[str], scope: str) -> bool:
    if "*" in later:
        return True
    if scope == "*":
        return False
    covered = {kec for one in later for kec in one.split(";")}
    return set(scope.split(";")) <= covered


def history(lists: Iterable[Listed]) -> set[int]:
    """The ids of the ``lists`` that are history (see the module)."""
    items = list(lists)
    by_programme: dict[str, list[tuple[tuple[int, int, int], str]]] = defaultdict(list)
    for item in items:
        key = period_key(item.period)
        if key is not None:
            for programme in item.programme.split(","):
                by_programme[programme].append((key, item.scope or "*"))
    found = set()
    for item in items:
        key = period_key(item.period)
        programmes = [p for p in item.programme.split(",") if p]
        if key is None or not programmes:
            continue
        if all(
            _covers([s for k, s in by_programme[p] if k > key], item.scope or "*")
            for p in programmes
        ):
            found.add(item.id)
    return found


def older_in_answer(listings: Iterable[tuple[str, str | None]]) -> set[int]:
    """Which of one person's listings ``(programme, period)`` are history *for that person*.

    A list stays current as a whole while a later list of its programme leaves part of its
    place uncovered (:func:`history`). A person whom a later list of the same programme also
    reaches lives where that later list speaks, so for them the older listing is history:
    their lookup never shows PKH 2024 and PKH 2026 side by side as both current. Listings
    without a period are left alone.

    >>> sorted(older_in_answer([("KIS", "2024"), ("KIS", "2026"), ("PKH", "2024"), ("KIS", "")]))
    [0]
    """
    items = list(listings)
    latest: dict[str, tuple[int, int, int]] = {}
    for programme, period in items:
        key = period_key(period)
        if key is not None and (programme not in latest or key > latest[programme]):
            latest[programme] = key
    return {
        index
        for index, (programme, period) in enumerate(items)
        if (key := period_key(period)) is not None and key < latest[programme]
    }
