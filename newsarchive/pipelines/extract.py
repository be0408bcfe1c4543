"""CapturedArticle -> ExtractedArticle, by the pure extraction code.

Extraction is the crawl's main CPU cost, so it runs in forked worker processes
(newsarchive.workers.ReactorPool; NEWSARCHIVE_EXTRACT_WORKERS, default the number of
cores, 0 = in this process) while the reactor goes on fetching. The workers touch
none of the crawl's open files and leave within 0.2 s of a kill -9, releasing the
run lock they inherited with it. The pool starts with the first article, so a run
that finds nothing new never starts it. The templates the crawl checked at its start
reach the workers by fork, with the extraction function: a worker never reads a
template file, and a task carries only the captured article.

The worker does all the rest that depends on the article and its capture alone
(`prepare`): it places the article (place.py), checks it (validate.py) and makes its
rows (store/record.py), so that the reactor only reports what it found and runs the
archive's statements. When it made the rows, the article itself crosses back as one
pickle beside the two fields the pipelines read of every item (`ArticleInBrief`): the
reactor unpickles the rest only if something reads it (the images of an --images
crawl), not for every page.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import is_asyncio_available
from scrapy.utils.conf import build_component_list
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object

from newsarchive.crawl.runstate import run_of
from newsarchive.extract import NotAnArticle, extract_article, load_templates
from newsarchive.extract.templates import Template
from newsarchive.items import Article, CapturedArticle, ExtractedArticle, Flag
from newsarchive.pipelines.place import place
from newsarchive.pipelines.store import StorePipeline
from newsarchive.pipelines.validate import flag_names, flags_of, problems
from newsarchive.store.record import ArticleRecord, article_record
from newsarchive.store.reprints import presign
from newsarchive.workers import ReactorPool

logger = logging.getLogger(__name__)

WORKERS_SETTING = "NEWSARCHIVE_EXTRACT_WORKERS"


class ArticleInBrief(NamedTuple):
    """An article as an extraction worker sends it back with its rows: what the pipelines
    read of every item (place.py and validate.py: its URL and flag names), and the rest
    as one pickle, which the reactor loads only if something reads it."""

    url: str
    flags: list[str] | None
    pickled: bytes

    @classmethod
    def of(cls, article: Article) -> ArticleInBrief:
        return cls(article.url, article.flags, pickle.dumps(article, pickle.HIGHEST_PROTOCOL))


class _ArticleToLoad(Article):
    """An Article made from an ArticleInBrief: its URL and flags are set; reading any other
    attribute loads the rest, and it becomes a plain Article."""

    def __init__(self, brief: ArticleInBrief) -> None:  # the other fields are loaded on first use
        state = vars(self)
        state.update(url=brief.url, flags=brief.flags, _pickled=brief.pickled)

    def __getattribute__(self, name: str) -> Any:
        state = object.__getattribute__(self, "__dict__")
        if name not in state and "_pickled" in state:
            state.update(vars(pickle.loads(state.pop("_pickled"))))
            object.__setattr__(self, "__class__", Article)
        return object.__getattribute__(self, name)


class Prepared(NamedTuple):
    """What the pipelines need of one extracted article: the fields of its ExtractedArticle
    but the capture (which stays with the reactor)."""

    article: Article | ArticleInBrief  # in brief when a worker made its rows
    presigned: bytes | None  # the body's reprint signature (presign), when stored
    breadcrumb_refused: str | None
    problems: list[str]
    flags: list[Flag]
    record: ArticleRecord | None  # its rows, when stored

    def of(self, capture: CapturedArticle) -> ExtractedArticle:
        article = self.article if isinstance(self.article, Article) else _ArticleToLoad(self.article)
        return ExtractedArticle(article=article, capture=capture, presigned=self.presigned,
                                breadcrumb_refused=self.breadcrumb_refused, problems=self.problems,
                                flags=self.flags, record=self.record)

    def in_brief(self) -> Prepared:
        """This, to be sent to the reactor: the article in brief when its rows are made."""
        if self.record is None or not isinstance(self.article, Article):
            return self
        return self._replace(article=ArticleInBrief.of(self.article))


def prepare(article: Article, capture: CapturedArticle, *, store: bool) -> Prepared:
    """Place and check `article`, extracted from `capture`, and, when this crawl stores
    it (`store`) and it may be stored, make its rows and its reprint signature (1–2 ms,
    here rather than at the end of the run)."""
    if not article.channel_path:
        article.channel_path = capture.channel_path
    refused = place(article, capture)
    found = problems(article)
    if found:
        return Prepared(article, None, refused, found, [], None)
    flags = flags_of(article, datetime.fromisoformat(capture.fetched_at))
    article.flags = flag_names(flags)
    if not store:
        return Prepared(article, None, refused, [], flags, None)
    record = article_record(article, fetched_at=capture.fetched_at, requested_url=capture.requested_url,
                            warc_file=capture.warc_file, warc_record_id=capture.warc_record_id)
    return Prepared(article, presign(str(record.row["body"])), refused, [], flags, record)


def in_a_worker(extract: Callable[[CapturedArticle], Prepared]) -> Callable[[CapturedArticle], Prepared]:
    """`extract`, in a worker of the ReactorPool: its answer, in brief."""

    def extract_in_brief(capture: CapturedArticle) -> Prepared:
        return extract(capture).in_brief()

    return extract_in_brief


def extraction(templates: tuple[Template, ...], *, store: bool) -> Callable[[CapturedArticle], Prepared]:
    """Extraction with these templates of one captured article, and `prepare`."""

    def extract(capture: CapturedArticle) -> Prepared:
        article = extract_article(capture.pages, now=datetime.fromisoformat(capture.fetched_at), templates=templates)
        return prepare(article, capture, store=store)

    return extract


def stores_here(settings: BaseSettings) -> bool:
    """Whether the crawl's StorePipeline runs: a frontier worker publishes its articles
    instead, and its writer makes their rows."""
    pipelines = build_component_list(settings.getwithbase("ITEM_PIPELINES"))
    return any(load_object(pipeline) is StorePipeline for pipeline in pipelines)


class ExtractPipeline:
    def __init__(self, crawler: Crawler, workers: int) -> None:
        if workers < 0:
            raise ValueError(f"{WORKERS_SETTING} must be 0 (in-process) or more, got {workers}")
        self.crawler = crawler
        self.stats = crawler.stats
        self.workers = workers
        self._pool: ReactorPool | None = None
        # checked once, before any page: a bad template file stops the run with its name and key
        self.templates = load_templates(crawler.settings.getlist("NEWSARCHIVE_TEMPLATE_DIRS"))
        self.extract = extraction(self.templates, store=stores_here(crawler.settings))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        workers = crawler.settings.get(WORKERS_SETTING)
        return cls(crawler, (os.cpu_count() or 1) if workers in (None, "") else int(workers))

    async def process_item(self, item: CapturedArticle) -> ExtractedArticle:
        try:
            prepared = await self._prepared(item)
        except NotAnArticle as error:
            self.stats.inc_value("newsarchive/pages/not_article")
            run = run_of(self.crawler)
            for url in filter(None, (item.url, item.requested_url)):
                run.skip(url, f"not an article: {error}")
            raise DropItem(f"not an article: {item.url}: {error}") from error
        except Exception as error:  # a bug must not stop the crawl; the WARC keeps the page
            self.stats.inc_value("newsarchive/errors/extraction_failed")
            logger.exception("extraction failed on %s", item.url)
            raise DropItem(f"extraction failed: {item.url}: {error!r}") from error
        return prepared.of(item)

    async def _prepared(self, item: CapturedArticle) -> Prepared:
        if self.workers == 0:
            return self.extract(item)
        if self._pool is None:
            self._pool = ReactorPool(in_a_worker(self.extract), self.workers)
        if is_asyncio_available():  # the crawl's reactor: the result in a Future of its loop, not a Deferred
            return await self._pool.submit_future(item)
        return await maybe_deferred_to_future(self._pool.submit(item))

    async def close_spider(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await pool.close()
