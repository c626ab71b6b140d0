"""Prose written before the web is no spinner's: its lattices' evidence is tempered
(unspin.register)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import unspin
from unspin import register
from unspin.rates import WINDOW, regions

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from simulate import Spinner

BOOKS = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "literature"
PASSAGES = {
    row["id"]: row["text"]
    for row in map(json.loads, (BOOKS / "books.jsonl").read_text(encoding="utf-8").splitlines())
}
MODERN = (
    "The council voted on Tuesday to extend the bus route, and officials said the new "
    "timetable would start in March."
)
OLD = (
    "I shall depart for ever to-morrow, whence I came; every thing hath its season, and "
    "upon my return I shall write to thee."
)


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        (MODERN, 0.0),
        ("He will depart for ever.", 1.0),
        ("Every\nthing upon the table, to-day and to-morrow.", 3.5),
        ("Whom shall we ask? Thee, whilst amongst them.", 3.0),
        ("The upon-demand service, thyroid tests and the shallow Thames.", 0.0),
        (OLD, 7.5),
    ],
)
def test_marker_weight(text, weight):
    assert register.marker_weight(text) == weight


@given(
    st.lists(
        st.sampled_from([*register.MARKERS, "Upon", "FOR", "ever", "x", "-", "_", "7", ".", "é"])
        | st.sampled_from([" ", "\n", "\t", ", "]),
        max_size=30,
    ).map("".join)
)
def test_the_fast_path_finds_what_the_pattern_finds(text):
    expected = [(m.start(), register.MARKERS[" ".join(m.group().lower().split())])
                for m in register._MARKER.finditer(text)]  # fmt: skip
    if "  " not in text and " \n" not in text and "\n " not in text:  # one space between
        assert register.markers(text) == expected


def test_a_letter_whose_lowercase_is_longer_takes_the_pattern():
    text = "İstanbul, whence the ships sail for ever."
    assert len(text.lower()) != len(text)
    assert register.markers(text) == [(10, 1.0), (32, 1.0)]


def test_modern_prose_keeps_its_evidence_whole():
    text = "\n\n".join([MODERN] * 30)
    assert register.factors(text, regions(text)).tolist() == [1.0] * 30


def test_older_prose_is_tempered_and_only_near_its_words():
    modern, old = [MODERN] * (3 * WINDOW), [OLD] * 3
    text = "\n\n".join(modern + old)
    found = register.factors(text, regions(text))
    assert len(found) == len(modern) + len(old)
    assert (found[-WINDOW:] == register.TEMPER).all()
    # Beyond the window, the old paragraphs are not in a region's neighbourhood.
    assert (found[: len(modern) - WINDOW] == 1.0).all()


@given(st.lists(st.sampled_from([MODERN, OLD, "Upon it.", "Thee."]), min_size=1, max_size=60))
def test_a_region_is_judged_on_its_neighbourhood_alone(paragraphs):
    """A chunk of a text with WINDOW regions of context on each side gives its middle
    region the same factor as the whole text does (the CLI's chunks give the same
    edits)."""
    text = "\n\n".join(paragraphs)
    whole = register.factors(text, regions(text))
    assert set(whole.tolist()) <= {1.0, register.TEMPER}
    middle = len(paragraphs) // 2
    lo, hi = max(0, middle - WINDOW), min(len(paragraphs), middle + WINDOW + 1)
    chunk = "\n\n".join(paragraphs[lo:hi])
    assert register.factors(chunk, regions(chunk))[middle - lo] == whole[middle]


# Passage 700 was a second example until the book lost the halves of the family's phrase
# swaps (build_phrasebook.phrase_halves, 2026-12-07: "addition", "date" and "fact" stand
# there in their own sense): read as modern prose it is no longer edited either, and no
# other passage of the 35 needs the register.
@pytest.mark.parametrize("name", ["the-federalist-papers-320"])
def test_the_federalist_papers_are_left_alone_because_of_their_register(name, monkeypatch):
    text = PASSAGES[name]
    repairer = unspin.Repairer()
    assert repairer.repair(text) == text
    assert not repairer.detect(text).spun
    # Read as modern prose, the passage is edited ("ought to" -> "should"): the register
    # is what keeps it.
    monkeypatch.setattr(register, "TEMPER", 1.0)
    assert repairer.repair(text) != text


def test_a_sense_error_in_the_older_register_is_still_put_back():
    text = (
        "Upon my return to-morrow I shall write to thee from the Center East, whence the "
        "ships sail for ever."
    )
    assert register.factors(text, regions(text)).tolist() == [register.TEMPER]
    assert unspin.repair(text) == text.replace("Center East", "Middle East")


def test_factors_are_an_array_per_region():
    found = register.factors("", [])
    assert isinstance(found, np.ndarray) and len(found) == 0


def test_repairing_a_spun_old_passage_twice_changes_nothing_more():
    """A repair may edit the older register's words ("every thing" -> "everything"),
    and so change a region's factor: its own output, repaired again, stays as it is."""
    text = PASSAGES["the-federalist-papers-700"]
    spun = Spinner(seed=7).spin(text, 0.25).text
    once = unspin.repair(spun)
    assert once != spun
    assert unspin.repair(once) == once
