"""``detect`` on a text longer than ``repairing.SEGMENT_CHARS`` analyses it a segment at a
time (``unspin.detecting_segments``): the same detection, bit for bit, as in one piece
(the bound made small here, so that the texts stay small)."""

from __future__ import annotations

import pytest
from support import CLEAN, PAIRS, SPUN_SEEDS, read, seed, segment_bound

import unspin
from unspin.detecting import paragraph_spans

BOUND = 2_000


@pytest.fixture(scope="module")
def repairer() -> unspin.Repairer:
    return unspin.Repairer()


def _spun() -> str:
    """Spun seeds and pairs, paragraphs in a new order; two run past a segment."""
    texts = [seed(n) for n in SPUN_SEEDS] + [read(p) for p in sorted(PAIRS.glob("*.spun.txt"))]
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    text = "\n\n".join(paragraphs[k * 7 % len(paragraphs)] for k in range(len(paragraphs)))
    return text[: text.index("\n\n", 9_000)]


def _segmented(repairer: unspin.Repairer, text: str, **kwargs) -> unspin.Detection:
    with segment_bound(BOUND):
        return repairer.detect(text, **kwargs)


@pytest.mark.parametrize("kind", ["spun", "lines", "clean"])
def test_segments_detect_as_one_piece(repairer, kind):
    text = {
        "spun": _spun,
        "lines": lambda: _spun().replace("\n\n", "\n"),  # a paragraph per line
        "clean": lambda: "\n\n".join(read(p) for p in sorted(CLEAN.glob("*.txt")) * 4),
    }[kind]()
    assert len(text) > 4 * BOUND
    whole = repairer.detect(text)
    parts = _segmented(repairer, text)
    assert parts == whole  # scores, evidence and paragraph scores, float for float
    assert len(whole.paragraphs) > 5
    if kind == "spun":
        assert whole.spun and max(e - s for s, e in paragraph_spans(text)) > 2 * BOUND
    if kind == "clean":
        assert not whole.spun
        unscored = _segmented(repairer, text, paragraphs=False)
        assert unscored == repairer.detect(text, paragraphs=False)
