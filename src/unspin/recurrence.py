"""A writer's words recur: the decisions weighed again with the text's own vocabulary.

A bigram model knows nothing of the text it reads; writers repeat their words, and the
spinner scatters each of them over its alternatives ("said" becomes "mentioned" here and
"stated" there). Two consequences, each looked for within :data:`unspin.rates.WINDOW`
regions of a candidate (so that a file read in chunks decides as a whole one), and each
read from what is known the same way whether the unlikely candidates were scored or
pruned (the edits made, at the threshold, and the words of the text):

- **An original the text already has**: a candidate whose original was made an edit
  elsewhere ("travels the stock" beside a "strikes" made "moves") is :data:`ORIGINAL`
  times as likely as the site's other originals. The site's candidates share what they
  had between them: this chooses which original, never whether to edit.
- **A word the writer uses elsewhere**: where the observed word also stands elsewhere,
  not as an edit, keeping it is up to :data:`KEPT` times as likely as before, against all
  the site's candidates, as surely as that occurrence was left alone (one minus its
  candidates' confidences, where its region is likely spun) and as little as the site's
  region was spun (times one minus its spin rate; the product in tenths): "inventory"
  twice in a retail report is the writer's word, not a spin of "stock" each time; on a
  lightly spun page a spinner rarely wrote the same word twice, while a fully spun one
  rewrote every occurrence, alike where the word's group has one alternative.

Candidates under :data:`unspin.choosing.FLOOR` are left as they are and count for
nothing (``Repairer.explain`` prunes them unless asked for every candidate).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence

from .deciding import Decision
from .rates import WINDOW
from .tokenizing import Occurrences, lm_form

#: How much likelier an original is among a site's originals where the same original was
#: made an edit nearby (see the module docstring).
ORIGINAL = 2.0
#: How much likelier keeping a word is where the writer uses it elsewhere, not as an edit.
KEPT = 2.0
#: How finely the surety that the other occurrence was left alone is read.
STEPS = 10


def recurring(
    decisions: Sequence[Decision],
    threshold: float,
    starts: Sequence[int],
    text: str,
    floor: float,
) -> Sequence[Decision]:
    """``decisions`` (sorted by start, likeliest first at each) weighed again as the module
    docstring says; ``starts`` are the starts of the text's regions, as
    :func:`unspin.rates.regions` cuts ``text``."""
    made: dict[str, list[int]] = defaultdict(list)
    # The edits made, by start, and every position inside a listed name's rendering made
    # ("Decide" of "Aaron Decide" -> "Aaron Judge" is no more the writer's than "Aaron").
    edited: set[int] = set()
    # How surely each occurrence was spun: its candidates' confidences together, where
    # its region is likely spun (elsewhere the repair does not score candidates at all).
    spun: dict[int, float] = defaultdict(float)
    for d in decisions:
        if d.confidence >= threshold and d.after.lower() != d.before.lower():
            made[d.after.lower()].append(d.start)  # decisions come sorted by start
            edited.update(range(d.start, d.end) if d.evidence.evident else (d.start,))
        if d.confidence >= floor and d.evidence.spun >= threshold:
            spun[d.start] += d.confidence
    sites: dict[tuple[int, int], list[Decision]] = {}
    for d in decisions:
        if d.confidence >= floor:
            sites.setdefault((d.start, d.end), []).append(d)
    seen = Occurrences(text)
    changed: dict[int, Decision] = {}
    for (start, _end), found in sites.items():
        boosts = [
            ORIGINAL
            if len(found) > 1 and _near(made.get(d.after.lower(), ()), start, starts)
            else 1.0
            for d in found
        ]
        kept = 1.0
        observed = found[0].before
        if " " not in observed:
            left = _nearest(seen.at.get(lm_form(observed), ()), start, starts, edited, spun)
            # On a page spun at rate r the spinner rewrote every occurrence it met and
            # wrote the same word for the same original (a group of one alternative:
            # seed 002's "US" for "United States" nine times), so a recurring word tells
            # the writer's own only where the region was left mostly alone.
            left *= 1.0 - found[0].evidence.spin_rate
            # In tenths: a chunk's context may give that occurrence's confidences in other
            # last digits, and a file read in chunks decides as a whole one.
            kept = 1.0 + (KEPT - 1.0) * round(left * STEPS) / STEPS
        if kept == 1.0 and all(b == 1.0 for b in boosts):
            continue
        total = sum(d.confidence for d in found)
        shared = sum(d.confidence * b for d, b in zip(found, boosts, strict=True))
        keep = max(0.0, 1.0 - total)
        scale = 1.0 / (total + kept * keep)
        for d, b in zip(found, boosts, strict=True):
            confidence = d.confidence * b * total / shared * scale
            evidence = d.evidence._replace(recurs=math.log(confidence / d.confidence))
            changed[id(d)] = d._replace(confidence=confidence, evidence=evidence)
    if not changed:
        return decisions
    out = [changed.get(id(d), d) for d in decisions]
    out.sort(key=lambda d: (d.start, -d.confidence))
    return out


def _window(at: Sequence[int], start: int, starts: Sequence[int]) -> Sequence[int]:
    """The positions in ``at`` (sorted) within WINDOW regions of ``start``."""
    k = bisect_right(starts, start) - 1
    lo = starts[k - WINDOW] if k - WINDOW >= 0 else 0
    hi = starts[k + WINDOW + 1] if k + WINDOW + 1 < len(starts) else None
    first = bisect_left(at, lo)
    return at[first : len(at) if hi is None else bisect_left(at, hi, first)]


def _near(at: Sequence[int], start: int, starts: Sequence[int]) -> bool:
    """Whether a position in ``at`` other than ``start`` lies within WINDOW regions of it."""
    return any(x != start for x in _window(at, start, starts))


def _nearest(
    at: Sequence[int],
    start: int,
    starts: Sequence[int],
    edited: set[int],
    spun: dict[int, float],
) -> float:
    """How surely the surest other occurrence within WINDOW regions, in no edit, was
    left as the writer wrote it (0 if there is none); ``edited``: the positions of the
    edits made (see :func:`recurring`)."""
    best = 0.0
    for x in _window(at, start, starts):
        if x != start and x not in edited:
            best = max(best, 1.0 - min(1.0, spun.get(x, 0.0)))
            if best == 1.0:
                break
    return best
