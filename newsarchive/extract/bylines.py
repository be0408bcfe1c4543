"""Bylines, editor lines and agency credits -> ordered `Credit`s.

Chinese newspapers print credits in many shapes: `■本报通讯员梅花宋思亮陈宏如`,
`(记者 王涛)`, `本报见习记者唐宁本报记者谭文佳李超`, `文/图 本报记者 赵六`,
`齐鲁晚报·齐鲁壹点记者 王杰 报道`, `责任编辑：王五`, `据新华社`, a dateline opening a
paragraph (`本报济宁6月8日讯(记者张彦彦)为…`) or a trailing `(记者 王涛)`.

A credit line is read as a sequence of role words, each followed by the names it
governs: `记者 张三 通讯员 李四` is 张三 (记者), 李四 (通讯员). Decisions:

- Roles are normalised: every kind of reporter (本报/全媒体/融媒体/特派/首席/特约记者)
  is 记者; 见习记者 stays 见习记者; 实习记者 and 实习生 are 实习生; 摄影, 摄, 摄影报道,
  图 and a closing 摄 (`杨文道摄`, `记者 张三 摄`, `蔡雪婧/摄`) are 摄影. A closing 摄
  or /文 credits the names since the previous role word or closing word only
  (`本报记者 张三/文 李四/图` is 张三 (记者), 李四 (摄影)); a photo word with no names
  of its own passes the photos to the next role word (`图/本报记者 李四` is 摄影).
- `记者 X 摄影报道` is 记者 (PORTAL.md: a reporter's report with pictures); 摄影报道 after
  names with no role (`张三 摄影报道`) is 摄影. A closing 摄 is 摄影 whatever role word
  stands before the names (PORTAL.md's `X 摄`): `本报记者 X 摄` credits X's picture.
- `X/文 Y/图` is X (None), Y (摄影): a 文 or 图 glued to a name by a slash closes it.
- In brackets a reporter's title may follow the name: `（储冰 记者）` is 储冰 (记者).
- After a role word and a space, a 2-3 character name whose surname is in no list
  (`通讯员 琚海燕`) is still a name; glued or without a role word it must be a known one.
- 文/图, 文, 作者, 撰文, 执笔 give role None: the page states no reporter role. When a
  role word follows (`文/图 本报记者 赵六`) the names get that role, since they stand
  after it.
- Editors (kind "editor"): 责任编辑 and 责编 -> 责任编辑; 编辑 (本版/网络/值班编辑) ->
  编辑; 初审编辑 and 初审 -> 初审编辑; 复审, 终审, 审核, 校对, 美编, 主编 as printed.
- Agencies (kind "agency", role None) are not people: `据新华社`, `新华社北京5月6日电`,
  `(新华社)`; bare names in a dateline's brackets (`中新网菏泽3月5日电 (王涛)`) are its
  reporters, role None. Column teams printed alone (`本报评论员`, `本报记者组`, `本报编辑部`) are
  agency credits named as printed; with names after them (`本报评论员 张三`) the
  names are authors with role None.
- An outlet before a role word (`齐鲁晚报·齐鲁壹点记者`, `大众日报记者`, `本报`) is not a
  name and gives no credit; neither does a place (`上海报道`, `发自北京`) or
  `受访者供图`.
- Joined names are split by `split_names`; a Latin alias in brackets right after a
  Chinese name (`周思博 (Joel Spolsky)`) is the same person and is dropped.
- Traditional script role words (記者, 通訊員, 編輯, 實習生, 攝影) read as simplified;
  names are kept as printed.

The words themselves (role words, labels, counters) live in newsarchive/extract/lexicon.py.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from newsarchive.extract.lexicon import (
    CLOSING_PHOTO_WORDS,
    CLOSING_TEXT_WORDS,
    CORRESPONDENT_WORDS,
    COUNTER_LABELS,
    DATE_LABELS,
    EDITOR_WORDS,
    INTERN_WORDS,
    OTHER_FIELD_LABELS,
    OWN_OUTLET_WORDS,
    PAGE_WIDGET_WORDS,
    REPORTER_WORDS,
    ROLE_WORDS,
    SIMPLIFIED_ROLE_CHARS,
    SOURCE_LABELS,
    TEAM_WORDS,
    TRADITIONAL_ROLE_CHARS,
    RoleWord,
    alternation,
    opening_with,
)
from newsarchive.extract.surnames import (
    GIVEN_NAME_CHARS,
    MINORITY_NAME_OPENINGS,
    TOP_SURNAMES,
    TRADITIONAL_SURNAMES,
    is_compound_surname,
    surname_log_prob,
)
from newsarchive.items import Credit, CreditKind

__all__ = ["dateline_credits", "is_byline", "parse_credits", "split_names"]

# A page asks about the same line several times (is it a byline? its credits? a dateline?),
# and a site repeats its credit and editor lines on every page: the readings of recent
# lines are kept (they depend on the text alone).
_RECENT_LINES = 4096

# --- joined names -------------------------------------------------------------

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN_RE = re.compile(rf"[{_CJK}]+")

# Prior on the length of a given name: most modern names have two characters.
_GIVEN_LENGTH_LOG_PRIOR = {1: math.log(0.2), 2: math.log(0.8)}
_COMMON_GIVEN_LOG_PROB = math.log(1 / 300)
_OTHER_GIVEN_LOG_PROB = math.log(1 / 3000)
# A frequent surname that is rare in given names (李, 王, 张 …) inside a run almost
# always opens the next name.
_SURNAME_AS_GIVEN_LOG_PROB = math.log(1 / 30000)
_MINORITY_NAME_LOG_PROB = math.log(2e-4) + 2 * _COMMON_GIVEN_LOG_PROB


def _given_log_prob(char: str) -> float:
    char = TRADITIONAL_SURNAMES.get(char, char)
    if char in GIVEN_NAME_CHARS:
        return _COMMON_GIVEN_LOG_PROB
    if char in TOP_SURNAMES:
        return _SURNAME_AS_GIVEN_LOG_PROB
    return _OTHER_GIVEN_LOG_PROB


def _names_starting_at(run: str, start: int) -> list[tuple[int, float]]:
    """(length, log score) of every name that may open at `start`: surname + 1-2 chars."""
    candidates: list[tuple[int, float]] = []
    if run[start : start + 2] in MINORITY_NAME_OPENINGS and start + 4 <= len(run):
        candidates.append((4, _MINORITY_NAME_LOG_PROB))
    surnames = [run[start]]
    if is_compound_surname(run[start : start + 2]):
        # A compound surname is read whole; its first character alone is not tried.
        surnames = [run[start : start + 2]]
    for surname in surnames:
        prior = surname_log_prob(surname)
        if prior is None:
            continue
        for given_length in (1, 2):
            end = start + len(surname) + given_length
            if end > len(run):
                break
            given = run[start + len(surname) : end]
            score = prior + _GIVEN_LENGTH_LOG_PRIOR[given_length]
            score += sum(_given_log_prob(c) for c in given)
            candidates.append((end - start, score))
    return candidates


def _best_split(run: str) -> list[str] | None:
    """The most likely reading of `run` as names that all open with a known surname."""
    # best[i]: (score, names) of the best reading of run[:i]; ties keep the reading
    # found first (shorter first name), so the result is deterministic.
    best: list[tuple[float, tuple[str, ...]] | None] = [None] * (len(run) + 1)
    best[0] = (0.0, ())
    for start in range(len(run)):
        reached = best[start]
        if reached is None:
            continue
        score_so_far, names = reached
        for length, score in _names_starting_at(run, start):
            end = start + length
            total = score_so_far + score
            known = best[end]
            if known is None or total > known[0] + 1e-9:
                best[end] = (total, names + (run[start:end],))
    whole = best[-1]
    return list(whole[1]) if whole is not None else None


def split_names(run: str) -> list[str]:
    """Split a run of joined names: `梅花宋思亮陈宏如` -> [梅花, 宋思亮, 陈宏如].

    A run of up to three characters is one name; so is a non-Chinese name
    (`John Smith`), a name with a middle dot (`阿不都·热合曼`), a four-character
    name with a compound surname (`欧阳晓明`) or a Tibetan name (`格桑边觉`). Longer
    runs are read by a dynamic programme over split points: each name opens with a
    known surname and has a one- or two-character given name, scored by surname
    frequency, the given-name characters and the length prior. A run with no such
    reading (a pen name such as `芊草凡凡`) is kept whole.
    """
    run = _require_text(run).strip()
    if not run:
        return []
    if not _CJK_RUN_RE.fullmatch(run) or len(run) <= 3:
        return [run]
    if len(run) == 4 and (is_compound_surname(run[:2]) or run[:2] in MINORITY_NAME_OPENINGS):
        return [run]
    return _best_split(run) or [run]


# A transliterated or minority name: `阿不都·热合曼`, `赫德里克·史密斯`.
_DOTTED_NAME_RE = re.compile(rf"[{_CJK}]{{1,6}}(?:·[{_CJK}]{{1,6}}){{1,3}}")
# Words that make a short run a reference to a person rather than a name.
_NOT_A_NAME_WORDS = ("某", "先生", "女士", "小姐", "同志", "师傅", "老师", *REPORTER_WORDS, *EDITOR_WORDS)
_NOT_A_NAME_RE = re.compile(alternation(_NOT_A_NAME_WORDS))  # one search, not one per word


def _is_known_name(name: str) -> bool:
    """A Chinese name that opens with a known surname (or a minority name) and is 2-4 long."""
    if not 2 <= len(name) <= 4 or not _CJK_RUN_RE.fullmatch(name):
        return False
    if name[:2] in MINORITY_NAME_OPENINGS:
        return len(name) == 4
    if is_compound_surname(name[:2]):
        return len(name) >= 3
    if len(name) == 4:
        return False
    return surname_log_prob(name[0]) is not None and _NOT_A_NAME_RE.search(name) is None

# --- normalisation ------------------------------------------------------------

# Traditional -> simplified, one character for one so offsets stay valid; only the
# characters of role words, agencies and datelines (names are kept as printed).
_ROLE_CHARS_TO_SIMPLIFIED = str.maketrans(TRADITIONAL_ROLE_CHARS, SIMPLIFIED_ROLE_CHARS)
# str.translate looks every character up: most text holds no traditional role character.
_TRADITIONAL_ROLE_CHAR = re.compile(f"[{re.escape(TRADITIONAL_ROLE_CHARS)}]")
# The full-width marks of Chinese text and U+3000, each with the one ASCII character NFKC
# makes of it. Replacing a character with its compatibility decomposition leaves the NFKC
# form unchanged; once they are replaced, most text is in NFKC already, which
# `unicodedata.is_normalized` tells far faster than `normalize` rewrites the text.
_FULL_WIDTH_MARKS = tuple((mark, unicodedata.normalize("NFKC", mark)) for mark in "，：（）；！？\u3000")

_DECORATION = "■□●◆◇▲△★☆▼►◎※•・◢◣"
_OPENING_BRACKETS = "([【「『〔<"
_CLOSING_BRACKETS = ")]】」』〕>"
_SEPARATOR_PUNCTUATION = (
    ",、;:|/\\" + _DECORATION + "-—–_*~()[]【】「」『』〔〕<>〈〉\"'“”‘’"
)
_SEPARATOR_CLASS = r"\s" + re.escape(_SEPARATOR_PUNCTUATION)
_TOKEN_RE = re.compile(
    # A Latin name keeps its inner single spaces (`John Smith`).
    r"[A-Za-z][A-Za-z0-9.'&]*(?: [A-Za-z][A-Za-z0-9.'&]*)*"
    rf"|[^{_SEPARATOR_CLASS}]+"
)
# A Latin alias in brackets right after a Chinese name: `周思博 (Joel Spolsky)`.
_LATIN_ALIAS_RE = re.compile(rf"(?<=[{_CJK}])\s*\(\s*[A-Za-z][A-Za-z .'\-]*\)")


def _require_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"bylines read text (str), not {type(value).__name__}")
    return value


def _simplified(text: str) -> str:
    """`text` with traditional role characters simplified, one for one."""
    return text.translate(_ROLE_CHARS_TO_SIMPLIFIED) if _TRADITIONAL_ROLE_CHAR.search(text) else text


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), the common case of Chinese text made cheap."""
    folded = text
    for mark, ascii_mark in _FULL_WIDTH_MARKS:
        folded = folded.replace(mark, ascii_mark)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=_RECENT_LINES)
