"""Bytes -> text for pages whose HTTP header and meta charset may both lie.

What the portal serves (PORTAL.md): old pages are GBK, declared `gb2312` even when
they hold GBK-only characters (喆, 堃); some come with an HTTP header that says
utf-8 over GBK bytes; header and meta may disagree. So no declaration is trusted:

1. a byte-order mark decides outright;
2. strict UTF-8 (GBK or Big5 text practically never decodes as valid UTF-8);
3. UTF-8 with a few broken bytes (a truncated download) when nearly all of it is
   valid UTF-8;
4. each declared encoding, header first, then meta, strictly (gb2312 and gbk are
   read as their superset gb18030);
5. gb18030, strictly;
6. if nothing decodes strictly into plausible text: the candidate (UTF-8 first)
   with the fewest bad characters, decoded with replacement characters.

A strict decode is only accepted when its text is plausible: few replacement
characters, private-use characters, C1 controls or Latin-1 mojibake (`Ã©`, `ä¸­`).
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Charset labels as browsers read them (WHATWG Encoding): every GB label means
# GBK, which decoders read as gb18030; "latin-1" labels mean windows-1252;
# "big5" means Big5-HKSCS. Labels Python does not know are listed too.
_LABEL_TO_CODEC = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "iso-ir-58": "gb18030",
    "euc-cn": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "unicode-1-1-utf-8": "utf-8",
    # A UTF-16 page without a BOM (the BOM is handled first) is an ASCII-based page
    # mislabelled: browsers read a meta utf-16 as utf-8, and so does this.
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}

# The declaration must sit in the head; 16 KiB covers heads padded with scripts.
_SNIFF_BYTES = 16384
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")

# Characters a wrong decode produces and real Chinese pages almost never hold:
# the replacement character, private-use code points (GBK user-defined area read
# as gb18030, or bytes read in the wrong codec), C1 controls, and pairs of Latin-1
# letters/symbols, which is what UTF-8 or GBK bytes look like read as windows-1252.
_BAD_CHARS = re.compile(
    "[\ufffd\ue000-\uf8ff\u0080-\u009f]|[\u00a0-\u00ff][\u00a0-\u00ff\u0152-\u02dc\u2013-\u2122]"
)
# Allowed share of bad characters among the non-ASCII characters of a strict decode.
_MAX_BAD_SHARE = 0.01
# A page counts as UTF-8 with a few broken bytes (step 3) when at most this share
# of its non-ASCII characters are replacement characters; GBK read as UTF-8 is
# nearly all replacement characters.
_MAX_BROKEN_UTF8_SHARE = 0.02
# Bytes >= 0x80 (deleted to count them), the chunk size of the lenient UTF-8 read, and the
# UTF-8 forms of private-use characters U+F000-U+F8FF and of U+FFFD.
_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_CHUNK = 8192
_EF_BAD_CHARS = re.compile(rb"\xef(?:[\x80-\xa3]|\xbf\xbd)")


def decode_html(body: bytes | str, header_encoding: str | None = None) -> str:
    """The text of an HTML page, decoded by what its bytes are, not what it says.

    `header_encoding` is the charset of the HTTP Content-Type header, if any. A
    `str` body is returned unchanged.
    """
    if isinstance(body, str):
        return body
    return _decode(_as_bytes(body), header_encoding)[0]


def html_as_utf8(body: bytes | str, header_encoding: str | None = None) -> bytes:
    """`decode_html`'s text encoded as UTF-8, which is what the HTML parser reads.

    A page that is valid UTF-8 already comes back as it is, not decoded and re-encoded.
    """
    if isinstance(body, str):
        return body.encode("utf-8")
    text, utf8 = _decode(_as_bytes(body), header_encoding)
    return utf8 if utf8 is not None else text.encode("utf-8")


def _as_bytes(body: object) -> bytes:
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_html needs bytes or str, not {type(body).__name__}")
    return bytes(body)


def _decode(body: bytes, header_encoding: str | None) -> tuple[str, bytes | None]:
    """(text, its UTF-8 encoding when computed on the way, else None)."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), None

    try:
        return body.decode("utf-8"), body
    except UnicodeDecodeError:
        pass

    nearly_utf8 = _nearly_utf8(body)
    if nearly_utf8 is not None and _broken_share(nearly_utf8) <= _MAX_BROKEN_UTF8_SHARE:
        return nearly_utf8, None

    candidates = _candidate_codecs(header_encoding, sniff_declared_encoding(body))
    for codec in candidates:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        plausible, utf8 = _plausible(text)
        if plausible:
            return text, utf8

    if nearly_utf8 is None:
        nearly_utf8 = body.decode("utf-8", errors="replace")
    lenient = [nearly_utf8, *(body.decode(codec, errors="replace") for codec in candidates)]
    return min(lenient, key=lambda text: len(_BAD_CHARS.findall(text))), None


