"""地方网 2019–: source and time in spans, figures, page bars for long articles.

    <div class="breadcrumb">…</div>   (links absolute to www.yybnet.net)
    <h1 class="article-title">headline</h1>
    <div class="article-meta"><span class="source">来源：济宁日报</span><span class="time">…</span></div>
    <div class="article-content"><p>…</p><figure><img><figcaption>…</figcaption></figure></div>
"""

from __future__ import annotations

from newsarchive.extract.page import SelectorPage


class YybnetV3(SelectorPage):
    name = "yybnet_v3"
    REQUIRED = ("h1.article-title", ".article-meta", ".article-content")
    HEADLINE = "h1.article-title"
    INFO = ".article-meta"
    BODY = ".article-content"
    BREADCRUMB = ".breadcrumb"
