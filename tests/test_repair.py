"""Unit tests of the public API: types, clean text, preservation, case, confidence."""

from __future__ import annotations

import doctest
import pickle
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from support import (
    PAIRS,
    ROOT,
    SPUN_SEEDS,
    check_edits,
    clean_paths,
    in_threads,
    read,
    seed,
    token_distance,
)

from unspin import (
    Config,
    Repairer,
    batched,
    choosing,
    detect,
    inference,
    repair,
    repair_and_explain,
)
from unspin.casing import transfer_case
from unspin.deciding import starts_with_vowel_sound
from unspin.rates import RATES
from unspin.repairing import configured, default_repairer

# -- input types -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(b"Center East", "bytes"), (None, "NoneType"), (42, "int"), (["Center East"], "list")],
)
@pytest.mark.parametrize("function", [repair, repair_and_explain, Repairer().repair])
def test_non_str_is_a_type_error_naming_the_type(function, value, type_name):
    with pytest.raises(TypeError, match=rf"\b{type_name}\b"):
        function(value)


def test_empty_string():
    assert repair("") == ""
    result = repair_and_explain("")
    assert result.text == ""
    assert result.edits == []
    assert result.declined == []
    assert result.spin_rate == 0.0


def test_text_without_candidates_is_returned_as_is():
    for text in (" ", "\n\r\n\t", "🙂", "中国官员表示。", "xyzzy plugh", "\x00\x01\x7f"):
        assert repair(text) == text
        assert repair_and_explain(text).edits == []


def test_repair_is_the_text_of_repair_and_explain(spun_000):
    assert repair(spun_000) == repair_and_explain(spun_000).text == Repairer().repair(spun_000)


# One spun word in a short sentence: too little evidence alone, enough when the caller
# says the text is a spun copy (Config.spun_prior).
_LIGHT = "Analysts say the company will come under strain to cut costs this year."


def test_settings_and_a_config_are_taken_as_ftfy_takes_them():
    told = Repairer(Config(spun_prior=0.99)).repair(_LIGHT)
    assert told != _LIGHT == repair(_LIGHT)
    assert repair(_LIGHT, spun_prior=0.99) == told
    assert repair(_LIGHT, Config(spun_prior=0.99)) == told
    assert repair_and_explain(_LIGHT, spun_prior=0.99).text == told
    # Settings replace the config's fields.
    assert repair(_LIGHT, Config(spun_prior=0.99), spun_prior=None) == _LIGHT
    assert repair(_LIGHT, Config(spun_prior=0.99), threshold=0.99) == _LIGHT
    # The same settings, the same repairer; the defaults, the process-wide one.
    assert configured(spun_prior=0.99) is configured(Config(spun_prior=0.99))
    assert (
        configured() is configured(Config()) is configured(threshold=0.65) is (default_repairer())
    )


def test_bad_settings_are_errors_naming_them():
    with pytest.raises(TypeError, match="spun_priors"):
        repair(_LIGHT, spun_priors=0.9)
    with pytest.raises(ValueError, match="threshold"):
        repair(_LIGHT, threshold=0.4)
    with pytest.raises(TypeError, match="config must be a Config"):
        repair(_LIGHT, {"threshold": 0.9})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="phrasebooks"):
        repair(_LIGHT, phrasebooks="mine.tsv")


def test_a_configured_phrasebook_is_read_again_once_changed(tmp_path: Path):
    book = tmp_path / "mine.tsv"
    book.write_text("spun\toriginal\tsource\nplacid ocean\tPacific Ocean\tmine\n", encoding="utf-8")
    alone = {"phrasebooks": [book], "default_phrasebook": False}  # a small book to compile
    first = configured(**alone)
    assert [(e.spun, e.original) for e in first.entries] == [("placid ocean", "Pacific Ocean")]
    assert configured(Config(**alone)) is first
    text = "Storms crossed the Placid Ocean final week."
    assert detect(text, config=Config(**alone)) == first.detect(text)
    assert detect(text, config=Config(**alone)).evidence != detect(text).evidence
    book.write_text(
        "spun\toriginal\tsource\nplacid ocean\tAtlantic Ocean\tmine\n", encoding="utf-8"
    )
    second = configured(**alone)
    assert [(e.spun, e.original) for e in second.entries] == [("placid ocean", "Atlantic Ocean")]
    book.unlink()
    with pytest.raises(FileNotFoundError):
        repair(text, **alone)


@pytest.fixture(scope="module")
def spun_000() -> str:
    return seed("000")


# -- clean text comes back byte-identical ------------------------------------------


@pytest.mark.parametrize("path", clean_paths(), ids=lambda p: p.name)
def test_clean_text_is_unchanged(path):
    text = read(path)
    result = repair_and_explain(text)
    assert result.edits == [], [(e.before, e.after, round(e.confidence, 3)) for e in result.edits]
    assert result.text.encode("utf-8") == path.read_bytes()


# -- spun seeds --------------------------------------------------------------------


