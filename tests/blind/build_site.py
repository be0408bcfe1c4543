"""Build the blind test portal: tests/blind/site/ and its answer key tests/blind/expected.json.

A second mirror of 地方网, for the city of 咸阳, written without looking at the extractor:
six article templates of other CMSs and eras (DedeCMS, PHPCMS, an EmpireCMS-era GBK table
page, a 2020s responsive page, an m. page, a pinyin-class template), none sharing class
names with tests/mirror. Run `python tests/blind/build_site.py`, commit the outputs.
The article data and the records it must give are in articles.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

from articles import ARTICLES, BINXIAN, LIQUAN, LIQUAN_ARTICLES, QIANXIAN  # noqa: E402

from tests.blindkit import Portal, esc, run  # noqa: E402

LIVE = "https://www.yybnet.net"
MOBILE = "https://m.yybnet.net"
COUNTIES = [
    ("xianyang", "咸阳新闻"), ("xianyang/sanyuan", "三原新闻"), ("xianyang/jingyang", "泾阳新闻"),
    ("xianyang/qianxian", "乾县新闻"), ("xianyang/liquan", "礼泉新闻"), ("xianyang/yongshou", "永寿新闻"),
    ("xianyang/binxian", "彬县新闻"), ("xianyang/changwu", "长武新闻"), ("xianyang/xunyi", "旬邑新闻"),
    ("xianyang/chunhua", "淳化新闻"), ("xianyang/wugong", "武功新闻"), ("xianyang/xingping", "兴平新闻"),
]
PORTAL = Portal(HERE, "xianyang", ("陕西", "咸阳市"), COUNTIES, ARTICLES)
path_of, neighbours, by_date, write = PORTAL.path_of, PORTAL.neighbours, PORTAL.newest_first, PORTAL.write
IN_BOX_DATELINE = (
    "本报礼泉5月3日讯（记者 马超 通讯员 冯雪）5月2日，礼泉县袁家村迎来“五一”假期客流高峰，"
    "当天接待游客12万人次……"
)
COPYRIGHT = (
    "版权声明：凡本网注明“来源：地方网”的所有作品，版权均属于地方网，未经授权不得转载。"
    "凡注明“来源：XXX（非地方网）”的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点。"
)


def link_of(article: dict) -> str:
    """Where the portal links an article from: m. pages on the mobile host."""
    return (MOBILE if article.get("mobile") else "") + path_of(article)


# ------------------------------------------------------------------ shared noise

def county_nav(tag: str = "div", cls: str = "citynav") -> str:
    links = " | ".join(f'<a href="/{p}/">{esc(n)}</a>' for p, n in COUNTIES)
    return f'<{tag} class="{cls}">{links}</{tag}>'


def liquan_links(fmt: str = '<li><a href="{href}" target="_blank">{title}</a></li>') -> str:
    return "\n".join(fmt.format(href=href, title=esc(title)) for href, title in LIQUAN_ARTICLES)


def hot_list(prefix: str) -> str:
    items = [*LIQUAN_ARTICLES, ("/xianyang/news/202011/7900321.html", "咸阳市区新增公共停车泊位3000个")]
    return "\n".join(
        f'<li><span class="{prefix}-num">{i}</span><a href="{href}">{esc(title)}</a></li>'
        for i, (href, title) in enumerate(items, 1)
    )


def prev_next(article: dict, sep: str = "：") -> tuple[str, str]:
    prev, nxt = neighbours(article)
    p = f'上一篇{sep}<a href="{link_of(prev)}">{esc(prev["headline"])}</a>' if prev else f"上一篇{sep}没有了"
    n = f'下一篇{sep}<a href="{link_of(nxt)}">{esc(nxt["headline"])}</a>' if nxt else f"下一篇{sep}没有了"
    return p, n


def crumb_links(article: dict, sep: str, home: str = "地方网") -> str:
    path, name, _ = article["channel"]
    return sep.join([
        f'<a href="/">{home}</a>', '<a href="/shaanxi/">陕西</a>', '<a href="/xianyang/">咸阳市</a>',
        f'<a href="/{path}/">{name}</a>',
    ])


def title_tag(article: dict, sep: str) -> str:
    return f"<title>{esc(article['headline'])}{sep}{article['channel'][1]}{sep}地方网</title>"


# ------------------------------------------------------------------ 1. DedeCMS (2010s)

def dede_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f"<p>　　{esc(item[1])}</p>")
        elif item[0] == "sub":
            out.append(f"<p>　　<strong>{esc(item[1])}</strong></p>")
        elif item[0] == "img":
            out.append(f'<p style="text-align: center;"><img alt="" src="{item[1]}" style="width: 600px; height: 400px;" /></p>')
            if item[2]:
                out.append(f'<p style="text-align: center;">{esc(item[2])}</p>')
    return "\n".join(out)


def dede_pagelist(article: dict, page: int, count: int) -> str:
    if count == 1:
        return ""
    base = f"{article['id']}"
    names = [f"{base}.html"] + [f"{base}_{n}.html" for n in range(2, count + 1)]
    lis = [f"<li><a>共{count}页: </a></li>"]
    lis.append(f"<li><a href='{names[page - 2]}'>上一页</a></li>" if page > 1 else "<li><a href='#'>上一页</a></li>")
    for n in range(1, count + 1):
        lis.append(f'<li class="thisclass"><a href=\'#\'>{n}</a></li>' if n == page else f"<li><a href='{names[n - 1]}'>{n}</a></li>")
    lis.append(f"<li><a href='{names[page]}'>下一页</a></li>" if page < count else "<li><a href='#'>下一页</a></li>")
    return f'<div class="dede_pages"><ul class="pagelist">{"".join(lis)}</ul></div>'


def render_dedecms(article: dict, page: int, items: list[tuple], count: int) -> str:
    shown = article["shown"]
    info = f"<small>时间:</small>{shown['time']}<small>来源:</small>{article['source']} "
    if shown.get("author"):
        info += f"<small>作者:</small>{esc(shown['author'])} "
    info += (f'<small>点击:</small><script src="/plus/count.php?view=yes&aid={article["id"]}&mid=1" '
             'type=\'text/javascript\' language="javascript"></script>次')
    first = next(i[1] for i in article["items"] if i[0] == "p")
    prev, nxt = prev_next(article)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
{title_tag(article, "_")}
<meta name="keywords" content="{article['channel'][2]},咸阳,地方网" />
<meta name="description" content="{esc(first[:60])}" />
<link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" />
<script language="javascript" type="text/javascript" src="/include/dedeajax2.js"></script>
</head>
<body class="articleview">
<div class="header_top w960 center"><span class="top-date">陕西 · 咸阳</span><div class="toplinks"><a href="/">地方网首页</a> | <a href="/member/">会员中心</a></div></div>
<div class="header w960 center"><div class="module blue mT10 wrapper w963"><div id="navMenu">{county_nav("ul", "nav-county")}</div></div></div>
<div class="w960 center clear mt1">
<div class="pleft">
 <div class="place"><strong>当前位置:</strong> {crumb_links(article, " &gt; ", "主页")} &gt; 正文</div>
 <div class="viewbox">
  <div class="tit"><h2>{esc(article['headline'])}</h2></div>
  <div class="arcinfo">{info}</div>
  <div class="intro">{esc(first[:60])}...</div>
  <div class="arccontent">
<table width='100%'><tr><td>
{dede_body(items)}
</td></tr></table>
  </div>
  {dede_pagelist(article, page, count)}
  <div class="boxoff"><strong>------分隔线----------------------------</strong></div>
  <div class="handle">
   <div class="context"><ul><li>{prev}</li><li>{nxt}</li></ul></div>
   <div class="actbox"><ul><li id="act-fav"><a href="/plus/stow.php?aid={article['id']}" target="_blank">收藏</a></li><li id="act-err"><a href="/plus/erraddsave.php?aid={article['id']}" target="_blank">挑错</a></li><li id="act-pus"><a href="/plus/recommend.php?aid={article['id']}" target="_blank">推荐</a></li><li id="act-pnt"><a href="#" onclick="window.print();">打印</a></li></ul></div>
  </div>
 </div>
 <div class="xgyd"><dl class="tbox"><dt><strong>相关文章</strong></dt><dd><ul class="d1 ico3">
{liquan_links()}
 </ul></dd></dl></div>
 <div class="tjyd"><dl class="tbox"><dt><strong>推荐阅读</strong></dt><dd>
  <h3><a href="{LIQUAN_ARTICLES[0][0]}">{esc(LIQUAN_ARTICLES[0][1])}</a></h3>
  <p>{esc(IN_BOX_DATELINE)}</p>
 </dd></dl></div>
</div>
<div class="pright">
 <div class="commend"><dl class="tbox light"><dt class="light"><strong>热门排行</strong></dt><dd class="light"><ul class="d4">
{hot_list("ph")}
 </ul></dd></dl></div>
 <div class="ad_r"><script src="/plus/ad_js.php?aid=3"></script></div>
</div>
</div>
<div class="foot w960 center mt1 clear"><div class="footer_body"><p class="powered">{esc(COPYRIGHT)}</p><div class="copyright">Copyright &copy; 2008-2017 地方网 www.yybnet.net 版权所有</div></div></div>
</body>
</html>
"""


