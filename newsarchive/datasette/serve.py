"""Serving an archive with datasette, the project's plugin and its metadata."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from datasette.app import Datasette
from datasette.plugins import pm

from newsarchive.datasette import plugin
from newsarchive.datasette.metadata import SEARCH_ID, build_metadata

# See the setting below.
FACET_TIME_LIMIT_MS = 30


def register_plugin() -> None:
    """Register the plugin when the package's datasette entry point has not (a
    source checkout that was not pip-installed)."""
    if not pm.is_registered(plugin) and pm.get_plugin("newsarchive") is None:
        pm.register(plugin, name="newsarchive")


def has_search_id(path: Path) -> bool:
    """Whether the archive has articles.search_id (an archive no crawl has migrated
    since it was added searches through id, as before)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            # table_xinfo: table_info leaves generated columns out.
            return any(row[1] == SEARCH_ID for row in
                       conn.execute("PRAGMA table_xinfo(articles)"))
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def build_datasette(db_path: str | Path) -> Datasette:
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no archive at {path}: run a crawl first")
    register_plugin()
    # datasette names a database after its file's stem.
    return Datasette(
        [str(path)],
        metadata=build_metadata(path.stem, search_id=has_search_id(path)),
        settings={
            # A body runs to thousands of characters; the row page shows it whole.
            "truncate_cells_html": 300,
            # The chart's and canned queries' full scans of a large archive.
            "sql_time_limit_ms": 5000,
            # Suggesting facets tries every column of every result, which made a
            # search at 200,000 articles several times slower; the useful facets
            # are configured in the metadata.
            "suggest_facets": False,
            # A facet over the hits of a common word reads every hit: at 50,000
            # articles 工作 has 15,000 hits and each facet costs 25-70 ms. Bounded,
            # the page comes back with its rows and count and the facets that were
            # quick enough (a filter or a rarer word brings the others back); the
            # table's own facets, through their indexes, stay well inside it.
            "facet_time_limit_ms": FACET_TIME_LIMIT_MS,
        },
    )


def serve(db_path: str | Path, *, port: int = 8001, host: str = "127.0.0.1") -> None:
    """Run datasette over the archive until interrupted (what `newsarchive serve`
    does). The archive is opened mutable: a crawl may write to it meanwhile."""
    import uvicorn  # a datasette dependency

    datasette = build_datasette(db_path)
    asyncio.run(datasette.invoke_startup())
    print(f"Serving {db_path} at http://{host}:{port}/", file=sys.stderr)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
