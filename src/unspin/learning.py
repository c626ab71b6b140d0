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
"Americans": such an entry only fires on a capitalised spun word, as the spinner keeps
case); a mapping only ever seen at the start of a sentence is lowercase. Each entry's
``source`` is ``learned:N``, N the number of times the mapping was seen. That much is
:func:`observe`. An aligned pair differs in more than the spinner's substitutions, so
:func:`learn` goes on as the shipped phrasebook's builders do (:mod:`unspin.vetting`):

- it drops alignment noise: an article alone on either side ("an" for "a", "many" for
  "the"), a side that is the other with function words added ("where the" for "the"), a
  side of more than four words or three times the other's length, a function word for
  another (or one word for a function word: "called" for "as") seen fewer than three
  times, an original with capitals inside a lowercase phrase, and a run cut across two
  substitutions ("language officers" -> "officials" beside "officers" -> "officials");
- it keeps mappings seen at least ``min_count`` times (``unspin learn --min-count``);
- it weighs each mapping (the phrasebook's ``prior``) by how often it was seen against
  how often its spun side stood for itself in the pairs (:func:`weigh`): "of" -> "as"
  seen 3 times beside 62 unspun "of" is the aligner's noise, and is dropped;
- it writes no chain: no entry's original is another's spun side (of "center" -> "middle"
  and "middle" -> "center", the one seen more often is kept);
- a word capitalised mid-sentence mostly inside a name of several capitalised words
  ("Middle" of "Middle East", "University" of "Tsinghua University") is written in
  lowercase, as the shipped book writes it ("center" -> "middle"): repair carries the
  spun text's capitals over.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from . import vetting
from .frequencies import zipf_frequency
from .phrasebook import HEADER, HEADER_WITH_OWN, HEADER_WITH_PRIOR, Entry
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


class _Alignment(NamedTuple):
    """A pair's tokens (as written and as language-model words) and their alignment."""

    orig: list[str]
    spun: list[str]
    o_low: list[str]
    s_low: list[str]
    opcodes: list[tuple[str, int, int, int, int]]  # SequenceMatcher(a=spun, b=orig)


def _align(original_text: str, spun_text: str) -> _Alignment:
    orig = tokens(original_text)
    spun = tokens(spun_text)
    o_low = [lm_form(t) for t in orig]
    s_low = [lm_form(t) for t in spun]
    matcher = difflib.SequenceMatcher(a=s_low, b=o_low, autojunk=False)
    return _Alignment(orig, spun, o_low, s_low, matcher.get_opcodes())


def _sites(alignment: _Alignment) -> list[_Site]:
    orig, spun, o_low, s_low, opcodes = alignment
    sites: list[_Site] = []
    for tag, i1, i2, j1, j2 in opcodes:
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


def _checked(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for pair in pairs:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"each pair must be (original_text, spun_text), got {pair!r:.80}")
        original_text, spun_text = pair
        if not isinstance(original_text, str) or not isinstance(spun_text, str):
            raise TypeError("each pair must be (original_text, spun_text), both str")
        out.append((original_text, spun_text))
    return out


def observe(pairs: Iterable[tuple[str, str]]) -> list[Entry]:
    """Every mapping the alignment of ``(original_text, spun_text)`` pairs shows, unvetted
    and unweighed (prior 1): the raw material of :func:`learn` and of
    ``scripts/derive_observed.py``.

    Entries come most frequent first (then alphabetically by spun side), each with
    ``source`` ``learned:N``; ``path`` is ``"<learned>"`` and ``line`` the entry's rank.
    """
    return _observe([_align(o, s) for o, s in _checked(pairs)])


def _observe(alignments: list[_Alignment]) -> list[Entry]:
    all_sites = [site for alignment in alignments for site in _sites(alignment)]
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
                        -min(zipf_frequency(lm_form(w)) for w in r[0]),
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


def learn(pairs: Iterable[tuple[str, str]], *, min_count: int = 1) -> list[Entry]:
    """Phrasebook entries learned from ``(original_text, spun_text)`` pairs: the mappings
    of :func:`observe` seen at least ``min_count`` times, vetted as the shipped
    phrasebook's are, without chains, each with a prior (see the module docstring).

    Entries come most frequent first (then alphabetically by spun side), each with
    ``source`` ``learned:N``; ``path`` is ``"<learned>"`` and ``line`` the entry's rank.
    """
    if isinstance(min_count, bool) or not isinstance(min_count, int):
        raise TypeError(f"min_count must be an int, got {type(min_count).__name__}")
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    alignments = [_align(o, s) for o, s in _checked(pairs)]
    kept = [
        (e, n)
        for e in _observe(alignments)
        if (n := _count(e)) >= min_count and not _noise(e.spun, e.original, n)
    ]
    unspun = _unspun_counts(alignments, {e.key for e, _ in kept})
    priors = {e: weigh(e.spun, e.original, n, unspun[e.key]) for e, n in kept}
    kept = _unchained(_without_straddles([(e, n) for e, n in kept if priors[e] > 0.0]))
    in_names = _in_names(alignments)
    entries = []
    for entry, _ in kept:
        original = entry.original.lower() if entry.original in in_names else entry.original
        entries.append(
            entry._replace(original=original, line=len(entries) + 1, prior=priors[entry])
        )
    return _dedupe(entries)


def _capital(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a capitalised word that does not start a sentence."""
    return (
        0 < i < len(words)
        and words[i][:1].isupper()
        and _is_word(words[i])
        and words[i - 1] not in _SENTENCE_END
    )


def _in_names(alignments: list[_Alignment]) -> set[str]:
    """Capitalised words that the original texts write mid-sentence mostly within a name
    of several capitalised words ("Tsinghua University", "Foreign Ministry", "Middle
    East"), not alone ("Americans"). Such a word is written in lowercase in a learned
    book, as in the shipped one ("college" -> "university"): the spinner keeps case and
    repair carries it over, so the capital of "Tsinghua College" comes back by itself,
    and one entry per casing would split the model's belief between two readings."""
    within: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for alignment in alignments:
        words = alignment.orig
        for i, word in enumerate(words):
            if word.istitle() and _capital(words, i):
                named = _capital(words, i - 1) or _capital(words, i + 1)
                (within if named else alone)[word] += 1
    return {w for w, n in within.items() if n > alone[w]}


def _count(entry: Entry) -> int:
    return int(entry.source.rpartition(":")[2])


def _noise(spun: str, original: str, count: int) -> bool:
    """The shipped phrasebook's vetting (:mod:`unspin.vetting`): a mapping that is a
    difference of the copy or of the alignment rather than the spinner's."""
    if vetting.unusable(spun, original) or vetting.out_of_shape(spun, original):
        return True
    if vetting.is_article(spun) or vetting.is_article(original):
        return True
    one_word = len(vetting.words(spun)) == 1
    if (
        vetting.is_function(original)
        and (one_word or vetting.is_function(spun))
        and count < vetting.FUNCTION_MIN_COUNT
    ):
        # A function word for another is a habit only where it recurs (the shipped book
        # asks as much), and so is one word for a function word ("called" for "as"): the
        # aligner pairs a word with its neighbour so. Such an original is a key on every
        # line, each one the spinner seems to have left lowering the spin rate estimated.
        # A phrase rewritten as a unit ("ahead of" for "before") is the spinner's.
        return True
    if vetting.contains(spun, original):
        # "where the" for "the", "whether or not" for "whether": words of the copy. The
        # spinner's own insertions are content words ("chinese language" for "Chinese",
        # "brand new" for "new"); the shipped book has them from its habits, a learned
        # one must keep them.
        shorter = spun if len(vetting.words(spun)) < len(vetting.words(original)) else original
        added = vetting.added_words(spun, original)
        return vetting.is_function(shorter) or all(vetting.is_function(w) for w in added)
    return False


def _unspun_counts(alignments: list[_Alignment], keys: set[str]) -> Counter[str]:
    """How often each spun phrase of ``keys`` stands in the spun texts for itself: where
    the author wrote it and the spinner left it (a stretch the alignment found equal),
    read word by word as the matcher reads it (punctuation skipped)."""
    counts: Counter[str] = Counter()
    longest = max((k.count(" ") + 1 for k in keys), default=0)
    for alignment in alignments:
        for tag, i1, i2, _, _ in alignment.opcodes:
            if tag != "equal":
                continue
            kept = [w for w in alignment.s_low[i1:i2] if _is_word(w)]
            for size in range(1, longest + 1):
                for i in range(len(kept) - size + 1):
                    phrase = " ".join(kept[i : i + size])
                    if phrase in keys:
                        counts[phrase] += 1
    return counts


def weigh(spun: str, original: str, seen: int, unspun: int) -> float:
    """An entry's prior, from how often it was seen (``seen``) against how often its spun
    side stood for itself in the same texts (``unspun``: the author wrote it and the
    spinner left it); 0 for what is no more than the aligner's noise.

    A mapping seen in aligned pairs is what the shipped book's ``seed`` entries are, and
    gets their prior, :data:`SEEN_PRIOR`, if it accounts for at least
    :data:`FULL_SHARE` of its spun side's sightings. An aligner now and then pairs a
    common word with its neighbour's substitute ("of" for "as": 3 times in 65 sightings
    of "of" in two development pairs): under :data:`NOISE_SHARE`, that is all a mapping
    can be said to be. In between, the prior falls with the share. A spinner's habit
    with a common word stays above it ("on" for "at": one "on" in five to eight; most
    mappings have no counter-example at all), and lowering such a prior below the
    seeds' costs repairs: an entry a user learns replaces the shipped one. A bare number
    for a number word ("2" for "two") gets at most :data:`NUMBER_PRIOR`, as in the
    shipped book: digits stand for themselves far more often than for a spelled-out
    number."""
    share = seen / (seen + unspun)
    if share < NOISE_SHARE:
        return 0.0
    prior = SEEN_PRIOR * min(1.0, share / FULL_SHARE)
    if spun.isdigit():
        prior = min(prior, NUMBER_PRIOR)
    return round(prior, 4)


#: The prior of a mapping seen in aligned pairs (the shipped book's ``seed`` entries).
SEEN_PRIOR = 0.95
#: Shares of its spun side's sightings under which a mapping is taken for the aligner's
#: noise, and from which it gets the whole :data:`SEEN_PRIOR`.
NOISE_SHARE = 0.08
FULL_SHARE = 0.12
#: The most a bare number for a number word gets (the shipped book's ``number`` entries).
NUMBER_PRIOR = 0.5


def _without_straddles(entries: list[tuple[Entry, int]]) -> list[tuple[Entry, int]]:
    """Drop an entry that is another with a word more on the spun side ("language
    officers" -> "officials" beside "officers" -> "officials"): the alignment cut a run
    across two substitutions ("Chinese language officers" for "Chinese officials"), and
    the entries of the two parts ("chinese language" -> "Chinese") already cover it."""
    pairs = {(e.key, normalize_phrase(e.original)) for e, _ in entries}
    out = []
    for entry, n in entries:
        rest = entry.key.partition(" ")[2]
        head = entry.key.rpartition(" ")[0]
        original = normalize_phrase(entry.original)
        if rest and ((rest, original) in pairs or (head, original) in pairs):
            continue
        out.append((entry, n))
    return out


def _unchained(entries: list[tuple[Entry, int]]) -> list[tuple[Entry, int]]:
    """Drop every entry whose original is another entry's spun side (or whose spun side
    is another's original), keeping the more often seen of the two: "center" -> "Middle"
    seen five times wins over "middle" -> "center" seen once. A chain would let a repair
    undo another repair's word, and a pair seen both ways is not a substitution."""
    keys: set[str] = set()
    originals: set[str] = set()
    out = []
    for entry, n in entries:  # most often seen first
        original = normalize_phrase(entry.original)
        if original in keys or entry.key in originals:
            continue
        keys.add(entry.key)
        originals.add(original)
        out.append((entry, n))
    return out


def write_phrasebook(entries: Iterable[Entry], path: str | Path) -> None:
    """Write ``entries`` as a phrasebook file (UTF-8, LF): :func:`phrasebook_text`."""
    Path(path).write_text(phrasebook_text(entries), encoding="utf-8")


def phrasebook_text(entries: Iterable[Entry]) -> str:
    """``entries`` as a phrasebook's text (header first), with the prior column if any
    entry's prior is not 1, and the own column if any entry has a share."""
    entries = list(entries)
    owns = any(e.own for e in entries)
    priors = owns or any(e.prior != 1.0 for e in entries)
    lines = [
        "# unspin phrasebook learned from aligned pairs (unspin.learning).",
        "# source learned:N = the mapping was seen N times; prior (if any) = how likely the",
        "# spinner makes it: seen against its spun side left unspun (unspin.learning.weigh).",
        "\t".join(HEADER_WITH_OWN if owns else HEADER_WITH_PRIOR if priors else HEADER),
    ]
    for e in entries:
        fields = (e.spun, e.original, e.source)
        for value in fields:
            if any(c in value for c in "\t\r\n") or value != value.strip() or not value:
                raise ValueError(f"cannot write entry {e}: empty field or stray whitespace")
        if priors:
            fields = (*fields, repr(e.prior))
        if owns:
            fields = (*fields, repr(e.own))
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


__all__ = ["SOURCE_PREFIX", "learn", "observe", "phrasebook_text", "weigh", "write_phrasebook"]
