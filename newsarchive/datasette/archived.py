"""What the crawl's WARC files hold, for the datasette views: an article's raw capture
(found by its record id) and its images, which `crawl --images` archived (found by URL
in the article's run, from its file on).

The server keeps one `WarcIndex` per WARC folder while it runs, so a file is read once;
each view first reads what a running crawl appended since (a stat when nothing was).
"""

from __future__ import annotations

from pathlib import Path

from newsarchive.archive.warc_reader import ArchivedResponse, CaptureError, WarcIndex, read_response, run_files, run_key

_INDEXES: dict[Path, WarcIndex] = {}


def index_of(folder: Path) -> WarcIndex:
    return _INDEXES.setdefault(folder, WarcIndex(folder))


def read_capture(folder: Path, name: str, record_id: str) -> ArchivedResponse:
    """The response record `record_id` of the WARC file `name`; CaptureError when it
    cannot be read."""
    index = index_of(folder)
    index.update([name])
    return read_response(folder, index.record(name, record_id))


def find_captures(folder: Path, names: list[str], urls: list[str]) -> dict[str, ArchivedResponse]:
    """The newest successful capture of each URL in the named WARC files; a URL with
    none, or whose record is damaged, is left out."""
    index = index_of(folder)
    index.update(names)
    found, searched = {}, set(names)
    for url in urls:
        capture = index.latest(url, searched.__contains__)
        try:
            if capture is not None:
                found[url] = read_response(folder, capture)
        except CaptureError:
            pass  # shown as not archived
    return found


def run_files_from(folder: Path, warc_file: str) -> list[str]:
    """The run's WARC files from `warc_file` on: where the run wrote what it fetched
    after that file's pages (an article's images)."""
    return [name for name in run_files(folder, run_key(warc_file)) if name >= warc_file]


def warc_dir(datasette, db) -> Path:
    configured = (datasette.plugin_config("newsarchive") or {}).get("warc_dir")
    return Path(configured) if configured else Path(db.path).parent / "warc"


async def archived_images(datasette, db, article: dict) -> dict[int, ArchivedResponse]:
    """The article's images that its crawl archived (`crawl --images`), by position.
    Nothing is read when no run of the archive fetched images."""
    name = article.get("warc_file")
    if not name or Path(name).name != name:
        return {}
    asked = await db.execute("SELECT 1 FROM crawl_runs WHERE json_valid(options)"
                             " AND json_extract(options, '$.images') LIMIT 1")
    if not asked.rows:
        return {}
    rows = (await db.execute("SELECT position, src FROM images WHERE article_id = ?",
                             (article["id"],))).rows
    if not rows:
        return {}
    folder = warc_dir(datasette, db)
    found = find_captures(folder, run_files_from(folder, name), [row["src"] for row in rows])
    return {row["position"]: found[row["src"]] for row in rows
            if row["src"] in found and found[row["src"]].content_type.startswith("image/")}
