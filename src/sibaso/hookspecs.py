"""The hooks a sibaso plugin can implement (pluggy, project name ``sibaso``).

A plugin is any module or object with functions decorated by :data:`hookimpl`. Built-in
adapters are plugins like any other; third-party ones are found through the ``sibaso``
entry-point group. Every hook is documented in ``docs/plugins.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("sibaso")
hookimpl = pluggy.HookimplMarker("sibaso")

__all__ = ["hookimpl", "hookspec"]


@hookspec
def register_programmes(register: Callable[..., Any]) -> None:
    """Add programmes or eras to the catalogue.

    ``register`` is :meth:`sibaso.core.lineages.Catalogue.register`; call it once per
    programme or era to add. Called once when the default catalogue is first built.
    """


@hookspec
def register_adapters(register: Callable[..., Any]) -> None:
    """Add source adapters.

    ``register`` takes one :class:`sibaso.adapters.layouts.adapter.Adapter` (or subclass
    instance); call it once per adapter. Called once when the adapter registry is first built.
    """


@hookspec(firstresult=True)
def claim_file(path: Any, headers: tuple[str, ...]) -> str | None:
    """Say which adapter reads this file, or None when it is not yours.

    ``path`` is the file's :class:`pathlib.Path`; ``headers`` the header texts found on its
    first sheet. Return the name of a registered adapter. The first non-None answer wins; when
    no plugin claims the file, sibaso picks the adapter whose signature headers match best.
    """


@hookspec
def complaint_changed(complaint: Any, event: Any, actor: Any) -> None:
    """A complaint was filed or changed status (called after the change is stored).

    ``complaint`` is the :class:`sibaso.core.model.Complaint` as it now is (ticket, phone,
    status, kecamatan, due date …); ``event`` a :class:`sibaso.complaints.ComplaintEvent`
    (``kind`` ``"filed"`` or ``"status-changed"``, ``from_status``, ``to_status``, ``note``,
    ``at``, ``actor``, ``version``); ``actor`` the :class:`sibaso.complaints.Actor` who acted.
    Use it to notify the reporter (SMS, WhatsApp) or a portal. An exception is logged, not
    raised: the change is already stored.
    """
