"""Article pages of 地方网 composed from independent choices, each with its truth.

Every page is built from choices made one after the other (container, headline placement,
info-line markup, date form, byline form and place, editor lines, boilerplate, encoding);
each choice also says what the extractor must read from it, so a page's record is known
without anybody writing it by hand. The same composer runs under hypothesis (tests: it
shrinks a failing page to its smallest choices) and under `random.Random` (the benchmark:
thousands of pages a second).

    page = compose_article(RandomPicker(random.Random(7)))
    page.html, page.url          # what the extractor reads
    page.truth.source            # what it must find
    page.choices                 # which choice was made for each class (failure reports)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape

from hypothesis import strategies as st

from newsarchive.extract.surnames import (
    COMPOUND_SURNAMES,
    GIVEN_NAME_CHARS,
    MINORITY_NAME_OPENINGS,
    SURNAME_LOG_PROBS,
    simplified_surname,
)
from newsarchive.items import Article
from tests.generator.picking import DrawPicker, Picker


@dataclass(frozen=True)
class Truth:
    """The record PORTAL.md's rules give for the page."""

    headline: str
    source: str | None
    published_at: str
    authors: tuple[tuple[str, str | None], ...]  # (name, role) in page order
    editors: tuple[str, ...]
    body: tuple[str, ...]
    channel: str
    images: tuple[tuple[str, str | None], ...] = ()  # (absolute src, caption)


@dataclass(frozen=True)
class GeneratedArticle:
    html: bytes
    url: str
    truth: Truth
    choices: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        return ", ".join(f"{key}={value}" for key, value in self.choices.items())


# --- vocabulary of the pages ----------------------------------------------------------------

# The 150 most frequent single surnames and every compound one: joined-name splitting and
# compound surnames are exercised, names stay plausible.
_SINGLE_SURNAMES = tuple(sorted((s for s in SURNAME_LOG_PROBS if len(s) == 1), key=SURNAME_LOG_PROBS.__getitem__,
                                reverse=True)[:150])
_COMPOUND_SURNAMES = tuple(sorted(COMPOUND_SURNAMES - {"爱新觉罗"}))
_GIVEN_CHARS = tuple(sorted(GIVEN_NAME_CHARS))
_GIVEN_NOT_SURNAME = tuple(c for c in _GIVEN_CHARS if simplified_surname(c) not in SURNAME_LOG_PROBS)

# (city pinyin, city, county pinyin, channel, province)
_CHANNELS = (
    ("jining", "济宁市", "qufu", "曲阜新闻", "山东"),
    ("heze", "菏泽市", "shanxian", "单县新闻", "山东"),
    ("dezhou", "德州市", "lingcheng", "陵城新闻", "山东"),
    ("binzhou", "滨州市", "boxing", "博兴新闻", "山东"),
)
_PLACES = ("曲阜市", "泗水县", "邹城市", "梁山县", "单县", "巨野县", "郓城县", "博兴县", "陵城区")
# Headline words the list and box rules used to veto: headlines use them every day.
_EVENTS = (
    "召开安全生产工作会议", "周边游持续升温", "暑期推荐阅读书目发布", "县域经济综合排行榜发布",
    "举办农民丰收节活动", "开展文明城市创建志愿服务", "新建改建农村公路120公里", "启动春季植树造林行动",
    "网购热点排行出炉", "精彩回顾｜第三届黄河大集圆满落幕", "关注老年群体就医难题", "新增城镇就业岗位3200个",
)
_HEADLINE_PREFIXES = ("", "", "", "【聚焦两会】", "关注｜")
_KICKERS = ("聚焦乡村振兴", "奋进新征程 建功新时代", "走基层·看变化")
_SOURCES = ("济宁晚报", "济宁日报", "齐鲁晚报", "牡丹晚报", "大众日报", "鲁网", "济宁新闻网", "单县融媒体中心",
            "菏泽日报", "德州日报", "滨州日报", "齐鲁壹点")
