"""What a document's candidate sites say about it as a whole: was it spun at all?

Two hypotheses: the text is clean (no word was spun, ``rho = 0``), or it went through a
spinner at some rate ``rho`` drawn from :data:`SPUN_RATE_PRIOR`. Each candidate site has
a likelihood ratio of the two (:class:`~unspin.deciding.SiteOdds`), and each original
phrase left unspun counts against spinning. Their product, integrated over ``rho``, is
the Bayes factor; with :data:`PRIOR_SPUN` it gives the probability that the text was
spun. Repair multiplies every edit's confidence by it; detection reports it.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Protocol


class Site(Protocol):
    """A candidate site's evidence (see :class:`~unspin.deciding.SiteOdds`)."""

    @property
    def spun_propensity(self) -> float: ...

    @property
    def odds(self) -> float: ...

    @property
    def before(self) -> str: ...

    @property
    def context(self) -> bool: ...


#: Beta prior on the spin rate of a spun text: spinners rewrite anywhere from a few
#: to most of the words they can (the seeds: 0.5-0.8), and lightly spun pages (4% of
#: tokens) are common, so the prior leans low (mean 0.25, median 0.16).
SPUN_RATE_PRIOR = (0.5, 1.5)
#: Prior probability that a text is spun, before reading it (most text is not).
PRIOR_SPUN = 0.2
#: The share of a spun text's paragraphs that went through the spinner (the others were
#: spared: quotations, headlines, a pasted clean passage), as equally likely values.
PARAGRAPH_SHARES = (0.1, 0.3, 0.5, 0.7, 0.9, 1.0)
#: How closely a spun paragraph's rate follows its text's: the concentration of a Beta
#: centred on the text's rate (small: paragraphs vary widely).
PARAGRAPH_RATE_CONCENTRATION = 2.0
#: No one site counts for more than this likelihood ratio: a single LM comparison is
#: crude, and a clean paragraph can hold one word the LM finds odd. It is the bound on
#: one LM comparison in repair (``deciding.LM_CAP``). At 20, a lightly spun page (4% of
#: tokens) with a dozen "12 months" and "chemical compounds" scored under 0.1.
SITE_ODDS_CAP = 100.0
#: The bound for a site the LM saw without a word beside it ("Additionally," opening a
#: sentence): all it can say is that the word is rarer than its original, and writers
#: choose rarer words all the time.
BARE_SITE_ODDS_CAP = 20.0
_GRID = 50


