"""Chinese surnames and given-name characters: the priors for splitting joined names.

Bylines often print several people with no separator (`梅花宋思亮陈宏如`). Splitting
them needs to know which characters open a name and how likely each is, so this
module holds:

- the modern single surnames in approximate order of frequency (national household
  registration rankings), from which `surname_log_prob` derives a Zipf-like prior;
- the compound surnames (欧阳, 司马 ...), which open a name and are never split;
- the characters most used in given names, so that a character that is both a
  surname and a given-name character (文, 华, 明, 林 ...) is read in context;
- name openings of Tibetan and other minority names (格桑边觉), which are written as
  one four-character run and must not be split as two Han names.

Everything is plain data built once at import.
"""

from __future__ import annotations

import math

# Single surnames, most frequent first (roughly the ranking of the 2020 household
# registration statistics; the order past ~150 is approximate and matters little).
_RANKED_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文施洪辛柯庄樊殷牛葛齐倪温芦"
    "岳邢安申伍翟颜聂章耿关兰焦俞左柳甘祝包宁尚符舒阮纪梅童凌毕单季裴霍涂成苗谷盛"
    "曲翁冉骆蓝路游辜靳欧管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项"
    "连褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙"
    "荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚"
    "鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍詹庞鲁逯衡钮步揭滑"
    "宿逄戎怀苍隆靖茅荀弓訾檀矫骞郦雍桓竺蓟暴钭宓嵇邰郗鄂咸籍璩濮寿扶堵冉宰羿汲"
    "邴糜松富乌牧隗仰秋幸韶印蒯益权逮腾贲荀钞楚虎仉拓隽汝茹习宦艾鱼慕蔚越夔厍"
    "勾融訾那简饶空毋沙乜养须丰巢蒯相后荆红游权盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况"
    "后有琴商牟佘佴伯赏墨哈谯笪年爱阳佟第五言福"
)

# Characters in the list above that are so much more often ordinary words or given-name
# characters than surnames that treating them as name openings does more harm than good.
_NOT_NAME_OPENINGS = set("有后空那养须毋乜益公第五言福爱年和来都初门来平国海花强位原南满")

