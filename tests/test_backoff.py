"""The backoff bigram file (unspin.backoff) and how the language model averages it in."""

from __future__ import annotations

import math

import pytest

import unspin
from unspin import language_model
from unspin.backoff import STEP, BackoffBigrams, write_model

WORDS = ["<s>", "middle", "east", "center", "us", "united", "states"]


def small_model(tmp_path):
    ids = {w: i for i, w in enumerate(WORDS)}
    unigram = [-99.0, -8.0, -7.5, -8.5, -6.0, -7.0, -7.2]
    backoff = [-0.5, -1.0, -0.8, -1.2, -0.3, -0.9, -0.4]
    bigrams = {
        (ids["middle"], ids["east"]): -1.62,
        (ids["<s>"], ids["middle"]): -6.0,
        (ids["united"], ids["states"]): -0.3,
    }
    path = tmp_path / "model.bin"
    write_model(path, WORDS, unigram, backoff, bigrams)
    return BackoffBigrams(path), unigram, backoff


def test_a_held_bigram_reads_back_within_half_a_step(tmp_path):
    model, _, _ = small_model(tmp_path)
    assert len(model) == 3
    assert abs(model.bigram("middle", "east") - -1.62) <= STEP / 2
    assert abs(model.bigram("united", "states") - -0.3) <= STEP / 2


def test_a_missing_bigram_backs_off_to_weight_times_unigram(tmp_path):
    model, unigram, backoff = small_model(tmp_path)
    # "center east" is not held: bo(center) + log P(east).
    assert model.bigram("center", "east") == pytest.approx(backoff[3] + unigram[2], abs=1e-6)
    assert model.bigram("center", "east") < model.bigram("middle", "east") - 5


def test_unknown_words(tmp_path):
    model, unigram, _ = small_model(tmp_path)
    assert model.bigram("middle", "zzz") is None
    assert model.unigram("zzz") is None
    assert "zzz" not in model and "east" in model
    # An unknown context gives the word's unigram.
    assert model.bigram("zzz", "east") == pytest.approx(unigram[2], abs=1e-6)


def test_bad_files_are_clear_errors(tmp_path):
    small_model(tmp_path)
    data = (tmp_path / "model.bin").read_bytes()
    (tmp_path / "other.bin").write_bytes(b"not a model" + data)
    with pytest.raises(ValueError, match="not an unspin backoff model"):
        BackoffBigrams(tmp_path / "other.bin")
    (tmp_path / "short.bin").write_bytes(data[:-2])
    with pytest.raises(ValueError, match="truncated"):
        BackoffBigrams(tmp_path / "short.bin")
    with pytest.raises(ValueError, match="same length"):
        write_model(tmp_path / "x.bin", ["a"], [0.0, 0.0], [0.0], {})


def test_shipped_model_tells_a_sense_error_from_the_original():
    lm = language_model.load_default()
    assert lm.bigram("middle", "east") > lm.bigram("center", "east") + 3
    assert lm.bigram("in", "school") > lm.bigram("in", "shoal")


def test_evidence_of_spinning_uses_the_web_counts_alone():
    lm = language_model.load_default()
    assert lm.evidence is not lm
    assert lm.evidence.evidence is lm.evidence
    web = lm.evidence.bigram("school", "history")
    assert web == lm._web("school", "history", lm.unigram("history"))
    assert lm.bigram("school", "history") != web


def test_folded_us_is_the_pronoun_or_the_country():
    # CMU's "us" is the pronoun only; "the US" must not read as impossible.
    lm = language_model.load_default()
    other = lm._other("the", "us")
    assert other is not None
    assert other >= lm._backoff.bigram("the", "united") + lm._backoff.bigram("united", "states")
    assert other >= lm._backoff.bigram("the", "us")
    assert math.isfinite(lm._other("us", "should"))


def test_listed_is_a_bigram_of_its_own_not_a_backed_off_one(tmp_path):
    model, _, _ = small_model(tmp_path)
    assert model.listed("middle", "east")
    assert not model.listed("center", "east")  # reached by backing off only
    assert not model.listed("middle", "nowhere")


