"""A fingerprint written with the paper's acronym ("web protocol (IP)"): matched with it,
its words edited and the acronym left as written; a writer's own acronym is no
fingerprint."""

from __future__ import annotations

import pytest

import unspin
from unspin import acronyms, vetting
from unspin.phrasebook import load_default


def test_trailing_splits_the_words_from_their_acronym():
    assert acronyms.trailing("web protocol (ip)") == ("web protocol", "ip")
    assert acronyms.trailing("fifth era (5g)") == ("fifth era", "5g")
    assert acronyms.trailing("web protocol") is None
    assert acronyms.trailing("accuracy-recall (pr) curve") is None  # not at the end
    assert acronyms.trailing("web protocol(ip)") is None  # no space before it
    assert acronyms.trailing("(ip)") is None  # no words before it


@pytest.mark.parametrize(
    ("words", "acronym", "spelled"),
    [
        ("dimensionality reduction", "DR", True),
        ("information and communications technology", "ICT", True),
        ("long short-term memory", "LSTM", True),
        ("closest neighbor", "NN", False),
        ("domestic output", "GDP", False),
        ("sixth era", "6G", False),
    ],
)
def test_an_acronym_spells_its_own_words_initials(words, acronym, spelled):
    assert acronyms.spells(words, acronym) is spelled


def test_paraphrased_needs_the_same_acronym_on_both_sides_and_not_the_spun_words_own():
    assert acronyms.paraphrased("web protocol (ip)", "internet protocol (IP)") == (
        "web protocol",
        "internet protocol",
    )
    assert acronyms.paraphrased("web protocol (ip)", "internet protocol (TCP)") is None
    assert acronyms.paraphrased("web protocol (ip)", "internet protocol") is None
    # The screener's list reads "dimensionality reduction (DR)" as a paper's rewrite of
    # "diabetic retinopathy (DR)"; a writer of machine learning writes it as it is.
    assert (
        acronyms.paraphrased("dimensionality reduction (dr)", "diabetic retinopathy (DR)") is None
    )


def test_vetting_reads_the_words_before_the_acronym():
    assert not vetting.unusable("web protocol (ip)", "internet protocol (IP)", True)
    assert vetting.unusable("dimensionality reduction (dr)", "diabetic retinopathy (DR)", True)
    assert vetting.unusable("accuracy-recall (pr) curve", "precision-recall (PR) curve", True)
    # The words themselves are vetted as any entry's: an identity is no mapping.
    assert vetting.unusable("internet protocol (ip)", "internet protocol (IP)", True)


def test_the_default_book_holds_the_screeners_fingerprints_with_their_acronym():
    spun = {e.spun for e in load_default() if e.source == "pps"}
    assert {"domestic output (gdp)", "closest neighbor (nn)", "web protocol (ip)"} <= spun
    assert "dimensionality reduction (dr)" not in spun  # its own initials


@pytest.fixture(scope="module")
def repairer() -> unspin.Repairer:
    return unspin.Repairer()


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        (
            "The domestic output (GDP) of the country grew by 3%.",
            "The gross domestic product (GDP) of the country grew by 3%.",
        ),
        (
            "Data were analysed with common least squares (OLS) regression.",
            "Data were analysed with ordinary least squares (OLS) regression.",
        ),
        (
            "The closest neighbor (NN) classifier was used.",
            "The nearest neighbor (NN) classifier was used.",
        ),
    ],
)
def test_a_fingerprint_with_its_acronym_is_put_back_and_the_acronym_kept(repairer, text, fixed):
    result = repairer.explain(text)
    assert result.text == fixed
    (edit,) = result.edits
    # The edit is the words before the acronym; the acronym stays as the paper wrote it.
    assert text[edit.end :].startswith(" (")
    assert edit.entry.source == "pps" and "(" not in edit.after


@pytest.mark.parametrize(
    "text",
    [
        "Domestic output of steel rose 4% in the year to March, the statistics office said.",
        "The closest neighbor was twenty miles away.",
        "We project the features with dimensionality reduction (DR) before training.",
        "A cross-correlation analysis (CCA) of the two signals found a lag of 3 ms.",
    ],
)
def test_the_words_alone_or_with_their_own_acronym_are_left_as_written(repairer, text):
    assert repairer.repair(text) == text


def test_a_users_entry_with_an_acronym_matches_only_with_it(tmp_path):
    book = tmp_path / "book.tsv"
    book.write_text(
        "spun\toriginal\tsource\nweb protocol (ip)\tinternet protocol (IP)\tmine\n",
        encoding="utf-8",
    )
    r = unspin.Repairer(unspin.Config(phrasebooks=(book,), default_phrasebook=False))

    def candidates(text: str) -> list[tuple[str, str, str]]:
        result = r.explain(text)
        return [(d.before, d.after, text[d.end :]) for d in result.edits + result.declined]

    # Its acronym in capitals or not, the words in any case: the words are the candidate.
    assert candidates("Every host has a Web Protocol (IP) address.") == [
        ("Web Protocol", "Internet Protocol", " (IP) address.")
    ]
    assert candidates("a web protocol (ip) address")[0][:2] == ("web protocol", "internet protocol")
    for text in (
        "Every host speaks a web protocol.",
        "Every host speaks a web protocol(IP).",
        "Every host speaks a web protocol (TCP).",
    ):
        assert candidates(text) == []
