"""Property tests (hypothesis): no crash on any text, byte-exact preservation outside
edits, idempotence, clean text unchanged; and one 5 MB single-line document.

The number of examples comes from the hypothesis profile set in conftest.py (150 by
default; HYPOTHESIS_PROFILE=thorough for 5000).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import check_edits, clean_paths, read, seed

from unspin import Config, Repairer, choosing, repair, repair_and_explain

# Spun phrases from the development pairs, and words that are no phrasebook candidate.
SPUN_PHRASES = [
    "Center East",
    "center east",
    "CENTER EAST",
    "Pink Sea",
    "nationwide safety",
    "Chinese language officers",
    "mentioned",
    "Mentioned",
    "final week",
    "within the",
    "12 months",
    "Individuals",
    "the USA",
    "international locations",
    "chemical substances",
    "had been",
    "one of many",
    "White Home",
    "{dollars}",
    "know-how",
    "the 2 nations",
    "nation’s",
    "nation's",
    "officers",
    "strain",
    "commerce",
    "However",
    "extra",
    "Communist Occasion’s",
    "in Could",
    "3",
    "10",
    "1000's",
]
# Spun fragments with the words a spinner leaves around them (word salad of bare spun
# phrases puts them in contexts no text has, e.g. "of Center East" -> "of Middle East",
# which a second pass reads as "of course East").
SPUN_FRAGMENTS = [
    "tensions rose within the Center East",
    "Chinese language officers mentioned",
    "final week",
    "the nationwide safety adviser",
    "attacks within the Pink Sea",
    "100,000 Individuals a 12 months",
    "the 2 international locations",
    "chemical substances used to make fentanyl",
    "talks had been held",
    "one of many few outcomes",
    "billions of {dollars}",
    "synthetic intelligence know-how",
    "the White Home mentioned",
    "the USA and China",
    "the nation’s chief",
    "commerce ties",
    "the Communist Occasion’s newspaper",
    "in Could",
    "extra strain on China",
    "However",
    "CHINESE LANGUAGE OFFICERS MENTIONED",
    "Center East",
    "mentioned",
    "12 months",
]
CLEAN_WORDS = [
    "Tensions",
    "rose",
    "the",
    "talks",
    "Beijing",
    "Washington",
    "fentanyl",
    "and",
    "resumed",
    "of",
    "a",
    "summit",
    "November",
    "analysts",
    "say",
    "diplomacy",
    "Xi",
    "Biden",
    "relations",
    "tariffs",
    "its",
    "with",
    "2024",
    "$2",
    "p.m.",
    "—",
    "“",
    "”",
]
SEPARATORS = [" ", " ", " ", ", ", ". ", "; ", "\n", "\r\n", "\n\n", "\t", " — ", "🙂"]
JUNK_SEPARATORS = [*SEPARATORS, "’", "-", ""]

# Any code point at all: lone surrogates, control characters, unassigned, private use.
any_text = st.text(alphabet=st.characters(blacklist_categories=()), max_size=300)


NO_JUNK = st.just("")


@st.composite
def spun_documents(draw, phrases=SPUN_PHRASES, separators=JUNK_SEPARATORS, junk=NO_JUNK):
    """Spun phrases and clean words joined by separators (and optionally junk)."""
    pieces = draw(st.lists(st.sampled_from(phrases + CLEAN_WORDS), min_size=1, max_size=40))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(st.sampled_from(separators)) + draw(junk))
    return "".join(out)


# -- robustness --------------------------------------------------------------------


@given(any_text)
@example("\ud800Center East\udfff final week")
@example("\x00Chinese language officers\x00mentioned\x85final week\u2028")
@example("İİİ Center East ﬁnal week ǅ")
def test_any_text_is_repaired_without_crash(text):
    result = repair_and_explain(text)
    assert isinstance(result.text, str)
    assert repair(text) == result.text
    check_edits(text, result)


@given(spun_documents(junk=st.text(alphabet=st.characters(blacklist_categories=()), max_size=3)))
def test_spun_text_with_junk_is_preserved_outside_edits(text):
    result = repair_and_explain(text)
    check_edits(text, result)
    for edit in result.edits:
        # At the threshold, or a surely spun word's likeliest original (unspin.choosing).
        assert choosing.LIKELIEST <= edit.confidence <= 1.0


_TOLD = {}


@settings(max_examples=max(1, settings.default.max_examples // 4), deadline=None)
@given(
    spun_documents(junk=st.text(alphabet=st.characters(blacklist_categories=()), max_size=3)),
    st.floats(min_value=1e-9, max_value=1 - 1e-9),
)
def test_any_spun_prior_repairs_without_crash(text, prior):
    # A user's own prior that the text was spun (Config.spun_prior), anywhere in (0, 1).
    prior = round(prior, 3) or 1e-9  # a few repairers, each loaded once
    if prior not in _TOLD:
        _TOLD[prior] = Repairer(Config(spun_prior=min(prior, 1 - 1e-9)))
    result = _TOLD[prior].explain(text)
    check_edits(text, result)


# -- idempotence -------------------------------------------------------------------


def _outputs(result) -> list[tuple[int, int]]:
    """Where each edit's replacement stands in the repaired text."""
    spans, shift = [], 0
    for edit in result.edits:
        start = edit.start + shift
        spans.append((start, start + len(edit.after)))
        shift += len(edit.after) - (edit.end - edit.start)
    return spans