def _normalise(text: str) -> str:
    # NFKC folds full-width punctuation, colons, slashes, brackets and U+3000.
    text = _nfkc(text)
    text = text.replace("\u200b", "").replace("\ufeff", "")
    if "(" in text:  # the alias's bracket: the regex tries every position otherwise
        text = _LATIN_ALIAS_RE.sub("", text)
    return text.strip()


def _strip_decoration(text: str) -> tuple[str, bool]:
    """Remove leading ■/□/● marks and enclosing brackets; say if round ones were.

    Round brackets hold credits (`(袁源)`); square ones mostly hold tags (`[法制]`).
    """
    bracketed = False
    while True:
        stripped = text.strip().lstrip(_DECORATION).strip()
        if (
            len(stripped) >= 2
            and stripped[0] in _OPENING_BRACKETS
            and stripped[-1] == _CLOSING_BRACKETS[_OPENING_BRACKETS.index(stripped[0])]
        ):
            stripped, bracketed = stripped[1:-1], bracketed or stripped[0] == "("
        if stripped == text:
            return text, bracketed
        text = stripped


# --- role words ---------------------------------------------------------------


# Fields of an info line that are not credits: their values are skipped.
_INFO_LABELS = (*SOURCE_LABELS, *DATE_LABELS, *COUNTER_LABELS, *OTHER_FIELD_LABELS)
_OWN_OUTLET = alternation(OWN_OUTLET_WORDS)
_MARKER_RE = re.compile(
    opening_with((*OWN_OUTLET_WORDS, *ROLE_WORDS, *_INFO_LABELS))
    + rf"(?:(?P<own>{_OWN_OUTLET})?"
    rf"(?P<word>{alternation(ROLE_WORDS)})"
    r"(?P<colon>\s*:)?"
    rf"|(?P<info>{alternation(_INFO_LABELS)})\s*:)"
)


