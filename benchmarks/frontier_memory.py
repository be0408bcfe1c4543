"""Redis memory of a distributed crawl's frontier, measured: what to size Redis by.

Starts Debian's redis-server on a loopback port (no persistence: memory is what is
measured) and fills it the way the frontier does, one structure at a time, printing
INFO memory's `used_memory` delta of each:

1. the crawl's dupefilter: scrapy-redis's request fingerprint (40 hex digits) of every
   URL, in one set (SADD), as the workers' scheduler adds it when it queues a request;
2. the `settled` set: url_key(url) of every URL (what the writer publishes);
3. the request queue at a realistic depth: PortalSpider.article_request()s encoded by
   scrapy-redis's PriorityQueue (pickled request dicts) in one sorted set (ZADD);
4. the records stream: `article` records of real extracted articles (benchmarks/sitegen
   pages through the extractor), as workers XADD them for the writer (they stay in the
   stream until the writer has read them, and as long as it keeps them after).

URLs are article URLs of the portal's shape (/jining/news/201506/8000123.html).

    python benchmarks/frontier_memory.py                     # 1,000,000 URLs, 100,000 queued
    python benchmarks/frontier_memory.py --urls 200000 --queued 50000 --records 5000
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.sitegen import FIRST_ID, article_html, make_article  # noqa: E402
from newsarchive.crawl.spiders.portal import PortalSpider  # noqa: E402
from newsarchive.extract import extract_html  # noqa: E402
from newsarchive.frontier.protocol import FrontierKeys, article_data, encode, url_key  # noqa: E402
from newsarchive.items import CapturedArticle, ExtractedArticle, Page  # noqa: E402
from tests.redis_server import RedisServer  # noqa: E402

BASE_URL = "https://www.yybnet.net"
CHANNEL = "jining/qufu"
BATCH = 10_000


def article_urls(count: int) -> Iterator[str]:
    for n in range(count):
        year, month = 2012 + n * 13 // count, 1 + n % 12
        yield f"{BASE_URL}/jining/news/{year}{month:02d}/{FIRST_ID + n}.html"


def used_memory(client: redis.Redis) -> int:
    return int(client.info("memory")["used_memory"])


def measure(client: redis.Redis, items: Iterable[object], add: Callable[[redis.client.Pipeline, object], object]) -> int:
    """Bytes of used_memory the items added, written in pipelined batches."""
    before = used_memory(client)
    pipe = client.pipeline(transaction=False)
    for n, item in enumerate(items, 1):
        add(pipe, item)
        if n % BATCH == 0:
            pipe.execute()
    pipe.execute()
    return used_memory(client) - before


def sample_records(count: int, distinct: int = 100) -> Iterator[dict[str, str]]:
    """`article` stream records: `distinct` generated pages extracted for real, then
    repeated under new URLs (a record's size is what matters)."""
    rng = random.Random(7)
    extracted = []
    for number in range(distinct):
        article = make_article(number, rng)
        url = BASE_URL + article.path
        found = extract_html(article_html(article, 1), url)
        capture = CapturedArticle(pages=[Page(url, b"")], channel_path=CHANNEL, fetched_at="2026-11-30T01:00:00Z",
                                  warc_file="newsarchive-host1-4242-20261130010000000-00001.warc.gz",
                                  warc_record_id=f"<urn:uuid:{rng.getrandbits(128):032x}>")
        extracted.append(article_data(ExtractedArticle(found, capture)))
    for n in range(count):
        data = extracted[n % distinct]
        data["article"]["url"] = data["article"]["pages"][0] = f"{BASE_URL}/jining/news/202611/{FIRST_ID + n}.html"
        yield encode("article", "20261130T010000Z-1", "host1-4242", data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=1_000_000, help="URLs seen and settled (default: %(default)s)")
    parser.add_argument("--queued", type=int, default=100_000, help="requests waiting in the queue (default: %(default)s)")
    parser.add_argument("--records", type=int, default=10_000, help="article records in the stream (default: %(default)s)")
    args = parser.parse_args()
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.queue import PriorityQueue

    keys = FrontierKeys()
    spider = PortalSpider(channels=CHANNEL, base_url=BASE_URL)
    with tempfile.TemporaryDirectory(prefix="frontier-memory-") as tmp, \
            RedisServer(Path(tmp), appendonly=False) as server:
        client = server.client()
        dupefilter = RFPDupeFilter(client, keys.dupefilter)
        queue = PriorityQueue(client, spider, keys.requests)
        started = time.perf_counter()
        rows: list[tuple[str, int, int, str]] = []  # name, count, bytes, per
        fingerprints = (dupefilter.request_fingerprint(spider.article_request(url, CHANNEL))
                        for url in article_urls(args.urls))
        rows.append(("dupefilter (request fingerprints)", args.urls,
                     measure(client, fingerprints, lambda p, fp: p.sadd(keys.dupefilter, fp)), "URL"))
        rows.append(("settled (url_key)", args.urls,
                     measure(client, (url_key(u) for u in article_urls(args.urls)),
                             lambda p, key: p.sadd(keys.settled, key)), "URL"))
        payloads = (queue._encode_request(spider.article_request(url, CHANNEL)) for url in article_urls(args.queued))
        rows.append(("request queue (pickled requests)", args.queued,
                     measure(client, payloads, lambda p, data: p.zadd(keys.requests, {data: 0})), "queued request"))
        rows.append(("records stream (article records)", args.records,
                     measure(client, sample_records(args.records), lambda p, fields: p.xadd(keys.records, fields)),
                     "record"))
        info = client.info("memory")
        seconds = time.perf_counter() - started

    width = max(len(name) for name, *_ in rows)
    print(f"redis-server {server_version()}; filled in {seconds:.0f} s; used_memory deltas:")
    for name, count, used, per in rows:
        print(f"{name:<{width}}  {count:>9,} × {used / count:6.0f} B = {used / 2**20:8.1f} MB"
              f"   → {used / count * 1e6 / 2**20:7.0f} MB per million, {used / count * 1e4 / 2**20:6.2f} MB per 10,000"
              f" ({per})")
    per_url = sum(used / count for _, count, used, per in rows if per == "URL")
    print(f"{'seen + settled, per URL':<{width}}  {per_url:.0f} B → {per_url * 1e6 / 2**20:.0f} MB per million URLs")
    print(f"allocator: used_memory {info['used_memory'] / 2**20:.0f} MB, rss {info['used_memory_rss'] / 2**20:.0f} MB"
          f" (fragmentation ratio {info['mem_fragmentation_ratio']})")
    return 0


def server_version() -> str:
    import subprocess

    return subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.split()[2].lstrip("v=")


if __name__ == "__main__":
    sys.exit(main())
