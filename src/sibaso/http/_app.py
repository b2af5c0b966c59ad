"""The FastAPI application: settings, pool, rate limiter, CORS, problem handlers, routes."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from sibaso.http import _ingest  # noqa: F401  (registers /v1/operator/ingest)
from sibaso.http._bodylimit import BodyLimit
from sibaso.http._logmask import install_log_masking
from sibaso.http._problems import install_handlers
from sibaso.http._ratelimit import RateLimiter
from sibaso.http._redirects import RelativeRedirects
from sibaso.http._routes import router
from sibaso.http._settings import Settings
from sibaso.registry.pool import RegistryPool
from sibaso.store.faults import display_target, store_fault

__all__ = ["API_VERSION", "build_app"]
log = logging.getLogger("sibaso.http")

# the version of the /v1 contract (the package version is in /v1/health)
API_VERSION = "1.0.0"

DESCRIPTION = """\
Data bantuan sosial terpadu berdasarkan NIK: cek bansos, pengaduan (usul, sanggah) dan
pekerjaan petugas, dengan aturan yang sama seperti pustaka dan baris perintah sibaso.

* NIK hanya dikirim di badan permintaan POST, tidak pernah di URL.
* Kesalahan berupa `application/problem+json` (RFC 9457) dalam Bahasa Indonesia;
  `Accept-Language: en` untuk bahasa Inggris.
* Endpoint petugas memerlukan `Authorization: Bearer <token>` dari `sibaso token issue`.
"""

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}


def build_app(target: Any, settings: Settings, *, opener: Any = None) -> FastAPI:
    """See :func:`sibaso.http.create_app`."""
    pool = RegistryPool(target, settings.pool_size, opener=opener)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        try:
            pool.close()
        except Exception as exc:
            fault = store_fault(exc, display_target(str(pool.target)))
            if fault is None:
                raise
            pending = sum(len(r._audit) for r in pool._all)
            log.error("shutdown: %s (%d audit entries not written)", fault.localized("en"), pending)

    app = _fastapi(settings.docs)(
        title="sibaso",
        version=API_VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.limiter = RateLimiter(settings.rate_limit, settings.rate_burst)
    app.state.officer_limiter = RateLimiter(
        settings.officer_rate_limit, settings.officer_rate_burst
    )
    install_handlers(app)
    app.include_router(router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept-Language"],
            expose_headers=["Retry-After", "Content-Language"],
            max_age=600,
        )
    app.add_middleware(BodyLimit, limit=settings.max_json_bytes, exempt=("/v1/operator/ingest",))
    app.add_middleware(RelativeRedirects)
    install_log_masking()
    _add_problem_schema(app)
    return app


def _fastapi(docs: bool) -> Callable[..., FastAPI]:
    """``FastAPI`` with ``/docs`` served from the Swagger UI packaged by ``fastapi-offline``
    (``/docs/assets/…``), so an offline server shows it; no ``/docs`` when ``docs`` is off
    or the package is missing — never one that loads scripts from a CDN."""
    if docs:
        try:
            from fastapi_offline import FastAPIOffline
        except ImportError:  # pragma: no cover - the serve extra installs it
            pass
        else:
            return functools.partial(FastAPIOffline, docs_url="/docs", static_url="/docs/assets")
    return functools.partial(FastAPI, docs_url=None)


def _add_problem_schema(app: FastAPI) -> None:
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = original()
            schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
                PROBLEM_SCHEMA
            )
            # FastAPI's own 422 entry points at its HTTPValidationError shape: ours is a problem
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    if "requestBody" in operation:  # a body that is not JSON at all
                        operation["responses"].setdefault(
                            "400",
                            {
                                "description": "Isi permintaan tidak dapat dibaca",
                                "content": {
                                    "application/problem+json": {
                                        "schema": {"$ref": "#/components/schemas/Problem"}
                                    }
                                },
                            },
                        )
                    answer = operation.get("responses", {}).get("422")
                    if answer is not None:
                        answer["content"] = {
                            "application/problem+json": {
                                "schema": {"$ref": "#/components/schemas/Problem"}
                            }
                        }
                        answer["description"] = "Data tidak sah"
            components = schema["components"]["schemas"]
            text = json.dumps(schema["paths"])
            for name in ("HTTPValidationError", "ValidationError"):
                if f"#/components/schemas/{name}" not in text:
                    components.pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
