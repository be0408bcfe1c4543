"""Serving an archive with datasette, the project's plugin and its metadata."""

from __future__ import annotations

import asyncio
import errno
import socket
import sqlite3
import sys
from pathlib import Path

from datasette.app import Datasette
from datasette.plugins import pm

from newsarchive.datasette import plugin
from newsarchive.datasette.metadata import SEARCH_ID, build_metadata
from newsarchive.store.archive_file import check_archive_file, connect_read_only, is_on_read_only_medium

# See the setting below.
FACET_TIME_LIMIT_MS = 30


class PortUnavailable(OSError):
    """The port cannot be bound; str(error) says why and which port to try."""


def register_plugin() -> None:
    """Register the plugin when the package's datasette entry point has not (a
    source checkout that was not pip-installed)."""
    if not pm.is_registered(plugin) and pm.get_plugin("newsarchive") is None:
        pm.register(plugin, name="newsarchive")


def has_search_id(path: Path) -> bool:
    """Whether the archive has articles.search_id (an archive no crawl has migrated
    since it was added searches through id, as before)."""
    try:
        conn = connect_read_only(path)
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
    check_archive_file(path, for_writing=False)  # ArchiveFileError says what is wrong
    register_plugin()
    # On a read-only medium SQLite cannot make the WAL index a mutable open needs.
    read_only = is_on_read_only_medium(path.resolve())
    # datasette names a database after its file's stem.
    return Datasette(
        [] if read_only else [str(path)],
        immutables=[str(path)] if read_only else [],
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
    listening = bind(host, port)  # before saying "Serving": a busy port is said instead
    asyncio.run(datasette.invoke_startup())
    print(f"Serving {db_path} at http://{host}:{port}/", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(datasette.app(), log_level="warning"))
    server.run(sockets=[listening])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or PortUnavailable naming a free port to try."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as error:
        raise PortUnavailable(f"cannot listen on {host}: {error.strerror}") from None
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
        listening.listen(128)
    except OSError as error:
        listening.close()
        if error.errno == errno.EADDRINUSE:
            raise PortUnavailable(
                f"port {port} on {host} is busy; try --port {free_port(host, port)}"
            ) from None
        raise PortUnavailable(f"cannot listen on {host}:{port}: {error.strerror}") from None
    listening.set_inheritable(True)
    return listening


def free_port(host: str, busy: int) -> int:
    """The first port after `busy` that can be bound now, else one the system picks."""
    for candidate in range(busy + 1, min(busy + 50, 65536)):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return candidate
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
