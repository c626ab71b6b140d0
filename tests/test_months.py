"""The month May spun as a modal (unspin.months): found by pattern where a month stands,
put back with near certainty, never where the modal or a name stands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin import Repairer, detect, repair
from unspin.months import CONFIDENCE, spun_months

NEGATIVES = Path(__file__).parents[1] / "benchmarks" / "data" / "written"

# A spun sentence before each case: a month so spun is put back where the text around
# it says a spinner wrote it, as a real page does.
SPUN = (
    "The corporate mentioned in an announcement that its gross sales rose 4% within the"
    " 12 months, whereas Chinese language officers stated the Center East talks would resume. "
)


def _edits_after_spun(sentence: str, source: str | None = None) -> list[tuple[int, str, str]]:
    """The edits made in ``sentence`` after :data:`SPUN` (of ``source``, if given): (start
    in the sentence, before, after)."""
    result = Repairer().explain(SPUN + sentence)
    return [
        (e.start - len(SPUN), e.before, e.after)
        for e in result.edits
        if e.start >= len(SPUN) and source in (None, e.entry.source)
    ]


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
    (at,) = [d.start for d in spun_months(spun)]
    assert fixed == spun[:at] + "May" + spun[at + 5 :]
    # Made by this rule, or by the seeds' "could" -> "may" where the page's evidence
    # makes that as sure.
    assert (at, spun[at : at + 5], "May") in _edits_after_spun(spun)


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
        "They played Might and Magic.",  # names
        "The Sword of Might is a relic.",
        "For a cipher, put Might 15 and Intellect 18.",
        "A Knight who reaches Might 25 early can carry the party.",
        "In Might's last three matches, he won twice.",
        "Fans have waited for new songs from Could since the band split.",
        "Her workshop, From Could to Can, helps students.",
        "Until Might heroes get a buff, nobody plays them.",
        "Would-Could 5",
        "He could come in May. It might rain in June.",
        "MIGHT 29 and might 29",  # the spinner carries the capital, never the case
        "Couldn't 5 or Mighty 29",
    ],
)
def test_a_modal_or_a_name_stays(clean):
    assert spun_months(clean) == []
    assert repair(clean) == clean
    assert _edits_after_spun(clean, "month") == []  # not even among spun words


@pytest.mark.parametrize(
    "clean",
    [
        # The pattern's shape, in clean text: no region of it was spun.
        "In Could, we've listed dark mode, saved filters and exports for the next release.",
        "The studio has confirmed Might 2: The Iron Crown for next spring.",
        'The chapter titled "Living in Could" describes how people postpone decisions.',
    ],
)
def test_a_dates_shape_in_clean_text_is_no_month(clean):
    assert spun_months(clean)
    assert repair(clean) == clean
    assert not detect(clean).spun


def test_clean_texts_written_to_defeat_it_stay():
    """150 clean texts with a capitalised modal where a date could stand (names, titles,
    questions, game stats: benchmarks/data/written/README.md)."""
    rows = NEGATIVES.joinpath("months-hard-negatives.jsonl").read_text(encoding="utf-8")
    texts = [json.loads(line)["text"] for line in rows.splitlines()]
    assert len(texts) == 150
    repairer = Repairer()
    assert [t for t in texts if repairer.repair(t) != t] == []
    assert sum(bool(spun_months(t)) for t in texts) <= 4


def test_each_edit_names_the_rule_and_is_as_sure_as_its_region_is_spun():
    result = Repairer().explain(SPUN + "He left in Might, and came back on Might 29.")
    edits = [e for e in result.edits if e.entry.source == "month"]
    assert [(e.before, e.after) for e in edits] == [("Might", "May"), ("Might", "May")]
    for e in edits:
        assert e.entry.path == "unspin/months.py"
        assert e.confidence == pytest.approx(CONFIDENCE * e.evidence.spun)
        assert e.evidence.spun > 0.9
    assert result.text.endswith("He left in May, and came back on May 29.")


def test_none_on_a_line_of_source_code():
    code = 'def f():\n    date = "in Could, 2024"\n    return date\n'
    assert spun_months(code) == []
    assert spun_months('date = "in Could, 2024"') == []  # a line of code alone
    assert spun_months("He left in Could, 2024.")


@given(
    st.sampled_from(["Might", "Could"]),
    st.integers(1, 31),
    st.sampled_from(["on ", "a ", "Friday ", "since "]),
    st.sampled_from([".", ",", " when", ", 2025."]),
)
def test_a_repaired_date_is_repaired_no_further(modal, day, before, after):
    once = repair(f"{SPUN}It was {before}{modal} {day}{after}")
    assert once.endswith(f"May {day}{after}")
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
