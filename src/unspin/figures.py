"""Digits the spinner spelled out inside a figure: "six.7%", "$four.2 billion", "ten%",
"43.Eight".

The family turns number words into digits and, inside amounts, digits into words: a
digit of a decimal, of a dollar amount or before a percent sign comes out as its word.
No writer writes a figure so, and the phrasebook cannot hold it (the digits around the
word vary), so these are found by pattern and put back with certainty, each edit naming
this rule as its entry (source ``figure``). On 170 real pages of the family: 16 such
figures; none in the clean texts of the benchmarks and tests.
"""

from __future__ import annotations

import regex

from .deciding import Decision, Evidence
from .phrasebook import Entry
from .source_code import code_line_starts, on_code_line

__all__ = ["CONFIDENCE", "spelled_digits"]

#: The confidence of such an edit: the pattern is the spinner's alone.
CONFIDENCE = 0.99
DIGITS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
_WORD = "(?:" + "|".join(DIGITS) + ")"
# A number word right after a currency sign, or before a percent sign, or on either
# side of a decimal point whose other side is a digit or another such word.
_SPELLED = regex.compile(
    rf"""(?ix)
    (?<=[$£€]) {_WORD} (?![\w-])
    | (?<![\w.]) {_WORD} (?= % | \.(?:\d|{_WORD}(?![\w-])) )
    | (?<= (?<![\w.])(?:\d+|{_WORD})\. ) {_WORD} (?![\w-] | \.\w)
    """
)
# Where one may stand: a word touching a currency sign, a point or a percent sign, found
# by literal search (the pattern above, run over a whole text, cost a tenth of a repair).
_POINT = regex.compile(r"\.[0-9A-Za-z]")
_SIGNS = "%$£€"
# The figure the word stands in: no URL, address, path or identifier around it.
_TOKEN = regex.compile(r"\S+")
_NOT_PROSE = regex.compile(r"[/@_=\\:#<>{}\[\]]")
_EVIDENCE = Evidence(1.0, 0.0, 0.0, 0.0, 0.0, None, None)
# A figure is short: a run of more characters than this around the word is no prose
# (and scanning it for each word would make a long line cost its square).
_LONGEST = 40
_PATH = "unspin/figures.py"


def spelled_digits(text: str) -> list[Decision]:
    """The number words standing for digits inside figures of ``text``, as edits: none
    in capitals (a digit has no case: "$ONE" is a shell's variable), none on a line of
    source code (:mod:`unspin.source_code`)."""
    out = []
    code: tuple[int, ...] | None = None
    for start in _starts(text):
        m = _SPELLED.match(text, start)
        if m is None or m.group().isupper():
            continue
        if code is None:
            code = code_line_starts(text)
        if code and on_code_line(text, code, m.start()):
            continue
        token = _token_around(text, m.start(), m.end())
        if _NOT_PROSE.search(token):
            continue
        word = m.group()
        digit = DIGITS[word.lower()]
        entry = Entry(word.lower(), digit, "figure", _PATH, 0, 1.0)
        out.append(Decision(m.start(), m.end(), word, digit, CONFIDENCE, entry, _EVIDENCE))
    return out


def _starts(text: str) -> list[int]:
    """Where a number word touching a sign or a point would start, in order."""
    touching = []
    for sign in _SIGNS:
        at = text.find(sign)
        while at >= 0:
            touching.append(at)
            at = text.find(sign, at + 1)
    touching += [m.start() for m in _POINT.finditer(text)]
    starts = set()
    for at in touching:
        if text[at] != "%":
            starts.add(at + 1)  # the word after a sign or a point
        if text[at] in "%.":
            lo = at
            while lo > 0 and text[lo - 1].isalpha() and at - lo < 5:
                lo -= 1
            if lo < at:
                starts.add(lo)  # the word before a point or a percent sign
    return sorted(starts)


def _token_around(text: str, start: int, end: int) -> str:
    """The run of non-space characters around ``text[start:end]``, at most
    :data:`_LONGEST` on each side (a longer run is no figure of prose: it is returned
    with a character that says so)."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
        if start - lo > _LONGEST:
            return "/"
    found = _TOKEN.match(text, lo, end + _LONGEST + 1)
    token = found.group() if found is not None else text[start:end]
    return "/" if len(token) > end - lo + _LONGEST else token
