"""Exceptions raised by sibaso.

Every validation problem is a :class:`ValidationError` (a :class:`ValueError`) carrying a short
machine-readable ``code`` and a plain-words message. Whole-file failures while reading a source
are :class:`SourceError`. Row-level problems are never exceptions: they are collected as data in
the read report.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = [
    "InvalidKK",
    "InvalidNIK",
    "SibasoError",
    "SourceError",
    "UnknownProgramme",
    "ValidationError",
    "ValidationWarning",
]


class SibasoError(Exception):
    """Base class of every exception sibaso raises on purpose."""


class ValidationError(SibasoError, ValueError):
    """A value does not follow the rules; ``code`` names which rule, ``message`` says it plainly.

    ``message_id`` holds the Bahasa Indonesia message when one exists, so that front ends for
    citizens can show it; ``str(exc)`` is the English message.
    """

    code: str = "invalid"
    default_message = "The value is not valid."

    def __init__(
        self, message: str | None = None, *, code: str | None = None, message_id: str | None = None
    ) -> None:
        if code is not None:
            self.code = code
        self.message = message or self.default_message
        self.message_id = message_id or self.message
        super().__init__(self.message)

    def localized(self, lang: str = "id") -> str:
        """The message in Bahasa Indonesia (``"id"``, the default) or English (``"en"``)."""
        return self.message_id if lang == "id" else self.message


class InvalidNIK(ValidationError):
    """The value is not a valid NIK (Nomor Induk Kependudukan)."""

    default_message = "The value is not a valid NIK."


class InvalidKK(ValidationError):
    """The value is not a valid No. KK (family card number)."""

    default_message = "The value is not a valid No. KK."


class UnknownProgramme(SibasoError, LookupError):
    """No programme in the catalogue has this name; ``suggestions`` lists close matches."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = suggestions
        super().__init__(self.localized("en"))

    def localized(self, lang: str = "id") -> str:
        """The refusal in Bahasa Indonesia (``id``) or English (``en``).

        >>> UnknownProgramme("PHK", ("PKH",)).localized()
        "program tidak dikenal: 'PHK' (lihat 'sibaso adapters'). Maksud Anda: PKH?"
        """
        names = ", ".join(self.suggestions)
        if lang == "en":
            hint = f" Did you mean: {names}?" if names else ""
            return f"Unknown programme {self.name!r}.{hint}"
        hint = f" Maksud Anda: {names}?" if names else ""
        return f"program tidak dikenal: {self.name!r} (lihat 'sibaso adapters').{hint}"


class SourceError(SibasoError):
    """A whole source file cannot be read; nothing from it is returned.

    ``path`` names the file, ``code`` the kind of failure (``empty``, ``not-a-spreadsheet``,
    ``encrypted``, ``corrupt``, ``too-large``, ``unsafe-xml``, ``no-nik-column`` …) and
    ``reason`` says what is wrong in plain words (English); ``reason_id``, where given, in
    Bahasa Indonesia — :meth:`localized` picks one.
    """

    def __init__(
        self, path: object, reason: str, *, code: str = "unreadable", reason_id: str | None = None
    ) -> None:
        self.path = str(path)
        self.reason = reason
        self.reason_id = reason_id
        self.code = code
        super().__init__(f"{self.path}: {reason}")

    def localized(self, lang: str = "id") -> str:
        """The reason in Bahasa Indonesia (``id``) or English (``en``).

        Without a ``reason_id`` of its own, the Indonesian is the code's sentence alone: the
        English particulars (a zip member, a library's message) are for ``--lang en``:

        >>> SourceError("a.xlsx", "zip member 'x' is truncated", code="corrupt").localized()
        'berkas rusak dan tidak dapat dibaca'
        >>> SourceError("a.xlsx", "the file does not exist", code="not-found").localized("en")
        'the file does not exist'
        >>> SourceError("a.xlsx", "something new", code="brand-new").localized()
        'berkas tidak dapat dibaca (brand-new)'
        """
        if lang != "id":
            return self.reason
        if self.reason_id:
            return self.reason_id
        return _SOURCE_REASONS_ID.get(self.code) or f"berkas tidak dapat dibaca ({self.code})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by the fields, so the error crosses to another process intact."""
        return (_source_error, (self.path, self.reason, self.code, self.reason_id))


#: The Bahasa Indonesia sentence of each whole-file failure code (when the raise gives none).
_SOURCE_REASONS_ID: dict[str, str] = {
    "not-found": "berkas tidak ada",
    "empty": "berkas kosong (0 bait)",
    "unreadable": "berkas tidak dapat dibuka",
    "too-large": "berkas terlalu besar untuk dibaca",
    "not-a-spreadsheet": "berkas ini bukan lembar kerja (spreadsheet)",
    "unsupported": "jenis berkas ini belum didukung; simpan ulang sebagai .xlsx",
    "encrypted": "buku kerja dilindungi kata sandi; hapus kata sandinya lalu simpan ulang",
    "corrupt": "berkas rusak dan tidak dapat dibaca",
    "unsafe-xml": "berkas berisi deklarasi DTD atau entitas XML yang tidak aman; tidak dibaca",
    "kind-conflict": "jenis berkas yang disebut tidak cocok dengan isi berkasnya",
    "unknown-edition": ("edisi DTSEN tidak diketahui; sebutkan dengan --period (misalnya v3-2026)"),
    "no-nik-column": "tidak ada kolom NIK atau No. KK yang dikenali di berkas ini",
    "programme-unknown": "berkas menyebut program yang tidak dikenal katalog",
    "programme-missing": "ini daftar program, tetapi programnya tidak disebut; pakai --programme",
    "unknown-layout": "jenis daftar ini tidak dikenali; sebutkan --programme atau --kind",
}


def _source_error(path: str, reason: str, code: str, reason_id: str | None = None) -> SourceError:
    return SourceError(path, reason, code=code, reason_id=reason_id)


@attrs.frozen
class ValidationWarning:
    """Something suspect that does not make a value invalid (for example a retired region code).

    ``message`` is English, ``message_id`` Bahasa Indonesia.
    """

    code: str
    message: str
    message_id: str

    def localized(self, lang: str = "id") -> str:
        """The message in Bahasa Indonesia (``"id"``) or English (``"en"``)."""
        return self.message_id if lang == "id" else self.message
