"""The eighth blind portal's articles (德州: 禹城, 乐陵): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json)
is written from the same data by PORTAL.md's field rules, spelled out here by hand per article
(credits, source, published_at, captions), never derived from the HTML.

Body items, in page order:
    ("p", text)                         a body paragraph (stored, stripped of indentation)
    ("lead", text)                      a `<p><b>核心提示：</b>…</p>` summary: shown, not body
    ("byline", text)                    a paragraph that is only an end mark / editor line: shown, not body
    ("img", src, shown, caption)        an image and the caption line under it as shown; `caption` is stored
"""

from __future__ import annotations

YUCHENG = ("dezhou/yucheng", "禹城新闻", "禹城")
LELING = ("dezhou/leling", "乐陵新闻", "乐陵")
QIHE = ("dezhou/qihe", "齐河新闻", "齐河")

# the leling list links its articles absolutely on the mobile host
MOBILE_LIVE = "https://m.yybnet.net"


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def editor(name: str, role: str = "责任编辑") -> dict:
    return {"name": name, "role": role, "kind": "editor"}


def article(id_: str, channel: tuple, template: str, headline: str, source: str, published_at: str,
            info: str, credits: list[dict], items: list[tuple], **extra) -> dict:
    """`info` is the info line exactly as the page shows it; `published_at` is its reading by PORTAL.md."""
    return {"id": id_, "ym": published_at[:7].replace("-", ""), "channel": channel, "template": template,
            "headline": headline, "source": source, "published_at": published_at, "info": info,
            "credits": credits, "items": items, **extra}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 禹城 (yucheng)
    article("7810001", YUCHENG, "weekday-info", "禹城市新建改建农村公路120公里", "德州日报", "2021-08-02T10:20:05+08:00",
            "2021-08-02 10:20:05 星期一 德州日报",
            [], [
                ("p", "今年以来，禹城市把“四好农村路”建设作为民生实事，新建改建农村公路120公里。"),
                ("p", "在房寺镇、莒镇乡等地，新修的柏油路通到了村口，群众出行和农产品外运更加便捷。"),
                ("p", "该市还同步推进路域环境整治，在公路两侧栽植绿化苗木3万余株。"),
            ]),
    article("7810002", YUCHENG, "h1-sitename", "禹城高新区功能糖产业集群产值突破百亿元", "德州晚报", "2021-08-01T16:45:00+08:00",
            "来源：德州晚报\u30002021-08-01 16:45",
            [], [
                ("p", "记者从禹城高新区获悉，上半年，园区功能糖产业集群实现产值102亿元，同比增长18%。"),
                ("p", "禹城被誉为“中国功能糖城”，低聚木糖、赤藓糖醇等产品产量居全国前列。"),
                ("p", "高新区正加快建设功能糖产业研究院，推动产业链向医药、保健食品领域延伸。"),
            ]),
    article("7810003", YUCHENG, "arrow-crumb", "禹城市举办首届夏季消费季活动", "齐鲁晚报", "2021-07-30T19:05:00+08:00",
            "来源：齐鲁晚报 发布时间：2021-07-30 19:05",
            [], [
                ("p", "7月30日晚，禹城市首届夏季消费季在大禹文化广场启动，百余家商户设摊参展。"),
                ("p", "活动将持续一个月，其间发放消费券200万元，并举办美食节、夜市和汽车展销等活动。"),
            ]),
    article("7810004", YUCHENG, "hexin-tishi", "禹城“一次办好”改革让群众少跑腿", "大众日报", "2021-07-28T08:10:00+08:00",
            "来源：大众日报\u3000时间：2021-07-28 08:10\u3000作者：记者 刘兵 通讯员 高峰",
            [author("刘兵", "记者"), author("高峰", "通讯员")], [
                ("lead", "核心提示：禹城市深化“一次办好”改革，企业开办实现一天办结，180项事项可“掌上办”。"),
                ("p", "走进禹城市为民服务中心，综合受理窗口前秩序井然，办事群众只需在一个窗口递交材料。"),
                ("p", "今年以来，禹城市将企业开办压缩至一个工作日，180项高频事项实现“掌上办”“指尖办”。"),
                ("p", "下一步，该市将推动更多事项跨区域通办，持续优化营商环境。"),
            ]),
    # ---------------------------------------------------------------- 乐陵 (leling)
    article("7820001", LELING, "author-photo", "乐陵金丝小枣迎来丰收季", "德州日报", "2021-08-02T09:30:00+08:00",
            "来源：德州日报\u30002021-08-02 09:30\u3000作者：记者 赵鹏 摄影：王磊",
            [author("赵鹏", "记者"), author("王磊", "摄影")], [
                ("p", "眼下，乐陵市二十万亩枣园陆续进入成熟期，枣农们开始采收早熟品种。"),
                ("img", "/uploadfile/2021/0802/leling_xiaozao.jpg", "枣农在枣林里查看小枣长势。", "枣农在枣林里查看小枣长势。"),
                ("p", "乐陵金丝小枣以皮薄、肉厚、核小著称，是国家地理标志保护产品。"),
                ("p", "今年该市引导枣农发展电商销售，线上订单较去年同期明显增加。"),
            ]),
    article("7820002", LELING, "br-emsp", "乐陵市启动城区老旧小区改造", "德州晚报", "2021-07-31T11:00:00+08:00",
            "来源：德州晚报 2021-07-31 11:00",
            [], [
                ("p", "今年，乐陵市计划改造城区老旧小区23个，涉及居民4200余户。"),
                ("p", "改造内容包括雨污分流、外墙保温、道路硬化和增设停车位、充电桩等。"),
                ("p", "目前，首批8个小区已进场施工，预计年底前全部完工。"),
            ]),
    article("7820003", LELING, "wan-zebian", "乐陵调味品产业园新签约项目6个", "齐鲁晚报", "2021-07-29T15:40:00+08:00",
            "来源：齐鲁晚报 2021-07-29 15:40",
            [editor("李四")], [
                ("p", "7月29日，乐陵市调味品产业园集中签约6个项目，总投资18.5亿元。"),
                ("p", "乐陵是全国重要的调味品生产基地，产业园已聚集相关企业50余家。"),
                ("byline", "（完）"),
                ("byline", "【责任编辑：李四】"),
            ]),
    article("7820004", LELING, "dot-date", "乐陵市开展防汛应急演练", "德州晚报", "2021-08-02T10:20:00+08:00",
            "来源：德州晚报\u30002021.08.02 10:20",
            [], [
                ("p", "8月2日，乐陵市在马颊河沿岸开展防汛应急演练，300余人参加。"),
                ("p", "演练模拟河道堤防出现管涌险情，检验了抢险队伍的快速反应和协同处置能力。"),
            ]),
]

# 齐河: only listed in the 齐河 box beside the yucheng list and in leling's 其他县区 div, never asked
QIHE_ARTICLES = [
    ("/dezhou/news/202108/7830001.html", "齐河黄河国际生态城文旅项目开工"),
    ("/dezhou/news/202107/7830002.html", "齐河县夏粮收购进度过半"),
    ("/dezhou/news/202107/7830003.html", "齐河博物馆群暑期游客增多"),
]
