"""Reprint detection on generated stories: precision and recall, and the time taken.

Each generated story (4-8 paragraphs of Chinese-like text from a topic's vocabulary
and a common one) comes with variants, each labelled as a reprint or not:

- reprint, new header: a 本报讯/据…报道 line with another reporter in front;
- reprint, new footer: (来源/责任编辑/原标题) lines after;
- reprint, header and footer both;
- reprint, trimmed: the last paragraph (of 5 or more) cut;
- not a reprint, partial rewrite: more than half the paragraphs written afresh;
- not a reprint, same topic: a new story from the same topic's words, same place names.

A pair is predicted when the archive's `reprints` table puts both in one cluster.
Precision and recall are over pairs (story, variant), against the labels; the
same-topic stories are also checked against each other.

    python benchmarks/reprints.py               # 300 stories
    python benchmarks/reprints.py --stories 2000
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsarchive.items import Article, Credit  # noqa: E402
from newsarchive.store import ArchiveDB  # noqa: E402
from newsarchive.store.reprints import NUM_PERM, _candidates, update_reprints  # noqa: E402

# Common CJK characters, cut into topics' vocabularies and a shared one.
_CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 6000)]
PLACES = ["曲阜", "泗水", "邹城", "兖州", "微山", "鱼台", "金乡", "嘉祥", "汶上", "梁山"]
SOURCES = ["济宁晚报", "济宁日报", "大众日报", "齐鲁晚报"]


@dataclass(frozen=True)
class Story:
    key: str  # the story the text tells; a reprint shares its original's key
    paragraphs: list[str]
    reprint_of: str | None = None  # the key of the original, for a labelled variant
    label: str = "original"


class StoryWriter:
    """Seeded stories: words from a topic's vocabulary, joined with common words."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        shuffled = _CHARS[:]
        self.rng.shuffle(shuffled)
        self.common = self._words(shuffled[:300], 400)
        self.topics = [self._words(shuffled[300 + 60 * t: 360 + 60 * t], 120)
                       for t in range(40)]

    def _words(self, chars: list[str], count: int) -> list[str]:
        return ["".join(self.rng.choices(chars, k=self.rng.choice((2, 2, 3, 4))))
                for _ in range(count)]

    def sentence(self, topic: list[str], place: str) -> str:
        words = [self.rng.choice(topic if self.rng.random() < 0.5 else self.common)
                 for _ in range(self.rng.randint(6, 14))]
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), place)
        return "".join(words) + self.rng.choice("。。。！")

    def paragraph(self, topic: list[str], place: str) -> str:
        return "，".join(self.sentence(topic, place).rstrip("。！")
                        for _ in range(self.rng.randint(2, 4))) + "。"

    def story(self, key: str, topic: int, place: str) -> Story:
        vocabulary = self.topics[topic]
        return Story(key, [self.paragraph(vocabulary, place)
                           for _ in range(self.rng.randint(4, 8))])

    def header(self) -> str:
        name = "".join(self.rng.choices(_CHARS[:500], k=self.rng.choice((2, 3))))
        return self.rng.choice([f"本报讯（记者 {name} 通讯员 {name[::-1]}）",
                                f"据{self.rng.choice(SOURCES)}报道，",
                                f"{self.rng.choice(PLACES)}讯 记者{name}报道："])

    def footer(self) -> str:
        name = "".join(self.rng.choices(_CHARS[:500], k=2))
        return self.rng.choice([f"（来源：{self.rng.choice(SOURCES)}）责任编辑：{name}",
                                f"原标题：{name}工作取得新进展 编辑：{name}"])

    def variants(self, original: Story, topic: int, place: str) -> list[Story]:
        key, paragraphs = original.key, original.paragraphs
        rewritten = paragraphs[:]
        for i in self.rng.sample(range(len(paragraphs)), len(paragraphs) // 2 + 1):
            rewritten[i] = self.paragraph(self.topics[topic], place)
        out = [
            Story(f"{key}-h", [self.header() + paragraphs[0], *paragraphs[1:]], key,
                  "reprint: new header"),
            Story(f"{key}-f", [*paragraphs, self.footer()], key, "reprint: new footer"),
            Story(f"{key}-hf", [self.header(), *paragraphs, self.footer()], key,
                  "reprint: header and footer"),
            Story(f"{key}-r", rewritten, None, "not: partial rewrite"),
            replace(self.story(f"{key}-t", topic, place), label="not: same topic"),
        ]
        if len(paragraphs) >= 5:
            out.append(Story(f"{key}-c", paragraphs[:-1], key, "reprint: trimmed"))
        return out


def generated_stories(count: int, seed: int = 7) -> list[tuple[Story, int]]:
    """(story, day) for `count` originals and their variants, variants later."""
    writer = StoryWriter(seed)
    stories = []
    for n in range(count):
        topic, place = n % len(writer.topics), PLACES[n % len(PLACES)]
        original = writer.story(f"s{n}", topic, place)
        stories.append((original, n % 28))
        stories += [(v, n % 28 + 1) for v in writer.variants(original, topic, place)]
    return stories


def archive_of(stories: list[tuple[Story, int]], path: Path) -> dict[str, int]:
    """Store the stories as articles; returns story key -> article id."""
    ids = {}
    with ArchiveDB(path, batch_size=1000) as db:
        run = db.start_run(base_url="http://bench/", channels=["bench"], version="0",
                           options={})
        for n, (story, day) in enumerate(stories):
            url = f"http://bench/news/{n}.html"
            db.save(Article(url=url, headline=f"报道{n}", source=SOURCES[n % 4],
                            published_at=f"2020-03-{day + 1:02d}",
                            credits=[Credit("记者甲", "记者")], body=story.paragraphs,
                            images=[], channel="测试新闻", channel_path="bench",
                            region=["山东"], pages=[url], parser="bench"),
                    run_id=run, fetched_at="2026-01-01T00:00:00+00:00")
        for n, (story, _) in enumerate(stories):
            ids[story.key] = db.conn.execute("SELECT id FROM articles WHERE url = ?",
                                             (f"http://bench/news/{n}.html",)).fetchone()[0]
    return ids


def clusters(path: Path) -> dict[int, int]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT article_id, cluster_id FROM reprints"))
    finally:
        conn.close()


@dataclass
class Score:
    pairs: int = 0
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


def score(stories: list[tuple[Story, int]], ids: dict[str, int],
          cluster_of: dict[int, int]) -> dict[str, Score]:
    """Per variant label, and in total: each variant against its original."""
    def together(a: str, b: str) -> bool:
        ca, cb = cluster_of.get(ids[a]), cluster_of.get(ids[b])
        return ca is not None and ca == cb

    scores: dict[str, Score] = {}
    for story, _ in stories:
        if story.label == "original":
            continue
        original = story.key.rsplit("-", 1)[0]
        matched = together(story.key, original)
        for label in (story.label, "all"):
            entry = scores.setdefault(label, Score())
            entry.pairs += 1
            if story.reprint_of and matched:
                entry.true_positive += 1
            elif story.reprint_of:
                entry.false_negative += 1
            elif matched:
                entry.false_positive += 1
    return scores


def band_matching(stored: int) -> float:
    """Seconds to find the candidates of 200 new articles among `stored` others:
    what each crawl pays at the end, beyond signing its new articles."""
    rng = np.random.default_rng(1)
    signatures = rng.integers(0, 2**32 - 1, (stored + 200, NUM_PERM), dtype=np.uint32)
    started = time.perf_counter()
    _candidates(signatures, first_new=stored)
    return time.perf_counter() - started


def run(count: int, seed: int, stored: int) -> None:
    stories = generated_stories(count, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        ids = archive_of(stories, path)
        conn = sqlite3.connect(path, isolation_level=None)
        started = time.perf_counter()
        result = update_reprints(conn)
        first = time.perf_counter() - started
        started = time.perf_counter()
        update_reprints(conn)  # nothing new: what a crawl with no new article pays
        again = time.perf_counter() - started
        conn.close()
        scores = score(stories, ids, clusters(path))
    print(f"{count} stories, {len(stories)} articles; update {first:.2f} s "
          f"({result.pairs} verified pairs, {result.clustered} articles clustered), "
          f"an update with nothing new {again * 1000:.0f} ms")
    print(f"matching the LSH bands of 200 new articles against {stored:,} stored "
          f"signatures: {band_matching(stored) * 1000:.0f} ms")
    print(f"{'variant':32} {'pairs':>6} {'found':>6} {'precision':>9} {'recall':>7}")
    for label in sorted(scores, key=lambda name: (name == "all", name)):
        s = scores[label]
        print(f"{label:32} {s.pairs:>6} {s.true_positive + s.false_positive:>6} "
              f"{s.precision:>9.3f} {s.recall:>7.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stored", type=int, default=200_000,
                        help="archive size for the band-matching time (default: %(default)s)")
    args = parser.parse_args()
    run(args.stories, args.seed, args.stored)


if __name__ == "__main__":
    main()
