"""Split an element into text blocks and images, in document order.

A text block ends at a block element's start or end (<p>, <div>, <li>, <td> …) and at a
run of two or more <br> (old pages have no <p>: paragraphs are text between <br> pairs).
A single <br> ends a block when the text after it is indented (full-width spaces) or the
text before it ends a sentence; otherwise it only breaks a line inside the paragraph.
Link text is counted per block, which is what tells a list of headlines from prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain

from lxml.etree import _Element as Element

from newsarchive.extract.document import INVISIBLE_TAGS
from newsarchive.extract.text import clean_text
from newsarchive.extract.urls import join_url

BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
     "table", "tbody", "thead", "tfoot", "tr", "td", "th", "section", "article", "blockquote",
     "center", "pre", "figure", "figcaption", "header", "footer", "main", "aside", "nav",
     "form", "hr", "address", "caption", "body", "html", "fieldset", "legend"}
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CJK_PUNCTUATION = frozenset("，。！？；：、“”‘’（）《》…—,")
# one regex pass counts them (a str.count per mark costs ten times more on short blocks)
_PUNCTUATION_MARK = re.compile("[" + re.escape("".join(sorted(CJK_PUNCTUATION))) + "]")
_INDENT = re.compile(r"^[\u3000\u00a0]|^\s{2,}")
_SENTENCE_END = re.compile(r"[。！？!?”’」』…；;:：]\s*$")
# Marks after which a title broken by <br> is not finished.
_TITLE_GOES_ON = frozenset("：:，,、—–-")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LATIN_EDGE = re.compile(r"[A-Za-z0-9]")
_PLACEHOLDER_SRC = re.compile(r"(?:^data:|blank\.|spacer\.|pixel\.|loading\.)", re.I)
_IMAGE_SRC_ATTRS = ("data-original", "data-src", "data-url", "original", "src")


@dataclass(slots=True)  # a page makes hundreds: slots make them cheaper to build and read
class TextBlock:
    """A run of text between block boundaries."""

    text: str  # cleaned
    link_chars: int  # characters inside <a href>
    element: Element  # the nearest block element holding the text
    heading: bool = False  # inside <h1>…<h6>
    chars: int = field(init=False)  # characters other than spaces
    # counted when first read: where a template names the nodes, most blocks never are
    _punctuation: int | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.chars = len(self.text) - self.text.count(" ")

    @property
    def punctuation(self) -> int:
        """CJK punctuation marks: prose has them, menus do not."""
        if self._punctuation is None:
            self._punctuation = len(_PUNCTUATION_MARK.findall(self.text))
        return self._punctuation

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


@dataclass(slots=True)
class ImageBlock:
    src: str  # absolute
    element: Element  # the nearest block element holding the image


Block = TextBlock | ImageBlock


@dataclass
class _Walker:
    base_url: str
    blocks: list[Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    brs: int = 0
    block_stack: list[Element] = field(default_factory=list)
    heading_depth: int = 0

    def flush(self) -> None:
        if not self.parts:  # most block boundaries hold no text
            self.brs = 0
            return
        text = clean_text("".join(self.parts))
        if text:
            self.blocks.append(
                TextBlock(text, min(self.link_chars, len(text)), self.block_stack[-1],
                          heading=self.heading_depth > 0)
            )
        self.parts.clear()
        self.link_chars = 0
        self.brs = 0

    def add_text(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        if not text.strip():
            if self.parts:
                self.parts.append(text)
            return
        if self.brs:
            previous = "".join(self.parts)
            if self.brs >= 2 or _INDENT.match(text) or _SENTENCE_END.search(previous):
                self.flush()
            elif previous.strip():
                # a line break inside a paragraph: CJK lines join without a space
                joins_latin = _LATIN_EDGE.match(text.lstrip()[:1]) and _LATIN_EDGE.match(previous.rstrip()[-1:])
                self.parts.append(" " if joins_latin else "")
            self.brs = 0
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip().replace(" ", ""))

    def walk(self, root: Element, skip: frozenset[Element] = frozenset()) -> None:
        """Visit the tree under `root` in document order without recursion (pages nest deep).

        `root.iter()` lists the nodes in document order (faster than an event walk); a node
        ends when the next one listed is not inside it, i.e. when the open nodes above its
        parent are closed, and a skipped node's subtree (invisible, hidden, or in `skip`) is
        passed over up to the first node after it.
        """
        open_nodes: list[Element] = [root]
        frames: list[int] = [_PLAIN]  # per open node, what its end undoes
        link_depth = 1 if root.tag == "a" else 0
        parts = self.parts
        flush, add_text, block_stack = self.flush, self.add_text, self.block_stack
        add_text(root.text, link_depth > 0)  # the root's own text counts, not its tail
        nodes = root.iter()
        next(nodes)  # the root itself
        resume_at: Element | None = None  # the node after a skipped subtree
        skipping = False
        for element in chain(nodes, (None,)):  # None: the end, where every open node closes
            if skipping:
                if element is not resume_at:
                    continue
                skipping = False
            parent = element.getparent() if element is not None else root
            while open_nodes[-1] is not parent:
                ended = open_nodes.pop()
                frame = frames.pop()
                if frame:
                    if frame == _LINK:
                        link_depth -= 1
                    else:
                        self.heading_depth -= frame == _HEADING
                        if parts:
                            flush()
                        else:  # most block boundaries hold no text
                            self.brs = 0
                        block_stack.pop()
                tail = ended.tail
                if tail and (parts or not tail.isspace()):  # whitespace between blocks: nothing to add
                    add_text(tail, link_depth > 0)
            if element is None:
                break
            open_nodes.append(element)
            tag = element.tag
            kind = _TAG_KINDS.get(tag)
            if kind is None:  # any other element is inline; comments and the like are skipped
                kind = _PLAIN if isinstance(tag, str) else _SKIP
            if kind == _SKIP or (skip and element in skip) or ((style := element.get("style")) and _hides(style)):
                resume_at, skipping = _next_after_subtree(element, root), True
                frames.append(_PLAIN)
                continue
            if kind == _BR:
                # in a heading a line break ends the title: what follows is a sub-line (info);
                # but a title line ending in a colon or comma goes on (惠民县：<br>乡村振兴结硕果)
                if not (self.heading_depth and "".join(parts).rstrip()[-1:] in _TITLE_GOES_ON):
                    self.brs += 2 if self.heading_depth else 1
                frames.append(_PLAIN)
                continue
            if kind == _IMG:
                src = image_src(element, self.base_url)
                if src:
                    flush()
                    self.blocks.append(ImageBlock(src, block_stack[-1]))
                frames.append(_PLAIN)
                continue
            if kind == _LINK:
                if element.get("href") is None:
                    kind = _PLAIN
                else:
                    link_depth += 1
            elif kind != _PLAIN:  # a block
                if parts:
                    flush()
                else:
                    self.brs = 0
                block_stack.append(element)
                self.heading_depth += kind == _HEADING
            frames.append(kind)
            text = element.text
            if text and (parts or not text.isspace()):
                add_text(text, link_depth > 0)


def _hides(style: str) -> bool:
    """`display: none` or `visibility: hidden` in an inline style. Word-made pages put long
    styles on every span: a substring test on the value's words goes before the regex."""
    lowered = style.lower()
    return ("none" in lowered or "dden" in lowered) and _HIDDEN.search(style) is not None


