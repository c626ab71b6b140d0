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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .language_model import LanguageModel
from .lattice import Arc, Lattice

Vector = np.ndarray
# np.add and friends called directly: an operator with a Python float (``vector + 1.5``)
# costs twice as much on these short vectors, for the same sums.
_add, _subtract, _minimum, _exp, _logaddexp = np.add, np.subtract, np.minimum, np.exp, np.logaddexp
#: The share of the decision's calibration (``bias``) that the evidence about a
#: region's rate gets as well.
EVIDENCE_BIAS = 0.25


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


class Evaluation:
    """A lattice's log likelihood ratio at each rate (``ratio``), as :func:`evaluate`
    gives it, filled in by :func:`evaluate_all`."""

    __slots__ = ("ratio",)

    def __init__(self) -> None:
        self.ratio: Vector | None = None


# Lattices evaluated together (evaluate_all, marginals_all): numpy over the arcs of all
# of them at once instead of small vectors arc by arc. Each element is the same sum of
# the same terms in the same order as _Pass's and _Single's: the same floats.


def evaluate_all(
    lats: Sequence[Lattice], lm: LanguageModel, lm_weight: float, grid: Grid, bias: float = 0.0
) -> list[Vector]:
    """:func:`evaluate`'s ``.ratio`` of each lattice, computed together."""
    weight = _weigher(True, bias)
    out: list[Vector] = [grid.zeros] * len(lats)
    singles, multis = _split(lats)
    if singles:
        batch = _Singles([lats[k] for k in singles], lm, lm_weight, grid, weight)
        for k, ratio in zip(singles, batch.ratios(), strict=True):
            out[k] = ratio
    if multis:
        forward = _Forward([lats[k] for k in multis], lm, lm_weight, grid, weight)
        for k, ratio in zip(multis, forward.ratios(), strict=True):
            out[k] = ratio
    return out


def marginals_all(
    lats: Sequence[Lattice], lm: LanguageModel, lm_weight: float, grid: Grid, bias: float = 0.0
) -> list[list[Vector]]:
    """:func:`marginals` of each lattice, computed together."""
    weight = _weigher(False, bias)
    out: list[list[Vector]] = [[] for _ in lats]
    singles, multis = _split(lats)
    if singles:
        batch = _Singles([lats[k] for k in singles], lm, lm_weight, grid, weight)
        for k, found in zip(singles, batch.marginals(), strict=True):
            out[k] = found
    if multis:
        forward = _Forward([lats[k] for k in multis], lm, lm_weight, grid, weight)
        backward = _Backward(forward, lm, lm_weight, weight)
        for k, found in zip(multis, backward.marginals(), strict=True):
            out[k] = found
    return out


def _split(lats: Sequence[Lattice]) -> tuple[list[int], list[int]]:
    """The lattices of one word (every arc ends at 1: :class:`_Single`) and the others."""
    singles = [k for k, lat in enumerate(lats) if lat.size == 1]
    return singles, [k for k, lat in enumerate(lats) if lat.size > 1]


def _weigher(strict: bool, bias: float) -> Callable[[Arc], float]:
    """:meth:`_Pass._weight` of a pass with ``evidence=strict``."""

    def weight(arc: Arc) -> float:
        if arc.rule < 0:
            return arc.weight
        if strict:
            return arc.weight + arc.evidence + EVIDENCE_BIAS * bias * arc.calibration
        return arc.weight + bias * arc.calibration

    return weight


class _Terms:
    """The distinct rate terms (:meth:`Grid.term`) of a batch's arcs, as rows."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self._rows: list[Vector] = [grid.log_rates, grid.zeros]
        self._kept: dict[float, int] = {}

    def of(self, arc: Arc) -> int:
        """The row of ``arc``'s term."""
        if arc.rule >= 0:
            return 0
        if not arc.key:
            return 1
        k = self._kept.get(arc.key)
        if k is None:
            k = self._kept[arc.key] = len(self._rows)
            self._rows.append(self.grid.kept(arc.key))
        return k

    def matrix(self) -> np.ndarray:
        return np.array(self._rows)


