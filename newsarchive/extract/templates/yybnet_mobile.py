"""m.yybnet.net: the mobile page. The info line names the source without a label and
shows no year (`济宁晚报 06-24 18:05`: the year comes from the URL's /YYYYMM/).

    <div class="m-crumb">…</div>
    <h1 class="m-title">headline</h1>
    <div class="m-info"><span class="m-src">济宁晚报</span> <span class="m-time">06-24 18:05</span></div>
    <div class="m-content"><p>…</p></div>
"""

from __future__ import annotations

from newsarchive.extract.page import SelectorPage


class YybnetMobile(SelectorPage):
    name = "yybnet_mobile"
    REQUIRED = ("h1.m-title", ".m-info", ".m-content")
    HEADLINE = "h1.m-title"
    INFO = ".m-info"
    BODY = ".m-content"
    BREADCRUMB = ".m-crumb"