@pytest.mark.parametrize("number", SPUN_SEEDS)
def test_repair_is_idempotent_on_spun_seeds(number):
    once = repair(seed(number))
    assert once != seed(number)
    assert repair(once) == once


def test_phrasebook_chain_is_idempotent():
    # The phrasebook chains commerce -> trade and trade -> industry; a second pass must
    # not take the next step.
    text = (
        "Commerce analysts mentioned the nationwide safety adviser met Chinese language "
        "officers final week."
    )
    once = repair(text)
    assert once != text
    assert repair(once) == once


@pytest.mark.parametrize("number", SPUN_SEEDS)
def test_text_outside_edits_is_preserved_exactly(number):
    text = seed(number)
    result = repair_and_explain(text)
    assert len(result.edits) >= 50
    check_edits(text, result)


@pytest.mark.parametrize("number", SPUN_SEEDS)
def test_repair_halves_the_distance_to_the_original(number):
    spun = read(PAIRS / f"{number}.spun.txt")
    assert spun == seed(number)
    original = read(PAIRS / f"{number}.orig.txt")
    before = token_distance(spun, original)
    after = token_distance(repair(spun), original)
    assert before > 100
    assert after <= 0.5 * before, f"token distance {before} -> {after}"


def test_known_spins_in_seed_000_are_repaired(spun_000):
    fixed = repair(spun_000)
    for spun, original in [
        ("within the Center East", "in the Middle East"),
        ("the Pink Sea", "the Red Sea"),
        ("nationwide safety adviser", "national security adviser"),
        ("Chinese language", "Chinese"),
    ]:
        assert spun in spun_000
        assert spun not in fixed
        assert original in fixed


def test_edits_name_the_phrasebook_line_they_come_from(spun_000):
    book = (resources.files("unspin") / "data" / "phrasebook.tsv").read_text(encoding="utf-8")
    lines = book.split("\n")
    edits = repair_and_explain(spun_000).edits
    assert edits
    for edit in edits:
        entry = edit.entry
        assert entry.path.endswith("phrasebook.tsv")
        fields = lines[entry.line - 1].split("\t")
        assert fields[:4] == [entry.spun, entry.original, entry.source, repr(entry.prior)]
        assert float(fields[4]) == entry.own


# -- explained edits ---------------------------------------------------------------


@pytest.mark.parametrize("threshold", [0.55, Config().threshold, 0.95, 1.0])
def test_explained_edits_are_sorted_non_overlapping_and_confident(spun_000, threshold):
    result = Repairer(Config(threshold=threshold)).explain(spun_000)
    check_edits(spun_000, result)
    counted = [d for d in result.edits + result.declined if d.confidence >= choosing.FLOOR]
    for edit in result.edits:
        assert edit.confidence <= 1.0
        if edit.confidence < threshold:
            # A surely spun word's likeliest original (unspin.choosing): the candidates
            # over its words (at most those that overlap it) reach the threshold, and it
            # is ODDS times likelier than the words being the writer's own.
            covering = sum(
                d.confidence for d in counted if d.start < edit.end and edit.start < d.end
            )
            assert edit.confidence >= choosing.LIKELIEST
            assert covering >= threshold - 1e-9
            assert edit.confidence >= choosing.ODDS * (1.0 - covering) - 1e-9
        # The rate of the edit's own region (the text's is their weighted mean).
        assert 0.0 < edit.evidence.spin_rate <= 1.0
        assert 0.0 < edit.evidence.spun <= 1.0
    for edit in result.declined:
        assert 0.0 <= edit.confidence <= 1.0
        overlaps = any(e.start < edit.end and edit.start < e.end for e in result.edits)
        assert edit.confidence < threshold or overlaps or edit.after == edit.before, edit
    assert 0.0 < result.spin_rate < 1.0


def test_a_higher_threshold_makes_fewer_edits(spun_000):
    counts = [len(Repairer(Config(threshold=t)).explain(spun_000).edits) for t in (0.55, 0.8, 0.99)]
    assert counts[0] >= counts[1] >= counts[2]
    assert counts[0] > counts[2]


@pytest.mark.parametrize("threshold", [0.5, 0.0, 1.01, -1.0])
def test_threshold_must_be_above_one_half(threshold):
    with pytest.raises(ValueError, match="threshold"):
        Repairer(Config(threshold=threshold))


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("threshold", "0.9", TypeError),
        ("threshold", True, TypeError),
        ("threshold", None, TypeError),
        ("threshold", float("nan"), ValueError),
        ("threshold", 0.4, ValueError),
        ("phrasebooks", "mine.tsv", TypeError),  # one path, not a list of them
        ("phrasebooks", Path("mine.tsv"), TypeError),
        ("phrasebooks", [b"mine.tsv"], TypeError),
        ("phrasebooks", 3, TypeError),
        ("lm_weight", "1", TypeError),
        ("lm_weight", -0.5, ValueError),
        ("lm_weight", float("inf"), ValueError),
        ("lm_weight", float("nan"), ValueError),
        ("open_vocabulary", "yes", TypeError),
        ("open_vocabulary", 1, TypeError),
        ("default_phrasebook", None, TypeError),
        ("short_spun", "0.8", TypeError),
        ("short_spun", 1.5, ValueError),
        ("short_spun", -0.1, ValueError),
        ("short_spun", float("nan"), ValueError),
        ("spun_prior", "0.99", TypeError),
        ("spun_prior", True, TypeError),
        ("spun_prior", 1.0, ValueError),
        ("spun_prior", 0.0, ValueError),
        ("spun_prior", float("nan"), ValueError),
    ],
)
def test_config_is_checked_where_it_is_made(field, value, error):
    with pytest.raises(error, match=field):
        Config(**{field: value})
    with pytest.raises(error, match=field):
        Config()._replace(**{field: value})


