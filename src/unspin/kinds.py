"""What each lattice's evidence is about (its *kind*: its observed words, any figure
alike) and, from the kinds, each lattice's share of the evidence about the spin rate: a
writer who uses "craft" or figures uses them throughout, so repeats of one word choice are
less evidence about a text than as many different ones."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

import regex

from .lattice import Lattice
from .rates import WINDOW

_DIGITS = regex.compile(r"\d+")
#: A kind seen n times near a lattice counts n ** -KIND_POWER times (see kind_shares).
KIND_POWER = 1.0


def kind(text: str, lat: Lattice) -> str:
    """What a lattice's evidence is about: its observed words (any figure alike)."""
    end = lat.edits[-1].end if lat.size == 1 else max(a.end for a in lat.edits)
    return _DIGITS.sub("0", text[lat.start : end].lower())


def kind_shares(kinds: Sequence[str], where: Sequence[int], window: int = WINDOW) -> list[float]:
    """Each lattice's share of the evidence, from the lattices' kinds (:func:`kind`)
    and regions: ``n ** -KIND_POWER`` for a kind seen n times in the regions within
    ``window`` of its own. A writer who uses "craft" or figures uses them throughout:
    repeats of one word choice are less evidence about the text than as many different
    ones (as evidence about the rate; each is still decided on its own)."""
    seen_in: dict[str, list[int]] = defaultdict(list)
    for what, j in zip(kinds, where, strict=True):
        seen_in[what].append(j)
    out = []
    for what, j in zip(kinds, where, strict=True):
        seen = seen_in[what]
        n = bisect.bisect_right(seen, j + window) - bisect.bisect_left(seen, j - window)
        out.append(n**-KIND_POWER)
    return out