# What names the portal itself: never a source.
_PORTAL_SOURCES = ("地方网", "本站", "本站原创")
_OPENERS = ("今年以来，", "近日，", "据了解，", "记者了解到，", "为进一步提升群众满意度，", "截至目前，", "")
_SUBJECTS = ("当地", "该县", "市农业农村局", "镇党委", "县文化和旅游局", "街道办事处")
_ACTIONS = (
    "围绕健全完善工作机制，扎实开展走访调研活动", "累计投入资金3200万元，新建文化广场12处",
    "组织党员干部深入田间地头，帮助群众解决实际困难", "建立问题清单和责任清单，推动各项任务落地见效",
    "持续优化营商环境，吸引一批重点项目签约落地", "把群众反映的问题逐一登记，限期办结并及时回访",
    "依托特色产业带动周边群众增收，户均年增收8000余元", "邀请专家现场授课，培训农村实用人才460人次",
)
_ENDINGS = ("。", "，受到群众广泛好评。", "，取得明显成效。", "。“我们将继续做好这项工作。”负责人说。")
_SUBHEADINGS = ("规范管理，建立完善工作机制", "聚焦民生 办好实事", "一、强化组织领导")
_WEEKDAYS = "一二三四五六日"


def person(pick: Picker, given_chars: Sequence[str] = _GIVEN_CHARS) -> str:
    """A name: a single surname (4 in 5) or a compound one, and one or two given characters."""
    surname = pick.one(_SINGLE_SURNAMES) if pick.number(0, 4) else pick.one(_COMPOUND_SURNAMES)
    given = pick.one(given_chars) + (pick.one(given_chars) if pick.number(0, 3) else "")
    if (surname + given)[:2] in MINORITY_NAME_OPENINGS:  # 白玛…: a Tibetan name's opening
        return person(pick, given_chars)
    return surname + given


def joined_people(pick: Picker, count: int) -> list[str]:
    """Names printed with no separator (`梅花宋思亮陈宏如`) whose run has one reading: no
    given-name character is a surname too."""
    found: list[str] = []
    while len(found) < count:
        name = person(pick, _GIVEN_NOT_SURNAME)
        if name not in found:
            found.append(name)
    return found


def people(pick: Picker, count: int) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        name = person(pick)
        if name not in found:
            found.append(name)
    return found


# --- the parts of a page, each with its truth ---------------------------------------------


@dataclass(frozen=True)
class Byline:
    text: str
    credits: tuple[tuple[str, str | None], ...]
    bracketable: bool = True  # may stand in brackets as the body's last paragraph
    only_bracketed: bool = False  # `储冰 记者` reads as a credit only in brackets


def byline(pick: Picker, choices: dict[str, str]) -> Byline:
    """A credit line in one of the portal's forms (PORTAL.md's authors rules)."""
    x, y = people(pick, 2)
    joined = joined_people(pick, pick.number(2, 3))
    space = pick.one((" ", "\u3000"))
    forms: dict[str, Callable[[], Byline]] = {
        "reporter_correspondent": lambda: Byline(f"本报记者{space}{x}{space}通讯员{space}{y}",
                                                 ((x, "记者"), (y, "通讯员"))),
        "reporter_intern": lambda: Byline(f"本报记者 {x} 实习生 {y}", ((x, "记者"), (y, "实习生"))),
        "photo_report": lambda: Byline(f"记者 {x} 摄影报道", ((x, "记者"),)),
        "reporter_photo": lambda: Byline(f"本报记者 {x} 摄", ((x, "摄影"),)),
        "text_picture": lambda: Byline(f"{x}/文 {y}/图", ((x, None), (y, "摄影"))),
        "wenzi_sheying": lambda: Byline(f"文字：{x} 摄影：{y}", ((x, None), (y, "摄影")), bracketable=False),
        "media_reporter": lambda: Byline(f"融媒记者 {x}", ((x, "记者"),)),
        "trainee": lambda: Byline(f"见习记者 {x} 特约记者 {y}", ((x, "见习记者"), (y, "记者"))),
        "name_before_role": lambda: Byline(f"{x} 记者", ((x, "记者"),), only_bracketed=True),
        "joined_names": lambda: Byline("本报通讯员" + "".join(joined), tuple((n, "通讯员") for n in joined)),
    }
    form = pick.one(sorted(forms))
    choices["byline_form"] = form
    return forms[form]()


