"""What the model concludes about a text: each region's posterior spin rate, with the
lattices and evidence it was weighed from (:mod:`unspin.weighing` makes it), and the text's
spin rate and probability of having been spun, read off its regions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from .lattice import Lattice
from .rates import RATES

_RATES = np.asarray(RATES)


class Region(NamedTuple):
    """What the model concluded about one region of a text."""

    start: int
    end: int
    posterior: np.ndarray  # over unspin.rates.RATES
    spun: float  # 1 - posterior of rate 0
    rate: float  # expected spin rate, given that it was spun
    sites: int  # candidate groups and unspun keys in it


class Analysis(NamedTuple):
    """A text's lattices (with their forward passes and regions) and its regions, with
    each region's evidence (log likelihood ratio at each rate) and chain scale."""

    lattices: list[tuple[Lattice, object, int]]
    regions: list[Region]
    evidence: np.ndarray | None = None
    switch: np.ndarray | None = None
    shares: list[float] | None = None  # each lattice's share of its evidence
    # The regions as the news spinner's evidence alone weighs them (None: as ``regions``):
    # a tortured phrase says a paper went through a paraphrasing tool, not that its
    # other words went through the news spinner's thesaurus.
    news: list[Region] | None = None
    kinds: list[str] | None = None  # each lattice's kind (unspin.kinds)
    # The regions as the paraphrasers' fingerprints alone weigh them (None: no
    # fingerprint): the news spinner's keys left unspun say nothing about another tool.
    papers: list[Region] | None = None
    # Each lattice's factor for an older register (unspin.register), in ``shares`` too.
    tempered: list[float] | None = None


def regions_of(
    spans: Sequence[tuple[int, int]], post: np.ndarray, counts: Sequence[int]
) -> list[Region]:
    out = []
    for (start, end), p, n in zip(spans, post, counts, strict=True):
        spun_p = float(1.0 - p[0])
        rate = float(p[1:] @ _RATES[1:] / spun_p) if spun_p > 1e-12 else 0.0
        out.append(Region(start, end, p, spun_p, rate, n))
    return out


def spin_sums(found: Sequence[Region]) -> tuple[float, int]:
    """The regions' expected spun sites (each region's sites times its probability of
    being spun times its expected rate), and their sites."""
    return sum(r.sites * r.spun * r.rate for r in found), sum(r.sites for r in found)


def spin_rate(found: Sequence[Region]) -> float:
    """The text's spin rate: its regions' expected rates (0 for a clean region),
    weighted by their sites."""
    spun, total = spin_sums(found)
    return spun / total if total else 0.0


def text_spun(found: Sequence[Region]) -> float:
    """The probability that the text was spun: its most likely spun region's."""
    return max((r.spun for r in found if r.sites), default=0.0)
