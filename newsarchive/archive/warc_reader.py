"""Reading the crawl's captures back: which WARC files belong to a run, where each
response record sits in them (by record id and by URL), and one record read whole.

`warc.py` writes `{prefix}-{run_stamp}-{serial}.warc.gz`; every file of one run shares
`{prefix}-{run_stamp}` (its `run_key`), and names sort in the order they were written.
The archive keeps only an article's file and record id, and a run's files run to GBs,
so a `WarcIndex` reads each file's record headers once and answers from memory:
`reextract` fills it from scans done in a process pool; the datasette views, whose
files a running crawl may still be appending to, call `update`, which reads only what
a file gained since (from its last record: that one may have been cut short).

A damaged file (a record cut short by kill -9 or a copy that stopped, a corrupt gzip
member) keeps the records before the damage; the scan reports it as the file's `error`
and a record looked for behind it is a `CaptureError` of kind "damaged", never a crash.
Digests are checked when a record is read, not when a file is scanned: it costs a scan
a third of its time and finds only what the one record read would find.
"""

from __future__ import annotations

import glob
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

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
    """What one pass over one WARC file, from byte `start`, found."""

    file: str
    start: int = 0
    size: int | None = None  # the file's size when read; None: there is no such file
    resume: int = 0  # where to read again once the file has grown: its last record read
    captures: list[Capture] = field(default_factory=list)
    error: str | None = None  # why the pass stopped before the file's end


def run_key(file_name: str) -> str:
    """`newsarchive-20261129221500123` for `newsarchive-20261129221500123-00002.warc.gz`."""
    return file_name.rsplit("-", 1)[0]


def run_files(warc_dir: Path, run: str) -> list[str]:
    """The names of the run's WARC files in `warc_dir`, in the order they were written."""
    return sorted(path.name for path in warc_dir.glob(f"{glob.escape(run)}-*.warc.gz")
                  if run_key(path.name) == run)


def scan_file(warc_dir: Path, name: str, start: int = 0) -> FileScan:
    """Every whole response record of one file from byte `start` (a record's start);
    the scan ends at a damaged record, and says why."""
    scan = FileScan(name, start=start, resume=start)
    end = start
    try:
        scan.size = (warc_dir / name).stat().st_size  # (a file that cannot be opened is there, and damaged)
        with open(warc_dir / name, "rb") as stream:
            stream.seek(start)
            records = ArchiveIterator(stream)
            for record in records:
                offset = records.get_record_offset()  # in the file, wherever the reading began
                scan.resume = offset
                end = offset + records.get_record_length()  # reads the record through
                if cut_short(record):
                    scan.error = f"a record cut short at byte {offset}"
                    break
                if record.rec_type == "response" and record.http_headers is not None:
                    scan.captures.append(Capture(
                        file=name,
                        offset=offset,
                        record_id=record.rec_headers.get_header("WARC-Record-ID"),
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        status=int(record.http_headers.get_statuscode() or 0),
                    ))
            if scan.error is None and end != scan.size:  # warcio stops quietly at a record cut before its headers
                scan.error = f"a record cut short at byte {end} of {scan.size}"
    except FileNotFoundError:
        scan.size = None
    except Exception as error:  # a bad header or gzip member: the records before it stay usable
        scan.error = f"at byte {end}: {one_line(error)}"
    return scan


