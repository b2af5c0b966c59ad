"""The citizen's pages: Cek Bansos, the complaint (pengaduan, usul, sanggah) form and the
status check. NIKs arrive only in POST bodies; Cek Bansos and the status check never write
them back into the page (the complaint form keeps what was typed when a field is refused)."""

from __future__ import annotations

import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sibaso import InvalidNIK
from sibaso.complaints import (
    Actor,
    Complaint,
    ComplaintCategory,
    ComplaintValidationError,
    TicketNotFound,
)
from sibaso.nik import mask
from sibaso.registry import Registry
from sibaso_portal.texts import CATEGORY_LABELS, programme_choices
from sibaso_portal.web import limit, read_form, render, with_registry

__all__ = ["aduan", "aduan_done", "aduan_form", "cek", "cek_form", "home", "status", "status_form"]

CITIZEN = Actor.public("portal")
#: The complaint form's fields, in the order shown (names as ``ComplaintService.file``).
FIELDS = ("category", "programme", "subject_nik", "text", "reporter_nik", "reporter_name", "phone")


async def home(request: Request) -> Response:
    """The start page: the three things a citizen can do."""
    return render(request, "home.html")


# -- Cek Bansos -----------------------------------------------------------------------


async def cek_form(request: Request) -> Response:
    """The Cek Bansos form."""
    return render(request, "cek.html", {"result": None, "error": None})


async def cek(request: Request) -> Response:
    """The public, masked lookup of the NIK posted (every attempt counts for the limit)."""
    form = await read_form(request)
    limit(request, "cek")
    nik = form.get("nik", "")
    try:
        result = await with_registry(
            request, lambda registry: registry.lookup(nik, view="public", actor="portal")
        )
    except InvalidNIK as exc:
        return render(
            request, "cek.html", {"result": None, "error": exc.localized("id")}, status=422
        )
    return render(request, "cek.html", {"result": result, "error": None})


# -- complaints -----------------------------------------------------------------------


def _form_context(
    values: dict[str, str], errors: dict[str, str], other: list[str]
) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "other_errors": other,
        "categories": CATEGORY_LABELS,
        "programmes": programme_choices(),
    }


async def aduan_form(request: Request) -> Response:
    """The complaint form; ``?jenis=usul`` (a category, never personal data) preselects it."""
    category = request.query_params.get("jenis", "")
    values = {"category": category if category in CATEGORY_LABELS else ""}
    return render(request, "aduan.html", _form_context(values, {}, []))


async def aduan(request: Request) -> Response:
    """File the complaint; the library checks every field and the page shows each refusal
    beside its field. On success the ticket page follows (post/redirect/get)."""
    form = await read_form(request)
    limit(request, "aduan")
    values = {field: form.get(field, "") for field in FIELDS}
    given = {field: (value if value.strip() else None) for field, value in values.items()}

    def file(registry: Registry) -> Complaint:
        return registry.complaints.file(
            CITIZEN,
            channel="web",
            category=given["category"],
            programme=given["programme"],
            subject_nik=given["subject_nik"],
            text=given["text"],
            reporter_nik=given["reporter_nik"],
            reporter_name=given["reporter_name"],
            phone=given["phone"],
        )

    try:
        complaint = await with_registry(request, file)
    except ComplaintValidationError as exc:
        errors: dict[str, str] = {}
        other: list[str] = []
        for error in exc.errors:
            if error.field in FIELDS:
                errors.setdefault(error.field, error.message)
            else:
                other.append(error.message)
        return render(request, "aduan.html", _form_context(values, errors, other), status=422)
    request.session["filed"] = {
        "ticket": complaint.ticket,
        "category": complaint.category.value,
        "programme": complaint.programme,
        "due": complaint.due.isoformat() if complaint.due else None,
        "reporter": mask(complaint.reporter_nik.value),
        "sanggah": complaint.category is ComplaintCategory.SANGGAH,
    }
    return RedirectResponse("/aduan/terkirim", status_code=303)


async def aduan_done(request: Request) -> Response:
    """The ticket of the complaint just filed (shown once)."""
    filed = request.session.pop("filed", None)
    if not isinstance(filed, dict):
        return RedirectResponse("/aduan", status_code=303)
    due = datetime.date.fromisoformat(filed["due"]) if filed.get("due") else None
    return render(request, "aduan_terkirim.html", {"filed": filed, "due": due})


# -- status ---------------------------------------------------------------------------


async def status_form(request: Request) -> Response:
    """The status form: ticket and the reporter's NIK."""
    return render(request, "status.html", {"answer": None, "error": None, "ticket": ""})


async def status(request: Request) -> Response:
    """Status and history of a ticket, for whoever holds the ticket and the reporter's NIK.
    An unknown ticket and a wrong NIK get the same answer."""
    form = await read_form(request)
    limit(request, "status")
    ticket = form.get("ticket", "")[:40]
    nik = form.get("nik", "")
    try:
        answer = await with_registry(
            request, lambda registry: registry.complaints.status(CITIZEN, ticket, nik)
        )
    except TicketNotFound as exc:
        error = exc.localized("id") + " Periksa kembali nomor tiket dan NIK pelapor."
        context = {"answer": None, "error": error, "ticket": ticket}
        return render(request, "status.html", context, status=404)
    return render(request, "status.html", {"answer": answer, "error": None, "ticket": ""})
