"""Learn a phrasebook from aligned pairs: an original text and its spun copy.

A user who meets a new spinner gives a handful of pairs; :func:`learn` aligns each
original with its spun copy token by token (``difflib.SequenceMatcher`` over the word and
punctuation tokens of :mod:`unspin.tokenizing`), extracts every substituted run, and
counts how often each mapping was seen. :func:`write_phrasebook` writes the result in the
phrasebook format, so that ``Config(phrasebooks=(path,))`` and ``unspin --phrasebook``
accept it.

How runs become entries:

- A run whose two sides have the same number of words is split word for word ("Center
  East" -> "Middle East" gives "center" -> "middle"); identical words are dropped.
- A run whose sides differ in length is kept as one phrase ("12 months" -> "year",
  "as a result of" -> "because"): the spinner rewrote it as a unit.
- A run where the spinner added words ("Chinese language" for "Chinese") or dropped them
  has an empty side; it is anchored on a neighbouring unchanged word, chosen by how often
  that anchored mapping recurs over all the pairs (then the rarer neighbour), so that
  "chinese language" -> "chinese" is learned rather than "language officers" -> "officers".
- Runs with no word on either side (punctuation only) and identities are dropped; runs
  cut by punctuation are split at it when both sides are cut the same way.

The spun side is lowercase (the matcher ignores case). The original side is spelled as
it most often appears mid-sentence, so a name keeps its capitals ("individuals" ->
"Americans", "center" -> "Middle" from "the Center East": such an entry only fires on a
capitalised spun word, as the spinner keeps case); a mapping only ever seen at the start
of a sentence is lowercase. Each entry's ``source`` is ``learned:N``, N the number of
times the mapping was seen.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from wordfreq import zipf_frequency

from .phrasebook import HEADER, HEADER_WITH_PRIOR, Entry
from .tokenizing import WORD_RE, lm_form, normalize_phrase, tokens

#: The ``source`` prefix of learned entries; the count follows the colon.
SOURCE_PREFIX = "learned"

#: A candidate mapping: spun words, original words, whether it starts a sentence.
_Reading = tuple[tuple[str, ...], tuple[str, ...], bool]

_SENTENCE_END = frozenset('.!?:;\n"“”')


def _is_word(token: str) -> bool:
    return WORD_RE.fullmatch(token) is not None


def _segments(run: list[str]) -> list[list[str]]:
    """Split a token run at punctuation into word segments (empty segments kept)."""
    out: list[list[str]] = [[]]
    for tok in run:
        if _is_word(tok):
            out[-1].append(tok)
        else:
            out.append([])
    return out


class _Run(NamedTuple):
    spun: list[str]
    original: list[str]
    sentence_start: bool
    left: str | None  # the unchanged word before the run (spelled as in the original)
    right: str | None  # ... and after it


class _Site:
    """One substituted run: its candidate (spun, original, sentence start) readings, or,
    for a run whose sides differ in length, the raw run to segment once every simple
    mapping of the corpus is known."""

    __slots__ = ("readings", "run")

    def __init__(
        self,
        readings: list[_Reading],
        run: _Run | None = None,
    ) -> None:
        self.readings = readings
        self.run = run


def _sites(original_text: str, spun_text: str) -> list[_Site]:
    orig = tokens(original_text)
    spun = tokens(spun_text)
    o_low = [lm_form(t) for t in orig]
    s_low = [lm_form(t) for t in spun]
    matcher = difflib.SequenceMatcher(a=s_low, b=o_low, autojunk=False)
    sites: list[_Site] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        s_segs = _segments(spun[i1:i2])
        o_segs = _segments(orig[j1:j2])
        if len(s_segs) != len(o_segs):
            continue  # cut by punctuation differently on each side ("U.S." for "America")
        for s_seg, o_seg in zip(s_segs, o_segs, strict=True):
            if not s_seg and not o_seg:
                continue
            sentence_start = j1 == 0 or orig[j1 - 1] in _SENTENCE_END
            if s_seg and o_seg:
                if len(s_seg) == len(o_seg):
                    for k, (s, o) in enumerate(zip(s_seg, o_seg, strict=True)):
                        if lm_form(s) != lm_form(o):
                            start = sentence_start and k == 0
                            sites.append(_Site([((s,), (o,), start)]))
                elif len(s_seg) == 1 or len(o_seg) == 1:
                    sites.append(_Site([(tuple(s_seg), tuple(o_seg), sentence_start)]))
                else:
                    left = right = None
                    if s_seg is s_segs[0] and i1 > 0 and j1 > 0 and s_low[i1 - 1] == o_low[j1 - 1]:
                        left = orig[j1 - 1] if _is_word(orig[j1 - 1]) else None
                    if s_seg is s_segs[-1] and i2 < len(spun) and j2 < len(orig):
                        right = orig[j2] if _is_word(orig[j2]) and s_low[i2] == o_low[j2] else None
                    sites.append(_Site([], _Run(s_seg, o_seg, sentence_start, left, right)))
                continue
            # One side is empty: anchor on an unchanged neighbouring word.
            readings = []
            if i1 > 0 and j1 > 0 and _is_word(spun[i1 - 1]) and s_low[i1 - 1] == o_low[j1 - 1]:
                start = j1 - 1 == 0 or (j1 >= 2 and orig[j1 - 2] in _SENTENCE_END)
                readings.append(((spun[i1 - 1], *s_seg), (orig[j1 - 1], *o_seg), start))
            if i2 < len(spun) and j2 < len(orig) and _is_word(spun[i2]) and s_low[i2] == o_low[j2]:
                readings.append(((*s_seg, spun[i2]), (*o_seg, orig[j2]), sentence_start))
            if readings:
                sites.append(_Site(readings))
    return sites


#: Longest chunk side considered when segmenting a run of unequal lengths.
_CHUNK = 4


def _segment(run: _Run, known: set[tuple[str, str]]) -> list[_Reading]:
    """Cut a run whose sides differ in length into chunks, preferring chunks that are
    mappings seen on their own elsewhere ("fresh custodian ahead of" -> "new goalkeeper
    before" becomes "fresh" -> "new", "custodian" -> "goalkeeper", "ahead of" -> "before"
    once "custodian" -> "goalkeeper" is known). Words added or dropped at either end may
    attach to the unchanged neighbour ("language officers mentioned" -> "officials said"
    gives "chinese language" -> "chinese" when that is known). With nothing known, the run
    stays whole."""
    s_run, o_run = run.spun, run.original
    n, m = len(s_run), len(o_run)
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, _Reading | None] | None]] = [
        [None] * (m + 1) for _ in range(n + 1)
    ]
    best[0][0] = 0.0

    def offer(i: int, j: int, a: int, b: int, reading: _Reading, gain: float) -> None:
        score = best[i][j] + gain - 0.1  # a chunk that is not the whole run must be worth it
        if score > best[i + a][j + b]:
            best[i + a][j + b] = score
            back[i + a][j + b] = (i, j, reading)

    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == neg:
                continue
            start = run.sentence_start and j == 0
            for a in range(0, n - i + 1):
                for b in range(0, m - j + 1):
                    whole = (a, b) == (n, m)
                    if not whole and (a > _CHUNK or b > _CHUNK):
                        continue
                    s, o = tuple(s_run[i : i + a]), tuple(o_run[j : j + b])
                    if a and b:
                        offer(i, j, a, b, (s, o, start), 3.0 * (_key(s, o) in known))
                    elif a or b:
                        # An added or dropped word, attached to an unchanged neighbour.
                        if (i, j) == (0, 0) and run.left is not None:
                            r = ((run.left, *s), (run.left, *o), False)
                            if _key(r[0], r[1]) in known:
                                offer(i, j, a, b, r, 3.0)
                        if (i + a, j + b) == (n, m) and run.right is not None:
                            r = ((*s, run.right), (*o, run.right), start)
                            if _key(r[0], r[1]) in known:
                                offer(i, j, a, b, r, 3.0)
    chunks = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = back[i][j]
        assert step is not None  # the whole run is always a path
        pi, pj, reading = step
        if reading is not None:
            s, o, start = reading
            if len(s) == len(o):  # word for word, as in an equal-length run
                chunks.extend(
                    ((x,), (y,), start and k == 0)
                    for k, (x, y) in enumerate(zip(s, o, strict=True))
                    if lm_form(x) != lm_form(y)
                )
            else:
                chunks.append(reading)
        i, j = pi, pj
    return chunks[::-1]


def _key(spun: tuple[str, ...], original: tuple[str, ...]) -> tuple[str, str]:
    return normalize_phrase(" ".join(spun)), " ".join(lm_form(w) for w in original)


def learn(pairs: Iterable[tuple[str, str]]) -> list[Entry]:
    """Phrasebook entries learned from ``(original_text, spun_text)`` pairs.

    Entries come most frequent first (then alphabetically by spun side), each with
    ``source`` ``learned:N``; ``path`` is ``"<learned>"`` and ``line`` the entry's rank.
    """
    all_sites: list[_Site] = []
    for pair in pairs:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"each pair must be (original_text, spun_text), got {pair!r:.80}")
        original_text, spun_text = pair
        if not isinstance(original_text, str) or not isinstance(spun_text, str):
            raise TypeError("each pair must be (original_text, spun_text), both str")
        all_sites.extend(_sites(original_text, spun_text))
    # Runs of unequal lengths are cut where the simple sites show what the parts are.
    known = {_key(s, o) for site in all_sites for s, o, _ in site.readings}
    for site in all_sites:
        if site.run is not None:
            site.readings = [(s, o, start) for s, o, start in _segment(site.run, known)]
    # How often each anchored reading occurs anywhere decides between two anchors.
    support = Counter(_key(s, o) for site in all_sites for s, o, _ in site.readings)
    counts: Counter[tuple[str, str]] = Counter()
    written: dict[tuple[str, str], Counter[str]] = {}
    chosen: list[_Reading] = []
    for site in all_sites:
        if site.run is not None:
            chosen.extend(site.readings)
        elif len(site.readings) == 1:
            chosen.append(site.readings[0])
        elif site.readings:
            chosen.append(
                max(
                    site.readings,
                    key=lambda r: (
                        support[_key(r[0], r[1])],
                        -min(zipf_frequency(lm_form(w), "en") for w in r[0]),
                    ),
                )
            )
    for spun, original, start in chosen:
        key = _key(spun, original)
        if not key[0] or key[0] == normalize_phrase(key[1]):
            continue  # no word on the spun side, or an identity
        counts[key] += 1
        forms = written.setdefault(key, Counter())
        if not start:
            # Only a capital mid-sentence says something about the word.
            forms[" ".join(original)] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    entries = []
    for rank, ((spun_key, _), n) in enumerate(ranked, start=1):
        forms = written[(spun_key, _)]
        # The commonest mid-sentence spelling; lowercase on a tie or with no evidence.
        original = max(forms, key=lambda f: (forms[f], f == f.lower())) if forms else _

        entries.append(Entry(spun_key, original, f"{SOURCE_PREFIX}:{n}", "<learned>", rank))
    return _dedupe(entries)


def _dedupe(entries: list[Entry]) -> list[Entry]:
    """Drop entries the phrasebook format would refuse (same key and original twice)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for e in entries:
        pair = (e.key, e.original)
        if pair in seen or e.key == normalize_phrase(e.original).lower() == e.original.lower():
            continue
        seen.add(pair)
        out.append(e)
    return out


def write_phrasebook(entries: Iterable[Entry], path: str | Path) -> None:
    """Write ``entries`` as a phrasebook file (UTF-8, LF, header first), with the prior
    column if any entry's prior is not 1."""
    entries = list(entries)
    priors = any(e.prior != 1.0 for e in entries)
    lines = [
        "# unspin phrasebook learned from aligned pairs (unspin.learning).",
        "# source learned:N = the mapping was seen N times.",
        "\t".join(HEADER_WITH_PRIOR if priors else HEADER),
    ]
    for e in entries:
        fields = (e.spun, e.original, e.source)
        for value in fields:
            if any(c in value for c in "\t\r\n") or value != value.strip() or not value:
                raise ValueError(f"cannot write entry {e}: empty field or stray whitespace")
        if priors:
            fields = (*fields, repr(e.prior))
        lines.append("\t".join(fields))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


__all__ = ["SOURCE_PREFIX", "learn", "write_phrasebook"]