# ------------------------------------------------------------------ 2. PHPCMS v9 (2019-2020)

def phpcms_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] == "p":
            out.append(f'<p style="text-indent: 2em;">{esc(item[1])}</p>')
        elif item[0] == "byline":
            out.append(f'<p style="text-align: right;">{esc(item[1])}</p>')
        elif item[0] == "sub":
            out.append(f'<p style="text-indent: 2em;"><strong>{esc(item[1])}</strong></p>')
        elif item[0] == "img":
            out.append(f'<p style="text-align: center;"><img src="{item[1]}" /></p>')
            if item[2]:
                out.append(f'<p style="text-align: center;">{esc(item[2])}</p>')
    return "\n".join(out)


def render_phpcms(article: dict, page: int, items: list[tuple], count: int) -> str:
    shown = article["shown"]
    prev, nxt = prev_next(article)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=7" />
{title_tag(article, " - ")}
<meta name="keywords" content="{article['channel'][2]}">
<link href="/statics/css/reset.css" rel="stylesheet" type="text/css" />
<link href="/statics/css/default_blue.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/statics/js/jquery.min.js"></script>
</head>
<body>
<div class="body-top"><div class="content-top"><a href="/" class="logo-phpcms"><img src="/statics/images/v9/logo.jpg" alt="地方网" /></a></div></div>
<div class="header"><div class="nav-bar">{county_nav("div", "nav-xy")}</div></div>
<div class="main-wrap">
 <div class="col-left">
  <div class="crumbs">{crumb_links(article, " <span> &gt; </span> ")} <span> &gt; </span> 正文</div>
  <div id="Article">
   <h1>{esc(article['headline'])}<br />
   <span>{shown['time']}&nbsp;&nbsp;&nbsp;来源：{article['source']}&nbsp;&nbsp;&nbsp;作者：{esc(shown.get('author') or '')}&nbsp;&nbsp;&nbsp;评论：<a href="#comment_iframe" id="cmtnum">0</a> 点击：<span id="hitsnum"></span></span></h1>
   <div class="ArticleCnt">
{phpcms_body(items)}
   </div>
   <p style="margin-bottom:10px"><strong>相关阅读：</strong></p>
   <ul class="related list-point">
{liquan_links()}
   </ul>
   <p class="f14"><strong>{prev}</strong><br /><strong>{nxt}</strong></p>
   <div class="bshare-custom">分享到：<a href="#" class="bds_weixin_share" data-cmd="weixin">微信</a><a href="#" class="bds_weibo_share" data-cmd="tsina">新浪微博</a><a href="#" class="bds_qq_share" data-cmd="qzone">QQ空间</a></div>
  </div>
  <div class="box recommend-read"><h5 class="title-2">推荐阅读</h5>
   <h6><a href="{LIQUAN_ARTICLES[1][0]}">{esc(LIQUAN_ARTICLES[1][1])}</a></h6>
   <p>{esc(IN_BOX_DATELINE)}</p>
  </div>
  <div id="comment_iframe"><iframe src="/index.php?m=comment&c=index&a=init&commentid=content_{article['id']}" width="100%" height="100%" frameborder="0" scrolling="no"></iframe></div>
 </div>
 <div class="col-auto">
  <div class="box"><h5 class="title-2">热门排行</h5><ul class="list digg">
{hot_list("rank")}
  </ul></div>
 </div>