def test_config_says_to_pass_a_list_for_one_phrasebook():
    with pytest.raises(TypeError, match=r"pass \['mine.tsv'\]"):
        Config(phrasebooks="mine.tsv")


def test_valid_configs_are_kept():
    config = Config(threshold=1, phrasebooks=["a.tsv", Path("b.tsv")], lm_weight=0)
    assert config.threshold == 1.0 and config.lm_weight == 0.0
    assert config.phrasebooks == ("a.tsv", Path("b.tsv"))  # a tuple: hashable
    assert hash(config) == hash(Config(1.0, ("a.tsv", Path("b.tsv")), True, 0.0, None))
    assert config._replace(threshold=0.9) == Config(0.9, config.phrasebooks, True, 0.0)
    assert Config._make(tuple(config)) == config
    assert pickle.loads(pickle.dumps(config)) == config
    assert Config() == (0.65, (), True, 1.0, None, 0.9, None)
    assert Config(spun_prior=0.99).spun_prior == 0.99
    with pytest.raises(ValueError, match="no field"):
        Config()._replace(thresold=0.9)
    with pytest.raises(TypeError, match="config"):
        Repairer((0.6, (), True, 1.0, None, 0.8, None))  # type: ignore[arg-type]


def test_concurrent_repairs_agree(spun_000):
    repairer = Repairer()
    expected = repairer.repair(spun_000)
    assert in_threads(lambda: repairer.repair(spun_000)) == [expected] * 4


# -- case transfer -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("observed", "original", "expected"),
    [
        ("Individuals", "Americans", "Americans"),
        ("individuals", "Americans", "Americans"),
        ("12 Months", "year", "Year"),
        ("12 months", "year", "year"),
        ("CENTER EAST", "Middle East", "MIDDLE EAST"),
        ("Center East", "Middle East", "Middle East"),
        ("center east", "Middle East", "Middle East"),
        ("Chinese language officers", "Chinese officials", "Chinese officials"),
        ("Chinese Language Officers", "Chinese officials", "Chinese Officials"),
        ("USA", "United States", "United States"),
        ("Mentioned", "said", "Said"),
        ("MENTIONED", "said", "SAID"),
        ("mentioned", "said", "said"),
    ],
)
def test_transfer_case(observed, original, expected):
    assert transfer_case(observed, original) == expected


@pytest.mark.parametrize(
    ("observed", "original", "mid_sentence", "expected"),
    [
        # The capitals of a phrase that opens with an acronym are the acronym's...
        ("AI calculations", "machine learning algorithms", True, "machine learning algorithms"),
        ("PC vision innovation", "computer vision technology", True, "computer vision technology"),
        # ... but a sentence's first word is capitalised, and shouting stays shouting.
        ("AI calculations", "machine learning algorithms", False, "Machine learning algorithms"),
        ("AI CALCULATIONS", "machine learning algorithms", True, "MACHINE LEARNING ALGORITHMS"),
        ("Center East", "Middle East", True, "Middle East"),
        ("Mentioned", "said", True, "Said"),
        # A two-letter initialism is the table's own capitals, not shouting: "TV" for
        # "television" (it was "TELEVISION"); a shouted English word stays shouted.
        ("TV", "television", True, "television"),
        ("TV", "television", False, "Television"),
        ("PC", "computer", True, "computer"),
        ("UK", "Britain", True, "Britain"),
        ("ON", "at", True, "AT"),
        ("MENTIONED", "said", True, "SAID"),
    ],
)
def test_an_acronym_opening_a_phrase_gives_it_no_capital(
    observed, original, mid_sentence, expected
):
    assert transfer_case(observed, original, mid_sentence) == expected


def test_case_is_transferred_in_context():
    text = "CHINESE LANGUAGE OFFICERS MENTIONED THE CENTER EAST TALKS FINAL WEEK."
    assert repair(text).startswith("CHINESE OFFICIALS SAID THE MIDDLE EAST TALKS")
    text = "Final week, Chinese language officers mentioned the Center East talks would resume."
    assert repair(text).startswith("Last week, Chinese officials said the Middle East talks")