@given(spun_documents(phrases=SPUN_FRAGMENTS, separators=SEPARATORS))
@example("Tensions rose within the Center East final week, Chinese language officers mentioned.")
@example(
    "synthetic intelligence know-how the nationwide safety adviser 100,000 Individuals a 12 months"
)
# Found by the thorough profile (2026-12-08): "However" read as a name's first word kept
# the "Center East" after it, until the first pass made it "But" (unspin.cues.CONNECTIVES).
@example("tensions rose within the Center East However Center East ")
def test_a_second_repair_changes_only_words_the_first_wrote(text):
    # Repair is idempotent but for chains: an original the book also lists as a spun
    # word ("know-how" -> "technology", and "technology" -> "generation" elsewhere) may
    # be taken for a spin on a second pass (hypothesis found one such text: the salad
    # "synthetic intelligence know-how the nationwide safety adviser 100,000
    # Individuals a 12 months the Communist Occasion’s newspaper"). Nothing else may
    # change.
    once = repair_and_explain(text)
    twice = repair_and_explain(once.text)
    outputs = _outputs(once)
    for edit in twice.edits:
        assert any(s < edit.end and edit.start < e for s, e in outputs), edit


def test_an_edit_that_settles_a_neighbour_is_not_made_on_a_second_pass():
    """Edits are decided by their marginal probability, so making one can settle a
    neighbour's (found by the thorough profile, a known failure until the one-rate model
    of unspin.rates): in "extra strain on China", "extra" -> "more" was made (0.61) while
    "strain" -> "pressure" was declined, its marginal shared between "extra pressure" and
    "more pressure"; on the repaired text "more strain" left one reading, and "pressure"
    reached 0.63. Now both are made in the first paragraph (0.62, 0.60) and a second pass
    changes nothing; 6,000 random texts of the idempotence test's pieces found no other
    case. The hazard is the decision rule's, so the text stays as a regression test."""
    text = "extra strain on China\n\nWashington, Washington. extra strain on China the "
    once = repair_and_explain(text)
    twice = repair_and_explain(once.text)
    outputs = _outputs(once)
    assert all(any(s < e.end and e.start < t for s, t in outputs) for e in twice.edits)


# -- clean text --------------------------------------------------------------------

_SENTENCE_END = regex.compile(
    r"(?<=[.!?][”\"’)]?)(?<!\b(?:Mr|Ms|Mrs|Dr|St|[A-Z])\.)\s+(?=[“\"(]?[A-Z0-9])"
)


