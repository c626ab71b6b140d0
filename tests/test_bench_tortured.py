"""The tortured-phrase benchmark's measure on real passages (``--passages``): sites,
the restored text it compares with, and what counts as restored."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_tortured

TEXT = (
    "In this paper, we apply counterfeit consciousness and a profound learning model "
    "to the images. The counterfeit consciousness model is fast."
)


def _passage(**change) -> dict:
    sites = [
        {
            "tortured": "counterfeit consciousness",
            "expected": "artificial intelligence",
            "listed": True,
            "offsets": [24, 99],
        },
        {"tortured": "profound learning", "expected": "deep learning", "listed": True,
         "offsets": [56]},
        # Inside the longer site at 56: the longest wins where two overlap.
        {"tortured": "profound", "expected": "deep", "listed": False, "offsets": [56]},
    ]  # fmt: skip
    return {"id": "t", "text": TEXT, "sites": sites, **change}


def test_sites_take_the_longest_where_two_overlap_and_come_in_text_order():
    spans = bench_tortured._sites(_passage())
    assert [(a, b, s["tortured"]) for a, b, s in spans] == [
        (24, 49, "counterfeit consciousness"),
        (56, 73, "profound learning"),
        (99, 124, "counterfeit consciousness"),
    ]
    restored = bench_tortured.restored_text(TEXT, spans)
    assert restored == TEXT.replace("counterfeit consciousness", "artificial intelligence").replace(
        "profound learning", "deep learning"
    )


def test_a_site_whose_offset_is_wrong_is_refused():
    passage = _passage()
    passage["sites"][0]["offsets"] = [25]
    with pytest.raises(ValueError, match="counterfeit consciousness"):
        bench_tortured._sites(passage)


def test_run_passages_counts_restored_sites_and_clean_texts(tmp_path):
    passages = tmp_path / "p.jsonl"
    passages.write_text(json.dumps(_passage()) + "\n", encoding="utf-8")
    clean = tmp_path / "c.jsonl"
    clean.write_text(
        json.dumps({"id": "c", "text": "We apply deep learning to the images."}) + "\n",
        encoding="utf-8",
    )
    result = bench_tortured.run_passages(passages, clean)
    assert result["sites"] == 3 and result["listed_sites"] == 3
    assert 0 <= result["restored"] <= 3 and result["listed_restored"] == result["restored"]
    # "counterfeit consciousness" is a fingerprint of the shipped book: both repaired.
    assert result["restored"] >= 2
    assert result["reduction"] > 0.5
    assert result["clean"] == 1 and result["clean_changed"] == 0
