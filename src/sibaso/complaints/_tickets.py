"""Ticket numbers: 8 characters in two groups (``K7QM-3XH9``), readable aloud.

The alphabet has no ``0``/``O``, ``1``/``I``/``L`` (confused when read or written) and no
``U``; 30 symbols, 8 of them drawn with :mod:`secrets`: 30⁸ ≈ 6.6 × 10¹¹ tickets, so a
ticket cannot be guessed from another one, and a status check needs the reporter's NIK too.

>>> t = new_ticket()
>>> len(t), t[4], is_ticket(t)
(9, '-', True)
>>> normalise_ticket(" k7qm 3xh9 ")
'K7QM-3XH9'
>>> normalise_ticket("K7QM-3XH0") is None
True
"""

from __future__ import annotations

import secrets

__all__ = ["ALPHABET", "is_ticket", "new_ticket", "normalise_ticket"]

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_SET = frozenset(ALPHABET)


def new_ticket() -> str:
    """A fresh random ticket ``XXXX-XXXX``."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_ticket(text: object) -> str | None:
    """The ticket as stored (upper case, one hyphen), or None when it cannot be one."""
    if not isinstance(text, str):
        return None
    chars = "".join(c for c in text.upper() if c not in " -.\t")
    if len(chars) != 8 or not set(chars) <= _SET:
        return None
    return f"{chars[:4]}-{chars[4:]}"


def is_ticket(text: object) -> bool:
    """Does ``text`` have the shape of a ticket?"""
    return normalise_ticket(text) is not None