def header_charset(content_type: str) -> str | None:
    """The charset an HTTP Content-Type header names (`text/html; charset=gbk` -> gbk)."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def sniff_declared_encoding(body: bytes) -> str | None:
    """The charset the page declares in its `<meta>` tags or XML declaration."""
    head = body[:_SNIFF_BYTES]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def codec_for_label(label: str | None) -> str | None:
    """The Python codec to decode a declared charset label with, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LABEL_TO_CODEC:
        return _LABEL_TO_CODEC[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _LABEL_TO_CODEC.get(name, name)


def _candidate_codecs(header_label: str | None, meta_label: str | None) -> list[str]:
    """Declared codecs (header first), then gb18030; utf-8 is tried before these."""
    ordered = [codec_for_label(header_label), codec_for_label(meta_label), "gb18030"]
    candidates: list[str] = []
    for codec in ordered:
        if codec and codec not in candidates and codec not in ("utf-8", "utf-8-sig"):
            candidates.append(codec)
    return candidates


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _broken_share(text: str) -> float:
    return text.count("\ufffd") / max(1, _non_ascii_count(text))


def _bad_share(text: str) -> float:
    return len(_BAD_CHARS.findall(text)) / max(1, _non_ascii_count(text))


def _nearly_utf8(body: bytes) -> str | None:
    """The body read as UTF-8 with replacement characters; None as soon as more of it is
    broken than step 3 allows (GBK read as UTF-8 is found out in the first chunk or two).

    Every non-ASCII character takes at least one byte >= 0x80, so the replacement
    characters of the chunks read so far, over all such bytes, bound the share from below.
    """
    high_bytes = len(body) - len(body.translate(None, _HIGH_BYTES))
    too_many = _MAX_BROKEN_UTF8_SHARE * max(1, high_bytes) + 1  # + 1: no float tie decides
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pieces: list[str] = []
    broken = 0
    for start in range(0, len(body), _UTF8_CHUNK):
        piece = decoder.decode(body[start: start + _UTF8_CHUNK], final=start + _UTF8_CHUNK >= len(body))
        broken += piece.count("\ufffd")
        if broken > too_many:
            return None
        pieces.append(piece)
    return "".join(pieces)


def _plausible(text: str) -> tuple[bool, bytes | None]:
    """(whether a strict decode passes the bad-character check, the text as UTF-8).

    Each bad match starts with a character encoded in UTF-8 as a byte C2, C3 or EE, or as
    EF 80-A3 (U+F000-U+F8FF) or EF BF BD (U+FFFD): counting those bytes bounds the number
    of matches from above, so the regex only runs on pages that may fail.
    """
    try:
        utf8 = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: no shortcut
        return _bad_share(text) <= _MAX_BAD_SHARE, None
    non_ascii = max(1, _non_ascii_count(text))
    at_most = (utf8.count(b"\xc2") + utf8.count(b"\xc3") + utf8.count(b"\xee")
               + len(_EF_BAD_CHARS.findall(utf8)))
    if at_most / non_ascii <= _MAX_BAD_SHARE:
        return True, utf8
    return _bad_share(text) <= _MAX_BAD_SHARE, utf8
