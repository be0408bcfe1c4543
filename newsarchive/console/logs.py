"""Where a crawl's log goes: everything to `--log-file`, little to the terminal.

Scrapy's banner, settings and stats dump are INFO lines: they reach stderr only with
`--verbose`. By default stderr gets warnings and errors (`--quiet`: errors only), and
the summary says the rest.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"  # Scrapy's own
CONSOLE_FORMAT = "%(levelname)s: %(message)s"


class CurrentStderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time, so a live view that redirects
    stderr prints log lines above itself instead of through them."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always the current sys.stderr


class TerminalWorthy(logging.Filter):
    """Without --verbose: per-page events (a page that failed, an item dropped, a retry
    given up) are left to the summary, which lists them by kind with their URLs; the
    project's own warnings and anything else's errors still show."""

    PER_PAGE = ("portal", "scrapy.core.scraper", "scrapy.downloadermiddlewares", "scrapy.spidermiddlewares")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("newsarchive"):
            return True
        if record.name.startswith(self.PER_PAGE):
            return record.levelno >= logging.CRITICAL
        return record.levelno >= logging.ERROR


def configure(*, log_file: Path | None, verbose: bool, quiet: bool) -> None:
    """Root handlers for a crawl in this process (Scrapy's own root handler is off)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, CurrentStderr) or getattr(handler, "newsarchive", False):
            root.removeHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = CurrentStderr()
    console.setLevel(logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING)
    console.setFormatter(logging.Formatter(LOG_FORMAT if verbose else CONSOLE_FORMAT))
    if not verbose:
        console.addFilter(TerminalWorthy())
    root.addHandler(console)
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        # mode "a": a handler closed by Scrapy's logging set-up reopens on the next line.
        to_file = logging.FileHandler(log_file, mode="a", encoding="utf-8")
        to_file.newsarchive = True  # type: ignore[attr-defined]
        to_file.setLevel(logging.DEBUG if verbose else logging.INFO)
        to_file.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(to_file)


def drop_unseen_debug(*, verbose: bool) -> None:
    """Scrapy's logging set-up (done by CrawlerProcess, after `configure`) puts its
    loggers at DEBUG, so every page crawled and item scraped makes a log record that
    each handler above then drops: two a page on the crawl's busiest thread. Without
    --verbose no handler takes DEBUG, and they stop at the logger."""
    logging.getLogger("scrapy").setLevel(logging.DEBUG if verbose else logging.INFO)
