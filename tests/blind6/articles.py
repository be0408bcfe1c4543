"""The sixth blind portal's articles (济南: 章丘, 平阴, 商河): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json)
is written from the same data by PORTAL.md's field rules, spelled out here by hand per article
(credits, source, published_at), never derived from the HTML.

Body items, in page order:
    ("p", text)       a body paragraph (stored, stripped of indentation)
    ("byline", text)  a paragraph that is only a byline / editor line: shown, not body
"""

from __future__ import annotations

ZHANGQIU = ("jinan/zhangqiu", "章丘新闻", "章丘")
PINGYIN = ("jinan/pingyin", "平阴新闻", "平阴")
SHANGHE = ("jinan/shanghe", "商河新闻", "商河")
JIYANG = ("jinan/jiyang", "济阳新闻", "济阳")
LAIWU = ("jinan/laiwu", "莱芜新闻", "莱芜")

# listed by both the zhangqiu list and the shanghe list; its crumb says 章丘新闻
SHARED_ID = "6610004"
# listed by the pingyin list and again in the pingyin list's 今日头条 box
HEADLINE_BOX_ID = "6620001"
# the zhangqiu list's 评论 link points at this article with a #comments fragment
COMMENTS_ID = "6610002"


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def editor(name: str, role: str = "责任编辑") -> dict:
    return {"name": name, "role": role, "kind": "editor"}