@pytest.mark.parametrize("connective", ["Meanwhile", "However", "Nonetheless", "Today"])
def test_a_name_rendered_after_a_sentence_connective_is_repaired(connective):
    """A connective that opens a sentence without its comma begins no name: the
    rendering after it is the spinner's ("Meanwhile Center East leaders"), as after "the".
    Read as a name's first word, it kept "Center East" as written, and the text's one
    sense error with it."""
    text = (
        "Chinese language officers mentioned the talks would resume. "
        f"{connective} Center East leaders stayed away."
    )
    out = repair(text)
    assert out.startswith("Chinese officials said the talks would resume.")
    assert out.endswith(" Middle East leaders stayed away.")


def test_a_name_rendered_after_a_names_own_word_is_another_name():
    for clean in (
        "The Medical Center East building reopened on Monday.",
        "Shopping Center East is closed on Sundays.",
    ):
        assert repair(clean) == clean


# -- line endings, tabs, emoji and other scripts -----------------------------------


def _paragraph(text: str) -> list[str]:
    """Lines of seed 000 from "In Bangkok" to the Fudan quote: dense with spins."""
    lines = [line for line in text.split("\n") if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("In Bangkok"))
    return lines[start : start + 8]


def test_crlf_line_endings_are_kept_and_change_nothing_else(spun_000):
    lf = "\n".join(_paragraph(spun_000)) + "\n"
    crlf = lf.replace("\n", "\r\n")
    result = repair_and_explain(crlf)
    check_edits(crlf, result)
    assert len(result.edits) >= 20
    assert result.text.count("\r\n") == crlf.count("\r\n") == 8
    assert result.text.count("\n") == crlf.count("\n")
    assert result.text.count("\r") == crlf.count("\r")
    # The line-ending style does not change a single decision.
    assert result.text == repair(lf).replace("\n", "\r\n")


def test_tabs_emoji_and_other_scripts_around_spins_are_preserved(spun_000):
    lines = _paragraph(spun_000)
    decorated = "\r\n".join(
        f"🙂\t{line}\t中国官员表示。 Ελλάδα Россия 👍🏽\u200d" for line in lines
    )
    decorated += "\r\n\tتم التحقق 🇺🇸\r\n"
    result = repair_and_explain(decorated)
    check_edits(decorated, result)
    assert len(result.edits) >= 20
    for mark in ("\r\n", "\t", "🙂", "中国官员表示。", "Ελλάδα", "Россия", "👍🏽", "\u200d", "🇺🇸"):
        assert result.text.count(mark) == decorated.count(mark), mark
    assert "nationwide safety" in decorated
    assert "national security" in result.text
    assert result.text.endswith("\r\n\tتم التحقق 🇺🇸\r\n")


def test_spin_inside_other_scripts_is_found():
    text = (
        "中文：Tensions rose within the Center East final week，"
        "Chinese language officers mentioned。Ελληνικά"
    )
    result = repair_and_explain(text)
    check_edits(text, result)
    assert "Middle East" in result.text
    assert result.text.startswith("中文：") and result.text.endswith("。Ελληνικά")


def test_line_break_ends_a_lattice():
    # "East" at the end of a line is not the LM context of "know-how" on the next, in
    # the first pass or the second: repair stays idempotent across line breaks.
    text = "Tensions rose within the Center East\nknow-how exports had been restricted."
    once = repair(text)
    assert "in the Middle East\n" in once
    assert repair(once) == once


def test_possessive_of_a_word_ending_in_s_takes_the_apostrophe_alone():
    text = (
        "Tensions rose within the Center East final week, Chinese language officers "
        "mentioned. The Individuals’s views differ within the Pink Sea."
    )
    result = repair_and_explain(text)
    (edit,) = [e for e in result.edits if e.before == "Individuals’s"]
    assert edit.after == "Americans’"


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_a_plural_possessive_whose_original_is_no_plural_in_s_takes_an_s(apostrophe):
    """A plural's possessive, "The Individuals’ views", is put back as "The People’s
    views", not "The People’ views" (an original in s, "Americans’", keeps the apostrophe
    alone); a quotation's closing mark is left as it stands."""
    spun = (
        "Tensions rose within the Center East final week, Chinese language officers "
        f"mentioned. The Individuals{apostrophe} views differ."
    )
    fixed = repair_and_explain(spun)
    assert f"The People{apostrophe}s views" in fixed.text
    for e in fixed.edits:
        assert spun[e.start : e.end] == e.before
    quoted = spun.replace(f"The Individuals{apostrophe} views", "They were ‘Individuals’ then")
    text = repair(quoted)
    assert "They were ‘People’ then" in text or "They were ‘Americans’ then" in text


@pytest.mark.parametrize(
    ("word", "vowel"),
    [
        ("US", False),
        ("UN", False),
        ("FBI", True),
        ("EU", True),
        ("MP", True),
        ("NATO", False),
        ("hour", True),
        ("united", False),
        ("accountable", True),
    ],
)
def test_article_sound_of_initialisms_and_words(word, vowel):
    assert starts_with_vowel_sound(word) is vowel


