"""Bylines -> ordered credits: every byline form of PORTAL.md / issue 3, the forms
found in the CWCED pages, datelines, and joined-name splitting measured on a list.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarchive.extract import bylines
from newsarchive.extract.bylines import dateline_credits, is_byline, parse_credits, split_names
from newsarchive.items import Credit

NAMES_FILE = Path(__file__).parent / "data" / "byline_names.txt"


def A(name: str, role: str | None = None) -> Credit:
    return Credit(name, role, "author")


def E(name: str, role: str) -> Credit:
    return Credit(name, role, "editor")


def G(name: str) -> Credit:
    return Credit(name, None, "agency")


# (byline text, exact ordered credits)
BYLINE_FORMS = [
    # the seed page: joined names after an own-outlet role, ■ separator
    ("■本报通讯员梅花宋思亮陈宏如", [A("梅花", "通讯员"), A("宋思亮", "通讯员"), A("陈宏如", "通讯员")]),
    ("(记者 王涛)", [A("王涛", "记者")]),
    ("（记者　王涛）", [A("王涛", "记者")]),  # full-width brackets and U+3000
    ("本报记者 张三 通讯员 李四", [A("张三", "记者"), A("李四", "通讯员")]),
    ("本报见习记者唐宁本报记者谭文佳李超", [A("唐宁", "见习记者"), A("谭文佳", "记者"), A("李超", "记者")]),
    ("全媒体记者 王芳 融媒体记者 李明", [A("王芳", "记者"), A("李明", "记者")]),
    ("特派记者 张华 首席记者 刘洋", [A("张华", "记者"), A("刘洋", "记者")]),
    ("本报见习记者 赵磊", [A("赵磊", "见习记者")]),
    ("实习生 欧阳晓明 记者 司马光", [A("欧阳晓明", "实习生"), A("司马光", "记者")]),
    ("记者：张三、李四", [A("张三", "记者"), A("李四", "记者")]),
    ("记者 张三，李四", [A("张三", "记者"), A("李四", "记者")]),
    ("本报记者\n张三\n通讯员\n李四", [A("张三", "记者"), A("李四", "通讯员")]),
    ("□ 本报记者 葛灵丹", [A("葛灵丹", "记者")]),
    ("●记者 张三 李四 王五", [A("张三", "记者"), A("李四", "记者"), A("王五", "记者")]),
    # a two-character name padded to three characters
    ("记者 王　涛", [A("王涛", "记者")]),
    # photo credits: role word, glued 摄, spaced 摄, /摄, 图
    ("杨文道摄", [A("杨文道", "摄影")]),
    ("记者 张三 摄", [A("张三", "摄影")]),
    ("蔡雪婧/摄", [A("蔡雪婧", "摄影")]),
    ("摄影 李四", [A("李四", "摄影")]),
    ("摄影报道 李四", [A("李四", "摄影")]),
    ("图/李四", [A("李四", "摄影")]),
    ("李四 摄影", [A("李四", "摄影")]),
    ("(通讯员 李华 摄)", [A("李华", "摄影")]),
    # a closing 摄 credits the names since the last role word only
    ("记者 张三 通讯员 李四 摄", [A("张三", "记者"), A("李四", "摄影")]),
    # 文/图: no role stated, unless a role word follows
    ("文/图 赵六", [A("赵六")]),
    ("文／图 赵六", [A("赵六")]),
    ("文/图 本报记者 赵六", [A("赵六", "记者")]),
    ("文 张三 图 李四", [A("张三"), A("李四", "摄影")]),
    ("文·图/张三", [A("张三")]),
    ("张三 李四/文", [A("张三"), A("李四")]),
    # full-width spaces around a compound surname; a rare surname set apart after its role
    ("记者　濮阳春　通讯员　琚海燕", [A("濮阳春", "记者"), A("琚海燕", "通讯员")]),
    # PORTAL.md: `记者 X 摄影报道` → 记者 (a reporter's report with pictures); bare names → 摄影
    ("▲本报记者 张三 李四 摄影报道", [A("张三", "记者"), A("李四", "记者")]),
    ("记者 王涛 摄影报道", [A("王涛", "记者")]),
    ("张三 李四 摄影报道", [A("张三", "摄影"), A("李四", "摄影")]),
    # `X/文 Y/图`, `文字：X 摄影：Y`: text without a role, pictures 摄影
    ("王涛/文 李明/图", [A("王涛"), A("李明", "摄影")]),
    ("汤菲/文 万凡文/图", [A("汤菲"), A("万凡文", "摄影")]),  # a name ending in 文
    ("文字：王涛 摄影：李明", [A("王涛"), A("李明", "摄影")]),
    # a reporter's title after the name, in brackets
    ("（储冰 记者）", [A("储冰", "记者")]),
    ("(王涛 通讯员)", [A("王涛", "通讯员")]),
    # a photo word with no names of its own: the next role word's names took the photos
    ("图/本报记者 李四", [A("李四", "摄影")]),
    ("文/本报记者 张三 图/本报记者 李四", [A("张三", "记者"), A("李四", "摄影")]),
    # closing words apply to the names since the previous one
    ("本报记者 张三/文 李四/图", [A("张三", "记者"), A("李四", "摄影")]),
    ("（本报记者 张三 整理）", [A("张三", "记者")]),
    ("张三 整理", [A("张三")]),
    ("作者：张三", [A("张三")]),
    # editors
    ("责任编辑：王五", [E("王五", "责任编辑")]),
    ("责编 王芳", [E("王芳", "责任编辑")]),
    ("编辑:李四", [E("李四", "编辑")]),
    ("初审编辑：刘洋", [E("刘洋", "初审编辑")]),
    ("审核：李明 校对：张伟", [E("李明", "审核"), E("张伟", "校对")]),
    ("编辑：王倩　初审编辑：张珊", [E("王倩", "编辑"), E("张珊", "初审编辑")]),
    ("【责任编辑:张三 HN003】", [E("张三", "责任编辑")]),  # a CMS code is nobody
    # agencies and column teams: not people
    ("据新华社", [G("新华社")]),
    ("(新华社)", [G("新华社")]),
    ("据新华社电", [G("新华社")]),
    ("据中新社报道", [G("中新社")]),
    ("据央视新闻", [G("央视新闻")]),
    ("据《齐鲁晚报》报道", [G("齐鲁晚报")]),
    ("新华社北京5月6日电", [G("新华社")]),
    ("本报评论员", [G("本报评论员")]),
    ("本报记者组", [G("本报记者组")]),
    ("本报评论员 张三", [A("张三")]),
    # outlet prefixes are not names
    ("齐鲁晚报·齐鲁壹点记者 王杰 报道", [A("王杰", "记者")]),
    ("大众日报记者 刘洋", [A("刘洋", "记者")]),
    ("作者：记者 孔令喆 通讯员 颜景堃", [A("孔令喆", "记者"), A("颜景堃", "通讯员")]),
    ("济宁日报全媒体记者 张三", [A("张三", "记者")]),
    ("大众网·海报新闻记者 李四", [A("李四", "记者")]),
    ("本报驻济宁记者 张三", [A("张三", "记者")]),
    # whatever is glued to the first role word is its outlet
    ("潇湘晨报十几度记者 张三", [A("张三", "记者")]),
    ("南方+记者 张三", [A("张三", "记者")]),
    ("总台央视记者 张三", [A("张三", "记者")]),
    # traditional script: roles read, names kept as printed
    ("記者 陳大文 通訊員 李華", [A("陳大文", "记者"), A("李華", "通讯员")]),
    ("責任編輯：王五", [E("王五", "责任编辑")]),
    ("實習生 李四", [A("李四", "实习生")]),
    ("攝影 陳大文", [A("陳大文", "摄影")]),
    # names that stay whole
    ("新华社记者 格桑边觉", [A("格桑边觉", "记者")]),
    ("记者 欧阳晓明 摄", [A("欧阳晓明", "摄影")]),
    ("作者：John Smith", [A("John Smith")]),
    ("记者 阿不都·热合曼 通讯员 买买提·艾力", [A("阿不都·热合曼", "记者"), A("买买提·艾力", "通讯员")]),
]


@pytest.mark.parametrize(("text", "expected"), BYLINE_FORMS)
def test_parse_credits_reads_each_byline_form(text: str, expected: list[Credit]) -> None:
    assert parse_credits(text) == expected


@pytest.mark.parametrize(("text", "_expected"), BYLINE_FORMS)
def test_each_byline_form_is_a_byline_paragraph(text: str, _expected: list[Credit]) -> None:
    assert is_byline(text)


# Credit lines as printed on the CWCED pages (shared/datasets/cwced/original/*.html,
# file stem in the comment), with the credits their author labels imply.
CWCED_FORMS = [
    ("编辑：山石", [E("山石", "编辑")]),  # 2bac7fb2
    ("（ 责任编辑：魏喆 ）", [E("魏喆", "责任编辑")]),  # 33a95b71
    ("（ 责任编辑：刘林源 ）", [E("刘林源", "责任编辑")]),  # 8baa71e3
    ("来源：巴彦淖尔日报     编辑：苏亮", [E("苏亮", "编辑")]),  # 500b350d
    ("编辑:李楠", [E("李楠", "编辑")]),  # f70d9c97
    ("【编辑:刘欢】", [E("刘欢", "编辑")]),  # d8d4c4ec
    ("(责编：萧潇、张妍)", [E("萧潇", "责任编辑"), E("张妍", "责任编辑")]),  # b26fbb82
    ("本版编辑:Giki", [E("Giki", "编辑")]),  # c3a80850
    ("51offer编辑：Alice", [E("Alice", "编辑")]),  # d96c76b7
    ("（松花江网编辑 孙桂芳）", [E("孙桂芳", "编辑")]),  # 3e1af229
    ("作者：宋怡 杨志华", [A("宋怡"), A("杨志华")]),  # 6820ebe7
    ("作者:孙仲旻", [A("孙仲旻")]),  # d96c76b7
    ("作者：郭励弘", [A("郭励弘")]),  # ebe9df29
    ("作者： 周思博 (Joel Spolsky)", [A("周思博")]),  # d02c66a2: the alias is one person
    ("作者：芊草凡凡", [A("芊草凡凡")]),  # a6e8b739: a pen name after a label
    ("文：眉间尺", [A("眉间尺")]),  # c2d9f85c
    ("执笔人：闵乐夫 赵兰波 刘韬 刘晋芳 胡玉顺",  # c3f7d079
     [A("闵乐夫"), A("赵兰波"), A("刘韬"), A("刘晋芳"), A("胡玉顺")]),
    ("光明日报记者 王建宏 张文攀", [A("王建宏", "记者"), A("张文攀", "记者")]),  # 3e1af229
    ("整合 新华日报·交汇点记者 徐睿翔", [A("徐睿翔", "记者")]),  # 36efbc69
    ("顶端新闻·河南商报记者马俊峰/文受访者供图", [A("马俊峰", "记者")]),  # 274a65d9
    ("新华网黑龙江频道  记者  伊琳  李清芬", [A("伊琳", "记者"), A("李清芬", "记者")]),  # a0cb0242
    ("□ 本报记者 葛灵丹", [A("葛灵丹", "记者")]),  # b26fbb82
    ("本报记者罗科苏盈发自北京", [A("罗科", "记者"), A("苏盈", "记者")]),  # b4c2eccd
    ("新京报记者 彭冲 山东冠县报道", [A("彭冲", "记者")]),  # d8d4c4ec
    ("记者 刘涛", [A("刘涛", "记者")]),  # c4d032a1
    ("（总台记者 张倩）", [A("张倩", "记者")]),  # f51248cc
    ("（姚峰 上海报道）", [A("姚峰")]),  # ecbe8d49
    ("（常书香 马丹阳 ）", [A("常书香"), A("马丹阳")]),  # 91bdf33e
    ("（袁源）", [A("袁源")]),  # 4fa9dfe4
    ("本报记者 惠禾 摄", [A("惠禾", "摄影")]),  # 064b591b (a caption)
    ("文|李四", [A("李四")]),  # the 文｜ form of newer pages
    ("作者:zboygirl 阅读(1660)", [A("zboygirl")]),  # 064b591b: a counter follows
]


@pytest.mark.parametrize(("text", "expected"), CWCED_FORMS)
def test_parse_credits_reads_cwced_credit_lines(text: str, expected: list[Credit]) -> None:
    assert parse_credits(text) == expected
    assert is_byline(text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "记者从市教育局获悉，今年全市高考报名人数再创新高。",
        "记者近日从西藏自治区农业农村厅了解到",
        "“工作组吗?我是辛庄村村民胡文学,我们家院落前一处危房已经坍塌多半",
        "规范管理,建立完善工作机制",  # a subheading of the seed page
        "深化内容,开展主题活动",
        "双向走访,调动各方主动性",
        "“镇长,你也别和稀泥!”“十天内只要不给钱,就别想收麦子,我们就把地收回来!”",
        "张三记者",
        "经记者查实",
        "美国记者赫德里克·史密斯(Hedrick Smith)在他那本写於一九七六年的书中",  # CWCED 5dc3fa2d
        "曲阜新闻",
        "袁源",  # an undecorated bare name may be a heading: body
        "来源:济宁晚报 2015-06-22 07:21   https://www.yybnet.net/",
        "2015-06-22 07:21",
        "本报记者",
        "作者：",
        "(完)",
        "(图)",
        "(李某)",
        "(张先生)",
        "推动云南工业高质量发展。（记者 胡晓蓉）",  # body with a trailing credit
        "本报济宁6月8日讯(记者张彦彦)为进一步深化“大项目突破年”活动",
        "",
        # headings and links that contain role words or look like names (CWCED pages)
        "编辑推荐",
        "文章编辑",
        "作者须知",
        "[作者简介]",
        "——作者手记",
        "7:30 《中国金融学》杂志作者读者见面会",
        "记者手记",
        "图片新闻",
        "文明城市",
        "■ 高效率",
        "[法制]",
        "（高质量）",
        "人民网",
        "《理财周刊》",
        "《王 丹：我们已经看到中国民主的希望》",
        "作者 芊草凡凡",  # a pen name needs the colon of a label
        "作者: 赵 培：北京物资学院，北京",  # an affiliation after the name (CWCED 2397c95d)
    ],
)
def test_is_byline_rejects_body_and_non_credits(paragraph: str) -> None:
    assert not is_byline(paragraph)


@pytest.mark.parametrize(
    "paragraph", ["本报济宁6月8日讯(记者张彦彦)", "本报讯(记者 张三)", "新华社北京5月6日电"]
)
def test_a_dateline_standing_alone_is_a_byline(paragraph: str) -> None:
    assert is_byline(paragraph)


@pytest.mark.parametrize(
    "text", ["记者从市教育局获悉，今年全市高考报名人数再创新高", "曲阜新闻", "(完)", "2015-06-22 07:21", ""]
)
def test_parse_credits_returns_nothing_for_non_bylines(text: str) -> None:
    assert parse_credits(text) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("宋怡 杨志华", [A("宋怡"), A("杨志华")]),
        ("芊草凡凡", [A("芊草凡凡")]),  # one token: a pen name is accepted
        ("茉莉", [A("茉莉")]),  # CWCED 05e98007
        ("zboygirl", [A("zboygirl")]),  # CWCED 064b591b
        ("放飞&心情", [A("放飞&心情")]),  # CWCED 6dc2d508
        ("济宁日报", []),  # an outlet is nobody
        ("佚名", []),
    ],
)
def test_parse_credits_reads_an_author_field_value(value: str, expected: list[Credit]) -> None:
    assert parse_credits(value) == expected
    assert not is_byline(value)  # undecorated bare names are not a byline paragraph


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("本报济宁6月8日讯(记者张彦彦)为进一步深化“大项目突破年”活动,推动大项目建设", [A("张彦彦", "记者")]),
        ("新华社北京5月6日电(记者 李明)国务院总理今天主持召开会议", [G("新华社"), A("李明", "记者")]),
        ("中新网北京5月6日电 (记者 张三)据了解", [G("中新网"), A("张三", "记者")]),
        ("据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区农业农村厅召开的会议上了解到",
         [G("新华社"), A("格桑边觉", "记者")]),
        ("本报讯 （实习记者 樊亮 张明超 记者惠禾）13岁，正是花季的年龄",  # CWCED 064b591b
         [A("樊亮", "实习生"), A("张明超", "实习生"), A("惠禾", "记者")]),
        ("本报讯(记者 张三 通讯员 李四)昨天，", [A("张三", "记者"), A("李四", "通讯员")]),
        ("新华社北京5月6日电 国家主席今天会见了来访的外宾", [G("新华社")]),
        ("齐鲁晚报·齐鲁壹点记者 王杰 报道 近日，济宁市", [A("王杰", "记者")]),
        ("本报北京5月6日电 记者王芳报道 近日，", [A("王芳", "记者")]),
        ("記者 王芳 報道：近日", [A("王芳", "记者")]),
        ("本报讯 记者张三 通讯员李四报道：近日", [A("张三", "记者"), A("李四", "通讯员")]),
        ("济宁新闻网讯（记者 张三）近日", [A("张三", "记者")]),
        ("推动云南工业高质量发展。（记者 胡晓蓉）", [A("胡晓蓉", "记者")]),  # CWCED 9890f458
        ("…责令限期进行整改。（通讯员 李华 摄）", [A("李华", "摄影")]),
        ("剪出了“清白做人，踏实做事”。（常书香 马丹阳 ）", [A("常书香"), A("马丹阳")]),  # 91bdf33e
        ("“这样的说法没有道理。”（姚峰 上海报道）", [A("姚峰")]),  # CWCED ecbe8d49
        ("…选项洽谈。(信报记者 蔡雪婧)", [A("蔡雪婧", "记者")]),  # CWCED 8cb7b39d
        ("Running Man (越南版)", []),
        # an agency dateline naming its reporter in brackets without a role word
        ("中新网菏泽3月5日电 (王涛) 为进一步推进工作，菏泽市召开会议。", [G("中新网"), A("王涛")]),
        # not credits
        ("国家统计局今天发布数据(记者 王涛)显示", []),
        ("他说(张先生)。", []),
        ("产值达到5亿元(人民币)", []),
        ("这是一段正文（上）", []),
        ("电力公司今天（3日）停电", []),
        ("记者从市教育局获悉，今年全市高考报名人数再创新高。", []),
    ],
)
def test_dateline_credits(paragraph: str, expected: list[Credit]) -> None:
    assert dateline_credits(paragraph) == expected


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("梅花宋思亮陈宏如", ["梅花", "宋思亮", "陈宏如"]),
        ("谭文佳李超", ["谭文佳", "李超"]),
        ("罗科苏盈", ["罗科", "苏盈"]),
        ("张华李明王刚", ["张华", "李明", "王刚"]),
        ("肖勇付强覃海", ["肖勇", "付强", "覃海"]),
        ("欧阳晓明李强", ["欧阳晓明", "李强"]),
        ("欧阳晓明", ["欧阳晓明"]),
        ("司马光诸葛亮亮", ["司马光", "诸葛亮亮"]),
        ("上官云飞皇甫军", ["上官云飞", "皇甫军"]),
        ("格桑边觉", ["格桑边觉"]),
        ("王涛", ["王涛"]),  # two characters: one name
        ("李文华", ["李文华"]),
        ("芊草凡凡", ["芊草凡凡"]),  # no surname reading: kept whole
        ("陳宏如劉國棟", ["陳宏如", "劉國棟"]),  # traditional script
        ("歐陽曉明李強", ["歐陽曉明", "李強"]),
        ("John Smith", ["John Smith"]),
        ("阿不都·热合曼", ["阿不都·热合曼"]),
        ("", []),
    ],
)
def test_split_names(run: str, expected: list[str]) -> None:
    assert split_names(run) == expected


@pytest.mark.parametrize("function", [parse_credits, is_byline, dateline_credits, split_names])
def test_non_text_input_is_a_clear_error(function) -> None:
    with pytest.raises(TypeError, match="not bytes"):
        function(b"\xe8\xae\xb0\xe8\x80\x85")


def _names() -> list[str]:
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return [name for line in lines if not line.startswith("#") for name in line.split()]


def test_joined_name_accuracy_on_runs_built_from_a_names_list() -> None:
    """300 runs of 2-4 joined names drawn from tests/data/byline_names.txt.

    Measured: 298/300 (99.3%). The misses are genuinely ambiguous readings
    (邱文明伊琳 read as 邱文 + 明伊琳). The bound below leaves room for changes to
    the surname priors; the figure is printed with `pytest -s`.
    """
    names = _names()
    assert len(names) >= 200
    rng = random.Random(20150622)
    runs = [rng.sample(names, rng.choice([2, 2, 3, 3, 4])) for _ in range(300)]
    correct = sum(split_names("".join(run)) == run for run in runs)
    print(f"joined-name accuracy: {correct}/{len(runs)} = {correct / len(runs):.3f}")
    assert correct / len(runs) >= 0.97


# Full-width marks, the characters that compose with what precedes them, compatibility
# forms (circled numbers, a compatibility ideograph, a Kangxi radical, Hangul jamo) and text.
_NORMALISATION_ALPHABET = st.sampled_from(
    [*"，：（）；！？\u3000。、“”", *"aeAE (1)", "\u0300", "\u0301", "\u0308", "\u0327", "\u00a0", "\u2460",
     "\u3251", "\uf900", "\u2f00", "\u1100", "\u1161", "\u11a8", "\uac00", "\u212b", "\uff21", "\uff10",
     *"记者电讯王涛"]
)


@given(st.text(_NORMALISATION_ALPHABET, max_size=20))
def test_the_quick_nfkc_is_unicodedatas(text: str) -> None:
    assert bylines._nfkc(text) == unicodedata.normalize("NFKC", text)
