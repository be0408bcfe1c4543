#!/usr/bin/env python3
"""Render the test portal and its answer key from the article data below.

    python tests/mirror/build_site.py            # tests/mirror/site + expected.json + tests/fixtures/seed.html
    python tests/mirror/build_site.py --sample   # newsarchive/mirror/sample (the `newsarchive demo` site)

The pages imitate 地方网 (www.yybnet.net) as it looked over the years: five article
templates (v1 2009-2013 GBK tables, v2 2014-2018 divs, v3 2019+ spans, the m.yybnet.net
mobile page, and an "unseen" template with pinyin class names that the extractor's
selectors must never name), channel list pages paginated three different ways, and all
the portal's noise around the article. The answer key (expected.json) is written from the
same data the pages are rendered from, never read back from the HTML.

The outputs are committed: people read the pages. Re-run this script after editing it.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

PORTAL = "https://www.yybnet.net"
MOBILE = "https://m.yybnet.net"
HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SAMPLE = REPO / "newsarchive/mirror/sample"

# ---------------------------------------------------------------------------
# Channels


@dataclass(frozen=True)
class Channel:
    path: str  # jining/qufu
    name: str  # 曲阜新闻
    county: str  # 曲阜 (the region's last element)
    blurb: str  # the channel blurb printed under every article


PROVINCE = "山东"
CITY = ("jining", "济宁市", "济宁新闻")
# The county channels of the city, in the order of the portal's nav line.
CITY_NAV = [
    ("济宁新闻", "jining"),
    ("泗水新闻", "jining/sishui"),
    ("汶上新闻", "jining/wenshang"),
    ("嘉祥新闻", "jining/jiaxiang"),
    ("金乡新闻", "jining/jinxiang"),
    ("鱼台新闻", "jining/yutai"),
    ("微山新闻", "jining/weishan"),
    ("邹城新闻", "jining/zoucheng"),
    ("曲阜新闻", "jining/qufu"),
    ("梁山新闻", "jining/liangshan"),
]


def _blurb(county: str) -> str:
    return (
        f"{county}新闻,讲述家乡的故事。有观点、有态度,接地气的实时新闻,"
        f"传播{county}市正能量。看家乡事,品故乡情。家的声音,天涯咫尺。"
    )


QUFU = Channel("jining/qufu", "曲阜新闻", "曲阜", _blurb("曲阜"))
ZOUCHENG = Channel("jining/zoucheng", "邹城新闻", "邹城", _blurb("邹城"))
SISHUI = Channel("jining/sishui", "泗水新闻", "泗水", _blurb("泗水").replace("泗水市", "泗水县"))

# ---------------------------------------------------------------------------
# Article data
#
# Blocks of an article, in page order:
#   ("p", text)         a body paragraph
#   ("sub", text)       a subheading: body
#   ("byline", text)    a paragraph that is only a byline, trailing credit or agency: not body
#   ("img", src, cap)   an image (caption may be None); ("fig", src, cap): <figure> form
#   ("page",)           the article continues on {id}_N.html


@dataclass
class Story:
    key: str  # short name used in README and tests
    path: str  # final path of page 1
    template: str  # v1 | v2 | v3 | mobile | unseen
    channel: Channel
    headline: str
    source: str | None
    when: str  # as the page means it: 2015-06-22 07:21[:31] or 2017-08-09
    blocks: list[tuple]
    # Every credit the page states, in page order: (name, role, kind)
    credits: list[tuple[str, str | None, str]] = field(default_factory=list)
    # Where the channel list links it, if not the final path (redirect hop, mobile host)
    linked_as: str | None = None
    # v1 only: paragraphs as runs between <br><br> (no <p>); headline in <font>
    br_paragraphs: bool = False
    font_headline: bool = False
    malformed: bool = False  # unclosed tags, stray end tags
    stored: bool = True
    not_stored_reason: str = ""
    note: str = ""  # what this page tests (README)

    @property
    def page_paths(self) -> list[str]:
        n = sum(1 for b in self.blocks if b[0] == "page") + 1
        stem = self.path[: -len(".html")]
        return [self.path] + [f"{stem}_{i}.html" for i in range(2, n + 1)]

    def pages(self) -> list[list[tuple]]:
        pages: list[list[tuple]] = [[]]
        for block in self.blocks:
            if block[0] == "page":
                pages.append([])
            else:
                pages[-1].append(block)
        return pages

    @property
    def editor_line(self) -> str:
        return "　".join(f"{role}：{name}" for name, role, kind in self.credits if kind == "editor")


def iso(when: str) -> str:
    """The published_at the answer key expects for a page showing `when`."""
    if " " not in when:
        return when
    day, time = when.split(" ")
    if time.count(":") == 1:
        time += ":00"
    return f"{day}T{time}+08:00"


SEED_BODY = [
    "每户农户门口都要悬挂“支部联村干部联户干群连心”公示牌,对联户干部姓名、职务、网长姓名电话等进行公示;每个驻村第一书记每周都要上报工作组本周工作动态和下周工作计划;第一书记驻村工作队每月要召开一次第一书记会议,听取各工作组的情况汇报,总结交流一个月来的工作,研究解决有关问题,安排部署近期工作。",
    "今年以来,曲阜市围绕健全完善干部驻村联户工作长效机制,不断完善工作布局,加强督导检查,确保干部驻村联户工作扎实稳定推进。",
    "规范管理,建立完善工作机制",
    "“工作组吗?我是辛庄村村民胡文学,我们家院落前一处危房已经坍塌多半,特别是雨季就要到了,旧屋的木柱、院墙随时都可能塌落,对我们家造成危害,麻烦你们帮我们解决一下吧”,“好的,我们马上去你家了解一下具体情况,请你们稍等一会!”。",
    "6月5日上午,王庄镇辛庄村工作组驻村干部接到了村民打来的电话,接着来到了村民家中详细了解具体情况,并经过了解核实,与上级主管部门联系,很快给予了解决。帮助村民解决危房安全隐患问题只是驻村工作组帮扶工作的一个缩影。",
    "曲阜市制定了《曲阜市健全完善干部驻村联户工作长效机制的意见》,选派了28个曲阜市派第一书记工作组、56名同志驻村,确保派驻期间与原有工作脱钩,吃住在村。同时将济宁市下派11个工作组、曲阜市派驻28个工作组的共39个工作组进行同管理、同考核,每个镇确定一名工作队长,制定完善了下派工作管理制度。先后举办了2次驻村第一书记和驻村干部培训班,就如何推进农村经济发展、抓好基层组织建设、建设美丽乡村等内容进行了详细的讲解,帮助驻村干部尽快进入角色。",
    "深化内容,开展主题活动",
    "“镇长,你也别和稀泥!”“十天内只要不给钱,就别想收麦子,我们就把地收回来!”",
    "4月29日晚8时,姚村镇戴家洼村“和为贵”调解室,气氛剑拔弩张。因为没能拿到土地流转的租金,4位村支书言辞激烈,怒火甚至“撒”到了调解员孟双建身上。",
    "作为镇长和涉事项目的推动者,同时也是该村的联户干部,孟双建知道村支书们被村民逼迫的焦虑,也清楚企业处于起步期的艰难。当晚的会议,孟双建要找到双方都能接受的平衡点。经过一个多小时的努力,新的协议终于达成。这是驻村干部又一次通过“民情夜会”成功化解了村里的矛盾纠纷。",
    "曲阜市深入开展驻村第一书记“民情夜会”、“双帮双富”工程、全民修身、全民守法和以“五化”为主体的美丽乡村建设等五项主题活动,并对第一书记驻村工作以下派工作团名义印发了《考核办法》对各项活动的目标任务、方法步骤、工作要求、督导考核等进行了明确规定,统一开实施考核。加大考核力度,实行日常考核、半年考核和年度考核相结合,促进帮扶工作的扎实开展。",
    "双向走访,调动各方主动性",
    "“何书记,您来了啊!”西雪村第一书记、联户干部何洪军,每次去西雪村,看到她的群众都会热情的打招呼。她在担任第一书记期间,定期到联户群众家走访,及时了解群众诉求,解决实际困难。不仅积极与民政部门联系协商,按照低保户标准和程序给村里生病的老人家办理了低保户,还通过与执法部门协调解决了集市交通拥堵和生活环境差等问题,以自己的朴实、能干、为民着想,得到了群众的认可,被老百姓当做了自己的亲人。",
    "曲阜市在驻村联户工作中实施“双向走访法”,并对涉及到驻村联户工作的15个部门的惠农政策进行了收集、整理、汇总,印发了《曲阜市强农惠农政策汇编》,对各部门惠农政策的政策依据、奖补范围、补助标准、办理流程、责任科室、责任人进行了详细解释,方便惠农政策落实到位。",
    "另外,曲阜市将各部门单位、各镇街驻村联户工作纳入年底经济社会发展目标考核范围,实行暗访抽查制度和群众监督评议制度。目前已对5个组织开展走访不力、干部走访不到位的部门、单位下发了整改督办单,责令限期进行整改。",
]
SEED_SUBHEADINGS = {"规范管理,建立完善工作机制", "深化内容,开展主题活动", "双向走访,调动各方主动性"}

SEED = Story(
    key="seed",
    path="/jining/news/201506/7713943.html",
    template="v2",
    channel=QUFU,
    headline="老百姓的“贴心人”——曲阜市驻村联户工作纪实",
    source="济宁晚报",
    when="2015-06-22 07:21",
    blocks=[("byline", "■本报通讯员梅花宋思亮陈宏如")]
    + [("sub" if p in SEED_SUBHEADINGS else "p", p) for p in SEED_BODY],
    credits=[("梅花", "通讯员", "author"), ("宋思亮", "通讯员", "author"), ("陈宏如", "通讯员", "author")],
    note="the seed article of PORTAL.md, rebuilt as v2 HTML; also tests/fixtures/seed.html",
)

STORIES: list[Story] = [
    SEED,
    Story(
        key="mobile-qufu",
        path="/jining/news/201506/7714102.html",
        template="mobile",
        channel=QUFU,
        headline="端午小长假曲阜三孔景区迎来客流高峰",
        source="济宁晚报",
        when="2015-06-24 18:05",
        linked_as=f"{MOBILE}/jining/news/201506/7714102.html",
        blocks=[
            ("p", "端午小长假期间,曲阜三孔景区共接待游客12.6万人次,同比增长18%。为应对客流高峰,景区提前增设临时售票窗口12个,并在孔庙、孔府出口设置了游客休息区。"),
            ("p", "20日一大早,孔庙南门外就排起了长队。来自江苏徐州的游客刘先生说:“带孩子来看看孔子故里,感受一下传统文化。”"),
            ("p", "据了解,假期期间曲阜市还在明故城举办了包粽子、赛龙舟等民俗活动,吸引了不少外地游客参与。"),
            ("byline", "(记者 孔维堃 通讯员 田媛)"),
        ],
        credits=[("孔维堃", "记者", "author"), ("田媛", "通讯员", "author")],
        note="mobile page linked on https://m.yybnet.net: info line `济宁晚报 06-24 18:05`, no label, no year (year from /201506/)",
    ),
    Story(
        key="multipage",
        path="/jining/news/201906/9012345.html",
        template="v3",
        channel=QUFU,
        headline="尼山脚下书声琅琅 曲阜“百姓儒学”走进千家万户",
        source="济宁日报",
        when="2019-06-14 09:30:12",
        blocks=[
            ("p", "在曲阜市尼山镇鲁源村的“百姓儒学”讲堂里,每周三晚上都坐满了前来听课的村民。讲台上,乡村儒学讲师正结合村里的真人真事,讲解孝老爱亲的道理。"),
            ("img", "/uploads/allimg/190614/1-190614093012.jpg", "鲁源村村民在“百姓儒学”讲堂听课。"),
            ("p", "近年来,曲阜市把“百姓儒学”作为推进新时代文明实践的重要抓手,在全市405个村居建成儒学讲堂,聘请乡村儒学讲师600余名,实现了讲堂全覆盖。"),
            ("page",),
            ("sub", "讲身边事,说百姓话"),
            ("p", "“过去讲课照本宣科,群众听不进去。现在我们把村里的好媳妇、好婆婆请上台,群众一听就懂。”尼山镇儒学讲师孔祥堂说。"),
            ("p", "为了让儒学讲堂接地气,曲阜市编写了《百姓儒学读本》,组织讲师深入田间地头,用拉家常的方式讲解传统文化,全年累计开展讲座3200余场次。"),
            ("page",),
            ("sub", "好家风带来好民风"),
            ("p", "随着“百姓儒学”的深入开展,鲁源村的邻里纠纷明显减少,村里连续三年没有发生一起上访事件。村党支部书记颜景华说,现在大家见面都客客气气的,村风越来越好。"),
            ("fig", "/uploads/allimg/190614/1-190614093415.jpg", "孩子们在儒学讲堂诵读《弟子规》。"),
            ("p", "下一步,曲阜市将继续完善儒学讲堂运行机制,推动优秀传统文化进一步融入百姓日常生活。"),
            ("byline", "(记者 颜亮 通讯员 孔晓)"),
        ],
        credits=[("颜亮", "记者", "author"), ("孔晓", "通讯员", "author"), ("孔蕾", "责任编辑", "editor")],
        note="three pages (_2, _3) with a page bar 上一页 1 2 3 下一页; body and images stitched; editor line on the last page only",
    ),
    Story(
        key="redirected",
        path="/jining/news/201404/6611003.html",
        template="v2",
        channel=QUFU,
        headline="曲阜启动2014年春季义务植树活动",
        source="济宁日报",
        when="2014-04-15 08:12",
        linked_as="/jining/news/201404/6611001.html",
        blocks=[
            ("byline", "■本报记者 孔德喆 通讯员 李明"),
            ("p", "4月12日,曲阜市春季义务植树活动在九仙山脚下启动,机关干部、驻曲部队官兵和志愿者2000余人参加了植树劳动。"),
            ("p", "今年曲阜市计划完成造林绿化3.5万亩,重点实施九仙山、石门山荒山绿化和沿河沿路绿化工程,新增城区绿地面积30万平方米。"),
            ("p", "活动现场,大家挥锹铲土、扶苗培土,两个多小时共栽下侧柏、黄栌等苗木1.2万余株。"),
        ],
        credits=[("孔德喆", "记者", "author"), ("李明", "通讯员", "author")],
        note="listed under its old URL 6611001.html: 301 -> 6611002.html -> 302 -> 6611003.html; the record's url is the last",
    ),
    Story(
        key="dead",
        path="/jining/news/201601/7900404.html",
        template="v2",
        channel=QUFU,
        headline="曲阜市召开2016年农村工作会议",
        source="济宁日报",
        when="2016-01-12 08:40",
        blocks=[],
        stored=False,
        not_stored_reason="404: dead link in the channel list",
        note="dead link (404 via _routes.json, no file)",
    ),
    Story(
        key="v1-br",
        path="/jining/news/201203/5120345.html",
        template="v1",
        channel=QUFU,
        headline="曲阜城区新增三处免费停车场",
        source="齐鲁晚报",
        when="2012-03-05 08:30",
        br_paragraphs=True,
        font_headline=True,
        blocks=[
            ("byline", "本报记者　李喆"),
            ("p", "记者从曲阜市城管局了解到,为缓解城区停车难问题,曲阜市在鼓楼北街、静轩西路和五马祠街新建了三处免费停车场,共设停车泊位420个,近日已正式投入使用。"),
            ("p", "据介绍,三处停车场均位于老城区人流密集的路段,周边有学校、医院和农贸市场。停车场实行24小时开放,由专人负责管理,车辆停放不收取任何费用。"),
            ("p", "家住鼓楼北街的市民张堃说:“以前接孩子放学只能把车停在路边,经常被贴罚单,现在方便多了。”"),
            ("p", "曲阜市城管局有关负责人表示,今年还将结合旧城改造,再建设停车场五处,力争年底前城区新增停车泊位1000个以上。"),
        ],
        credits=[("李喆", "记者", "author")],
        note="v1 GBK table page (meta gb2312, GBK-only 喆 堃), no <p>: paragraphs are <br><br> runs with 　　 indents; headline in <font>",
    ),
    Story(
        key="v1-lying-header",
        path="/jining/news/201011/4410087.html",
        template="v1",
        channel=QUFU,
        headline="曲阜孔子研究院举办首届青年儒学论坛",
        source="济宁日报",
        when="2010-11-18 15:20",
        blocks=[
            ("byline", "通讯员　王堃　记者　陈喆"),
            ("p", "11月16日至17日,首届青年儒学论坛在曲阜孔子研究院举行。来自北京大学、中国人民大学、山东大学等30余所高校的80多名青年学者参加了论坛。"),
            ("p", "论坛以“儒学与当代社会”为主题,与会学者围绕儒家伦理与现代生活、儒学的国际传播等议题展开了深入交流。"),
            ("p", "孔子研究院有关负责人介绍,青年儒学论坛今后将每年举办一届,为青年儒学研究者搭建交流平台。"),
        ],
        credits=[("王堃", "通讯员", "author"), ("陈喆", "记者", "author")],
        note="v1 GBK page with <p> paragraphs served with a lying `Content-Type: text/html; charset=utf-8` header",
    ),
    Story(
        key="flaky",
        path="/jining/news/201709/8300503.html",
        template="v2",
        channel=QUFU,
        headline="2017中国(曲阜)国际孔子文化节开幕",
        source="齐鲁晚报",
        when="2017-09-26 10:08",
        blocks=[
            ("byline", "■齐鲁晚报·齐鲁壹点记者 孔茜"),
            ("p", "9月26日上午,2017中国(曲阜)国际孔子文化节在曲阜孔子研究院开幕。本届文化节以“弘扬优秀传统文化,共建人类命运共同体”为主题,将持续至10月10日。"),
            ("p", "文化节期间,曲阜将举办祭孔大典、尼山世界文明论坛、孔子故里经贸洽谈会等活动20余项。"),
            ("sub", "文化惠民活动贯穿全程"),
            ("p", "文化节期间,三孔景区将举办仿古祭孔乐舞表演,明故城内每天上演非遗展演,市民游客可免费观看。"),
        ],
        credits=[("孔茜", "记者", "author")],
        note="flaky: the first request gets 503 (_routes.json fail_first), the retry gets the page",
    ),
    Story(
        key="gallery",
        path="/jining/news/201805/8500777.html",
        template="v3",
        channel=QUFU,
        headline="组图:曲阜明故城夜景",
        source="济宁晚报",
        when="2018-05-20 20:15:00",
        blocks=[
            ("img", "/uploads/allimg/180520/1-180520201501.jpg", "夜幕下的万仞宫墙。"),
            ("img", "/uploads/allimg/180520/1-180520201502.jpg", "五马祠街的灯光秀。"),
            ("img", "/uploads/allimg/180520/1-180520201503.jpg", "游客在鼓楼前拍照留念。"),
        ],
        stored=False,
        not_stored_reason="not an article: a photo gallery with captions and no body text",
        note="a photo gallery at an article URL, listed in the channel: not an article, skipped",
    ),
    Story(
        key="unseen-qufu",
        path="/jining/news/201708/8207788.html",
        template="unseen",
        channel=QUFU,
        headline="曲阜对城区12条背街小巷进行改造提升",
        source="济宁日报",
        when="2017-08-09",
        blocks=[
            ("p", "8月以来,曲阜市启动城区背街小巷改造提升工程,对五马祠街、棋盘街、东门大街等12条背街小巷的路面、排水、照明等设施进行改造。"),
            ("p", "改造工程采取“一街一策”的办法,在保留老街原有风貌的基础上,统一铺设青石板路面,更换仿古路灯,并对沿街墙面进行整修。"),
            ("p", "东门大街居民孔繁喆告诉记者,过去一下雨路上就积水,出门得穿雨靴,这下终于能走上干净平整的路了。"),
            ("p", "据悉,整个工程预计10月底前全部完工。"),
        ],
        credits=[("孔令喆", "记者", "author"), ("颜景堃", "通讯员", "author")],
        note="unseen template (biaoti/laiyuan/shijian/zuozhe/zhengwen classes, labels 作者： 时间:), a day-only date",
    ),
    Story(
        key="shared",
        path="/jining/news/201911/9200111.html",
        template="v3",
        channel=QUFU,
        headline="曲阜至邹城城际公交正式开通",
        source="济宁晚报",
        when="2019-11-28 16:40:05",
        blocks=[
            ("byline", "■记者 孟娜 通讯员 孔维宁"),
            ("p", "11月28日,曲阜至邹城城际公交正式开通运营。线路全长38公里,沿途设站21个,票价最高6元,市民可使用济宁公交卡和手机扫码乘车。"),
            ("img", "/uploads/allimg/191128/1-19112816400.jpg", None),
            ("p", "城际公交开通后,首班车发车时间为6时,末班车为19时,发车间隔20分钟,两地居民往来更加方便。"),
            ("p", "据了解,这是济宁市开通的第三条县市区之间的城际公交线路。"),
        ],
        credits=[("孟娜", "记者", "author"), ("孔维宁", "通讯员", "author"), ("王倩", "责任编辑", "editor")],
        note="linked from both asked channels (root-relative in qufu, absolute in zoucheng): stored once; an image without caption",
    ),
    Story(
        key="no-source",
        path="/jining/news/201603/7955120.html",
        template="v2",
        channel=QUFU,
        headline="曲阜市第一中学举办“三八”节感恩活动",
        source=None,
        when="2016-03-08 09:12",
        blocks=[
            ("byline", "■本报记者欧阳晓娟 实习生司马文静"),
            ("p", "3月7日下午,曲阜市第一中学举办“感恩母亲”主题活动,1200余名学生给母亲写了一封信。"),
            ("sub", "一封家书传真情"),
            ("p", "高二学生孔令仪在信中写道:“妈妈,您为我付出了那么多,我却很少对您说一声谢谢。”不少学生写着写着就红了眼眶。"),
            ("p", "学校负责人表示,希望通过这样的活动,引导学生学会感恩,懂得回报。"),
        ],
        credits=[("欧阳晓娟", "记者", "author"), ("司马文静", "实习生", "author")],
        note="no source on the info line (source null); compound surnames 欧阳 司马 joined to roles",
    ),
    Story(
        key="agency",
        path="/jining/news/201809/8666001.html",
        template="v3",
        channel=QUFU,
        headline="2018中国(曲阜)国际孔子文化节开幕",
        source="大众网",
        when="2018-09-28 11:20:44",
        blocks=[
            ("p", "9月28日,2018中国(曲阜)国际孔子文化节在山东曲阜开幕。来自20多个国家和地区的嘉宾参加了开幕式。"),
            ("p", "本届文化节以“文明交流互鉴”为主题,期间将举办公祭孔子大典、尼山世界文明论坛等活动。"),
            ("p", "孔子文化节自1989年创办以来,已成为展示中华优秀传统文化的重要平台。"),
            ("byline", "(据新华社)"),
        ],
        credits=[("新华社", None, "agency"), ("李娜", "责任编辑", "editor")],
        note="agency credit (据新华社) as its own paragraph: a credit of kind agency, not an author, not body",
    ),
    Story(
        key="v1-malformed",
        path="/jining/news/200909/3301234.html",
        template="v1",
        channel=QUFU,
        headline="曲阜隆重举行孔子诞辰2560周年祭孔大典",
        source="济宁日报",
        when="2009-09-28 10:02",
        br_paragraphs=True,
        font_headline=True,
        malformed=True,
        blocks=[
            ("byline", "记者　孔喆　通讯员　周堃"),
            ("p", "9月28日上午,纪念孔子诞辰2560周年祭孔大典在曲阜孔庙隆重举行。海内外孔子后裔、专家学者及各界群众3000余人参加了祭祀活动。"),
            ("p", "上午9时许,祭孔大典在庄严的鼓乐声中开始。仪式包括开庙、迎神、进献花篮、行礼、诵读祭文、乐舞告祭等程序。"),
            ("p", "今年的祭孔大典首次邀请了台湾地区的孔子后裔代表参加,两岸同胞共同缅怀先贤。"),
        ],
        credits=[("孔喆", "记者", "author"), ("周堃", "通讯员", "author")],
        note="v1 GBK page with malformed HTML (unclosed <td>/<font>, stray end tags)",
    ),
    Story(
        key="reset-once",
        path="/jining/news/202010/9876543.html",
        template="v3",
        channel=QUFU,
        headline="曲阜12个村入选省级美丽乡村示范村",
        source="大众日报",
        when="2020-10-22 15:06:50",
        blocks=[
            ("byline", "■本报记者 赵德鑫 通讯员 孔婷"),
            ("p", "近日,山东省公布2020年省级美丽乡村示范村名单,曲阜市吴村镇北元疃村、尼山镇鲁源村等12个村榜上有名,入选数量居济宁市首位。"),
            ("fig", "/uploads/allimg/201022/1-201022150650.jpg", "尼山镇鲁源村一角。"),
            ("p", "近年来,曲阜市坚持规划先行,统筹推进农村人居环境整治、乡村产业培育和乡风文明建设,累计投入资金5.6亿元。"),
            ("fig", "/uploads/allimg/201022/1-201022150651.jpg", "北元疃村的文化广场。"),
            ("p", "下一步,曲阜将以示范村为引领,带动全市美丽乡村建设提档升级。"),
        ],
        credits=[
            ("赵德鑫", "记者", "author"),
            ("孔婷", "通讯员", "author"),
            ("李娜", "责任编辑", "editor"),
            ("张珊", "初审编辑", "editor"),
        ],
        note="connection reset on the first request (_routes.json reset, times 1); figure/figcaption images; two editors",
    ),
    Story(
        key="dateline",
        path="/jining/news/201805/8512034.html",
        template="v2",
        channel=QUFU,
        headline="曲阜城区今年新建口袋公园20处",
        source="济宁晚报",
        when="2018-05-03 17:32",
        blocks=[
            ("p", "本报曲阜5月3日讯(记者 颜丙喆 通讯员 孔令华)今年以来,曲阜市在城区见缝插绿,利用边角地、闲置地新建口袋公园20处,让市民出门就能见到绿。"),
            ("p", "口袋公园面积从几百平方米到几千平方米不等,园内设置了健身器材、休闲座椅和儿童游乐设施。"),
            ("p", "曲阜市住建局有关负责人介绍,到2020年,城区将实现“300米见绿、500米见园”的目标。"),
        ],
        credits=[("颜丙喆", "记者", "author"), ("孔令华", "通讯员", "author")],
        note="a dateline opening the first paragraph: the paragraph stays body, its reporter is credited",
    ),
    # ---- 邹城
    Story(
        key="v3-zoucheng",
        path="/jining/news/201903/8901234.html",
        template="v3",
        channel=ZOUCHENG,
        headline="邹城峄山南麓万亩桃园迎来花期",
        source="大众日报",
        when="2019-03-12 10:45:31",
        blocks=[
            ("p", "3月10日,邹城市峄山镇南麓的万亩桃园迎来花期,漫山遍野的桃花竞相开放,吸引了大批游客前来踏青赏花。"),
            ("img", "/uploads/allimg/190312/1-1903121045.jpg", "游客在峄山镇桃园赏花。"),
            ("p", "峄山镇种植桃树已有40多年历史,全镇桃园面积达1.2万亩,年产鲜桃3000万斤,“峄山白桃”获评国家地理标志产品。"),
            ("p", "近年来,峄山镇依托桃园资源发展乡村旅游,举办桃花节、采摘节等活动,带动周边农户增收。"),
            ("byline", "(记者 王涛)"),
        ],
        credits=[("王涛", "记者", "author"), ("李娜", "责任编辑", "editor")],
        note="v3: span.source/span.time with seconds, img + p.pic-txt caption, trailing (记者 王涛), 责任编辑 line",
    ),
    Story(
        key="v2-zoucheng",
        path="/jining/news/201509/7800456.html",
        template="v2",
        channel=ZOUCHENG,
        headline="邹城孟府孟庙启动秋季修缮工程",
        source="济宁晚报",
        when="2015-09-10 07:35",
        blocks=[
            ("byline", "■本报记者 刘欣 通讯员 邵帅"),
            ("p", "9月8日,邹城孟府孟庙秋季修缮工程正式启动,此次修缮主要对孟庙亚圣殿屋面、孟府大堂门窗进行维修。"),
            ("sub", "修旧如旧,保持历史原貌"),
            ("p", "施工方负责人介绍,修缮工程严格按照文物保护要求,坚持“不改变文物原状”的原则,所用青砖、灰瓦均按传统工艺烧制。"),
            ("sub", "景区照常开放"),
            ("p", "修缮期间,孟府孟庙景区照常对外开放,施工区域设置围挡,游客参观不受影响。工程预计11月底完工。"),
        ],
        credits=[("刘欣", "记者", "author"), ("邵帅", "通讯员", "author")],
        note="v2 with subheadings as <p><strong>",
    ),
    Story(
        key="v1-zoucheng",
        path="/jining/news/201107/4987654.html",
        template="v1",
        channel=ZOUCHENG,
        headline="邹城市举行城区夏季防汛应急演练",
        source="济宁日报",
        when="2011-07-20 16:45",
        br_paragraphs=True,
        blocks=[
            ("byline", "记者　刘喆　通讯员　孟凡堃"),
            ("p", "7月19日,邹城市在城区白马河举行夏季防汛应急演练,水利、消防、武警等部门的300余人参加演练。"),
            ("p", "演练模拟了白马河水位暴涨、群众被困等险情,参演人员开展了人员转移、抢筑子堤、水上救援等科目。"),
            ("p", "邹城市防汛抗旱指挥部有关负责人表示,通过演练检验了防汛应急预案,提高了各部门的协同作战能力。"),
        ],
        credits=[("刘喆", "记者", "author"), ("孟凡堃", "通讯员", "author")],
        note="v1 GBK <br><br> page with <meta charset=gb2312>, headline in td.title",
    ),
    Story(
        key="mobile-zoucheng",
        path="/jining/news/201711/8400321.html",
        template="mobile",
        channel=ZOUCHENG,
        headline="首届孟子故里马拉松在邹城开跑",
        source="齐鲁晚报",
        when="2017-11-05 07:30",
        linked_as=f"{MOBILE}/jining/news/201711/8400321.html",
        blocks=[
            ("byline", "记者 孟庆堂 实习生 张悦"),
            ("p", "11月5日,首届孟子故里马拉松在邹城鸣枪开跑,来自全国各地的8000名跑友参加了比赛。"),
            ("p", "比赛设全程马拉松、半程马拉松和5公里健康跑三个项目,赛道途经孟府孟庙、峄山等景点。"),
            ("p", "经过激烈角逐,男子全程冠军被来自肯尼亚的选手摘得,成绩为2小时16分。"),
        ],
        credits=[("孟庆堂", "记者", "author"), ("张悦", "实习生", "author")],
        note="mobile page, info line `齐鲁晚报 11-05 07:30` (year from /201711/)",
    ),
    Story(
        key="unseen-zoucheng",
        path="/jining/news/201705/8150022.html",
        template="unseen",
        channel=ZOUCHENG,
        headline="邹城开展“文明餐桌”志愿服务活动",
        source="邹城市融媒体中心",
        when="2017-05-12 16:20",
        blocks=[
            ("p", "5月11日,邹城市文明办组织志愿者走进城区30余家餐馆,开展“文明餐桌”志愿服务活动。"),
            ("img", "/uploads/allimg/170512/1-170512162001.jpg", "志愿者向食客发放倡议书。"),
            ("p", "志愿者向就餐市民发放倡议书,倡导适量点餐、剩菜打包,并在餐桌上摆放“光盘行动”提示牌。"),
            ("p", "活动期间,共发放倡议书5000余份,40多家餐馆承诺主动提供打包服务。"),
        ],
        credits=[("孟凡堃", "通讯员", "author")],
        note="unseen template with a full date and time, an image with caption",
    ),
    Story(
        key="photo-credit",
        path="/jining/news/202104/9950101.html",
        template="v3",
        channel=ZOUCHENG,
        headline="邹城:百亩牡丹园引客来",
        source="济宁日报",
        when="2021-04-16 09:05:00",
        blocks=[
            ("p", "4月15日,邹城市香城镇百亩牡丹园里,各色牡丹竞相绽放,前来赏花的游客络绎不绝。"),
            ("fig", "/uploads/allimg/210416/1-210416090501.jpg", "游客在牡丹园赏花拍照。"),
            ("p", "香城镇近年来发展牡丹种植产业,牡丹籽油、牡丹花茶等产品远销全国各地,带动200余户群众增收。"),
            ("byline", "(记者 孟娜 摄影 王涛)"),
        ],
        credits=[
            ("孟娜", "记者", "author"),
            ("王涛", "摄影", "author"),
            ("王倩", "责任编辑", "editor"),
            ("张珊", "初审编辑", "editor"),
        ],
        note="a photographer credit (摄影) in the trailing byline",
    ),
    Story(
        key="no-byline",
        path="/jining/news/201812/8777888.html",
        template="v2",
        channel=ZOUCHENG,
        headline="邹城市2018年冬季供暖全面启动",
        source="齐鲁晚报",
        when="2018-12-20 14:10",
        blocks=[
            ("p", "11月15日零时起,邹城市城区集中供暖正式启动,供暖面积达1200万平方米,惠及居民9万余户。"),
            ("p", "供热公司开通了24小时服务热线,对居民反映的问题做到即接即办。"),
            ("p", "据了解,今年邹城新增供暖面积80万平方米,新建换热站12座。"),
        ],
        credits=[],
        note="no byline at all: authors empty",
    ),
    # ---- 泗水: not asked; linked from nav and sidebars, must never be requested
    Story(
        key="sishui-1",
        path="/jining/news/201506/7713990.html",
        template="v2",
        channel=SISHUI,
        headline="泗水县泉林镇发展特色种植助农增收",
        source="济宁晚报",
        when="2015-06-20 08:05",
        blocks=[("p", "泉林镇依托泉水资源,发展特色种植2万亩,带动农户增收。")],
        credits=[],
    ),
    Story(
        key="sishui-2",
        path="/jining/news/201709/8300777.html",
        template="v2",
        channel=SISHUI,
        headline="泗水县举办第六届桃花节",
        source="济宁日报",
        when="2017-09-02 09:30",
        blocks=[("p", "泗水县第六届桃花节在圣水峪镇开幕,吸引游客5万余人次。")],
        credits=[],
    ),
    Story(
        key="sishui-3",
        path="/jining/news/201906/9011111.html",
        template="v3",
        channel=SISHUI,
        headline="泗水:小地瓜做成大产业",
        source="大众日报",
        when="2019-06-10 10:00:00",
        blocks=[("p", "泗水县地瓜种植面积达10万亩,年产值超过6亿元。")],
        credits=[],
    ),
]

BY_KEY = {s.key: s for s in STORIES}
ASKED = [QUFU, ZOUCHENG]

# Links that the crawler must never request: pages outside the asked channels.
TOPIC_QUFU = "/jining/qufu/zhuanti/wenming.html"
TOPIC_ZT = "/zt/2019/lianghui/index.html"
RECOMMENDED = {  # 新闻推荐 under articles: another channel's article, with a dateline summary
    "jining/qufu": (
        "/jining/news/201506/7702211.html",
        "全市2015年第二批重大项目集中开工",
        "惠普——济宁国际软件人才及产业基地同时奠基本报济宁6月8日讯(记者张彦彦)为进一步深化“大项目突破年”活动,推动大项目建设,今天上午,济宁市举行...",
    ),
    "jining/zoucheng": (
        "/jining/news/201903/8899001.html",
        "济宁市召开全市城市建设工作会议",
        "本报济宁3月8日讯(记者刘德喆)今天上午,全市城市建设工作会议召开,会议总结了去年城市建设工作...",
    ),
    "jining/sishui": (
        "/jining/news/201506/7702211.html",
        "全市2015年第二批重大项目集中开工",
        "本报济宁6月8日讯(记者张彦彦)为进一步深化“大项目突破年”活动...",
    ),
}
CHANNEL_PICKS = [  # 频道推荐: other cities' articles
    ("/jinan/news/202203/1122334.html", "济南:“码上商量”与百姓贴得更近"),
    ("/jinan/news/202203/1122335.html", "数字赋能,拓展“商量”广度深度效度"),
    ("/weifang/news/202203/1122400.html", "按下快进键 抢抓黄金期"),
    ("/weifang/news/202203/1122401.html", "潍坊滨海经济技术开发区京师幼儿园桌上推演,筑牢疫情防控线"),
    ("/jinan/news/202203/1122410.html", "“线上+线下”人社服务再升级"),
]
HOT_READ = [  # 热点阅读 / 乡里乡亲: entertainment pages
    ("/yule/news/202203/1200001.html", "文牧野: 我一直追寻着真实与真诚..."),
    ("/yule/news/202203/1200002.html", "王阳:《人世间》让人思考什么是活着..."),
    ("/yule/news/202203/1200003.html", "国潮那么潮"),
]

# ---------------------------------------------------------------------------
# HTML pieces


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def link(path: str, host: str | None) -> str:
    """A link to a portal path, written root-relative or absolute on the given host."""
    return f"{host}{path}" if host else path


def channel_url(path: str) -> str:
    return f"/{path}/"


def nav_links(host: str | None, sep: str = " ") -> str:
    return sep.join(
        f'<a href="{link(channel_url(p), host)}" target="_blank">{esc(n)}</a>' for n, p in CITY_NAV
    )


def crumb_links(ch: Channel, host: str | None, sep: str = " &gt; ") -> str:
    parts = [
        f'<a href="{link("/", host)}">地方网</a>',
        f'<a href="{link("/shandong/", host)}">{PROVINCE}</a>',
        f'<a href="{link("/jining/", host)}">{CITY[1]}</a>',
        f'<a href="{link(channel_url(ch.path), host)}">{esc(ch.name)}</a>',
    ]
    return sep.join(parts) + sep + "正文"


def sishui_stories() -> list[Story]:
    return [s for s in STORIES if s.channel is SISHUI]


def hot_ranking(host: str | None) -> str:
    """热点排行: the sidebar of every page, pointing at 泗水 articles and a 专题."""
    items = [f'<li><span class="num">{i}</span><a href="{link(s.path, host)}" target="_blank">{esc(s.headline)}</a></li>'
             for i, s in enumerate(sishui_stories(), 1)]
    items.append(f'<li><span class="num">{len(items) + 1}</span><a href="{link(TOPIC_QUFU, host)}" target="_blank">专题:文明曲阜 你我共建</a></li>')
    return "<h3>热点排行</h3><ul>" + "".join(items) + "</ul>"


def side_blocks(host: str | None) -> str:
    s1 = sishui_stories()[0]
    hot = "".join(f'<a href="{link(p, host)}" target="_blank">{esc(t)}</a> ' for p, t in HOT_READ)
    return f"""
