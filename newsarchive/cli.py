"""The `newsarchive` command: parses options and calls the parts; nothing else lives here.

Every error ends as one line on stderr and a non-zero exit status (2 for a usage
mistake); `--verbose` adds the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

from newsarchive import __version__

if TYPE_CHECKING:
    from newsarchive.crawl.runner import CrawlOptions

DEFAULT_DB = "data/newsarchive.db"
DEMO_DB = "data/demo.db"

# Exit statuses cron mail and systemd units can tell apart.
EXIT_RUN_FAILED = 1
EXIT_USAGE = 2
EXIT_ALREADY_RUNNING = 75  # EX_TEMPFAIL: try again later
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class CommandError(Exception):
    """An error the command reports in one line, with its exit status."""

    def __init__(self, message: str, status: int = EXIT_RUN_FAILED) -> None:
        super().__init__(message)
        self.status = status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    name = f"newsarchive {args.command_name}"
    try:
        return args.command(args)
    except BrokenPipeError:
        # The reader went away (`export | head`): that is its choice, not an error.
        # Point stdout at /dev/null so Python's final flush does not complain.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{name}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - every error ends as one line
        if args.verbose:
            traceback.print_exc()
        status = error.status if isinstance(error, CommandError) else _status_of(error)
        print(f"{name}: {_one_line(error)}", file=sys.stderr)
        return status


def _status_of(error: Exception) -> int:
    from newsarchive.store.archive_file import ArchiveFileError
    from newsarchive.store.export import BadCondition

    return EXIT_USAGE if isinstance(error, (ArchiveFileError, BadCondition)) else EXIT_RUN_FAILED


def _one_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    text = " ".join(str(error).split())
    return text or type(error).__name__


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and exit 2), not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


# --- option types: a bad value is a usage error (exit 2), said by argparse ---------


def http_url(text: str) -> str:
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"{text!r}: base_url must be an http(s) URL, like https://www.yybnet.net"
        )
    return text.strip().rstrip("/")


def channel_path(text: str) -> str:
    from newsarchive.crawl.links import channel_of
    from newsarchive.crawl.precheck import CITY

    path = text.strip().strip("/")
    parts = path.split("/")
    valid = (len(parts) == 1 and CITY.fullmatch(path)) or (
        len(parts) == 2 and CITY.fullmatch(parts[0]) and channel_of(f"/{path}/") == path
    )
    if not valid:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a channel: give a path like jining/qufu, or a city like jining"
        )
    return path


def plain_name(text: str) -> str:
    """A worker name or key prefix: it goes into file names and Redis keys."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", text):
        raise argparse.ArgumentTypeError(f"{text!r}: use letters, digits, '.', '_' and '-' only")
    return text


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return port