# Compound surnames: a name that opens with one is never split inside the surname.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    """欧阳 司马 上官 诸葛 皇甫 司徒 东方 令狐 尉迟 慕容 夏侯 公孙 长孙 宇文 轩辕 端木
    独孤 南宫 西门 百里 呼延 万俟 闻人 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 钟离
    赫连 拓跋 司空 鲜于 闾丘 东郭 公羊 第五 梁丘 左丘 微生 羊舌 仲孙 子车 颛孙 巫马
    段干 乐正 漆雕 壤驷 公良 谷梁 宰父 夹谷 南门 东门 西门 呼延 完颜 爱新觉罗""".split()
)

# Characters common in modern given names (a few hundred cover most of them). A
# character outside this set can still be part of a given name, only less likely.
GIVEN_NAME_CHARS: frozenset[str] = frozenset(
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才"
    "发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思"
    "群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁"
    "栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘秀娟英华慧"
    "巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺"
    "媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁"
    "蓓仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希欣飘育"
    "滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可舒影荔枝丽阳妮宝贝初程罡恒鸿桦骅剑娇纪宽灵"
    "媚琪晴容睿烁堂唯威雯苇萱阅彦宇雨洋忠宗曼紫逸贤蝶菡绿蓝儿烟小兵立卫金银铁喜彤帆"
    "昊轩涵梓铭鑫凯晗婧茹璇骏源瀚泓沛澄渊然宸潇玥钰珂瑜妤琨迪翊鹤卓晖熠煜炜焱炫曦晟"
    "昕晞昀晔珏奕弈瑄坤垚堃喆森淼犇双二三夏冬雷霖耀兆鹰虎彪勋铮锋锐锴钢镇镭铎岳嵩"
    "崇峻巍峥嵘屹昆仑川洲涌波湘沅淮汉渝蜀豫鲁晋冀燕赣闽粤桂琼黔滇藏疆蒙宁青甘陇"
    "远航帆驰骋迅捷敏慧颖聪智贤良淑德孝忠信仁义礼廉勤俭朴真善美惠泽润沐恩慈"
    "莹瑛琳琅璋瑶瑾瑜璞珺珩珞琛琮琤琪琳瑞瑗瑭璇璟瑀玮玲珑珍珠宝钗钿佩环"
    "亮明朗晨曦阳旭昊晔晟晋景晶智普晓暄暖晏书凌禾"
)

# Openings of Tibetan (and similar) personal names, which bylines print as one
# four-character run (`格桑边觉`, `扎西次仁`); Han surnames such as 格, 边 would
# otherwise cut them in two.
MINORITY_NAME_OPENINGS: frozenset[str] = frozenset(
    """格桑 扎西 次仁 次旦 旦增 尼玛 索朗 洛桑 强巴 达瓦 多吉 边巴 平措 德吉 普布 拉巴
    白玛 央金 卓玛 拉姆 措姆 巴桑 顿珠 益西 丹增 贡布 其美 阿旺 曲珍 仁青 群培 米玛
    琼达 嘎玛 土登 罗布 央宗 次珍 桑珠 晋美 才让 才旦 更登 卓嘎 索南 阿布 买买 艾尔
    阿依 古丽 热依 帕尔 努尔 吐尔 阿卜 阿不 穆罕 依力 巴图 那仁 乌兰 斯琴 其其 额尔
    朝鲁 宝音 敖其 孟和 苏和 吉日 包音""".split()
)

# Traditional-script forms of frequent surnames: a page in traditional script prints
# 陳, 張, 劉; they are scored as their simplified forms.
TRADITIONAL_SURNAMES: dict[str, str] = dict(
    zip(
        "陳張劉黃趙吳孫馬郭羅鄭謝許韓馮鄧曾蕭葉蔣盧沈鍾姜崔譚陸范汪廖賈夏魏蘇呂"
        "丁閻龍黎賀顧龔萬錢嚴湯莊樊聶關蘭焦俞紀單費衛顏鄒湯陶楊歐陽嶽彭潘戴鄺麥",
        "陈张刘黄赵吴孙马郭罗郑谢许韩冯邓曾萧叶蒋卢沈钟姜崔谭陆范汪廖贾夏魏苏吕"
        "丁阎龙黎贺顾龚万钱严汤庄樊聂关兰焦俞纪单费卫颜邹汤陶杨欧阳岳彭潘戴邝麦",
    )
)
# 蕭/萧 is a surname in its own right (萧潇); make sure its simplified form ranks.
_EXTRA_SURNAMES = "萧阎"


def _build_surname_log_probs() -> dict[str, float]:
    log_probs: dict[str, float] = {}
    rank = 0
    for char in _RANKED_SURNAMES + _EXTRA_SURNAMES:
        if char in log_probs or char in _NOT_NAME_OPENINGS:
            continue
        rank += 1
        # Zipf-like: the top surname (王) holds about 7% of the population, the
        # 100th about 0.1%, the 400th a few hundredths of a percent.
        log_probs[char] = math.log(0.075 * rank**-0.95)
    for compound in COMPOUND_SURNAMES:
        # Rare as a group, but a compound reading beats splitting it: see scoring.
        log_probs[compound] = math.log(2e-4)
    return log_probs


SURNAME_LOG_PROBS: dict[str, float] = _build_surname_log_probs()

# Surnames frequent enough that seeing one inside a run very likely opens a new name
# when it is not also a common given-name character.
TOP_SURNAMES: frozenset[str] = frozenset(
    s for s, lp in SURNAME_LOG_PROBS.items() if len(s) == 1 and lp > math.log(0.075 * 60**-0.95)
)


_TO_SIMPLIFIED_SURNAMES = str.maketrans(TRADITIONAL_SURNAMES)


def simplified_surname(surname: str) -> str:
    """`surname` (one or two characters) in simplified script: 歐陽 -> 欧阳."""
    return surname.translate(_TO_SIMPLIFIED_SURNAMES)


def is_compound_surname(chars: str) -> bool:
    return simplified_surname(chars) in COMPOUND_SURNAMES


def surname_log_prob(surname: str) -> float | None:
    """Log prior of `surname` (one or two characters) opening a name; None if unknown."""
    return SURNAME_LOG_PROBS.get(simplified_surname(surname))
