"""Templates: where a known page layout keeps its headline, info line, body … as data.

A template is a TOML file (the format: README.md in this folder). The portal's own
templates (`yybnet_v1` … `yybnet_mobile`) ship here; an archivist adds more from folders
of their own (`load_templates`). A template only locates nodes; the page object
(newsarchive.extract.page) applies the field rules to them and locates what the template
leaves out by the page's structure. Templates are tried by `order`, then name; a page no
template claims is read by structure alone (the fallback).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from os import PathLike
from pathlib import Path

from lxml.etree import _Element as Element

from newsarchive.extract.document import Document
from newsarchive.extract.templates.loader import SELECTOR_KEYS, TemplateError, read_template

__all__ = ["SELECTOR_KEYS", "Template", "TemplateError", "builtin_templates", "load_templates"]


@dataclass(frozen=True)
class Template:
    """One template version, as read and checked from its TOML file."""

    name: str  # stored in `articles.parser`: yybnet_v2
    origin: str  # the file it came from, for error messages
    order: int = 0  # lower is tried first
    required: tuple[str, ...] = ()  # CSS selectors that must all match
    url: re.Pattern[str] | None = None  # searched in the page's URL
    published_from: date | None = None  # the article's date as this template reads it
    published_until: date | None = None
    headline: str | None = None
    info: str | None = None
    body: str | None = None
    byline: str | None = None
    breadcrumb: str | None = None
    images: str | None = None
    exclude: str | None = None  # elements inside the body that are never body

    @property
    def dated(self) -> bool:
        return self.published_from is not None or self.published_until is not None

    def claims(self, document: Document) -> bool:
        """Whether the page's URL and markup fit the template (its dates are checked once it
        has read the page: `covers`)."""
        if self.url is not None and not self.url.search(document.url):
            return False
        return all(document.first(query) is not None for query in self.required)

    def covers(self, published_at: str | None) -> bool:
        """Whether an article of that date can use this version (an undated page cannot
        use a dated version)."""
        if not self.dated:
            return True
        if not published_at:
            return False
        day = date.fromisoformat(published_at[:10])
        return (self.published_from or date.min) <= day <= (self.published_until or date.max)

    def first(self, document: Document, key: str) -> Element | None:
        """The first element of the page the selector under `key` matches (None: the
        template does not say, or the page lacks it)."""
        query = getattr(self, key)
        return document.first(query) if query else None

    def all(self, document: Document, key: str) -> list[Element]:
        query = getattr(self, key)
        return document.css(query) if query else []


def load_templates(folders: Iterable[str | PathLike[str]] = ()) -> tuple[Template, ...]:
    """The built-in templates and those of every `*.toml` in `folders`, checked, in the order
    they are tried. Raises TemplateError naming the file and key of the first problem."""
    found = list(builtin_templates())
    for folder in folders:
        path = Path(folder)
        if not path.is_dir():
            raise TemplateError(f"{path}: not a folder of template files")
        found.extend(_read(file.read_text(encoding="utf-8"), str(file)) for file in sorted(path.glob("*.toml")))
    return _ordered(found)


@cache
def builtin_templates() -> tuple[Template, ...]:
    """The portal's templates shipped in this package (read through importlib.resources, so
    they load from a zipped egg too)."""
    here = files(__name__)
    return _ordered([_read(entry.read_text(encoding="utf-8"), f"newsarchive/extract/templates/{entry.name}")
                     for entry in here.iterdir() if entry.name.endswith(".toml")])


def _read(text: str, origin: str) -> Template:
    return Template(origin=origin, **read_template(text, origin))


def _ordered(templates: list[Template]) -> tuple[Template, ...]:
    names: dict[str, str] = {}
    for template in templates:
        if template.name in names:
            raise TemplateError(f"{template.origin}: name: {template.name!r} is already the name of "
                                f"the template in {names[template.name]}")
        names[template.name] = template.origin
    return tuple(sorted(templates, key=lambda template: (template.order, template.name)))
