"""``Bot.handle(conversation_id, text)``: one incoming message in, the reply messages out."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from sibaso.complaints import Actor, Complaint, TicketNotFound, normalise_ticket
from sibaso.core.errors import InvalidNIK, SibasoError
from sibaso.registry import Registry
from sibaso_bot.dialogue import Draft, Question, advance
from sibaso_bot.limits import Limits, RateLimiter
from sibaso_bot.replies import filed_reply, lookup_reply, status_reply
from sibaso_bot.texts import (
    FIELD_LABELS,
    HELP,
    PROMPTS,
    SHORT_HELP,
    category_choices,
    parse_category,
    wait_text,
)

__all__ = ["Bot"]

COMMANDS = frozenset({"CEK", "ADUAN", "STATUS", "BANTUAN", "HELP", "START", "BATAL"})
STATUS_ACTOR = Actor.public("bot")


def _split(text: str) -> tuple[str, str]:
    """``("CEK", "1205…")`` from ``"cek 1205…"`` or Telegram's ``"/cek@namabot 1205…"``."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    command = parts[0].lstrip("/").split("@", 1)[0].upper()
    return command, parts[1].strip() if len(parts) > 1 else ""


class Bot:
    """A chat-bot over a registry, independent of any messaging vendor.

    ``clock`` returns seconds (monotonic); ``limits`` sets the rate limits and the dialogue
    timeout. State (ADUAN drafts, rate counters) lives in memory, per conversation id: run
    one ``Bot`` per process. ``handle`` is safe to call from several threads.
    """

    def __init__(
        self,
        registry: Registry,
        *,
        clock: Callable[[], float] = time.monotonic,
        limits: Limits | None = None,
    ) -> None:
        self.registry = registry
        self.clock = clock
        self.limits = limits or Limits()
        self._limiters = {
            "CEK": RateLimiter(self.limits.cek, self.limits.window),
            "STATUS": RateLimiter(self.limits.status, self.limits.window),
            "ADUAN": RateLimiter(self.limits.aduan, self.limits.window),
        }
        self._drafts: dict[str, Draft] = {}
        self._lock = threading.Lock()
        self._next_sweep = 0.0

    def handle(self, conversation_id: str, text: str) -> list[str]:
        """Answer one message of one conversation; returns the reply messages."""
        with self._lock:
            now = self.clock()
            self._sweep(now)
            command, rest = _split(text)
            draft = self._drafts.get(conversation_id)
            if draft is not None and draft.expires_at <= now:
                del self._drafts[conversation_id]
                expired = (
                    "Pengaduan yang sedang Anda isi dibatalkan karena lama tidak dijawab; "
                    "data yang belum terkirim sudah dihapus. Kirim ADUAN untuk mulai lagi."
                )
                if command in COMMANDS - {"BATAL"}:
                    return [expired, *self._command(conversation_id, command, rest, now)]
                return [expired]
            if draft is not None:
                return self._answer(conversation_id, draft, command, text, now)
            return self._command(conversation_id, command, rest, now)

    # -- commands -----------------------------------------------------------------------

    def _command(self, cid: str, command: str, rest: str, now: float) -> list[str]:
        if command in ("BANTUAN", "HELP", "START"):
            return [HELP]
        if command == "BATAL":
            return ["Tidak ada pengaduan yang sedang diisi."]
        if command == "CEK":
            return self._cek(cid, rest, now)
        if command == "STATUS":
            return self._status(cid, rest, now)
        if command == "ADUAN":
            return self._aduan(cid, rest, now)
        return [SHORT_HELP]

    def _limited(self, command: str, cid: str, now: float) -> str | None:
        wait = self._limiters[command].hit(cid, now)
        if not wait:
            return None
        count = getattr(self.limits, command.lower())
        window = wait_text(int(self.limits.window))
        return (
            f"Batas {command} tercapai: paling banyak {count} kali tiap {window} untuk "
            f"melindungi data pribadi warga. Silakan coba lagi dalam {wait_text(wait)}."
        )

    def _cek(self, cid: str, rest: str, now: float) -> list[str]:
        if not rest:
            return ["Tulis: CEK <NIK>, misalnya CEK 1205xxxxxxxxxxxx (16 angka)."]
        refused = self._limited("CEK", cid, now)
        if refused:
            return [refused]
        try:
            result = self.registry.lookup(rest, actor="bot")
        except InvalidNIK as exc:
            return [f"NIK tidak sah: {exc.localized('id')}"]
        return [lookup_reply(result)]

    def _status(self, cid: str, rest: str, now: float) -> list[str]:
        words = rest.split()
        if len(words) < 2:
            return ["Tulis: STATUS <nomor tiket> <NIK pelapor>, misalnya STATUS K7QM-3XH9 1205…"]
        refused = self._limited("STATUS", cid, now)
        if refused:
            return [refused]
        ticket, nik = words[0], "".join(words[1:])
        if normalise_ticket(ticket) is None and len(words) > 2:  # "K7QM 3XH9 1205…"
            ticket, nik = words[0] + words[1], "".join(words[2:])
        try:
            answer = self.registry.complaints.status(STATUS_ACTOR, ticket, nik)
        except TicketNotFound as exc:
            return [exc.localized("id") + " Periksa kembali nomor tiket dan NIK pelapor."]
        return [status_reply(answer)]

    def _aduan(self, cid: str, rest: str, now: float) -> list[str]:
        refused = self._limited("ADUAN", cid, now)
        if refused:
            return [refused]
        draft = Draft(expires_at=now + self.limits.dialogue_timeout)
        words = rest.split()
        for size in (3, 2, 1):  # "bantuan tidak diterima …", "belum terdaftar …", "usul …"
            category = parse_category(" ".join(words[:size])) if len(words) >= size else None
            if category is not None:
                draft.values["category"] = category.value
                rest = " ".join(rest.split(maxsplit=size)[size:])
                break
        if rest:
            draft.values["text"] = rest
        self._drafts[cid] = draft
        return self._step(cid, draft, now)

    # -- the ADUAN dialogue -------------------------------------------------------------

    def _answer(self, cid: str, draft: Draft, command: str, text: str, now: float) -> list[str]:
        if command == "BATAL" and len(text.split()) == 1:
            del self._drafts[cid]
            return ["Pengaduan dibatalkan; data yang Anda kirim sudah dihapus."]
        field = draft.asking or "text"
        if command in ("BANTUAN", "HELP") and len(text.split()) == 1:
            return [HELP, self._prompt(field)]
        answer = text.strip()
        draft.expires_at = now + self.limits.dialogue_timeout
        if not answer:
            return [self._prompt(field)]
        if field == "category":
            category = parse_category(answer)
            if category is None:
                return ["Kategori belum dikenali.", category_choices()]
            answer = category.value
        draft.values[field] = answer
        return self._step(cid, draft, now)

    def _step(self, cid: str, draft: Draft, now: float) -> list[str]:
        try:
            outcome = advance(self.registry.complaints, draft)
        except SibasoError as exc:
            del self._drafts[cid]
            message = exc.localized("id") if hasattr(exc, "localized") else str(exc)
            return [f"Maaf, pengaduan tidak dapat disimpan: {message}"]
        if isinstance(outcome, Complaint):
            del self._drafts[cid]
            return [filed_reply(outcome)]
        return self._ask(draft, outcome)

    def _ask(self, draft: Draft, question: Question) -> list[str]:
        draft.asking = question.field
        draft.values.pop(question.field, None)
        prompt = self._prompt(question.field)
        if question.error is None:
            return [prompt]
        label = FIELD_LABELS.get(question.field, question.field)
        return [f"{label} belum benar: {question.error.message}\n{prompt}"]

    @staticmethod
    def _prompt(field: str) -> str:
        if field == "category":
            return category_choices() + "\n(Kirim BATAL untuk membatalkan.)"
        return PROMPTS[field] + " (Kirim BATAL untuk membatalkan.)"

    def _sweep(self, now: float) -> None:
        """Forget long-expired drafts and idle rate counters, at most once a minute.

        A draft is kept one more timeout after it expires, so that its owner is told.
        """
        if now < self._next_sweep:
            return
        self._next_sweep = now + 60.0
        grace = self.limits.dialogue_timeout
        for cid in [c for c, d in self._drafts.items() if d.expires_at + grace <= now]:
            del self._drafts[cid]
        for limiter in self._limiters.values():
            limiter.sweep(now)
