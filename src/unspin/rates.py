"""How much of each region of a text was spun: a sticky two-level model over regions.

A text is cut into *regions* (lines, and long lines at sentence ends). Each region has a
spin rate ``rho``: 0 for clean text, otherwise the share of the spinner's keys it
rewrote there. The rates follow a sticky chain along the text (``ENTER``, ``LEAVE``,
``REDRAW``), starting from :data:`PRIOR` (clean with probability ``1 - PRIOR_SPUN``). A
spun article in a page of clean boilerplate, a clean quotation in a spun page and a
file of many documents are all runs of the chain.

Each region's evidence is its likelihood ratio at every rate of :data:`RATES` (its
lattices' and its unspun keys', :mod:`unspin.inference`); a region's posterior over the
rates is computed from the regions within :data:`WINDOW` of it only, so that the same
words in the same surroundings always get the same decisions, however a long text is
cut into chunks.

The chain is averaged with a second model of the same window: **one rate** for all its
regions (a page spun lightly throughout), each weighed by how well it explains the
window's evidence (Bayesian model averaging, prior :data:`ONE_RATE`). On a lightly spun
page each region holds one or two spins a bigram model cannot tell from a writer's choice,
so the chain, free to move, calls most regions clean; the one-rate model pools the whole
window's evidence and gives each region the page's rate. Where regions differ (a spun
article among clean paragraphs) the chain explains the window far better and decides.
A window of several paragraphs starts the one-rate model from a higher prior of being
spun (:data:`ONE_RATE_SPUN`) than a lone sentence: a page has the evidence to overrule it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import regex

#: The spin rates inference works on (0: clean).
RATES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97)
#: The Beta prior of a spun region's rate (lightly spun pages are common: it leans low).
SPUN_RATE_PRIOR = (0.7, 1.0)
#: How the rate moves from one region to the next: a clean region is followed by a
#: spun one with probability ``ENTER``; a spun region by a clean one with ``LEAVE``, or
#: by one spun at a new rate with ``REDRAW``. Across a blank line (a quotation, a
#: pasted passage, another article) these are as given; within a paragraph (the next
#: line, or the rest of a long line), ``WITHIN`` times as much. Clean text seldom
#: turns spun, so a long clean text is not many chances of a false alarm. ``ENTER`` also
#: sets the prior of a lone sentence (:data:`PRIOR_SPUN`), where one ordinary word choice
#: ("The ministry stated on Monday") must not make it spun: measured against 0.02, 1,169
#: clean probe sentences and paragraphs edited 5 -> 3 (with the curated table loaded
#: alone as the book, 10 -> 3, lone sentences 6 -> 1, negative cases 4 -> 1), for 0.002
#: of error reduction on real pages unseen by the book and 0.017 at a 30% share of
#: their spins (the development pairs, the locality cases and real-page detection as
#: before); at 0.015 the clean figures barely moved, at 0.005 light spinning lost more.
ENTER = 0.01
LEAVE = 0.1
REDRAW = 0.2
WITHIN = 0.2
#: Prior probability that a text's first region is spun: the chain's own share of spun
#: regions, so that no region is more suspect for where it stands.
PRIOR_SPUN = ENTER / (ENTER + LEAVE)
#: Regions on each side whose evidence a region's posterior takes into account.
WINDOW = 24
#: A line longer than this (characters) is cut at a sentence end into regions.
REGION_CHARS = 600
#: Prior probability of the one-rate model of a window, against the chain.
ONE_RATE = 0.5
#: The one-rate model's prior that its window was spun, where the window holds at least
#: :data:`ONE_RATE_REGIONS` regions (a page of several paragraphs). A lone sentence must
#: not be made spun by one ordinary word choice (:data:`ENTER`); a page has the evidence
#: of all its paragraphs, which on clean pages speaks clearly against spinning (a log
#: Bayes factor under -1.7 for 95% of 56 real originals and 60 clean news articles),
#: while a page spun lightly throughout gives each region only a little (from -1 to +1.5
#: for half of the same pages at 15% of their spins), and at the prior of a lone sentence
#: was called clean region by region. Measured against PRIOR_SPUN on the 36 real pages
#: 260-307 the book never saw, at 15%/30%/60% of their spins: 0.071/0.265/0.495 ->
#: 0.099/0.306/0.503 (whole 0.633 -> 0.634); the development pairs 0.814 -> 0.816; no
#: more clean text edited (negative cases, 399 system documents, 131 clean news
#: articles, their 844 paragraphs and 1,180 short texts, 416 lone sentences, 476
#: abstracts); the highest confidence of any candidate in 586 clean documents stays
#: 0.374 (9 of them above 0.3, 1 before). At 0.3 light pages gained about two thirds as
#: much. Short texts (fewer regions) keep PRIOR_SPUN, and so do the first stage's screen
#: and detection (unspin.weighing), and the paraphrasers' own weighing.
#: Lowered from 0.4 on 2026-12-06, on clean prose written that day (200 texts never
#: fitted to, 80 of them five to eight paragraphs dense with fifteen or more of the
#: spinner's words in their own sense): at 0.4 a science feature ("a lengthy period",
#: "practically identical", "greater protection", "Government officers", "the brooding
#: interval") got 6 edits and a review with two short paragraphs added 3; its formal
#: writer's choices are not independent sites, and seven paragraphs of moderate evidence
#: summed past a page's prior. At 0.3 the feature kept one edit; at 0.25 and 0.2 none.
#: Cost at 0.25: 33 held-out real pages whole 0.6092 -> 0.6089, their light copies at
#: 15% / 30% of their spins 0.083 / 0.231 -> 0.063 / 0.211 (false edits 30 / 159 -> 27
#: / 148); a user who knows the copies are spun says so (``Config.spun_prior``).
ONE_RATE_SPUN = 0.25
ONE_RATE_REGIONS = 5

_SENTENCE_END = regex.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = regex.compile(r"\s+")


def prior() -> np.ndarray:
    """Log prior of each rate of :data:`RATES` for a region starting a run."""
    a, b = SPUN_RATE_PRIOR
    spun = [(a - 1) * math.log(r) + (b - 1) * math.log1p(-r) for r in RATES[1:]]
    top = max(spun)
    norm = math.log(sum(math.exp(v - top) for v in spun)) + top
    return np.array([math.log1p(-PRIOR_SPUN)] + [math.log(PRIOR_SPUN) + v - norm for v in spun])


LOG_PRIOR = prior()


def regions(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each region: every non-blank line, a long one cut at the
    first sentence end after :data:`REGION_CHARS` characters (or at a space after four
    times that)."""
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        start = pos
        while end - start > REGION_CHARS:
            # A sentence end further on than 4 * REGION_CHARS is not taken: the search
            # stops there (one past it), so a long line without one costs no more.
            limit = min(end, start + 4 * REGION_CHARS + 1)
            m = _SENTENCE_END.search(text, start + REGION_CHARS, limit)
            if m is None or m.end() - start > 4 * REGION_CHARS:
                m = _SPACE.search(text, start + 4 * REGION_CHARS, end)
                if m is None:
                    break
            out.append((start, m.end()))
            start = m.end()
        if text[start:end].strip():
            out.append((start, end))
        pos = end + 1
    return out


