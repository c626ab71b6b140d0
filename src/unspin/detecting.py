"""Tell spun text from clean text, with the repair model's own evidence.

The score is the probability that the text was spun at all: that of its most likely
spun region (:mod:`unspin.rates`), from the same lattices repair weighs, or, where it is
higher, the confidence of the likeliest spin repair finds in it (:func:`surest`: a text
holding a phrase repair is 95% sure was spun was spun at least as surely). A candidate
repair declines counts scaled under the threshold: it does not flag a text alone, one
ordinary word choice is not enough; nor does one declined in a short text its region
leaves under ``Config.short_spun``, however confident (a formal writer's register); nor
do regions whose evidence is one site (:func:`accumulated`). The evidence
is the lattices that point to spinning, and a text of several paragraphs gets a score
per paragraph (that of its most likely spun region, on the paragraph's own evidence).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import regex

from . import collector
from .analysis import Analysis, Region, spin_rate, text_spun
from .casing import transfer_case
from .choosing import gate, spun_enough
from .deciding import Decider
from .english import english_prose
from .figures import spelled_digits
from .kinds import kind_shares
from .lattice import FINGERPRINT
from .phrasebook import Entry
from .rates import PRIOR_SPUN, RATES, posteriors, prior_with
from .rules import written

if TYPE_CHECKING:
    from .repairing import Repairer

#: A text is called spun above this probability.
THRESHOLD = 0.5
#: The prior probability that a paragraph of a surely spun text was spun.
SPUN_TEXT_PARAGRAPHS = 0.3
#: The odds that a text with too little English prose was spun, against prose's: code,
#: data, tables and other languages hold few candidates and none of the survivors that
#: clear clean English, so their score would stay near the prior. A sense error as
#: strong as "Center East" still shows through.
NOT_PROSE_ODDS = 0.01
#: What :attr:`Detection.reason` says of such a text.
NOT_PROSE = "too little English prose to judge"
#: What :attr:`Detection.reason` says of a text its regions alone would have flagged on
#: one site's evidence (:func:`accumulated`).
ONE_SITE = "one word choice carries the evidence, and one is no sign of spinning"
#: One site is no accumulation: where the evidence beyond a text's (or paragraph's)
#: strongest site weighs under this log-ratio (about 7:1), its regions' score counts
#: scaled by LONE_SCALE, under the threshold; the decisions still judge that site
#: (:func:`surest`). One ordinary word choice ("stays open till midnight", "strain on
#: the energy grid", "Army officers stated") flagged clean sentences on its own.
LONE_REST = 2.0
LONE_SCALE = 0.5
_PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n\s*")
_LINE_BREAK = regex.compile(r"\n")
_RATES = np.asarray(RATES)


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
    """The score of one paragraph (``text[start:end]``), weighed on its own evidence."""

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
    reason: str = ""  # why the score says little, if it does (NOT_PROSE, ONE_SITE)


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


def _paragraph_evidence(text: str, analysis: Analysis, spans: list[tuple[int, int]]) -> np.ndarray:
    """The regions' evidence with repeats of a word choice counted once per paragraph,
    not once in a window of the text: each paragraph is weighed on its own."""
    assert analysis.evidence is not None and analysis.shares is not None
    assert analysis.kinds is not None and analysis.tempered is not None
    tempered = analysis.tempered
    evidence = analysis.evidence.copy()
    by_paragraph: dict[int, list[int]] = {}
    span_starts = [s for s, _ in spans]
    for k, (_, _, j) in enumerate(analysis.lattices):
        p = bisect.bisect_right(span_starts, analysis.regions[j].start) - 1
        by_paragraph.setdefault(p, []).append(k)
    order: list[int] = []
    change: list[float] = []
    for members in by_paragraph.values():
        kinds = [analysis.kinds[k] for k in members]
        where = [analysis.lattices[k][2] for k in members]
        own = kind_shares(kinds, where, window=len(text))
        order.extend(members)
        change.extend(
            share * tempered[k] - analysis.shares[k] for k, share in zip(members, own, strict=True)
        )
    if order:
        ratios = np.array([analysis.lattices[k][1].ratio for k in order])  # type: ignore[attr-defined]
        where = [analysis.lattices[k][2] for k in order]
        np.add.at(evidence, where, np.asarray(change)[:, None] * ratios)  # in order: the same sums
    return evidence


class Weighed(NamedTuple):
    """What detection takes from a text's analysis: its regions, the spun phrases found
    (in the order of their lattices), and for its paragraphs each region's evidence with
    a paragraph's repeats counted once (:func:`_paragraph_evidence`) and how freely the
    rate moves into it (None: no paragraphs to score); and the confidence of the
    likeliest spin repair finds among its candidates, or its regions' score where that is
    higher (:func:`surest`, but for spelled-out figures)."""

    regions: list[Region]
    signals: list[Signal]
    own_evidence: np.ndarray | None
    switch: np.ndarray | None
    surest: float = 0.0


def signals(
    text: str, analysis: Analysis, decider: Decider, own: range | None = None, shift: int = 0
) -> list[Signal]:
    """The spun phrases ``analysis`` found in ``text``, in the regions ``own`` (all if
    None), their spans moved by ``shift``."""
    found = analysis.regions
    out = []
    nearest: dict[int, int] = {}  # region -> the grid rate nearest its rate
    for lat, passed, j in analysis.lattices:
        region = found[j]
        if region.spun < 1e-6 or (own is not None and j not in own):
            continue
        # The lattice's likelihood ratio at its region's rate (the nearest on the grid).
        g = nearest.get(j)
        if g is None:
            g = nearest[j] = int(np.argmin(np.abs(_RATES[1:] - region.rate))) + 1
        weight = float(passed.ratio[g])  # type: ignore[attr-defined]
        if weight > 0:
            best = max(lat.edits, key=lambda a: a.lm + a.weight)
            rule = decider.rules[best.rule]
            entry = rule.entry
            before = text[best.start : best.end]
            original = transfer_case(before, written(rule))
            out.append(
                Signal(best.start + shift, best.end + shift, before, original, weight, entry)
            )
    return out


def is_page(text: str) -> bool:
    """Whether detection weighs ``text`` as a page (:data:`unspin.rates.ONE_RATE_SPUN`):
    paragraphs between blank lines. One block of lines is not (each line counts as a
    paragraph, but the block may be one paragraph cut out of a page: weighed as a page,
    such blocks of clean text scored higher, and the paragraph ROC AUC on real pages fell
    from 0.984 to 0.980). Whole pages at 30% of their spins: 23 of 56 flagged -> 31, no
    clean page of 586 flagged (the highest score 0.06 -> 0.12); paragraphs as before.
    Otherwise at a lone sentence's prior, as when detection was calibrated."""
    return _PARAGRAPH_BREAK.search(text.strip()) is not None


