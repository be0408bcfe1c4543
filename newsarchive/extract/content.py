"""From the blocks of a body element to body paragraphs, images and the credits in the body.

Rules (PORTAL.md): a paragraph that is only a byline or an editor line is a credit, not
body; a dateline opening a paragraph (or a trailing `(记者 王涛)`) gives credits and stays
body; image captions go with their images; page bars, share bars and 点击查看 lines are
dropped; a boilerplate heading (相关新闻, 免责声明 …) ends the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.etree import _Element as Element

from newsarchive.extract.blocks import Block, ImageBlock, TextBlock
from newsarchive.extract.boilerplate import is_noise_line, starts_section
from newsarchive.extract.bylines import dateline_credits, is_byline, parse_credits
from newsarchive.extract.infoline import is_source_line, parse_info_line
from newsarchive.extract.surnames import surname_log_prob
from newsarchive.items import Credit, Image

# A paragraph mostly made of link text is a list of headlines, not prose.
MAX_LINK_DENSITY = 0.5
# Captions are short; a centred line under a picture up to this long is one even as a sentence.
MAX_CAPTION_CHARS = 80
MAX_CENTERED_CAPTION_CHARS = 40
# Datelines open the first paragraphs; trailing credits close the last ones.
DATELINE_HEAD, DATELINE_TAIL = 3, 2
# A paragraph longer than this is never only a byline (saves the byline parser's time).
MAX_BYLINE_CHARS = 60
# Characters of role words (记者, 通讯员, 摄, 编辑, 文/图 …), agencies (社), datelines (讯, 电)
# and brackets, simplified and traditional: a line without any of them is no byline.
_BYLINE_HINT = re.compile(r"[记通实習摄编文图作撰执审校社讯电报评据整理供稿译述绘責記實編攝訊電報據()（）【】\[\]]")
# A bare name stands before the text, among the first lines (a subtitle may precede it).
BARE_NAME_HEAD = 2
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_NAME_SEPARATORS = re.compile(r"[、，,\s]+")
MAX_BARE_NAMES = 6
_CAPTION_MARK = re.compile(r"^(?:图为|图[:：]|图片[:：]|▲|△|↑|（图|\(图|上图|下图|左图|右图)")
_CAPTION_NAME = re.compile(r"caption|pic[_-]?txt|pictext|img[_-]?desc|imgtxt|tuzhu|photo[_-]?desc|pic[_-]?title|tpzs", re.I)
_CENTERED = re.compile(r"text-align\s*:\s*center", re.I)


@dataclass
class Content:
    paragraphs: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)  # in page order
    source: str | None = None  # named by a source line opening or closing the text


def read_content(
    blocks: list[Block],
    *,
    container: Element | None = None,
    skip_texts: frozenset[str] = frozenset(),
    channel: str | None = None,
) -> Content:
    """Body paragraphs, images and in-body credits from a body element's blocks.

    `container` is the body element the blocks come from: an image standing directly in
    it is not a figure, so the paragraph after it is no caption. `skip_texts` are lines
    that are not body when they appear inside it (the headline, the info line). A line that
    opens with the `channel`'s name and a comma is the channel's blurb
    (`曲阜新闻,讲述家乡的故事…`), not body.
    """
    captions = _caption_indexes(blocks, container)
    caption_blocks = set(captions.values())
    content = Content()
    credits_at: list[tuple[int, list[Credit]]] = []
    kept: list[int] = []  # block index of each kept paragraph
    for index, block in enumerate(blocks):
        if isinstance(block, ImageBlock):
            caption = blocks[captions[index]].text if index in captions else None
            content.images.append(Image(block.src, caption))  # alt text is not shown: no caption
            continue
        if index in caption_blocks:
            continue
        text = block.text
        if text in skip_texts or is_noise_line(text) or is_channel_blurb(text, channel):
            continue
        if starts_section(text):
            if content.paragraphs:
                break  # the article is over: a related-news box, comments, a legal notice
            continue
        if block.chars and block.link_density > MAX_LINK_DENSITY:
            continue
        if _may_be_byline(text) and is_byline(text):
            credits_at.append((index, parse_credits(text)))
            continue
        if text_not_begun(content.paragraphs) and is_bare_name(text) and (names := parse_credits(text)):
            credits_at.append((index, names))
            continue
        content.paragraphs.append(text)
        kept.append(index)
    content.source = _take_source_lines(content.paragraphs, kept)
    for position in _dateline_positions(len(kept)):
        credits_at.append((kept[position], dateline_credits(content.paragraphs[position])))
    credits_at.sort(key=lambda pair: pair[0])
    content.credits = [credit for _, found in credits_at for credit in found]
    return content


def _take_source_lines(paragraphs: list[str], kept: list[int]) -> str | None:
    """Remove the source lines (`（来源：菏泽日报）`) opening or closing the text, in place;
    the source the first one names. Reprints credit their paper there when the info line
    does not."""
    sources: list[str | None] = []
    for end in (0, -1):
        while paragraphs and is_source_line(paragraphs[end]):
            sources.append(parse_info_line(paragraphs.pop(end), url=None, now=None).source)
            kept.pop(end)
    return next(filter(None, sources), None)


def is_channel_blurb(text: str, channel: str | None) -> bool:
    """`曲阜新闻,讲述家乡的故事…`: the channel introducing itself under every article."""
    return bool(channel) and text.startswith(channel) and text[len(channel): len(channel) + 1] in (",", "，")


def _may_be_byline(text: str) -> bool:
    """Cheap test before the byline parser: a credit line is short, is no sentence and has
    a role word, an agency, a dateline or brackets (what `is_byline` requires)."""
    return (len(text) <= MAX_BYLINE_CHARS and not (len(text) > 20 and text.endswith("。"))
            and _BYLINE_HINT.search(text) is not None)


def text_not_begun(paragraphs: list[str]) -> bool:
    """Only a few title-like lines so far, no sentence: a name here is the author's."""
    return len(paragraphs) < BARE_NAME_HEAD and not any("。" in p for p in paragraphs)


