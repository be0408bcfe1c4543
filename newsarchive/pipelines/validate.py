"""Check each record against the field rules: drop what cannot be stored, flag what
looks wrong.

A record without headline or body, or with a malformed date, is dropped, saying which
rule and where. A record whose values look wrong — a source holding a label or a
counter, an author that is no person's name, a headline that is the breadcrumb, a date
after the crawl — is stored AND marked: `articles.flags` lists the flags' short names
(researchers query `WHERE flags != '[]'`), each flag is counted in the crawl's stats
(`newsarchive/flags/<name>`, and `newsarchive/articles/flagged` for the records) and
logged with the URL and the value.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from typing import Final

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsarchive.extract import CHINA, lexicon
from newsarchive.items import Article, ExtractedArticle, Flag

logger = logging.getLogger(__name__)

_PUBLISHED_AT = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}\+08:00)?$")

# --- the words a flag looks for (from the one vocabulary, newsarchive/extract/lexicon.py) ---
# Labels of an info line's fields and role words: a source that holds one ran on into the
# next field. One-character role words (文, 图) are ordinary text, and some label words
# stand inside names too (`X发布` is a WeChat account's name, and a source).
FIELD_LABELS: Final = tuple(
    label for label in lexicon.FIELD_LABELS
    if len(label) >= 2 and label not in lexicon.LABEL_WORDS_IN_NAMES and label not in lexicon.COUNTER_LABELS
)
# Page counters (阅读:231): never part of a source.
COUNTER_LABELS: Final = lexicon.COUNTER_LABELS
# Words no person's name holds: role words, labels, counters, an organisation's parts.
NOT_IN_A_NAME: Final = (
    *FIELD_LABELS, *COUNTER_LABELS, *lexicon.OWN_OUTLET_WORDS, *lexicon.NOT_IN_PERSONAL_NAMES,
)

# One search for all of them, not a substring test per word (a hundred of them, for every author).
_NOT_IN_A_NAME: Final = re.compile(lexicon.alternation(NOT_IN_A_NAME))
_FIELD_LABEL: Final = re.compile(f"(?:{lexicon.alternation(FIELD_LABELS)})(?!部)")  # 编辑部 is a publication's desk
_COUNTER: Final = re.compile(f"(?:{lexicon.alternation(COUNTER_LABELS)})\\s*(?:[:：(（]|\\d|$)")
_COLON: Final = re.compile("[:：]")
_NO_LETTER: Final = re.compile(r"^[\d\W_]+$")
_HAN: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # traditional and rare characters included
# A person: 2–4 Han characters (a compound surname + 1–2 falls within), or a minority
# name whose parts a middle dot joins (买买提·艾力).
_PERSON: Final = re.compile(f"[{_HAN}]{{2,4}}|[{_HAN}]{{1,8}}(?:[·•・][{_HAN}]{{1,8}}){{1,3}}")
# A breadcrumb's separators, or the portal opening it: the headline is the trail.
_BREADCRUMB: Final = re.compile(r"[>＞›»]|&gt;|^(?:地方网|首页)\s*[/|｜-]")
# Clocks differ: a time a few minutes after the crawl is not yet wrong.
FUTURE_TOLERANCE: Final = timedelta(minutes=10)


def problems(article: Article) -> list[str]:
    """Every rule the record breaks; empty when it may be stored."""
    found = []
    if not article.headline.strip():
        found.append("no headline")
    if not any(paragraph.strip() for paragraph in article.body):
        found.append("no body")
    if article.published_at is not None and not _PUBLISHED_AT.match(article.published_at):
        found.append(f"published_at {article.published_at!r} is not ISO 8601 with +08:00")
    if any(not credit.name.strip() for credit in article.credits):
        found.append("a credit without a name")
    return found


def is_person_name(name: str) -> bool:
    """Whether a credited author's name looks like one person's name."""
    return bool(_PERSON.fullmatch(name)) and _NOT_IN_A_NAME.search(name) is None


def source_flags(source: str | None) -> list[Flag]:
    if not source:
        return []
    checks = (
        ("source_label", _FIELD_LABEL.search(source)),
        ("source_counter", _COUNTER.search(source)),
        ("source_colon", _COLON.search(source)),
        ("source_number", _NO_LETTER.match(source)),
    )
    return [Flag(name, source) for name, found in checks if found]


def is_in_future(published_at: str, crawled_at: datetime) -> bool:
    """Whether the publication time (a day, or a time with +08:00) comes after the
    crawl (an aware datetime): a day after the crawl's day in China, a time later than
    the crawl by more than FUTURE_TOLERANCE."""
    if "T" not in published_at:
        return date.fromisoformat(published_at) > crawled_at.astimezone(CHINA).date()
    return datetime.fromisoformat(published_at) > crawled_at + FUTURE_TOLERANCE


def flags_of(article: Article, crawled_at: datetime | None = None) -> list[Flag]:
    """Every value of the record that looks wrong, in field order."""
    found = source_flags(article.source)
    found += [
        Flag("author_not_a_name", credit.name)
        for credit in article.credits
        if credit.kind == "author" and not is_person_name(credit.name)
    ]
    if _BREADCRUMB.search(article.headline):
        found.append(Flag("headline_breadcrumb", article.headline))
    if crawled_at and article.published_at and is_in_future(article.published_at, crawled_at):
        found.append(Flag("date_in_future", article.published_at))
    return found


def flag_names(flags: list[Flag]) -> list[str]:
    """The names of `flags`, each once, in order: what `articles.flags` holds."""
    return list(dict.fromkeys(flag.name for flag in flags))


class ValidatePipeline:
    """Reports what `problems` and `flags_of` found in the extraction worker: drops an
    invalid record, counts and logs the flags of the others."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: ExtractedArticle) -> ExtractedArticle:
        if item.problems:
            self.stats.inc_value("newsarchive/articles/invalid")
            raise DropItem(f"invalid record {item.capture.url}: {'; '.join(item.problems)}")
        for flag in item.flags:
            logger.warning("flagged %s: %s %r", item.article.url, flag.name, flag.value)
        names = item.article.flags or []
        if names:
            self.stats.inc_value("newsarchive/articles/flagged")
        for name in names:
            self.stats.inc_value(f"newsarchive/flags/{name}")
        return item
