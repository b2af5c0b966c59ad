"""``sibaso.read``: a source file in, typed records and a complete report out.

Whole-file failures raise :class:`sibaso.SourceError` and return nothing; row problems are data
in the report. ``iter_read`` streams records for callers who store as they read (they must treat
a ``SourceError`` raised part-way as "store nothing": the registry does so in one transaction).
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any

import attrs

from sibaso.adapters.layouts.adapter import Adapter, Kind
from sibaso.adapters.layouts.fields import header_key
from sibaso.adapters.layouts.headers import SEARCH_ROWS, Header, find_header
from sibaso.adapters.layouts.known import (
    any_field_for,
    detect_explained,
    get_adapter,
    programme_from_name,
    programme_in_text,
)
from sibaso.adapters.layouts.programme_sheet import ProgrammeSheet, read_programme_sheet
from sibaso.adapters.layouts.titles import title_defaults
from sibaso.adapters.pipeline import read_dtsen as dtsen
from sibaso.adapters.pipeline.bulk import (
    CHUNK,
    TABLE_CHUNK,
    Block,
    BulkReader,
    FrameBlock,
    RowsBlock,
    Shape,
    Vouched,
    bulk_reader,
)
from sibaso.adapters.pipeline.read_report import ReadReport, RejectedRow
from sibaso.adapters.records.convert import Problem, RowConverter, digit_count
from sibaso.core.errors import SourceError, UnknownProgramme
from sibaso.core.lineages import Catalogue, Programme
from sibaso.core.model import Period
from sibaso.core.problems import problem as catalogued
from sibaso.readers import Sheet

__all__ = ["ReadResult", "iter_batches", "iter_read", "read"]

Row = tuple[int, tuple[object, ...]]
#: the NIKs read so far, by household or programme (``""`` for population data): where each
#: was first
Seen = dict[str, dict[str, tuple[str | None, int]]]


@attrs.define
class ReadResult:
    """The adapter chosen, the usable records and the report of one file."""

    file: str
    adapter: str
    programme: str | None
    records: list[Any]
    report: ReadReport


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic records are made.

    Reading builds hundreds of thousands of small objects with no reference cycles; the
    collector's repeated passes over them cost a third of the reading time and free nothing.
    At the end they are counted as old at once (``gc.freeze`` then ``gc.unfreeze`` moves
    every tracked object to the oldest generation without looking at any): else the first
    collection after the pause would go over all of them, to find nothing, within the read.
    Cyclic garbage among them is still found, by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def read(
    path: str | Path,
    *,
    programme: str | Programme | None = None,
    adapter: str | Adapter | None = None,
    period: Period | str | None = None,
    limits: Any = None,
    engine: str = "auto",
    progress: Callable[[int], None] | None = None,
    kind: Kind | str | None = None,
) -> ReadResult:
    """Read one file completely: records of every usable row plus the report."""
    report = ReadReport(file=str(path))
    records: list[Any] = []
    with gc_paused():
        for batch in iter_batches(
            path,
            programme=programme,
            adapter=adapter,
            period=period,
            limits=limits,
            engine=engine,
            report=report,
            progress=progress,
            kind=kind,
        ):
            records.extend(batch)
    if report.programme is None:  # a layout of several programmes: say it when rows agree
        named = {getattr(r, "programme", None) for r in records}
        if len(named) == 1 and None not in named:
            report.programme = named.pop()
    return ReadResult(
        file=str(path),
        adapter=report.adapter or "",
        programme=report.programme,
        records=records,
        report=report,
    )


def _resolve_programme(programme: str | Programme | None) -> Programme | None:
    if programme is None or isinstance(programme, Programme):
        return programme
    from sibaso.programmes import resolve

    return resolve(programme)


def iter_read(
    path: str | Path,
    *,
    programme: str | Programme | None = None,
    adapter: str | Adapter | None = None,
    period: Period | str | None = None,
    limits: Any = None,
    engine: str = "auto",
    report: ReadReport | None = None,
    progress: Callable[[int], None] | None = None,
    today: datetime.date | None = None,
    kind: Kind | str | None = None,
    shape: Shape | None = None,
) -> Iterator[Any]:
    """Yield records one by one, filling ``report`` as rows are read.

    ``shape`` lets a caller that stores rows take, for the rows the bulk path vouches for,
    its own items in place of records (see :meth:`BulkReader.read_block
    <sibaso.adapters.pipeline.bulk.BulkReader.read_block>`); the other rows stay records.
    """
    for batch in iter_batches(
        path,
        programme=programme,
        adapter=adapter,
        period=period,
        limits=limits,
        engine=engine,
        report=report,
        progress=progress,
        today=today,
        kind=kind,
        shape=shape,
    ):
        yield from batch


def iter_batches(
    path: str | Path,
    *,
    programme: str | Programme | None = None,
    adapter: str | Adapter | None = None,
    period: Period | str | None = None,
    limits: Any = None,
    engine: str = "auto",
    report: ReadReport | None = None,
    progress: Callable[[int], None] | None = None,
    today: datetime.date | None = None,
    batch_size: int = 1024,
    kind: Kind | str | None = None,
    shape: Shape | None = None,
) -> Iterator[list[Any]]:
    """Yield the records in lists of up to ``batch_size``, filling ``report`` as rows are read.

    What :func:`iter_read` yields one by one; callers that store in batches save the step.
    """
    from sibaso.programmes import default_catalogue
    from sibaso.readers import open_workbook

    path = Path(path)
    report = report if report is not None else ReadReport(file=str(path))
    chosen = get_adapter(adapter) if isinstance(adapter, str) else adapter
    wanted = Kind.from_label(kind) if isinstance(kind, str) else kind
    if chosen is not None and wanted is not None and chosen.kind is not wanted:
        raise SourceError(
            path,
            f"the adapter {chosen.name} reads {chosen.kind.label} files, not {wanted.label}",
            code="kind-conflict",
        )
    if wanted is not None and wanted is not Kind.ENROLMENT and programme is not None:
        raise SourceError(
            path,
            f"--programme names a programme list, but --kind says {wanted.label}",
            code="kind-conflict",
        )
    if path.exists() and dtsen.is_dtsen(path, chosen):  # its own reader: see adapters.dtsen
        yield from _dtsen_batches(path, period, report, limits, batch_size)
        return
    prog = named = _resolve_programme(programme)
    if chosen is not None:
        report.because(
            f"adaptor {chosen.name} disebutkan pemanggil",
            f"the adapter {chosen.name} was named by the caller",
        )
    if named is not None:
        report.because(
            f"--programme {named.code}: daftar program",
            f"--programme {named.code}: a programme list",
        )
    if wanted is not None:
        report.because(f"--kind {wanted.label}", f"--kind {wanted.label}")
    if prog is None and chosen is not None and chosen.programme:
        prog = _resolve_programme(chosen.programme)
    edition_only: ValueError | None = None  # "v3-2026": a DTSEN edition, no list period
    try:
        per = Period.parse(period) if isinstance(period, str) else period
    except ValueError as exc:
        if not (isinstance(period, str) and "v" in period.lower()):
            raise
        per, edition_only = None, exc
    catalogue = default_catalogue()
    if not path.exists():
        raise SourceError(
            path, "the file does not exist", code="not-found", reason_id="berkas tidak ada"
        )
    found_identity = False
    found: tuple[Adapter, tuple[str, ...]] | None = None
    described: ProgrammeSheet | None = None  # a sheet naming the programme (OpenSID)
    participant: str | None = None
    columns_seen: list[tuple[str, list[str]]] = []
    done = 0
    tick = 5000  # the next progress report
    seen: Seen = {}
    with open_workbook(path, limits=limits, engine=engine) as workbook:
        for sheet in workbook.sheets():
            rows = sheet.rows()
            head: list[tuple[int, tuple[object, ...]]] = []
            for item in rows:
                head.append(item)
                if len(head) >= SEARCH_ROWS:
                    break
            probe = chosen.field_for if chosen is not None else any_field_for
            header = find_header(head, probe, sheet.merged_ranges)
            if header is None and described is None:
                described = read_programme_sheet(sheet.name, head)
                if described is not None:
                    report.problem(
                        sheet.name,
                        None,
                        None,
                        "programme-sheet",
                        sheet=sheet.name,
                        described=described.describe(),
                    )
                    continue
            if header is None:
                columns_seen.append((sheet.name, _widest_row(head)))
                if head:
                    report.problem(
                        sheet.name,
                        head[0][0],
                        None,
                        "sheet-skipped",
                        sheet=sheet.name,
                        rows=len(head),
                    )
                continue
            if chosen is None:
                # a file named for a programme (pkh_kwala_begumit.xls) is a programme list,
                # whatever birth or address columns make it look like population data
                named_by_file = named is None and programme_from_name(path, catalogue)
                lists_only = bool(named or named_by_file) or wanted is Kind.ENROLMENT
                found = detect_explained(path, header.columns, lists_only=lists_only, kind=wanted)
                chosen = found[0] if found is not None else None
                if found is not None:
                    report.because(
                        f"judul kolom {', '.join(found[1]) or '-'} (sheet {sheet.name!r}) "
                        f"cocok dengan adaptor {found[0].name}",
                        f"the headers {', '.join(found[1]) or '-'} (sheet {sheet.name!r}) "
                        f"match the adapter {found[0].name}",
                    )
                # a name or title only says the programme when the rows do not
                guess = (chosen is None or _needs_programme(chosen)) and not (
                    _has_programme_column(header.columns)
                )
                if prog is None and described is not None and chosen is not None:
                    prog = _programme_of_sheet(path, described, chosen, catalogue, report)
                # the file's own title before its name: "blt.xlsx" titled BLT DANA DESA
                if prog is None and guess:
                    prog = _programme_from_title(head, header, catalogue, report, sheet.name)
                if prog is None and guess and named_by_file:
                    prog = _noted_file_name_programme(path, named_by_file, report)
                if chosen is None and (prog is not None or _has_programme_column(header.columns)):
                    chosen = get_adapter("generic")  # the programme: named, or per row
                if chosen is None:
                    headers = ", ".join(c for c in header.columns if c)[:200]
                    raise SourceError(
                        path,
                        "cannot tell which kind of list this is (population, programme list or "
                        f"household roster): no layout recognises the headers {headers}; "
                        "name the programme with --programme, or the kind with --kind "
                        "population|programme|household (or an --adapter)",
                        code="unknown-layout",
                        reason_id=(
                            "jenis daftar ini tidak dikenali (data penduduk, daftar program atau "
                            f"daftar rumah tangga): tidak ada adaptor yang mengenal kolom "
                            f"{headers}; sebutkan programnya dengan --programme, atau jenisnya "
                            "dengan --kind population|programme|household (atau --adapter)"
                        ),
                    )
                if chosen.kind in (Kind.DTSEN_FAMILY, Kind.DTSEN_MEMBER):
                    break  # a DTSEN workbook not named as one: read by its own reader
                if edition_only is not None:
                    raise edition_only
                if prog is None and chosen.programme:
                    prog = _resolve_programme(chosen.programme)
                elif named is not None and chosen.programme:
                    _note_override(report, chosen, named)
                if (
                    prog is None
                    and chosen.kind is Kind.ENROLMENT
                    and not _has_programme_column(header.columns)
                ):
                    raise SourceError(
                        path,
                        f"this is a programme list (headers {', '.join(found[1]) if found else '-'}"
                        ") but nothing in it names the programme (no programme sheet, column, "
                        "title or file name); name it with --programme",
                        code="programme-missing",
                        reason_id="ini daftar program, tetapi tidak ada yang menyebut "
                        "programnya (sheet program, kolom, judul atau nama berkas); sebutkan "
                        "dengan --programme",
                    )
                header = find_header(head, chosen.field_for, sheet.merged_ranges) or header
                if described is not None and chosen.kind is Kind.ENROLMENT:
                    participant = described.participant_field
                    if described.basis is not None and chosen.basis is None:
                        chosen = attrs.evolve(chosen, basis=described.basis)
                    if per is None and described.period_text:
                        per = Period.parse(described.period_text)
            report.adapter = chosen.name
            report.programme = prog.code if prog else chosen.programme
            report.kind = chosen.kind.label
            if chosen.kind is Kind.POPULATION:
                report.authority = chosen.authority
            top = header.first_row or header.row
            defaults = title_defaults([r for r in head if r[0] < top], sheet.name)
            if defaults:
                said = ", ".join(f"{k.split('_')[0]} {v}" for k, v in defaults.items())
                report.problem(
                    sheet.name, None, None, "region-from-title", said=said, sheet=sheet.name
                )
            converter = RowConverter(
                chosen,
                header.columns,
                catalogue=catalogue,
                programme=prog,
                period=per,
                file=str(path),
                sheet=sheet.name,
                today=today,
                defaults=defaults,
                participant=participant,
            )
            for number, cells in head:  # a family block above the header gives its KK
                if number < top:
                    converter.block_row(cells)
            people = chosen.kind is Kind.POPULATION  # Person records keep no details
            for field, used, kept in converter.ambiguous:
                report.problem(
                    sheet.name,
                    header.row,
                    kept,
                    "column-ambiguous",
                    field=field,
                    used=used,
                    kept=kept,
                    fate="ignored" if people else "kept",
                )
            skip = _why_not_a_list(converter, header, head, sheet.name)
            if skip is not None:
                columns_seen.append((sheet.name, [c for c in header.columns if c]))
                report.problem(
                    sheet.name, header.row, None, "sheet-skipped", skip, sheet=sheet.name
                )
                continue
            found_identity = True
            report.sheets.append(sheet.name)
            if sheet.hidden:
                report.problem(sheet.name, None, None, "sheet-hidden", sheet=sheet.name)
            first, skipped = header.row, header.skipped
            for number in skipped:  # a row of column numbers under the header: said once
                report.problem(sheet.name, number, None, "column-numbers")
            bulk = bulk_reader(converter)  # None without polars, or for a layout it lacks
            blocks = _blocks(bulk, sheet, head, rows, first, skipped, converter.width)
            batch: list[Any] = []
            ended: int | None = None  # the row of an end-of-data marker (###)
            after = 0  # the filled rows after it
            for block in blocks:
                height = block.height
                if ended is not None:
                    after += sum(_filled(block.row(i)[1]) for i in range(height))
                    continue
                if bulk is not None:
                    vouched = bulk.read_block(block, shape)
                    stops = [*vouched.unvouched, height]
                else:
                    vouched, stops = None, [0, height]
                start = taken = 0
                for stop in stops:
                    if stop > start:  # rows the bulk path vouched for
                        assert vouched is not None
                        count = stop - start
                        if _first_seen(seen, sheet.name, vouched, taken, taken + count):
                            report.rows += count
                            report.usable += count
                            batch += vouched.records[taken : taken + count]
                        else:  # a NIK seen before: the general path reports it
                            for i in range(start, stop):
                                number, cells = block.row(i)
                                record = _one_row(
                                    report, converter, header, sheet.name, number, cells, seen
                                )
                                if record is not None:
                                    batch.append(record)
                        taken += count
                    if stop < height:
                        number, cells = block.row(stop)
                        if _is_end_marker(cells):
                            ended = number
                            after += sum(_filled(block.row(i)[1]) for i in range(stop + 1, height))
                            break
                        record = _one_row(
                            report, converter, header, sheet.name, number, cells, seen
                        )
                        if record is not None:
                            batch.append(record)
                    start = stop + 1
                done += height
                if progress is not None and done >= tick:
                    progress(done)
                    tick = done - done % 5000 + 5000
                if len(batch) >= batch_size:
                    cut = len(batch) - len(batch) % batch_size
                    for at in range(0, cut, batch_size):
                        yield batch[at : at + batch_size]
                    del batch[:cut]
            if ended is not None:
                _end_of_data(report, sheet.name, ended, after)
            if batch:
                yield batch
    if chosen is not None and chosen.kind in (Kind.DTSEN_FAMILY, Kind.DTSEN_MEMBER):
        yield from _dtsen_batches(path, period, report, limits, batch_size)
        return
    if not found_identity:
        seen_text = "; ".join(
            f"{name!r}: {', '.join(cols)[:160]}" for name, cols in columns_seen[:3] if cols
        )
        raise SourceError(
            path,
            "no sheet has a recognisable NIK or No. KK column (expected a column such as NIK, "
            "No. KK, ID rumah tangga or Peserta"
            + (f"; the columns seen: {seen_text})" if seen_text else "; no columns seen)"),
            code="no-nik-column",
            reason_id=(
                "tidak ada lembar dengan kolom NIK atau No. KK yang dikenali (diharapkan kolom "
                "seperti NIK, No. KK, ID rumah tangga atau Peserta"
                + (f"; kolom yang ada: {seen_text})" if seen_text else "; tidak ada kolom)")
            ),
        )
    if progress is not None:
        progress(done)


_COUNT_HEADERS = ("jumlah", "jml", "total", "banyaknya")


def _dtsen_batches(
    path: Path, period: Any, report: ReadReport, limits: Any, batch_size: int
) -> Iterator[list[Any]]:
    """The records of a DTSEN file in lists of up to ``batch_size``."""
    report.kind = "household"
    report.because(
        "berkas DTSEN (keluarga/anggota, desil)", "a DTSEN file (families/members, desil)"
    )
    batch: list[Any] = []
    edition = period if period is None or isinstance(period, str) else str(period)
    for record in dtsen.iter_dtsen(path, period=edition, report=report, limits=limits):
        batch.append(record)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _why_not_a_list(
    converter: RowConverter,
    header: Header,
    head: list[tuple[int, tuple[object, ...]]],
    sheet: str,
) -> str | None:
    """Why a sheet with a header is not read as a list (the ``sheet-skipped`` variant), or
    None."""
    if converter.adapter.kind is not Kind.ENROLMENT and not (
        {"nik", "name", "participant"} & set(converter.index)
    ):
        return "families"
    if not converter.has_identity:
        return "no-identity"
    if _is_summary_sheet(converter, header, head):
        return "summary"
    return None


def _is_summary_sheet(
    converter: RowConverter, header: Header, head: list[tuple[int, tuple[object, ...]]]
) -> bool:
    """A recap sheet (``KECAMATAN | JUMLAH KPM | …``): a count column in the header, rows
    under it, and not one full NIK, KK or household id among the first of them."""
    if not any(header_key(c).startswith(_COUNT_HEADERS) for c in header.columns if c):
        return False
    rows = [cells for number, cells in head if number > header.row]
    if not rows:
        return False
    columns = [converter.index[f] for f in ("nik", "kk", "household_id") if f in converter.index]
    return not any(
        digit_count(cells[col]) >= 10 for cells in rows for col in columns if col < len(cells)
    )


def _widest_row(head: list[tuple[int, tuple[object, ...]]]) -> list[str]:
    """The texts of the first rows' fullest row: what a header would have been."""
    best: list[str] = []
    for _, cells in head[:10]:
        texts = [" ".join(str(c).split()) for c in cells if isinstance(c, str) and c.strip()]
        if len(texts) > len(best):
            best = texts
    return best


