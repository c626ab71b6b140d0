"""Paragraphs of State of the Union addresses, each alone, come back byte-identical.

Formal clean prose, public domain (``benchmarks/data/speeches/SOURCE.md``): a paragraph
alone is a short text, where a writer's register reads most like the spinner's
("somewhat greater acreage", "historic", "maintain"). A fixed sample of every tenth
paragraph of eight words or more; ``benchmarks/bench_clean.py`` runs all of them and the
addresses whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import unspin

SPEECHES = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "speeches"
ROWS = [
    json.loads(line)
    for line in (SPEECHES / "sotu.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
SAMPLE = [row for row in ROWS if len(row["text"].split()) >= 8][::10]


def test_the_speeches_are_the_documented_set():
    assert len(ROWS) == 6816
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    assert len({row["year"] for row in ROWS}) == 53


@pytest.fixture(scope="module")
def repairer() -> unspin.Repairer:
    return unspin.Repairer()


@pytest.mark.parametrize("row", SAMPLE, ids=[row["id"] for row in SAMPLE])
def test_a_paragraph_alone_comes_back_unchanged(repairer, row):
    result = repairer.explain(row["text"])
    assert [(e.before, e.after) for e in result.edits] == []
    assert result.text == row["text"]
