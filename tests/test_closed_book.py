"""The spinner's own table as a user's book (certain entries, no prior column), loaded
alone (a closed vocabulary) or as a partial book (an open vocabulary, as when it is added
to the default book): the case of a user who has the spinner's whole thesaurus. Clean text
must come back unchanged with it, and the text it spun must still be repaired."""

from __future__ import annotations

import pytest
from support import script

from unspin import Config, Repairer
from unspin.calibration import CERTAIN_AS, calibrated_prior
from unspin.rates import CLOSED_PRIOR_SPUN, PRIOR_SPUN

# Its module's fixtures are built once: the whole file runs in one process.
pytestmark = pytest.mark.xdist_group("closed_book")

# Clean sentences that the oracle benchmark's curated table, loaded alone, edited while a
# closed book's first region started at the chain's own prior (unspin.rates.PRIOR_SPUN):
# two or three words a bigram model reads the other way, each an alternative of a key.
CLEAN = (
    "Netflix signaled a price rise.",
    "The researchers said their findings confirm the importance of helping older "
    "individuals obtain sufficient sleep each night.",
    "The shop stays open till midnight on Saturdays.",
    "Additionally, transcriptional complexes containing CREB, AP-1, and cathelicidin "
    "upstream regulatory sequences are formed within ECs.",
)


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    oracle = script("bench_oracle", "benchmarks")
    groups = oracle.curated_groups()
    book = oracle.write_book(groups, tmp_path_factory.mktemp("closed"))
    repairer = Repairer(Config(phrasebooks=[book], default_phrasebook=False))
    partial = Config(phrasebooks=[book], default_phrasebook=False, open_vocabulary=True)
    return oracle, groups, repairer, Repairer(partial)


def test_a_closed_book_starts_a_text_less_suspect():
    assert 0 < CLOSED_PRIOR_SPUN < PRIOR_SPUN


@pytest.mark.parametrize("text", CLEAN)
def test_clean_sentences_are_left_alone_with_the_spinners_table(curated, text):
    _, _, repairer, _ = curated
    result = repairer.explain(text)
    assert result.edits == []
    assert result.text == text


def test_a_text_the_table_spun_is_still_repaired(curated):
    oracle, groups, repairer, _ = curated
    common = script("common", "benchmarks")
    simulate = script("simulate", "benchmarks")
    table = oracle.spinner_table(groups)
    before = after = 0
    for _, text in sorted(oracle.texts().items())[:3]:
        spun = simulate.Spinner(table, seed=7).spin_keys(text, 1.0).text
        repaired = repairer.repair(spun)
        before += common.aligned_distance(spun, text)
        after += common.aligned_distance(repaired, text)
        assert repairer.repair(text) == text
    # Measured 0.80 on these three texts (0.824 over the oracle benchmark's eight).
    assert before > 100
    assert 1 - after / before > 0.75


# Clean sentences that the same table, as a partial book (an open vocabulary, as when it is
# added to the default book), edited while its certain entries were calibrated as the
# surest of the book (unspin.calibration.CERTAIN_AS).
CLEAN_OPEN = (
    "Continuous metrics reveal gradual improvement.",
    "The company’s chief financial officer said margins improved in the final quarter.",
    "Economists said households were under strain as a result of higher living costs.",
    # Edited while the keys such a table lists, left as they are, counted at the guessed
    # keys' share (unspin.weighing.KEPT_WEIGHT) rather than in full (unspin.unspun).
    "Police have appealed for witnesses after a purple hatchback was seen driving at "
    "excessive speed along Mill Avenue shortly after 11pm on Saturday night.",
    "The brand has been promoting its new range heavily on social media, and it is "
    "particularly popular with younger shoppers who have grown up with online influencers.",
)


def test_a_certain_entry_is_calibrated_as_an_unmeasured_one():
    assert calibrated_prior(1.0, 1.0) == CERTAIN_AS < 0.9
    assert calibrated_prior(0.95, 0.95) == 0.95  # the default book's measured entries
    assert calibrated_prior(0.4, 1.0) == pytest.approx(CERTAIN_AS * 0.4)  # with its article


@pytest.mark.parametrize("text", CLEAN_OPEN)
def test_the_table_as_a_partial_book_leaves_clean_sentences(curated, text):
    partial = curated[3]
    assert partial.explain(text).edits == []
