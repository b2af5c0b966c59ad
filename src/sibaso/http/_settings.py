"""Settings of the HTTP service: rate limits, CORS, upload size, connection pool."""

from __future__ import annotations

import os

import attrs

__all__ = ["Settings"]


def _origins(value: str) -> tuple[str, ...]:
    return tuple(o.strip() for o in value.split(",") if o.strip())


@attrs.frozen(kw_only=True)
class Settings:
    """How the service behaves; ``Settings.from_env()`` reads ``SIBASO_HTTP_*`` variables.

    * ``rate_limit``: public requests per minute per client address (0: no limit), with
      ``rate_burst`` allowed at once. The status check and the lookup share the bucket, so
      neither can be used to enumerate NIKs or tickets.
    * ``officer_rate_limit``: requests per minute per officer token on the endpoints that
      need one (0: no limit), ``officer_rate_burst`` of them at once. A request with a
      token that is not valid spends from the client's public bucket instead.
    * ``cors_origins``: origins allowed to call from a browser (``("*",)`` for any).
    * ``max_upload_bytes``: the largest file ``/v1/operator/ingest`` accepts.
    * ``max_json_bytes``: the largest body any other endpoint accepts (413 above it).
    * ``pool_size``: registry connections per worker process (SQLite serialises writers
      anyway; each connection is used by one thread at a time).
    * ``public_recap``: whether ``/v1/recap`` answers without a token.
    * ``trust_forwarded_for``: key the rate limit on ``X-Forwarded-For`` (only behind a
      reverse proxy that sets it, and only when the service cannot be reached around it).
    * ``trusted_proxies``: how many proxies in front of the service append to
      ``X-Forwarded-For`` (default 1); the client is the right-most entry they did not
      write (:func:`sibaso.http.client_address`), never the left-most one, which the
      client writes itself.
    * ``docs``: serve Swagger UI at ``/docs`` from the copy packaged by ``fastapi-offline``
      (no CDN; ``/openapi.json`` is always served).
    * ``upload_dir``: keep uploaded lists there (the registry's source path then names a
      file that exists); by default they are deleted after the ingest.
    """

    rate_limit: int = 60
    rate_burst: int = 20
    officer_rate_limit: int = 300
    officer_rate_burst: int = 60
    cors_origins: tuple[str, ...] = ()
    max_upload_bytes: int = 50 * 1024 * 1024
    max_json_bytes: int = 64 * 1024
    pool_size: int = 4
    public_recap: bool = False
    trust_forwarded_for: bool = False
    trusted_proxies: int = attrs.field(default=1, validator=attrs.validators.ge(0))
    docs: bool = True
    upload_dir: str | None = None

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from ``SIBASO_HTTP_RATE_LIMIT``, ``…_RATE_BURST``,
        ``…_OFFICER_RATE_LIMIT``, ``…_OFFICER_RATE_BURST``, ``…_CORS_ORIGINS``
        (comma-separated), ``…_MAX_UPLOAD_BYTES``, ``…_MAX_JSON_BYTES``, ``…_POOL_SIZE``,
        ``…_PUBLIC_RECAP`` and ``…_TRUST_FORWARDED_FOR`` (``1``/``0``),
        ``…_TRUSTED_PROXIES``, ``…_DOCS`` (``1``/``0``) and ``…_UPLOAD_DIR``."""
        env = os.environ if environ is None else environ
        default = cls()

        def num(name: str, fallback: int) -> int:
            raw = env.get(f"SIBASO_HTTP_{name}")
            return int(raw) if raw not in (None, "") else fallback

        def flag(name: str, fallback: bool) -> bool:
            raw = env.get(f"SIBASO_HTTP_{name}")
            return fallback if raw in (None, "") else raw.lower() in ("1", "true", "yes")

        return cls(
            rate_limit=num("RATE_LIMIT", default.rate_limit),
            rate_burst=num("RATE_BURST", default.rate_burst),
            officer_rate_limit=num("OFFICER_RATE_LIMIT", default.officer_rate_limit),
            officer_rate_burst=num("OFFICER_RATE_BURST", default.officer_rate_burst),
            cors_origins=_origins(env.get("SIBASO_HTTP_CORS_ORIGINS", "")),
            max_upload_bytes=num("MAX_UPLOAD_BYTES", default.max_upload_bytes),
            max_json_bytes=num("MAX_JSON_BYTES", default.max_json_bytes),
            pool_size=num("POOL_SIZE", default.pool_size),
            public_recap=flag("PUBLIC_RECAP", default.public_recap),
            trust_forwarded_for=flag("TRUST_FORWARDED_FOR", default.trust_forwarded_for),
            trusted_proxies=num("TRUSTED_PROXIES", default.trusted_proxies),
            docs=flag("DOCS", default.docs),
            upload_dir=env.get("SIBASO_HTTP_UPLOAD_DIR") or None,
        )
