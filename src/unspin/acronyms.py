"""A phrase followed by an acronym in parentheses: "web protocol (IP)".

The Problematic Paper Screener lists many fingerprints with the acronym the paper kept:
"web protocol (IP)" for "internet protocol (IP)", "closest neighbor (NN)" for "nearest
neighbor (NN)". A writer's acronym spells the initials of the words before it; a
paraphraser rewrites the words and keeps the acronym, which then spells another phrase.
The phrase alone may be ordinary English ("closest neighbor", "domestic output"); with an
acronym that is not its own, it is the paraphraser's. A phrasebook entry whose spun side
ends with such an acronym is matched with it and edits the words before it, the acronym
left as written (:mod:`unspin.matching`, :mod:`unspin.rules`).
"""

from __future__ import annotations

import regex

_TRAILING = regex.compile(r"(?P<phrase>\S.*\S|\S) \((?P<acronym>[\p{L}\p{N}]+)\)")
_PARTS = regex.compile(r"[\p{L}\p{N}]+")


def trailing(phrase: str) -> tuple[str, str] | None:
    """``(words, acronym)`` of a phrase that ends with an acronym in parentheses after a
    space ("web protocol (ip)": ``("web protocol", "ip")``), else None."""
    if not phrase.endswith(")"):  # most phrases: no need to read them through
        return None
    m = _TRAILING.fullmatch(phrase)
    return None if m is None else (m["phrase"], m["acronym"])


def spells(words: str, acronym: str) -> bool:
    """Whether ``acronym`` spells initials of ``words``, in order (hyphenated parts and
    skipped words allowed): "dimensionality reduction" spells "DR", "information and
    communications technology" spells "ICT", "closest neighbor" does not spell "NN"."""
    initials = iter(part[0] for part in _PARTS.findall(words.casefold()))
    return all(letter in initials for letter in acronym.casefold())


def paraphrased(spun: str, original: str) -> tuple[str, str] | None:
    """The words of ``spun`` and ``original`` before their acronym, where both end with
    the same acronym in parentheses and it does not spell the spun words' initials (a
    paraphraser's rewrite, not a writer's own phrase: "dimensionality reduction (DR)" is
    no fingerprint of "diabetic retinopathy (DR)"); else None."""
    ours, theirs = trailing(spun), trailing(original)
    if ours is None or theirs is None or ours[1].casefold() != theirs[1].casefold():
        return None
    if spells(ours[0], ours[1]):
        return None
    return ours[0], theirs[0]


__all__ = ["paraphrased", "spells", "trailing"]
