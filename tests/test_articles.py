"""The article the spinner writes for its alternative ("said in an announcement" for "in
a statement"): rules over the article too (unspin.rules.ARTICLE_ADJUSTED), and the
decision rule reading them as candidates for the word after the article."""

from __future__ import annotations

import math

import pytest

from unspin import Repairer
from unspin.choosing import choose
from unspin.deciding import Decision, Evidence
from unspin.phrasebook import Entry
from unspin.repairing import _shared_model
from unspin.rules import (
    ARTICLE_ADJUSTED,
    ARTICLE_MIN_PRIOR,
    compile_rules,
    key_prior,
    rule_prior,
    written,
)


def entry(spun: str, original: str, prior: float = 0.9, line: int = 2) -> Entry:
    return Entry(spun, original, "seed", "book.tsv", line, prior)


def articled(entries: list[Entry]) -> dict[str, object]:
    compiled = compile_rules(entries, True, _shared_model())
    keys = {rule_id: key for key, rule_id in compiled.rule_keys}
    return {keys[k]: r for k, r in enumerate(compiled.rules) if r.articled}


def test_a_pair_whose_sides_take_different_articles_gets_a_rule_over_the_article():
    base = entry("announcement", "statement")
    found = articled([base])
    assert list(found) == ["an announcement"]
    rule = found["an announcement"]
    assert rule.entry is base  # the edit names the book's own line
    assert rule.words == ("a", "statement")
    assert written(rule) == "a statement"
    assert rule_prior(rule) == pytest.approx(0.9 * ARTICLE_ADJUSTED)
    plain = compile_rules([base], True, _shared_model()).rules[0]
    assert rule.log_channel == pytest.approx(plain.log_channel + math.log(ARTICLE_ADJUSTED))


@pytest.mark.parametrize(
    "pair",
    [
        ("statement", "declaration"),  # the same article
        ("a lot", "much"),  # a function word opens a side
        ("within", "in"),
        ("offers", "deals"),  # no one writes "an offers"
        ("8", "eight"),  # digits
    ],
)
def test_no_rule_over_the_article_where_none_belongs(pair):
    assert articled([entry(*pair)]) == {}


def test_no_rule_over_the_article_for_a_weak_entry():
    assert articled([entry("announcement", "statement", prior=ARTICLE_MIN_PRIOR - 0.01)]) == {}


def test_no_rule_over_the_article_where_the_book_has_that_pair_itself():
    pair = entry("an artificial", "a synthetic", line=3)
    found = articled([entry("artificial", "synthetic"), pair])
    assert "an artificial" not in found


def test_the_articles_are_never_the_spinners_keys():
    assert key_prior("a") == 0.0 and key_prior("an") == 0.0
    assert key_prior("announcement") > 0.0


def test_the_spinners_article_is_put_back_with_its_word():
    # ("an announcement" for "a statement" was the example until 2026-12-06: writers use
    # "announcement" themselves as often as not, and its spin is declined at 0.57 here.)
    spun = "Social gathering Metropolis is an enterprise that mentioned it will shut all shops."
    result = Repairer().explain(spun)
    assert result.text == "Party City is a business that said it will close all stores."
    (edit,) = [e for e in result.edits if e.before == "an enterprise"]
    assert edit.after == "a business"
    assert (edit.entry.spun, edit.entry.original) == ("enterprise", "business")


EVIDENCE = Evidence(0.5, 0.0, 0.0, 0.0, 0.0, None, None, 1.0)


def decision(start: int, before: str, after: str, confidence: float) -> Decision:
    end = start + len(before)
    return Decision(start, end, before, after, confidence, entry(before, after), EVIDENCE)


def test_a_candidate_writing_the_other_article_counts_for_the_word():
    # "a worldwide": "global" 0.53, "an international" 0.46: the word is surely spun.
    both = [
        decision(0, "a worldwide", "an international", 0.46),
        decision(2, "worldwide", "global", 0.53),
    ]
    assert 0.65 <= 0.46 + 0.53
    made, _ = choose(both, 0.65)
    assert [(d.before, d.after) for d in made] == [("worldwide", "global")]
    # Keeping the article, a phrase covers the article too ("a number of" -> "a lot of"):
    # "number of" is surely spun (0.46 + 0.53), so its likeliest reading is made, but the
    # phrase is not, its "a" being spun at 0.46 only.
    apart = [
        decision(0, "a number of", "a lot of", 0.46),
        decision(2, "number of", "several", 0.53),
    ]
    assert [(d.before, d.after) for d in choose(apart, 0.65)[0]] == [("number of", "several")]
    apart[1] = decision(2, "number of", "several", 0.3)
    assert choose(apart, 0.65)[0] == []


def _article_evidence(text: str, spun: str) -> float:
    """The article evidence of the default book's candidate ``spun`` in ``text``."""
    found = Repairer().explain(text)
    return max(d.evidence.article for d in found.edits + found.declined if d.before == spun)


@pytest.mark.parametrize(
    ("text", "spun", "evidence"),
    [
        # A singular determiner before a count of plural units is what the spinner
        # leaves of "a year" and "this year".
        ("Sales rose 5 percent from a 12 months earlier.", "12 months", True),
        ("The band will tour Asia later this 12 months.", "12 months", True),
        # ... but not as a possessive or compound ("a 12 months' supply"), nor after
        # "another" or "that", which take counts as they are.
        ("The pharmacy gave him a 12 months' supply.", "12 months", False),
        ("The contract runs for another 12 months.", "12 months", False),
        ("Officials said that 12 months of talks had failed.", "12 months", False),
        ("Prices rose 3.4 percent in the 12 months to March.", "12 months", False),
        # "final 12 months" with no determiner is the spinner's "last year"; with one it
        # is as written.
        ("He joined the club final 12 months.", "final 12 months", True),
        ("Sales rose 5 percent over the final 12 months.", "final 12 months", False),
        ("In their final 12 months the band toured Asia.", "final 12 months", False),
    ],
)
def test_a_count_of_units_where_one_unit_is_meant(text, spun, evidence):
    assert (_article_evidence(text, spun) > 0) is evidence
    if not evidence:
        assert Repairer().repair(text) == text
