import pytest

from newsarchive.extract.text import clean_text


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
