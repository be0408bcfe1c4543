"""From the blocks of a body element to body paragraphs, images and the credits in the body.

Rules (PORTAL.md): a paragraph that is only a byline or an editor line is a credit, not
body; a dateline opening a paragraph (or a trailing `(记者 王涛)`) gives credits and stays
body; image captions go with their images; the cells of a data table in the body (a grid
of short cells) are no paragraphs; page bars, share bars and 点击查看 lines are
dropped; a boilerplate heading (相关新闻, 免责声明 …) ends the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from lxml.etree import _Element as Element

from newsarchive.extract.blocks import Block, ImageBlock, TextBlock
from newsarchive.extract.boilerplate import is_noise_line, starts_section
from newsarchive.extract.bylines import dateline_credits, is_byline, parse_credits
from newsarchive.extract.infoline import is_source_line, parse_info_line
from newsarchive.extract.lexicon import (
    CAPTION_DECORATION,
    CAPTION_OPENINGS,
    CAPTION_POINTERS,
    CLOSING_PHOTO_WORDS,
    CLOSING_TEXT_WORDS,
    ROLE_WORDS,
    SIMPLIFIED_ROLE_CHARS,
    TRADITIONAL_ROLE_CHARS,
    alternation,
)
from newsarchive.extract.surnames import surname_log_prob
from newsarchive.extract.text import clean_text
from newsarchive.items import Credit, Image

# A paragraph mostly made of link text is a list of headlines, not prose.
MAX_LINK_DENSITY = 0.5
# Captions are short; a line set apart under a picture (centred, small type, a class of its
# own) up to this long is one even as a sentence, but not as a chain of sentences.
MAX_CAPTION_CHARS = 80
MAX_MARKED_CAPTION_CHARS = 60
# Datelines open the first paragraphs; trailing credits close the last ones.
DATELINE_HEAD, DATELINE_TAIL = 3, 2
# A paragraph longer than this is never only a byline (saves the byline parser's time).
MAX_BYLINE_CHARS = 60


def _byline_hint_chars() -> set[str]:
    """The last character of every role word and closing word (记者, 通讯员, 摄, 编辑 …),
    those of agencies and datelines (社, 讯, 电, 据 …) and brackets, simplified and
    traditional."""
    chars = {word[-1] for word in (*ROLE_WORDS, *CLOSING_PHOTO_WORDS, *CLOSING_TEXT_WORDS)}
    chars |= set("社讯电报评据整理供稿译述绘记通实摄编()（）【】[]")
    return chars | {old for old, new in zip(TRADITIONAL_ROLE_CHARS, SIMPLIFIED_ROLE_CHARS, strict=True)
                   if new in chars}


# A line without any of these characters is no byline (see _byline_hint_chars).
_BYLINE_HINT: Final = re.compile("[" + re.escape("".join(sorted(_byline_hint_chars()))) + "]")
# A bare name stands before the text, among the first lines (a subtitle may precede it).
BARE_NAME_HEAD = 2
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_NAME_SEPARATORS = re.compile(r"[、，,\s]+")
MAX_BARE_NAMES = 6
# A line under a picture opening like a caption (图为…, ▲ …) is its caption.
_CAPTION_OPENING: Final = re.compile(rf"^(?:{alternation(CAPTION_OPENINGS)}|[{CAPTION_POINTERS}])")
# A pointer before a caption (▲ 蓬莱阁…): typography, like indentation; dropped from it.
_CAPTION_POINTER: Final = re.compile(rf"^[{CAPTION_DECORATION}\s]+")
_CAPTION_NAME = re.compile(r"caption|pic[_-]?txt|pictext|img[_-]?desc|imgtxt|tuzhu|photo[_-]?desc|pic[_-]?title|tpzs", re.I)
_CENTERED = re.compile(r"text-align\s*:\s*center", re.I)
_SMALL_FONT = re.compile(r"font-size\s*:\s*(?:x{0,2}-?small|smaller|(?:[5-9]|1[0-3])(?:\.\d+)?px|(?:[5-9]|10)(?:\.\d+)?pt)", re.I)
# A data table's cells are short (a label, a figure); none holds prose.
MAX_SHORT_CELL_CHARS, SHORT_CELL_SHARE, MAX_DATA_CELL_CHARS = 20, 0.75, 80
# What follows a caption's last sentence mark: a credit line, maybe.
_LAST_SENTENCE = re.compile(r"[。！？!?]\s*([^。！？!?]+)$")
# A run of marks ending a sentence: a caption that is a sentence is only one.
_SENTENCE_END = re.compile(r"[。！？!?]+")


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
    table_cells = _data_table_cells(blocks, container)
    content = Content()
    credits_at: list[tuple[int, list[Credit]]] = []
    kept: list[int] = []  # block index of each kept paragraph
    for index, block in enumerate(blocks):
        if isinstance(block, ImageBlock):
            caption = _CAPTION_POINTER.sub("", _text_block(blocks[captions[index]]).text) if index in captions else None
            content.images.append(Image(block.src, caption))  # alt text is not shown: no caption
            if caption:
                credits_at.append((index, caption_credits(caption)))
            continue
        if index in caption_blocks or index in table_cells:
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


def caption_credits(caption: str) -> list[Credit]:
    """The credit a caption gives (PORTAL.md: `图/记者 X`, `（X 摄）` count): the whole caption
    as a byline, its closing sentence as one (`活动现场。本报记者 王涛 摄`), or a credit in
    brackets closing it."""
    if _may_be_byline(caption) and is_byline(caption):
        return parse_credits(caption)
    tail = _LAST_SENTENCE.search(caption)
    if tail is not None and _may_be_byline(tail.group(1)) and is_byline(tail.group(1)):
        return parse_credits(tail.group(1))
    return dateline_credits(caption)


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


def _text_block(block: Block) -> TextBlock:
    """A block known to hold text (a caption, a table cell): checked, for the type's sake."""
    if not isinstance(block, TextBlock):
        raise TypeError(f"expected a text block, got {block!r}")
    return block


