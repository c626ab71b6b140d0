"""Inference over many lattices at once: :mod:`unspin.inference`'s passes, batched.

:func:`evaluate_all` and :func:`marginals_all` give, for each lattice of a stage, the
very floats :func:`unspin.inference.evaluate` and :func:`unspin.inference.marginals`
give it alone: numpy over the arcs of all of them at once instead of small vectors arc
by arc, each element the same sum of the same terms in the same order as ``_Pass``'s and
``_Single``'s (``tests/test_repair.py`` checks it lattice by lattice).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .inference import EVIDENCE_BIAS, Grid, Vector, _add, _exp, _logaddexp, _minimum, _subtract
from .language_model import LanguageModel
from .lattice import Arc, Lattice


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
    new = np.empty(len(keys), dtype=bool)  # where a key's run starts (np.r_ is slow)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    firsts = np.maximum.accumulate(np.where(new, index, 0))
    ranks = np.empty(len(keys), dtype=np.int64)
    ranks[order] = index - firsts
    return ranks
