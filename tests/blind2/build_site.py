"""Build the second blind test portal: tests/blind2/site/ and its answer key tests/blind2/expected.json.

A third mirror of 地方网, for the city of 菏泽, written without looking at the extractor nor at
the other mirrors' markup: six article templates (a Discuz! portal page, a WordPress post, a
2008 GB2312 page declared only by the HTTP header, a 大众网-style info line, a table page with a
`<p class="artTitle">` headline, a WeChat-look m. page), none sharing class names with
tests/blind or tests/mirror, plus a 视频 page at an article URL. Run
`python tests/blind2/build_site.py`, commit the outputs. The article data and the records it
must give are in articles.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, CAOXIAN, JUANCHENG, JUANCHENG_ARTICLES, SHANXIAN, VIDEO  # noqa: E402

from tests.blindkit import Portal, esc, first_text, run  # noqa: E402

LIVE = "https://www.yybnet.net"
MOBILE = "https://m.yybnet.net"
COUNTIES = [
    ("heze", "菏泽新闻"), ("heze/mudan", "牡丹区新闻"), ("heze/dingtao", "定陶新闻"), ("heze/caoxian", "曹县新闻"),
    ("heze/shanxian", "单县新闻"), ("heze/chengwu", "成武新闻"), ("heze/juye", "巨野新闻"),
    ("heze/yuncheng", "郓城新闻"), ("heze/juancheng", "鄄城新闻"), ("heze/dongming", "东明新闻"),
]
PORTAL = Portal(HERE, "heze", ("山东", "菏泽市"), COUNTIES, ARTICLES)
path_of, neighbours, write = PORTAL.path_of, PORTAL.neighbours, PORTAL.write
IN_BOX_DATELINE = (
    "本报鄄城5月3日讯（记者 郑凯 通讯员 王莉）5月2日，鄄城县发制品产业园内机器轰鸣，"
    "工人们正在赶制一批发往非洲的假发订单……"
)
COPYRIGHT = (
    "版权声明：凡本网注明“来源：地方网”的所有作品，版权均属于地方网，未经授权不得转载、摘编或利用其它方式使用。"
    "凡本网注明“来源：XXX（非地方网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。"
)


def link_of(article: dict) -> str:
    """Where the portal links an article from: m. pages on the mobile host."""
    return (MOBILE if article.get("mobile") else "") + path_of(article)


# ------------------------------------------------------------------ shared noise

def county_nav(sep: str = " ") -> str:
    return sep.join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)


def juancheng_links(fmt: str = '<li><a href="{href}" target="_blank">{title}</a></li>') -> str:
    return "\n".join(fmt.format(href=href, title=esc(title)) for href, title in JUANCHENG_ARTICLES)


def hot_items(fmt: str) -> str:
    items = [*JUANCHENG_ARTICLES, ("/heze/news/202011/7900456.html", "菏泽城区新建口袋公园20处")]
    return "\n".join(fmt.format(n=i, href=href, title=esc(title)) for i, (href, title) in enumerate(items, 1))


def prev_next(article: dict) -> tuple[str, str]:
    """The 上一篇 / 下一篇 links (no labels): neighbours in the same channel, or 没有了."""
    prev, nxt = neighbours(article)
    p = f'<a href="{link_of(prev)}">{esc(prev["headline"])}</a>' if prev else "没有了"
    n = f'<a href="{link_of(nxt)}">{esc(nxt["headline"])}</a>' if nxt else "没有了"
    return p, n


def crumb(article: dict, sep: str, home: str = "地方网", wrap: str = "{link}") -> str:
    path, name, _ = article["channel"]
    links = [
        f'<a href="/">{home}</a>', '<a href="/shandong/">山东</a>', '<a href="/heze/">菏泽市</a>',
        f'<a href="/{path}/">{name}</a>',
    ]
    return sep.join(wrap.format(link=link) for link in links)


# ------------------------------------------------------------------ 1. Discuz! X portal (2016-2017)

def discuz_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f'<p style="text-indent: 2em;">{esc(item[1])}</p>')
        elif item[0] == "sub":
            out.append(f'<p style="text-indent: 2em;"><strong>{esc(item[1])}</strong></p>')
        elif item[0] == "img":
            out.append(f'<p style="text-align:center"><img src="{item[1]}" border="0" alt="" /></p>')
            if item[2]:
                out.append(f'<p style="text-align:center">{esc(item[2])}</p>')
    return "\n".join(out)


def render_discuz(article: dict, page: int, items: list[tuple], count: int) -> str:
    path, name, _ = article["channel"]
    prev, nxt = prev_next(article)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(article['headline'])} - {name} - 地方网 -  Powered by Discuz!</title>
<meta name="keywords" content="{esc(article['headline'])}" />
<meta name="description" content="{esc(first_text(article)[:70])} ,地方网" />
<meta name="generator" content="Discuz! X3.2" />
<link rel="stylesheet" type="text/css" href="data/cache/style_1_common.css?Kv8" />
<link rel="stylesheet" type="text/css" href="data/cache/style_1_portal_view.css?Kv8" />
<script src="static/js/common.js?Kv8" type="text/javascript"></script>
</head>
<body id="nv_portal" class="pg_view" onkeydown="if(event.keyCode==27) return false;">
<div id="toptb" class="cl"><div class="wp"><div class="z"><a href="javascript:;" onclick="setHomepage('https://www.yybnet.net/');">设为首页</a></div><div class="y"><a href="member.php?mod=register">注册</a> <a href="member.php?mod=logging&amp;action=login">登录</a></div></div></div>
<div id="hd_wrap"><div class="wp"><div class="hdc cl"><h2><a href="/" title="地方网"><img src="static/image/common/logo.png" alt="地方网" border="0" /></a></h2></div>
<div id="nv"><ul><li id="mn_portal"><a href="/" hidefocus="true">门户</a></li><li id="mn_P12" class="a">{county_nav("</li><li>")}</li></ul></div></div></div>
<div id="wp" class="wp">
<div id="pt" class="bm cl"><div class="z">{crumb(article, " <em>&rsaquo;</em> ", "地方网")} <em>&rsaquo;</em> 查看内容</div></div>
<div id="ct" class="ct2 wp cl">
<div class="mn">
<div class="bm vw">
<div class="h hm">
<h1 class="ph">{esc(article['headline'])} </h1>
<p class="xg1">
{article['shown']['time']}<span class="pipe">|</span>
发布者: <a href="home.php?mod=space&amp;uid=1">admin</a><span class="pipe">|</span>
查看: 1287<span class="pipe">|</span>
评论: 0<span class="pipe">|</span>来自: {article['source']}</p>
</div>
<div class="s"><div><strong>摘要</strong>: {esc(first_text(article)[:60])} ...</div></div>
<div class="d">
<table cellpadding="0" cellspacing="0" class="vwtb"><tr><td id="article_content">
{discuz_body(items)}
</td></tr></table>
</div>
<div class="o cl ptm pbm"><a href="home.php?mod=spacecp&amp;ac=favorite&amp;type=article&amp;id={article['id']}" id="a_favorite" class="oshr ofav">收藏</a><a href="misc.php?mod=invite&amp;action=article&amp;id={article['id']}" class="oshr oivt">邀请</a><span class="share_bd">分享到：<a href="#" data-cmd="weixin">微信</a><a href="#" data-cmd="tsina">新浪微博</a><a href="#" data-cmd="qzone">QQ空间</a></span></div>
<div class="pren pbm cl"><em>上一篇：{prev}</em><em>下一篇：{nxt}</em></div>
</div>
<div class="bm"><div class="bm_h cl"><h3>相关阅读</h3></div><div class="bm_c"><ul class="xl xl2 cl">
{juancheng_links()}
</ul></div></div>
<div class="bm"><div class="bm_h cl"><h3>推荐阅读</h3></div><div class="bm_c">
<dl class="bbda cl"><dt class="xs2"><a href="{JUANCHENG_ARTICLES[0][0]}">{esc(JUANCHENG_ARTICLES[0][1])}</a></dt><dd class="xs2 cl">{esc(IN_BOX_DATELINE)}</dd></dl>
</div></div>
<div id="cmt_box" class="bm"><div class="bm_h cl"><h3>最新评论</h3></div><div class="bm_c"><p class="emp">还没有人评论</p></div></div>
</div>
<div class="sd pph">
<div class="bm"><div class="bm_h cl"><h2><a href="/{JUANCHENG[0]}/">{JUANCHENG[1]}</a></h2></div><div class="bm_c"><ul class="xl xl1 cl">
{juancheng_links()}
</ul></div></div>
<div class="bm"><div class="bm_h cl"><h2>热门排行</h2></div><div class="bm_c"><ul class="xl xl1 cl">
{hot_items('<li><em class="xi1">{n}</em><a href="{href}">{title}</a></li>')}
</ul></div></div>
</div>
</div>
</div>
<div id="ft" class="wp cl"><div id="flk" class="y"><p>{esc(COPYRIGHT)}</p></div><div id="frt"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.2</em></p><p class="xs0">&copy; 2001-2017 地方网</p></div></div>
</body>
</html>
"""


