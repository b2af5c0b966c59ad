"""The ``/v1`` endpoints: thin calls into the registry and the complaint service.

Every rule (masking, who may see which complaint, which status change is allowed) lives in
the library; an endpoint only authenticates, picks a registry connection and translates.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sibaso.__about__ import __version__
from sibaso.complaints import Actor, Complaint
from sibaso.core import nik as nik_rules
from sibaso.core import wilayah
from sibaso.core.labels import programme_description
from sibaso.core.privacy import mask_nik
from sibaso.http._problems import MEDIA_TYPE, Problem, language, recent_store_fault
from sibaso.http._ratelimit import client_address
from sibaso.http._schemas import ComplaintBody, NikBody, NikCheckBody, StatusBody, UpdateBody
from sibaso.http.tokens import authenticate, token_key
from sibaso.registry import Registry
from sibaso.registry.pool import RegistryPool

__all__ = ["router"]

_PROBLEM = {"content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    described = {
        401: "Token petugas tidak ada atau tidak sah",
        403: "Peran atau wilayah petugas tidak mengizinkan",
        404: "Tidak ditemukan",
        409: "Konflik (diubah petugas lain, atau perubahan status tidak diizinkan)",
        413: "Berkas terlalu besar",
        422: "Data tidak sah",
        429: "Terlalu banyak permintaan (lihat Retry-After)",
    }
    out: dict[int | str, dict[str, Any]] = {
        code: {"description": described[code], **_PROBLEM} for code in codes
    }
    if 429 in codes:
        out[429]["headers"] = {
            "Retry-After": {
                "description": "Detik sampai boleh mencoba lagi",
                "schema": {"type": "integer"},
            }
        }
    return out


bearer = HTTPBearer(auto_error=False, description="Token petugas dari `sibaso token issue`.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
router = APIRouter(prefix="/v1")
# a token is optional here: citizens file without one, officers file at the counter with one
OPTIONAL_TOKEN: dict[str, Any] = {"security": [{}, {"HTTPBearer": []}]}


def _client(request: Request) -> str:
    settings = request.app.state.settings
    return client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for") if settings.trust_forwarded_for else (),
        trusted_proxies=settings.trusted_proxies,
    )


def _too_many(wait: float) -> Problem:
    seconds = str(max(1, int(wait)))
    return Problem(
        429,
        "rate-limited",
        f"Terlalu banyak permintaan; coba lagi dalam {seconds} detik.",
        f"Too many requests; try again in {seconds} second{'' if seconds == '1' else 's'}.",
        headers={"Retry-After": seconds},
    )


async def rate_limited(request: Request) -> None:
    """Spend one token of the client's bucket, or answer 429 with Retry-After."""
    wait = request.app.state.limiter.take(_client(request))
    if wait:
        raise _too_many(wait)


RateLimited = Depends(rate_limited)


def _officer(
    registry: Registry,
    credentials: HTTPAuthorizationCredentials | None,
    request: Request | None,
) -> Actor:
    """The roster officer behind the bearer token, or a 401 problem.

    With the ``request``, each token spends from its own bucket of the officer limit (429
    beyond it), and a token that is not valid spends from the client's public bucket, so
    guessing tokens is as slow as guessing NIKs. ``None`` re-checks without spending.
    """
    actor = None
    given = credentials is not None and credentials.scheme.lower() == "bearer"
    if given:
        assert credentials is not None
        actor = authenticate(registry, credentials.credentials)
    if request is not None:
        if actor is None:
            wait = request.app.state.limiter.take(_client(request))
        else:
            assert credentials is not None
            wait = request.app.state.officer_limiter.take(token_key(credentials.credentials))
        if wait:
            raise _too_many(wait)
    if actor is None:
        raise Problem(
            401,
            "unauthorized",
            "Token petugas tidak ada, tidak dikenal, sudah dicabut atau kedaluwarsa.",
            "The officer token is missing, unknown, revoked or expired.",
            headers={"WWW-Authenticate": 'Bearer realm="sibaso"'},
        )
    return actor


def _pool(request: Request) -> RegistryPool:
    pool: RegistryPool = request.app.state.pool
    return pool


# -- public ----------------------------------------------------------------------------


@router.get(
    "/health",
    tags=["umum"],
    summary="Status layanan",
    responses={503: {"description": "Basis data tidak dapat dipakai", **_PROBLEM}},
)
def health(request: Request) -> dict[str, Any]:
    """``ok`` when the database answers and can be written; else 503 with a problem naming
    the fault (``store-read-only``, ``store-full``, ``store-unreachable`` …). Runs in a worker
    thread: a probe never holds up the event loop."""
    recent = recent_store_fault(request.app)
    with _pool(request).registry() as registry:
        registry.store.ping()
        registry.store.check_writable()
        dialect = registry.store.dialect
    if recent is not None:  # a write failed a moment ago (a full disk passes the probe)
        raise recent
    return {"status": "ok", "version": __version__, "database": dialect}