</div>
<div class="foot-wrap"><p class="foot-info">{esc(COPYRIGHT)}<br />Copyright &#169; 2009-2020 地方网 All Rights Reserved</p></div>
</body>
</html>
"""


# ------------------------------------------------------------------ 3. EmpireCMS-era GBK tables (2010-2011)

def table_body(items: list[tuple]) -> str:
    runs = []
    for item in items:
        if item[0] in ("p", "byline", "sub"):
            runs.append(f"　　{esc(item[1])}")
    return "<br>\n<br>\n".join(runs) + "<br>\n"


def render_empirecms_gbk(article: dict, page: int, items: list[tuple], count: int) -> str:
    prev, nxt = prev_next(article)
    crumb = crumb_links(article, "&nbsp;&gt;&gt;&nbsp;")
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
{title_tag(article, "--")}
<link href="/skin/default/css/style.css" rel="stylesheet" type="text/css">
<script language="JavaScript" src="/e/data/js/ajax.js"></script>
</head>
<body topmargin="0" leftmargin="0" bgcolor="#FFFFFF">
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="80"><a href="/"><img src="/skin/default/images/logo.gif" width="300" height="80" border="0"></a></td></tr>
<tr><td class="daohang2" height="28">{county_nav("span", "xyxw")}</td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr>
<td width="700" valign="top">
 <table width="100%" border="0" cellpadding="0" cellspacing="0">
 <tr><td class="dqwz" height="30">您现在的位置：{crumb}&nbsp;&gt;&gt;&nbsp;正文</td></tr>
 </table>
 <table width="100%" border="0" cellpadding="0" cellspacing="0" class="wzbj">
 <tr><td class="bt" align="center" height="50">{esc(article['headline'])}</td></tr>
 <tr><td align="center" class="fbxx" height="25" bgcolor="#F5F5F5">发布时间：{article['shown']['time']}&nbsp;&nbsp;信息来源：{article['source']}&nbsp;&nbsp;浏览次数：<script src="/e/public/ViewClick/?classid=12&id={article['id']}&addclick=1"></script>&nbsp;&nbsp;【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</td></tr>
 <tr><td class="zw" style="padding:15px;font-size:14px;line-height:180%">
{table_body(items)}
 </td></tr>
 <tr><td align="right" height="30">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
 <tr><td height="25">{prev}</td></tr>
 <tr><td height="25">{nxt}</td></tr>
 </table>
 <table width="100%" border="0" cellpadding="0" cellspacing="0" class="xgxx">
 <tr><td class="xgbt" height="28"><b>相关信息</b></td></tr>
 <tr><td>
{liquan_links('·<a href="{href}" target="_blank">{title}</a><br>')}
 </td></tr>
 </table>
</td>
<td width="10"></td>
<td width="250" valign="top">
 <table width="100%" border="0" cellpadding="0" cellspacing="0">
 <tr><td class="ybbt" height="28"><b>热门排行</b></td></tr>
 <tr><td><ul>
{hot_list("phb")}
 </ul></td></tr>
 <tr><td class="ybbt" height="28"><b>推荐阅读</b></td></tr>
 <tr><td><a href="{LIQUAN_ARTICLES[2][0]}">{esc(LIQUAN_ARTICLES[2][1])}</a><br>{esc(IN_BOX_DATELINE)}</td></tr>
 </table>
</td>
</tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td align="center" class="dibu" height="60">{esc(COPYRIGHT)}<br>地方网 版权所有 陕ICP备05001234号</td></tr>
</table>
</body>
</html>
"""


