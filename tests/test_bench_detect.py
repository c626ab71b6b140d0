"""The detection benchmark's own arithmetic: ROC AUC, the phrasebook bound and the
reliability table weighted to the detector's prior."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_detect

from unspin.rates import PRIOR_SPUN


def test_roc_auc_counts_ties_as_half():
    assert bench_detect.roc_auc([(0.9, 1), (0.1, 0)]) == 1.0
    assert bench_detect.roc_auc([(0.1, 1), (0.9, 0)]) == 0.0
    assert bench_detect.roc_auc([(0.5, 1), (0.5, 0)]) == 0.5
    assert bench_detect.roc_auc([(0.9, 1), (0.2, 1), (0.5, 0)]) == 0.5


def test_phrasebook_bound_ranks_readable_spun_paragraphs_first():
    rows = [
        ("pair", 1, "a", 1),  # readable, scored low
        ("simulated", 1, "b", 0),  # unreadable, below one clean paragraph
        ("clean", 0, "c", 0),
        ("clean", 0, "d", 0),
    ]
    scores = [(0.1, 1), (0.3, 1), (0.4, 0), (0.2, 0)]
    bound = bench_detect.phrasebook_bound(rows, scores)
    assert bound["unreadable_spun"] == 1
    # readable: above both clean (2 wins); unreadable 0.3: above 0.2, below 0.4 (1 win)
    assert bound["bound"] == pytest.approx(3 / 4)
    # the detector on what it can read: 0.1 against 0.4 and 0.2
    assert bound["in_book"]["spun"] == 1 and bound["in_book"]["roc_auc"] == 0.0
    assert bench_detect.roc_auc(scores) == pytest.approx(1 / 4)


def test_reliability_at_the_prior_weighs_spun_paragraphs_down():
    # 3 spun, 1 clean: each spun paragraph weighs PRIOR/(1-PRIOR) * 1/3
    scores = [(0.1, 1), (0.1, 0), (0.9, 1), (0.9, 1)]
    low, high = bench_detect.reliability(scores)
    w = PRIOR_SPUN / (1 - PRIOR_SPUN) / 3
    assert low["n"] == 2 and low["spun_share"] == 0.5
    assert low["spun_share_at_prior"] == pytest.approx(w / (w + 1), abs=1e-3)
    assert high["spun_share"] == high["spun_share_at_prior"] == 1.0
    weighted = bench_detect.brier(scores, bench_detect._prior_weight(scores))
    # total weight of spun = PRIOR/(1-PRIOR) * clean weight: spun share = PRIOR
    expected = (w * 0.81 + 0.01 + 2 * w * 0.01) / (3 * w + 1)
    assert weighted == pytest.approx(expected, abs=1e-4)
    assert bench_detect.brier(scores) == pytest.approx((0.81 + 0.01 + 0.01 + 0.01) / 4)
