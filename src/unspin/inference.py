"""Inference over one lattice, at every spin rate of the grid at once.

A reading (a path through the lattice, :mod:`unspin.lattice`) has probability, relative
to reading every observed word as the original one, of::

    P_LM(reading) / P_LM(observed)                 the language model, as a prior on text
    * prod over spin arcs   rho * channel          the spinner rewrote a key and chose this
    * prod over kept keys   (1 - rho * weight)     the spinner left a key alone

for a spin rate ``rho``. :func:`evaluate` sums that over all paths (forward algorithm)
at every rate of :data:`unspin.rates.RATES` at once, which is the lattice's likelihood
ratio of spun at that rate against clean; :func:`marginals` gives each spin arc's
posterior probability at each rate (forward-backward).

Repair and detection run the batched form of these passes (:mod:`unspin.batched`), which
gives the same floats (``tests/test_repair.py`` compares them lattice by lattice): this
module is the model as written, one lattice at a time, and that test's reference.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .calibration import EVIDENCE_BIAS
from .language_model import LanguageModel
from .lattice import Arc, Lattice

Vector = np.ndarray
# np.add and friends called directly: an operator with a Python float (``vector + 1.5``)
# costs twice as much on these short vectors, for the same sums.
_add, _subtract, _minimum, _exp, _logaddexp = np.add, np.subtract, np.minimum, np.exp, np.logaddexp


class Grid:
    """The spin rates inference works on, and the per-arc terms that depend on them."""

    def __init__(self, rates: Sequence[float]) -> None:
        self.rates = np.asarray(rates, dtype=float)
        with np.errstate(divide="ignore"):
            self.log_rates = np.log(self.rates)
        # A keep arc without a key adds nothing at any rate (shared: never written to).
        self.zeros = np.zeros(len(self.rates))
        self.log_rates.flags.writeable = self.zeros.flags.writeable = False
        self._kept: dict[float, Vector] = {}

    def kept(self, weight: float) -> Vector:
        """log(1 - rho * weight) at each rate: a key left unspun."""
        vec = self._kept.get(weight)
        if vec is None:
            vec = self._kept[weight] = np.log1p(-self.rates * min(weight, 0.999))
        return vec

    def term(self, arc: Arc) -> Vector:
        if arc.rule >= 0:
            return self.log_rates
        return self.kept(arc.key) if arc.key else self.zeros


class _Pass:
    """The forward messages of one lattice (kept for the backward pass). As
    ``evidence``, spin arcs are weighed with their strict evidence (see
    :data:`unspin.lattice.UNIGRAM_WEIGHT`)."""

    def __init__(self, *args: object) -> None:  # see _keep
        self._keep(*args)  # type: ignore[arg-type]
        lat, grid = self.lat, self.grid
        n = lat.size
        zero = np.zeros(len(grid.rates))
        alpha: list[dict[str | None, Vector]] = [{} for _ in range(n + 1)]
        alpha[0][lat.left] = zero
        # Each arc's terms out of the loop over contexts (the same sums as self._lm's).
        leaving = self._arcs_out()
        w, score_of = self.w, self.lm.score
        for i in range(n):
            here = alpha[i].items()
            for j, words, term, weight in leaving[i]:
                target = alpha[j]
                for prev, score in here:
                    new = words[-1] if words else prev
                    value = _add(score, _add(term, weight + w * score_of(prev, words)))
                    old = target.get(new)
                    target[new] = value if old is None else _logaddexp(old, value)
        total = None
        for w, score in alpha[n].items():
            value = _add(score, self._end(w))
            total = value if total is None else _logaddexp(total, value)
        assert total is not None
        self.alpha = alpha
        self.total = total
        # The observed reading's LM score: the baseline the likelihood ratio is against.
        baseline = self._lm(lat.left, lat.forms) + self._end(lat.forms[-1])
        self.ratio = _subtract(total, baseline)

    def _keep(
        self,
        lat: Lattice,
        lm: LanguageModel,
        lm_weight: float,
        grid: Grid,
        evidence: bool,
        bias: float = 0.0,
    ) -> None:
        self.lat = lat
        self.lm = lm
        self.w = lm_weight
        self.grid = grid
        self.strict = evidence
        self.bias = bias

    def _weight(self, arc: Arc) -> float:
        if arc.rule < 0:
            return arc.weight
        if self.strict:
            return arc.weight + arc.evidence + EVIDENCE_BIAS * self.bias * arc.calibration
        return arc.weight + self.bias * arc.calibration

    def _arcs_out(self) -> list[list[tuple[int, tuple[str, ...], Vector, float]]]:
        """Each position's arcs as (end, words, rate term, weight)."""
        term, weight = self.grid.term, self._weight
        return [[(a.j, a.words, term(a), weight(a)) for a in out] for out in self.lat.arcs]

    def _lm(self, prev: str | None, words: tuple[str, ...]) -> float:
        return self.w * self.lm.score(prev, words)

    def _end(self, last: str | None) -> float:
        right = self.lat.right
        return self.w * self.lm.bigram(last, right) if right is not None else 0.0

    def marginals(self) -> list[Vector]:
        """Each spin arc's posterior probability at each rate, in ``lat.edits`` order."""
        lat, alpha, grid = self.lat, self.alpha, self.grid
        n = lat.size
        beta: list[dict[str | None, Vector | float]] = [{} for _ in range(n + 1)]
        for w in alpha[n]:
            beta[n][w] = self._end(w)
        w, score_of = self.w, self.lm.score
        # Not kept from the forward pass: most passes never go backward, and the
        # collector would walk what they keep.
        arcs_out = self._arcs_out()
        for i in range(n - 1, -1, -1):
            for prev in alpha[i]:
                total = None
                for j, words, term, weight in arcs_out[i]:
                    rest = beta[j].get(words[-1] if words else prev)
                    if rest is None:
                        continue
                    value = _add(_add(term, weight + w * score_of(prev, words)), rest)
                    total = value if total is None else _logaddexp(total, value)
                if total is not None:
                    beta[i][prev] = total
        out = []
        log_rates, zeros, total = grid.log_rates, grid.zeros, self.total
        for arc in lat.edits:
            acc = np.zeros(len(grid.rates))
            weight = self._weight(arc)
            for prev, score in alpha[arc.i].items():
                new = arc.words[-1] if arc.words else prev
                rest = beta[arc.j].get(new)
                if rest is None:
                    continue
                value = _add(_add(score, log_rates), weight + w * score_of(prev, arc.words))
                value = _add(value, rest)
                acc += _exp(_minimum(_subtract(value, total), zeros))
            out.append(_minimum(acc, 1.0))
        return out


