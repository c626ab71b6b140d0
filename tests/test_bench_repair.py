"""The repair benchmark's varied documents: distinct texts, each met once, so that its
throughput is what a corpus of distinct documents meets, not repair's reuse of work on a
passage it met before."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_repair
from common import negative_cases


def test_the_varied_documents_are_distinct_and_the_two_runs_share_none():
    originals = [case["original"] for case in negative_cases()]
    clean = bench_repair.varied_documents(spun=False)
    spun = bench_repair.varied_documents(spun=True)
    assert clean == originals[0::2]
    assert len(spun) == len(originals[1::2])
    # No document is met twice: the repeated-text figures measure that case apart.
    assert len(set(clean)) == len(clean)
    assert not set(clean) & set(spun)


def test_the_spun_documents_are_spun_copies_of_the_others():
    spun = bench_repair.varied_documents(spun=True)
    originals = [case["original"] for case in negative_cases()][1::2]
    changed = sum(a != b for a, b in zip(spun, originals, strict=True))
    assert changed > 0.8 * len(spun)
    assert bench_repair.varied_documents(spun=True) == spun  # a fixed seed per document