def name_value(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return number


def redis_url(text: str) -> str:
    from newsarchive.frontier.connection import REDIS_SCHEMES

    if urlsplit(text.strip()).scheme not in REDIS_SCHEMES:
        raise argparse.ArgumentTypeError(f"{text!r} is not a Redis URL: give one like redis://127.0.0.1:6379/0")
    return text.strip()


def seconds(text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not 0 <= number < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds")
    return number


def scrapy_setting(text: str) -> tuple[str, str]:
    """NAME=VALUE whose value has the type of the setting's default (int, float, bool,
    list or dict), so a typo is refused now rather than as a traceback mid-crawl."""
    from scrapy.settings import Settings

    name, value = name_value(text)
    defaults = Settings()
    defaults.setmodule("newsarchive.settings", priority="project")
    default = defaults.get(name)
    trial = Settings({name: value})
    getters: dict[type, Callable[[str], object]] = {
        bool: trial.getbool, int: trial.getint, float: trial.getfloat, list: trial.getlist, dict: trial.getdict,
    }
    getter = getters.get(type(default))
    try:
        if getter is not None:
            getter(name)
    except (ValueError, TypeError):
        kind = type(default).__name__
        raise argparse.ArgumentTypeError(f"{text!r}: {name} takes a {kind} (default {default!r})") from None
    return name, value


# --- the parser --------------------------------------------------------------------


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def build_parser() -> argparse.ArgumentParser:
    from newsarchive.crawl.spiders.portal import DEFAULT_BASE_URL, DEFAULT_CHANNELS

    parser = OneLineParser(
        prog="newsarchive",
        description="Crawl 地方网 (www.yybnet.net) into a searchable SQLite archive.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_examples(
            "newsarchive demo                              # crawl the bundled sample, no Internet needed",
            "newsarchive crawl --channel jining/qufu       # into data/newsarchive.db",
            "newsarchive status                            # what the archive holds, how the last runs went",
        ) + "\n\n'newsarchive COMMAND --help' explains each command.",
    )
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    common = OneLineParser(add_help=False)
    common.add_argument("--verbose", "-v", action="store_true",
                        help="show tracebacks of errors (and, for a crawl, Scrapy's whole log)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, summary: str, description: str, examples: Sequence[str],
                run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=summary, description=textwrap.fill(f"{summary[0].upper()}{summary[1:]}. {description}", 80),
            epilog=_examples(*examples), formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        sub.set_defaults(command=run, command_name=name)
        return sub

    crawl = command(
        "crawl", "crawl channels of the portal into the archive",
        "Incremental: articles already archived are not fetched again. Each channel is "
        "checked before the crawl starts. Exit status 0 when the run went well, 1 when it "
        "did not (one line says why), 2 for a usage mistake, 75 when another run holds "
        "the archive, 130 after Ctrl-C.",
        ("newsarchive crawl --channel jining/qufu --channel jining/zoucheng",
         "newsarchive crawl --channel jining --full --log-file crawl.log   # a city: all its counties",
         "newsarchive crawl --base-url http://127.0.0.1:8080 --channel jining/qufu --db /srv/archive.db"),
        run_crawl,
    )
    crawl.add_argument("--base-url", type=http_url, default=DEFAULT_BASE_URL,
                       help="portal or mirror (default: %(default)s)")
    crawl.add_argument(
        "--channel", action="append", dest="channels", metavar="PATH", type=channel_path,
        help=f"channel path like jining/qufu, or a city like jining for all its counties; "
        f"repeatable (default: {' '.join(DEFAULT_CHANNELS)})",
    )
    crawl.add_argument("--db", help=f"SQLite archive (default: {DEFAULT_DB})")
    crawl.add_argument("--warc-dir", help="where WARC captures go (default: warc/ next to the database)")
    crawl.add_argument("--full", action="store_true", help="page every channel to its end")
    crawl.add_argument("--refresh", action="store_true", help="download stored articles again")
    crawl.add_argument("--images", action="store_true",
                       help="fetch each stored article's images on the portal into the WARC files")
    crawl.add_argument("--contact", help="your e-mail or URL, sent in the User-Agent")
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", type=scrapy_setting,
                       help="any Scrapy setting")
    crawl.add_argument("--log-file", type=Path, metavar="PATH", help="keep Scrapy's whole log in this file")
    crawl.add_argument("--quiet", action="store_true", help="no progress view; warnings, errors and the summary only")
    crawl.add_argument("--frontier", type=redis_url, metavar="REDIS_URL",
                       help="be one worker of a distributed crawl sharing this Redis (redis://HOST:PORT/N); "
                       "the articles go onto its stream for `newsarchive ingest`, --db is not opened")
    crawl.add_argument("--prefix", type=plain_name, help="with --frontier: the frontier's keys (default: newsarchive)")
    crawl.add_argument("--worker", type=plain_name,
                       help="with --frontier: this worker's name, in its WARC files (default: HOSTNAME-PID); "
                       "the WARC files go to --warc-dir or data/warc")

    extract = command(
        "extract", "print the record of saved pages, one JSON line per file",
        "Nothing is fetched or stored: the same extraction a crawl runs, on files.",
        ("newsarchive extract saved-page.html --url https://www.yybnet.net/jining/news/201506/7713943.html",
         "newsarchive extract pages/*.html > records.jsonl"),
        run_extract,
    )
    extract.add_argument("files", nargs="+", type=Path, metavar="FILE")
    extract.add_argument("--url", help="the page's URL (default: file:// URL of each file)")
    extract.add_argument("--templates", action="append", default=[], type=Path, metavar="DIR",
                         help="a folder of template files (*.toml) to use besides the built-in ones (repeatable)")

    demo = command(
        "demo", "crawl the bundled sample mirror into data/demo.db",
        "Serves the sample mirror bundled with the package on 127.0.0.1 and crawls it into a "
        "fresh archive. The demo REPLACES its file (and the WARC files in demo-warc/ next to "
        "it) each time, but only a file an earlier demo made: any other archive or file at "
        "--db is refused and left as it is.",
        ("newsarchive demo", "newsarchive demo --db /tmp/try.db"),
        run_demo,
    )
    demo.add_argument("--db", default=DEMO_DB,
                      help="the demo's own archive, replaced on each demo (default: %(default)s)")

    serve = command(
        "serve", "browse and search the archive in datasette",
        "Opens the archive read-only in datasette, with facets, canned queries and the "
        "Chinese search box. Runs until Ctrl-C.",
        ("newsarchive serve", "newsarchive serve --db data/demo.db --port 8002"),
        run_serve,
    )
    serve.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    serve.add_argument("--port", type=port_number, default=8001, help="(default: %(default)s)")
    serve.add_argument("--host", default="127.0.0.1", help="(default: %(default)s)")

    export = command(
        "export", "stream records as JSON lines or CSV",
        "Streams every article (or those matching --where) from the archive, opened read-only.",
        ("newsarchive export --format jsonl > articles.jsonl",
         "newsarchive export --format csv --where \"source = :s\" --param s=济宁晚报 -o jiningwanbao.csv",
         "newsarchive export --where \"year = 2015\" | head -1"),
        run_export,
    )
    export.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--where", help="SQL condition on articles, e.g. \"source = '济宁晚报'\"")
    export.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", type=name_value,
                        help="a :name parameter of --where")
    export.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    export.add_argument("--excel", action="store_true",
                        help="with --format csv: UTF-8 with a BOM, lists and credits as plain text")

    status = command(
        "status", "show what the archive holds and how its last runs went",
        "The last runs with their verdicts, the archive's size, articles per channel, the "
        "newest article, and the WARC files with their sizes. The archive is opened read-only.",
        ("newsarchive status", "newsarchive status --db /srv/archive.db --warc-dir /srv/warc"),
        run_status,
    )
    status.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    status.add_argument("--warc-dir", type=Path, help="(default: warc/ next to the database)")

    search = command(
        "search", "search the archive, best matches first",
        "Every word must occur; Chinese words of any length are found by their characters. "
        "The archive is opened read-only.",
        ("newsarchive search 曲阜", "newsarchive search 驻村联户 贴心人 --limit 5 --format jsonl"),
        run_search,
    )
    search.add_argument("words", nargs="+", metavar="WORD", help="Chinese words of any length; all must occur")
    search.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    search.add_argument("--limit", type=positive_int, default=20, help="(default: %(default)s)")
    search.add_argument("--format", choices=("table", "jsonl"), default="table")

    reprints = command(
        "reprints", "bring the reprints table up to date",
        "Each crawl does this at its end; run it after importing articles some other way, "
        "or with --rebuild to compare every article afresh.",
        ("newsarchive reprints", "newsarchive reprints --db /srv/archive.db --rebuild"),
        run_reprints,
    )
    reprints.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    reprints.add_argument("--rebuild", action="store_true", help="compare every article afresh")

    ingest = command(
        "ingest", "store what the workers of a distributed crawl find",
        "The one writer of a crawl shared by `newsarchive crawl --frontier` workers: it reads "
        "their records from the frontier's Redis stream and stores them in batches, each record "
        "acknowledged only once committed, so a writer stopped or killed at any moment loses and "
        "doubles nothing. It tells the workers what the archive holds, so they skip it. Runs until "
        "Ctrl-C or SIGTERM (exit 130), or with --until-idle until the crawl is done and stored "
        "(exit 0; 1 when the run failed). Exit 75 when Redis cannot be reached or another run "
        "holds the archive, 1 when the archive refuses a write.",
        ("redis-server --port 6379 --appendonly yes              # the frontier, first",
         "newsarchive ingest --from redis://127.0.0.1:6379/0 --db data/newsarchive.db",
         "newsarchive ingest --from redis://127.0.0.1:6379/0 --until-idle   # exit when the crawl is stored"),
        run_ingest,
    )
    ingest.add_argument("--from", dest="frontier", required=True, type=redis_url, metavar="redis://HOST:PORT/N",
                        help="the frontier the workers share")
    ingest.add_argument("--db", default=DEFAULT_DB, help="SQLite archive (default: %(default)s)")
    ingest.add_argument("--until-idle", action="store_true",
                        help="exit once the crawl is done and every record is stored")
    ingest.add_argument("--prefix", type=plain_name,
                        help="the frontier's keys, as the workers' --prefix (default: newsarchive)")
    ingest.add_argument("--lost-after", type=seconds, default=60.0, metavar="SECONDS",
                        help="a worker not heard from this long after its crawl is done is recorded as lost "
                        "(default: %(default)s)")

    reextract = command(
        "reextract", "re-derive stored articles from their WARC captures with today's extractor",
        "Sends no request: each article is read again from its own capture (continuation "
        "pages from theirs). A changed record keeps its earlier version in article_versions; "
        "records whose capture is missing or damaged are listed and left as they are (exit 1).",
        ("newsarchive reextract", "newsarchive reextract --db /srv/archive.db --where \"year < 2016\" --jobs 2"),
        run_reextract,
    )
    reextract.add_argument("--db", default=DEFAULT_DB, help="(default: %(default)s)")
    reextract.add_argument("--warc-dir", type=Path, help="where the WARC captures are (default: warc/ next to the database)")
    reextract.add_argument("--jobs", type=positive_int, help="extraction processes (default: the number of cores)")
    reextract.add_argument("--where", help="SQL condition on articles, e.g. \"year < 2016\"")
    return parser


