"""Page objects for the portal's known templates, and the order they are tried in.

Each module is one template version; `matches(document)` says whether a page uses it.
The registry is checked in order, most specific first; a page no template claims goes to
the fallback (newsarchive.extract.fallback).
"""

from __future__ import annotations

from newsarchive.extract.document import Document
from newsarchive.extract.page import ArticlePage

from newsarchive.extract.templates.yybnet_mobile import YybnetMobile
from newsarchive.extract.templates.yybnet_v1 import YybnetV1
from newsarchive.extract.templates.yybnet_v2 import YybnetV2
from newsarchive.extract.templates.yybnet_v3 import YybnetV3

# Most specific first: each template's required selectors are absent from the others.
TEMPLATES: tuple[type[ArticlePage], ...] = (YybnetMobile, YybnetV3, YybnetV2, YybnetV1)


def template_for(document: Document) -> type[ArticlePage] | None:
    """The first registered template that claims the page, or None."""
    for template in TEMPLATES:
        if template.matches(document):
            return template
    return None
