"""The evidence of the words a text leaves as they are: the phrasebook's keys outside every
lattice and, with an open vocabulary, the words no phrasebook lists, each perhaps one of
the spinner's keys left unspun (:func:`unspin.rules.key_prior`). At a high spin rate, many
keys left as they are is evidence against spinning."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from .inference import Grid
from .matching import Hit
from .rates import RATES
from .tokenizing import WORD_RE, lm_form

_RATES = np.asarray(RATES)
#: The most words whose key prior :class:`UnspunWords` keeps: a process repairing a corpus
#: meets ever more words as written (names, numbers, typos), and a text repeats its own
#: within far fewer; past it the table starts again (the language model's caches are
#: capped likewise, unspin.language_model.CACHE_ENTRIES).
WEIGHT_ENTRIES = 1 << 16
# The key of an analysis's words (UnspunWords._words) in the memo of its stages.
_WORDS = object()


class UnspunWords:
    """Adds the evidence of the words left unspun to the regions' evidence."""

    def __init__(self, grid: Grid, key_prior: Callable[[str], float] | None) -> None:
        self.grid = grid
        # An open vocabulary (None: a closed book, whose keys are all listed).
        self.key_prior = key_prior
        self._weights: dict[str, float] = {}  # key_prior by word as written

    def add(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        starts: Sequence[int],
        free: Sequence[Hit],
        covered: Sequence[tuple[int, int]],
        evidence: np.ndarray,
        counts: list[int],
        only: set[int] | None,
        memo: dict | None,
        unlisted_kept: float,
        kept_weight: float,
    ) -> None:
        """Add the evidence of the keys outside every lattice (``free``) and, with an
        open vocabulary, of the words no phrasebook lists, outside every lattice and key
        (each may be one of the spinner's keys, :func:`unspin.rules.key_prior`), left
        unspun, counted for ``kept_weight`` of it; in the regions ``only`` (all if
        None). ``memo`` keeps the words and their weights for the next stage of the
        same analysis."""
        spans_covered = list(covered)
        spans_covered.extend((start, end) for start, end, _ in free)
        # Each (region, weight) once, in the order first met: a region's terms are added
        # in the same order whatever the other regions hold.
        where = np.searchsorted(starts, [start for start, _, _ in free], side="right") - 1
        regions_of = np.maximum(where, 0).tolist()
        pairs = Counter(zip(regions_of, [weight for _, _, weight in free], strict=True))
        terms = [(j, n, weight) for (j, weight), n in pairs.items() if only is None or j in only]
        if terms:
            # A certain key (weight 1: a user's table of the spinner's own) is one the
            # spinner rewrites at its rate: left as it is, it counts in full, as in a
            # closed book, whatever share the guessed keys get.
            shares = [1.0 if w >= 1.0 else kept_weight for *_, w in terms]
            kept = (
                np.array(shares)[:, None]
                * np.array([n for _, n, _ in terms])[:, None]
                * [self.grid.kept(w) for *_, w in terms]
            )
            np.add.at(evidence, [j for j, _, _ in terms], kept)  # in order: the same sums
            for j, n, _ in terms:
                counts[j] += n
        if self.key_prior is None:
            return
        self._unlisted(
            text,
            spans,
            starts,
            spans_covered,
            evidence,
            counts,
            only,
            memo,
            unlisted_kept,
            kept_weight,
        )

    def _unlisted(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        starts: Sequence[int],
        covered: list[tuple[int, int]],
        evidence: np.ndarray,
        counts: list[int],
        only: set[int] | None,
        memo: dict | None,
        unlisted_kept: float,
        kept_weight: float,
    ) -> None:
        """The words outside ``covered`` in the regions (``only``), each a key left
        unspun with probability ``unlisted_kept`` times :func:`unspin.rules.key_prior`,
        its evidence counted for ``kept_weight`` (numpy over the words)."""
        assert self.key_prior is not None
        lo, hi = spans[0][0], spans[-1][1]
        known = memo.get((_WORDS, lo, hi)) if memo is not None else None
        if known is None:
            known = self._words(text, lo, hi)
            if memo is not None:
                memo[(_WORDS, lo, hi)] = known
        word_start, word_end, kappa = known
        if not len(kappa):
            return
        keep = kappa > 0.005
        if covered:
            covered.sort()
            cov_start = np.array([c[0] for c in covered], dtype=np.int64)
            cov_end = np.maximum.accumulate(np.array([c[1] for c in covered], dtype=np.int64))
            k = np.searchsorted(cov_start, word_end, side="left") - 1
            inside = (k >= 0) & (cov_end[np.maximum(k, 0)] > word_start)
            keep &= ~inside
        region = np.searchsorted(np.asarray(starts), word_start, side="right") - 1
        if only is not None:
            keep &= np.isin(region, np.fromiter(only, dtype=np.int64))
        if not keep.any():
            return
        region, kappa = region[keep], np.minimum(kappa[keep], 0.999)
        kept = kept_weight * np.log1p(-np.outer(kappa * unlisted_kept, _RATES))
        cuts = np.flatnonzero(np.diff(region)) + 1
        firsts = np.concatenate(([0], cuts))
        sums = np.add.reduceat(kept, firsts, axis=0)
        for j, total, n in zip(
            region[firsts], sums, np.diff(np.append(firsts, len(region))), strict=True
        ):
            evidence[j] += total
            counts[j] += int(n)

    def _words(self, text: str, lo: int, hi: int) -> tuple[np.ndarray, ...]:
        """The start, end and :func:`unspin.rules.key_prior` of each word in
        ``text[lo:hi]``."""
        assert self.key_prior is not None
        starts, ends, kappa = [], [], []
        weights = self._weights
        for m in WORD_RE.finditer(text, lo, hi):
            word = m.group()
            w = weights.get(word)
            if w is None:
                if len(weights) >= WEIGHT_ENTRIES:
                    weights.clear()
                w = weights[word] = self.key_prior(lm_form(word))
            kappa.append(w)
            s, e = m.span()
            starts.append(s)
            ends.append(e)
        return (
            np.array(starts, dtype=np.int64),
            np.array(ends, dtype=np.int64),
            np.array(kappa, dtype=float),
        )
