"""Whitespace and punctuation clean-up for text taken out of HTML.

Run on every paragraph, headline and info line, so it stays a handful of C-level
string operations: one regex substitution for `&nbsp;` remnants, one `translate`
for invisible and dash characters, one regex collapse of whitespace.
"""

from __future__ import annotations

import re

# Invisible characters that editors paste in (zero-width space/joiners, word
# joiner, a BOM in mid-text, soft hyphen) are dropped; U+2015 (horizontal bar,
# what GBK-era editors typed for a dash: "――") becomes U+2014 (em dash: "——").
_TRANSLATION = str.maketrans(
    {
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u2015": "\u2014",
    }
)

# Entity text left behind by double-escaped HTML (`&amp;nbsp;` unescapes to
# `&nbsp;`); some CMSs also drop the semicolon.
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#x0*a0);?", re.IGNORECASE)

# Python's `\s` on str covers NBSP (U+00A0), the ideographic space (U+3000), the
# U+2000 range spaces, line and paragraph separators.
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_text(s: str) -> str:
    """Text with whitespace collapsed to single spaces and trimmed at the ends.

    NBSP, full-width (U+3000) spaces and `&nbsp;` remnants count as whitespace;
    zero-width characters are removed; U+2015 is normalised to U+2014.
    """
    if "&" in s:
        s = _NBSP_ENTITY.sub(" ", s)
    return _WHITESPACE_RUN.sub(" ", s.translate(_TRANSLATION)).strip()
