"""Links made absolute: `join_url`, urljoin's answer at a fraction of its cost for the
links every page of a site repeats.

A page's logo, its breadcrumb's channels and its nav bar link root-relative paths
(`/images/logo.png`, `/jining/qufu/`), the same on every page, and urljoin costs ~5 µs a
call. What urljoin makes of such a link depends on the base's scheme and host alone (the
base's path, query and fragment are ignored for a path that starts at the root), so it
is joined once per site and link and reused for every page.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin, urlsplit

# Root-relative links of the sites a process reads (a crawl reads one or a few).
_JOINED_HELD = 4096


def join_url(base: str, link: str) -> str:
    """urljoin(base, link), the same string."""
    if link[:1] == "/" and link[1:2] != "/" and (origin := _origin(base)) is not None:
        return _joined(origin, link)
    return urljoin(base, link)


@lru_cache(maxsize=64)
def _origin(base: str) -> str | None:
    """`scheme://host` of an http(s) base with a host, which urljoin reads the same as
    `base` for a root-relative link; None for any other base."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


_joined = lru_cache(maxsize=_JOINED_HELD)(urljoin)
