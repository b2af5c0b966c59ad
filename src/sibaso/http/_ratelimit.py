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
from collections.abc import Iterable

__all__ = ["RateLimiter", "client_address"]

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


def client_address(
    peer: str | None, forwarded_for: Iterable[str] = (), *, trusted_proxies: int = 1
) -> str:
    """The client's address: the right-most hop not written by one of ``trusted_proxies``.

    ``peer`` is the address that connected (the last proxy, or the client itself);
    ``forwarded_for`` the ``X-Forwarded-For`` header lines in order. Each proxy *appends*
    the address it saw, so only the right-most entries are trustworthy; everything left of
    them is whatever the client wrote. With ``trusted_proxies`` proxies in front (the peer
    is the first of them) the client is the entry just before the last
    ``trusted_proxies - 1`` ones. ``trusted_proxies=0`` ignores the header.

    >>> client_address("10.0.0.1", ["6.6.6.6, 203.0.113.9"])
    '203.0.113.9'
    >>> client_address("10.0.0.1", ["6.6.6.6, 203.0.113.9, 198.51.100.4"], trusted_proxies=2)
    '203.0.113.9'
    >>> client_address("10.0.0.1", ["203.0.113.9"], trusted_proxies=0)
    '10.0.0.1'
    """
    hops = [hop.strip() for line in forwarded_for for hop in line.split(",") if hop.strip()]
    hops.append(peer or "unknown")
    if trusted_proxies <= 0:
        return hops[-1][:100]
    return hops[max(0, len(hops) - 1 - trusted_proxies)][:100]