# ------------------------------------------------------------------ 2. WordPress (2018-2021)

def wordpress_body(article: dict, items: list[tuple]) -> str:
    out = []
    for n, item in enumerate(items):
        if item[0] in ("p", "byline"):
            out.append(f"<p>{esc(item[1])}</p>")
        elif item[0] == "sub":
            out.append(f"<h2>{esc(item[1])}</h2>")
        elif item[0] == "img":
            cap = f'<p class="wp-caption-text">{esc(item[2])}</p>' if item[2] else ""
            out.append(f'<div id="attachment_{article["id"]}{n}" style="width: 650px" class="wp-caption aligncenter">'
                       f'<img class="size-full wp-image-{article["id"]}{n}" src="{item[1]}" alt="" width="640" height="427" />{cap}</div>')
    # the reprint's origin closes the post, before the editor line
    source_line = f"<p>（来源：{esc(article['source'])}）</p>"
    editor_at = next((i for i, item in enumerate(items) if item[0] == "byline" and item[1].startswith("责任编辑")), len(out))
    out.insert(editor_at, source_line)
    return "\n".join(out)


def render_wordpress(article: dict, page: int, items: list[tuple], count: int) -> str:
    path, name, _ = article["channel"]
    shown = article["shown"]
    prev, nxt = prev_next(article)
    return f"""<!DOCTYPE html>
<html lang="zh-CN" class="no-js no-svg">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article['headline'])} &#8211; 地方网</title>
<link rel='dns-prefetch' href='//s.w.org' />
<link rel="alternate" type="application/rss+xml" title="地方网 &raquo; Feed" href="/feed/" />
<link rel='stylesheet' id='twentyseventeen-style-css' href='/wp-content/themes/twentyseventeen/style.css?ver=4.9.5' type='text/css' media='all' />
<meta name="generator" content="WordPress 4.9.5" />
<link rel="canonical" href="{LIVE}{path_of(article)}" />
</head>
<body class="post-template-default single single-post postid-{article['id']} single-format-standard">
<div id="page" class="site">
<header id="masthead" class="site-masthead" role="banner"><div class="site-branding"><p class="site-title"><a href="/" rel="home">地方网</a></p><p class="site-description">讲述家乡的故事</p></div>
<nav id="site-navigation" class="main-navigation" role="navigation"><div class="menu-heze-container"><ul id="top-menu" class="menu"><li class="menu-item">{county_nav('</li><li class="menu-item">')}</li></ul></div></nav></header>
<div class="site-content-contain"><div id="site-inner" class="site-content"><div class="wrap">
<p id="breadcrumbs"><span><span>{crumb(article, " » ", "首页", "<span>{link}</span>")} » <strong class="breadcrumb_last" aria-current="page">{esc(article['headline'])}</strong></span></span></p>
<div id="primary" class="content-area"><main id="primary-main" class="site-main" role="main">
<article id="post-{article['id']}" class="post-{article['id']} post type-post status-publish format-standard hentry category-{path.split('/')[1]}">
<header class="entry-header">
<div class="entry-meta"><span class="posted-on"><span class="screen-reader-text">发布于</span><a href="{path_of(article)}" rel="bookmark"><time class="entry-date published" datetime="{shown['datetime']}">{shown['time']}</time></a></span> <span class="cat-links"><a href="/{path}/" rel="category tag">{name}</a></span></div>
<h1 class="entry-title">{esc(article['headline'])}</h1>
</header>
<div class="entry-content">
{wordpress_body(article, items)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">分享到：</h3><div class="sd-content"><ul><li class="share-wechat"><a href="#">微信</a></li><li class="share-weibo"><a href="#">微博</a></li></ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>相关新闻</em></h3><ul>
{juancheng_links()}
</ul></div>
</div>
<footer class="entry-footer"><span class="cat-tags-links"><span class="cat-links">分类：<a href="/{path}/" rel="category tag">{name}</a></span></span></footer>
</article>
<nav class="navigation post-navigation" role="navigation"><h2 class="screen-reader-text">文章导航</h2><div class="nav-links"><div class="nav-previous"><span class="meta-nav">上一篇</span> {prev}</div><div class="nav-next"><span class="meta-nav">下一篇</span> {nxt}</div></div></nav>
</main></div>
<aside id="secondary" class="widget-area" role="complementary">
<section id="recent-posts-3" class="widget widget_recent_entries"><h2 class="widget-title">推荐阅读</h2><ul><li><a href="{JUANCHENG_ARTICLES[1][0]}">{esc(JUANCHENG_ARTICLES[1][1])}</a><p class="rpwe-summary">{esc(IN_BOX_DATELINE)}</p></li></ul></section>
<section id="top-posts-2" class="widget widget_top-posts"><h2 class="widget-title">热门排行</h2><ul>
{hot_items('<li><a href="{href}" class="bump-view">{title}</a></li>')}
</ul></section>
<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">县区频道</h2><ul><li class="cat-item"><a href="/{JUANCHENG[0]}/">{JUANCHENG[1]}</a></li></ul></section>
</aside>
</div></div>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-info">{esc(COPYRIGHT)}<br />自豪地采用WordPress</div></footer>
</div></div>
</body>
</html>
"""


