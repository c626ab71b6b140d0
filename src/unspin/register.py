"""An older register: prose written before the web, which a web language model misreads.

The language model learned English from the web, so it prefers the web's words: "leave"
to "depart", "story" to "tale", "should" to "ought to", "comment" to "remark". A text of
the nineteenth century (a novel, the Federalist Papers) makes those choices throughout,
and reads to the model like a text spun at a few percent: of nine public-domain books,
6 of 339 chapters of 20 paragraphs (all of the Federalist Papers) were edited and
flagged, "ought to" becoming "should" 26 times.

Such prose says what it is with words the web has all but dropped: "hath", "whence",
"to-morrow", "for ever", "every thing" (:data:`MARKERS`).
Where a region's neighbourhood (the regions within :data:`unspin.rates.WINDOW`, so that
a chunk of a long text is judged as the whole) holds enough of them, each of its
lattices' evidence counts at :data:`TEMPER`: the model's preferences there are partly
the era's, not a spinner's. The evidence of the spinner's keys left as they are keeps
its full weight, and a sense error ("the Center East") still shows through.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import ahocorasick
import numpy as np
import regex

from .rates import add_windows

#: Words modern prose has all but lost (weight 1). Not "thou" and "ye": the phrasebook
#: writes them ("grand" -> "thou"), and no repair should make a text read older. Some
#: markers are keys or originals of its entries ("every thing" -> "everything",
#: "amongst" -> "among", "despite" -> "whilst"), so a repair may change a region's
#: count; repairing its own output again changed nothing on 174 spun passages of the
#: books (10%, 25% and all of their keys).
ARCHAIC = (
    "hath", "doth", "hast", "dost", "canst", "shalt", "mayst", "thee", "thy", "thine",
    "ere", "nay", "tis", "wherein", "whereby", "whereof", "thereof", "therein", "thereto",
    "hither", "thither", "thence", "whence", "whither", "hitherto", "heretofore",
    "henceforth", "wherefore", "betwixt", "perchance", "inasmuch", "howsoever",
    "connexion", "shew", "shewn", "shewed", "to-day", "to-morrow", "to-night",
    "any thing", "every thing", "for ever",
)  # fmt: skip
#: Words modern prose keeps in law and formal writing, or in British English (weight 0.5).
FORMAL = ("upon", "whom", "shall", "whilst", "amongst")
#: Each marker's weight. Counted on this project's modern prose (the real pages and their
#: originals, clean pages, written hard negatives, abstracts and tortured passages:
#: 199,000 words) and on the nine books (792,000 words): "upon" 0.06 against 1.67 per
#: thousand words, "shall" 0.18 against 1.44, "whom" 0.08 against 0.45; the archaic
#: words 0 to 0.01 against 0.01 to 0.18 each.
MARKERS = {**dict.fromkeys(ARCHAIC, 1.0), **dict.fromkeys(FORMAL, 0.5)}
_ALTERNATIVES = sorted((regex.escape(m).replace(r"\ ", r"\s+") for m in MARKERS), key=len)
_MARKER = regex.compile(
    r"(?<![\w-])(?:" + "|".join(reversed(_ALTERNATIVES)) + r")(?![\w-])", regex.IGNORECASE
)
#: A neighbourhood is of the older register where its markers weigh at least this much
#: and at least :data:`DENSITY` per thousand words (the nine books: 5 per thousand words;
#: the real spun pages 0.2, their one page with 3.6 a legal text with "shall").
WEIGHT = 2.0
DENSITY = 0.5
#: The factor on a lattice's evidence in the older register. Measured on the nine books:
#: at 0.75 no chapter changed (6 before), and their copies spun by the simulator at 10% /
#: 25% / all of their keys were repaired 0.306 / 0.401 / 0.400 (0.306 / 0.407 / 0.407
#: without); at 0.5 the chapters as well, but the spun copies lost 0.02-0.06.
TEMPER = 0.75

# The fast path of :func:`markers`: one automaton pass over the lowercased text, its
# line breaks and tabs as spaces ("every\nthing").
_AUTOMATON = ahocorasick.Automaton()
for _marker in MARKERS:
    _AUTOMATON.add_word(_marker, _marker)
_AUTOMATON.make_automaton()


def _inside_word(char: str) -> bool:
    return char.isalnum() or char in "_-"


def markers(text: str) -> list[tuple[int, float]]:
    """``(start, weight)`` of each of the older register's words in ``text``, in order:
    what :data:`_MARKER` finds, in a tenth of its time (0.14 s per MB)."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lowercase is longer: offsets would move
        return [(m.start(), _weight(m.group())) for m in _MARKER.finditer(text)]
    low = low.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    out = []
    last = len(low) - 1
    for end, marker in _AUTOMATON.iter(low):
        start = end - len(marker) + 1
        if (start and _inside_word(low[start - 1])) or (end < last and _inside_word(low[end + 1])):
            continue
        out.append((start, MARKERS[marker]))
    return out


def _weight(found: str) -> float:
    return MARKERS[" ".join(found.lower().split())]


def marker_weight(text: str) -> float:
    """The summed weight of the older register's words in ``text``."""
    return sum(weight for _, weight in markers(text))


def factors(text: str, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Each region's factor on its lattices' evidence: :data:`TEMPER` where its
    neighbourhood (``spans``, :func:`unspin.rates.regions`) is of the older register,
    else 1."""
    n = len(spans)
    out = np.ones(n)
    found = markers(text) if n else []
    if not found:
        return out
    rows = np.zeros((n, 2))
    starts = [start for start, _ in spans]
    for at, weight in found:
        j = bisect.bisect_right(starts, at) - 1
        if j >= 0 and at < spans[j][1]:
            rows[j, 0] += weight
    for j, (start, end) in enumerate(spans):
        rows[j, 1] = text.count(" ", start, end) + 1  # words, near enough for a density
    sums = add_windows(np.zeros((n, 2)), rows)
    old = (sums[:, 0] >= WEIGHT) & (sums[:, 0] * 1000 >= DENSITY * sums[:, 1])
    out[old] = TEMPER
    return out
