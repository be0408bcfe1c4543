"""The CSS selectors templates are written with, matched without XPath.

A template's selectors are compound selectors of a tag, classes and an id, joined by
child (`>`) or descendant combinators: `div.article > div.content`, `.m-info`. parsel's
XPath for one (`contains(concat(' ', normalize-space(@class), ' '), ' content ')` on
every element) costs ~0.2 µs an element, and a page is tried with the first selector of
every template before one claims it; here one pass over the page lists its elements by
class (`ClassIndex`: the cost of one such XPath on a small page, of three on a 500-element
one), and a selector starts from the
elements its rightmost class names and checks their ancestors. The result is the XPath's:
the same elements in document order. Any other selector (`:not()`, `+`, `[href]`, a
selector list) is None from `simple_selector`, and the caller runs the XPath."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import cssselect
from cssselect.parser import Class, CombinedSelector, Hash
from cssselect.parser import Element as ElementSelector
from lxml import etree
from lxml.etree import _Element as Element

# XPath's normalize-space splits a class attribute at these four, and no other, characters.
_XML_SPACES = str.maketrans("\t\n\r", "   ")


def _spaced(attribute: str) -> str:
    """A class attribute with its tabs and line breaks made spaces (most have none): its
    names are then what split(" ") makes, but "", as XPath's normalize-space separates them."""
    if "\t" in attribute or "\n" in attribute or "\r" in attribute:
        return attribute.translate(_XML_SPACES)
    return attribute


@dataclass(frozen=True, slots=True)
class Compound:
    """`tag.class1.class2#id`: what one element must be."""

    tag: str | None  # lower case (HTML's tags are); None: any
    classes: tuple[str, ...]
    id: str | None

    def matches(self, element: Element) -> bool:
        if self.tag is not None and element.tag != self.tag:
            return False
        if self.id is not None and element.get("id") != self.id:
            return False
        if self.classes:
            attribute = element.get("class")
            if attribute is None:
                return False
            names = _spaced(attribute).split(" ")  # "" among them matches no class
            return all(name in names for name in self.classes)
        return True


@dataclass(frozen=True, slots=True)
class SimpleSelector:
    """Compounds from the rightmost (the element matched) leftwards, and the combinator
    (`>` or ` `) between each and the next."""

    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...]

    def holds(self, element: Element, step: int = 0) -> bool:
        """Whether the ancestors of `element` (matched by compound `step`) match the rest."""
        if step == len(self.combinators):
            return True
        left = self.compounds[step + 1]
        if self.combinators[step] == ">":
            parent = element.getparent()
            return parent is not None and left.matches(parent) and self.holds(parent, step + 1)
        return any(left.matches(ancestor) and self.holds(ancestor, step + 1) for ancestor in element.iterancestors())


def _compound(node: object) -> Compound | None:
    classes: list[str] = []
    ids: list[str] = []
    while not isinstance(node, ElementSelector):
        if isinstance(node, Class):
            if not node.class_name or any(c.isspace() for c in node.class_name):
                return None  # XPath's ' a b ' would span names; an empty one matches nothing
            classes.append(node.class_name)
        elif isinstance(node, Hash):
            ids.append(node.id)
        else:
            return None
        node = node.selector
    if node.namespace or len(ids) > 1:
        return None
    tag = node.element.lower() if node.element and node.element != "*" else None
    return Compound(tag, tuple(reversed(classes)), ids[0] if ids else None)


@cache
def simple_selector(query: str) -> SimpleSelector | None:
    """`query` as a SimpleSelector, or None for a selector of any other kind. A bad
    selector raises cssselect's SelectorError."""
    selectors = cssselect.parse(query)
    if len(selectors) != 1 or selectors[0].pseudo_element is not None:
        return None
    node = selectors[0].parsed_tree
    compounds: list[Compound | None] = []
    combinators: list[str] = []
    while isinstance(node, CombinedSelector):
        if node.combinator not in (">", " "):
            return None
        compounds.append(_compound(node.subselector))
        combinators.append(node.combinator)
        node = node.selector
    compounds.append(_compound(node))
    if any(compound is None for compound in compounds):
        return None
    return SimpleSelector(tuple(c for c in compounds if c is not None), tuple(combinators))


class ClassIndex:
    """The elements of a page (the root and all under it) by each class name they have,
    in document order: made in one pass, the first time a selector needs it."""

    def __init__(self, root: Element) -> None:
        self.root = root
        self.by_class: dict[str, list[Element]] = {}
        by_class = self.by_class
        for element in root.iter(etree.Element):  # ~0.3 µs an element: the loop is kept lean
            attribute = element.get("class")
            if attribute:
                for name in _spaced(attribute).split(" "):  # "" too (no selector asks for it)
                    listed = by_class.get(name)
                    if listed is None:
                        by_class[name] = [element]
                    elif listed[-1] is not element:  # a name twice: the element once
                        listed.append(element)

    def select(self, selector: SimpleSelector) -> list[Element]:
        """The elements `selector` matches, in document order."""
        target = selector.compounds[0]
        return [element for element in self._candidates(target)
                if target.matches(element) and selector.holds(element)]

    def _candidates(self, target: Compound) -> Iterator[Element] | list[Element]:
        if target.classes:
            return self.by_class.get(target.classes[0], [])
        return self.root.iter(target.tag if target.tag is not None else etree.Element)
