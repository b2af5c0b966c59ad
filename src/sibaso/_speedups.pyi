"""Types of the optional compiled module (``_speedups.c``); see ``adapters/clean_rows.py``."""

from collections.abc import Callable, Container, Iterable, Iterator
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
        untracked: bool = False,
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

def find_unverified(
    buf: bytes, pos: int, max_row: int, max_col: int, /
) -> tuple[int, int] | None: ...
def canonical_cells(values: list[Any], canonical: Callable[[Any], Any], /) -> tuple[Any, ...]: ...

class guard(Iterator[tuple[int, tuple[Any, ...]]]):
    def __init__(
        self,
        rows: Iterable[tuple[int, tuple[Any, ...]]],
        max_rows: int,
        max_columns: int,
        max_gap: int,
        fail: Callable[[int, tuple[Any, ...]], None],
        /,
    ) -> None: ...
    def __next__(self) -> tuple[int, tuple[Any, ...]]: ...

class calamine_rows(Iterator[tuple[int, tuple[Any, ...]]]):
    def __init__(
        self, rows: Iterable[list[Any]], canonical: Callable[[Any], Any], pad: int, /
    ) -> None: ...
    def __next__(self) -> tuple[int, tuple[Any, ...]]: ...
