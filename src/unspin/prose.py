"""What is prose: the matches a spinner could have made, where they stand.

No spinner rewrites words inside URLs, e-mail addresses, paths, identifiers, code spans,
tags, entities or hashtags ("branch/main", "main_branch", "ref=main", "`main`",
"<b>main", "&amp;", "AT&T", "#MiddleEast"), nor a line of source code
(:mod:`unspin.source_code`: "class Hyperlink(...):", "'remark',"), nor a
phrase across a table's cells; a figure that style guides keep in digits ("$4",
"3 percent", "2.5", "10:30") was not a number word; and the spinner keeps the case of
the word it replaces, so a proper name's rule needs a capital.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import regex

from .matching import Match
from .source_code import code_line_starts, is_source_code, on_code_line

_MARKUP_RUN = regex.compile(r"://|www\.|@|[_=<>|]")
_MARKUP_TOUCH = "/\\_=`#<>&"
_RUN_LIMIT = 200
_LONGEST_MATCH = 200  # characters: longer than any phrasebook key
# Where in_markup can be true: a match near one of these (a tab: a phrase across cells).
# Found with str.find, which scans far faster than a regular expression.
_MARKERS = ("/", "\\", "_", "=", "`", "#", "@", "www.", "\t", "<", ">", "&")
# Code written inside prose: a call ("display()", not "officer(s)") or an attribute
# ("obtain.cash", "os.remainder"; not "said.The", a missing space). Found by pattern.
_CODE_TOKEN = regex.compile(r"\w\((?!s\))|[a-z0-9]\.[a-z]")
_RUN_BEFORE = regex.compile(r"(?r)\S+")
_RUN_AFTER = regex.compile(r"\S+")
# What follows a figure that style guides keep in digits (times, amounts, percentages;
# "p.c" is the family's "percent": "up 8 p.c" was "up 8%", never "up eight percent").
_FIGURE_AFTER = regex.compile(
    r"(?i)[.,:/]\d|\s*(?:%|[ap]\.?m\b|p\.c\b|percent\b|per\s*cent\b|percentage\b"
    r"|(?:hundred|thousand|million|billion|trillion|cents?|pence)\b)"
)
_FIGURE_BEFORE = regex.compile(r"\d[.,:/]$")
# A number beside another, with only spaces, commas or dashes between: a run of figures
# ("1 2 3 4 5", a calendar's "Wed 2 3 4 5", a table's columns, "2-3 weeks"), no count
# a spinner turned into digits.
_FIGURE_NEXT = regex.compile(r"[ \t,;\u2013\u2014-]+\d")
_FIGURE_PREVIOUS = regex.compile(r"\d[ \t,;\u2013\u2014-]+$")
# A numbered list's marker: a number opening its line, then "." or ")" ("2. The USA ...").
_MARKER_AFTER = regex.compile(r"[.)][ \t]")


def in_markup(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a URL, address, path or identifier, or of
    code written in prose (a call, an attribute: "display()", "obtain.cash")."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    if (before and before in _MARKUP_TOUCH) or (after and after in _MARKUP_TOUCH):
        return True
    if (not before or before.isspace()) and (not after or after.isspace()):
        return False  # a word standing alone between spaces (most of them)
    if after == "(" and text[end : end + 3] != "(s)":
        return True
    if after == "." and text[end + 1 : end + 2].islower():
        return True  # "obtain.cash"
    if before == "." and start >= 2 and text[start - 2].isalnum() and text[start].islower():
        return True  # "os.remainder"
    m = _RUN_BEFORE.match(text, max(0, start - _RUN_LIMIT), start)
    left = m.start() if m else start
    m = _RUN_AFTER.match(text, end, min(len(text), end + _RUN_LIMIT))
    right = m.end() if m else end
    return _MARKUP_RUN.search(text, left, right) is not None


def _marker_positions(text: str) -> Iterator[int]:
    for marker in _MARKERS:
        p = text.find(marker)
        while p >= 0:
            yield p
            p = text.find(marker, p + 1)
    for m in _CODE_TOKEN.finditer(text):
        yield m.start()


def not_prose(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the ``spans`` (sorted by start) in markup (:func:`in_markup`) or across
    a tab. Only the spans near a marker character are looked at: prose has few."""
    out: set[int] = set()
    starts: list[int] | None = None
    seen: set[int] = set()
    for p in _marker_positions(text):
        if starts is None:
            starts = [span[0] for span in spans]
        lo = bisect.bisect_left(starts, p - _RUN_LIMIT - _LONGEST_MATCH)
        for k in range(lo, bisect.bisect_right(starts, p + _RUN_LIMIT)):
            if k not in seen:
                seen.add(k)
                start, end = spans[k][0], spans[k][1]
                if in_markup(text, start, end) or "\t" in text[start:end]:
                    out.add(k)
    return out


def is_figure(text: str, start: int, end: int) -> bool:
    """Whether the digits at ``text[start:end]`` are a figure kept in digits: an
    amount, a time, a percentage, a decimal, a number before a unit, one of a run of
    numbers, or a numbered list's marker."""
    before = text[max(0, start - 2) : start]
    if before[-1:] and before[-1:] in "$£€¥#":
        return True
    if (
        _MARKER_AFTER.match(text, end, end + 2)
        and not text[text.rfind("\n", 0, start) + 1 : start].strip()
    ):
        return True
    return bool(
        _FIGURE_AFTER.match(text, end, end + 20)
        or _FIGURE_BEFORE.search(before)
        or _FIGURE_NEXT.match(text, end, end + 20)
        or _FIGURE_PREVIOUS.search(text, max(0, start - 20), start)
    )


def admitted(
    text: str,
    matches: Sequence[Match],
    proper: Sequence[bool],
    numeric: Sequence[bool],
) -> list[Match]:
    """The matches that are prose, each with the rules that may apply where it stands:
    a proper name's rule (``proper[rule]``) needs a capital on the observed word, and a
    rule whose spun side has digits (``numeric[rule]``) must not meet a figure. None in
    a text that is source code."""
    code = code_line_starts(text)
    if is_source_code(text, code):
        return []
    out = []
    skip = not_prose(text, matches)
    for k, (start, end, rules) in enumerate(matches):
        if skip and k in skip:
            continue
        if code and on_code_line(text, code, start):
            continue
        if any(proper[r] or numeric[r] for r in rules):
            capital = text[start : start + 1].isupper()
            figure = text[start:end].isdigit() and is_figure(text, start, end)
            rules = tuple(
                r for r in rules if (capital or not proper[r]) and not (numeric[r] and figure)
            )
            if not rules:
                continue
        out.append((start, end, rules))
    return out
