"""One newspaper, one name: generated spellings of real paper names fold to one key,
and different papers never share one."""

from __future__ import annotations

import itertools
import random

import pytest

from newsarchive.datasette.sources import source_groups, source_name, spellings_of

PAPERS = ["济宁晚报", "济宁日报", "齐鲁晚报", "大众日报", "中国青年报", "人民日报海外版",
          "CHINA DAILY", "21世纪经济报道", "新华社", "大众网", "中国青年网", "新华网",
          "济宁新闻网", "曲阜市融媒体中心", "今日曲阜"]
# Different outlets, however close their names: never one key.
APART = [("大众日报", "大众网"), ("新华社", "新华网"), ("中国青年报", "中国青年网"),
         ("济宁晚报", "济宁日报"), ("济宁新闻网", "济宁新闻"), ("报社", "报")]

_FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"}


def variants(paper: str, rnd: random.Random) -> list[str]:
    """Spellings a page might give: full-width, spaced, bracketed, with the
    office's 社 or the web edition's 网 after a 报."""
    forms = [paper, "".join(_FULL_WIDTH.get(c, c) for c in paper), f"  {paper}\t",
             f"【{paper}】", f"《{paper}》", f"（{paper}）", f"[ {paper} ]", f"“{paper}”"]
    if len(paper) > 2 and all("\u4e00" <= c <= "\u9fff" for c in paper):
        cut = rnd.randrange(1, len(paper))
        forms.append(f"{paper[:cut]} {paper[cut:]}")
    if paper.endswith("报"):
        forms += [paper + "社", paper + "网", f"【{paper}社】"]
    return forms


@pytest.mark.parametrize("paper", PAPERS)
def test_every_spelling_of_a_paper_folds_to_one_key(paper):
    rnd = random.Random(paper)
    keys = {source_name(form) for form in variants(paper, rnd)}
    assert keys == {source_name(paper)}, keys


def test_different_papers_never_share_a_key():
    rnd = random.Random(0)
    keys = {paper: {source_name(form) for form in variants(paper, rnd)} for paper in PAPERS}
    for one, other in itertools.combinations(PAPERS, 2):
        assert not keys[one] & keys[other], (one, other)
    for one, other in APART:
        assert source_name(one) != source_name(other), (one, other)


def test_a_latin_name_keeps_its_spaces_and_inner_brackets_stay():
    assert source_name("ＣＨＩＮＡ　ＤＡＩＬＹ") == "CHINA DAILY"
    assert source_name("(济宁)晚报(社)") == "(济宁)晚报(社)"
    assert source_name(None) is None


def test_groups_are_labelled_by_their_most_used_spelling():
    counts = [("济宁晚报", 5), ("济宁晚报社", 2), ("【济宁晚报】", 1), ("济宁日报", 3)]
    groups = source_groups(counts)
    assert groups == [
        {"label": "济宁晚报", "count": 8, "spellings": ["【济宁晚报】", "济宁晚报", "济宁晚报社"]},
        {"label": "济宁日报", "count": 3, "spellings": ["济宁日报"]}]
    assert spellings_of("济宁晚报社", [s for s, _ in counts]) == groups[0]["spellings"]
