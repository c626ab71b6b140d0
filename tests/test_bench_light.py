"""The light-spinning benchmark's texts: a share of a pair's real substitutions, and
what counts as a false edit."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_light

import unspin

ORIGINAL = "Officials said on Monday that talks in the Middle East would resume next year."
SPUN = (
    "Officers mentioned on Monday that talks within the Center East would resume"
    " subsequent 12 months."
)


def test_no_share_is_the_original_and_all_of_it_the_spun_text():
    assert bench_light.lighten(SPUN, ORIGINAL, 0.0, seed=1) == ORIGINAL
    assert bench_light.lighten(SPUN, ORIGINAL, 1.0, seed=1) == SPUN


def test_a_share_takes_each_word_from_one_side_or_the_other():
    pieces = set(ORIGINAL.split(" ")) | set(SPUN.split(" "))
    lights = {bench_light.lighten(SPUN, ORIGINAL, 0.5, seed) for seed in range(20)}
    for light in lights:
        assert set(light.split(" ")) <= pieces
        assert "on Monday that talks" in light and "East would resume" in light
    assert len(lights - {ORIGINAL, SPUN}) >= 3  # mixes, varying with the seed


def test_false_edits_are_edits_of_words_the_original_has():
    light = bench_light.lighten(SPUN, ORIGINAL, 1.0, seed=1)
    result = unspin.Repairer().explain(light)
    assert result.edits and bench_light.false_edits(light, ORIGINAL, result.edits) == 0
    # The original itself, "repaired" at every word: every such edit is false.
    edit = result.edits[0]._replace(start=0, end=9)  # "Officials"
    assert bench_light.false_edits(ORIGINAL, ORIGINAL, [edit]) == 1


def test_told_repairs_the_same_copies_again_as_spun(monkeypatch):
    monkeypatch.setattr(bench_light, "pairs", lambda folders: [("t", SPUN, ORIGINAL)])
    result = bench_light.run([], shares=(0.3, 1.0), told=0.99)
    assert "told" not in bench_light.run([], shares=(1.0,))
    assert result["told"]["spun_prior"] == 0.99
    for share in ("0.3", "1.0"):
        plain, told = result["shares"][share], result["told"]["shares"][share]
        assert told["d_light"] == plain["d_light"] > 0  # the same copies
        # Told that the sentence is spun, its swaps need no evidence of spinning first.
        assert told["reduction"] >= plain["reduction"]
    assert result["told"]["shares"]["1.0"]["reduction"] > 0.5
    # A lightly spun sentence alone is declined whole unless the repairer is told.
    assert result["told"]["shares"]["0.3"]["reduction"] > result["shares"]["0.3"]["reduction"]
