import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.extract.text import clean_text

# what editors paste in and clean_text removes: zero-width space and joiners, word joiner, BOM, soft hyphen
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # paragraphs open with full-width spaces (indentation)
        ("\u3000\u3000今年以来，曲阜市围绕健全完善", "今年以来，曲阜市围绕健全完善"),
        ("来源:济宁晚报\u00a0\u00a02015-06-22 07:21", "来源:济宁晚报 2015-06-22 07:21"),
        ("来源:济宁晚报&nbsp;&nbsp;2015-06-22", "来源:济宁晚报 2015-06-22"),
        ("曲阜&NBSP新闻&#160;频道&#xA0;", "曲阜 新闻 频道"),
        ("驻村\u200b联户\u200d工作\ufeff纪实\u2060", "驻村联户工作纪实"),
        ("\n\t 老百姓的“贴心人”\r\n", "老百姓的“贴心人”"),
        ("a \u200b b", "a b"),
        ("贴心人――曲阜市", "贴心人——曲阜市"),
        ("贴心人——曲阜市", "贴心人——曲阜市"),
        ("", ""),
        ("\u3000\u00a0 \u200b", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_text_keeps_ampersands_that_are_not_nbsp() -> None:
    assert clean_text("R&D &amp; 研发") == "R&D &amp; 研发"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 中文，\u3000\u00a0\u2015&;") + list(_INVISIBLE_CHARS)), max_size=30))
def test_clean_text_drops_each_invisible_character_wherever_it_stands(raw: str) -> None:
    """clean_text skips the removal on text that has none: with any, none is left."""
    cleaned = clean_text(raw)
    assert not any(char in cleaned for char in _INVISIBLE_CHARS)
    if "&" not in raw:  # (no `&nbsp;` to read)
        visible = "".join(char for char in raw if char not in _INVISIBLE_CHARS)
        assert cleaned == " ".join(visible.replace("\u2015", "\u2014").split())
