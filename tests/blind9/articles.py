"""The ninth blind portal's articles (聊城: 临清, 冠县): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json)
is written from the same data by PORTAL.md's field rules, spelled out here by hand per article
(credits, source, published_at, captions), never derived from the HTML.

Body items, in page order:
    ("p", text)                         a body paragraph (stored, stripped of indentation)
    ("byline", text)                    a paragraph that is only a trailing credit: shown, not body
    ("img", src, caption)               an image and its caption (an `<em>` in the image's div); caption stored
    ("page",)                           a page break: the items after it are on the next page (`ID_2.html`)
"""

from __future__ import annotations

LINQING = ("liaocheng/linqing", "临清新闻", "临清")
GUANXIAN = ("liaocheng/guanxian", "冠县新闻", "冠县")
SHENXIAN = ("liaocheng/shenxian", "莘县新闻", "莘县")


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def article(id_: str, ym: str, channel: tuple, template: str, headline: str, source: str | None,
            published_at: str | None, info: str, credits: list[dict], items: list[tuple], **extra) -> dict:
    """`info` is the info line exactly as the page shows it; `published_at` is its reading by PORTAL.md.

    `ym` is the URL's /YYYYMM/ (given apart from published_at: one page shows no date at all).
    `list_date` is what the channel list shows beside the link ("" for the page with no date)."""
    return {"id": id_, "ym": ym, "channel": channel, "template": template, "headline": headline,
            "source": source, "published_at": published_at, "info": info, "credits": credits,
            "items": items, **extra}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 临清 (linqing)
    article("7910001", "202108", LINQING, "dede-pagebar", "临清市运河古城保护修缮工程全面提速", "聊城日报",
            "2021-08-02T09:40:00+08:00", "来源：聊城日报\u3000发布时间：2021-08-02 09:40",
            [], [
                ("p", "盛夏时节，临清市运河古城保护修缮工程现场一派繁忙，工人们正对中洲古城的老街巷进行修缮。"),
                ("p", "今年，临清市计划修缮历史建筑46处，恢复青砖灰瓦的传统街巷风貌，保留古城的历史肌理。"),
                ("p", "在考棚街，修缮后的老字号店铺陆续开门迎客，吸引不少市民游客前来打卡。"),
                ("page",),
                ("p", "为做好保护与利用，临清市邀请文物专家全程参与设计，坚持“修旧如旧”的原则。"),
                ("p", "下一步，该市将结合运河文化带建设，推动古城保护与文旅产业融合发展。"),
            ], list_date="08-02"),
    article("7910002", "202108", LINQING, "benzhan-yuanchuang", "临清市举办第三届轴承产业博览会", None,
            "2021-08-01T15:30:00+08:00", "来源：本站原创\u3000作者：李明\u3000发布时间：2021-08-01 15:30",
            [author("李明", None)], [
                ("p", "8月1日，第三届临清轴承产业博览会在烟店镇开幕，300余家企业携新产品参展。"),
                ("p", "临清烟店轴承市场是全国重要的轴承集散地，产品销往全国各地和海外30多个国家。"),
                ("p", "本届博览会为期三天，设置了精密轴承、智能装备和跨境电商等展区。"),
            ], list_date="08-01"),
    article("7910003", "202107", LINQING, "xinhua-dateline", "大运河山东段临清至德州段实现旅游通航", "新华社",
            "2021-07-30T18:25:00+08:00", "来源：新华社\u30002021-07-30 18:25",
            # Issue 3: an agency dateline (新华社…电) keeps the agency as a credit, not a person.
            [{"name": "新华社", "role": None, "kind": "agency"}, author("王凯", "记者")], [
                ("p", "新华社济南7月30日电（记者 王凯）记者从山东省交通运输厅获悉，京杭大运河山东段临清至德州段30日实现旅游通航，"
                      "游客可乘船游览沿线的运河古迹。"),
                ("p", "据介绍，这段航道全长约90公里，沿线分布着临清钞关、舍利宝塔等文物古迹。"),
                ("p", "山东省将继续推进大运河文化保护传承利用，打造具有国际影响力的运河文化旅游带。"),
            ], list_date="07-30"),
    article("7910004", "202107", LINQING, "entity-headline", "临清\"古城&运河\"文化旅游节开幕", "聊城晚报",
            "2021-07-27T20:10:00+08:00", "来源：聊城晚报\u30002021-07-27 20:10",
            [], [
                ("p", "7月27日晚，临清“古城&运河”文化旅游节在鳌头矶广场开幕，数千名市民游客参加。"),
                ("p", "旅游节期间，将举办运河灯会、非遗展演、临清美食街等十余项活动，持续至8月底。"),
            ], list_date="07-27"),
    # ---------------------------------------------------------------- 冠县 (guanxian)
    article("7920001", "202108", GUANXIAN, "mmdd-time", "冠县鸭梨喜获丰收 梨农忙采摘", "聊城晚报",
            "2021-08-02T10:20:00+08:00", "来源：聊城晚报\u300008月02日 10:20",
            [], [
                ("p", "8月2日，在冠县万亩梨园，梨农们正忙着采摘早熟鸭梨，田间地头一派丰收景象。"),
                ("p", "冠县是“中国鸭梨之乡”，全县梨树种植面积达10万亩，今年鸭梨产量预计比去年增长一成。"),
            ], list_date="08-02", photo="/uploadfile/2021/0802/guanxian_yali.jpg"),
    article("7920002", "202108", GUANXIAN, "div-paragraphs", "冠县灵芝产业带动万余群众增收", "齐鲁晚报",
            "2021-08-01T08:50:00+08:00", "来源：齐鲁晚报\u30002021-08-01 08:50",
            [], [
                ("p", "走进冠县店子镇的灵芝种植大棚，一排排灵芝长势正旺，工人们正在采收灵芝孢子粉。"),
                ("img", "/uploadfile/2021/0801/guanxian_lingzhi.jpg", "工人在大棚内采收灵芝。"),
                ("p", "近年来，冠县把灵芝作为特色主导产业，种植面积发展到1.5万亩，带动1万余名群众增收。"),
                ("p", "该县还引进深加工企业，开发灵芝茶、灵芝切片等产品，延长了产业链条。"),
            ], list_date="08-01", photo="/uploadfile/2021/0801/guanxian_lingzhi.jpg"),
    article("7920003", "202107", GUANXIAN, "trailing-credit", "冠县开展夏季农村人居环境整治行动", "聊城日报",
            "2021-07-29T16:05:00+08:00", "来源：聊城日报\u30002021-07-29 16:05",
            [author("张丽", "通讯员"), author("刘强", "记者")], [
                ("p", "连日来，冠县在全县开展夏季农村人居环境整治行动，集中清理村内垃圾、杂物和残垣断壁。"),
                ("p", "截至目前，全县已清理各类垃圾1.2万吨，新栽植绿化苗木5万余株，村容村貌明显改善。"),
                ("byline", "（通讯员 张丽 记者 刘强）"),
            ], list_date="07-29"),
    article("7920004", "202107", GUANXIAN, "no-date", "冠县新建10处城市书房", "聊城晚报",
            None, "来源：聊城晚报",
            [], [
                ("p", "冠县10处城市书房日前建成开放，市民可以免费借阅图书、自习。"),
                ("p", "城市书房实行全天候开放，配备图书1万余册，并与县图书馆实现通借通还。"),
            ], list_date=""),
]

# 莘县: only listed in the box after the linqing list, never asked
SHENXIAN_ARTICLES = [
    ("/liaocheng/news/202108/7930001.html", "莘县蔬菜远销京津沪"),
    ("/liaocheng/news/202107/7930002.html", "莘县马西林场成避暑好去处"),
    ("/liaocheng/news/202107/7930003.html", "莘县启动秋季征兵工作"),
]