# Known news agencies and national outlets credited as `据新华社`, `(新华社)`.
_AGENCIES = (
    "新华社", "中新社", "中国新闻社", "中新网", "新华网", "人民网", "人民日报", "人民日报社",
    "央视新闻", "央视网", "央广网", "中央广播电视总台", "央视", "总台", "中国日报", "光明日报",
    "经济日报", "中国青年报", "澎湃新闻", "环球网", "环球时报", "中国网", "新京报",
    "路透社", "法新社", "美联社", "共同社", "塔斯社", "韩联社", "彭博社", "合众社", "安莎社",
)
_AGENCY_ALT = "|".join(sorted(_AGENCIES, key=len, reverse=True))
# An outlet's own name before a role word: ends like a publication or has a middle dot.
_OUTLET_RE = re.compile(
    rf"(?:.*(?:{_AGENCY_ALT})|.*(?:报|报社|网|台|社|频道|客户端|新闻|杂志|周刊|壹点|交汇点|APP|app|\+|·.+)"
    r"|本报.+|.*驻.+|[A-Za-z0-9.]+)"
)
# Words that may precede a credit without being one (`整合 新华日报·交汇点记者 …`).
_LEAD_WORDS = {"整合", "综合", "联合", "本报讯", "讯", "稿件"}
# Team credits printed alone: not people.
_TEAM_RE = re.compile(
    rf"(?:{_OWN_OUTLET}|{_AGENCY_ALT}|[{_CJK}]{{2,10}}?(?:报|网|台|社))?(?:特约)?"
    rf"(?:{alternation(TEAM_WORDS)})"
)
# `据新华社`, `新华社电`, `据新华社北京5月6日电`, `据《齐鲁晚报》报道`.
_AGENCY_LINE_RE = re.compile(
    rf"(?P<by>据)?\s*(?P<agency>{_AGENCY_ALT}|《[^》]{{1,20}}》)"
    rf"(?P<dateline>[{_CJK}]{{0,8}}(?:\d{{1,4}}年)?(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯|消息|报道))?"
    rf"|据\s*(?P<outlet>[{_CJK}]{{2,12}}?(?:报|网|台|社|新闻|客户端))"
    r"(?:电|讯|消息|报道)?"
)
_DATE_OR_URL_RE = re.compile(
    r"\d{2,4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?|\d{1,2}月\d{1,2}日|\d{1,2}:\d{2}(?::\d{2})?"
    r"|https?:\S*|www\.\S*|\d+"
)
# A name in Latin letters (`John Smith`), read whole.
_LATIN_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9.'& ]*")
# `山东冠县报道`, `发自北京`: a place closing a token, no name.
_REPORTED_FROM_RE = re.compile(r"(?:报道|发自.*)$")
# A sentence inside the text (other than a full stop closing it): no credit line.
_SENTENCE_MARK_RE = re.compile(r"[。!?;]")
_AGENCY_RE = re.compile(_AGENCY_ALT)
# A name glued to a closing photo word: `杨文道摄`.
_PHOTO_SUFFIX_RE = re.compile(
    rf"^(?P<name>.{{2,}}?)(?P<suffix>{alternation(w for w in CLOSING_PHOTO_WORDS if w.startswith('摄'))})$"
)
# Tokens that credit nobody: `受访者供图`, `报道`, `发自北京`, `佚名`.
_DROPPED_TOKEN_RE = re.compile(
    r".*(?:供图|图片|资料图|视频|截图)|报道.*|发自.*|受访者|佚名|匿名|不详|未知"
)
# A CMS code printed after an editor's name: `责任编辑：张三 HN666`.
_EDITOR_CODE_RE = re.compile(r"[A-Za-z]{1,4}\d{2,}")
# Counters and buttons printed next to an author field: `作者:zboygirl 阅读(1660)`.
_PAGE_WIDGET_WORDS = {*COUNTER_LABELS, *PAGE_WIDGET_WORDS}
# A token that is only a photo or text word after names (`张三 摄`, `马俊峰/文`).
_PHOTO_WORDS = CLOSING_PHOTO_WORDS
_TEXT_WORDS = CLOSING_TEXT_WORDS