# ------------------------------------------------------------------ 3. GB2312, charset only in the HTTP header (2008-2009)

def old_body(items: list[tuple]) -> str:
    return "\n".join(f"<div>　　{esc(item[1])}</div>" for item in items if item[0] in ("p", "byline", "sub"))


def render_gb2312_header(article: dict, page: int, items: list[tuple], count: int) -> str:
    shown = article["shown"]
    prev, nxt = prev_next(article)
    info = f"【发布时间：{shown['time']}】【来源：{article['source']}】"
    if shown.get("author"):
        info += f"【作者：{esc(shown['author'])}】"
    return f"""<html>
<head>
<title>{esc(article['headline'])}--地方网</title>
<style type="text/css">
.hz12 {{ font-size: 12px; line-height: 20px }}
.hzbt {{ font-size: 22px; font-weight: bold; color: #0033CC }}
</style>
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<table width="778" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td><img src="/images/top_banner.gif" width="778" height="90"></td></tr>
<tr><td bgcolor="#0066CC" height="24" class="hz12"><font color="#FFFFFF">{county_nav(" | ")}</font></td></tr>
<tr><td height="26" class="hz12">当前位置：{crumb(article, " → ")} → 正文</td></tr>
</table>
<table width="778" border="0" cellspacing="0" cellpadding="0" align="center">
<tr>
<td width="560" valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="6">
<tr><td align="center" height="60"><span class="hzbt">{esc(article['headline'])}</span></td></tr>
<tr><td align="center" class="hz12" bgcolor="#EEEEEE">{info}【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</td></tr>
<tr><td style="font-size:14px;line-height:24px">
{old_body(items)}
</td></tr>
<tr><td class="hz12">上一篇：{prev}<br>下一篇：{nxt}</td></tr>
<tr><td class="hz12"><b>相关新闻：</b><br>
{juancheng_links('·<a href="{href}" target="_blank">{title}</a><br>')}
</td></tr>
</table>
</td>
<td width="8"></td>
<td width="210" valign="top" class="hz12">
<b>热门排行</b><br>
{hot_items('{n}. <a href="{href}">{title}</a><br>')}
<br><b>推荐阅读</b><br>
<a href="{JUANCHENG_ARTICLES[2][0]}">{esc(JUANCHENG_ARTICLES[2][1])}</a><br>{esc(IN_BOX_DATELINE)}
<br><br><a href="/{JUANCHENG[0]}/">{JUANCHENG[1]}</a>
</td>
</tr>
</table>
<table width="778" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td align="center" class="hz12" height="60">{esc(COPYRIGHT)}<br>地方网 版权所有 鲁ICP备06012345号</td></tr>
</table>
</body>
</html>
"""


