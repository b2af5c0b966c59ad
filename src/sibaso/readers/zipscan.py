"""Check a zip container (xlsx, ods) before any XML parser sees it.

:class:`SafeZip` refuses archives that are damaged, encrypted, too big or too compressed,
decompresses every member itself (sizes and CRC must match the central directory, so a
member cannot expand past what it declares) and scans every byte for ``<!DOCTYPE`` and
``<!ENTITY``. For worksheet parts the same pass collects ``<mergeCell>`` ranges and checks
that every cell reference stays inside the sheet's ``<dimension>``, which tells whether the
sheet is safe to hand to calamine (calamine allocates the whole cell rectangle at once, so a
two-cell sheet with one cell in A1 and one in ZZ1000000 would exhaust memory).
"""

from __future__ import annotations

import codecs
import functools
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import attrs

from sibaso.core.errors import SourceError

from .limits import Limits
from .model import Range

__all__ = ["MemberScan", "SafeZip", "column_number"]

_OUT_CHUNK = 1 << 20
_IN_CHUNK = 1 << 18
_TAIL = 256
_MARGIN = 128
_MAX_MEMBERS = 10_000
_MAX_MERGES = 1_000_000
_MAX_SMALL_PART = 64 * 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")

_MERGE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s+ref\s*=\s*[\"']"
    rb"([A-Za-z]{1,3})([0-9]{1,7})(?::([A-Za-z]{1,3})([0-9]{1,7}))?[\"']"
)
_PREFIXED = re.compile(rb":(?:c[\s>/]|mergeCell\s)")
_DIMENSION = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref=\"[A-Z]{1,3}[0-9]{1,7}(?::([A-Z]{1,3})([0-9]{1,7}))?\""
)
_DIMENSION_SINGLE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref=\"([A-Z]{1,3})([0-9]{1,7})\""
)
_SHEET_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetData[\s>/]")


