"""The one vocabulary of article pages: role words, field labels, counters, portal names,
box headings and caption marks.

Every reader (info line, bylines, body content, boilerplate, breadcrumb) builds its
patterns from these constants, so a word added here is known everywhere at once. Words
only: what a word means in context (a closing 摄, a label glued to the value before it)
is the readers' business.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

# --- people credited: role words ----------------------------------------------------------

RoleKind = Literal["author", "editor"]


@dataclass(frozen=True)
class RoleWord:
    """What a role word printed in a byline or an info line credits."""

    kind: RoleKind
    role: str | None  # the normalised role (PORTAL.md), None: the page states none
    # A word that is also ordinary text (文, 图, 审核, 作者) is a role word only where a
    # separator (or the line's edge) stands on both sides of it.
    needs_separator: bool = False
    # 摄影 / 摄 / 图: a photo word, which may also close a run of names (`张三 摄影`).
    photo: bool = False


# Every kind of reporter is 记者 (PORTAL.md: 融媒记者, 特约记者 and an outlet before 记者).
REPORTER_WORDS: Final = (
    "记者", "特约记者", "首席记者", "全媒体记者", "融媒体记者", "融媒记者", "特派记者",
    "驻站记者", "记者站", "新媒体记者", "主任记者",
)
TRAINEE_REPORTER_WORDS: Final = ("见习记者",)
INTERN_WORDS: Final = ("实习记者", "实习生")
CORRESPONDENT_WORDS: Final = ("通讯员", "特约通讯员")
# Words that credit pictures: the names they govern are 摄影.
PHOTO_REPORTER_WORDS: Final = ("摄影记者",)  # a reporter's title: no closing word
PHOTO_ROLE_WORDS: Final = ("摄影报道", "摄影", "摄像")
PHOTO_SHORT_WORDS: Final = ("图片", "图")  # ordinary words too: need separators
# Words after which names are credited with no role (PORTAL.md: `文/X`, `作者：X`).
NO_ROLE_WORDS: Final = ("文/图", "图/文", "文·图", "评论员", "特约评论员")
NO_ROLE_SHORT_WORDS: Final = (
    "图文", "文", "文字", "作者", "撰文", "撰稿", "撰稿人", "特约撰稿", "特约撰稿人", "执笔", "执笔人", "整理",
)
# Editors (PORTAL.md: kept, but not authors): printed word -> normalised role.
EDITOR_WORDS: Final[Mapping[str, str]] = MappingProxyType({
    "责任编辑": "责任编辑", "责编": "责任编辑", "编辑": "编辑", "本版编辑": "编辑", "网络编辑": "编辑",
    "值班编辑": "编辑", "初审编辑": "初审编辑", "编审": "编审", "责任校对": "校对",
})
EDITOR_SHORT_WORDS: Final[Mapping[str, str]] = MappingProxyType({
    "初审": "初审编辑", "复审": "复审", "终审": "终审", "审核": "审核", "审校": "审核", "校对": "校对",
    "美编": "美编", "主编": "主编",
})


def _roles() -> dict[str, RoleWord]:
    table: dict[str, RoleWord] = {}
    table.update((w, RoleWord("author", "记者")) for w in REPORTER_WORDS)
    table.update((w, RoleWord("author", "见习记者")) for w in TRAINEE_REPORTER_WORDS)
    table.update((w, RoleWord("author", "实习生")) for w in INTERN_WORDS)
    table.update((w, RoleWord("author", "通讯员")) for w in CORRESPONDENT_WORDS)
    table.update((w, RoleWord("author", "摄影", photo=True)) for w in PHOTO_ROLE_WORDS)
    table.update((w, RoleWord("author", "摄影")) for w in PHOTO_REPORTER_WORDS)
    table.update((w, RoleWord("author", "摄影", needs_separator=True, photo=True)) for w in PHOTO_SHORT_WORDS)
    table.update((w, RoleWord("author", None)) for w in NO_ROLE_WORDS)
    table.update((w, RoleWord("author", None, needs_separator=True)) for w in NO_ROLE_SHORT_WORDS)
    table.update((w, RoleWord("editor", r)) for w, r in EDITOR_WORDS.items())
    table.update((w, RoleWord("editor", r, needs_separator=True)) for w, r in EDITOR_SHORT_WORDS.items())
    return table


ROLE_WORDS: Final[Mapping[str, RoleWord]] = MappingProxyType(_roles())
# Traditional script: role words, agencies and datelines read as simplified, one character
# for one (names are kept as printed).
TRADITIONAL_ROLE_CHARS: Final = "記訊員編輯實習攝責圖見報據華電審對聞網視專約筆評論組總臺體導傳國際廣時間來發訪執"
SIMPLIFIED_ROLE_CHARS: Final = "记讯员编辑实习摄责图见报据华电审对闻网视专约笔评论组总台体导传国际广时间来发访执"
# Closing words after names: `张三 摄`, `马俊峰/文`.
CLOSING_PHOTO_WORDS: Final = frozenset({"摄", "摄影", "摄影报道", "图", "摄像"})
CLOSING_TEXT_WORDS: Final = frozenset({"文"})
# The paper's own desk before a role word: `本报记者`.
OWN_OUTLET_WORDS: Final = ("本报", "本刊", "本台", "本网", "本站", "本社")

# --- info-line field labels -------------------------------------------------------------

# 来自: is the article-source field of Discuz! portals (and of forum-style CMSs).
SOURCE_LABELS: Final = (
    "稿件来源", "新闻来源", "文章来源", "信息来源", "本文来源", "素材来源", "来源于", "来源", "出处", "稿源", "来自",
)
DATE_LABELS: Final = (
    "发布时间", "发表时间", "更新时间", "发布日期", "发稿时间", "录入时间", "时间", "日期",
    "发表于", "发布于", "更新于", "刊发于", "发布", "更新",
)
# Page counters: a counter ends the value before it and is never a source or a name.
COUNTER_LABELS: Final = (
    "点击数", "点击量", "点击率", "浏览次数", "浏览量", "浏览数", "阅读数", "阅读量", "阅读次数", "评论数",
    "点击", "浏览", "阅读", "评论", "人气", "访问量",
)
# Other fields of an info line whose values are no source, date or credit. 发布者/发布人
# name the CMS account that posted the page, not a person credited for it.
OTHER_FIELD_LABELS: Final = ("字号", "栏目", "分类", "标签", "关键词", "关键字", "发布者", "发布人", "分享到", "分享")

# Label words that also stand inside a publication's or a person's name (曲阜发布, 中国图片网,
# 张更新): a value holding one has not necessarily run on into the next field.
LABEL_WORDS_IN_NAMES: Final = ("发布", "更新", "时间", "图片", "图文")

# Buttons printed next to an info line's fields (`作者:X 收藏 打印`): never a name.
PAGE_WIDGET_WORDS: Final = ("收藏", "打印", "关闭", "字号", "分享", "返回")
# Teams credited as a desk, not people (`本报评论员`, `本报记者组`, `新华社调查组`).
TEAM_WORDS: Final = ("评论员", "记者组", "调查组", "联合调查组", "采访组", "报道组", "编辑部", "课题组", "评论部")

# A repost names its WeChat account: `转自微信公众号“曲阜发布”` (PORTAL.md: the source is 曲阜发布).
REPOST_WORDS: Final = ("转自", "转载自", "摘自", "来自")
WECHAT_ACCOUNT_WORDS: Final = ("微信公众号", "微信公众平台", "公众号")

# --- the portal and its boxes -----------------------------------------------------------

# What names the portal itself: never a source (PORTAL.md).
PORTAL_NAMES: Final = ("地方网", "yybnet", "本站", "本站原创", "本网", "本网原创")
# What a channel's name adds to its place: 曲阜新闻, 曲阜频道, 济宁新闻网.
CHANNEL_NAME_SUFFIXES: Final = ("新闻网", "新闻", "频道", "资讯", "动态", "在线")
# Words no person's name holds, besides labels, role words and counters: parts of an
# organisation's name (宣传部, 融媒体中心, 济宁日报) and of a credit (实习, 供稿). (Not 中心:
# 王中心 may be a person; a 融媒体中心 is longer than a name anyway.)
NOT_IN_PERSONAL_NAMES: Final = ("融媒", "宣传", "报社", "新闻", "日报", "晚报", "电视", "供稿", "实习")
# Values of a source field that name no publication.
NO_PUBLICATION_VALUES: Final = ("网络", "互联网", "未知", "佚名")

# Headings of boxes that follow (or frame) the article. A paragraph that *is* one of these
# ends the body: everything after it belongs to the box.
BOX_HEADINGS: Final = (
    "新闻推荐", "相关新闻", "相关阅读", "相关文章", "相关链接", "相关报道", "延伸阅读",
    "猜你喜欢", "频道推荐", "热点阅读", "热点排行", "热门排行", "热门文章", "热门推荐",
    "图文看点", "图片新闻", "乡里乡亲", "精彩推荐", "推荐阅读", "今日推荐", "编辑推荐",
    "为您推荐", "最新文章", "最新新闻", "评论", "网友评论", "我要评论", "发表评论", "相关评论",
    "免责声明", "版权声明", "上一篇", "下一篇", "上一条", "下一条", "返回顶部", "返回首页",
    "关闭窗口", "打印本页", "打印此文", "【打印", "【关闭",
    "相关专题", "专题推荐", "热门新闻", "热门评论", "最新资讯", "精彩图片", "更多新闻", "推荐新闻",
    "今日热点", "本周热点", "点击排行", "阅读排行", "排行榜",
)
# class/id tokens of boxes that are never article body (English and pinyin:
# xgxw = 相关新闻, tuijian = 推荐).
BOX_CLASS_NAMES: Final = frozenset((
    "xgxw xgyd xgwz xgtj tuijian tj remen rmph rdph paihang phb redian rdyd fenxiang share bshare jiathis "
    "pinglun comment comments footer foot nav navbar menu sidebar side aside right "
    "related relate recommend hot hotnews rank ranking breadcrumb crumb ad ads advert banner "
    "copyright banquan mianze mzsm login search toolbar shengming gotop backtop "
    "cnxh djph rmtj rmwz zxwz tjyd xiangguan youbian cebian dibu daohang"
).split())

# --- captions ---------------------------------------------------------------------------

# A line opening with one of these under a picture is its caption (PORTAL.md: `图为…`).
CAPTION_OPENINGS: Final = ("图为", "图:", "图：", "图片:", "图片：", "（图", "(图", "上图", "下图", "左图", "右图")
# Pointers before a caption (▲ 蓬莱阁…) mark it as one; with the other decorations they are
# typography, like indentation, and are dropped from the caption. (■ opens bylines too:
# it marks no caption.)
CAPTION_POINTERS: Final = "▲△▼▽↑↓"
CAPTION_DECORATION: Final = CAPTION_POINTERS + "■□●◆◇★☆"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first (so 稿件来源 wins over 来源)."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def opening_with(words: Iterable[str], *, also: str = "") -> str:
    """`(?=[…])`: a regex guard that the text goes on with the first character of one of
    `words` (or a character of the class `also`). Put before an alternation searched for in
    a text, it turns every other position away at once: Python's re would try each word there."""
    return f"(?=[{also}{re.escape(''.join(sorted({word[0] for word in words})))}])"


# Every info-line label, longest first.
FIELD_LABELS: Final = tuple(sorted(
    {*SOURCE_LABELS, *DATE_LABELS, *COUNTER_LABELS, *OTHER_FIELD_LABELS, *ROLE_WORDS}, key=len, reverse=True
))