class WarcIndex:
    """The response records of some WARC files of one directory, by record id and by URL."""

    def __init__(self, warc_dir: Path, scans: Iterable[FileScan] = ()) -> None:
        self.warc_dir = warc_dir
        self._files: dict[str, FileScan] = {}  # all captures of each file, its last scan's size and error
        self._by_id: dict[str, Capture] = {}
        self._by_url: dict[str, list[Capture]] = defaultdict(list)
        for scan in scans:
            self.add(scan)

    def add(self, scan: FileScan) -> None:
        """Take in a scan: it replaces what the file held from the scan's start on."""
        held = self._files.pop(scan.file, None)
        kept = [c for c in held.captures if c.offset < scan.start] if held else []
        for capture in held.captures[len(kept):] if held else []:
            self._by_url[capture.url].remove(capture)
            if self._by_id.get(capture.record_id) == capture:
                del self._by_id[capture.record_id]
        if scan.size is None:  # the file is gone
            return
        for capture in scan.captures:
            self._by_id[capture.record_id] = capture
            self._by_url[capture.url].append(capture)
        self._files[scan.file] = replace(scan, captures=kept + scan.captures)

    def update(self, names: Iterable[str]) -> None:
        """Read what the files gained since they were last read (a file replaced by a
        shorter one is read again whole, one that is gone is forgotten)."""
        for name in names:
            held = self._files.get(name)
            try:
                size: int | None = (self.warc_dir / name).stat().st_size
            except FileNotFoundError:
                size = None
            if held is not None and size == held.size:
                continue
            grown = held is not None and held.size is not None and size is not None and size > held.size
            self.add(scan_file(self.warc_dir, name, held.resume if held and grown else 0))

    def record(self, warc_file: str | None, record_id: str | None) -> Capture:
        """The response record `record_id` of `warc_file`."""
        if not warc_file or not record_id:
            raise CaptureError("missing", "the archive names no WARC capture for it")
        capture = self._by_id.get(record_id)
        if capture is not None and capture.file == warc_file:
            return capture
        raise self.absent(warc_file, f"record {record_id}")

    def latest(self, url: str, where: Callable[[str], bool] = lambda name: True) -> Capture | None:
        """The newest successful (2xx) capture of `url` in a file that `where` accepts."""
        found = [c for c in self._by_url.get(url, ()) if 200 <= c.status < 300 and where(c.file)]
        return max(found, key=lambda c: (c.file, c.offset)) if found else None

    def absent(self, warc_file: str, what: str) -> CaptureError:
        """Why `what`, looked for in `warc_file`, is not there."""
        held = self._files.get(warc_file)
        if held is None:
            return CaptureError("missing", f"{what}: WARC file {warc_file} not found")
        if held.error:
            return CaptureError("damaged", f"{what}: WARC file {warc_file} is damaged ({held.error})")
        return CaptureError("missing", f"{what}: not in WARC file {warc_file}")


@dataclass(frozen=True)
class ArchivedResponse:
    """A response record read whole: what the crawl received."""

    record_id: str
    url: str
    date: str
    status_line: str
    headers: list[tuple[str, str]]
    content_type: str
    payload: bytes  # with its Content-Encoding undone

    def page(self) -> Page:
        """The page as the crawl's spider saw it."""
        return Page(url=self.url, body=self.payload, header_encoding=header_charset(self.content_type))


def read_response(warc_dir: Path, capture: Capture) -> ArchivedResponse:
    """The record at `capture`, its digests checked."""
    where = f"{capture.file} at {capture.offset}"
    try:
        with open(warc_dir / capture.file, "rb") as stream:
            stream.seek(capture.offset)
            record = next(iter(ArchiveIterator(stream, check_digests="raise")), None)
            if record is None or record.rec_headers.get_header("WARC-Record-ID") != capture.record_id:
                raise CaptureError("damaged", f"{where} holds another record")
            payload = record.content_stream().read()
            if cut_short(record):  # the file was cut after it was scanned
                raise CaptureError("damaged", f"{where}: the record is cut short")
            http = record.http_headers
            return ArchivedResponse(
                record_id=capture.record_id,
                url=capture.url,
                date=record.rec_headers.get_header("WARC-Date") or "",
                status_line=f"{http.protocol} {http.statusline}",
                headers=list(http.headers),
                content_type=http.get_header("Content-Type") or "application/octet-stream",
                payload=payload,
            )
    except FileNotFoundError:
        raise CaptureError("missing", f"WARC file {capture.file} not found") from None
    except CaptureError:
        raise
    except Exception as error:
        raise CaptureError("damaged", f"{where}: {one_line(error)}") from error


def cut_short(record: ArcWarcRecord) -> bool:
    """Whether a record read through was cut short, which warcio lets pass: one cut in
    its headers lacks its type or length, one cut in its block leaves part of it unread."""
    length = record.rec_headers.get_header("Content-Length") or ""
    return not record.rec_type or not length.strip().isdigit() or getattr(record.raw_stream, "limit", 0) > 0


def one_line(error: Exception) -> str:
    """An error as one short line: warcio quotes a bad record's first bytes, which may
    be any binary (its and zlib's own words are ASCII)."""
    text = "".join(ch if ch.isascii() and ch.isprintable() else "?" for ch in f"{type(error).__name__}: {error}")
    return " ".join(text.split())[:120]
