"""Crawl throughput at archive scale: `newsarchive crawl` against a bare Scrapy fetch.

Generates a static mirror of N articles in one channel (benchmarks/sitegen.py: 20 per
list page, a ten-number pager, one article in 25 on two pages), serves it with
Debian's nginx on a loopback port (installed with apt-get when missing; its own
nginx.conf in the temp dir, in the foreground, stopped at the end), then runs in turn:

1. a fetch-only Scrapy spider that requests the same pages and does nothing with
   them, twice: with stock Scrapy (its defaults and the project's per-domain
   concurrency: the issue's ceiling, what a user would otherwise run) and with the
   project's own Scrapy settings (the components the archive leaves out of Scrapy's
   defaults left out here too: a stricter ceiling, which rises as they are trimmed);
2. `newsarchive crawl` on the channel (a new archive);
3. the same crawl again (incremental: nothing new);
4. `newsarchive reextract` of the whole archive from its WARC files.

It prints pages/s for each, the crawl/fetch ratios, the crawl's peak RSS (its own
VmHWM, and the sampled peak PSS of it plus its extraction workers), and archive and
WARC bytes per 10,000 articles.

    python benchmarks/crawl.py                   # 10,000 articles
    python benchmarks/crawl.py --articles 100000 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.sitegen import CHANNEL, write_site  # noqa: E402

NGINX_CONF = """\
daemon off;
user root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; text/plain txt; }}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        index index.html;
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found:
        return found
    print("nginx is missing: apt-get install -y nginx", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-q", "nginx"], check=True, env=env, stdout=subprocess.DEVNULL)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Nginx:
    """nginx in the foreground on a loopback port, serving `site`; a context manager."""

    def __init__(self, site: Path, tmp: Path) -> None:
        self.port = free_port()
        self.conf = tmp / "nginx.conf"
        self.conf.write_text(NGINX_CONF.format(tmp=tmp, port=self.port, site=site), encoding="utf-8")
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Nginx:
        self.process = subprocess.Popen([nginx_binary(), "-c", str(self.conf), "-e", "stderr"],
                                        stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"nginx exited with {self.process.returncode}") from None
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening")

    def __exit__(self, *exc_info: object) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)  # fast shutdown
        self.process.wait(timeout=10)


@dataclass
class Measured:
    seconds: float
    stdout: str
    peak_rss: int  # bytes, the process's own VmHWM
    peak_tree_pss: int  # bytes, sampled: proportional set size of it and its descendants (shared pages split)
    main_thread_cpu: float  # seconds of CPU of the process's main thread (the reactor), sampled
    process_cpu: float  # seconds of CPU of the process, all its threads (the SQLite writer's too), sampled
    other_cpu: float  # seconds of CPU of its descendants (extraction workers, WARC writer), sampled
    total_cpu: float  # seconds of CPU of it and every descendant it reaped (getrusage: exact)


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return pids


