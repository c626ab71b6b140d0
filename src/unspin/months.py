"""The month May spun as a modal verb: "Friday Could 20", "a Might 29 open letter", "in
Could, in his first trip abroad", "an absurd month of Might".

The family rewrites "may" as "might" or "could" whatever its sense, and carries the
capital over, so the month comes out as a modal with a capital where writers put none:
before a day of the month, after a weekday, or after a preposition of time with
punctuation, a day, a year or another month after it. The phrasebook cannot hold it (a
capitalised "Could" opens questions, and a lowercase "may" is no month), so it is found
by pattern (:func:`spun_months`) and put back as surely as its region was spun
(:func:`in_regions`): names and titles write a capitalised modal in such places too
("The studio has confirmed Might 2: The Iron Crown"), and only a spinner writes a month
so. Each edit names this rule as its entry (source ``month``). On the 63 held-out real
pages of the family: 6 of their 7 months of May so spun, 1 in the development pairs.

Left alone: a sentence's first word before a number ("Could 20 people fit?"), a title's
words ("In Could Lies Hope"), a name's ("Might and Magic", "reaches Might 25 early", "In
Might's last three matches"), and any word in capitals or lower case.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import regex

from .analysis import Region
from .deciding import Decision, Evidence
from .phrasebook import Entry
from .rates import short_regions
from .source_code import code_line_starts, on_code_line

__all__ = ["CONFIDENCE", "in_regions", "spun_months"]

#: The confidence of such an edit in a region surely spun: there, a modal with a capital
#: where a date stands is the spinner's.
CONFIDENCE = 0.98
_MODALS = ("Might", "Could")
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_MONTHS = "January|February|March|April|June|July|August|September|October|November|December"
_MONTH = rf"(?:{_MONTHS}|Might|Could)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Punctuation after a date (a quotation mark only where no letter follows it: "Could's"
# is a name's possessive).
_PUNCT = r"(?:[.,;:!?)\]\u201d\"\u2014\u2013]|[\u2019'](?!\w)|$)"
# A day of the month after the word, no figure going on ("Friday Could 20 –") ...
_DAY_AFTER = regex.compile(rf"[ \t]+{_DAY}(?=[^\w%.,:/]|[.,:/](?!\d)|$)", regex.MULTILINE)
# ... with punctuation or the end of the line after it ("ended Could 2:") ...
_DAY_PUNCT_AFTER = regex.compile(rf"[ \t]+{_DAY}(?![.,:/]\d)[ \t]*{_PUNCT}", regex.MULTILINE)
# ... or a lowercase word that counts nothing ("a Might 29 open letter"; not "Could 20
# people", "Might 15 and").
_DAY_WORD_AFTER = regex.compile(
    rf"[ \t]+{_DAY}[ \t]+(?!(?:people|percent|per|million|billion|thousand|hundred|dozen"
    r"|times|fold|x|and|or)\b)[a-z]+\b(?<!s)"
)
_YEAR_AFTER = regex.compile(rf"[ \t]+{_DAY},?[ \t]+{_YEAR}(?![\w%])")
_WEEKDAY_BEFORE = regex.compile(rf"\b{_WEEKDAY},?[ \t]+\Z")
# What dates a day with a word after it: "on Might 29 the", "a Might 29 open letter".
_DAY_CUE_BEFORE = regex.compile(
    r"(?i:\b(?:on|by|since|until|till|from|through|before|after|a|the|its|this|last|next"
    r"|early|late|ended|ending|dated|effective|starting|beginning)[ \t]+)\Z"
)
# A preposition of time before the word (a title's capitals are checked apart), or
# another month and a link ...
_TIME_BEFORE = regex.compile(
    r"(?:(?i:\b(?:in|since|until|till|from|through|throughout|during|before|after|between))"
    rf"|\b(?:{_MONTHS})[ \t]+(?:and|or|to|through|until))[ \t]+\Z"
)
# ... or a time's noun and "of" ("the month of", "the end of").
_PART_OF_BEFORE = regex.compile(
    r"\b(?i:month|end|beginning|start|middle|rest|week|half|first|ides)[ \t]+of[ \t]+\Z"
)
# A word that dates it only with a date after: "this Might, ..."; not "This Could be".
_SOME_BEFORE = regex.compile(r"(?i:\b(?:this|next|last|early|late)[ \t]+|\bmid-)\Z")
# What follows a month after those: punctuation, the end of the line, a day or a year,
# or another month ("Might and Magic", "Could to Can", "Might heroes" are no months) ...
_DATED_AFTER = (
    rf"[ \t]* {_PUNCT}"
    rf"| [ \t]+ (?: {_DAY}\b | {_YEAR}\b )"
    rf"| [ \t]+ (?:and|or|to|through|until) [ \t]+ {_MONTH}\b"
)
_DATED = regex.compile(rf"(?x){_DATED_AFTER}", regex.MULTILINE)
# ... and after a time's noun and "of", a lowercase word too ("the month of Might for").
_PART_OF_AFTER = regex.compile(
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
    """The modals standing where the month May would in ``text``, as candidate edits at
    :data:`CONFIDENCE` (:func:`in_regions` weighs them), in text order; none on a line
    of source code (:mod:`unspin.source_code`)."""
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


def in_regions(
    found: Sequence[Decision], regions: Sequence[Region], offset: int = 0
) -> list[Decision]:
    """``found`` with their confidence times the probability that their region was spun
    (``regions`` of the text ``found`` are ``offset`` characters into): a name or a title
    may write a capitalised modal where a date would stand ("confirmed Might 2: The Iron
    Crown", "In Could, we've listed dark mode"), and only a spinner writes a month so.
    In a short text, as for any edit there, its region must be surely spun
    (:func:`unspin.choosing.spun_enough`). Outside any region (a text with no candidate
    at all), none."""
    starts = [r.start for r in regions]
    short = short_regions(len(regions))
    out = []
    for d in found:
        at = d.start + offset
        j = bisect_right(starts, at) - 1
        if j < 0 or at >= regions[j].end:
            continue
        region = regions[j]
        evidence = d.evidence._replace(
            spin_rate=region.rate, spun=region.spun, short=bool(short[j])
        )
        out.append(d._replace(confidence=CONFIDENCE * region.spun, evidence=evidence))
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
    # A day after it: at a sentence's start perhaps a question ("Could 20 fit?"), after
    # a capital perhaps a title's words ("What You Could 5"), with a word after it a
    # name's number ("reaches Might 25 early") unless a date's word comes before.
    if _DAY_PUNCT_AFTER.match(text, end):
        return _OPENING.search(before) is None and not _CAPITAL_BEFORE.search(before)
    if _DAY_WORD_AFTER.match(text, end):
        return _DAY_CUE_BEFORE.search(before) is not None
    if _SOME_BEFORE.search(before):
        return _DATED.match(text, end) is not None
    if _PART_OF_BEFORE.search(before):
        return _PART_OF_AFTER.match(text, end) is not None
    time = _TIME_BEFORE.search(before)
    if time is None:
        return False
    if time.group()[:1].isupper() and _capital_after(text, end):
        return False  # "In Could Lies Hope": a title's capitals say nothing
    return _DATED.match(text, end) is not None


def _capital_after(text: str, end: int) -> bool:
    """Whether the word after ``end`` (on the same line) starts with a capital."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).isupper()
