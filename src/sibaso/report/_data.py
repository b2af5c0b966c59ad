"""The numbers of a report and the tables (sections) both writers show."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import attrs

from sibaso.core import wilayah
from sibaso.core.labels import MATCH_ORDER, label, number, reason_text
from sibaso.core.localtime import format_local
from sibaso.registry.analytics import RecapRow

__all__ = [
    "COMPLAINT_STATUSES",
    "CONFLICT_LABELS",
    "GAP_LABELS",
    "MATCH_STATUSES",
    "ChartSpec",
    "ConflictRow",
    "FixRow",
    "ReportData",
    "Section",
    "Targeting",
    "cell_text",
]

#: Match statuses in report order, with their Indonesian headings.
MATCH_STATUSES: tuple[tuple[str, str], ...] = tuple(
    (code, (text := label("match", code))[0].upper() + text[1:]) for code in MATCH_ORDER
)
#: Complaint statuses in workflow order.
COMPLAINT_STATUSES: tuple[tuple[str, str], ...] = (
    ("diterima", "Diterima"),
    ("diverifikasi", "Diverifikasi"),
    ("diteruskan", "Diteruskan"),
    ("selesai", "Selesai"),
    ("ditolak", "Ditolak"),
)
GAP_LABELS: dict[str, str] = {
    "pkh-without-kis": "PKH tanpa KIS",
    "children-without-kip": "Anak usia sekolah tanpa KIP",
    "sembako-without-kks": "Sembako tanpa KKS",
}
CONFLICT_LABELS: dict[str, str] = {
    "duplicate-in-period": "Ganda dalam satu periode",
    "name-conflict": "Nama berbeda antar daftar",
    "two-kk": "Tercatat di dua KK",
}
ACTIONS: dict[str, str] = {
    "invalid-nik": "Perbaiki NIK sesuai KTP/KK",
    "not-in-population": "Cek ke Dukcapil: NIK tidak ada di data penduduk",
    "name-mismatch": "Periksa nama: berbeda dengan data penduduk",
    "ambiguous": "Pilih orang yang benar dari beberapa calon",
    "probable": "Konfirmasi atau tolak usulan padan",
    "probable-rejected": "Usulan padan ditolak: cari NIK yang benar",
    "deceased": "Penerima meninggal: hentikan penyaluran atau ganti penerima (cek ke Dukcapil)",
}
NO_KECAMATAN = "(tanpa kecamatan)"


@attrs.frozen(kw_only=True)
class ChartSpec:
    """A bar chart over a section's table: categories from column 0, one series per column
    in ``series`` (indices into the headers), over the first ``rows`` data rows."""

    title: str
    series: tuple[int, ...]
    rows: int
    stacked: bool = True


@attrs.frozen(kw_only=True)
class Section:
    """One sheet of the workbook, one section of the HTML page."""

    key: str
    sheet: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str | None = None
    chart: ChartSpec | None = None
    detail: bool = False  #: a list of people/rows (long), not a table of counts


@attrs.frozen(kw_only=True)
class FixRow:
    """A list row an operator must correct or confirm."""

    programme: str
    file: str
    sheet: str | None
    row: int | None
    nik_given: str | None
    name: str | None
    status: str
    nik_matched: str | None
    reason: str | None
    action: str


@attrs.frozen(kw_only=True)
class ConflictRow:
    """A duplicate or conflict (``registry.conflicts()``) with where its rows are."""

    kind: str
    nik: str
    details: str
    rows: str


TARGETING_FINDINGS: tuple[tuple[str, str], ...] = (
    ("above-threshold", "Desil di atas batas"),
    ("deceased", "Penerima meninggal"),
    ("not-in-dtsen", "Tidak ada di DTSEN"),
    ("eligible-not-enrolled", "Layak, tidak menerima"),
)


@attrs.frozen(kw_only=True)
class Targeting:
    """The targeting audit's numbers for the report (officer data)."""

    edition: str
    rules: str
    note: str | None
    by_kecamatan: Mapping[tuple[str, str], Mapping[str, int]]
    by_desil: Mapping[str, Mapping[int | None, int]]