# --- the commands --------------------------------------------------------------------


def progress_view(args: argparse.Namespace) -> str:
    """A live view in a terminal; a line per channel otherwise (cron, systemd)."""
    if getattr(args, "quiet", False) or args.verbose:
        return "none"
    return "live" if sys.stderr.isatty() else "lines"


def run_crawl(args: argparse.Namespace) -> int:
    from newsarchive.crawl.runner import CrawlOptions, crawl, print_summary

    options = CrawlOptions(
        base_url=args.base_url,
        channels=args.channels or [],
        db=Path(args.db or DEFAULT_DB),
        warc_dir=Path(args.warc_dir) if args.warc_dir else None,
        full=args.full,
        refresh=args.refresh,
        images=args.images,
        contact=args.contact,
        settings=dict(args.set),
        log_file=args.log_file,
        verbose=args.verbose,
        quiet=args.quiet,
        view=progress_view(args),
    )
    if args.frontier:
        if args.db:
            raise CommandError("--db with --frontier: a worker never opens the archive (`newsarchive ingest` "
                               "writes it)", EXIT_USAGE)
        return run_worker(args, options)
    if args.prefix or args.worker:
        raise CommandError("--prefix and --worker need --frontier", EXIT_USAGE)
    outcome = crawl(options, report=print_summary)
    if outcome.already_running:
        raise CommandError(f"already running: {outcome.verdict}", EXIT_ALREADY_RUNNING)
    if outcome.run_id is None:  # no run started: nothing to summarise
        raise CommandError(f"no run: {outcome.verdict}")
    return print_summary(outcome)


