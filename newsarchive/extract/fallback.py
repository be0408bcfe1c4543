"""Locating an article's nodes by the page's structure: the strategy for whatever no
template names (a page no template claims is located by structure alone: the fallback).

Order of work, each step explainable on its own:
1. breadcrumb, headline and info line are found on the untouched page;
2. boilerplate is set aside (the tree is not changed): boxes opened by a boilerplate
   heading (相关新闻, 猜你喜欢 …), elements whose class/id names one (xgxw, footer,
   sidebar …) unless they hold the article, and everything after the first such heading
   that follows the article's first prose;
3. the body element is the one whose text blocks add up to the most prose: each block counts
   its non-link characters, link-heavy blocks and short unpunctuated labels count against;
4. where no block matches <title>, headline and info line are read upward from the body.

A node a template located (`GivenNodes`) is taken as found, and the rest is found around it.
This module only says where things are; the field rules are the page object's
(newsarchive.extract.page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, islice

from lxml.etree import _Element as Element

from newsarchive.extract.blocks import BLOCK_TAGS, Block, TextBlock, split_blocks
from newsarchive.extract.boilerplate import has_boilerplate_name, heading_of, starts_section
from newsarchive.extract.breadcrumb import Breadcrumb, find_breadcrumb, parse_breadcrumb
from newsarchive.extract.bylines import is_byline
from newsarchive.extract.content import MAX_BYLINE_CHARS, is_channel_blurb
from newsarchive.extract.dates import search_datetime
from newsarchive.extract.document import Document, node_text, title_without_suffix
from newsarchive.extract.infoline import HAS_LABEL, MAX_INFO_CHARS
from newsarchive.extract.lazy import cached_property

_HEADLINE_NAME = re.compile(
    r"title|biaoti|headline|heading|subject|timu|(?:^|[\s_\-])(?:bt|tit|btt|tm)(?:$|[\s_\-\d])", re.I
)
# A block longer than this is a headline only where <title> holds it whole or it stands in
# a heading: otherwise the first paragraph of prose could pass for one.
MIN_HEADLINE_CHARS, MAX_HEADLINE_CHARS = 4, 100
# An <h1>/<h2> may carry a two-character title (春雨); other short blocks are labels.
MIN_HEADING_HEADLINE_CHARS = 2
# title match (0..1) plus tag bonus; below this no block is the headline
MIN_HEADLINE_SCORE = 0.5
# How far from the headline an info line may stand, in text blocks.
INFO_WINDOW_AFTER, INFO_WINDOW_BEFORE = 8, 3
# Lines under the text read for a date or credits when the top of the article has none.
LINES_AFTER_BODY = 3
# A short block with a date and little punctuation is an info line even without labels.
MAX_UNLABELLED_INFO_CHARS, MAX_INFO_PUNCTUATION = 80, 2
SENTENCE_MARKS = "，。！？"
# A labelled info line has a colon per field, not the commas of a sentence.
MAX_LABELLED_INFO_PUNCTUATION = 12
# An element holding this share of the page's punctuation holds the article: never removed.
ARTICLE_PUNCTUATION_SHARE = 0.3
# Elements that can be the body element; paragraphs, lists and table rows only pass points up.
CONTAINER_TAGS = frozenset({"div", "td", "th", "article", "section", "main", "body", "center", "blockquote", "form", "dd"})
# An element's score counts the prose of a container k levels down times DECAY**k: the body
# element is the tightest container holding most of the prose, not the page around it.
ANCESTOR_DECAY = 0.75
# A heading's box grows up to an ancestor this small (characters).
MAX_BOX_CHARS = 1200


@dataclass(frozen=True)
class GivenNodes:
    """The nodes a template located (None or empty: it does not say, or the page lacks them)."""

    headline: Element | None = None
    info: Element | None = None
    body: Element | None = None
    breadcrumb: Element | None = None
    bylines: tuple[Element, ...] = ()
    images: tuple[Element, ...] = ()
    excluded: frozenset[Element] = frozenset()  # never read: not headline, info or body


class StructureLocator:
    """Where the headline, info line, body and breadcrumb are: the given node, else the one
    the page's structure points to."""

    def __init__(self, document: Document, now: datetime | None = None, given: GivenNodes = GivenNodes()) -> None:
        self.document = document
        self.now = now
        self.given = given

    # --- what the page object asks -------------------------------------------------------
    def headline_node(self) -> Element | None:
        if self.given.headline is not None:
            return self.given.headline
        return self._headline_block.element if self._headline_block is not None else None

    def headline_text(self) -> str | None:
        """The given headline's text; else the block matching <title> (or standing above the
        info line); else the short block right above the body's text."""
        if self.given.headline is not None and (shown := node_text(self.given.headline)):
            return shown
        if self._headline_block is not None:
            return self._headline_block.text
        above, _ = self._top_of_body
        return above.text if above is not None else None

    def info_texts(self) -> list[str]:
        """The info line (given), else the info blocks found around the headline, each on its own."""
        if self.given.info is not None:
            return [node_text(self.given.info)]
        return [block.text for block in self._found_info_blocks]

    def info_segments(self) -> list[str]:
        """The info lines as info_texts, with a space where one element ends and the next
        begins: `<span>浏览:<em>2289</em></span><span>2021-07-12</span>` reads
        `浏览:2289 2021-07-12`, so the fields of adjacent elements never run together."""
        if self.given.info is not None:
            return self.info_texts()  # node_text keeps the boundaries
        return [_with_element_boundaries(block) for block in self._found_info_blocks]

    @property
    def _found_info_blocks(self) -> list[TextBlock]:
        return self._info_blocks if self._headline_block is not None else self._top_of_body[1]

    def byline_texts(self) -> list[str]:
        """The byline (given); else, where the info line is given, the byline lines standing
        between the headline and the body element outside it (`<p class="author">记者 X</p>`).
        A found info line holds the bylines under the headline already."""
        if self.given.bylines:
            return [text for text in map(node_text, self.given.bylines) if text]
        if self.given.info is None:
            return []
        return [block.text for block in self._bylines_above_body]

    def body_node(self) -> Element | None:
        return self._body_element

    def body_blocks(self) -> list[Block]:
        """The text blocks and images of the body element, in order (a found body: without
        the boilerplate boxes inside it)."""
        body = self._body_element
        if body is None:
            return []
        inside = self._body_elements  # the page was walked once: the body's blocks are among the page's
        tag = body.tag
        if body is self.given.body:
            # a template's body is read whole, boxes and all; a block element's blocks are the
            # page's blocks inside it (an inline one, or one the page hides, is walked on its own)
            blocks = [block for block in self._page_blocks if block.element in inside]
            return blocks if blocks and tag in BLOCK_TAGS else split_blocks(body, self.document.link_base, self.given.excluded)
        return [block for block in self._pruned_blocks if block.element in inside]

    @cached_property
    def breadcrumb(self) -> Breadcrumb:
        return parse_breadcrumb(self._breadcrumb_node, self.document.link_base)

    @cached_property
    def lines_after_body(self) -> list[str]:
        """The few text blocks that follow the body element and are still on the page."""
        removed = self._boilerplate_elements if self._blocks_after_body else set()
        following = (b for b in self._blocks_after_body if b.element not in removed)
        return [b.text for b in islice(following, LINES_AFTER_BODY)]

    def lines_after_body_matching(self, pattern: re.Pattern[str]) -> list[str]:
        """The lines after the body that `pattern` matches. Where no block after the body
        matches it, none can, and the boilerplate (what lines_after_body leaves out) is not
        looked for: on a page whose template names the body, nothing else needs it."""
        if not any(pattern.match(block.text) for block in self._blocks_after_body):
            return []
        return [line for line in self.lines_after_body if pattern.match(line)]

    @cached_property
    def _blocks_after_body(self) -> list[TextBlock]:
        """The text blocks after the body element's last one, boilerplate and all."""
        if self._body_element is None:
            return []
        inside = self._body_elements
        last = None
        for index, block in enumerate(self._text_blocks):
            if block.element in inside:
                last = index
        return [] if last is None else self._text_blocks[last + 1:]

    # --- the page, walked once ------------------------------------------------------------
    @cached_property
    def _page_blocks(self) -> list[Block]:
        return split_blocks(self.document.body, self.document.link_base, self.given.excluded)

    @cached_property
    def _text_blocks(self) -> list[TextBlock]:
        return [b for b in self._page_blocks if isinstance(b, TextBlock)]

    @cached_property
    def _breadcrumb_node(self) -> Element | None:
        if self.given.breadcrumb is not None:
            return self.given.breadcrumb
        first_prose = next((block.element for block in self._text_blocks if _is_prose(block)), None)
        return find_breadcrumb(self.document.body, self.document.title, text_start=first_prose)

    @cached_property
    def _crumb_elements(self) -> frozenset[Element]:
        """The breadcrumb's elements: a breadcrumb is never the headline."""
        node = self._breadcrumb_node
        return frozenset(node.iter()) if node is not None else frozenset()

    @cached_property
    def _body_elements(self) -> set[Element]:
        body = self._body_element
        return set(body.iter()) if body is not None else set()

    @cached_property
    def _pruned_blocks(self) -> list[Block]:
        """The page's blocks outside boilerplate boxes."""
        removed = self._boilerplate_elements
        return [block for block in self._page_blocks if block.element not in removed]

    # --- headline ---------------------------------------------------------------------
    @cached_property
    def _headline_block(self) -> TextBlock | None:
        """The first block of the given headline (an inline one's: its block's); else the block
        found as the headline."""
        node = self.given.headline
        if node is None:
            return self._find_headline()
        holders = set(node.iter())
        if node.tag not in BLOCK_TAGS:  # <td><font><b>headline</b></font></td>: the cell's block
            holders.add(next((a for a in node.iterancestors() if a.tag in BLOCK_TAGS), node))
        return next((block for block in self._text_blocks if block.element in holders), None)

    @cached_property
    def _top_of_body(self) -> tuple[TextBlock | None, list[TextBlock]]:
        """(headline, info lines) for pages where no block matched <title>.

        A body element that opens with a short line and a date line under it holds the
        post's own title and date (a blog page of several posts). Otherwise they are read
        upward from the body's first block: info-like blocks are skipped (and kept as the
        info line), the next short block is the headline, a link allowed (blogs link a
        post's title)."""
        inside = self._body_elements
        first = next((i for i, b in enumerate(self._text_blocks) if b.element in inside), None)
        if first is None:
            return None, []
        opening = self._text_blocks[first: first + 2]
        if len(opening) == 2 and opening[1].element in inside and _is_title_line(opening[0]) \
                and self._is_info(opening[1]):
            return opening[0], [opening[1]]
        info: list[TextBlock] = []
        for block in reversed(self._text_blocks[max(0, first - 1 - INFO_WINDOW_BEFORE): first]):
            if self._is_info(block):
                info.insert(0, block)
                continue
            if MIN_HEADLINE_CHARS <= len(block.text) <= MAX_HEADLINE_CHARS and not block.text.endswith("。") \
                    and block.element not in self._crumb_elements:
                return block, info
            break
        return None, info

    def _find_headline(self) -> TextBlock | None:
        """The text block that best matches the start of <title>; <h1>/<h2>/headline classes win ties.

        Headlines on old pages are often a bold table cell, so every short block competes;
        a long one only where <title> holds it whole or it is set as a heading. The
        breadcrumb never competes (its last item may be the headline, cut short or not).
        """
        title = self.document.title
        core = title_without_suffix(title)
        crumb = self._crumb_elements
        best: tuple[float, TextBlock] | None = None
        for block in self._text_blocks:
            if len(block.text) < (MIN_HEADING_HEADLINE_CHARS if block.element.tag in ("h1", "h2") else MIN_HEADLINE_CHARS):
                continue
            if len(block.text) > MAX_HEADLINE_CHARS and not (block.heading or block.text in title or _headline_named(block)):
                continue
            if block.element in crumb:
                continue
            score = _title_match(block.text, title, core) + _headline_bonus(block)
            if best is None or score > best[0]:
                best = (score, block)
        if best and best[0] >= MIN_HEADLINE_SCORE:
            return best[1]
        return self._block_above_info()

    def _block_above_info(self) -> TextBlock | None:
        """No block matches <title>: the headline is the short block right above the first
        info line that has both a label and a date."""
        blocks = self._text_blocks
        for index, block in enumerate(blocks):
            if index and block.chars <= MAX_INFO_CHARS and HAS_LABEL.search(block.text) \
                    and search_datetime(block.text, url=self.document.url, now=self.now) is not None:
                above = blocks[index - 1]
                if MIN_HEADLINE_CHARS <= len(above.text) <= MAX_HEADLINE_CHARS and above.link_density <= 0.5 \
                        and not above.text.endswith("。") and above.element not in self._crumb_elements:
                    return above  # (a sentence is no title, the breadcrumb neither)
                return None
        return None

    # --- info line ----------------------------------------------------------------------
    @cached_property
    def _bylines_above_body(self) -> list[TextBlock]:
        """Byline blocks in the few after the headline and before the body's first block,
        outside the given info line."""
        blocks = self._text_blocks
        start = self._headline_index(blocks)
        if start is None:
            return []
        info = set(self.given.info.iter()) if self.given.info is not None else set()
        found: list[TextBlock] = []
        for block in blocks[start + 1: start + 1 + INFO_WINDOW_AFTER]:
            if block.element in self._body_elements:
                break
            if block.element not in info and block.chars <= MAX_BYLINE_CHARS and is_byline(block.text):
                found.append(block)
        return found

    @cached_property
    def _info_lines(self) -> list[str]:
        return [block.text for block in self._info_blocks]

    @cached_property
    def _info_blocks(self) -> list[TextBlock]:
        """The info lines: labelled or dated short blocks between the headline and the text.

        The blocks after the headline are read up to the first paragraph of prose; when
        none is found there, the few blocks above the headline are tried (some pages print
        the date over the title).
        """
        blocks = self._text_blocks
        start = self._headline_index(blocks)
        if start is None:
            return []
        lines: list[TextBlock] = []
        for block in blocks[start + 1: start + 1 + INFO_WINDOW_AFTER]:
            if self._is_info(block):
                lines.append(block)
            elif _is_prose(block):
                break
        if lines and not all(is_byline(line.text) for line in lines):
            return lines
        # only a byline under the headline: the date and source may still stand above it
        before = blocks[max(0, start - INFO_WINDOW_BEFORE): start]
        return [block for block in before if self._is_info(block)][-1:] + lines

    def _headline_index(self, blocks: list[TextBlock]) -> int | None:
        for index, block in enumerate(blocks):
            if block is self._headline_block:
                return index
        return None

    def _is_info(self, block: TextBlock) -> bool:
        if block.chars > MAX_INFO_CHARS or block.link_density > 0.6:
            return False
        if HAS_LABEL.search(block.text) and block.punctuation <= MAX_LABELLED_INFO_PUNCTUATION:
            return True  # 来源:… 作者:… 时间:… — fields, not sentences
        if block.chars <= MAX_BYLINE_CHARS and is_byline(block.text):
            return True  # a byline under the headline (`<p class="author">记者 X</p>`)
        # without labels: a short dated line that is no sentence (`4月1日，…开幕。` is body)
        return (
            block.chars <= MAX_UNLABELLED_INFO_CHARS
            and block.punctuation <= MAX_INFO_PUNCTUATION
            and not any(mark in block.text for mark in SENTENCE_MARKS)
            and search_datetime(block.text, url=self.document.url, now=self.now) is not None
        )

    # --- body -----------------------------------------------------------------------------
    @cached_property
    def _body_element(self) -> Element | None:
        if self.given.body is not None:
            return self.given.body
        known = {node_text(self.given.info)} if self.given.info is not None else {*self._info_lines}
        channel = self.breadcrumb.channel
        if self._headline_block is not None:
            known.add(self._headline_block.text)
        scores: dict[Element, float] = {}
        weighted: dict[Element, list[tuple[Element, float]]] = {}  # blocks share elements
        chains: dict[Element | None, tuple[Element, ...]] = {None: ()}
        for block in self._pruned_blocks:
            if not isinstance(block, TextBlock):
                continue
            if block.text in known or is_channel_blurb(block.text, channel):
                continue  # the headline and the info line are found already; the blurb is no body
            value = prose_value(block)
            containers = weighted.get(block.element)
            if containers is None:
                containers = weighted[block.element] = [
                    (element, ANCESTOR_DECAY**distance)
                    for distance, element in enumerate(_containers(block.element, chains))
                ]
            for element, weight in containers:
                scores[element] = scores.get(element, 0.0) + value * weight
        if not scores:
            return None
        return max(scores, key=scores.__getitem__)

    @cached_property
    def _boilerplate_elements(self) -> set[Element]:
        """The elements of the page's blocks that stand inside a boilerplate box; the page
        itself is left untouched."""
        blocks = self._text_blocks
        body = self.document.body
        chars, punctuation = _aggregate(blocks, body)
        total_punctuation = punctuation.get(body, 0)
        node = self.headline_node()
        protected = set(chain((node,), node.iterancestors())) if node is not None else set()

        def holds_article(element: Element) -> bool:
            return punctuation.get(element, 0) > ARTICLE_PUNCTUATION_SHARE * total_punctuation or element in protected

        doomed: set[Element] = set()
        for block in blocks:
            if heading_of(block.text) is None:
                continue
            box = block.element
            while (parent := box.getparent()) is not None and chars.get(parent, 0) <= MAX_BOX_CHARS \
                    and not holds_article(parent):
                box = parent
            if box is not block.element:  # a box of its own; a bare heading is left to end the body
                doomed.add(box)
        end = self._article_end(blocks)
        if end is not None:
            # the article is over at this heading: what follows it in document order goes
            for ancestor in chain((end,), end.iterancestors()):
                if ancestor is body:
                    break
                doomed.update(ancestor.itersiblings())
            if not holds_article(end):
                doomed.add(end)
        doomed.discard(body)

        # Whether an element is in a doomed box or in one whose class/id names boilerplate
        # (only elements below the body are named boxes), answered once per element on the
        # way up from each block: elements without blocks under them are never looked at.
        inside_box: dict[Element, bool] = {body: not doomed.isdisjoint(body.iterancestors())}

        def in_box(element: Element) -> bool:
            unanswered: list[Element] = []
            while element not in inside_box:
                unanswered.append(element)
                element = element.getparent()
            answer = inside_box[element]
            for element in reversed(unanswered):
                answer = answer or element in doomed or (has_boilerplate_name(element) and not holds_article(element))
                inside_box[element] = answer
            return answer

        return {element for element in {block.element for block in self._page_blocks} if in_box(element)}

    def _article_end(self, blocks: list[TextBlock]) -> Element | None:
        """The first boilerplate heading after the headline once the article's prose began.

        Prose (a sentence-long non-link block with punctuation) must come first, so a box of
        links between the headline and the text does not end the article before it starts.
        """
        if self._headline_block is None:
            return None
        started = prose_seen = False
        for block in blocks:
            if block is self._headline_block:
                started = True
            elif started and prose_seen and starts_section(block.text):
                return block.element
            elif started and _is_prose(block) and block.text not in self._info_lines:
                prose_seen = True
        return None


