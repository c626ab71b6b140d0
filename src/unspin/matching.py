"""The fast path: one Aho-Corasick pass finds every phrasebook phrase in a text.

Keys are normalised phrases padded with one space on each side, searched in the
normalised text padded the same way, so every hit starts and ends on a word boundary
without a check per hit, whatever the case, punctuation or curly apostrophes around it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, NamedTuple, TypeVar

import ahocorasick
import regex

from .tokenizing import char_offsets, normalize

V = TypeVar("V", bound=Hashable)


class Match(NamedTuple, Generic[V]):
    """A phrase found at ``text[start:end]``, with the values stored under its key."""

    start: int
    end: int
    values: tuple[V, ...]


class Matcher(Generic[V]):
    """Find normalised phrases in text, case-insensitively and on word boundaries only."""

    def __init__(self, items: Iterable[tuple[str, V]]) -> None:
        grouped: dict[str, list[V]] = {}
        for key, value in items:
            if key and value not in grouped.setdefault(key, []):
                grouped[key].append(value)
        self._automaton = ahocorasick.Automaton()
        for key, values in grouped.items():
            self._automaton.add_word(f" {key} ", (len(key), " " in key, tuple(values)))
        self.size = len(grouped)
        if grouped:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match[V]]:
        """Every occurrence in ``text``, sorted by start (overlaps included)."""
        if not self.size:
            return []
        norm = normalize(text)
        hits = sorted(
            (last - n - 1, last - 1, multiword, values)
            for last, (n, multiword, values) in self._automaton.iter(f" {norm} ")
        )
        if not hits:
            return []
        if not norm.isascii():
            flat = char_offsets(norm, sorted({x for h in hits for x in h[:2]}))
            index = dict(zip(sorted({x for h in hits for x in h[:2]}), flat, strict=True))
            hits = [(index[s], index[e], mw, v) for s, e, mw, v in hits]
        # Words of a phrase must be separated by space, not by punctuation.
        return [Match(s, e, v) for s, e, mw, v in hits if not mw or _spaced(text, s, e)]


def _spaced(text: str, start: int, end: int) -> bool:
    return _PUNCTUATION.search(text, start, end) is None


_PUNCTUATION = regex.compile(r"[^\s\p{L}\p{M}\p{N}'’\-]")
