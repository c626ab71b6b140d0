"""Which observed mappings are the spinner's, and which are noise of the alignment.

Shared by ``unspin learn`` (:mod:`unspin.learning`) and the scripts that build the
shipped phrasebook (``scripts/derive_observed.py``, ``scripts/build_phrasebook.py``), so
that a learned book is vetted as the shipped one is. An aligned pair of texts differs in
more than the spinner's substitutions: the copy drops or adds an article ("an" for "a"),
a word or two ("where the" for "the"), and the aligner pairs unrelated function words
("many" for "the"). The spinner leaves articles as they were, and a function word for
another is one of its habits only where it recurs. ``unspin learn`` applies the rules
that need no page count; :func:`half_function`, :func:`contraction` and
``FUNCTION_MIN_PAGES`` are applied to the real pages of the shipped book only, and
:func:`contraction_only` to its generated sources.
"""

from __future__ import annotations

import functools
from pathlib import Path

import regex

from . import acronyms
from .tokenizing import WORD_RE, lm_form, normalize_phrase

#: An abbreviation written with full stops inside ("p.c" for "percent"), matched as
#: written (unspin.matching.written_with_punctuation); the book holds no other joint but
#: an ampersand between words.
_DOTTED = regex.compile(r"\p{L}+(?:\.\p{L}+)+")

#: Longest side (in words) of an observed mapping; neither side may be more than
#: ``MAX_RATIO`` times as long as the other.
MAX_WORDS = 4
MAX_RATIO = 3
#: Times a function word must be seen standing for another function word ("within" for
#: "in", "on" for "at") to be a habit of the spinner rather than a difference of the copy.
FUNCTION_MIN_COUNT = 3
#: Pages a function word must be seen on standing for another, on real pages
#: (``scripts/derive_observed.py``; a learned book's pairs have no page count).
FUNCTION_MIN_PAGES = 5


def word_list(name: str) -> frozenset[str]:
    """The words of ``unspin/data/NAME``, one a line (``#`` lines are comments)."""
    text = (Path(__file__).parent / "data" / name).read_text("utf-8")
    return frozenset(x.strip() for x in text.split("\n") if x.strip() and not x.startswith("#"))


@functools.cache
def function_words() -> frozenset[str]:
    """``unspin/data/function-words.txt``: articles, pronouns, prepositions, auxiliaries."""
    return word_list("function-words.txt")


def words(phrase: str) -> list[str]:
    return WORD_RE.findall(phrase)


def is_function(phrase: str) -> bool:
    """Whether every word of ``phrase`` is a function word."""
    function = function_words()
    return all(w.lower() in function for w in words(phrase))


def half_function(spun: str, original: str) -> bool:
    """One side all function words, the other not ("possible" for "he", "to" for
    "changes"): the aligner pairing words of two different edits of a sentence."""
    return is_function(spun) != is_function(original)


def contraction(spun: str, original: str) -> bool:
    """The same words but for a contraction ("it’s" for "it", "isn't" for "is"): a
    difference of the copy, or a habit the shipped habits already hold."""

    def bare(phrase: str) -> str:
        p = phrase.lower().replace("’", "'")
        for tail in ("'s", "n't", "'re", "'ve", "'ll", "'d", "'m"):
            p = p.replace(tail, "")
        return p

    return bare(spun) == bare(original)


#: A contraction and its full form, in the order they are tried ("can't" before "n't").
_CONTRACTIONS = (
    (regex.compile(r"\b(?:can't|cannot)\b"), "can not"),
    (regex.compile(r"\bwon't\b"), "will not"),
    (regex.compile(r"n't\b"), " not"),
    (regex.compile(r"'re\b"), " are"),
    (regex.compile(r"'ve\b"), " have"),
    (regex.compile(r"'ll\b"), " will"),
    (regex.compile(r"'d\b"), " would"),
    (regex.compile(r"'m\b"), " am"),
    (regex.compile(r"\b(it|he|she|that|what|there|here|who|where|how|this)'s\b"), r"\1 is"),
)


def _expanded(phrase: str) -> str:
    phrase = phrase.lower().replace("\u2019", "'")
    for pattern, full in _CONTRACTIONS:
        phrase = pattern.sub(full, phrase)
    return " ".join(phrase.split())


def contraction_only(spun: str, original: str) -> bool:
    """Whether ``spun`` and ``original`` differ only by a contraction and its full form
    ("they're" for "they are", "it is" for "it's", "can't" for "cannot"); unlike
    :func:`contraction`, whose sides differ by a clitic ("it's" for "it")."""
    return spun.lower() != original.lower() and _expanded(spun) == _expanded(original)


#: The number words a spinner writes for digits, and back.
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS.split())}
_DIGITS = regex.compile(r"\d+(?:[.,]\d+)?")


