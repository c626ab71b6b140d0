"""A writer's words recur (unspin.recurrence): decisions weighed with the text's vocabulary."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin import Repairer
from unspin.choosing import FLOOR
from unspin.deciding import Decision, Evidence
from unspin.phrasebook import Entry
from unspin.rates import WINDOW, regions
from unspin.recurrence import KEPT, ORIGINAL, recurring

# A region the decoder thinks spun (spun=1.0) at a light rate (spin_rate=0.0): a
# recurring word counts in full there.
EVIDENCE = Evidence(0.0, 0.0, 0.0, 0.0, 0.0, None, None, 1.0)
THRESHOLD = 0.65


def cand(text: str, word: str, after: str, confidence: float, nth: int = 0) -> Decision:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    entry = Entry(word.lower(), after, "test", "", 0, 1.0)
    return Decision(start, start + len(word), word, after, confidence, entry, EVIDENCE)


def run(text: str, *decisions: Decision) -> list[Decision]:
    ordered = sorted(decisions, key=lambda d: (d.start, -d.confidence))
    starts = [start for start, _ in regions(text)]
    return list(recurring(ordered, THRESHOLD, starts, text, FLOOR))


def by_after(decisions: list[Decision], start: int) -> dict[str, float]:
    return {d.after: d.confidence for d in decisions if d.start == start}


TEXT = "Strikes moved the stock on Monday. News travels the stock on earnings day."


def test_an_original_made_nearby_is_chosen_over_the_sites_other_originals():
    made = cand(TEXT, "moved", "moved", 0.9)._replace(before="strikes", after="moves")
    moves = cand(TEXT, "travels", "moves", 0.45)
    goes = cand(TEXT, "travels", "goes", 0.5)
    out = run(TEXT, made, moves, goes)
    site = by_after(out, moves.start)
    # The site's candidates share what they had: whether to edit is unchanged.
    assert math.isclose(sum(site.values()), 0.95)
    assert site["moves"] / site["goes"] == pytest.approx(ORIGINAL * 0.45 / 0.5)
    assert site["moves"] > site["goes"]
    moved = next(d for d in out if d.after == "moves" and d.start == moves.start)
    assert moved.evidence.recurs > 0


def test_a_lone_candidate_is_not_raised_by_its_original_made_nearby():
    made = cand(TEXT, "moved", "moved", 0.9)._replace(after="moves")
    lone = cand(TEXT, "travels", "moves", 0.5)
    out = run(TEXT, made, lone)
    assert by_after(out, lone.start) == {"moves": 0.5}


def test_a_word_the_writer_uses_elsewhere_is_likelier_kept():
    text = "Inventory rose in May. For all retailers, backed-up inventory poses many risks."
    first = cand(text, "Inventory", "Stock", 0.5)
    second = cand(text, "inventory", "stock", 0.6)
    out = run(text, first, second)
    # Each is kept likelier as surely as the other was left alone.
    for d, other in ((first, second), (second, first)):
        odds = d.confidence / (1 - d.confidence)
        now = by_after(out, d.start)[d.after]
        assert now / (1 - now) == pytest.approx(odds / (1 + (KEPT - 1) * (1 - other.confidence)))
        assert now < d.confidence


@pytest.mark.parametrize("rate", [0.5, 1.0])
def test_a_recurring_word_counts_less_as_the_region_is_spun_more(rate):
    # A fully spun page rewrote every occurrence, the same way where the group has one
    # alternative: there a recurring word says nothing of the writer.
    text = "Inventory rose in May. For all retailers, backed-up inventory poses many risks."
    evidence = EVIDENCE._replace(spin_rate=rate)
    first = cand(text, "Inventory", "Stock", 0.5)._replace(evidence=evidence)
    second = cand(text, "inventory", "stock", 0.4)._replace(evidence=evidence)
    out = run(text, first, second)
    now = by_after(out, first.start)["Stock"]
    # The other occurrence was left alone with 0.6, counted as (1 - rate) of that.
    weight = round(0.6 * (1 - rate) * 10) / 10
    assert now / (1 - now) == pytest.approx(1.0 / (1 + (KEPT - 1) * weight))
    if rate == 1.0:
        assert out == sorted([first, second], key=lambda d: d.start)


def test_an_occurrence_in_a_region_likely_clean_is_the_writers_word():
    text = "Inventory rose in May.\nFor all retailers, backed-up inventory poses many risks."
    first = cand(text, "Inventory", "Stock", 0.5)
    unsure = EVIDENCE._replace(spun=THRESHOLD / 2)
    second = cand(text, "inventory", "stock", 0.3, nth=0)._replace(evidence=unsure)
    second = second._replace(start=text.index("inventory"), end=text.index("inventory") + 9)
    out = run(text, first, second)
    now = by_after(out, first.start)["Stock"]
    assert now / (1 - now) == pytest.approx(1.0 / KEPT)
    changed = next(d for d in out if d.start == first.start)
    assert changed.evidence.recurs == pytest.approx(math.log(now / 0.5))


def test_an_occurrence_made_an_edit_is_not_the_writers_word():
    text = "Officials mentioned the plan. Officials also mentioned the cost."
    first = cand(text, "mentioned", "said", 0.9)
    second = cand(text, "mentioned", "said", 0.6, nth=1)
    out = run(text, first, second)
    assert by_after(out, first.start)["said"] < 0.9  # the second was not made: kept there
    assert by_after(out, second.start) == {"said": 0.6}  # the first was made an edit


def test_nothing_changes_beyond_the_window():
    sentences = [f"Sentence {k} is here." for k in range(WINDOW * 3)]
    text = "Inventory rose.\n" + "\n".join(sentences) + "\nInventory fell."
    first = cand(text, "Inventory", "Stock", 0.5)
    last = cand(text, "Inventory", "Stock", 0.5, nth=1)
    out = run(text, first, last)
    assert [d.confidence for d in out] == [0.5, 0.5]


def test_candidates_under_the_floor_are_left_alone():
    text = "Inventory rose. Inventory fell."
    low = cand(text, "Inventory", "Stock", FLOOR / 2)
    other = cand(text, "Inventory", "Stock", 0.5, nth=1)
    out = run(text, low, other)
    assert by_after(out, low.start) == {"Stock": FLOOR / 2}


@given(st.lists(st.floats(0.05, 0.95), min_size=1, max_size=4))
def test_confidences_stay_probabilities(confidences):
    text = "word word word word word"
    ds = [
        cand(text, "word", f"o{k}", c / len(confidences), nth=k % 5)
        for k, c in enumerate(confidences)
    ]
    for d in run(text, *ds):
        assert 0.0 < d.confidence <= 1.0


def test_repair_reads_the_retail_report_as_written():
    # A clean paragraph (written for this test) whose "inventory" stands twice.
    text = (
        "The chain said other retailers were also reporting big jumps in inventory. "
        "For every retailer, backed-up inventory poses many risks."
    )
    assert Repairer().repair(text) == text
