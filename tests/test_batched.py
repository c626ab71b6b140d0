"""The batched passes' folds (unspin.batched) give the floats of a loop, item by item.

:mod:`unspin.batched` promises the very floats :mod:`unspin.inference` gives lattice by
lattice; these are the three folds that keep the promise, checked against the loop they
stand for over any keys and values.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from unspin.batched import _accumulate, _combine, _ranks

ROWS = 6
WIDTH = 3

targets = st.lists(st.integers(0, ROWS - 1), max_size=40)
values = st.floats(-50.0, 50.0, allow_nan=False)


@given(targets)
def test_ranks_count_the_same_keys_before(keys):
    ranks = _ranks(np.asarray(keys, dtype=np.int64))
    assert ranks.tolist() == [keys[:i].count(k) for i, k in enumerate(keys)]


@given(targets, st.data())
def test_combine_folds_each_row_in_order(rows, data):
    held = np.asarray(data.draw(st.lists(st.booleans(), min_size=ROWS, max_size=ROWS)))
    start = np.asarray(data.draw(st.lists(values, min_size=ROWS * WIDTH, max_size=ROWS * WIDTH)))
    added = data.draw(st.lists(values, min_size=len(rows) * WIDTH, max_size=len(rows) * WIDTH))
    into, add = start.reshape(ROWS, WIDTH), np.asarray(added).reshape(len(rows), WIDTH)
    expected, seen = into.copy(), held.copy()
    for row, value in zip(rows, add, strict=True):
        expected[row] = np.logaddexp(expected[row], value) if seen[row] else value
        seen[row] = True
    batched = held.copy()
    _combine(into, batched, np.asarray(rows, dtype=np.int64), add)
    assert into.tobytes() == expected.tobytes()  # the same floats, not close ones
    assert batched.tolist() == seen.tolist()


@given(targets, st.data())
def test_accumulate_adds_in_order(rows, data):
    added = data.draw(st.lists(values, min_size=len(rows) * WIDTH, max_size=len(rows) * WIDTH))
    add = np.asarray(added).reshape(len(rows), WIDTH)
    into, expected = np.zeros((ROWS, WIDTH)), np.zeros((ROWS, WIDTH))
    for row, value in zip(rows, add, strict=True):
        expected[row] += value
    _accumulate(into, np.asarray(rows, dtype=np.int64), add)
    assert into.tobytes() == expected.tobytes()
