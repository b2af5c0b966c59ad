"""A logging filter that masks any NIK in log records: a run of exactly 16 digits, also when
written with any separators between them (``1205 0741 0782 0001``, ``1205_0741/0782.0001``,
up to four separator characters in a row) and when percent-encoded, once or several times
(``1205%2D0741%2D0782%2D0001``, ``%31%32%30%35…``, ``%252D``): the text is decoded before it
is matched, and when a NIK shows only once decoded, the decoded text is what gets logged,
masked.

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

import urllib.parse

#: A digit that is not part of a percent-escape (``%20``).
_DIGIT = r"(?<!%)(?<!%[0-9A-Fa-f])\d"
#: A separator: a percent-escape or one character that is not a letter or a digit.
_SEPARATOR = r"(?:%[0-9A-Fa-f]{2}|[\W_])"
#: 16 digits, each pair separated by at most four separators.
_NIK_RUN = re.compile(rf"(?<!\d){_DIGIT}(?:{_SEPARATOR}{{0,4}}{_DIGIT}){{15}}(?!\d)")
#: How many rounds of percent-decoding are looked through (``%25`` nests one level).
_DECODE_ROUNDS = 4
LOGGERS = ("uvicorn", "uvicorn.access", "uvicorn.error", "sibaso", "sibaso.http")


def mask_niks(text: str) -> str:
    """``text`` with every NIK-like run of 16 digits masked like a NIK.

    >>> mask_niks("GET /v1/nik/1205-0741-0782-0001 and 12.05.07.410782.0001")
    'GET /v1/nik/1205**********01 and 1205**********01'
    >>> mask_niks("GET /v1/lookup?nik=1205%2D0718%2D1169%2D0001&x=%41")
    'GET /v1/lookup?nik=1205**********01&x=%41'
    >>> mask_niks("GET /v1/lookup?nik=%31%32%30%35%30%37%31%38%31%31%36%39%30%30%30%31")
    'GET /v1/lookup?nik=1205**********01'
    >>> mask_niks("GET /cek?q=%41%42 2026-12-05 16:55:45")  # nothing to mask: kept as is
    'GET /cek?q=%41%42 2026-12-05 16:55:45'
    """
    result = level = _mask_plain(text)
    for _ in range(_DECODE_ROUNDS):
        if "%" not in level:
            break
        decoded = urllib.parse.unquote(level, errors="replace")
        if decoded == level:
            break
        level = _mask_plain(decoded)
        if level != decoded:  # a NIK that only shows once decoded: log the decoded text
            result = level
    return result


def _mask_plain(text: str) -> str:
    return _NIK_RUN.sub(lambda m: mask_nik(re.sub(_SEPARATOR, "", m.group())), text)


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
        if mask_niks(message) == message:
            return True
        if isinstance(record.msg, str):
            record.msg = mask_niks(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_mask_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _mask_arg(v) for k, v in record.args.items()}
        try:
            rendered = record.getMessage()
            still = mask_niks(rendered) != rendered
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