def _logsumexp(values: Sequence[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


_GRID_RATES = [(k + 0.5) / _GRID for k in range(_GRID)]


def _beta_on_grid(a: float, b: float) -> list[float]:
    """Log prior mass of each grid rate under a Beta(a, b), normalized over the grid
    (the density of a Beta with ``a < 1`` is unbounded at 0)."""
    logs = [(a - 1) * math.log(r) + (b - 1) * math.log1p(-r) for r in _GRID_RATES]
    norm = _logsumexp(logs)
    return [v - norm for v in logs]


def _grid() -> list[tuple[float, float]]:
    """Midpoints of equal bins over (0, 1) with the log prior mass of each bin."""
    return list(zip(_GRID_RATES, _beta_on_grid(*SPUN_RATE_PRIOR), strict=True))


_RATES = _grid()


def kind(site: Site) -> str:
    """What a site's evidence is about: its spun words, or "digits" for any figure.

    A writer who uses "connection" or figures uses them throughout: repeats of one choice
    are one piece of evidence about the text, not many.
    """
    before = site.before.lower()
    return "digits" if before.isdigit() else before


def log_ratio(site: Site, rho: float) -> float:
    """log P(site | spun at rate rho) - log P(site | clean), the site's odds capped."""
    cap = SITE_ODDS_CAP if site.context else BARE_SITE_ODDS_CAP
    return math.log(1.0 - rho * site.spun_propensity + rho * min(site.odds, cap))


def kind_weights(sites: Sequence[Site]) -> list[float]:
    """Each site's weight: 1/n for a site whose :func:`kind` is seen n times in ``sites``,
    so that repeats of one kind count once, as the mean of their log-ratios."""
    counts: dict[str, int] = {}
    for site in sites:
        counts[kind(site)] = counts.get(kind(site), 0) + 1
    return [1.0 / counts[kind(site)] for site in sites]


def log_likelihood(
    sites: Sequence[Site], weights: Sequence[float], survivors: float, rho: float, scale: float
) -> float:
    """log P(text | spun at rate rho) - log P(text | clean), to first order in survivors,
    with each site counted by its weight (:func:`kind_weights`)."""
    total = sum(w * log_ratio(site, rho) for w, site in zip(weights, sites, strict=True))
    return scale * total - rho * survivors


def weigh(sites: Sequence[Site], survivors: float, scale: float = 1.0) -> tuple[float, float]:
    """The log Bayes factor for spinning against clean, and the most likely spin rate."""
    weights = kind_weights(sites)
    terms = [
        (rho, prior + log_likelihood(sites, weights, survivors, rho, scale))
        for rho, prior in _RATES
    ]
    log_factor = _logsumexp([value for _, value in terms])
    rate = max(terms, key=lambda t: t[1])[0]
    return log_factor, rate


def _log_mix(share: float, log_ratio: float) -> float:
    """log(share * exp(log_ratio) + 1 - share): a paragraph spun with probability share."""
    if share >= 1.0:
        return log_ratio
    a, b = math.log(share) + log_ratio, math.log1p(-share)
    return max(a, b) + math.log1p(math.exp(-abs(a - b)))


def _rate_spread(rho: float) -> list[float]:
    """Prior of each grid rate for one paragraph of a text spun at rate ``rho``: a Beta
    centred on ``rho`` with :data:`PARAGRAPH_RATE_CONCENTRATION`."""
    k = PARAGRAPH_RATE_CONCENTRATION
    return [math.exp(v) for v in _beta_on_grid(k * rho, k * (1.0 - rho))]


def _text_rates(groups: int = 10) -> list[tuple[float, float, list[float]]]:
    """A coarser grid for the text's rate (its paragraphs' rates spread around it are on
    the fine grid): (rate, log prior mass, spread of paragraph rates)."""
    size = len(_RATES) // groups
    out = []
    for g in range(groups):
        rho = (g + 0.5) / groups
        mass = _logsumexp([log_prior for _, log_prior in _RATES[g * size : (g + 1) * size]])
        out.append((rho, mass, _rate_spread(rho)))
    return out


_TEXT_RATES = _text_rates()


def _site_rows(sites: Sequence[Site]) -> list[list[float]]:
    """Each site's log-ratio at each fine-grid rate."""
    return [[log_ratio(site, rho) for rho, _ in _RATES] for site in sites]


def _scaled_row(
    rows: list[list[float]], weights: Sequence[float], survivors: float
) -> tuple[float, list[float]]:
    """A paragraph's likelihood ratio at each fine-grid rate, as (log scale, ratios),
    from its sites' ``rows`` (:func:`_site_rows`) weighted by ``weights``."""
    row = [-rho * survivors for rho, _ in _RATES]
    for w, values in zip(weights, rows, strict=True):
        row = [r + w * v for r, v in zip(row, values, strict=True)]
    top = max(row)
    return top, [math.exp(r - top) for r in row]


def _spread_factor(spread: list[float], scaled: tuple[float, list[float]]) -> float:
    """log of a paragraph's likelihood ratio averaged over its rate's spread."""
    top, row = scaled
    return top + math.log(sum(map(operator.mul, spread, row)))


def paragraph_probabilities(
    found: Sequence[Sequence[Site]], kept: Sequence[float], text_spun: float = 0.0
) -> list[float]:
    """The probability that each paragraph of a text was spun.

    ``found[j]`` are paragraph j's sites and ``kept[j]`` its survivors; ``text_spun`` is
    the text's probability under the one-rate model repair uses, which wins where it is
    higher (in a long text whose spun words repeat, counting each kind once is too
    strict for this model, whose survivors count in full). A spun text had
    some share of its paragraphs spun (:data:`PARAGRAPH_SHARES`), each at a rate of its
    own near the text's (a page's quotations may be spun lightly, its prose heavily),
    so a spared paragraph in a spun text, or a spun one in a clean text, stands out.
    """
    everywhere = kind_weights([site for sites in found for site in sites])
    # Whether the text was spun, and how much of it, is weighed with repeats of one kind
    # counting once in the whole text (habit); whether a paragraph was spun, given that,
    # with each paragraph's own evidence (a spinner's habit repeats in every paragraph it
    # touched, and a spared paragraph would have kept the original).
    text_level, own = [], []
    first = 0
    for sites, k in zip(found, kept, strict=True):
        rows = _site_rows(sites)
        text_level.append(_scaled_row(rows, everywhere[first : first + len(sites)], k))
        own.append(_scaled_row(rows, kind_weights(sites), k))
        first += len(sites)
    cells: list[tuple[float, float, list[float]]] = []
    shares_prior = -math.log(len(PARAGRAPH_SHARES))
    for _, log_prior, spread in _TEXT_RATES:
        factors = [_spread_factor(spread, row) for row in text_level]
        own_factors = [_spread_factor(spread, row) for row in own]
        for share in PARAGRAPH_SHARES:
            mixed = sum(_log_mix(share, f) for f in factors)
            cells.append((log_prior + shares_prior + mixed, share, own_factors))
    log_factor = _logsumexp([weight for weight, _, _ in cells])
    spun = max(probability(log_factor), text_spun)
    scores = [0.0] * len(found)
    for weight, share, own_factors in cells:
        w = math.exp(weight - log_factor)
        if w < 1e-12:
            continue
        for j, f in enumerate(own_factors):
            scores[j] += w * math.exp(math.log(share) + f - _log_mix(share, f))
    return [spun * min(score, 1.0) for score in scores]


def probability(log_factor: float, prior: float = PRIOR_SPUN) -> float:
    """Posterior probability of spinning from a log Bayes factor."""
    logit = log_factor + math.log(prior / (1.0 - prior))
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    return math.exp(logit) / (1.0 + math.exp(logit))