<div class="side-box rdyd"><h3>热点阅读</h3><p>{hot}</p></div>
<div class="side-box twkd"><h3>图文看点</h3>
 <a href="{link(s1.path, host)}" target="_blank"><img src="/uploads/allimg/150620/side-1.jpg" alt="{esc(s1.headline)}" width="260" height="160"></a>
 <p><a href="{link(s1.path, host)}" target="_blank">{esc(s1.headline)}</a></p></div>
<div class="side-box xlxq"><h3>乡里乡亲</h3><p>张庭夫妇公司被认定传销 举报者:担心... 电影《花渡好时光》定档 回乡青年演... 从《少年》《下山》《踏山河》到《孤...</p></div>
<div class="side-box rdph">{hot_ranking(host)}</div>
<div class="side-box zt"><h3>专题</h3><a href="{link(TOPIC_ZT, host)}" target="_blank"><img src="/uploads/zt/lianghui.jpg" alt="2019全国两会"></a></div>"""


def bottom_blocks(story: Story, host: str | None) -> str:
    """Everything the seed page shows under an article, none of it body."""
    rec_path, rec_title, rec_summary = RECOMMENDED[story.channel.path]
    picks = "".join(f'<li><a href="{link(p, host)}" target="_blank">{esc(t)}</a></li>' for p, t in CHANNEL_PICKS)
    return f"""
