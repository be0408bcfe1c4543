"""Extraction benchmark: newsarchive, trafilatura, GNE and readability side by side.

    python benchmarks/extraction.py                 # both datasets, all tools, a table
    python benchmarks/extraction.py --json          # the same figures as JSON
    python benchmarks/extraction.py --dataset cwced --tools newsarchive \
        --worst /tmp/bench_worst.txt                # + newsarchive's worst CWCED pages

One run extracts every labelled article with every tool and prints, per dataset and
tool, the share of articles whose field is right (body: the mean character F1) and
the median milliseconds per page. "n/a" means the tool has no such field or the
dataset has no such label. Peers need `pip install trafilatura gne readability-lxml`.

Datasets (see benchmarks/datasets.py):
- cwced: 69 real Chinese pages with noisy author/date/body labels; no headline or
  source labels. Label rules: an UNKNOWN author or date label means the right answer
  is "none" (a tool that returns one is wrong); an empty label, or a date label that
  holds no date, leaves the page out of that field; a partial date label (`2018`,
  `1996-3`, `2004-12-10`) is matched at its own precision, a label with a time to the
  minute (seconds ignored); names in author labels are split on spaces and 、, and a
  parenthesised alias is dropped; any other label counts as it is, errors included
  (5 author labels name the page's 编辑/责任编辑, whom the project's field rules keep
  out of authors; 罗科苏盈 is two reporters joined).
- blind: tests/blind … blind10, portal mirrors in about 55 templates written by
  people who never read newsarchive/extract (same format and rules as portal).
- portal: tests/mirror's fixture site and expected.json. For a multi-page article
  the peers extract page 1 only (they cannot follow continuation pages) while
  newsarchive's extract_article reads all pages; both are scored against the whole
  article, so a peer loses body recall there.

Scoring (see benchmarks/scoring.py): body = character-multiset F1 of the texts with
all whitespace removed (order ignored); date = right to the label's precision, at most
the minute, in China time (naive values are China time); authors = exact equality of
the ordered name lists; headline and source = equal ignoring whitespace (NFKC).

A page a tool fails on (exception, e.g. GNE's NoContentException or newsarchive's
NotAnArticle) scores as a miss on every field and counts in "errors"; a tool that
cannot be imported is listed as unavailable. Timing covers the extraction call only,
after one untimed warm-up call per tool and dataset; the peers get decoded text,
newsarchive gets bytes and decodes them itself.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: make `benchmarks` and `newsarchive` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.datasets import LabelledArticle, load_cwced, load_portal
from benchmarks.peers import FIELDS, TOOL_CLASSES, Extraction, Tool
from benchmarks.scoring import (
    authors_match,
    body_score,
    date_matches,
    parse_date_point,
    same_text,
    strip_whitespace,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CWCED = REPO.parent / "shared" / "datasets" / "cwced"
DEFAULT_PORTAL = REPO / "tests" / "mirror"
DEFAULT_BLIND = tuple(key.parent for key in sorted((REPO / "tests").glob("blind*/expected.json")))  # every blind portal
FIELD_HEADERS = {"headline": "headline", "source": "source", "date": "date",
                 "authors": "authors", "body": "body F1"}


@dataclass
class PageResult:
    name: str
    ms_per_page: float | None
    error: str | None
    scores: dict[str, float]  # field -> 0/1, or the F1 for body
    got: Extraction | None


@dataclass
class ToolRun:
    tool: str
    fields: frozenset[str]
    unavailable: str | None = None
    pages: list[PageResult] = field(default_factory=list)

    def accuracy(self, field_name: str) -> tuple[float, int] | None:
        """Mean score over the articles labelled for the field, with their count."""
        if field_name not in self.fields or self.unavailable:
            return None
        scores = [p.scores[field_name] for p in self.pages if field_name in p.scores]
        return (statistics.fmean(scores), len(scores)) if scores else None

    def median_ms(self) -> float | None:
        times = [p.ms_per_page for p in self.pages if p.ms_per_page is not None]
        return statistics.median(times) if times else None

    def errors(self) -> int:
        return sum(1 for p in self.pages if p.error)


def score(labels: dict[str, Any], got: Extraction | None,
          fields: frozenset[str]) -> dict[str, float]:
    """Per-field scores of one extraction; a failed extraction (None) misses every field,
    even one whose label is "none"."""
    scores: dict[str, float] = {}
    for name, expected in labels.items():
        if name not in fields:
            continue
        if got is None:
            scores[name] = 0.0
        elif name == "body":
            scores[name] = body_score(expected, got.body).f1
        elif name == "date":
            scores[name] = float(date_matches(expected, parse_date_point(got.published_at)))
        elif name == "authors":
            scores[name] = float(authors_match(expected, got.authors))
        else:
            scores[name] = float(same_text(expected, getattr(got, name)))
    return scores


def extract_timed(tool: Tool, article: LabelledArticle) -> PageResult:
    """One tool on one article: scores, the time per page read, and any failure."""
    started = time.perf_counter()
    try:
        got: Extraction | None = tool.extract(article.pages)
        error = None
    except Exception as exc:  # a page a tool fails on is a miss, not a crash
        got, error = None, f"{type(exc).__name__}: {exc}"[:200]
    elapsed_ms = (time.perf_counter() - started) * 1000
    # peers read page 1 only; newsarchive reads every page of the article
    pages_read = len(article.pages) if tool.name == "newsarchive" else 1
    return PageResult(
        name=article.name,
        ms_per_page=elapsed_ms / pages_read,
        error=error,
        scores=score(article.labels, got, tool.fields),
        got=got,
    )


def make_tools(names: Sequence[str]) -> tuple[list[Tool], dict[str, str]]:
    """Instantiated tools, and the reason each one that cannot be imported is missing."""
    tools, unavailable = [], {}
    for name in names:
        try:
            tools.append(TOOL_CLASSES[name]())
        except ImportError as exc:
            unavailable[name] = f"not importable: {exc}"
    return tools, unavailable


def run_dataset(names: Sequence[str], articles: Sequence[LabelledArticle]) -> list[ToolRun]:
    """Every tool on every article, the tools taking turns on each article so that
    the load of a shared machine falls on all of them alike."""
    tools, unavailable = make_tools(names)
    runs = {tool.name: ToolRun(tool=tool.name, fields=tool.fields) for tool in tools}
    for tool in tools:  # warm-up: lazy imports and caches stay out of the timings
        try:
            tool.extract(articles[0].pages)
        except Exception:  # the timed call records the failure
            pass
    for article in articles:
        for tool in tools:
            runs[tool.name].pages.append(extract_timed(tool, article))
    for name, reason in unavailable.items():
        runs[name] = ToolRun(tool=name, fields=TOOL_CLASSES[name].fields, unavailable=reason)
    return [runs[name] for name in names]


# --- output -------------------------------------------------------------------------


def labelled_counts(articles: Sequence[LabelledArticle]) -> dict[str, int]:
    return {f: sum(1 for a in articles if f in a.labels) for f in FIELDS}


def format_table(dataset: str, articles: Sequence[LabelledArticle], runs: Sequence[ToolRun]) -> str:
    counts = labelled_counts(articles)
    pages = sum(len(a.pages) for a in articles)
    labelled = ", ".join(f"{f} {n}" for f, n in counts.items() if n)
    lines = [f"{dataset}: {len(articles)} articles, {pages} pages (labelled: {labelled})"]
    header = ["tool", *(FIELD_HEADERS[f] for f in FIELDS), "ms/page", "errors"]
    rows = []
    for run in runs:
        if run.unavailable:
            rows.append([run.tool, *("-" for _ in FIELDS), "-", run.unavailable])
            continue
        cells = []
        for f in FIELDS:
            result = run.accuracy(f) if counts[f] else None
            cells.append("n/a" if result is None else f"{result[0]:.3f}")
        ms = run.median_ms()
        rows.append([run.tool, *cells, "n/a" if ms is None else f"{ms:.1f}", str(run.errors())])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(row[1:-1], widths[1:])]
        lines.append("  ".join(cells) + "  " + row[-1])
    return "\n".join(lines)


def to_json(dataset: str, articles: Sequence[LabelledArticle], runs: Sequence[ToolRun]) -> dict:
    tools = {}
    for run in runs:
        fields = {}
        for f in FIELDS:
            result = run.accuracy(f)
            fields[f] = None if result is None else {"score": round(result[0], 4), "n": result[1]}
        median = run.median_ms()
        tools[run.tool] = {
            "unavailable": run.unavailable,
            "fields": fields,
            "median_ms_per_page": None if median is None else round(median, 2),
            "errors": run.errors(),
            "pages": [
                {"name": p.name, "scores": {k: round(v, 4) for k, v in p.scores.items()},
                 "ms": round(p.ms_per_page, 2) if p.ms_per_page is not None else None,
                 "error": p.error}
                for p in run.pages
            ],
        }
    return {
        "articles": len(articles),
        "pages": sum(len(a.pages) for a in articles),
        "labelled": labelled_counts(articles),
        "tools": tools,
    }


def _short(value: Any, width: int = 40) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _format_date(point: tuple[int, ...] | None) -> str:
    if point is None:
        return "none"
    year, *rest = point
    date = "-".join([str(year), *(f"{n:02d}" for n in rest[:2])])
    return date + (f" {rest[2]:02d}:{rest[3]:02d}" if len(rest) == 4 else "")


def _unmatched_paragraphs(paragraphs: str, reference: str) -> list[str]:
    """Lines of `paragraphs` whose text does not occur in `reference` (whitespace-free)."""
    haystack = strip_whitespace(reference)
    return [line for line in paragraphs.splitlines()
            if strip_whitespace(line) and strip_whitespace(line) not in haystack]


_SCRIPTS_AND_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]+>", re.S | re.I)


def _page_context(article: LabelledArticle, pattern: str, width: int = 20) -> str:
    """Where `pattern` first occurs in page 1's visible text, as a short excerpt."""
    text = " ".join(html.unescape(_SCRIPTS_AND_TAGS.sub(" ", article.pages[0].text)).split())
    match = re.search(pattern, text)
    if match is None:
        return ""
    start, end = max(0, match.start() - width), match.end() + width
    return f"  page: …{text[start:end]}…"


