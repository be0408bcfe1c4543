"""A template's TOML text -> the checked fields of a Template, or one clear error.

Every problem is reported as `FILE: KEY: what is wrong` at load time, so a typo in a
selector file stops `newsarchive extract` or a crawl before it reads any page.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from typing import Any

from cssselect import SelectorError
from lxml.etree import XPathError

from newsarchive.extract.document import compiled_css

# The nodes a template may locate (see README.md); whatever it leaves out is found by structure.
SELECTOR_KEYS = ("headline", "info", "body", "byline", "breadcrumb", "images", "exclude")
_TOP_KEYS = frozenset({"name", "description", "order", "match", "selectors"})
_MATCH_KEYS = frozenset({"required", "url", "published_from", "published_until"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


class TemplateError(ValueError):
    """A template file that cannot be used; the message names the file and the key."""


def read_template(text: str, origin: str) -> dict[str, Any]:
    """The Template fields a TOML text gives (all but `origin`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{origin}: not valid TOML: {error}") from None
    check = _Checker(origin)
    check.known_keys(data, _TOP_KEYS, "")
    match = check.table(data, "match")
    selectors = check.table(data, "selectors")
    check.known_keys(match, _MATCH_KEYS, "match.")
    check.known_keys(selectors, frozenset(SELECTOR_KEYS), "selectors.")
    fields: dict[str, Any] = {
        "name": check.name(data.get("name")),
        "order": check.integer(data.get("order", 0), "order"),
        "required": tuple(check.selector(query, f"match.required[{index}]")
                          for index, query in enumerate(check.string_list(match.get("required", []), "match.required"))),
        "url": check.pattern(match.get("url"), "match.url"),
        "published_from": check.day(match.get("published_from"), "match.published_from"),
        "published_until": check.day(match.get("published_until"), "match.published_until"),
    }
    if fields["published_from"] and fields["published_until"] and fields["published_from"] > fields["published_until"]:
        raise TemplateError(f"{origin}: match.published_until: {fields['published_until']} is before published_from")
    if not fields["required"] and fields["url"] is None:
        raise TemplateError(f"{origin}: match: give `required` selectors or a `url` pattern, "
                            "or the template would claim every page")
    for key in SELECTOR_KEYS:
        if key in selectors:
            fields[key] = check.selector(selectors[key], f"selectors.{key}")
    return fields


class _Checker:
    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, key: str, problem: str) -> TemplateError:
        return TemplateError(f"{self.origin}: {key}: {problem}")

    def known_keys(self, table: dict[str, Any], allowed: frozenset[str], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(f"{prefix}{key}", f"unknown key (known: {', '.join(sorted(allowed))})")

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a [{key}] table")
        return value

    def name(self, value: object) -> str:
        if value is None:
            raise self.fail("name", "missing (the name stored as the article's parser, e.g. \"mysite_v1\")")
        if not isinstance(value, str) or not _NAME.fullmatch(value):
            raise self.fail("name", f"{value!r} is not a name (letters, digits, _ . -; at most 64)")
        return value

    def integer(self, value: object, key: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, f"expected a whole number, got {value!r}")
        return value

    def string_list(self, value: object, key: str) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of CSS selectors, got {value!r}")
        return value

    def selector(self, value: object, key: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected a CSS selector, got {value!r}")
        try:
            compiled_css(value)
        except (SelectorError, XPathError) as error:
            raise self.fail(key, f"bad CSS selector {value!r}: {error}") from None
        return value

    def pattern(self, value: object, key: str) -> re.Pattern[str] | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, f"expected a regular expression, got {value!r}")
        try:
            return re.compile(value)
        except re.error as error:
            raise self.fail(key, f"bad regular expression {value!r}: {error}") from None

    def day(self, value: object, key: str) -> date | None:
        if value is None or type(value) is date:  # a TOML date; a date-time is no day
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(key, f"expected a date such as 2014-01-01, got {value!r}")
