"""Request bodies of the API (pydantic models, so that OpenAPI describes them).

They only bound sizes and types; the rules themselves (NIK, phone, category …) are checked by
the library, which reports every failing field at once. The limits of what a person types
are the library's own (:mod:`sibaso.complaints._validate`), so the document never calls a
request valid that the library refuses for its length.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from sibaso.complaints import MAX_ATTACHMENTS, MAX_NAME, MAX_NOTE, MAX_TEXT

__all__ = [
    "AttachmentBody",
    "ComplaintBody",
    "NikBody",
    "NikCheckBody",
    "StatusBody",
    "UpdateBody",
]

NikText = Field(
    min_length=1,
    max_length=64,
    description="NIK, 16 digits (spaces, dots and hyphens are ignored).",
    examples=["1205014107850001"],
)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class NikBody(_Body):
    """A NIK to look up."""

    nik: str = NikText


class NikCheckBody(_Body):
    """A NIK to check; ``strict`` refuses region codes that do not exist."""

    nik: str = NikText
    strict: bool = True


class AttachmentBody(_Body):
    """An attachment by reference (the portal stores the file)."""

    ref: str = Field(min_length=1, max_length=500)
    media_type: str = Field(max_length=100)
    size: int = Field(ge=0, le=1 << 40)
    sha256: str = Field(max_length=64)

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump()


class ComplaintBody(_Body):
    """A complaint, usul or sanggah; see ``docs/complaints.md`` for every rule."""

    reporter_nik: str = NikText
    reporter_name: str = Field(max_length=MAX_NAME)
    category: str = Field(max_length=100, examples=["bantuan-tidak-diterima"])
    text: str = Field(max_length=MAX_TEXT)
    phone: str | None = Field(default=None, max_length=100, examples=["0812 3456 7890"])
    programme: str | None = Field(default=None, max_length=100, examples=["PKH"])
    subject_nik: str | None = Field(default=None, max_length=64)
    channel: Literal["web", "bot", "counter"] | None = None
    attachments: list[AttachmentBody] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)


class StatusBody(_Body):
    """A ticket and the reporter's NIK: both are needed to see a complaint's status."""

    ticket: str = Field(min_length=1, max_length=40, examples=["K7QM-3XH9"])
    reporter_nik: str = NikText


class UpdateBody(_Body):
    """A status change; pass ``expected_version`` from the complaint the officer saw."""

    status: Literal["diterima", "diverifikasi", "diteruskan", "selesai", "ditolak"]
    note: str | None = Field(default=None, max_length=MAX_NOTE)
    expected_version: int | None = Field(default=None, ge=1, le=1 << 31)
