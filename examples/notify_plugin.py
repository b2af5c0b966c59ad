"""Example plugin: tell the reporter by SMS or WhatsApp when their complaint changes.

Nothing is sent here: messages go to ``OUTBOX`` (a list), where a real deployment would put
them on a queue that a worker drains into an SMS or WhatsApp gateway. Sending inline would
make every filing and status change wait for the gateway.

Register it for one process::

    from sibaso.plugins import get_plugin_manager
    import notify_plugin
    get_plugin_manager().register(notify_plugin)

or for every process, through the ``sibaso`` entry-point group of your package::

    [project.entry-points.sibaso]
    notify = "my_kabupaten.notify_plugin"
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sibaso.hookspecs import hookimpl


class Message(NamedTuple):
    """One message to send."""

    to: str
    text: str


#: Messages waiting to be sent (a queue in a real deployment).
OUTBOX: list[Message] = []

_WORDS = {
    "diterima": "sudah kami terima",
    "diverifikasi": "sedang diverifikasi petugas",
    "diteruskan": "diteruskan ke Dinas Sosial",
    "selesai": "selesai ditangani",
    "ditolak": "tidak dapat ditindaklanjuti",
}


@hookimpl
def complaint_changed(complaint: Any, event: Any, actor: Any) -> None:
    """Queue a short message in Bahasa Indonesia for the reporter's phone."""
    if not complaint.phone:  # a walk-in citizen without a phone: the officer tells them
        return
    text = f"Pengaduan {complaint.ticket}: {event.to_status} - {_WORDS[event.to_status]}."
    if event.kind == "filed":
        text += f" Batas waktu penanganan {complaint.due:%d-%m-%Y}."
    if event.note:
        text += f" Catatan: {event.note}"
    text += " Cek status dengan nomor tiket dan NIK Anda."
    OUTBOX.append(Message(to=complaint.phone, text=text[:480]))