def _baseline(lat: Lattice, lm: LanguageModel, w: float) -> float:
    """The observed reading's LM score (_Pass._lm and _Pass._end)."""
    end = w * lm.bigram(lat.forms[-1], lat.right) if lat.right is not None else 0.0
    return w * lm.score(lat.left, lat.forms) + end


class _Singles:
    """:class:`_Single` of many one-word lattices: their arcs' rows in one matrix."""

    def __init__(
        self,
        lats: Sequence[Lattice],
        lm: LanguageModel,
        w: float,
        grid: Grid,
        weight: Callable[[Arc], float],
    ) -> None:
        score_of, bigram = lm.score, lm.bigram
        terms = _Terms(grid)
        scores: list[float] = []
        keep_rows: list[int] = []
        keep_terms: list[int] = []
        self.firsts: list[int] = []
        for lat in lats:
            left, right = lat.left, lat.right
            self.firsts.append(len(scores))
            for arc in lat.arcs[0]:
                words = arc.words
                end = w * bigram(words[-1] if words else left, right) if right is not None else 0.0
                if arc.rule < 0:
                    keep_rows.append(len(scores))
                    keep_terms.append(terms.of(arc))
                scores.append(weight(arc) + w * score_of(left, words) + end)
        rows = np.add.outer(scores, grid.log_rates)
        if keep_rows:
            rows[keep_rows] = _add(terms.matrix()[keep_terms], np.asarray(scores)[keep_rows, None])
        self.rows = rows
        self.totals = np.logaddexp.reduceat(rows, self.firsts, axis=0)
        self.lats, self.lm, self.w = lats, lm, w

    def ratios(self) -> list[Vector]:
        baselines = np.array([_baseline(lat, self.lm, self.w) for lat in self.lats])
        return list(_subtract(self.totals, baselines[:, None]))

    def marginals(self) -> list[list[Vector]]:
        rows, owners, counts = [], [], []
        for k, (lat, first) in enumerate(zip(self.lats, self.firsts, strict=True)):
            edits = [first + m for m, arc in enumerate(lat.arcs[0]) if arc.rule >= 0]
            rows += edits
            owners += [k] * len(edits)
            counts.append(len(edits))
        found = np.minimum(np.exp(self.rows[rows] - self.totals[owners]), 1.0)
        return _cut(list(found), counts)


def _cut(items: list[Vector], counts: Sequence[int]) -> list[list[Vector]]:
    """``items`` cut into runs of ``counts``."""
    out, at = [], 0
    for n in counts:
        out.append(items[at : at + n])
        at += n
    return out


