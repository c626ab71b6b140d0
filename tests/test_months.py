"""The month May spun as a modal (unspin.months): found by pattern where a month stands,
put back with near certainty, never where the modal or a name stands."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin import Repairer, detect, repair
from unspin.months import CONFIDENCE, spun_months


@pytest.mark.parametrize(
    ("spun", "fixed"),
    [
        # The shapes seen on real pages of the family and in the development pairs.
        (
            "the file arrived – Friday Could 20 – and was held.",
            "the file arrived – Friday May 20 – and was held.",
        ),
        ("The deal adopted a Might 29 open letter.", "The deal adopted a May 29 open letter."),
        ("He would go to China in Could, his first.", "He would go to China in May, his first."),
        ("an absurd month of Might for him.", "an absurd month of May for him."),
        ("He hit 12 homers in Might. That followed", "He hit 12 homers in May. That followed"),
        ("for the quarter ended Could 2:", "for the quarter ended May 2:"),
        # And other dates.
        ("Might 29, 2024 was the day.", "May 29, 2024 was the day."),
        ("Prices rose between April and Might.", "Prices rose between April and May."),
        ("It runs from mid-Might to June.", "It runs from mid-May to June."),
        ("Sales fell late Might, the firm said.", "Sales fell late May, the firm said."),
        ("In Could, the firm said no.", "In May, the firm said no."),
        ("since Could 2021 the firm has grown", "since May 2021 the firm has grown"),
    ],
)
def test_the_month_spun_as_a_modal_is_put_back(spun, fixed):
    assert repair(spun) == fixed


@pytest.mark.parametrize(
    "clean",
    [
        "Could 20 people fit in the room?",  # a question: a sentence's first word
        "Could 3 be the answer? Might 4?",
        "“Might 29 be the day?” he asked.",
        "Why Stocks Could 5 Million Jobs",  # a title's words
        "What You Could 5",
        "We Could 2X Our Money",
        "a Could 20 percent rise",  # no day: a figure follows
        "on Might 3.5 percent",
        "This Could be big. In Could Lies Hope. Late Might Show",
        "They played Might and Magic.",  # a name
        "The Sword of Might is a relic.",
        "Would-Could 5",
        "He could come in May. It might rain in June.",
        "MIGHT 29 and might 29",  # the spinner carries the capital, never the case
        "Couldn't 5 or Mighty 29",
    ],
)
def test_a_modal_or_a_name_stays(clean):
    assert spun_months(clean) == []
    assert repair(clean) == clean


def test_each_edit_names_the_rule_and_is_sure():
    result = Repairer().explain("He left in Could, and came back on Might 29.")
    edits = [e for e in result.edits if e.entry.source == "month"]
    assert [(e.before, e.after) for e in edits] == [("Could", "May"), ("Might", "May")]
    assert all(e.confidence == CONFIDENCE and e.entry.path == "unspin/months.py" for e in edits)
    assert result.text == "He left in May, and came back on May 29."


def test_a_month_spun_so_is_evidence_of_spinning():
    assert detect("The file arrived on Friday Could 20 and was held.").spun
    assert not detect("The file arrived on Friday May 20 and was held.").spun


def test_none_on_a_line_of_source_code():
    code = 'def f():\n    date = "in Could, 2024"\n    return date\n'
    assert repair(code) == code


@given(
    st.sampled_from(["Might", "Could"]),
    st.integers(1, 31),
    st.sampled_from(["on ", "a ", "Friday ", "due "]),
    st.sampled_from([".", ",", " when", ", 2025."]),
)
def test_a_repaired_date_is_repaired_no_further(modal, day, before, after):
    spun = f"It was {before}{modal} {day}{after}"
    once = repair(spun)
    assert f"May {day}{after}" in once
    assert repair(once) == once


_PIECES = st.sampled_from(
    ["Might", "Could", "May", "in", "of", "month", "Friday", "mid-", "-", "29", "2024", ",",
     ".", "?", "\n", "“", "”", "and", "April", "the", "be", "a", "5.5", "%", "’s", " "]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_any_text_of_dates_and_modals_is_read_without_error(text):
    """Each edit is a capitalised modal put back as the month. (Not idempotence here: the
    seeds' "might" -> "could" and "could" -> "may" chain, as the spinner's own groups do,
    so "Might Might" -> "Could Could" -> "May May".)"""
    found = spun_months(text)
    assert [d.start for d in found] == sorted(d.start for d in found)
    for d in found:
        assert text[d.start : d.end] == d.before in ("Might", "Could")
        assert d.after == "May"
    assert isinstance(repair(text), str)
