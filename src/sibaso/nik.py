"""NIK rules, stdnum style: ``compact``, ``validate``, ``is_valid``, ``format`` and friends.

The implementation lives in :mod:`sibaso.core.nik`; this module is its public name.
"""

from sibaso.core.nik import (
    NIK,
    InvalidNIK,
    RegionNames,
    Sex,
    check_many,
    compact,
    format,
    is_valid,
    is_valid_many,
    mask,
    parse,
    validate,
)

__all__ = [
    "NIK",
    "InvalidNIK",
    "RegionNames",
    "Sex",
    "check_many",
    "compact",
    "format",
    "is_valid",
    "is_valid_many",
    "mask",
    "parse",
    "validate",
]