def _containers(element: Element, chains: dict[Element | None, tuple[Element, ...]]) -> tuple[Element, ...]:
    """The element (if a container) and its container ancestors, nearest first.

    `chains` holds the answers found so far (and None: ()): the walk up stops at the
    first ancestor already answered, so each element is looked at once per page.
    """
    unanswered: list[Element] = []
    node: Element | None = element
    while node not in chains:
        assert node is not None  # chains holds None: the walk up stops there at the latest
        unanswered.append(node)
        node = node.getparent()
    found = chains[node]
    for node in reversed(unanswered):
        if node.tag in CONTAINER_TAGS:
            found = (node, *found)
        chains[node] = found
    return found


def _with_element_boundaries(block: TextBlock) -> str:
    """The block's text as its element shows it, elements apart (node_text), where the
    element holds that text alone; else the block's own text."""
    shown = node_text(block.element)
    return shown if "".join(shown.split()) == "".join(block.text.split()) else block.text


def _is_title_line(block: TextBlock) -> bool:
    """Short enough for a headline, no sentence, not a link list."""
    return (MIN_HEADLINE_CHARS <= len(block.text) <= MAX_HEADLINE_CHARS and not block.text.endswith("。")
            and block.link_density <= 0.5)


def _is_prose(block: TextBlock) -> bool:
    return block.chars >= 30 and block.punctuation > 0 and block.link_density <= 0.5


