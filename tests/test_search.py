"""Chinese full-text search: words of every length, nothing else, index in step."""

from __future__ import annotations

import random
import re
import sqlite3
import unicodedata
from itertools import groupby

import pytest
from datasette.utils import escape_fts
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.items import Credit
from newsarchive.store import ArchiveDB
from newsarchive.store import search as search_module
from newsarchive.store.search import (
    BARRIER,
    HIT_END,
    HIT_START,
    fts_query,
    hit_snippet,
    rebuild_search_index,
    search,
    spaced_text,
)
from tests.test_store import BASE, seed_article, start

OTHER_URL = BASE + "jining/news/201507/7714000.html"


@pytest.fixture()
def archive(tmp_path):
    path = tmp_path / "a.db"
    with ArchiveDB(path) as db:
        run = start(db)
        db.save(seed_article(), run_id=run, fetched_at="t")
        db.save(seed_article(url=OTHER_URL, pages=[], headline="泗水县举办农民丰收节",
                             body=["泗水县今天举办丰收节活动。", "曲阜的游客也来了。"],
                             credits=[Credit("王涛", "记者")]),
                run_id=run, fetched_at="t")
    return path


def urls(path, query: str) -> set[str]:
    return {hit["url"] for hit in search(path, query)}


@pytest.mark.parametrize(
    "word, expected",
    [
        ("曲阜", {"seed", "other"}),       # headline of one, body of the other
        ("贴心人", {"seed"}),              # 3 characters, headline
        ("驻村联户", {"seed"}),            # 4 characters, headline
        ("联系卡", {"seed"}),              # body
        ("宋思亮", {"seed"}),              # author name
        ("孔丽", {"seed"}),                # editor name
        ("王涛", {"other"}),
        ("丰收节", {"other"}),
        ("北京", set()),                   # absent
        ("曲阜县", set()),                 # its characters occur, the word does not
        ("人曲", set()),                   # only across punctuation: 贴心人”——曲阜
        ("卡规", set()),                   # only across a paragraph break
        ("曲阜 丰收节", {"other"}),         # both words must occur
    ],
)
def test_words_of_every_length_and_nothing_else(archive, word, expected):
    names = {seed_article().url: "seed", OTHER_URL: "other"}
    assert {names[u] for u in urls(archive, word)} == expected


def test_plain_sqlite3_finds_words_as_spaced_phrases(archive):
    """What SEARCH.md tells researchers without newsarchive installed."""
    conn = sqlite3.connect(archive)
    found = conn.execute(
        "SELECT a.headline FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH '\"驻 村 联 户\"'").fetchall()
    assert found == [(seed_article().headline,)]
    in_body_only = conn.execute(
        "SELECT count(*) FROM articles_fts WHERE body MATCH '\"曲 阜\"'").fetchone()
    assert in_body_only == (1,)


def test_changed_article_is_reindexed(archive):
    with ArchiveDB(archive) as db:
        run = start(db)
        assert db.save(seed_article(headline="兖州区开展植树活动"), run_id=run,
                       fetched_at="t") == "changed"
    assert urls(archive, "植树") == {seed_article().url}
    assert urls(archive, "贴心人") == set()
    conn = sqlite3.connect(archive)
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone() == (2,)


def test_an_article_changed_twice_in_one_batch_is_indexed_as_last_saved(tmp_path):
    # The batch's index rows are written at its commit: the last save of an article wins,
    # and an unchanged save in between keeps what the changed one indexed.
    path = tmp_path / "a.db"
    with ArchiveDB(path, batch_size=100) as db:
        run = start(db)
        assert db.save(seed_article(), run_id=run, fetched_at="t") == "new"
        assert db.save(seed_article(headline="兖州区开展植树活动"), run_id=run, fetched_at="t") == "changed"
        assert db.save(seed_article(headline="兖州区开展植树活动"), run_id=run, fetched_at="t") == "unchanged"
        assert db.save(seed_article(url=OTHER_URL, pages=[], headline="泗水县举办农民丰收节"), run_id=run,
                       fetched_at="t") == "new"
    assert urls(path, "植树") == {seed_article().url}
    assert urls(path, "贴心人") == set()
    assert urls(path, "丰收节") == {OTHER_URL}
    assert sqlite3.connect(path).execute("SELECT count(*) FROM articles_fts").fetchone() == (2,)


def test_a_rolled_back_batch_leaves_no_index_rows(tmp_path):
    path = tmp_path / "a.db"
    with pytest.raises(RuntimeError), ArchiveDB(path, batch_size=100) as db:
        run = start(db)
        db.save(seed_article(), run_id=run, fetched_at="t")
        raise RuntimeError("the crawl stops before the batch commits")
    with ArchiveDB(path) as db:  # the next batch does not index what was rolled back
        run = start(db)
        db.save(seed_article(url=OTHER_URL, pages=[], headline="泗水县举办农民丰收节"), run_id=run, fetched_at="t")
    assert urls(path, "丰收节") == {OTHER_URL}
    assert sqlite3.connect(path).execute("SELECT count(*) FROM articles_fts").fetchone() == (1,)


