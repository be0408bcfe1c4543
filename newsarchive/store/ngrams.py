"""The CRC-32 of each of a text's character n-grams, computed with numpy.

Signing an article for reprints (reprints.signature) made a set of Python strings of
its every 3-, 4- and 5-gram, about 2.5 ms for a page of text, and hashed each with
zlib.crc32, 0.6 ms more: that was most of a 10,000-article crawl's time at its end.
Here the grams are never made: a table-driven CRC runs over all of them at once, a
character at a time, and a longer gram continues its shorter one's CRC.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np


def _crc_table() -> np.ndarray:
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ np.uint32(0xEDB88320), table >> 1)
    return table.astype(np.uint32)


_TABLE = _crc_table()
_ALL_ONES = np.uint32(0xFFFFFFFF)
_LOW_BYTE = 0 if sys.byteorder == "little" else 3  # where a uint32's lowest byte lies in memory


def gram_crc32s(text: str, sizes: Sequence[int]) -> np.ndarray:
    """zlib.crc32(gram.encode("utf-8")) of every `text[i:i + n]`, n in `sizes`
    (sizes ascending from 1 up), in no particular order, repeats kept."""
    length = len(text)
    if length < min(sizes):
        return np.zeros(0, dtype=np.uint32)
    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    starts = np.flatnonzero((data & 0xC0) != 0x80)  # where each character's bytes begin
    char_bytes = np.diff(starts, append=len(data))
    padded = np.concatenate((data, np.zeros(4, dtype=np.uint8)))
    # Bytes every character has need no mask: the text's narrowest character says how many
    # (one bound for every gram size: a mask where each character has the byte changes nothing).
    narrowest, widest = int(char_bytes.min()), int(char_bytes.max())
    # each character's k-th byte (past its end: a byte not used) and whether it has one,
    # taken once for every gram size
    byte_k = [padded[starts + k] for k in range(widest)]
    has_k = [k < char_bytes for k in range(widest)]
    crc = np.full(length, _ALL_ONES, dtype=np.uint32)  # crc[i]: the running CRC of text[i:i + n]
    found = []
    for n in range(1, max(sizes) + 1):
        count = length - n + 1
        if count <= 0:
            break
        crc = crc[:count]
        for k in range(widest):  # the bytes of the character that extends each gram to n
            step = _TABLE.take(crc.view(np.uint8)[_LOW_BYTE::4] ^ byte_k[k][n - 1:])  # CRC's low byte: a view
            step ^= crc >> 8
            crc = step if k < narrowest else np.where(has_k[k][n - 1:], step, crc)
        if n in sizes:
            found.append(crc ^ _ALL_ONES)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.uint32)



_CODE_POINT_BITS = 21  # every code point is below 0x110000 = 2**20.09
_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd 64-bit multiplier (2**64 over the golden ratio)


def gram_keys(text: str, sizes: Sequence[int]) -> np.ndarray:
    """A 64-bit key of every `text[i:i + n]`, n in `sizes` (ascending from 1 up), in no
    particular order, repeats kept. The same gram always has the same key; a gram of up
    to 3 characters is its key exactly (its code points side by side), a longer one is
    hashed (multiply and add, wrapping). Comparing texts by keys needs no CRC over bytes:
    a few array operations in all."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.uint64)
    key = codes
    found = [key] if 1 in sizes else []
    for n in range(2, max(sizes) + 1):
        if len(key) < 2:
            break
        if n <= 64 // _CODE_POINT_BITS:
            key = (key[:-1] << np.uint64(_CODE_POINT_BITS)) | codes[n - 1:]
        else:
            key = key[:-1] * _MIX + codes[n - 1:]
        if n in sizes:
            found.append(key)
    return np.concatenate(found) if found else np.zeros(0, dtype=np.uint64)
