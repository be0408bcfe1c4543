"""Whitespace and punctuation clean-up for text taken out of HTML.

Run on every paragraph, headline and info line, so it stays a few C-level string
operations (~1 µs a paragraph; `str.translate` alone would cost five times that).
"""

from __future__ import annotations

import re

# Invisible characters that editors paste in: zero-width space and joiners, word
# joiner, a BOM in mid-text, soft hyphen.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# Entity text left behind by double-escaped HTML (`&amp;nbsp;` unescapes to
# `&nbsp;`); some CMSs also drop the semicolon.
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#x0*a0);?", re.IGNORECASE)

# U+2015 (horizontal bar) is what GBK-era editors typed for a dash (`――`); the
# dash is U+2014 (`——`).
_HORIZONTAL_BAR = "\u2015"
_EM_DASH = "\u2014"


def clean_text(s: str) -> str:
    """Text with whitespace collapsed to single spaces and trimmed at the ends.

    NBSP, full-width (U+3000) spaces and `&nbsp;` remnants count as whitespace;
    zero-width characters are removed; U+2015 is normalised to U+2014.
    """
    if "&" in s:
        s = _NBSP_ENTITY.sub(" ", s)
    # each `in` is a memchr, where the regex tests every character: most text has none
    if not s.isascii() and ("\u200b" in s or "\u200c" in s or "\u200d" in s or "\u2060" in s
                            or "\ufeff" in s or "\u00ad" in s):
        s = _INVISIBLE.sub("", s)
    if _HORIZONTAL_BAR in s:
        s = s.replace(_HORIZONTAL_BAR, _EM_DASH)
    # str.split() splits on all Unicode whitespace, NBSP and U+3000 included
    return " ".join(s.split())