<div class="xwtj">
 <div class="hd">新闻推荐</div>
 <h4><a href="{link(rec_path, host)}" target="_blank">{esc(rec_title)}</a></h4>
 <p class="summary">{esc(rec_summary)}</p>
</div>
<div class="pd-intro"><p>{esc(story.channel.blurb)}</p></div>
<div class="xgxw"><div class="hd">相关新闻:</div><ul></ul></div>
<div class="cnxh"><div class="hd">猜你喜欢:</div><ul></ul></div>
<div class="pinglun" id="comment">
 <div class="hd">评论:({esc(story.headline)})</div>
 <form action="/plus/feedback.php" method="post"><textarea name="msg" placeholder="文明上网,理性发言"></textarea>
 <input type="hidden" name="aid" value="{story.path.rsplit('/', 1)[-1][:-5]}"><button type="submit">发表评论</button></form>
 <p class="tip">网友评论仅供其表达个人看法,并不表明本站同意其观点或证实其描述。</p>
</div>
<div class="pdtj"><div class="hd">频道推荐</div><ul>{picks}</ul></div>"""


SHARE_BAR = """<div class="share bdsharebuttonbox">分享到:<a class="bds_weixin" data-cmd="weixin" title="分享到微信"></a><a class="bds_tsina" data-cmd="tsina" title="分享到新浪微博"></a><a class="bds_qzone" data-cmd="qzone" title="分享到QQ空间"></a></div>
<script>window._bd_share_config={"common":{"bdSnsKey":{},"bdText":"","bdMini":"2","bdPic":"","bdStyle":"0","bdSize":"16"},"share":{}};</script>"""

FOOTER = """<div class="footer">
 <p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/ad/">广告服务</a> | <a href="/sitemap/">网站地图</a></p>
 <p class="mzsm">免责声明:本站部分内容转载自其他媒体,转载目的在于传递更多信息,并不代表本站赞同其观点和对其真实性负责。如涉及作品内容、版权和其它问题,请在30日内与本站联系。</p>
 <p>Copyright &copy; 地方网 www.yybnet.net All Rights Reserved</p>
