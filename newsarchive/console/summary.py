"""The end of a crawl in a few lines: what it stored, skipped, left out and lost, and
why it exits as it does. Figures come from the run's Scrapy stats, read by prefix, so
a new kind of failure or of link not followed shows up without a change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ERRORS_PREFIX = "newsarchive/errors/"  # newsarchive/errors/<role>/<kind>: requests lost
NOT_FOLLOWED_PREFIX = "newsarchive/not_followed/"  # newsarchive/not_followed/<reason>
ALREADY_KNOWN = "newsarchive/articles/already_known"
FLAGGED = "newsarchive/articles/flagged"
SHOWN_URLS = 3


@dataclass
class RunReport:
    """What the summary needs: the run's row, its stats, the progress extension's URLs."""

    db: Path
    run_id: int
    finish_reason: str | None
    stats: Mapping[str, object]
    seconds: float
    verdict: str | None = None  # why the run failed, in one line
    exit_status: int = 0
    interrupted: bool = False
    failed_urls: Mapping[str, list[str]] = field(default_factory=dict)  # kind -> first URLs

    def count(self, key: str) -> int:
        value = self.stats.get(key, 0)
        return int(value) if isinstance(value, (int, float)) else 0

    def by_prefix(self, prefix: str) -> dict[str, int]:
        return {key[len(prefix):]: self.count(key) for key in sorted(self.stats)
                if key.startswith(prefix) and self.count(key)}


def summary_lines(report: RunReport) -> list[str]:
    c = report.count
    lines = [
        (f"run {report.run_id} {report.finish_reason}: {c('newsarchive/articles/new')} new, "
         f"{c('newsarchive/articles/changed')} changed, {c('newsarchive/articles/unchanged')} unchanged, "
         f"{c(ALREADY_KNOWN)} already archived (not fetched), {c('newsarchive/pages/not_article')} not articles, "
         f"{c('newsarchive/articles/invalid')} invalid, {c(FLAGGED)} flagged; archive {report.db}"),
        (f"  {c('downloader/response_count')} pages fetched ({c('downloader/request_count')} requests) "
         f"in {duration(report.seconds)}"),
    ]
    not_followed = report.by_prefix(NOT_FOLLOWED_PREFIX)
    if not_followed:
        reasons = ", ".join(f"{reason} {count}" for reason, count in not_followed.items())
        lines.append(f"  not followed: {sum(not_followed.values())} links ({reasons})")
    errors = report.by_prefix(ERRORS_PREFIX)
    if errors:
        lines.append(f"  failed: {sum(errors.values())}")
        for key, count in errors.items():
            kind = key.rsplit("/", 1)[-1]
            urls = list(report.failed_urls.get(kind, []))[:SHOWN_URLS]
            shown = f": {', '.join(urls)}" + (" …" if count > len(urls) and urls else "") if urls else ""
            lines.append(f"    {key.replace('/', ' ')} ×{count}{shown}")
    if report.interrupted:
        stored = c("newsarchive/articles/new") + c("newsarchive/articles/changed") + c("newsarchive/articles/unchanged")
        lines.append(
            f"  interrupted: the {stored} articles stored before the stop are kept; "
            "run the same command again to go on from there"
        )
    if report.verdict is None:
        lines.append(f"newsarchive: run ok (exit {report.exit_status})")
    else:
        lines.append(f"newsarchive: run failed (exit {report.exit_status}): {report.verdict}")
    return lines


def duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"
