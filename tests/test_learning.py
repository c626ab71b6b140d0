"""Learning a phrasebook from aligned pairs, and repairing with what was learned."""

from __future__ import annotations

import pytest
from support import PAIRS, check_edits, read

from unspin import Config, Repairer, phrasebook
from unspin.learning import learn, write_phrasebook
from unspin.tokenizing import tokens

# A spinner unspin's default phrasebook has never seen: its own thesaurus.
TEACHING = [
    (
        "The striker said the team will need a new goalkeeper before the season starts.",
        "The forward declared the squad will require a fresh custodian ahead of the campaign "
        "begins.",
    ),
    (
        "Fans said the goalkeeper was the best player on the team last season.",
        "Supporters declared the custodian was the finest performer on the squad last campaign.",
    ),
    (
        "The coach said the striker would need rest, and the team agreed.",
        "The trainer declared the forward would require rest, and the squad agreed.",
    ),
]
HELD_APART = (
    "Our goalkeeper said the team would need a striker for the new season.",
    "Our custodian declared the squad would require a forward for the new campaign.",
)


def _distance(a: str, b: str) -> int:
    import difflib

    x, y = tokens(a), tokens(b)
    sm = difflib.SequenceMatcher(a=x, b=y, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal")


def test_learn_extracts_word_mappings_with_counts():
    entries = learn(TEACHING)
    found = {(e.spun, e.original): e.source for e in entries}
    assert found[("declared", "said")] == "learned:3"
    assert found[("squad", "team")] == "learned:3"
    assert found[("custodian", "goalkeeper")] == "learned:2"
    assert found[("campaign", "season")] == "learned:2"
    assert ("ahead of", "before") in found
    # Identities and unchanged words are never entries.
    assert all(e.spun != e.original for e in entries)
    assert not any(e.spun in ("the", "rest", "agreed") for e in entries)
    # Most frequent first.
    counts = [int(e.source.split(":")[1]) for e in entries]
    assert counts == sorted(counts, reverse=True)


def test_learn_keeps_many_to_one_runs_and_anchors_insertions():
    pairs = [
        (
            "Prices rose this year in the Middle East.",
            "Costs rose this 12 months in the Center East.",
        ),
        ("The Chinese officials said so.", "The Chinese language officers mentioned so."),
        (
            "Chinese diplomats met a year ago.",
            "Chinese language diplomats met a 12 months in the past.",
        ),
    ]
    found = {(e.spun, e.original): e.source for e in learn(pairs)}
    assert found[("12 months", "year")] == "learned:2"
    assert ("center", "Middle") in found
    # "language" was added after "Chinese" twice, before different words: anchored on
    # "Chinese", also where it came in a run with other changes ("language officers said").
    assert found[("chinese language", "Chinese")] == "learned:2"
    assert ("officers", "officials") in found
    assert ("in the past", "ago") in found


def test_learn_keeps_capitals_seen_mid_sentence_only():
    pairs = [
        ("Many Americans agree.", "Many Individuals agree."),
        ("Tensions in the Middle East rose.", "Tensions within the Center East rose."),
        ("Officials said so. Said nothing.", "Officers mentioned so. Mentioned nothing."),
    ]
    found = {(e.spun, e.original) for e in learn(pairs)}
    assert ("individuals", "Americans") in found
    assert ("center", "Middle") in found
    # A capital at the start of a sentence is no evidence of a name.
    assert ("mentioned", "said") in found
    assert ("officers", "officials") in found


def test_learn_drops_punctuation_runs_and_identities():
    pairs = [
        ("Hello, world; fine.", "Hello - world, fine!"),
        ("Same text.", "same text."),
        ("", ""),
    ]
    assert learn(pairs) == []


def test_learn_rejects_bad_pairs():
    with pytest.raises(TypeError):
        learn([("only one text",)])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        learn([(b"bytes", "text")])  # type: ignore[list-item]


def test_write_phrasebook_round_trips(tmp_path):
    entries = learn(TEACHING)
    path = tmp_path / "learned.tsv"
    write_phrasebook(entries, path)
    loaded = phrasebook.load(path)
    assert [(e.spun, e.original, e.source) for e in loaded] == [
        (e.spun, e.original, e.source) for e in entries
    ]
    assert path.read_bytes().count(b"\r") == 0


def test_write_phrasebook_refuses_a_field_it_cannot_write(tmp_path):
    bad = phrasebook.Entry("a\tb", "c", "learned:1", "<learned>", 1)
    with pytest.raises(ValueError):
        write_phrasebook([bad], tmp_path / "bad.tsv")


def test_learned_phrasebook_repairs_a_held_apart_pair(tmp_path):
    path = tmp_path / "learned.tsv"
    write_phrasebook(learn(TEACHING), path)
    original, spun = HELD_APART
    alone = Repairer(Config(phrasebooks=(path,), default_phrasebook=False))
    result = alone.explain(spun)
    check_edits(spun, result)
    # The unambiguous spins are undone; "require", "forward" and "campaign" are ordinary
    # words too, and one short sentence is little evidence that they were spun.
    assert {(e.before, e.after) for e in result.edits} >= {
        ("custodian", "goalkeeper"),
        ("declared", "said"),
        ("squad", "team"),
    }
    assert 2 * _distance(result.text, original) <= _distance(spun, original)
    # The original side is clean text: it comes back unchanged.
    assert alone.repair(original) == original
    # Without what was learned, the default phrasebook cannot do it.
    assert Repairer().repair(spun) != original
    # On top of the default phrasebook, the learned entries are weighed too (one short
    # sentence is little evidence that a text was spun: the default phrasebook's open
    # vocabulary counts every unlisted word as a key the spinner may have left).
    both = Repairer(Config(phrasebooks=(path,))).explain(spun)
    learned = {
        (d.before, d.after)
        for d in both.edits + both.declined
        if d.entry.source.startswith("learned") and d.confidence > 0.3
    }
    assert {("custodian", "goalkeeper"), ("squad", "team")} <= learned


def test_learned_from_two_dev_pairs_repairs_the_third(tmp_path):
    pairs = {
        pid: (read(PAIRS / f"{pid}.orig.txt"), read(PAIRS / f"{pid}.spun.txt"))
        for pid in ("000", "002", "003")
    }
    path = tmp_path / "learned.tsv"
    write_phrasebook(learn([pairs["000"], pairs["002"]]), path)
    original, spun = pairs["003"]
    repaired = Repairer(Config(phrasebooks=(path,), default_phrasebook=False)).repair(spun)
    assert _distance(repaired, original) < 0.85 * _distance(spun, original)
    # The held-apart pair's original side is clean text: it must come back unchanged.
    assert (
        Repairer(Config(phrasebooks=(path,), default_phrasebook=False)).repair(original) == original
    )
