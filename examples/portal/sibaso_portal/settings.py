"""Settings of the portal: session secret, rate limits, cookies, connections."""

from __future__ import annotations

import os

import attrs

__all__ = ["Settings"]


@attrs.frozen(kw_only=True)
class Settings:
    """How the portal behaves; ``Settings.from_env()`` reads ``SIBASO_PORTAL_*`` variables.

    * ``secret_key``: signs the session cookie. ``None`` draws a random key at start-up:
      sessions then end when the process restarts, and several workers (processes) must be
      given one shared key.
    * ``rate_limit``, ``rate_burst``: Cek Bansos, status checks, complaints and officer
      log-ins per minute per client address (each its own bucket; 0 turns limits off),
      ``rate_burst`` of them at once.
    * ``officer_rate_limit``, ``officer_rate_burst``: officer pages per minute per officer
      token (0: no limit), ``officer_rate_burst`` of them at once.
    * ``trust_forwarded_for``: key the limits on ``X-Forwarded-For`` (only behind a reverse
      proxy that sets it, when the portal cannot be reached around it).
    * ``trusted_proxies``: how many proxies in front append to ``X-Forwarded-For`` (default
      1); the client is the right-most entry they did not write.
    * ``secure_cookies``: send the session cookie over HTTPS only (set it in production).
    * ``officer_session_minutes``: an officer is logged out this long after logging in.
    * ``pool_size``: registry connections (one per request at a time).
    * ``max_body_bytes``: the largest form accepted.
    * ``queue_limit``: complaints shown per page of the officer's queue.
    """

    secret_key: str | None = None
    rate_limit: int = attrs.field(default=10, validator=attrs.validators.ge(0))
    rate_burst: int = attrs.field(default=5, validator=attrs.validators.ge(1))
    officer_rate_limit: int = attrs.field(default=120, validator=attrs.validators.ge(0))
    officer_rate_burst: int = attrs.field(default=30, validator=attrs.validators.ge(1))
    trust_forwarded_for: bool = False
    trusted_proxies: int = attrs.field(default=1, validator=attrs.validators.ge(0))
    secure_cookies: bool = False
    officer_session_minutes: int = attrs.field(default=480, validator=attrs.validators.ge(1))
    pool_size: int = attrs.field(default=4, validator=attrs.validators.ge(1))
    max_body_bytes: int = attrs.field(default=64 * 1024, validator=attrs.validators.ge(1024))
    queue_limit: int = attrs.field(default=100, validator=attrs.validators.ge(1))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from ``SIBASO_PORTAL_SECRET_KEY``, ``…_RATE_LIMIT``, ``…_RATE_BURST``,
        ``…_OFFICER_RATE_LIMIT``, ``…_OFFICER_RATE_BURST``,
        ``…_TRUST_FORWARDED_FOR``, ``…_TRUSTED_PROXIES``, ``…_SECURE_COOKIES`` (``1``/``0``),
        ``…_OFFICER_SESSION_MINUTES`` and ``…_POOL_SIZE``; the rest keep their defaults."""
        env = os.environ if environ is None else environ
        default = cls()

        def num(name: str, fallback: int) -> int:
            raw = env.get(f"SIBASO_PORTAL_{name}")
            return int(raw) if raw not in (None, "") else fallback

        def flag(name: str, fallback: bool) -> bool:
            raw = env.get(f"SIBASO_PORTAL_{name}")
            return fallback if raw in (None, "") else raw.lower() in ("1", "true", "yes")

        return cls(
            secret_key=env.get("SIBASO_PORTAL_SECRET_KEY") or None,
            rate_limit=num("RATE_LIMIT", default.rate_limit),
            rate_burst=num("RATE_BURST", default.rate_burst),
            officer_rate_limit=num("OFFICER_RATE_LIMIT", default.officer_rate_limit),
            officer_rate_burst=num("OFFICER_RATE_BURST", default.officer_rate_burst),
            trust_forwarded_for=flag("TRUST_FORWARDED_FOR", default.trust_forwarded_for),
            trusted_proxies=num("TRUSTED_PROXIES", default.trusted_proxies),
            secure_cookies=flag("SECURE_COOKIES", default.secure_cookies),
            officer_session_minutes=num("OFFICER_SESSION_MINUTES", default.officer_session_minutes),
            pool_size=num("POOL_SIZE", default.pool_size),
        )
