"""The phrasebooks a repairer uses, read, merged and compiled once.

The default phrasebook and a user's own are merged (a user's entry replaces the default
one for the same spun side and original), compiled into rules and one automaton, and
kept: in this process for every repairer with the same books, and between runs in the
compiled-book cache (:mod:`unspin.cache`), packed (:mod:`unspin.packed`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from . import cache, collector, packed, phrasebook
from .language_model import LanguageModel
from .matching import Matcher
from .packed import Book
from .phrasebook import Entry
from .rules import compile_rules

__all__ = ["Book", "compiled"]

_lock = threading.Lock()
_books: dict[str, Book] = {}


def compiled(
    default: bool,
    user: Sequence[Sequence[Entry]],
    open_vocabulary: bool,
    lm: LanguageModel,
) -> Book:
    """The book of the default phrasebook (if ``default``) and the ``user`` books."""
    parts = [b"default:" + phrasebook.default_bytes() if default else b"no default"]
    parts += [repr(list(entries)).encode("utf-8") for entries in user]
    parts.append(b"open" if open_vocabulary else b"closed")
    digest = cache.key(parts)
    with _lock:
        found = _books.get(digest)
        if found is None:
            build = lambda: _build(default, user, open_vocabulary, lm)  # noqa: E731
            if default or user:
                # Kept between runs: compiling tens of thousands of entries is what costs
                # (a user's whole table alone, 16,600 pairs: 1.6-1.9 s a start, 0.6 s from
                # the cache). One file for the default book alone, one with the last user
                # books added, one for the last user books alone.
                name = (
                    ("phrasebook-default-and-user" if user else "phrasebook-default")
                    if default
                    else "phrasebook-user"
                )
                found = cache.cached(name, digest, build, packed.unpack, packed.pack)
            else:
                found = build()
            _books[digest] = found
        return found


# Compiling makes some hundred thousand objects with no reference cycle among them; a
# full collection meanwhile walks them and the language model's caches again and again.
@collector.paused()
def _build(
    default: bool, user: Sequence[Sequence[Entry]], open_vocabulary: bool, lm: LanguageModel
) -> Book:
    books = [phrasebook.load_default()] if default else []
    books += [list(entries) for entries in user]
    entries = books[0] if len(books) == 1 else phrasebook.merge(*books)
    rules = compile_rules(entries, open_vocabulary, lm)
    # Keys (original phrases) share the automaton: one pass finds both.
    return Book(entries, rules.rules, Matcher(rules.rule_keys, rules.original_keys))