@attrs.frozen(kw_only=True)
class ReportData:
    """Everything a report shows: counts per kecamatan × programme, match quality per
    programme, complementarity gaps, complaints per kecamatan × status, rows to fix."""

    generated_at: datetime.datetime
    persons: int
    households: int
    recap: tuple[RecapRow, ...]
    match: Mapping[str, Mapping[str, int]]  #: programme → status → count
    gaps: Mapping[str, tuple[Mapping[str, Any], ...]]
    complaints: Mapping[tuple[str, str], Mapping[str, int]]  #: (code, name) → status → n
    fixes: tuple[FixRow, ...]
    conflicts: tuple[ConflictRow, ...]
    masked: bool = False
    #: the targeting audit (None without DTSEN): its edition, rules origin, findings per
    #: (kecamatan code, name) → finding → count, and enrolments per programme × desil
    targeting: Targeting | None = None

    @property
    def programmes(self) -> tuple[str, ...]:
        """Programme codes present in the recap or the match results, sorted."""
        return tuple(sorted({r.programme for r in self.recap} | set(self.match)))

    @property
    def recipients(self) -> int:
        """Active enrolments (all programmes)."""
        return sum(r.count for r in self.recap)

    def recap_matrix(self) -> dict[tuple[str, str], dict[str, int]]:
        """(kecamatan code, name) → programme → count, in kecamatan code order."""
        out: dict[tuple[str, str], dict[str, int]] = {}
        for r in self.recap:
            key = (r.kecamatan_code or "", r.kecamatan_name or NO_KECAMATAN)
            cell = out.setdefault(key, {})
            cell[r.programme] = cell.get(r.programme, 0) + r.count
        return out

    def sections(self) -> list[Section]:
        """The report's tables in order; ``write_xlsx`` and ``write_html`` show exactly these."""
        return [
            self._cover(),
            self._recap_section(),
            self._match_section(),
            self._gap_summary(),
            *self._gap_lists(),
            self._complaint_section(),
            self._fix_section(),
            self._conflict_section(),
            *self._targeting_sections(),
        ]

    def _targeting_sections(self) -> list[Section]:
        """Findings per kecamatan and enrolments by desil per programme (with DTSEN only)."""
        t = self.targeting
        if t is None:
            return []
        rows: list[tuple[Any, ...]] = []
        for (code, name), counts in t.by_kecamatan.items():
            values = [counts.get(k, 0) for k, _ in TARGETING_FINDINGS]
            rows.append((name, code or "-", *values, sum(values)))
        totals = [sum(r[2 + i] for r in rows) for i in range(len(TARGETING_FINDINGS))]
        chart = ChartSpec(
            title="Temuan audit sasaran per kecamatan",
            series=tuple(range(2, 2 + len(TARGETING_FINDINGS))),
            rows=len(rows),
        )
        rows.append(("Jumlah", "", *totals, sum(totals)))
        note = f"DTSEN {t.edition}; aturan: {t.rules}." + (f" {t.note}" if t.note else "")
        findings = Section(
            key="sasaran",
            sheet="Sasaran",
            title="Audit sasaran terhadap DTSEN: temuan per kecamatan",
            headers=("Kecamatan", "Kode", *(label for _, label in TARGETING_FINDINGS), "Jumlah"),
            rows=tuple(rows),
            note=note,
            chart=chart,
        )
        desil_rows = []
        for programme, per_desil in sorted(t.by_desil.items()):
            values = [per_desil.get(d, 0) for d in range(1, 11)] + [per_desil.get(None, 0)]
            desil_rows.append((programme, *values, sum(values)))
        by_desil = Section(
            key="desil-penerima",
            sheet="Desil penerima",
            title="Penerima per desil DTSEN dan program",
            headers=("Program", *(f"Desil {d}" for d in range(1, 11)), "Tanpa desil", "Jumlah"),
            rows=tuple(desil_rows),
            note="Desil pada skala aturan program; 'Tanpa desil': keluarga tidak ada di DTSEN.",
            chart=ChartSpec(
                title="Penerima per desil", series=tuple(range(1, 12)), rows=len(desil_rows)
            ),
        )
        return [findings, by_desil]

    # -- sections -----------------------------------------------------------------------

    def _cover(self) -> Section:
        match_total = {s: sum(m.get(s, 0) for m in self.match.values()) for s, _ in MATCH_STATUSES}
        rows: list[tuple[Any, ...]] = [
            ("Tanggal dibuat", format_local(self.generated_at)),
            ("Penduduk (data Dukcapil)", self.persons),
            ("Kartu keluarga", self.households),
            ("Penerima aktif (semua program)", self.recipients),
        ]
        totals: dict[str, int] = {}
        for r in self.recap:
            totals[r.programme] = totals.get(r.programme, 0) + r.count
        rows += [(f"Penerima {p}", totals.get(p, 0)) for p in self.programmes]
        rows += [(f"Hasil padan: {label}", match_total[s]) for s, label in MATCH_STATUSES]
        rows += [(label, len(self.gaps.get(k, ()))) for k, label in GAP_LABELS.items()]
        rows += [
            ("Pengaduan", sum(sum(v.values()) for v in self.complaints.values())),
            ("Baris yang perlu diperbaiki", len(self.fixes)),
            ("Data ganda & konflik", len(self.conflicts)),
        ]
        note = "NIK dan nama disamarkan." if self.masked else None
        return Section(
            key="ringkasan",
            sheet="Ringkasan",
            title="Ringkasan",
            headers=("Uraian", "Jumlah"),
            rows=tuple(rows),
            note=note,
        )

    def _recap_section(self) -> Section:
        programmes = self.programmes
        matrix = self.recap_matrix()
        rows: list[tuple[Any, ...]] = []
        for (code, name), counts in matrix.items():
            values = [counts.get(p, 0) for p in programmes]
            rows.append((name, code or "-", *values, sum(values)))
        columns = [sum(counts.get(p, 0) for counts in matrix.values()) for p in programmes]
        chart = ChartSpec(
            title="Penerima per kecamatan dan program",
            series=tuple(range(2, 2 + len(programmes))),
            rows=len(rows),
        )
        rows.append(("Jumlah", "", *columns, sum(columns)))
        return Section(
            key="penerima",
            sheet="Penerima",
            title="Penerima aktif per kecamatan dan program",
            headers=("Kecamatan", "Kode", *programmes, "Jumlah"),
            rows=tuple(rows),
            chart=chart if matrix and programmes else None,
        )

    def _match_section(self) -> Section:
        rows: list[tuple[Any, ...]] = []
        for programme in sorted(self.match):
            counts = self.match[programme]
            values = [counts.get(s, 0) for s, _ in MATCH_STATUSES]
            rows.append((programme, *values, sum(values)))
        chart = ChartSpec(
            title="Kualitas padan per program",
            series=tuple(range(1, 1 + len(MATCH_STATUSES))),
            rows=len(rows),
        )
        totals = [sum(r[i] for r in rows) for i in range(1, len(MATCH_STATUSES) + 2)]
        rows.append(("Jumlah", *totals))
        return Section(
            key="padan",
            sheet="Kualitas padan",
            title="Kualitas padan (pencocokan dengan data penduduk) per program",
            headers=("Program", *(label for _, label in MATCH_STATUSES), "Jumlah"),
            rows=tuple(rows),
            chart=chart if self.match else None,
        )

    def _gap_summary(self) -> Section:
        rows: list[tuple[Any, ...]] = []
        per_kec: dict[str, dict[str, int]] = {}
        for key in GAP_LABELS:
            for item in self.gaps.get(key, ()):
                code = item.get("kecamatan_code") or ""
                cell = per_kec.setdefault(code, {})
                cell[key] = cell.get(key, 0) + 1
        for code in sorted(per_kec, key=lambda c: c or "~"):
            values = [per_kec[code].get(k, 0) for k in GAP_LABELS]
            rows.append((kecamatan_name(code), code or "-", *values))
        chart = ChartSpec(
            title="Kesenjangan komplementaritas per kecamatan",
            series=tuple(range(2, 2 + len(GAP_LABELS))),
            rows=len(rows),
        )
        rows.append(("Jumlah", "", *(len(self.gaps.get(k, ())) for k in GAP_LABELS)))
        return Section(
            key="komplementaritas",
            sheet="Komplementaritas",
            title="Kesenjangan komplementaritas bansos per kecamatan",
            headers=("Kecamatan", "Kode", *GAP_LABELS.values()),
            rows=tuple(rows),
            note="Keluarga atau anggota keluarga penerima yang belum menerima program pasangannya.",
            chart=chart if per_kec else None,
        )

    def _gap_lists(self) -> list[Section]:
        people = (
            "NIK",
            "Nama",
            "No. KK",
            "Tanggal lahir",
            "Kecamatan",
            "Kode kecamatan",
            "Alamat (dengan desa)",
        )
        out = []
        for key, sheet in (
            ("pkh-without-kis", "PKH tanpa KIS"),
            ("children-without-kip", "Anak tanpa KIP"),
        ):
            rows = tuple(
                (
                    g.get("nik"),
                    g.get("name"),
                    g.get("kk"),
                    g.get("birth_date"),
                    kecamatan_name(g.get("kecamatan_code") or ""),
                    g.get("kecamatan_code"),
                    g.get("address"),
                )
                for g in self.gaps.get(key, ())
            )
            out.append(
                Section(
                    key=key,
                    sheet=sheet,
                    title=GAP_LABELS[key],
                    headers=people,
                    rows=rows,
                    detail=True,
                )
            )
        kks: tuple[tuple[Any, ...], ...] = tuple(
            (
                g.get("kk"),
                kecamatan_name(g.get("kecamatan_code") or ""),
                g.get("kecamatan_code"),
            )
            for g in self.gaps.get("sembako-without-kks", ())
        )
        out.append(
            Section(
                key="sembako-without-kks",
                sheet="Sembako tanpa KKS",
                title=GAP_LABELS["sembako-without-kks"],
                headers=("No. KK", "Kecamatan", "Kode kecamatan"),
                rows=kks,
                detail=True,
            )
        )
        return out

    def _complaint_section(self) -> Section:
        rows: list[tuple[Any, ...]] = []
        for (code, name), counts in sorted(self.complaints.items(), key=lambda i: i[0][0] or "~"):
            values = [counts.get(s, 0) for s, _ in COMPLAINT_STATUSES]
            rows.append((name, code or "-", *values, sum(values)))
        chart = ChartSpec(
            title="Pengaduan per kecamatan dan status",
            series=tuple(range(2, 2 + len(COMPLAINT_STATUSES))),
            rows=len(rows),
        )
        totals = [sum(r[i] for r in rows) for i in range(2, len(COMPLAINT_STATUSES) + 3)]
        rows.append(("Jumlah", "", *totals))
        return Section(
            key="pengaduan",
            sheet="Pengaduan",
            title="Pengaduan, usul dan sanggah per kecamatan dan status",
            headers=("Kecamatan", "Kode", *(label for _, label in COMPLAINT_STATUSES), "Jumlah"),
            rows=tuple(rows),
            chart=chart if self.complaints else None,
        )

    def _fix_section(self) -> Section:
        label = dict(MATCH_STATUSES)
        return Section(
            key="perbaikan",
            sheet="Perlu diperbaiki",
            title="Baris yang perlu diperbaiki atau dikonfirmasi operator",
            headers=(
                "Program",
                "Berkas",
                "Sheet",
                "Baris",
                "NIK tertulis",
                "Nama tertulis",
                "Status padan",
                "NIK ditemukan",
                "Alasan",
                "Tindakan",
            ),
            rows=tuple(
                (
                    f.programme,
                    f.file,
                    f.sheet,
                    f.row,
                    f.nik_given,
                    f.name,
                    label.get(f.status, f.status),
                    f.nik_matched,
                    reason_text(f.reason),
                    f.action,
                )
                for f in self.fixes
            ),
            detail=True,
        )

    def _conflict_section(self) -> Section:
        return Section(
            key="konflik",
            sheet="Ganda & konflik",
            title="Data ganda dan konflik",
            headers=("Jenis", "NIK", "Rincian", "Baris (berkas:baris)"),
            rows=tuple(
                (CONFLICT_LABELS.get(c.kind, c.kind), c.nik, c.details, c.rows)
                for c in self.conflicts
            ),
            detail=True,
        )


def kecamatan_name(code: str) -> str:
    known = wilayah.lookup(code) if code else None
    return known.name if known is not None else (code or NO_KECAMATAN)


def cell_text(value: Any) -> str:
    """How a cell shows in HTML (and how wide it is in a sheet)."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value)
    return str(value)