def is_bare_name(text: str) -> bool:
    """A paragraph that is only people's names (`胡平`, `赵延东、风笑天` under a headline):
    a byline without a role. Each name opens with a known surname."""
    names = _NAME_SEPARATORS.split(text.strip())
    return len(names) <= MAX_BARE_NAMES and all(_is_name(name) for name in names)


def _is_name(text: str) -> bool:
    if not _BARE_NAME.fullmatch(text):
        return False
    surname = text[:2] if surname_log_prob(text[:2]) is not None else text[:1]
    return surname_log_prob(surname) is not None and 1 <= len(text) - len(surname) <= 2


def _dateline_positions(count: int) -> list[int]:
    head = range(min(DATELINE_HEAD, count))
    tail = range(max(count - DATELINE_TAIL, len(head)), count)
    return [*head, *tail]


def _caption_indexes(blocks: list[Block], container: Element | None) -> dict[int, int]:
    """image block index -> index of the text block that is its caption."""
    captions: dict[int, int] = {}
    for index, block in enumerate(blocks[:-1]):
        if not isinstance(block, ImageBlock):
            continue
        following = blocks[index + 1]
        if isinstance(following, TextBlock) and _is_caption(block, following, container):
            captions[index] = index + 1
    return captions


def _is_caption(image: ImageBlock, text: TextBlock, container: Element | None) -> bool:
    if text.chars > MAX_CAPTION_CHARS or text.link_density > MAX_LINK_DENSITY:
        return False
    element = text.element
    if element.tag in ("figcaption", "caption") or _CAPTION_NAME.search(
        f"{element.get('class', '')} {element.get('id', '')}"
    ):
        return True
    if _CAPTION_MARK.match(text.text):
        return True
    if image.element is not container and (element is image.element or image.element in element.iterancestors()):
        return True  # <p><img><br>caption</p>, <div class="pic"><img><p>caption</p></div>
    centered = element.get("align", "").lower() == "center" or bool(_CENTERED.search(element.get("style", "")))
    # a centred line under a picture is its caption; a longer centred sentence may be text
    return centered and (text.chars <= MAX_CENTERED_CAPTION_CHARS or not text.text.endswith(("。", "！", "？")))


def merge_credits(*groups: list[Credit]) -> list[Credit]:
    """Credits in order, each person once; a later mention may supply a missing role."""
    merged: list[Credit] = []
    seen: dict[tuple[str, str], int] = {}
    for group in groups:
        for credit in group:
            key = (credit.name, credit.kind)
            if key not in seen:
                seen[key] = len(merged)
                merged.append(credit)
            elif merged[seen[key]].role is None and credit.role is not None:
                merged[seen[key]] = credit
    return merged
