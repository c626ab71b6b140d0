"""Quotations a spinner left alone.

Some runs of the family's spinner spare quotations: seed 000 and 003 leave every quote as
it was, as does one real page of 60 with quotes, while the others rewrite quotes as
much as the text around them. Whether a page's quotes were spared is a latent of the
page; its evidence is what the candidates inside quotes say at the rates of the region
(a spared quote reads as clean in a spun page: its keys stand unspun). The probability
that the quotes near a region were spared (those of the regions within
:data:`unspin.rates.WINDOW`, so that a file read in chunks decides as a whole one) lowers
the confidence of every candidate inside a quote of that region. Measured on real pages: the summed
evidence of the candidates in quotes is -7.6 and -11.6 nats on the seeds that spare them,
-0.2 on the real page that does, and above +0.3 on every page of 60 that spins them.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

import numpy as np
import regex

from .analysis import Analysis
from .rates import add_windows

__all__ = ["SPARED", "spans", "spared"]

#: Prior probability that a spun page's quotations were left alone.
SPARED = 0.05
_LOGIT = math.log(SPARED / (1.0 - SPARED))
# A quotation: between double quotes on one line, ten characters or more, with no other
# double quote inside (an opening mark with no closing one then costs only the characters
# up to the next mark, not the rest of the line: a long line of them was quadratic).
_QUOTE = regex.compile(r"[“\"]([^“”\"\n]{10,})[”\"]")


def spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the quoted passages of ``text`` (without their marks)."""
    return [m.span(1) for m in _QUOTE.finditer(text)]


def inside(quoted: Sequence[tuple[int, int]], starts: Sequence[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies in one of ``quoted`` (``starts``: their starts)."""
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and quoted[k][0] <= start and end <= quoted[k][1]


def spared(analysis: Analysis, quoted: Sequence[tuple[int, int]]) -> np.ndarray:
    """Per region of ``analysis``, the probability that the quotations near it were
    left alone: :data:`SPARED`, weighed by the log likelihood ratio of the lattices in
    the quotations of the regions within WINDOW, expected at the region's own rates
    (which read the evidence within WINDOW of it: nothing further is needed)."""
    regions = analysis.regions
    if not regions:
        return np.zeros(0)
    per_region = np.zeros((len(regions), len(regions[0].posterior)))
    starts = [s for s, _ in quoted]
    for lat, passed, j in analysis.lattices:
        if inside(quoted, starts, lat.start, lat.arcs[-1][0].end):
            per_region[j] += passed.ratio  # type: ignore[attr-defined]
    near = add_windows(np.zeros_like(per_region), per_region)  # in a chunk as in the file
    posterior = np.array([r.posterior for r in regions])
    evidence = (near * posterior).sum(axis=1)
    return 1.0 / (1.0 + np.exp(evidence - _LOGIT))