def column_number(letters: str) -> int:
    """``"A"`` → 1, ``"Z"`` → 26, ``"AA"`` → 27."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _le_digits(limit: int) -> str:
    """Regex for the decimal numbers 1..limit, without leading zeros."""
    digits = str(limit)
    size = len(digits)
    alternatives = [f"[1-9][0-9]{{0,{size - 2}}}"] if size > 1 else []
    for i, char in enumerate(digits):
        low = 1 if i == 0 else 0
        if int(char) > low:
            alternatives.append(f"{digits[:i]}[{low}-{int(char) - 1}][0-9]{{{size - i - 1}}}")
    alternatives.append(digits)
    return "(?:" + "|".join(alternatives) + ")"


def _le_letters(limit: int) -> str:
    """Regex for the column letters A..(letters of limit)."""
    letters = _column_letters(limit)
    size = len(letters)
    alternatives = [f"[A-Z]{{1,{size - 1}}}"] if size > 1 else []
    for i, char in enumerate(letters):
        if char > "A":
            alternatives.append(f"{letters[:i]}[A-{chr(ord(char) - 1)}][A-Z]{{{size - i - 1}}}")
    alternatives.append(letters)
    return "(?:" + "|".join(alternatives) + ")"


@functools.lru_cache(maxsize=32)
def _sheet_pattern(max_row: int, max_col: int) -> re.Pattern[bytes]:
    """Matches a cell whose reference is missing or outside ``max_row`` x ``max_col``,
    a markup declaration, or a merged range."""
    ref = (_le_letters(max_col) + _le_digits(max_row)).encode()
    return re.compile(rb'<c(?! r="' + ref + rb'")[\s>/]|<!|<mergeCell\s')


def _search(bound: tuple[int, int], buf: bytes, pos: int) -> tuple[int, int] | None:
    """The span of the first match of ``_sheet_pattern(*bound)`` in ``buf[pos:]``."""
    max_row, max_col = bound
    match = _sheet_pattern(max_row, max_col).search(buf, pos)
    return match.span() if match else None


@attrs.frozen
class MemberScan:
    """What the scan of one member found.

    ``bound`` is the ``(max_row, max_col)`` a worksheet declares in ``<dimension>`` (a default
    when it has none); ``verified`` tells whether every cell reference was checked to lie
    inside it, which makes the sheet safe for calamine.
    """

    size: int
    merges: tuple[Range, ...] = ()
    bound: tuple[int, int] | None = None
    verified: bool = False


class SafeZip:
    """A zip container whose central directory has been checked against ``limits``."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise SourceError(
                path, f"the file is a damaged or truncated zip archive ({exc})", code="corrupt"
            ) from None
        self._file: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close()
        try:
            self._infos = self._check_directory()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Release the file handles."""
        self._zip.close()
        self._file.close()

    @property
    def names(self) -> list[str]:
        """Member names, in archive order."""
        return list(self._infos)

    def _check_directory(self) -> dict[str, zipfile.ZipInfo]:
        limits, path = self.limits, self.path
        infos = self._zip.infolist()
        if len(infos) > _MAX_MEMBERS:
            raise SourceError(
                path, f"the zip archive has {len(infos):,} members, too many", code="too-large"
            )
        by_name: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            if info.filename in by_name:
                raise SourceError(
                    path, f"the zip archive lists {info.filename!r} twice", code="corrupt"
                )
            by_name[info.filename] = info
            if info.flag_bits & 0x1:
                raise SourceError(
                    path, "the workbook is password-protected (encrypted zip)", code="encrypted"
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise SourceError(
                    path,
                    f"zip member {info.filename!r} uses compression method "
                    f"{info.compress_type}, which spreadsheet programs never write",
                    code="unsupported",
                )
            total += info.file_size
            if total > limits.max_uncompressed_bytes:
                raise SourceError(
                    path,
                    f"the archive expands to more than {limits.max_uncompressed_mb:g} MB "
                    "uncompressed (possible zip bomb)",
                    code="too-large",
                )
            if info.file_size > limits.ratio_min_bytes and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                ratio = info.file_size / max(info.compress_size, 1)
                raise SourceError(
                    path,
                    f"zip member {info.filename!r} is compressed {ratio:,.0f} to 1, more than "
                    f"the limit of {limits.max_ratio:g} (possible zip bomb)",
                    code="too-large",
                )
        return by_name

    def _chunks(self, name: str) -> Iterator[bytes]:
        """Decompressed chunks of a member, checked against its declared size and CRC."""
        info = self._infos[name]
        path, handle = self.path, self._file

        def corrupt(what: str) -> SourceError:
            return SourceError(path, f"zip member {name!r} {what}", code="corrupt")

        handle.seek(info.header_offset)
        header = handle.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise corrupt("has a damaged local header")
        name_len, extra_len = struct.unpack_from("<2H", header, 26)
        handle.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
        left, produced, crc = info.compress_size, 0, 0
        if info.compress_type == zipfile.ZIP_STORED:
            if info.compress_size != info.file_size:
                raise corrupt("has inconsistent sizes")
            while left:
                data = handle.read(min(left, _OUT_CHUNK))
                if not data:
                    raise corrupt("is truncated")
                left -= len(data)
                crc = zlib.crc32(data, crc)
                yield data
        else:
            inflater = zlib.decompressobj(-15)
            while not inflater.eof:
                data = inflater.unconsumed_tail
                if not data:
                    if left <= 0:
                        break
                    data = handle.read(min(left, _IN_CHUNK))
                    if not data:
                        raise corrupt("is truncated")
                    left -= len(data)
                try:
                    out = inflater.decompress(data, _OUT_CHUNK)
                except zlib.error as exc:
                    raise corrupt(f"cannot be decompressed ({exc})") from None
                if not out:
                    continue
                produced += len(out)
                if produced > info.file_size:
                    raise corrupt("expands beyond the size its directory entry declares")
                crc = zlib.crc32(out, crc)
                yield out
            if not inflater.eof or produced != info.file_size:
                raise corrupt("is truncated or its declared size is wrong")
        if crc != info.CRC:
            raise corrupt("fails its CRC check")

    def read(self, name: str) -> bytes:
        """A small member in full, after the markup-declaration scan."""
        info = self._infos.get(name)
        if info is None:
            raise KeyError(name)
        if info.file_size > _MAX_SMALL_PART:
            raise SourceError(
                self.path,
                f"zip member {name!r} is too large to be a workbook part",
                code="too-large",
            )
        data = b"".join(self._chunks(name))
        encoding = _utf16_codec(data)
        text = data.decode(encoding, errors="replace").encode() if encoding else data
        self._check_declarations(name, text, True)
        return data

    def has(self, name: str) -> bool:
        """Whether the archive has a member of that name."""
        return name in self._infos

    def scan(
        self,
        name: str,
        *,
        worksheet: bool = False,
        verify_budget: int | None = None,
        inspect: Callable[[bytes, int, int], None] | None = None,
    ) -> MemberScan:
        """Stream one member through the checks; worksheets also give merges and bounds.

        With ``verify_budget``, a worksheet's cell references are checked against its
        declared ``<dimension>`` when that rectangle holds at most ``verify_budget`` cells.
        ``inspect(buf, start, limit)`` is called on each window of the decompressed data;
        it should look at what begins in ``buf[start:limit]`` (windows overlap).
        """
        merges: list[Range] = []
        size = 0
        tail = b""
        pattern: re.Pattern[bytes] | None = None
        bound: tuple[int, int] | None = None
        decoder: codecs.IncrementalDecoder | None = None
        first = True
        chunks = self._chunks(name)
        pending = next(chunks, None)
        while pending is not None:
            chunk = pending
            pending = next(chunks, None)
            final = pending is None
            size += len(chunk)
            if first:
                encoding = _utf16_codec(chunk)
                if encoding:
                    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
                    verify_budget = None
            if decoder is not None:
                chunk = decoder.decode(chunk, final).encode("utf-8")
            buf = tail + chunk
            seen = max(0, len(tail) - _MARGIN)
            limit = len(buf) if final else len(buf) - _MARGIN
            if first and worksheet:
                bound = _declared_bound(buf)
                if bound and verify_budget is not None and bound[0] * bound[1] <= verify_budget:
                    pattern = _sheet_pattern(*bound)
            first = False
            if pattern is not None and _PREFIXED.search(buf):
                pattern = None  # namespace-prefixed cells: not verified
            if pattern is not None and bound is not None:
                if not self._fast_scan(name, bound, buf, seen, limit, final, merges):
                    pattern = None
            else:
                self._check_declarations(name, buf, final)
                if worksheet and b"mergeCell" in buf:
                    _collect_merges(buf, merges, seen, limit)
            if inspect is not None:
                inspect(buf, seen, limit)
            if len(merges) > _MAX_MERGES:
                raise SourceError(
                    self.path, f"worksheet {name!r} has too many merged ranges", code="too-large"
                )
            tail = buf[-_TAIL:]
        return MemberScan(
            size=size, merges=tuple(merges), bound=bound, verified=pattern is not None
        )

    def _fast_scan(
        self,
        name: str,
        bound: tuple[int, int],
        buf: bytes,
        seen: int,
        limit: int,
        final: bool,
        merges: list[Range],
    ) -> bool:
        """One pass of ``_sheet_pattern(*bound)`` over ``buf``; ``False`` when a cell
        reference is out of bounds."""
        pos = seen
        while True:
            span = _search(bound, buf, pos)
            if span is None or span[0] >= limit:
                return True
            start, end = span
            if buf.startswith(b"<!", start):
                self._check_declarations(name, buf[start:], final)
            elif buf.startswith(b"<m", start):
                _collect_merges(buf, merges, start, start + 1)
            else:
                # A cell outside the declared bounds: stop verifying, keep the other checks.
                self._check_declarations(name, buf, final)
                if b"mergeCell" in buf:
                    _collect_merges(buf, merges, start, limit)
                return False
            pos = end

    def _check_declarations(self, name: str, buf: bytes, final: bool) -> None:
        pos = buf.find(b"<!")
        while pos >= 0:
            word = buf[pos + 2 : pos + 9].upper()
            if word.startswith((b"DOCTYPE", b"ENTITY")):
                raise SourceError(
                    self.path,
                    f"zip member {name!r} contains a DTD or entity declaration; spreadsheet "
                    "programs never write one, and it can be used to attack XML parsers",
                    code="unsafe-xml",
                )
            if not final and pos + 9 > len(buf):
                break  # seen again at the start of the next chunk
            pos = buf.find(b"<!", pos + 2)


def _utf16_codec(data: bytes) -> str | None:
    """The codec of a UTF-16 XML part, ``None`` for anything else."""
    head = data[:2]
    if head in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if head == b"<\x00":
        return "utf-16-le"
    if head == b"\x00<":
        return "utf-16-be"
    return None


def _declared_bound(buf: bytes) -> tuple[int, int] | None:
    """``(max_row, max_col)`` from the ``<dimension>`` before ``<sheetData>``."""
    data_at = _SHEET_DATA.search(buf)
    head = buf[: data_at.start()] if data_at else buf
    match = _DIMENSION.search(head)
    if match and match.group(1):
        col, row = match.group(1), match.group(2)
    else:
        single = _DIMENSION_SINGLE.search(head)
        if single is None:
            return _no_dimension_bound(buf)
        col, row = single.group(1), single.group(2)
    max_row, max_col = int(row), column_number(col.decode())
    if max_row < 1 or max_col < 1:
        return None
    return (max_row, max_col)


#: The bound assumed for worksheets that declare no ``<dimension>`` (openpyxl's write-only
#: mode and many exporters write none): 30 million cells, as wide as most lists ...
_NO_DIMENSION_ROWS = 300_000
_NO_DIMENSION_COLS = 100
#: ... or, for a sheet whose first rows use at most 26 columns, every row Excel allows
#: (27.3 million cells): a long, narrow list is read by calamine, not by the slow streaming
#: reader. A later row wider than that is out of bounds, and the sheet goes to openpyxl.
_NARROW_ROWS = 1_048_576
_NARROW_COLS = 26
_CELL_COLUMN = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\s+r="([A-Z]{1,3})[0-9]')


def _no_dimension_bound(buf: bytes) -> tuple[int, int]:
    """The bound of a sheet without ``<dimension>``, from the columns its first rows use."""
    widest = max((column_number(m.decode()) for m in _CELL_COLUMN.findall(buf)), default=0)
    if 0 < widest <= _NARROW_COLS:
        return (_NARROW_ROWS, _NARROW_COLS)
    return (_NO_DIMENSION_ROWS, _NO_DIMENSION_COLS)


def _collect_merges(buf: bytes, merges: list[Range], start: int, limit: int) -> None:
    """Add the merged ranges that begin in ``buf[start:limit]``."""
    for match in _MERGE.finditer(buf, start):
        if match.start() >= limit:
            break
        col1, row1, col2, row2 = match.groups()
        c1, r1 = column_number(col1.decode()), int(row1)
        c2, r2 = (column_number(col2.decode()), int(row2)) if col2 else (c1, r1)
        merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
