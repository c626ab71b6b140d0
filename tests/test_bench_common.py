"""The benchmarks' token distance: Hyyrö's bit-parallel Levenshtein distance must be the
cell-by-cell dynamic programme's, exactly (every error-reduction figure rests on it)."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from common import sequence_distance, token_distance


def _cells(x: list[str], y: list[str]) -> int:
    prev = list(range(len(y) + 1))
    for i, xt in enumerate(x, 1):
        cur = [i] + [0] * len(y)
        for j, yt in enumerate(y, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (xt != yt))
        prev = cur
    return prev[-1]


# Few distinct tokens, so that sequences share runs and the bit vectors carry (and
# lengths past 64, a machine word).
TOKENS = st.lists(st.sampled_from(["a", "b", "c", "the", "said", "."]), max_size=150)


@given(TOKENS, TOKENS)
def test_bit_parallel_distance_is_the_dynamic_programmes(x, y):
    assert sequence_distance(x, y) == _cells(x, y)
    assert sequence_distance(y, x) == _cells(x, y)


def test_token_distance_counts_word_and_punctuation_tokens():
    assert (
        token_distance("Tensions rose within the Center East.", "Tensions rose in the Middle East.")
        == 2
    )
    assert token_distance("", "one two, three") == 4
    assert token_distance("same text", "same text") == 0
