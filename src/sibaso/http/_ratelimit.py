"""An in-process token bucket per client address (one per worker process).

>>> limiter = RateLimiter(per_minute=60, burst=2)
>>> limiter.take("a", now=0.0), limiter.take("a", now=0.0), limiter.take("a", now=0.0)
(0.0, 0.0, 1.0)
>>> limiter.take("a", now=1.0)
0.0
"""

from __future__ import annotations

import math
import threading
import time

__all__ = ["RateLimiter"]

MAX_CLIENTS = 100_000


class RateLimiter:
    """``per_minute`` requests per minute per key, up to ``burst`` at once.

    ``take(key)`` returns 0 when the request may proceed, else the seconds to wait. Each
    worker process keeps its own buckets, so with N workers a client gets at most N times
    the limit; put a shared limiter in the reverse proxy when that matters.
    """

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, *, now: float | None = None) -> float:
        """Spend one token of ``key``'s bucket; 0.0 or the seconds until one is free."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > MAX_CLIENTS:
                self._forget_full(now)
            return float(math.ceil((1.0 - tokens) / self.rate))

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled (they behave as new ones)."""
        full = [
            k
            for k, (tokens, last) in self._buckets.items()
            if tokens + (now - last) * self.rate >= self.burst
        ]
        for key in full:
            del self._buckets[key]