def _weigh(
    repairer: Repairer,
    text: str,
    spans: list[tuple[int, int]],
    found: tuple[list, list],
    memo: dict | None = None,
) -> Weighed:
    """:class:`Weighed` for ``text`` analysed in one piece (``found``: its matches and
    keys; ``memo``: see :meth:`unspin.weighing.Weigher.analyse`)."""
    _, decider = repairer._compile()
    matches, keys = found
    # Unlisted words weigh in full (see unspin.weighing.UNLISTED_KEPT).
    analysis = decider.analyse(
        text, matches, keys, unlisted_kept=1.0, kept_weight=1.0, pages=is_page(text), memo=memo
    )
    own_evidence = None
    if len(spans) > 1 and analysis.evidence is not None:
        own_evidence = _paragraph_evidence(text, analysis, spans)
    least, short = repairer.config.threshold, repairer.config.short_spun
    phrases = signals(text, analysis, decider)
    regions_say = accumulated(text_spun(analysis.regions), [s.weight for s in phrases])
    sure = _surest_in(decider, text, found, 0, len(text), regions_say, least, short, memo)
    return Weighed(analysis.regions, phrases, own_evidence, analysis.switch, sure)


@collector.paused()  # the matches and the scores too, not only the analysis
def detect_with(
    repairer: Repairer, text: str, *, threshold: float = THRESHOLD, paragraphs: bool = True
) -> Detection:
    """:func:`unspin.detect` with a configured :class:`~unspin.Repairer`.

    A text longer than :data:`unspin.repairing.SEGMENT_CHARS` is analysed a segment at a
    time, with context, as repair analyses it (:mod:`unspin.detecting_segments`)."""
    from . import detecting_segments, repairing

    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    if not text.strip():
        return Detection(0.0, False, 0.0, [], [])
    spans = paragraph_spans(text) if paragraphs else []
    # The paragraphs' lines are the text's: their counts are kept, but for a long text
    # (the cache would hold all of its lines).
    lines: dict[str, tuple[int, int, bool, int, bool]] | None = None
    if len(text) <= repairing.SEGMENT_CHARS:
        lines = {}
        prose = english_prose(text, lines)
        found_here = repairer._compile()[0].find(text)
        weighed = _weigh(repairer, text, spans, found_here, {})
    else:
        prose = english_prose(text)
        weighed = detecting_segments.weigh(repairer, text, spans, repairing.SEGMENT_CHARS)
    found = weighed.regions
    weights = [s.weight for s in weighed.signals]
    regions = text_spun(found)
    regions_say = accumulated(regions, weights)
    score = max([regions_say, weighed.surest, *_figures(text)])
    if not prose:
        score = _not_prose(score)
    evidence = sorted(weighed.signals, key=lambda s: -s.weight)
    scored: list[Paragraph] = []
    if len(spans) > 1 and weighed.own_evidence is not None:
        assert weighed.switch is not None
        # Each paragraph on its own evidence, under a prior the text sets: in a spun
        # text most paragraphs were spun, but a spared quotation is what a reader of
        # the scores wants to see (repair weighs the neighbours too).
        start_prior = prior_with(PRIOR_SPUN + (SPUN_TEXT_PARAGRAPHS - PRIOR_SPUN) * score)
        starts = [r.start for r in found]
        # One site is no accumulation: in a text not spun, a paragraph's own sites must
        # add up; in a spun text the other paragraphs' sites count.
        own_weights = None if score >= threshold else _by_paragraph(weighed.signals, spans)
        for k, (start, end) in enumerate(spans):
            lo = bisect.bisect_left(starts, start)
            hi = bisect.bisect_left(starts, end)
            p = 0.0
            if any(r.sites for r in found[lo:hi]):
                own = posteriors(
                    weighed.own_evidence[lo:hi], weighed.switch[lo:hi], start_prior, pages=False
                )
                p = float(1.0 - own[:, 0].min())
                p = accumulated(p, weights if own_weights is None else own_weights[k])
                # A paragraph of code or data in a prose text is judged as such too.
                if not (prose and english_prose(text[start:end], lines)):
                    p = _not_prose(p)
            scored.append(Paragraph(start, end, p, p >= threshold))
    reason = "" if prose else NOT_PROSE
    if prose and regions_say < regions and score < threshold <= regions:
        reason = ONE_SITE
    return Detection(score, score >= threshold, spin_rate(found), evidence, scored, reason)