def run_worker(args: argparse.Namespace, options: CrawlOptions) -> int:
    from newsarchive.crawl.runner import crawl_worker
    from newsarchive.frontier.protocol import DEFAULT_PREFIX, FrontierUnavailable

    try:
        outcome = crawl_worker(options, args.frontier, args.prefix or DEFAULT_PREFIX, args.worker)
    except FrontierUnavailable as error:
        raise CommandError(str(error), EXIT_ALREADY_RUNNING) from None  # 75 too: try again later
    if outcome.crawl_id is None:  # it never took part: one line says why
        raise CommandError(_one_line(outcome.error or RuntimeError("the worker did not start")), outcome.exit_status)
    if isinstance(outcome.error, FrontierUnavailable):  # mid-crawl: the summary, then the cause
        print(outcome.summary(), flush=True)
        raise CommandError(str(outcome.error), outcome.exit_status)
    print(outcome.summary(), flush=True)
    return outcome.exit_status


def run_extract(args: argparse.Namespace) -> int:
    from newsarchive.extract import NotAnArticle, TemplateError, extract_html, load_templates

    try:
        templates = load_templates(args.templates)
    except TemplateError as error:
        print(f"newsarchive extract: {error}", file=sys.stderr)
        return EXIT_USAGE
    status = 0
    for path in args.files:
        url = args.url or path.resolve().as_uri()
        try:
            record = extract_html(path.read_bytes(), url, templates=templates).to_record()
        except (OSError, NotAnArticle) as error:
            print(f"newsarchive extract: {path}: {_one_line(error)}", file=sys.stderr)
            record, status = {"url": url, "error": str(error)}, 1
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return status


def run_demo(args: argparse.Namespace) -> int:
    from newsarchive.crawl.runner import NotADemoArchive
    from newsarchive.crawl.runner import run_demo as demo

    try:
        return 0 if demo(Path(args.db), view=progress_view(args)) else EXIT_RUN_FAILED
    except NotADemoArchive as error:
        raise CommandError(str(error), EXIT_USAGE) from error