</div>
<script src="/js/tongji.js"></script>
<script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?2f1c3e";var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();</script>"""

AD = '<div class="ad"><script src="/js/ad.js?pos={pos}"></script><a href="https://ad.example.cn/c?pos={pos}" target="_blank" rel="nofollow"><img src="/uploads/ad/{pos}.gif" alt="广告"></a></div>'


def ad(pos: str) -> str:
    return AD.format(pos=pos)


def indent(text: str) -> str:
    return "　　" + esc(text)


# ---------------------------------------------------------------------------
# Article templates. Each returns the HTML of one page (str; v1 is encoded GBK later).


def page_bar(story: Story, index: int, host: str | None = None) -> str:
    """上一页 1 2 3 下一页, relative links as the portal writes them."""
    paths = story.page_paths
    if len(paths) == 1:
        return ""
    names = [p.rsplit("/", 1)[-1] for p in paths]
    prev = f'<a href="{names[index - 1]}">上一页</a>' if index > 0 else '<span class="disabled">上一页</span>'
    nxt = f'<a href="{names[index + 1]}">下一页</a>' if index < len(paths) - 1 else '<span class="disabled">下一页</span>'
    nums = " ".join(
        f'<span class="current">{i + 1}</span>' if i == index else f'<a href="{n}">{i + 1}</a>'
        for i, n in enumerate(names)
    )
    return f'<div class="page-bar">{prev} {nums} {nxt}</div>'