def _figures(text: str) -> list[float]:
    """The confidences of the spelled-out figures in ``text`` (:mod:`unspin.figures`),
    which detection counts as repair's candidates, made or not."""
    return [d.confidence for d in spelled_digits(text)]


def surest(repairer: Repairer, text: str, floor: float = 0.0) -> float:
    """The confidence of the likeliest spin repair finds in ``text`` (its candidates and
    spelled-out figures, made or not; one under the repairer's threshold scaled by
    :data:`THRESHOLD` over it), if above ``floor``; else ``floor``: what detection reads
    with its weighing (:func:`_weigh`, :mod:`unspin.detecting_segments`). A text longer
    than :data:`unspin.repairing.SEGMENT_CHARS` is decided a segment at a time, with
    context, as repair decides it.

    Measured on real paragraphs alone (343 spun paragraphs of the 56 held-out pages
    against 1,193 clean ones, of their originals and of news), ROC AUC 0.9846 -> 0.9868,
    recall at the threshold 0.71 -> 0.79, false-positive rate 0.0017 -> 0.0034: the
    decisions' sharper language model and calibration see spins that a region's
    evidence, calibrated on clean prose, weighs little ("A Greenback Basic retailer":
    three edits at 0.95, the region 0.05).

    A candidate under the repairer's threshold counts scaled by :data:`THRESHOLD` over
    that threshold, so that it never flags a text alone: repair declines it, and
    unscaled such candidates flagged clean sentences for one ordinary word choice
    ("Netflix signaled a price rise", "fought back in the final ten overs"). Measured
    (2026-12-04): the 36 held-out real pages' spun paragraphs against the paragraphs of
    564 hard-negative texts, ROC AUC 0.9806 -> 0.9815, false-positive rate 0.0075 ->
    0.0028, recall 0.73 -> 0.69; against their originals and clean news, ROC AUC 0.991
    either way; the benchmark's paragraphs alone 0.957 -> 0.953 (0.947 with those
    candidates left out instead of scaled); ``negative.json`` flagged 26 -> 19 of 928."""
    from . import streaming
    from .repairing import SEGMENT_CHARS

    best = max([floor, *_figures(text)])
    matcher, decider = repairer._compile()
    pieces: Iterable[tuple[int, str, str, str]] = (
        [(0, "", text, "")]
        if len(text) <= SEGMENT_CHARS
        else streaming.segments(text, SEGMENT_CHARS)
    )
    for _, before, segment, after in pieces:
        whole = before + segment + after
        lo = len(before)
        found = matcher.find(whole)
        best = _surest_in(
            decider, whole, found, lo, lo + len(segment), best, repairer.config.threshold,
            repairer.config.short_spun,
        )  # fmt: skip
    return best