def _next_after_subtree(node: Element, root: Element) -> Element | None:
    """The first node after `node`'s subtree in document order, within `root` (None: none)."""
    while node is not root:
        following = node.getnext()
        if following is not None:
            return following
        node = node.getparent()
    return None


# What an element's start and end do in the walk (a frame records which to undo at its end).
_PLAIN, _BLOCK, _HEADING, _LINK, _SKIP, _BR, _IMG = range(7)
_TAG_KINDS: dict[str, int] = {
    **{tag: _BLOCK for tag in BLOCK_TAGS},
    **{tag: _HEADING for tag in HEADING_TAGS},
    **{tag: _SKIP for tag in INVISIBLE_TAGS},
    "br": _BR,
    "img": _IMG,
    "a": _LINK,
}


def split_blocks(element: Element, base_url: str, skip: frozenset[Element] = frozenset()) -> list[Block]:
    """Text blocks and images under `element`, in document order, without the subtrees of
    the elements in `skip` (what a template excludes)."""
    walker = _Walker(base_url, block_stack=[element])
    walker.walk(element, skip)
    walker.flush()
    return walker.blocks


def image_src(img: Element, base_url: str) -> str | None:
    """The absolute URL of an article image, or None for spacers, icons and data URIs."""
    for attr in _IMAGE_SRC_ATTRS:
        src = (img.get(attr) or "").strip()
        if src and not _PLACEHOLDER_SRC.search(src):
            break
    else:
        return None
    for dim in ("width", "height"):
        value = (img.get(dim) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < 50:
            return None
    return join_url(base_url, src)
