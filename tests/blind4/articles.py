"""The fourth blind portal's articles (枣庄: 滕州, 山亭): what each page says, and what its record must say.

Each article is data: build_site.py renders it in its template, and the answer key (expected.json)
is written from the same data by PORTAL.md's field rules, spelled out here by hand per article
(credits, source, published_at), never derived from the HTML.

Body items, in page order:
    ("p", text)        a body paragraph (stored, stripped of indentation)
    ("quote", text)    a blockquote (引言) paragraph inside the body: a body paragraph
    ("li", text)       an item of an ordered list <ol><li> inside the body: a body paragraph each
    ("byline", text)   a paragraph that is only a byline / photo credit / editor line: shown, not body
    ("img", src, cap)  an image and its caption
    ("table", rows)    an inline table of figures: shown, not body (cells are not prose)
    ("page",)          a page break (the rest is on ID_2.html)
"""

from __future__ import annotations

TENGZHOU = ("zaozhuang/tengzhou", "滕州新闻", "滕州")
SHANTING = ("zaozhuang/shanting", "山亭新闻", "山亭")
XUECHENG = ("zaozhuang/xuecheng", "薛城新闻", "薛城")


def author(name: str, role: str | None) -> dict:
    return {"name": name, "role": role, "kind": "author"}


def editor(name: str, role: str = "责任编辑") -> dict:
    return {"name": name, "role": role, "kind": "editor"}


