"""The WARC reader (newsarchive/archive/warc_reader.py) on generated files: which files
make a run, every record found by id and the newest by URL, and files cut, corrupted,
grown, replaced or deleted: what is whole reads back exactly, what is not is a
CaptureError, and nothing raises anything else."""

from __future__ import annotations

import gzip
import io
import pickle
import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive.archive import warc_reader
from newsarchive.archive.warc_reader import (
    CaptureError,
    FileScan,
    WarcIndex,
    read_response,
    run_files,
    run_key,
    scan_file,
)

STATUSES = ["200 OK", "200 OK", "200 OK", "206 Partial Content", "301 Moved Permanently", "404 Not Found"]


@dataclass(frozen=True)
class Written:
    """A response record as the test wrote it, and where its gzip member lies."""

    file: str
    start: int
    end: int
    record_id: str
    url: str
    status: int
    payload: bytes


def _member(writer_record: tuple) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    kind, url, body, status = writer_record
    if kind == "warcinfo":
        record = writer.create_warcinfo_record("file.warc.gz", {"software": "test"})
    elif kind == "request":
        record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0, http_headers=
                                           StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "portal")],
                                                            is_http_request=True))
    else:
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                           http_headers=StatusAndHeaders(
                                               status, [("Content-Type", "text/html; charset=gbk")],
                                               protocol="HTTP/1.1"))
    writer.write_record(record)
    return buffer.getvalue()


def make_file(rng: random.Random, name: str, urls: list[str], pairs: int) -> tuple[bytes, list[Written], list[int]]:
    """A file as the crawl writes one: warcinfo, then request/response pairs; the
    response records, and where every gzip member starts."""
    data, written = _member(("warcinfo", "", b"", "")), []
    starts = [0]
    for _ in range(pairs):
        url = rng.choice(urls)
        starts.append(len(data))
        data += _member(("request", url, b"", ""))
        starts.append(len(data))
        body = rng.randbytes(rng.randrange(0, 600)) + "正文".encode("gbk") * rng.randrange(0, 40)
        status = rng.choice(STATUSES)
        member = _member(("response", url, body, status))
        record_id = _record_id(member)
        written.append(Written(name, len(data), len(data) + len(member), record_id, url,
                               int(status.split()[0]), body))
        data += member
    return data, written, starts


def _record_id(member: bytes) -> str:
    headers = gzip.decompress(member).split(b"\r\n\r\n", 1)[0].decode()
    return next(line.split(": ", 1)[1] for line in headers.splitlines() if line.startswith("WARC-Record-ID"))


def newest(written: list[Written], url: str, files: set[str] | None = None) -> Written | None:
    found = [w for w in written if w.url == url and 200 <= w.status < 300 and (files is None or w.file in files)]
    return max(found, key=lambda w: (w.file, w.start)) if found else None


def assert_reads_back(warc_dir: Path, index: WarcIndex, written: Written) -> None:
    capture = index.record(written.file, written.record_id)
    assert (capture.offset, capture.url, capture.status) == (written.start, written.url, written.status)
    response = read_response(warc_dir, capture)
    assert response.payload == written.payload and response.status_line.split()[1] == str(written.status)
    page = response.page()
    assert (page.url, page.body, page.header_encoding) == (written.url, written.payload, "gbk")