def _date_pattern(point: tuple[int, ...]) -> str:
    """A regex for the date in any separator style: 2005-5-7, 2005年05月07日 ..."""
    return r"\D{1,3}".join([str(point[0]), *(f"0?{n}" for n in point[1:3])])


def _lines_sample(lines: list[str]) -> str:
    return f"{len(lines)} lines" + (f": {_short(lines[0], 30)}" if lines else "")


def _miss_detail(field_name: str, article: LabelledArticle, result: PageResult) -> str:
    """Expected vs got for one missed field, with where the expected value stands."""
    if result.error:
        return f"ERROR {_short(result.error, 80)}"
    expected = article.labels[field_name]
    got = result.got or Extraction()
    if field_name == "date":
        where = _page_context(article, _date_pattern(expected)) if expected else ""
        return f"expected {_format_date(expected)}  got {_short(got.published_at)}{where}"
    if field_name == "authors":
        where = _page_context(article, re.escape(expected[0])) if expected else ""
        return f"expected {expected}  got {got.authors}{where}"
    if field_name == "body":
        s = body_score(expected, got.body)
        extra = _unmatched_paragraphs(got.body, expected)
        missing = _unmatched_paragraphs(expected, got.body)
        return (f"F1 {s.f1:.3f} P {s.precision:.3f} R {s.recall:.3f}"
                f"  extra {_lines_sample(extra)}  missing {_lines_sample(missing)}")
    return f"expected {_short(expected)}  got {_short(getattr(got, field_name))}"


