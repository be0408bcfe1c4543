"""Reading the crawl's WARC files: a response record by its id (an article's page)
or by its URL (an article's image, which `crawl --images` archived)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


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
    """Where the last successful (2xx) response for each URL sits in a folder of WARC
    files. A file is read again only when it has grown since (a running crawl)."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[int, dict[str, int]]] = {}

    def find(self, folder: Path, url: str) -> tuple[Path, int] | None:
        found = None
        for path in sorted(folder.glob("*.warc*")):
            offset = self._offsets(path).get(url)
            if offset is not None:
                found = (path, offset)  # files sort by run stamp: the newest wins
        return found

    def _offsets(self, path: Path) -> dict[str, int]:
        size = path.stat().st_size
        known = self._files.get(path)
        if known is None or known[0] != size:
            offsets: dict[str, int] = {}
            with path.open("rb") as stream:
                records = ArchiveIterator(stream)
                for record in records:
                    if record.rec_type == "response" and record.http_headers is not None \
                            and record.http_headers.get_statuscode().startswith("2"):
                        url = record.rec_headers.get_header("WARC-Target-URI") or ""
                        offsets[url] = records.get_record_offset()
            known = self._files[path] = (size, offsets)
        return known[1]


INDEX = WarcIndex()
URLS = UrlIndex()


def read_capture(warc_path: Path, record_id: str) -> Capture | None:
    """The response record `record_id` of the WARC file, or None if it holds none."""
    offset = INDEX.offset(warc_path, record_id)
    if offset is None:
        return None
    capture = _capture_at(warc_path, offset)
    return capture if capture and capture.record_id == record_id else None


def find_capture(folder: Path, url: str) -> Capture | None:
    """The newest successful capture of `url` in the folder's WARC files, if any."""
    found = URLS.find(folder, url) if folder.is_dir() else None
    return _capture_at(*found) if found else None


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


async def archived_images(datasette, db, article_id: int) -> dict[int, Capture]:
    """The article's images that a crawl archived, by position."""
    rows = (await db.execute("SELECT position, src FROM images WHERE article_id = ?",
                             (article_id,))).rows
    folder = warc_dir(datasette, db)
    found = {row["position"]: find_capture(folder, row["src"]) for row in rows}
    return {position: capture for position, capture in found.items()
            if capture and capture.content_type.startswith("image/")}