@pytest.mark.parametrize("seed", range(5))
def test_a_run_is_the_files_that_share_its_prefix_and_stamp(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    prefixes = ["newsarchive", "my-news", "a[b]*?", "x-1"]
    runs = {f"{rng.choice(prefixes)}-{rng.randrange(10**16, 10**17)}" for _ in range(4)}
    runs.add(f"{min(runs)}0")  # a stamp that starts with another run's
    runs.add(f"{min(runs)}-{rng.randrange(10**16, 10**17)}")  # a prefix that is another run's key
    expected: dict[str, list[str]] = {}
    for run in runs:
        serials = rng.sample(range(1, 200), rng.randrange(1, 6))
        expected[run] = sorted(f"{run}-{serial:05d}.warc.gz" for serial in serials)
        for name in expected[run]:
            (tmp_path / name).write_bytes(b"")
            assert run_key(name) == run
        (tmp_path / f"{run}-00000.warc.gz.part").write_bytes(b"")  # not a WARC file
        (tmp_path / f"{run}-00000.cdx").write_bytes(b"")
    for run, names in expected.items():
        assert run_files(tmp_path, run) == names
    assert run_files(tmp_path / "no such folder", min(runs)) == []


@pytest.mark.parametrize("seed", range(4))
def test_every_record_is_found_by_id_and_the_newest_success_by_url(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    urls = [f"http://portal/{n}.html" for n in range(8)]
    written: list[Written] = []
    names = []
    for run in ("news-20260101000000000", "news-20260202000000000"):
        for serial in range(1, 4):
            name = f"{run}-{serial:05d}.warc.gz"
            data, records, _ = make_file(rng, name, urls, rng.randrange(0, 12))
            (tmp_path / name).write_bytes(data)
            written += records
            names.append(name)
    index = WarcIndex(tmp_path, (scan_file(tmp_path, name) for name in names))
    for record in written:
        assert_reads_back(tmp_path, index, record)
    first_run = {name for name in names if run_key(name) == "news-20260101000000000"}
    for url in urls + ["http://portal/never.html"]:
        want = newest(written, url)
        got = index.latest(url)
        assert (got.record_id if got else None) == (want.record_id if want else None)
        want = newest(written, url, first_run)
        got = index.latest(url, first_run.__contains__)
        assert (got.record_id if got else None) == (want.record_id if want else None)
    with pytest.raises(CaptureError) as error:
        index.record(names[0], "<urn:uuid:none>")
    assert error.value.kind == "missing" and f"not in WARC file {names[0]}" in str(error.value)
    with pytest.raises(CaptureError, match="WARC file other.warc.gz not found"):
        index.record("other.warc.gz", written[0].record_id if written else "<urn:uuid:none>")
    with pytest.raises(CaptureError, match="names no WARC capture"):
        index.record(None, None)


def _cut_points(rng: random.Random, starts: list[int], size: int) -> list[int]:
    near = {point + delta for point in starts + [size] for delta in (-9, -8, -1, 0, 1, 2, 20)}
    return sorted({p for p in near | set(rng.sample(range(size), min(size, 150))) if 0 <= p <= size})


@pytest.mark.parametrize("seed", range(3))
def test_a_file_cut_anywhere_keeps_every_record_before_the_cut(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    name = "news-20260101000000000-00001.warc.gz"
    data, written, starts = make_file(rng, name, [f"http://portal/{n}.html" for n in range(4)], 6)
    (tmp_path / name).write_bytes(data)
    before_the_cut = scan_file(tmp_path, name).captures
    for cut in _cut_points(rng, starts, len(data)):
        (tmp_path / name).write_bytes(data[:cut])
        for capture, record in zip(before_the_cut, written, strict=True):  # cut after it was scanned
            if record.end <= cut:
                assert read_response(tmp_path, capture).payload == record.payload
            elif record.end - cut > 12:
                with pytest.raises(CaptureError) as error:
                    read_response(tmp_path, capture)
                assert error.value.kind == "damaged", cut
        scan = scan_file(tmp_path, name)
        index = WarcIndex(tmp_path, [scan])
        member_end = min((end for end in starts[1:] + [len(data)] if end > cut), default=cut)
        if cut in starts:  # whole records only: a shorter file, nothing to tell
            assert scan.error is None
        elif member_end - cut > 12:  # (a cut gzip tail goes unseen: the content is whole)
            assert scan.error, cut
        listed = {c.record_id for c in scan.captures}
        for record in written:
            if record.end <= cut:
                assert_reads_back(tmp_path, index, record)
            elif record.record_id in listed:  # cut in its gzip tail: its content is whole
                assert record.end - cut <= 12
                assert_reads_back(tmp_path, index, record)
            else:
                with pytest.raises(CaptureError) as error:
                    index.record(name, record.record_id)
                assert error.value.kind == ("damaged" if scan.error else "missing"), cut
                assert name in str(error.value)


@pytest.mark.parametrize("seed", range(3))
def test_a_corrupt_byte_is_a_capture_error_never_a_wrong_page(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    name = "news-20260101000000000-00001.warc.gz"
    data, written, _ = make_file(rng, name, [f"http://portal/{n}.html" for n in range(4)], 5)
    by_offset = {w.start: w for w in written}
    reported = 0
    for position in rng.sample(range(len(data)), 120):
        corrupt = bytearray(data)
        corrupt[position] ^= 1 << rng.randrange(8)
        (tmp_path / name).write_bytes(bytes(corrupt))
        scan = scan_file(tmp_path, name)
        if scan.error:
            reported += 1
            assert len(scan.error) < 150 and scan.error.isascii() and scan.error.isprintable()
        for record in written:  # the records before the corrupt member stay readable
            if record.end <= position:
                assert record.record_id in {c.record_id for c in scan.captures}
        for capture in scan.captures:
            try:
                response = read_response(tmp_path, capture)
            except CaptureError as error:
                assert error.kind == "damaged" and name in str(error)
                reported += 1
            else:
                assert response.payload == by_offset[capture.offset].payload
    assert reported > 60  # most flips are damage (not all: a gzip header's time, a CRC warcio skips)


def test_a_payload_changed_in_place_fails_its_digest(tmp_path: Path) -> None:
    body = "济宁新闻".encode() * 50
    raw = io.BytesIO()
    writer = WARCWriter(raw, gzip=False)
    writer.write_record(writer.create_warc_record(
        "http://portal/a.html", "response", payload=io.BytesIO(body), length=len(body),
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")))
    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(raw.getvalue().replace("济宁".encode(), "菏泽".encode(), 1)))
    [capture] = scan_file(tmp_path, "a.warc.gz").captures
    with pytest.raises(CaptureError, match="digest failed") as error:
        read_response(tmp_path, capture)
    assert error.value.kind == "damaged"


@pytest.mark.parametrize("seed", range(4))
def test_a_file_is_read_as_a_crawl_appends_to_it(tmp_path: Path, seed: int, monkeypatch) -> None:
    """Written in slices cut anywhere (a record half written, its gzip tail missing):
    after each, every record whole so far is found, only what was added is read (from
    the last record read), and at the end the index answers as one built from the
    finished file does."""
    rng = random.Random(seed)
    reads: list[int] = []

    def scan_and_note(warc_dir: Path, name: str, start: int = 0) -> FileScan:
        reads.append(start)
        return scan_file(warc_dir, name, start)

    monkeypatch.setattr(warc_reader, "scan_file", scan_and_note)
    name = "news-20260101000000000-00001.warc.gz"
    urls = [f"http://portal/{n}.jpg" for n in range(5)]
    data, written, starts = make_file(rng, name, urls, 12)
    index = WarcIndex(tmp_path)
    index.update([name])  # not there yet
    with pytest.raises(CaptureError, match="not found"):
        index.record(name, written[0].record_id)
    cuts = sorted(rng.sample(range(1, len(data)), 15)) + [w.end - rng.randrange(1, 11) for w in written[:3]]
    size = 0
    for cut in sorted(set(cuts)) + [len(data)]:
        with (tmp_path / name).open("ab") as stream:
            stream.write(data[size:cut])
        size = cut
        index.update([name])
        for record in written:
            if record.end <= size:
                assert_reads_back(tmp_path, index, record)
        whole = [w for w in written if w.end <= size]
        for url in urls:
            got, want = index.latest(url), newest(whole, url)
            if want is not None:  # (the record being written may be found already, if whole)
                assert got is not None and (got.file, got.offset) >= (want.file, want.start)
    assert reads == sorted(reads) and reads[-1] > 0 and set(reads) <= set(starts)  # never again from the start
    fresh = WarcIndex(tmp_path, [scan_file(tmp_path, name)])
    for url in urls:
        assert index.latest(url) == fresh.latest(url)
    assert all(index.record(name, w.record_id) == fresh.record(name, w.record_id) for w in written)


def test_a_file_replaced_or_deleted_is_read_again_or_forgotten(tmp_path: Path) -> None:
    rng = random.Random(7)
    name = "news-20260101000000000-00001.warc.gz"
    urls = ["http://portal/a.html"]
    long_data, long_written, _ = make_file(rng, name, urls, 8)
    short_data, short_written, _ = make_file(rng, name, urls, 2)
    (tmp_path / name).write_bytes(long_data)
    index = WarcIndex(tmp_path)
    index.update([name])
    assert_reads_back(tmp_path, index, long_written[-1])
    (tmp_path / name).write_bytes(short_data)
    index.update([name])
    for record in short_written:
        assert_reads_back(tmp_path, index, record)
    with pytest.raises(CaptureError, match="not in WARC file"):
        index.record(name, long_written[-1].record_id)
    got, want = index.latest(urls[0]), newest(short_written, urls[0])
    assert (got.record_id if got else None) == (want.record_id if want else None)
    (tmp_path / name).unlink()
    index.update([name])
    with pytest.raises(CaptureError, match="not found") as error:
        index.record(name, short_written[0].record_id)
    assert error.value.kind == "missing" and index.latest(urls[0]) is None
    scan = scan_file(tmp_path, name)
    assert scan.size is None and not scan.captures and scan.error is None


def test_a_capture_error_crosses_a_process_boundary() -> None:
    error = pickle.loads(pickle.dumps(CaptureError("damaged", "f.warc.gz at 10: cut short")))
    assert (error.kind, str(error)) == ("damaged", "f.warc.gz at 10: cut short")