@dataclass
class _Reading:
    credits: list[Credit] = field(default_factory=list)
    has_role: bool = False  # a role word, a closing 摄 or /文, or an agency was read
    bracketed: bool = False  # the whole line stood in brackets: `(袁源)`


@dataclass
class _Marker:
    start: int
    end: int
    role: RoleWord | None  # None: an info-line label whose value is skipped
    colon: bool
    own_outlet: bool
    word: str = ""


def _is_separator(char: str) -> bool:
    return char.isspace() or char in _SEPARATOR_PUNCTUATION


def _markers(key: str) -> list[_Marker]:
    markers = []
    for match in _MARKER_RE.finditer(key):
        if match["info"]:
            markers.append(_Marker(match.start(), match.end(), None, True, False))
            continue
        role = ROLE_WORDS[match["word"]]
        glued = match.start() > 0 and not _is_separator(key[match.start() - 1])
        if match["word"] == "文/图" and glued and _SLASH_TEXT_BEFORE.search(key, 0, match.start()):
            continue  # `汤菲/文 万凡文/图`: after `X/文`, the name is 万凡文 and `/图` closes it
        if role.needs_separator and not match["own"]:
            before = key[match.start() - 1] if match.start() else " "
            after = key[match.end("word") : match.end("word") + 1] or " "
            if not _is_separator(before) or not _is_separator(after):
                continue
            if _closes_after_slash(key, match.start(), match["word"]):
                continue  # `王涛/文 李明/图`: a closing word, read with the names before it
        markers.append(
            _Marker(match.start(), match.end(), role, bool(match["colon"]), bool(match["own"]), match["word"])
        )
    return markers


