"""Whether an article page can link a continuation page, told from its text without parsing it.

Parsing every article page for its links (to find `…/123_2.html`) cost the crawl's
reactor about 0.4 ms a page, and 24 of 25 articles have one page. A continuation of
article `123` is a URL whose path ends `/123_N.html` (links.continuation_number). The
URL is resolved from an `<a href>`, against the page's `<base href>` or its own URL, and
urljoin never makes a path segment out of parts: the href, the base href or the page's
URL holds `123_` as it is. An attribute's value is the page's text with its character
references decoded (and, as parsel reads it, NUL characters removed; libxml2 may drop
other control characters). So unless the page's text or its URL holds `123_`, or the
text holds a reference to a digit or `_`, or a character the parser could drop, no
link on it is a continuation: it need not be parsed.

A UTF-8 page is checked in its bytes, undecoded: an ASCII character of its text is
its own byte there, a character reference is ASCII, and of the
characters a parser may drop the controls are their own bytes, U+FFFE and U+FFFF are
EF BF BE and EF BF BF, and no surrogate is ever decoded from UTF-8.
"""

from __future__ import annotations

import re

# &#49; &#x31; (0-9), &#95; &#x5f; (_), with or without the semicolon; the named
# references of `_` (HTML5's; libxml2 knows neither, but a parser may).
_DIGIT_OR_UNDERSCORE_REFERENCE = re.compile(
    r"&#(?:0*(?:4[89]|5[0-7]|95)(?![0-9])|[xX]0*(?:3[0-9]|5[fF])(?![0-9a-fA-F]))|&(?:lowbar|UnderBar);"
)
# Characters a parser may drop from an attribute's value, joining what stood around them.
_DROPPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# The same, in a UTF-8 page's bytes: the controls, deleted by bytes.translate (one
# pass, several times faster than a regex's class), and U+FFFE, U+FFFF.
_DIGIT_OR_UNDERSCORE_REFERENCE_UTF8 = re.compile(_DIGIT_OR_UNDERSCORE_REFERENCE.pattern.encode())
_DROPPABLE_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTER_UTF8 = re.compile(b"\xef\xbf[\xbe\xbf]")


def may_link_continuation(page: str | bytes, page_url: str, article_id: str) -> bool:
    """False only when no link of the page (`page`: its text, or its bytes when it is
    UTF-8; fetched from `page_url`) can be a continuation page of the article numbered
    `article_id` (the portal id, as in its URL)."""
    key = article_id + "_"
    if key in page_url:
        return True
    if isinstance(page, bytes):
        return (
            key.encode() in page
            or _DIGIT_OR_UNDERSCORE_REFERENCE_UTF8.search(page) is not None
            or _NONCHARACTER_UTF8.search(page) is not None
            or len(page.translate(None, _DROPPABLE_CONTROLS)) != len(page)
        )
    return (
        key in page
        or _DIGIT_OR_UNDERSCORE_REFERENCE.search(page) is not None
        or _DROPPABLE.search(page) is not None
    )
