"""A small mobile-first web portal for sibaso, in Bahasa Indonesia.

``create_app(db_target, settings=Settings())`` builds the ASGI application (Starlette and
Jinja2; ``pip install "sibaso[portal]"``): Cek Bansos by NIK (the public, masked view), the
complaint / usul / sanggah form with its ticket, the status check by ticket and NIK, and an
officer area (log in with a token from ``sibaso token issue``; the queue of the officer's
kecamatan, status changes, officer lookup). Every rule is the library's; the portal only
renders forms and answers. No JavaScript; NIKs travel only in POST bodies.
"""

from __future__ import annotations

from sibaso_portal.app import create_app
from sibaso_portal.settings import Settings

__all__ = ["Settings", "create_app"]
