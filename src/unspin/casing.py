"""Give a replacement the case pattern of the text it replaces."""

from __future__ import annotations

import functools


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _is_upper(word: str) -> bool:
    # The string tests first: they run in C and settle most words.
    return word.upper() == word and word.lower() != word and any(c.isalpha() for c in word)


#: Two-letter words written in capitals by shouting text, not initialisms.
_SHOUTED_PAIRS = frozenset(
    {
        "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "IT",
        "ME", "MY", "NO", "OF", "OK", "ON", "OR", "SO", "TO", "UP", "US", "WE",
    }
)  # fmt: skip


def _initialism(word: str) -> bool:
    """A two-letter word in capitals that is no English word ("TV", "PC")."""
    return len(word) == 2 and word.isalpha() and word.isupper() and word not in _SHOUTED_PAIRS


def _is_capitalized(word: str) -> bool:
    for c in word:
        if c.isalpha():
            return c.isupper()
    return False


#: Letters on either side of an edit (at most, within its line) that say whether the text
#: around it is written in capitals.
SHOUT_AROUND = 40
#: ... and how many of them must be capitals, with none lowercase.
SHOUT_LETTERS = 8


def line_around(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """Where the text around ``text[start:end]`` starts and ends: at most ``reach``
    characters on either side, within its line."""
    lo = max(text.rfind("\n", 0, start) + 1, start - reach)
    hi = text.find("\n", end)
    return lo, min(end + reach, len(text) if hi < 0 else hi)


def shouted(text: str, start: int, end: int) -> bool:
    """Whether the line around ``text[start:end]`` is written in capitals: at least
    :data:`SHOUT_LETTERS` letters within :data:`SHOUT_AROUND` characters on either side of
    it in its line, none lowercase ("THE USA AND CHINA ARE AGAIN ON THE NEGOTIATING
    DESK"), where an all-caps word is shouting, not an acronym."""
    lo, hi = line_around(text, start, end, SHOUT_AROUND)
    letters = [
        c for c in text[lo:start] + text[end:hi] if c.isalpha() and c.isupper() != c.islower()
    ]
    return len(letters) >= SHOUT_LETTERS and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=1 << 14)  # the same few phrases recur through a text
def transfer_case(observed: str, original: str, mid_sentence: bool = False) -> str:
    """Case ``original`` (as the phrasebook writes it) like ``observed``.

    Word for word when the counts match ("Center East" -> "Middle East"); otherwise the
    whole pattern: all caps, title case, or a capital first word ("12 Months" -> "Year",
    "Chinese language officers" -> "Chinese officials"). Capitals the phrasebook writes
    (proper names such as "Americans") are kept. A lone all-caps word ("USA") is read as
    an acronym, not as shouting, when the replacement is a proper name. ``mid_sentence``
    (a word stands before ``observed`` in its sentence): the capitals of a phrase that
    opens with an acronym are the acronym's, not the position's ("we train AI
    calculations" -> "machine learning algorithms").
    """
    if not original:
        return original
    obs_words = observed.split()
    out_words = original.split(" ")
    cased = [w for w in obs_words if any(c.isalpha() for c in w)]
    if not cased:
        return original
    proper = any(c.isupper() for c in original)
    shouting = all(_is_upper(w) for w in cased) and sum(len(w) for w in cased) > 1
    if shouting and len(obs_words) == 1 and _initialism(observed):
        # An initialism the spinner's table writes so ("TV" for "television"; it carries
        # only a first capital over), not shouting: the original is cased by position.
        return original if mid_sentence or proper else _cap(original)
    if shouting and (len(obs_words) > 1 or not proper):
        return original.upper()
    if mid_sentence and len(obs_words) > 1 and len(obs_words[0]) > 1 and _is_upper(obs_words[0]):
        # Not shouting (above): the rest of the phrase is cased as written.
        if len(obs_words) == len(out_words):
            rest = transfer_case(" ".join(obs_words[1:]), " ".join(out_words[1:]), True)
            return " ".join((out_words[0], rest))
        return original
    if len(obs_words) == len(out_words):
        return " ".join(
            _cap(o) if _is_capitalized(s) else o for s, o in zip(obs_words, out_words, strict=True)
        )
    if len(cased) > 1 and all(_is_capitalized(w) for w in cased):
        return " ".join(_cap(o) for o in out_words)
    if _is_capitalized(obs_words[0]) or (
        not any(c.isalpha() for c in obs_words[0]) and all(_is_capitalized(w) for w in cased)
    ):
        return _cap(original)
    return original
