"""The raw capture of an article: its WARC response record, shown as archived.

The record is found by the article's warc_file and warc_record_id (the WARC files sit
in `warc/` beside the archive, or in the plugin setting `warc_dir`). The page shows the
HTTP status and headers, and the archived page in an iframe; the page itself is served
by a second route with `Content-Security-Policy: sandbox` and the iframe carries
`sandbox` without allow-scripts, so a stored page never runs script in datasette's
origin, and loads nothing (default-src 'none'), even when opened on its own.

An article's images, where `crawl --images` archived them, are served from their
capture too (found by URL in the WARC files): the article page shows them from here,
never from the portal.
"""

from __future__ import annotations

from pathlib import Path

from datasette.utils.asgi import NotFound, Response

from newsarchive.archive.warc_reader import ArchivedResponse, CaptureError
from newsarchive.datasette.archived import archived_images, read_capture, warc_dir
from newsarchive.datasette.links import article_path, capture_path
from newsarchive.datasette.pages import archive_database

PAYLOAD_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


async def _capture_of(datasette, database: str, db, article_id: int) -> ArchivedResponse:
    result = await db.execute(
        "SELECT warc_file, warc_record_id FROM articles WHERE id = ?", (article_id,))
    row = result.first()
    if row is None or not row["warc_file"] or not row["warc_record_id"]:
        raise NotFound(f"article {article_id} has no capture")
    name = row["warc_file"]
    # The pointer is a bare file name; anything else is not ours to open.
    if Path(name).name != name or name in (".", ".."):
        raise NotFound(f"bad WARC file name {name!r}")
    folder = warc_dir(datasette, db)
    try:
        return read_capture(folder, name, row["warc_record_id"])
    except CaptureError as error:  # missing or damaged: said, not a crash
        raise NotFound(f"{error} (in {folder})") from None


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


async def image_payload(datasette, request) -> Response:
    """An article's image from its capture; never fetched from the portal."""
    _, db = await archive_database(datasette, request)
    article = (await db.execute("SELECT id, warc_file FROM articles WHERE id = ?",
                                (int(request.url_vars["id"]),))).first()
    captured = await archived_images(datasette, db, dict(article)) if article else {}
    capture = captured.get(int(request.url_vars["position"]))
    if capture is None:
        raise NotFound("that image was not archived")
    return Response(
        capture.payload, content_type=capture.content_type,
        headers={"Content-Security-Policy": PAYLOAD_CSP,
                 "X-Content-Type-Options": "nosniff",
                 "Cache-Control": "max-age=86400"})