ARTICLES: list[dict] = [
    # ---------------------------------------------------------------- 滕州 (tengzhou)
    {
        "id": "8012345", "ym": "201803", "channel": TENGZHOU, "template": "table-info", "link": "www",
        "headline": "滕州市春季植树造林全面展开",
        "source": "枣庄日报", "source_href": "http://epaper.zzrb.cn/",
        "shown": "2018-03-02 09:15", "byline": "记者 孙涛",
        "published_at": "2018-03-02T09:15:00+08:00",
        "credits": [author("孙涛", "记者")],
        "items": [
            ("p", "3月1日，在滕州市东郭镇的荒山上，数百名干部群众扛着铁锹、提着水桶，挖坑、栽苗、培土、浇水，一派热火朝天的劳动景象。"),
            ("p", "今年，滕州市计划完成植树造林3.5万亩，新建农田林网2万亩，重点实施荒山绿化、河道绿化和村庄绿化三大工程。"),
            ("p", "“栽下的是树苗，收获的是绿水青山。”东郭镇林业站负责人说，镇上今年选用了侧柏、黄栌、五角枫等适合山地生长的树种，成活率能达到九成以上。"),
            ("p", "据了解，滕州市林木覆盖率已由五年前的31%提高到38.6%，先后获得“山东省森林城市”等称号。"),
        ],
    },
    {
        "id": "8012907", "ym": "201803", "channel": TENGZHOU, "template": "figures", "link": "strip-only",
        "headline": "滕州市去年经济运行稳中向好",
        "source": "滕州日报", "shown": "2018-03-02 10:20",
        "published_at": "2018-03-02T10:20:00+08:00",
        "credits": [author("孙涛", "记者"), author("周强", "通讯员")],
        "items": [
            ("p", "本报滕州3月1日讯（记者 孙涛 通讯员 周强）记者从滕州市统计局获悉，2017年，滕州市主要经济指标保持平稳增长，经济运行呈现稳中向好的态势。"),
            ("img", "/uploadfile/2018/0302/tz_gongye.jpg", "滕州经济开发区一家机床企业的生产车间。"),
            ("p", "从统计数据看，全市地区生产总值、一般公共预算收入、城乡居民收入等指标均实现增长，其中规模以上工业增加值增速位居全市前列。"),
            ("table", [("指标", "2017年", "同比增长"),
                       ("地区生产总值（亿元）", "1156.3", "7.8%"),
                       ("一般公共预算收入（亿元）", "78.6", "9.2%"),
                       ("城镇居民人均可支配收入（元）", "35218", "8.1%")]),
            ("p", "工业方面，滕州市机床、煤化工、食品加工等传统产业加快转型升级，新材料、新能源等新兴产业发展势头良好。"),
            ("img", "/uploadfile/2018/0302/tz_nongye.jpg", "农民在智能温室大棚里采摘西红柿。"),
            ("p", "市统计局有关负责人表示，今年全市将继续推进新旧动能转换，确保经济持续健康发展。"),
        ],
    },
    {
        "id": "9103456", "ym": "202005", "channel": TENGZHOU, "template": "byline-after", "link": "root",
        "headline": "滕州微山湖湿地红荷节线上开幕",
        "source": "枣庄日报", "shown": "2020-05-12 10:05",
        "published_at": "2020-05-12T10:05:00+08:00",
        "credits": [author("李明", "记者"), author("王芳", "实习生"), editor("赵敏", "编辑"), editor("钱伟", "审核")],
        "items": [
            ("p", "5月11日，滕州微山湖湿地第十二届红荷节以“云开幕”的形式拉开帷幕，市民和游客通过网络直播欣赏湿地美景。"),
            ("p", "今年的红荷节持续至9月底，期间将举办湿地摄影大赛、荷花诗会、渔家美食节等20余项活动，并推出线上预约、分时游览等措施。"),
            ("p", "滕州微山湖湿地拥有十万亩野生红荷，是全国面积最大的野生红荷观赏区，被誉为“中国荷都”。"),
            ("p", "景区负责人介绍，今年将开通湿地观光小火车，新建游客服务中心，为游客提供更加舒适的游览体验。"),
            ("byline", "（本报记者 李明 实习生 王芳）"),
            ("byline", "编辑：赵敏"),
            ("byline", "审核：钱伟"),
        ],
    },
    {
        "id": "561234", "ym": "200907", "channel": TENGZHOU, "template": "gbk-old", "link": "root",
        "headline": "滕州市小麦收购进度过半",
        "source": "枣庄晚报", "shown": "2009-7-8",
        "published_at": "2009-07-08",
        "credits": [],
        "items": [
            ("p", "连日来，滕州市各粮食收购网点门前车来人往，农民们忙着交售新麦。截至7月7日，全市已收购小麦1.8亿斤，收购进度过半。"),
            ("p", "今年滕州市小麦喜获丰收，平均亩产达到1000斤以上，且籽粒饱满、品质优良。国家最低收购价政策启动后，小麦价格稳定在每斤0.83元左右。"),
            ("p", "为方便农民售粮，市粮食局在全市设立收购网点46个，延长收购时间，做到随到随收。姜屯镇种粮大户王喆说，一天就把家里的两万斤小麦全卖完了。"),
            ("p", "粮食部门提醒广大农民，要将小麦晾晒干净后再出售，以免因水分过高影响售价。"),
        ],
    },
    {
        "id": "8834567", "ym": "201909", "channel": TENGZHOU, "template": "quote-list", "link": "mobile",
        "headline": "滕州表彰一批优秀教师和教育工作者",
        "source": "滕州日报", "shown": "2019-09-10 08:00:12",
        "published_at": "2019-09-10T08:00:12+08:00",
        "credits": [],
        "items": [
            ("quote", "“教育是国之大计、党之大计。”在第35个教师节到来之际，滕州市召开庆祝大会，向全市教师致以节日的问候。"),
            ("p", "9月9日，滕州市庆祝第35个教师节暨教育工作表彰大会召开，会议对一批优秀教师、优秀教育工作者和先进集体进行了表彰。"),
            ("p", "会议提出，今后一个时期全市教育工作要重点抓好以下几项工作："),
            ("li", "加快推进中小学校建设，年内新建、改扩建学校15所，新增学位1.2万个；"),
            ("li", "深化教育教学改革，全面推进集团化办学，扩大优质教育资源覆盖面；"),
            ("li", "加强教师队伍建设，落实教师待遇保障政策，营造尊师重教的良好氛围。"),
            ("p", "受表彰的教师代表表示，将珍惜荣誉、再接再厉，在平凡的岗位上为滕州教育事业作出新的贡献。"),
        ],
    },
    # ---------------------------------------------------------------- 山亭 (shanting)
    {
        "id": "8990123", "ym": "201911", "channel": SHANTING, "template": "em-i", "link": "www",
        "headline": "山亭区火樱桃苗木销售火爆",
        "source": "鲁南商报", "shown": "2019-11-20 16:40",
        "published_at": "2019-11-20T16:40:00+08:00",
        "credits": [author("孙涛", "摄影")],
        "items": [
            ("p", "入冬以来，山亭区店子镇的火樱桃苗木基地迎来销售旺季，来自河南、安徽、江苏等地的客商纷纷前来订购苗木。"),
            ("img", "/uploadfile/2019/1120/huoyingtao.jpg", "苗木基地工人正在起苗装车。"),
            ("p", "店子镇是“中国长红枣之乡”，近年来又大力发展火樱桃产业，全镇火樱桃种植面积达到3万亩，苗木繁育基地2000余亩。"),
            ("p", "“今年苗木价格比去年高了两成，每天都有几万棵苗子发往外地。”苗木基地负责人说。"),
            ("byline", "（记者 孙涛 摄）"),
        ],
    },
    {
        "id": "9456789", "ym": "202106", "channel": SHANTING, "template": "two-page", "link": "root",
        "headline": "山亭区：乡村振兴“领头雁”带富一方",
        "source": "枣庄日报", "shown": "2021-06-15 08:30",
        "byline": "记者 陈晨",
        "published_at": "2021-06-15T08:30:00+08:00",
        "credits": [author("陈晨", "记者"), editor("孙丽")],
        "items": [
            ("p", "在山亭区，一批懂经营、善管理的村党支部书记成为乡村振兴的“领头雁”，带领群众走出了一条条致富新路。"),
            ("p", "水泉镇兴隆庄村党支部书记刘建华，带领村民发展乡村旅游，把昔日的穷山村变成了远近闻名的网红打卡地，村集体收入由几千元增加到50余万元。"),
            ("p", "“村里的路修好了，游客来了，我们在家门口就能挣钱。”村民张秀兰开起了农家乐，一年收入十几万元。"),
            ("page",),
            ("p", "北庄镇洪门村党支部书记孙建国，牵头成立果品专业合作社，统一品种、统一技术、统一销售，全村果品年销售收入突破3000万元。"),
            ("p", "山亭区委组织部负责人介绍，全区通过选育管用、培训提升等措施，打造了一支过硬的村党组织带头人队伍。"),
            ("byline", "责任编辑：孙丽"),
        ],
    },
    {
        "id": "8056789", "ym": "201804", "channel": SHANTING, "template": "table-info", "link": "root",
        "headline": "山亭区万亩桃花竞相绽放",
        "source": "枣庄晚报", "source_href": "http://www.zzwb.cn/",
        "shown": "2018-04-17 15:02", "byline": "记者孙涛周强",
        "published_at": "2018-04-17T15:02:00+08:00",
        "credits": [author("孙涛", "记者"), author("周强", "记者")],
        "items": [
            ("p", "春暖花开，山亭区徐庄镇的万亩桃花竞相绽放，漫山遍野的粉色花海吸引了众多游客前来踏青赏花。"),
            ("p", "徐庄镇桃树种植历史悠久，全镇桃树种植面积达到1.2万亩，主要品种有油桃、蟠桃、黄桃等。"),
            ("p", "为做好花期旅游服务，当地在景区周边设置了临时停车场和农产品展销区，村民在家门口就能销售土特产。"),
        ],
    },
    {
        "id": "9301234", "ym": "202012", "channel": SHANTING, "template": "byline-after", "link": "www",
        "headline": "山亭区城乡公交一体化惠及山区群众",
        "source": "枣庄晚报", "shown": "2020-12-08 17:26",
        "published_at": "2020-12-08T17:26:00+08:00",
        "credits": [author("欧阳晓", "通讯员"), author("李明", "记者"), editor("赵敏", "编辑"), editor("钱伟", "审核")],
        "items": [
            ("p", "12月7日，随着最后一条山区公交线路开通，山亭区实现了城乡公交一体化全覆盖，全区所有行政村都通上了公交车。"),
            ("p", "“以前进城要走好几里山路去等车，现在公交车开到了家门口，票价才两块钱。”冯卯镇一位村民说。"),
            ("p", "据介绍，山亭区共开通城乡公交线路28条，投放新能源公交车150辆，日均运送乘客2万余人次。"),
            ("byline", "（通讯员 欧阳晓 记者 李明）"),
            ("byline", "编辑：赵敏"),
            ("byline", "审核：钱伟"),
        ],
    },
    {
        "id": "9204567", "ym": "202008", "channel": SHANTING, "template": "em-i", "link": "mobile",
        "headline": "山亭区抱犊崮景区推出夜游项目",
        "source": "枣庄晚报", "shown": "2020-08-03 21:10",
        "published_at": "2020-08-03T21:10:00+08:00",
        "credits": [editor("刘洋")],
        "items": [
            ("p", "入夏以来，山亭区抱犊崮国家森林公园推出夜游项目，灯光秀、篝火晚会、星空露营等活动吸引了大批游客。"),
            ("p", "景区负责人介绍，夜游项目开放以来，景区日均接待游客比去年同期增长40%，带动周边农家乐、民宿生意火爆。"),
            ("p", "据了解，山亭区正加快发展全域旅游，今年以来已接待游客300余万人次。"),
            ("byline", "【责任编辑：刘洋】"),
        ],
    },
]

# 薛城: linked from the shanting list's side box, 热门文章 and every article's 相关新闻 / 延伸阅读 / 精彩推荐, never asked
XUECHENG_ARTICLES = [
    ("/zaozhuang/news/201803/8011001.html", "薛城区新建城市公园三处"),
    ("/zaozhuang/news/201803/8011002.html", "薛城区开展春季招聘会 提供岗位5000个"),
    ("/zaozhuang/news/201803/8011003.html", "薛城区老旧小区改造全面启动"),
]