# ------------------------------------------------------------------ 4. 大众网-style info line (2015-2016)

def dz_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f"<p>　　{esc(item[1])}</p>")
        elif item[0] == "sub":
            out.append(f"<p>　　<strong>{esc(item[1])}</strong></p>")
        elif item[0] == "img":
            out.append(f'<p align="center"><img src="{item[1]}" /></p>')
            if item[2]:
                out.append(f'<p align="center">{esc(item[2])}</p>')
    return "\n".join(out)


def dz_pagebar(article: dict, page: int, count: int) -> str:
    if count == 1:
        return ""
    names = [f"{article['id']}.html"] + [f"{article['id']}_{n}.html" for n in range(2, count + 1)]
    cells = []
    if page > 1:
        cells.append(f'<a href="{names[page - 2]}">上一页</a>')
    for n in range(1, count + 1):
        cells.append(f"<span>第{n}页</span>" if n == page else f'<a href="{names[n - 1]}">第{n}页</a>')
    if page < count:
        cells.append(f'<a href="{names[page]}">下一页</a>')
    return f'<div class="fenye-bar">{" ".join(cells)}</div>'


def render_dzwww_info(article: dict, page: int, items: list[tuple], count: int) -> str:
    shown = article["shown"]
    path, name, _ = article["channel"]
    prev, nxt = prev_next(article)
    info = (f"发布时间：{shown['time']}　来源：<a href=\"http://www.dzwww.com/\" target=\"_blank\">{article['source']}</a>"
            f"　作者：{esc(shown['author'])}　编辑：{esc(shown['editor'])}")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(article['headline'])}_{name}_地方网</title>