@dataclass(frozen=True)
class Date:
    shown: str
    iso: str
    when: datetime


def date(pick: Picker, choices: dict[str, str]) -> Date:
    when = datetime(2008, 1, 1) + timedelta(days=pick.number(0, 6000), minutes=pick.number(0, 1439),
                                            seconds=pick.number(0, 59))
    minute = when.strftime("%Y-%m-%dT%H:%M:00+08:00")
    forms = {
        "iso_minute": (when.strftime("%Y-%m-%d %H:%M"), minute),
        "iso_second": (when.strftime("%Y-%m-%d %H:%M:%S"), when.strftime("%Y-%m-%dT%H:%M:%S+08:00")),
        "chinese_minute": (when.strftime("%Y年%m月%d日 %H:%M"), minute),
        "chinese_day": (f"{when.year}年{when.month}月{when.day}日", when.strftime("%Y-%m-%d")),
        "slash_minute": (when.strftime("%Y/%m/%d %H:%M"), minute),
        "day": (when.strftime("%Y-%m-%d"), when.strftime("%Y-%m-%d")),
        "no_year": (when.strftime("%m-%d %H:%M"), minute),  # mobile pages: the year is in the URL
    }
    form = pick.one(sorted(forms))
    shown, iso = forms[form]
    if pick.number(0, 3) == 0:
        shown += pick.one((" ", "　")) + pick.one(("星期", "周")) + _WEEKDAYS[when.weekday()]
        form += "+weekday"
    choices["date_form"] = form
    return Date(shown, iso, when)


def headline(pick: Picker, choices: dict[str, str], lengths: Sequence[str]) -> str:
    """A headline; a `long` one (issue 13) runs past 100 characters with its clauses."""
    event = pick.one(_EVENTS)
    text = pick.one(_HEADLINE_PREFIXES) + pick.one(_PLACES) + event
    if pick.number(0, 5) == 0 and "｜" not in event:
        text = f"老百姓的“贴心人”——{text}纪实"
    length = pick.one(lengths)
    choices["headline_length"] = length
    while length == "long" and len(text) <= 100:
        text += "，" + pick.one(_ACTIONS).replace("，", "")
    return text


def sentence(pick: Picker) -> str:
    return pick.one(_OPENERS) + pick.one(_SUBJECTS) + pick.one(_ACTIONS) + pick.one(_ENDINGS)


def paragraphs(pick: Picker) -> list[str]:
    texts = ["".join(sentence(pick) for _ in range(pick.number(1, 3))) for _ in range(pick.number(3, 7))]
    if pick.number(0, 3) == 0:
        texts.insert(pick.number(1, len(texts) - 1), pick.one(_SUBHEADINGS))
    return texts


# --- info line -------------------------------------------------------------------------------


# How an info line's fields are set apart: adjacent spans with no whitespace, &nbsp; runs, |,
# full-width spaces, spaces.
INFO_MARKUPS = ("spans", "nbsp", "pipes", "fullwidth", "spaces")


