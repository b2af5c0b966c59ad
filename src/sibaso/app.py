"""The composition root: the one module that wires the registry, the complaint service and the
HTTP application together.

Services below it never import each other. The registry (population, lists, lookups) and
the complaint service (:mod:`sibaso.complaints`) are peers on the same store; the complaint
service depends only on narrow protocols — something that can look a NIK up
(:class:`~sibaso.complaints._ports.LookUp`) and something that names a NIK in the audit log
(:class:`~sibaso.complaints._ports.AuditSubjects`) — which this module fills with the
registry. ``registry.complaints`` keeps working: this module installs the factory the
registry calls the first time it is asked (importing :mod:`sibaso` imports this module).

Front ends start here: :func:`sibaso.open` is :func:`open_registry`; the command line,
``sibaso serve`` (:func:`create_app_from_env`), the example portal (:func:`registry_pool`)
and the example bot open their registries through it.

>>> from sibaso.app import open_registry
>>> with open_registry(":memory:") as registry:
...     registry.complaints.roster(Actor.system())
[]
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sibaso.complaints import ComplaintService, RosterReport
from sibaso.core.access import Actor
from sibaso.core.model import ComplaintCategory
from sibaso.registry import Registry, install_services
from sibaso.registry.pool import RegistryPool
from sibaso.store import open_store

__all__ = [
    "complaint_service",
    "create_app",
    "create_app_from_env",
    "load_roster",
    "open_registry",
    "registry_pool",
]


def complaint_service(
    registry: Registry,
    *,
    due_days: Mapping[ComplaintCategory | str, int] | None = None,
    clock: Callable[[], datetime.datetime] | None = None,
) -> ComplaintService:
    """The complaint service on a registry's store: officers' lookups go to
    ``registry.lookup``, NIKs are named in the audit log by ``registry.audit_subject``."""
    return ComplaintService(registry.store, registry, registry, due_days=due_days, clock=clock)


install_services(complaints=complaint_service)


def open_registry(target: str | Path = "sibaso.sqlite", *, create: bool = True) -> Registry:
    """Open the registry at ``target`` (a SQLite path, ``":memory:"`` or a
    ``postgresql://`` DSN), its complaint service wired (``registry.complaints``).

    ``create=False`` refuses a registry that does not exist yet
    (:class:`~sibaso.store.StoreUnavailable`): what every command but ``init``, ``ingest``
    and ``demo`` uses, so that a mistyped path never becomes a new, empty registry."""
    return Registry(open_store(target, create=create))


def open_existing(target: str | Path) -> Registry:
    """:func:`open_registry` with ``create=False`` (an opener for pools and servers)."""
    return open_registry(target, create=False)


def registry_pool(target: str | Path | Registry, size: int = 4) -> RegistryPool:
    """A pool of registries for a server process (one request per connection at a time),
    each opened by :func:`open_registry`."""
    return RegistryPool(target, size, opener=open_registry)


def load_roster(target: str | Path | Registry, path: str | Path) -> RosterReport:
    """Load a roster CSV into the registry at ``target`` (a path, DSN or open registry) as
    the database owner — what ``sibaso roster load`` does."""
    if isinstance(target, Registry):
        return target.complaints.load_roster(Actor.system(), path)
    with open_registry(target) as registry:
        return registry.complaints.load_roster(Actor.system(), path)


def create_app(target: Any = "sibaso.sqlite", *, settings: Any = None) -> Any:
    """The HTTP application (:func:`sibaso.http.create_app`) over registries opened here."""
    from sibaso.http import create_app as build

    return build(target, settings=settings, opener=open_registry)


def create_app_from_env() -> Any:
    """The application for ``uvicorn --factory`` (what ``sibaso serve`` starts in every
    worker): the registry named by ``SIBASO_DB``, settings from ``SIBASO_HTTP_*``."""
    import os

    from sibaso.http import Settings
    from sibaso.http import create_app as build

    # the server never creates a registry: a mistyped SIBASO_DB is refused, not made empty
    target = os.environ.get("SIBASO_DB", "sibaso.sqlite")
    return build(target, settings=Settings.from_env(), opener=open_existing)
