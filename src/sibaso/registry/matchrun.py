"""Run the padan algorithm (:mod:`sibaso.matching`) over the store and keep its evidence."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import attrs

from sibaso.core import nik as nik_rules
from sibaso.core.progress import set_total
from sibaso.store.base import Store

__all__ = ["MatchReport", "confirm_link", "run_match"]


@attrs.define
class MatchReport:
    """Counts per status and every link with its evidence."""

    counts: dict[str, int]
    links: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``sibaso match --json``."""
        return {"counts": self.counts, "links": self.links}


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


#: the match run's finding for a row linked to a person the population data records as dead
DECEASED = "deceased"
_DECEASED_NOTE = "the person is deceased"


def _finding(status: str, nik_matched: str | None, reason: str, dead: set[str]) -> tuple[str, str]:
    """The stored status and reason of a link, given the NIKs recorded as dead.

    A sure link (``matched``) to a dead person is the finding ``deceased``; a link still to be
    decided by an officer keeps its status and says the person is dead in its reason.

    >>> _finding("matched", "1", "NIK found; same name", {"1"})
    ('deceased', 'NIK found; same name; the person is deceased')
    >>> _finding("probable", "1", "one digit changed at position 16", {"1"})[0]
    'probable'
    >>> _finding("matched", "2", "NIK found; same name", {"1"})
    ('matched', 'NIK found; same name')
    """
    if not nik_matched or nik_matched not in dead:
        return status, reason
    note = f"{reason}; {_DECEASED_NOTE}" if reason else _DECEASED_NOTE
    return (DECEASED if status == "matched" else status), note


def run_match(store: Store, *, progress: Callable[[int], None] | None = None) -> MatchReport:
    """Match every active enrolment; store the links; return the report.

    A row linked to a person the population data records as dead (``alive`` false, the one
    rule :mod:`sibaso.core.vital`) is the finding ``deceased``.
    """
    from sibaso.matching import EnrolmentRow, PopulationIndex, match

    index = PopulationIndex.build(
        (nik, name, kk, _date(born)) for nik, name, kk, born in store.iter_persons_for_match()
    )
    enrolments = list(store.iter_enrolments_for_match())
    set_total(progress, len(enrolments))
    rows = (
        EnrolmentRow(id=int(i), nik_given=nik, kk=kk, name=name, birth_date=_date(born))
        for i, nik, kk, name, born in enrolments
    )
    dead = store.deceased_niks()
    stored = []
    count = 0
    for count, link in enumerate(match(rows, index), start=1):
        status, reason = _finding(link.status, link.nik_matched, link.reason, dead)
        stored.append(
            (
                link.enrolment_id,
                status,
                link.nik_matched,
                link.confidence,
                reason,
                json.dumps(list(link.candidates)) if link.candidates else None,
            )
        )
        if progress is not None and count % 2000 == 0:
            progress(count)
    if progress is not None:
        progress(count)
    store.links.replace(stored)
    return report(store)


def report(store: Store) -> MatchReport:
    """The stored links as a report."""
    counts: dict[str, int] = {}
    links = []
    for (
        programme,
        path,
        sheet,
        row,
        nik_given,
        status,
        nik_matched,
        confidence,
        reason,
        enrolment_id,
        decision,
    ) in store.links.of_active():
        counts[status] = counts.get(status, 0) + 1
        links.append(
            {
                "programme": programme,
                "file": path,
                "sheet": sheet,
                "row": row,
                "nik_given": nik_given,
                "status": status,
                "nik_matched": nik_matched,
                "confidence": confidence,
                "reason": reason,
                "enrolment_id": enrolment_id,
                "decision": decision,
            }
        )
    return MatchReport(counts=counts, links=links)


def confirm_link(
    store: Store, enrolment_id: int, *, by: str, accept: bool, nik: str | None
) -> str | None:
    """Record an officer's decision on a probable link."""
    found = store.links.get(enrolment_id)
    if found is None:
        raise LookupError(f"No match result for enrolment {enrolment_id}; run match first.")
    _status, matched = found
    if nik is not None:
        nik = nik_rules.parse(nik, strict=False).value  # an invalid NIK raises InvalidNIK
    target = nik or matched
    if accept and not target:
        raise ValueError("Name the NIK the enrolment belongs to (nik=...).")
    when = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    store.links.decide(
        enrolment_id,
        decision="confirmed" if accept else "rejected",
        by=by,
        at=when,
        nik=target if accept else matched,
    )
    return str(target) if target else None


def conflicts(store: Store) -> list[Any]:
    """Duplicates and conflicts among active lists and against the population.

    The same NIK twice in one programme period, the same NIK under clearly different names
    across lists (or against Dukcapil), one person on two KK.
    """
    from sibaso.matching import ListedRow, PopulationIndex, find_conflicts

    index = PopulationIndex.build(
        (nik, name, kk, _date(born)) for nik, name, kk, born in store.iter_persons_for_match()
    )
    rows = (
        ListedRow(int(i), programme, period or None, nik, name, kk)
        for i, programme, period, nik, name, kk in store.enrolments.listed()
    )
    return find_conflicts(rows, index)
