"""WarcCapture's reactor side (newsarchive/archive/warc.py) under the crawl's asyncio
reactor, with its real writer process: the exchanges downloaded in one reactor turn
reach the writer in one message, every response's location names its own record, and
a capture closed in the middle of a turn still writes that turn's exchanges."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

REPO = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent('''
    from twisted.internet import asyncioreactor
    asyncioreactor.install()
    import asyncio, json, sys, types
    from ipaddress import IPv4Address
    from pathlib import Path
    from twisted.internet import reactor
    from scrapy.http import HtmlResponse, Request, Response
    from scrapy.utils.test import get_crawler
    from newsarchive.archive.warc import WarcCapture

    turns = json.loads(sys.argv[2])  # the pages downloaded in each reactor turn

    def exchange(n):
        url = f"http://mirror.test/p/{n}.html" if n % 5 else f"http://mirror.test/{n}?q=%E6%96%B0"
        request = Request(url, headers={"User-Agent": "newsarchive/test"})
        response = HtmlResponse(url, status=200 if n % 4 else 301, body=f"<p>page {n}</p>".encode() * n,
                                headers={"Content-Type": "text/html"}, request=request, protocol="HTTP/1.1",
                                ip_address=IPv4Address("127.0.0.1"))
        return response, request

    async def main():
        crawler = get_crawler(settings_dict={"NEWSARCHIVE_WARC_DIR": sys.argv[1]})
        crawler.spider = types.SimpleNamespace(base_url="http://mirror.test", channels=["a/b"])
        capture = WarcCapture.from_crawler(crawler)
        capture.spider_opened()
        messages = []
        submit = capture._writer.submit
        capture._writer.submit = lambda task: messages.append(task if isinstance(task, str) else len(task)) or submit(task)
        requests, n = [], 0
        for count in turns[:-1]:
            for _ in range(count):
                response, request = exchange(n)
                capture.response_downloaded(response, request)
                requests.append((request.url, request))
                n += 1
            await asyncio.sleep(0.001)  # the next turn
        for _ in range(turns[-1]):  # the last turn's, then the capture closes before the turn ends
            response, request = exchange(n)
            capture.response_downloaded(response, request)
            requests.append((request.url, request))
            n += 1
        capture.close_file()  # (as a stop does) sends the turn's exchanges before its close
        late_response, late_request = exchange(n)
        capture.response_downloaded(late_response, late_request)  # after it: not captured
        await capture.close().asFuture(asyncio.get_running_loop())
        locations = [[url, await capture.location(request)] for url, request in requests]
        late = await capture.location(late_request)
        print(json.dumps({"messages": messages, "locations": locations, "late": late,
                          "stats": {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("warc/")}}))

    def run():
        task = asyncio.ensure_future(main())
        task.add_done_callback(lambda done: (done.exception() and print(repr(done.exception())), reactor.stop()))

    reactor.callWhenRunning(run)
    reactor.run()
''')


def capture(tmp_path: Path, turns: list[int]) -> dict:
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), json.dumps(turns)], capture_output=True,
                            text=True, timeout=120, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_turns_exchanges_go_in_one_message_and_each_lands_where_its_location_says(tmp_path: Path) -> None:
    rng = random.Random(5)
    turns = [rng.randrange(1, 6) for _ in range(12)]
    out = capture(tmp_path, turns)
    assert out["messages"] == [*turns, "close"]
    assert out["late"] is None
    responses = {}
    for path in tmp_path.glob("*.warc.gz"):
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type == "response":
                    responses[(path.name, records.get_record_offset())] = (
                        record.rec_headers.get_header("WARC-Record-ID"), record.rec_headers.get_header("WARC-Target-URI"))
    assert len(out["locations"]) == sum(turns) == len(responses)
    for url, location in out["locations"]:
        assert responses[(location["file"], location["offset"])] == (location["record_id"], url)
    assert out["stats"]["warc/records"] == 2 * sum(turns) and out["stats"]["warc/files"] == 1
    assert out["stats"]["warc/bytes"] == sum(path.stat().st_size for path in tmp_path.glob("*.warc.gz"))
