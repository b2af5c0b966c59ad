"""Redirects that never name a host: ``Location`` is always a path on this server.

Starlette (and so FastAPI) answers ``/cek/`` with a redirect to ``/cek`` built from the
``Host`` header the client sent: ``Host: evil.example`` gave ``http://evil.example/cek``, a
link to another site under this server's name (cache poisoning, phishing).
:class:`RelativeRedirects` keeps only the path and query of every ``Location``, and folds
leading slashes and backslashes into one so a browser cannot read it as ``//other.host``.

>>> relative_location("http://evil.example/cek?a=1")
'/cek?a=1'
>>> relative_location("/\\\\evil.example/x"), relative_location("/petugas")
('/evil.example/x', '/petugas')
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

__all__ = ["RelativeRedirects", "relative_location"]


def relative_location(location: str) -> str:
    """``location`` as a path (and query) on this server, whatever host it named."""
    parts = urlsplit(location.strip())
    path = "/" + parts.path.lstrip("/\\")
    return f"{path}?{parts.query}" if parts.query else path


class RelativeRedirects:
    """ASGI middleware: every ``Location`` header becomes :func:`relative_location`."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_relative(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (name, relative_location(value.decode("latin-1")).encode("latin-1"))
                    if name.lower() == b"location"
                    else (name, value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await self.app(scope, receive, send_relative)
