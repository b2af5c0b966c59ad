"""The report as one self-contained HTML page: inline CSS, inline SVG bar charts, no scripts.

Every text is escaped; the page prints cleanly (``@media print``) and reads on a phone.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from sibaso.core.labels import number
from sibaso.core.localtime import format_local
from sibaso.report._data import ReportData, Section, cell_text

__all__ = ["DETAIL_ROWS", "bar_chart_svg", "render_html", "write_html"]

#: Lists (people, rows to fix) longer than this are cut in the page; the workbook has all.
DETAIL_ROWS = 1000
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:1100px;padding:1rem;color:#1a1a1a;line-height:1.4}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem;
border-bottom:2px solid #ddebf7;padding-bottom:.2rem}
nav ul{padding-left:1.2rem;columns:2}nav a{color:#0b5394}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;font-size:.9rem;min-width:50%}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#ddebf7;position:sticky;top:0}td.n{text-align:right;
font-variant-numeric:tabular-nums}tr.total td{font-weight:bold;background:#f3f3f3}
.note{color:#555;font-size:.9rem}svg{max-width:100%;height:auto;display:block;margin:.5rem 0}
svg.chart{width:100%;max-width:560px}
svg text{font-family:inherit}
@media (max-width:600px){body{padding:.5rem}table{font-size:.8rem}nav ul{columns:1}}
@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0;font-size:10pt}
nav{display:none}.scroll{overflow:visible}th{position:static}
h2{break-after:avoid}svg,tr{break-inside:avoid}section{break-before:auto}}
"""


def write_html(data: ReportData, path: str | Path, *, detail_rows: int = DETAIL_ROWS) -> Path:
    """Write the report page to ``path`` (folders created) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(data, detail_rows=detail_rows), encoding="utf-8")
    return path


def render_html(data: ReportData, *, detail_rows: int = DETAIL_ROWS) -> str:
    """The report page as a string."""
    sections = data.sections()
    when = format_local(data.generated_at)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Rekap bantuan sosial</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header><h1>Rekap bantuan sosial</h1>",
        f'<p class="note">Dibuat {escape(when)} dengan sibaso.</p></header>',
        '<nav aria-label="Daftar isi"><ul>',
        *(f'<li><a href="#{escape(s.key)}">{escape(s.title)}</a></li>' for s in sections),
        "</ul></nav>",
        "<main>",
        *(_section(s, detail_rows) for s in sections),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _section(section: Section, detail_rows: int) -> str:
    out = [f'<section id="{escape(section.key)}">', f"<h2>{escape(section.title)}</h2>"]
    if section.note:
        out.append(f'<p class="note">{escape(section.note)}</p>')
    if section.chart is not None and section.chart.rows:
        spec = section.chart
        rows = section.rows[: spec.rows]
        out.append(
            bar_chart_svg(
                spec.title,
                [cell_text(r[0]) for r in rows],
                [(section.headers[i], [_number(r[i]) for r in rows]) for i in spec.series],
                ident=f"chart-{section.key}",
            )
        )
    rows = section.rows
    if section.detail and len(rows) > detail_rows:
        out.append(
            f'<p class="note">Menampilkan {number(detail_rows)} dari {number(len(rows))} baris; '
            "daftar lengkap ada di rekap .xlsx.</p>"
        )
        rows = rows[:detail_rows]
    if not rows:
        out.append('<p class="note">Tidak ada data.</p>')
        out.append("</section>")
        return "\n".join(out)
    out.append('<div class="scroll"><table>')
    out.append(
        "<thead><tr>"
        + "".join(f'<th scope="col">{escape(h)}</th>' for h in section.headers)
        + "</tr></thead><tbody>"
    )
    for row in rows:
        total = not section.detail and row and row[0] == "Jumlah"
        cells = "".join(
            f'<td class="n">{escape(cell_text(v))}</td>'
            if isinstance(v, int | float) and not isinstance(v, bool)
            else f"<td>{escape(cell_text(v))}</td>"
            for v in row
        )
        out.append(f'<tr class="total">{cells}</tr>' if total else f"<tr>{cells}</tr>")
    out.append("</tbody></table></div></section>")
    return "\n".join(out)


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def bar_chart_svg(
    title: str,
    categories: list[str],
    series: list[tuple[str, list[float]]],
    *,
    ident: str = "chart",
    width: int = 360,
) -> str:
    """A horizontal stacked bar chart as inline SVG (escaped, no scripts, no links).

    >>> svg = bar_chart_svg("Uji <1>", ["A & B"], [("PKH", [3.0]), ("KIS", [1.0])])
    >>> svg.startswith("<svg") and "Uji &lt;1&gt;" in svg and "A &amp; B" in svg
    True
    >>> svg.count("<rect")
    4
    """
    # Drawn for a phone: at 390 px the 360-unit view box is shown at about 1:1, so no text is
    # under 12 px; each category's name sits above its bar, so long names need no side column.
    bar_h, label_h, gap, legend_cols = 14, 16, 9, 2
    legend_rows = (len(series) + legend_cols - 1) // legend_cols
    top = 30 + legend_rows * 18 + 6
    area = width - 56  # room for the total after the longest bar
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    row_h = label_h + bar_h + gap
    height = top + len(categories) * row_h + 4
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{escape(ident)}-t">',
        f'<title id="{escape(ident)}-t">{escape(title)}</title>',
        f'<text x="0" y="16" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for n, (name, _values) in enumerate(series):
        lx, ly = (n % legend_cols) * (width // legend_cols), 28 + (n // legend_cols) * 18
        color = PALETTE[n % len(PALETTE)]
        out.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{color}"/>')
        out.append(f'<text x="{lx + 16}" y="{ly + 11}" font-size="13">{escape(name)}</text>')
    for i, category in enumerate(categories):
        y = top + i * row_h
        label = category if len(category) <= 44 else category[:43] + "…"
        out.append(f'<text x="0" y="{y + 12}" font-size="13">{escape(label)}</text>')
        x, bar_y = 0.0, y + label_h
        for n, (name, values) in enumerate(series):
            value = values[i]
            if value <= 0:
                continue
            w = value / peak * area
            color = PALETTE[n % len(PALETTE)]
            tip = f"{category} — {name}: {cell_text(int(value))}"
            out.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{color}"><title>{escape(tip)}</title></rect>'
            )
            x += w
        out.append(
            f'<text x="{x + 4:.1f}" y="{bar_y + 12}" font-size="13">'
            f"{escape(cell_text(int(totals[i])))}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
