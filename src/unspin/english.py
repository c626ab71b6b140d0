"""Whether a text holds enough English prose for detection to judge it.

Detection weighs the words a spinner would have changed against a clean writer's, and
that only means something in English prose: source code, JSON, tables, logs, word lists
and other languages hold few candidates and no survivors, so without this gate their
score would stay near the prior (0.15-0.2) and rank them above real clean articles.

A line is prose when code symbols are rare among its words; the text has enough prose
when its prose lines hold most of its words and English function words make up a share
of them that real English prose always reaches (0.13 or more in every clean and spun
document of the benchmarks; German, French, Spanish and Chinese news: under 0.01).
Two kinds of text have none whatever their words: source code
(:mod:`unspin.source_code`), whose docstrings and comments are a programmer's, and a
table of figures under a few lines of prose (more lines without a letter than with:
Perl's Unicode tables scored 0.24 on the comment at their head).
"""

from __future__ import annotations

import regex

from .source_code import is_source_code

#: Common English function words that are neither programming keywords nor frequent
#: words of other Latin-script languages ("a", "in", "on", "die", "de" are left out).
_FUNCTION_WORDS = """the of to that was were his her their they he she has have had been this which
    who would will said about after than into its be are by at an but there these those
    we our you your when also can could should may more most other some such only over
    under between because what where how all any each many much very so then them him
    out up do does did being before during through against and with is for vs versus"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
#: In a short text, these count as English function words too (a photo caption: "A
#: shopper pushes a cart outside a store in San Leandro, on Tuesday"; a results line:
#: "Earnings per share: 35 cents vs. 39 cents expected"), unless a function word of
#: another Latin-script language stands in it: they are theirs as well ("a" in Spanish,
#: "in" in German, "on" in French, "per" in Italian).
SHARED_FUNCTION_WORDS = frozenset({"a", "in", "on", "per"})
_FOREIGN_FUNCTION_WORDS = """der die das und ist nicht mit von zu den dem des ein eine auf
    le la les et est une du pour dans qui que pas sur au el los las y es una por para con del
    il di che non della het een van niet"""
FOREIGN_FUNCTION_WORDS = frozenset(_FOREIGN_FUNCTION_WORDS.split())
#: Characters that are rare in prose and common in code, markup and data.
_SYMBOLS = frozenset("()[]{}=<>_;#\\|*+@$%^~`")
_WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
_SEPARATORS = frozenset(",\t;")
# The same sets as patterns: counting by regex is many times faster than per character.
_SYMBOL_RE = regex.compile("[" + regex.escape("".join(sorted(_SYMBOLS))) + "]")
_SEPARATOR_RE = regex.compile("[" + regex.escape("".join(sorted(_SEPARATORS))) + "]")

#: Share of a text's words that must stand on prose lines.
MIN_PROSE_SHARE = 0.5
#: Share of the prose lines' words that must be English function words; half as much
#: in a text of fewer than SHORT words (a single sentence can be sparse: "The budget
#: details included a planned cut in elementary school foreign language classes, as
#: well as ...").
MIN_FUNCTION_SHARE = 0.08
SHORT = 100


def _is_prose_line(line: str, n: int, function: int) -> bool:
    """Whether ``line``, of ``n`` words, ``function`` of them function words, is prose."""
    symbols = len(_SYMBOL_RE.findall(line))
    separators = len(_SEPARATOR_RE.findall(line))
    if separators * 2 >= max(n, 2):
        return False  # a table row or CSV record: a comma or tab per cell
    if symbols * 4 <= n:
        return True
    # Statistics in a paper ("(95% CI 1.2-3.4; p = 0.03)") are dense in symbols, but
    # their sentences are still made of English function words; code's are not.
    return symbols * 2 <= n and function >= 0.15 * n


def english_prose(
    text: str, lines: dict[str, tuple[int, int, bool, int, bool]] | None = None
) -> bool:
    """Whether ``text`` holds enough English prose to be judged spun or clean. ``lines``
    keeps each line's counts (:func:`_counts`) for texts that share lines: a text and
    its paragraphs. Source code (:func:`unspin.source_code.is_source_code`) holds none,
    whatever its docstrings and comments."""
    if is_source_code(text):
        return False
    total = prose = function = shared = 0
    lines_with_words = lines_without = 0
    foreign = False
    for line in text.split("\n"):
        counts = lines.get(line) if lines is not None else None
        if counts is None:
            counts = _counts(line)
            if lines is not None:
                lines[line] = counts
        n, here, is_prose, shared_here, foreign_here = counts
        if n:
            lines_with_words += 1
        elif line.strip():
            lines_without += 1
        total += n
        foreign = foreign or foreign_here
        if is_prose:
            prose += n
            function += here
            shared += shared_here
    if prose < SHORT and not foreign:
        function += shared
    return (
        function > 0
        and lines_without <= lines_with_words  # not a table of figures with a header
        and prose >= MIN_PROSE_SHARE * total
        and function >= MIN_FUNCTION_SHARE * prose * (1.0 if prose >= SHORT else 0.5)
    )


def _counts(line: str) -> tuple[int, int, bool, int, bool]:
    """A line's words, its function words, whether it is prose, its words of
    :data:`SHARED_FUNCTION_WORDS`, and whether another language's function word stands
    in it."""
    words = _WORD.findall(line)
    if not words:
        return 0, 0, False, 0, False
    lower = [w.lower() for w in words]
    here = sum(w in FUNCTION_WORDS for w in lower)
    shared = sum(w in SHARED_FUNCTION_WORDS for w in lower)
    foreign = any(w in FOREIGN_FUNCTION_WORDS for w in lower)
    return len(words), here, _is_prose_line(line, len(words), here), shared, foreign
