"""The CRC-32 of each of a text's character n-grams, computed with numpy.

Signing an article for reprints (reprints.signature) made a set of Python strings of
its every 3-, 4- and 5-gram, about 2.5 ms for a page of text, and hashed each with
zlib.crc32, 0.6 ms more: that was most of a 10,000-article crawl's time at its end.
Here the grams are never made: a longer gram continues its shorter one's CRC, for all
of them at once. Text of the Basic Multilingual Plane (every Chinese page) prepends a
character to the gram after it with one table look-up, since a CRC is linear: the CRC of
character c then g is that of c carried through g's bytes, xor g's (table: 4 MB, made
the first time a worker signs). Other text runs the byte-wise table CRC, a byte of each
character at a time (0.1 ms a page against 0.04).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache

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
    return point_gram_crc32s(np.frombuffer(text.encode("utf-32-le"), dtype="<u4"), sizes)


def point_gram_crc32s(points: np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """gram_crc32s of the text of these code points (no surrogates)."""
    if len(points) < min(sizes):
        return np.zeros(0, dtype=np.uint32)
    if int(points.max()) < _BMP_END:
        return _bmp_gram_crc32s(points, sizes)
    return _bytewise_gram_crc32s(points.tobytes().decode("utf-32-le"), sizes)


# Whether each code point is a letter or digit (str.isalnum: what the regex class [\W_]
# leaves), filled in for the code points of the texts seen: a worker meets a few thousand.
_KNOWN = np.zeros(0x110000, dtype=bool)
_ALNUM = np.zeros(0x110000, dtype=bool)


def letters_and_digits(text: str) -> np.ndarray:
    r"""The code points of `text` but spaces, punctuation and `_`: re.sub(r"[\W_]+", "",
    text), by table (a regex tests every character: three times slower on a body)."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    unknown = points[~_KNOWN[points]]
    if len(unknown):
        for point in np.unique(unknown).tolist():
            _ALNUM[point] = chr(point).isalnum()
        _KNOWN[unknown] = True
    return points[_ALNUM[points]]


_BMP_END = 0x10000  # the code points of 1 to 3 UTF-8 bytes


@cache
def _bmp_tables(longest: int) -> tuple[np.ndarray, int, np.ndarray]:
    """For grams of up to `longest` BMP characters: `prepended`, the CRC register (started
    at 0, not inverted) after the UTF-8 bytes of a code point and s zero bytes, s up to the
    bytes of `longest - 1` characters, at code point * stride + s (a code point's registers
    side by side: a gram's first character is looked up for every gram size, and its
    registers are then one cache line, 16 of them for grams of up to 5 characters), with
    that stride; and `to_zlib`, what turns such a register after L bytes into zlib's CRC
    (its initial all-ones carried through L bytes, and the final inversion)."""
    points = np.arange(_BMP_END, dtype=np.uint32)
    width = 1 + (points >= 0x80).astype(np.uint32) + (points >= 0x800)
    lead = np.where(width == 1, points, np.where(width == 2, 0xC0 | (points >> 6), 0xE0 | (points >> 12)))
    middle = np.where(width == 2, 0x80 | (points & 0x3F), 0x80 | ((points >> 6) & 0x3F))
    register = np.zeros(_BMP_END, dtype=np.uint32)
    for k, byte in enumerate((lead, middle, 0x80 | (points & 0x3F))):
        register = np.where(k < width, _TABLE[(register ^ byte) & 0xFF] ^ (register >> 8), register)
    most_bytes = 3 * (longest - 1)
    stride = 1 << most_bytes.bit_length()  # more than most_bytes
    prepended = np.zeros((_BMP_END, stride), dtype=np.uint32)
    prepended[:, 0] = register
    for shift in range(1, most_bytes + 1):  # one zero byte more
        previous = prepended[:, shift - 1]
        prepended[:, shift] = _TABLE[previous & 0xFF] ^ (previous >> 8)
    to_zlib = np.empty(3 * longest + 1, dtype=np.uint32)
    carried = 0xFFFFFFFF  # the initial register, carried through one zero byte more each time
    for length in range(len(to_zlib)):
        to_zlib[length] = carried ^ 0xFFFFFFFF
        carried = int(_TABLE[carried & 0xFF]) ^ (carried >> 8)
    return prepended.ravel(), stride, to_zlib


def _bmp_gram_crc32s(points: np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """gram_crc32s of a text of these code points, all below _BMP_END: each gram's register
    is its first character's carried through the bytes of the rest, xor the rest's."""
    prepended, stride, to_zlib = _bmp_tables(max(sizes))
    length = len(points)
    width = 1 + (points >= 0x80).view(np.uint8) + (points >= 0x800).view(np.uint8)
    offsets = np.zeros(length + 1, dtype=np.intp)  # where each character's bytes begin
    np.cumsum(width, out=offsets[1:])
    row = points.astype(np.intp) * stride  # where each code point's registers begin
    register = prepended.take(row)  # of each 1-gram
    found = [register ^ to_zlib.take(width)] if 1 in sizes else []
    for n in range(2, max(sizes) + 1):
        count = length - n + 1
        if count <= 0:
            break
        index = offsets[n:n + count] - offsets[1:1 + count]  # the bytes after each gram's first character
        index += row[:count]
        register = prepended.take(index) ^ register[1:1 + count]
        if n in sizes:
            found.append(register ^ to_zlib.take(offsets[n:n + count] - offsets[:count]))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.uint32)


def _bytewise_gram_crc32s(text: str, sizes: Sequence[int]) -> np.ndarray:
    """gram_crc32s of any text: a table-driven CRC over every gram at once, a byte of
    each character at a time."""
    length = len(text)
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
