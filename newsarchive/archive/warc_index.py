"""Find a run's captured responses again: an index of WARC files, and reading one record.

`warc.py` writes `{prefix}-{run_stamp}-{serial}.warc.gz`; every file of one run shares
`{prefix}-{run_stamp}` (its `run_key`). The index lists each response record of those
files once (one pass per file), by record id and by URL, so a re-extraction finds
page 1 by the pointer stored in `articles` and a continuation page by its URL in the
same run, without scanning a file per article.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newsarchive.extract.decode import header_charset
from newsarchive.items import Page


class CaptureError(Exception):
    """A capture that cannot be read back; `kind` is "missing" or "damaged"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(kind, message)  # both in args: it crosses process boundaries pickled
        self.kind, self.message = kind, message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Capture:
    """Where one response record sits."""

    file: str  # name relative to the WARC directory
    offset: int  # of the record's gzip member
    record_id: str
    url: str
    status: int


@dataclass
class FileScan:
    """What one pass over one WARC file found; `error` when it could not be read to its end."""

    file: str
    captures: list[Capture] = field(default_factory=list)
    error: str | None = None


def run_key(file_name: str) -> str:
    """`newsarchive-20261129221500123` for `newsarchive-20261129221500123-00002.warc.gz`."""
    return file_name.rsplit("-", 1)[0]


def scan_file(warc_dir: Path, name: str) -> FileScan:
    """Every response record of one file (headers only); a damaged tail ends the scan."""
    scan = FileScan(name)
    try:
        with open(warc_dir / name, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            # warcio ends a file quietly at a cut record (kill -9, a copy that stopped):
            # a record cut in its body fails its digest, one cut in its headers leaves
            # the records short of the file's end.
            records = ArchiveIterator(stream, check_digests="raise")
            end = 0
            for record in records:
                offset = records.get_record_offset()
                end = offset + records.get_record_length()  # reads the record through
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                scan.captures.append(Capture(
                    file=name,
                    offset=offset,
                    record_id=record.rec_headers.get_header("WARC-Record-ID"),
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    status=int(record.http_headers.get_statuscode() or 0),
                ))
            if end != size:
                scan.error = f"a record cut short at byte {end} of {size}"
    except Exception as error:  # a bad digest, header or gzip member: the records before it stay usable
        scan.error = f"{type(error).__name__}: {error}"
    return scan


class WarcIndex:
    """Response records of some WARC files, by record id and by URL."""

    def __init__(self, scans: list[FileScan]) -> None:
        self.by_id: dict[str, Capture] = {}
        self.by_url: dict[str, list[Capture]] = defaultdict(list)
        self.damaged_files = {scan.file: scan.error for scan in scans if scan.error}
        self.files = {scan.file for scan in scans}
        for scan in scans:
            for capture in scan.captures:
                self.by_id[capture.record_id] = capture
                self.by_url[capture.url].append(capture)

    def page_one(self, warc_file: str | None, record_id: str | None) -> Capture:
        if not warc_file or not record_id:
            raise CaptureError("missing", "the archive names no WARC capture for it")
        capture = self.by_id.get(record_id)
        if capture is not None and capture.file == warc_file:
            return capture
        raise CaptureError(*self._why_absent(warc_file, f"record {record_id}"))

    def continuation(self, url: str, page_one: Capture) -> Capture:
        """The successful capture of `url`, from page 1's run when there is one (its latest)."""
        found = [c for c in self.by_url.get(url, ()) if 200 <= c.status < 300]
        same_run = [c for c in found if run_key(c.file) == run_key(page_one.file)]
        chosen = same_run or found
        if not chosen:
            raise CaptureError(*self._why_absent(page_one.file, f"no capture of {url}"))
        return max(chosen, key=lambda c: (c.file, c.offset))

    def _why_absent(self, warc_file: str, what: str) -> tuple[str, str]:
        if warc_file not in self.files:
            return "missing", f"{what}: WARC file {warc_file} not found"
        if warc_file in self.damaged_files:
            return "damaged", f"{what}: WARC file {warc_file} is damaged ({self.damaged_files[warc_file]})"
        return "missing", f"{what}: not in WARC file {warc_file}"


def read_page(warc_dir: Path, capture: Capture) -> Page:
    """The page as the crawl's spider saw it: body with its Content-Encoding undone."""
    try:
        with open(warc_dir / capture.file, "rb") as stream:
            stream.seek(capture.offset)
            record = next(iter(ArchiveIterator(stream, check_digests="raise")))
            if record.rec_headers.get_header("WARC-Record-ID") != capture.record_id:
                raise CaptureError("damaged", f"{capture.file} at {capture.offset} holds another record")
            body = record.content_stream().read()
            content_type = record.http_headers.get_header("Content-Type") or ""
    except FileNotFoundError:
        raise CaptureError("missing", f"WARC file {capture.file} not found") from None
    except CaptureError:
        raise
    except Exception as error:
        raise CaptureError("damaged", f"{capture.file} at {capture.offset}: {type(error).__name__}: {error}") from error
    return Page(url=capture.url, body=body, header_encoding=header_charset(content_type))