def _clean_sentences() -> list[str]:
    sentences: list[str] = []
    for path in clean_paths():
        for line in read(path).splitlines():
            for sentence in _SENTENCE_END.split(line.strip()):
                if len(sentence.split()) >= 3 and sentence not in sentences:
                    sentences.append(sentence)
    return sentences


CLEAN_SENTENCES = _clean_sentences()


def _known_negative_failures() -> set[str]:
    path = Path(__file__).parent / "test-cases" / "negative.json"
    cases = json.loads(path.read_text(encoding="utf-8"))
    return {c["original"] for c in cases if c["expect"] == "fail"}


# The known failures of tests/test-cases/negative.json are damaged alone (each has
# its reason written there); mixed in with the rest they would only be found again.
SAFE_SENTENCES = [s for s in CLEAN_SENTENCES if s not in _known_negative_failures()]


SPUN_CONTEXT = "Chinese language officers mentioned the Center East talks resume in 12 months."
MARKUP_SHAPES = [
    "https://example.com/{}/news",
    "www.{}.example.org",
    "{}@example.com",
    "docs/{}.txt",
    "{}_id",
    "ref={}",
    "[![{}](https://example.com/badge.svg)]",
    "`{}`",
    "#{}",
    # Code written in prose: a call, an attribute on either side.
    "{}()",
    "{}(x)",
    "{}.cash",
    "obj.{}()",
]


@given(
    st.sampled_from([p for p in SPUN_PHRASES if regex.fullmatch(r"\w+", p)]),
    st.sampled_from(MARKUP_SHAPES),
)
def test_urls_paths_and_identifiers_are_never_edited(phrase, shape):
    markup = shape.format(phrase)
    text = f"{SPUN_CONTEXT} See {markup} for more. {SPUN_CONTEXT}"
    result = repair_and_explain(text)
    assert result.text != text  # the spun prose around it is repaired
    assert f" {markup} " in result.text
    check_edits(text, result)


def test_clean_sentence_pool():
    assert len(CLEAN_SENTENCES) > 200


def test_every_clean_sentence_alone_is_unchanged():
    # Alone, a sentence has little evidence that it was spun at all, so its ambiguous
    # words ("Additionally", "mentioned") must stay as they are. The exceptions are
    # the known failures of tests/test-cases/negative.json, each with its reason.
    known = _known_negative_failures()
    damaged = [s for s in CLEAN_SENTENCES if repair(s) != s and s not in known]
    assert damaged == []


@given(
    st.lists(st.sampled_from(SAFE_SENTENCES), min_size=1, max_size=8, unique=True),
    st.sampled_from([" ", "\n", "\r\n", "\n\n", "  "]),
)
def test_clean_text_is_unchanged(sentences, separator):
    text = separator.join(sentences)
    result = repair_and_explain(text)
    assert result.text == text, [(e.before, e.after, round(e.confidence, 3)) for e in result.edits]


# -- a 5 MB single line ------------------------------------------------------------


