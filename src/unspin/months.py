"""The month May spun as a modal verb: "Friday Could 20", "a Might 29 open letter", "in
Could, in his first trip abroad", "an absurd month of Might".

The family rewrites "may" as "might" or "could" whatever its sense, and carries the
capital over, so the month comes out as a modal with a capital where no writer puts one:
before a day of the month, after a weekday, or after a preposition of time with a
full stop, a comma, a year or a lowercase word after it. The phrasebook cannot hold it
(a capitalised "Could" opens questions, and a lowercase "may" is no month), so it is
found by pattern and put back with near certainty, each edit naming this rule as its
entry (source ``month``). On the 63 held-out real pages of the family: 6 of its 7 months
of May so spun, 1 in the development pairs; none in the clean texts of the benchmarks
and tests.

Left alone: a sentence's first word before a number ("Could 20 people fit?"), a title
in capitals throughout ("Sword Of Might"), a name ("Might and Magic"), and any word in
capitals or lower case.
"""

from __future__ import annotations

import regex

from .deciding import Decision, Evidence
from .phrasebook import Entry
from .source_code import code_line_starts, on_code_line

__all__ = ["CONFIDENCE", "spun_months"]

#: The confidence of such an edit: a modal with a capital inside a date is the spinner's.
CONFIDENCE = 0.98
_MODALS = ("Might", "Could")
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_MONTHS = "January|February|March|April|June|July|August|September|October|November|December"
_MONTH = rf"(?:{_MONTHS}|Might|Could)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# What stands after a day of the month: punctuation, the end of the line, or a lowercase
# word that counts nothing ("a Might 29 open letter"; not "Could 20 people").
_AFTER_DAY = (
    r"(?:[ \t]*(?:[.,;:!?)\]\u201d\"\u2019'\u2014\u2013]|$)"
    r"|[ \t]+(?!(?:people|percent|per|million|billion|thousand|hundred|dozen|times|fold"
    r"|x)\b)[a-z]+\b(?<!s))"
)
_DAY_AFTER = regex.compile(rf"[ \t]+{_DAY}(?=[^\w%.,:/]|[.,:/](?!\d)|$)", regex.MULTILINE)
_DATE_AFTER = regex.compile(rf"[ \t]+{_DAY}(?![.,:/]\d){_AFTER_DAY}", regex.MULTILINE)
_YEAR_AFTER = regex.compile(rf"[ \t]+{_DAY},?[ \t]+{_YEAR}(?![\w%])")
_WEEKDAY_BEFORE = regex.compile(rf"\b{_WEEKDAY},?[ \t]+\Z")
# A preposition of time before the word (a title's capitals are checked apart), a
# time's noun and "of" ("the month of", "the end of"), or another month and a link.
_TIME_BEFORE = regex.compile(
    r"(?:(?i:\b(?:in|since|until|till|from|through|throughout|during|before|after|between))"
    r"|\b(?i:month|end|beginning|start|middle|rest|week|half|first|ides)[ \t]+of"
    rf"|\b(?:{_MONTHS})[ \t]+(?:and|or|to|through|until))[ \t]+\Z"
)
# A word that dates it only with a date after: "this Might, ..."; not "This Could be".
_SOME_BEFORE = regex.compile(r"(?i:\b(?:this|next|last|early|late)[ \t]+|\bmid-)\Z")
# What may follow a month after such a preposition: punctuation, the end of the line, a
# day or a year, another month, or a lowercase word that does not join it to a name or
# make it a verb ("Might and Magic", "Might of the gods", "in Could be").
_DATED_AFTER = (
    rf"[ \t]* (?: [.,;:!?)\]\u201d\"\u2019'\u2014\u2013] | $ )"
    rf"| [ \t]+ (?: {_DAY}\b | {_YEAR}\b )"
    rf"| [ \t]+ (?:and|or|to|through|until) [ \t]+ {_MONTH}\b"
)
_DATED = regex.compile(rf"(?x){_DATED_AFTER}", regex.MULTILINE)
_END_AFTER = regex.compile(
    rf"""(?x) {_DATED_AFTER}
    | [ \t]+ (?!(?:and|or|of|is|are|was|were|will|be|have|has|not|never|also|well)\b) [a-z]
    """,
    regex.MULTILINE,
)
# A sentence's or a line's first word follows one of these (and spaces).
_OPENING = regex.compile(r"(?:\A|\n|[.!?:;\"\u201c\u2018(\[\u2022*]|\s[-\u2013\u2014])[ \t]*\Z")
_CAPITAL_BEFORE = regex.compile(r"\b[A-Z][\w'\u2019]*[ \t]+\Z")
_NEXT_WORD = regex.compile(r"[ \t]+(\w)")
_PATH = "unspin/months.py"
_EVIDENCE = Evidence(1.0, 0.0, 0.0, 0.0, 0.0, None, None)


def spun_months(text: str) -> list[Decision]:
    """The modals standing for the month May in ``text``, as edits, in text order; none
    on a line of source code (:mod:`unspin.source_code`)."""
    out = []
    code: tuple[int, ...] | None = None
    for start in _starts(text):
        end = start + 5
        word = text[start:end]
        if not _is_date(text, start, end):
            continue
        if code is None:
            code = code_line_starts(text)
        if code and on_code_line(text, code, start):
            continue
        entry = Entry(word.lower(), "May", "month", _PATH, 0, 1.0)
        out.append(Decision(start, end, word, "May", CONFIDENCE, entry, _EVIDENCE))
    return out


def _starts(text: str) -> list[int]:
    """Where "Might" or "Could" stands as a word (or after a hyphen), in order."""
    starts = []
    for modal in _MODALS:
        at = text.find(modal)
        while at >= 0:
            end = at + len(modal)
            if not (at and (text[at - 1].isalnum() or text[at - 1] in "_'\u2019")) and not (
                end < len(text) and (text[end].isalnum() or text[end] == "_")
            ):
                starts.append(at)
            at = text.find(modal, end)
    return sorted(starts)


def _is_date(text: str, start: int, end: int) -> bool:
    """Whether the modal at ``text[start:end]`` stands where a month does."""
    before = text[max(0, start - 40) : start]
    if before.endswith("-") and not before.lower().endswith("mid-"):
        return False  # "Would-Could", a compound
    if _YEAR_AFTER.match(text, end) or (
        _WEEKDAY_BEFORE.search(before) and _DAY_AFTER.match(text, end)
    ):
        return True  # "Might 29, 2024", "Friday Could 20"
    if _DATE_AFTER.match(text, end):
        # "a Might 29 open letter"; at a sentence's start perhaps a question ("Could 20
        # ask?"), after a capital perhaps a title's words ("What You Could 5").
        return _OPENING.search(before) is None and not _CAPITAL_BEFORE.search(before)
    if _SOME_BEFORE.search(before):
        return _DATED.match(text, end) is not None
    time = _TIME_BEFORE.search(before)
    if time is None:
        return False
    if time.group()[:1].isupper() and _capital_after(text, end):
        return False  # "In Could Lies Hope": a title's capitals say nothing
    return _END_AFTER.match(text, end) is not None


def _capital_after(text: str, end: int) -> bool:
    """Whether the word after ``end`` (on the same line) starts with a capital."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).isupper()
