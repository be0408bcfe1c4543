"""The raw capture of an article: its WARC response record, shown as archived.

The record is found by the article's warc_file and warc_record_id (the WARC files sit
in `warc/` beside the archive, or in the plugin setting `warc_dir`). The page shows the
HTTP status and headers, and the archived page in an iframe; the page itself is served
by a second route with `Content-Security-Policy: sandbox` and the iframe carries
`sandbox` without allow-scripts, so a stored page never runs script in datasette's
origin, and loads nothing (default-src 'none'), even when opened on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from datasette.utils.asgi import NotFound, Response
from warcio.archiveiterator import ArchiveIterator

from newsarchive.datasette.links import article_path, capture_path
from newsarchive.datasette.pages import archive_database

PAYLOAD_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@dataclass(frozen=True)
class Capture:
    url: str
    date: str
    status_line: str
    headers: list[tuple[str, str]]
    content_type: str
    payload: bytes


class WarcIndex:
    """Where each response record sits in the WARC files, learnt by reading a file
    once: the archive keeps only a record's id, and a crawl's files run to a GB.
    A record not found makes the file be read again, since a running crawl
    appends to its file."""

    def __init__(self) -> None:
        self._offsets: dict[Path, dict[str, int]] = {}

    def offset(self, path: Path, record_id: str) -> int | None:
        offsets = self._offsets.setdefault(path, {})
        if record_id not in offsets:
            with path.open("rb") as stream:
                records = ArchiveIterator(stream)
                for record in records:
                    if record.rec_type == "response":
                        record_key = record.rec_headers.get_header("WARC-Record-ID")
                        offsets[record_key] = records.get_record_offset()
        return offsets.get(record_id)


INDEX = WarcIndex()


def read_capture(warc_path: Path, record_id: str) -> Capture | None:
    """The response record `record_id` of the WARC file, or None if it holds none."""
    offset = INDEX.offset(warc_path, record_id)
    if offset is None:
        return None
    with warc_path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        if record.rec_headers.get_header("WARC-Record-ID") != record_id \
                or record.http_headers is None:
            return None
        http = record.http_headers
        return Capture(
            url=record.rec_headers.get_header("WARC-Target-URI") or "",
            date=record.rec_headers.get_header("WARC-Date") or "",
            status_line=f"{http.protocol} {http.statusline}",
            headers=list(http.headers),
            content_type=http.get_header("Content-Type") or "application/octet-stream",
            payload=record.content_stream().read(),
        )


def warc_dir(datasette, db) -> Path:
    configured = (datasette.plugin_config("newsarchive") or {}).get("warc_dir")
    return Path(configured) if configured else Path(db.path).parent / "warc"


async def _capture_of(datasette, database: str, db, article_id: int) -> Capture:
    result = await db.execute(
        "SELECT warc_file, warc_record_id FROM articles WHERE id = ?", (article_id,))
    row = result.first()
    if row is None or not row["warc_file"] or not row["warc_record_id"]:
        raise NotFound(f"article {article_id} has no capture")
    name = row["warc_file"]
    # The pointer is a bare file name; anything else is not ours to open.
    if Path(name).name != name or name in (".", ".."):
        raise NotFound(f"bad WARC file name {name!r}")
    path = warc_dir(datasette, db) / name
    if not path.is_file():
        raise NotFound(f"WARC file {name} is not in {path.parent}")
    capture = read_capture(path, row["warc_record_id"])
    if capture is None:
        raise NotFound(f"no response record {row['warc_record_id']} in {name}")
    return capture


async def capture_page(datasette, request) -> Response:
    database, db = await archive_database(datasette, request)
    article_id = int(request.url_vars["id"])
    capture = await _capture_of(datasette, database, db, article_id)
    return Response.html(await datasette.render_template(
        "newsarchive_capture.html", {
            "database": database, "capture": capture,
            "article": article_path(database, article_id),
            "payload": capture_path(database, article_id, payload=True),
        }, request=request))


async def capture_payload(datasette, request) -> Response:
    database, db = await archive_database(datasette, request)
    capture = await _capture_of(datasette, database, db, int(request.url_vars["id"]))
    return Response(
        capture.payload, content_type=capture.content_type,
        headers={"Content-Security-Policy": PAYLOAD_CSP,
                 "X-Content-Type-Options": "nosniff",
                 "Referrer-Policy": "no-referrer"})
