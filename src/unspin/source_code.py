"""What is source code: lines no spinner wrote, and texts that are programs, not prose.

The spinner rewrites articles. A program's definitions and literals ("class
Hyperlink(...)", a lexer's list of names, one ``'remark',`` a line) are no prose, and
the prose inside a program (its docstrings and comments) is a programmer's, written in
a technical register that the web counts read as spun ("instances" for "times",
"methods" for "ways"): in a sample of 2,498 files of the Python libraries installed
here, three were edited and one flagged spun before this gate. So:

- a **code line** (:func:`code_line_starts`) is one that only code writes: a definition,
  an import, an assignment, a preprocessor or comment marker, a troff request (a manual
  page's source: ".SH", ".PP", ".B"), brackets alone, a quoted literal alone with its
  comma, a JSON key and its value, or a line ending as code lines end ("{", "}", "):",
  "=>", an open bracket); no match on it is prose (:func:`unspin.prose.admitted`);
- a text is **source code** (:func:`is_source_code`) when at least
  :data:`MIN_CODE_LINES` of its lines, and :data:`CODE_SHARE` of its non-blank lines,
  are code lines: nothing in it is repaired, and detection finds too little English
  prose in it to judge.

Measured on 10,822 clean and spun prose texts of the benchmarks (news, speeches,
abstracts, the written hard negatives, the real spun pages; documentation files aside):
no line of them is a code line. Of 2,812 Python files installed here, 92% are source
code by this measure (the rest short, or mostly docstring; their code lines are still
not prose), and so are 2,400 of 2,411 manual pages; Markdown and reStructuredText
manuals with many code examples are too, and are left alone.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache

import regex

#: A text with at least this many code lines, making up at least CODE_SHARE of its
#: non-blank lines, is source code. A scraped article with a few lines of a page's
#: script among thirty paragraphs stays prose (its script lines are still not).
MIN_CODE_LINES = 3
CODE_SHARE = 0.2

# What starts a line only code writes (Python, C, JavaScript and kin, shell).
_CODE_START = regex.compile(
    r"""(?mx) ^ [ \t]* (?:
        (?:async[ \t]+)? def [ \t]+ \w+ [ \t]* \(                      # def name(
      | class [ \t]+ \w+ [ \t]* [(:{]                                  # class Name( / : / {
      | import [ \t]+ [\w.]+ (?:[ \t]+as[ \t]+\w+)?
          (?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)* [ \t]* ;? [ \t\r]* $
      | from [ \t]+ [\w.]+ [ \t]+ import [ \t]+ [\w*(]                 # from x import y
      | \# (?:include|define|ifn?def|endif|pragma) \b | \#!/           # C preprocessor, shebang
      | \.\\" | \.(?:TH|SH|SS|PP|LP|IP|TP|HP|RS|RE|BR|BI|IB|IR|RB|RI|SM|SB|nf|fi|br|sp
          |in|ti|ft|ce|ad|na|ne|de|ds|nr|if|ie|el|so|UR|UE|EX|EE|Dd|Dt|Os|Nm|Nd|Sh|Ss|Pp
          |Bl|El|It|Fl|Ar|Op|Xr|Bd|Ed|IX|Sp|[BIR]) (?:[ \t]|\r?$)     # troff requests, man(7)
      | @ [\w.]+ (?:\(.*\))? [ \t\r]* $                                  # a decorator alone
      | // | /\* | \*/                                                 # C-style comments
      | [)\]}]+ [;,]? [ \t\r]* $                                         # closing brackets alone
      | (['"]) [^\s'"]* \1 [ \t]* , [ \t\r]* $                        # 'literal', alone
      | " [^\s"]* " [ \t]* : [ \t]* (?:[\[{"\d-]|true|false|null)       # "key": value
      | [A-Za-z_][\w.]* (?:\[[^\]\n]*\])? [ \t]* (?:[-+*/|&%]?=|:=) (?!=) [ \t]* \S  # x = 1
      | (?:return|var|let|const|function|public|private|protected|static|void|fn|func
          |package|using|namespace|echo|elif|else|while|for|if|switch|case)
          \b [^\n]* [;{}(=] [ \t\r]* $                                # a keyword's statement
      | (?:else|try|finally) [ \t]* : [ \t\r]* $                      # else: alone
    )"""
)
# How a line only code writes ends: a brace, "):" or ");", "=>" or an open bracket. Not
# ";" alone (prose lists end so), nor a quotation or a bracket and a comma (wrapped
# prose: 'an optional "signed push",').
_CODE_END = regex.compile(r"(?m)(?:[{}]|\)[ \t]*[:;]|=>|[(\[])[ \t]*\r?$")
_NON_BLANK = regex.compile(r"(?m)^[ \t\r\f\v]*\S")


@lru_cache(maxsize=2)  # repair asks for its text's (and segment's), then its analysis
def code_line_starts(text: str) -> tuple[int, ...]:
    """The starts of the code lines of ``text``, sorted."""
    starts = {_line_start(text, m.start()) for m in _CODE_START.finditer(text)}
    starts.update(_line_start(text, m.start()) for m in _CODE_END.finditer(text))
    return tuple(sorted(starts))


def is_source_code(text: str, starts: Sequence[int] | None = None) -> bool:
    """Whether ``text`` is source code (see the module docstring); ``starts`` are its
    :func:`code_line_starts`, if known."""
    if starts is None:
        starts = code_line_starts(text)
    if len(starts) < MIN_CODE_LINES:
        return False
    lines = sum(1 for _ in _NON_BLANK.finditer(text))
    return len(starts) >= CODE_SHARE * lines


def on_code_line(text: str, starts: Sequence[int], position: int) -> bool:
    """Whether ``position`` of ``text`` is on one of the lines starting at ``starts``."""
    k = bisect.bisect_right(starts, position) - 1
    return k >= 0 and text.find("\n", starts[k], position) < 0


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1
