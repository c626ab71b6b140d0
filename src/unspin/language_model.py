"""A bigram language model over lowercase words, from shipped and installed data, with a
trigram correction for the local comparisons that decide an edit.

Two estimates of ``log P(w | prev)`` are averaged with weight :data:`BACKOFF_WEIGHT`
(a product of experts: where either knows the pair is rare, the score falls):

- **Web 1T counts.** Unigram probabilities come from ``wordfreq`` (a multi-source
  estimate of English word frequency); bigram conditionals ``c(prev w) / c(prev)`` from
  the Google Web 1T extracts that ``wordsegment`` ships (see ``data/DATA.md``). Web 1T
  keeps a bigram only when it was seen at least ``NGRAM_FLOOR`` times, so a missing
  bigram is evidence too: its count is below the floor. The backoff is therefore under
  ``half the floor / c(prev)``: a share (:data:`UNSEEN_SHARE`) of the way from a
  discounted unigram towards that bound; "center east" scores far below "middle east"
  although both words are common.
- **CMU Sphinx's backoff bigrams** (``data/backoff.bin``, :mod:`unspin.backoff`): two
  million bigrams of a smoothed model, which tell apart the many pairs that Web 1T's
  high floor lumps together ("school history" from "shoal account"). Words outside its
  vocabulary, and the start of a text, fall back to the first estimate.

Measured on real spun pages (single-word edit sites against clean occurrences of book
words), the average separates them better than either alone (ROC AUC 0.90 Web 1T, 0.93
CMU, 0.93 the average, with fewer clean occurrences strongly preferring a substitute).

A spin's local comparison (:meth:`LanguageModel.local`, the evidence that decides an edit)
adds CMU's trigrams (:mod:`unspin.trigrams`): what the second word before each word
changes ("earlier than" after "a day"). The lattice's paths and the evidence about a
region's spin rate stay bigram scores.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import regex

from .backoff import BackoffBigrams
from .frequencies import word_frequency
from .ngrams import NGRAM_FLOOR, NgramTable
from .trigrams import Trigrams
from .trigrams import load as load_trigrams
from .vetting import function_words

#: Context markers: the start of a sentence, and no usable context (after punctuation).
START = "<s>"
#: The end of a sentence, as right context. Only the CMU model knows how sentences end
#: ("officials said." against "officials mentioned."); to the web counts it is the same
#: after every word.
END = "</s>"
BACKOFF = math.log(0.4)
UNSEEN = math.log(NGRAM_FLOOR / 2)
#: Where a pair under the web counts' floor scores, in logs, between the discounted
#: unigram (as if its words never went together) and the floor's bound (as if seen just
#: under it). At 0 a formal writer's rare pair ("obtain sufficient sleep", "unfavourable
#: outcomes") lost up to 1,000:1 to the common synonym's pair just over the floor, and
#: read as spun. Measured 2026-12-06 at 0 / 0.1 / 0.15 / 0.2 / 0.25: known failures of
#: negative.json edited 16 / 12 / 8 / 6 / 6, book paragraphs alone 6 / 5 / 3 / 2 / 2 of
#: 700 (no clean text edited that was not before); 32 held-out real pages 0.6007 /
#: 0.6017 / 0.6017 / 0.6014 / 0.601 (false edits 100 / 93 / 90 / 87 / 85), their light
#: copies at 30% 0.245 / 0.229 / 0.220 / 0.218 / 0.216 (173 / 159 / 154 / 147 / 136
#: false), their paragraphs alone 0.487 / 0.471 / 0.469 / 0.463 / -, the simulated
#: benchmark 0.532 / 0.526 / 0.524 / 0.522 / 0.519. The spinner's own rare pairs
#: ("corporate mentioned") rise too, so short spun texts lose evidence: past 0.15 the
#: short-text gate's examples ("Elmfield Primary") no longer reach it.
UNSEEN_SHARE = 0.15
#: Frequency given to words wordfreq does not know (about once in 10^9 words).
FLOOR_FREQUENCY = 1e-9
#: Weight of the CMU backoff model in the average of the two estimates.
BACKOFF_WEIGHT = 0.5
#: Weight of the trigram correction (:mod:`unspin.trigrams`) in a spin's local comparison.
#: BACKOFF_WEIGHT would make the CMU half of the average a trigram model. Measured at
#: 0.25 / 0.5 / 0.75 / 1.0 on real pages unseen by the book (48-56, 70-76, 80-93, mean):
#: 0.445 / 0.449 / 0.452 / 0.451 (0.438 without); development pairs 0.832 / 0.841 /
#: 0.847 / 0.843 (0.827).
TRIGRAM_WEIGHT = 0.75
#: The most entries each of the model's caches keeps (bigrams, runs, sides of a
#: comparison, local comparisons; the evidence model has its own): with their keys about
#: 300 bytes each, so that however varied a long text, they hold under 200 MB between
#: them (at 1 << 18 they could reach 500 MB). A page repeats its words within far fewer.
CACHE_ENTRIES = 1 << 16
#: ``log P(END | w)`` for a word outside the CMU vocabulary: about the average over words.
_END_UNKNOWN = math.log(0.05)


# Words the bigram table cannot hold (digits, apostrophes, other non-letters): Web 1T's
# extract kept letters only, so "3", "it's" and "e-mail" always look unseen beside a word.
_BLIND = regex.compile(r"[^a-z]")


def is_blind(words: tuple[str, ...] | list[str]) -> bool:
    """Whether the bigram table cannot hold one of these (LM-form) words: the model has
    no evidence about them in context."""
    return any(_BLIND.search(w) for w in words)


def possessive_stem(word: str) -> str | None:
    """The word a possessive (LM form) is of: "company" for "company's", "americans" for
    "americans'"; None for a word that is not one."""
    if len(word) > 2 and word.endswith("'s"):
        return word[:-2]
    if len(word) > 2 and word.endswith("s'"):
        return word[:-1]
    return None


def without_possessive(word: str) -> str:
    """``word`` as written without a possessive's mark ("Choose’s", "Cities’": "Choose",
    "Cities"; the apostrophe straightened), by :func:`possessive_stem`."""
    straight = word.replace("\u2019", "'")
    return possessive_stem(straight) or straight


def possessive(word: str) -> str:
    """A word's possessive as the text writes it (LM form): "company's", "americans'"."""
    return word + ("'" if word.endswith("s") else "'s")


