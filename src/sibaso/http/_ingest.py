"""``POST /v1/operator/ingest``: an operator uploads one programme file.

The body is the file itself (``Content-Type: application/octet-stream``), streamed to a
temporary file and refused with 413 past ``Settings.max_upload_bytes``; the answer is the
ingest report (every row accounted for). With ``Settings.upload_dir`` the file is kept
there (as ``<UTC time>-<name>``), so the registry's source path names a file that exists.
The file name (for the reader's format detection) and the programme, period and decree
come as query parameters: none of them is personal.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import Query, Request
from starlette.concurrency import run_in_threadpool

from sibaso.core.model import Period
from sibaso.http._problems import Problem, language
from sibaso.http._routes import Credentials, _responses, _staff_guard, router
from sibaso.registry.pool import RegistryPool

__all__ = ["ingest_upload"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _too_large(limit: int) -> Problem:
    mib = f"{limit / (1024 * 1024):.1f}"
    return Problem(
        413,
        "too-large",
        f"Berkas melebihi batas {mib} MiB.",
        f"The file exceeds the {mib} MiB limit.",
        limit=limit,
    )


@router.post(
    "/operator/ingest",
    tags=["operator"],
    summary="Unggah dan simpan satu daftar program",
    responses=_responses(401, 403, 413, 422, 429),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def ingest_upload(
    request: Request,
    credentials: Credentials,
    filename: Annotated[str, Query(min_length=1, max_length=200, examples=["pkh_2024.csv"])],
    programme: Annotated[str | None, Query(max_length=100)] = None,
    period: Annotated[str | None, Query(max_length=20, examples=["2024"])] = None,
    decree: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Store one file (CSV, XLSX, XLS, ODS … as ``sibaso ingest``); the ingest report."""
    pool: RegistryPool = request.app.state.pool
    limit = request.app.state.settings.max_upload_bytes

    def authorise() -> None:
        with pool.registry() as registry:
            _staff_guard(registry, credentials, request)

    await run_in_threadpool(authorise)
    if period is not None:
        try:
            Period.parse(period)
        except ValueError as exc:
            raise Problem(
                422,
                "invalid-period",
                f"Periode {period!r} tidak dikenal: tahun, TAHUN-Q1..Q4 atau TAHUN-T<tahap>.",
                str(exc),
            ) from None
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    name = _UNSAFE.sub("_", Path(filename).name).strip("._") or "upload"
    folder = Path(tempfile.mkdtemp(prefix="sibaso-upload-"))
    try:
        path = folder / name
        size = 0
        with path.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                out.write(chunk)
        if size == 0:
            raise Problem(
                422, "empty", "Berkas kosong.", "The file is empty.", kind="unreadable-file"
            )
        keep = request.app.state.settings.upload_dir
        if keep:
            stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            kept = Path(keep) / f"{stamp}-{name}"
            kept.parent.mkdir(parents=True, exist_ok=True)
            path = Path(shutil.move(path, kept))

        lang = language(request)

        def store() -> dict[str, Any]:
            with pool.registry() as registry:
                actor = _staff_guard(registry, credentials, None)  # still active after the upload
                report = registry.ingest(path, programme=programme, period=period, decree=decree)
                data: dict[str, Any] = report.to_dict(lang=lang)
                data["uploaded_by"] = actor.id
                return data

        return await run_in_threadpool(store)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
