"""Check a complaint field by field before anything is stored.

Every text the citizen or the officer typed (name, complaint text, note) first loses its
invisible formatting characters (:func:`sibaso.core.text.strip_invisible`: bidi controls,
zero-width characters); the visible text is what is checked, stored and shown.

Every field is checked and every failure collected into one
:class:`~sibaso.complaints.ComplaintValidationError`, with messages in Bahasa Indonesia and
English. The reporter's NIK is checked strictly (the citizen typed it); the subject's NIK
leniently (it may carry an old region code).

>>> normalise_phone("0812-3456-7890"), normalise_phone("+62 812 3456 7890")
('+6281234567890', '+6281234567890')
>>> normalise_phone("6281234567890"), normalise_phone("(061) 8912345")
('+6281234567890', '+62618912345')
>>> normalise_phone("81234567890")  # Excel dropped the leading 0
'+6281234567890'
>>> normalise_phone("+60 12 345 6789")
Traceback (most recent call last):
    ...
sibaso.core.errors.ValidationError: Give an Indonesian phone number: 08…, +62… or 62….
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from sibaso.complaints._errors import ComplaintValidationError, FieldError
from sibaso.core import nik as nik_rules
from sibaso.core.errors import InvalidNIK, UnknownProgramme, ValidationError
from sibaso.core.labels import number
from sibaso.core.model import Attachment, Channel, ComplaintCategory
from sibaso.core.nik import NIK
from sibaso.core.text import strip_invisible

__all__ = [
    "ATTACHMENT_TYPES",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_TEXT",
    "Filing",
    "check_filing",
    "check_note",
    "normalise_phone",
    "parse_category",
    "parse_channel",
]

#: Longest complaint text, in characters.
MAX_TEXT = 2000
#: Longest reporter name, in characters.
MAX_NAME = 100
#: Longest note on a status change, in characters.
MAX_NOTE = 1000
#: Attachments per complaint.
MAX_ATTACHMENTS = 5
#: Largest attachment, in bytes (5 MiB).
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
#: Attachment media types accepted: photos (KTP, KK, the house) and PDF letters.
ATTACHMENT_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "application/pdf"})

#: Categories needing a programme, and those needing a subject NIK.
NEEDS_PROGRAMME = frozenset(
    {
        ComplaintCategory.USUL,
        ComplaintCategory.SANGGAH,
        ComplaintCategory.BANTUAN_TIDAK_DITERIMA,
    }
)
NEEDS_SUBJECT = frozenset({ComplaintCategory.SANGGAH})

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE_SEPARATORS = re.compile(r"[\s\-.()/]")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DIGIT_RUN = re.compile(r"\d[\d .-]{6,}\d")
_LETTER = re.compile(r"[^\W\d_]")

_CATEGORY_ALIASES = {
    "belum-terdaftar": ComplaintCategory.USUL,
    "belum-terdaftar-usul": ComplaintCategory.USUL,
    "usulan": ComplaintCategory.USUL,
    "sanggahan": ComplaintCategory.SANGGAH,
    "data": ComplaintCategory.DATA_TIDAK_SESUAI,
    "bantuan-belum-diterima": ComplaintCategory.BANTUAN_TIDAK_DITERIMA,
    "layanan": ComplaintCategory.PELAYANAN,
    "lain-lain": ComplaintCategory.LAINNYA,
}
_CHANNEL_ALIASES = {"loket": Channel.COUNTER, "portal": Channel.WEB}


@attrs.frozen(kw_only=True)
class Filing:
    """A complaint that passed every check, ready to be routed and stored."""

    reporter_nik: NIK
    reporter_name: str
    phone: str | None
    channel: Channel
    category: ComplaintCategory
    programme: str | None
    subject_nik: NIK | None
    text: str
    attachments: tuple[Attachment, ...]


def _slug(value: object) -> str:
    text = value.value if isinstance(value, (Channel, ComplaintCategory)) else str(value)
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


def parse_category(value: object) -> ComplaintCategory:
    """A category from its value (``data-tidak-sesuai``) or words (``"Data tidak sesuai"``,
    ``"belum terdaftar"`` → ``usul``); raises :class:`ValueError`."""
    if isinstance(value, ComplaintCategory):
        return value
    slug = _slug(value)
    if slug in _CATEGORY_ALIASES:
        return _CATEGORY_ALIASES[slug]
    return ComplaintCategory(slug)


def parse_channel(value: object) -> Channel:
    """``web``, ``bot`` or ``counter`` (also ``loket``); raises :class:`ValueError`."""
    if isinstance(value, Channel):
        return value
    slug = _slug(value)
    return _CHANNEL_ALIASES.get(slug) or Channel(slug)


def normalise_phone(value: object) -> str:
    """An Indonesian phone number as ``+62…`` (from ``08…``, ``+62…``, ``62…``, or the
    digits Excel leaves when it drops the leading 0); raises :class:`ValidationError`."""
    text = _PHONE_SEPARATORS.sub("", str(value if value is not None else ""))
    if text.startswith("+"):
        if not text.startswith("+62"):
            raise _phone_error()
        national = text[3:]
    elif text.startswith("62"):
        national = text[2:]
    elif text.startswith("0"):
        national = text[1:]
    else:
        national = text
    if national.startswith("0"):  # +62 0812… written by habit
        national = national[1:]
    if not national.isdigit() or not national.isascii():
        raise _phone_error()
    mobile = national.startswith("8")
    low, high = (9, 12) if mobile else (7, 11)
    if national[0] in "01" or not low <= len(national) <= high:
        raise _phone_error()
    return "+62" + national


def _phone_error() -> ValidationError:
    return ValidationError(
        "Give an Indonesian phone number: 08…, +62… or 62….",
        code="phone",
        message_id="Nomor telepon Indonesia tidak sah: tulis 08…, +62… atau 62….",
    )


def check_note(note: str | None) -> str | None:
    """A note on a status change: at most :data:`MAX_NOTE` characters, no control characters."""
    if note is None:
        return None
    note = strip_invisible(note)
    if not note.strip():
        return None
    errors: list[FieldError] = []
    if len(note) > MAX_NOTE:
        errors.append(_too_long("note", MAX_NOTE, len(note)))
    if _CONTROL.search(note):
        errors.append(_control("note"))
    if errors:
        raise ComplaintValidationError(errors)
    return note


def _err(field: str, code: str, message_id: str, message_en: str) -> FieldError:
    return FieldError(field=field, code=code, message=message_id, message_en=message_en)


def _required(field: str, label_id: str, label_en: str) -> FieldError:
    return _err(field, "required", f"{label_id} wajib diisi.", f"{label_en} is required.")


def _too_long(field: str, limit: int, length: int) -> FieldError:
    return _err(
        field,
        "too-long",
        f"Paling banyak {number(limit)} karakter (ada {number(length)}).",
        f"At most {number(limit, 'en')} characters (got {number(length, 'en')}).",
    )


def _control(field: str) -> FieldError:
    return _err(
        field,
        "control-character",
        "Berisi karakter kendali yang tidak boleh ada.",
        "Contains control characters that are not allowed.",
    )


def _nik_error(field: str, exc: InvalidNIK) -> FieldError:
    return _err(field, exc.code, exc.localized("id"), exc.localized("en"))


def _check_attachment(index: int, item: object, errors: list[FieldError]) -> Attachment | None:
    field = f"attachments[{index}]"
    if isinstance(item, Attachment):
        raw: Mapping[str, Any] = attrs.asdict(item)
    elif isinstance(item, Mapping):
        raw = item
    else:
        errors.append(
            _err(
                field,
                "format",
                "Lampiran harus berisi ref, media_type, size dan sha256.",
                "An attachment needs ref, media_type, size and sha256.",
            )
        )
        return None
    before = len(errors)
    ref = str(raw.get("ref") or "").strip()
    media_type = str(raw.get("media_type") or raw.get("type") or "").strip().lower()
    sha256 = str(raw.get("sha256") or "").strip().lower()
    size_raw = raw.get("size")
    if not ref:
        errors.append(_required(f"{field}.ref", "Alamat lampiran", "The attachment reference"))
    elif len(ref) > 500 or _CONTROL.search(ref):
        errors.append(
            _err(
                f"{field}.ref",
                "format",
                "Alamat lampiran tidak sah (paling banyak 500 karakter).",
                "The attachment reference is not valid (at most 500 characters).",
            )
        )
    if media_type not in ATTACHMENT_TYPES:
        allowed = ", ".join(sorted(ATTACHMENT_TYPES))
        errors.append(
            _err(
                f"{field}.media_type",
                "type",
                f"Jenis berkas tidak diterima; yang boleh: {allowed}.",
                f"File type not accepted; allowed: {allowed}.",
            )
        )
    size = size_raw if isinstance(size_raw, int) and not isinstance(size_raw, bool) else None
    if size is None and isinstance(size_raw, str) and size_raw.strip().isdigit():
        size = int(size_raw)
    if size is None or size <= 0:
        errors.append(
            _err(
                f"{field}.size",
                "size",
                "Ukuran berkas (byte) wajib diisi dan lebih dari 0.",
                "The file size (bytes) is required and above 0.",
            )
        )
    elif size > MAX_ATTACHMENT_BYTES:
        errors.append(
            _err(
                f"{field}.size",
                "too-large",
                f"Berkas terlalu besar: paling besar {MAX_ATTACHMENT_BYTES // 1048576} MB.",
                f"File too large: at most {MAX_ATTACHMENT_BYTES // 1048576} MB.",
            )
        )
    if not _SHA256.match(sha256):
        errors.append(
            _err(
                f"{field}.sha256",
                "hash",
                "Sidik berkas (SHA-256, 64 huruf heksadesimal) tidak sah.",
                "The content hash (SHA-256, 64 hex digits) is not valid.",
            )
        )
    if len(errors) > before or size is None:
        return None
    return Attachment(ref=ref, media_type=media_type, size=size, sha256=sha256)


def check_filing(
    *,
    reporter_nik: object,
    reporter_name: object,
    phone: object,
    category: object,
    text: object,
    channel: object,
    programme: object,
    subject_nik: object,
    attachments: Iterable[object] | None,
    staff: bool,
) -> Filing:
    """Check every field; raise one :class:`ComplaintValidationError` listing all failures."""
    errors: list[FieldError] = []

    reporter: NIK | None = None
    if reporter_nik is None or (isinstance(reporter_nik, str) and not reporter_nik.strip()):
        errors.append(_required("reporter_nik", "NIK pelapor", "The reporter's NIK"))
    else:
        try:
            reporter = nik_rules.parse(reporter_nik, strict=True)
        except InvalidNIK as exc:
            errors.append(_nik_error("reporter_nik", exc))

    name = (
        " ".join(strip_invisible(str(reporter_name)).split()) if reporter_name is not None else ""
    )
    if not name:
        errors.append(_required("reporter_name", "Nama pelapor", "The reporter's name"))
    elif len(name) > MAX_NAME:
        errors.append(_too_long("reporter_name", MAX_NAME, len(name)))
    elif _CONTROL.search(name) or not _LETTER.search(name):
        errors.append(
            _err(
                "reporter_name",
                "format",
                "Nama pelapor harus berisi huruf.",
                "The reporter's name must contain letters.",
            )
        )
    elif _DIGIT_RUN.search(name):  # a NIK or phone number typed into the name field
        errors.append(
            _err(
                "reporter_name",
                "format",
                "Nama pelapor tidak boleh berisi nomor panjang (NIK atau telepon); tulis di "
                "kolomnya sendiri.",
                "The reporter's name must not hold a long number (a NIK or phone number); "
                "give it in its own field.",
            )
        )

    chan: Channel | None = None
    if channel is None or channel == "":
        chan = Channel.COUNTER if staff else Channel.WEB
    else:
        try:
            chan = parse_channel(channel)
        except ValueError:
            errors.append(
                _err(
                    "channel",
                    "choice",
                    "Saluran harus web, bot atau counter.",
                    "The channel must be web, bot or counter.",
                )
            )
    if chan is Channel.COUNTER and not staff:
        errors.append(
            _err(
                "channel",
                "counter-needs-officer",
                "Pengaduan lewat loket dicatat oleh petugas (--as ID_PETUGAS).",
                "Counter complaints are filed by an officer (--as OFFICER_ID).",
            )
        )

    number: str | None = None
    if phone is None or (isinstance(phone, str) and not phone.strip()):
        if chan is not Channel.COUNTER:
            errors.append(_required("phone", "Nomor telepon", "The phone number"))
    else:
        try:
            number = normalise_phone(phone)
        except ValidationError as exc:
            errors.append(_err("phone", exc.code, exc.localized("id"), exc.localized("en")))

    cat: ComplaintCategory | None = None
    if category is None or category == "":
        errors.append(_required("category", "Kategori", "The category"))
    else:
        try:
            cat = parse_category(category)
        except ValueError:
            choices = ", ".join(c.value for c in ComplaintCategory)
            errors.append(
                _err(
                    "category",
                    "choice",
                    f"Kategori tidak dikenal; pilih salah satu: {choices}.",
                    f"Unknown category; choose one of: {choices}.",
                )
            )

    code: str | None = None
    if programme is None or (isinstance(programme, str) and not programme.strip()):
        if cat in NEEDS_PROGRAMME:
            errors.append(_required("programme", "Program bansos", "The programme"))
    else:
        from sibaso.programmes import resolve

        try:
            code = resolve(str(programme)).code
        except UnknownProgramme as exc:
            hint_id = f" Mungkin: {', '.join(exc.suggestions)}." if exc.suggestions else ""
            hint_en = f" Did you mean: {', '.join(exc.suggestions)}?" if exc.suggestions else ""
            errors.append(
                _err(
                    "programme",
                    "unknown",
                    f"Program {str(programme)!r} tidak dikenal.{hint_id}",
                    f"Unknown programme {str(programme)!r}.{hint_en}",
                )
            )

    subject: NIK | None = None
    if subject_nik is None or (isinstance(subject_nik, str) and not subject_nik.strip()):
        if cat in NEEDS_SUBJECT:
            errors.append(_required("subject_nik", "NIK orang yang disanggah", "The subject's NIK"))
    else:
        try:
            subject = nik_rules.parse(subject_nik, strict=False)
        except InvalidNIK as exc:
            errors.append(_nik_error("subject_nik", exc))

    body = strip_invisible(text if isinstance(text, str) else ("" if text is None else str(text)))
    if not body.strip():
        errors.append(_required("text", "Isi pengaduan", "The complaint text"))
    elif len(body) > MAX_TEXT:
        errors.append(_too_long("text", MAX_TEXT, len(body)))
    elif _CONTROL.search(body):
        errors.append(_control("text"))

    files: list[Attachment] = []
    items = list(attachments or ())
    if len(items) > MAX_ATTACHMENTS:
        errors.append(
            _err(
                "attachments",
                "too-many",
                f"Paling banyak {MAX_ATTACHMENTS} lampiran.",
                f"At most {MAX_ATTACHMENTS} attachments.",
            )
        )
    for index, item in enumerate(items[:MAX_ATTACHMENTS]):
        checked = _check_attachment(index, item, errors)
        if checked is not None:
            files.append(checked)

    if errors:
        raise ComplaintValidationError(errors)
    assert reporter is not None
    assert chan is not None
    assert cat is not None
    return Filing(
        reporter_nik=reporter,
        reporter_name=name,
        phone=number,
        channel=chan,
        category=cat,
        programme=code,
        subject_nik=subject,
        text=body,
        attachments=tuple(files),
    )
