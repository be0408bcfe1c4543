"""How the extraction benchmark decides that a field is right.

Every tool's output goes through the same normalisation before it is compared with a
label, so the figures differ only by what the tools extract.

- Body: character F1 of the character *multisets* (bags) of the two texts with all
  whitespace (ASCII, full-width U+3000, NBSP, zero-width) removed. Order is ignored:
  an LCS would be O(n*m) per page in Python, and on these pages the errors that
  matter (boilerplate kept, paragraphs lost) show up in the bag as well.
- Dates: both sides become a `DatePoint`, the tuple (year, month, day, hour, minute)
  cut to the precision the text gives (seconds are always dropped). A value with a
  UTC offset is converted to China time (Asia/Shanghai, UTC+8, no DST since 1991);
  a naive value is taken as China time. A label is matched at its own precision: a
  day-only label needs the right day, a label with a time needs the right minute, and
  a value less precise than its label is wrong.
- Authors: ordered lists of names, compared for exact equality after NFKC, case
  folding, dropping whitespace inside a name and dropping repeats (first one kept).
- Headline and source: equal after NFKC and with all whitespace removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

# (year, month, day, hour, minute), cut to the precision the source text gives.
DatePoint = tuple[int, ...]

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")

# Year, then optional month, day, hour:minute(:second(.fraction)) and UTC offset, in
# ISO, slash, dot and 年月日 forms. Anchored on a 4-digit year not glued to digits.
_DATE_RE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})"
    r"(?:\s*[-/.年]\s*(?P<month>\d{1,2})"
    r"(?:\s*[-/.月]\s*(?P<day>\d{1,2})\s*日?"
    r"(?:(?:\s*T\s*|\s+|(?<=日))(?P<hour>\d{1,2})\s*[:：时]\s*(?P<minute>\d{1,2})"
    r"(?:\s*[:：分]\s*\d{1,2}(?:\.\d+)?)?"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?)?)?)?"
    r"(?!\d)"
)

_NAME_SEPARATORS = re.compile(r"[\s;,；，、]+")
_PARENTHESISED = re.compile(r"[(（][^)）]*[)）]")
_UNKNOWN_LABEL = re.compile(r"^\s*UNK", re.IGNORECASE)


@dataclass(frozen=True)
class BodyScore:
    precision: float
    recall: float
    f1: float


def strip_whitespace(text: str) -> str:
    """The text with every kind of whitespace (and zero-width characters) removed."""
    return _INVISIBLE.sub("", text)


def body_score(expected: str, got: str) -> BodyScore:
    """Character-multiset precision, recall and F1 of `got` against `expected`.

    Both empty is a perfect score; one side empty scores 0.
    """
    expected_chars = Counter(strip_whitespace(expected))
    got_chars = Counter(strip_whitespace(got))
    if not expected_chars and not got_chars:
        return BodyScore(1.0, 1.0, 1.0)
    common = sum((expected_chars & got_chars).values())
    if common == 0:
        return BodyScore(0.0, 0.0, 0.0)
    precision = common / sum(got_chars.values())
    recall = common / sum(expected_chars.values())
    return BodyScore(precision, recall, 2 * precision * recall / (precision + recall))


def char_f1(expected: str, got: str) -> float:
    return body_score(expected, got).f1


def parse_date_point(text: str | None) -> DatePoint | None:
    """The first date in `text` as a DatePoint in China time, or None if there is none.

    `2015-06-22T07:21:00+08:00` -> (2015, 6, 22, 7, 21); `2015-06-21T23:21:00Z` ->
    (2015, 6, 22, 7, 21); `2015年6月22日` -> (2015, 6, 22); `1996-3` -> (1996, 3).
    Impossible dates (month 13, 25:00) count as no date.
    """
    if not text:
        return None
    match = _DATE_RE.search(text)
    if match is None:
        return None
    parts = [match["year"], match["month"], match["day"], match["hour"], match["minute"]]
    point = tuple(int(p) for p in parts if p is not None)
    try:
        if len(point) == 5:
            moment = datetime(*point, tzinfo=_parse_offset(match["offset"]) or CHINA_TZ)
            local = moment.astimezone(CHINA_TZ)
            return (local.year, local.month, local.day, local.hour, local.minute)
        datetime(*point, *(1,) * (3 - len(point)))  # validates month and day
    except ValueError:
        return None
    return point


def _parse_offset(offset: str | None) -> timezone | None:
    if offset is None:
        return None
    if offset == "Z":
        return UTC
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def date_matches(label: DatePoint | None, got: DatePoint | None) -> bool:
    """Whether `got` is right at the label's precision; a None label means "no date"."""
    if label is None:
        return got is None
    return got is not None and len(got) >= len(label) and got[: len(label)] == label


def split_names(text: str | None) -> list[str]:
    """A peer's author string as names: split on whitespace, ; , and 、 (both widths)."""
    if not text:
        return []
    return [name for name in _NAME_SEPARATORS.split(text) if name]


def normalise_names(names: Iterable[str]) -> list[str]:
    """Names compared as: NFKC, case-folded, no inner whitespace, repeats dropped."""
    seen: list[str] = []
    for name in names:
        key = strip_whitespace(unicodedata.normalize("NFKC", name)).casefold()
        if key and key not in seen:
            seen.append(key)
    return seen


def authors_match(expected: Iterable[str], got: Iterable[str]) -> bool:
    """Exact, ordered equality of the two name lists after `normalise_names`."""
    return normalise_names(expected) == normalise_names(got)


def same_text(expected: str | None, got: str | None) -> bool:
    """Headline/source equality: NFKC, whitespace removed; None equals only None/''."""
    def key(value: str | None) -> str:
        return strip_whitespace(unicodedata.normalize("NFKC", value or ""))

    return key(expected) == key(got)


# --- CWCED labels -------------------------------------------------------------------


def parse_author_label(label: str) -> list[str] | None:
    """A CWCED author label as the expected names; None when the page is unlabelled.

    An empty label is "unlabelled" (the page does not count for authors); UNKNOWN
    (also the misspelt UNKNWON) means "the page credits nobody", so the right
    answer is no authors. Parenthesised aliases are dropped (`周思博 (Joel Spolsky)`
    is one person), and 、 separates names as spaces do (`赵延东、风笑天`).
    """
    if not label.strip():
        return None
    if _UNKNOWN_LABEL.match(label):
        return []
    return split_names(_PARENTHESISED.sub(" ", label))


@dataclass(frozen=True)
class DateLabel:
    """A CWCED date label: `point` None with `labelled` True means "no date shown"."""

    labelled: bool
    point: DatePoint | None


def parse_date_label(label: str) -> DateLabel:
    """A CWCED date label (`YYYY-M-D H:M:S`, any prefix of it, or UNKNOWN).

    UNKNOWN (or UNKNWON) means the page shows no date, so the right answer is no
    date. An empty label, or one holding no date at all (one CWCED date label holds
    the author's name), leaves the page unlabelled: it does not count for dates.
    Anything else is matched at its own precision, seconds dropped.
    """
    if _UNKNOWN_LABEL.match(label):
        return DateLabel(True, None)
    point = parse_date_point(label)
    return DateLabel(point is not None, point)
