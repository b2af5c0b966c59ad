"""Per-conversation limits: how often CEK, STATUS and ADUAN may be used, and how long an
unfinished ADUAN dialogue is kept."""

from __future__ import annotations

import math
from collections import deque

import attrs

__all__ = ["Limits", "RateLimiter"]


@attrs.frozen(kw_only=True)
class Limits:
    """Limits of one bot; every count is per conversation within ``window`` seconds.

    CEK is limited so that nobody can walk through NIKs to learn who receives what
    (UU 27/2022); STATUS and ADUAN so that tickets cannot be guessed nor the queue flooded.
    """

    cek: int = attrs.field(default=5, validator=attrs.validators.ge(1))
    status: int = attrs.field(default=10, validator=attrs.validators.ge(1))
    aduan: int = attrs.field(default=3, validator=attrs.validators.ge(1))
    window: float = attrs.field(default=900.0, validator=attrs.validators.gt(0))
    #: Seconds of silence after which an unfinished ADUAN dialogue is forgotten.
    dialogue_timeout: float = attrs.field(default=900.0, validator=attrs.validators.gt(0))


class RateLimiter:
    """A sliding window: at most ``count`` hits per key within ``window`` seconds."""

    def __init__(self, count: int, window: float) -> None:
        self.count = count
        self.window = window
        self._hits: dict[str, deque[float]] = {}

    def hit(self, key: str, now: float) -> int:
        """Record a hit and return 0, or return the seconds (rounded up) to wait."""
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.count:
            return max(1, math.ceil(hits[0] + self.window - now))
        hits.append(now)
        return 0

    def sweep(self, now: float) -> None:
        """Forget keys whose hits are all older than the window."""
        for key in [k for k, h in self._hits.items() if not h or h[-1] <= now - self.window]:
            del self._hits[key]

    def __len__(self) -> int:
        return len(self._hits)
