"""Detection of a long text in bounded memory: analysed a segment at a time, with context.

A text's analysis holds 200 to 300 bytes per character (its lattices and their forward
passes), but detection needs little of it: each region's posterior summary (spun, rate,
sites), the spun phrases found, and for the paragraph scores each region's evidence (a
row of :data:`unspin.rates.RATES` log ratios) and switch. Each segment is analysed with
the context :func:`unspin.streaming.segments` gives it (as repair analyses it), and only
these are kept of the regions that start in it; the document and paragraph scores are
then made from them exactly as from the analysis of the whole (:mod:`unspin.detecting`).

A paragraph's evidence counts repeats of a word choice once in the paragraph, so its
regions' rows are finished once the paragraph ends: until then its lattices' kinds,
shares and likelihood ratios are kept (a paragraph longer than a segment keeps them
all, about 200 bytes a lattice).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from . import streaming
from .analysis import Region
from .detecting import LONE_SCALE, Signal, Weighed, _surest_in, is_page, signals
from .kinds import kind_shares
from .rates import RATES

if TYPE_CHECKING:
    from .repairing import Repairer


class _Lattice(NamedTuple):
    """What a paragraph's evidence needs of a lattice."""

    paragraph: int
    region: int  # in the whole text
    kind: str
    share: float  # its share in the analysis (unspin.kinds.kind_shares, tempered)
    ratio: np.ndarray  # its log likelihood ratio at each rate
    tempered: float  # its factor for an older register (unspin.register)


def weigh(repairer: Repairer, text: str, spans: list[tuple[int, int]], max_chars: int) -> Weighed:
    """:class:`unspin.detecting.Weighed` for ``text`` analysed in segments of at most
    ``max_chars`` characters; ``spans`` are its paragraphs."""
    matcher, decider = repairer._compile()
    found: list[Region] = []
    phrases: list[Signal] = []
    rows: list[np.ndarray] = []  # each region's evidence (per paragraph once finished)
    switch: list[float] = []
    open_lattices: list[_Lattice] = []  # of the paragraphs not yet finished
    scored = len(spans) > 1
    page = is_page(text)
    span_starts = [s for s, _ in spans]
    sure = 0.0
    # Candidates repair declines count scaled (unspin.detecting).
    least, short = repairer.config.threshold, repairer.config.short_spun
    for offset, before, segment, after in streaming.segments(text, max_chars):
        whole = before + segment + after
        matches, keys = matcher.find(whole)
        memo: dict = {}  # the lattices, built once for both weighings of the segment
        analysis = decider.analyse(
            whole, matches, keys, unlisted_kept=1.0, kept_weight=1.0, pages=page, memo=memo
        )
        lo, hi = len(before), len(before) + len(segment)
        # Repair's surest spin in the segment, above every score found so far (the
        # text's is their maximum: a lower one cannot count, nor one under what its
        # regions say however lone their evidence, unspin.detecting.accumulated).
        here = max((r.spun for r in analysis.regions if lo <= r.start < hi), default=0.0)
        sure = _surest_in(
            decider, whole, (matches, keys), lo, hi, sure, least, short, memo, here * LONE_SCALE
        )
        shift = offset - lo
        local = [j for j, r in enumerate(analysis.regions) if lo <= r.start < hi]
        if not local:
            continue
        own = range(local[0], local[-1] + 1)  # regions are in order
        first = len(found) - own.start  # local region index -> the whole text's
        for j in own:
            r = analysis.regions[j]
            posterior = None  # not kept: the scores need only the rest
            found.append(Region(r.start + shift, r.end + shift, posterior, r.spun, r.rate, r.sites))  # type: ignore[arg-type]
        phrases.extend(signals(whole, analysis, decider, own, shift))
        if not scored:
            continue
        assert analysis.evidence is not None and analysis.switch is not None
        assert analysis.kinds is not None and analysis.shares is not None
        assert analysis.tempered is not None
        rows.extend(analysis.evidence[j].copy() for j in own)
        switch.extend(analysis.switch[own.start : own.stop].tolist())
        for k, (_, passed, j) in enumerate(analysis.lattices):
            if j in own:
                p = bisect.bisect_right(span_starts, found[first + j].start) - 1
                ratio = passed.ratio  # type: ignore[attr-defined]
                share, factor = analysis.shares[k], analysis.tempered[k]
                open_lattices.append(
                    _Lattice(p, first + j, analysis.kinds[k], share, ratio, factor)
                )
        # Later regions start later: a paragraph before the last region's is finished.
        last = bisect.bisect_right(span_starts, found[-1].start) - 1
        done = [x for x in open_lattices if x.paragraph < last]
        open_lattices = [x for x in open_lattices if x.paragraph >= last]
        _finish(rows, done, len(text))
    _finish(rows, open_lattices, len(text))
    if not scored:
        return Weighed(found, phrases, None, None, sure)
    rows_array = np.array(rows).reshape(-1, len(RATES))
    return Weighed(found, phrases, rows_array, np.array(switch), sure)


def _finish(rows: list[np.ndarray], lattices: list[_Lattice], window: int) -> None:
    """Add to ``rows`` the change of finished paragraphs' lattices' shares when each
    paragraph is weighed on its own, as :func:`unspin.detecting._paragraph_evidence`
    does: the same products, added to each row in the same order."""
    by_paragraph: dict[int, list[_Lattice]] = {}
    for x in lattices:
        by_paragraph.setdefault(x.paragraph, []).append(x)
    for members in by_paragraph.values():
        own = kind_shares([x.kind for x in members], [x.region for x in members], window)
        change = np.asarray(
            [share * x.tempered - x.share for x, share in zip(members, own, strict=True)]
        )
        products = change[:, None] * np.array([x.ratio for x in members])
        for x, product in zip(members, products, strict=True):
            rows[x.region] += product
