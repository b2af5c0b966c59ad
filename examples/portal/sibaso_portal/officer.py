"""The officer area: log in with a token, the complaint queue of the officer's kecamatan,
one complaint with its status form, the officer lookup, log out.

Who may see and change what is the library's rule: every page asks the roster for the
officer (``registry.complaints.actor``) and hands that ``Actor`` to the complaint service,
which scopes lists, refuses other kecamatan and enforces the workflow.
"""

from __future__ import annotations

import datetime
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from sibaso import InvalidNIK
from sibaso.complaints import (
    TIMEZONE,
    TRANSITIONS,
    AccessDenied,
    Actor,
    ComplaintStatus,
    ComplaintValidationError,
    ComplaintView,
    ConflictError,
    IllegalTransition,
    TicketNotFound,
    UnknownOfficer,
)
from sibaso.http import authenticate, end_session, find_session, start_session, token_id
from sibaso.registry import Registry
from sibaso_portal.texts import STATUS_LABELS
from sibaso_portal.web import PageError, limit, portal, read_form, render, with_registry

__all__ = [
    "LoginRequired",
    "OfficerSessions",
    "change_status",
    "detail",
    "login",
    "login_form",
    "logout",
    "lookup",
    "lookup_form",
    "queue",
]

if TYPE_CHECKING:
    from sibaso.store.sessions import SessionRow

T = TypeVar("T")
HOME = "/petugas"
LOGIN = "/petugas/masuk"


class LoginRequired(Exception):
    """No officer is logged in (or the login has expired): go to the login page."""


#: why a session is no longer valid, as the officer is told at the login page
_ENDED = {
    "officer-inactive": "Anda tidak lagi terdaftar sebagai petugas aktif.",
    "token-ended": "Token Anda sudah dicabut atau kedaluwarsa; silakan masuk dengan token baru.",
}
_EXPIRED = "Sesi petugas Anda sudah berakhir; silakan masuk lagi."


def _now() -> datetime.datetime:
    return datetime.datetime.fromtimestamp(time.time(), datetime.timezone.utc)