def info_line(pick: Picker, choices: dict[str, str], published: Date,
              author_field: tuple[str, list[str]] | None,
              markups: Sequence[str] = INFO_MARKUPS) -> tuple[str, str | None, str]:
    """The info line's HTML, the source the page names (None: none, or the portal itself)
    and a line closing the body that names it instead (`（来源：菏泽日报）`), or ""."""
    colon = pick.one((":", "："))
    source_kind = pick.one(("paper", "paper", "paper", "portal", "none", "wechat", "closing_line"))
    source_label = pick.one(("来源", "稿件来源", "稿源", "文章来源", "来源于"))
    source = {"paper": pick.one(_SOURCES), "wechat": f"{pick.one(_PLACES)[:2]}发布",
              "closing_line": pick.one(_SOURCES)}.get(source_kind) or pick.one(_PORTAL_SOURCES)
    closing = ""
    if source_kind == "closing_line":  # the info line names none; the text's last line does
        closing = pick.one((f"（{source_label}{colon}{source}）", f"【{source_label}{colon}{source}】",
                            f"转自微信公众号“{source}”"))
    date_label = pick.one(("", "", "发布时间", "时间", "日期", "发表时间"))
    date_shown = published.shown if date_label or pick.number(0, 2) else f"[{published.shown}]"
    counter = pick.one(("", "阅读", "浏览", "点击"))
    if source_kind == "paper" and author_field is None and pick.number(0, 4) == 0:
        # mobile: the paper's name beside the date, no label at all
        choices.update(info_markup="unlabelled", source="paper:-", date_label="-", counter="-")
        gap = pick.one((" ", "&nbsp;", " · "))
        return f'<div class="info">{escape(source)}{gap}{escape(published.shown)}</div>', source, ""
    fields: list[tuple[str, str]] = []  # (label, value HTML); label "" for a bare date
    if source_kind == "wechat":  # `转自微信公众号“曲阜发布”`: no label, the account in quotes
        fields.append(("", escape(f"{pick.one(('转自', ''))}微信公众号“{source}”")))
    elif source_kind in ("paper", "portal"):
        fields.append((source_label, escape(source)))
    fields.insert(pick.number(0, len(fields)), (date_label, escape(date_shown)))
    if counter:  # anywhere: a count glued to the date after it (`浏览:22892021-07-12`) is no date
        count = str(pick.number(1, 99999))
        fields.insert(pick.number(0, len(fields)), (counter, f"<em>{count}</em>" if pick.number(0, 1) else count))
    if author_field is not None:  # `作者:X、Y`, `记者：X Y`, or a byline without a colon: `记者 X`
        label, names = author_field
        value = "、".join(names) if label == "作者" else " ".join(names)
        fields.insert(pick.number(0, len(fields)), (label, value) if label != "记者 " else ("", label + value))
    markup = pick.one(markups)
    choices.update(info_markup=markup, source=f"{source_kind}:{source_label}", date_label=date_label or "-",
                   counter=counter or "-")
    pieces = [f"{label}{colon}{value}" if label else value for label, value in fields]
    if markup == "spans":  # adjacent inline elements, no whitespace between them
        inner = "".join(f"<span>{piece}</span>" for piece in pieces)
    else:
        joiner = {"nbsp": "&nbsp;&nbsp;&nbsp;", "pipes": " | ", "fullwidth": "\u3000\u3000", "spaces": "  "}[markup]
        inner = joiner.join(pieces)
    return f'<div class="info">{inner}</div>', (None if source_kind == "portal" or source_kind == "none" else source), closing


# --- boilerplate ----------------------------------------------------------------------------


def _links(pick: Picker, count: int) -> str:
    return "".join(f'<li><a href="/jining/news/202001/{pick.number(1000000, 9999999)}.html">'
                   f"{pick.one(_PLACES)}{pick.one(_EVENTS)}</a></li>" for _ in range(count))


def _boilerplate(pick: Picker, choices: dict[str, str]) -> dict[str, str]:
    """HTML placed around (and in) the body, by where it goes; each part chosen on its own."""
    parts = {"after_info": "", "body_end": "", "after_body": "", "side": ""}
    chosen = []
    if pick.number(0, 1):
        chosen.append("share")
        where = pick.one(("after_info", "body_end"))
        parts[where] += '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>'
    if pick.number(0, 1):
        chosen.append("prenext")
        parts["after_body"] += (f'<div class="prenext"><p>上一篇：<a href="/a.html">{pick.one(_PLACES)}{pick.one(_EVENTS)}</a></p>'
                                f'<p>下一篇：<a href="/b.html">{pick.one(_PLACES)}{pick.one(_EVENTS)}</a></p></div>')
    if pick.number(0, 1):
        chosen.append("related")
        parts["after_body"] += f'<div class="xgxw"><h3>相关阅读</h3><ul>{_links(pick, 4)}</ul></div>'
    if pick.number(0, 1):
        chosen.append("print_close")
        parts["after_body"] += ('<div class="tools">【<a href="javascript:window.print()">打印</a>】'
                                '【<a href="javascript:window.close()">关闭</a>】</div>')
    if pick.number(0, 1):
        chosen.append("script_style")
        parts["body_end"] += '<script>var info = "来源:假来源 记者 假名";</script><style>.content p{margin:0}</style>'
    if pick.number(0, 1):
        chosen.append("comments")
        parts["after_info"] += "<!-- 来源:注释里的来源 -->"
        parts["body_end"] += "<!-- 责任编辑：注释 -->"
    parts["side"] = (f'<div class="side"><div class="box"><h3>{pick.one(("热点排行", "推荐阅读", "精彩图片"))}</h3>'
                     f"<ul>{_links(pick, 5)}</ul></div></div>")
    choices["boilerplate"] = "+".join(chosen) or "-"
    return parts


