"""Paths of the archive's own pages, and the HTML of a link to one.

Every path is built here, with the database name tilde-encoded as datasette encodes
it and each name percent-encoded, so a file or person named like markup or like a
path (`q"><img …>.db`, `a/b`) still lands on its page and never becomes markup.
"""

from __future__ import annotations

from urllib.parse import quote

from datasette.utils import tilde_encode
from markupsafe import Markup, escape

# The kinds of page the plugin serves about a name: /-/<kind>/<db>/<name>
NAME_PAGES = ("person", "source", "channel", "county")


def article_path(database: str, article_id: int) -> str:
    return f"/-/article/{tilde_encode(database)}/{int(article_id)}"


def capture_path(database: str, article_id: int, *, payload: bool = False) -> str:
    path = f"/-/capture/{tilde_encode(database)}/{int(article_id)}"
    return path + "/page" if payload else path


def image_path(database: str, article_id: int, position: int) -> str:
    return f"/-/image/{tilde_encode(database)}/{int(article_id)}/{int(position)}"


def name_path(kind: str, database: str, name: str) -> str:
    if kind not in NAME_PAGES:
        raise ValueError(f"no page kind {kind!r}")
    return f"/-/{kind}/{tilde_encode(database)}/{quote(name, safe='')}"


def link(path: str, text: object) -> Markup:
    return Markup('<a href="{}">{}</a>').format(path, escape(text))