def switches(text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """How freely the rate moves into each region (the first: unused): 1 across a blank
    line, :data:`WITHIN` within a paragraph."""
    out = np.full(len(spans), WITHIN)
    for k in range(1, len(spans)):
        if text.count("\n", spans[k - 1][1], spans[k][0]) >= 2:
            out[k] = 1.0
    return out


# The prior of the rate of a spun region (the spun part of PRIOR, normalised).
_SPUN = np.exp(LOG_PRIOR[1:] - np.logaddexp.reduce(LOG_PRIOR[1:]))


def _forward(
    messages: np.ndarray, scale: np.ndarray, enter: float = ENTER, leave: float = LEAVE
) -> np.ndarray:
    """One step of the chain on forward log messages (rows), each with its boundary's
    ``scale`` of the moves."""
    top = messages.max(axis=1, keepdims=True)
    p = np.exp(messages - top)
    s = scale[:, None]
    clean, spun = p[:, :1], p[:, 1:]
    total = spun.sum(axis=1, keepdims=True)
    to_clean = clean * (1.0 - s * enter) + total * s * leave
    to_spun = (
        clean * s * enter * _SPUN + spun * (1.0 - s * (leave + REDRAW)) + total * s * REDRAW * _SPUN
    )
    return np.log(np.hstack((to_clean, to_spun))) + top


def _backward(
    messages: np.ndarray, scale: np.ndarray, enter: float = ENTER, leave: float = LEAVE
) -> np.ndarray:
    """The same step for backward log messages (the evidence after a region)."""
    top = messages.max(axis=1, keepdims=True)
    p = np.exp(messages - top)
    s = scale[:, None]
    clean, spun = p[:, :1], p[:, 1:]
    mean_spun = (spun * _SPUN).sum(axis=1, keepdims=True)
    from_clean = clean * (1.0 - s * enter) + s * enter * mean_spun
    from_spun = clean * s * leave + spun * (1.0 - s * (leave + REDRAW)) + s * REDRAW * mean_spun
    return np.log(np.hstack((from_clean, from_spun))) + top


def told_moves(told: float) -> tuple[float, float]:
    """``(enter, leave)`` of a chain that moves as often as the default one (``ENTER +
    LEAVE``) and whose share of spun regions is ``told``."""
    both = ENTER + LEAVE
    return both * told, both * (1.0 - told)


def prior_with(spun: float) -> np.ndarray:
    """:data:`LOG_PRIOR` with ``spun`` as the probability of being spun."""
    return np.concatenate(([math.log1p(-spun)], math.log(spun) + np.log(_SPUN)))


def posteriors(
    evidence: Sequence[np.ndarray] | np.ndarray,
    switch: np.ndarray | None = None,
    start: np.ndarray | None = None,
    pages: bool = True,
    told: float | None = None,
) -> np.ndarray:
    """Each region's posterior over :data:`RATES` (rows sum to 1), from the regions'
    log likelihood ratios ``evidence`` (one row per region) within :data:`WINDOW`;
    ``switch`` is :func:`switches` (a paragraph break everywhere if not given), and
    ``start`` the log prior of the first region (:data:`LOG_PRIOR` if not given).
    ``pages``: whether a window of several regions starts the one-rate model from
    :data:`ONE_RATE_SPUN` (not for a partial weighing: one tool's evidence alone, or a
    paragraph weighed from its document's score). ``told``: the user's own probability
    that the text was spun (``Config.spun_prior``), the prior of every window, wherever
    it stands, in both models (``start`` and ``pages`` are then not used)."""
    ev = np.asarray(evidence, dtype=float).reshape(-1, len(RATES))
    n = len(ev)
    if n == 0:
        return ev
    if switch is None:
        switch = np.ones(n)
    # Forward: each region's message starts WINDOW regions back (or at the text's start)
    # from the prior, and takes in the evidence up to and including its own region. At
    # step t, regions i >= -t take in region i + t (slices: a short text, such as one
    # paragraph, skips the steps that reach before its start).
    base = LOG_PRIOR if told is None else prior_with(told)
    # Told, the chain moves as fast but its share of spun regions is the user's.
    moves = (ENTER, LEAVE) if told is None else told_moves(told)
    first = base if start is None or told is not None else start
    fwd = np.tile(base, (n, 1))
    fwd[: WINDOW + 1] = first  # regions whose window reaches the first region
    for t in range(-min(WINDOW, n - 1), 1):
        lo = -t
        if t > -WINDOW:
            fwd[lo:] = _forward(fwd[lo:], switch[: n - lo], *moves)
        fwd[lo:] += ev[: n - lo]
    # Backward: the evidence of up to WINDOW regions after each region (at step t,
    # regions i < n - t take in region i + t).
    bwd = np.zeros((n, len(RATES)))
    for t in range(min(WINDOW, n - 1), 0, -1):
        hi = n - t
        bwd[:hi] += ev[t:]
        bwd[:hi] = _backward(bwd[:hi], switch[t:], *moves)
    if told is not None:
        return _averaged(fwd + bwd, add_windows(np.tile(base, (n, 1)), ev))
    return _averaged(fwd + bwd, _one_rate(ev, first, pages))


def _one_rate(ev: np.ndarray, first: np.ndarray, pages: bool = True) -> np.ndarray:
    """Each region's window (the regions the chain weighs) at a single rate: its summed
    evidence from the prior the chain started with, or in a window of at least
    :data:`ONE_RATE_REGIONS` regions (with ``pages``), from :data:`ONE_RATE_SPUN`
    (summed by :func:`add_windows`: a chunk of a long text gets the same decisions)."""
    n = len(ev)
    at = np.arange(n)
    one = np.where((at <= WINDOW)[:, None], first, LOG_PRIOR)
    if pages:
        one[~short_regions(n)] = _PAGE_PRIOR
    return add_windows(one, ev)


def window_sizes(n: int) -> np.ndarray:
    """How many regions each of ``n`` regions' windows holds (itself and those within
    :data:`WINDOW` of it): a local count, the same in a chunk of a long text with its
    context. Fewer than :data:`ONE_RATE_REGIONS` is a short text: a sentence, a
    paragraph or two."""
    at = np.arange(n)
    return np.minimum(at + WINDOW, n - 1) - np.maximum(at - WINDOW, 0) + 1


def short_regions(n: int) -> np.ndarray:
    """Which of ``n`` regions stand in a short text (:func:`window_sizes` under
    :data:`ONE_RATE_REGIONS`): their edits need the region surely spun
    (:func:`unspin.choosing.spun_enough`)."""
    return window_sizes(n) < ONE_RATE_REGIONS


def add_windows(total: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Add to each row of ``total`` the ``rows`` within :data:`WINDOW` of it, and return
    it. Summed from the window's first row to its last for every row, not as a
    difference of running totals, so that the floats do not depend on where the text
    starts: a chunk of a long text gets the same sums."""
    n = len(rows)
    for k in range(-min(WINDOW, n - 1), min(WINDOW, n - 1) + 1):
        if k < 0:
            total[-k:] += rows[: n + k]
        else:
            total[: n - k] += rows[k:]
    return total


_PAGE_PRIOR = prior_with(ONE_RATE_SPUN)
#: The prior that a text's first region is spun with a closed book (the spinner's own
#: table loaded alone, unspin.weighing): its entries are all certain and uncalibrated
#: (unspin.calibration), so two or three words a bigram model reads oddly made a clean
#: sentence spun ("Netflix signaled a price rise", "The shop stays open till midnight
#: on Saturdays"; "at excessive speed along Mill Avenue" still is, at 0.65). The
#: chain's own share (:data:`PRIOR_SPUN`) stays for the regions beyond :data:`WINDOW` of
#: the start, where the text's evidence has spoken. Measured against PRIOR_SPUN with the
#: oracle benchmark's tables loaded alone (curated / WordNet; 2,350 clean documents and
#: their 12,122 sentences: hard negatives, abstracts, clean pages, the negative cases): clean
#: documents edited 13 -> 4 / 2 -> 0, sentences 30 -> 7 / 10 -> 3; the oracle's spun
#: documents at full and light intensity 0.824/0.509 -> 0.824/0.501 and 0.883/0.646 ->
#: 0.883/0.645; its lone sentences spun in full 0.75 -> 0.70 and 0.85 -> 0.82 (at a
#: quarter of their keys 0.19 -> 0.11 and 0.33 -> 0.21: a short text must say more; a
#: lone sentence spun with a book of 13 learned entries is no longer repaired, two are).
#: At 0.03: 9 and 1 documents, 11 and 7 sentences; at 0.05: 10 and 2, 16 and 10.
CLOSED_PRIOR_SPUN = 0.01
CLOSED_PRIOR = prior_with(CLOSED_PRIOR_SPUN)


def _averaged(chain: np.ndarray, one: np.ndarray) -> np.ndarray:
    """The two models' posteriors (log, unnormalised rows), each weighed by its prior
    times the window's likelihood under it."""
    fit_chain = np.logaddexp.reduce(chain, axis=1, keepdims=True)
    fit_one = np.logaddexp.reduce(one, axis=1, keepdims=True)
    w_chain = math.log1p(-ONE_RATE) + fit_chain
    w_one = math.log(ONE_RATE) + fit_one
    top = np.maximum(w_chain, w_one)
    a, b = np.exp(w_chain - top), np.exp(w_one - top)
    return (a * np.exp(chain - fit_chain) + b * np.exp(one - fit_one)) / (a + b)
