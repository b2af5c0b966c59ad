"""A small, defensive reader of OLE2 compound files (the container of .xls files and of
password-protected OOXML workbooks).

Every sector number and chain is checked, so a damaged file raises :class:`ValueError`
instead of looping or reading out of bounds.
"""

from __future__ import annotations

import mmap
import struct

import attrs

__all__ = ["CompoundFile", "DirectoryEntry"]

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_REGULAR = 0xFFFFFFFA
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_STREAM, _ROOT = 2, 5


@attrs.frozen
class DirectoryEntry:
    """One named storage or stream of the compound file."""

    name: str
    kind: int
    start: int
    size: int


class CompoundFile:
    """The directory and streams of a compound file held in ``data`` (bytes or mmap)."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self._data = data
        if bytes(data[:8]) != MAGIC:
            raise ValueError("not an OLE2 compound file")
        header = bytes(data[:512])
        if len(header) < 512:
            raise ValueError("the compound-file header is truncated")
        (major, order, shift, mini_shift) = struct.unpack_from("<HHHH", header, 26)
        if order != 0xFFFE or shift not in (9, 12) or mini_shift != 6:
            raise ValueError("the compound-file header is damaged")
        self.major = major
        self.sector_size = 1 << shift
        self._sectors = max(0, -(-(len(data) - self.sector_size) // self.sector_size))
        (fat_count, dir_start, _, self._cutoff, mini_fat_start, mini_fat_count) = (
            struct.unpack_from("<IIIIII", header, 44)
        )
        difat_start, difat_count = struct.unpack_from("<II", header, 68)
        self._fat = self._read_fat(header, fat_count, difat_start, difat_count)
        self.entries = self._read_directory(dir_start)
        root = self.entries[0] if self.entries else None
        if root is None or root.kind != _ROOT:
            raise ValueError("the compound-file directory has no root entry")
        self._mini_stream = b""
        self._mini_fat: list[int] = []
        if mini_fat_count and root.size:
            self._mini_fat = list(self._unpack(self._read_chain(mini_fat_start)))
            self._mini_stream = self._read_chain(root.start)[: root.size]

    def _sector(self, number: int) -> bytes:
        if number >= self._sectors:
            raise ValueError(f"sector {number} lies beyond the end of the file")
        offset = (number + 1) * self.sector_size
        return bytes(self._data[offset : offset + self.sector_size])

    @staticmethod
    def _unpack(data: bytes) -> tuple[int, ...]:
        return struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4])

    def _read_fat(
        self, header: bytes, fat_count: int, difat_start: int, difat_count: int
    ) -> list[int]:
        if fat_count > self._sectors:
            raise ValueError("the compound file declares more FAT sectors than it has")
        fat_sectors = [n for n in struct.unpack_from("<109I", header, 76) if n <= _MAX_REGULAR]
        per_sector = self.sector_size // 4 - 1
        sector, seen = difat_start, 0
        while sector <= _MAX_REGULAR and len(fat_sectors) < fat_count:
            seen += 1
            if seen > difat_count + 1 or seen > self._sectors:
                raise ValueError("the compound-file DIFAT chain loops")
            values = self._unpack(self._sector(sector))
            fat_sectors.extend(n for n in values[:per_sector] if n <= _MAX_REGULAR)
            sector = values[per_sector]
        fat: list[int] = []
        for number in fat_sectors[:fat_count]:
            fat.extend(self._unpack(self._sector(number)))
        return fat

    def _chain(self, start: int, table: list[int], limit: int) -> list[int]:
        chain: list[int] = []
        sector = start
        while sector != _END_OF_CHAIN:
            if sector > _MAX_REGULAR or sector >= len(table) or len(chain) >= limit:
                raise ValueError("a compound-file sector chain is broken or loops")
            chain.append(sector)
            sector = table[sector]
        return chain

    def _read_chain(self, start: int) -> bytes:
        if start == _END_OF_CHAIN:
            return b""
        chain = self._chain(start, self._fat, self._sectors)
        return b"".join(self._sector(number) for number in chain)

    def _read_directory(self, start: int) -> list[DirectoryEntry]:
        data = self._read_chain(start)
        entries = []
        for offset in range(0, len(data) - 127, 128):
            raw_name, name_len, kind = struct.unpack_from("<64sHB", data, offset)
            start_sector, size = struct.unpack_from("<IQ", data, offset + 116)
            if self.major == 3:
                size &= 0xFFFFFFFF
            name_len = min(max(name_len - 2, 0), 62)
            name = raw_name[:name_len].decode("utf-16-le", errors="replace")
            entries.append(DirectoryEntry(name, kind, start_sector, size))
        return entries

    def names(self) -> list[str]:
        """Names of every storage and stream (the root entry excluded)."""
        return [entry.name for entry in self.entries[1:] if entry.kind]

    def find(self, *names: str) -> DirectoryEntry | None:
        """The first stream whose name matches one of ``names``, case-insensitively."""
        wanted = [name.lower() for name in names]
        for name in wanted:
            for entry in self.entries[1:]:
                if entry.kind == _STREAM and entry.name.lower() == name:
                    return entry
        return None

    def read(self, entry: DirectoryEntry) -> bytes:
        """The content of a stream."""
        if entry.size < self._cutoff:
            size = 64
            chain = self._chain(entry.start, self._mini_fat, len(self._mini_fat))
            data = b"".join(self._mini_stream[n * size : (n + 1) * size] for n in chain)
        else:
            data = self._read_chain(entry.start)
        if len(data) < entry.size:
            raise ValueError(f"stream {entry.name!r} is truncated")
        return data[: entry.size]