class _Forward:
    """The forward passes of many lattices of several words, position by position: a
    walk over each lattice (Python) lists the sums of each step; then each position's
    sums over all lattices are one numpy operation, and the messages into each
    (position, context) are combined in the order :class:`_Pass` combines them."""

    def __init__(
        self,
        lats: Sequence[Lattice],
        lm: LanguageModel,
        w: float,
        grid: Grid,
        weight: Callable[[Arc], float],
    ) -> None:
        self.lats, self.lm, self.w = lats, lm, w
        self.terms = _Terms(grid)
        self.count = 0  # messages: one per (lattice, position, context)
        self.starts: list[int] = []  # each lattice's message at position 0
        # By position: each step's source message, rate term, scalar and target message.
        self.steps: list[tuple[list[int], list[int], list[float], list[int]]] = []
        self.ends: list[tuple[list[int], list[float]]] = []  # end messages, with _end
        # Each lattice's messages: a slot by context at each position.
        self.alphas = [self._walk(lat, weight) for lat in lats]
        self.messages, self.totals = self._run()

    def _walk(self, lat: Lattice, weight: Callable[[Arc], float]) -> list[dict[str | None, int]]:
        """List the steps of ``lat``'s forward pass, in _Pass.__init__'s order."""
        lm, w = self.lm, self.w
        score_of, term_of = lm.score, self.terms.of
        n = lat.size
        while len(self.steps) < n:
            self.steps.append(([], [], [], []))
        alpha: list[dict[str | None, int]] = [{} for _ in range(n + 1)]
        count = self.count
        alpha[0][lat.left] = count
        self.starts.append(count)
        count += 1
        for i in range(n):
            here = alpha[i].items()
            sources, terms, scalars, targets = self.steps[i]
            for arc in lat.arcs[i]:
                words, target = arc.words, alpha[arc.j]
                term, arc_weight = term_of(arc), weight(arc)
                for prev, source in here:
                    new = words[-1] if words else prev
                    slot = target.get(new)
                    if slot is None:
                        slot = target[new] = count
                        count += 1
                    sources.append(source)
                    terms.append(term)
                    scalars.append(arc_weight + w * score_of(prev, words))
                    targets.append(slot)
        self.count = count
        self.ends.append((list(alpha[n].values()), [_end(lm, w, lat, last) for last in alpha[n]]))
        return alpha

    def _run(self) -> tuple[np.ndarray, np.ndarray]:
        """All lattices' messages, and each one's total (the sum over its paths)."""
        width = len(self.terms.grid.rates)
        messages = np.empty((self.count, width))
        held = np.zeros(self.count, dtype=bool)
        messages[self.starts] = 0.0
        held[self.starts] = True
        terms = self.terms.matrix()
        for sources, term, scalars, targets in self.steps:
            values = _add(messages[sources], _add(terms[term], np.asarray(scalars)[:, None]))
            _combine(messages, held, np.asarray(targets), values)
        # Each lattice's total: its end messages, each with the word after, in order.
        slots = [s for ends, _ in self.ends for s in ends]
        scalars = [x for _, ends in self.ends for x in ends]
        owner = np.repeat(np.arange(len(self.ends)), [len(ends) for ends, _ in self.ends])
        values = _add(messages[slots], np.asarray(scalars)[:, None])
        totals = np.empty((len(self.ends), width))
        _combine(totals, np.zeros(len(self.ends), dtype=bool), owner, values)
        return messages, totals

    def ratios(self) -> list[Vector]:
        baselines = np.array([_baseline(lat, self.lm, self.w) for lat in self.lats])
        return list(_subtract(self.totals, baselines[:, None]))


def _end(lm: LanguageModel, w: float, lat: Lattice, last: str | None) -> float:
    """_Pass._end."""
    return w * lm.bigram(last, lat.right) if lat.right is not None else 0.0