def index_entries(conn: sqlite3.Connection) -> list[tuple[int, str, int, str]]:
    """Every token the index holds, (rowid, column, position, term): what it finds, in
    full (the index is contentless, it keeps no text to compare)."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_instances"
                 " USING fts5vocab(main, articles_fts, instance)")
    return conn.execute("SELECT doc, col, offset, term FROM temp.fts_instances"
                        " ORDER BY doc, col, offset").fetchall()


def test_rebuild_matches_the_writers_index(archive):
    conn = sqlite3.connect(archive)
    before = index_entries(conn)
    assert {term for _, column, _, term in before if column == "people"} >= set("宋思亮孔丽王涛")
    (other,) = conn.execute("SELECT id FROM articles WHERE url = ?", (OTHER_URL,)).fetchone()
    conn.execute("UPDATE articles SET headline = '邹城新闻' WHERE id = ?", (other,))
    assert rebuild_search_index(conn) == 2
    after = index_entries(conn)
    assert [e for e in after if e[0] != other] == [e for e in before if e[0] != other]
    assert [term for rowid, column, _, term in after if rowid == other and column == "headline"] == list("邹城新闻")
    assert [h["url"] for h in search(conn, "邹城")] == [OTHER_URL]


def test_spaced_text_splits_cjk_and_folds_full_width():
    assert spaced_text("曲阜市２０１５年ＡＢＣ news") == "曲 阜 市 2015 年 ABC news"


def _is_cjk(char: str) -> bool:
    return bool(char) and re.fullmatch(search_module._CJK, char) is not None


def _is_word(char: str) -> bool:
    return re.fullmatch(r"\w", char) is not None


def _spaced_by_definition(text: str) -> str:
    """spaced_text's rule a character at a time: each run of non-word characters with a CJK
    character before or after it becomes a barrier; then NFKC; then every CJK character
    stands alone, and spaces collapse."""
    runs = ["".join(chars) for _, chars in groupby(text, key=_is_word)]
    kept = []
    for index, run in enumerate(runs):
        if not _is_word(run[0]):
            before = runs[index - 1][-1] if index else ""
            after = runs[index + 1][0] if index + 1 < len(runs) else ""
            if _is_cjk(before) or _is_cjk(after):
                run = f" {BARRIER} "
        kept.append(run)
    folded = unicodedata.normalize("NFKC", "".join(kept))
    return " ".join("".join(f" {c} " if _is_cjk(c) else c for c in folded).split())


# Latin, digits, full-width forms NFKC folds, CJK punctuation, kana that are no word
# characters (・ ゛), extension-B and compatibility ideographs, hangul, combining marks.
_SEARCH_ALPHABET = st.sampled_from(list(
    "ab Z1_-.,，。、！“”（）：曲阜市新闻ＡＢＣ２０ｶカ・ー゛\u3040ㄅ한𠀀𪚥﨑\u0301\u3099\u3000\u00a0\n\t\ue000😀"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_SEARCH_ALPHABET, max_size=40) | st.text(max_size=30))
def test_spaced_text_is_its_rule_applied_a_character_at_a_time(text):
    assert spaced_text(text) == _spaced_by_definition(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SEARCH_ALPHABET, min_size=60, max_size=400) | st.text(min_size=60, max_size=300))
def test_a_body_long_enough_for_arrays_is_spaced_by_the_same_rule(text):
    # a body is spaced by arrays of code points (search._spaced_codes), a headline by runs
    assert spaced_text(text) == _spaced_by_definition(text)


@pytest.mark.parametrize("query", ["hello", "hello world", '"exact phrase" more',
                                   'unbalanced "quote', "a-b c*d"])
def test_queries_without_cjk_are_escaped_as_datasette_does(query):
    assert fts_query(query) == escape_fts(query)


@pytest.mark.parametrize("query", ["", "  ", "——", '"', "AND", "曲阜 OR", "NEAR(曲 阜)"])
def test_any_input_is_a_valid_query(archive, query):
    search(archive, query)  # raises on an FTS5 syntax error


def test_limit_must_be_positive(archive):
    with pytest.raises(ValueError, match="limit"):
        search(archive, "曲阜", limit=0)


def test_names_do_not_run_into_each_other(archive):
    assert urls(archive, "花宋") == set()
    assert urls(archive, "梅花") == {seed_article().url}


@pytest.mark.parametrize("seed", range(30))
def test_snippet_marks_the_hit_wherever_it_falls(seed):
    rng = random.Random(seed)
    filler = "".join(rng.choice("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
                      ) for _ in range(rng.randint(0, 300)))
    term = rng.choice(["曲阜", "驻村联户", "COVID-19", "王涛"])
    at = rng.randint(0, len(filler))
    text = filler[:at] + term + filler[at:]
    snippet = hit_snippet(text, f" {term.lower()} ", width=60)
    marked = re.findall(f"{HIT_START}(.*?){HIT_END}", snippet)
    assert marked and all(m.casefold() == term.casefold() for m in marked)
    plain = snippet.replace(HIT_START, "").replace(HIT_END, "").strip("…")
    assert plain in text and len(plain) <= 60


def test_snippet_without_a_hit_in_the_text_is_its_start():
    assert hit_snippet("一二三四五六", "王涛", width=4) == "一二三四…"
    assert hit_snippet(None, "王涛") == ""
