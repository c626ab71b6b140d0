"""The decisions of unspin.deciding that depend on the book: an original its writer uses
nearby (``REUSED``), with the spinner's own table loaded alone; the words left unspun
(``KEPT_WEIGHT``), with the default book's open vocabulary."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from unspin import Config, Repairer, deciding, tokenizing, weighing

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_light

BOOK = "spun\toriginal\tsource\npoints\tissues\tme\nmentioned\tsaid\tme\nofficers\tofficials\tme\n"
SPUN = "The officers mentioned several points about tariffs."
# The same, after a sentence that uses the original "issues" as it is.
NEARBY = "Trade issues were on the agenda.\n" + SPUN
# ... and after one that does not.
ELSEWHERE = "Trade rules were on the agenda.\n" + SPUN


def _confidence(repairer: Repairer, text: str, before: str) -> float:
    result = repairer.explain(text)
    return max(d.confidence for d in result.edits + result.declined if d.before == before)


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "table.tsv"
    path.write_text(BOOK, encoding="utf-8")
    return path


def test_an_original_used_nearby_is_likelier_with_the_spinners_table(book, monkeypatch):
    alone = Repairer(Config(phrasebooks=(book,), default_phrasebook=False))
    assert deciding.REUSED > 1.0
    found = alone.explain(NEARBY)
    points = [d for d in found.edits + found.declined if d.before == "points"]
    assert points and all(d.evidence.reused > 0 for d in points)
    assert all(d.evidence.reused == 0 for d in found.edits + found.declined if d.before != "points")
    reused = _confidence(alone, NEARBY, "points")
    other = _confidence(alone, ELSEWHERE, "points")
    officers = _confidence(alone, NEARBY, "officers")  # "officials" stands nowhere
    monkeypatch.setattr(deciding, "REUSED", 1.0)
    assert _confidence(alone, NEARBY, "points") < reused
    # Only where the original stands nearby; the other candidates are as they were.
    assert _confidence(alone, ELSEWHERE, "points") == other
    assert _confidence(alone, NEARBY, "officers") == officers


def test_an_original_used_nearby_changes_nothing_with_the_default_book(book, monkeypatch):
    both = Repairer(Config(phrasebooks=(book,)))
    with_reuse = both.explain(NEARBY)
    assert any(d.before == "points" for d in with_reuse.edits + with_reuse.declined)
    monkeypatch.setattr(deciding, "REUSED", 1.0)
    assert both.explain(NEARBY) == with_reuse


def test_a_clean_text_looks_up_no_word(book, monkeypatch):
    def looked_up(self):
        raise AssertionError("looked up")

    monkeypatch.setattr(tokenizing.Occurrences, "at", property(looked_up))
    alone = Repairer(Config(phrasebooks=(book,), default_phrasebook=False))
    # Its candidate ("officers" may stand for "officials") is pruned before it is scored.
    clean = "The two officers walked to the station and spoke to the press about it."
    assert alone.repair(clean) == clean
    with pytest.raises(AssertionError, match="looked up"):
        alone.explain(NEARBY)  # every candidate is scored


# A development pair spun lightly throughout: a share of its real substitutions applied
# (the light-spinning benchmark's texts), the rest of the page left as its writer had it.
_PAIR = Path(bench_light.__file__).parent / "data" / "pairs"


def _light_page() -> tuple[str, str]:
    spun = (_PAIR / "000.spun.txt").read_text(encoding="utf-8")
    original = (_PAIR / "000.orig.txt").read_text(encoding="utf-8")
    return bench_light.lighten(spun, original, 0.3, seed=1), original


def test_words_left_unspun_count_for_less_with_the_default_book(monkeypatch):
    light, original = _light_page()
    repairer = Repairer()
    weighed = repairer.explain(light)
    monkeypatch.setattr(weighing, "KEPT_WEIGHT", 1.0)
    full = repairer.explain(light)
    # Counted in full, the words the spinner left outweigh its few spins on each line.
    assert weighed.spin_rate > full.spin_rate
    assert len(weighed.edits) > len(full.edits)
    # Clean text stays clean either way.
    assert repairer.repair(original) == original


def test_the_words_key_priors_are_kept_within_a_bound(monkeypatch):
    """A process repairing a corpus meets ever more words as written; the unspun words'
    table of key priors starts again past its bound, with the same repairs."""
    from unspin import unspun

    light, _ = _light_page()
    before = Repairer().explain(light)
    monkeypatch.setattr(unspun, "WEIGHT_ENTRIES", 8)
    repairer = Repairer()
    assert repairer.explain(light) == before
    weigher = repairer._compile()[1]
    assert 0 < len(weigher._unspun._weights) <= 8


def test_words_left_unspun_count_in_full_for_detection_and_a_closed_book(book, monkeypatch):
    light, _ = _light_page()
    alone = Repairer(Config(phrasebooks=(book,), default_phrasebook=False))
    default = Repairer()
    before = (alone.explain(light), default.detect(light), default.detect(light, paragraphs=True))
    monkeypatch.setattr(weighing, "KEPT_WEIGHT", 0.25)
    assert (
        alone.explain(light),
        default.detect(light),
        default.detect(light, paragraphs=True),
    ) == before


@pytest.mark.parametrize(
    ("text", "candidate", "original", "listed"),
    [
        ("not be used to promote, endorse or advertise it", "advertise", "promote", True),
        ("to advertise, endorse or promote it", "advertise", "promote", True),
        ("to use, copy, modify, merge, post", "post", "modify", True),
        ("red, green and blue, or red", "red", "blue", False),  # the list has ended
        ("more and extra", "extra", "more", False),  # "more and more": an idiom, no list
        ("very, extremely good", "extremely", "very", False),  # "very, very": likewise
        ("to use, copy, modify, merge, post", "post", "use", False),  # three members away
        ("promotional, endorse or advertise", "advertise", "promote", False),  # not the word
    ],
)
def test_a_candidate_whose_original_stands_in_its_list(text, candidate, original, listed):
    start = text.rindex(candidate)
    end = start + len(candidate)
    assert deciding.repeats_in_list(text, start, end, (original,)) is listed


def test_no_edit_repeats_a_word_of_its_list():
    # The SIL Open Font License: "advertise" is the spinner's word for "promote" (a seed
    # mapping), but "promote" stands two members before it.
    text = (
        "4) The name(s) of the Copyright Holder(s) or the Author(s) of the Font Software "
        "shall not be used to promote, endorse or advertise any Modified Version."
    )
    found = Repairer().explain(text)
    assert found.text == text
    listed = [d for d in found.declined if d.evidence.listed]
    assert [(d.before, d.after, d.confidence) for d in listed] == [("advertise", "promote", 0.0)]
    # Without "promote" in its list, the same candidate is weighed as any other.
    other = Repairer().explain(text.replace("promote, endorse", "endorse"))
    assert not any(d.evidence.listed for d in other.edits + other.declined)


def test_a_repair_weighs_fewer_regions_with_every_entry_than_detection():
    """A repair's screen (REPAIR_SCREEN) sends on to the second stage only the regions it
    could edit: a clean sentence whose strong candidates make it a little suspect is
    weighed on them alone, where detection, ranking every region, weighs its weak
    candidates too."""
    assert weighing.REPAIR_SCREEN > weighing.SCREEN
    text = "The budget passed on a split, 5-4, vote after a long debate."
    matcher, decider = Repairer()._compile()
    matches, keys = matcher.find(text)
    ranked = decider.analyse(text, matches, keys, screen=weighing.SCREEN)
    screened = decider.analyse(text, matches, keys, screen=weighing.REPAIR_SCREEN)
    assert len(screened.lattices) < len(ranked.lattices)
    assert Repairer().repair(text) == text


def test_a_repairs_screen_changes_no_edit(monkeypatch):
    """Spun pages, fully and lightly, and a paper paraphraser's swaps (which the first
    stage does not see: their regions keep SCREEN) are repaired as at detection's
    screen."""
    spun = (_PAIR / "000.spun.txt").read_text(encoding="utf-8")
    light, _ = _light_page()
    paper = (
        "Patients were partitioned into two gatherings. The control gathering received "
        "standard care. The affectability of the test was 86%."
    )
    texts = (spun, light, paper)
    screened = [Repairer().explain(t).edits for t in texts]
    monkeypatch.setattr(deciding, "REPAIR_SCREEN", weighing.SCREEN)
    ranked = [Repairer().explain(t).edits for t in texts]
    assert screened == ranked
    assert len(screened[2]) == 3  # "gatherings", "gathering", "affectability"
