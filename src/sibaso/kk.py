"""No. KK rules, stdnum style; the implementation lives in :mod:`sibaso.core.kk`."""

from sibaso.core.kk import KK, InvalidKK, compact, format, is_valid, parse, validate

__all__ = ["KK", "InvalidKK", "compact", "format", "is_valid", "parse", "validate"]
