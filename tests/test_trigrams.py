"""The trigram correction (unspin.trigrams) and the local comparison it enters
(LanguageModel.local)."""

from __future__ import annotations

import sys

import pytest
from support import in_threads

from unspin import language_model, trigrams
from unspin.language_model import TRIGRAM_WEIGHT, LanguageModel
from unspin.lattice import group_context

pytestmark = pytest.mark.skipif(trigrams.load() is None, reason="pocketsphinx is not installed")


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return language_model.load_default()


def test_the_second_word_of_context_counts(lm):
    correction = lm._trigrams.correction
    # "earlier" after "a day" is likelier than after "day" alone; "before you" after
    # "day" is less likely than "before you" anywhere.
    assert correction("a", "day", "earlier") > 1.0
    assert correction("day", "before", "you") < -1.0
    # Where the model has no trigram and no backoff weight, nothing changes.
    assert correction("earlier", "than", "you") == pytest.approx(0.0, abs=1e-3)


def test_unknown_words_and_us_change_nothing(lm):
    correction = lm._trigrams.correction
    assert correction("said", "xyzzyq", "the") == 0.0
    assert correction("xyzzyq", "said", "the") == correction("qzzyx", "said", "the") == 0.0
    # CMU's "us" is the pronoun only; a folded "US" is as often the country.
    assert correction("the", "us", "army") == 0.0
    # Nor does text no UTF-8 can hold (a lone surrogate), or no word at all.
    assert correction("a", "\ud800", "c") == correction("", "", "") == 0.0


def test_local_is_side_plus_the_weighted_corrections(lm):
    correction = lm._trigrams.correction
    words = ("earlier", "than")
    got = lm.local("day", "you", words, ("a", "day"), ("you", "need"))
    windows = [
        ("a", "day", "earlier"),
        ("day", "earlier", "than"),
        ("earlier", "than", "you"),
        ("than", "you", "need"),
    ]
    expected = lm.side("day", "you", words) + TRIGRAM_WEIGHT * sum(correction(*w) for w in windows)
    assert got == pytest.approx(expected)
    # No usable context (None): no window, the bigram comparison alone.
    assert lm.local("day", "you", words) == lm.side("day", "you", words)
    # A window with an unknown (or untrusted) word is left out.
    partial = lm.local("day", "you", words, (None, "day"), ("you", None))
    assert partial == pytest.approx(
        lm.side("day", "you", words) + TRIGRAM_WEIGHT * sum(correction(*w) for w in windows[1:3])
    )


def test_a_collocation_costs_less_against_a_shorter_original(lm):
    """ "a day earlier than you" against "a day before you": 7.4 nats with bigrams, about
    6 with the correction ("earlier" after "a day")."""
    context = ("a", "day"), ("you", "need")
    bigram = lm.side("day", "you", ("before",)) - lm.side("day", "you", ("earlier", "than"))
    local = lm.local("day", "you", ("before",), *context) - lm.local(
        "day", "you", ("earlier", "than"), *context
    )
    assert bigram - local > 1.0


def test_without_pocketsphinx_the_model_is_a_bigram_model(monkeypatch):
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)  # import fails
    assert trigrams.model_path() is None
    with pytest.warns(RuntimeWarning, match="without trigrams"):
        model = language_model.load_default()
    args = ("day", "you", ("earlier", "than"), ("a", "day"), ("you", "need"))
    assert model.local(*args) == model.side(*args[:3])


def test_corrections_from_many_threads_agree_with_one(lm):
    fresh = trigrams.load()
    queries = [
        (a, b, c)
        for a in ("the", "a", "<s>", "said")
        for b in ("day", "officials", "talks", "market")
        for c in ("said", "on", "at", "</s>", "earlier")
    ]
    serial = [lm._trigrams.correction(*q) for q in queries]
    found = in_threads(lambda: [fresh._correction(*q) for q in reversed(queries)][::-1])
    assert found == [serial] * 4


def test_a_group_has_two_words_of_context_where_the_text_gives_them():
    text = "Officials met. Talks on the Center East, he said, would resume soon."

    def context(phrase: str) -> tuple:
        at = text.index(phrase)
        c = group_context(text, at, at + len(phrase))
        return c.left2, c.left, c.right, c.right2

    # A sentence's start counts as a word before; a comma or a sentence's end stops
    # the context, and nothing is read past the end of a sentence.
    assert context("on the") == ("<s>", "talks", "center", "east")
    assert context("Talks") == (None, "<s>", "on", "the")
    assert context("would") == (None, None, "resume", "soon")
    assert context("soon") == ("would", "resume", "</s>", None)
    assert context("East") == ("the", "center", None, None)
