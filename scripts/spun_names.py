"""The spinner's renderings of company names: what its word swaps make of them.

The family rewrites a name word by word like any phrase ("Choice Hotels" -> "Selection
Motels", "Super Micro Computer" -> "Tremendous Micro Laptop", "Dollar General" ->
"Greenback Common"): a sense error, and the strongest evidence there is, but only where
the name is known. Here every name of ``scripts/data/names/`` (companies, places) is rewritten
with the family's own one-word mappings (the book's curated, observed and family
entries, read backwards), and a rendering becomes an entry (spun rendering -> name) if
it is no phrase people write: some pair of adjacent words in it, one of them swapped in
and no common word of company names, that neither the web counts nor CMU's bigrams hold
(as ``unspin.rules.fingerprint`` reads a fingerprint), and not another listed name. Used
by ``scripts/build_phrasebook.py`` (source ``name``).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
NAMES = ROOT / "scripts" / "data" / "names"
#: A name word's renderings tried, the likeliest first.
ALTERNATIVES = 4
#: Renderings kept of one name, the likeliest first (each word's mapping prior, times).
PER_NAME = 24
#: A word in this many listed names or more is a company-name word ("Financial",
#: "International", "Resources"): swapped in, it makes another plausible name
#: ("Metropolitan Financial" for "Metropolitan Bank"), no sense error.
NAME_WORD = 5
_LETTERS = regex.compile(r"\p{L}+")


def read_names(*files: str, folder: Path = NAMES) -> list[str]:
    """The names of ``files`` (first field of each line; ``#`` lines are comments)."""
    out = []
    for name in files:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                out.append(line.split("\t")[0])
    return out


def mappings(rows: Iterable[tuple[str, str, float]]) -> dict[str, list[tuple[str, float]]]:
    """Each one-word original (lowercase letters) and its spun sides of letters and
    spaces, the likeliest first: ``rows`` are (spun, original, prior)."""
    found: dict[str, dict[str, float]] = {}
    for spun, original, prior in rows:
        if not _LETTERS.fullmatch(original) or not original.islower():
            continue
        if not all(_LETTERS.fullmatch(w) for w in spun.split()) or spun == original:
            continue
        alts = found.setdefault(original, {})
        alts[spun] = max(prior, alts.get(spun, 0.0))
    return {
        o: sorted(alts.items(), key=lambda a: (-a[1], a[0]))[:ALTERNATIVES]
        for o, alts in found.items()
    }


def _capitalised(phrase: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in phrase.split())


def renderings(
    name: str, maps: dict[str, list[tuple[str, float]]]
) -> list[tuple[str, float, list[bool]]]:
    """The spinner's renderings of ``name`` (another than the name itself), each with the
    product of its swaps' priors and which of its words (letters only) are swapped in,
    the likeliest first (at most :data:`PER_NAME`)."""
    options = []
    for word in name.split():
        alts = maps.get(word.lower(), []) if _LETTERS.fullmatch(word) else []
        options.append([(word, 1.0, False)] + [(_capitalised(s), p, True) for s, p in alts])
    out = []
    for choice in itertools.product(*options):
        text = " ".join(w for w, _, _ in choice)
        if text == name:
            continue
        swapped = [new for w, _, new in choice for _ in _LETTERS.findall(w)]
        out.append((text, math.prod(p for _, p, _ in choice), swapped))
    out.sort(key=lambda r: (-r[1], r[0]))
    return out[:PER_NAME]


def spun_names(
    names: list[str],
    maps: dict[str, list[tuple[str, float]]],
    attested: Callable[[str, str], bool],
    taken: set[str],
    others: Iterable[str] = (),
    proper: Callable[[str], bool] | None = None,
) -> list[tuple[str, str]]:
    """(rendering, name) for every name's renderings that no one writes: a pair of
    adjacent words with a swapped one in it that ``attested`` does not hold (a pair of
    the name's own words says nothing: "Orrstown Financial" is unattested, and so would
    be every rendering of its name); not a listed name or one of ``others`` (another
    place's: "Stone Hill" for "Rock Hill"), nor a spun side in ``taken`` (lowercase).
    With ``proper``, a rendering must keep a word of its name that it holds true (a word
    no synonym pair has: "Kansas Metropolis" for "Kansas City"): a place named with
    ordinary words is rendered as a Title Case phrase a headline may hold ("Prime Peak"
    for "High Peak", "Heart Level" for "Center Point")."""
    listed = {n.lower() for n in (*names, *others)}
    counts = Counter(w for n in {n.lower() for n in names} for w in set(_LETTERS.findall(n)))
    common = {w for w, n in counts.items() if n >= NAME_WORD}
    out = []
    seen: set[str] = set()
    for name in names:
        for text, _, swapped in renderings(name, maps):
            key = text.lower()
            if key in listed or key in taken or key in seen:
                continue
            words = _LETTERS.findall(key)
            if proper is not None and not any(
                proper(w) for w, new in zip(words, swapped, strict=True) if not new
            ):
                continue
            odd = [
                (a, b)
                for (a, b), (x, y) in zip(
                    itertools.pairwise(words), itertools.pairwise(swapped), strict=True
                )
                if (x and a not in common) or (y and b not in common)
            ]
            if all(attested(a, b) for a, b in odd):
                continue
            seen.add(key)
            out.append((text, name))
    return out
