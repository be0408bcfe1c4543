"""The eleventh blind portal's articles (泰安: 肥城, 宁阳): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json) is
written from the same data by PORTAL.md's field rules, spelled out here by hand per article (credits,
source, published_at, captions), never derived from the HTML.

Body items, in page order:
    ("p", text)            a body paragraph (stored, stripped of its full-width indentation)
    ("byline", text)       a paragraph that is only a byline: shown, not body
    ("editor", text)       a paragraph that is only an editor line: shown, not body
    ("img", src, caption)  a picture and the line under it (the caption, stored with the image)
"""

from __future__ import annotations

FEICHENG = ("taian/feicheng", "肥城新闻", "肥城")
NINGYANG = ("taian/ningyang", "宁阳新闻", "宁阳")
DONGPING = ("taian/dongping", "东平新闻", "东平")


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def editor(name: str, role: str) -> dict:
    return {"name": name, "role": role, "kind": "editor"}


def article(id_: str, ym: str, channel: tuple, template: str, headline: str, source: str | None,
            published_at: str, info: str, credits: list[dict], items: list[tuple], **extra) -> dict:
    """`info` is the info line's inner HTML exactly as shown; `published_at` is its reading by PORTAL.md.

    Optional: `kicker` / `subtitle` (引题 above, 副题 below the headline), `after` (a line after the body
    container), `listed` (the URL the channel list links, when not the article's path), `list_title`
    (the list's anchor text, when it cuts the headline short)."""
    return {"id": id_, "ym": ym, "channel": channel, "template": template, "headline": headline,
            "source": source, "published_at": published_at, "info": info, "credits": credits,
            "items": items, **extra}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 肥城 (feicheng): list page 1
    article("9110001", "202107", FEICHENG, "span-counter", "周边游持续升温 肥城桃花源景区迎客流高峰", "泰安日报",
            "2021-07-15T09:20:00+08:00",
            # adjacent spans, no whitespace between them; 作者 names joined by 、 (compound surnames 长孙, 令狐)
            "<span>来源:泰安日报</span><span>2021-07-15 09:20</span><span>阅读:<em>1289</em></span>"
            "<span>作者:长孙浩、令狐婷</span>",
            [author("长孙浩", None), author("令狐婷", None), editor("马晓", "责任编辑")], [
                ("p", "进入7月，肥城市周边游持续升温，桃花源景区单日接待游客突破1.2万人次。"),
                ("p", "景区新开放的研学基地和夜游项目受到亲子家庭青睐，周末客房预订率超过九成。"),
                ("p", "肥城市文旅部门增派引导人员，在主要路口设置临时停车场，保障游客安全有序游览。"),
            ], after="<div class=\"tax-bj\">责任编辑：马晓</div>"),
    article("9110002", "202107", FEICHENG, "span-counter", "暑期推荐阅读书目发布 肥城市图书馆开展系列活动", "泰山晚报",
            "2021-07-12T16:05:33+08:00",
            # a counter between the source and the time; seconds printed
            "<span>稿源:泰山晚报</span><span>浏览:<em>2289</em></span><span>2021-07-12 16:05:33</span>",
            [author("孙立", "记者"), author("于萌", "实习生"), editor("马晓", "责任编辑")], [
                ("p", "7月12日，肥城市图书馆发布暑期推荐阅读书目，涵盖文学、科普、历史等类别共60种。"),
                ("p", "暑期期间，图书馆还将开展亲子共读、小小讲解员等系列活动，全部免费向市民开放。"),
                ("p", "据介绍，今年以来肥城市图书馆新增馆藏图书3万余册，开通了24小时自助借阅服务。"),
                ("byline", "（本报记者 孙立 实习生 于萌）"),
            ], after="<div class=\"tax-bj\">责任编辑：马晓</div>"),
    article("9110003", "202107", FEICHENG, "kicker-subtitle", "肥城市县域经济综合排行榜发布", "泰安日报",
            "2021-07-08T08:30:00+08:00",
            "文章来源：泰安日报 | 发布：2021年07月08日 08:30 星期四 | 点击：356",
            [author("王刚", "记者"), author("周丽", "通讯员"), editor("杜鹃", "编辑")], [
                ("byline", "本报记者 王刚 通讯员 周丽"),
                ("p", "7月7日，肥城市发布上半年镇街县域经济综合排行榜，14个镇街比学赶超、竞相发展。"),
                ("p", "排行榜从经济总量、项目建设、财政收入等8个方面进行综合评价，每季度发布一次。"),
                ("p", "肥城市将把排名结果作为镇街年度考核的重要依据，激励各地争先进位。"),
                ("editor", "编辑：杜鹃"),
            ], kicker="聚焦县域经济高质量发展", subtitle="——全市14个镇街比学赶超"),
    article("9110004", "202106", FEICHENG, "photo-story", "精彩回顾｜第三届肥城桃木旅游商品博览会圆满落幕", "肥城新闻网",
            "2021-06-28T17:40:00+08:00",
            "<li>时间：2021-06-28 17:40</li><li>来源于：肥城新闻网</li><li>浏览：<span>862</span>次</li>",
            [author("陈晓", None), author("孙明", "摄影")], [
                ("p", "6月28日，为期三天的第三届肥城桃木旅游商品博览会在肥城市会展中心圆满落幕。"),
                ("img", "/uploadfile/2021/0628/fc_taomu_1.jpg", "博览会现场，市民选购桃木工艺品。"),
                ("p", "本届博览会共有120余家企业参展，现场交易额和意向签约额达1.8亿元。"),
                ("img", "/uploadfile/2021/0628/fc_taomu_2.jpg", "非遗传承人现场展示桃木雕刻技艺。"),
                ("p", "博览会期间还举办了桃木文化论坛和文创设计大赛，吸引众多年轻设计师参与。"),
                ("byline", "陈晓/文 孙明/图"),
            ]),
    # ---------------------------------------------------------------- 肥城: list page 2
    article("9110005", "201003", FEICHENG, "gbk-runs", "肥城市春季植树造林全面展开", "泰安日报",
            "2010-03-15",
            # GBK bytes; runs of text between <br><br>, no <p>; GBK-only 堃 and 喆 in the closing byline
            "稿源：泰安日报　　日期：2010-3-15　　浏览次数：86",
            [author("王堃", "记者"), author("李喆", "通讯员"), editor("张婷", "责任编辑")], [
                ("p", "连日来，肥城市各镇街组织干部群众开展春季植树造林活动，山坡地头到处是忙碌的身影。"),
                ("p", "今春全市计划完成造林2.5万亩，重点实施荒山绿化、道路绿化和村庄绿化三大工程。"),
                ("p", "肥城市林业部门组织技术人员深入一线，指导群众科学栽植，确保苗木成活率。"),
                ("byline", "（记者 王堃 通讯员 李喆）"),
                ("editor", "[责任编辑：张婷]"),
            ]),
    article("9110006", "202107", FEICHENG, "mobile-spans", "肥城市开展防汛应急演练", "泰安日报",
            "2021-07-02T07:45:00+08:00",
            # no label, no year (the URL's /202107/ gives it), two spans with no whitespace between them
            "<span>泰安日报</span><span>07-02 07:45</span>",
            [author("储冰", "记者"), editor("刘畅", "责任编辑")], [
                ("p", "7月1日，肥城市在康王河举行防汛应急演练，检验各部门协同处置突发汛情的能力。"),
                ("p", "演练模拟河道水位暴涨、群众被困等险情，消防、水利、医疗等8支队伍300余人参加。"),
                ("p", "肥城市已储备防汛物资价值1200余万元，组建抢险队伍56支，确保安全度汛。"),
                ("byline", "（储冰 记者）"),
                ("editor", "责编：刘畅"),
            ], listed="https://m.yybnet.net/taian/news/202107/9110006.html"),
    # ---------------------------------------------------------------- 宁阳 (ningyang): list page 1
    article("9120001", "201905", NINGYANG, "kicker-subtitle", "关注｜宁阳县城乡环卫一体化实现全覆盖", "泰山晚报",
            "2019-05-21T10:12:00+08:00",
            "来源于：泰山晚报&nbsp;&nbsp;<span>[2019-05-21 10:12]</span>&nbsp;&nbsp;点击：1024",
            # full-width spaces around the compound surname 濮阳
            [author("濮阳春", "记者"), author("琚海燕", "通讯员"), editor("杜鹃", "编辑")], [
                ("byline", "记者　濮阳春　通讯员　琚海燕"),
                ("p", "记者了解到，宁阳县今年投入资金3000余万元，实现城乡环卫一体化全覆盖。"),
                ("p", "全县配备保洁员2100余名，农村生活垃圾实现日产日清，村容村貌明显改善。"),
                ("p", "宁阳县还建立了环卫工作月考评制度，考评结果与镇街经费挂钩。"),
                ("editor", "编辑：杜鹃"),
            ], kicker="推进农村人居环境整治", subtitle="——农村垃圾日产日清",
            # the list still links the article's address of the old CMS, which answers 301
            listed="/html/2019/0521/9120001.html"),
    article("9120002", "202106", NINGYANG, "photo-story", "宁阳蟋蟀文化节登上央视头条", "泰安日报",
            "2021-06-15T08:00:00+08:00",
            "<li>时间：2021-06-15 08:00</li><li>文章来源：泰安日报</li><li>浏览：<span>1534</span>次</li>",
            [author("孔明", None), author("岳山", "摄影")], [
                ("byline", "文字：孔明　摄影：岳山"),
                ("p", "6月14日，宁阳蟋蟀文化节开幕式盛况登上央视新闻频道头条，引发广泛关注。"),
                ("img", "/uploadfile/2021/0615/ny_xishuai.jpg", "文化节上，游客观看蟋蟀争霸赛。"),
                ("p", "宁阳蟋蟀以个大、善斗闻名，每年吸引全国各地数万名爱好者前来交流。"),
                ("p", "近年来，宁阳县做强蟋蟀产业，带动当地群众年增收超过2亿元。"),
            ]),
    article("9120003", "201106", NINGYANG, "gbk-runs", "宁阳县夏粮收购工作有序开展", "泰安日报",
            "2011-06-08T09:05:00+08:00",
            "【文章来源：泰安日报】【发布时间：2011-6-8 9:05:00】【字号：大 中 小】",
            [author("赵堃", "通讯员"), author("刘喆", "通讯员"), editor("周婷", "责任编辑")], [
                ("byline", "本报通讯员 赵堃 刘喆"),
                ("p", "眼下正值夏粮收购旺季，宁阳县各收储企业敞开收购，确保农民交售方便。"),
                ("p", "全县设立收购网点46个，实行收购价格、质量标准、结算方式三公开。"),
                ("p", "截至6月7日，全县已收购小麦3.2万吨，没有出现农民卖粮难现象。"),
                ("editor", "【责任编辑：周婷】"),
            ], list_title="宁阳县夏粮收购工作…"),
    # ---------------------------------------------------------------- 宁阳: list page 2
    article("9120004", "202106", NINGYANG, "mobile-spans", "宁阳县举办首届乡村文化艺术节", "泰山晚报",
            "2021-06-20T10:15:00+08:00",
            "<span>泰山晚报</span><span>06-20 10:15</span>",
            [author("赵磊", "记者")], [
                ("byline", "■记者 赵磊 摄影报道"),
                ("p", "6月19日，宁阳县首届乡村文化艺术节在葛石镇开幕，20个乡村文艺团队同台献艺。"),
                ("img", "/uploadfile/2021/0620/ny_yishujie.jpg", "村民表演传统民俗节目《花鼓舞》。"),
                ("p", "艺术节为期一个月，将举办广场舞大赛、农民书画展、非遗展演等12项活动。"),
            ], listed="https://m.yybnet.net/taian/news/202106/9120004.html"),
]

# 东平: its own channel, never asked; linked from the boxes beside the lists and under the articles
DONGPING_ARTICLES = [
    ("/taian/news/202107/9130001.html", "东平湖生态旅游推荐线路发布"),
    ("/taian/news/202107/9130002.html", "东平县精彩民俗活动轮番上演"),
    ("/taian/news/202106/9130003.html", "东平县重点项目观摩排行揭晓"),
]
# site-wide boxes (热点排行 …): the city channel's and another city's articles, never asked
SITE_WIDE_ARTICLES = [
    ("/taian/news/202107/9100001.html", "泰安网购热点排行出炉"),
    ("/taian/news/202107/9100002.html", "关注｜泰山景区推出夜游精品线路"),
    ("/jinan/news/202107/7990001.html", "济南头条：地铁4号线进入试运营阶段"),
]