def run_serve(args: argparse.Namespace) -> int:
    from newsarchive.datasette.serve import serve
    from newsarchive.store.archive_file import ArchiveFileError

    if not Path(args.db).exists():
        raise ArchiveFileError(f"no archive at {args.db} (run `newsarchive crawl` or `newsarchive demo`)")
    serve(Path(args.db), host=args.host, port=args.port)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from newsarchive.store.export import export_records

    if args.excel and args.format != "csv":
        raise CommandError("--excel needs --format csv", EXIT_USAGE)
    params = dict(args.param)
    if args.output and args.output.is_dir():
        raise CommandError(f"cannot write {args.output}: it is a directory")
    if args.output:
        # Written beside the output and renamed at the end: a failed export leaves an
        # existing file as it was.
        partial = args.output.with_name(f".{args.output.name}.partial")
        try:
            out = partial.open("w", encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(f"cannot write {args.output}: {error.strerror}") from None
        try:
            with out:
                count = export_records(Path(args.db), args.format, args.where, params, out, excel=args.excel)
            partial.replace(args.output)
        finally:
            partial.unlink(missing_ok=True)
    else:
        count = export_records(Path(args.db), args.format, args.where, params, sys.stdout, excel=args.excel)
        sys.stdout.flush()  # a closed pipe shows here, inside main's handler
    print(f"exported {count} records", file=sys.stderr)
    return 0


def run_status(args: argparse.Namespace) -> int:
    from newsarchive.console.status import status_lines

    print("\n".join(status_lines(Path(args.db), args.warc_dir)))
    return 0


def run_search(args: argparse.Namespace) -> int:
    from newsarchive.store.archive_file import check_archive_file
    from newsarchive.store.search import format_hits, search

    check_archive_file(Path(args.db), for_writing=False)
    hits = search(Path(args.db), " ".join(args.words), limit=args.limit)
    for line in format_hits(hits, args.format):
        print(line)
    return 0


def run_reprints(args: argparse.Namespace) -> int:
    from newsarchive.store import ArchiveDB
    from newsarchive.store.archive_file import check_archive_file
    from newsarchive.store.reprints import update_reprints

    check_archive_file(Path(args.db), for_writing=True)
    if not Path(args.db).is_file():
        raise CommandError(f"no archive at {args.db}", EXIT_USAGE)
    with ArchiveDB(Path(args.db)) as db:
        result = update_reprints(db.conn, rebuild=args.rebuild)
    print(f"{result.signed} articles compared, {result.pairs} reprint pairs found;"
          f" {result.clustered} articles are in a reprint cluster")
    return 0


def run_ingest(args: argparse.Namespace) -> int:
    from newsarchive.archive.lock import AlreadyRunning
    from newsarchive.console import logs
    from newsarchive.frontier.ingest import IngestOptions, ingest
    from newsarchive.frontier.protocol import DEFAULT_PREFIX, FrontierUnavailable
    from newsarchive.store import ArchiveWriteFailed

    logs.configure(log_file=None, verbose=args.verbose, quiet=False)
    options = IngestOptions(frontier=args.frontier, db=Path(args.db), prefix=args.prefix or DEFAULT_PREFIX,
                            until_idle=args.until_idle, lost_after=args.lost_after)
    try:
        outcome = ingest(options, report=lambda line: print(line, flush=True))
    except (FrontierUnavailable, AlreadyRunning) as error:
        raise CommandError(str(error), EXIT_ALREADY_RUNNING) from error  # EX_TEMPFAIL: try again
    except ArchiveWriteFailed as error:
        raise CommandError(f"{error} (the records not stored wait in the frontier for the next ingest)") from error
    if outcome.interrupted:
        print(f"newsarchive ingest: stopped after storing {outcome.records} records; "
              "the rest wait in the frontier for the next ingest", file=sys.stderr)
    return outcome.exit_status


def run_reextract(args: argparse.Namespace) -> int:
    from newsarchive.archive.lock import AlreadyRunning
    from newsarchive.archive.reextract import reextract
    from newsarchive.store.archive_file import check_archive_file

    db = Path(args.db)
    check_archive_file(db, for_writing=True)
    if not db.is_file():
        raise CommandError(f"no archive at {args.db}", EXIT_USAGE)
    try:
        summary = reextract(db, args.warc_dir or db.parent / "warc", where=args.where, jobs=args.jobs)
    except AlreadyRunning as error:
        raise CommandError(str(error), EXIT_ALREADY_RUNNING) from error
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    for outcome in summary.problems:
        print(f"{outcome.problem}\t{outcome.url}\t{outcome.detail}")
    print(summary.text())
    return 0 if summary.ok else EXIT_RUN_FAILED


if __name__ == "__main__":
    sys.exit(main())
