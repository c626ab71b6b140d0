"""Tell spun text from clean text, with the repair model's own evidence.

Two hypotheses about a text: it is clean (no word was spun, ``rho = 0``), or it went
through a spinner at some rate ``rho`` drawn from :data:`SPUN_RATE_PRIOR`. Each candidate
site of the phrasebook has a likelihood ratio of the two that the repair model already
knows (:class:`~unspin.deciding.SiteOdds`), and each original phrase left unspun counts
against spinning. Their product, integrated over ``rho``, is the Bayes factor; with the
prior share of spun texts it gives the probability that the text was spun.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import regex

from .casing import transfer_case
from .deciding import Decoder, SiteOdds
from .matching import Match
from .phrasebook import Entry

if TYPE_CHECKING:
    from .repairing import Repairer

#: Beta prior on the spin rate of a spun text: spinners rewrite anywhere from a few
#: to most of the words they can (the seeds: 0.5-0.8; lighter pages exist).
SPUN_RATE_PRIOR = (1.0, 2.0)
#: Prior probability that a text is spun, before reading it (most text is not).
PRIOR_SPUN = 0.2
#: No one site counts for more than this likelihood ratio: a single LM comparison is
#: crude, and a clean paragraph can hold one word the LM finds odd.
SITE_ODDS_CAP = 20.0
#: A text is called spun above this probability.
THRESHOLD = 0.5
#: Long texts are weighed on the sites of this many groups, spread over the text.
SAMPLE_GROUPS = 400
_GRID = 50
_PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = regex.compile(r"\n")


class Signal(NamedTuple):
    """A spun phrase found: its span, the phrase it stands for, and its weight (the
    log-likelihood ratio it adds for spinning, at the text's spin rate)."""

    start: int
    end: int
    text: str
    original: str
    weight: float
    entry: Entry  # the phrasebook entry behind it


class Paragraph(NamedTuple):
    """The score of one paragraph (``text[start:end]``), weighed on its own."""

    start: int
    end: int
    score: float
    spun: bool


class Detection(NamedTuple):
    """Whether a text was machine-spun, how likely, and why."""

    score: float  # probability that the text was spun
    spun: bool  # score >= threshold
    spin_rate: float  # estimated share of spinnable words spun, if it was
    evidence: list[Signal]  # the sites that point to spinning, strongest first
    paragraphs: list[Paragraph]  # for a text of several paragraphs, else []


def _grid() -> list[tuple[float, float]]:
    """Midpoints of equal bins over (0, 1) with the log prior mass of each bin."""
    a, b = SPUN_RATE_PRIOR
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    out = []
    for k in range(_GRID):
        rho = (k + 0.5) / _GRID
        density = log_norm + (a - 1) * math.log(rho) + (b - 1) * math.log1p(-rho)
        out.append((rho, density - math.log(_GRID)))
    return out


_RATES = _grid()


def log_likelihood(sites: Sequence[SiteOdds], survivors: float, rho: float, scale: float) -> float:
    """log P(text | spun at rate rho) - log P(text | clean), to first order in survivors."""
    total = 0.0
    for site in sites:
        total += math.log(1.0 - rho * site.spun_propensity + rho * min(site.odds, SITE_ODDS_CAP))
    return scale * total - rho * survivors


def weigh(sites: Sequence[SiteOdds], survivors: float, scale: float = 1.0) -> tuple[float, float]:
    """The log Bayes factor for spinning against clean, and the most likely spin rate."""
    terms = [(rho, prior + log_likelihood(sites, survivors, rho, scale)) for rho, prior in _RATES]
    top = max(value for _, value in terms)
    log_factor = top + math.log(sum(math.exp(value - top) for _, value in terms))
    rate = max(terms, key=lambda t: t[1])[0]
    return log_factor, rate


def probability(log_factor: float, prior: float = PRIOR_SPUN) -> float:
    """Posterior probability of spinning from a log Bayes factor."""
    logit = log_factor + math.log(prior / (1.0 - prior))
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    return math.exp(logit) / (1.0 + math.exp(logit))


def spun_probability(
    decoder: Decoder, text: str, matches: Sequence[Match], survivors: float
) -> float:
    """The probability that ``text`` was spun, weighed on a sample of its sites."""
    sites, scale = decoder.site_odds(text, matches, SAMPLE_GROUPS)
    return probability(weigh(sites, survivors, scale)[0])


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, trimmed: text between blank lines, or between
    line breaks in a text without blank lines (one paragraph per line, as scraped)."""
    spans = []
    pos = 0
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    for m in [*breaks.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        if m:
            pos = m.end()
    return spans


def detect_with(
    repairer: Repairer, text: str, *, threshold: float = THRESHOLD, paragraphs: bool = True
) -> Detection:
    """:func:`unspin.detect` with a configured :class:`~unspin.Repairer`."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    if not text.strip():
        return Detection(0.0, False, 0.0, [], [])
    matcher, decoder = repairer._compile()
    matches, survivors = matcher.find(text)
    spans = paragraph_spans(text) if paragraphs else []
    # Paragraph scores need every site; the document alone is weighed on a sample.
    limit = None if len(spans) > 1 else SAMPLE_GROUPS
    sites, scale = decoder.site_odds(text, matches, limit)
    log_factor, rate = weigh(sites, survivors, scale)
    score = probability(log_factor)
    evidence = []
    for site in sites:
        odds = min(site.odds, SITE_ODDS_CAP)
        weight = math.log(1.0 - rate * site.spun_propensity + rate * odds)
        if weight > 0:
            original = transfer_case(site.before, site.best.entry.original)
            evidence.append(
                Signal(site.start, site.end, site.before, original, weight, site.best.entry)
            )
    evidence.sort(key=lambda s: -s.weight)
    scored: list[Paragraph] = []
    if len(spans) > 1:
        by_paragraph: list[list[SiteOdds]] = [[] for _ in spans]
        starts = [start for start, _ in spans]
        for site in sites:
            k = bisect.bisect_right(starts, site.start) - 1
            if k >= 0 and site.end <= spans[k][1]:
                by_paragraph[k].append(site)
        for (start, end), found in zip(spans, by_paragraph, strict=True):
            kept = matcher.find(text[start:end])[1]
            p = probability(weigh(found, kept)[0])
            scored.append(Paragraph(start, end, p, p >= threshold))
    return Detection(score, score >= threshold, rate if sites else 0.0, evidence, scored)
