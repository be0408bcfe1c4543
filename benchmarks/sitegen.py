"""A static portal mirror of N articles in one channel, for crawl benchmarks and scale tests.

The pages follow the portal's v2 template (breadcrumb, 来源 line, ■ byline, boxes
beside the article and the list), so the crawl does the work it does on the portal.
One channel, `jining/qufu`: `index.html`, `list_2.html` … with 20 articles a page,
newest first, and a pager of ten page numbers around the current one. Every
`MULTIPAGE_EVERY`-th article continues on `{id}_2.html`. Text is seeded, so two runs
write the same bytes.

The text has the n-gram statistics of real pages, so that reprint detection does the
work it does on the portal: words of one to four of CWCED's 3,000 commonest characters
(drawn by a Zipf-Mandelbrot law of their rank), and a Zipf-like choice among 30,000 such
words. Unrelated bodies share about 0.13% of their character 3/4/5-grams (Jaccard),
900-character excerpts of CWCED's real pages 0.07% (`python benchmarks/sitegen.py`
measures both). A known share of articles are reprints of an earlier one (a new lead
line, a few characters changed: Jaccard well above 0.5) and as many are near misses (half
an earlier article's text, the rest new: Jaccard at most about 1/3); SiteFacts lists both.

    write_site(Path("/tmp/site"), articles=10_000) -> SiteFacts
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from html import escape
from pathlib import Path

CHANNEL = "jining/qufu"
PER_PAGE = 20
PAGER_NUMBERS = 10
MULTIPAGE_EVERY = 25
FIRST_ID = 8_000_000
# Article n is a reprint of an earlier one when n % REPRINT_EVERY == REPRINT_EVERY - 1,
# a near miss of one when n % REPRINT_EVERY == REPRINT_EVERY // 2 - 1.
REPRINT_EVERY = 50
VOCABULARY = 30_000

_CHARS = (  # the 3,000 commonest Han characters of CWCED's cleaned pages, commonest first
    "的是一人不有在了国中为这大我学个他要们以和上就年生来会到对自时发能可地出经力成也理现家而本动得用于资行方日作种过多说业所"
    "物与你子之同其面那后实分民者都下主因产公定如还心些政高市没然最性开么己前制当体但月好流事机工从新间度样只进更合化目外明看"
    "意部代此点道重电去法务着无很表利起商小全情由位关内把相第里做场想天正投等比社术论入济司它量长各平并知权认手果展提被期金加"
    "车特原及文问基设通或价命使共应建感两信神结程革次向变受教常美爱三万质府系专反服数许网二式活运城已义品题再气解又什头院回科"
    "研统造区将少身管至党北给别立东治计确十员非求究规速越先名记任何报争西传保强具影项乐打营必证语世示推四风始让奖南改安话象单"
    "形则真该需今持极演总儿接较配元女观口几据显集处见京完张斯益调难尔广交取飞放称像识歌获际路满艺门准华指类职医导施企岁死英孩"
    "言买克农型思构格础老决态洋她每海领况引收根供候送且存清士技众山界才史效整客快省件图境直台约包节首创望育选容步空易费标模环"
    "精组太宝某江洲转马於视响觉评告李百足势失承唱声校算钱条切战级近水增议音却呢局护光功压曲段亲否尽带断习值线书往息验例简办参"
    "怎注讲初师户星联达历考听支率五仅俄即便析楼兵备播淘低择未色够石优白斗若限另器消汽走友站群德派辑险布族母王货差房男素鞋复韩"
    "须亚查欢源住念策六喜州热官属病角除食军占吃吗状批童远升孙干父终范连团照突助杀财依早深致随写落列委控虽试劳排找曾离谢采乎富"
    "愿举协厂宣竞请锺健座款片花适份千启担料灵破半号异眼置航责充兴养周土坚志括疗续装阶似叫汉拿维超儒概付刻字独留绝负域巨测犬甚"
    "苏轻勤著青严既激福康怕毛龙倒八判居积般访後村瓜谈错预划织防仍伤古均底按普朋销善守层止签细迪击卖夫害画缺课垫旧祖肯旨永融读"
    "跟围席律攻稳络购句奇密序胞余假刚微戏球紧述追退银卫吉室巴希帮核洛胜伦吧故黑刘双宁林略诉征拉春版痛冲尊欧苦靠七免吸威录暴火"
    "烈脱阳剧检红编龄坐游讨谓递镇哪固待案穿继荣软边降典减园尚拥米纪趣亡勒县培彩脚释印售婚救替毕税陈香临味朝松河股血偏博庄庭归"
    "束港私筑菲补黄修右武献端诺赏左恩执授晓景木板楚温移绩舞良误透队久令呀抗损禁茶荐跑迷遇予享堂寻挥梦泽渐熟章顶顺九唯妻巧旦材"
    "灭笑罗败返闻顾仪召圈套招晚油竟诗迫乡俗君宗幸徒恐恨换架纳野兰圣店急敢洞班疑符答轮遗遭阿冠宇审岗彻毫综背诸钟阻伟宽怀慢杂练"
    "莫虑遍亿姓尤曼浙皮监盾督矛谁贸赛露魂互含啊央奥媒握操码避障饰丝丰伊勇午塔弱抽拒掌洁湾皇秀翻贝逐齐乔借停劝块届智涉短礼蒙词"
    "贡郭针乱妇扩杰树梅欲波泰玩秘笔纯雕介副努壁季恰托暗耐聚胡船衣订贵趋静鲜伴倍凡刀宏察弃惊扬折潮硬票索纷罪衡距酒云促庆弟怪玉"
    "诚输途链额骗困奋射挑挡敬昌燃田盘穷脑训赞辆郑雄饭佳励宙患抱拜掉摆疫盟脸藏醒鼓休垄夜妈姐崇延忽恋措搞末泛牛犯虚跳驶乏亮侧偶"
    "刊哥夺奉宜封尼帝径拆旅映殊狂菜载铁陆骨倾刺厚忍惠惯探梁毒硕翼耶药虎贴跨踏辈鉴倘冷圆娱悲摇敌枪疼登粮绿萨谣迎酸键频驾丧乘仿"
    "允冰危厅呵坏墙夕姻弯忠懂暂汇沿甘盖窟肉胸舍街谎蹈郊镜丈丽估兄哈哭奴孔宋恭悉愤散欺沙涨混湖申疾碍祭绪耻贷赶迟迹隐雨零雷债净"
    "凭卡呼夏奶彼恶染档猎瘤繁触警践轿迁餐馆麻伙册刑峰川巫役扭抓揭旗朱桥植润灯牌盛窗篇绘肖肿莉袖譬阅顿仁埋壮尾忆忘扎描杨杭溢烧"
    "症癌祂租绍署耀蛋诞贫贯逻阴隶颇驱驻仰劲吻哲坛廉愈戴抵拍横汗洪浪淡犹皆盗稍箱累纸脂腔豪赢跃辉迅违陷颁亩仇侵俱储凯屋弄弗悦昆"
    "欣残渡盈缓翰苗薄蛮诱锡闭陶鸟仓伏佛倡偿券割吹岂岛币捐搭敏晨沉渠滚漫炒炮焦碰罢聊肤艾薯诊赫遵醉阵附页鸡乌亦剩吴哩址堆幕徐忙"
    "恢惑惟扫挂捉擦榜殖汤泓泪潜畅痕瘘粗糊缘羊翁耳艳草荒藉衷详赔赖赤赵逊遂鱼冒姿孝岩廷扮抢搜撞斤杜框森浓浩爷牢瑞磨祝祷秩筹篮纠"
    "肺腐腿荡虬袋译谋豆赋轴辛逃邓邦邵酷锋闪闹隧鲁乃仗伍兼凌勃厦喝嘲夸奸幅幼循怖惜抑抚拓挤挨旁暖沟洗淮爆猪瓦番眉睛睡秋稀粒纽缩"
    "舒蔡誉赚辱逼锁雪颅鬼默丢串伯凤坡塑妙寿尝床库彦恒悟您愚摸撑斌昨暨杆椅沈滥澳炎烦爸狗琪盐祸纵胆脆萧薛覆讯询贺踝钢铜闲隔颜颠"
    "饱鹏丁乾凝刹叹呈唉喊喷坦奈姑孕孤宫寄岸彰慧戚截振捧摄摩擅擎殿毁泉液烟牙牧牲牺狩狱矿祥秒粉缚脉茂葬蠢袭裂账贱贼赐辨铃铭锐雅"
    "颂饷骂骥亏兽冬凸匹卷厉吕嘴垂堪填妹娘嫩尖屈巡庞弥忌忧悔慈慎扣拳拼斥晰械棒污津漠玟籍粹纲缝羞耕脏腹蜡讽貌贤赴辅逆遥邀邮隆霍"
    "霞饮骄骤魏鸣伸偷勉卢厌叉叶唤塞墓宅宪寡尺庚废弹徽怨惨愉慰扶押拔掘掩朗朴杯枯柏柔柱栋棍泡洽涂涯淖淫溃灰煤狄猛疏瞬糖绕聘肥肩"
    "胃臣芳裁谐豫轨辞逸锅雇韧顽鹿丹伪佩侮侯俊函削匠厕咖唐啡嘉墨妨婴寒寸屡幽弈弘御慕慨憨拟挣捷掏插搬摘撤昂晶曝朽桂欠歧氛汰沮涌"
    "涵渴湿滑灌灾炸熊燕燥牵猫玻琴璃磊纹翔聪肌腰腾艰苹蚁蚂蛇谱贪躯辐迈遣闷陋震颈颗魔丐乞伐僵冯凶剪匀卵叙叛吓咨咳囊夹契奔奠妄姚"
    "姜嫉孟宾宿寓崃崩廊弊恤悄悬惩惹戮挖挠挫捕昏枝栏栖株栽梯棚槡汪泼淋添湘滋烂爬狠珍瓶甜甲疯盼秃秦稣竹笼粤纤耗聆肆肚肢胁胶脊臂"
    "舟舱蒸蓝蔑蔽薪袁裴赠辖辟辣辩邛邻釜钝钻闯阎阐陵饶馈骏黎丑乳亨催傲冤凿剑卑吐吵哄哦囚國坤垒埃奏妆妥宰寂履岳帐帖帜幻廓弧恼惧"
    "憾抛抹拦拱挺掀携旺昔晏曰朵桌棉椎椹殷毅氏沃沫泥涅涛溪溯滞漂潘炉爽狭狼碎祈禄窄竖粘罚罩羡肠胀胎胖腊芬茬葛董蚕谦赉踪遮郁阔雀"
    "靡鞭颖麦鼠鼻龚丙乖井亞仔傅傻兆兜兹凉凑剂剖剥劣卧卸叠吨咐哀哼啦喻嗯圳圾坠垃堕堤塘壳夷姗嫌宠宵尬尴尹崴幢彭怜悠戒扑扯拯拾挽"
    "捍掐掠援揽搏敛敦斜旬昼晃晾柯柳桩梨棋棕棵殴洒浅涩涮渔渣湛烬煽琐琼畏畴疆痒睐睽瞧瞩砸碧磁祀禧禽稚筒绎缠缸耿肃膝膨臘臭舆舵苓"
    "茄茜茧茫荷莱菱萄萍葡蔚藤蜃裕裤裹览誓讥讳讶诵谊谜谨谬豹贞贾赌跪踩躲躺郎郝酿钦陪霸鞑骑骚魅鸿乍佐佘俯倩僻冻凹删剔勋勾勿厢叔"
    "叨吞吩呆咬咸嘘嘱噱嚼坞垮塌墩壤夯妓姆姥娜尘尿峡崛彗怒怠怯恕惮愁慌抄抉抨披抬拌拎拣挟捏捡掰掳揪摊撕撮撰擒敲旭昧昭晒晖晤曹朦"
    "柄柴楠榨槽檀歹毙氓池汲泄浑浮浸淆渊渗渲滩滴炭炳炼烤煮爵狮猜玄珠現琦瓮畜當疙疡瘩皱眷眺睦睹睿瞄矩砍砖碗祉稿穴窝窥竣笋紫維纱"
    "绵缕缴罕羽肝肾胧腓腥腺膜苍苛苟茅華萌葆葱蒋蓄蓬蔓衰裸谭谷贬躬轧轰辜迂逝邪鄙鍾钉钓钞铀铉铸锌隙雾靖颊飓飘饲饵驯鲍鲸鳞黯齿亟"
    "亭亵仆仑仕伞佑佣侄侣侨俏俨俩俭倚倦傍僭兑兔劫匆匈匿卒卜厄厘吁吝呐呛呜呱咎咱哑哮唠唬唾啸喉喔嗡嗤嗳嗽嘛噪嚷坎垣堰奢姨娟娶婆"
    "婷嫁孽宴寇寞寨尉尸屠岭峒峥崔巩帅帆帽庙忡恃悼愧慑懊懦懵扁扇扛扰抒抖拖拘拙拚拢拨拷挚捅捞捣掬搁搂摔摧摹攒敷斑時晋晔暧朔枉桑"
    "梓梗槛樊歇歉歷殉毋氧汹沦沸沾泌泳泻洱浆浇浏浦浴涧渎溜滔滨漆漉漏潞潦潭濒烙烛烫焚焰煌熔熙牡玛玲琛瑜瑾璐瓢甫疲痴瘦癖發盆盒盯"
    "睁瞅瞒瞻矢砌碑碟祠祯祺禾秧窍竭竿笃筋箍箴篷簇糙糟約绅绑绽缅罔罹羚翅翟翠耍聂肋肴腌膀臻舌舜艘芝芹芽茵荻萃萎萬葵蓉蕃藩處蜀蜜"
    "蝇螺衅衍衙裔褂觀詹诧诫诬谅谏贩赎趁趾跌踌躇辍辽迄迥迭逞逢邱鄄酋酝酥酬鋪钩钰铺锢锦锹锻镐镑開闺阋陡隅霖鞠韦饿馨驰骇骼髓髦鸦"
    "鸽鹅黏鼎丘丫丸乙亥仙仲伎伶伺伽佚佻侈侥侦俞俸倔倪傣僚儆兀冕冼凳剃剐剿劈勍勞勺匡匪卓卦卿厨叮吆吏吼呃呤咆咋咏咒咙咚咯咽哇哟"
    "哨唆唏啄啕啤啬啼喂喆喘嗓嗦嗫嘎嘻噢嚅嚎嚣園坍坟坼垠堡堵塊墟夭妍妖娅婀婧婺婿媚媲嫚嬴學宕宛寐寝實寺屏屯峻崖崭嵌嵘巅巢巷巾帕"
    "帷幌庐庶庸廖廟弓弛弦彈彝彪徙從忏忻怦怵恍恪恬恳悍悖悸惘惚惦惫惶愕慷憋憧憬懈懋懒戊戌戎戛戳扉扔扳扼拇拗拽捆捩捻掖掣掷掺揉搅"
    "搓摞摺撸攫攸敞斧斩旋旌旱旷旻昇昊昵晕晦晴暇曙曦書杉杏杠柜柠栈栉桉桎桦桶梏梭梳棄棺椭楂楣楷榔榷橘橡檬欥歡殆毯氢汁汊沌沛沪沽"
)
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"
_SOURCES = ("济宁晚报", "济宁日报", "齐鲁晚报", "曲阜日报")

_NAV = "".join(f'<a href="/jining/{c}/" target="_blank">{n}新闻</a> ' for c, n in (
    ("sishui", "泗水"), ("wenshang", "汶上"), ("jiaxiang", "嘉祥"), ("zoucheng", "邹城"), ("qufu", "曲阜")))
_SIDE = (
    '<div class="right"><div class="side-box rdyd"><h3>热点阅读</h3><p>'
    '<a href="/yule/news/202203/1200001.html" target="_blank">文牧野: 我一直追寻着真实与真诚...</a></p></div>'
    '<div class="side-box rdph"><h3>热点排行</h3><ul><li><span class="num">1</span>'
    '<a href="/jining/news/201506/7713990.html" target="_blank">泗水县泉林镇发展特色种植助农增收</a></li></ul></div></div>'
)
_FOOTER = (
    '<div class="footer"><p><a href="/about/">关于我们</a> | <a href="/contact/">联系我们</a></p>'
    '<p>Copyright &copy; 地方网 www.yybnet.net All Rights Reserved</p></div>'
    '<script src="/js/tongji.js"></script>\n</body>\n</html>\n'
)


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        f"<title>{escape(title)}_曲阜新闻_地方网</title>\n"
        '<link rel="stylesheet" href="/css/style.css" type="text/css">\n</head>\n<body>\n'
        '<div class="top"><a href="/" class="logo"><img src="/images/logo.png" alt="地方网"></a></div>\n'
        f'<div class="nav w1000">{_NAV}</div>\n'
    )


@dataclass(frozen=True)
class Article:
    number: int  # 0 = oldest
    headline: str
    source: str
    published: str  # 2015-06-22 07:21
    byline: list[str]
    paragraphs: list[str]  # page 1's
    more: list[str]  # page 2's, empty for one-page articles

    @property
    def path(self) -> str:
        return f"/jining/news/{self.published[:4]}{self.published[5:7]}/{FIRST_ID + self.number}.html"

    @property
    def page_paths(self) -> list[str]:
        return [self.path] + ([self.path.replace(".html", "_2.html")] if self.more else [])


@dataclass(frozen=True)
class SiteFacts:
    articles: int
    list_pages: int
    pages: int  # every page a full crawl requests: robots.txt, list pages, article pages
    paths: list[str]  # every article page path
    # (earlier, later) article paths (page 1): planted reprints, Jaccard of the bodies >= 0.5
    reprints: list[tuple[str, str]] = field(default_factory=list)
    # and planted near misses: half of the earlier article's text, Jaccard < 0.5
    near_misses: list[tuple[str, str]] = field(default_factory=list)


@cache
def _vocabulary() -> tuple[list[str], list[float]]:
    """The words and their cumulative weights: the same on every run and machine."""
    rng = random.Random(20261130)
    chars = "".join(_CHARS)
    char_weights = list(itertools.accumulate(1 / (rank + 20) for rank in range(len(chars))))
    words = ["".join(rng.choices(chars, cum_weights=char_weights, k=rng.choice((1, 2, 2, 2, 3, 4))))
             for _ in range(VOCABULARY)]
    return words, list(itertools.accumulate(1 / (rank + 1) ** 0.5 for rank in range(VOCABULARY)))


def _words(rng: random.Random, count: int) -> str:
    words, weights = _vocabulary()
    return "".join(rng.choices(words, cum_weights=weights, k=count))


def _sentence(rng: random.Random) -> str:
    return "，".join(_words(rng, rng.randint(3, 5)) for _ in range(3)) + "。"


def _paragraph(rng: random.Random) -> str:
    return "".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def make_article(number: int, rng: random.Random) -> Article:
    year = 2015 + number * 7 // 1000 % 8
    month = 1 + number % 12
    day = 1 + number % 28
    names = ["".join((rng.choice(_SURNAMES), rng.choice(_GIVEN), rng.choice(_GIVEN))) for _ in range(2)]
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(6, 14))]
    more = ["".join(_sentence(rng) for _ in range(3)) for _ in range(4)] if number % MULTIPAGE_EVERY == 0 else []
    return Article(
        number=number,
        headline=f"{_words(rng, 4)}第{number + 1}期",
        source=rng.choice(_SOURCES),
        published=f"{year}-{month:02d}-{day:02d} {7 + number % 12:02d}:{number % 60:02d}",
        byline=names,
        paragraphs=paragraphs,
        more=more,
    )


def article_html(article: Article, page: int) -> str:
    paths = article.page_paths
    if page == 1:
        lines = [f"■本报记者{''.join(article.byline)}", *article.paragraphs]
    else:
        lines = article.more
    body = "\n".join(f"<p>　　{escape(line)}</p>" for line in lines)
    pager = ""
    if len(paths) > 1:
        pager = '<div class="pages">' + "".join(
            f'<a href="{p}">{n}</a>' if n != page else f"<span>{n}</span>" for n, p in enumerate(paths, 1)
        ) + "</div>"
    return (
        _head(article.headline)
        + '<div class="position w1000"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
        '<a href="/jining/">济宁市</a> &gt; <a href="/jining/qufu/">曲阜新闻</a> &gt; 正文</div>\n'
        '<div class="main w1000"><div class="left"><div class="article">\n'
        f"<h1>{escape(article.headline)}</h1>\n"
        f'<div class="info">来源:{article.source} {article.published}&nbsp;&nbsp; https://www.yybnet.net/</div>\n'
        f'<div class="content" id="content">\n{body}\n</div>\n{pager}</div>\n'
        '<div class="xwtj"><div class="hd">新闻推荐</div><h4><a href="/jining/news/201506/7702211.html">'
        '全市2015年第二批重大项目集中开工</a></h4><p class="summary">本报济宁6月8日讯(记者张彦彦)为进一步深化...</p></div>\n'
        '<div class="pinglun" id="comment"><div class="hd">评论:(' + escape(article.headline) + ")</div></div>\n"
        "</div>" + _SIDE + "</div>\n" + _FOOTER
    )


def list_page_name(number: int) -> str:
    return "index.html" if number == 1 else f"list_{number}.html"


def list_html(number: int, total: int, items: list[Article]) -> str:
    entries = "\n".join(
        f'<li><span class="date">{a.published[:10]}</span><a href="{a.path}" target="_blank">{escape(a.headline)}</a></li>'
        for a in items
    )
    first = max(1, min(number - PAGER_NUMBERS // 2, total - PAGER_NUMBERS + 1))
    numbers = range(first, min(total, first + PAGER_NUMBERS - 1) + 1)
    pager = f'<a href="index.html">首页</a><a href="{list_page_name(max(1, number - 1))}">上一页</a>'
    pager += "".join(
        f'<span class="current">{n}</span>' if n == number else f'<a href="{list_page_name(n)}">{n}</a>' for n in numbers
    )
    pager += f'<a href="{list_page_name(min(total, number + 1))}">下一页</a><a href="{list_page_name(total)}">尾页</a>'
    pager += f"<span>共{total}页</span>"
    return (
        _head("曲阜新闻")
        + '<div class="position w1000"><a href="/">地方网</a> &gt; <a href="/shandong/">山东</a> &gt; '
        '<a href="/jining/">济宁市</a> &gt; 曲阜新闻</div>\n'
        '<div class="main w1000"><div class="left"><div class="lanmu-title"><h2>曲阜新闻</h2></div>\n'
        f'<div class="list_con"><ul class="news-list">\n{entries}\n</ul></div>\n<div class="pages">{pager}</div>\n'
        "</div>" + _SIDE + "</div>\n" + _FOOTER
    )


def article_text(article: Article) -> list[str]:
    return article.paragraphs + article.more


def _reprint(article: Article, of: Article, rng: random.Random) -> Article:
    """`article` carrying the text of `of` with a new lead line before it and a few
    characters changed: most of its n-grams are the original's."""
    paragraphs = article_text(of)
    lead = f"据{rng.choice(_SOURCES)}报道，{_words(rng, 3)}。"
    paragraphs = [lead + paragraphs[0], *paragraphs[1:]]
    for _ in range(3):
        at = rng.randrange(len(paragraphs))
        text = paragraphs[at]
        spot = rng.randrange(len(text))
        paragraphs[at] = text[:spot] + _words(rng, 1)[0] + text[spot + 1:]
    return replace(article, paragraphs=paragraphs, more=[])