@router.post(
    "/nik/check",
    tags=["umum"],
    summary="Periksa NIK",
    dependencies=[RateLimited],
    responses=_responses(422, 429),
)
async def nik_check(body: NikCheckBody, request: Request) -> dict[str, Any]:
    """Whether the NIK follows the Dukcapil rules; birth date, sex and region when it does."""
    result = nik_rules.verdict(body.nik, strict=body.strict, lang=language(request))
    result.pop("input", None)  # never echo what the client typed
    if result.get("nik"):  # the caller has the NIK it sent: answer with the public form
        result["nik"] = mask_nik(result["nik"])
    return result


@router.post(
    "/lookup",
    tags=["umum"],
    summary="Cek bansos (publik, disamarkan)",
    dependencies=[RateLimited],
    responses=_responses(422, 429),
)
async def public_lookup(body: NikBody, request: Request) -> dict[str, Any]:
    """Programmes reaching the NIK — itself, its family or household — names and NIKs masked."""
    # run on the event loop: a lookup is one indexed read (~0.1 ms), cheaper than the hop
    # to a worker thread; slow work (ingest) runs in threads with their own connections
    with _pool(request).loop_registry() as registry:
        return registry.lookup(body.nik, view="public", actor="http-public").to_dict()


@router.get("/programmes", tags=["umum"], summary="Katalog program dengan nama lama")
async def programmes(request: Request) -> list[dict[str, Any]]:
    """Every programme lineage: current name, former names (Raskin → Sembako …) and eras; the
    description in the language of ``Accept-Language`` (Bahasa Indonesia by default)."""
    from sibaso.programmes import default_catalogue

    lang = language(request)
    return [
        {
            "code": p.code,
            "name": p.current_name,
            "former_names": list(p.former_names),
            "names": list(p.names),
            "description": programme_description(p.code, p.description, lang),
            "eras": [
                {
                    "name": era.name,
                    "aliases": list(era.aliases),
                    "basis": era.basis.value,
                    "start": start.isoformat() if start else None,
                    "end": end.isoformat() if end else None,
                }
                for era, start, end in p.spans()
            ],
        }
        for p in default_catalogue()
    ]


def _filed(complaint: Complaint, *, staff: bool) -> dict[str, Any]:
    """The answer to a filing. Where the complaint was routed comes from the population data
    (the kecamatan a resident is registered in), so only an officer filing at the counter
    is told; a public answer is the same for a resident and for a stranger."""
    answer: dict[str, Any] = {
        "ticket": complaint.ticket,
        "status": complaint.status.value,
        "category": complaint.category.value,
        "channel": complaint.channel.value,
        "programme": complaint.programme,
        "filed_at": complaint.filed_at.isoformat() if complaint.filed_at else None,
        "due": complaint.due.isoformat() if complaint.due else None,
        "version": complaint.version,
    }
    if staff:
        region = wilayah.lookup(complaint.kecamatan or "")
        answer["kecamatan"] = complaint.kecamatan
        answer["kecamatan_name"] = region.name if region else None
    return answer


@router.post(
    "/complaints",
    tags=["pengaduan"],
    summary="Ajukan pengaduan, usul atau sanggah",
    status_code=201,
    dependencies=[RateLimited],
    responses=_responses(401, 403, 422, 429),
    openapi_extra=OPTIONAL_TOKEN,
)
def file_complaint(
    body: ComplaintBody, request: Request, credentials: Credentials
) -> dict[str, Any]:
    """Filed by a citizen, or — with an officer token — at the counter for a walk-in."""
    with _pool(request).registry() as registry:
        actor = _officer(registry, credentials, request) if credentials else Actor.public()
        complaint = registry.complaints.file(
            actor,
            reporter_nik=body.reporter_nik,
            reporter_name=body.reporter_name,
            phone=body.phone,
            category=body.category,
            text=body.text,
            programme=body.programme,
            subject_nik=body.subject_nik,
            channel=body.channel,
            attachments=[a.as_dict() for a in body.attachments],
        )
    return _filed(complaint, staff=actor.is_staff)


@router.post(
    "/complaints/status",
    tags=["pengaduan"],
    summary="Status pengaduan (tiket + NIK pelapor)",
    dependencies=[RateLimited],
    responses=_responses(404, 422, 429),
)
def complaint_status(body: StatusBody, request: Request) -> dict[str, Any]:
    """Status, dates and history; an unknown ticket and a wrong NIK get the same 404."""
    with _pool(request).registry() as registry:
        answer = registry.complaints.status(Actor.public(), body.ticket, body.reporter_nik)
    return answer.to_dict()


# -- staff -----------------------------------------------------------------------------


