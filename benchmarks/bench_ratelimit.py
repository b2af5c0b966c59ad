"""Rate-limiter benchmark (issue 16): memory held and the cost of a request, a 429 too,
as the number of client addresses grows.

Usage: python benchmarks/bench_ratelimit.py [--clients 300000] [--cap 50000]

Feeds ``--clients`` distinct addresses (one request each, none refilled in time) into
:class:`sibaso.http.RateLimiter`, then times 20,000 requests that get 429 and prints the
buckets kept, the memory they hold (tracemalloc) and the time per 429 as a ratio to the
same with 1,000 addresses, measured in the same run. The limiter keeps buckets least
recently used first and caps them (``max_keys``), so the ratio stays near 1 and the
memory near ``cap`` buckets; before, 300,000 addresses held 54 MiB and each 429 scanned
every bucket (6.5 ms at 80,000). No database is involved, so there is no store to vary.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

from sibaso.http import RateLimiter


def _address(i: int) -> str:
    return f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}:{i >> 24}"


def per_429(clients: int, cap: int) -> tuple[float, int, int]:
    """(seconds per 429, buckets kept, bytes held) after ``clients`` addresses."""
    limiter = RateLimiter(per_minute=60, burst=1, max_keys=cap)
    tracemalloc.start()
    for i in range(clients):
        limiter.take(_address(i), now=0.0)
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    limiter.take("probe", now=0.0)
    rounds = 20_000
    started = time.perf_counter()
    for _ in range(rounds):
        assert limiter.take("probe", now=0.0) > 0
    return (time.perf_counter() - started) / rounds, len(limiter), held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=300_000)
    parser.add_argument("--cap", type=int, default=50_000)
    args = parser.parse_args()
    base, _, _ = per_429(1_000, args.cap)
    each, kept, held = per_429(args.clients, args.cap)
    print(f"1,000 addresses: {base * 1e6:.2f} µs per 429")
    print(
        f"{args.clients:,} addresses: {each * 1e6:.2f} µs per 429 "
        f"(ratio {each / base:.2f} to 1,000 addresses), {kept:,} buckets kept, "
        f"{held / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
