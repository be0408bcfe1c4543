"""The labelled pages the extraction benchmark runs on, read from disk.

CWCED (Chinese Web Content Extraction Dataset, ../shared/datasets/cwced): 69 real
pages, `original/<id>.html`, with `author/`, `date/` and `cleaned/` labels of the same
id (eval/*.json hold the same labels). It has no headline or source labels. The rules
for its noisy labels are those of `scoring.parse_author_label` and
`scoring.parse_date_label`: UNKNOWN means "none on the page", an empty or non-date
label leaves the page out of that field.

Portal fixtures (tests/mirror): `expected.json` holds
`{"articles": {"<path>": {headline, source, published_at, authors, body: [...],
pages: [paths]}}}`; each page is the file `site/<path>` and its URL is
`https://www.yybnet.net<path>`. Nothing is served, but a charset the mirror's
`site/_routes.json` puts in a page's Content-Type header (a lying one, on purpose)
is handed to newsarchive as the header encoding, as the crawler would.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.peers import PageInput, decode_for_peers
from benchmarks.scoring import parse_author_label, parse_date_label, parse_date_point

PORTAL_BASE_URL = "https://www.yybnet.net"
# CWCED pages have no URL of their own; one without a date path tells no tool anything.
CWCED_URL = "https://cwced.invalid/{stem}.html"


@dataclass(frozen=True)
class LabelledArticle:
    """One article to extract and its labels.

    `labels` maps a field (headline, source, date, authors, body) to its expected
    value: a str or None for headline and source, a DatePoint or None (no date) for
    date, a list of names for authors, a str for body. A field absent from `labels`
    is unlabelled for this article and not scored.
    """

    name: str
    pages: list[PageInput]
    labels: dict[str, Any]


def _page(url: str, path: Path, header_encoding: str | None = None) -> PageInput:
    raw = path.read_bytes()
    return PageInput(url=url, raw=raw, text=decode_for_peers(raw), header_encoding=header_encoding)


def header_encodings(site: Path) -> dict[str, str]:
    """Path -> charset named by the Content-Type header `_routes.json` gives the page."""
    routes_path = site / "_routes.json"
    if not routes_path.exists():
        return {}
    encodings = {}
    for path, route in json.loads(routes_path.read_text(encoding="utf-8")).items():
        content_type = route.get("headers", {}).get("Content-Type", "")
        match = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
        if match:
            encodings[path] = match.group(1)
    return encodings


def _read_label(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def load_cwced(root: Path) -> list[LabelledArticle]:
    originals = sorted((root / "original").glob("*.html"))
    if not originals:
        raise FileNotFoundError(f"no CWCED pages in {root / 'original'}")
    articles = []
    for html in originals:
        stem = html.stem
        labels: dict[str, Any] = {"body": _read_label(root / "cleaned" / f"{stem}.txt")}
        authors = parse_author_label(_read_label(root / "author" / f"{stem}.txt"))
        if authors is not None:
            labels["authors"] = authors
        date = parse_date_label(_read_label(root / "date" / f"{stem}.txt"))
        if date.labelled:
            labels["date"] = date.point
        page = _page(CWCED_URL.format(stem=stem), html)
        articles.append(LabelledArticle(name=html.name, pages=[page], labels=labels))
    return articles


def _author_names(authors: list[Any]) -> list[str]:
    # expected.json may list plain names or credit records {name, role, kind}
    return [a["name"] if isinstance(a, dict) else str(a) for a in authors]


def load_portal(root: Path) -> list[LabelledArticle]:
    expected_path = root / "expected.json"
    site = root / "site"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))["articles"]
    charsets = header_encodings(site)
    articles = []
    for path, record in sorted(expected.items()):
        page_paths = record.get("pages") or [path]
        pages = [_page(PORTAL_BASE_URL + p, site / p.lstrip("/"), charsets.get(p))
                 for p in page_paths]
        published_at = record.get("published_at")
        date = parse_date_point(published_at)
        if published_at and date is None:
            raise ValueError(f"{expected_path}: {path}: unreadable published_at {published_at!r}")
        labels = {
            "headline": record["headline"],
            "source": record.get("source"),
            "date": date,
            "authors": _author_names(record.get("authors") or []),
            "body": "\n".join(record.get("body") or []),
        }
        articles.append(LabelledArticle(name=path, pages=pages, labels=labels))
    return articles
