"""The info line under a headline: `来源:济宁晚报 2015-06-22 07:21`, `作者:… 责任编辑:…`.

The line is read as segments: it is split at its labels (ASCII or full-width colons, the
words of newsarchive/extract/lexicon.py), each field is read on its own, and a value ends at
the next label or counter even when glued to it, as adjacent inline elements print them
(`<span>来源:鲁网</span><span>浏览:<em>2289</em></span>` reaches this module as
`来源:鲁网浏览:2289`), and at a separator (`|`, spaces, full-width spaces, &nbsp; runs).
A mobile line names the source without a label (`济宁晚报 06-22 07:21`): then the source is
the short Chinese name right before (or after) the date, outside every labelled field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from lxml.etree import _Element as Element

from newsarchive.extract.boilerplate import has_boilerplate_name
from newsarchive.extract.bylines import is_byline, parse_credits
from newsarchive.extract.dates import DateMatch, search_datetime
from newsarchive.extract.lexicon import (
    CORRESPONDENT_WORDS,
    COUNTER_LABELS,
    DATE_LABELS,
    FIELD_LABELS,
    INTERN_WORDS,
    NO_PUBLICATION_VALUES,
    OWN_OUTLET_WORDS,
    PHOTO_REPORTER_WORDS,
    PHOTO_ROLE_WORDS,
    PORTAL_NAMES,
    REPORTER_WORDS,
    REPOST_WORDS,
    ROLE_WORDS,
    SIMPLIFIED_ROLE_CHARS,
    SOURCE_LABELS,
    TRADITIONAL_ROLE_CHARS,
    TRAINEE_REPORTER_WORDS,
    WECHAT_ACCOUNT_WORDS,
    alternation,
    opening_with,
)
from newsarchive.items import Credit

# Labels that name a role or an author field (作者, 记者, 责任编辑 …): their values are credits.
_CREDIT_LABELS: Final = frozenset(ROLE_WORDS)
# Labels whose value is kept with the label for parse_credits (it reads the role from it).
_NO_ROLE_LABELS: Final = frozenset(word for word, meaning in ROLE_WORDS.items() if meaning.role is None)
# Any other short word before a colon (访问统计：, 译：) is a field of its own: it ends the
# value before it, so `作者：流泉 访问统计：…` credits 流泉 alone. A known label of two
# characters or more ends the value before it even when glued to it: adjacent elements
# (`<span>来源:鲁网</span><span>浏览:2289</span>`) reach this module as `来源:鲁网浏览:2289`.
# An unknown word cannot run into a known label (`鲁网浏览:` is 鲁网 + 浏览:).
_KNOWN_LABEL = alternation(FIELD_LABELS)
_GLUED_LABEL = alternation(label for label in FIELD_LABELS if len(label) >= 2)
_ANY_LABEL = re.compile(
    opening_with((*FIELD_LABELS, *COUNTER_LABELS), also="\u4e00-\u9fff")
    + rf"(?:(?:(?<![\u4e00-\u9fff])(?P<label>{_KNOWN_LABEL}|(?:(?!{_GLUED_LABEL})[\u4e00-\u9fff]){{1,5}})"
    rf"|(?P<glued>{_GLUED_LABEL}))\s*[:：]\s*"
    # a counter ends a value without a colon too: `阅读(231)`, `浏览 2289 次`
    rf"|(?P<counter>{alternation(COUNTER_LABELS)})(?=\s*[(（\[【]?\s*\d))"
)
# A date match that opens with one of these words carries its label (发表于 2005-9-15).
_DATE_LABEL_START = re.compile(alternation(DATE_LABELS))
MAX_DATES_PER_LINE = 4
# Info lines are short; longer text near a headline is a summary or body.
MAX_INFO_CHARS = 200
HAS_LABEL = re.compile(rf"(?:{_KNOWN_LABEL})\s*[:：]")
# A source value stops at whitespace, a bracket or a URL.
_SOURCE_VALUE = re.compile(r"^[【\[(（]?\s*([^\s【】\[\]()（）|｜/]+)")
# What names the portal or no publication at all: never a source.
_NOT_A_SOURCE = re.compile(
    rf"(?:{alternation(name for name in PORTAL_NAMES if not name.startswith('本'))}|https?:|www\.|\.com|\.net"
    rf"|^(?:{alternation(name for name in PORTAL_NAMES if name.startswith('本'))})"
    rf"|^(?:{alternation(NO_PUBLICATION_VALUES)})$)",
    re.I,
)
# What stands between an unlabelled source and the date: `咸阳日报 · 08-15 09:30`.
_NAME_EDGES = " \u3000\u00a0·•|｜/-—《》"
# An unlabelled source is a short name in Chinese script and nothing else.
_UNLABELLED_SOURCE = re.compile(r"[\u4e00-\u9fff·]{2,15}")
# Where a byline with no label of its own starts in an info line (`… 08:30 文/图 记者 孙明`).
# Also where a source value glued to it ends (`<span>来源:鲁网</span><span>记者 王涛</span>`).
_BYLINE_WORDS = (*REPORTER_WORDS, *TRAINEE_REPORTER_WORDS, *INTERN_WORDS, *CORRESPONDENT_WORDS,
                 *PHOTO_REPORTER_WORDS, *PHOTO_ROLE_WORDS)
_TO_TRADITIONAL = str.maketrans(SIMPLIFIED_ROLE_CHARS, TRADITIONAL_ROLE_CHARS)
_ALL_BYLINE_WORDS = {*_BYLINE_WORDS, *(word.translate(_TO_TRADITIONAL) for word in _BYLINE_WORDS)}
_BYLINE_START = re.compile(
    opening_with(("文", "图", *OWN_OUTLET_WORDS, *_ALL_BYLINE_WORDS))
    + rf"(?:文\s*[/／]\s*图|图\s*[/／]\s*文|(?:{alternation(OWN_OUTLET_WORDS)})?(?:{alternation(_ALL_BYLINE_WORDS)}))"
)
# A weekday printed beside the date (2021-08-02 10:20 星期一 德州日报) is no source.
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天]")
_LEADING_NOISE = re.compile(r"^[\s|｜/\-—·]+")
# A paragraph that is only a source label line: `（来源：菏泽日报）`, `【稿件来源：大众日报】`.
_SOURCE_LINE = re.compile(
    rf"[\s(（【\[]*(?:{alternation(SOURCE_LABELS)})\s*[:：][^:：()（）【】\[\]]{{1,30}}[)）】\]]?\s*"
)


# `转自微信公众号“曲阜发布”`, `来源：微信公众号“曲阜发布”`: the account named in quotes.
_WECHAT_SOURCE = re.compile(
    rf"(?:{alternation(REPOST_WORDS)})?\s*(?:{alternation(WECHAT_ACCOUNT_WORDS)})\s*[:：]?\s*"
    r"[“\"「『《]([^”\"」』》\s]{2,20})[”\"」』》]"
)
_WECHAT_SOURCE_LINE = re.compile(r"[\s(（【\[]*" + _WECHAT_SOURCE.pattern + r"[)）】\]]?\s*")


@dataclass
class InfoLine:
    """The fields read from an info line."""

    source: str | None = None
    published_at: str | None = None
    credits: list[Credit] = field(default_factory=list)
    # the date carries a publication label (发布时间：, 发表于 …), not only a position
    date_labelled: bool = False


def parse_info_line(text: str, *, url: str | None, now: datetime | None) -> InfoLine:
    """Source, date and credits of an info line's text (empty fields when absent)."""
    info = InfoLine()
    if not text:
        return info
    # a WeChat account named in quotes is a field of its own: it ends the value before it
    if (account := _WECHAT_SOURCE.search(text)) is not None:
        text = f"{text[: account.start()]} {text[account.end():]}"
    dates = _all_dates(text, url, now)
    date = dates[0] if dates else None
    # a labelled date (发布时间：…, 发表于 …) wins over other dates on the line (建立于:…)
    labelled = next((d for d in dates if _DATE_LABEL_START.match(text, d.start)), None)
    published = labelled or date
    if published is not None:
        info.published_at = published.value
        info.date_labelled = labelled is not None
    fields = _fields(text)
    for label, value, _ in fields:
        if label in SOURCE_LABELS and info.source is None:
            info.source = _source_value(_before_byline(_strip_date(value, url, now)))
        elif label in _CREDIT_LABELS:
            name_part = _strip_date(value, url, now)
            info.credits.extend(parse_credits(_credit_text(label, name_part)))
    if not info.credits:
        # a byline line standing between headline and body (`<p class="author">`) is read whole
        info.credits = _unlabelled_byline(text, fields, url, now)
    if info.source is None and account is not None:
        info.source = account.group(1)
    if info.source is None and date is not None and not any(label in SOURCE_LABELS for label, _, _ in fields):
        # mobile: `济宁晚报 06-22 07:21`; some templates put the name after the date. Text
        # before the date counts when no field opens before it; text after it up to the next
        # field.
        starts = [start for _, _, start in fields]
        before = text[: date.start] if not any(start < date.start for start in starts) else ""
        after = text[date.end: min((s for s in starts if s >= date.end), default=len(text))]
        for side in (before, after):
            name = _WEEKDAY.sub("", side).strip(_NAME_EDGES)
            if _UNLABELLED_SOURCE.fullmatch(name):
                info.source = _source_value(name)
                break
    return info