@pytest.mark.slow
def test_long_single_line():
    # Speed is measured in benchmarks/, never here: this is about a long line's regions.
    one = " ".join(seed("000").split())  # the spun seed on one line
    size = 200_000
    text = " ".join([one] * (size // (len(one) + 1) + 1))[:size]
    assert len(text) == size and "\n" not in text

    result = repair_and_explain(text)

    assert "\n" not in result.text
    # Every copy is spun the same way, so the whole shrinks about as much as one copy.
    single = repair_and_explain(one)
    ratio = len(result.text) / len(text)
    assert 0.8 < ratio < 1.0
    assert ratio == pytest.approx(len(single.text) / len(one), abs=0.02)
    copies = len(text) / len(one)
    # A word choice repeated in neighbouring copies counts once as evidence of the rate
    # (unspin.kinds.kind_shares), so a copy amid copies is a little less sure than alone.
    assert len(result.edits) == pytest.approx(copies * len(single.edits), rel=0.25)
    check_edits(text, result)


# -- broad phrasebooks: any valid book, with a table as broad as the spinner's ----------

# Words of both kinds: common words that are keys and alternatives of each other, as in
# the spinner family's groups ("stay" is a key, and an alternative of "live").
BOOK_WORDS = [
    "live", "stay", "reside", "dwell", "year", "month", "said", "stated", "mentioned",
    "people", "folks", "individuals", "game", "recreation", "sport", "night", "evening",
    "film", "movie", "home", "house", "money", "cash", "in the", "within the", "at the",
    "on the", "how to", "tips on how to", "the", "a", "of", "2", "two", "Center East",
    "Middle East", "officials", "officers",
]  # fmt: skip


@st.composite
def broad_books(draw):
    """A valid phrasebook of up to 60 entries over BOOK_WORDS, with or without priors (and
    own shares)."""
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(BOOK_WORDS), st.sampled_from(BOOK_WORDS)).filter(
                lambda p: p[0].lower() != p[1].lower()
            ),
            min_size=1,
            max_size=60,
            unique=True,
        )
    )
    columns = draw(st.sampled_from(((), ("prior",), ("prior", "own"))))
    n = len(pairs)
    priors = draw(st.lists(st.floats(0.001, 1.0), min_size=n, max_size=n))
    owns = draw(st.lists(st.floats(0.0, 0.999), min_size=n, max_size=n))
    lines = ["\t".join(("spun", "original", "source", *columns))]
    seen = set()
    for (spun, original), prior, own in zip(pairs, priors, owns, strict=True):
        if (spun.lower(), original) in seen:
            continue
        seen.add((spun.lower(), original))
        row = f"{spun.lower()}\t{original}\tgen"
        lines.append(row + "".join(f"\t{v!r}" for v in (prior, own)[: len(columns)]))
    return "\n".join(lines) + "\n"


def _repairer_for(book: str, default: bool) -> Repairer:
    folder = Path(tempfile.mkdtemp())
    path = folder / "book.tsv"
    path.write_text(book, encoding="utf-8")
    return Repairer(Config(phrasebooks=(path,), default_phrasebook=default))


# Each example compiles a book of its own: a twentieth of the profile's examples.
@settings(max_examples=max(1, settings.default.max_examples // 20), deadline=None)
@given(broad_books(), spun_documents(phrases=SPUN_FRAGMENTS, separators=SEPARATORS), st.booleans())
def test_any_valid_phrasebook_repairs_without_crash_and_idempotently(book, text, default):
    repairer = _repairer_for(book, default)
    result = repairer.explain(text)
    check_edits(text, result)
    assert repairer.repair(result.text) == result.text


@settings(max_examples=20, deadline=None)
@given(broad_books(), st.lists(st.sampled_from(SAFE_SENTENCES), min_size=3, max_size=8))
def test_clean_text_is_unchanged_with_any_broad_table(book, sentences):
    # A clean text leaves most keys of any table unspun: it stays as it is.
    text = " ".join(sentences)
    assert _repairer_for(book, False).repair(text) == text


# Words of letters from any script (cased or not), as a phrasebook may write them.
_letter_words = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Lo")), min_size=1, max_size=8
)


@given(st.lists(_letter_words, min_size=1, max_size=3))
def test_a_phrase_of_letters_is_found_where_it_stands(words):
    """Whatever its letters ("señor", "naïve bayes", "cañon metropolis"), a phrase of
    words is a key the matcher finds where the text holds it, at its offsets."""
    from unspin.matching import Matcher
    from unspin.tokenizing import WORD_RE, normalize_phrase

    phrase = " ".join(words)
    key = normalize_phrase(phrase)
    # Only a phrase the tokenizer reads as these words (letters that case-fold to other
    # letters, or to more than one, are the fold's business, not this test's).
    if not key or [m.group() for m in WORD_RE.finditer(phrase)] != words:
        return
    text = f"Then {phrase} stood here."
    found = [(s, e) for s, e, _ in Matcher([(key, 0)]).find(text)[0]]
    assert (5, 5 + len(phrase)) in found
