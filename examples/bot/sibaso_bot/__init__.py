"""A chat-bot for sibaso, independent of any messaging vendor.

``Bot(registry).handle(conversation_id, text)`` takes one incoming message and returns the
reply messages (Bahasa Indonesia, NIKs masked). Commands: ``CEK <NIK>``,
``ADUAN <kategori> <teks>``, ``STATUS <tiket> <NIK>``, ``BANTUAN`` and ``BATAL``.
Adapters for a messenger (``sibaso_bot.telegram``) only pass messages through.
"""

from __future__ import annotations

from sibaso_bot.handler import Bot
from sibaso_bot.limits import Limits, RateLimiter

__all__ = ["Bot", "Limits", "RateLimiter"]