def prose_value(block: TextBlock) -> float:
    """How much a text block speaks for its element being the article body."""
    if block.link_density > 0.5:
        return -float(block.chars)
    if block.punctuation == 0 and block.chars < 30:
        return -min(block.chars, 10) / 2
    return float(block.chars - block.link_chars)


def _aggregate(blocks: list[TextBlock], root: Element) -> tuple[dict, dict]:
    """Characters and punctuation marks of the text under each element of `root`."""
    chars: dict[Element, int] = {}
    punctuation: dict[Element, int] = {}
    for block in blocks:
        element = block.element
        chars[element] = chars.get(element, 0) + block.chars
        punctuation[element] = punctuation.get(element, 0) + block.punctuation
    # children before parents: each element passes its totals up once
    for element in reversed(list(root.iter())):
        if element in chars and element is not root:
            parent = element.getparent()
            if parent is not None:
                chars[parent] = chars.get(parent, 0) + chars[element]
                punctuation[parent] = punctuation.get(parent, 0) + punctuation[element]
    return chars, punctuation


def _title_match(text: str, title: str, core: str) -> float:
    """1.0 when <title> starts with the text (or is it, without its suffix `core`); the
    shared prefix's share otherwise."""
    if not title:
        return 0.4  # without a title only <h1>…<h3> or a headline-named element can pass
    if title.startswith(text) or text == core:
        return 1.0
    if text in title:
        # a part of the title: the headline after a site prefix, or only a section name
        return 0.8 if len(text) >= len(core) / 2 else 0.3
    shared = 0
    for a, b in zip(text, title):
        if a != b:
            break
        shared += 1
    return shared / len(text)


def _headline_named(block: TextBlock) -> bool:
    element = block.element
    return _HEADLINE_NAME.search(f"{element.get('class', '')} {element.get('id', '')}") is not None


_HEADING_BONUS = {"h1": 0.3, "h2": 0.2, "h3": 0.1}


def _headline_bonus(block: TextBlock) -> float:
    bonus = _HEADING_BONUS.get(block.element.tag, 0.0)
    if _headline_named(block):
        bonus += 0.15
    if block.link_density > 0.5:
        bonus -= 0.3  # a linked heading is a logo or another article's title
    return bonus
