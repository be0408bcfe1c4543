import codecs

import pytest

from newsarchive.extract.decode import codec_for_label, decode_html, html_as_utf8, sniff_declared_encoding

# GBK-only characters (not in GB2312): a strict gb2312 decoder fails on them.
BODY = "王喆、李堃报道：老百姓的“贴心人”——曲阜市驻村联户工作纪实。来源:济宁晚报"


def page(charset_meta: str | None, text: str = BODY) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>地方网</title></head><body><p>{text}</p></body></html>"


def test_gbk_only_characters_are_not_in_gb2312() -> None:
    with pytest.raises(UnicodeEncodeError):
        "喆堃".encode("gb2312")


@pytest.mark.parametrize(
    ("encoding", "meta", "header"),
    [
        ("utf-8", "utf-8", "utf-8"),
        ("utf-8", None, None),
        ("gbk", "gb2312", None),  # declared gb2312, holds 喆 and 堃
        ("gbk", "gb2312", "utf-8"),  # and the HTTP header lies
        ("gbk", "utf-8", "utf-8"),  # both lie
        ("gbk", None, "utf-8"),  # header lies, no meta
        ("gbk", None, None),  # nothing declared
        ("gb18030", "gbk", "iso-8859-1"),  # header says latin-1
        ("gbk", "iso-8859-1", None),  # meta says latin-1
        ("utf-8", "gb2312", "gbk"),  # UTF-8 page with a stale GB declaration
        ("gb18030", "gb18030", "gb2312"),
    ],
)
def test_decodes_real_bytes_whatever_the_declarations_say(
    encoding: str, meta: str | None, header: str | None
) -> None:
    html = page(meta)
    assert decode_html(html.encode(encoding), header) == html


def test_declared_big5_is_read_as_big5_not_gb18030() -> None:
    # Big5 bytes also decode without error as gb18030, into the wrong characters
    html = page("big5", "老百姓的「貼心人」——曲阜市駐村聯戶工作紀實。來源:濟寧晚報")
    assert decode_html(html.encode("big5"), None) == html


def test_utf8_bom_is_decisive_and_dropped() -> None:
    html = page("gb2312")
    assert decode_html(codecs.BOM_UTF8 + html.encode("utf-8"), "gbk") == html


def test_utf16_bom() -> None:
    html = page(None)
    assert decode_html(html.encode("utf-16"), None) == html


def test_str_is_returned_as_is() -> None:
    html = page("gb2312")
    assert decode_html(html, "utf-8") is html


def test_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        decode_html(None)  # type: ignore[arg-type]


def test_utf8_with_a_truncated_character_keeps_the_text() -> None:
    # a download cut in the middle of the last character
    html = page("utf-8", BODY * 5)
    raw = html.encode("utf-8") + "堃".encode()[:2]
    assert decode_html(raw, "utf-8") == html + "\ufffd"


def test_short_utf8_page_with_a_damaged_character_under_a_gb_declaration() -> None:
    html = page("gb2312")
    raw = html.encode("utf-8")
    damaged_at = raw.index("贴".encode())
    raw = raw[:damaged_at] + raw[damaged_at + 1 :]  # one byte of 贴 lost
    text = decode_html(raw, "gbk")
    assert text == html.replace("贴", "\ufffd\ufffd")


def test_gbk_with_a_broken_byte_keeps_the_rest() -> None:
    # real pages hold a stray byte in a truncated title; the rest must survive
    raw = page("gb2312", BODY * 5).encode("gbk").replace(b"</p>", b"\xa8</p>", 1)
    text = decode_html(raw, None)
    assert BODY * 5 in text
    assert text.count("\ufffd") == 1


@pytest.mark.parametrize(
    ("raw", "declared"),
    [
        (b'<meta charset="gb2312">', "gb2312"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GBK'>", "GBK"),
        (b'<?xml version="1.0" encoding="gb18030"?><html>', "gb18030"),
        (b"<html><head><title>x</title></head>", None),
    ],
)
def test_sniff_declared_encoding(raw: bytes, declared: str | None) -> None:
    assert sniff_declared_encoding(raw) == declared


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("x-gbk", "gb18030"),
        ("UTF-8", "utf-8"),
        ("utf8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("big5", "big5hkscs"),
        ("utf-16", "utf-8"),  # without a BOM: an ASCII-based page mislabelled
        ("no-such-charset", None),
        (None, None),
    ],
)
def test_codec_for_label(label: str | None, codec: str | None) -> None:
    assert codec_for_label(label) == codec


@pytest.mark.parametrize(
    "raw",
    [
        page("utf-8").encode("utf-8"),
        codecs.BOM_UTF8 + page(None).encode("utf-8"),
        page("gb2312").encode("gbk"),
        page("gb2312", BODY * 400).encode("gbk"),  # GBK found out in the first chunks read as UTF-8
        page("utf-8", BODY * 400).encode("utf-8")[:-3] + b"\xe4\xb8",  # UTF-8 cut mid-character
        page("gb2312", "价格 100 × 2 · 合计 °C").encode("gb18030"),  # Latin-1 signs under the bad-character bound
        page(None).encode("gbk") + b"\xff\xfe\x80",  # nothing decodes strictly
    ],
)
def test_the_parsers_utf8_is_the_decoded_text(raw: bytes) -> None:
    assert html_as_utf8(raw) == decode_html(raw).encode("utf-8")
    assert html_as_utf8(raw, "utf-8") == decode_html(raw, "utf-8").encode("utf-8")
