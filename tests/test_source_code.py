"""Source code is no spinner's prose: code lines and programs are left alone
(unspin.source_code)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import unspin
from unspin.detecting import NOT_PROSE
from unspin.prose import in_markup
from unspin.source_code import code_line_starts, is_source_code, on_code_line

# Written after wcwidth's hyperlink.py and attrs' docstrings: before the gate, repair made
# six edits here ("class Hyperlink(" -> "class Link(", "are additionally" -> "are also",
# "instances" -> "times") and detection scored it 1.0.
MODULE = '''import typing


class Hyperlink(typing.NamedTuple):
    """
    A complete OSC 8 hyperlink with target and inner text.

    All attributes that are either passed into ``__init__`` or have a
    default value are additionally available as a tuple in the ``args``
    attribute, and instances compare and hash by their ids.
    """

    params: str
    text: str

    def make_open(self) -> str:
        """Generate the open escape sequence of the hyperlink."""
        return f"\\x1b]8;{self.params};{self.text}"
'''
# Written after a lexer's list of builtin names (pygments): "remainder" -> "rest" and
# "remark" -> "comment" were edited before the gate.
NAMES = """BUILTINS = (
    'readline',
    'rectangle',
    'reflect',
    'relative',
    'remainder',
    'remark',
    'rename',
    'replace',
    'report',
    'restore',
    'reverse',
)
"""
SPUN = "Tensions within the Center East worsened final week, Chinese language officers mentioned."


@pytest.mark.parametrize(
    "line",
    [
        "class Hyperlink(typing.NamedTuple):",
        "def make_open(self) -> str:",
        "    async def fetch(url):",
        "import os",
        "import numpy as np, pandas as pd",
        "from collections import defaultdict",
        "#include <stdio.h>",
        "@property",
        "// the officers said",
        "    });",
        "officers = load_officers(path)",
        "total += 1",
        "    'remark',",
        '  "summary": "The officers said",',
        "if (officers.length > 0) {",
        "return value;",
        "else:",
        "    callback(error, result) =>",
        ".SH DESCRIPTION",
        ".PP",
        '.\\" a comment',
    ],
)
def test_code_lines(line):
    assert code_line_starts(line) == (0,)


@pytest.mark.parametrize(
    "line",
    [
        "import duties rose sharply last year",
        "for example:",
        '"We will win", he said.',
        '"Yes", she said.',
        "(1) Reduce the planned deficits and then balance the budget;",
        'and the user can request to perform an optional "signed push",',
        "The officers said the talks would resume (see the report), and left.",
        "If you are a student: read this first.",
        "return to the office on Monday",
        "@jane thanks for the photos!",
        ".NET developers met in Seattle.",
        "...and then the officers left.",
    ],
)
def test_prose_lines_are_no_code_lines(line):
    assert code_line_starts(line) == ()


def test_no_line_of_the_prose_test_cases_is_a_code_line():
    """Every clean and spun prose text of the test cases and the written hard negatives:
    no line of them reads as code (a code line's candidates are never weighed)."""
    root = Path(__file__).parent
    cases = []
    for path in sorted((root / "test-cases").glob("*.json")):
        cases += json.loads(path.read_text(encoding="utf-8"))
    texts = [c["original"] for c in cases if not c["label"].startswith("source code")]
    for name in ("hard-negatives.jsonl", "long-hard-negatives.jsonl"):
        written = root.parent / "benchmarks" / "data" / "written" / name
        lines = written.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines]
    assert len(texts) > 1500
    assert [t for t in texts if code_line_starts(t)] == []


# Written after ipcs(1) and dpkg(1): a manual page's troff source, whose technical prose
# was edited before ("A portable application" -> "A mobile application", "checks" ->
# "tests").
MANUAL = r""".TH DEMO 1 "2026-12-05"
.SH NAME
demo \- report on the officers of a queue
.SH DESCRIPTION
.PP
These checks are currently not supported, and will always be reported
as unknown by the utility.
.TP
.B \-a
Show all instances, within the limits stated above.
.PP
The digest check failed, which means the file contents have changed.
"""


def test_a_program_is_source_code_and_prose_is_not():
    assert is_source_code(MODULE)
    assert is_source_code(NAMES)
    assert is_source_code(MANUAL)
    assert not is_source_code(SPUN)
    # Two code lines are not enough, nor a few lines of script among many of prose.
    assert not is_source_code("x = 1\ny = 2\n")
    page = "\n\n".join([SPUN] * 14 + ["var a = 1;", "var b = 2;", "var c = 3;"])
    assert len(code_line_starts(page)) == 3
    assert not is_source_code(page)


@pytest.mark.parametrize("text", [MODULE, NAMES, MANUAL, MODULE.replace("\n", "\r\n")])
def test_programs_come_back_unchanged_and_unflagged(text):
    result = unspin.repair_and_explain(text)
    assert result.text == text
    assert result.edits == []
    detection = unspin.detect(text)
    assert detection.score < 0.05
    assert not detection.spun
    assert detection.reason == NOT_PROSE


def test_a_code_line_inside_spun_prose_is_left_and_the_prose_repaired():
    line = "officers = mentioned(final_week, center_east)"
    text = f"{SPUN}\n{line}\n{SPUN}\n"
    fixed = unspin.repair(text)
    assert fixed.split("\n")[1] == line
    assert fixed.split("\n")[0] == unspin.repair(SPUN)
    assert fixed.split("\n")[0] != SPUN
    # On a line of its own, a definition is code too.
    assert unspin.repair("class Hyperlink(typing.NamedTuple):") == (
        "class Hyperlink(typing.NamedTuple):"
    )


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Call display() to render it.", "display", True),
        ("Use os.remainder to fetch it.", "remainder", True),
        ("The obtain.cash field is empty.", "obtain", True),
        ("The officer(s) mentioned it.", "officer", False),
        ("They mentioned.The officers left.", "mentioned", False),  # a missing space
        ("They mentioned. The officers left.", "mentioned", False),
    ],
)
def test_code_written_in_prose(text, word, code):
    start = text.index(word)
    assert in_markup(text, start, start + len(word)) is code


_CODE_ALPHABET = st.sampled_from("ab (){}[]=:;,.'\"#/\\*@\n\r\t xdefclassimport")


@given(st.text(alphabet=_CODE_ALPHABET, max_size=300))
def test_code_lines_start_lines_and_never_fail(text):
    starts = code_line_starts(text)
    assert list(starts) == sorted(set(starts))
    assert all(s == 0 or text[s - 1] == "\n" for s in starts)
    assert all(on_code_line(text, starts, s) for s in starts)
    assert is_source_code(text, starts) == is_source_code(text)
