"""``sibaso serve``: the registry and the complaint service over HTTP (``/v1/...``).

``create_app(target_or_registry, settings=Settings())`` builds the ASGI application
(FastAPI; ``pip install "sibaso[serve]"``). NIKs travel only in POST bodies, errors are
RFC 9457 ``application/problem+json`` in Bahasa Indonesia (English with
``Accept-Language: en``), officers authenticate with tokens from ``sibaso token issue``.
See ``docs/http.md``.
"""

from __future__ import annotations

from typing import Any

from sibaso.http._logmask import NikMaskingFilter, install_log_masking, mask_niks
from sibaso.http._ratelimit import RateLimiter, client_address
from sibaso.http._redirects import RelativeRedirects, relative_location
from sibaso.http._settings import Settings
from sibaso.http.sessions import end_session, find_session, purge_sessions, start_session
from sibaso.http.tokens import (
    IssuedToken,
    authenticate,
    issue_token,
    list_tokens,
    revoke_token,
    token_active,
    token_id,
    token_status,
)

__all__ = [
    "IssuedToken",
    "NikMaskingFilter",
    "RateLimiter",
    "RelativeRedirects",
    "Settings",
    "authenticate",
    "client_address",
    "create_app",
    "create_app_from_env",
    "end_session",
    "find_session",
    "install_log_masking",
    "issue_token",
    "list_tokens",
    "mask_niks",
    "purge_sessions",
    "relative_location",
    "revoke_token",
    "start_session",
    "token_active",
    "token_id",
    "token_status",
]


def create_app(
    target: Any = "sibaso.sqlite", *, settings: Settings | None = None, opener: Any = None
) -> Any:
    """The ASGI application over ``target`` (a SQLite path, ``postgresql://`` DSN or an open
    :class:`sibaso.registry.Registry`, which is then used by one request at a time).

    ``opener(target)`` opens each registry of the pool (the composition root,
    :func:`sibaso.app.create_app`, passes :func:`sibaso.app.open_registry`)."""
    try:
        from sibaso.http._app import build_app
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            'The HTTP service needs FastAPI and uvicorn: pip install "sibaso[serve]"'
        ) from exc
    return build_app(target, settings or Settings(), opener=opener)


def create_app_from_env() -> Any:
    """The application for ``uvicorn --factory``: the registry named by ``SIBASO_DB`` and
    :meth:`Settings.from_env` (``sibaso serve`` starts :func:`sibaso.app.create_app_from_env`,
    the same through the composition root)."""
    import os

    return create_app(os.environ.get("SIBASO_DB", "sibaso.sqlite"), settings=Settings.from_env())
