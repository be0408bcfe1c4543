"""One vocabulary: every word in newsarchive/extract/lexicon.py is known to every reader.

The cases are built from the lexicon itself, so a word added there is tested here at once:
each role word credits its names in a byline and in an info line, each source label names
the source, each counter ends it, each portal name gives none, each box heading ends the
body and each caption opening makes the line under a picture its caption.
"""

from __future__ import annotations

from types import MappingProxyType

import pytest

from newsarchive.extract import extract_html, lexicon
from newsarchive.extract.boilerplate import starts_section
from newsarchive.extract.bylines import parse_credits
from newsarchive.extract.infoline import is_source_line, parse_info_line
from newsarchive.items import Credit

NAMES = ("王涛", "欧阳晓明", "濮阳春")
PAPER = "济宁晚报"
URL = "https://www.yybnet.net/jining/news/201506/7713943.html"


def _info(text: str):
    return parse_info_line(text, url=URL, now=None)


@pytest.mark.parametrize("word", sorted(lexicon.ROLE_WORDS))
@pytest.mark.parametrize("name", NAMES)
def test_each_role_word_credits_the_name_after_it(word: str, name: str) -> None:
    meaning = lexicon.ROLE_WORDS[word]
    assert parse_credits(f"{word}：{name}") == [Credit(name, meaning.role, meaning.kind)]


@pytest.mark.parametrize("word", sorted(lexicon.ROLE_WORDS))
@pytest.mark.parametrize("separator", [" ", "", " | "])
def test_each_role_word_is_an_info_line_field(word: str, separator: str) -> None:
    """Also glued to the source before it (adjacent spans: `来源:鲁网作者:王涛`)."""
    if separator == "" and len(word) < 2:
        pytest.skip("a one-character word glued to text is part of it (`鲁网文`)")
    meaning = lexicon.ROLE_WORDS[word]
    info = _info(f"来源:{PAPER}{separator}{word}:王涛 2015-06-22 07:21")
    assert (info.source, info.credits, info.published_at) == (
        PAPER, [Credit("王涛", meaning.role, meaning.kind)], "2015-06-22T07:21:00+08:00")


@pytest.mark.parametrize("label", lexicon.SOURCE_LABELS)
@pytest.mark.parametrize("colon", [":", "："])
def test_each_source_label_names_the_source(label: str, colon: str) -> None:
    assert _info(f"{label}{colon}{PAPER}\u00a0\u00a0[2017-08-25]").source == PAPER


@pytest.mark.parametrize("counter", lexicon.COUNTER_LABELS)
@pytest.mark.parametrize("form", ["{counter}:231", "{counter}：231", "{counter}(231)", " {counter} 231 次"])
def test_each_counter_ends_the_source(counter: str, form: str) -> None:
    info = _info(f"来源:{PAPER}" + form.format(counter=counter) + "发布时间:2015-06-22")
    assert (info.source, info.credits, info.published_at) == (PAPER, [], "2015-06-22")


@pytest.mark.parametrize("other", lexicon.OTHER_FIELD_LABELS + lexicon.DATE_LABELS)
def test_each_other_label_ends_the_source(other: str) -> None:
    assert _info(f"来源:{PAPER}{other}:某某 2015-06-22").source == PAPER


@pytest.mark.parametrize("name", lexicon.PORTAL_NAMES + lexicon.NO_PUBLICATION_VALUES)
@pytest.mark.parametrize("label", ["来源", "稿源", "来源于"])
def test_the_portal_naming_itself_is_no_source(name: str, label: str) -> None:
    assert _info(f"{label}：{name} 2015-06-22 07:21").source is None


@pytest.mark.parametrize("heading", lexicon.BOX_HEADINGS)
def test_each_box_heading_ends_the_body(heading: str) -> None:
    assert starts_section(heading)


def _page(paragraphs: str) -> str:
    return ("<html><head><title>曲阜召开会议_曲阜新闻_地方网</title></head><body><div class='article'>"
            "<h1>曲阜召开会议</h1><div class='info'>来源:济宁晚报 2015-06-22 07:21</div>"
            f"<div class='content'>{paragraphs}</div></div></body></html>")


BODY = ("今年以来，曲阜市围绕健全完善工作机制，扎实开展走访调研活动，取得明显成效。",
        "据了解，该县依托特色产业带动周边群众增收，户均年增收8000余元，受到群众广泛好评。")


@pytest.mark.parametrize("opening", lexicon.CAPTION_OPENINGS + tuple(lexicon.CAPTION_POINTERS))
def test_a_line_opening_like_a_caption_under_a_picture_is_its_caption(opening: str) -> None:
    """PORTAL.md: `图为…` under a picture is its caption, not body (a second definition of
    the caption marks once switched this rule off)."""
    line = f"{opening}曲阜市志愿者在活动现场为群众服务"
    html = _page(f"<p>{BODY[0]}</p><p><img src='/a.jpg'></p><p>{line}</p><p>{BODY[1]}</p>")
    article = extract_html(html, URL)
    assert article.body == list(BODY)
    assert [image.caption for image in article.images] == [line.lstrip(lexicon.CAPTION_DECORATION + " ")]


def test_the_lexicon_cannot_be_changed_at_run_time() -> None:
    """Its constants are immutable (and `Final` for mypy): one definition per word list."""
    constants = {name: value for name, value in vars(lexicon).items() if name.isupper()}
    assert constants
    for name, value in constants.items():
        assert isinstance(value, tuple | frozenset | str | MappingProxyType), name


@pytest.mark.parametrize("repost", ("", *lexicon.REPOST_WORDS))
@pytest.mark.parametrize("account", lexicon.WECHAT_ACCOUNT_WORDS)
def test_a_wechat_account_in_quotes_is_the_source(repost: str, account: str) -> None:
    """PORTAL.md: `转自微信公众号“X发布”` gives X发布, in the info line (ending the field before
    it) or as a line closing the text."""
    info = _info(f"作者：王涛 {repost}{account}“曲阜发布” 2015-06-22")
    assert (info.source, info.credits) == ("曲阜发布", [Credit("王涛")])
    assert is_source_line(f"（{repost}{account}“曲阜发布”）")
