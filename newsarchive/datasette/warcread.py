"""Reading the crawl's WARC files: a response record by its id (an article's page)
or by its URL (an article's image, which `crawl --images` archived)."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed


@dataclass(frozen=True)
class Capture:
    record_id: str
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


class UrlIndex:
    """Where the last successful (2xx) response for each URL sits in WARC files. A
    file is read once, and when a running crawl has appended to it, from where the
    last reading stopped (its last record read again: it may have been incomplete)."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[int, dict[str, int]]] = {}

    def find(self, paths: list[Path], url: str) -> tuple[Path, int] | None:
        found = None
        for path in paths:
            offset = self._offsets(path).get(url)
            if offset is not None:
                found = (path, offset)  # the last file that holds it: the newest capture
        return found

    def _offsets(self, path: Path) -> dict[str, int]:
        size = path.stat().st_size
        read_to, offsets = self._files.get(path, (0, {}))
        if size < read_to:  # replaced by a shorter file: start again
            read_to, offsets = 0, {}
        if size > read_to:
            with path.open("rb") as stream:
                stream.seek(read_to)
                records = ArchiveIterator(stream)
                last_start = 0
                try:
                    for record in records:
                        last_start = records.get_record_offset()
                        if record.rec_type == "response" and record.http_headers is not None \
                                and record.http_headers.get_statuscode().startswith("2"):
                            url = record.rec_headers.get_header("WARC-Target-URI") or ""
                            offsets[url] = read_to + last_start
                except (ArchiveLoadFailed, EOFError, OSError):
                    pass  # a record still being written: read again next time
                read_to += last_start
            self._files[path] = (read_to, offsets)
        return offsets


INDEX = WarcIndex()
URLS = UrlIndex()


def read_capture(warc_path: Path, record_id: str) -> Capture | None:
    """The response record `record_id` of the WARC file, or None if it holds none."""
    offset = INDEX.offset(warc_path, record_id)
    if offset is None:
        return None
    capture = _capture_at(warc_path, offset)
    return capture if capture and capture.record_id == record_id else None


def find_capture(paths: list[Path], url: str) -> Capture | None:
    """The newest successful capture of `url` in the WARC files, if any."""
    found = URLS.find(paths, url)
    return _capture_at(*found) if found else None


def run_files_from(folder: Path, warc_file: str) -> list[Path]:
    """The crawl run's WARC files from `warc_file` on, in order: where the run wrote
    what it fetched after that file's pages (an article's images)."""
    run = warc_file.rsplit("-", 1)[0]  # newsarchive-<run stamp>-<serial>.warc.gz
    return sorted(path for path in folder.glob(f"{glob.escape(run)}-*.warc*")
                  if path.name >= warc_file)


def _capture_at(warc_path: Path, offset: int) -> Capture | None:
    with warc_path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        if record.http_headers is None:
            return None
        http = record.http_headers
        return Capture(
            record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
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


async def archived_images(datasette, db, article: dict) -> dict[int, Capture]:
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
    paths = run_files_from(warc_dir(datasette, db), name) if rows else []
    found = {row["position"]: find_capture(paths, row["src"]) for row in rows}
    return {position: capture for position, capture in found.items()
            if capture and capture.content_type.startswith("image/")}
