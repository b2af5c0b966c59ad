"""The ADUAN dialogue: a draft complaint filled in one answer at a time.

The bot does not repeat the complaint rules: it offers the draft to
``ComplaintService.file`` and asks for the first field the service refuses, in the order
below, until the complaint is stored. Nothing is stored before every field is valid.
"""

from __future__ import annotations

from typing import Any

import attrs

from sibaso.complaints import (
    Actor,
    Complaint,
    ComplaintService,
    ComplaintValidationError,
    FieldError,
)

__all__ = ["ORDER", "Draft", "Question", "advance"]

#: The order fields are asked in; the names are ``ComplaintService.file`` arguments.
ORDER = ("category", "text", "reporter_nik", "reporter_name", "phone", "programme", "subject_nik")
ACTOR = Actor.public("bot")


@attrs.define
class Draft:
    """One conversation's unfinished complaint: the answers so far and the open question."""

    expires_at: float
    values: dict[str, str] = attrs.field(factory=dict)
    asking: str | None = None


@attrs.frozen
class Question:
    """The next field to ask for; ``error`` is set when the previous answer was refused."""

    field: str
    error: FieldError | None = None


def advance(service: ComplaintService, draft: Draft) -> Complaint | Question:
    """File the draft when complete, else say which field to ask for next."""
    for field in ("category", "text"):
        if field not in draft.values:
            return Question(field)
    arguments: dict[str, Any] = {field: draft.values.get(field) for field in ORDER}
    try:
        return service.file(ACTOR, channel="bot", **arguments)
    except ComplaintValidationError as exc:
        return _first_question(exc.errors)


def _first_question(errors: list[FieldError]) -> Question:
    by_field = {e.field: e for e in errors}
    for field in ORDER:
        if field in by_field:
            error = by_field[field]
            return Question(field, None if error.code == "required" else error)
    raise ComplaintValidationError(errors)  # a field the dialogue cannot ask for
