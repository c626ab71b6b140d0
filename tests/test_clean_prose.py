"""Real clean prose kept in the repository comes back byte-identical (do no harm).

- 300 arXiv abstracts under CC0 (``benchmarks/data/abstracts/SOURCE.md``), whole;
- paragraphs of State of the Union addresses, public domain
  (``benchmarks/data/speeches/SOURCE.md``), each alone: a fixed sample of every tenth
  paragraph of eight words or more. A paragraph alone is a short text, where a writer's
  formal register reads most like the spinner's ("somewhat greater acreage",
  "historic", "maintain").

- 240 hard negatives written for the project (``benchmarks/data/written/README.md``),
  whole: news, sport, finance, health, science, legal, software and everyday prose
  dense with the spinner's favourite words in their own sense;
- 120 longer ones (same folder), whole: twelve kinds of writing, 273-406 words each,
  each with eight to fifteen of those words;
- 400 sentences written for the project (same folder), each alone: ten registers, two
  to four of those words in each (a known failure of ``negative.json`` would be left out);
- 90 texts written to be left alone (``benchmarks/data/foreign/README.md``), whole: ten
  other languages full of English-looking words, English switching with another
  language, and English in dialect, pastiche, legal Latin and verse;
- 80 texts written for the project in the register of AI assistants (same folder as the
  hard negatives), whole: "additionally", "utilize", "robust", "seamless", "numerous";
- 35 passages of twenty paragraphs from nine public-domain books of 1776-1903
  (``benchmarks/data/literature/SOURCE.md``), whole: prose written before the web, whose
  words a web language model reads as a spinner's (``unspin.register``);
- every other of 100 documents of modern public prose (``benchmarks/data/public/SOURCE.md``),
  whole: court opinions, presidential speeches, government and developer blogs, 1920s
  fiction.

All are the register where clean writers choose the spinner's words themselves;
``benchmarks/bench_clean.py`` runs every paragraph, the addresses whole and the
abstracts' sentences alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import unspin

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


def _rows(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


ABSTRACTS = _rows(DATA / "abstracts" / "arxiv.jsonl")
SPEECHES = _rows(DATA / "speeches" / "sotu.jsonl")
PARAGRAPHS = [row for row in SPEECHES if len(row["text"].split()) >= 8][::10]
WRITTEN = _rows(DATA / "written" / "hard-negatives.jsonl")
LONG = _rows(DATA / "written" / "long-hard-negatives.jsonl")
FOREIGN = _rows(DATA / "foreign" / "written.jsonl")
AI_STYLE = _rows(DATA / "written" / "ai-style.jsonl")
LITERATURE = _rows(DATA / "literature" / "books.jsonl")
PUBLIC = _rows(DATA / "public" / "prose.jsonl")
_KNOWN = {
    case["original"]
    for case in json.loads(
        (Path(__file__).parent / "test-cases" / "negative.json").read_text(encoding="utf-8")
    )
    if case["expect"] == "fail"
}
SENTENCES = _rows(DATA / "written" / "sentences.jsonl")
FRESH = _rows(DATA / "written" / "fresh-hard-negatives.jsonl")
DENSE = _rows(DATA / "written" / "dense-hard-negatives.jsonl")
MIXED = _rows(DATA / "written" / "mixed-hard-negatives.jsonl")
ALONE = [row for row in SENTENCES if row["text"] not in _KNOWN]


def test_the_sets_are_the_documented_ones():
    assert len(ABSTRACTS) == len({row["id"] for row in ABSTRACTS}) == 300
    assert all(row["text"] and row["text"] == row["text"].strip() for row in ABSTRACTS)
    assert len(SPEECHES) == len({row["id"] for row in SPEECHES}) == 6816
    assert len({row["year"] for row in SPEECHES}) == 53
    assert len(PARAGRAPHS) == 631
    assert len(WRITTEN) == len({row["id"] for row in WRITTEN}) == 240
    assert {row["genre"] for row in WRITTEN} == {
        "news", "sport", "finance", "health", "science", "legal", "tech", "everyday"
    }  # fmt: skip
    assert len(LONG) == len({row["id"] for row in LONG}) == 120
    assert all(270 <= len(row["text"].split()) <= 410 for row in LONG)
    assert len(FOREIGN) == len({row["id"] for row in FOREIGN}) == 90
    assert len(SENTENCES) == len({row["id"] for row in SENTENCES}) == 400
    assert len(ALONE) == 400
    assert len({row["lang"] for row in FOREIGN[:60]}) == 10
    assert len(LITERATURE) == len({row["id"] for row in LITERATURE}) == 35
    assert len({row["title"] for row in LITERATURE}) == 9
    assert all(len(row["text"].split("\n\n")) == 20 for row in LITERATURE)
    assert len(AI_STYLE) == len({row["id"] for row in AI_STYLE}) == 80
    assert len({row["genre"] for row in AI_STYLE}) == 8
    assert len(PUBLIC) == len({row["id"] for row in PUBLIC}) == 100
    assert len({row["subtype"] for row in PUBLIC}) == 7
    assert len(FRESH) == len({row["id"] for row in FRESH}) == 120
    assert len(DENSE) == len({row["id"] for row in DENSE}) == 80
    assert all(5 <= len(row["text"].split("\n\n")) <= 8 for row in DENSE)
    assert len(MIXED) == len({row["id"] for row in MIXED}) == 330
    kinds = {
        kind: sum(row["kind"] == kind for row in MIXED)
        for kind in ("sentence", "paragraph", "long")
    }
    assert kinds == {"sentence": 180, "paragraph": 120, "long": 30}


@pytest.fixture(scope="module")
def repairer() -> unspin.Repairer:
    return unspin.Repairer()


CLEAN = ABSTRACTS + PARAGRAPHS + WRITTEN + LONG + FOREIGN + ALONE + AI_STYLE + LITERATURE
# Half of the mixed set (the benchmark holds it all): a minute of the suite is a budget.
CLEAN += PUBLIC[::2] + FRESH + DENSE + MIXED[::2]


@pytest.mark.parametrize("row", CLEAN, ids=[row["id"] for row in CLEAN])
def test_clean_prose_comes_back_unchanged(repairer, row):
    result = repairer.explain(row["text"])
    assert [(e.before, e.after) for e in result.edits] == []
    assert result.text == row["text"]