def _is_end_marker(cells: tuple[object, ...]) -> bool:
    """OpenSID's ``###`` row: the data ends here (notes and instructions follow). The marker
    opens the row, or stands alone in a cell of a row with a note or two beside it (columns
    in another order put it anywhere).

    >>> _is_end_marker(("###", None, "Isi data di atas")), _is_end_marker(("Catatan", "###"))
    (True, True)
    >>> _is_end_marker(("AHMAD", "1205...", "###", "x", "y")), _is_end_marker(("##",))
    (False, False)
    """
    filled = [c for c in cells if c is not None and c != ""]
    if not filled:
        return False
    first = filled[0]
    if isinstance(first, str) and first.strip().startswith("###"):
        return True
    return len(filled) <= 3 and any(isinstance(c, str) and c.strip() == "###" for c in filled)


def _end_of_data(report: ReadReport, sheet: str, number: int, after: int) -> None:
    """Report the end marker once, with the rows after it, which are not read."""
    report.problem(sheet, number, None, "end-marker", row=number, after=after)


def _programme_of_sheet(
    path: Path,
    described: ProgrammeSheet,
    chosen: Adapter,
    catalogue: Catalogue,
    report: ReadReport,
) -> Programme | None:
    """The catalogue's programme for the name a programme sheet gives; a name the catalogue
    does not know stops the read (``--programme`` names it), rather than guessing."""
    if chosen.kind is not Kind.ENROLMENT or not described.name:
        return None
    try:
        found = catalogue.resolve(described.name)
    except UnknownProgramme as exc:
        hint = f" (close: {', '.join(exc.suggestions)})" if exc.suggestions else ""
        raise SourceError(
            path,
            f"sheet {described.sheet!r} names the programme {described.name!r}, which the "
            f"catalogue does not know{hint}; name it with --programme",
            code="programme-unknown",
            reason_id=f"sheet {described.sheet!r} menyebut program {described.name!r} yang tidak "
            f"dikenal katalog{hint}; sebutkan dengan --programme",
        ) from None
    report.because(
        f"sheet {described.sheet!r}: Nama Program = {described.name} ({found.code})",
        f"sheet {described.sheet!r}: Nama Program = {described.name} ({found.code})",
    )
    return found