_SLASH_TEXT_BEFORE = re.compile(r"[^\s/]/文\s")


def _closes_after_slash(key: str, start: int, word: str) -> bool:
    """`张三/文`, `李四/图`: a text or photo word right after a slash glued to a name."""
    return (
        word in CLOSING_TEXT_WORDS | CLOSING_PHOTO_WORDS
        and start >= 2
        and key[start - 1] == "/"
        and not _is_separator(key[start - 2])
        and (start + len(word) == len(key) or key[start + len(word)] != "/")
    )


def _tokens(text: str, key: str) -> list[tuple[str, str]]:
    """Tokens of `text` as (as printed, with role characters simplified) pairs."""
    return [(m.group(), key[m.start() : m.end()]) for m in _TOKEN_RE.finditer(text)]


def _names_of(token: str, *, labelled: bool) -> list[str] | None:
    """The names in one token, or None when the token does not read as names.

    After a role word with a colon (`作者:`, `编辑:`) a pen name (`芊草凡凡`,
    `放飞&心情`) is accepted whole; elsewhere every name must open with a known surname.
    """
    if _LATIN_NAME_RE.fullmatch(token):
        return [token]
    if _CJK_RUN_RE.fullmatch(token.replace("·", "")) is None:
        return [token] if labelled and len(token) <= 12 and not token.isdigit() else None
    if len(token) < 2 or _NOT_A_NAME_RE.search(token):
        return None
    if "·" in token:
        return [token] if _DOTTED_NAME_RE.fullmatch(token) else None
    names = split_names(token)
    if all(_is_known_name(n) for n in names):
        return names
    if labelled and len(token) <= 8 and not _OUTLET_RE.fullmatch(token):
        return [token]
    return None