class _Backward:
    """The backward passes and spin arcs' marginals (:meth:`_Pass.marginals`) of the
    lattices of a :class:`_Forward`, walked and run the same way (positions from the
    last)."""

    def __init__(self, forward: _Forward, lm: LanguageModel, w: float, weight) -> None:
        self.forward = forward
        self.count = 0  # backward messages: one per (lattice, position, context)
        self.starts: list[tuple[int, float]] = []  # the messages at the end: slot, _end
        self.steps: list[tuple[list[int], list[int], list[float], list[int]]] = []
        # Each (spin arc, context) of the marginals: forward message, scalar, backward
        # message, arc; and the arcs of each lattice.
        self.sums: tuple[list[int], list[float], list[int], list[int]] = ([], [], [], [])
        self.owners: list[int] = []
        self.counts: list[int] = []
        for k, lat in enumerate(forward.lats):
            self._walk(k, lat, lm, w, weight)

    def _walk(self, k: int, lat: Lattice, lm: LanguageModel, w: float, weight) -> None:
        score_of, term_of = lm.score, self.forward.terms.of
        alpha = self.forward.alphas[k]
        n = lat.size
        while len(self.steps) < n:
            self.steps.append(([], [], [], []))
        count = self.count
        beta: list[dict[str | None, int]] = [{} for _ in range(n + 1)]
        for last in alpha[n]:
            beta[n][last] = count
            self.starts.append((count, _end(lm, w, lat, last)))
            count += 1
        for i in range(n - 1, -1, -1):
            rests, terms, scalars, targets = self.steps[i]
            leaving = [(a.j, a.words, term_of(a), weight(a)) for a in lat.arcs[i]]
            for prev in alpha[i]:
                slot = None
                for j, words, term, arc_weight in leaving:
                    rest = beta[j].get(words[-1] if words else prev)
                    if rest is None:
                        continue
                    if slot is None:
                        slot = beta[i][prev] = count
                        count += 1
                    rests.append(rest)
                    terms.append(term)
                    scalars.append(arc_weight + w * score_of(prev, words))
                    targets.append(slot)
        self.count = count
        sources, scalars, rests, arcs = self.sums
        for arc in lat.edits:
            arc_weight = weight(arc)
            for prev, source in alpha[arc.i].items():
                rest = beta[arc.j].get(arc.words[-1] if arc.words else prev)
                if rest is None:
                    continue
                sources.append(source)
                scalars.append(arc_weight + w * score_of(prev, arc.words))
                rests.append(rest)
                arcs.append(len(self.owners))
            self.owners.append(k)
        self.counts.append(len(lat.edits))

    def marginals(self) -> list[list[Vector]]:
        forward = self.forward
        grid = forward.terms.grid
        messages = np.empty((self.count, len(grid.rates)))
        held = np.zeros(self.count, dtype=bool)
        if self.starts:
            slots, ends = zip(*self.starts, strict=True)
            messages[list(slots)] = np.asarray(ends)[:, None]
            held[list(slots)] = True
        terms = forward.terms.matrix()
        for rests, term, scalars, targets in reversed(self.steps):
            if not rests:
                continue
            values = _add(_add(terms[term], np.asarray(scalars)[:, None]), messages[rests])
            _combine(messages, held, np.asarray(targets), values)
        sources, scalars, rests, arcs = self.sums
        owners = np.asarray(self.owners, dtype=np.int64)[arcs]
        values = _add(_add(forward.messages[sources], grid.log_rates), np.asarray(scalars)[:, None])
        values = _add(values, messages[rests])
        shares = _exp(_minimum(_subtract(values, forward.totals[owners]), grid.zeros))
        acc = np.zeros((len(self.owners), len(grid.rates)))
        _accumulate(acc, np.asarray(arcs, dtype=np.int64), shares)
        return _cut(list(np.minimum(acc, 1.0)), self.counts)


def _combine(into: np.ndarray, held: np.ndarray, targets: np.ndarray, values: np.ndarray) -> None:
    """Log-add ``values`` into the rows ``targets`` of ``into``: each row's own value
    first (if ``held``), then its values in their order, a rank at a time (a fold, as
    _Pass's: the same floats)."""
    ranks = _ranks(targets)
    for rank in range(int(ranks.max()) + 1 if len(ranks) else 0):
        pick = np.flatnonzero(ranks == rank)
        rows = targets[pick]
        old = held[rows]
        into[rows[~old]] = values[pick[~old]]
        more = rows[old]
        into[more] = _logaddexp(into[more], values[pick[old]])
        held[rows] = True


def _accumulate(into: np.ndarray, targets: np.ndarray, values: np.ndarray) -> None:
    """Add ``values`` to the rows ``targets`` of ``into``, in their order (a rank at a
    time: the same sums as adding them one by one)."""
    ranks = _ranks(targets)
    for rank in range(int(ranks.max()) + 1 if len(ranks) else 0):
        pick = np.flatnonzero(ranks == rank)
        into[targets[pick]] += values[pick]


def _ranks(keys: np.ndarray) -> np.ndarray:
    """Each item's rank among the items of the same key before it."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    index = np.arange(len(keys))
    firsts = np.maximum.accumulate(np.where(np.r_[True, ordered[1:] != ordered[:-1]], index, 0))
    ranks = np.empty(len(keys), dtype=np.int64)
    ranks[order] = index - firsts
    return ranks


def marginals(
    lat: Lattice, lm: LanguageModel, lm_weight: float, grid: Grid, bias: float = 0.0
) -> list[Vector]:
    """Each spin arc's posterior probability at each rate (``lat.edits`` order), with
    decisions' calibration (:mod:`unspin.calibration`) scaled by ``bias``."""
    return _pass(lat, lm, lm_weight, grid, False, bias).marginals()