def head(title: str, charset_meta: str, extra: str = "", keywords: str = "") -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
{charset_meta}
<title>{esc(title)}</title>
<meta name="keywords" content="{esc(keywords or title.split('_')[0])}">
<meta name="description" content="地方网,讲述家乡的故事">
<link rel="stylesheet" href="/css/style.css" type="text/css">
<script src="/js/jquery.min.js"></script>
{extra}</head>"""


def render_v1(story: Story, blocks: list[tuple], index: int) -> str:
    """2009-2013: tables, GBK, 稿件来源/发布时间 info line, maybe no <p>."""
    day, time = story.when.split(" ")
    y, m, d = day.split("-")
    info = f"稿件来源：{esc(story.source)}　" if story.source else ""
    info += f"发布时间：{y}年{m}月{d}日 {time}　点击数：<script src=\"/plus/count.php?aid=1&mid=1\"></script>"
    texts = [b[1] for b in blocks if b[0] in ("p", "sub", "byline")]
    if story.br_paragraphs:
        content = "<br><br>\n".join(indent(t) for t in texts) + "<br><br>"
    else:
        content = "\n".join(f"<p>{indent(t)}</p>" for t in texts)
    meta = ('<meta charset="gb2312">' if story.channel is ZOUCHENG
            else '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    if story.font_headline:
        end = "</b>" if story.malformed else "</b></font></td></tr>"
        title = f'<tr><td align="center" height="50"><font size="5" color="#003399"><b>{esc(story.headline)}{end}'
    else:
        title = f'<tr><td class="title" align="center" height="50">{esc(story.headline)}</td></tr>'
    # A malformed page: the headline's font, cell and row and the content cell are never closed,
    # and stray </div></span> follow
    close_td = "" if story.malformed else "</td>"
    stray = "</div></span>" if story.malformed else ""
    editor = f'<tr><td align="right" class="editor">{esc(story.editor_line)}</td></tr>' if story.editor_line else ""
    rec_path, rec_title, rec_summary = RECOMMENDED[story.channel.path]
    hot = "".join(f'<tr><td>·<a href="{s.path}" target="_blank">{esc(s.headline)}</a></td></tr>' for s in sishui_stories())
    return f"""{head(story.headline + '--地方网', meta, keywords=story.headline)}
