"""The numpy n-gram CRCs and the reprint signature give exactly what the plain Python
definitions give, on any text (hypothesis: ASCII, CJK, astral characters, NFKC forms)."""

from __future__ import annotations

import zlib

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.store import reprints
from newsarchive.store.ngrams import gram_crc32s

# Characters of every UTF-8 length, full-width forms NFKC folds, punctuation the cleaning drops.
_ALPHABET = st.sampled_from(list("ab1 ，。、！é中文新闻曲阜济宁ＡＢ１２😀𠀀\u3000-_\n") + ["\u00a0", "ｶ"])
texts = st.text(alphabet=_ALPHABET, max_size=60) | st.text(max_size=40)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from([(1,), (3,), (3, 4, 5), (1, 2, 3, 4, 5, 6)]))
def test_gram_crc32s_are_zlib_crc32_of_each_gram(text: str, sizes: tuple[int, ...]) -> None:
    expected = sorted(zlib.crc32(text[i:i + n].encode("utf-8")) for n in sizes for i in range(len(text) - n + 1))
    assert sorted(gram_crc32s(text, sizes).tolist()) == expected


@settings(max_examples=200, deadline=None)
@given(texts)
def test_the_signature_is_datasketchs_over_the_shingle_strings(body: str) -> None:
    reference = MinHash(num_perm=reprints.NUM_PERM, hashfunc=zlib.crc32, scheme=reprints.SCHEME)
    reference.update_batch([gram.encode("utf-8") for gram in reprints.shingles(body)])
    assert np.array_equal(reprints.signature(body).hashvalues, reference.hashvalues)


# Bodies that share much or little: pieces of one text, so that overlaps are common.
_PIECES = st.lists(st.sampled_from(["曲阜市召开", "安全生产", "工作会议", "abc", "ＡＢＣ", "2015年", "，", "😀中", "新闻"]),
                   max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PIECES | texts, _PIECES | texts)
def test_the_similarity_bound_is_never_below_the_jaccard_similarity(a: str, b: str) -> None:
    exact = reprints.jaccard(reprints.shingles(a), reprints.shingles(b))
    assert reprints.similarity_bound(reprints.counted_crc32s(a), reprints.counted_crc32s(b)) >= exact


def test_the_similarity_bound_is_exact_without_crc_collisions() -> None:
    a, b = "曲阜市召开安全生产工作会议部署夏季工作", "曲阜市召开安全生产工作会议部署秋季工作"
    bound = reprints.similarity_bound(reprints.counted_crc32s(a), reprints.counted_crc32s(b))
    assert bound == reprints.jaccard(reprints.shingles(a), reprints.shingles(b)) > 0.5
