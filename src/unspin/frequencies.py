"""English word frequencies, equal to wordfreq's, without loading wordfreq at start.

Importing wordfreq and reading its English list (321,000 words into a dict) took a
fifth of a second, most of a short run. Its answers are kept instead in a sorted table
in the cache (:mod:`unspin.cache`), built on first use and read in a millisecond.

Every value is wordfreq's own: for a word of the table, the one it returned when the
table was built; for a word of ASCII lowercase letters outside it, the one it returns
for any such word (wordfreq tokenizes such a word as itself, so it only looks the
word up, and finds nothing); for any other word ("low-cost", "2025", "radisson's",
"café"), wordfreq's own computation, its list's entries looked up in the table: for a
plain word (:mod:`unspin.compounds`) as wordfreq 3 computes it, if the table found that
the installed wordfreq does (checked when it is built), otherwise with wordfreq's
tokenizer and number estimates (imported then). wordfreq's list (40 MB in memory, a
tenth of a second to read) is read only to build the table, or when there is none (no
cache).

Table layout (little-endian): ``MAGIC``; uint32 ``N`` (words), ``M`` (distinct values),
``B`` (bytes of words), ``F`` (flags: 1 if plain words are computed here);
float64 frequency ``[M]``; float64 Zipf frequency ``[M]``;
uint32 word offsets ``[N + 1]``; uint32 value ids ``[N]``; uint16 bands ``[N]`` (the
word's place in wordfreq's list: its frequency in centibels below 1); the words, UTF-8,
sorted by their bytes and concatenated (``B`` bytes). Value id 0 is an absent simple
word's.
"""

from __future__ import annotations

import struct
import sys
import threading
from array import array
from types import ModuleType

from . import cache, compounds

MAGIC = b"UNSPIN-FREQUENCIES-4\n"
_LANG = "en"


def word_frequency(word: str) -> float:
    """``wordfreq.word_frequency(word, "en")``."""
    found = _value(word)
    return found[0] if found is not None else _other(word)[0]


