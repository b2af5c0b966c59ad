"""What every page shares: rendering, CSRF-checked forms, rate limits, security headers.

* **CSRF.** Each session holds a random token; every form carries it in a hidden field and
  :func:`read_form` refuses a POST whose token is missing or different (403). The session
  cookie is signed, HttpOnly and ``SameSite=Strict`` as well.
* **Rate limits.** :func:`limit` spends one token of the client's bucket for an action
  (``cek``, ``status``, ``aduan``, ``masuk``) or answers 429 with ``Retry-After``.
* **Escaping.** Templates are rendered by Jinja2 with autoescape on; nothing is marked safe.
* **Headers.** :class:`SecurityHeaders` adds a strict CSP (``default-src 'self'``, no
  scripts at all), ``X-Frame-Options: DENY``, ``Referrer-Policy: no-referrer`` and
  ``Cache-Control: no-store`` on pages (they may show personal data).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath
from typing import Any, TypeVar

import attrs
import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sibaso.http import RateLimiter, client_address
from sibaso.registry import Registry
from sibaso.registry.pool import RegistryPool
from sibaso_portal import texts
from sibaso_portal.settings import Settings

__all__ = [
    "SECURITY_HEADERS",
    "PageError",
    "Portal",
    "SecurityHeaders",
    "csrf_token",
    "limit",
    "make_templates",
    "portal",
    "read_form",
    "render",
    "with_registry",
]

T = TypeVar("T")

HERE = Path(__file__).parent

SECURITY_HEADERS: Mapping[str, str] = {
    "content-security-policy": (
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


@attrs.define
class Portal:
    """The application's state: settings, registry pool, rate limiter and templates."""

    settings: Settings
    pool: RegistryPool
    limiter: RateLimiter
    templates: Jinja2Templates
    #: officer pages, one bucket per officer token
    officer_limiter: RateLimiter


class PageError(Exception):
    """Answer with the error page: HTTP ``status``, a title and a message (Indonesian)."""

    def __init__(
        self, status: int, title: str, message: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message
        self.headers = dict(headers or {})


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every response, and
    ``Cache-Control: no-store`` to everything but the stylesheet."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = dict(SECURITY_HEADERS)
                if not static:
                    extra["cache-control"] = "no-store"
                for name, value in extra.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def make_templates() -> Jinja2Templates:
    """Jinja2 templates from ``templates/``, autoescaped, failing on undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        status=texts.status_label,
        category=texts.category_label,
        date=texts.date_text,
        kecamatan=texts.kecamatan_text,
        address=texts.address_text,
        via=lambda value: texts.VIA_LABELS.get(value, value),
        role=lambda value: texts.ROLE_LABELS.get(value, value),
        filename=lambda value: PurePath(value).name if value else "-",
    )
    env.globals.update(field_labels=texts.FIELD_LABELS)
    return Jinja2Templates(env=env)


def portal(request: Request) -> Portal:
    """The :class:`Portal` of the application serving ``request``."""
    state: Portal = request.app.state.portal
    return state


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made at the first page that needs one)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The page ``template`` with the session's CSRF token, officer and flash message."""
    session = request.scope.get("session")
    state, officer = request.scope.get("state", {}).get("officer", ("unknown", None))
    name = officer.officer_name or officer.officer_id if state == "active" else None
    flash = session.pop("flash", None) if session else None
    if session and session.pop("welcome", None) and name:
        flash = f"Selamat datang, {name}."
    values: dict[str, Any] = {
        "csrf": csrf_token(request) if session is not None else "",
        "officer_name": name,
        "flash": flash,
        "title": None,
    }
    values.update(context or {})
    response: HTMLResponse = portal(request).templates.TemplateResponse(
        request, template, values, status_code=status, headers=dict(headers or {})
    )
    return response


def client_key(request: Request) -> str:
    """The client address: sibaso's rule (:func:`sibaso.http.client_address`), the
    right-most ``X-Forwarded-For`` hop not written by a trusted proxy when trusted."""
    settings = portal(request).settings
    return client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for") if settings.trust_forwarded_for else (),
        trusted_proxies=settings.trusted_proxies,
    )


def limit(request: Request, action: str, *, token_id: int | None = None) -> None:
    """Spend one of the client's requests for ``action`` (with ``token_id``: one of that
    officer token's requests), or raise the 429 page."""
    state = portal(request)
    if token_id is None:
        wait = state.limiter.take(f"{action}:{client_key(request)}")
    else:
        wait = state.officer_limiter.take(f"token:{token_id}")
    if wait:
        seconds = max(1, int(wait))
        raise PageError(
            429,
            "Terlalu banyak permintaan",
            "Anda sudah terlalu sering mencoba dalam waktu singkat. Untuk melindungi data "
            f"pribadi warga, silakan coba lagi dalam {texts.wait_text(seconds)}.",
            headers={"Retry-After": str(seconds)},
        )


async def read_form(request: Request) -> dict[str, str]:
    """The posted form's text fields, after checking its size and its CSRF token."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise PageError(411, "Formulir tidak dapat dibaca", "Kirim formulir dari halaman ini.")
    if int(length) > portal(request).settings.max_body_bytes:
        raise PageError(413, "Isian terlalu panjang", "Isian formulir terlalu panjang.")
    form = await request.form(max_files=0, max_fields=30)
    values = {key: value for key, value in form.items() if isinstance(value, str)}
    expected = request.session.get("csrf")
    given = values.pop("csrf", "")
    if not isinstance(expected, str) or not hmac.compare_digest(expected.encode(), given.encode()):
        raise PageError(
            403,
            "Formulir tidak sah",
            "Formulir ini sudah kedaluwarsa atau tidak dikirim dari portal ini. Buka lagi "
            "halamannya, isi, lalu kirim kembali.",
        )
    return values


async def with_registry(request: Request, work: Callable[[Registry], T]) -> T:
    """Run ``work(registry)`` in a worker thread with a registry of the pool."""
    pool = portal(request).pool

    def run() -> T:
        with pool.registry() as registry:
            return work(registry)

    return await run_in_threadpool(run)
