"""A logging filter that masks any NIK in log records: a run of exactly 16 digits, also when
written with spaces, dots or dashes between them (``1205 0741 0782 0001``, URL-encoded too).

NIKs travel in request bodies, never in URLs, so access logs should not hold one; this
filter is the second line of defence for whatever reaches a log anyway.

>>> import logging
>>> nik = "1205014107850001"
>>> record = logging.LogRecord("x", logging.INFO, __file__, 1, "lookup %s", (nik,), None)
>>> NikMaskingFilter().filter(record)
True
>>> record.getMessage()
'lookup 1205**********01'
"""

from __future__ import annotations

import logging
import re

from sibaso.core.privacy import mask_nik

__all__ = ["LOGGERS", "NikMaskingFilter", "install_log_masking", "mask_niks"]

_NIK_RUN = re.compile(r"(?<!\d)\d(?:(?:[ .+-]|%20)?\d){15}(?!\d)")
LOGGERS = ("uvicorn", "uvicorn.access", "uvicorn.error", "sibaso", "sibaso.http")


def mask_niks(text: str) -> str:
    """``text`` with every NIK-like run of 16 digits masked like a NIK.

    >>> mask_niks("GET /v1/nik/1205-0741-0782-0001 and 12.05.07.410782.0001")
    'GET /v1/nik/1205**********01 and 1205**********01'
    """
    return _NIK_RUN.sub(lambda m: mask_nik(re.sub(r"%20|\D", "", m.group())), text)


class NikMaskingFilter(logging.Filter):
    """Masks every 16-digit run in the record's message and arguments; never drops a record.

    Arguments keep their shape (formatters such as uvicorn's access log unpack them); only
    when a NIK hides in an argument that cannot be masked in place is the record rewritten
    as its masked message without arguments.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to logging
            return True
        if not _NIK_RUN.search(message):
            return True
        if isinstance(record.msg, str):
            record.msg = mask_niks(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_mask_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _mask_arg(v) for k, v in record.args.items()}
        try:
            still = _NIK_RUN.search(record.getMessage()) is not None
        except (TypeError, ValueError):
            still = True
        if still:
            record.msg, record.args = mask_niks(message), ()
        return True


def _mask_arg(value: object) -> object:
    if isinstance(value, str):
        return mask_niks(value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    text = str(value)
    masked = mask_niks(text)
    return value if masked == text else masked


def install_log_masking(names: tuple[str, ...] = LOGGERS) -> NikMaskingFilter:
    """Add one :class:`NikMaskingFilter` to these loggers, their handlers and the root
    logger's handlers (handlers also see records propagated from child loggers)."""
    mask = NikMaskingFilter()
    loggers = [logging.getLogger(name) for name in names] + [logging.getLogger()]
    for logger in loggers:
        for target in (logger, *logger.handlers):
            if not any(isinstance(f, NikMaskingFilter) for f in target.filters):
                target.addFilter(mask)
    return mask