def worst_pages(articles: Sequence[LabelledArticle], run: ToolRun,
                per_field: int = 10) -> list[str]:
    """The tool's worst articles per scored field, one line each, worst first."""
    by_name = {a.name: a for a in articles}
    lines = []
    for f in FIELDS:
        missed = [p for p in run.pages if f in p.scores and p.scores[f] < 1.0]
        missed.sort(key=lambda p: (p.scores[f], p.name))
        for result in missed[:per_field]:
            lines.append(f"{f:<8} {result.name}  {_miss_detail(f, by_name[result.name], result)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=["cwced", "portal", "blind", "all"], default="all")
    parser.add_argument("--tools", default=",".join(TOOL_CLASSES),
                        help="comma-separated subset of: " + ", ".join(TOOL_CLASSES))
    parser.add_argument("--cwced", type=Path, default=DEFAULT_CWCED, help="CWCED directory")
    parser.add_argument("--portal", type=Path, default=DEFAULT_PORTAL,
                        help="directory holding expected.json and site/")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--worst", type=Path, metavar="PATH",
                        help="write newsarchive's worst CWCED pages per field to PATH")
    args = parser.parse_args(argv)

    names = [n.strip() for n in args.tools.split(",") if n.strip()]
    unknown = sorted(set(names) - set(TOOL_CLASSES))
    if unknown:
        parser.error(f"unknown tools: {', '.join(unknown)}")
    loaders = {
        "cwced": lambda: load_cwced(args.cwced),
        "portal": lambda: load_portal(args.portal),
        # the blind portals: templates written by people who never read the extractor
        "blind": lambda: [a for root in DEFAULT_BLIND for a in load_portal(root)],
    }
    selected = list(loaders) if args.dataset == "all" else [args.dataset]

    report: dict[str, Any] = {}
    for dataset in selected:
        try:
            articles = loaders[dataset]()
        except (FileNotFoundError, KeyError) as exc:
            print(f"{dataset}: skipped, no labelled pages ({exc})", file=sys.stderr)
            continue
        runs = run_dataset(names, articles)
        if args.json:
            report[dataset] = to_json(dataset, articles, runs)
        else:
            print(format_table(dataset, articles, runs), end="\n\n", flush=True)
        ours = next((r for r in runs if r.tool == "newsarchive"), None)
        if args.worst and dataset == "cwced" and ours is not None:
            lines = ([f"newsarchive {ours.unavailable}"] if ours.unavailable
                     else worst_pages(articles, ours))
            args.worst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
