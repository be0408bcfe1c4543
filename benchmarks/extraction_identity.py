"""Does a change to the extractor change any result? Dump every field, compare two dumps.

A speed-up of extraction must leave every field of every page as it was. Run `dump`
before the change and after it, then `compare`: it lists the pages whose records
differ, field by field, and exits 1 if any does. The pages: every HTML page of the
test portals (tests/*/site, alone, and each multi-page article of their answer keys
with its pages), the CWCED pages, the seed page, benchmark mirror articles
(benchmarks/sitegen.py) and generated article pages (tests/generator), about 4,000.

    python benchmarks/extraction_identity.py dump /tmp/before.json
    python benchmarks/extraction_identity.py dump /tmp/after.json
    python benchmarks/extraction_identity.py compare /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.datasets import header_encodings  # noqa: E402
from benchmarks.extraction import DEFAULT_CWCED  # noqa: E402
from newsarchive.extract import NotAnArticle, extract_article  # noqa: E402
from newsarchive.items import Page  # noqa: E402

NOW = datetime(2022, 3, 1, 12, 0, tzinfo=timezone(timedelta(hours=8)))  # relative dates read alike
Pages = Iterator[tuple[str, list[Page]]]


def record(pages: list[Page]) -> dict:
    try:
        return extract_article(pages, now=NOW).to_record()
    except NotAnArticle as error:
        return {"not an article": error.reason}
    except Exception as error:  # a crash is a result too: it must not change either
        return {"error": f"{type(error).__name__}: {error}"}


def portal_pages() -> Pages:
    for site in sorted(REPO.glob("tests/*/site")):
        charsets = header_encodings(site)

        def page(path: str, site: Path = site, charsets: dict[str, str] = charsets) -> Page:
            return Page("https://www.yybnet.net" + path, (site / path.lstrip("/")).read_bytes(), charsets.get(path))

        for file in sorted(site.rglob("*.htm*")):
            path = "/" + file.relative_to(site).as_posix()
            yield f"{site.parent.name}:{path}", [page(path)]
        expected = site.parent / "expected.json"
        if expected.exists():
            for path, article in sorted(json.loads(expected.read_text(encoding="utf-8")).get("articles", {}).items()):
                if len(article.get("pages") or []) > 1:
                    yield f"{site.parent.name}:pages:{path}", [page(each) for each in article["pages"]]


def cwced_pages() -> Pages:
    for file in sorted((DEFAULT_CWCED / "original").glob("*.html")):
        yield f"cwced:{file.name}", [Page(f"https://example.com/{file.stem}.html", file.read_bytes(), None)]


def seed_pages() -> Pages:
    yield "seed", [Page("https://www.yybnet.net/jining/news/201506/7713943.html",
                        (REPO / "tests/fixtures/seed.html").read_bytes(), None)]


def mirror_pages(count: int = 400) -> Pages:
    from benchmarks.sitegen import article_html, make_article

    rng = random.Random(9)
    for number in range(count):
        article = make_article(number, rng)
        yield f"sitegen:{number}", [Page("http://127.0.0.1:8080" + path, article_html(article, page).encode(), "utf-8")
                                    for page, path in enumerate(article.page_paths, 1)]


def generated_pages(seeds: tuple[int, ...] = (1, 2, 3), count: int = 1000) -> Pages:
    from tests.generator.articles import compose_article
    from tests.generator.picking import RandomPicker

    for seed in seeds:
        pick = RandomPicker(random.Random(seed))
        for number in range(count):
            page = compose_article(pick)
            yield f"generated{seed}:{number}", [Page(page.url, page.html, None)]


SETS: dict[str, Callable[[], Pages]] = {"portals": portal_pages, "cwced": cwced_pages, "seed": seed_pages,
                                        "mirror": mirror_pages, "generated": generated_pages}


def dump(out: Path, sets: list[str]) -> None:
    records = {}
    for name in sets:
        started, count = time.perf_counter(), 0
        for key, pages in SETS[name]():
            records[key] = record(pages)
            count += 1
        print(f"{name}: {count} pages, {(time.perf_counter() - started) * 1000 / max(count, 1):.2f} ms each",
              file=sys.stderr)
    out.write_text(json.dumps(records, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def compare(before: Path, after: Path) -> int:
    old, new = (json.loads(path.read_text(encoding="utf-8")) for path in (before, after))
    differ = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    print(f"{len(old)} and {len(new)} records, {len(differ)} differ")
    for key in differ[:20]:
        was, now = old.get(key) or {}, new.get(key) or {}
        for field in sorted(was.keys() | now.keys()):
            if was.get(field) != now.get(field):
                print(f"{key} {field}\n  before: {str(was.get(field))[:300]}\n  after:  {str(now.get(field))[:300]}")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="extract every page and write the records to a JSON file")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    comparing = commands.add_parser("compare", help="list the records two dumps disagree on; exit 1 if any")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.sets)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
