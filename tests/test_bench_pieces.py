"""The short-text benchmark's pieces: a pair's paragraphs and sentences, paired in order."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_pieces

ORIGINAL = (
    "Officials said on Monday that talks would resume. They gave no date for them.\n\n"
    "Oil prices rose.\n\n"
    "The minister said the country would host the talks. “We are ready,” she said."
)
SPUN = (
    "Officers mentioned on Monday that talks would resume. They gave no date for them.\n\n"
    "Oil costs rose.\n\n"
    "The minister stated the nation would host the talks, and that “we are ready,” she said."
)


def test_paragraphs_pair_in_order_and_short_ones_are_left_out():
    assert bench_pieces.pieces(SPUN, ORIGINAL, "paragraphs") == [
        (SPUN.split("\n\n")[0], ORIGINAL.split("\n\n")[0]),
        (SPUN.split("\n\n")[2], ORIGINAL.split("\n\n")[2]),
    ]


def test_sentences_pair_only_where_both_sides_split_alike():
    # The third paragraph is two sentences in the original, one in the spun text.
    assert bench_pieces.pieces(SPUN, ORIGINAL, "sentences") == [
        ("Officers mentioned on Monday that talks would resume.",
         "Officials said on Monday that talks would resume."),
        ("They gave no date for them.", "They gave no date for them."),
    ]  # fmt: skip


def test_pages_of_different_paragraph_counts_give_no_pieces():
    assert bench_pieces.pieces(SPUN, ORIGINAL + "\n\nA last paragraph here.", "paragraphs") == []