def _picture(pick: Picker, choices: dict[str, str],
             published: Date) -> tuple[str, list[tuple[str, str | None]], tuple[str, str] | None]:
    """A picture in the body: its HTML, its (src, caption) and the photographer its caption
    credits (PORTAL.md: a credit inside a caption counts)."""
    kind = pick.one(("none", "none", "caption", "caption_credit_brackets", "caption_credit_after", "caption_is_credit"))
    choices["picture"] = kind
    if kind == "none":
        return "", [], None
    path = f"/uploads/{published.when:%Y%m}/{pick.number(100000, 999999)}.jpg"
    x = person(pick)
    scene = f"{pick.one(_PLACES)}{pick.one(_SUBJECTS)}工作人员在现场为群众服务"
    caption, photographer = {
        "caption": (f"图为{scene}。", None),
        "caption_credit_brackets": (f"图为{scene}。（{x} 摄）", (x, "摄影")),
        "caption_credit_after": (f"▲{scene}。本报记者 {x} 摄", (x, "摄影")),
        "caption_is_credit": (f"图/记者 {x}", (x, "摄影")),
    }[kind]
    # a plain line under the picture is a caption by its opening alone (图为…, ▲…)
    markup = pick.one(("centered", "figure", "plain") if caption.startswith(("图为", "▲")) else ("centered", "figure"))
    choices["picture"] += f"+{markup}"
    html = {
        "centered": f'<p align="center"><img src="{path}"></p><p align="center">{escape(caption)}</p>',
        "figure": f'<figure><img src="{path}" alt=""><figcaption>{escape(caption)}</figcaption></figure>',
        "plain": f'<p><img src="{path}"></p><p>{escape(caption)}</p>',
    }[markup]
    return html, [("https://www.yybnet.net" + path, caption.lstrip("▲"))], photographer


# --- the page ---------------------------------------------------------------------------------


def _paragraph_html(text: str, style: str) -> str:
    indent = "\u3000\u3000" if style in ("p_indent", "br") else ""
    if style == "br":
        return f"{indent}{escape(text)}<br><br>"
    tag = "div" if style == "div" else "p"
    return f"<{tag}>{indent}{escape(text)}</{tag}>"


# Where a page's text sits: the portal's own 2014–2018 template (a parser claims it) or
# markup no parser knows (the fallback reads it).
TEMPLATE_CONTAINERS = ("yybnet_v2",)
GENERIC_CONTAINERS = ("div_content", "article", "table", "plain_div")
CONTAINERS = TEMPLATE_CONTAINERS + GENERIC_CONTAINERS
BYLINE_PLACES = ("first_paragraph", "last_paragraph", "info_line", "p_author", "dateline", "none")
EDITOR_PLACES = ("none", "body_last", "after_body")
BREADCRUMBS = ("shown", "shown", "none")
_FOOTER_LINKS = (("about", "关于我们"), ("contact", "联系我们"), ("ads", "广告服务"), ("sitemap", "网站地图"))