def _unlabelled_byline(text: str, fields: list[tuple[str, str, int]], url: str | None,
                       now: datetime | None) -> list[Credit]:
    """Credits of a byline written into the line without a label, up to the next label
    (without the date and weekday standing in it); a line that is only a byline, whole."""
    if not fields and is_byline(line := _strip_date(text, url, now)):
        return parse_credits(line)  # the line is a byline (`<p class="author">X/文 Y/图</p>`)
    start = _BYLINE_START.search(text)
    if start is None:
        return []
    end = min((where for _, _, where in fields if where > start.start()), default=len(text))
    return parse_credits(_strip_date(text[start.start(): end], url, now))


def is_source_line(text: str) -> bool:
    """The paragraph is only a source label and its value (`（来源：菏泽日报）`,
    `转自微信公众号“曲阜发布”`): no body text."""
    return _SOURCE_LINE.fullmatch(text) is not None or _WECHAT_SOURCE_LINE.fullmatch(text) is not None


def _all_dates(text: str, url: str | None, now: datetime | None) -> list[DateMatch]:
    """Every date on the line, in order (search_datetime's spans include a label before it)."""
    found: list[DateMatch] = []
    offset = 0
    while offset < len(text) and len(found) < MAX_DATES_PER_LINE:
        match = search_datetime(text[offset:], url=url, now=now)
        if match is None:
            break
        found.append(DateMatch(match.value, offset + match.start, offset + match.end))
        offset += max(match.end, 1)
    return found


