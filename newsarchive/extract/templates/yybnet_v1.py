"""地方网 2009–2013: GBK table layout.

    <td class="weizhi">您现在的位置：<a>地方网</a> &gt; … &gt; 正文</td>
    <td class="title">headline</td>   (earliest pages: <td><font size="5"><b>headline</b>)
    <td class="info">稿件来源：济宁日报　发布时间：2009年09月28日 10:02　点击数：…</td>
    <td class="content" id="zoom">paragraphs in <p>, or text between <br><br></td>
"""

from __future__ import annotations

from newsarchive.extract.page import SelectorPage


class YybnetV1(SelectorPage):
    name = "yybnet_v1"
    REQUIRED = ("td.weizhi", "td.info", "td.content")
    HEADLINE = "td.title, td font[size] b"
    INFO = "td.info"
    BODY = "td.content"
    BREADCRUMB = "td.weizhi"