def _read_zone(
    text: str, key: str, role: RoleWord | None, *, labelled: bool, lead: bool
) -> tuple[list[Credit], bool] | None:
    """Credits for the names that follow one role word (or open the line, `lead`).

    `key` is `text` with role characters simplified (same length). Returns the
    credits and whether a closing role word (摄, /文) was read; None when something
    in the zone is not a name, a place, a suffix or an outlet: the text is then not
    a credit line.
    """
    tokens = _tokens(text, key)
    if lead:
        tokens = [(t, k) for t, k in tokens if k not in _LEAD_WORDS and not _OUTLET_RE.fullmatch(k)]
    kind: CreditKind = role.kind if role else "author"
    zone_role = role.role if role else None
    spaced_role = zone_role is not None and bool(text) and _is_separator(text[0])
    credits: list[Credit] = []
    # Names read since the last closing word: a closing 摄 or /文 applies to them only
    # (`本报记者 张三/文 李四/图` is 张三 (记者), 李四 (摄影)).
    pending: list[str] = []
    closing_role = False

    def settle(name_role: str | None) -> None:
        credits.extend(Credit(n, name_role, kind) for n in pending)
        pending.clear()

    index = 0
    while index < len(tokens):
        token, token_key = tokens[index]
        index += 1
        if (
            _DATE_OR_URL_RE.fullmatch(token_key)
            or token_key in _PAGE_WIDGET_WORDS
            or _EDITOR_CODE_RE.fullmatch(token_key)
        ):
            continue
        if token_key in _PHOTO_WORDS and pending:
            settle("摄影" if kind == "author" else zone_role)
            closing_role = True
            continue
        if token_key in _TEXT_WORDS and pending:
            settle(zone_role)
            closing_role = True
            continue
        if _DROPPED_TOKEN_RE.fullmatch(token_key):
            continue
        if token_key.endswith("报道") and (pending or credits):
            continue  # a place: `山东冠县报道`
        agency = _agency_of(token_key)
        if agency:
            credits.append(Credit(agency, None, "agency"))
            continue
        token_key = _REPORTED_FROM_RE.sub("", token_key)
        suffix = _PHOTO_SUFFIX_RE.match(token_key)
        glued_photo = bool(suffix and _names_of(token[: suffix.end("name")], labelled=False))
        if glued_photo and suffix:
            token_key = suffix["name"]
        token = token[: len(token_key)]
        if (
            len(token) == 1
            and index < len(tokens)
            and len(tokens[index][0]) == 1
            and surname_log_prob(token) is not None
        ):
            # Two-character names are often padded to three: `王　涛`.
            token += tokens[index][0]
            index += 1
        # A pen name may only open the zone: `作者:赵培:北京物资学院` is no credit line.
        found = _names_of(token, labelled=labelled and not (pending or credits))
        if found is None and spaced_role and _is_unlisted_name(token):
            found = [token]  # `通讯员 琚海燕`: a rare surname, set apart after a role word
        if found is None:
            return None
        pending.extend(found)
        if glued_photo:
            settle("摄影" if kind == "author" else zone_role)
            closing_role = True
    settle(zone_role)
    return credits, closing_role


def _only_names(credits: list[Credit]) -> bool:
    return bool(credits) and all(c.kind == "author" and _is_known_name(c.name) for c in credits)


def _is_unlisted_name(token: str) -> bool:
    """A one-name token (2-3 Chinese characters) whose surname is not in the lists."""
    return (
        2 <= len(token) <= 3
        and _CJK_RUN_RE.fullmatch(token) is not None
        and _NOT_A_NAME_RE.search(token) is None
        and not _OUTLET_RE.fullmatch(token)
    )


def _agency_of(token: str, *, bare: bool = True) -> str | None:
    """The agency credited by `据新华社`, `新华社电`, `据《齐鲁晚报》报道`, or `新华社`.

    A bare name (`人民网`, `《理财周刊》`) is a credit only with `bare` (inside
    brackets or among names); standing alone it is a link or a title.
    """
    match = _AGENCY_LINE_RE.fullmatch(token)
    if match is None:
        return None
    if match["outlet"]:
        return match["outlet"]
    if not (bare or match["by"] or match["dateline"]):
        return None
    if match["agency"].startswith("《") and not (match["by"] or match["dateline"]):
        return None
    return match["agency"].strip("《》")