def is_channel_blurb(text: str, channel: str | None) -> bool:
    """`曲阜新闻,讲述家乡的故事…`: the channel introducing itself under every article."""
    if not channel:
        return False
    return text.startswith(channel) and text[len(channel): len(channel) + 1] in (",", "，")


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
        if isinstance(following, TextBlock) and _is_caption(block, following, container, _neighbours(blocks, index)):
            captions[index] = index + 1
    return captions


def _neighbours(blocks: list[Block], image: int) -> list[TextBlock]:
    """The nearest paragraphs before a picture and after the line under it that stand under
    no picture themselves (other captions): what a caption's markup is compared with."""
    def plain(index: int) -> bool:
        return isinstance(blocks[index], TextBlock) and not (index and isinstance(blocks[index - 1], ImageBlock))

    before = next((blocks[i] for i in range(image - 1, -1, -1) if plain(i)), None)
    after = next((blocks[i] for i in range(image + 2, len(blocks)) if plain(i)), None)
    return [block for block in (before, after) if isinstance(block, TextBlock)]


def _is_caption(image: ImageBlock, text: TextBlock, container: Element | None, neighbours: list[TextBlock]) -> bool:
    if text.chars > MAX_CAPTION_CHARS or text.link_density > MAX_LINK_DENSITY:
        return False
    element = text.element
    if element.tag in ("figcaption", "caption") or _CAPTION_NAME.search(
        f"{element.get('class', '')} {element.get('id', '')}"
    ):
        return True
    if _CAPTION_OPENING.match(text.text):
        return True
    if image.element is not container and (element is image.element or image.element in element.iterancestors()):
        return True  # <p><img><br>caption</p>, <div class="pic"><img><p>caption</p></div>
    if not (_centered(element) or _small_type(element) or _class_of_its_own(element, image, container, neighbours)):
        return False
    # a line set apart under a picture is its caption; a long sentence, or a chain of them, may be text
    if not text.text.rstrip("”’」』）)").endswith(("。", "！", "？", "!", "?")):
        return True
    return text.chars <= MAX_MARKED_CAPTION_CHARS and len(_SENTENCE_END.findall(text.text)) == 1


