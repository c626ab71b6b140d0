"""The reliability benchmark's labels: a candidate is right if, made alone, it brings the
words the spinner changed nearer to the original."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import calibration

import unspin

ORIGINAL = "Chinese officials said on Monday that talks in the Middle East would resume."
SPUN = (
    "Chinese language officers mentioned on Monday that talks within the Center East would resume."
)


def _labels(text: str, original: str) -> dict[str, bool]:
    repairer = unspin.Repairer()
    result = repairer.explain(text)
    rows = calibration.labelled(repairer, text, original)
    candidates = [*result.edits, *result.declined]
    return {
        f"{d.before}->{d.after}": right for d, (_, right, _) in zip(candidates, rows, strict=True)
    }


def test_each_edit_of_a_run_the_spinner_made_counts_alone():
    labels = _labels(SPUN, ORIGINAL)
    # "Chinese language officers" is one changed run; each of its two edits is right.
    assert labels["Chinese language->Chinese"] and labels["officers->officials"]
    assert labels["mentioned->said"] and labels["Center East->Middle East"]


def test_an_edit_of_the_writers_words_or_to_another_original_is_wrong():
    writer = "Chinese officers mentioned on Monday that talks in the Middle East would resume."
    labels = _labels(SPUN, writer)
    assert not labels["officers->officials"] and not labels["mentioned->said"]
    assert labels["Center East->Middle East"]
    other = ORIGINAL.replace("said", "stated")
    assert not _labels(SPUN, other)["mentioned->said"]


def test_the_table_bins_confidences_and_counts_the_edits():
    rows = [(0.05, False, False), (0.92, True, True), (0.96, False, True), (0.7, True, True)]
    table = calibration.table(rows)
    assert table["candidates"] == 4 and table["edits"] == 3
    assert table["edits_right"] == round(2 / 3, 3)
    top = next(b for b in table["bins"] if b["bin"][0] == 0.9)
    assert top["n"] == 2 and top["right"] == 0.5 and top["confidence"] == 0.94
    # |0 - 0.05| + |0.5 - 0.94| * 2 + |1 - 0.7|, over 4
    assert table["calibration_error"] == round((0.05 + 0.88 + 0.3) / 4, 4)


def test_the_distance_it_compares_is_token_levenshtein():
    distance = calibration.sequence_distance  # benchmarks/common.py's
    assert distance(["a", "b", "c"], ["a", "c"]) == 1
    assert distance(["a", "x", "c"], ["a", "b", "c"]) == 1
    assert distance([], ["a", "b"]) == 2
