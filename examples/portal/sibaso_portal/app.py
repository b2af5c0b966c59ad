"""``create_app``: the Starlette application with its routes, session and error pages."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sibaso.app import registry_pool
from sibaso.http import RateLimiter, RelativeRedirects, install_log_masking
from sibaso.registry import Registry
from sibaso_portal import officer, public
from sibaso_portal.settings import Settings
from sibaso_portal.web import (
    HERE,
    SECURITY_HEADERS,
    PageError,
    Portal,
    SecurityHeaders,
    make_templates,
    render,
)

__all__ = ["SESSION_COOKIE", "create_app"]

SESSION_COOKIE = "sibaso_portal"
log = logging.getLogger("sibaso_portal")

ROUTES = [
    Route("/", public.home, methods=["GET"]),
    Route("/cek", public.cek_form, methods=["GET"]),
    Route("/cek", public.cek, methods=["POST"]),
    Route("/aduan", public.aduan_form, methods=["GET"]),
    Route("/aduan", public.aduan, methods=["POST"]),
    Route("/aduan/terkirim", public.aduan_done, methods=["GET"]),
    Route("/status", public.status_form, methods=["GET"]),
    Route("/status", public.status, methods=["POST"]),
    Route("/petugas/masuk", officer.login_form, methods=["GET"]),
    Route("/petugas/masuk", officer.login, methods=["POST"]),
    Route("/petugas/keluar", officer.logout, methods=["POST"]),
    Route("/petugas", officer.queue, methods=["GET"]),
    Route("/petugas/aduan/{ticket}", officer.detail, methods=["GET"]),
    Route("/petugas/aduan/{ticket}", officer.change_status, methods=["POST"]),
    Route("/petugas/cek", officer.lookup_form, methods=["GET"]),
    Route("/petugas/cek", officer.lookup, methods=["POST"]),
]

_HTTP_TITLES = {
    400: ("Permintaan tidak dapat dibaca", "Isian yang dikirim tidak dapat dibaca."),
    404: ("Halaman tidak ditemukan", "Alamat yang Anda buka tidak ada di portal ini."),
    405: ("Cara membuka tidak didukung", "Halaman ini tidak dapat dibuka dengan cara itu."),
}


async def _page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    context = {"title": exc.title, "message": exc.message, "status": exc.status}
    return render(request, "error.html", context, status=exc.status, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    title, message = _HTTP_TITLES.get(
        exc.status_code, ("Permintaan tidak dapat dilayani", "Permintaan ini tidak dapat dilayani.")
    )
    context = {"title": title, "message": message, "status": exc.status_code}
    return render(request, "error.html", context, status=exc.status_code, headers=exc.headers)


async def _login_required(request: Request, exc: Exception) -> Response:
    return RedirectResponse(officer.LOGIN, status_code=303)


async def _server_error(request: Request, exc: Exception) -> Response:
    # outside the other middleware: the security headers are added here by hand
    log.error("unexpected error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
    body = (
        '<!doctype html><html lang="id"><meta charset="utf-8"><title>Terjadi kesalahan</title>'
        "<h1>Terjadi kesalahan</h1><p>Maaf, permintaan Anda tidak dapat diproses. Silakan "
        'coba lagi beberapa saat lagi.</p><p><a href="/">Kembali ke beranda</a></p></html>'
    )
    return HTMLResponse(body, status_code=500, headers=dict(SECURITY_HEADERS))


def create_app(db_target: str | Path | Registry, *, settings: Settings | None = None) -> Starlette:
    """The portal over ``db_target``: a SQLite path, a ``postgresql://`` DSN or an open
    :class:`~sibaso.registry.Registry` (then used by one request at a time, never closed)."""
    settings = settings or Settings()
    secret = settings.secret_key
    if not secret:
        log.warning("no SIBASO_PORTAL_SECRET_KEY: sessions end when the portal restarts")
        secret = secrets.token_urlsafe(32)
    pool = registry_pool(db_target, settings.pool_size)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        install_log_masking()  # after the server set up logging: a stray NIK is masked
        yield
        pool.close()

    app = Starlette(
        routes=[
            *ROUTES,
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(RelativeRedirects),  # a redirect never names the Host sent
            Middleware(
                SessionMiddleware,
                secret_key=secret,
                session_cookie=SESSION_COOKIE,
                max_age=settings.officer_session_minutes * 60,
                same_site="strict",
                https_only=settings.secure_cookies,
            ),
            Middleware(officer.OfficerSessions),  # the cookie's opaque id → the login
        ],
        exception_handlers={
            PageError: _page_error,
            HTTPException: _http_error,
            officer.LoginRequired: _login_required,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )
    app.state.portal = Portal(
        settings=settings,
        pool=pool,
        limiter=RateLimiter(settings.rate_limit, settings.rate_burst),
        officer_limiter=RateLimiter(settings.officer_rate_limit, settings.officer_rate_burst),
        templates=make_templates(),
    )
    return app
