"""A text longer than ``repairing.SEGMENT_CHARS`` is repaired a segment at a time, with
context: the same edits as in one piece, spans in the whole text (the bound made small
here, so that the texts stay small)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import PAIRS, SPUN_SEEDS, read, seed, segment_bound

import unspin
from unspin import repairing, streaming

# Its module's fixtures are built once: the whole file runs in one process.
pytestmark = pytest.mark.xdist_group("segments")

BOUND = 4_000


@pytest.fixture(scope="module")
def repairer() -> unspin.Repairer:
    return unspin.Repairer()


@pytest.fixture(scope="module")
def spun() -> str:
    """Spun seeds and pairs, paragraphs in a new order (no text simply repeated)."""
    texts = [seed(n) for n in SPUN_SEEDS] + [read(p) for p in sorted(PAIRS.glob("*.spun.txt"))]
    paragraphs = [p for t in texts for p in t.split("\n\n") if p.strip()]
    text = "\n\n".join(paragraphs[k * 7 % len(paragraphs)] for k in range(len(paragraphs)))
    return text[: text.index("\n\n", 24_000)]


@pytest.fixture(scope="module")
def whole(repairer, spun) -> dict[bool, unspin.ExplainedText]:
    """The text explained in one piece, with and without the declined candidates."""
    return {declined: repairer.explain(spun, declined=declined) for declined in (False, True)}


def _key(d: unspin.Edit) -> tuple:
    return d.start, d.end, d.before, d.after, d.confidence, d.entry


def _segmented(repairer: unspin.Repairer, text: str, **kwargs) -> unspin.ExplainedText:
    with segment_bound(BOUND):
        return repairer.explain(text, **kwargs)


@pytest.mark.parametrize("declined", [False, True])
def test_segments_make_the_edits_of_one_piece(repairer, spun, whole, declined):
    whole = whole[declined]
    parts = _segmented(repairer, spun, declined=declined)
    assert len(spun) > 5 * BOUND and len(whole.edits) > 100
    assert [_key(d) for d in parts.edits] == [_key(d) for d in whole.edits]
    assert sorted(map(_key, parts.declined)) == sorted(map(_key, whole.declined))
    assert parts.text == whole.text
    # The whole text's spin rate: its regions' rates, each in the segment where it starts.
    assert parts.spin_rate == pytest.approx(whole.spin_rate, rel=1e-9)
    for d in parts.edits + parts.declined:
        assert spun[d.start : d.end] == d.before


def test_repair_in_segments_and_its_count(repairer, spun, whole, monkeypatch):
    whole = whole[False]
    monkeypatch.setattr(repairing, "SEGMENT_CHARS", BOUND)
    # repair() is _repair_counted's text.
    assert repairer._repair_counted(spun) == (whole.text, len(whole.edits))


def test_a_segmented_text_takes_the_context_given(repairer, spun, whole, monkeypatch):
    """A long chunk of a file, with the file's context around it: the edits of the file."""
    cut = spun.index("\n", len(spun) // 3) + 1, spun.index("\n", 2 * len(spun) // 3) + 1
    want = [
        d._replace(start=d.start - cut[0], end=d.end - cut[0])
        for d in whole[False].edits
        if cut[0] <= d.start and d.end <= cut[1]
    ]
    context = streaming.context_before(spun[: cut[0]]), streaming.context_after(spun[cut[1] :])
    monkeypatch.setattr(repairing, "SEGMENT_CHARS", BOUND)
    got = repairer.explain(spun[cut[0] : cut[1]], declined=False, context=context)
    assert [_key(d) for d in got.edits] == [_key(d) for d in want]


def test_a_text_at_the_bound_is_repaired_in_one_piece(repairer, spun, monkeypatch):
    monkeypatch.setattr(repairing, "SEGMENT_CHARS", len(spun))

    def refuse(*args: object) -> None:
        raise AssertionError("segmented")  # pragma: no cover

    # Cutting is streaming.segments' work: a text at the bound never reaches it.
    monkeypatch.setattr(streaming, "segments", refuse)
    repairer.explain(spun)
    repairer.repair(spun)


@pytest.mark.parametrize(
    "text",
    [
        " " * (BOUND + 1),
        "\n" * (3 * BOUND),
        "x" * (2 * BOUND + 7),  # no space to cut at
        "Chinese language officers mentioned it. " * 200,  # one long line
        "a\r\n" * 2_000,
    ],
)
def test_edge_texts_in_segments(repairer, text):
    whole = repairer.explain(text)
    parts = _segmented(repairer, text)
    assert parts.text == whole.text
    assert [_key(d) for d in parts.edits] == [_key(d) for d in whole.edits]
    for d in parts.edits + parts.declined:
        assert text[d.start : d.end] == d.before


def test_repair_in_segments_keeps_every_character(repairer, spun, monkeypatch):
    """The repaired segments are put together through UTF-8: characters beyond Latin-1,
    beyond the BMP and lone surrogates (a file read with ``surrogateescape``) come
    back as they were, and the text is the explained one's."""
    text = spun.replace("\n\n", " \udcff café \U0001f600\n\n")
    marks = text.count("\udcff")
    whole = repairer.explain(text, declined=False)
    assert marks > 20 and len(whole.edits) > 100
    monkeypatch.setattr(repairing, "SEGMENT_CHARS", BOUND)
    repaired, count = repairer._repair_counted(text)
    assert (repaired, count) == (whole.text, len(whole.edits))
    assert repaired.count(" \udcff café \U0001f600\n") == marks


def test_empty_text_is_not_segmented(repairer, monkeypatch):
    monkeypatch.setattr(repairing, "SEGMENT_CHARS", 0)
    assert repairer.explain("") == unspin.ExplainedText("", [], 0.0, [])
    assert repairer.repair("") == ""
    with pytest.raises(TypeError):
        repairer.repair(b"bytes")  # type: ignore[arg-type]


@given(
    st.text(alphabet=st.sampled_from("ab .\n"), max_size=300),
    st.integers(8, 40),
    st.text(alphabet=st.sampled_from("c \n"), max_size=20),
    st.text(alphabet=st.sampled_from("d \n"), max_size=20),
)
def test_segments_cover_the_text_with_its_context(text, size, before, after):
    """Segments join to the text; each one's context is the text around it (the outer
    context joined on where it reaches an end), as with_context gives a file's chunks."""
    full = before + text + after
    pos = 0
    for offset, left, segment, right in streaming.segments(text, size, (before, after)):
        assert offset == pos and 0 < len(segment) <= size
        assert segment == text[offset : offset + len(segment)]
        assert full[: len(before) + offset].endswith(left)
        assert full[len(before) + offset + len(segment) :].startswith(right)
        pos += len(segment)
    assert pos == len(text)
