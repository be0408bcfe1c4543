"""The `newsarchive` command: parses options and calls the parts; nothing else lives here."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newsarchive import __version__

DEFAULT_DB = "data/newsarchive.db"
DEMO_DB = "data/demo.db"

# Exit statuses cron mail and systemd units can tell apart.
EXIT_RUN_FAILED = 1
EXIT_USAGE = 2
EXIT_ALREADY_RUNNING = 75  # EX_TEMPFAIL: try again later


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.command(args)


def build_parser() -> argparse.ArgumentParser:
    from newsarchive.crawl.spiders.portal import DEFAULT_BASE_URL, DEFAULT_CHANNELS

    parser = argparse.ArgumentParser(
        prog="newsarchive", description="Crawl 地方网 (www.yybnet.net) into a searchable SQLite archive."
    )
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    crawl = commands.add_parser("crawl", help="crawl channels into the archive")
    crawl.add_argument("--base-url", default=DEFAULT_BASE_URL, help="portal or mirror (default: %(default)s)")
    crawl.add_argument(
        "--channel",
        action="append",
        dest="channels",
        metavar="PATH",
        help=f"channel path like jining/qufu, or a city like jining for all its counties; "
        f"repeatable (default: {' '.join(DEFAULT_CHANNELS)})",
    )
    crawl.add_argument("--db", default=DEFAULT_DB, help="SQLite archive (default: %(default)s)")
    crawl.add_argument("--warc-dir", help="where WARC captures go (default: warc/ next to the database)")
    crawl.add_argument("--full", action="store_true", help="page every channel to its end")
    crawl.add_argument("--refresh", action="store_true", help="download stored articles again")
    crawl.add_argument("--contact", help="your e-mail or URL, sent in the User-Agent")
    crawl.add_argument(
        "-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="any Scrapy setting"
    )
    crawl.add_argument("--quiet", action="store_true", help="log warnings and errors only")
    crawl.set_defaults(command=run_crawl)

    extract = commands.add_parser("extract", help="print the record of saved pages, one JSON line per file")
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--url", help="the page's URL (default: file:// URL of each file)")
    extract.set_defaults(command=run_extract)

    demo = commands.add_parser("demo", help="crawl the bundled sample mirror into data/demo.db")
    demo.add_argument("--db", default=DEMO_DB, help="(default: %(default)s)")
    demo.set_defaults(command=run_demo)

    serve = commands.add_parser("serve", help="browse and search the archive in datasette")
    serve.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    serve.add_argument("--port", type=int, default=8001, help="(default: %(default)s)")
    serve.add_argument("--host", default="127.0.0.1", help="(default: %(default)s)")
    serve.set_defaults(command=run_serve)

    export = commands.add_parser("export", help="stream records as JSON lines or CSV")
    export.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--where", help="SQL condition on articles, e.g. \"source = '济宁晚报'\"")
    export.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a :name parameter of --where")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    export.set_defaults(command=run_export)

    reextract = commands.add_parser(
        "reextract", help="re-derive stored articles from their WARC captures with today's extractor (no network)")
    reextract.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    reextract.add_argument("--warc-dir", help="where the WARC captures are (default: warc/ next to the database)")
    reextract.add_argument("--jobs", type=int, help="extraction processes (default: the number of cores)")
    reextract.add_argument("--where", help="SQL condition on articles, e.g. \"year < 2016\"")
    reextract.set_defaults(command=run_reextract)
    return parser


def run_crawl(args: argparse.Namespace) -> int:
    from newsarchive.crawl.runner import CrawlOptions, crawl

    try:
        extra = dict(_name_value(item) for item in args.set)
    except ValueError as error:
        print(f"newsarchive crawl: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = CrawlOptions(
        base_url=args.base_url,
        channels=args.channels or [],
        db=Path(args.db),
        warc_dir=Path(args.warc_dir) if args.warc_dir else None,
        full=args.full,
        refresh=args.refresh,
        contact=args.contact,
        settings=extra,
        log_level="WARNING" if args.quiet else "INFO",
    )
    outcome = crawl(options)
    print(outcome.summary())
    if outcome.already_running:
        return EXIT_ALREADY_RUNNING
    return 0 if outcome.ok else EXIT_RUN_FAILED


def run_extract(args: argparse.Namespace) -> int:
    from newsarchive.extract import NotAnArticle, extract_html

    status = 0
    for path in args.files:
        url = args.url or path.resolve().as_uri()
        try:
            record = extract_html(path.read_bytes(), url).to_record()
        except (OSError, NotAnArticle) as error:
            print(f"newsarchive extract: {path}: {error}", file=sys.stderr)
            record, status = {"url": url, "error": str(error)}, 1
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return status


def run_demo(args: argparse.Namespace) -> int:
    from newsarchive.crawl.runner import run_demo as demo

    return 0 if demo(Path(args.db)) else EXIT_RUN_FAILED


def run_serve(args: argparse.Namespace) -> int:
    from newsarchive.datasette.serve import serve

    if not Path(args.db).exists():
        print(f"newsarchive serve: no archive at {args.db} (run `newsarchive crawl` or `newsarchive demo`)",
              file=sys.stderr)
        return EXIT_USAGE
    serve(Path(args.db), host=args.host, port=args.port)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from newsarchive.store.export import export_records

    if not Path(args.db).exists():
        print(f"newsarchive export: no archive at {args.db}", file=sys.stderr)
        return EXIT_USAGE
    try:
        params = dict(_name_value(item) for item in args.param)
    except ValueError as error:
        print(f"newsarchive export: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.output:
            with args.output.open("w", encoding="utf-8", newline="") as out:
                count = export_records(Path(args.db), args.format, args.where, params, out)
        else:
            count = export_records(Path(args.db), args.format, args.where, params, sys.stdout)
    except ValueError as error:
        print(f"newsarchive export: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"exported {count} records", file=sys.stderr)
    return 0


def run_reextract(args: argparse.Namespace) -> int:
    from newsarchive.archive.lock import AlreadyRunning
    from newsarchive.archive.reextract import reextract

    db = Path(args.db)
    if not db.exists():
        print(f"newsarchive reextract: no archive at {args.db}", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print(f"newsarchive reextract: --jobs must be at least 1, got {args.jobs}", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = reextract(db, Path(args.warc_dir) if args.warc_dir else db.parent / "warc",
                            where=args.where, jobs=args.jobs)
    except AlreadyRunning as error:
        print(f"newsarchive reextract: {error}", file=sys.stderr)
        return EXIT_ALREADY_RUNNING
    except ValueError as error:
        print(f"newsarchive reextract: {error}", file=sys.stderr)
        return EXIT_USAGE
    for outcome in summary.problems:
        print(f"{outcome.problem}\t{outcome.url}\t{outcome.detail}")
    print(summary.text())
    return 0 if summary.ok else EXIT_RUN_FAILED


def _name_value(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise ValueError(f"expected NAME=VALUE, got {text!r}")
    return name, value


if __name__ == "__main__":
    sys.exit(main())
