"""Generated article pages: per-field scores of newsarchive's extractor on thousands of them.

    python benchmarks/generated_articles.py                    # 3000 pages, seed 1
    python benchmarks/generated_articles.py --pages 10000 --seed 7 --layouts generic

Pages come from tests/generator/articles.py (independent choices, each with its truth:
container, headline placement, info-line markup, date form, byline form and place, editor
lines, boilerplate, encoding). A field scores when the extracted value equals the truth
exactly (authors: names and roles in order). For every field below 1.000 the choices most
often seen on its failing pages are listed, with one failing page's choices and values.
Timing covers `extract_html` alone.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `tests` and `newsarchive` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsarchive.extract import NotAnArticle, extract_html
from tests.generator.articles import (
    CONTAINERS,
    FIELDS,
    GENERIC_CONTAINERS,
    TEMPLATE_CONTAINERS,
    compose_article,
    wrong_fields,
)
from tests.generator.picking import RandomPicker

LAYOUTS = {"all": CONTAINERS, "generic": GENERIC_CONTAINERS, "template": TEMPLATE_CONTAINERS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000, help="how many pages (default 3000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--layouts", choices=sorted(LAYOUTS), default="all",
                        help="generic: markup no parser knows; template: the portal's own template")
    parser.add_argument("--long-headlines", action="store_true",
                        help="headlines of over 100 characters (issue 13) on every page")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")

    pick = RandomPicker(random.Random(args.seed))
    wrong: Counter[str] = Counter()
    choices_when_wrong: dict[str, Counter[str]] = {}
    example: dict[str, str] = {}
    seconds = 0.0
    for _ in range(args.pages):
        page = compose_article(pick, containers=LAYOUTS[args.layouts],
                               headline_lengths=("long",) if args.long_headlines else ("short",))
        started = time.perf_counter()
        failures: dict[str, tuple[object, object]]
        try:
            article = extract_html(page.html, page.url)
        except NotAnArticle as error:
            seconds += time.perf_counter() - started
            failures = {name: (getattr(page.truth, name), f"NotAnArticle: {error.reason}") for name in FIELDS}
        else:
            seconds += time.perf_counter() - started
            failures = wrong_fields(page, article)
        for name, (expected, got) in failures.items():
            wrong[name] += 1
            choices_when_wrong.setdefault(name, Counter()).update(f"{k}={v}" for k, v in page.choices.items())
            example.setdefault(name, f"{page.describe()}\n      expected {expected!r}\n      got      {got!r}")

    print(f"generated articles: {args.pages} pages, seed {args.seed}, layouts {args.layouts}")
    print("  ".join(f"{name:>12}" for name in FIELDS) + "   ms/page")
    print("  ".join(f"{1 - wrong[name] / args.pages:>12.4f}" for name in FIELDS)
          + f"   {1000 * seconds / args.pages:7.2f}")
    for name in FIELDS:
        if wrong[name]:
            common = ", ".join(f"{choice} ({count})" for choice, count in choices_when_wrong[name].most_common(5))
            print(f"\n{name}: {wrong[name]} wrong; most frequent choices: {common}\n  e.g. {example[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
