"""The lattice's judged comparisons (unspin.lattice): the cap and the rules it clips."""

from __future__ import annotations

import math
from typing import NamedTuple

from hypothesis import example, given
from hypothesis import strategies as st

from unspin import Config, Repairer, lattice

CAP = lattice.LM_CAP


class _Rule(NamedTuple):  # the fields of a Rule that _shares reads
    fingerprint: bool
    blind: bool
    log_channel: float


def _judged(rows: list[tuple[float, float, bool]]) -> list[tuple]:
    """Judgements as lattice.build makes them: (rule id, rule, words, case, article,
    calibration, lean, pruned lean, raw, near), from (channel, near, fingerprint)."""
    return [
        lattice._Judgement(k, _Rule(fp, False, channel), ("w",), 0, 0, 0.0, 0.0, 0.0, near, near)
        for k, (channel, near, fp) in enumerate(rows)
    ]


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


finite = st.floats(-12.0, 12.0, allow_nan=False)


@given(st.lists(st.tuples(st.floats(-6.0, 0.0), finite, st.booleans()), max_size=6))
# Unequal base weights: the weaker rule reads more than the cap and log 2 (5.6 > 5.3).
@example([(0.0, 5.0, False), (-1.0, 7.0, False)])
def test_clipped_rules_keep_their_distances_and_their_capped_sum(rows):
    judged = _judged(rows)
    shares = lattice._shares(judged, 1.0, CAP, False)
    clipped = [k for k, (_, near, fp) in enumerate(rows) if near > CAP and not fp]
    if len(clipped) < 2:
        assert shares is None
        return
    assert shares is not None
    # Only the clipped rules move, all by one constant ...
    assert [k for k, v in enumerate(shares) if v is not None] == clipped
    moved = {rows[k][1] - shares[k] for k in clipped}
    assert max(moved) - min(moved) < 1e-9
    # ... which leaves the sum of their weights as it is with the cap.
    capped = _logsumexp([rows[k][0] + CAP for k in clipped])
    kept = _logsumexp([rows[k][0] + shares[k] for k in clipped])
    assert math.isclose(capped, kept, abs_tol=1e-9)
    # No one of them reads more than its own weight allows inside that sum: the cap
    # plus the log of the clipped rules' summed base weights over its own (at most
    # the log of their number when the base weights are equal).
    together = _logsumexp([rows[k][0] for k in clipped])
    for k in clipped:
        assert shares[k] <= CAP + together - rows[k][0] + 1e-9


def test_a_site_with_one_clipped_rule_is_left_as_capped():
    judged = _judged([(-1.0, 9.0, False), (-0.5, 1.0, False)])
    assert lattice._shares(judged, 1.0, CAP, False) is None


def test_two_originals_above_the_cap_are_told_apart_by_the_model(tmp_path, monkeypatch):
    # "prior range of" and "prior change of" both read far better than the family's
    # "prior vary of": at the cap both stood at 100:1 and the channel chose "change".
    book = tmp_path / "mine.tsv"
    book.write_text("spun\toriginal\tsource\nvary\tchange\tmine\nvary\trange\tmine\n")
    text = (
        "The company now expects a profit of $2.58 to $2.63 a share, a slight rise from "
        "its prior vary of $2.52 to $2.62."
    )

    def ranked() -> list[str]:
        result = Repairer(Config(phrasebooks=[book])).explain(text)
        found = [c for c in (*result.edits, *result.declined) if c.before == "vary"]
        return [c.after for c in sorted(found, key=lambda c: -c.confidence)]

    assert ranked() == ["range", "change"]
    monkeypatch.setattr(lattice, "SHIFT_CAPPED", False)
    assert ranked() == ["change", "range"]


def test_a_titles_full_stop_ends_no_sentence():
    """The word after "Mr.", "Dr." or "Bros." is read after that word, not as a
    sentence's first word (it stands mid-sentence: "Super Mario Bros. Wonder"); after any
    other full stop it opens a sentence."""
    from unspin.language_model import START
    from unspin.lattice import group_context

    for text, word, left in (
        ("Mr. Furukawa said so.", "Furukawa", "mr"),
        ("Tremendous Mario Bros. Surprise is out.", "Surprise", "bros"),
        ("Sales rose. Surprise was the word.", "Surprise", START),
        ("It rose 5 p.c. Profit fell.", "Profit", START),
    ):
        at = text.index(word)
        assert group_context(text, at, at + len(word)).left == left, text


def test_a_titles_full_stop_ends_no_sentence_on_the_right():
    """Both sides agree: a group ending at "Dr." or "Bros." reads the next word after
    it, and a group whose next word is such a title reads past it; after any other full
    stop the sentence ends."""
    from unspin.language_model import END
    from unspin.lattice import group_context

    for text, word, right, right2 in (
        ("Warner Bros. Pictures said so.", "Bros", "pictures", "said"),
        ("He met Dr. Chen there.", "met", "dr", "chen"),
        ("Sales rose. Profit fell.", "rose", END, None),
        ("It rose 5 p.c. Profit fell.", "p.c", END, None),
    ):
        at = text.index(word)
        context = group_context(text, at, at + len(word))
        assert (context.right, context.right2) == (right, right2), text


def test_a_rule_spelled_by_a_shorter_one_and_kept_words_is_one_reading(tmp_path):
    # Two rules, one reading: "Zorblax Vane 2" -> "Zorblax Gate 2", and "Zorblax Vane" ->
    # "Zorblax Gate" with the "2" kept. Split between two ways, each had about half the
    # confidence of the reading (and neither was made).
    book = tmp_path / "mine.tsv"
    book.write_text(
        "spun\toriginal\tsource\n"
        "zorblax vane\tZorblax Gate\tmine\n"
        "zorblax vane 2\tZorblax Gate 2\tmine\n"
        "vary\trange\tmine\n"
    )
    text = "The Zorblax Vane 2 sold well, and its prior vary of prices held."
    result = Repairer(Config(phrasebooks=[book], default_phrasebook=False)).explain(
        text, declined=True
    )
    found = [c for c in (*result.edits, *result.declined) if c.before.startswith("Zorblax")]
    assert len(found) == 1
    assert result.text.startswith("The Zorblax Gate 2 sold well")