def test_readme_python_example_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(block, {}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 8


# -- fingerprints and the paper paraphrasers -----------------------------------------


@pytest.mark.parametrize(
    ("spun", "fixed"),
    [
        # A hyphenated compound's parts count as words: "mind computer" is no pair anyone
        # writes, so the phrase is a fingerprint.
        # (Beside another fingerprint: alone, the sentence is a short text, 0.896 likely
        # spun, under unspin.choosing.SHORT_SPUN.)
        (
            "Recent work on mind-computer interface design has attracted wide attention. "
            "It uses counterfeit consciousness to read signals.",
            "Recent work on brain-computer interface design has attracted wide attention. "
            "It uses artificial intelligence to read signals.",
        ),
        # A fingerprint needs no capital unless its original is a name in title case.
        (
            "The jupyter journal with all the code is online.",
            "The Jupyter notebook with all the code is online.",
        ),
    ],
)
def test_fingerprints_are_repaired_alone(spun, fixed):
    assert repair(spun) == fixed


def test_a_fingerprint_that_begins_inside_a_name_is_no_spin():
    # "Austin Group" is a name: a phrase that starts on its last word and leaves it in
    # lower case would need the original "Austin Batch normalization".
    text = "Decisions were taken in the January 2005 Austin Group standardization meeting."
    assert repair(text) == text
    # Not after a function word, nor at a sentence's start: there it is a fingerprint.
    spun = "In Group standardization the batch is split. Group standardization helps."
    assert repair(spun) == "In Batch normalization the batch is split. Batch normalization helps."


def test_the_familys_synonyms_are_never_fingerprints():
    """A family entry's spun side is an English synonym by construction: a pair the
    bigram tables lack is a rarer phrase, not one no one writes."""
    from unspin import rules
    from unspin.language_model import load_default
    from unspin.phrasebook import Entry

    lm = load_default()
    assert not lm.attested("further", "time")
    family = Entry("further time", "extra time", "family", "", 0, 0.6)
    assert not rules.fingerprint(family, lm)
    assert not rules.fingerprint(family._replace(source="inflection"), lm)
    # From another source of the news family's it is none either (a table of pairs seen
    # 100,000 times cannot say that no one writes it); a name's rendering is one.
    assert not rules.fingerprint(family._replace(source="seed"), lm)
    name = Entry("center east", "Middle East", "family", "", 0, 0.6)
    assert rules.fingerprint(name, lm)
    assert rules.fingerprint(name._replace(source="seed"), lm)
    # A paper's phrase of common words only is none either (unspin.rules.COMMON_WORDS).
    assert not rules.fingerprint(family._replace(source="tortured"), lm)
    text = "Those of Messrs. Lewis, Clarke, and Freeman will require further time to be digested."
    assert repair(text) == text


def test_the_web_counts_are_no_evidence_where_the_sharper_model_disagrees(monkeypatch):
    """A clean headline and caption: its candidates' originals read better only to the
    web counts' word frequencies ("client financial protection"), worse to the sharper
    comparison; they are no evidence that the region was spun."""
    from unspin import lattice

    text = (
        "Biden delivers remarks on Wednesday, with the Consumer Financial Protection "
        "Bureau's director in the background."
    )

    def spun(repairer):
        found = repairer.explain(text)
        return max(d.evidence.spun for d in found.edits + found.declined)

    assert lattice.SHARPER_VETO
    vetoed = spun(Repairer())
    monkeypatch.setattr(lattice, "SHARPER_VETO", False)
    assert spun(Repairer()) > vetoed + 0.1


def test_a_name_still_needs_its_capital():
    text = "They live in a white home near the river, past a pink sea of flowers."
    assert repair(text) == text
    assert repair("Ships in the Pink Sea.") == "Ships in the Red Sea."


def test_a_tortured_phrase_does_not_make_the_news_spinner_s_edits():
    # The paper went through a paraphrasing tool, which says nothing about "method" or
    # "on" having gone through the news spinner's thesaurus.
    spun = "We compare the proposed method with a low-asset dialect model on three data sets."
    assert repair(spun) == spun.replace("low-asset dialect", "low-resource language")


def test_a_lone_fingerprint_in_a_plain_abstract_is_repaired():
    """A printed paper's fingerprint among words the news spinner could have rewritten
    and did not: those words say nothing about the paraphrasing tool, so the phrase is
    decided at the rate its own evidence gives (it was declined at 0.48 when every word
    left as it was counted against it)."""
    text = (
        "Rice is one of the most important crops in the world, and its yield depends on the "
        "early detection of leaf diseases. In this paper, we present a system for accuracy "
        "agribusiness that classifies images of rice leaves taken in the field. The proposed "
        "approach was evaluated on a public data set and compared with three baseline methods."
    )
    fixed = text.replace("accuracy agribusiness", "precision agriculture")
    assert fixed != text
    assert repair(text) == fixed
    assert repair(fixed) == fixed


# -- a group met again shares its lattice ---------------------------------------


def test_shifted_lattice_is_the_one_built_there() -> None:
    """A lattice memoised by content and moved to another occurrence is the one that
    would be built there (what lets repair reuse it: issue 15)."""
    from unspin.lattice import build, content_key, group_context, groups, shifted

    line = read(PAIRS / "000.spun.txt").split("\n")[0]
    text = f"{line}\n{line}"
    matcher, decider = Repairer()._compile()
    matches, keys = matcher.find(text)
    first = [g for g in groups(text, matches) if g[0][0] < len(line)]
    second = [g for g in groups(text, matches) if g[0][0] > len(line)]
    assert first and len(first) == len(second)
    names = frozenset(k for k, r in enumerate(decider.rules) if r.proper)
    same = 0
    for a, b in zip(first, second, strict=True):
        made = []
        for group in (a, b):
            start, end = group[0][0], max(e for _, e, _ in group)
            hits = [k for k in keys if start <= k[0] < end]
            context = group_context(text, start, end)
            args = (decider.rules, decider.lm, decider.lm_weight, decider.key_prior, decider.bias)
            made.append(
                (build(text, group, hits, *args), content_key(text, group, hits, names, context))
            )
        (lat_a, key_a), (lat_b, key_b) = made
        if key_a == key_b and lat_a is not None:
            assert shifted(lat_a, b[0][0]) == lat_b
            same += 1
    assert same


def test_lattices_evaluated_together_are_evaluated_as_each_alone(spun_000):
    # The batched passes (batched.evaluate_all, marginals_all) must give the very floats of
    # one pass per lattice: decisions depend on them bit for bit.
    repairer = Repairer()
    matcher, decider = repairer._compile()
    matches, keys = matcher.find(spun_000)
    analysis = decider.analyse(spun_000, matches, keys)
    lats = [lat for lat, _, _ in analysis.lattices]
    assert any(lat.size == 1 for lat in lats) and any(lat.size > 2 for lat in lats)
    args = (decider.lm, decider.lm_weight, inference.Grid(RATES), decider.bias)
    together = batched.evaluate_all(lats, *args)
    for lat, ratio, (_, passed, _) in zip(lats, together, analysis.lattices, strict=True):
        alone = inference.evaluate(lat, *args).ratio
        assert np.array_equal(ratio, alone) and np.array_equal(passed.ratio, alone)
    for lat, found in zip(lats, batched.marginals_all(lats, *args), strict=True):
        alone = inference.marginals(lat, *args)
        assert len(found) == len(alone) == len(lat.edits)
        assert all(np.array_equal(a, b) for a, b in zip(found, alone, strict=True))


def test_lattices_shared_between_analyses_change_nothing(monkeypatch):
    """Lattices kept by content between analyses (weighing.SHARED_LATTICES) give the
    decisions a fresh repairer makes, and their number stays under the bound."""
    from unspin import weighing

    monkeypatch.setenv("UNSPIN_CACHE_DIR", "")
    monkeypatch.setattr(weighing, "SHARED_LATTICES", 40)
    spun = read(PAIRS / "000.spun.txt")
    first, second = spun[:3000], spun[1500:4500]  # overlapping: the same groups met again

    def decisions(repairer: Repairer, text: str) -> list:
        found = repairer.explain(text, declined=True)
        return [(d.start, d.end, d.after, d.confidence) for d in (*found.edits, *found.declined)]

    shared = Repairer()
    decisions(shared, first)
    assert 0 < len(shared._compile()[1]._shared) <= 40
    assert decisions(shared, second) == decisions(Repairer(), second)
    assert len(shared._compile()[1]._shared) <= 40


def test_an_abbreviation_with_full_stops_inside_is_matched_as_written():
    """The abbreviation "p.c" for "percent": the key blanks its full stop, so the
    matcher checks the hit reads as the book writes it (its first letter's case free),
    and not as the start of a longer abbreviation ("p.c.") or in capitals ("P.C" is a
    computer)."""
    from unspin.matching import Matcher

    matcher = Matcher([("p.c", 0), ("p c", 1)])
    text = "up 176 p.c over a year; P.c of sales; 20 p.c. of them; a P.C at home; p c"
    found = [(text[s:e], rules) for s, e, rules in matcher.find(text)[0]]
    assert found == [("p.c", (0,)), ("P.c", (0,)), ("p c", (1,))]
    spun = "Chinese language officers mentioned that 64 p.c of the migrants had been detained."
    assert repair(spun) == "Chinese officials said that 64 percent of the migrants were detained."
    assert repair("He bought a P.C for the office.") == "He bought a P.C for the office."


def test_a_name_with_an_ampersand_is_matched_as_written_in_any_case():
    """A name's rendering with an ampersand between words ("Mattress Tub & Past" for
    "Bed Bath & Beyond") is matched as written, whatever its case, before a full stop
    too; not with the ampersand missing, spaced otherwise, or spelled "and"."""
    from unspin.matching import Matcher

    matcher = Matcher([("mattress tub & past", 0), ("mattress tub past", 1)])
    text = (
        "at Mattress Tub & Past; MATTRESS TUB & PAST; at Mattress Tub & Past. Mattress "
        "Tub Past; Mattress Tub &Past; Mattress Tub and Past"
    )
    found = [(text[s:e], rules) for s, e, rules in matcher.find(text)[0]]
    assert found == [
        ("Mattress Tub & Past", (0,)), ("MATTRESS TUB & PAST", (0,)),
        ("Mattress Tub & Past", (0,)), ("Mattress Tub Past", (1,)),
    ]  # fmt: skip


def test_a_key_with_an_accented_letter_inside_a_word_is_matched(tmp_path):
    """A key is matched normalised (its UTF-8 bytes read as Latin-1, "ñ" as "Ã±", "à" as
    "Ã\xa0"): a letter's second byte is no punctuation joining words ("p.c"), nor a
    space."""
    from unspin.matching import Matcher
    from unspin.tokenizing import normalize_phrase

    keys = ["cañon metropolis", "señor", "naïve bayes", "café latte", "voilà", "Ålborg"]
    matcher = Matcher([(normalize_phrase(k), n) for n, k in enumerate(keys)])
    text = "Cañon Metropolis, Señor Lopez, a naïve Bayes model, a café latte, voilà, Ålborg"
    found = [(text[s:e], rules) for s, e, rules in matcher.find(text)[0]]
    assert found == [
        ("Cañon Metropolis", (0,)), ("Señor", (1,)), ("naïve Bayes", (2,)), ("café latte", (3,)),
        ("voilà", (4,)), ("Ålborg", (5,)),
    ]  # fmt: skip
    book = tmp_path / "mine.tsv"
    book.write_text("spun\toriginal\tsource\ncañon metropolis\tCañon City\tmine\n", "utf-8")
    result = Repairer(Config(phrasebooks=(str(book),))).explain(
        "He moved to Cañon Metropolis final 12 months and purchased a house there."
    )
    # A candidate now (the language model reads no "ñ": the edit is the evidence's call).
    assert any(d.entry.spun == "cañon metropolis" for d in result.edits + result.declined)


def test_a_designation_keeps_its_word():
    """A designation word before a number is the writer's ("Chapter 11", the family's
    "Chapter 11 chapter safety" for "Chapter 11 bankruptcy protection"): no rule makes it
    a word that names nothing so ("Bankruptcy 11"); the spun "chapter" beside it is
    repaired, and another capitalised word before a number may be a spun name ("Massive
    12" for "Big 12")."""
    from unspin.cues import designations

    assert {"chapter", "game", "week", "section"} <= designations()
    assert "bankruptcy" not in designations()
    spun = (
        "Pink Lobster, identified for its limitless seafood offers, has filed for Chapter 11 "
        "chapter safety. The corporate mentioned it is going to use the chapter proceedings."
    )
    out = repair(spun)
    assert "filed for Chapter 11 bankruptcy protection" in out
    assert "use the bankruptcy proceedings" in out
    spun = (
        "The Massive 12 is 24-8 however 5-6 towards the Energy 4, and the crew mentioned the "
        "followers had been superb."
    )
    # A sentence alone, told it was spun: the short-text gate is not what this tests (the
    # "4" of "Power 4" was once a candidate whose false evidence carried it through the
    # gate; a figure after a capitalised word is a name's now, unspin.cues.figure_in_name).
    fixed = repair(spun, spun_prior=0.99)
    assert fixed.startswith("The Big 12 is 24-8 but"), fixed
    assert "the Power 4," in fixed


def test_need_not_before_a_verb_is_a_modal_not_a_spun_have():
    """'need not register' was never 'have not register'; the spinner's 'need not been'
    for 'have not been' keeps its participle and is still read as spun."""
    from unspin.cues import have_not_base

    assert have_not_base(("have",), "not", "register")
    assert not have_not_base(("want",), "not", "register")  # another original
    assert not have_not_base(("have",), "not", "been")  # a participle follows
    assert not have_not_base(("have",), "not", "told")
    assert not have_not_base(("have",), "to", "register")
    assert not have_not_base(("have",), "not", None)  # the context ends there
    for clean in (
        "British citizens need not obtain a visa for stays of up to 90 days within any "
        "180-day period. However, your passport must have been issued within the previous "
        "ten years.",
        "Those paid solely through PAYE usually need not file, whereas others are "
        "additionally required to declare it on their return.",
    ):
        assert all(e.before != "need" for e in repair_and_explain(clean).edits), clean
    spun = (
        "The officers need not been informed of the plan, the Chinese language officials "
        "mentioned final week."
    )
    assert "have not been informed" in repair(spun)


def test_a_spun_page_keeps_english_a_reading_would_break():
    """On a page read as spun (``spun_prior`` 0.99, no short-text gate), the spun words
    are repaired but "had been" after a plainly singular subject is not made "were", and
    a figure after a capitalised word (a name's or a date's) is not spelled out."""
    forced = Repairer(Config(spun_prior=0.99, short_spun=0.0))
    fixed = forced.repair(
        "The spokesperson mentioned that the machine had been fitted by a third party."
    )
    assert "said" in fixed and "the machine had been fitted" in fixed
    assert "Mr. Adeyemi had been" in forced.repair(
        "He stated Mr. Adeyemi had been entitled to ask the man to leave."
    )
    fixed = forced.repair("For the primary quarter ended Could 2, earnings per share rose.")
    assert fixed.startswith("For the first quarter ended May 2,"), fixed
    # an ordinary word before the figure: the family's digits for a number word
    assert "in four pastel" in forced.repair(
        "The merchandise, supplied in 4 pastel colours, offered out within hours."
    )


def test_a_conjunction_is_not_read_before_a_comma():
    """'Nevertheless,' was 'However,' (an adverb before its comma), never 'But,'; a
    writer's own 'However,' is not made 'But,'; without the comma 'but' is read."""
    from unspin.cues import conjunction_before_comma

    assert conjunction_before_comma(("but",), True)
    assert not conjunction_before_comma(("but",), False)
    assert not conjunction_before_comma(("however",), True)
    forced = Repairer(Config(spun_prior=0.99, short_spun=0.0))
    fixed = forced.repair(
        "Shares fell 5% after the report. Nevertheless, the company mentioned it expects "
        "development to return subsequent 12 months."
    )
    assert "However, the company said" in fixed, fixed
    assert "sides, however, appears" in forced.repair(
        "The need on both sides, however, appears to be there."
    )
    assert ", but it would" in forced.repair(
        "He mentioned the corporate was struggling, nevertheless it would recover."
    )


def test_readings_that_are_no_english_are_no_spins():
    """A spun reading must be English where it stands: 'be able to' needs a modal or
    'to' before it, 'were' no plainly singular subject, 'compared' no comma after it."""
    from unspin.cues import bare_be_unlicensed, particle_missing, were_after_singular
    from unspin.language_model import END, START

    be = ("be", "able")
    assert bare_be_unlicensed(be, ("managers", "the"))
    assert bare_be_unlicensed(be, ("they", START))
    assert not bare_be_unlicensed(be, ("will", "you"))
    assert not bare_be_unlicensed(be, ("also", "will"))  # "will also be able"
    assert not bare_be_unlicensed(be, ("i'll", START))
    assert not bare_be_unlicensed(be, (START, None))  # an imperative
    assert not bare_be_unlicensed(("are", "able"), ("managers", "the"))
    had = ("had", "been")
    w = ("were",)
    assert were_after_singular(w, had, ("it", START, None))
    assert were_after_singular(w, had, ("fault", "a", "that"))
    assert not were_after_singular(w, had, ("chains", "the", "that"))
    assert not were_after_singular(("was",), had, ("it", START, None))
    # a common noun after "the" or a possessive, unless a preposition stands before it
    assert were_after_singular(w, had, ("machine", "the", "that"), "machine")
    assert were_after_singular(w, had, ("behaviour", "his", "said"), "behaviour")
    assert not were_after_singular(w, had, ("quarter", "the", "within"), "quarter")
    assert not were_after_singular(w, had, ("relationship", "the", "in"), "relationship")
    assert not were_after_singular(w, had, ("police", "the", "said"), "police")  # many
    assert not were_after_singular(w, had, ("accused", "the", "said"), "accused")
    assert not were_after_singular(w, had, ("team", "the", "said"), "team")  # "the team were"
    assert not were_after_singular(w, had, ("apple", "the", "said"), "Apple")  # a name
    assert were_after_singular(w, had, ("adeyemi", "mr", "said"), "Adeyemi")
    # "efforts ... every year have been thwarted": a plural verb, its subject elsewhere
    assert not were_after_singular(w, ("have", "been"), ("year", "every", "that"))
    assert particle_missing(("compared",), None)  # "In contrast, ..."
    assert particle_missing(("compared",), END)
    assert not particle_missing(("compared",), "with")
    assert not particle_missing(("compared",), "tesla")  # an article that compared Tesla
    assert particle_missing(("according",), "the")
    assert not particle_missing(("according",), "to")
    for clean in (
        "Managers have the ability to approve leave requests within five working days, "
        "whereas staff are able to obtain sufficient cover.",
        "A spokesperson stated that a fault had been identified, whereas individuals who "
        "purchased the product are able to obtain a refund.",
    ):
        assert repair(clean) == clean, clean
    edits = repair_and_explain(
        "In contrast, numerous individuals reside within the borough and are additionally "
        "required to obtain a permit."
    ).edits
    assert all(e.before != "In contrast" for e in edits)
    spun = (
        "I’m assured I’ll have the ability to be right here with my followers, the Chinese "
        "language officers mentioned final week."
    )
    assert "I’ll be able to be" in repair(spun)
