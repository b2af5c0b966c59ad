"""Local time for people: one rule for how a moment is shown to an officer or a citizen.

sibaso stores moments in UTC (ISO 8601 with ``+00:00``). People read them in their own
Indonesian time zone — Waktu Indonesia Barat by default, or Tengah / Timur — set by the
``SIBASO_TZ`` environment variable (``WIB``, ``WITA``, ``WIT``) or passed explicitly. Indonesia
keeps no daylight-saving time, so each zone is a fixed offset.

Machine output (``--json``, the HTTP API, stored values) keeps ISO 8601 *with its offset* as
stored (UTC); only text meant for people goes through :func:`format_local`.

>>> import datetime
>>> moment = datetime.datetime(2026, 12, 5, 15, 32, 42, tzinfo=datetime.timezone.utc)
>>> format_local(moment)
'2026-12-05 22:32 WIB'
>>> format_local(moment, "WITA")
'2026-12-05 23:32 WITA'
>>> format_local(moment, "wit", seconds=True)
'2026-12-06 00:32:42 WIT'
>>> iso_local(moment, "WIB")
'2026-12-05T22:32:42+07:00'

A moment without a zone is taken as UTC (that is how sibaso stores them), and ISO text is read:

>>> format_local("2026-12-05T15:32:42+00:00")
'2026-12-05 22:32 WIB'
>>> format_local(datetime.datetime(2026, 12, 5, 15, 32))
'2026-12-05 22:32 WIB'
>>> local_date(moment, "WIT")
datetime.date(2026, 12, 6)
>>> zone("Asia/Jakarta")
Traceback (most recent call last):
...
ValueError: zona waktu tidak dikenal: 'Asia/Jakarta' (pilih WIB, WITA atau WIT)
"""

from __future__ import annotations

import datetime
import os

__all__ = [
    "DEFAULT_ZONE",
    "ENV_VAR",
    "ZONES",
    "format_local",
    "iso_local",
    "local_date",
    "to_local",
    "zone",
]

#: The environment variable naming the zone people read times in.
ENV_VAR = "SIBASO_TZ"
#: The zone used when nothing is set.
DEFAULT_ZONE = "WIB"

_HOURS = {"WIB": 7, "WITA": 8, "WIT": 9}
#: The three Indonesian time zones (fixed offsets: no daylight-saving time).
ZONES: dict[str, datetime.timezone] = {
    name: datetime.timezone(datetime.timedelta(hours=hours), name) for name, hours in _HOURS.items()
}


def zone(name: str | datetime.tzinfo | None = None) -> datetime.tzinfo:
    """The zone named ``name`` (``WIB``/``WITA``/``WIT``), else ``$SIBASO_TZ``, else WIB.

    >>> zone().tzname(None), zone("wita").tzname(None)
    ('WIB', 'WITA')
    """
    if isinstance(name, datetime.tzinfo):
        return name
    text = name if name else (os.environ.get(ENV_VAR) or DEFAULT_ZONE)
    try:
        return ZONES[text.strip().upper()]
    except KeyError:
        raise ValueError(
            f"zona waktu tidak dikenal: {text!r} (pilih {', '.join(list(ZONES)[:-1])} "
            f"atau {list(ZONES)[-1]})"
        ) from None


def _moment(value: datetime.datetime | str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


def to_local(
    value: datetime.datetime | str, tz: str | datetime.tzinfo | None = None
) -> datetime.datetime:
    """``value`` as an aware moment in the people's zone."""
    return _moment(value).astimezone(zone(tz))


def format_local(
    value: datetime.datetime | str,
    tz: str | datetime.tzinfo | None = None,
    *,
    seconds: bool = False,
) -> str:
    """``2026-12-05 22:32 WIB``: a moment as people read it."""
    local = to_local(value, tz)
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return f"{local.strftime('%Y-%m-%d ' + clock)} {local.tzname()}"


def iso_local(value: datetime.datetime | str, tz: str | datetime.tzinfo | None = None) -> str:
    """ISO 8601 with the local offset (``2026-12-05T22:32:42+07:00``), for files people open."""
    return to_local(value, tz).isoformat(timespec="seconds")


def local_date(
    value: datetime.datetime | str, tz: str | datetime.tzinfo | None = None
) -> datetime.date:
    """The calendar date of a moment in the people's zone."""
    return to_local(value, tz).date()
