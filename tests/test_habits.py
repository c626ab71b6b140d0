"""The family's filler phrases (scripts/data/habits.txt): "right here" for "here", "a few
of" for "some of", "in actual fact" for "in fact", "content material" for "content",
"possibly can" for "can", "is just not" for "is not". Put back in spun text; a writer's
own use of them stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspin import Repairer

NEGATIVES = Path(__file__).parents[1] / "benchmarks" / "data" / "written"
FILLERS = {
    "right here": "here",
    "a few of": "some of",
    "in actual fact": "in fact",
    "content material": "content",
    "possibly can": "can",
    "is just not": "is not",
}

SPUN = (
    "The mayor mentioned on Tuesday that a few of the residents who spoke on the assembly"
    " had been indignant. In actual fact, the best way the council shared the content"
    " material of the plan is just not acceptable to them. “You possibly can do higher,”"
    " one resident instructed the council. “We stay right here.”"
)


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    return Repairer()


def test_each_filler_is_put_back_by_its_habit_in_spun_text(repairer):
    result = repairer.explain(SPUN)
    made = {e.before.lower(): e for e in result.edits if e.entry.source == "habit"}
    for spun, original in FILLERS.items():
        edit = made[spun]
        assert edit.after.lower() == original
        assert edit.entry.path == "unspin/data/phrasebook.tsv"
        assert SPUN[edit.start : edit.end] == edit.before
    assert "some of the residents" in result.text
    assert "In fact, " in result.text
    assert "the content of the plan is not acceptable" in result.text
    assert "“You can do better,”" in result.text
    assert result.text.endswith("“We live here.”")


@pytest.mark.parametrize("spun", sorted(FILLERS))
def test_each_is_a_shipped_habit(repairer, spun):
    entries = [e for e in repairer.entries if e.spun == spun]
    assert [(e.original, e.source) for e in entries] == [(FILLERS[spun], "habit")]


def test_clean_texts_using_them_in_their_own_sense_stay(repairer):
    """160 clean texts each using two to five of the phrases (and "all of the", "we all
    know", "right into", which the book leaves out): benchmarks/data/written/README.md."""
    rows = NEGATIVES.joinpath("fillers-hard-negatives.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(line)["text"] for line in rows.splitlines()]
    assert len(texts) == 160
    assert sum(spun in t.lower() for t in texts for spun in FILLERS) == 148
    assert [t for t in texts if repairer.repair(t) != t] == []
