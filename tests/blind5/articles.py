"""The fifth blind portal's articles (潍坊, mobile mirror: 青州, 寿光): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json)
is written from the same data by PORTAL.md's field rules, spelled out here by hand per article
(credits, source, published_at, image srcs), never derived from the HTML.

Body items, in page order:
    ("p", text)              a body paragraph (stored, stripped of indentation)
    ("strong", text)         a subheading written as <p><strong>…</strong></p>: a body paragraph
    ("byline", text)         a paragraph that is only a byline / photo credit / editor line: shown, not body
    ("img", src, cap, want)  an image as written in the page (src), its caption, and the stored absolute src (want)
    ("video", src)           an embedded <video>: shown, neither body nor image
    ("page",)                a page break (the rest is on ID_2.html)
"""

from __future__ import annotations

QINGZHOU = ("weifang/qingzhou", "青州新闻", "青州")
SHOUGUANG = ("weifang/shouguang", "寿光新闻", "寿光")
CHANGLE = ("weifang/changle", "昌乐新闻", "昌乐")

# the page the qingzhou list links for the meta-refresh article; it answers with a refresh to the article
REFRESH_FROM = "/weifang/news/201906/5520001.html"


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def editor(name: str, role: str = "责任编辑") -> dict:
    return {"name": name, "role": role, "kind": "editor"}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 青州 (qingzhou): mobile list
    {
        "id": "5510001", "ym": "201906", "channel": QINGZHOU, "template": "mobile-noyear",
        "headline": "青州古城迎来端午旅游高峰",
        "source": "潍坊晚报", "shown": "06-05 08:05",
        "published_at": "2019-06-05T08:05:00+08:00",
        "credits": [author("李华", "记者"), editor("刘洋")],
        "items": [
            ("p", "本报青州6月4日讯（记者 李华）端午小长假临近，青州古城景区提前迎来旅游高峰，偶园街、北关街等主要街区游人如织。"),
            ("p", "据景区管委会介绍，今年端午期间古城将推出非遗展演、民俗巡游、夜游灯会等十余项活动，预计接待游客30万人次。"),
            ("p", "为保障游客出行，青州市新增临时停车位2000余个，开通古城至火车站的旅游专线公交。"),
            ("byline", "责任编辑：刘洋"),
        ],
    },
    {
        "id": "5510003", "ym": "201906", "channel": QINGZHOU, "template": "bracket-byline",
        "headline": "青州花卉苗木远销20多个省市",
        "source": "潍坊日报", "shown": "2019-06-04 16:20",
        "published_at": "2019-06-04T16:20:00+08:00",
        "credits": [author("李华", "记者"), author("王军", "通讯员")],
        "items": [
            ("byline", "【本报记者 李华 通讯员 王军】"),
            ("p", "走进青州市黄楼街道的花卉市场，红掌、蝴蝶兰、多肉植物琳琅满目，前来采购的客商络绎不绝。"),
            ("p", "青州是“中国花卉苗木之乡”，全市花卉种植面积达到12万亩，年销售额超过百亿元，产品远销北京、上海、广州等20多个省市。"),
            ("p", "近年来，当地大力发展电商销售，花农通过直播带货把鲜花卖到了全国各地。"),
        ],
    },
    {
        "id": "5510005", "ym": "201906", "channel": QINGZHOU, "template": "two-page",
        "headline": "青州市农村人居环境整治见实效",
        "source": "潍坊晚报", "shown": "2019-06-02 07:50",
        "published_at": "2019-06-02T07:50:00+08:00",
        "credits": [author("赵刚", "记者")],
        "items": [
            ("p", "初夏时节，走进青州市王坟镇的村庄，道路干净整洁，房前屋后绿树成荫，一幅生态宜居的美丽画卷徐徐展开。"),
            ("p", "去年以来，青州市把农村人居环境整治作为乡村振兴的重要抓手，开展村庄清洁、厕所革命、污水治理等专项行动。"),
            ("page",),
            ("p", "截至目前，全市已完成农村改厕15万户，建成污水处理设施320处，生活垃圾实现城乡一体化处理。"),
            ("p", "下一步，青州市将建立长效管护机制，让村庄“净起来”更要“美下去”。"),
            ("byline", "（记者 赵刚）"),
        ],
    },
    {
        "id": "5520002", "ym": "201906", "channel": QINGZHOU, "template": "meta-refresh",
        "headline": "青州市举办第二届农民丰收节",
        "source": "潍坊日报", "shown": "2019-06-06 09:30",
        "published_at": "2019-06-06T09:30:00+08:00",
        "credits": [],
        "items": [
            ("p", "6月5日，青州市在谭坊镇举办第二届农民丰收节，来自全市各镇街的农民代表展示了蜜桃、樱桃、山楂等特色农产品。"),
            ("p", "活动现场还举行了农民趣味运动会和农产品直播带货大赛，吸引了数千名群众参与。"),
        ],
    },
    # ---------------------------------------------------------------- 寿光 (shouguang): GBK table list with <base href>
    {
        "id": "5510002", "ym": "201906", "channel": SHOUGUANG, "template": "mobile-source-line",
        "headline": "寿光蔬菜种业集团新品种发布会举行",
        "source": "寿光日报", "shown": "2019-06-05 08:05",
        "published_at": "2019-06-05T08:05:00+08:00",
        "credits": [author("李华", "记者"), author("王军", "记者")],
        "items": [
            ("p", "本报寿光6月4日讯（记者李华王军）4日，寿光蔬菜种业集团举行新品种发布会，集中发布了番茄、黄瓜、甜椒等12个自主研发的蔬菜新品种。"),
            ("p", "长期以来，我国高端蔬菜种子依赖进口。近年来，寿光加快蔬菜种业研发，自主研发的蔬菜品种已达到140余个。"),
            ("p", "种业集团负责人表示，将继续加大研发投入，让更多农民用上“寿光种子”。"),
        ],
    },
    {
        "id": "5510004", "ym": "201906", "channel": SHOUGUANG, "template": "base-href-images",
        "headline": "寿光菜博会吸引中外客商",
        "source": "潍坊晚报", "shown": "2019-06-05 15:30",
        "published_at": "2019-06-05T15:30:00+08:00",
        "credits": [author("张伟", "摄影")],
        "items": [
            ("p", "正在举行的第二十届中国（寿光）国际蔬菜科技博览会上，来自30多个国家和地区的客商前来参观洽谈。"),
            ("img", "../../uploadfile/2019/0605/sg_caibohui.jpg", "菜博会展厅里造型各异的蔬菜景观。",
             "https://www.yybnet.net/weifang/uploadfile/2019/0605/sg_caibohui.jpg"),
            ("p", "本届菜博会展示蔬菜新品种2000余个、新技术100余项，设立了智能温室、无土栽培等多个展区。"),
            ("img", "../../uploadfile/2019/0605/sg_kezhuang.jpg", "外国客商在展区了解蔬菜种植技术。",
             "https://www.yybnet.net/weifang/uploadfile/2019/0605/sg_kezhuang.jpg"),
            ("p", "据统计，开幕以来菜博会已接待观众60余万人次，签约项目金额超过百亿元。"),
            ("byline", "（潍坊晚报记者 张伟 摄）"),
        ],
    },
    {
        "id": "2208765", "ym": "200906", "channel": SHOUGUANG, "template": "gbk-br",
        "headline": "寿光市小麦机收全面展开",
        "source": "寿光日报", "shown": "2009-06-03 10:20",
        "published_at": "2009-06-03T10:20:00+08:00",
        "credits": [author("王堃", None), editor("刘洋", "编辑")],
        "items": [
            ("p", "连日来，寿光市55万亩小麦陆续进入收获期，1200余台联合收割机在田间往来穿梭，到处是一派繁忙的夏收景象。"),
            ("p", "为确保夏粮颗粒归仓，寿光市农机部门组织技术人员深入田间地头，为农机手提供维修保养服务。"),
            ("p", "稻田镇种粮大户李喆说，今年小麦长势好，预计亩产能达到1100斤，机收一亩地只要半个小时。"),
        ],
    },
    {
        "id": "5510006", "ym": "201906", "channel": SHOUGUANG, "template": "video-strong",
        "headline": "潍坊“5G+智慧农业”示范区建成",
        "source": "潍坊日报", "shown": "2019-06-01 11:00",
        "published_at": "2019-06-01T11:00:00+08:00",
        "credits": [],
        "items": [
            ("p", "近日，位于寿光市洛城街道的“5G+智慧农业”示范区正式建成，这是潍坊市首个5G农业应用示范区。"),
            ("strong", "一部手机管大棚"),
            ("p", "在示范区的智能温室里，菜农打开手机APP就能实时查看棚内温度、湿度和光照，远程控制卷帘、通风和灌溉设备。"),
            ("video", "/uploadfile/video/2019/0601/5g_nongye.mp4"),
            ("strong", "数据种菜成为现实"),
            ("p", "示范区通过5G网络把传感器数据传到云平台，农业专家可以远程诊断病虫害，指导菜农科学种植。"),
        ],
    },
]

# 昌乐: linked from the shouguang list's sidebar table and every article's 相关推荐, never asked
CHANGLE_ARTICLES = [
    ("/weifang/news/201906/5530001.html", "昌乐县宝石城景区提档升级"),
    ("/weifang/news/201906/5530002.html", "昌乐西瓜节开幕 瓜农喜迎丰收"),
    ("/weifang/news/201906/5530003.html", "昌乐县新建农村公路80公里"),
]