# ------------------------------------------------------------------ 4. responsive (2020s)

def responsive_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f"<p>{esc(item[1])}</p>")
        elif item[0] == "sub":
            out.append(f"<h3>{esc(item[1])}</h3>")
        elif item[0] == "img":
            cap = f"<figcaption>{esc(item[2])}</figcaption>" if item[2] else ""
            out.append(f'<figure class="wp-image"><img src="{item[1]}" alt="" loading="lazy">{cap}</figure>')
    return "\n".join(out)


def render_responsive(article: dict, page: int, items: list[tuple], count: int) -> str:
    shown = article["shown"]
    path, name, _ = article["channel"]
    editor = f'<p class="editor">{esc(article["editor_line"])}</p>' if article.get("editor_line") and page == count else ""
    pager = ""
    if count > 1:
        cells = [f'<a href="{article["id"]}{"" if n == 1 else f"_{n}"}.html"{" class=on" if n == page else ""}>{n}</a>' for n in range(1, count + 1)]
        if page < count:
            cells.append(f'<a href="{article["id"]}_{page + 1}.html">下一页</a>')
        pager = f'<nav class="post-pager">{"".join(cells)}</nav>'
    prev, nxt = prev_next(article, "")
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{title_tag(article, " - ")}
<meta property="og:title" content="{esc(article['headline'])}">
<meta property="og:site_name" content="地方网">
<link rel="stylesheet" href="/static/css/app.2f9c1e.css">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"WebSite","name":"地方网","url":"https://www.yybnet.net/"}}</script>
</head>
<body class="page-article">
<header class="site-top"><a class="brand" href="/">地方网</a>{county_nav("nav", "county-links")}</header>
<main class="layout">
 <div class="layout-main">
  <nav class="bread-nav" aria-label="breadcrumb"><ol>
   <li><a href="/">地方网</a></li><li><a href="/shaanxi/">陕西</a></li><li><a href="/xianyang/">咸阳市</a></li><li><a href="/{path}/">{name}</a></li><li aria-current="page">正文</li>
  </ol></nav>
  <article>
   <header>
    <h1 class="post-title">{esc(article['headline'])}</h1>
    <div class="post-meta"><span class="meta-source">{article['source']}</span> <time datetime="{shown['datetime']}">{shown['time']}</time> <span class="meta-views"><i class="icon-eye"></i><em data-id="{article['id']}">--</em></span></div>
   </header>
   <div class="post-body">
{responsive_body(items)}
{editor}
   </div>
   {pager}
   <footer class="post-foot">
    <div class="share-bar">分享到：<button data-share="wechat">微信</button><button data-share="weibo">微博</button><button data-share="qq">QQ</button></div>
    <div class="post-nav"><div class="post-prev"><span>上一篇</span>{prev.replace("上一篇", "")}</div><div class="post-next"><span>下一篇</span>{nxt.replace("下一篇", "")}</div></div>
   </footer>
  </article>
  <section class="card card-related"><h2 class="card-hd">相关新闻</h2><ul>
{liquan_links()}
  </ul></section>
  <section class="card card-recommend"><h2 class="card-hd">推荐阅读</h2>
   <div class="rec-item"><a href="{LIQUAN_ARTICLES[0][0]}"><h3>{esc(LIQUAN_ARTICLES[0][1])}</h3></a><p>{esc(IN_BOX_DATELINE)}</p></div>
  </section>
 </div>
 <aside class="layout-side">
  <section class="card card-rank"><h2 class="card-hd">热门排行</h2><ol>
{hot_list("rank")}
  </ol></section>
 </aside>
