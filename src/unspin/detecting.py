"""Tell spun text from clean text, with the repair model's own evidence.

The score is the probability that the text was spun at all (:mod:`unspin.document`),
from the candidate sites the repair model weighs; the evidence is the sites that point
to spinning, and a text of several paragraphs gets a score per paragraph.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

import regex

from .casing import transfer_case
from .deciding import SiteOdds
from .document import log_ratio, paragraph_probabilities, probability, weigh
from .phrasebook import Entry

if TYPE_CHECKING:
    from .repairing import Repairer

#: A text is called spun above this probability.
THRESHOLD = 0.5
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
    spin_rate: float  # the document's estimated spin rate, as repair_and_explain reports it
    evidence: list[Signal]  # the sites that point to spinning, strongest first
    paragraphs: list[Paragraph]  # for a text of several paragraphs, else []


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
    # The score and spin rate are those repair uses (from the same sample); evidence and
    # paragraph scores come from every site when paragraphs are asked for.
    spin_rate, sites, scale = decoder.document(text, matches, survivors)
    log_factor, rate = weigh(sites, survivors, scale)
    score = probability(log_factor)
    if len(spans) > 1:
        sites = decoder.site_odds(text, matches)
    evidence = []
    for site in sites:
        weight = log_ratio(site, rate)
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
        kept = [matcher.find(text[start:end])[1] for start, end in spans]
        scores = paragraph_probabilities(by_paragraph, kept, score)
        for (start, end), p in zip(spans, scores, strict=True):
            scored.append(Paragraph(start, end, p, p >= threshold))
    return Detection(score, score >= threshold, spin_rate, evidence, scored)
