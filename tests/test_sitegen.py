"""The benchmark's generated mirror: text with real pages' n-gram statistics, and
planted reprints and near misses that reprint detection must tell apart."""

from __future__ import annotations

import random

import pytest

from benchmarks.sitegen import (
    REPRINT_EVERY,
    SiteFacts,
    article_text,
    make_article,
    shared_gram_rate,
    site_articles,
    write_site,
)
from newsarchive.store.reprints import THRESHOLD, jaccard, shingles


def body(article) -> str:
    return "\n".join(article_text(article))


@pytest.mark.parametrize("seed", [9, 21])
def test_planted_reprints_are_clearly_above_the_threshold_and_near_misses_clearly_below(seed):
    reprints, near_misses = [], []
    for article, reprint_of, near_miss_of in site_articles(20 * REPRINT_EVERY, seed):
        if reprint_of:
            reprints.append(jaccard(shingles(body(article)), shingles(body(reprint_of))))
        if near_miss_of:
            near_misses.append(jaccard(shingles(body(article)), shingles(body(near_miss_of))))
    assert len(reprints) == len(near_misses) == 19  # none among the first REPRINT_EVERY
    assert min(reprints) >= THRESHOLD + 0.25
    assert 0.1 <= min(near_misses) and max(near_misses) <= THRESHOLD - 0.1


def test_unrelated_bodies_share_few_n_grams_as_real_pages_do():
    # 36 two-character words made unrelated bodies share 7.6% of their n-grams (Jaccard);
    # 900-character excerpts of real pages (CWCED) share 0.07%.
    rng = random.Random(3)
    bodies = [body(make_article(n, rng)) for n in range(300)]
    assert 0.0002 < shared_gram_rate(bodies, pairs=1000) < 0.004


def test_the_mirror_is_the_same_bytes_from_the_same_seed_and_lists_its_plantings(tmp_path):
    facts = write_site(tmp_path / "a", articles=3 * REPRINT_EVERY)
    again = write_site(tmp_path / "b", articles=3 * REPRINT_EVERY)
    assert isinstance(facts, SiteFacts) and facts == again
    for path in facts.paths:
        assert (tmp_path / "a" / path.lstrip("/")).read_bytes() == (tmp_path / "b" / path.lstrip("/")).read_bytes()
    assert len(facts.reprints) == len(facts.near_misses) == 2
    pages = set(facts.paths)
    for earlier, later in facts.reprints + facts.near_misses:
        assert earlier in pages and later in pages and earlier != later
    assert write_site(tmp_path / "c", articles=3 * REPRINT_EVERY, seed=10).reprints != facts.reprints
