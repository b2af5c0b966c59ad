"""The ingest report: every problem with file, sheet, Excel row, column, code and severity.

Invariant: ``usable + rejected == rows`` (the data rows of the file). Rows that are not data —
a totals row, a row of column numbers, a sheet without a header — are listed with severity
``info`` so that nothing is dropped silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import attrs

from sibaso.core.labels import number
from sibaso.core.problems import problem as catalogued

__all__ = ["Issue", "ReadReport", "Severity"]

Severity = Literal["error", "warning", "info"]

#: Info codes about sheets or non-data rows that are not counted among the data rows.
_NOT_ROWS = frozenset(
    (
        "sheet-skipped",
        "sheet-hidden",
        "totals-row",
        "header-repeated",
        "signature-block",
        "column-ambiguous",
        "programme-from-title",
        "programme-sheet",
        "end-marker",
        "column-numbers",
        "template-placeholder",
        "family-block",
    )
)

_SEVERITY_ID = {"error": "galat", "warning": "peringatan", "info": "info"}


@attrs.frozen(kw_only=True)
class Issue:
    """One problem. ``error``: the row is not usable; ``warning``: stored but suspect."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    code: str
    severity: Severity
    message: str  # Bahasa Indonesia
    message_en: str

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """JSON-ready, with the message in ``lang``."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message if lang == "id" else self.message_en,
        }


@attrs.define
class RejectedRow:
    """The raw cells of a rejected row, kept so the operator can fix and re-upload it."""

    sheet: str | None
    row: int
    header: tuple[str, ...]
    cells: tuple[object, ...]
    reasons: list[str]


@attrs.define
class ReadReport:
    """What happened to every data row of one file."""

    file: str
    adapter: str | None = None
    programme: str | None = None
    rows: int = 0
    usable: int = 0
    rejected: int = 0
    issues: list[Issue] = attrs.field(factory=list)
    rejected_rows: list[RejectedRow] = attrs.field(factory=list)
    sheets: list[str] = attrs.field(factory=list)
    #: what the file is: ``population``, ``programme`` or ``household`` (None before a layout
    #: is chosen), and why, as (Bahasa Indonesia, English) sentences
    kind: str | None = None
    evidence: list[tuple[str, str]] = attrs.field(factory=list)
    #: for population files: whose data it is
    #: (see :data:`sibaso.adapters.layouts.adapter.AUTHORITY`)
    authority: int | None = None

    def because(self, message_id: str, message_en: str) -> None:
        """Add one reason for the kind (once)."""
        if (message_id, message_en) not in self.evidence:
            self.evidence.append((message_id, message_en))

    def add(
        self,
        sheet: str | None,
        row: int | None,
        column: str | None,
        code: str,
        severity: Severity,
        message_id: str,
        message_en: str,
    ) -> Issue:
        """Record one problem."""
        issue = Issue(
            file=self.file,
            sheet=sheet,
            row=row,
            column=column,
            code=code,
            severity=severity,
            message=message_id,
            message_en=message_en,
        )
        self.issues.append(issue)
        return issue

    def problem(
        self,
        sheet: str | None,
        row: int | None,
        column: str | None,
        code: str,
        variant: str | None = None,
        /,
        **fields: Any,
    ) -> Issue:
        """Record one problem of the catalogue (:mod:`sibaso.core.problems`): its code, the
        variant of its wording if any, and the fields its texts name."""
        severity, message_id, message_en = catalogued(code, variant, **fields)
        return self.add(sheet, row, column, code, severity, message_id, message_en)

    @property
    def errors(self) -> list[Issue]:
        """Problems that made a row unusable."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """Problems of rows that were kept."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def not_data(self) -> int:
        """Rejected rows that are not data by design (e.g. pupils who are not KIP recipients)."""
        return sum(
            1
            for i in self.issues
            if i.severity == "info" and i.row is not None and i.code not in _NOT_ROWS
        )

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """The JSON shape of ``sibaso read --json``."""
        return {
            "file": self.file,
            "adapter": self.adapter,
            "programme": self.programme,
            "kind": self.kind,
            "evidence": [e[0] if lang == "id" else e[1] for e in self.evidence],
            "rows": self.rows,
            "usable": self.usable,
            "rejected": self.rejected,
            "issues": [i.to_dict(lang) for i in self.issues],
        }

    def to_json(self, lang: str = "id") -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2)

    def summary(self, lang: str = "id") -> str:
        """One line in plain words."""
        warnings, not_data = number(len(self.warnings), lang), number(self.not_data, lang)
        rows, usable, rejected = (number(n, lang) for n in (self.rows, self.usable, self.rejected))
        if lang == "en":
            aside = f" ({not_data} of them not recipients)" if self.not_data else ""
            return (
                f"{self.file}: {rows} data rows via {self.adapter} "
                f"({self.programme or '-'}): {usable} usable, {rejected} rejected"
                f"{aside}, {warnings} warning{'' if len(self.warnings) == 1 else 's'}"
            )
        aside = f" ({not_data} di antaranya bukan penerima)" if self.not_data else ""
        return (
            f"{self.file}: {rows} baris data dengan adaptor {self.adapter} "
            f"({self.programme or '-'}): {usable} dapat dipakai, "
            f"{rejected} ditolak{aside}, {warnings} peringatan"
        )

    def write_xlsx(self, path: str | Path, lang: str = "id") -> Path:
        """Write the issues and the rejected rows (with their reasons) to a workbook."""
        from sibaso.adapters.pipeline.read_report_xlsx import write_report

        return write_report(self, Path(path), lang)

    def severity_label(self, severity: str, lang: str = "id") -> str:
        """``galat``/``peringatan``/``info`` in Bahasa Indonesia."""
        return _SEVERITY_ID[severity] if lang == "id" else severity