def test_a_fingerprint_is_a_pair_neither_model_attests():
    """ "Counterfeit consciousness" is written by paraphrasers only; "unsaturated fats"
    is missing from the web table (under its 100,000 floor) but CMU's bigrams list it:
    ordinary English, no fingerprint, though a paraphraser writes it for "fatty acids"."""
    from unspin.phrasebook import Entry
    from unspin.rules import fingerprint

    lm = language_model.load_default()
    assert lm.count("unsaturated fats") is None
    assert lm.attested("unsaturated", "fats")
    assert not lm.attested("counterfeit", "consciousness")
    tortured = Entry("counterfeit consciousness", "artificial intelligence", "tortured", "", 0, 0.9)
    ordinary = Entry("unsaturated fats", "fatty acids", "tortured", "", 0, 0.9)
    assert fingerprint(tortured, lm)
    assert not fingerprint(ordinary, lm)


def test_a_possessive_reads_as_its_word_after_the_word_before():
    """Web 1T counted "red lobster's" as "red lobster" (its extract split off "'s"): a
    possessive's bigram is its word's, times the unigrams' ratio, in both halves of the
    model. So the word before it is judged as before the bare word."""
    lm = language_model.load_default()
    ratio = lm.unigram("lobster's") - lm.unigram("lobster")
    for model in (lm, lm.evidence):
        for prev in ("red", "pink", "the"):
            assert model.bigram(prev, "lobster's") - model.bigram(prev, "lobster") == (
                pytest.approx(ratio)
            )
    said = lm.side(None, "lobster's", ("red",)) - lm.side(None, "lobster's", ("pink",))
    assert said == pytest.approx(
        lm.side(None, "lobster", ("red",)) - lm.side(None, "lobster", ("pink",))
    )
    assert said > 5.0


def test_a_possessive_spin_is_judged_by_the_language_model():
    """A spun possessive ("the corporate's shares") is compared as its word is, not left
    without evidence for its apostrophe; a possessive of a word with digits, and a
    contraction ("it's": what follows is read after "is"), stay blind."""
    from unspin.language_model import is_unscored

    assert not is_unscored(("company's", "shares")) and not is_unscored(("americans'",))
    assert is_unscored(("3's",)) and is_unscored(("it'll",))
    assert is_unscored(("it's",)) and is_unscored(("that's",)) and is_unscored(("let's",))
    for apostrophe in ("'", "’"):
        text = f"The corporate{apostrophe}s shares fell sharply on Monday after the report."
        found = [
            d
            for d in unspin.repair_and_explain(text).declined
            if d.after == f"company{apostrophe}s"
        ]
        assert found and max(d.evidence.lm for d in found) > 2.0


def test_a_possessive_entry_is_judged_as_its_stem_entry_is(tmp_path):
    """A book's own possessive entry ("murderer's" -> "assassin's", the family's for
    "Assassin's Creed") is compared through its stem, as the possessive rule of an entry
    "murderer" -> "assassin" is: once it was left blind, without evidence either way."""
    text = "The new Murderer’s Creed game is due out next year, the studio said."
    found = {}
    for spun, original in (("murderer's", "assassin's"), ("murderer", "assassin")):
        book = tmp_path / f"{spun}.tsv"
        book.write_text(
            f"spun\toriginal\tsource\tprior\n{spun}\t{original}\tuser\t0.9\n", encoding="utf-8"
        )
        config = unspin.Config(phrasebooks=[book], default_phrasebook=False)
        result = unspin.Repairer(config).explain(text)
        found[spun] = [d for d in result.edits + result.declined if d.after == "Assassin’s"]
    assert found["murderer's"] and found["murderer"]
    lm = found["murderer's"][0].evidence.lm
    assert lm > 2.0
    assert lm == pytest.approx(found["murderer"][0].evidence.lm)
