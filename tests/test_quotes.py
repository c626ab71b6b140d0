"""Quotations a spinner left alone (unspin.quotes): where a page's quotes read as clean
at its rate, the candidates inside them are declined; where they were spun, repaired."""

from __future__ import annotations

import pytest
from support import seed

from unspin import Repairer
from unspin.quotes import SPARED, spans
from unspin.reporting import _Tables


def test_quoted_passages_are_found_on_one_line():
    text = 'He said "the talks will go on" and then “we will see it through”.\n"no\nquote"'
    assert [text[s:e] for s, e in spans(text)] == ["the talks will go on", "we will see it through"]
    assert spans('a "short" word') == []


def in_quotes(text: str, decisions) -> list:
    quoted = spans(text)
    return [d for d in decisions if any(s <= d.start and d.end <= e for s, e in quoted)]


def test_the_seeds_spared_quotes_keep_their_words():
    # Seed 000 leaves every quotation as it was (see ../shared/notes/spinner.md).
    text = seed("000")
    result = Repairer().explain(text)
    assert in_quotes(text, result.edits) == []
    inside = in_quotes(text, result.declined)
    assert inside and max(d.evidence.spared for d in inside) > 0.85
    # The report says so beside each of them (per mille).
    most = max(inside, key=lambda d: d.evidence.spared)
    assert _Tables().candidate(most)[13] == round(most.evidence.spared * 1000) > 850


def test_spun_quotes_are_still_repaired():
    # Seed 002 spins several of its quotations.
    text = seed("002")
    edits = in_quotes(text, Repairer().explain(text).edits)
    assert len(edits) >= 10
    assert all(e.evidence.spared < 0.5 for e in edits)


@pytest.mark.parametrize("mark", ['"', "“"])
def test_a_spun_quote_in_a_spun_sentence_is_repaired(mark):
    close = '"' if mark == '"' else "”"
    text = f"Chinese language officers mentioned: {mark}The Center East talks will proceed.{close}"
    result = Repairer().explain(text)
    assert "Middle East" in result.text
    assert all(e.evidence.spared <= SPARED + 0.05 for e in result.edits)
