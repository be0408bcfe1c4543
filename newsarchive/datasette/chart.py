"""A self-contained HTML page charting articles per month per channel.

The SVG is drawn here, on the server: no JavaScript and nothing fetched from a CDN,
so the chart works on an offline machine and in any browser.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from datasette.utils import tilde_encode

MONTHLY_COUNTS_SQL = (
    "SELECT substr(published_date, 1, 7) AS month, coalesce(channel, '(none)'),"
    " count(*) FROM articles WHERE published_date IS NOT NULL"
    " GROUP BY month, channel ORDER BY month"
)
# Beyond this many channels the lines become unreadable; the rest are summed.
MAX_LINES = 8
OTHER = "其他频道 (other channels)"
_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#17becf", "#7f7f7f"]
_WIDTH, _HEIGHT, _LEFT, _RIGHT, _TOP, _BOTTOM = 900, 380, 50, 20, 20, 60


def chart_path(database: str) -> str:
    """The chart's path; the name is tilde-encoded as in datasette's own URLs."""
    return f"/-/chart/{tilde_encode(database)}"


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def series_by_channel(
    rows: list[tuple[str, str, int]],
) -> tuple[list[str], dict[str, list[int]]]:
    """(month, channel, count) rows -> every month in range and, per channel (the
    busiest MAX_LINES, the rest summed as OTHER), its count for each month."""
    if not rows:
        return [], {}
    months = _months_between(min(r[0] for r in rows), max(r[0] for r in rows))
    totals: dict[str, int] = defaultdict(int)
    for _, channel, count in rows:
        totals[channel] += count
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    shown = set(ranked[:MAX_LINES]) if len(ranked) > MAX_LINES + 1 else set(ranked)
    index = {m: i for i, m in enumerate(months)}
    series: dict[str, list[int]] = {c: [0] * len(months) for c in ranked if c in shown}
    for month, channel, count in rows:
        name = channel if channel in shown else OTHER
        series.setdefault(name, [0] * len(months))[index[month]] += count
    return months, series


def render_svg(months: list[str], series: dict[str, list[int]]) -> str:
    if not months:
        return "<p>No dated articles yet.</p>"
    peak = max(max(values) for values in series.values()) or 1
    plot_w = _WIDTH - _LEFT - _RIGHT
    plot_h = _HEIGHT - _TOP - _BOTTOM
    step = plot_w / max(len(months) - 1, 1)

    def x(i: int) -> float:
        return _LEFT + i * step

    def y(v: int) -> float:
        return _TOP + plot_h - v / peak * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" '
             f'height="{_HEIGHT}" role="img" aria-label="Articles per month per channel">',
             f'<line x1="{_LEFT}" y1="{y(0)}" x2="{_WIDTH - _RIGHT}" y2="{y(0)}" '
             'stroke="#333"/>',
             f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{y(0)}" stroke="#333"/>']
    for tick in sorted({0, peak // 2, peak}):
        parts.append(f'<text x="{_LEFT - 6}" y="{y(tick) + 4}" font-size="11" '
                     f'text-anchor="end">{tick}</text>')
    label_every = max(1, len(months) // 12)
    for i, month in enumerate(months):
        if i % label_every == 0:
            parts.append(f'<text x="{x(i)}" y="{y(0) + 16}" font-size="11" '
                         f'text-anchor="middle">{month}</text>')
    for n, (channel, values) in enumerate(series.items()):
        colour = _COLOURS[n % len(_COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                     f'points="{points}"><title>{escape(channel)}</title></polyline>')
        if len(values) == 1:
            parts.append(f'<circle cx="{x(0)}" cy="{y(values[0])}" r="4" '
                         f'fill="{colour}"/>')
        legend_x = _LEFT + (n % 4) * 210
        legend_y = _HEIGHT - 30 + (n // 4) * 16
        parts.append(f'<rect x="{legend_x}" y="{legend_y - 9}" width="12" height="10" '
                     f'fill="{colour}"/><text x="{legend_x + 16}" y="{legend_y}" '
                     f'font-size="12">{escape(channel)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def render_page(database: str, rows: list[tuple[str, str, int]]) -> str:
    """The whole page: the chart, then the same numbers as a table."""
    months, series = series_by_channel(rows)
    table_rows = "\n".join(
        f"<tr><td>{escape(m)}</td><td>{escape(c)}</td><td>{n}</td></tr>"
        for m, c, n in rows
    )
    db = escape(database)
    db_path = escape("/" + tilde_encode(database))
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<title>Articles per month per channel — {db}</title>
<style>body{{font-family:sans-serif;margin:1.5em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:2px 8px}}</style></head>
<body><p><a href="{db_path}">{db}</a> › chart</p>
<h1>Articles per month per channel</h1>
{render_svg(months, series)}
<h2>The numbers</h2>
<table><tr><th>month</th><th>channel</th><th>articles</th></tr>
{table_rows}
</table>
<p><a href="{db_path}/articles_per_month_per_channel">As a datasette query</a></p>
</body></html>"""