<body topmargin="0" leftmargin="0">
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="80"><a href="/"><img src="/images/logo.gif" border="0" alt="地方网"></a></td><td>{ad('v1top')}</td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0" class="nav">
<tr><td height="30" align="center">{nav_links(None, " | ")}</td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="weizhi" height="28">您现在的位置：{crumb_links(story.channel, None)}</td></tr>
</table>
<table width="960" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td width="680" valign="top">
  <table width="100%" border="0" cellpadding="0" cellspacing="0">
  {title}
  <tr><td class="info" align="center" height="30">{info}</td></tr>
  <tr><td height="1" bgcolor="#cccccc"></td></tr>
  <tr><td class="content" id="zoom" style="font-size:14px;line-height:26px">
{content}
  {close_td}</tr>{stray}
  {editor}
  <tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
  </table>
  <table width="100%" border="0" cellpadding="0" cellspacing="0" class="xwtj">
  <tr><td class="hd">新闻推荐</td></tr>
  <tr><td><a href="{rec_path}" target="_blank"><b>{esc(rec_title)}</b></a><br>{esc(rec_summary)}</td></tr>
  </table>
  <table width="100%" class="xgxw"><tr><td class="hd">相关新闻:</td></tr></table>
  <table width="100%" class="pinglun"><tr><td class="hd">评论:({esc(story.headline)})</td></tr>
  <tr><td><iframe src="/plus/feedback_ajax.php?aid=1" width="100%" height="200" frameborder="0"></iframe></td></tr></table>
</td>
<td width="20"></td>
<td width="260" valign="top" class="right">
  <table width="100%" class="rdph"><tr><td class="hd">热点排行</td></tr>{hot}
  <tr><td>·<a href="{TOPIC_QUFU}" target="_blank">专题:文明曲阜 你我共建</a></td></tr></table>
  {ad('v1side')}
