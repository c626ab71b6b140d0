"""A bigram language model over lowercase words, built only from installed data.

Unigram probabilities come from ``wordfreq`` (a multi-source estimate of English word
frequency). Bigram conditionals ``P(w | prev) = c(prev w) / c(prev)`` come from the Google
Web 1T extracts that ``wordsegment`` ships (see ``data/DATA.md``). Web 1T keeps a bigram
only when it was seen at least ``NGRAM_FLOOR`` times, so a missing bigram is evidence
too: its count is below the floor. The backoff is therefore the smaller of a discounted
unigram and ``half the floor / c(prev)``; "center east" scores far below "middle east"
although both words are common.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from pathlib import Path

import regex
from wordfreq import word_frequency

from .ngrams import NGRAM_FLOOR, NgramTable

#: Context markers: the start of a sentence, and no usable context (after punctuation).
START = "<s>"
BACKOFF = math.log(0.4)
UNSEEN = math.log(NGRAM_FLOOR / 2)
#: Frequency given to words wordfreq does not know (about once in 10^9 words).
FLOOR_FREQUENCY = 1e-9


# Words the bigram table cannot hold (digits, apostrophes, other non-letters): Web 1T's
# extract kept letters only, so "3", "it's" and "e-mail" always look unseen beside a word.
_BLIND = regex.compile(r"[^a-z]")


def is_blind(words: tuple[str, ...] | list[str]) -> bool:
    """Whether the bigram table cannot hold one of these (LM-form) words: the model has
    no evidence about them in context."""
    return any(_BLIND.search(w) for w in words)


class LanguageModel:
    """Log probabilities (natural log) of words in context."""

    def __init__(self, table: NgramTable) -> None:
        self._table = table
        self.unigram = lru_cache(maxsize=1 << 16)(self._unigram)
        self.bigram = lru_cache(maxsize=1 << 18)(self._bigram)

    @staticmethod
    def _unigram(word: str) -> float:
        return math.log(max(word_frequency(word, "en"), FLOOR_FREQUENCY))

    def _bigram(self, prev: str | None, word: str) -> float:
        """``log P(word | prev)``; ``prev`` is a word, :data:`START`, or ``None``."""
        uni = self.unigram(word)
        if prev is None:
            return uni
        prev_count = self._table.log_count(prev)
        if prev_count is None:
            return BACKOFF + uni
        pair = self._table.log_count(f"{prev} {word}")
        if pair is not None:
            return pair - prev_count
        return min(BACKOFF + uni, UNSEEN - prev_count)

    def count(self, gram: str) -> float | None:
        """Natural log of the Web 1T count of a bigram ("a b") or a word, if held."""
        return self._table.log_count(gram)

    def score(self, prev: str | None, words: tuple[str, ...]) -> float:
        """``log P(words | prev)`` for a run of words."""
        total = 0.0
        for word in words:
            total += self.bigram(prev, word)
            prev = word
        return total


def load_default() -> LanguageModel:
    """The model built from the data shipped with unspin."""
    path = resources.files("unspin") / "data" / "ngrams.bin"
    return LanguageModel(NgramTable(Path(str(path))))
