"""List-reading benchmark on generated channel list pages (tests/generator/lists.py).

    python benchmarks/generated_lists.py                  # 3000 pages, seed 1
    python benchmarks/generated_lists.py -n 10000 --seed 7 --worst 5

For every page the generator knows the main list's articles and the articles that stand
only in boxes beside it. The list reader (newsarchive.crawl.listing.parse_list_page,
no Scrapy) reads each page; the benchmark prints
- recall: main-list articles found / main-list articles;
- precision: found links that are main-list articles / found links (a side-box-only
  article followed counts against it);
- pages exact: pages whose articles are exactly the main list, in page order;
- pager: pages whose every further list page was found;
- short flagged: pages wrongly flagged as short (the generator's lists lose nothing);
- ms/page: median and 95th percentile of the list reader's time;
and, with --worst, the choices of the first pages it got wrong.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsarchive.crawl.listing import parse_list_page
from tests.generator.lists import BASE_URL, compose_list_page
from tests.generator.picking import RandomPicker


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--pages", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worst", type=int, default=0, help="print the choices of this many wrong pages")
    args = parser.parse_args(argv)

    picker = RandomPicker(random.Random(args.seed))
    truth_total = found_total = found_right = exact = pager_ok = short_wrong = 0
    timings: list[float] = []
    wrong = []
    for _ in range(args.pages):
        page = compose_list_page(picker)
        started = time.perf_counter()
        found = parse_list_page(page.html, page.url, BASE_URL, page.channel)
        timings.append((time.perf_counter() - started) * 1000)
        truth = set(page.truth.articles)
        truth_total += len(truth)
        found_total += len(found.articles)
        found_right += len(truth & set(found.articles))
        right = found.articles == list(page.truth.articles)
        exact += right
        pager_ok += set(page.truth.list_pages) <= set(found.list_pages)
        short_wrong += found.short
        if not right and len(wrong) < args.worst:
            missing = [url for url in page.truth.articles if url not in found.articles]
            extra = [url for url in found.articles if url not in truth]
            wrong.append((page.url, page.choices, missing, extra))
    timings.sort()
    print(f"generated list pages: {args.pages} (seed {args.seed})")
    print(f"recall     {found_right / max(truth_total, 1):.4f}  ({found_right}/{truth_total} main-list articles)")
    print(f"precision  {found_right / max(found_total, 1):.4f}  ({found_right}/{found_total} links followed)")
    print(f"pages exact {exact / args.pages:.4f}  pager found {pager_ok / args.pages:.4f}  "
          f"wrongly short {short_wrong}")
    print(f"ms/page    median {statistics.median(timings):.2f}  p95 {timings[int(len(timings) * 0.95)]:.2f}")
    for url, choices, missing, extra in wrong:
        print(f"\n{url} {choices}\n  missing {missing}\n  extra {extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
