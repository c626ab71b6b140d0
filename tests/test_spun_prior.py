"""``Config(spun_prior=...)``: the user's own probability that a text was spun (copies
they know are spun), in place of the priors unspin gives a sentence and a page."""

from __future__ import annotations

import pytest
from support import PAIRS, read, segment_bound

from unspin import Config, Repairer

# One word of the spinner's in a short sentence: alone, the sentence is too likely a
# writer's own for the edit ("strain" for "pressure", a spin the family makes).
LIGHT = "Analysts say the company will come under strain to cut costs this year."


@pytest.fixture(scope="module")
def told() -> Repairer:
    return Repairer(Config(spun_prior=0.99))


def test_a_text_known_to_be_spun_is_repaired_on_less_evidence(told):
    assert Repairer().repair(LIGHT) == LIGHT
    ex = told.explain(LIGHT)
    assert [(e.before, e.after) for e in ex.edits] == [("strain", "pressure")]
    assert ex.edits[0].evidence.spun > 0.99


def test_a_text_without_the_spinners_words_stays_as_it_is_even_told(told):
    text = "Sales rose sharply last quarter, the company said on Tuesday, as demand held up."
    assert told.repair(text) == text


def test_the_prior_leaves_detection_alone(told):
    assert told.detect(LIGHT) == Repairer().detect(LIGHT)


def test_told_edits_do_not_depend_on_where_a_long_text_is_cut(told):
    spun = read(PAIRS / "000.spun.txt") + "\n\n" + read(PAIRS / "003.spun.txt")
    whole = told.explain(spun, declined=False)
    with segment_bound(4_000):
        parts = told.explain(spun, declined=False)
    assert len(whole.edits) > 100
    key = [(e.start, e.end, e.after, e.confidence) for e in whole.edits]
    assert [(e.start, e.end, e.after, e.confidence) for e in parts.edits] == key