<meta name="keywords" content="{esc(article['headline'])}" />
<link href="/css/news_detail.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div class="hz-top"><a href="/">地方网</a> <span class="hz-date">2016年</span></div>
<div class="hz-citybar">{county_nav(" ")}</div>
<div class="hz-wrap">
<div class="hz-left">
<div class="hz-where">您所在的位置：{crumb(article, " &gt;&gt; ", "地方网首页")} &gt;&gt; 正文</div>
<div class="news-show">
<h1>{esc(article['headline'])}</h1>
<div class="news-show-info">{info}</div>
<div class="news-show-text">
{dz_body(items)}
</div>
{dz_pagebar(article, page, count)}
<div class="news-show-share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<ul class="news-show-turn"><li>上一篇：{prev}</li><li>下一篇：{nxt}</li></ul>
</div>
<div class="news-about"><div class="news-about-hd">相关新闻</div><ul>
{juancheng_links()}
</ul></div>
<div class="news-pick"><div class="news-about-hd">推荐阅读</div><h4><a href="{JUANCHENG_ARTICLES[0][0]}">{esc(JUANCHENG_ARTICLES[0][1])}</a></h4><p>{esc(IN_BOX_DATELINE)}</p></div>
</div>
<div class="hz-right">
<div class="news-rank"><div class="news-about-hd">热门排行</div><ol>
{hot_items('<li><a href="{href}">{title}</a></li>')}
</ol></div>
<div class="news-rank"><div class="news-about-hd"><a href="/{JUANCHENG[0]}/">{JUANCHENG[1]}</a></div></div>
</div>
</div>
<div class="hz-foot">{esc(COPYRIGHT)}<br />Copyright &copy; 地方网 All rights reserved.</div>
</body>
</html>
"""


# ------------------------------------------------------------------ 5. table page with <p class="artTitle"> (2018-2019)

def art_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(item[1])}</p>")
        elif item[0] == "sub":
            out.append(f"<p><b>{esc(item[1])}</b></p>")
        elif item[0] == "img":
            cap = f'<br /><span class="pic_note">{esc(item[2])}</span>' if item[2] else ""
            out.append(f'<p align="center"><img src="{item[1]}" width="600" />{cap}</p>')
    return "\n".join(out)


def render_arttitle_table(article: dict, page: int, items: list[tuple], count: int) -> str:
    path, name, _ = article["channel"]
    prev, nxt = prev_next(article)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(article['headline'])}|{name}|地方网-讲述家乡的故事</title>
<link rel="stylesheet" href="/style/art.css" type="text/css" />
</head>
<body>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="topTab"><tr><td class="logoTd"><a href="/"><img src="/style/logo.gif" /></a></td><td class="cityTd">{county_nav(" · ")}</td></tr></table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="artPos" colspan="3">{crumb(article, " - ")} - 内容</td></tr>
<tr>
<td width="690" valign="top" class="artMain">
<p class="artTitle">{esc(article['headline'])}</p>
<p class="artInfo">{article['shown']['time']}　[稿件来源：{article['source']}]　<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a></p>
<table width="100%" border="0" cellpadding="0" cellspacing="0" class="artTxt"><tr><td>
{art_body(items)}
</td></tr></table>
<p class="artShare">分享到：<a href="#">微信</a> <a href="#">微博</a></p>
<p class="artTurn">上一篇：{prev}<br />下一篇：{nxt}</p>
<table width="100%" class="artAbout"><tr><td class="aboutHd">相关新闻</td></tr><tr><td><ul>
{juancheng_links()}
</ul></td></tr></table>
<table width="100%" class="artAbout"><tr><td class="aboutHd">推荐阅读</td></tr><tr><td><a href="{JUANCHENG_ARTICLES[1][0]}">{esc(JUANCHENG_ARTICLES[1][1])}</a><br />{esc(IN_BOX_DATELINE)}</td></tr></table>
</td>
<td width="10"></td>
<td width="300" valign="top" class="artSide">
<table width="100%"><tr><td class="aboutHd">热门排行</td></tr><tr><td><ul>
{hot_items('<li><i>{n}</i><a href="{href}">{title}</a></li>')}
</ul></td></tr></table>
<table width="100%"><tr><td class="aboutHd"><a href="/{JUANCHENG[0]}/">{JUANCHENG[1]}</a></td></tr></table>
</td>
</tr>
</table>
<table width="1000" align="center" class="footTab"><tr><td>{esc(COPYRIGHT)}<br />地方网 版权所有</td></tr></table>
</body>
</html>
"""


