"""Types of the optional compiled module (``_speedups.c``); see ``adapters/clean_rows.py``."""

from collections.abc import Container, Iterable, Iterator
from typing import Any

def csv_cells(fields: list[str], /) -> tuple[str | None, ...]: ...

class Reader:
    source: str
    def __init__(
        self,
        ops: tuple[tuple[Any, ...], ...],
        n_slots: int,
        districts: Iterable[int],
        ddmm: Iterable[int],
        nik_type: type,
        record_type: type,
        fields: tuple[tuple[str, int, Any], ...],
        provenance_type: type,
        file: str,
        sheet: str | None,
        missing: frozenset[str],
        text_cell: Any,
        source: str,
        kk_type: type,
        kk_ddmm: Iterable[int],
        /,
    ) -> None: ...
    def __call__(self, row: int, cells: tuple[object, ...], /) -> Any: ...
    def take(
        self,
        rows: Iterator[tuple[int, tuple[object, ...]]],
        first: int,
        skipped: Container[int],
        out: list[Any],
        limit: int,
        /,
    ) -> tuple[int, tuple[object, ...]] | bool | None: ...