def compose_article(pick: Picker, *, containers: Sequence[str] = CONTAINERS,
                    byline_places: Sequence[str] = BYLINE_PLACES,
                    editor_places: Sequence[str] = EDITOR_PLACES,
                    headline_lengths: Sequence[str] = ("short",),
                    info_markups: Sequence[str] = INFO_MARKUPS,
                    breadcrumbs: Sequence[str] = BREADCRUMBS) -> GeneratedArticle:
    """One article page and its record; the keyword arguments narrow a class of choices."""
    choices: dict[str, str] = {}
    city, city_name, county, channel, province = pick.one(_CHANNELS)
    published = date(pick, choices)
    title = headline(pick, choices, headline_lengths)
    texts = paragraphs(pick)
    body_truth = list(texts)

    # byline: form and place
    place = pick.one(byline_places)
    choices["byline_place"] = place
    authors: list[tuple[str, str | None]] = []
    author_field: tuple[str, list[str]] | None = None
    above_body = ""
    if place in ("first_paragraph", "last_paragraph", "p_author"):
        line = byline(pick, choices)
        closing = place == "last_paragraph"
        while (line.only_bracketed and not closing) or (not line.bracketable and closing):
            line = byline(pick, choices)
        authors = list(line.credits)
        if place == "first_paragraph":
            texts.insert(0, pick.one(("", "■", "（")) + line.text)
            if texts[0].startswith("（"):
                texts[0] += "）"
        elif place == "last_paragraph":
            texts.append(f"（{line.text}）")
        else:
            above_body = f'<p class="author">{escape(line.text)}</p>'
    elif place == "info_line":
        label = pick.one(("作者", "记者", "记者 "))
        names = people(pick, pick.number(1, 2))
        author_field = (label, names)
        authors = [(name, None if label == "作者" else "记者") for name in names]
        choices["byline_form"] = label
    elif place == "dateline":
        x, y = people(pick, 2)
        month_day = f"{published.when.month}月{published.when.day}日"
        form = pick.one(("own", "own_two", "agency"))
        choices["byline_form"] = form
        datelines: dict[str, tuple[str, list[tuple[str, str | None]]]] = {
            "own": (f"本报{city_name[:-1]}{month_day}讯（记者 {x}）", [(x, "记者")]),
            "own_two": (f"本报讯（记者 {x} 通讯员 {y}）", [(x, "记者"), (y, "通讯员")]),
            "agency": (f"中新网{city_name[:-1]}{month_day}电 ({x})", [(x, None)]),
        }
        lead, authors = datelines[form]
        texts[0] = lead + texts[0]
        body_truth[0] = texts[0]

    # editors: a line closing the body or a line under it
    editors: list[str] = []
    editor_place = pick.one(editor_places)
    choices["editors"] = editor_place
    editor_after = ""
    if editor_place == "body_last":
        editors = people(pick, 1)
        texts.append(f"责任编辑：{editors[0]}")
    elif editor_place == "after_body":
        editors = people(pick, 2)
        editor_after = f'<div class="editor">（编辑：{editors[0]} 审核：{editors[1]}）</div>'

    info_html, source, source_line = info_line(pick, choices, published, author_field, info_markups)
    if source_line:  # before an editor line closing the text
        texts.insert(len(texts) - (editor_place == "body_last"), source_line)
    parts = _boilerplate(pick, choices)
    style = pick.one(("p_indent", "p", "br", "div"))
    container = pick.one(containers)
    placement = "h1" if container == "yybnet_v2" else pick.one(("h1", "logo_div_title", "h2", "h3", "h4"))
    choices.update(paragraphs=style, container=container, headline=placement)

    pieces = [_paragraph_html(text, style) for text in texts]
    picture, images, photographer = _picture(pick, choices, published)
    if picture:  # under the first paragraph of text
        pieces.insert(texts.index(body_truth[0]) + 1, picture)
        if photographer:  # page order: before a byline closing the body, after any other
            authors = [photographer, *authors] if place == "last_paragraph" else [*authors, photographer]
    body_html = "".join(pieces) + parts["body_end"]
    body_html = {
        "yybnet_v2": f'<div class="content" id="content">{body_html}</div>',
        "div_content": f'<div class="content" id="content">{body_html}</div>',
        "article": f'<div class="article-body">{body_html}</div>',
        "table": f'<table width="100%"><tr><td class="text">{body_html}</td></tr></table>',
        "plain_div": f"<div>{body_html}</div>",
    }[container]
    heading = {
        "h1": f"<h1>{escape(title)}</h1>",
        "logo_div_title": f'<div class="title">{escape(title)}</div>',
        "h2": f"<h2>{escape(title)}</h2>",
        "h3": f"<h3>{escape(title)}</h3>",
        "h4": f'<h4 class="title">{escape(title)}</h4>',
    }[placement]
    kicker = pick.number(0, 3) == 0
    subtitle = pick.number(0, 3) == 0
    if kicker:
        heading = f'<p class="yinti">{pick.one(_KICKERS)}</p>' + heading
    if subtitle:
        heading += f'<h3 class="fubiaoti">——{pick.one(_PLACES)}{pick.one(_SUBJECTS)}工作纪实</h3>'
    choices["kicker_subtitle"] = f"{int(kicker)}{int(subtitle)}"
    wrapper, wrapper_class = {"article": ("article", "news"), "yybnet_v2": ("div", "article")}.get(
        container, ("div", "news"))

    encoding = pick.one(("utf-8", "gbk"))
    choices["encoding"] = encoding
    charset = "gb2312" if encoding == "gbk" else "utf-8"
    crumb_class = "position" if container == "yybnet_v2" else "crumb"
    crumb = (f'<div class="{crumb_class}"><a href="https://www.yybnet.net/">地方网</a> &gt; <a href="/{city}/">{province}</a>'
             f' &gt; <a href="/{city}/">{city_name}</a> &gt; <a href="/{city}/{county}/">{channel}</a> &gt; 正文</div>')
    # a template's page always shows its breadcrumb; without one the page names no channel
    # (the crawl knows it from the list page)
    shown = "shown" if container in TEMPLATE_CONTAINERS else pick.one(breadcrumbs)
    choices["breadcrumb"] = shown
    if shown == "none":
        crumb, channel_shown = "", ""
    else:
        channel_shown = channel
    # the footer's link bar has separators and links like a breadcrumb: it is none
    footer_bar = " | ".join(f'<a href="/{path}/">{name}</a>' for path, name in _FOOTER_LINKS)
    footer_class = pick.one(("footer", "bottom", "copyright", "ft"))
    footer = (f'<div class="{footer_class}"><p>{footer_bar}</p>'
              f'{pick.one(("", "地方网 版权所有 Copyright &copy; 2008-2024"))}</div>')
    page = (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{escape(title)}_{channel}_地方网</title></head><body>"
        '<div class="top"><h1 class="logo"><a href="https://www.yybnet.net/">地方网</a></h1>'
        f'<div class="nav"><a href="/{city}/">{city_name[:-1]}新闻</a> <a href="/{city}/{county}/">{channel}</a></div></div>'
        f'{crumb}<div class="main"><{wrapper} class="{wrapper_class}">{heading}{info_html}{parts["after_info"]}'
        f'{above_body}{body_html}{editor_after}{parts["after_body"]}</{wrapper}>{parts["side"]}</div>'
        f'{footer}</body></html>'
    )
    url = f"https://www.yybnet.net/{city}/news/{published.when:%Y%m}/{pick.number(1000000, 9999999)}.html"
    truth = Truth(headline=title, source=source, published_at=published.iso, authors=tuple(authors),
                  editors=tuple(editors), body=tuple(body_truth), channel=channel_shown, images=tuple(images))
    return GeneratedArticle(html=page.encode(encoding), url=url, truth=truth, choices=choices)


@st.composite
def articles(draw: st.DrawFn, **narrowed: Sequence[str]) -> GeneratedArticle:
    """Hypothesis strategy: generated article pages with their truth (`compose_article`'s
    keyword arguments narrow a class of choices)."""
    return compose_article(DrawPicker(draw), **narrowed)


def record_of(article: Article) -> Truth:
    """An extracted Article in the shape of a page's truth, field for field."""
    return Truth(
        headline=article.headline,
        source=article.source,
        published_at=article.published_at or "",
        authors=tuple((c.name, c.role) for c in article.credits if c.kind == "author"),
        editors=tuple(c.name for c in article.credits if c.kind == "editor"),
        body=tuple(article.body),
        channel=article.channel or "",
        images=tuple((image.src, image.caption) for image in article.images),
    )


FIELDS = tuple(Truth.__dataclass_fields__)


def wrong_fields(page: GeneratedArticle, article: Article) -> dict[str, tuple[object, object]]:
    """field -> (expected, extracted) for every field the extractor got wrong."""
    found = record_of(article)
    return {name: (getattr(page.truth, name), getattr(found, name))
            for name in FIELDS if getattr(page.truth, name) != getattr(found, name)}
