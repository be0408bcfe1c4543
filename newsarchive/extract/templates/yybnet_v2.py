"""地方网 2014–2018: div layout (the seed page's template).

    <div class="position"><a>地方网</a> &gt; <a>山东</a> &gt; … &gt; 正文</div>
    <div class="article"><h1>headline</h1>
      <div class="info">来源:济宁晚报 2015-06-22 07:21  https://www.yybnet.net/</div>
      <div class="content" id="content"><p>…</p></div></div>
"""

from __future__ import annotations

from newsarchive.extract.page import SelectorPage


class YybnetV2(SelectorPage):
    name = "yybnet_v2"
    REQUIRED = ("div.position", "div.article > h1", "div.article > div.info", "div.article > div.content")
    HEADLINE = "div.article > h1"
    INFO = "div.article > div.info"
    BODY = "div.article > div.content"
    BREADCRUMB = "div.position"
