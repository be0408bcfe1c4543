"""The seventh blind portal's articles (烟台: 蓬莱, 龙口): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json)
is written from the same data by PORTAL.md's field rules, spelled out here by hand per article
(credits, source, published_at, captions), never derived from the HTML.

Body items, in page order:
    ("p", text)                         a body paragraph (stored, stripped of indentation)
    ("byline", text)                    a paragraph that is only a byline / editor line: shown, not body
    ("img", src, shown, caption)        an image and the caption line under it as shown; `caption` is stored
    ("page",)                           the article continues on the next page (`_2`, `_3`)
"""

from __future__ import annotations

PENGLAI = ("yantai/penglai", "蓬莱新闻", "蓬莱")
LONGKOU = ("yantai/longkou", "龙口新闻", "龙口")
ZHAOYUAN = ("yantai/zhaoyuan", "招远新闻", "招远")

# the penglai list links this article absolutely on http://www.yybnet.net (http, not https)
HTTP_LINKED_ID = "7710004"


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def editor(name: str, role: str = "责任编辑") -> dict:
    return {"name": name, "role": role, "kind": "editor"}


def article(id_: str, channel: tuple, template: str, headline: str, source: str, published_at: str,
            info: str, credits: list[dict], items: list[tuple], **extra) -> dict:
    """`info` is the info line exactly as the page shows it; `published_at` is its reading by PORTAL.md."""
    return {"id": id_, "ym": "202105", "channel": channel, "template": template, "headline": headline,
            "source": source, "published_at": published_at, "info": info, "credits": credits,
            "items": items, **extra}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 蓬莱 (penglai)
    article("7710001", PENGLAI, "strong-title", "蓬莱葡萄酒产区春季葡萄园管理全面铺开", "烟台晚报", "2021-05-06",
            "作者：烟台晚报记者 刘洋 实习生 陈晨\u3000来源：烟台晚报\u3000时间：2021-05-06",
            [author("刘洋", "记者"), author("陈晨", "实习生")], [
                ("p", "眼下正值葡萄出土上架的关键时期，蓬莱区大辛店镇、南王街道的葡萄园里，果农们忙着绑蔓、抹芽。"),
                ("p", "蓬莱是全国重要的酿酒葡萄产区，目前全区酿酒葡萄种植面积达到8.5万亩，拥有葡萄酒企业70余家。"),
                ("p", "区农业农村局组织技术人员深入田间地头，指导果农科学控产、精细管理，为秋季酿造优质原料打好基础。"),
            ]),
    article("7710002", PENGLAI, "img-first", "“五一”假期蓬莱阁景区接待游客12万人次", "烟台日报", "2021-05-05T17:40:00+08:00",
            "来源：烟台日报 2021-05-05 17:40",
            [], [
                ("img", "/uploadfile/2021/0505/penglaige_youke.jpg", "▲ 蓬莱阁景区游人如织。", "蓬莱阁景区游人如织。"),
                ("p", "“五一”假期，蓬莱阁景区推出八仙文化演艺、古船展等活动，吸引大批游客前来观光。"),
                ("p", "据统计，假期五天蓬莱阁景区共接待游客12.3万人次，同比增长三成以上。"),
                ("p", "为应对客流高峰，景区实行分时段预约入园，并增开了往返市区的旅游专线公交。"),
            ]),
    article("7710003", PENGLAI, "editor-note", "蓬莱区启动海岸带生态修复工程", "烟台日报", "2021-05-04T08:20:00+08:00",
            "来源：烟台日报\u30002021-05-04 08:20",
            [author("王涛", "记者"), author("李晓", "通讯员"), editor("赵敏")], [
                ("p", "本报蓬莱5月3日讯（记者 王涛 通讯员 李晓）3日，蓬莱区海岸带生态保护修复工程正式开工。"),
                ("p", "工程计划修复岸线12公里，实施沙滩整治、海堤生态化改造和滨海湿地恢复。"),
                ("p", "项目建成后，将进一步改善蓬莱沿海生态环境，提升滨海旅游品质。"),
                ("byline", "责任编辑：赵敏"),
            ], note="【编者按】海岸带是陆海交汇的生态敏感区。今年起，我市陆续启动一批海岸带生态修复项目，"
                    "本报今起推出系列报道，关注各区市的修复进展。"),
    article(HTTP_LINKED_ID, PENGLAI, "keywords-printbar", "蓬莱长岛海上客运航线恢复正常", "齐鲁晚报", "2021-05-02T11:30:00+08:00",
            "来源：齐鲁晚报 2021-05-02 11:30",
            [author("孙浩", "记者")], [
                ("p", "受大风天气影响停航两天的蓬莱至长岛海上客运航线，2日上午恢复正常运营。"),
                ("p", "港口方面加开客滚船班次，疏运滞留旅客和车辆，当天共运送旅客8600余人次。"),
                ("byline", "（记者 孙浩）"),
            ], keywords="关键词：蓬莱 长岛 航线"),
    # ---------------------------------------------------------------- 龙口 (longkou)
    article("7720001", LONGKOU, "jiaodong-info", "龙口粉丝入选省级非遗代表性项目名录", "胶东在线", "2021-05-06T09:12:30+08:00",
            "胶东在线 2021-05-06 09:12:30 责编：王丽",
            [editor("王丽")], [
                ("p", "近日，山东省公布第五批省级非物质文化遗产代表性项目名录，龙口粉丝传统制作技艺名列其中。"),
                ("p", "龙口粉丝以绿豆为原料，历经浸泡、磨浆、沉淀、漏粉、晾晒等多道工序，已有300多年的生产历史。"),
            ]),
    article("7720002", LONGKOU, "wentu-byline", "龙口南山樱桃开始采摘上市", "烟台日报", "2021-05-05T08:30:00+08:00",
            "来源：烟台日报\u30002021-05-05 08:30\u3000文/图 记者 孙明",
            [author("孙明", "记者")], [
                ("p", "5月初，龙口市东江街道的大棚樱桃陆续成熟，果农们抢抓时机采摘上市。"),
                ("img", "/uploadfile/2021/0505/longkou_yingtao.jpg", "果农在大棚里采摘樱桃。", "果农在大棚里采摘樱桃。"),
                ("p", "今年大棚樱桃品质好、价格稳，每公斤收购价在120元左右，亩均收入超过10万元。"),
            ]),
    article("7720003", LONGKOU, "three-pages", "龙口港集团一季度货物吞吐量同比增长15%", "齐鲁晚报", "2021-05-03T16:20:00+08:00",
            "来源：齐鲁晚报 2021-05-03 16:20",
            [author("张凯", "记者"), author("刘晓东", "通讯员"), editor("周洁", "编辑")], [
                ("p", "本报龙口5月3日讯（记者 张凯 通讯员 刘晓东）记者从龙口港集团获悉，今年一季度，该集团完成货物吞吐量2460万吨，同比增长15%。"),
                ("p", "一季度，龙口港新开通两条外贸集装箱航线，集装箱吞吐量同比增长两成。"),
                ("page",),
                ("p", "散杂货方面，铝矾土、煤炭等大宗货物运输保持稳定，港口作业效率进一步提升。"),
                ("p", "龙口港还加快推进智慧港口建设，自动化堆场一期工程已投入试运行。"),
                ("page",),
                ("p", "下一步，集团将加密内贸航线，拓展腹地货源，力争全年吞吐量突破一亿吨。"),
                ("byline", "编辑：周洁"),
            ]),
    article("7720004", LONGKOU, "h1-logo", "龙口市首届农民丰收节筹备启动", "烟台晚报", "2021-05-01T18:05:00+08:00",
            "稿件来源：烟台晚报\u3000作者：王敏\u3000发布时间：2021-05-01 18:05",
            [author("王敏", None)], [
                ("p", "记者从龙口市农业农村局了解到，龙口市首届农民丰收节筹备工作日前正式启动。"),
                ("p", "丰收节将于秋季举办，届时将开展农产品展销、农耕文化展示和农民趣味运动会等活动。"),
            ]),
]

# 招远: only listed in the 招远 box beside the penglai list, never asked
ZHAOYUAN_ARTICLES = [
    ("/yantai/news/202105/7730001.html", "招远黄金珠宝产业园项目签约"),
    ("/yantai/news/202105/7730002.html", "招远市罗山景区杜鹃花盛开"),
    ("/yantai/news/202105/7730003.html", "招远粉丝企业订单排到六月"),
]
# the longkou list's footer 友情链接: other sites
FRIEND_LINKS = [
    ("http://www.jiaodong.net/", "胶东在线"),
    ("http://www.ytnews.cn/", "烟台新闻网"),
    ("http://www.qlwb.com.cn/", "齐鲁晚报网"),
    ("http://www.longkou.gov.cn/", "龙口市人民政府"),
]
