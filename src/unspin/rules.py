"""Phrasebook entries compiled for matching and for the model.

Each entry ``spun -> original`` becomes a :class:`Rule` with its channel probability:
the spinner, rewriting ``original``, wrote ``spun`` with probability ``prior / n``, where
``prior`` is the entry's probability of being one of the spinner's substitutions (1 for
a book of the spinner's own table) and ``n`` the expected number of alternatives the
spinner has for that original (it chooses uniformly among them). Each original phrase
is also a *key*: the spinner would have rewritten it, with probability ``1 - prod(1 -
prior)`` over its entries, so finding it unspun is evidence about the spin rate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from .phrasebook import Entry
from .tokenizing import WORD_RE, lm_form, normalize_phrase


class Rule(NamedTuple):
    """A phrasebook entry compiled for the model."""

    entry: Entry
    words: tuple[str, ...]  # the original, as language-model words
    log_channel: float  # log P(spinner wrote this spun side | it rewrote the original)
    proper: bool  # the original is a proper name: its case is fixed
    possessive: bool  # matched with a trailing 's: "nation’s" -> "country’s"
    numeric: bool  # the spun side has digits ("12 months"): never where a figure stands
    article_sensitive: bool  # a/an before the spun side can tell it from the original


class Compiled(NamedTuple):
    """Rules, the matcher's keys for them, and the original phrases with their weight."""

    rules: list[Rule]
    rule_keys: list[tuple[str, int]]
    original_keys: list[tuple[str, float]]


def starts_with_vowel_sound(word: str) -> bool:
    """Whether ``word`` takes "an": by its first sound, and for a short all-capitals
    initialism ("US", "FBI") by its first letter's name."""
    if word.isupper() and len(word) <= 3:
        return word[:1] in "AEFHILMNORSX"
    w = word.lower()
    if w.startswith(("uni", "use", "usu", "eu", "one", "once", "ur")):
        return False
    if w.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    return w[:1] in "aeiou"


def compile_rules(entries: Sequence[Entry]) -> Compiled:
    """Compile phrasebook entries (see the module docstring)."""
    by_original: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_original[normalize_phrase(entry.original).lower()].append(entry)
    alternatives = {o: max(1.0, sum(e.prior for e in es)) for o, es in by_original.items()}
    key_weight = {
        o: 1.0 - math.prod(1.0 - e.prior for e in es) for o, es in by_original.items()
    }
    rules: list[Rule] = []
    keys: list[tuple[str, int]] = []
    for entry in entries:
        original = normalize_phrase(entry.original).lower()
        words = tuple(lm_form(w) for w in WORD_RE.findall(entry.original))
        log_channel = math.log(entry.prior / alternatives[original])
        proper = any(c.isupper() for c in entry.original)
        numeric = any(c.isdigit() for c in entry.spun)
        sensitive = bool(words) and starts_with_vowel_sound(entry.spun) != (
            starts_with_vowel_sound(words[0])
        )
        key = entry.key
        keys.append((key, len(rules)))
        rules.append(Rule(entry, words, log_channel, proper, False, numeric, sensitive))
        if words and not key.endswith("'s"):
            keys.append((key + "'s", len(rules)))
            rules.append(Rule(entry, words, log_channel, proper, True, numeric, sensitive))
    originals = []
    for original, weight in key_weight.items():
        if original and weight > 0.0:
            originals.append((original, weight))
            if not original.endswith("'s"):
                originals.append((original + "'s", weight))
    return Compiled(rules, keys, originals)
