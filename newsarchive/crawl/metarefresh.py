"""Scrapy's MetaRefreshMiddleware, which decodes a page only when it may declare a refresh.

Scrapy's decodes every HTML page (`response.text`) and resolves its base URL to look
for a `<meta http-equiv="refresh">` in its first 4,096 characters: 0.1 ms a page, the
bare fetch's included. A page that declares one holds the word `refresh` in its text
(w3lib reads only a tag whose attributes, lower-cased, hold it). In an ASCII-transparent
encoding every ASCII character of the text is its own byte, whatever stands beside it,
so a word the bytes do not hold is not in the text either: those pages are passed on
undecoded, and every other page is read by Scrapy's code, as before. (The converse
does not hold: in GBK the second byte of a character may be an ASCII letter. A hit in
the bytes is only a reason to decode.)
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Response, TextResponse

# Encodings, by the names Scrapy gives them (`TextResponse.encoding`: Python's codec
# names; gb2312 and gbk are read as gb18030), that write each ASCII character as its
# own byte and never shift state: UTF-16 and UTF-32 write it in 2 or 4 bytes,
# EBCDIC as another byte, UTF-7 can write it in base64 and ISO-2022 can split a word
# with an escape sequence. A page in any other encoding is decoded.
ASCII_TRANSPARENT = frozenset({
    "utf-8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "ascii", "cp1252", "iso8859-1",
})


def may_hold(response: TextResponse, word: bytes) -> bool:
    """False only when the response's text, lower-cased by str.lower(), cannot hold
    `word` (ASCII lower case, with neither `i` nor `k`: of the other characters only
    `İ` and the Kelvin sign lower-case to ASCII letters, `i` and `k`)."""
    return response.encoding not in ASCII_TRANSPARENT or word in response.body.lower()


class MetaRefreshUnlessRuledOut(MetaRefreshMiddleware):
    """MetaRefreshMiddleware, but a page whose bytes rule out `refresh` is passed on undecoded."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Request | Response:
        if isinstance(response, HtmlResponse) and not may_hold(response, b"refresh"):
            return response
        return super().process_response(request, response)
