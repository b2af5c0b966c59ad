"""Office Open XML workbooks (.xlsx, .xlsm), read by calamine or openpyxl.

Before either engine opens the file, :class:`~sibaso.readers.zipscan.SafeZip` checks the
container and scans every part. The workbook structure (sheet names, order, visibility and
parts) and the merged ranges come from that scan, so both engines report them identically;
only cell values come from the engine, normalised by :func:`~sibaso.readers.values.canonical`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import attrs
import defusedxml.ElementTree as SafeET

from sibaso._fork import Prefetch
from sibaso.core.errors import SourceError

from .engines import calamine, calamine_rows, open_calamine
from .limits import Limits
from .model import (
    Sheet,
    Workbook,
    as_source_error,
    fork_worth_it,
    guarded_rows,
    is_fatal,
    prefetched_rows,
    safe_rows,
)
from .values import Row
from .xlsx_openpyxl import OpenpyxlBook
from .zipscan import MemberScan, SafeZip

__all__ = ["CALAMINE_CELL_BUDGET", "open_xlsx"]

#: Largest cell rectangle (rows x columns) a sheet may declare to be read by calamine, which
#: holds the whole rectangle in memory at 32 bytes a cell. Larger or unverifiable sheets are
#: read by openpyxl, which streams.
CALAMINE_CELL_BUDGET = 30_000_000

_REL_WORKSHEET = "/worksheet"


@attrs.frozen
class _Entry:
    name: str
    hidden: bool
    index: int
    part: str | None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(archive: SafeZip, name: str) -> Element:
    data = archive.read(name)
    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=True)
    except Exception as exc:
        if is_fatal(exc):
            raise
        raise as_source_error(archive.path, exc, f"workbook part {name!r}") from None
    return root


def _relationships(archive: SafeZip, name: str) -> dict[str, tuple[str, str]]:
    """``{id: (type, target)}`` of a ``.rels`` part; empty when the part is missing."""
    if not archive.has(name):
        return {}
    rels: dict[str, tuple[str, str]] = {}
    for element in _parse(archive, name):
        if _local(element.tag) == "Relationship":
            rels[element.get("Id", "")] = (element.get("Type", ""), element.get("Target", ""))
    return rels


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


@attrs.frozen
class _Layout:
    entries: list[_Entry]
    workbook: str
    styles: str | None
    strings: str | None


def _structure(archive: SafeZip) -> _Layout:
    """Sheets in workbook order (with visibility and the part holding each worksheet), and
    the parts that values depend on."""
    workbook = "xl/workbook.xml"
    for rel_type, target in _relationships(archive, "_rels/.rels").values():
        if rel_type.endswith("/officeDocument"):
            workbook = _resolve("", target)
    if not archive.has(workbook):
        raise SourceError(archive.path, "the workbook part is missing", code="corrupt")
    root = _parse(archive, workbook)
    rels = _relationships(
        archive,
        posixpath.join(
            posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels"
        ),
    )
    entries: list[_Entry] = []
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        rel_type, target = rels.get(rel_id, ("", ""))
        part = _resolve(workbook, target) if rel_type.endswith(_REL_WORKSHEET) else None
        if part is not None and not archive.has(part):
            raise SourceError(
                archive.path,
                f"the part of sheet {element.get('name')!r} is missing",
                code="corrupt",
            )
        state = element.get("state", "visible")
        entries.append(
            _Entry(
                name=element.get("name", f"Sheet{len(entries) + 1}"),
                hidden=state in ("hidden", "veryHidden"),
                index=len(entries),
                part=part,
            )
        )

    def part_of(suffix: str) -> str | None:
        for kind, target in rels.values():
            if kind.endswith(suffix) and archive.has(_resolve(workbook, target)):
                return _resolve(workbook, target)
        return None

    return _Layout(entries, workbook, part_of("/styles"), part_of("/sharedStrings"))


def open_xlsx(path: Path, archive: SafeZip, limits: Limits, engine: str) -> Workbook:
    """Scan ``archive`` fully, pick the engine, and return the workbook (``archive`` closed)."""
    prefetch: tuple[str, Prefetch] | None = None
    try:
        try:
            layout = _structure(archive)
            entries = layout.entries
            parts = {entry.part for entry in entries if entry.part}
            want_calamine = engine == "calamine" or (engine == "auto" and calamine() is not None)
            budget = CALAMINE_CELL_BUDGET if want_calamine else None
            if want_calamine:
                prefetch = _prefetch_first_sheet(path, entries, limits)
            scans: dict[str, MemberScan] = {}
            for name in archive.names:
                scans[name] = archive.scan(name, worksheet=name in parts, verify_budget=budget)
        finally:
            archive.close()
        workbook = _choose(path, layout, scans, limits, engine, want_calamine, prefetch)
    except BaseException:
        if prefetch is not None:
            prefetch[1].cancel()
        raise
    return workbook


def _prefetch_first_sheet(
    path: Path, entries: list[_Entry], limits: Limits
) -> tuple[str, Prefetch] | None:
    """Start loading the first worksheet with calamine in a forked child while the scan runs.

    calamine loads a whole sheet before its first row (most of the reading time), and the
    scan must finish before calamine may be trusted with the file. So the child starts at
    once, its memory capped to what a sheet within the limits needs; the scan then decides
    whether its rows are used or the child is stopped.
    """
    first = next((entry for entry in entries if entry.part), None)
    module = calamine()
    if first is None or module is None or not fork_worth_it(path):
        return None
    name = first.name

    def produce() -> Iterator[Row]:
        book = open_calamine(module, path, "xlsx")
        return guarded_rows(path, name, lambda: calamine_rows(book.get_sheet_by_name(name)), limits)

    cap = 2 * int(limits.max_uncompressed_mb * 2**20) + CALAMINE_CELL_BUDGET * 64
    return name, Prefetch(produce, what=f"reading {path.name}", memory_cap=cap)


def _choose(
    path: Path,
    layout: _Layout,
    scans: dict[str, MemberScan],
    limits: Limits,
    engine: str,
    want_calamine: bool,
    prefetch: tuple[str, Prefetch] | None,
) -> Workbook:
    entries = layout.entries
    chosen = engine if engine != "auto" else ("calamine" if want_calamine else "openpyxl")
    if chosen == "calamine":
        unsafe = [e for e in entries if e.part and not scans[e.part].verified]
        if unsafe and engine == "auto":
            chosen = "openpyxl"
        elif unsafe:
            first = unsafe[0]
            bound = scans[first.part or ""].bound
            if bound and bound[0] * bound[1] > CALAMINE_CELL_BUDGET:
                raise SourceError(
                    path,
                    f"sheet {first.name!r} declares {bound[0]:,} rows x {bound[1]:,} columns, "
                    "which the calamine engine would hold in memory all at once; read it with "
                    "engine='auto' or engine='openpyxl'",
                    code="too-large",
                )
            raise SourceError(
                path,
                f"sheet {first.name!r} has cells outside its declared size or without a "
                "position, so it is not safe for the calamine engine; read it with "
                "engine='auto' or engine='openpyxl'",
                code="unsupported",
            )
    try:
        if chosen == "calamine":
            return _open_calamine(path, entries, scans, limits, prefetch)
        if prefetch is not None:
            prefetch[1].cancel()
        return _open_openpyxl(path, layout, scans, limits)
    except BaseException as exc:
        if is_fatal(exc):
            raise
        raise as_source_error(path, exc, "the workbook") from exc


def _sheets(
    path: Path,
    entries: list[_Entry],
    scans: dict[str, MemberScan],
    limits: Limits,
    rows_of: Callable[[str], Iterator[Row]],
    is_closed: Callable[[], bool],
    prefetched: dict[str, Prefetch] | None = None,
) -> list[Sheet]:
    sheets = []
    for entry in entries:
        if entry.part is None:
            continue  # chart sheets and dialog sheets hold no cells

        def source(name: str = entry.name) -> Iterator[Row]:
            def usual() -> Iterator[Row]:
                return safe_rows(path, name, lambda: rows_of(name), limits, is_closed, heavy=True)

            early = prefetched.pop(name, None) if prefetched else None
            if early is not None:
                return prefetched_rows(early, usual, is_closed)
            return usual()

        sheets.append(
            Sheet(
                entry.name,
                entry.hidden,
                entry.index,
                merged_ranges=list(scans[entry.part].merges),
                source=source,
            )
        )
    return sheets


def _open_calamine(
    path: Path,
    entries: list[_Entry],
    scans: dict[str, MemberScan],
    limits: Limits,
    prefetch: tuple[str, Prefetch] | None = None,
) -> Workbook:
    module = calamine()
    if module is None:  # pragma: no cover - checked by the caller
        raise ImportError("python-calamine is not installed")
    book = open_calamine(module, path, "xlsx")
    prefetched = dict([prefetch]) if prefetch is not None else {}

    def rows_of(name: str) -> Iterator[Row]:
        yield from calamine_rows(book.get_sheet_by_name(name))

    def close() -> None:
        for unread in prefetched.values():
            unread.cancel()
        prefetched.clear()
        book.close()

    workbook = Workbook(path, "xlsx", "calamine", sheets=[], close=close)
    workbook._sheets = _sheets(
        path, entries, scans, limits, rows_of, lambda: workbook.closed, prefetched
    )
    return workbook


def _open_openpyxl(
    path: Path, layout: _Layout, scans: dict[str, MemberScan], limits: Limits
) -> Workbook:
    book = OpenpyxlBook(path, layout.workbook, layout.styles, layout.strings)
    entries = layout.entries
    parts = {entry.name: entry.part or "" for entry in entries}

    def rows_of(name: str) -> Iterator[Row]:
        return book.rows(parts[name])

    workbook = Workbook(path, "xlsx", "openpyxl", sheets=[], close=book.close)
    workbook._sheets = _sheets(path, entries, scans, limits, rows_of, lambda: workbook.closed)
    return workbook
