"""The faster reprint signing changes no result: the numpy n-gram CRCs and the signature are
exactly what the plain Python definitions give on any text (hypothesis: ASCII, CJK, astral
characters, NFKC forms), the similarity bound never rules out a reprint, and signatures
made by the crawl's workers are the ones the update would make."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import unicodedata
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.store import reprints
from newsarchive.store.ngrams import gram_crc32s, gram_keys, letters_and_digits

# Characters of every UTF-8 length, full-width forms NFKC folds, punctuation the cleaning drops.
_ALPHABET = st.sampled_from(list("ab1 ，。、！é中文新闻曲阜济宁ＡＢ１２😀𠀀\u3000-_\n") + ["\u00a0", "ｶ"])
texts = st.text(alphabet=_ALPHABET, max_size=60) | st.text(max_size=40)
# Bodies that share much or little: pieces of one text, so that overlaps are common.
_PIECES = st.lists(st.sampled_from(["曲阜市召开", "安全生产", "工作会议", "abc", "ＡＢＣ", "2015年", "，", "😀中", "新闻"]),
                   max_size=30).map("".join)


# Characters all of one UTF-8 width (all ASCII, all CJK, all astral): no byte needs a mask.
_ONE_WIDTH = st.sampled_from(["ab1-_ ", "中文新闻曲阜，", "😀𠀀𪚥"]).flatmap(
    lambda chars: st.text(alphabet=st.sampled_from(list(chars)), max_size=40))


@settings(max_examples=300, deadline=None)
@given(texts | _ONE_WIDTH, st.sampled_from([(1,), (3,), (3, 4, 5), (1, 2, 3, 4, 5, 6)]))
def test_gram_crc32s_are_zlib_crc32_of_each_gram(text: str, sizes: tuple[int, ...]) -> None:
    expected = sorted(zlib.crc32(text[i:i + n].encode("utf-8")) for n in sizes for i in range(len(text) - n + 1))
    assert sorted(gram_crc32s(text, sizes).tolist()) == expected


# The code points where UTF-8 changes width, and the last of the BMP: a BMP text's CRCs come
# from a table of every code point, any other text's from its bytes.
_WIDTH_EDGES = st.sampled_from(["\x00", "\x7f", "\x80", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff", "中", "😀"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_WIDTH_EDGES, max_size=30), st.sampled_from([(1,), (3, 4, 5), (1, 2, 3, 4, 5, 6)]))
def test_gram_crc32s_are_zlib_crc32_at_the_utf8_width_edges(text: str, sizes: tuple[int, ...]) -> None:
    expected = sorted(zlib.crc32(text[i:i + n].encode("utf-8")) for n in sizes for i in range(len(text) - n + 1))
    assert sorted(gram_crc32s(text, sizes).tolist()) == expected


@settings(max_examples=300, deadline=None)
@given(texts | _PIECES, st.sampled_from([(3,), (3, 4, 5), (1, 2, 3, 4, 5, 6)]))
def test_gram_keys_are_a_function_of_the_gram_and_exact_up_to_three_characters(
        text: str, sizes: tuple[int, ...]) -> None:
    grams = [text[i:i + n] for n in sizes for i in range(len(text) - n + 1)]
    keys = gram_keys(text, sizes).tolist()
    assert len(keys) == len(grams)
    key_of: dict[str, int] = {}
    for gram, key in zip(grams, keys, strict=True):  # in the order of `sizes`, then of position
        assert key_of.setdefault(gram, key) == key
        if len(gram) <= 3:  # its code points side by side, 21 bits each
            assert key == sum(ord(char) << 21 * (len(gram) - 1 - i) for i, char in enumerate(gram))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_the_signature_is_datasketchs_over_the_shingle_strings(body: str) -> None:
    reference = MinHash(num_perm=reprints.NUM_PERM, hashfunc=zlib.crc32, scheme=reprints.SCHEME)
    reference.update_batch([gram.encode("utf-8") for gram in reprints.shingles(body)])
    signature = reprints.signature(body)
    assert signature.dtype == reference.hashvalues.dtype
    assert np.array_equal(signature, reference.hashvalues)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from([80, 3, 6_000, 0, 40]), min_size=2, max_size=6), st.integers(0, 2**32))
def test_signatures_made_one_after_another_are_each_datasketchs(lengths: list[int], seed: int) -> None:
    """The signature reuses a buffer between bodies (and numpy's own memory for a body of
    more grams than it holds, 6,000 characters): no body's grams reach the next's minimum."""
    # The characters from a seeded generator, not hypothesis's own: 6,000 draws from its
    # data stream exceed what it lets an example use (a failed health check).
    draw = random.Random(seed)
    for length in lengths:
        body = "".join(draw.choice("曲阜市召开安全生产工作会议abc，1") for _ in range(length))
        reference = MinHash(num_perm=reprints.NUM_PERM, hashfunc=zlib.crc32, scheme=reprints.SCHEME)
        reference.update_batch([gram.encode("utf-8") for gram in reprints.shingles(body)])
        assert np.array_equal(reprints.signature(body), reference.hashvalues)


def test_the_permutations_and_bands_are_datasketchs() -> None:
    reference = MinHash(num_perm=reprints.NUM_PERM, scheme=reprints.SCHEME, seed=reprints.SEED)
    assert np.array_equal(reprints._PERMUTATIONS, reference.permutations)
    lsh = MinHashLSH(threshold=reprints.THRESHOLD, num_perm=reprints.NUM_PERM)
    assert reprints._BANDS == (lsh.b, lsh.r)


def test_the_archive_code_runs_without_loading_datasketch_or_scipy() -> None:
    """datasketch loads scipy (half a second of every command's start): it is a test tool."""
    code = ("import sys, newsarchive.store.reprints, newsarchive.pipelines.store, newsarchive.pipelines.extract;"
            "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"




# Full-width marks beside combining marks, which compose with what stands before them.
_MARKS_AND_COMBINING = st.text(alphabet=st.sampled_from(list("，！？：；（）,e中カｶ\u0301\u0308\u3099\u309a\u0327 ")),
                               max_size=40)


@settings(max_examples=400, deadline=None)
@given(texts | _MARKS_AND_COMBINING)
def test_comparable_text_is_the_nfkc_fold_without_spaces_and_punctuation(body: str) -> None:
    assert reprints.comparable_text(body) == re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", body))


@settings(max_examples=400, deadline=None)
@given(texts | _MARKS_AND_COMBINING | st.text(max_size=60) | st.text(st.characters(codec="utf-8"), max_size=60))
def test_comparable_points_are_the_comparable_texts(body: str) -> None:
    """What the signature hashes, by table, is comparable_text's regex result, for any
    character (astral, surrogate, digits of other scripts, `_`) met first or again."""
    expected = reprints.comparable_text(body)
    for _ in range(2):  # the table is filled in on first sight
        assert reprints.comparable_points(body).tobytes().decode("utf-32-le") == expected


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_letters_and_digits_are_what_the_regex_class_leaves(text: str) -> None:
    """[\\W_]+ drops all but str.isalnum, lone surrogates too."""
    points = letters_and_digits(text).tolist()
    assert points == [ord(char) for char in text if char.isalnum()]
    assert "".join(map(chr, points)) == re.sub(r"[\W_]+", "", text)
    assert letters_and_digits(f"{text}\ud800_\U00020000").tolist()[len(points):] == [0x20000]


@settings(max_examples=300, deadline=None)
@given(_PIECES | texts, _PIECES | texts)
def test_the_similarity_bound_is_never_below_the_jaccard_similarity(a: str, b: str) -> None:
    exact = reprints.jaccard(reprints.shingles(a), reprints.shingles(b))
    assert reprints.similarity_bound(reprints.counted_keys(a), reprints.counted_keys(b)) >= exact


def test_the_similarity_bound_is_exact_without_key_collisions() -> None:
    a, b = "曲阜市召开安全生产工作会议部署夏季工作", "曲阜市召开安全生产工作会议部署秋季工作"
    bound = reprints.similarity_bound(reprints.counted_keys(a), reprints.counted_keys(b))
    assert bound == reprints.jaccard(reprints.shingles(a), reprints.shingles(b)) > 0.5


def test_an_update_takes_the_signatures_made_with_the_articles(tmp_path) -> None:
    """The crawl's workers sign each body (presign); the update at the end stores those
    signatures instead of signing again, and they are the ones it would have made."""
    import sqlite3

    from benchmarks.reprints import StoryWriter
    from newsarchive.store import ArchiveDB
    from tests.test_reprints import save

    writer = StoryWriter(3)
    original = writer.story("s", topic=3, place="曲阜")
    reprint, *_ = writer.variants(original, 3, "曲阜")
    bodies = {1: original.paragraphs, 2: reprint.paragraphs, 3: ["短讯。"]}
    signatures = {}
    for name in ("signed_at_the_end", "presigned"):
        path = tmp_path / f"{name}.db"
        with ArchiveDB(path) as db:
            run = db.start_run(base_url="http://h", channels=["jining/qufu"], version="t", options={})
            for n, paragraphs in bodies.items():
                save(db, run, n, paragraphs, day=n)
        conn = sqlite3.connect(path, isolation_level=None)
        content = dict(conn.execute("SELECT id, content_hash FROM articles"))
        presigned = {content[n]: signed for n, p in bodies.items()
                     if (signed := reprints.presign("\n".join(p))) is not None}
        result = reprints.update_reprints(conn, presigned=presigned if name == "presigned" else None)
        signatures[name] = conn.execute("SELECT article_id, signature FROM reprint_signatures ORDER BY 1").fetchall()
        assert (result.signed, result.pairs, result.clustered) == (3, 1, 2)
        conn.close()
    assert signatures["presigned"] == signatures["signed_at_the_end"]
    assert len(presigned) == 2 and reprints.presign("短讯。") is None  # too short to compare