def _near_miss(article: Article, of: Article, rng: random.Random) -> Article:
    """`article` with the first paragraphs of `of`, at most half its text, and at least
    as much new text again: the Jaccard similarity of their n-grams stays under about 1/3."""
    text = article_text(of)
    total = sum(map(len, text))
    kept = list(itertools.takewhile(lambda end: end <= total // 2, itertools.accumulate(map(len, text))))
    shared = text[:max(1, len(kept))]
    fresh: list[str] = []
    while sum(map(len, fresh)) < total - sum(map(len, shared)):
        fresh.append(_paragraph(rng))
    return replace(article, paragraphs=shared + fresh, more=[])


def site_articles(articles: int, seed: int = 9) -> Iterator[tuple[Article, Article | None, Article | None]]:
    """The mirror's articles, oldest first, each with the earlier article it is a
    reprint of (or None) and the one it is a near miss of (or None)."""
    rng = random.Random(seed)
    made: list[Article] = []
    for number in range(articles):
        article = make_article(number, rng)
        reprint_of = near_miss_of = None
        slot = number % REPRINT_EVERY
        if number >= REPRINT_EVERY and slot == REPRINT_EVERY - 1:
            reprint_of = made[rng.randrange(number)]
            article = _reprint(article, reprint_of, rng)
        elif number >= REPRINT_EVERY and slot == REPRINT_EVERY // 2 - 1:
            near_miss_of = made[rng.randrange(number)]
            article = _near_miss(article, near_miss_of, rng)
        made.append(article)
        yield article, reprint_of, near_miss_of


def write_site(root: Path, articles: int, seed: int = 9) -> SiteFacts:
    """Write the mirror under `root`; the newest article is listed first."""
    all_articles: list[Article] = []
    reprints: list[tuple[str, str]] = []
    near_misses: list[tuple[str, str]] = []
    for article, reprint_of, near_miss_of in site_articles(articles, seed):
        all_articles.append(article)
        if reprint_of:
            reprints.append((reprint_of.path, article.path))
        if near_miss_of:
            near_misses.append((near_miss_of.path, article.path))
    newest_first = all_articles[::-1]
    total = max(1, -(-articles // PER_PAGE))
    channel_dir = root / CHANNEL
    channel_dir.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n", encoding="utf-8")
    paths: list[str] = []
    for article in all_articles:
        for page, path in enumerate(article.page_paths, start=1):
            target = root / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(article_html(article, page), encoding="utf-8")
            paths.append(path)
    for number in range(1, total + 1):
        items = newest_first[(number - 1) * PER_PAGE:number * PER_PAGE]
        (channel_dir / list_page_name(number)).write_text(list_html(number, total, items), encoding="utf-8")
    return SiteFacts(articles=articles, list_pages=total, pages=1 + total + len(paths), paths=paths,
                     reprints=reprints, near_misses=near_misses)


def shared_gram_rate(bodies: Sequence[str], pairs: int = 2_000, seed: int = 1) -> float:
    """The mean Jaccard similarity of the character 3/4/5-grams (reprints.shingles) of
    `pairs` random pairs of the bodies: what unrelated texts share, that LSH sees."""
    from newsarchive.store.reprints import jaccard, shingles

    grams = [shingles(body) for body in bodies]
    rng = random.Random(seed)
    return sum(jaccard(*(grams[i] for i in rng.sample(range(len(grams)), 2))) for _ in range(pairs)) / pairs


def cwced_excerpts(root: Path, size: int = 900) -> list[str]:
    """The first `size` characters (spaces and punctuation dropped) of each of CWCED's
    cleaned pages that has as many: real text the length of a generated body."""
    from newsarchive.store.reprints import comparable_text

    texts = (comparable_text(path.read_text(encoding="utf-8")) for path in sorted((root / "cleaned").glob("*.txt")))
    return [text[:size] for text in texts if len(text) >= size]


def main() -> int:
    parser = argparse.ArgumentParser(description="The n-grams unrelated generated bodies share, against real pages'.")
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--cwced", type=Path, default=Path(__file__).resolve().parents[2] / "shared/datasets/cwced",
                        help="the CWCED dataset (default: %(default)s)")
    args = parser.parse_args()
    related = set()
    bodies = []
    for article, reprint_of, near_miss_of in site_articles(args.articles):
        for earlier in filter(None, (reprint_of, near_miss_of)):
            related.update({article.number, earlier.number})
        bodies.append((article.number, "\n".join(article_text(article))))
    unrelated = [body for number, body in bodies if number not in related]
    print(f"generated: {len(unrelated)} unrelated bodies of {sum(map(len, unrelated)) // len(unrelated)} characters"
          f" on average share {shared_gram_rate(unrelated):.3%} of their 3/4/5-grams")
    if (args.cwced / "cleaned").is_dir():
        real = cwced_excerpts(args.cwced)
        print(f"CWCED: {len(real)} real pages, 900-character excerpts, share {shared_gram_rate(real):.3%}")
    else:
        print(f"CWCED: not found at {args.cwced} (--cwced PATH)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