def _note_override(report: ReadReport, adapter: Adapter, named: Programme) -> None:
    """``--programme`` names another programme than the layout's own: stored as named, but
    the operator is told (a KKS list relabelled PKH is more often a slip than a wish)."""
    own = _resolve_programme(adapter.programme)
    if own is not None and own.code != named.code:
        report.problem(
            None,
            None,
            None,
            "programme-override",
            layout=adapter.title,
            own=own.code,
            named=named.code,
        )


def _has_programme_column(columns: tuple[str, ...]) -> bool:
    return any(any_field_for(c) == "programme_name" for c in columns if c)


def _needs_programme(adapter: Adapter) -> bool:
    return adapter.kind is Kind.ENROLMENT and not adapter.programme


def _programme_from_title(
    head: list[tuple[int, tuple[object, ...]]],
    header: Header,
    catalogue: Catalogue,
    report: ReadReport,
    sheet: str,
) -> Programme | None:
    """The programme a title row above the header names (``DAFTAR PENERIMA PKH …``)."""
    top = header.first_row or header.row
    for number, cells in head:
        if number >= top:
            break
        for cell in cells:
            if isinstance(cell, str) and (found := programme_in_text(cell, catalogue)):
                report.problem(
                    sheet,
                    number,
                    None,
                    "programme-from-title",
                    programme=found.code,
                    title=cell.strip()[:80],
                )
                report.because(
                    f"judul {cell.strip()[:80]!r} (sheet {sheet!r}, baris {number}) menyebut "
                    f"program {found.code}: daftar program",
                    f"the title {cell.strip()[:80]!r} (sheet {sheet!r}, row {number}) names the "
                    f"programme {found.code}: a programme list",
                )
                return found
    return None


