"""Real clean scientific abstracts come back byte-identical (do no harm).

300 arXiv abstracts under CC0 (``benchmarks/data/abstracts/SOURCE.md``), in the register
where clean writers choose the spinner's words themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import unspin

ABSTRACTS = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "abstracts"
ROWS = [
    json.loads(line)
    for line in (ABSTRACTS / "arxiv.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def test_the_abstracts_are_the_documented_set():
    assert len(ROWS) == 300
    assert len({row["id"] for row in ROWS}) == 300
    assert all(row["text"] and row["text"] == row["text"].strip() for row in ROWS)


@pytest.fixture(scope="module")
def repairer() -> unspin.Repairer:
    return unspin.Repairer()


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_a_clean_abstract_comes_back_unchanged(repairer, row):
    result = repairer.explain(row["text"])
    assert result.edits == []
    assert result.text == row["text"]
