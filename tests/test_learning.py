"""Learning a phrasebook from aligned pairs, and repairing with what was learned."""

from __future__ import annotations

import sys

import pytest
from support import PAIRS, ROOT, check_edits, read

from unspin import Config, Repairer, phrasebook
from unspin.learning import learn, observe, write_phrasebook
from unspin.tokenizing import normalize_phrase, tokens

sys.path.insert(0, str(ROOT / "benchmarks"))  # common.aligned_distance

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
# Three sentences: with a book of the spinner's own table alone, a lone sentence starts
# less suspect (unspin.rates.CLOSED_PRIOR_SPUN), and this small book's web-count evidence
# on one sentence ("our custodian", "declared the") is too little to repair it alone; on
# the first two alone, their region is 0.85 likely spun, under a short text's gate
# (unspin.choosing.SHORT_SPUN, 0.9).
HELD_APART = (
    "Our goalkeeper said the team would need a striker for the new season. "
    "The fans said the coach was the best in years. "
    "Before the season the coach said the team had the best goalkeeper.",
    "Our custodian declared the squad would require a forward for the new campaign. "
    "The supporters declared the trainer was the finest in years. "
    "Ahead of the campaign the trainer declared the squad had the finest custodian.",
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
    assert ("center", "middle") in found
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
    # A capital that belongs to a name of several words comes back from the spun text
    # ("Center East" -> "Middle East"): written in lowercase, as in the shipped book.
    assert ("center", "middle") in found
    assert ("center", "Middle") in {(e.spun, e.original) for e in observe(pairs)}
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
        ("supporters", "fans"),
        ("trainer", "coach"),
        ("finest", "best"),
    }
    assert 2 * _distance(result.text, original) <= _distance(spun, original)
    # The original side is clean text: it comes back unchanged.
    assert alone.repair(original) == original
    # Without what was learned, the default phrasebook cannot do it.
    assert Repairer().repair(spun) != original
    # On top of the default phrasebook, the learned entries are weighed too (one short
    # sentence is little evidence that a text was spun: the default phrasebook's open
    # vocabulary counts every unlisted word as a key the spinner may have left, and a
    # lone sentence is spun with prior probability unspin.rates.PRIOR_SPUN, 0.09).
    both = Repairer(Config(phrasebooks=(path,))).explain(spun)
    learned = {
        (d.before, d.after)
        for d in both.edits + both.declined
        if d.entry.source.startswith("learned") and d.confidence > 0.2
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


# --- vetting, weighing, --min-count, chains (issue 17) ----------------------------------

DEV = ("000", "002", "003")


def _dev_pairs() -> dict[str, tuple[str, str]]:
    return {p: (read(PAIRS / f"{p}.orig.txt"), read(PAIRS / f"{p}.spun.txt")) for p in DEV}


def test_learn_vets_alignment_noise_as_the_shipped_book_does():
    pairs = _dev_pairs()
    found = {(e.key, e.original.lower()) for e in learn([pairs["000"], pairs["002"]])}
    noise = {
        ("many", "the"),  # an article alone
        ("an", "a"),
        ("of", "as"),  # 3 sightings beside 62 unspun "of": the aligner's
        ("that", "so"),  # a function word for another, seen once
        ("called", "as"),  # one word for a function word, seen once
        ("the coronary", "the"),  # the other side with words added
        ("kim much", "kim"),
        ("language officers", "officials"),  # cut across "chinese language" and "officers"
    }
    assert not noise & found
    # The spinner's own mappings stay, function words it rewrites often included.
    assert {
        ("mentioned", "said"),
        ("within", "in"),
        ("on", "at"),
        ("chinese language", "chinese"),
        ("officers", "officials"),
        ("brand new", "new"),
    } <= found


def test_a_side_with_words_added_is_noise_whatever_its_apostrophes():
    """The copy's "also you're" beside the original's "you’re" is the other side with a
    word added, as with one apostrophe; a different word is not."""
    from unspin import vetting

    assert vetting.contains("also you're", "you’re")
    assert vetting.contains("it’s essentially", "it's")
    assert vetting.added_words("so they're", "they’re") == ["so"]
    assert not vetting.contains("they're", "you’re")


def test_learn_weighs_each_entry_by_its_spun_side_left_unspun():
    spun_once = ("The large dog ran home.", "The big dog ran home.")
    left = ("A big cat sat there.", "A big cat sat there.")  # "big" written by the author

    def prior(unspun: int) -> float | None:
        found = {(e.spun, e.original): e.prior for e in learn([spun_once] + [left] * unspun)}
        return found.get(("big", "large"))

    assert prior(0) == 0.95  # as the shipped book's mappings seen in the development pairs
    assert 0.5 < prior(9) < 0.95  # one "big" in ten stood for "large"
    assert prior(20) is None  # one in 21: what an aligner's mistake looks like


def test_learned_priors_are_written_and_read_back(tmp_path):
    pairs = _dev_pairs()
    entries = learn([pairs["000"], pairs["002"]])
    assert {e.prior for e in entries} > {0.95}  # some entries weigh less
    path = tmp_path / "learned.tsv"
    write_phrasebook(entries, path)
    loaded = phrasebook.load(path)
    assert [(e.spun, e.original, e.source, e.prior) for e in loaded] == [
        (e.spun, e.original, e.source, e.prior) for e in entries
    ]


def test_learn_min_count():
    counts = {(e.spun, e.original): int(e.source.split(":")[1]) for e in learn(TEACHING)}
    frequent = {(e.spun, e.original) for e in learn(TEACHING, min_count=2)}
    assert frequent == {pair for pair, n in counts.items() if n >= 2}
    assert ("declared", "said") in frequent and ("ahead of", "before") not in frequent
    with pytest.raises(ValueError, match="min_count"):
        learn(TEACHING, min_count=0)
    with pytest.raises(TypeError, match="min_count"):
        learn(TEACHING, min_count="2")  # type: ignore[arg-type]


def test_learn_writes_no_chains():
    pairs = [
        ("Tensions in the Middle East rose.", "Tensions in the Center East rose."),
        ("Ships in the Middle East were hit.", "Ships in the Center East were hit."),
        ("He stood in the center of town.", "He stood in the middle of town."),
    ]
    found = {(e.key, e.original) for e in learn(pairs)}
    assert ("center", "middle") in found  # seen twice: kept
    assert ("middle", "center") not in found  # its original is a spun key
    entries = learn(list(_dev_pairs().values()))
    keys = {e.key for e in entries}
    assert not [e for e in entries if normalize_phrase(e.original) in keys]


def test_learn_command_min_count(tmp_path, capsys):
    from unspin.cli import main

    args = [PAIRS / f"{p}.{side}.txt" for p in ("000", "002") for side in ("orig", "spun")]
    out = tmp_path / "learned.tsv"
    assert main(["learn", *map(str, args), "-o", str(out), "--min-count", "3"]) == 0
    entries = phrasebook.load(out)
    assert entries and all(int(e.source.split(":")[1]) >= 3 for e in entries)
    with pytest.raises(SystemExit) as exit_:
        main(["learn", *map(str, args), "-o", str(out), "--min-count", "0"])
    assert exit_.value.code == 2
    assert "--min-count" in capsys.readouterr().err


@pytest.mark.slow
def test_a_learned_book_never_lowers_error_reduction_leave_one_out(tmp_path):
    """Learned from two development pairs, added to the default book, a phrasebook must
    not make repair of the third (the same spinner) worse than the default book alone
    (by more than one token)."""
    from common import aligned_distance

    pairs = _dev_pairs()
    default = Repairer()
    for held in DEV:
        path = tmp_path / f"without-{held}.tsv"
        write_phrasebook(learn([pairs[p] for p in DEV if p != held]), path)
        with_learned = Repairer(Config(phrasebooks=(path,)))
        original, spun = pairs[held]
        before = aligned_distance(spun, original)
        alone = 1 - aligned_distance(default.repair(spun), original) / before
        both = 1 - aligned_distance(with_learned.repair(spun), original) / before
        # At most one token of difference: a learned alternative for a spun word the
        # default book also knows can split one close decision ("portions" in 002).
        assert both >= alone - 1.0 / before, (held, alone, both)


@pytest.mark.parametrize(
    ("spun", "original", "changed"),
    [
        ("20", "two", True),  # the aligner pairing "20 years" with "two decades"
        ("3", "three", False),  # the same number, in figures
        ("nineteen eighties", "1980s", False),  # the same number, spelled out
        ("12 months", "year", False),  # no number on one side
        ("1,000", "1000", False),
    ],
)
def test_a_mapping_never_changes_a_number(spun, original, changed):
    from unspin import vetting

    assert vetting.changes_quantity(spun, original) is changed