def _noted_file_name_programme(path: Path, found: Programme, report: ReadReport) -> Programme:
    """The programme the file's name gives, noted in the report so the operator can see it."""
    report.problem(
        None, None, None, "programme-from-file-name", programme=found.code, file=path.name
    )
    report.because(
        f"nama berkas {path.name!r} menyebut program {found.code}: daftar program",
        f"the file name {path.name!r} names the programme {found.code}: a programme list",
    )
    return found


def _data_rows(
    head: list[Row], rows: Iterator[Row], first: int, skipped: Collection[int]
) -> Iterator[Row]:
    """The rows after the header ``first``, without the ``skipped`` ones (found in ``head``)."""
    rest = [r for r in head if r[0] > first and r[0] not in skipped]
    if head and skipped and max(skipped, default=0) > head[-1][0]:
        return (r for r in chain(rest, rows) if r[0] not in skipped)
    return chain(rest, rows)


def _blocks(
    bulk: BulkReader | None,
    sheet: Sheet,
    head: list[Row],
    rows: Iterator[Row],
    first: int,
    skipped: Collection[int],
    width: int,
) -> Iterator[Block]:
    """The sheet's data rows (after the header ``first``, without the ``skipped`` ones) in
    blocks: read as columns at once when the bulk path runs and the format can give them
    (:meth:`Sheet.table`), else from ``rows`` (one row a block for the general path)."""
    if bulk is None:
        for row in _data_rows(head, rows, first, skipped):
            yield RowsBlock(None, [row], width)
        return
    pl = bulk.pl
    table = sheet.table(pl, first)
    if table is None:
        batches = getattr(rows, "batches", None)  # rows that come in lists: taken so
        if batches is None or (head and skipped and max(skipped) > head[-1][0]):
            for chunk in _chunks(_data_rows(head, rows, first, skipped), CHUNK):
                yield RowsBlock(pl, chunk, width)
            return
        chunk = [r for r in head if r[0] > first and r[0] not in skipped]
        for batch in batches():
            chunk += batch
            if len(chunk) >= CHUNK:
                yield RowsBlock(pl, chunk, width)
                chunk = []
        if chunk:
            yield RowsBlock(pl, chunk, width)
        return
    close = getattr(rows, "close", None)
    if close is not None:
        close()  # the rows are read from the table instead
    if skipped:
        table = table.filter(~pl.col("row").is_in(sorted(skipped)))
    for at in range(0, table.height, TABLE_CHUNK):
        yield FrameBlock(pl, table.slice(at, TABLE_CHUNK))