def zipf_frequency(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en")``."""
    found = _value(word)
    return found[1] if found is not None else _other(word)[1]


def simple(word: str) -> bool:
    """Whether wordfreq's only work on ``word`` is to look it up: ASCII lowercase letters."""
    return word.isascii() and word.isalpha() and word.islower()


class Table:
    """The frequencies of a table's words, and of the simple words outside it."""

    __slots__ = ("_bands", "_blob", "_frequency", "_ids", "_offsets", "_zipf", "data", "plain")

    def __init__(self, data: bytes | memoryview) -> None:
        self.data = data  # as the cache keeps it
        if bytes(data[: len(MAGIC)]) != MAGIC:
            raise ValueError("not an unspin frequency table")
        at = len(MAGIC)
        n, m, b, flags = struct.unpack_from("<IIII", data, at)
        at += 16
        #: Whether plain words are computed here (unspin.compounds): wordfreq agreed.
        self.plain = bool(flags & 1)

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
        self._bands = take("H", n)
        self._blob = bytes(data[at:])
        if len(self._blob) != b or self._offsets[n] != b or m == 0:
            raise ValueError("damaged frequency table")
        if max(self._ids, default=0) >= m:
            raise ValueError("damaged frequency table")

    def value(self, word: str) -> tuple[float, float] | None:
        """``(frequency, Zipf frequency)`` of ``word``, or None if wordfreq must say."""
        at = self._find(word)
        if at is not None:
            i = self._ids[at]
        elif simple(word):
            i = 0
        else:
            return None
        return self._frequency[i], self._zipf[i]

    def band(self, token: str) -> int | None:
        """The place of ``token`` in wordfreq's list (its centibels below 1), or None
        if the list does not hold it."""
        at = self._find(token)
        return None if at is None else self._bands[at]

    def _find(self, word: str) -> int | None:
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
            return lo
        return None


def build() -> bytes:
    """The table of wordfreq's English list, as wordfreq answers for each word."""
    wordfreq = _wordfreq()
    listed = wordfreq.get_frequency_dict(_LANG)
    bands = {w: i for i, bucket in enumerate(wordfreq.get_frequency_list(_LANG)) for w in bucket}
    absent = "zq"
    while absent in listed:
        absent += "q"

    def ask(word: str) -> tuple[float, float]:
        return wordfreq.word_frequency(word, _LANG), wordfreq.zipf_frequency(word, _LANG)

    values: dict[tuple[float, float], int] = {ask(absent): 0}
    # A simple word's value depends on its listed frequency alone: ask for one per band.
    by_band: dict[float, tuple[float, float]] = {}
    keys = sorted((w.encode("utf-8"), w) for w in listed)
    offsets, ids, places, blob = array("I", [0]), array("I"), array("H"), bytearray()
    for key, word in keys:
        if simple(word):
            band = listed[word]
            if band not in by_band:
                by_band[band] = ask(word)
            value = by_band[band]
        else:
            value = ask(word)
        ids.append(values.setdefault(value, len(values)))
        places.append(bands[word])
        blob += key
        offsets.append(len(blob))
    frequency = array("d", (f for f, _ in values))
    zipf = array("d", (z for _, z in values))
    parts = [frequency, zipf, offsets, ids, places]
    if sys.byteorder != "little":
        for part in parts:
            part.byteswap()
    body = b"".join(p.tobytes() for p in parts) + bytes(blob)
    header = MAGIC + struct.pack("<IIII", len(ids), len(values), len(blob), 0)
    table = Table(header + body)
    agreed = all(_computed(table, w, compounds.tokens(w)) == ask(w) for w in _probes())
    header = MAGIC + struct.pack("<IIII", len(ids), len(values), len(blob), int(agreed))
    return header + body


def _probes() -> list[str]:
    """Plain words whose values the table's build checks against wordfreq's."""
    figures = [str(n) for n in (*range(0, 100), *range(100, 10_000, 37), *range(1900, 2100))]
    figures += ["0" * k for k in range(2, 7)] + ["1" * k for k in range(5, 25)]
    joined = [
        "low-cost", "year-over-year", "5-4", "82-18", "124-123", "2024-2025", "18th",
        "131st", "f1", "3rd-and-6", "8-year-old", "high-6", "4-nanometer", "covid-19",
        "zzqqx-cost", "a-b-c", "x1y2", "007", "1990s", "mid-2020s",
    ]  # fmt: skip
    possessives = [
        "radisson's", "employees'", "company's", "it's", "kids'", "teams'", "americans'",
        "zzqqx's", "s's", "us'", "o's", "year's", "ceo's",
    ]  # fmt: skip
    return figures + joined + possessives


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


def _other(word: str) -> tuple[float, float]:
    """``(frequency, Zipf frequency)`` of a word the table does not answer."""
    table = _table
    if table is None:
        wordfreq = _wordfreq()
        return wordfreq.word_frequency(word, _LANG), wordfreq.zipf_frequency(word, _LANG)
    plain = compounds.tokens(word) if table.plain else None
    return _computed(table, word, plain)


def _computed(table: Table, word: str, plain: list[str] | None) -> tuple[float, float]:
    """wordfreq's ``_word_frequency`` (3.x) of ``word``, its list's entries looked up in
    ``table``: with the tokens and figure estimates of :mod:`unspin.compounds` for a
    ``plain`` word, else with wordfreq's own."""
    if plain is not None:
        tokens, smash, share = plain, compounds.smashed, compounds.figure_share
    else:
        wordfreq = _wordfreq()
        tokens = wordfreq.lossy_tokenize(word, _LANG)
        smash, share = wordfreq.smash_numbers, wordfreq.digit_freq
    one_over = 0.0
    for token in tokens:
        smashed = smash(token)
        band = table.band(smashed)
        if band is None:  # one token the list does not hold: the minimum
            one_over = 0.0
            break
        freq = compounds.band_frequency(band)
        if smashed != token:
            freq *= share(token)
        one_over += 1.0 / freq
    found = 1.0 / one_over if one_over else None
    zipf = compounds.zipf(compounds.rounded(found, compounds.ZIPF_FLOOR))
    return compounds.rounded(found, 0.0), round(zipf, 2)


def _data(table: Table) -> bytes | memoryview:
    return table.data


def _wordfreq() -> ModuleType:
    import wordfreq  # a tenth of a second: only for words the table cannot answer

    return wordfreq
