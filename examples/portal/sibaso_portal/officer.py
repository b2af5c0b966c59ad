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
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

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
from sibaso.http import authenticate, token_id, token_status
from sibaso.registry import Registry
from sibaso_portal.texts import STATUS_LABELS
from sibaso_portal.web import PageError, limit, portal, read_form, render, with_registry

__all__ = [
    "LoginRequired",
    "change_status",
    "detail",
    "login",
    "login_form",
    "logout",
    "lookup",
    "lookup_form",
    "queue",
]

T = TypeVar("T")
HOME = "/petugas"
LOGIN = "/petugas/masuk"


class LoginRequired(Exception):
    """No officer is logged in (or the login has expired): go to the login page."""


class TokenRevoked(Exception):
    """The token this session logged in with has been revoked since."""


def logged_in(request: Request) -> str | None:
    """The id of the officer logged in by this session; None (and the session ended) when
    nobody is or the login is older than ``officer_session_minutes``."""
    session = request.session
    officer, since = session.get("officer"), session.get("login_at")
    lifetime = portal(request).settings.officer_session_minutes * 60
    if isinstance(officer, str) and isinstance(since, int) and 0 <= time.time() - since < lifetime:
        return officer
    if officer:
        _end_session(request, "Sesi petugas Anda sudah berakhir; silakan masuk lagi.")
    return None


def _end_session(request: Request, message: str) -> None:
    request.session.clear()
    request.session["flash"] = message


async def as_officer(request: Request, work: Callable[[Registry, Actor], T]) -> T:
    """Run ``work(registry, actor)`` for the logged-in officer, read from the roster now:
    an officer who left the roster is logged out at once."""
    officer_id = logged_in(request)
    if officer_id is None:
        raise LoginRequired()
    used_token = request.session.get("token_id")

    def checked(registry: Registry) -> T:
        status = token_status(registry, used_token) if isinstance(used_token, int) else ""
        if status == "officer-inactive":
            raise UnknownOfficer(officer_id)
        if status != "active":
            raise TokenRevoked()
        return work(registry, registry.complaints.actor(officer_id))

    try:
        return await with_registry(request, checked)
    except UnknownOfficer:
        _end_session(request, "Anda tidak lagi terdaftar sebagai petugas aktif.")
        raise LoginRequired() from None
    except TokenRevoked:
        _end_session(
            request, "Token Anda sudah dicabut atau kedaluwarsa; silakan masuk dengan token baru."
        )
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
    """Check the token; on success a fresh session holds the officer's id (never the token)."""
    form = await read_form(request)
    limit(request, "masuk")
    token = form.get("token", "").strip()
    error: str | None

    def check(registry: Registry) -> tuple[Actor | None, int | None]:
        return authenticate(registry, token), token_id(registry, token)

    used: int | None = None
    try:
        actor, used = await with_registry(request, check)
    except UnknownOfficer:
        actor, error = None, "Token ini milik petugas yang tidak lagi terdaftar aktif."
    else:
        error = "Token tidak dikenal, sudah dicabut atau kedaluwarsa." if actor is None else None
    if actor is None:
        return render(request, "petugas_masuk.html", {"error": error}, status=401)
    request.session.clear()
    request.session.update(
        csrf=secrets.token_urlsafe(32),
        officer=actor.id,
        token_id=used,
        officer_name=actor.name or actor.id,
        login_at=int(time.time()),
        flash=f"Selamat datang, {actor.name or actor.id}.",
    )
    return RedirectResponse(HOME, status_code=303)


async def logout(request: Request) -> Response:
    """End the session (a POST with the CSRF token, so no other site can log you out)."""
    await read_form(request)
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