def _fields(text: str) -> list[tuple[str, str, int]]:
    """(label, value, where the label starts) triples, each value running to the next label."""
    matches = list(_ANY_LABEL.finditer(text))
    return [
        (m["label"] or m["glued"] or m["counter"],
         text[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(text)].strip(), m.start())
        for i, m in enumerate(matches)
    ]


def _before_byline(value: str) -> str:
    """The value up to a byline glued to it: `鲁网记者 王涛` is the source 鲁网."""
    start = _BYLINE_START.search(value)
    return value[: start.start()] if start is not None and start.start() > 0 else value


def _strip_date(value: str, url: str | None, now: datetime | None) -> str:
    """The value without its date and the weekday printed after it (`周五` is no name)."""
    date = search_datetime(value, url=url, now=now)
    if date is None:
        return value
    rest = value[date.end:].lstrip()
    if weekday := _WEEKDAY.match(rest):
        rest = rest[weekday.end():]
    return (value[: date.start] + " " + rest).strip()


def _credit_text(label: str, value: str) -> str:
    # parse_credits reads roles from the text: keep the label when it names a role
    if label in _NO_ROLE_LABELS:
        return value
    return f"{label}:{value}"


def _source_value(value: str) -> str | None:
    value = _LEADING_NOISE.sub("", value)
    if _NOT_A_SOURCE.match(value):
        return None  # 来源:https://www.yybnet.net/ — the portal names itself
    match = _SOURCE_VALUE.match(value)
    if not match:
        return None
    source = match.group(1).strip("：:,，、.")
    if not source or _NOT_A_SOURCE.search(source) or len(source) > 30:
        return None
    return source


def header_time(headline: Element | None, body: Element) -> str | None:
    """The `datetime` of the article's own `<time>` element (blog and CMS themes put it in a
    meta block above or under the headline, often inside a link): the first one in the
    article's container (the nearest ancestor of the headline holding the body) that stands
    before the body, outside boxes named as boilerplate. Times in or after the body belong
    to comments and related-news lists."""
    above_body = set(body.iterancestors())
    container = next((a for a in headline.iterancestors() if a in above_body), None) \
        if headline is not None else body.getparent()
    if container is None:
        return None
    for element in container.iter():
        if element is body:
            return None
        if element.tag == "time" and element.get("datetime") and not any(
                has_boilerplate_name(a) for a in _ancestors_below(element, container)):
            return element.get("datetime")
    return None


def _ancestors_below(element: Element, top: Element) -> list[Element]:
    found = []
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        found.append(ancestor)
    return found