</td></tr>
</table>
{FOOTER}
</body>
</html>
"""


def body_html_v2(blocks: list[tuple]) -> str:
    out = []
    for b in blocks:
        if b[0] == "sub":
            out.append(f"<p>　　<strong>{esc(b[1])}</strong></p>")
        elif b[0] in ("p", "byline"):
            out.append(f"<p>{indent(b[1])}</p>")
        elif b[0] in ("img", "fig"):
            out.append(f'<p align="center"><img src="{b[1]}" border="0"></p>')
            if b[2]:
                out.append(f'<p class="pictext" align="center">{esc(b[2])}</p>')
    return "\n".join(out)


def render_v2(story: Story, blocks: list[tuple], index: int) -> str:
    """2014-2018: divs, <h1>, plain-text info line exactly as on the seed page."""
    info = f"来源:{esc(story.source)} " if story.source else ""
    info += f"{story.when}&nbsp;&nbsp; https://www.yybnet.net/"
    editor = f'<p class="editor">{esc(story.editor_line)}</p>' if story.editor_line else ""
    return f"""{head(f'{story.headline}_{story.channel.name}_地方网', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')}
<body>
<div class="top"><div class="w1000"><a href="/" class="logo"><img src="/images/logo.png" alt="地方网"></a>
<form class="search" action="/plus/search.php"><input name="q" value=""><button>搜索</button></form></div></div>
{ad('v2top')}
<div class="nav w1000">{nav_links(None)}</div>
<div class="position w1000">{crumb_links(story.channel, None)}</div>
<div class="main w1000">
<div class="left">
 <div class="article">
  <h1>{esc(story.headline)}</h1>
  <div class="info">{info}</div>
  {SHARE_BAR}
  <div class="content" id="content">
{body_html_v2(blocks)}
  </div>
  {page_bar(story, index)}
  {editor}
 </div>
 {ad('v2mid')}
 {bottom_blocks(story, None)}
</div>
<div class="right">{side_blocks(None)}</div>
</div>
{FOOTER}
</body>
</html>
"""


def body_html_v3(blocks: list[tuple]) -> str:
    out = []
    for b in blocks:
        if b[0] == "sub":
            out.append(f"<p><strong>{esc(b[1])}</strong></p>")
        elif b[0] in ("p", "byline"):
            out.append(f"<p>{indent(b[1])}</p>")
        elif b[0] == "img":
            out.append(f'<p style="text-align:center"><img src="{b[1]}" alt="" style="max-width:100%"></p>')
            if b[2]:
                out.append(f'<p class="pic-txt">{esc(b[2])}</p>')
        elif b[0] == "fig":
            cap = f"<figcaption>{esc(b[2])}</figcaption>" if b[2] else ""
            out.append(f'<figure class="image"><img src="{b[1]}" alt="">{cap}</figure>')
    return "\n".join(out)


def render_v3(story: Story, blocks: list[tuple], index: int) -> str:
    """2019+: span.source / span.time, div.article-content, images with captions."""
    last = index == len(story.page_paths) - 1
    source = f'<span class="source">来源：{esc(story.source)}</span>' if story.source else ""
    editor = f'<p style="text-align:right">{esc(story.editor_line)}</p>' if story.editor_line and last else ""
    # an inline ad between the first paragraph and the rest, as the portal inserts it
    body = body_html_v3(blocks).split("\n", 1)
    inline_ad = '<div class="article-ad"><script src="/js/ad.js?pos=v3inline"></script></div>'
    content = body[0] + "\n" + inline_ad + ("\n" + body[1] if len(body) > 1 else "")
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    return f"""{head(f'{story.headline}-{story.channel.name}-地方网', '<meta charset="utf-8">', viewport)}
<body>
<header class="site-header"><div class="container"><a href="https://www.yybnet.net/" class="logo">地方网</a>
<nav class="city-nav">{nav_links(PORTAL)}</nav></div></header>
<div class="container breadcrumb">{crumb_links(story.channel, PORTAL)}</div>
<div class="container main">
<div class="col-main">
 <div class="article">
  <div class="article-header">
   <h1 class="article-title">{esc(story.headline)}</h1>
   <div class="article-meta">{source}<span class="time">{story.when}</span><span class="views">阅读:<em id="hits">--</em></span></div>
  </div>
  <div class="article-content">
{content}
{editor}
  </div>
  {page_bar(story, index)}
  {SHARE_BAR}
 </div>
 {bottom_blocks(story, PORTAL)}
</div>
<aside class="col-side">{side_blocks(PORTAL)}</aside>
</div>
{FOOTER}
</body>
</html>
"""


def render_mobile(story: Story, blocks: list[tuple], index: int) -> str:
    """m.yybnet.net: the source without a label, the date without a year."""
    day, time = story.when.split(" ")
    short = f"{day[5:]} {time}"
    out = []
    for b in blocks:
        if b[0] in ("p", "sub", "byline"):
            out.append(f"<p>{esc(b[1])}</p>")
        elif b[0] in ("img", "fig"):
            out.append(f'<p><img src="{b[1]}"></p>' + (f'<p class="img-desc">{esc(b[2])}</p>' if b[2] else ""))
    rec_path, rec_title, _ = RECOMMENDED[story.channel.path]
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,maximum-scale=1,user-scalable=no">
<title>{esc(story.headline)}_{story.channel.name}_地方网手机版</title>
<link rel="stylesheet" href="/m/css/m.css">
<link rel="canonical" href="{PORTAL}{story.path}">
</head>
<body>
<header class="m-header"><a class="m-back" href="javascript:history.back()">返回</a><a class="m-logo" href="{MOBILE}/">地方网</a><a class="m-menu" href="#nav">频道</a></header>
<nav class="m-nav" id="nav">{nav_links(MOBILE)}</nav>
<div class="m-crumb">{crumb_links(story.channel, MOBILE)}</div>
<article class="m-article">
 <h1 class="m-title">{esc(story.headline)}</h1>
 <div class="m-info"><span class="m-src">{esc(story.source or '')}</span> <span class="m-time">{short}</span></div>
 <div class="m-content">
{chr(10).join(out)}
 </div>
</article>
<div class="m-tuijian"><h3>新闻推荐</h3><a href="{MOBILE}{rec_path}">{esc(rec_title)}</a></div>
<div class="m-hot">{hot_ranking(MOBILE)}</div>
<div class="m-open-app"><a href="https://app.yybnet.net/download">打开地方网APP,阅读体验更佳</a></div>
<footer class="m-footer"><a href="{PORTAL}{story.path}">电脑版</a> | 地方网 m.yybnet.net</footer>
<script src="/m/js/m.js"></script>
</body>
</html>
"""


def render_unseen(story: Story, blocks: list[tuple], index: int) -> str:
    """A template no extractor selector may name: pinyin classes, 作者： and 时间: labels."""
    authors = " ".join(f"{role} {name}" for name, role, kind in story.credits if kind == "author")
    out = []
    for b in blocks:
        if b[0] in ("p", "sub", "byline"):
            out.append(f"<p>{indent(b[1])}</p>")
        elif b[0] in ("img", "fig"):
            cap = f'<p class="tushuo">{esc(b[2])}</p>' if b[2] else ""
            out.append(f'<div class="tupian"><img src="{b[1]}">{cap}</div>')
    rec_path, rec_title, rec_summary = RECOMMENDED[story.channel.path]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(story.headline)} - {story.channel.name} - 地方网</title>
<link rel="stylesheet" href="/skin/2017/css/neirong.css">
</head>
<body>
<div class="dingbu"><div class="kuan"><a href="/" class="tubiao">地方网</a><span class="riqi"><script>document.write(new Date().toLocaleDateString())</script></span></div></div>
<div class="daohang kuan">{nav_links(None, " · ")}</div>
<div class="weizhi kuan">您现在的位置：{crumb_links(story.channel, None, " &gt; ")}</div>
<div class="zhuti kuan">
 <div class="zuobian">
  <div class="wenzhang">
   <div class="biaoti">{esc(story.headline)}</div>
   <div class="xinxi"><span class="laiyuan">来源：{esc(story.source or '')}</span>&nbsp;&nbsp;<span class="zuozhe">作者：{esc(authors)}</span>&nbsp;&nbsp;<span class="shijian">时间:{story.when}</span></div>
   <div class="fenxiang">分享到:<a class="wx">微信</a><a class="wb">微博</a></div>
   <div class="zhengwen">
{chr(10).join(out)}
   </div>
  </div>
  <div class="tuijian"><div class="lanmu">新闻推荐</div><a href="{rec_path}"><b>{esc(rec_title)}</b></a><p>{esc(rec_summary)}</p></div>
  <div class="jianjie">{esc(story.channel.blurb)}</div>
  <div class="xiangguan"><div class="lanmu">相关新闻:</div></div>
  <div class="pinglun"><div class="lanmu">评论:({esc(story.headline)})</div><textarea></textarea></div>
 </div>
 <div class="youbian">{side_blocks(None)}</div>
</div>
{FOOTER}
</body>
</html>
"""


RENDER = {"v1": render_v1, "v2": render_v2, "v3": render_v3, "mobile": render_mobile, "unseen": render_unseen}

# ---------------------------------------------------------------------------
# Channel list pages


@dataclass
class ListStyle:
    """How one channel paginates and writes its links."""

    host: str | None  # None: root-relative links
    per_page: int
    kind: str  # "list_N" | "query" | "index_N"


def list_page_urls(ch: Channel, style: ListStyle, n: int) -> list[tuple[str, str]]:
    """(file path under the site, URL as linked) for each list page."""
    base = f"/{ch.path}/"
    out = [(f"{ch.path}/index.html", base)]
    for i in range(2, n + 1):
        if style.kind == "list_N":
            out.append((f"{ch.path}/list_{i}.html", f"{base}list_{i}.html"))
        elif style.kind == "index_N":
            out.append((f"{ch.path}/index_{i}.html", f"{base}index_{i}.html"))
        else:  # the server maps ?query onto index@query.html
            out.append((f"{ch.path}/index@page={i}.html", f"{base}?page={i}"))
    return out


def list_item_href(story: Story, host: str | None) -> str:
    target = story.linked_as or story.path
    if target.startswith("http"):
        return target
    return link(target, host)


def render_list(ch: Channel, style: ListStyle, stories: list[Story], index: int, urls: list[tuple[str, str]]) -> str:
    host = style.host
    n = len(urls)
    if style.kind == "list_N":
        # numbered bar with 首页/下一页/尾页; the last page's 下一页 points at itself
        names = ["index.html"] + [u.rsplit("/", 1)[-1] for _, u in urls[1:]]
        nxt = names[min(index + 1, n - 1)]
        nums = "".join(
            f'<span class="current">{i + 1}</span>' if i == index else f'<a href="{names[i]}">{i + 1}</a>'
            for i in range(n)
        )
        prev = f'<a href="{names[index - 1]}">上一页</a>' if index else ""
        bar = f'<div class="pages"><a href="index.html">首页</a>{prev}{nums}<a href="{nxt}">下一页</a><a href="{names[-1]}">尾页</a><span>共{n}页</span></div>'
        items = "\n".join(
            f'<li><span class="date">{s.when[:10]}</span><a href="{list_item_href(s, host)}" target="_blank">{esc(s.headline)}</a></li>'
            for s in stories
        )
        listing = f'<div class="list_con"><ul class="news-list">\n{items}\n</ul></div>'
    else:
        # "query" / "index_N": only 上一页/下一页 plus page numbers as absolute links
        def href(i: int) -> str:
            return link(urls[i][1], host)

        parts = []
        if index:
            parts.append(f'<a class="prev" href="{href(index - 1)}">上一页</a>')
        parts += [f'<a class="active">{i + 1}</a>' if i == index else f'<a href="{href(i)}">{i + 1}</a>' for i in range(n)]
        if index < n - 1:
            parts.append(f'<a class="next" href="{href(index + 1)}">下一页</a>')
        bar = f'<div class="pagination">{"".join(parts)}</div>'
        items = "\n".join(
            f'<dl><dt><a href="{list_item_href(s, host)}" target="_blank">{esc(s.headline)}</a><span>{s.when[:10]}</span></dt>'
            f"<dd>{esc(_summary(s))}</dd></dl>"
            for s in stories
        )
        listing = f'<div class="newslist">\n{items}\n</div>'
    return f"""{head(f'{ch.name}_地方网', '<meta charset="utf-8">')}
<body>
<div class="top"><a href="/" class="logo"><img src="/images/logo.png" alt="地方网"></a></div>
<div class="nav w1000">{nav_links(host)}</div>
<div class="position w1000"><a href="{link('/', host)}">地方网</a> &gt; <a href="{link('/shandong/', host)}">{PROVINCE}</a> &gt; <a href="{link('/jining/', host)}">{CITY[1]}</a> &gt; {esc(ch.name)}</div>
<div class="main w1000">
<div class="left">
 <div class="lanmu-title"><h2>{esc(ch.name)}</h2></div>
 {listing}
 {bar}
</div>
<div class="right">
 <div class="pd-intro">{esc(ch.blurb)}</div>
 {side_blocks(host)}
 {ad('listside')}
</div>
</div>
{FOOTER}
</body>
</html>
"""


def _summary(s: Story) -> str:
    first = next((b[1] for b in s.blocks if b[0] == "p"), s.headline)
    return first[:40] + "..."


# ---------------------------------------------------------------------------
# Pages that are not channel lists or articles


def render_topic(title: str, stories: list[Story]) -> str:
    items = "".join(f'<li><a href="{s.path}">{esc(s.headline)}</a></li>' for s in stories)
    return f"""{head(f'{title}_专题_地方网', '<meta charset="utf-8">')}
<body><div class="zt-banner"><h1>{esc(title)}</h1></div>
<div class="zt-list"><ul>{items}</ul></div>
{FOOTER}</body></html>
"""


def render_city(channels: list[tuple[str, str]], stories: list[Story]) -> str:
    counties = "".join(f'<li><a href="/{p}/">{esc(n)}</a></li>' for n, p in channels)
    heads = "".join(f'<li><a href="{s.path}">{esc(s.headline)}</a></li>' for s in stories)
    return f"""{head(f'{CITY[2]}_地方网', '<meta charset="utf-8">')}
<body><div class="nav">{nav_links(None)}</div>
<div class="city"><h2>{CITY[1]}各县市区</h2><ul class="counties">{counties}</ul></div>
<div class="city-news"><h2>{CITY[2]}</h2><ul>{heads}</ul></div>
{FOOTER}</body></html>
"""


def render_home() -> str:
    return f"""{head('地方网_讲述家乡的故事', '<meta charset="utf-8">')}
<body><div class="nav"><a href="/jining/">济宁</a></div>
<p>地方网是全国性的地方新闻门户,每个城市和区县都有自己的频道。</p>
{FOOTER}</body></html>
"""


ROBOTS = "User-agent: *\nDisallow:\n"

# ---------------------------------------------------------------------------
# Writing the site and the answer key


def encode(story: Story, text: str) -> bytes:
    # strict: a character outside GBK in a v1 page is a mistake in this script
    return text.encode("gbk") if story.template == "v1" else text.encode("utf-8")


def expected_record(story: Story) -> dict:
    body = [b[1] for b in story.blocks if b[0] in ("p", "sub")]
    images = [{"src": b[1], "caption": b[2]} for b in story.blocks if b[0] in ("img", "fig")]
    return {
        "headline": story.headline,
        "source": story.source,
        "published_at": iso(story.when),
        "authors": [n for n, _, k in story.credits if k == "author"],
        "credits": [{"name": n, "role": r, "kind": k} for n, r, k in story.credits],
        "editors": [n for n, _, k in story.credits if k == "editor"],
        "body": body,
        "images": images,
        "channel": story.channel.name,
        "channel_path": story.channel.path,
        "region": [PROVINCE, CITY[1], story.channel.county],
        "pages": story.page_paths,
        "template": story.template,
    }


def write_article(site: Path, story: Story) -> None:
    for index, (path, blocks) in enumerate(zip(story.page_paths, story.pages())):
        target = site / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(encode(story, RENDER[story.template](story, blocks, index)))


def write_list_pages(site: Path, ch: Channel, style: ListStyle, stories: list[Story]) -> None:
    items = sorted(stories, key=lambda s: s.when, reverse=True)
    chunks = [items[i : i + style.per_page] for i in range(0, len(items), style.per_page)]
    urls = list_page_urls(ch, style, len(chunks))
    for index, chunk in enumerate(chunks):
        (site / urls[index][0]).parent.mkdir(parents=True, exist_ok=True)
        (site / urls[index][0]).write_text(render_list(ch, style, chunk, index, urls), encoding="utf-8")


def fresh_dir(site: Path) -> None:
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)


def write_common(site: Path, routes: dict[str, dict]) -> None:
    (site / "index.html").write_text(render_home(), encoding="utf-8")
    (site / "robots.txt").write_text(ROBOTS, encoding="utf-8")
    (site / "_routes.json").write_text(json.dumps(routes, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_site(site: Path) -> dict:
    """The test portal; returns its answer key."""
    fresh_dir(site)
    routes: dict[str, dict] = {}

    for story in STORIES:
        if story.key != "dead":
            write_article(site, story)

    # faults and oddities, by path
    routes[BY_KEY["dead"].path] = {"status": 404}
    redirected = BY_KEY["redirected"]
    hop = "/jining/news/201404/6611002.html"
    routes[redirected.linked_as] = {"redirect": hop, "status": 301}
    routes[hop] = {"redirect": redirected.path, "status": 302}
    routes[BY_KEY["v1-lying-header"].path] = {"headers": {"Content-Type": "text/html; charset=utf-8"}}
    routes[BY_KEY["flaky"].path] = {"fail_first": 1, "status": 503}
    routes[BY_KEY["reset-once"].path] = {"reset": True, "times": 1}

    styles = {
        QUFU.path: ListStyle(host=None, per_page=6, kind="list_N"),
        ZOUCHENG.path: ListStyle(host=PORTAL, per_page=6, kind="query"),
        SISHUI.path: ListStyle(host=None, per_page=2, kind="index_N"),
    }
    for ch in (QUFU, ZOUCHENG, SISHUI):
        own = [s for s in STORIES if s.channel is ch]
        if ch is ZOUCHENG:
            own.append(BY_KEY["shared"])  # the article linked from two asked channels
        write_list_pages(site, ch, styles[ch.path], own)

    topic = site / TOPIC_QUFU.lstrip("/")
    topic.parent.mkdir(parents=True, exist_ok=True)
    topic.write_text(render_topic("文明曲阜 你我共建", [SEED, sishui_stories()[0]]), encoding="utf-8")
    zt = site / TOPIC_ZT.lstrip("/")
    zt.parent.mkdir(parents=True, exist_ok=True)
    zt.write_text(render_topic("2019全国两会", sishui_stories()), encoding="utf-8")
    (site / "jining").mkdir(exist_ok=True)
    (site / "jining/index.html").write_text(render_city(CITY_NAV[1:], sishui_stories()), encoding="utf-8")
    write_common(site, routes)

    never = {s.path for s in sishui_stories()}
    never |= {u for _, u in list_page_urls(SISHUI, styles[SISHUI.path], 2)}
    never |= {TOPIC_QUFU, TOPIC_ZT, "/jining/"}
    never |= {f"/{p}/" for _, p in CITY_NAV if p not in (QUFU.path, ZOUCHENG.path)}
    never |= {p for p, _, _ in RECOMMENDED.values()}
    never |= {p for p, _ in CHANNEL_PICKS + HOT_READ}
    not_stored = [{"path": s.path, "reason": s.not_stored_reason} for s in STORIES if s.channel in ASKED and not s.stored]
    not_stored.append({"path": redirected.linked_as, "reason": f"301 -> {hop} -> 302 -> {redirected.path}: stored under the final URL"})
    not_stored.append({"path": hop, "reason": f"302 -> {redirected.path}: stored under the final URL"})
    return {
        "channels": [c.path for c in ASKED],
        "articles": {
            s.path: expected_record(s) for s in STORIES if s.channel in ASKED and s.stored
        },
        "never_requested": sorted(never),
        "not_stored": not_stored,
    }


SAMPLE_KEYS = ["seed", "multipage", "dateline", "shared", "v3-zoucheng", "v2-zoucheng", "photo-credit"]
SAMPLE_OLD_URL = "/jining/news/201805/8512000.html"  # listed under an old URL that redirects


def build_sample(site: Path) -> dict:
    """The small utf-8 site `newsarchive demo` crawls; returns its _site.json."""
    fresh_dir(site)
    stories = [BY_KEY[key] for key in SAMPLE_KEYS]
    for story in stories:
        write_article(site, story)
    listed = {ch: [s for s in stories if s.channel is ch] for ch in ASKED}
    listed[ZOUCHENG].append(BY_KEY["shared"])
    moved = dataclasses.replace(BY_KEY["dateline"], linked_as=SAMPLE_OLD_URL)
    listed[QUFU] = [moved if s.key == "dateline" else s for s in listed[QUFU]]
    write_list_pages(site, QUFU, ListStyle(host=None, per_page=3, kind="list_N"), listed[QUFU])
    write_list_pages(site, ZOUCHENG, ListStyle(host=PORTAL, per_page=3, kind="query"), listed[ZOUCHENG])
    write_common(site, {SAMPLE_OLD_URL: {"redirect": moved.path, "status": 301}})
    info = {
        "channels": [c.path for c in ASKED],
        "articles": sorted(s.path for s in stories),
    }
    (site / "_site.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info


README_HEAD = """# The test portal

`site/` is a mirror of 地方网 written for the tests; `expected.json` is its answer key.
Both, and `../fixtures/seed.html`, are generated by `build_site.py` (this file too):
edit the script, run `python tests/mirror/build_site.py`, commit the outputs.

Served by `newsarchive.mirror.MirrorServer` (or `python -m newsarchive.mirror tests/mirror/site`):
`/a/b/` serves `a/b/index.html`; `/a/?page=2` serves `a/index@page=2.html`;
`_routes.json` adds status codes, redirects, lying headers, 503s, resets, delays,
endless bodies and gzip by path (see newsarchive/mirror/server.py).

Asked channels: `jining/qufu` (list pages `index.html`, `list_2.html`, `list_3.html`,
numbered bar with 下一页, the last page's 下一页 points at itself, root-relative links)
and `jining/zoucheng` (`?page=2`, 上一页/下一页 only, links absolute to
https://www.yybnet.net/ and https://m.yybnet.net/, plus a summary per item).
`jining/sishui` (`index_2.html` style) is linked from every nav line and sidebar (热点排行,
图文看点) but never asked: its pages are in `never_requested`, with the 专题 pages
(`/jining/qufu/zhuanti/wenming.html`, `/zt/2019/lianghui/index.html`), the city page,
the other counties and the 新闻推荐 / 频道推荐 / 热点阅读 targets under articles.

Every article page carries the portal's noise: county nav, breadcrumb links, ads,
scripts, share bar, 新闻推荐 (whose summary holds a dateline with a reporter that must
not become an author), the channel blurb, 相关新闻, 猜你喜欢, 评论, 频道推荐,
热点阅读, 图文看点, 乡里乡亲, 热点排行, 免责声明.

| page | template | what it tests |
|---|---|---|
"""


def write_readme(path: Path) -> None:
    rows = [
        f"| `{s.linked_as or s.path}` | {s.template} | {re.sub(r'(<[^>]+>)+', lambda m: f'`{m.group(0)}`', s.note)} |"
        for s in STORIES
        if s.channel in ASKED
    ]
    path.write_text(README_HEAD + "\n".join(rows) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", action="store_true", help="build newsarchive/mirror/sample instead")
    args = parser.parse_args()
    if args.sample:
        info = build_sample(SAMPLE)
        print(f"{SAMPLE}: {len(info['articles'])} articles in {', '.join(info['channels'])}")
        return
    expected = build_site(HERE / "site")
    (HERE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    fixtures = REPO / "tests/fixtures"
    fixtures.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "site" / SEED.path.lstrip("/"), fixtures / "seed.html")
    write_readme(HERE / "README.md")
    print(f"{len(expected['articles'])} articles, {len(expected['never_requested'])} never-requested paths")


if __name__ == "__main__":
    main()