</main>
<footer class="site-foot"><p>{esc(COPYRIGHT)}</p><p>&copy; 2021 地方网 yybnet.net</p></footer>
<script src="/static/js/app.8a7d3f.js" defer></script>
</body>
</html>
"""


# ------------------------------------------------------------------ 5. mobile (m.yybnet.net)

def mobile_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{esc(item[1])}</p>")
        elif item[0] == "img":
            out.append(f'<p class="pic"><img src="{item[1]}"></p>')
            if item[2]:
                out.append(f'<p class="pic-note">{esc(item[2])}</p>')
    return "\n".join(out)


def render_mobile(article: dict, page: int, items: list[tuple], count: int) -> str:
    path, name, _ = article["channel"]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=no">
<meta name="format-detection" content="telephone=no">
{title_tag(article, "_")}
<link rel="canonical" href="{LIVE}{path_of(article)}">
<link rel="stylesheet" href="/m/css/wap.css">
</head>
<body>
<div class="wap-top"><a class="wap-home" href="/">地方网</a><a class="wap-menu-btn" href="javascript:;">频道</a></div>
<div class="wap-channels">{county_nav("div", "wap-citys")}</div>
<div class="wap-crumb"><a href="/">首页</a> › <a href="/shaanxi/">陕西</a> › <a href="/xianyang/">咸阳市</a> › <a href="/{path}/">{name}</a></div>
<div class="wap-article">
 <div class="wap-title"><h1>{esc(article['headline'])}</h1></div>
 <p class="wap-info">{article['source']} · {article['shown']['time']}</p>
 <section class="wap-text">
{mobile_body(items)}
 </section>
 <div class="wap-app">打开地方网APP，阅读体验更佳 &gt;</div>
</div>
<div class="wap-block"><h4>相关新闻</h4><ul>
{liquan_links()}
</ul></div>
<div class="wap-block"><h4>推荐阅读</h4><a href="{LIQUAN_ARTICLES[1][0]}"><b>{esc(LIQUAN_ARTICLES[1][1])}</b><p>{esc(IN_BOX_DATELINE)}</p></a></div>
<div class="wap-block"><h4>热门排行</h4><ul>
{hot_list("wap")}
</ul></div>
<div class="wap-foot"><a href="{LIVE}{path_of(article)}">电脑版</a> | {esc(COPYRIGHT)}</div>
</body>
</html>
"""


