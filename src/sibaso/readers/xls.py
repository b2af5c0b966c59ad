"""OLE2 compound files: Excel 97-2003 workbooks (.xls, read by calamine) and the
password-protected Office files that share the container (refused).

Before calamine sees an .xls file, its ``Workbook`` stream is walked record by record: a
``FILEPASS`` record means the workbook is encrypted, and the ``DIMENSIONS`` and cell records
bound the rectangle calamine will allocate (a 1 KB file can otherwise declare billions of
cells). Merged ranges come from the same walk.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

import attrs

from sibaso.core.errors import SourceError

from .engines import calamine_workbook
from .limits import Limits
from .model import Range, Workbook
from .ole import CompoundFile
from .xlsx import CALAMINE_CELL_BUDGET

__all__ = ["BiffScan", "open_ole", "scan_biff"]

_BOF, _EOF, _FILEPASS, _BOUNDSHEET = 0x0809, 0x000A, 0x002F, 0x0085
_DIMENSIONS, _MERGECELLS, _MULRK, _MULBLANK = 0x0200, 0x00E5, 0x00BD, 0x00BE
_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006, 0x0201, 0x0001})
_ROW_COL = struct.Struct("<HH")
_HEADER = struct.Struct("<HH")

_OTHER_OLE = {
    "worddocument": "this is a Word 97-2003 document, not a spreadsheet",
    "powerpoint document": "this is a PowerPoint 97-2003 presentation, not a spreadsheet",
}


@attrs.define
class BiffScan:
    """What the record walk of a ``Workbook`` stream found."""

    max_row: int = 0
    max_col: int = 0
    #: Sheet offsets in the stream, in workbook order, with their visibility byte and type.
    sheets: list[tuple[int, int, int]] = attrs.field(factory=list)
    merges: dict[int, list[Range]] = attrs.field(factory=dict)
    encrypted: bool = False

    @property
    def cells(self) -> int:
        """The rectangle, in cells, that calamine may allocate for the largest sheet."""
        return self.max_row * self.max_col


def scan_biff(stream: bytes) -> BiffScan:
    """Walk every record of a BIFF5/BIFF8 ``Workbook`` stream (pure, raises ValueError)."""
    scan = BiffScan()
    bofs: set[int] = set()
    current: list[Range] | None = None
    depth, pos, end = 0, 0, len(stream)
    unpack, unpack_cell = _HEADER.unpack_from, _ROW_COL.unpack_from
    while pos + 4 <= end:
        kind, length = unpack(stream, pos)
        body = pos + 4
        if body + length > end:
            raise ValueError("the last record of the Workbook stream is truncated")
        if kind in _CELLS and length >= 4:
            row, col = unpack_cell(stream, body)
            scan.max_row = max(scan.max_row, row + 1)
            scan.max_col = max(scan.max_col, col + 1)
        elif kind in (_MULRK, _MULBLANK) and length >= 6:
            row, _ = unpack_cell(stream, body)
            (last,) = struct.unpack_from("<H", stream, body + length - 2)
            scan.max_row = max(scan.max_row, row + 1)
            scan.max_col = max(scan.max_col, last + 1)
        elif kind == _BOF:
            bofs.add(pos)
            depth += 1
            if depth == 1 and pos:
                current = scan.merges.setdefault(pos, [])
        elif kind == _EOF:
            depth = max(0, depth - 1)
            if depth == 0:
                current = None
        elif kind == _DIMENSIONS:
            if length >= 14:  # BIFF8: 32-bit rows
                last_row, _, last_col = struct.unpack_from("<IHH", stream, body + 4)
            elif length >= 8:
                _, last_row, _, last_col = struct.unpack_from("<4H", stream, body)
            else:
                last_row = last_col = 0
            scan.max_row = max(scan.max_row, last_row)
            scan.max_col = max(scan.max_col, last_col)
        elif kind == _MERGECELLS and current is not None and length >= 2:
            (count,) = struct.unpack_from("<H", stream, body)
            for i in range(min(count, (length - 2) // 8)):
                first_row, last_row, first_col, last_col = struct.unpack_from(
                    "<4H", stream, body + 2 + 8 * i
                )
                current.append((first_row + 1, first_col + 1, last_row + 1, last_col + 1))
        elif kind == _FILEPASS and depth == 1 and not scan.sheets:
            scan.encrypted = True
        elif kind == _BOUNDSHEET and length >= 6:
            offset, state, sheet_type = struct.unpack_from("<IBB", stream, body)
            scan.sheets.append((offset, state, sheet_type))
        pos = body + length
    for offset, _, _ in scan.sheets:
        if offset not in bofs:
            raise ValueError("a sheet of the workbook does not start where the index says")
    return scan


def open_ole(path: Path, limits: Limits, engine: str) -> Workbook:
    """Refuse encrypted or non-Excel compound files; open .xls files with calamine."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        try:
            compound = CompoundFile(data)
        except ValueError as exc:
            raise SourceError(
                path, f"the file is a damaged Office file ({exc})", code="corrupt"
            ) from None
        names = {name.lower() for name in compound.names()}
        if names & {"encryptioninfo", "encryptedpackage"}:
            raise SourceError(
                path,
                "the workbook is password-protected (encrypted); open it in Excel and save an "
                "unprotected copy",
                code="encrypted",
            )
        entry = compound.find("Workbook", "Book")
        if entry is None:
            reason = next(
                (text for key, text in _OTHER_OLE.items() if key in names),
                "this Office file holds no Excel workbook",
            )
            raise SourceError(path, reason, code="not-a-spreadsheet")
        try:
            scan = scan_biff(compound.read(entry))
        except ValueError as exc:
            raise SourceError(
                path, f"the .xls workbook is damaged ({exc})", code="corrupt"
            ) from None
    if scan.encrypted:
        raise SourceError(
            path,
            "the .xls workbook is encrypted (password-protected); open it in Excel and save an "
            "unprotected copy",
            code="encrypted",
        )
    if scan.cells > CALAMINE_CELL_BUDGET:
        raise SourceError(
            path,
            f"the .xls workbook declares {scan.max_row:,} rows x {scan.max_col:,} columns, "
            "more than an Excel 97-2003 sheet can hold",
            code="too-large",
        )
    merges = [list(scan.merges.get(offset, [])) for offset, _, _ in scan.sheets]
    return calamine_workbook(
        path,
        "xls",
        "Excel 97-2003 (.xls) files",
        engine,
        limits,
        merges=merges,
        worksheets_only=True,
    )
