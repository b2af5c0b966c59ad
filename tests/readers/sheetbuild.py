"""Build spreadsheet files byte by byte for the reader tests: nothing binary is committed.

* :func:`raw_xlsx` — a minimal xlsx from hand-written sheet XML (for hostile variants);
* :func:`ods` — a minimal OpenDocument spreadsheet;
* :func:`ole2` — a compound file (the container of .xls and of encrypted OOXML);
* :func:`biff8` — an Excel 97-2003 ``Workbook`` stream with numbers, text and merges.
"""

from __future__ import annotations

import struct
import time
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sibaso.core.errors import SourceError
from sibaso.readers import open_workbook


def snapshot(path: Path, **kwargs: Any) -> list[tuple[Any, ...]]:
    """Everything the reader says about a file, as plain data."""
    with open_workbook(path, **kwargs) as book:
        return [
            (sheet.name, sheet.hidden, sheet.index, sorted(sheet.merged_ranges), list(sheet.rows()))
            for sheet in book.sheets()
        ]


def source_error(path: Path, **kwargs: Any) -> SourceError:
    """The single SourceError that reading ``path`` fully must raise."""
    with pytest.raises(SourceError) as caught:
        snapshot(path, **kwargs)
    return caught.value


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Assert that the block finishes in bounded time."""
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.2f}s, more than {seconds}s"


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_xlsx(
    path: Path,
    sheets: Sequence[str | tuple[str, str] | tuple[str, str, str]],
    *,
    shared_strings: Sequence[str] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """An xlsx whose worksheets are the given XML strings.

    Each item is ``xml``, ``(name, xml)`` or ``(name, xml, state)``; an item's ``xml`` may be
    just the ``<sheetData>`` content (a full ``<worksheet>`` is then wrapped around it).
    """
    items = []
    for number, item in enumerate(sheets, start=1):
        if isinstance(item, str):
            item = (f"Sheet{number}", item)
        name, xml = item[0], item[1]
        state = item[2] if len(item) > 2 else "visible"
        if "<worksheet" not in xml:
            xml = (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
                f'xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheetData>{xml}</sheetData></worksheet>'
            )
        items.append((name, xml, state))
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(items) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
        f'{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_elements = "".join(
        f'<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>'
        for n, (name, _, state) in enumerate(items, start=1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        f"<sheets>{sheet_elements}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(items) + 1)
    )
    if shared_strings is not None:
        rels += (
            f'<Relationship Id="rIdSst" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        for n, (_, xml, _) in enumerate(items, start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", xml)
        if shared_strings is not None:
            strings = "".join(shared_strings)
            archive.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}" '
                f'count="{len(shared_strings)}" uniqueCount="{len(shared_strings)}">{strings}</sst>',
            )
    return path


def ods(path: Path, tables: str) -> Path:
    """An OpenDocument spreadsheet whose ``<office:spreadsheet>`` holds ``tables``."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:'
        'names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:'
        'xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f"{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
        'tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


# -- OLE2 compound file ------------------------------------------------------------------

