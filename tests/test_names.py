"""A common word standing as a surname: the name cue (unspin.names, unspin.cues)."""

from __future__ import annotations

import pytest

import unspin
from unspin import choosing, lattice, names
from unspin.cues import NAME_EVIDENCE, surname_evidence, surname_slot
from unspin.lattice import group_context


def slot(text: str, word: str) -> bool:
    start = text.index(word)
    end = start + len(word)
    context = group_context(text, start, end)
    return surname_slot(text, start, end, context.left, context.left_word)


@pytest.mark.parametrize(
    "text, word",
    [
        ("The slugging outfielder Aaron Choose. According to reports", "Choose"),
        ("When Karl-Anthony Cities put his house on the market", "Cities"),
        ("New York reportedly pursued Cities after the draft.", "Cities"),
        ("The surgery went well. After Cities arrived, the team trained.", "Cities"),
    ],
)
def test_a_capitalised_word_mid_sentence_stands_as_a_surname(text: str, word: str) -> None:
    assert slot(text, word)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Choose reached 50 home runs on Sunday.", "Choose"),  # opens the sentence
        ("Residents of the Twin Cities voted on Tuesday.", "Cities"),  # a place's name
        ("He read Choose Your Own Adventure books.", "Choose"),  # a title
        ("The report on CITIES was late.", "CITIES"),  # capitals
        ("They visited the cities of the north.", "cities"),  # lower case
        ("Traffic on Maple Avenue was heavy.", "Avenue"),  # a place named after a name
    ],
)
def test_other_words_do_not(text: str, word: str) -> None:
    assert not slot(text, word)


def test_the_evidence_is_how_much_commoner_the_original_is_as_a_surname() -> None:
    judge, pick = surname_evidence("judge", "Choose"), surname_evidence("pick", "Choose")
    assert 0 < pick < judge <= NAME_EVIDENCE
    assert surname_evidence("towns", "Cities’") == surname_evidence("towns", "Cities") > 0
    # The other way round it is evidence against: "Towns" is a name, "cities" is not.
    assert surname_evidence("cities", "Towns") < 0
    assert surname_evidence("choose", "Select") == 0.0  # neither is a surname
    assert names.surname_rank("young") < names.surname_rank("younger") < names.ABSENT
    assert names.is_first_name("Karl-Anthony") and not names.is_first_name("Twin")


SPUN = (
    "The Knicks have coveted Karl-Anthony Cities for years, crew officers mentioned final "
    "week, and the membership reportedly pursued Cities after the season."
)


def test_a_spun_surname_is_repaired_to_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    result = unspin.Repairer().explain(SPUN)
    named = [e for e in result.edits if e.before == "Cities"]
    assert [e.after for e in named] == ["Towns", "Towns"]
    assert all(e.evidence.case > 0 for e in named)
    # Without the cue the bigram model reads the common word, "cities", and keeps it.
    monkeypatch.setattr(lattice, "surname_slot", lambda *args: False)
    without = unspin.Repairer().explain(SPUN)
    assert not [e for e in without.edits if e.before == "Cities"]


def test_of_two_surnames_the_commoner_wins() -> None:
    # A person no list names (people.txt has "Aaron Judge", whose rendering is an entry
    # of its own: see the next test): the surname cue alone.
    text = (
        "Yankees officers mentioned final week that slugging outfielder Marcus Choose "
        "will miss the subsequent 4 video games."
    )
    (name,) = [e for e in unspin.Repairer().explain(text).edits if e.before == "Choose"]
    # Without the cue "Judge" is the likeliest, but under the threshold (0.53).
    assert name.after == "Judge" and name.confidence >= unspin.Config().threshold


def test_a_sentence_opening_with_the_spun_surname_takes_the_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    listed = (
        "Yankees officers mentioned final week that slugging outfielder Aaron Choose will "
        "miss the subsequent 4 video games.\n\n"
        "Choose reached 50 house runs in 2022, the membership mentioned."
    )
    # A listed name's rendering ("Aaron Choose" -> "Aaron Judge", people.txt) names the
    # person by each word it changed: the opening "Choose" is "Judge" too.
    (rendering,) = [
        e for e in unspin.Repairer().explain(listed).edits if e.before == "Aaron Choose"
    ]
    assert rendering.after == "Aaron Judge" and rendering.entry.source == "name"
    assert "\n\nJudge reached 50 home runs" in unspin.Repairer().repair(listed)
    # A person no list names: the words' own edits.
    text = listed.replace("Aaron Choose", "Marcus Choose")
    fixed = unspin.Repairer().repair(text)
    assert "Marcus Judge" in fixed and "\n\nJudge reached 50 home runs" in fixed
    monkeypatch.setattr(choosing, "named_openings", lambda decisions, *args: decisions)
    # The name's two occurrences weighed together say "Judge" too (one_entity) ...
    assert "\n\nJudge reached" in unspin.Repairer().repair(text)
    monkeypatch.setattr(choosing, "one_entity", lambda decisions, *args: decisions)
    # ... and without either, the opening is surely spun but not taken for the name: its
    # likeliest original alone ("Select") is no person's (unspin.choosing).
    assert "\n\nJudge reached" not in unspin.Repairer().repair(text)


def test_a_surname_alone_after_the_rendering_of_the_name_takes_the_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "Yankees slugger Aaron Decide hit his 50th homer on Tuesday in the Bronx, and the "
        "crowd roared. Manager Aaron Boone said Decide would rest on Wednesday."
    )
    edits = [(e.before, e.after) for e in unspin.Repairer().explain(text).edits]
    # The rendering ("Aaron Decide" -> "Aaron Judge", people.txt) names the person by the
    # word it changed: "said Decide" is "said Judge" (unspin.choosing.same_names) ...
    assert edits == [("Aaron Decide", "Aaron Judge"), ("Decide", "Judge")]
    # ... where alone its candidate is under the threshold (0.55). (The rendering's own
    # "Decide" is no use of the word by the writer: unspin.recurrence.)
    monkeypatch.setattr(choosing, "_name_words", lambda d: [choosing._entity(d)])
    edits = [(e.before, e.after) for e in unspin.Repairer().explain(text).edits]
    assert edits == [("Aaron Decide", "Aaron Judge")]
    # The same words with no rendering ("Marcus" no list names with "Judge"): the surname
    # is left to its own evidence.
    plain = text.replace("Aaron Decide", "Marcus Decide")
    assert "said Judge" not in unspin.Repairer().repair(plain)