# ------------------------------------------------------------------ 6. WeChat-look m. page (2020-2021)

def wechat_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f'<p style="text-indent: 2em;"><span style="font-size: 16px;">&nbsp;{esc(item[1])}</span></p>')
        elif item[0] == "img":
            out.append(f'<p style="text-align: center;"><img data-src="{item[1]}" src="{item[1]}" data-ratio="0.6667" style="width: 100%;"></p>')
            if item[2]:
                out.append(f'<p style="text-align: center;"><span style="font-size: 14px;color: rgb(136, 136, 136);">{esc(item[2])}</span></p>')
    return "\n".join(out)


def render_wechat_mobile(article: dict, page: int, items: list[tuple], count: int) -> str:
    path, name, _ = article["channel"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0,viewport-fit=cover">
<title>{esc(article['headline'])}-地方网手机版</title>
<link rel="stylesheet" href="/m/static/rich.css">
</head>
<body id="activity-detail" class="zh_CN mm_appmsg">
<div class="m_head"><a href="/" class="m_logo">地方网</a><a class="m_pc" href="{LIVE}{path_of(article)}">电脑版</a></div>
<div class="m_cities">{county_nav(" ")}</div>
<div class="m_loc">{crumb(article, " / ", "首页")}</div>
<div class="rich_media">
<div class="rich_media_inner">
<h2 class="rich_media_title" id="activity-name">{esc(article['headline'])}</h2>
<div class="rich_media_meta_list" id="meta_content"><span class="rich_media_meta rich_media_meta_nickname">{article['source']}</span> <em id="publish_time" class="rich_media_meta rich_media_meta_text">{article['shown']['time']}</em></div>
<div class="rich_media_content" id="js_content">
{wechat_body(items)}
</div>
<div class="rich_media_tool"><span class="m_share">分享到：微信 朋友圈 微博</span></div>
</div>
</div>
<div class="m_box"><div class="m_box_hd">相关新闻</div><ul>
{juancheng_links()}
</ul></div>
<div class="m_box"><div class="m_box_hd">推荐阅读</div><a href="{JUANCHENG_ARTICLES[2][0]}"><strong>{esc(JUANCHENG_ARTICLES[2][1])}</strong></a><p>{esc(IN_BOX_DATELINE)}</p></div>
<div class="m_box"><div class="m_box_hd">热门排行</div><ul>
{hot_items('<li><b>{n}</b><a href="{href}">{title}</a></li>')}
</ul></div>
<div class="m_foot">{esc(COPYRIGHT)}</div>
</body>
</html>
"""


RENDERERS = {
    "discuz": render_discuz,
    "wordpress": render_wordpress,
    "gb2312-header": render_gb2312_header,
    "dzwww-info": render_dzwww_info,
    "arttitle-table": render_arttitle_table,
    "wechat-mobile": render_wechat_mobile,
}
GBK_TEMPLATES = {"gb2312-header"}


def render_video() -> str:
    """A 视频 page at an article URL: a title and a player, no text."""
    path, name, _ = VIDEO["channel"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{esc(VIDEO['headline'])}_{name}_地方网</title>
</head>
<body>
<div class="hz-citybar">{county_nav(" ")}</div>
<div class="vd-where"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; <a href="/heze/">菏泽市</a> &gt; <a href="/{path}/">{name}</a> &gt; 视频</div>
<div class="vd-box">
<h1 class="vd-title">{esc(VIDEO['headline'])}</h1>
<div class="vd-player"><video controls preload="none" width="720" height="405" poster="{VIDEO['poster']}"><source src="{VIDEO['src']}" type="video/mp4">您的浏览器不支持视频播放</video></div>
</div>
<div class="vd-foot">{esc(COPYRIGHT)}</div>
</body>
</html>
"""


# ------------------------------------------------------------------ list pages

def sidebar_juancheng() -> str:
    path, name, _ = JUANCHENG
    return (f'<div class="chn-side"><div class="side-hd"><a href="/{path}/">{name}</a></div><ul>\n'
            + juancheng_links()
            + f'\n</ul><a class="side-more" href="/{path}/">更多&gt;&gt;</a></div>')


def list_page(channel: tuple, rows: list[tuple[str, str, str]], pager: str, host: str) -> str:
    path, name, _ = channel
    lis = "\n".join(f'<li><a href="{href}" target="_blank">{esc(title)}</a><span class="chn-date">{day}</span></li>'
                    for href, title, day in rows)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{name}_菏泽_地方网</title>
</head>
<body>
<div class="chn-top"><a href="{host}/">地方网首页</a></div>
<div class="chn-citys">{county_nav(" ")}</div>
<div class="chn-where"><a href="{host}/">首页</a> » <a href="{host}/shandong/">山东</a> » <a href="{host}/heze/">菏泽市</a> » {name}</div>
<div class="chn-main">
 <h2 class="chn-name">{name}</h2>
 <ul class="chn-list">
{lis}
 </ul>
 <div class="chn-pager">{pager}</div>
</div>
{sidebar_juancheng()}
<div class="chn-foot">{esc(COPYRIGHT)}</div>
</body>
</html>
"""


def rows_of(channel: tuple, host: str) -> list[tuple[str, str, str]]:
    chosen = PORTAL.newest_first(channel)
    return [(MOBILE + path_of(a) if a.get("mobile") else host + path_of(a), a["headline"], a["published_at"][:10]) for a in chosen]


def write_lists() -> None:
    # caoxian: root-relative links, index.html -> index_2.html, the 视频 page among the articles
    rows = rows_of(CAOXIAN, "")
    rows.insert(2, (path_of(VIDEO), VIDEO["headline"], "2019-11-11"))
    write(f"/{CAOXIAN[0]}/index.html", list_page(CAOXIAN, rows[:4], (
        '<span class="cur">1</span> <a href="index_2.html">2</a> <a href="index_2.html">下一页</a> '
        '<a href="index_2.html">末页</a>'), ""))
    write(f"/{CAOXIAN[0]}/index_2.html", list_page(CAOXIAN, rows[4:], (
        '<a href="index.html">首页</a> <a href="index.html">上一页</a> <a href="index.html">1</a> <span class="cur">2</span>'), ""))

    # shanxian: every link absolute to the live host, index.html -> list_2.html
    rows = rows_of(SHANXIAN, LIVE)
    channel_url = f"{LIVE}/{SHANXIAN[0]}/"
    write(f"/{SHANXIAN[0]}/index.html", list_page(SHANXIAN, rows[:3], (
        f'<b>1</b> <a href="{channel_url}list_2.html">2</a> <a href="{channel_url}list_2.html">下一页</a>'), LIVE))
    write(f"/{SHANXIAN[0]}/list_2.html", list_page(SHANXIAN, rows[3:], (
        f'<a href="{channel_url}">上一页</a> <a href="{channel_url}">1</a> <b>2</b>'), LIVE))

    # the channel nobody asks for, and its articles: served if asked, never asked
    rows = [(href, title, "2019-05-03") for href, title in JUANCHENG_ARTICLES]
    write(f"/{JUANCHENG[0]}/index.html", list_page(JUANCHENG, rows, '<a href="list_2.html">下一页</a>', ""))
    write(f"/{JUANCHENG[0]}/list_2.html", list_page(JUANCHENG, [], "", ""))
    for href, title in JUANCHENG_ARTICLES:
        write(href, f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
                    f'<p>来源：菏泽日报 2019-05-03 08:00</p><p>{IN_BOX_DATELINE}</p></body></html>')


# ------------------------------------------------------------------ the build

def encoding_of(article: dict) -> str:
    # no <meta charset>: the HTTP header is the only declaration (GBK bytes: 堃 is not in GB2312)
    return "gbk" if article["template"] in GBK_TEMPLATES else "utf-8"


def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /api/\nDisallow: /data/template/\n")
    PORTAL.write_articles(lambda article: RENDERERS[article["template"]], encoding_of)
    routes = {path: {"headers": {"Content-Type": "text/html; charset=gb2312"}}
              for a in ARTICLES if encoding_of(a) == "gbk" for path in PORTAL.page_paths(a)}
    write(path_of(VIDEO), render_video())
    write_lists()
    PORTAL.write_json("_routes.json", routes)

    asked = (CAOXIAN[0], SHANXIAN[0])
    never = PORTAL.never_requested(asked, {"/shandong/", f"/{JUANCHENG[0]}/list_2.html", "/heze/news/202011/7900456.html"}
                                   | {href for href, _ in JUANCHENG_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a, body=("p", "sub")) for a in ARTICLES}, never, [
        {"path": path_of(VIDEO), "reason": "not an article: a 视频 page with a title and a player, no text"}])


if __name__ == "__main__":
    run(PORTAL, build)
