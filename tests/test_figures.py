"""Digits the spinner spelled out inside figures (unspin.figures): found by pattern and
put back with certainty, never outside a figure or inside an address."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin import Repairer, repair
from unspin.figures import CONFIDENCE, DIGITS, spelled_digits


@pytest.mark.parametrize(
    ("spun", "fixed"),
    [
        ("Inflation rose to six.7% in May.", "Inflation rose to 6.7% in May."),
        ("a deal worth $four.2 billion", "a deal worth $4.2 billion"),
        ("a deal worth $four billion", "a deal worth $4 billion"),
        ("about three% of its staff", "about 3% of its staff"),
        ("Shares fell 2.five% to 43.Eight.", "Shares fell 2.5% to 43.8."),
        ("Ten% of them", "10% of them"),
        ("up six.seven%", "up 6.7%"),
    ],
)
def test_a_digit_spelled_inside_a_figure_is_put_back(spun, fixed):
    assert repair(spun) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "He scored ten, and won one.",
        "One. Two. Three.",
        "Chapter one. The first ten pages.",
        "see http://example.com/six.7 and file_one.2 and v=one.2",
        "a $one-off charge",
        "two-thirds of 10% is six.",
        "x" + "$one" * 30,  # a long run without spaces is no figure of prose
        # A shell's variables, in capitals (a digit has no case), and on a line of code
        # (systemd.service(5): 'ExecStart=echo $ONE $TWO ${TWO}').
        "Then run echo $ONE $TWO before the others.",
        "ExecStart=echo $one $two",
    ],
)
def test_number_words_outside_figures_stay(clean):
    assert spelled_digits(clean) == []
    assert repair(clean) == clean


def test_each_edit_names_the_rule_and_is_sure():
    result = Repairer().explain("Sales rose ten% to $four.2 billion.")
    edits = [e for e in result.edits if e.entry.source == "figure"]
    assert [(e.before, e.after) for e in edits] == [("ten", "10"), ("four", "4")]
    assert all(e.confidence == CONFIDENCE and e.entry.path == "unspin/figures.py" for e in edits)


@given(st.sampled_from(sorted(DIGITS)), st.integers(0, 999), st.sampled_from(["%", "", " percent"]))
def test_a_repaired_figure_is_repaired_no_further(word, number, tail):
    spun = f"It grew {number}.{word}{tail} last year."
    once = repair(spun)
    assert f"{number}.{DIGITS[word]}{tail}" in once
    assert repair(once) == once
