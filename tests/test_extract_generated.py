"""Generated article pages through `extract_html`, one test per class of failure of issue 8.

tests/generator/articles.py composes each page from independent choices (container,
headline placement, info-line markup, date form, byline form and place, editor lines,
pictures and captions, boilerplate, encoding) and knows its record. Each test narrows the class it is about and
asserts that class's fields on every page hypothesis draws; a failure names the choices
of the (shrunk) page. The examples are derandomized so CI sees the same pages every run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from newsarchive.extract import extract_html
from newsarchive.items import Article
from tests.generator.articles import (
    GENERIC_CONTAINERS,
    TEMPLATE_CONTAINERS,
    GeneratedArticle,
    articles,
    record_of,
    wrong_fields,
)

PAGES = settings(max_examples=60, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example])


def _extract(page: GeneratedArticle) -> Article:
    return extract_html(page.html, page.url)


def _check(page: GeneratedArticle, *fields: str) -> None:
    wrong = {name: values for name, values in wrong_fields(page, _extract(page)).items() if name in fields}
    assert not wrong, f"{page.describe()}: " + "; ".join(
        f"{name}: expected {expected!r}, got {got!r}" for name, (expected, got) in wrong.items())


@PAGES
@given(articles())
def test_info_line_segments_give_source_and_date(page: GeneratedArticle) -> None:
    """Adjacent spans with no whitespace, `|`, full-width spaces and &nbsp; runs; 来源于 and
    the other source labels; counters (阅读/浏览/点击) ending the source; the portal naming
    itself; weekdays and bracketed dates."""
    _check(page, "source", "published_at")


@PAGES
@given(articles(containers=GENERIC_CONTAINERS, info_markups=("spans",)))
def test_adjacent_spans_of_a_found_info_line_are_fields_apart(page: GeneratedArticle) -> None:
    """On a page no template claims, `<span>浏览:<em>2289</em></span><span>2021-07-12</span>`:
    the count ends at its element, the date after it is read (blind11's 稿源/浏览/date spans)."""
    _check(page, "source", "published_at")


@PAGES
@given(articles(containers=GENERIC_CONTAINERS + TEMPLATE_CONTAINERS, byline_places=("info_line",)))
def test_author_field_of_the_info_line_credits_people(page: GeneratedArticle) -> None:
    """`作者:长孙浩、令狐婷` (names joined by 、, no role) and `记者：X` in the info line,
    glued to the field before them or not: authors, and the source stays clean."""
    _check(page, "authors", "source")


@PAGES
@given(articles(containers=GENERIC_CONTAINERS,
                byline_places=("first_paragraph", "p_author", "dateline", "last_paragraph")))
def test_byline_forms_and_places(page: GeneratedArticle) -> None:
    """`记者 X 摄影报道`, `本报记者 X 摄`, `X/文 Y/图`, `文字：X 摄影：Y`, full-width spaces
    around compound surnames, `（X 记者）`, agency datelines with the name in brackets, in the
    first paragraph, under the headline, in a dateline or closing the body."""
    _check(page, "authors", "body")


@PAGES
@given(articles(byline_places=("last_paragraph",)))
def test_a_bracketed_byline_closing_the_body_is_credits_not_body(page: GeneratedArticle) -> None:
    """`（本报记者 X 实习生 Y）` as the last paragraph: credits, and out of the body."""
    _check(page, "authors", "body")


@PAGES
@given(articles(containers=GENERIC_CONTAINERS))
def test_editor_lines_inside_and_after_the_body(page: GeneratedArticle) -> None:
    """`责任编辑：X` closing the body and `（编辑：X 审核：Y）` under it: editors, not authors."""
    _check(page, "editors", "authors", "body")


@PAGES
@given(articles(containers=GENERIC_CONTAINERS))
def test_pictures_captions_and_the_credits_in_them(page: GeneratedArticle) -> None:
    """A `图为…` or `▲…` line under a picture is its caption even unstyled, never body; a
    credit in a caption (`（X 摄）`, `…。本报记者 X 摄`, `图/记者 X`) is a photographer's."""
    _check(page, "images", "authors", "body")


@PAGES
@given(articles())
def test_headline_placement(page: GeneratedArticle) -> None:
    """h1 logo + div.title, h2–h4, a 引题 above and a 副题 below the headline."""
    _check(page, "headline", "channel")


@PAGES
@given(articles())
def test_boilerplate_around_the_body_stays_out(page: GeneratedArticle) -> None:
    """Share bars, 上一篇/下一篇, 相关阅读, 【打印】【关闭】, inline <script>/<style>,
    comments and side boxes whose headlines use the body's words: none of it is body."""
    _check(page, "body")


@PAGES
@given(articles(containers=GENERIC_CONTAINERS))
def test_every_field_of_pages_no_parser_knows(page: GeneratedArticle) -> None:
    """All the choices at once, every field (utf-8 and gbk pages)."""
    article = _extract(page)
    assert record_of(article) == page.truth, page.describe()


# Issue 8, "the fallback only locates nodes": the lines around the body element are read by
# the shared page object for a template's page too, not only for pages no template claims.
@PAGES
@given(articles(containers=TEMPLATE_CONTAINERS, byline_places=("p_author",), editor_places=("after_body",)))
def test_template_pages_read_credit_lines_outside_the_body_element(page: GeneratedArticle) -> None:
    """A page a template parser claims: a `<p class="author">` byline above the body element
    and an editor line under it are credits, as on pages the fallback reads."""
    assert _extract(page).parser == page.choices["container"], page.describe()  # a template's page
    _check(page, "authors", "editors")


# Issue 13: a headline over 100 characters once gave way to the breadcrumb or the logo,
# and the info line under it was lost too.
@settings(PAGES, max_examples=30)
@given(articles(containers=GENERIC_CONTAINERS, headline_lengths=("long",)))
def test_a_headline_over_100_characters_is_the_headline(page: GeneratedArticle) -> None:
    _check(page, "headline", "source", "published_at", "body")


@PAGES
@given(articles(containers=GENERIC_CONTAINERS, breadcrumbs=("none",)))
def test_a_footer_link_bar_is_no_breadcrumb(page: GeneratedArticle) -> None:
    """A page without a breadcrumb whose footer has a link bar (关于我们 | … | 网站地图): no
    channel (not 网站地图, path sitemap), and nothing else of the page changes."""
    article = _extract(page)
    assert (article.channel, article.channel_path, article.region) == (None, None, []), page.describe()
    assert record_of(article) == page.truth, page.describe()