def _centered(element: Element) -> bool:
    return element.get("align", "").lower() == "center" or bool(_CENTERED.search(element.get("style", "")))


def _small_type(element: Element) -> bool:
    """Small print: a font-size in the line's style, or the whole line in <small>/<font size=1|2>."""
    if _SMALL_FONT.search(element.get("style", "")):
        return True
    children = list(element)
    if len(children) != 1 or (element.text or "").strip() or (children[0].tail or "").strip():
        return False
    wrapper = children[0]
    return wrapper.tag == "small" or (wrapper.tag == "font" and wrapper.get("size", "").strip() in ("1", "2"))


def _class_of_its_own(element: Element, image: ImageBlock, container: Element | None,
                      neighbours: list[TextBlock]) -> bool:
    """Under a picture standing in a block of its own, a line whose class the paragraphs
    around do not carry: body paragraphs are plain (or all share one class, as Word's
    MsoNormal), a caption is styled apart."""
    kind = element.get("class", "").strip()
    if not kind or image.element is container or _holds_text(image.element):
        return False
    return all(neighbour.element.get("class", "").strip() != kind for neighbour in neighbours)


def _holds_text(element: Element) -> bool:
    return any(piece.strip() for piece in element.itertext())


def _data_table_cells(blocks: list[Block], container: Element | None) -> set[int]:
    """Indexes of the text blocks that are cells of a data table inside the body: figures,
    not paragraphs. Old pages lay whole articles out in tables; those are no data tables."""
    if container is None or next(container.iterdescendants("table"), None) is None:
        return set()
    verdicts: dict[Element, bool] = {}
    cells: set[int] = set()
    for index, block in enumerate(blocks):
        if not isinstance(block, TextBlock):
            continue
        table = _nearest_table(block.element, container)
        if table is None:
            continue
        if table not in verdicts:
            verdicts[table] = is_data_table(table)
        if verdicts[table]:
            cells.add(index)
    table_chars = sum(_text_block(blocks[index]).chars for index in cells)
    text_chars = sum(block.chars for block in blocks if isinstance(block, TextBlock))
    if table_chars * 2 >= text_chars:
        return set()  # the tables are the article (a list of admissions, a price list): their rows are its text
    return cells


def _nearest_table(element: Element, container: Element) -> Element | None:
    """The innermost <table> holding `element` below `container` (a table holding another is
    layout, so the innermost is the only one that can be a data table)."""
    for node in (element, *element.iterancestors()):
        if node is container:
            return None
        if node.tag == "table":
            return node
    return None


def is_data_table(table: Element) -> bool:
    """A grid of short cells (≥2 rows of ≥2 cells, or a header cell <th>): a table of figures.

    A layout table holds other tables, or a cell of prose (long text, several sentences),
    or mostly cells that are not short."""
    if next(table.iterdescendants("table"), None) is not None:
        return False
    rows = [[cell for cell in row if cell.tag in ("td", "th")] for row in table.iter("tr")]
    texts = [clean_text("".join(cell.itertext())) for row in rows for cell in row]
    texts = [text for text in texts if text]
    if not texts:
        return False
    header = any(cell.tag == "th" for row in rows for cell in row)
    if not header and sum(len(row) >= 2 for row in rows) < 2:
        return False
    if any(len(text) > MAX_DATA_CELL_CHARS or len(_SENTENCE_END.findall(text)) > 1 for text in texts):
        return False  # a cell of prose (paragraphs, <br> runs of sentences): the table lays out an article
    short = sum(len(text) <= MAX_SHORT_CELL_CHARS for text in texts)
    return short >= SHORT_CELL_SHARE * len(texts)


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