# ------------------------------------------------------------------ 6. pinyin classes

def pinyin_body(items: list[tuple]) -> str:
    out = []
    for item in items:
        if item[0] in ("p", "byline"):
            out.append(f"<p>&nbsp;&nbsp;　　{esc(item[1])}</p>")
        elif item[0] == "sub":
            out.append(f"<p>　　<b>{esc(item[1])}</b></p>")
    return "\n".join(out)


def render_pinyin(article: dict, page: int, items: list[tuple], count: int) -> str:
    prev, nxt = prev_next(article)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
{title_tag(article, " - ")}
<link type="text/css" rel="stylesheet" href="/css/wenzhang.css">
</head>
<body>
<div class="toubu"><div class="toubu_logo"><a href="/"><img src="/images/logo.png" alt="地方网"></a></div>
<div class="toubu_dh">{county_nav("div", "xianshi")}</div></div>
<div class="zhuti_k">
 <div class="zhuti_z">
  <div class="dangqian">您的位置：{crumb_links(article, " / ")}</div>
  <div class="wenzhang_k">
   <div class="wenzhang_bt">{esc(article['headline'])}</div>
   <div class="wenzhang_xx">稿件来源：{article['source']}　发布日期：{article['shown']['time']}　<a href="javascript:;" onclick="zihao(16)">大</a> <a href="javascript:;" onclick="zihao(14)">中</a> <a href="javascript:;" onclick="zihao(12)">小</a></div>
   <div class="wenzhang_nr">
{pinyin_body(items)}
   </div>
   <div class="wenzhang_fx">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
   <div class="wenzhang_sx"><p>{prev}</p><p>{nxt}</p></div>
  </div>
  <div class="xiangguan_k"><div class="xiangguan_bt">相关新闻</div><ul>
{liquan_links()}
  </ul></div>
  <div class="tuijian_k"><div class="tuijian_bt">推荐阅读</div>
   <a href="{LIQUAN_ARTICLES[2][0]}">{esc(LIQUAN_ARTICLES[2][1])}</a><p>{esc(IN_BOX_DATELINE)}</p>
  </div>
 </div>
 <div class="zhuti_y">
  <div class="paihang_k"><div class="paihang_bt">热门排行</div><ul>
{hot_list("ph")}
  </ul></div>
 </div>