def _first_seen(seen: Seen, sheet: str, vouched: Vouched, start: int, stop: int) -> bool:
    """Whether the vouched rows ``start:stop`` name NIKs not seen before (among them or in
    ``seen``), and if so record them there: else the general path reports each duplicate."""
    niks = vouched.niks[start:stop]
    where = zip(repeat(sheet), vouched.numbers[start:stop])
    if isinstance(vouched.parts, str):
        new = dict(zip(niks, where, strict=False))
        part = seen.setdefault(vouched.parts, {})
        if len(new) != len(niks) or not part.keys().isdisjoint(new):
            return False
        part.update(new)
        return True
    keys = list(zip(vouched.parts[start:stop], niks, strict=False))
    if len(set(keys)) != len(keys) or any(nik in seen.get(p, ()) for p, nik in keys):
        return False
    for (p, nik), first in zip(keys, where, strict=False):
        seen.setdefault(p, {})[nik] = first
    return True


def _filled(cells: tuple[object, ...]) -> bool:
    return any(c not in (None, "") for c in cells)


def _chunks(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    """``rows`` in lists of up to ``size``."""
    while chunk := list(islice(rows, size)):
        yield chunk


def _one_row(
    report: ReadReport,
    converter: RowConverter,
    header: Header,
    sheet: str,
    number: int,
    cells: tuple[object, ...],
    seen: Seen,
) -> Any:
    record, problems = converter.convert(number, cells)
    if record is not None and not problems:  # the common case: a clean row
        duplicate = _duplicate(converter, sheet, number, record, seen)
        report.rows += 1
        if not duplicate:
            report.usable += 1
            return record
        problems = duplicate
    elif not_data := converter.not_data(cells):
        code, message_id, message_en = not_data
        report.add(sheet, number, None, code, "info", message_id, message_en)
        return None
    else:
        report.rows += 1
        if record is not None and all(p[2] == "warning" for p in problems):
            problems.extend(_duplicate(converter, sheet, number, record, seen))
    for column, code, severity, message_id, message_en in problems:
        report.add(sheet, number, column, code, severity, message_id, message_en)  # type: ignore[arg-type]
    errors = [p for p in problems if p[2] == "error"]
    if record is not None and not errors and all(p[2] != "info" for p in problems):
        report.usable += 1
        return record
    report.rejected += 1
    if errors:
        report.rejected_rows.append(
            RejectedRow(
                sheet=sheet,
                row=number,
                header=header.columns,
                cells=cells,
                reasons=[p[3] for p in errors],
            )
        )
    return None


def _duplicate(
    converter: RowConverter,
    sheet: str,
    number: int,
    record: Any,
    seen: Seen,
) -> list[Problem]:
    nik = getattr(record, "nik", None)
    if nik is None:
        return []
    household = getattr(record, "household_id", None)
    programme = getattr(record, "programme", None)
    part = seen.setdefault(household or programme or "", {})
    first = part.get(nik.value)
    if first is None:
        part[nik.value] = (sheet, number)
        return []
    variant = "population" if converter.adapter.kind is Kind.POPULATION else None
    texts = catalogued(
        "duplicate-nik", variant, nik=nik.masked(), first_sheet=first[0], first_row=first[1]
    )
    return [(converter.header_of("nik"), "duplicate-nik", *texts)]