@lru_cache(maxsize=_RECENT_LINES)
def _read(text: str) -> _Reading | None:
    """Read `text` as a credit line; None when it is not one (shared: callers never change it)."""
    text, bracketed = _strip_decoration(_normalise(text))
    if not text or len(text) > 120 or _SENTENCE_MARK_RE.search(text.rstrip("。.")):
        return None
    key = _simplified(text)
    if _TEAM_RE.fullmatch(key):
        return _Reading([Credit(text, None, "agency")], True, bracketed)
    agency = _agency_of(key, bare=bracketed)
    if agency:
        return _Reading([Credit(agency, None, "agency")], True, bracketed)
    markers = _markers(key)
    reading = _Reading(has_role=any(m.role for m in markers), bracketed=bracketed)
    lead_end = markers[0].start if markers else len(text)
    unknown_outlet = False
    closes = _closes_names(markers, text, bracketed)
    if markers and not closes:
        # Text glued to the first role word is its outlet, whatever its shape
        # (`潇湘晨报十几度记者`, `南方+记者`): names stand after their role word. An
        # outlet of unknown shape must be followed by clear names (`经记者查实` is not).
        glued_start = _glued_token_start(key[:lead_end])
        glued = key[glued_start:lead_end]
        unknown_outlet = bool(glued) and not _OUTLET_RE.fullmatch(glued)
        lead_end = glued_start
    # A lone token is an author field's value (`芊草凡凡`): read it like a labelled one.
    lone = not markers and len(_tokens(text, key)) == 1
    lead = _read_zone(text[:lead_end], key[:lead_end], None, labelled=lone, lead=bool(markers))
    if lead is None:
        return None
    if lead[0] and markers and markers[0].role and not closes:
        return None  # names come after their role word: `文章编辑` is not 文章 (编辑)
    reading.credits.extend(lead[0])
    reading.has_role |= lead[1]
    zone_start = 0  # where the credits of the latest zone start in reading.credits
    # `图/本报记者 李四`: a photo word with no names of its own makes the names of the
    # next role word photographers (a 文/图 word does not: `文/图 本报记者 赵六` is 记者).
    photo_ahead = False
    for position, marker in enumerate(markers):
        end = markers[position + 1].start if position + 1 < len(markers) else len(text)
        zone, zone_key = text[marker.end : end], key[marker.end : end]
        if marker.role is None:
            continue  # the value of 来源:, 发布时间: …
        if not zone.strip() and position + 1 == len(markers) and (marker.role.photo or closes):
            # `张三 李四 摄影`, `（储冰 记者）`: the word closes the names of the zone before it;
            # 摄影报道 after a reporter's names (`记者 张三 摄影报道`) leaves them reporters.
            before = reading.credits[zone_start:]
            if not (marker.word == "摄影报道" and before and all(c.role for c in before)):
                reading.credits[zone_start:] = _with_role(before, marker.role.role)
            continue
        if position + 1 < len(markers) and not markers[position + 1].own_outlet:
            cut = _glued_outlet_start(zone_key)
            zone, zone_key = zone[:cut], zone_key[:cut]
        zone_reading = _read_zone(zone, zone_key, marker.role, labelled=marker.colon, lead=False)
        if zone_reading is None:
            return None
        zone_credits = zone_reading[0]
        if photo_ahead and marker.role.kind == "author":
            zone_credits = _as_photographers(zone_credits)
        photo_ahead = marker.role.photo and not zone_credits
        zone_start = len(reading.credits)
        reading.credits.extend(zone_credits)
    if unknown_outlet or (bracketed and not reading.has_role):
        # `(袁源)`: bare names in brackets are a credit only if they are clearly names,
        # not `(韩国版)` or `[法制]`.
        if not all(_is_plain_name(c.name) for c in reading.credits if c.kind == "author"):
            return None
    reading.credits = list(dict.fromkeys(reading.credits))
    return reading


def _as_photographers(credits: list[Credit]) -> list[Credit]:
    return _with_role(credits, "摄影")


def _with_role(credits: list[Credit], role: str | None) -> list[Credit]:
    return [Credit(c.name, role, c.kind) if c.kind == "author" else c for c in credits]


def _closes_names(markers: list[_Marker], text: str, bracketed: bool) -> bool:
    """True for a word that ends the line after names: `李四 摄影`, `张三 整理`, and in
    brackets a reporter's title after the name (`（储冰 记者）`)."""
    if len(markers) != 1 or markers[0].role is None or text[markers[0].end :].strip():
        return False
    role = markers[0].role
    return role.photo or (role.kind == "author" and (role.role is None or bracketed))


def _is_plain_name(name: str) -> bool:
    """A known-surname name whose given name uses only common given-name characters."""
    if not _is_known_name(name):
        return False
    surname_length = 2 if is_compound_surname(name[:2]) else 1
    return all(c in GIVEN_NAME_CHARS for c in name[surname_length:])


def _glued_token_start(zone_key: str) -> int:
    """Where the token glued to the role word after `zone_key` starts (its end if none)."""
    if not zone_key or _is_separator(zone_key[-1]):
        return len(zone_key)
    return len(zone_key) - len(_TOKEN_RE.findall(zone_key)[-1])


def _glued_outlet_start(zone_key: str) -> int:
    """Where an outlet glued to the next role word starts (`张三 大众日报` + `记者`)."""
    start = _glued_token_start(zone_key)
    glued = zone_key[start:]
    if glued and _OUTLET_RE.fullmatch(glued) and not _names_of(glued, labelled=False):
        return start
    return len(zone_key)


def parse_credits(text: str) -> list[Credit]:
    """Credits of a byline line or an info-line field, in order; [] if it is not one.

    `本报记者 张三 通讯员 李四` -> [张三 (记者), 李四 (通讯员)]; `责任编辑：王五` ->
    [王五 (责任编辑, editor)]; `据新华社` -> [新华社 (agency)]. An info line may be
    passed whole (`来源：巴彦淖尔日报 编辑：苏亮`): the 来源 and date fields are
    skipped. Bare names (`宋怡 杨志华`, an 作者 field's value) are authors with role
    None. Where a role word has a colon (`作者：芊草凡凡`), or the text is one token
    (`芊草凡凡`), a pen name is accepted; elsewhere each name must open with a known
    surname.
    """
    reading = _read(_require_text(text))
    return list(reading.credits) if reading else []