</div>
<div class="dibu_k"><div class="banquan">{esc(COPYRIGHT)}</div><div class="dibu_xx">地方网 版权所有</div></div>
</body>
</html>
"""


RENDERERS = {
    "dedecms": render_dedecms,
    "phpcms": render_phpcms,
    "empirecms-gbk": render_empirecms_gbk,
    "responsive": render_responsive,
    "mobile": render_mobile,
    "pinyin": render_pinyin,
}


# ------------------------------------------------------------------ list pages

def sidebar_liquan() -> str:
    path, name, _ = LIQUAN
    return (f'<div class="lm-side"><h3><a href="/{path}/">{name}</a></h3><ul>\n'
            + liquan_links()
            + f'\n</ul><a class="more" href="/{path}/">更多&gt;&gt;</a></div>')


def list_page(channel: tuple, items: list[dict], pager: str, absolute: bool) -> str:
    path, name, _ = channel
    host = LIVE if absolute else ""
    rows = "\n".join(
        f'<li><span class="rq">{a["published_at"][:10]}</span><a href="{MOBILE + path_of(a) if a.get("mobile") else host + path_of(a)}" '
        f'target="_blank">{esc(a["headline"])}</a></li>'
        for a in items
    )
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{name}_咸阳_地方网</title>
</head>
<body>
<div class="top-bar"><a href="{host}/">地方网首页</a></div>
{county_nav("div", "xy-nav")}
<div class="weizhi2">当前位置：<a href="{host}/">首页</a> &gt; <a href="{host}/shaanxi/">陕西</a> &gt; <a href="{host}/xianyang/">咸阳市</a> &gt; {name}</div>
<div class="lm-main">
 <h2 class="lm-name">{name}</h2>
 <ul class="lm-list">
{rows}
 </ul>
 <div class="lm-pages">{pager}</div>
</div>
{sidebar_liquan()}
<div class="lm-foot">{esc(COPYRIGHT)}</div>
</body>
</html>
"""


def write_lists() -> None:
    binxian = by_date(BINXIAN)
    write(f"/{BINXIAN[0]}/index.html", list_page(BINXIAN, binxian[:4], (
        '<a href="/xianyang/binxian/">首页</a> <span>上一页</span> <b>1</b> <a href="index_2.html">2</a> '
        '<a href="index_2.html">下一页</a> <a href="index_2.html">尾页</a>'), absolute=False))
    write(f"/{BINXIAN[0]}/index_2.html", list_page(BINXIAN, binxian[4:], (
        '<a href="/xianyang/binxian/">首页</a> <a href="/xianyang/binxian/">上一页</a> <a href="/xianyang/binxian/">1</a> '
        '<b>2</b> <span>下一页</span> <a href="index_2.html">尾页</a>'), absolute=False))

    qianxian = by_date(QIANXIAN)
    channel_url = f"{LIVE}/{QIANXIAN[0]}/"
    write(f"/{QIANXIAN[0]}/index.html", list_page(QIANXIAN, qianxian[:4], (
        f'<span class="no-link">上一页</span> <span class="cur-page">1</span> <a href="{channel_url}?p=2">2</a> '
        f'<a href="{channel_url}?p=2">下一页</a>'), absolute=True))
    write(f"/{QIANXIAN[0]}/index@p=2.html", list_page(QIANXIAN, qianxian[4:], (
        f'<a href="{channel_url}">上一页</a> <a href="{channel_url}">1</a> <span class="cur-page">2</span> '
        '<span class="no-link">下一页</span>'), absolute=True))

    # the channel nobody asks for, and its articles: served if asked, never asked
    write(f"/{LIQUAN[0]}/index.html", list_page(LIQUAN, [], '<a href="index_2.html">下一页</a>', absolute=False))
    write(f"/{LIQUAN[0]}/index_2.html", list_page(LIQUAN, [], "", absolute=False))
    for href, title in LIQUAN_ARTICLES:
        write(href, f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
                    f'<p>来源：咸阳日报 2019-05-03 08:00</p><p>{IN_BOX_DATELINE}</p></body></html>')


# ------------------------------------------------------------------ the build

def build() -> None:
    PORTAL.start("User-agent: *\nDisallow: /plus/\nDisallow: /e/\n")
    PORTAL.write_articles(lambda article: RENDERERS[article["template"]],
                          lambda article: "gbk" if article["template"] == "empirecms-gbk" else "utf-8")
    routes = {path_of(a): {"headers": {"Content-Type": "text/html; charset=utf-8"}}
              for a in ARTICLES if a.get("lying_header")}
    write_lists()
    PORTAL.write_json("_routes.json", routes)

    asked = (BINXIAN[0], QIANXIAN[0])
    never = PORTAL.never_requested(asked, {"/shaanxi/", f"/{LIQUAN[0]}/index_2.html", "/xianyang/news/202011/7900321.html"}
                                   | {href for href, _ in LIQUAN_ARTICLES})
    PORTAL.write_expected(asked, {path_of(a): PORTAL.record(a, body=("p", "sub")) for a in ARTICLES}, never)


if __name__ == "__main__":
    run(PORTAL, build)
