"""A lone digit where news style spells the number out (unspin.cues.spelled_out_site,
unspin.deciding.SPELLED_OUT)."""

from __future__ import annotations

import pytest

import unspin
from unspin import deciding
from unspin.cues import spelled_out_site


def site(text: str) -> bool:
    start = next(k for k, c in enumerate(text) if c.isdigit())
    return spelled_out_site(text, start, start + 1)


@pytest.mark.parametrize(
    "text",
    [
        "letting it linger for 3 or 4 quarters",
        "the 2 locations are roughly an hour apart",
        "failed on Tuesday when 9 Republicans joined",
        "he averages one in each 9 at-bats",
        "with eight rebounds and 6 assists",
    ],
)
def test_a_count_in_running_prose_is_a_site(text: str) -> None:
    assert site(text)


@pytest.mark.parametrize(
    "text",
    [
        "the SEC enters Week 3 with a record",  # a label
        "against Power 4 opponents",  # a name
        "the vote is scheduled for 4 p.m. EDT",  # a time
        "Ruth had 4 50-homer seasons",  # a figure follows
        "they won 8-2 on Sunday",  # a score
        "the meeting starts at 5 sharp",  # a time
        "in episode 2? Did",  # a label
        "shares rose 10 percent",  # two digits
        "it rose 1 point",  # one is written so in any style
    ],
)
def test_labels_scores_times_and_units_are_not(text: str) -> None:
    assert not site(text)


SPUN = (
    "Chinese language officers mentioned final week that the 2 nations would maintain "
    "talks for 3 or 4 days within the Center East."
)


def test_a_spun_count_is_spelled_out_again(monkeypatch: pytest.MonkeyPatch) -> None:
    result = unspin.Repairer().explain(SPUN)
    counts = [(e.before, e.after) for e in result.edits if e.before.isdigit()]
    assert counts == [("2", "two"), ("3", "three"), ("4", "four")]
    assert all(e.evidence.article > 0 for e in result.edits if e.before.isdigit())
    monkeypatch.setattr(deciding, "SPELLED_OUT", 1.0)
    without = unspin.Repairer().explain(SPUN)
    assert len([e for e in without.edits if e.before.isdigit()]) < len(counts)


def test_a_figure_before_the_familys_percent_stays_a_figure() -> None:
    # "p.c" is the family's "percent": "up 8 p.c" was "up 8%" (style guides keep a
    # percentage in digits), never "up eight percent".
    from unspin.prose import is_figure

    text = "who pushed the share price up 8 p.c, or $2.16, to $28.82."
    start = text.index("8 p.c")
    assert is_figure(text, start, start + 1)
    assert not is_figure("offered in 4 colours", 11, 12)
    spun = "Chinese language officers mentioned that 8 p.c of the 4 migrants had been detained."
    result = unspin.Repairer().explain(spun)
    assert [(e.before, e.after) for e in result.edits if e.before.isdigit()] == [("4", "four")]
    assert "8 percent" in result.text
