"""A loopback mirror of the portal: a site directory served over real HTTP.

The tests and `newsarchive demo` crawl a directory of portal pages through this server,
so the crawler meets what it meets on the live portal: status codes, redirects, lying
headers, flaky and endless responses. Files and `_routes.json` are re-read on every
request, so a test can copy a site, start the server and add pages between crawls.

URL -> file: `/a/b/` serves `a/b/index.html`, `/a/b.html` serves `a/b.html`, `/a/b`
(a directory) redirects to `/a/b/`. A query string selects a variant file when one
exists: `/a/?page=2` serves `a/index@page=2.html`; otherwise the query is ignored, as
the portal's own server ignores parameters it does not know. Names starting with `_`
are never served. Content-Type comes from the file name, with no charset, so the
page's own `<meta>` decides.

`_routes.json` maps a path (with its query, or without to match every query) to a
behaviour; keys combine:
    {"status": 404}                          answer with this status and a short body
    {"redirect": "/x.html", "status": 301}   redirect (status defaults to 301)
    {"headers": {"Content-Type": "..."}}     override or add response headers
    {"fail_first": 1, "status": 503}         the first N requests get the status, later ones the file
    {"reset": true, "times": 1}              close the connection with no response (every time without "times")
    {"delay": 5}                             sleep this many seconds before answering
    {"endless": true}                        stream an HTML body that never ends
    {"gzip": true}                           send the file gzip-compressed (Content-Encoding: gzip)
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import socket
import struct
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROUTES_FILE = "_routes.json"
ROUTE_KEYS = {"status", "redirect", "headers", "fail_first", "reset", "times", "delay", "endless", "gzip"}
# What an endless response repeats, until the client goes away or the server stops
ENDLESS_CHUNK = ("<p>" + "无尽的页面。" * 100 + "</p>\n").encode("utf-8") * 20


class RouteError(ValueError):
    """_routes.json is not what the mirror understands."""


def load_routes(root: Path) -> dict[str, dict[str, Any]]:
    path = root / ROUTES_FILE
    if not path.exists():
        return {}
    try:
        routes = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RouteError(f"{path}: not valid JSON: {exc}") from exc
    if not isinstance(routes, dict):
        raise RouteError(f"{path}: must be an object keyed by path")
    for key, route in routes.items():
        if not isinstance(route, dict):
            raise RouteError(f"{path}: route {key!r} must be an object")
        unknown = set(route) - ROUTE_KEYS
        if unknown:
            raise RouteError(f"{path}: route {key!r} has unknown keys {sorted(unknown)}; known: {sorted(ROUTE_KEYS)}")
    return routes


def resolve_file(root: Path, url_path: str, query: str) -> Path | None:
    """The file serving a URL path (and query), or None if there is none.

    Returns a directory when the path names one without its trailing slash."""
    relative = unquote(url_path).lstrip("/")
    if relative == "" or url_path.endswith("/"):
        relative += "index.html"
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or any(part.startswith("_") for part in candidate.relative_to(root).parts):
        return None
    if query and candidate.suffix:
        variant = candidate.with_name(f"{candidate.stem}@{unquote(query)}{candidate.suffix}")
        if variant.is_file() and variant.resolve().is_relative_to(root):
            return variant
    if candidate.is_file() or candidate.is_dir():
        return candidate
    return None


def content_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


class _MirrorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # a delayed or endless response never holds up stop() or the tests
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's 5 drops connects from a concurrent crawler
    mirror: MirrorServer


class _Handler(BaseHTTPRequestHandler):
    server: _MirrorHTTPServer

    def version_string(self) -> str:
        return "newsarchive-mirror"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.mirror.verbose:
            super().log_message(format, *args)

    def _respond(self, send_body: bool) -> None:
        mirror = self.server.mirror
        mirror._record(self.path)
        url = urlsplit(self.path)
        try:
            routes = load_routes(mirror.root)
        except RouteError as exc:
            print(f"mirror: {exc}", file=sys.stderr)
            self._send_text(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc), send_body)
            return
        route_key = self.path if self.path in routes else url.path
        route = routes.get(route_key, {})
        nth = mirror._count(route_key) if route else 0

        if route.get("delay") and not mirror._sleep(float(route["delay"])):
            return  # the server is stopping
        if route.get("reset") and nth <= route.get("times", nth):
            self._reset()
            return
        status = route.get("status")
        if route.get("fail_first"):
            if nth <= route["fail_first"]:
                self._send_text(HTTPStatus(status or 503), "try again later", send_body, route)
                return
            status = None  # the status was for the failures; later requests get the page
        if "redirect" in route:
            self._send_head(status or HTTPStatus.MOVED_PERMANENTLY, {"Location": route["redirect"], "Content-Length": "0"}, route)
            return
        if status and status >= 400:
            self._send_text(HTTPStatus(status), HTTPStatus(status).phrase, send_body, route)
            return
        if route.get("endless"):
            self._send_endless(send_body, route)
            return

        path = resolve_file(mirror.root, url.path, url.query)
        if path is None:
            self._send_text(HTTPStatus.NOT_FOUND, "Not Found", send_body, route)
            return
        if path.is_dir():
            location = url.path + "/" + (f"?{url.query}" if url.query else "")
            self._send_head(HTTPStatus.MOVED_PERMANENTLY, {"Location": location, "Content-Length": "0"})
            return
        body = path.read_bytes()
        headers = {"Content-Type": content_type(path)}
        if route.get("gzip"):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        self._send_head(status or HTTPStatus.OK, headers, route)
        if send_body:
            self.wfile.write(body)

    def _send_head(self, status: int, headers: dict[str, str], route: dict[str, Any] | None = None) -> None:
        """Status line and headers; the route's headers replace same-named ones."""
        overrides = (route or {}).get("headers", {})
        replaced = {name.lower() for name in overrides}
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() not in replaced:
                self.send_header(name, value)
        for name, value in overrides.items():
            self.send_header(name, value)
        self.end_headers()

    def _send_text(
        self, status: HTTPStatus, text: str, send_body: bool, route: dict[str, Any] | None = None
    ) -> None:
        body = f"<html><body><h1>{int(status)} {text}</h1></body></html>".encode()
        headers = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}
        self._send_head(status, headers, route)
        if send_body:
            self.wfile.write(body)

    def _send_endless(self, send_body: bool, route: dict[str, Any]) -> None:
        # no Content-Length: the body ends when the connection does
        self._send_head(HTTPStatus.OK, {"Content-Type": "text/html; charset=utf-8", "Connection": "close"}, route)
        self.close_connection = True
        if not send_body:
            return
        stopping = self.server.mirror._stopping
        try:
            self.wfile.write(b"<html><body>\n")
            while not stopping.is_set():
                self.wfile.write(ENDLESS_CHUNK)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client went away: that is how an endless response ends

    def _reset(self) -> None:
        self.log_message('"%s" connection reset', self.requestline)
        # SO_LINGER with a zero timeout makes close() send RST instead of FIN
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class MirrorServer:
    """Serve `root` on host:port (port 0: any free port) in a background thread.

    with MirrorServer(site) as mirror:
        fetch(mirror.base_url + "/jining/qufu/")
        mirror.requests  # ["/jining/qufu/"]
    """

    def __init__(self, root: Path | str, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise NotADirectoryError(f"mirror root is not a directory: {root}")
        self.host = host
        self.port = port
        self.verbose = verbose  # log each request to stderr
        self._lock = threading.Lock()
        self._requests: list[str] = []
        self._route_counts: dict[str, int] = {}
        self._stopping = threading.Event()
        self._httpd: _MirrorHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the mirror is not running")
        return f"http://{self.host}:{self.port}"

    @property
    def requests(self) -> list[str]:
        """Paths requested so far (with their query strings), in arrival order."""
        with self._lock:
            return list(self._requests)

    def start(self) -> MirrorServer:
        if self._httpd is not None:
            raise RuntimeError("the mirror is already running")
        self._stopping.clear()
        httpd = _MirrorHTTPServer((self.host, self.port), _Handler)
        httpd.mirror = self
        self.port = httpd.server_address[1]
        self._httpd = httpd
        # shutdown() waits up to one poll interval; the default 0.5 s adds up over a test run
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name=f"mirror:{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; handlers still sleeping or streaming end with the process (daemon threads)."""
        if self._httpd is None:
            return
        self._stopping.set()  # ends delays and endless bodies
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()
        self._httpd = None
        self._thread = None

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _record(self, path: str) -> None:
        with self._lock:
            self._requests.append(path)

    def _count(self, route_key: str) -> int:
        """Number this request of a routed path (1 for its first), for fail_first and times."""
        with self._lock:
            self._route_counts[route_key] = self._route_counts.get(route_key, 0) + 1
            return self._route_counts[route_key]

    def _sleep(self, seconds: float) -> bool:
        """Sleep, cut short by stop(); False when the server is stopping."""
        return not self._stopping.wait(seconds)
