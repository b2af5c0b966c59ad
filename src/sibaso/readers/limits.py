"""Safety limits for reading untrusted spreadsheet files.

Every limit has a documented default, can be overridden by keyword, and by an environment
variable through :meth:`Limits.from_env`:

>>> Limits().max_file_mb
200
>>> Limits.from_env({"SIBASO_MAX_ROWS": "5000"}).max_rows
5000
>>> Limits(max_rows=0)
Traceback (most recent call last):
...
ValueError: max_rows must be at least 1, got 0
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["ENV_VARS", "Limits"]

_MB = 1024 * 1024

#: Environment variable of each field, read by :meth:`Limits.from_env`.
ENV_VARS: dict[str, str] = {
    "max_file_mb": "SIBASO_MAX_FILE_MB",
    "max_uncompressed_mb": "SIBASO_MAX_UNCOMPRESSED_MB",
    "max_ratio": "SIBASO_MAX_RATIO",
    "max_rows": "SIBASO_MAX_ROWS",
    "max_columns": "SIBASO_MAX_COLUMNS",
    "max_empty_rows": "SIBASO_MAX_EMPTY_ROWS",
}


def _at_least_one(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
        raise ValueError(f"{attribute.name} must be at least 1, got {value!r}")


@attrs.frozen(kw_only=True)
class Limits:
    """How much an untrusted file may ask of us before it is refused as ``too-large``.

    ``max_file_mb``
        Size of the file on disk (default 200 MB).
    ``max_uncompressed_mb``
        Total uncompressed size of the members of a zip container, xlsx or ods (default 1 GB).
    ``max_ratio``
        Compression ratio of one zip member (default 200); only enforced for members larger
        than :attr:`ratio_min_mb` uncompressed, since tiny XML parts compress very well.
    ``max_rows``
        Last row number a sheet may use (default 2,000,000).
    ``max_columns``
        Columns a row may use once trailing empty cells are trimmed (default 500).
    ``max_empty_rows``
        Consecutive empty rows after which the rest of a sheet is treated as empty
        (default 1,000): a sheet that declares a million rows of nothing ends quickly,
        without error.
    """

    max_file_mb: float = attrs.field(default=200, validator=_at_least_one)
    max_uncompressed_mb: float = attrs.field(default=1024, validator=_at_least_one)
    max_ratio: float = attrs.field(default=200, validator=_at_least_one)
    max_rows: int = attrs.field(default=2_000_000, validator=_at_least_one)
    max_columns: int = attrs.field(default=500, validator=_at_least_one)
    max_empty_rows: int = attrs.field(default=1_000, validator=_at_least_one)
    ratio_min_mb: float = attrs.field(default=4, validator=_at_least_one)

    @property
    def max_file_bytes(self) -> int:
        """:attr:`max_file_mb` in bytes."""
        return int(self.max_file_mb * _MB)

    @property
    def max_uncompressed_bytes(self) -> int:
        """:attr:`max_uncompressed_mb` in bytes."""
        return int(self.max_uncompressed_mb * _MB)

    @property
    def ratio_min_bytes(self) -> int:
        """:attr:`ratio_min_mb` in bytes."""
        return int(self.ratio_min_mb * _MB)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Limits:
        """Defaults, then ``SIBASO_MAX_*`` environment variables, then ``overrides``."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for field, var in ENV_VARS.items():
            raw = env.get(var, "").strip()
            if not raw:
                continue
            try:
                number = float(raw)
            except ValueError:
                raise ValueError(f"{var} must be a number, got {raw!r}") from None
            is_int = attrs.fields_dict(cls)[field].type in ("int", int)
            values[field] = int(number) if is_int else number
        values.update(overrides)
        return cls(**values)