def _surest_in(
    decider: Decider,
    whole: str,
    found: tuple[list, list],
    lo: int,
    hi: int,
    best: float,
    least: float,
    short_spun: float,
    memo: dict | None = None,
    prune: float = 0.0,
) -> float:
    """:func:`surest` of the candidates within ``whole[lo:hi]`` confident at least
    ``least`` (and, in a short text, in a region at least ``short_spun`` likely spun:
    :func:`unspin.choosing.spun_enough`), ``whole`` holding their context (``found``: its
    matches and keys; ``memo``: see :meth:`unspin.weighing.Weigher.analyse`), with
    ``best`` as the floor; candidates that cannot count above ``prune`` (a score the
    text is known to reach) are not scored."""
    matches, keys = found
    if not matches:
        return best
    # A candidate under ``least`` (a repairer's threshold, over 0.5) counts scaled by
    # THRESHOLD / least: under the threshold. Only candidates that could raise ``best``
    # (and ``prune``) are scored.
    scale = THRESHOLD / least
    known = max(best, prune)
    bar = min(max(known, least), known / scale)
    decisions, _ = decider.decide(whole, matches, keys, prune_below=bar, floor=bar, memo=memo)
    short_spun = gate(decisions, least, short_spun)
    for d in decisions:
        if d.confidence < least:
            c = d.confidence * scale
        elif not spun_enough(d, short_spun):
            # A short text not surely spun, where repair declines even a confident
            # candidate: it counts under THRESHOLD however confident.
            c = d.confidence * THRESHOLD
        else:
            c = d.confidence
        if lo <= d.start and d.end <= hi and c > best:
            best = c
    return best


def _by_paragraph(found: list[Signal], spans: list[tuple[int, int]]) -> list[list[float]]:
    """The weights of the signals that start in each paragraph of ``spans``."""
    out: list[list[float]] = [[] for _ in spans]
    starts = [start for start, _ in spans]
    for s in found:
        k = bisect.bisect_right(starts, s.start) - 1
        if k >= 0 and s.start < spans[k][1]:
            out[k].append(s.weight)
    return out


def accumulated(score: float, weights: list[float]) -> float:
    """A regions' ``score`` as evidence from independent sites (``weights``: the log
    ratios of the sites that point to spinning): scaled by :data:`LONE_SCALE` where one
    site carries it (the others weigh under :data:`LONE_REST` together), unless that
    site weighs as a fingerprint ("counterfeit consciousness")."""
    if not weights:
        return score
    top = max(weights)
    if top >= FINGERPRINT or sum(weights) - top >= LONE_REST:
        return score
    return score * LONE_SCALE


def _not_prose(score: float) -> float:
    odds = NOT_PROSE_ODDS * score / max(1.0 - score, 1e-300)
    return odds / (1.0 + odds)
