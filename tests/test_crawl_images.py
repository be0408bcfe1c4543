"""`crawl --images`: each stored article's images on the portal are fetched into the
WARC files, images elsewhere stay links; the article page shows the archived ones
from their capture, never from the portal."""

from __future__ import annotations

import io
import json
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsarchive.crawl.spiders.portal import portal_images
from newsarchive.datasette.archived import find_captures, run_files_from
from newsarchive.items import Image
from newsarchive.mirror import MirrorServer
from tests.conftest import MIRROR_SITE
from tests.crawling import connect, run_crawl
from tests.test_datasette import get_page, serve_archive

ARTICLE = "/jining/news/201906/9012345.html"
ARCHIVED = "/uploads/allimg/190614/1-190614093012.jpg"  # on page 2
MOVED = "/uploads/allimg/190614/1-190614093415.jpg"  # on page 3, moved to another host
IMAGE_BYTES = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9"


@pytest.fixture
def elsewhere(tmp_path: Path):
    with MirrorServer(shutil.copytree(MIRROR_SITE, tmp_path / "elsewhere")) as server:
        yield server


def warc_responses(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in folder.glob("*.warc.gz"):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response" and record.http_headers.get_statuscode() == "200":
                    found[record.rec_headers.get_header("WARC-Target-URI")] = \
                        record.content_stream().read()
    return found


def test_images_are_archived_and_shown_from_their_capture(mirror, mirror_site, elsewhere,
                                                          expected, tmp_path):
    image_file = mirror_site / ARCHIVED.lstrip("/")
    image_file.parent.mkdir(parents=True, exist_ok=True)
    image_file.write_bytes(IMAGE_BYTES)
    page3 = mirror_site / "jining/news/201906/9012345_3.html"
    page3.write_bytes(page3.read_bytes().replace(MOVED.encode(),
                                                 (elsewhere.base_url + MOVED).encode()))
    db, log = tmp_path / "archive.db", tmp_path / "crawl.log"
    result = run_crawl(mirror.base_url, db, expected["channels"], "--images", "--log-file", str(log))
    assert result.returncode == 0, result.stdout + result.stderr
    text = log.read_text(encoding="utf-8")

    on_portal = {src for article in expected["articles"].values() for src in
                 (image["src"] for image in article["images"]) if src != MOVED}
    image_requests = [path for path in mirror.requests if path.startswith("/uploads/")]
    assert sorted(image_requests) == sorted(on_portal)  # each once, none elsewhere
    assert elsewhere.requests == []
    assert warc_responses(tmp_path / "warc")[mirror.base_url + ARCHIVED] == IMAGE_BYTES
    assert f"'newsarchive/images/requested': {len(on_portal)}" in text
    assert "'newsarchive/images/archived': 1" in text
    assert "'newsarchive/images/off_portal': 1" in text
    run = connect(db).execute("SELECT errors, options FROM crawl_runs").fetchone()
    assert json.loads(run["errors"])["newsarchive/errors/image/http_404"] == len(on_portal) - 1
    assert json.loads(run["options"])["images"] is True

    article_id = connect(db).execute("SELECT id FROM articles WHERE url = ?",
                                     (mirror.base_url + ARTICLE,)).fetchone()[0]
    with serve_archive(db) as base:
        page, _ = get_page(base, f"/-/article/archive/{article_id}")
        assert re.findall(r'<img src="([^"]+)"', page) == [f"/-/image/archive/{article_id}/1"]
        # the moved image is a link to where it is, never embedded
        assert f'<a href="{elsewhere.base_url + MOVED}" rel="noreferrer noopener">' in page
        served = urllib.request.urlopen(f"{base}/-/image/archive/{article_id}/1", timeout=30)
        assert served.read() == IMAGE_BYTES
        assert served.headers["Content-Type"] == "image/jpeg"
        assert served.headers["Content-Security-Policy"].startswith("sandbox")
        for missing in (f"/-/image/archive/{article_id}/2", f"/-/image/archive/{article_id}/9"):
            with pytest.raises(urllib.error.HTTPError) as error:
                get_page(base, missing)
            assert error.value.code == 404


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:8123", "https://www.yybnet.net",
                                      "http://127.0.0.1:8123/portal"])
def test_only_images_under_the_base_url_are_fetched(base_url):
    """Generated srcs around the base URL: only those under it are the portal's."""
    host = base_url.split("/")[2]
    under = [f"{base_url}/uploads/a.jpg", f"{base_url}/x/y/b.png?w=1"]
    other = [f"http://evil.{host}/a.jpg", f"http://{host}.evil.org/a.jpg",
             f"ftp://{host}/a.jpg", "data:image/png;base64,AAAA",
             f"{base_url}.evil.org/a.jpg", f"{base_url}evil/a.jpg"]
    if base_url.startswith("https"):
        other.append(base_url.replace("https", "http") + "/a.jpg")
    on_portal, elsewhere = portal_images([Image(src) for src in under + other], base_url)
    assert on_portal == under and elsewhere == other


def _response(url: str, body: bytes, status: str = "200 OK") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body),
        http_headers=StatusAndHeaders(status, [("Content-Type", "image/jpeg")],
                                      protocol="HTTP/1.1")))
    return buffer.getvalue()


def test_an_image_is_found_by_url_in_a_file_a_crawl_is_still_writing(tmp_path):
    """Records appended after the first read are found, the newest capture of a URL
    wins, an error status is no capture, and a record cut short is read once whole."""
    folder = tmp_path / "warc"
    folder.mkdir()
    name = "newsarchive-20260101000000000-00001.warc.gz"
    path = folder / name
    (folder / "newsarchive-20250101000000000-00009.warc.gz").write_bytes(
        _response("http://portal/a.jpg", b"an older run"))
    path.write_bytes(_response("http://portal/a.jpg", b"first"))
    files = run_files_from(folder, name)
    assert files == [name]

    def found(url: str) -> bytes | None:
        capture = find_captures(folder, files, [url]).get(url)
        return capture.payload if capture else None

    assert found("http://portal/a.jpg") == b"first"
    assert found("http://portal/b.jpg") is None
    whole = _response("http://portal/b.jpg", b"second") + _response("http://portal/a.jpg", b"newer")
    with path.open("ab") as stream:
        stream.write(_response("http://portal/c.jpg", b"gone", "404 Not Found"))
        stream.write(whole[: len(whole) - 10])  # the crawl is writing the last record
    assert found("http://portal/b.jpg") == b"second"
    assert found("http://portal/c.jpg") is None
    with path.open("ab") as stream:
        stream.write(whole[len(whole) - 10:])
    assert found("http://portal/a.jpg") == b"newer"
    assert found("http://portal/b.jpg") == b"second"
    # the run's next file is searched too, its earlier ones not
    (folder / name.replace("00001", "00002")).write_bytes(_response("http://portal/d.jpg", b"d"))
    (folder / name.replace("00001", "00000")).write_bytes(_response("http://portal/a.jpg", b"before"))
    files = run_files_from(folder, name)
    assert files == [name, name.replace("00001", "00002")]
    assert found("http://portal/d.jpg") == b"d"
    assert found("http://portal/a.jpg") == b"newer"
