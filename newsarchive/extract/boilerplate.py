"""What is never article body: boilerplate headings, boilerplate class names, noise lines.

Chinese news pages frame the article with boxes that carry a heading (相关新闻, 猜你喜欢 …)
and class or id names, often in pinyin (xgxw = 相关新闻, tuijian = 推荐). Both are checked
here so templates and the fallback drop the same things for the same reasons.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.etree import _Element as Element

from newsarchive.extract.lexicon import BOX_CLASS_NAMES, BOX_HEADINGS, alternation

# Longest line that can still be a heading (with its colon and a short tail).
MAX_HEADING_LINE = 24
# Longest heading first, so 网友评论 wins over 评论.
_HEADING_START = re.compile("(" + alternation(BOX_HEADINGS) + ")")
# A line that starts like this is a legal notice: it and everything after it is not body.
_NOTICE = re.compile(r"^(?:【?免责声明|【?版权声明|版权所有|copyright\b|©|\(c\)\s*\d{4})", re.I)
# Lines dropped wherever they stand (they are not section headings).
_SHARE = re.compile(r"^(?:分享到|分享至|一键分享|扫一扫|扫描二维码|点击查看|「点击查看」|【点击查看|点击进入|点击阅读)")
# An editor's note or summary framing the article (【编者按】…, 核心提示：…): the desk's
# words, not the article's; and the end mark of a dispatch, alone on its line: （完）.
_EDITORS_NOTE = re.compile(r"^[【\[(（]?\s*(?:编者(?:按|的话)|核心提示|内容提要)\s*[】\])）:：]")
_END_MARK = re.compile(r"^[(（【\[\-—－]*\s*(?:全文)?[完终]\s*[)）】\]\-—－]*$")
# 上一页 1 2 3 下一页, 共3页, [1] [2] …: the page bar of a multi-page article.
_PAGE_BAR = re.compile(r"^(?:上一页|下一页|首页|尾页|末页|分页|共\s*\d+\s*页|第\s*\d+\s*页|\d+|[\[\]【】「」<>«»|/:：，,…\-.\s])+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_HEADING_TRAIL = re.compile(r"[\s:：>》»\-—|]*$")

# A class/id token names a boilerplate box (the lexicon's BOX_CLASS_NAMES), alone or
# followed by a digit (`side2`, `ad_1`, `foot-nav`).
_BOILERPLATE_NAME = re.compile(
    r"(?:^|[\s_\-])(" + "|".join(sorted(BOX_CLASS_NAMES)) + r")(?:$|[\s_\-\d])", re.I
)
_NAME_SEPARATOR = re.compile(r"[\s_\-]")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)  # each block is asked about up to three times (boxes, body end, article end)
def heading_of(line: str) -> str | None:
    """The boilerplate heading `line` consists of (ignoring trailing colons), if any."""
    if len(line) > MAX_HEADING_LINE:
        return None  # fast path: most lines are prose
    core = _HEADING_TRAIL.sub("", line.strip())
    if len(core) > 12:
        return None
    match = _HEADING_START.match(core)
    if match is None:
        return None
    heading, rest = match.group(1), core[match.end():]
    # 相关新闻推荐, 评论(3) — but not 评论员: a short heading takes no Chinese suffix
    if not rest or (len(rest) <= 3 and (len(heading) >= 4 or not _CJK.search(rest))):
        return heading
    if core.startswith(("上一篇", "下一篇", "评论:", "评论：", "评论(")):
        return core[:3]
    return None


def starts_section(line: str) -> bool:
    """True when `line` is the heading of a box that ends the body, or a legal notice."""
    stripped = line.strip()
    if stripped.startswith(("上一篇", "下一篇", "评论:", "评论：", "评论(", "评论（")):
        return True
    return heading_of(stripped) is not None or bool(_NOTICE.match(stripped))


def is_noise_line(line: str) -> bool:
    """Share bars, 点击查看 lines, page bars, editor's notes and end marks: dropped
    wherever they stand."""
    stripped = line.strip()
    return bool(
        _SHARE.match(stripped) or _PAGE_BAR.match(stripped) or _EDITORS_NOTE.match(stripped)
        or _END_MARK.match(stripped)
    )


def has_boilerplate_name(element: Element) -> bool:
    """The element's class or id names a boilerplate box (footer, xgxw, fenxiang …)."""
    return _names_boilerplate(f"{element.get('class', '')} {element.get('id', '')}".strip())


@lru_cache(maxsize=4096)  # a site's pages repeat their class names, and a page its own
def _names_boilerplate(names: str) -> bool:
    if not names:
        return False
    if not names.isascii():
        return bool(_BOILERPLATE_NAME.search(names))
    # ASCII names (nearly all): the regex's test token by token, several times faster
    for token in _NAME_SEPARATOR.split(names.lower()):
        if token in BOX_CLASS_NAMES:
            return True
        digit = _DIGIT.search(token)
        if digit is not None and token[: digit.start()] in BOX_CLASS_NAMES:
            return True
    return False