class _Single(_Pass):
    """The same for a lattice of one word (most of them), in closed form: every arc
    goes from the word's start to its end, so the sum over paths is a sum over arcs."""

    def __init__(self, *args: object) -> None:  # the same as _Pass's
        self._keep(*args)  # type: ignore[arg-type]
        lat, grid = self.lat, self.grid
        left, right = lat.left, lat.right
        w, score_of, bigram = self.w, self.lm.score, self.lm.bigram
        arcs = lat.arcs[0]
        scores = []
        for arc in arcs:
            words = arc.words
            # The same sums as self._weight + self._lm + self._end, inlined (hot path).
            end = w * bigram(words[-1] if words else left, right) if right is not None else 0.0
            scores.append(self._weight(arc) + w * score_of(left, words) + end)
        # One matrix op instead of a small array per arc: a spin arc's row is
        # log_rates + score (the same sum per element), a keep arc's is set apart.
        rows = np.add.outer(scores, grid.log_rates)
        for k, arc in enumerate(arcs):
            if arc.rule < 0:
                rows[k] = _add(grid.term(arc), scores[k])
        self._rows = rows
        self.total = np.logaddexp.reduce(rows, axis=0)
        baseline = self._lm(left, lat.forms) + self._end(lat.forms[-1])
        self.ratio = _subtract(self.total, baseline)

    def marginals(self) -> list[Vector]:
        edits = [k for k, arc in enumerate(self.lat.arcs[0]) if arc.rule >= 0]
        return list(np.minimum(np.exp(self._rows[edits] - self.total), 1.0))


def _pass(
    lat: Lattice, lm: LanguageModel, lm_weight: float, grid: Grid, evidence: bool, bias: float
) -> _Pass:
    if lat.size == 1 and all(a.j == 1 for a in lat.arcs[0]):
        return _Single(lat, lm, lm_weight, grid, evidence, bias)
    return _Pass(lat, lm, lm_weight, grid, evidence, bias)


def evaluate(
    lat: Lattice, lm: LanguageModel, lm_weight: float, grid: Grid, bias: float = 0.0
) -> _Pass:
    """The forward pass over ``lat`` with its strict evidence: ``.ratio`` is its log
    likelihood ratio (spun at each rate against clean)."""
    return _pass(lat, lm, lm_weight, grid, True, bias)


def marginals(
    lat: Lattice, lm: LanguageModel, lm_weight: float, grid: Grid, bias: float = 0.0
) -> list[Vector]:
    """Each spin arc's posterior probability at each rate (``lat.edits`` order), with
    decisions' calibration (:mod:`unspin.calibration`) scaled by ``bias``."""
    return _pass(lat, lm, lm_weight, grid, False, bias).marginals()
