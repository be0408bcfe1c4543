"""The tenth blind portal's articles (滨州: 邹平, 惠民): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json)
is written from the same data by PORTAL.md's field rules, spelled out here by hand per article
(credits, source, published_at, captions), never derived from the HTML.

Body items, in page order:
    ("p", text)            a body paragraph (stored, stripped of indentation)
    ("byline", text)       a paragraph that is only a byline: shown, not body
    ("img", src, caption)  an image with its caption (a `<span>` below it in a centred `<div>`); caption stored
"""

from __future__ import annotations

ZOUPING = ("binzhou/zouping", "邹平新闻", "邹平")
HUIMIN = ("binzhou/huimin", "惠民新闻", "惠民")
YANGXIN = ("binzhou/yangxin", "阳信新闻", "阳信")


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def editor(name: str, role: str = "编辑") -> dict:
    return {"name": name, "role": role, "kind": "editor"}


def article(id_: str, ym: str, channel: tuple, template: str, headline: str, source: str | None,
            published_at: str | None, info: str, credits: list[dict], items: list[tuple], **extra) -> dict:
    """`info` is the `<h4>` info line exactly as shown; `published_at` is its reading by PORTAL.md.

    `headline_html` (optional) is the `<h1>`'s inner markup when it differs from the headline (a `<br/>`);
    `updated` (optional) is a later `更新时间：` line below the body; `list_date` is the list's date."""
    return {"id": id_, "ym": ym, "channel": channel, "template": template, "headline": headline,
            "source": source, "published_at": published_at, "info": info, "credits": credits,
            "items": items, **extra}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 邹平 (zouping)
    article("8010001", "202109", ZOUPING, "h4-info-line", "邹平市新建改建农村公路120公里", "滨州日报",
            "2021-09-01T07:30:00+08:00", "滨州日报 | 2021-09-01 07:30 | 编辑：王芳",
            [editor("王芳")], [
                ("p", "今年以来，邹平市扎实推进“四好农村路”建设，全市新建改建农村公路120公里，惠及16个镇街。"),
                ("p", "在好生街道，新修的柏油路连通了12个村庄，村民出行和农产品外运更加方便。"),
                ("p", "邹平市交通运输局还建立了县、镇、村三级路长制，确保农村公路有人建、有人管、有人养。"),
            ], list_date="09-01"),
    article("8010002", "202108", ZOUPING, "byline-baodao", "邹平铝产业链再添新项目", "滨州晚报",
            "2021-08-30T16:45:00+08:00", "滨州晚报 | 2021-08-30 16:45 | 编辑：陈静",
            # credit order is the page's order (as in blind4…blind9): the <h4> info line's editor, then the byline
            [editor("陈静"), author("李强", "记者"), author("赵敏", "通讯员")], [
                ("byline", "本报记者 李强 通讯员 赵敏 报道"),
                ("p", "8月30日，总投资20亿元的轻量化铝合金零部件项目在邹平经济技术开发区开工建设。"),
                ("p", "项目建成后，可年产汽车轻量化零部件300万件，进一步延伸邹平铝产业链条。"),
                ("p", "近年来，邹平市坚持把铝产业作为主导产业，推动铝产业向高端化、终端化发展。"),
            ], list_date="08-30"),
    article("8010003", "202108", ZOUPING, "interview-qa", "让群众办事更便捷——访邹平市行政审批服务局局长王建国",
            "大众日报", "2021-08-27T09:10:00+08:00", "大众日报 | 2021-08-27 09:10 | 编辑：孙丽",
            [editor("孙丽")], [
                ("p", "近日，记者就政务服务改革工作采访了邹平市行政审批服务局局长王建国。"),
                ("p", "记者：今年邹平在政务服务方面有哪些新举措？"),
                ("p", "王局长：我们推行“一窗受理、集成服务”，企业开办时间压缩到半天以内，200多个事项实现“一次办好”。"),
                ("p", "记者：群众最关心的是办事难不难，怎样让群众少跑腿？"),
                ("p", "王局长：我们在16个镇街设立便民服务中心，社保、医保等高频事项在家门口就能办理。"),
            ], list_date="08-27"),
    article("8010004", "202108", ZOUPING, "table-cell-body", "邹平市开展秋季森林防火宣传活动", "滨州日报",
            "2021-08-20T10:00:00+08:00", "滨州日报 | 2021-08-20 10:00 | 编辑：王芳",
            [editor("王芳")], [
                ("p", "8月20日，邹平市在鹤伴山国家森林公园开展秋季森林防火宣传活动，向游客发放宣传资料2000余份。"),
                ("p", "工作人员向游客讲解森林火灾的危害和野外用火的有关规定，提醒大家不要携带火种进山。"),
                ("p", "下一步，邹平市将加强重点区域巡查，严防森林火灾发生。"),
            ], list_date="08-20", pinned=True),
    # ---------------------------------------------------------------- 惠民 (huimin)
    article("8020001", "202109", HUIMIN, "span-caption", "惠民县孙武湖畔秋色宜人", "滨州晚报",
            "2021-09-01T18:20:00+08:00", "滨州晚报 | 2021-09-01 18:20 | 编辑：刘倩",
            [editor("刘倩")], [
                ("p", "初秋时节，惠民县孙武湖景区碧水蓝天，芦苇摇曳，吸引众多市民前来游玩。"),
                ("img", "/uploadfile/2021/0901/huimin_sunwuhu.jpg", "游客在孙武湖畔散步赏景。"),
                ("p", "近年来，惠民县持续开展水生态治理，孙武湖水质稳定达到地表水三类标准。"),
            ], list_date="2021-09-01"),
    article("8020002", "202108", HUIMIN, "br-headline", "惠民县：乡村振兴结硕果", "大众日报",
            "2021-08-31T08:15:00+08:00", "大众日报 | 2021-08-31 08:15 | 编辑：刘倩",
            [editor("刘倩")], [
                ("p", "走进惠民县何坊街道，一座座蔬菜大棚整齐排列，村民们正忙着采摘、装箱。"),
                ("p", "今年，惠民县新建高标准蔬菜大棚800个，带动5000余户群众增收。"),
                ("p", "该县还大力发展绳网、木锨等特色产业，让群众在家门口就能就业。"),
            ], list_date="2021-08-31", headline_html="惠民县：<br/>乡村振兴结硕果"),
    article("8020003", "202108", HUIMIN, "ju-newspaper", "惠民县魏集古村入选省级传统村落", "滨州日报",
            "2021-08-25T11:30:00+08:00", "滨州日报 | 2021-08-25 11:30 | 编辑：张涛",
            # 据大众日报报道: 大众日报 is a newspaper, not a news agency (issue 3's agency credits are 新华社 …),
            # so no agency credit; the words open the body paragraph and stay in it.
            [editor("张涛")], [
                ("p", "据大众日报报道，日前，山东省公布第三批省级传统村落名单，惠民县魏集镇魏集村入选。"),
                ("p", "魏集村的魏氏庄园始建于清光绪年间，是国内保存较完整的城堡式民居建筑群。"),
                ("p", "惠民县将以此为契机，加强古村落保护，发展乡村旅游。"),
            ], list_date="2021-08-25"),
    article("8020004", "202109", HUIMIN, "updated-later", "惠民县启动秋季征兵体检工作", "齐鲁晚报",
            "2021-09-02T08:00:00+08:00", "齐鲁晚报 | 2021-09-02 08:00 | 编辑：张涛",
            [editor("张涛")], [
                ("p", "9月2日，惠民县秋季征兵体检工作正式启动，首批260余名应征青年参加体检。"),
                ("p", "体检现场设置了内科、外科、眼科等检查科室，由县人民医院医生负责检查。"),
            ], list_date="2021-09-02", updated="更新时间：2021-09-03 10:00"),
]

# 阳信: only linked from the tab bar after the zouping list, never asked
YANGXIN_ARTICLES = [
    ("/binzhou/news/202109/8030001.html", "阳信鸭梨节开幕"),
    ("/binzhou/news/202108/8030002.html", "阳信县肉牛产业提档升级"),
]