def _status_kb(pid: int, field: str, table: str = "status") -> int:
    try:
        with open(f"/proc/{pid}/{table}") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(stat_path: str) -> float:
    """utime + stime from a /proc/.../stat file, 0 once the task is gone."""
    try:
        with open(stat_path) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def measure(command: list[str], watch: Callable[[int], None] | None = None) -> Measured:
    """Run `command`, timing it and sampling its memory from /proc until it exits
    (`watch`, if given, is called with its pid at each sample)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, tree_peak = 0, 0
    # The last CPU time seen of each task: what the reactor thread spends, beside the rest,
    # tells whether a crawl is bound by it (sampled, so the last 0.1 s is missed).
    main_cpu, process_cpu, other_cpu = 0.0, 0.0, {}
    reaped_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    output: dict[str, str] = {}
    readers = [threading.Thread(target=lambda name=name, stream=stream: output.__setitem__(name, stream.read()))
               for name, stream in (("out", child.stdout), ("err", child.stderr))]
    for reader in readers:
        reader.start()
    while child.poll() is None:
        peak = max(peak, _status_kb(child.pid, "VmHWM"))
        # Forked workers share the crawl's pages: PSS counts each page once across them.
        tree_peak = max(tree_peak, sum(_status_kb(pid, "Pss", "smaps_rollup") for pid in _tree(child.pid)))
        main_cpu = max(main_cpu, _cpu_seconds(f"/proc/{child.pid}/task/{child.pid}/stat"))
        process_cpu = max(process_cpu, _cpu_seconds(f"/proc/{child.pid}/stat"))
        for pid in _tree(child.pid):
            if pid != child.pid:
                other_cpu[pid] = max(other_cpu.get(pid, 0.0), _cpu_seconds(f"/proc/{pid}/stat"))
        if watch is not None:
            watch(child.pid)
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    total_cpu = (reaped.ru_utime - reaped_before.ru_utime) + (reaped.ru_stime - reaped_before.ru_stime)
    for reader in readers:
        reader.join()
    if child.returncode not in (0,):
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}:\n{output['out']}\n{output['err'][-3000:]}")
    return Measured(seconds, output["out"], peak * 1024, tree_peak * 1024, main_cpu, process_cpu,
                    sum(other_cpu.values()), total_cpu)


class MemoryAlong:
    """The crawl's memory each time another tenth of the mirror's articles is stored:
    flat from the first tenth on, or growing with the archive."""

    def __init__(self, db: Path, articles: int) -> None:
        self.db, self.articles = db, articles
        self.marks: list[tuple[int, int, int]] = []  # articles stored, RSS and tree PSS in KiB
        self._asked = 0.0

    def sample(self, pid: int) -> None:
        if time.monotonic() - self._asked < 1 or not self.db.exists():
            return
        self._asked = time.monotonic()
        try:
            with closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=1)) as conn:
                stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            return  # not created yet, or busy: the next sample
        if stored * 10 >= self.articles * (len(self.marks) + 1):
            pss = sum(_status_kb(each, "Pss", "smaps_rollup") for each in _tree(pid))
            self.marks.append((stored, _status_kb(pid, "VmRSS"), pss))

    def summary(self) -> str:
        return " · ".join(f"{stored:,}: {rss / 1024:.0f}/{pss / 1024:.0f}" for stored, rss, pss in self.marks) + " MB"


def fetch_only(url_file: Path, *, stock: bool) -> None:
    """A ceiling: request every URL, parse nothing; with Scrapy's defaults and the
    project's concurrency (`stock`) or with the project's settings."""
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsarchive.settings")
    project = get_project_settings()
    if stock:
        settings = Settings({name: project[name] for name in ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN",
                                                               "ROBOTSTXT_OBEY")})
    else:
        settings = project
        settings.set("ITEM_PIPELINES", {})
        settings.set("EXTENSIONS", {})  # the project's base lists leave out RemoteControl and telnet
    # What the portal spider sets for a loopback base URL, and nothing of the archive's.
    settings.set("DOWNLOAD_DELAY", 0)
    settings.set("AUTOTHROTTLE_ENABLED", False)
    settings.set("LOG_LEVEL", "WARNING")  # as the crawl's --quiet
    urls = url_file.read_text(encoding="utf-8").split()

    class FetchOnly(scrapy.Spider):
        name = "fetch_only"

        async def start(self):  # type: ignore[override]
            for url in urls:
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response):  # type: ignore[override]
            return None

    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FetchOnly)
    process.crawl(crawler)
    process.start()
    print(json.dumps({"responses": crawler.stats.get_value("response_received_count", 0)}))


def planted_found(db: Path, pairs: list[tuple[str, str]]) -> int:
    """How many of the (earlier, later) article paths the archive's reprints table puts in one cluster."""
    with closing(sqlite3.connect(db)) as conn:
        cluster_of = {urlsplit(url).path: cluster for url, cluster in conn.execute(
            "SELECT a.url, r.cluster_id FROM reprints r JOIN articles a ON a.id = r.article_id")}
    return sum(1 for a, b in pairs if cluster_of.get(a) is not None and cluster_of.get(a) == cluster_of.get(b))


