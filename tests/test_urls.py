"""join_url is urljoin, whatever the base and the link: a root-relative link joined once
per site gives every page of it the string urljoin gives."""

from __future__ import annotations

from urllib.parse import urljoin

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.extract.urls import join_url

_SCHEMES = st.sampled_from(["http", "https", "HTTP", "ftp", "file", "", "mailto"])
_HOSTS = st.sampled_from(["www.yybnet.net", "127.0.0.1:8080", "user:pw@m.yybnet.net", "[::1]:80", "", "例子.中国"])
_PIECES = st.sampled_from(["/", "a", "..", ".", "b.html", "?q=1", "#top", ";p", "//", "%20", " ", "\t", "\\", "中"])
_PATHS = st.lists(_PIECES, max_size=8).map("".join)


@st.composite
def bases(draw: st.DrawFn) -> str:
    scheme, host, path = draw(_SCHEMES), draw(_HOSTS), draw(_PATHS)
    return (f"{scheme}:" if scheme else "") + (f"//{host}" if draw(st.booleans()) else "") + path


@settings(max_examples=500, deadline=None)
@given(bases(), _PATHS | _PATHS.map("/".__add__) | bases())
def test_join_url_is_urljoin(base: str, link: str) -> None:
    try:
        expected = urljoin(base, link)
    except ValueError as error:  # a base or link urljoin refuses is refused alike
        try:
            join_url(base, link)
        except ValueError as same:
            assert str(same) == str(error)
            return
        raise AssertionError(f"join_url accepted {base!r} + {link!r}") from error
    assert join_url(base, link) == expected


def test_a_root_relative_link_is_joined_to_each_pages_site() -> None:
    for base in ("https://www.yybnet.net/jining/news/201506/7713943.html", "http://127.0.0.1:8080/a/b/c.html?x=1#y"):
        for link in ("/images/logo.png", "/jining/qufu/", "/a/../b/./c.html?x#f", "/"):
            assert join_url(base, link) == urljoin(base, link)
    assert join_url("http://a.example/x/y.html", "/logo.png") == "http://a.example/logo.png"
    assert join_url("http://b.example/x/y.html", "/logo.png") == "http://b.example/logo.png"  # not the other site's