class OfficerSessions:
    """ASGI middleware (inside the cookie session): looks the cookie's opaque session id up
    in the registry (:func:`sibaso.http.find_session`) once per request, for
    :func:`logged_in` and the page header. Requests without one cost nothing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        session = scope.get("session") if scope["type"] == "http" else None
        sid = session.get("sid") if session else None
        if isinstance(sid, str):
            pool = scope["app"].state.portal.pool
            now = _now()

            def find() -> tuple[str, SessionRow | None]:
                with pool.registry() as registry:
                    return find_session(registry, sid, now=now)

            scope.setdefault("state", {})["officer"] = await run_in_threadpool(find)
        await self.app(scope, receive, send)


def logged_in(request: Request) -> SessionRow | None:
    """The server-side session of the officer logged in here; None (and the cookie's
    session cleared, with the reason) when nobody is, or the session has ended — logged
    out, older than ``officer_session_minutes``, its token revoked or expired, its officer
    gone from the roster."""
    if not isinstance(request.session.get("sid"), str):
        return None
    state, row = getattr(request.state, "officer", ("unknown", None))
    if state == "active":
        return row
    _end_session(request, _ENDED.get(state, _EXPIRED))
    return None


def _end_session(request: Request, message: str) -> None:
    request.session.clear()
    request.session["flash"] = message
    request.state.officer = ("ended", None)


async def as_officer(request: Request, work: Callable[[Registry, Actor], T]) -> T:
    """Run ``work(registry, actor)`` for the logged-in officer, read from the roster now:
    an officer who left the roster is logged out at once."""
    session = logged_in(request)
    if session is None:
        raise LoginRequired()
    limit(request, "petugas", token_id=session.token_id)

    def checked(registry: Registry) -> T:
        return work(registry, registry.complaints.actor(session.officer_id))

    try:
        return await with_registry(request, checked)
    except UnknownOfficer:
        _end_session(request, _ENDED["officer-inactive"])
        raise LoginRequired() from None


def _refused(exc: AccessDenied | TicketNotFound) -> PageError:
    if isinstance(exc, TicketNotFound):
        return PageError(404, "Pengaduan tidak ditemukan", exc.localized("id"))
    return PageError(403, "Di luar wilayah tugas Anda", exc.localized("id"))


# -- log in and out -------------------------------------------------------------------


async def login_form(request: Request) -> Response:
    """The login form (officers paste the token from ``sibaso token issue``)."""
    if logged_in(request):
        return RedirectResponse(HOME, status_code=303)
    return render(request, "petugas_masuk.html", {"error": None})


async def login(request: Request) -> Response:
    """Check the token; on success a server-side session starts and the cookie holds its
    opaque id (never the token, the officer's id or name)."""
    form = await read_form(request)
    limit(request, "masuk")
    token = form.get("token", "").strip()
    error: str | None

    lifetime = datetime.timedelta(minutes=portal(request).settings.officer_session_minutes)
    now = _now()

    def check(registry: Registry) -> tuple[Actor | None, str | None]:
        actor, used = authenticate(registry, token), token_id(registry, token)
        if actor is None or used is None:
            return None, None
        name = actor.name or actor.id
        return actor, start_session(registry, used, actor.id, name, lifetime, now=now)

    sid: str | None = None
    try:
        actor, sid = await with_registry(request, check)
    except UnknownOfficer:
        actor, error = None, "Token ini milik petugas yang tidak lagi terdaftar aktif."
    else:
        error = "Token tidak dikenal, sudah dicabut atau kedaluwarsa." if actor is None else None
    if actor is None:
        return render(request, "petugas_masuk.html", {"error": error}, status=401)
    # the cookie holds an opaque id: who is logged in, with which token, is the server's
    request.session.clear()
    request.session.update(csrf=secrets.token_urlsafe(32), sid=sid, welcome=True)
    return RedirectResponse(HOME, status_code=303)


async def logout(request: Request) -> Response:
    """End the session server-side — every copy of the cookie stops working — and clear
    the cookie (a POST with the CSRF token, so no other site can log you out)."""
    await read_form(request)
    sid = request.session.get("sid")
    if isinstance(sid, str):
        await with_registry(request, lambda registry: end_session(registry, sid))
    _end_session(request, "Anda sudah keluar.")
    return RedirectResponse(LOGIN, status_code=303)


# -- the queue and one complaint ------------------------------------------------------


def _today() -> datetime.date:
    return datetime.datetime.now(TIMEZONE).date()


async def queue(request: Request) -> Response:
    """Complaints of the officer's kecamatan, newest first (``?status=`` filters)."""
    wanted = request.query_params.get("status", "")
    status = wanted if wanted in STATUS_LABELS else None
    size = portal(request).settings.queue_limit

    def work(registry: Registry, actor: Actor) -> tuple[Actor, list[ComplaintView]]:
        return actor, registry.complaints.list(actor, status=status, limit=size)

    actor, views = await as_officer(request, work)
    context = {
        "actor": actor,
        "views": views,
        "status": status or "",
        "statuses": STATUS_LABELS,
        "today": _today(),
        "limit": size,
    }
    return render(request, "petugas_antrean.html", context)


def _detail_context(view: ComplaintView, **extra: Any) -> dict[str, Any]:
    choices = sorted(TRANSITIONS[ComplaintStatus(view.status)], key=list(ComplaintStatus).index)
    context = {
        "view": view,
        "choices": [c.value for c in choices],
        "today": _today(),
        "error": None,
        "note": "",
        "chosen": "",
    }
    context.update(extra)
    return context


async def detail(request: Request) -> Response:
    """One complaint of the officer's area with its history and the status form."""
    ticket = str(request.path_params["ticket"])[:40]
    try:
        view = await as_officer(request, lambda r, actor: r.complaints.get(actor, ticket))
    except (AccessDenied, TicketNotFound) as exc:
        raise _refused(exc) from None
    return render(request, "petugas_aduan.html", _detail_context(view))


async def change_status(request: Request) -> Response:
    """Move the complaint along the workflow; the library's refusal is shown on the page."""
    ticket = str(request.path_params["ticket"])[:40]
    form = await read_form(request)
    status, note = form.get("status", ""), form.get("note", "")
    version = form.get("version", "")
    expected = int(version) if version.isdigit() else None

    def work(registry: Registry, actor: Actor) -> tuple[ComplaintView, str | None, int]:
        service = registry.complaints
        try:
            changed = service.update(actor, ticket, status, note or None, expected_version=expected)
        except (IllegalTransition, ConflictError) as exc:  # the workflow, or a colleague
            return service.get(actor, ticket), exc.localized("id"), 409
        except ComplaintValidationError as exc:  # an unknown status, a note too long
            return service.get(actor, ticket), " ".join(e.message for e in exc.errors), 422
        return changed, None, 303

    try:
        view, error, code = await as_officer(request, work)
    except (AccessDenied, TicketNotFound) as exc:
        raise _refused(exc) from None
    if error is not None:
        context = _detail_context(view, error=error, note=note, chosen=status)
        return render(request, "petugas_aduan.html", context, status=code)
    request.session["flash"] = f"Status {view.ticket} kini: {STATUS_LABELS[view.status]}."
    return RedirectResponse(f"{HOME}/aduan/{view.ticket}", status_code=303)


# -- officer lookup -------------------------------------------------------------------


async def lookup_form(request: Request) -> Response:
    """The officer lookup form."""
    await as_officer(request, lambda registry, actor: None)
    return render(request, "petugas_cek.html", {"result": None, "error": None})


async def lookup(request: Request) -> Response:
    """The officer view of a person of the officer's area (names, family, sources)."""
    form = await read_form(request)
    nik = form.get("nik", "")
    try:
        result = await as_officer(request, lambda r, actor: r.complaints.officer_lookup(actor, nik))
    except InvalidNIK as exc:
        return render(
            request, "petugas_cek.html", {"result": None, "error": exc.localized("id")}, status=422
        )
    except AccessDenied as exc:
        return render(
            request, "petugas_cek.html", {"result": None, "error": exc.localized("id")}, status=403
        )
    return render(request, "petugas_cek.html", {"result": result, "error": None})