def directory_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the mirror (default: %(default)s)")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temp dir, removed)")
    parser.add_argument("--fetch-only", type=Path, help=argparse.SUPPRESS)  # the child mode of step 1
    parser.add_argument("--stock", action="store_true", help=argparse.SUPPRESS)  # ... with stock Scrapy
    args = parser.parse_args()
    if args.fetch_only:
        fetch_only(args.fetch_only, stock=args.stock)
        return 0
    if args.articles < 1:
        parser.error("--articles must be at least 1")

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="newsarchive-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        return run(args.articles, tmp.resolve())
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def run(articles: int, tmp: Path) -> int:
    site, db = tmp / "site", tmp / "archive" / "archive.db"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(db.parent, ignore_errors=True)
    started = time.perf_counter()
    facts = write_site(site, articles)
    print(f"mirror: {facts.articles} articles, {facts.list_pages} list pages, {facts.pages} pages"
          f" (written in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    python = sys.executable
    crawl = [python, "-m", "newsarchive", "crawl", "--channel", CHANNEL, "--db", str(db), "--quiet"]
    with Nginx(site, tmp) as server:
        url_file = tmp / "urls.txt"
        list_urls = [f"{server.base_url}/{CHANNEL}/" + ("" if n == 1 else f"list_{n}.html")
                     for n in range(1, facts.list_pages + 1)]
        url_file.write_text("\n".join(list_urls + [server.base_url + p for p in facts.paths]), encoding="utf-8")
        fetch_command = [python, str(Path(__file__).resolve()), "--fetch-only", str(url_file)]
        print("fetch-only spider, stock Scrapy …", file=sys.stderr)
        stock = measure([*fetch_command, "--stock"])
        stock_fetched = json.loads(stock.stdout.strip().splitlines()[-1])["responses"]
        print("fetch-only spider, the project's settings …", file=sys.stderr)
        fetch = measure(fetch_command)
        fetched = json.loads(fetch.stdout.strip().splitlines()[-1])["responses"]
        print("newsarchive crawl …", file=sys.stderr)
        along = MemoryAlong(db, articles)
        first = measure([*crawl, "--base-url", server.base_url], watch=along.sample)
        crawled = int(re.search(r"\((\d+) requests\)", first.stdout).group(1))
        reprints_found, near_misses_found = planted_found(db, facts.reprints), planted_found(db, facts.near_misses)
        print("newsarchive crawl again (incremental) …", file=sys.stderr)
        again = measure([*crawl, "--base-url", server.base_url])
    print("newsarchive reextract (nginx stopped) …", file=sys.stderr)
    reread = measure([python, "-m", "newsarchive", "reextract", "--db", str(db)])
    reread_pages = int(re.search(r"(\d+) pages from WARC", reread.stdout).group(1))

    stock_rate, fetch_rate, crawl_rate = stock_fetched / stock.seconds, fetched / fetch.seconds, crawled / first.seconds
    per_10k = 10_000 / articles
    archive_bytes = sum(f.stat().st_size for f in db.parent.glob("archive.db*"))
    warc_bytes = directory_bytes(db.parent / "warc")
    rows = [
        ("mirror", f"{articles:,} articles, {facts.pages:,} pages, nginx on 127.0.0.1, {os.cpu_count()} cores"),
        ("fetch-only, stock Scrapy", f"{stock_fetched:,} pages in {stock.seconds:.1f} s = {stock_rate:.0f} pages/s"
                                     f" (reactor thread {stock.main_thread_cpu * 1000 / stock_fetched:.2f} ms CPU a page)"),
        ("fetch-only, project settings", f"{fetched:,} pages in {fetch.seconds:.1f} s = {fetch_rate:.0f} pages/s"
                                         f" (reactor thread {fetch.main_thread_cpu * 1000 / fetched:.2f} ms CPU a page)"),
        ("newsarchive crawl", f"{crawled:,} pages in {first.seconds:.1f} s = {crawl_rate:.0f} pages/s"),
        ("ratio crawl/fetch", f"{crawl_rate / stock_rate:.2f} of stock Scrapy's fetch,"
                              f" {crawl_rate / fetch_rate:.2f} of the fetch with the project's settings"),
        ("crawl CPU per page", f"reactor thread {first.main_thread_cpu * 1000 / crawled:.2f} ms"
                               f" ({first.main_thread_cpu / first.seconds:.0%} of its wall time),"
                               f" its other threads (SQLite writer) "
                               f"{(first.process_cpu - first.main_thread_cpu) * 1000 / crawled:.2f} ms,"
                               f" worker processes {first.other_cpu * 1000 / crawled:.2f} ms;"
                               f" all {first.total_cpu * 1000 / crawled:.2f} ms"
                               f" (fetch-only: stock {stock.total_cpu * 1000 / stock_fetched:.2f} ms,"
                               f" project settings {fetch.total_cpu * 1000 / fetched:.2f} ms)"),
        ("crawl peak RSS", f"{first.peak_rss / 2**20:.0f} MB (PSS with its extraction workers:"
                           f" {first.peak_tree_pss / 2**20:.0f} MB)"),
        ("crawl RSS/PSS by articles", along.summary()),
        ("reprint pairs found / planted", f"{reprints_found}/{len(facts.reprints)}"
                                          f" (near misses clustered: {near_misses_found}/{len(facts.near_misses)})"),
        ("archive per 10k articles", f"{archive_bytes * per_10k / 2**20:.1f} MB"),
        ("WARC per 10k articles", f"{warc_bytes * per_10k / 2**20:.1f} MB"),
        ("incremental re-run", f"{again.seconds:.1f} s"),
        ("reextract", f"{reread_pages:,} pages in {reread.seconds:.1f} s = {reread_pages / reread.seconds:.0f} pages/s"
                      f" ({reread_pages / reread.seconds / crawl_rate:.1f}× crawl), peak PSS"
                      f" {reread.peak_tree_pss / 2**20:.0f} MB with workers"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
