"""A book of the spinner's own table loaded alone (a closed vocabulary): the case of a
user who has the spinner's whole thesaurus. Clean text must come back unchanged with it,
and the text it spun must still be repaired."""

from __future__ import annotations

import pytest
from support import script

from unspin import Config, Repairer
from unspin.rates import CLOSED_PRIOR_SPUN, PRIOR_SPUN

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
    return oracle, groups, repairer


def test_a_closed_book_starts_a_text_less_suspect():
    assert 0 < CLOSED_PRIOR_SPUN < PRIOR_SPUN


@pytest.mark.parametrize("text", CLEAN)
def test_clean_sentences_are_left_alone_with_the_spinners_table(curated, text):
    _, _, repairer = curated
    result = repairer.explain(text)
    assert result.edits == []
    assert result.text == text


def test_a_text_the_table_spun_is_still_repaired(curated):
    oracle, groups, repairer = curated
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