def is_unscored(words: tuple[str, ...] | list[str]) -> bool:
    """Whether the model cannot compare these (LM-form) words in context: one the bigram
    table cannot hold, except a possessive of a word it can ("company's", "americans'"),
    which it scores through its stem (:meth:`LanguageModel.bigram`). After a function
    word "'s" is a contraction ("it's", "that's", "let's"), which stays unscored: what
    follows it is read after "is" or "us", not after a noun."""
    return any(_BLIND.search(_scored_form(w)) for w in words)


def _scored_form(word: str) -> str:
    stem = possessive_stem(word)
    return word if stem is None or stem in function_words() else stem


class LanguageModel:
    """Log probabilities (natural log) of words in context."""

    def __init__(
        self,
        table: NgramTable,
        backoff: BackoffBigrams | None = None,
        trigrams: Trigrams | None = None,
    ) -> None:
        self._table = table
        self._backoff = backoff
        self._trigrams = trigrams
        # A spin's local comparison, with two words of context on either side for the
        # trigram correction (unspin.lattice).
        self.local = lru_cache(maxsize=CACHE_ENTRIES)(self._local)
        #: The model whose comparisons count as evidence that a text was spun (the web
        #: counts alone; see :mod:`unspin.lattice`).
        self.evidence: LanguageModel = self if backoff is None else LanguageModel(table)
        self.unigram = lru_cache(maxsize=1 << 16)(self._unigram)
        self.bigram = lru_cache(maxsize=CACHE_ENTRIES)(self._bigram)
        # A word's own count, for every pair it starts (most of the table's lookups).
        self._word_count = lru_cache(maxsize=1 << 16)(table.log_count)
        # A lattice asks for the same runs many times (each pass, each context).
        self.score = lru_cache(maxsize=CACHE_ENTRIES)(self._score)
        # Each side of a spin's local comparison (unspin.lattice): asked for every rule
        # at every site, and again by each stage of an analysis.
        self.side = lru_cache(maxsize=CACHE_ENTRIES)(self._side)
        if self.evidence is not self:
            # The average reads the web counts through the evidence model's cache.
            self.evidence.unigram = self.unigram

    @staticmethod
    def _unigram(word: str) -> float:
        return math.log(max(word_frequency(word), FLOOR_FREQUENCY))

    def _bigram(self, prev: str | None, word: str) -> float:
        """``log P(word | prev)``; ``prev`` is a word, :data:`START`, or ``None``."""
        if word == END:
            if self._backoff is None or prev is None:
                return 0.0
            other = self._backoff.bigram(prev, END) if prev in self._backoff else None
            return BACKOFF_WEIGHT * (other if other is not None else _END_UNKNOWN)
        uni = self.unigram(word)
        if prev is None:
            return uni
        stem = possessive_stem(word) if prev != START and "'" in word else None
        if stem is not None:
            # Web 1T's extract split "lobster's" into "lobster 's" and kept letters
            # only: "red lobster's" was counted as "red lobster". So P(X's | prev) is
            # P(X | prev) P('s | X), the latter the unigrams' ratio ("Pink Lobster's
            # downfall": 1.6 nats for "Red" with the unigrams alone, 5.8 so).
            return self.bigram(prev, stem) + uni - self.unigram(stem)
        if self._backoff is None:
            return self._web(prev, word, uni)
        web = self.evidence.bigram(prev, word)
        other = self._other("<s>" if prev == START else prev, word)
        if other is None:
            other = BACKOFF + uni
        return (1.0 - BACKOFF_WEIGHT) * web + BACKOFF_WEIGHT * other

    def _other(self, prev: str, word: str) -> float | None:
        """The CMU estimate. Its lowercase "us" is the pronoun only (it has no country
        "US"), so a folded "us" is either: the pronoun or "united states"."""
        model = self._backoff
        assert model is not None
        if prev not in model and prev != "<s>":
            return None
        if prev == "us":
            # A word outside the vocabulary is None after either reading.
            pronoun, country = model.bigram("us", word), model.bigram("states", word)
            return None if pronoun is None or country is None else max(pronoun, country)
        if word == "us":
            pronoun = model.bigram(prev, "us")
            country = model.bigram(prev, "united")
            states = model.bigram("united", "states")
            if pronoun is None or country is None or states is None:
                return None
            country += states
            return max(pronoun, country) + math.log1p(math.exp(-abs(pronoun - country)))
        return model.bigram(prev, word)

    def _web(self, prev: str, word: str, uni: float) -> float:
        prev_count = self._word_count(prev)
        if prev_count is None:
            return BACKOFF + uni
        pair = self._table.log_count(f"{prev} {word}")
        if pair is not None:
            return pair - prev_count
        low, bound = BACKOFF + uni, UNSEEN - prev_count
        if low >= bound:
            return bound
        return low + UNSEEN_SHARE * (bound - low)

    def count(self, gram: str) -> float | None:
        """Natural log of the Web 1T count of a bigram ("a b") or a word, if held."""
        return self._table.log_count(gram)

    def attested(self, prev: str, word: str) -> bool:
        """Whether people write ``prev word``: a pair the Web 1T table holds (seen
        100,000 times) or one CMU's bigrams list (seen in its news and broadcast text),
        not only reached by backing off."""
        if self._table.log_count(f"{prev} {word}") is not None:
            return True
        return self._backoff is not None and self._backoff.listed(prev, word)

    def _score(self, prev: str | None, words: tuple[str, ...]) -> float:
        """``log P(words | prev)`` for a run of words (``score``, cached)."""
        total = 0.0
        for word in words:
            total += self.bigram(prev, word)
            prev = word
        return total

    def _side(self, left: str | None, right: str | None, words: tuple[str, ...]) -> float:
        """``log P(words | left)``, and the word after (``right``, if any): one side of
        a spin's local LM evidence, the original's or the observed words' (``side``,
        cached)."""
        score = self.score(left, words)
        if right is not None:
            score += self.bigram(words[-1] if words else left, right)
        return score

    def _local(
        self,
        left: str | None,
        right: str | None,
        words: tuple[str, ...],
        before: tuple[str | None, str | None] = (None, None),
        after: tuple[str | None, str | None] = (None, None),
    ) -> float:
        """:meth:`side` with :data:`TRIGRAM_WEIGHT` times the trigram correction of every
        word whose two words before are known, over ``(*before, *words, *after)``:
        ``before`` the two words before ``words``, ``after`` the two after (None where
        unknown, or not to be trusted: a word the spinner may have rewritten too).
        ``local``, cached. The words after ``words`` have the same bigrams whatever
        ``words`` are: only their trigram corrections differ."""
        score = self.side(left, right, words)
        if self._trigrams is None:
            return score
        seq = (*before, *words, *after)
        correction = self._trigrams.correction
        total = 0.0
        # Each word with its two before, in order (the same sum); zip over slices, not
        # indexing: most of a spin's comparisons are asked once (varied text), so this
        # loop runs for each.
        for h2, h1, word in zip(seq, seq[1:], seq[2:], strict=False):
            if h2 is not None and h1 is not None and word is not None:
                total += correction(h2, h1, word)
        return score + TRIGRAM_WEIGHT * total


def load_default() -> LanguageModel:
    """The model built from the data shipped with unspin."""
    data = Path(__file__).parent / "data"
    return LanguageModel(
        NgramTable(data / "ngrams.bin"), BackoffBigrams(data / "backoff.bin"), load_trigrams()
    )
