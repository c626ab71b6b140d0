"""The fast path: one Aho-Corasick pass finds every phrasebook phrase in a text.

Keys are normalised phrases padded with one space on each side, searched in the
normalised text padded the same way, so every hit starts and ends on a word boundary
without a check per hit, whatever the case, punctuation or curly apostrophes around it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import ahocorasick
import numpy as np
import regex

from . import acronyms
from .tokenizing import char_index, normalize, normalize_ascii, normalize_phrase

#: A key's word count marker for a phrase a rule writes with punctuation inside ("p.c").
LITERAL = 2
#: Phrase rules found at ``text[start:end]``: ``(start, end, rule ids)``.
Match = tuple[int, int, tuple[int, ...]]
#: A weighted phrase found at ``text[start:end]``: ``(start, end, weight)``.
Hit = tuple[int, int, float]


class Matcher:
    """Find phrases in text, case-insensitively and on word boundaries only.

    Each key carries rule ids (spun phrases: candidates) and a weight (original phrases:
    the spinner's keys, reported with their weight wherever they stand).
    """

    def __init__(
        self, rules: Iterable[tuple[str, int]], weights: Iterable[tuple[str, float]] = ()
    ) -> None:
        by_key: dict[str, list[int]] = {}
        # Rules whose phrase joins its words with punctuation ("p.c" for "percent"): the
        # key blanks it, so a hit must read as written (rule id -> the written phrase).
        self._literals: dict[int, str] = {}
        self._folded: set[int] = set()  # ... of them, those matched whatever the case
        # ... and those whose match ends before their acronym ("web protocol (ip)": the
        # words are edited, the acronym stays), by the characters it takes.
        self._trims: dict[int, int] = {}
        for key, rule in rules:
            if key and written_with_punctuation(key):
                folded = case_free(key)
                self._literals[rule] = key.lower() if folded else key[:1].lower() + key[1:]
                if folded:
                    self._folded.add(rule)
                tail = acronyms.trailing(key)
                if tail is not None:
                    self._trims[rule] = len(key) - len(tail[0])
                # The ampersand blanked as the text's is: "tub   past" (three spaces).
                key = normalize(key) if folded else normalize_phrase(key)
            if key and rule not in by_key.setdefault(key, []):
                by_key[key].append(rule)
        weight_of: dict[str, float] = {}
        for key, weight in weights:
            if key:
                weight_of[key] = max(weight, weight_of.get(key, 0.0))
        # The automaton stores each key's number; what the key carries is in flat arrays
        # (a cached book loads them as bytes, where a Python tuple per key would cost a
        # start twice as much to unpickle). See _value.
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        lengths, kinds, weights = array("I"), array("b"), array("d")
        ends, rule_ids = array("I"), array("I")
        every = sorted(by_key.keys() | weight_of.keys())
        for key in every:
            rules_here = by_key.get(key, ())
            # Words: 0 (one word), 1 (a phrase), or LITERAL (a phrase a rule writes with
            # punctuation inside: checked apart).
            words = LITERAL if any(r in self._literals for r in rules_here) else int(" " in key)
            self._automaton.add_word(f" {key} ", len(lengths))
            lengths.append(len(key))
            kinds.append(words)
            weights.append(weight_of.get(key, 0.0))
            rule_ids.extend(rules_here)
            ends.append(len(rule_ids))
        self._table = (lengths, kinds, weights, ends, rule_ids)
        self._values: dict[int, tuple[int, int, tuple[int, ...], float]] = {}
        self.size = len(by_key) + len(weight_of)
        # ASCII keys (the usual case) are matched on a text indexed by character.
        self._ascii = all(key.isascii() for key in every)
        if self.size:
            self._automaton.make_automaton()

    def find(self, text: str) -> tuple[list[Match], list[Hit]]:
        """Rule matches and weighted phrases, each sorted by start (overlaps included)."""
        if not self.size:
            return [], []
        norm = normalize_ascii(text) if self._ascii else normalize(text)
        hits = []
        weighted = []
        values = self._values
        for last, k in self._automaton.iter(f" {norm} "):
            value = values.get(k)
            if value is None:
                value = self._value(k)
            n, multiword, rules, weight = value
            if rules:
                hits.append((last - n - 1, last - 1, multiword, rules))
            if weight:
                weighted.append((last - n - 1, last - 1, multiword, weight))
        if not hits and not weighted:
            return [], []
        hits.sort()
        weighted.sort()
        if not self._ascii and not norm.isascii():
            index = char_index(norm)
            hits, weighted = _moved(hits, index), _moved(weighted, index)
        # Words of a phrase must be separated by space, not by punctuation, unless the
        # phrase is written with it ("p.c").
        matches = [
            (s, e, r)
            for s, e, mw, r in hits
            if not mw or (mw == 1 and _PUNCTUATION.search(text, s, e) is None)
        ]
        if self._literals:
            written = self._written(text, [hit for hit in hits if hit[2] == LITERAL])
            if written:
                matches = sorted(matches + written)
        keys = [
            (s, e, w)
            for s, e, mw, w in weighted
            if not mw or _PUNCTUATION.search(text, s, e) is None
        ]
        return matches, keys

    def _value(self, k: int) -> tuple[int, int, tuple[int, ...], float]:
        """What key number ``k`` carries: its length, word kind, rule ids and weight."""
        lengths, kinds, weights, ends, rule_ids = self._table
        rules = tuple(rule_ids[ends[k - 1] if k else 0 : ends[k]])
        value = self._values[k] = (lengths[k], kinds[k], rules, weights[k])
        return value

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_values"] = {}  # rebuilt as keys are met
        return state

    def _written(self, text: str, hits: list[tuple]) -> list[Match]:
        """The rule matches of ``hits`` of keys a rule writes with punctuation inside: that
        rule where the text reads as it writes, the others where no punctuation is."""
        out = []
        for s, e, _, rules in hits:
            if _PUNCTUATION.search(text, s, e) is None:
                rules = tuple(r for r in rules if r not in self._literals)
            else:
                # As written in the book, but for the first letter's case, which the
                # spinner carries over ("P.c"): "P.C" is a computer, not "p.c". A name's
                # rendering with an ampersand, in any case.
                written = text[s:e].replace("’", "'")
                folded = written.lower()
                written = written[:1].lower() + written[1:]
                # "p.c." is another abbreviation, or "p.c" and a full stop.
                dotted = text[e : e + 1] == "."
                rules = tuple(
                    r
                    for r in rules
                    if r in self._literals
                    and (
                        folded == self._literals[r]
                        if r in self._folded
                        else not dotted and written == self._literals[r]
                    )
                )
            if rules:
                trim = self._trims.get(rules[0], 0)  # one key, one written form
                out.append((s, e - trim, rules))
        return out


def written_with_punctuation(phrase: str) -> bool:
    """Whether ``phrase`` joins words with punctuation ("p.c", an ampersand between words:
    "mattress tub & past", or an acronym in parentheses at its end: "web protocol (ip)"):
    a matcher key that is matched as written, not only as its normalised words."""
    return (
        _INNER.search(phrase) is not None
        or _AMPERSAND.search(phrase) is not None
        or acronyms.trailing(phrase) is not None
    )


def case_free(phrase: str) -> bool:
    """Whether a phrase written with punctuation is matched whatever its case: a name's
    rendering with an ampersand ("Mattress Tub & Past" for "Bed Bath & Beyond") is written
    in title case, and an acronym in capitals or not ("web protocol (IP)"), where "P.C" is
    another word than "p.c"."""
    return _AMPERSAND.search(phrase) is not None or acronyms.trailing(phrase) is not None


def _moved(found: list[tuple], index: np.ndarray) -> list[tuple]:
    """Hits ``(start, end, multiword, value)`` with their byte offsets mapped to characters by
    ``index`` (:func:`unspin.tokenizing.char_index`)."""
    if not found:
        return found
    starts = index[[hit[0] for hit in found]].tolist()
    ends = index[[hit[1] for hit in found]].tolist()
    return [(s, e, mw, v) for s, e, (_, _, mw, v) in zip(starts, ends, found, strict=True)]


# Punctuation, or a line break: a phrase never spans lines (a line is where repair's
# regions and lattices end, and a file is read in chunks cut at line breaks).
_PUNCTUATION = regex.compile(r"[^\s\p{L}\p{M}\p{N}'’\-]|\n")
#: ASCII punctuation between two word characters of a phrase ("p.c", "u.s.a"). ASCII
#: only: a key comes here normalised, its UTF-8 bytes read as Latin-1, where a letter's
#: second byte may read as a sign ("ñ" as "Ã±"): "cañon metropolis" was taken for a phrase
#: written with punctuation inside, and matched nowhere.
_INNER = regex.compile(r"[\p{L}\p{N}][!-&(-,./:-@\[-`|~][\p{L}\p{N}]")
#: An ampersand standing as a word between two words ("Bath & Body Works").
_AMPERSAND = regex.compile(r"[\p{L}\p{N}] & [\p{L}\p{N}]")