@lru_cache(maxsize=_RECENT_LINES)
def is_byline(paragraph: str) -> bool:
    """True when the paragraph is only a credit line, so it is not body.

    A byline needs a role word (摄 and /文 closing names count), an agency, or
    brackets around names that open with known surnames (`(袁源)`): a bare name
    without them (`袁源`, `■ 高效率`) could be a heading and stays body. A dateline
    with nothing after it (`新华社北京5月6日电`, `本报讯(记者 张三)`) is a credit line
    too.
    """
    reading = _read(_require_text(paragraph))
    if reading is not None:
        return bool(reading.credits) and (reading.has_role or reading.bracketed)
    text = _normalise(paragraph).lstrip(_DECORATION + " ")
    dateline = _DATELINE_RE.fullmatch(_simplified(text))
    return dateline is not None and bool(dateline_credits(text))


# A dateline opening a paragraph: `本报济宁6月8日讯(记者张彦彦)`, `新华社北京5月6日电`,
# `本报讯 （实习记者 樊亮 记者惠禾）`, `据新华社拉萨电（记者 格桑边觉）`.
_DATELINE_RE = re.compile(
    rf"(?P<lead>据?(?P<outlet>[{_CJK}·]{{0,16}}?)(?:\d{{4}}年)?(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯|消息))"
    r"(?:\s*\((?P<credits>[^()]{1,80})\))?"
)
# A credit line opening a paragraph without brackets: `齐鲁晚报·齐鲁壹点记者 王杰 报道`.
_OPENING_CREDIT_RE = re.compile(
    rf"[^,。()!?;:]{{0,30}}?(?:{alternation((*REPORTER_WORDS, *CORRESPONDENT_WORDS, *INTERN_WORDS))})"
    rf"[^,。()!?;:]{{1,40}}?(?:报道|发自[{_CJK}]{{1,8}})"
)
_TRAILING_CREDIT_RE = re.compile(r"\((?P<credits>[^()]{2,80})\)\s*[。.]?\s*$")


def _dateline_lead_credits(match: re.Match[str]) -> list[Credit]:
    outlet = _simplified(match["outlet"])
    agency = _AGENCY_RE.match(outlet)
    return [Credit(agency.group(), None, "agency")] if agency else []


def dateline_credits(paragraph: str) -> list[Credit]:
    """Credits in a dateline opening the paragraph or in brackets closing it.

    `本报济宁6月8日讯(记者张彦彦)为进一步…` -> [张彦彦 (记者)];
    `新华社北京5月6日电(记者 李明)…` -> [新华社 (agency), 李明 (记者)];
    `齐鲁晚报·齐鲁壹点记者 王杰 报道 …` -> [王杰 (记者)];
    `…责令限期进行整改。(记者 王涛)` -> [王涛 (记者)]. The paragraph stays body.
    """
    text = _normalise(_require_text(paragraph)).lstrip(_DECORATION + " ")
    # Same length as text (one character for one), so spans found in it index text.
    key = _simplified(text)
    credits: list[Credit] = []
    body_start = 0
    bracket_read = False
    dateline = _DATELINE_RE.match(key)
    if dateline and dateline["credits"]:
        inner = _read(text[dateline.start("credits") : dateline.end("credits")])
        # `中新网菏泽3月5日电 (王涛)`: bare names in a dateline's brackets are its reporters
        if inner is not None and (inner.has_role or _only_names(inner.credits)):
            credits.extend(_dateline_lead_credits(dateline))
            credits.extend(inner.credits)
            body_start, bracket_read = dateline.end(), True
    elif dateline:
        credits.extend(_dateline_lead_credits(dateline))
        body_start = dateline.end()
    if not bracket_read:
        # `本报北京5月6日电 记者王芳报道 …`, or no dateline: `…记者 王杰 报道 …`
        while body_start < len(key) and key[body_start].isspace():
            body_start += 1
        opening = _OPENING_CREDIT_RE.match(key, body_start)
        if opening:
            credits.extend(parse_credits(text[opening.start() : opening.end()]))
            body_start = opening.end()
    trailing = _TRAILING_CREDIT_RE.search(text, body_start)
    if trailing:
        inner = _read("(" + trailing["credits"] + ")")
        if inner is not None:
            credits.extend(inner.credits)
    return list(dict.fromkeys(credits))
