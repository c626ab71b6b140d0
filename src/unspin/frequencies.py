"""English word frequencies, equal to wordfreq's, without loading wordfreq at start.

Importing wordfreq and reading its English list (321,000 words into a dict) took a
fifth of a second, most of a short run. Its answers are kept instead in a sorted table
in the cache (:mod:`unspin.cache`), built on first use and read in a millisecond.

Every value is wordfreq's own: for a word of the table, the one it returned when the
table was built; for a word of ASCII lowercase letters outside it, the one it returns
for any such word (wordfreq tokenizes such a word as itself, so it only looks the
word up, and finds nothing); for any other word, wordfreq is asked (imported then).

Table layout (little-endian): ``MAGIC``; uint32 ``N`` (words), ``M`` (distinct values),
``B`` (bytes of words); float64 frequency ``[M]``; float64 Zipf frequency ``[M]``;
uint32 word offsets ``[N + 1]``; uint32 value ids ``[N]``; the words, UTF-8, sorted by
their bytes and concatenated (``B`` bytes). Value id 0 is an absent simple word's.
"""

from __future__ import annotations

import struct
import sys
import threading
from array import array
from types import ModuleType

from . import cache

MAGIC = b"UNSPIN-FREQUENCIES-2\n"
_LANG = "en"


def word_frequency(word: str) -> float:
    """``wordfreq.word_frequency(word, "en")``."""
    found = _value(word)
    return found[0] if found is not None else _wordfreq().word_frequency(word, _LANG)


def zipf_frequency(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")``."""
    found = _value(word)
    return found[1] if found is not None else _wordfreq().zipf_frequency(word, _LANG)


def simple(word: str) -> bool:
    """Whether wordfreq's only work on ``word`` is to look it up: ASCII lowercase letters."""
    return word.isascii() and word.isalpha() and word.islower()


class Table:
    """The frequencies of a table's words, and of the simple words outside it."""

    __slots__ = ("_blob", "_frequency", "_ids", "_offsets", "_zipf", "data")

    def __init__(self, data: bytes | memoryview) -> None:
        self.data = data  # as the cache keeps it
        if bytes(data[: len(MAGIC)]) != MAGIC:
            raise ValueError("not an unspin frequency table")
        at = len(MAGIC)
        n, m, b = struct.unpack_from("<III", data, at)
        at += 12

        def take(code: str, count: int) -> array:
            nonlocal at
            part = array(code)
            size = part.itemsize * count
            part.frombytes(data[at : at + size])
            at += size
            if len(part) != count:
                raise ValueError("truncated frequency table")
            if sys.byteorder != "little":
                part.byteswap()
            return part

        self._frequency = take("d", m)
        self._zipf = take("d", m)
        self._offsets = take("I", n + 1)
        self._ids = take("I", n)
        self._blob = bytes(data[at:])
        if len(self._blob) != b or self._offsets[n] != b or m == 0:
            raise ValueError("damaged frequency table")
        if max(self._ids, default=0) >= m:
            raise ValueError("damaged frequency table")

    def value(self, word: str) -> tuple[float, float] | None:
        """``(frequency, Zipf frequency)`` of ``word``, or None if wordfreq must say."""
        try:
            key = word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, from surrogateescape
            return None
        blob, offsets = self._blob, self._offsets
        lo, hi = 0, len(self._ids)
        while lo < hi:
            mid = (lo + hi) // 2
            if blob[offsets[mid] : offsets[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._ids) and blob[offsets[lo] : offsets[lo + 1]] == key:
            i = self._ids[lo]
        elif simple(word):
            i = 0
        else:
            return None
        return self._frequency[i], self._zipf[i]


def build() -> bytes:
    """The table of wordfreq's English list, as wordfreq answers for each word."""
    wordfreq = _wordfreq()
    listed = wordfreq.get_frequency_dict(_LANG)
    absent = "zq"
    while absent in listed:
        absent += "q"

    def ask(word: str) -> tuple[float, float]:
        return wordfreq.word_frequency(word, _LANG), wordfreq.zipf_frequency(word, _LANG)

    values: dict[tuple[float, float], int] = {ask(absent): 0}
    # A simple word's value depends on its listed frequency alone: ask for one per band.
    by_band: dict[float, tuple[float, float]] = {}
    keys = sorted((w.encode("utf-8"), w) for w in listed)
    offsets, ids, blob = array("I", [0]), array("I"), bytearray()
    for key, word in keys:
        if simple(word):
            band = listed[word]
            if band not in by_band:
                by_band[band] = ask(word)
            value = by_band[band]
        else:
            value = ask(word)
        ids.append(values.setdefault(value, len(values)))
        blob += key
        offsets.append(len(blob))
    frequency = array("d", (f for f, _ in values))
    zipf = array("d", (z for _, z in values))
    parts = [frequency, zipf, offsets, ids]
    if sys.byteorder != "little":
        for part in parts:
            part.byteswap()
    header = MAGIC + struct.pack("<III", len(ids), len(values), len(blob))
    return header + b"".join(p.tobytes() for p in parts) + bytes(blob)


_lock = threading.Lock()
_table: Table | None = None
_loaded = False


def _value(word: str) -> tuple[float, float] | None:
    global _table, _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                if cache.folder() is not None:  # without a cache, wordfreq answers all
                    digest = cache.key([b"frequencies", MAGIC])
                    _table = cache.cached(
                        "frequencies", digest, lambda: Table(build()), Table, _data
                    )
                _loaded = True
    return None if _table is None else _table.value(word)


def _data(table: Table) -> bytes | memoryview:
    return table.data


def _wordfreq() -> ModuleType:
    import wordfreq  # a fifth of a second: only for words the table cannot answer

    return wordfreq
