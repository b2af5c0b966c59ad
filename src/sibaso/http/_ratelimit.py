"""An in-process token bucket per client address (one per worker process), bounded.

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
from collections import OrderedDict
from collections.abc import Iterable

__all__ = ["MAX_KEYS", "RateLimiter", "client_address"]

MAX_KEYS = 50_000


class RateLimiter:
    """``per_minute`` requests per minute per key, up to ``burst`` at once.

    ``take(key)`` returns 0 when the request may proceed, else the seconds to wait. Each
    worker process keeps its own buckets, so with N workers a client gets at most N times
    the limit; put a shared limiter in the reverse proxy when that matters.

    Memory and time stay bounded: the buckets are kept least recently used first, every
    ``take`` drops up to two buckets at that end that have refilled (a full bucket behaves
    as a new one, so nothing is lost), and beyond ``max_keys`` keys the least recently used
    bucket goes (its key then starts afresh). Each ``take`` — a 429 too — is O(1).
    """

    def __init__(self, per_minute: int, burst: int, *, max_keys: int = MAX_KEYS) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.max_keys = max(1, max_keys)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: str, *, now: float | None = None) -> float:
        """Spend one token of ``key``'s bucket; 0.0 or the seconds until one is free."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        buckets = self._buckets
        with self._lock:
            tokens, last = buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + max(0.0, now - last) * self.rate)
            self._expire(now)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = float(math.ceil((1.0 - tokens) / self.rate))
            buckets[key] = (tokens, now)  # the most recently used end
            while len(buckets) > self.max_keys:
                buckets.popitem(last=False)
            return wait

    def _expire(self, now: float) -> None:
        """Drop up to two refilled buckets at the least recently used end (O(1))."""
        buckets = self._buckets
        for _ in range(2):
            if not buckets:
                return
            oldest = next(iter(buckets))
            tokens, last = buckets[oldest]
            if tokens + (now - last) * self.rate < self.burst:
                return
            del buckets[oldest]


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