_SECTOR = 512
_END, _FREE, _FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _dir_entry(name: str, kind: int, start: int, size: int, child: int, right: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,  # black
        _FREE,  # left sibling
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def ole2(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file holding ``streams``, each padded with zeros to at least
    4096 bytes, so that no mini stream is needed."""
    sectors: list[bytes] = []
    fat: list[int] = []
    entries: list[tuple[str, int, int]] = []
    for name, data in streams.items():
        padded = data.ljust(max(4096, -(-len(data) // _SECTOR) * _SECTOR), b"\0")
        size = max(len(data), 4096)
        first = len(sectors)
        count = len(padded) // _SECTOR
        for i in range(count):
            sectors.append(padded[i * _SECTOR : (i + 1) * _SECTOR])
            fat.append(first + i + 1 if i < count - 1 else _END)
        entries.append((name, first, size))
    directory = _dir_entry("Root Entry", 5, _END, 0, 1 if entries else _FREE, _FREE)
    for i, (name, first, size) in enumerate(entries, start=1):
        right = i + 1 if i < len(entries) else _FREE
        directory += _dir_entry(name, 2, first, size, _FREE, right)
    directory = directory.ljust(-(-len(directory) // _SECTOR) * _SECTOR, b"\0")
    dir_first = len(sectors)
    dir_count = len(directory) // _SECTOR
    for i in range(dir_count):
        sectors.append(directory[i * _SECTOR : (i + 1) * _SECTOR])
        fat.append(dir_first + i + 1 if i < dir_count - 1 else _END)
    fat_count = 1
    while (len(fat) + fat_count) > fat_count * (_SECTOR // 4):
        fat_count += 1
    fat_first = len(sectors)
    fat.extend([_FATSECT] * fat_count)
    fat.extend([_FREE] * (fat_count * (_SECTOR // 4) - len(fat)))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    for i in range(fat_count):
        sectors.append(fat_bytes[i * _SECTOR : (i + 1) * _SECTOR])
    difat = [fat_first + i for i in range(fat_count)] + [_FREE] * (109 - fat_count)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_count,
        dir_first,
        0,
        4096,
        _END,
        0,
        _END,
        0,
    ) + struct.pack("<109I", *difat)
    return header + b"".join(sectors)


# -- BIFF8 ---------------------------------------------------------------------------------


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x0206))


def _xl_string(text: str, length_format: str = "<H") -> bytes:
    return struct.pack(length_format, len(text)) + b"\x01" + text.encode("utf-16-le")


def biff8(
    sheets: Sequence[tuple[str, dict[tuple[int, int], object]]],
    *,
    hidden: Sequence[str] = (),
    merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
    dimensions: tuple[int, int] | None = None,
    filepass: bool = False,
) -> bytes:
    """A BIFF8 ``Workbook`` stream. Cells map 0-based ``(row, col)`` to ``str``, ``float``,
    ``int`` or ``bool``; merges are 0-based ``(first_row, last_row, first_col, last_col)``."""
    merges = merges or {}
    xf = struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    cell_xf = struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    font = struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + b"\x05\x00Arial"
    head = _bof(0x0005)
    if filepass:
        head += _record(0x002F, b"\x01\x00" + b"\0" * 52)
    head += _record(0x0042, struct.pack("<H", 1200))
    head += _record(0x0031, font) * 5
    head += _record(0x00E0, xf) * 15 + _record(0x00E0, cell_xf)
    bodies: list[bytes] = []
    for name, cells in sheets:
        body = _bof(0x0010)
        rows = [r for r, _ in cells] or [0]
        cols = [c for _, c in cells] or [0]
        last_row, last_col = dimensions or (max(rows) + 1, max(cols) + 1)
        body += _record(0x0200, struct.pack("<IIHHH", 0, last_row, 0, last_col, 0))
        for (row, col), value in sorted(cells.items()):
            if isinstance(value, bool):
                body += _record(0x0205, struct.pack("<HHHBB", row, col, 15, int(value), 0))
            elif isinstance(value, int | float):
                body += _record(0x0203, struct.pack("<HHHd", row, col, 15, float(value)))
            else:
                body += _record(0x0204, struct.pack("<HHH", row, col, 15) + _xl_string(str(value)))
        for merge_list in [merges.get(name, [])]:
            if merge_list:
                packed = b"".join(struct.pack("<HHHH", *m) for m in merge_list)
                body += _record(0x00E5, struct.pack("<H", len(merge_list)) + packed)
        body += _record(0x000A)
        bodies.append(body)
    sheet_records = b""
    for name, _ in sheets:
        sheet_records += _record(0x0085, b"\0" * 6 + _xl_string(name, "<B"))
    offset = len(head) + len(sheet_records) + len(_record(0x000A))
    globals_ = head
    for (name, _), body in zip(sheets, bodies, strict=True):
        state = 1 if name in hidden else 0
        globals_ += _record(0x0085, struct.pack("<IBB", offset, state, 0) + _xl_string(name, "<B"))
        offset += len(body)
    globals_ += _record(0x000A)
    return globals_ + b"".join(bodies)


def xls(
    path: Path, sheets: Sequence[tuple[str, dict[tuple[int, int], object]]], **kw: object
) -> Path:
    """An .xls file: a compound file with a BIFF8 ``Workbook`` stream."""
    path.write_bytes(ole2({"Workbook": biff8(sheets, **kw)}))  # type: ignore[arg-type]
    return path
