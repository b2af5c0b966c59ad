"""Refuse request bodies larger than a JSON request needs, before they are read into memory.

The ingest upload streams to disk under its own limit (``max_upload_bytes``); every other
endpoint takes a small JSON object, so anything above ``max_json_bytes`` is answered 413 at
once — a body announced as larger by ``Content-Length``, or a chunked one as soon as it grows
past the limit (at most that much is ever buffered).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sibaso.http._problems import Problem, problem_response

__all__ = ["BodyLimit"]


class BodyLimit:
    """ASGI middleware: 413 ``too-large`` for bodies above ``limit`` bytes outside ``exempt``."""

    def __init__(self, app: ASGIApp, *, limit: int, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.limit = limit
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.limit:
                await self._refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b""):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        while True:  # a chunked body: buffer up to the limit, then replay it
            message = await receive()
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if len(body) > self.limit:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit_kib = self.limit // 1024
        problem = Problem(
            413,
            "too-large",
            f"Isi permintaan lebih dari {limit_kib} KiB; permintaan ini hanya perlu data JSON "
            "kecil.",
            f"The request body is larger than {limit_kib} KiB; this request needs a small "
            "JSON object.",
        )
        response = problem_response(Request(scope, receive), problem)
        await response(scope, receive, send)
