"""RFC 9457 problem details (``application/problem+json``) in Bahasa Indonesia or English.

Every refusal of the library maps to one status and one ``code``; the ``detail`` is the
library's own message in the language the client asked for (``Accept-Language``; Bahasa
Indonesia by default). No problem echoes the request body, so no NIK is sent back.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sibaso.complaints import (
    AccessDenied,
    ComplaintError,
    ComplaintValidationError,
    ConflictError,
    IllegalTransition,
    RosterError,
    TicketNotFound,
    UnknownOfficer,
)
from sibaso.core.errors import (
    InvalidNIK,
    SibasoError,
    SourceError,
    UnknownProgramme,
    ValidationError,
)
from sibaso.http._problem_types import PROBLEM_TYPE, type_for, type_url
from sibaso.store.faults import StoreUnavailable, display_target, fault_behind

__all__ = [
    "PROBLEM_TYPE",
    "Problem",
    "install_handlers",
    "language",
    "problem_response",
    "recent_store_fault",
]

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("sibaso.http")

# status code: (title id, title en)
TITLES: dict[int, tuple[str, str]] = {
    400: ("Permintaan tidak sah", "Bad request"),
    401: ("Perlu token petugas", "Officer token required"),
    403: ("Akses ditolak", "Access denied"),
    404: ("Tidak ditemukan", "Not found"),
    405: ("Metode tidak diizinkan", "Method not allowed"),
    409: ("Konflik", "Conflict"),
    413: ("Berkas terlalu besar", "Payload too large"),
    415: ("Jenis isi tidak didukung", "Unsupported media type"),
    422: ("Data tidak sah", "Unprocessable content"),
    429: ("Terlalu banyak permintaan", "Too many requests"),
    500: ("Kesalahan server", "Internal server error"),
    503: ("Basis data tidak dapat dipakai", "Database unavailable"),
}
#: How long a failed write keeps ``/v1/health`` unhealthy (a full disk passes the probe).
FAULT_MEMORY_SECONDS = 60.0


def language(request: Request) -> str:
    """``"en"`` when ``Accept-Language`` prefers English over Indonesian, else ``"id"``."""
    header = request.headers.get("accept-language", "")
    best, best_q = "id", -1.0
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in ("id", "in", "en", "*"):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:  # "not acceptable", or an unreadable weight
            continue
        if q > best_q:
            best, best_q = ("en" if primary == "en" else "id"), q
    return best


class Problem(Exception):
    """A problem to answer with: status, code, the detail in both languages, extra members.

    ``kind`` is its problem type (a key of ``PROBLEM_TYPES``); by default the code's own type,
    or its status's.
    """

    def __init__(
        self,
        status: int,
        code: str,
        detail_id: str,
        detail_en: str,
        *,
        headers: dict[str, str] | None = None,
        kind: str | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail_en)
        self.kind = kind or type_for(code, status)
        self.status = status
        self.code = code
        self.detail_id = detail_id
        self.detail_en = detail_en
        self.headers = headers or {}
        self.extra = extra


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    """The ``application/problem+json`` response for ``problem``."""
    lang = language(request)
    title_id, title_en = TITLES.get(problem.status, TITLES[400 if problem.status < 500 else 500])
    body: dict[str, Any] = {
        "type": type_url(problem.kind),
        "title": title_id if lang == "id" else title_en,
        "status": problem.status,
        "detail": problem.detail_id if lang == "id" else problem.detail_en,
        "code": problem.code,
        **{k: v(lang) if callable(v) else v for k, v in problem.extra.items()},
    }
    headers = {"Content-Language": lang, "Vary": "Accept-Language", **problem.headers}
    return JSONResponse(body, status_code=problem.status, media_type=MEDIA_TYPE, headers=headers)


def _store_problem(fault: StoreUnavailable) -> Problem:
    return Problem(
        503,
        fault.code,
        fault.localized("id"),
        fault.localized("en"),
        headers={"Retry-After": "30"},
    )


def _remember(request: Request, fault: StoreUnavailable) -> None:
    request.app.state.store_fault = (time.monotonic(), fault)


def recent_store_fault(app: Any) -> StoreUnavailable | None:
    """The database fault a request met in the last :data:`FAULT_MEMORY_SECONDS`, if any."""
    seen = getattr(app.state, "store_fault", None)
    if seen is None or time.monotonic() - seen[0] > FAULT_MEMORY_SECONDS:
        return None
    fault: StoreUnavailable = seen[1]
    return fault


def from_library(exc: SibasoError) -> Problem:
    """The problem for a refusal raised by the library."""
    if isinstance(exc, StoreUnavailable):
        return _store_problem(exc)
    if isinstance(exc, ComplaintValidationError | RosterError):
        return Problem(
            422,
            exc.code,
            exc.localized("id"),
            exc.localized("en"),
            errors=lambda lang: exc.to_dict(lang)["errors"],
        )
    if isinstance(exc, InvalidNIK):
        return Problem(
            422, "invalid-nik", exc.localized("id"), exc.localized("en"), reason=exc.code
        )
    if isinstance(exc, ValidationError):
        return Problem(422, exc.code, exc.localized("id"), exc.localized("en"))
    if isinstance(exc, UnknownProgramme):
        hint = ", ".join(exc.suggestions)
        return Problem(
            422,
            "unknown-programme",
            f"Program {exc.name!r} tidak dikenal." + (f" Maksud Anda: {hint}?" if hint else ""),
            str(exc),
        )
    if isinstance(exc, UnknownOfficer):
        return Problem(403, exc.code, exc.localized("id"), exc.localized("en"))
    if isinstance(exc, ComplaintError):
        status = (
            403
            if isinstance(exc, AccessDenied)
            else 404
            if isinstance(exc, TicketNotFound)
            else 409
            if isinstance(exc, ConflictError | IllegalTransition)
            else 422
        )
        extra: dict[str, Any] = {}
        if isinstance(exc, ConflictError):
            extra = {"expected": exc.expected, "current": exc.current}
        return Problem(status, exc.code, exc.localized("id"), exc.localized("en"), **extra)
    if isinstance(exc, SourceError):
        return Problem(
            422,
            exc.code,
            f"Berkas tidak dapat dibaca: {exc.localized('id')}",
            f"The file cannot be read: {exc.reason}",
            kind="unreadable-file",
        )
    return Problem(422, "refused", str(exc), str(exc))


_FIELD_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("Wajib diisi.", "Required."),
    "json_invalid": ("Isi permintaan bukan JSON yang sah.", "The body is not valid JSON."),
    "extra_forbidden": ("Kolom ini tidak dikenal.", "This field is not known."),
    "string_type": ("Harus berupa teks.", "Must be text."),
    "string_too_long": ("Terlalu panjang.", "Too long."),
    "string_too_short": ("Terlalu pendek.", "Too short."),
    "model_attributes_type": ("Isi harus berupa objek JSON.", "The body must be a JSON object."),
    "dict_type": ("Isi harus berupa objek JSON.", "The body must be a JSON object."),
}


def _validation_errors(exc: RequestValidationError, lang: str) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors():
        code = str(error.get("type", "invalid"))
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        field = "body" if code == "json_invalid" else ".".join(loc) or "body"
        message_id, message_en = _FIELD_MESSAGES.get(code, ("Nilai tidak sah.", "Invalid value."))
        errors.append(
            {"field": field, "code": code, "message": message_id if lang == "id" else message_en}
        )
    return errors


def _target(request: Request) -> str:
    pool = getattr(request.app.state, "pool", None)
    return display_target(str(getattr(pool, "target", "") or ""))


def install_handlers(app: FastAPI) -> None:
    """Turn every error into problem+json."""

    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(request, exc)

    async def _library(request: Request, exc: SibasoError) -> JSONResponse:
        if isinstance(exc, StoreUnavailable):
            _remember(request, exc)
        return problem_response(request, from_library(exc))

    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # the input values are left out on purpose: they may hold a NIK
        return problem_response(
            request,
            Problem(
                422,
                "invalid-request",
                "Isi permintaan tidak sah; lihat 'errors'.",
                "The request is not valid; see 'errors'.",
                errors=_validation_errors(exc, language(request)),
            ),
        )

    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title_id, title_en = TITLES.get(exc.status_code, TITLES[400])
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        return problem_response(
            request,
            Problem(
                exc.status_code,
                code,
                title_id + ".",
                title_en + ".",
                headers=dict(exc.headers or {}),
            ),
        )

    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        fault = fault_behind(exc, _target(request))
        if fault is not None:  # the database, not a bug: one line in the log, a 503 answer
            log.error("%s %s: %s", request.method, request.url.path, fault.localized("en"))
            _remember(request, fault)
            return problem_response(request, _store_problem(fault))
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(
            request,
            Problem(500, "internal", "Terjadi kesalahan di server.", "Something went wrong."),
        )

    app.add_exception_handler(Problem, _problem)  # type: ignore[arg-type]
    app.add_exception_handler(SibasoError, _library)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _crash)