def article(id_: str, channel: tuple, template: str, headline: str, source: str, shown: str,
            credits: list[dict], items: list[tuple]) -> dict:
    day, time = shown.split(" ")
    return {"id": id_, "ym": "202005", "channel": channel, "template": template, "headline": headline,
            "source": source, "shown": shown, "published_at": f"{day}T{time}:00+08:00",
            "credits": credits, "items": items}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 章丘 (zhangqiu)
    article("6610001", ZHANGQIU, "info-div", "章丘大葱种植面积突破12万亩", "济南日报", "2020-05-06 08:00",
            [author("王敏", "记者"), editor("李娜")], [
                ("p", "本报章丘5月5日讯（记者 王敏）眼下正是大葱移栽的准备时节，章丘区绣惠街道的葱农们忙着整地施肥。"),
                ("p", "今年全区大葱种植面积突破12万亩，“章丘大葱”品牌价值持续提升，带动近3万户农民增收。"),
                ("byline", "责任编辑：李娜"),
            ]),
    article("6610002", ZHANGQIU, "info-spans", "章丘明水古城五一假期游客超20万人次", "济南时报", "2020-05-05 17:30",
            [], [
                ("p", "五一假期，章丘明水古城推出非遗市集、泉水夜游等活动，吸引省内外游客前来打卡。"),
                ("p", "据统计，假期五天古城共接待游客20.6万人次，带动周边餐饮住宿收入明显增长。"),
                ("p", "景区负责人介绍，古城将继续延长夜间开放时间，丰富游客的夜游体验。"),
            ]),
    article("6610003", ZHANGQIU, "info-table", "章丘区新建改造农村公路150公里", "济南日报", "2020-05-04 09:15",
            [author("刘洋", "通讯员")], [
                ("byline", "本报通讯员 刘洋"),
                ("p", "今年以来，章丘区加快推进“四好农村路”建设，计划新建改造农村公路150公里。"),
                ("p", "目前已有30多个项目开工，预计10月底前全部完工，群众出行条件将进一步改善。"),
            ]),
    article(SHARED_ID, ZHANGQIU, "info-div", "章丘商河两地签署农产品产销合作协议", "济南日报", "2020-05-03 10:40",
            [author("王敏", "记者"), author("赵磊", "记者")], [
                ("p", "本报讯（记者 王敏 赵磊）5月2日，章丘区与商河县在章丘签署农产品产销合作协议。"),
                ("p", "根据协议，两地将共建农产品直供基地，商河的蔬菜、章丘的小米将互设销售专区。"),
            ]),
    # ---------------------------------------------------------------- 平阴 (pingyin)
    article(HEADLINE_BOX_ID, PINGYIN, "info-spans", "平阴玫瑰进入采摘期", "济南日报", "2020-05-06 07:45",
            [author("孙静", "记者")], [
                ("p", "本报平阴5月5日讯（记者 孙静）连日来，平阴县玫瑰镇的万亩玫瑰陆续进入盛花期，花农们趁着清晨采摘花蕾。"),
                ("p", "平阴玫瑰种植历史悠久，目前全县种植面积达6万亩，玫瑰花茶、玫瑰精油等产品远销海内外。"),
            ]),
    article("6620002", PINGYIN, "info-div", "平阴县开展黄河防汛应急演练", "济南时报", "2020-05-05 15:20",
            [editor("周涛", "编辑")], [
                ("p", "5月5日，平阴县在黄河滩区开展防汛应急演练，模拟堤防出现管涌险情时的抢护处置。"),
                ("p", "县防汛抗旱指挥部相关负责人表示，演练检验了各部门的协同作战能力，为今年防汛工作打下基础。"),
                ("byline", "编辑：周涛"),
            ]),
    article("6620003", PINGYIN, "info-table", "平阴阿胶文化节开幕", "济南日报", "2020-05-02 09:00",
            [], [
                ("p", "第十届平阴阿胶文化节2日在东阿镇开幕，阿胶传统制作技艺展示吸引众多市民驻足观看。"),
                ("p", "文化节期间还将举办中医药养生讲座和特色产品展销活动。"),
                ("p", "东阿镇是阿胶的发源地之一，当地阿胶产业年产值超过10亿元。"),
            ]),
    article("6620004", PINGYIN, "info-div", "平阴县新增3处城市口袋公园", "济南日报", "2020-05-01 08:30",
            [author("孙静", "记者"), author("高峰", "通讯员")], [
                ("p", "本报讯（记者 孙静 通讯员 高峰）近日，平阴县城区新建的3处口袋公园正式向市民开放。"),
                ("p", "口袋公园利用城市边角地建设，配有健身器材和休闲座椅，方便周边居民就近休闲。"),
            ]),
    # ---------------------------------------------------------------- 商河 (shanghe)
    article("6630001", SHANGHE, "info-table", "商河温泉花卉博览会闭幕", "济南日报", "2020-05-06 11:10",
            [author("马骏", "记者")], [
                ("p", "本报商河5月5日讯（记者 马骏）为期一个月的商河温泉花卉博览会5日闭幕，累计接待游客50余万人次。"),
                ("p", "本届花博会展出花卉品种300多个，并首次开设了线上直播展销。"),
            ]),
    article("6630002", SHANGHE, "info-spans", "商河县小麦病虫害统防统治全面展开", "济南时报", "2020-05-05 09:40",
            [editor("李娜")], [
                ("p", "当前正值小麦病虫害防治关键期，商河县组织植保无人机对全县小麦开展统防统治。"),
                ("p", "全县共投入植保无人机200余架，日作业能力达到10万亩。"),
                ("byline", "责任编辑：李娜"),
            ]),
    article("6630003", SHANGHE, "info-div", "商河县老旧小区改造启动", "济南日报", "2020-05-04 16:00",
            [], [
                ("p", "今年商河县将对城区18个老旧小区实施改造，涉及居民3600余户。"),
                ("p", "改造内容包括管网更新、外墙保温、加装电梯和增设停车位等。"),
            ]),
    article("6630004", SHANGHE, "info-table", "商河县举办春季网络招聘会", "济南日报", "2020-05-03 14:30",
            [author("马骏", "记者")], [
                ("p", "5月3日，商河县春季网络招聘会在线上举行，120家企业提供就业岗位2800余个。"),
                ("p", "求职者通过手机即可浏览岗位信息、投递简历，并与企业进行视频面试。"),
                ("byline", "（记者 马骏）"),
            ]),
]

# 济阳 / 莱芜: only listed in boxes on the asked channels' list pages, never asked
JIYANG_ARTICLES = [
    ("/jinan/news/202005/6640001.html", "济阳区黄河大桥主体完工"),
    ("/jinan/news/202005/6640002.html", "济阳西瓜上市 瓜农喜获丰收"),
    ("/jinan/news/202005/6640003.html", "济阳区新建5所幼儿园"),
]
LAIWU_ARTICLES = [
    ("/jinan/news/202005/6650001.html", "莱芜雪野湖开湖节举行"),
    ("/jinan/news/202005/6650002.html", "莱芜生姜出口订单增长三成"),
    ("/jinan/news/202005/6650003.html", "莱芜区启动全民健身月活动"),
]
# the zhangqiu list's 专题推荐 box
ZHUANTI = [
    ("/jinan/zhuanti/quanchengyeyou.html", "泉城夜游季"),
    ("/zt/2020/jinanlianghui/index.html", "2020济南两会"),
]
