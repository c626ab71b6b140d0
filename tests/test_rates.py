"""The regions the spin rate is estimated over (unspin.rates.regions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin import rates

PIECES = st.sampled_from(["word", "x", " ", "  ", ".", ". ", '."  ', "!", "\n", "\n\n", "”", "…"])


@given(st.lists(PIECES, max_size=300), st.integers(5, 40))
def test_regions_cut_long_lines_at_the_first_sentence_end_in_reach(pieces, size):
    """Regions keep to lines and cover every non-blank character; a line longer than
    ``size`` is cut at the first sentence end ``size`` to ``4 * size`` characters on,
    else at the first space after that, else not at all."""
    text = "".join(pieces)
    old = rates.REGION_CHARS
    rates.REGION_CHARS = size
    try:
        found = rates.regions(text)
    finally:
        rates.REGION_CHARS = old
    covered = set()
    previous_end = 0
    for start, end in found:
        assert previous_end <= start < end <= len(text)
        assert "\n" not in text[start:end]
        covered.update(range(start, end))
        previous_end = end
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        if end < line_end:  # a cut inside a line
            sentence = rates._SENTENCE_END.search(text, start + size, line_end)
            if sentence is not None and sentence.end() - start <= 4 * size:
                assert end == sentence.end()
            else:
                space = rates._SPACE.search(text, start + 4 * size, line_end)
                assert space is not None and end == space.end()
    assert all(k in covered for k, c in enumerate(text) if not c.isspace())


def test_a_long_line_without_a_sentence_end_is_cut_at_spaces():
    text = "12 months " * 2_000
    found = rates.regions(text)
    assert len(found) > 1
    assert all(end - start <= 4 * rates.REGION_CHARS + 10 for start, end in found)


def _evidence_of(rate_evidence: dict[float, float], regions: int):
    """``regions`` rows of log likelihood ratios: ``rate_evidence`` at the rates named,
    linear between them, clean (rate 0) at 0."""
    import numpy as np

    points = sorted(rate_evidence.items())
    row = np.interp(rates.RATES, [r for r, _ in points], [v for _, v in points])
    row[0] = 0.0
    return np.tile(row, (regions, 1))


def test_a_page_spun_lightly_throughout_is_spun_in_every_region(monkeypatch):
    """Thirty regions, each leaning only a little towards a rate of 0.1 (a spin or two a
    bigram model cannot tell from a writer's choice): the chain alone, free to move, calls
    them mostly clean; the one-rate model pools the window and calls them spun."""
    evidence = _evidence_of({0.0: 0.0, 0.1: 0.4, 0.3: -1.0, 0.97: -20.0}, 30)
    both = rates.posteriors(evidence)
    monkeypatch.setattr(rates, "ONE_RATE", 1e-12)
    chain = rates.posteriors(evidence)
    middle = 15
    assert 1 - both[middle, 0] > 0.9
    assert 1 - both[middle, 0] > (1 - chain[middle, 0]) + 0.2


def test_a_page_starts_from_a_higher_prior_than_a_sentence(monkeypatch):
    """With no evidence, a lone sentence is spun with the chain's prior; a page of several
    paragraphs leans further towards spun (its one-rate model starts from ONE_RATE_SPUN),
    which its evidence must then confirm: a page whose every region leans a little
    towards a low rate is spun, and one whose regions lean clean is not."""
    import numpy as np

    n = len(rates.RATES)
    lone = rates.posteriors(np.zeros((1, n)))
    assert 1 - lone[0, 0] == pytest.approx(rates.PRIOR_SPUN)
    page = rates.posteriors(np.zeros((12, n)))
    assert rates.PRIOR_SPUN + 0.05 < 1 - page[6, 0] < rates.ONE_RATE_SPUN
    short = rates.posteriors(np.zeros((rates.ONE_RATE_REGIONS - 1, n)))
    assert 1 - short[0, 0] == pytest.approx(rates.PRIOR_SPUN)
    light = _evidence_of({0.0: 0.0, 0.05: 0.3, 0.1: 0.4, 0.3: -1.0, 0.97: -20.0}, 12)
    assert 1 - rates.posteriors(light)[6, 0] > 0.7  # 0.74 from 0.25 (0.50 from 0.09)
    assert 1 - rates.posteriors(light[:1])[0, 0] < 0.1  # the same lean, one region: clean
    monkeypatch.setattr(rates, "_PAGE_PRIOR", rates.prior_with(rates.PRIOR_SPUN))
    assert 1 - rates.posteriors(light)[6, 0] < 0.6  # from a lone sentence's prior
    clean = _evidence_of({0.0: 0.0, 0.05: -0.3, 0.1: -0.6, 0.3: -2.0, 0.97: -20.0}, 12)
    assert 1 - rates.posteriors(clean)[6, 0] < 0.01


def test_one_spun_region_among_clean_ones_stays_alone():
    """A strongly spun region among twenty clean ones: the chain explains that window far
    better than one rate does, so the spun region is spun and its clean neighbours are
    not dragged up with it."""
    import numpy as np

    evidence = _evidence_of({0.0: 0.0, 0.05: -1.5, 0.5: -6.0, 0.97: -20.0}, 21)
    evidence[10] = _evidence_of({0.0: 0.0, 0.05: 2.0, 0.5: 25.0, 0.97: 30.0}, 1)[0]
    post = rates.posteriors(evidence)
    assert 1 - post[10, 0] > 0.99
    clean = np.delete(1 - post[:, 0], 10)
    assert clean.max() < 0.1


def test_posteriors_are_distributions_whatever_the_evidence():
    import numpy as np

    rng = np.random.default_rng(7)
    for n in (1, 2, 5, 60):
        evidence = rng.normal(0, 30, (n, len(rates.RATES)))
        evidence[:, 0] = 0.0
        spans = [(2 * k, 2 * k + 1) for k in range(n)]
        post = rates.posteriors(evidence, rates.switches("x\n" * n, spans))
        assert post.shape == (n, len(rates.RATES))
        assert np.all(np.isfinite(post)) and np.all(post >= 0)
        assert np.allclose(post.sum(axis=1), 1.0)


@given(st.integers(min_value=1, max_value=200))
def test_window_sizes_count_each_regions_neighbours(n):
    sizes = rates.window_sizes(n)
    for j in (0, n // 2, n - 1):
        expected = sum(1 for k in range(n) if abs(k - j) <= rates.WINDOW)
        assert sizes[j] == expected
    # A short text is short throughout; a long one nowhere.
    short = sizes < rates.ONE_RATE_REGIONS
    assert short.all() == (n < rates.ONE_RATE_REGIONS) and short.any() == short.all()


def test_a_told_prior_starts_every_window_wherever_it_stands():
    """``told`` (Config.spun_prior): with no evidence, every region of a text of any
    length is spun with the user's own probability, in place of the chain's and a page's
    priors; evidence still moves it, and the same lean that a page of its own evidence
    leaves undecided is spun when the user says the text was."""
    import numpy as np

    n = len(rates.RATES)
    for regions in (1, 3, 12, 80):
        post = rates.posteriors(np.zeros((regions, n)), told=0.9)
        assert np.allclose(1 - post[:, 0], 0.9)
        assert np.allclose(post.sum(axis=1), 1.0)
    faint = _evidence_of({0.0: 0.0, 0.05: 0.1, 0.1: 0.1, 0.3: -1.0, 0.97: -20.0}, 3)
    assert 1 - rates.posteriors(faint)[1, 0] < 0.3
    assert 1 - rates.posteriors(faint, told=0.99)[1, 0] > 0.95
    clean = _evidence_of({0.0: 0.0, 0.05: -3.0, 0.1: -6.0, 0.3: -20.0, 0.97: -60.0}, 12)
    assert 1 - rates.posteriors(clean, told=0.99)[6, 0] < 0.5  # the evidence still speaks
