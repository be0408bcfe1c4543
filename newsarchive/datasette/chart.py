"""Articles per month, as bars stacked by channel, drawn on the server as SVG.

No JavaScript and nothing fetched from a CDN: the chart works offline and in any
browser. Every month of the range has its place, so sparse months show as gaps, not
as spikes; each bar segment's <title> gives its month, channel and count on hover;
the SVG scales to its container (viewBox), so it reads at 400 px as at 1,400.
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
# Beyond this many channels the colours cannot be told apart; the rest are summed.
MAX_CHANNELS = 8
OTHER = "其他频道 (other channels)"
_COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f"]
_WIDTH, _HEIGHT, _LEFT, _RIGHT, _TOP, _BOTTOM = 900, 320, 48, 10, 16, 44


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
    busiest MAX_CHANNELS, the rest summed as OTHER), its count for each month."""
    if not rows:
        return [], {}
    months = _months_between(min(r[0] for r in rows), max(r[0] for r in rows))
    totals: dict[str, int] = defaultdict(int)
    for _, channel, count in rows:
        totals[channel] += count
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    shown = set(ranked[:MAX_CHANNELS]) if len(ranked) > MAX_CHANNELS + 1 else set(ranked)
    index = {m: i for i, m in enumerate(months)}
    series: dict[str, list[int]] = {c: [0] * len(months) for c in ranked if c in shown}
    for month, channel, count in rows:
        name = channel if channel in shown else OTHER
        series.setdefault(name, [0] * len(months))[index[month]] += count
    return months, series


def _nice_top(peak: int) -> int:
    """The axis' top: the peak rounded up to 1, 2 or 5 times a power of ten."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= peak:
                return step * factor
        step *= 10


def colour_of(n: int) -> str:
    return _COLOURS[n % len(_COLOURS)]


def render_svg(months: list[str], series: dict[str, list[int]]) -> str:
    """The stacked bars; the legend is HTML beside it (it wraps on a phone)."""
    if not months:
        return "<p>No dated articles yet.</p>"
    totals = [sum(values[i] for values in series.values()) for i in range(len(months))]
    top = _nice_top(max(totals) or 1)
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    slot = plot_w / len(months)
    bar = max(slot * 0.8, 1.0)

    def y(value: float) -> float:
        return _TOP + plot_h - value / top * plot_h

    parts = [(f'<svg class="newsarchive-chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
              'xmlns="http://www.w3.org/2000/svg" role="img" '
              'aria-label="Articles per month, stacked by channel">')]
    for tick in (0, top // 2, top) if top > 1 else (0, 1):
        parts.append(f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" stroke="#ddd"/><text x="{_LEFT - 6}" '
                     f'y="{y(tick) + 4:.1f}" font-size="12" text-anchor="end" '
                     f'fill="#555">{tick}</text>')
    # Label about a dozen months at most; every other label is "minor", and the
    # page hides those on a phone, where the text is drawn larger (CHART_CSS).
    label_every = max(1, -(-len(months) // 12))
    for i, month in enumerate(months):
        x = _LEFT + i * slot + (slot - bar) / 2
        base = 0
        for n, (channel, values) in enumerate(series.items()):
            if not values[i]:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y(base + values[i]):.1f}" width="{bar:.1f}" '
                f'height="{y(base) - y(base + values[i]):.1f}" fill="{colour_of(n)}">'
                f'<title>{month} · {escape(channel)}: {values[i]}</title></rect>')
            base += values[i]
        if totals[i]:
            # An invisible full-height target: hovering the month gives its total.
            parts.append(f'<rect x="{_LEFT + i * slot:.1f}" y="{_TOP}" width="{slot:.1f}"'
                         f' height="{y(totals[i]) - _TOP:.1f}" fill="transparent">'
                         f'<title>{month}: {totals[i]} articles</title></rect>')
        if i % label_every == 0:
            minor = ' class="minor"' if (i // label_every) % 2 else ""
            parts.append(f'<text{minor} x="{_LEFT + (i + 0.5) * slot:.1f}" '
                         f'y="{_HEIGHT - 6}" font-size="13" text-anchor="middle" '
                         f'fill="#333">{month}</text>')
    parts.append(f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(0):.1f}" '
                 f'y2="{y(0):.1f}" stroke="#333"/>')
    parts.append("</svg>")
    return "\n".join(parts)


def chart_context(database: str, rows: list[tuple[str, str, int]]) -> dict:
    """What the chart template shows: the SVG, its legend, and the numbers."""
    months, series = series_by_channel(rows)
    return {
        "database": database,
        "svg": render_svg(months, series),
        "legend": [(channel, colour_of(n), sum(values))
                   for n, (channel, values) in enumerate(series.items())],
        "rows": rows,
    }
