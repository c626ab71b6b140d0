"""The regions the spin rate is estimated over (unspin.rates.regions)."""

from __future__ import annotations

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