@router.post(
    "/officer/lookup",
    tags=["petugas"],
    summary="Cek bansos (petugas, dalam wilayahnya)",
    responses=_responses(401, 403, 422, 429),
)
def officer_lookup(body: NikBody, request: Request, credentials: Credentials) -> dict[str, Any]:
    """The officer view (names, family, sources) of a person of the officer's kecamatan."""
    with _pool(request).registry() as registry:
        actor = _officer(registry, credentials, request)
        return registry.complaints.officer_lookup(actor, body.nik).to_dict()


Status = Literal["diterima", "diverifikasi", "diteruskan", "selesai", "ditolak"]
Category = Literal[
    "data-tidak-sesuai", "usul", "sanggah", "bantuan-tidak-diterima", "pelayanan", "lainnya"
]


@router.get(
    "/officer/complaints",
    tags=["petugas"],
    summary="Antrean pengaduan di wilayah petugas",
    responses=_responses(401, 403, 422, 429),
)
def complaint_queue(
    request: Request,
    credentials: Credentials,
    status: Status | None = None,
    kecamatan: Annotated[str | None, Query(max_length=20, examples=["12.05.07"])] = None,
    category: Category | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[dict[str, Any]]:
    """Complaints the officer may see, newest first."""
    with _pool(request).registry() as registry:
        actor = _officer(registry, credentials, request)
        views = registry.complaints.list(
            actor,
            status=status,
            kecamatan=kecamatan,
            category=category,
            limit=limit,
            offset=offset,
        )
    return [v.to_dict() for v in views]


@router.get(
    "/officer/complaints/{ticket}",
    tags=["petugas"],
    summary="Satu pengaduan dengan riwayatnya",
    responses=_responses(401, 403, 404, 422, 429),
)
def complaint_detail(ticket: str, request: Request, credentials: Credentials) -> dict[str, Any]:
    """One complaint of the officer's area, with its history and ``version``."""
    with _pool(request).registry() as registry:
        actor = _officer(registry, credentials, request)
        return registry.complaints.get(actor, ticket[:40]).to_dict()


@router.post(
    "/officer/complaints/{ticket}/status",
    tags=["petugas"],
    summary="Ubah status pengaduan",
    responses=_responses(401, 403, 404, 409, 422, 429),
)
def complaint_update(
    ticket: str, body: UpdateBody, request: Request, credentials: Credentials
) -> dict[str, Any]:
    """Move the complaint along the workflow; 409 when someone else changed it first."""
    with _pool(request).registry() as registry:
        actor = _officer(registry, credentials, request)
        view = registry.complaints.update(
            actor, ticket[:40], body.status, body.note, expected_version=body.expected_version
        )
    return view.to_dict()


@router.get(
    "/recap",
    tags=["petugas"],
    summary="Rekap per kecamatan × program",
    responses=_responses(401, 429),
    openapi_extra=OPTIONAL_TOKEN,
)
def recap(
    request: Request,
    credentials: Credentials,
    by: Literal["kecamatan", "desa"] = "kecamatan",
) -> list[dict[str, Any]]:
    """Active enrolments per kecamatan (or desa) and programme."""
    import attrs

    with _pool(request).registry() as registry:
        if not request.app.state.settings.public_recap:
            _officer(registry, credentials, request)
        rows = registry.recap(by=by)
    return [attrs.asdict(r) for r in rows]


Finding = Literal["above-threshold", "deceased", "not-in-dtsen", "eligible-not-enrolled"]


@router.get(
    "/officer/audit",
    tags=["petugas"],
    summary="Audit sasaran terhadap DTSEN (temuan di wilayah petugas)",
    responses=_responses(401, 403, 422),
)
def targeting_audit(
    request: Request,
    credentials: Credentials,
    programme: Annotated[str | None, Query(max_length=40, examples=["PKH"])] = None,
    finding: Finding | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Findings of the targeting audit in the kecamatan the officer serves (desil is officer
    data): ``{findings, summary, total, edition, rules}``; rules from ``SIBASO_RULES``, else
    the built-ins."""
    with _pool(request).registry() as registry:
        actor = _officer(registry, credentials, request)
        result = registry.audit(actor=actor)
    data: dict[str, Any] = result.to_dict()
    rows = [
        f
        for f in data["findings"]
        if (programme is None or f["programme"] == programme.upper())
        and (finding is None or f["finding"] == finding)
    ]
    data["total"] = len(rows)
    data["findings"] = rows[offset : offset + limit]
    return data


def _staff_guard(
    registry: Registry,
    credentials: HTTPAuthorizationCredentials | None,
    request: Request | None,
) -> Actor:
    actor = _officer(registry, credentials, request)
    if actor.kind not in ("operator", "admin"):
        raise Problem(
            403,
            "access-denied",
            "Hanya operator atau admin Dinas Sosial yang boleh mengunggah daftar.",
            "Only Dinas Sosial operators or admins may upload lists.",
        )
    return actor