def _number(word: str) -> str | None:
    """The value of a word that is a number and nothing else ("20", "two"), as digits."""
    word = word.lower()
    if _DIGITS.fullmatch(word):
        return word.replace(",", "")
    return str(_NUMBERS[word]) if word in _NUMBERS else None


def changes_quantity(spun: str, original: str) -> bool:
    """Each side one number, and not the same ("20" for "two": the aligner pairing "20
    years" with "two decades"); a spinner writes a number as digits or as words, never
    another number. ("nineteen eighties" for "1980s" is the same number.)"""
    a, b = _number(spun), _number(original)
    return a is not None and b is not None and a != b


def is_article(phrase: str) -> bool:
    """An article alone: the spinner leaves articles as they were ("a accountable"), so
    "an" for "a" is a difference of the copy."""
    return phrase.lower() in ("a", "an", "the")


def _folded(phrase: str) -> list[str]:
    """Its words as the language model has them: lowercased, with one apostrophe
    ("you’re" and "you're" are one word)."""
    return [lm_form(w) for w in words(phrase)]


def contains(spun: str, original: str) -> bool:
    """Whether one side's words are the other's with words added ("a brand" for "a",
    "also you're" for "you’re"): usually a difference of the copy, not of the spinner."""
    a = _folded(spun)
    b = _folded(original)
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return all(w in long for w in short)


def added_words(spun: str, original: str) -> list[str]:
    """The words of the longer side that the shorter side lacks ("language" in "chinese
    language" for "Chinese")."""
    a = _folded(spun)
    b = _folded(original)
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return [w for w in long if w not in short]


def out_of_shape(spun: str, original: str) -> bool:
    """A side with no word, more than ``MAX_WORDS`` words, or more than ``MAX_RATIO``
    times as many words as the other: a stretch the aligner could not cut."""
    ws, wo = len(words(spun)), len(words(original))
    if not ws or not wo or ws > MAX_WORDS or wo > MAX_WORDS:
        return True
    return max(ws, wo) > MAX_RATIO * min(ws, wo)


@functools.cache
def _top(n: int) -> frozenset[str]:
    from wordfreq import top_n_list

    return frozenset(top_n_list("en", n))


def unusable(spun: str, original: str, capitals_inside: bool = False) -> bool:
    """A mapping no phrasebook should hold: an identity, punctuation in the spun side other
    than the full stops inside an abbreviation ("p.c") and an ampersand between words (a
    name's rendering: "Mattress Tub & Past" for "Bed Bath & Beyond"), an original with
    capitals inside a lowercase phrase (unless ``capitals_inside``: a paper's
    fingerprint, "artless bayes" for "naive Bayes"), or one of the 100 commonest words as
    the spun side of a content word. Both sides may end with the same acronym in
    parentheses where it is no initials of the spun words ("web protocol (ip)" for
    "internet protocol (IP)", :mod:`unspin.acronyms`): the words before it are vetted."""
    words_of = acronyms.paraphrased(spun, original)
    if words_of is not None:
        return unusable(*words_of, capitals_inside=capitals_inside)
    key = normalize_phrase(spun)
    if not capitals_inside and original[:1].islower() and any(c.isupper() for c in original):
        # "reality TV", "fast Fourier transform": the model reads any capital as a
        # proper name, admissible only where the spun text starts with a capital. A
        # fingerprint's rule needs no capital (unspin.rules: "jupyter journal" for
        # "Jupyter notebook"); the others' never fire on lowercase words, and do no harm.
        return True
    words = spun.split(" ")
    # An ampersand stands between two words only: a name ("Bath & Body Works"), as the
    # matcher reads it (not at an end, nor beside another: "tub & & past").
    stray = any(
        w == "&" and not (0 < k < len(words) - 1 and "&" not in (words[k - 1], words[k + 1]))
        for k, w in enumerate(words)
    )
    if stray or any(
        WORD_RE.fullmatch(w) is None and _DOTTED.fullmatch(w) is None and w != "&" for w in words
    ):
        return True  # "p.c." (a trailing stop the matcher never reads as the word's), "a/b"
    if key == normalize_phrase(original).lower() or not key:
        return True
    # A top-100 word as the spun side of a content word fires everywhere.
    return key in _top(100) and normalize_phrase(original).lower() not in _top(300)


__all__ = [
    "FUNCTION_MIN_COUNT",
    "FUNCTION_MIN_PAGES",
    "MAX_RATIO",
    "MAX_WORDS",
    "added_words",
    "changes_quantity",
    "contains",
    "contraction",
    "function_words",
    "half_function",
    "is_article",
    "is_function",
    "out_of_shape",
    "unusable",
]
