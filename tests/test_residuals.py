"""The residuals diagnostic's summary (benchmarks/residuals.py): each word the spinner
replaced one for one, counted by what repair made of it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import residuals


def test_each_replaced_word_is_counted_by_what_repair_made_of_it():
    orig = "Officials said the talks in the Middle East would resume next week."
    spun = "Officers mentioned the talks in the Center East would resume subsequent week."
    fixed = {
        # officers -> officials (fixed), mentioned left (missed, in the book),
        # Center -> Central (wrong), subsequent left (missed, not in the book),
        # "talks" -> "discussions" (false: a word the spinner left).
        spun: "Officials mentioned the discussions in the Central East would resume "
        "subsequent week."
    }
    book = {("officers", "officials"), ("mentioned", "said"), ("center", "middle")}
    kinds, pairs_of = residuals.summary([("x", spun, orig)], book, fixed.__getitem__)
    assert kinds == {
        "fixed": 1,
        "missed, in the book": 1,
        "missed, not in the book": 1,
        "wrong": 1,
        "false": 1,
    }
    assert pairs_of["missed, in the book"] == {("mentioned", "said"): 1}
    assert pairs_of["missed, not in the book"] == {("subsequent", "next"): 1}
    assert pairs_of["wrong"] == {("Center", "Central", "Middle"): 1}
    assert pairs_of["false"] == {("talks", "discussions"): 1}
    assert residuals._shown(("been", None)) == "been -> …"
