"""A backoff bigram model (ARPA style) read from a compact file.

``P(w | prev)`` is the bigram's own probability when the model holds the pair, else
``bo(prev) * P(w)``: Katz backoff, as an ARPA file states it. The file holds the vocabulary,
each word's unigram log probability and backoff weight, and the bigrams as one sorted
row of successor ids per word (CSR), their log probabilities quantised to
:data:`STEP` nats.

Layout (little-endian): ``MAGIC``; uint32 ``V`` (words), ``N`` (bigrams), ``B`` (bytes of
the vocabulary); the vocabulary, ``B`` bytes of UTF-8 words joined by ``\\n`` in id
order; float32 unigram ``[V]``; float32 backoff ``[V]``; uint32 row offsets ``[V + 1]``;
uint32 successor ids ``[N]``; uint8 quantised ``-log P / STEP`` ``[N]``.
"""

from __future__ import annotations

import mmap
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path

MAGIC = b"UNSPIN-BACKOFF-1\n"
#: Quantisation step of the bigram log probabilities, in nats (error <= STEP / 2).
STEP = 0.1


def write_model(
    path: Path,
    words: list[str],
    unigram: list[float],
    backoff: list[float],
    bigrams: dict[tuple[int, int], float],
) -> None:
    """Write a model: ``words`` in id order, their natural-log unigram probabilities and
    backoff weights, and ``(prev id, word id) -> natural-log P(word | prev)``."""
    if len(words) != len(unigram) or len(words) != len(backoff):
        raise ValueError("words, unigram and backoff must have the same length")
    rows: list[list[tuple[int, float]]] = [[] for _ in words]
    for (a, b), logp in bigrams.items():
        rows[a].append((b, logp))
    offsets, successors, quantised = array("I", [0]), array("I"), array("B")
    for row in rows:
        for b, logp in sorted(row):
            successors.append(b)
            quantised.append(min(255, max(0, round(-logp / STEP))))
        offsets.append(len(successors))
    vocabulary = "\n".join(words).encode("utf-8")
    parts = [array("f", unigram), array("f", backoff), offsets, successors]
    if sys.byteorder != "little":
        for part in parts:
            part.byteswap()
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<III", len(words), len(successors), len(vocabulary)))
        f.write(vocabulary)
        for part in parts:
            f.write(part.tobytes())
        f.write(quantised.tobytes())


def _mapped(path: Path) -> mmap.mmap | bytes:
    """The file's bytes, mapped (a start reads only the pages its look-ups touch, not
    the whole 12 MB), or read where it cannot be mapped (an empty file)."""
    with open(path, "rb") as f:
        try:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return f.read()


class BackoffBigrams:
    """Read-only ``log P(word | prev)`` (natural log) from a file :func:`write_model` made."""

    __slots__ = ("_backoff", "_ids", "_offsets", "_quantised", "_successors", "_unigram")

    def __init__(self, path: Path) -> None:
        data = _mapped(path)
        if data[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not an unspin backoff model")
        at = len(MAGIC)
        v, n, b = struct.unpack_from("<III", data, at)
        at += 12
        words = data[at : at + b].decode("utf-8").split("\n")
        at += b
        if len(words) != v:
            raise ValueError(f"{path}: vocabulary of {len(words)} words, header says {v}")
        self._ids = dict(zip(words, range(v), strict=True))
        view = memoryview(data)

        def take(code: str, count: int) -> Sequence:
            # A typed view of the file's bytes: nothing is copied (on a little-endian
            # machine), and each item reads as from an array of ``code``.
            nonlocal at
            size = struct.calcsize(code) * count
            part = view[at : at + size]
            at += size
            if len(part) != size:
                raise ValueError(f"{path}: truncated backoff model")
            if sys.byteorder == "little":
                return part.cast(code)
            copy = array(code, part.tobytes())
            copy.byteswap()
            return copy

        self._unigram = take("f", v)
        self._backoff = take("f", v)
        self._offsets = take("I", v + 1)
        self._successors = take("I", n)
        self._quantised = take("B", n)

    def __len__(self) -> int:
        return len(self._successors)

    def __contains__(self, word: str) -> bool:
        return word in self._ids

    def unigram(self, word: str) -> float | None:
        """``log P(word)``, or ``None`` for a word outside the vocabulary."""
        i = self._ids.get(word)
        return None if i is None else float(self._unigram[i])

    def listed(self, prev: str, word: str) -> bool:
        """Whether the model lists ``word`` after ``prev`` (a bigram of its own, not a
        backed-off estimate)."""
        i, j = self._ids.get(prev), self._ids.get(word)
        if i is None or j is None:
            return False
        lo, hi = self._offsets[i], self._offsets[i + 1]
        k = bisect_left(self._successors, j, lo, hi)
        return k < hi and self._successors[k] == j

    def bigram(self, prev: str, word: str) -> float | None:
        """``log P(word | prev)``, or ``None`` when ``word`` is outside the vocabulary.
        A ``prev`` outside it gives the unigram (no context)."""
        j = self._ids.get(word)
        if j is None:
            return None
        i = self._ids.get(prev)
        if i is None:
            return float(self._unigram[j])
        lo, hi = self._offsets[i], self._offsets[i + 1]
        k = bisect_left(self._successors, j, lo, hi)
        if k < hi and self._successors[k] == j:
            return -STEP * self._quantised[k]
        return float(self._backoff[i] + self._unigram[j])
