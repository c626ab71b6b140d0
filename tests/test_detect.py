"""Detection: spun text scores high, clean text low, with evidence that points into the
text, per-paragraph scores, and the same bad-input rules as repair."""

from __future__ import annotations

import doctest
import json
import sysconfig
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import CLEAN_SEEDS, DATA, PAIRS, SPUN_SEEDS, clean_paths, read, seed

import unspin
from unspin import Config, Detection, Repairer, detect, rates
from unspin.choosing import spun_enough
from unspin.detecting import THRESHOLD, paragraph_spans
from unspin.english import english_prose


@pytest.mark.parametrize("number", SPUN_SEEDS)
def test_spun_seeds_are_detected(number):
    result = detect(seed(number))
    assert result.spun
    assert result.score > 0.99
    assert result.spin_rate > 0.15
    assert len(result.evidence) > 20


@pytest.mark.parametrize("path", clean_paths(), ids=lambda p: p.name)
def test_clean_texts_are_not_detected(path):
    result = detect(read(path))
    assert not result.spun
    assert result.score < 0.35


@pytest.mark.parametrize("number", CLEAN_SEEDS)
def test_clean_seeds_score_low(number):
    assert detect(seed(number)).score < 0.1


def test_evidence_points_into_the_text():
    text = seed("000")
    result = detect(text)
    weights = [s.weight for s in result.evidence]
    assert weights == sorted(weights, reverse=True)
    assert all(w > 0 for w in weights)
    for signal in result.evidence:
        assert text[signal.start : signal.end] == signal.text
        assert signal.original != signal.text
        observed = signal.text.lower().replace("’", "'")
        assert observed in (signal.entry.spun, signal.entry.spun + "'s")
    strongest = {(s.text, s.original) for s in result.evidence[:40]}
    assert {("Center East", "Middle East"), ("Center", "Middle")} & strongest


def test_partly_spun_document_shows_where_the_spinning_is():
    text = seed("003")
    result = detect(text)
    assert len(result.paragraphs) == len(paragraph_spans(text)) > 10
    for p in result.paragraphs:
        assert 0.0 <= p.score <= 1.0
        assert p.spun == (p.score >= THRESHOLD)
    by_text = {text[p.start : p.end][:30]: p for p in result.paragraphs}
    # Lightly spun ("deadlock", "accountable", "methods", "commerce"): flagged.
    lightly = by_text["But at present, cooperation be"]
    assert lightly.spun and lightly.score > THRESHOLD + 0.05
    # A quotation the spinner left alone but for its attribution ("said" -> "stated")
    # is one of the document's paragraphs (a spun page keeps its rate from paragraph to
    # paragraph); taken out of it, it is no sign of spinning.
    quote = by_text["“The United States must face u"]
    assert detect(text[quote.start : quote.end]).score < 0.5


#: Seed 004's third long paragraph ("the US approach toward the issue", "the way forward
#: for the two countries"): "toward" for "at" (a seed mapping) and "way forward for" for
#: "future of" (seen on two real pages) make it read as spun beside spun paragraphs.
KNOWN_FLAGGED = 2


def _clean_beside_spun(n_spun: int) -> list[float]:
    clean, spun = seed("004"), seed("000")
    clean_paragraphs = [clean[a:b] for a, b in paragraph_spans(clean) if b - a > 200][:4]
    spun_paragraphs = [spun[a:b] for a, b in paragraph_spans(spun) if b - a > 200][:4]
    result = detect("\n\n".join(clean_paragraphs + spun_paragraphs[:n_spun]))
    assert result.spun
    return [p.score for p in result.paragraphs]


@pytest.mark.parametrize("n_spun", [1, 4])
def test_clean_paragraphs_beside_spun_ones_stay_low(n_spun):
    scores = _clean_beside_spun(n_spun)
    assert max(s for k, s in enumerate(scores[:4]) if k != KNOWN_FLAGGED) < 0.25, scores
    assert min(scores[4:]) > 0.9, scores


@pytest.mark.xfail(strict=True, reason="known failure: see KNOWN_FLAGGED")
def test_a_clean_paragraph_with_two_of_the_spinners_choices_beside_spun_ones():
    assert _clean_beside_spun(1)[KNOWN_FLAGGED] < 0.25


def test_a_file_of_spun_and_clean_articles_is_told_apart_paragraph_by_paragraph():
    spun = [p for number in SPUN_SEEDS[:2] for p in _long_paragraphs(seed(number))]
    clean = [p for path in clean_paths() for p in _long_paragraphs(read(path))]
    paragraphs = spun + clean
    result = detect("\n\n".join(paragraphs))
    scores = [p.score for p in result.paragraphs]
    assert len(scores) == len(paragraphs)
    spun_scores = sorted(scores[: len(spun)])
    clean_scores = sorted(scores[len(spun) :])
    # At most two clean paragraphs in 67 flagged, both seed 004's: a non-native writer's
    # "focus on enhancing its own governance" reads like a spin of "improving", and
    # KNOWN_FLAGGED's "way forward for" like one of "future of" (known; issue 16).
    assert clean_scores[-3] < THRESHOLD
    # Nine in ten spun ones near sure (0.896 since the family's phrases are no
    # fingerprints, 2026-12-07: "nationwide safety" counts as the words it is).
    assert spun_scores[len(spun_scores) // 10] > 0.85


def test_a_repeated_spun_text_keeps_its_paragraph_scores():
    # Counting each word choice once in the whole text must not make a long spun text's
    # paragraphs look clean (its survivors still count in full).
    text = "\n\n".join([seed("000")] * 20)
    scores = sorted(p.score for p in detect(text).paragraphs)
    assert scores[len(scores) // 2] > 0.99


def test_one_paragraph_has_no_paragraph_scores():
    result = detect(
        "Chinese language officers mentioned that tensions rose within the Center East."
    )
    assert result.spun
    assert result.paragraphs == []


def test_paragraph_scores_can_be_skipped():
    result = Repairer().detect(seed("003"), paragraphs=False)
    assert result.paragraphs == []
    assert result.spun


def test_empty_and_blank_text_score_zero():
    for text in ("", "   \n\n  "):
        assert detect(text) == Detection(0.0, False, 0.0, [], [])


def test_text_without_candidates_is_not_spun():
    result = detect("The the the. 12345. Xyzzy plugh.")
    assert result.evidence == []
    assert not result.spun


FOREIGN = Path(__file__).parent.parent / "benchmarks" / "data" / "foreign"
_STDLIB = Path(sysconfig.get_paths()["stdlib"])
NOT_PROSE = {
    "word": "hello",
    "assignment": "x = 1",
    "csv": "id,name,value,notes\n"
    + "".join(f"{i},item {i},{i * 3.5},see the name\n" for i in range(40)),
    "json": json.dumps(
        {
            "name": "report",
            "items": [{"id": i, "name": f"name {i}", "call": "end line"} for i in range(30)],
        },
        indent=2,
    ),
    "word list": "\n".join(
        ["officers", "mentioned", "stated", "followers", "display", "final"] * 5
    ),
    **{p.stem: read(p) for p in sorted(FOREIGN.glob("*.txt"))},
    **{
        p.name: p.read_text(encoding="utf-8", errors="replace")[:12_000]
        for p in (
            _STDLIB / "json" / "encoder.py",
            _STDLIB / "wsgiref" / "headers.py",
            _STDLIB / "textwrap.py",
        )
    },
}


@pytest.mark.parametrize("name", sorted(NOT_PROSE))
def test_text_that_is_not_english_prose_is_never_flagged(name):
    result = detect(NOT_PROSE[name])
    assert not result.spun
    assert all(p.score < 0.5 for p in result.paragraphs)
    assert result.score < 0.05


def test_text_that_is_not_english_prose_scores_near_zero_on_average():
    scores = [detect(text).score for text in NOT_PROSE.values()]
    assert sum(scores) / len(scores) < 0.05


@pytest.mark.parametrize("name", sorted(NOT_PROSE))  # source code: docstrings and all
def test_detection_says_why_it_cannot_judge(name):
    assert detect(NOT_PROSE[name]).reason == "too little English prose to judge"


def test_english_prose_is_judged():
    assert detect(seed("001")).reason == ""
    assert detect("The officers said the talks would resume next year.").reason == ""
    assert english_prose(
        "Mortality was lower in the treated group than in the controls (12% vs 19%; hazard"
        " ratio 0.61, 95% CI 0.45-0.83; p = 0.002), and the effect was larger in older"
        " patients."
    )


def test_a_short_caption_is_prose_but_a_short_foreign_sentence_is_not():
    # "a", "in" and "on" are English function words in a short text, unless another
    # language's function words stand beside them (written for this test).
    assert english_prose("A shopper pushes a cart outside a store in Oakland, on Tuesday.")
    assert not english_prose("Shopper pushes cart outside store, Tuesday.")
    for foreign in (
        "Die Regierung in Berlin plant neue Steuern",
        "La casa en la playa a las ocho",
        "On est parti a huit heures",
    ):
        assert not english_prose(foreign)
    # A long text needs the English-only function words.
    assert not english_prose(" ".join(["Berlin in Germany, a city on a river."] * 20))


def test_a_results_line_is_english_prose():
    # A financial report's results lines are English ("per", "vs."), and the spinner
    # rewrites them as it rewrites sentences ("anticipated" for "expected"); Italian,
    # whose "per" is English's too, is still another language (written for this test).
    assert english_prose("Earnings per share: 35 cents adjusted vs. 39 cents expected")
    assert english_prose("Revenue: $24.8 billion versus $25 billion expected")
    assert not english_prose("Il governo di Roma per la riforma della scuola")
    assert not english_prose("Grazie per la pazienza e per il supporto")


def test_a_sense_error_shows_through_too_little_prose():
    # A line with no function word is too little prose to judge, but "Center East" and
    # "Chinese language officers" together are no ordinary word choice anywhere; weaker
    # evidence alone is not enough ("Synthetic intelligence": 0.6 as prose).
    result = detect("Chinese language officers mentioned Center East tensions")
    assert result.reason and result.spun
    assert not detect("Synthetic intelligence").spun


def test_detect_takes_the_paragraphs_argument():
    text = seed("003")
    assert detect(text, paragraphs=False).paragraphs == []
    assert detect(text).paragraphs


@pytest.mark.parametrize("value", [None, b"bytes", 3, ["list"]])
def test_non_str_is_a_type_error(value):
    with pytest.raises(TypeError, match=type(value).__name__):
        detect(value)


@pytest.mark.parametrize("threshold", [0.0, 1.0, -1, 2])
def test_threshold_out_of_range(threshold):
    with pytest.raises(ValueError, match="threshold"):
        detect("text", threshold=threshold)


def test_threshold_decides_the_flag():
    text = "The company mentioned that sales rose last year."
    score = detect(text).score
    assert detect(text, threshold=min(0.99, score + 0.01)).spun is False
    assert detect(text, threshold=max(0.01, score - 0.01)).spun is True


def test_user_phrasebook_adds_evidence(tmp_path):
    book = tmp_path / "user.tsv"
    book.write_text("spun\toriginal\tsource\nmotorcar\tcar\tuser\n", encoding="utf-8")
    text = "He parked the motorcar outside the house."
    with_book = Repairer(Config(phrasebooks=(book,))).detect(text)
    assert [s.original for s in with_book.evidence] == ["car"]
    assert with_book.score > detect(text).score


def test_rate_posterior_arithmetic():
    n = len(rates.RATES)
    # No evidence: the prior stands, in every region.
    post = rates.posteriors(np.zeros((3, n)))
    assert post[0, 0] == pytest.approx(1 - rates.PRIOR_SPUN)
    assert post.sum(axis=1) == pytest.approx([1.0] * 3)
    # Evidence for spinning in one region spreads to its neighbours, not beyond WINDOW.
    evidence = np.zeros((2 * rates.WINDOW + 3, n))
    evidence[0, 1:] = 20.0
    post = rates.posteriors(evidence)
    assert post[0, 0] < 1e-6
    assert post[1, 0] < 1 - rates.PRIOR_SPUN
    alike = rates.posteriors(np.zeros((2 * rates.WINDOW + 3, n)))  # as if it had none
    assert post[rates.WINDOW + 1, 0] == pytest.approx(alike[rates.WINDOW + 1, 0])


def test_module_docstring_examples_run():
    failures, tried = doctest.testmod(unspin)
    assert tried >= 3
    assert failures == 0


def _long_paragraphs(text: str) -> list[str]:
    return [text[a:b] for a, b in paragraph_spans(text) if b - a > 250]


SPUN_PARAS = _long_paragraphs(seed("000"))[:5]
CLEAN_PARAS = _long_paragraphs(seed("004"))[:5]
SPUN_OR_CLEAN_PARAGRAPHS = SPUN_PARAS + CLEAN_PARAS


@given(st.text(max_size=300))
def test_any_text_gets_a_probability(text):
    result = detect(text)
    assert 0.0 <= result.score <= 1.0
    for signal in result.evidence:
        assert text[signal.start : signal.end] == signal.text
    for p in result.paragraphs:
        assert 0.0 <= p.score <= 1.0 and p.spun == (p.score >= THRESHOLD)
        assert text[p.start : p.end].strip() == text[p.start : p.end]


@given(st.lists(st.sampled_from(SPUN_OR_CLEAN_PARAGRAPHS), min_size=2, max_size=6))
def test_paragraph_scores_follow_their_own_evidence(paragraphs):
    # Within one text, a spun paragraph never scores below a clean one.
    result = detect("\n\n".join(paragraphs))
    assert len(result.paragraphs) == len(paragraphs)
    scored = list(zip(result.paragraphs, paragraphs, strict=True))
    spun = [p.score for p, text in scored if text in SPUN_PARAS]
    clean = [p.score for p, text in scored if text in CLEAN_PARAS]
    if spun and clean:
        assert min(spun) > max(clean)


def test_unlisted_words_weigh_in_full_in_detection():
    """Repair counts a word no book lists as half a key left unspun (it may be a spin the
    book lacks: unspin.weighing.UNLISTED_KEPT); detection counts it in full, as it was
    calibrated. With the half weight this clean excerpt of Jefferson's 1806 message to
    Congress (public domain; archaic usage: "shortly", "further time", "toward which")
    scored 0.585 and was flagged. Counted in full, unlisted words lower the regions'
    chances of being spun (shown on the opening of spun seed 003)."""
    text = (Path(__file__).parent / "data" / "jefferson-1806-excerpt.txt").read_text("utf-8")
    found = detect(text)
    assert not found.spun, found.score
    repairer = Repairer()
    assert repairer.repair(text) == text
    spun = read(PAIRS / "003.spun.txt")[:3000]
    matcher, decider = repairer._compile()
    matches, keys = matcher.find(spun)
    half = decider.analyse(spun, matches, keys)
    full = decider.analyse(spun, matches, keys, unlisted_kept=1.0)
    assert len(full.regions) == len(half.regions)
    assert sum(r.spun for r in full.regions) < sum(r.spun for r in half.regions) - 1e-3


def test_paragraphs_between_blank_lines_are_weighed_as_a_page(monkeypatch):
    """A text of paragraphs between blank lines is weighed as a page (its one-rate model
    from unspin.rates.ONE_RATE_SPUN); one block of lines, which may be a paragraph cut
    out of a page, is not. Pair 000 with a tenth of its spins scores higher as a page
    than weighed at a lone sentence's prior; its clean original stays far under the
    threshold."""
    from support import script

    from unspin import detecting, detecting_segments

    lighten = script("bench_light", "benchmarks").lighten

    spun, original = read(PAIRS / "000.spun.txt"), read(PAIRS / "000.orig.txt")
    pages = [lighten(spun, original, 0.15, copy) for copy in (1, 2, 3)]
    # The regions' scores, not the surest spin's (repair's, the same either way).
    for module in (detecting, detecting_segments):
        monkeypatch.setattr(module, "_surest_in", lambda *args, **kwargs: args[5])
    assert all(
        detecting.is_page(p) and not detecting.is_page(p.replace("\n\n", "\n")) for p in pages
    )
    as_page = [detect(p).score for p in pages]
    assert detect(original).score < 0.05
    monkeypatch.setattr(detecting, "is_page", lambda text: False)
    monkeypatch.setattr(detecting_segments, "is_page", lambda text: False)
    alone = [detect(p).score for p in pages]
    assert all(a > b for a, b in zip(as_page, alone, strict=True))
    # 1.900 against 1.856 with a page's prior of 0.25 (at 0.4 the margin was over 0.05);
    # 1.866 against 1.837 since words without context count no evidence of spinning
    # (unspin.lattice.FREE_RATE)
    assert sum(as_page) > sum(alone) + 0.025


# Spun in the family's way (written for this test): repair makes its edits at up to 0.83,
# while the region's own evidence, calibrated to leave clean prose alone, says 0.48.
SURELY_EDITED = "Web earnings rose to $12.4 million in comparison with $11.9 million."


def _surest_candidate(repairer: Repairer, text: str) -> float:
    """The confidence of the likeliest candidate repair weighs in ``text``, one under its
    threshold scaled to stay under detection's, and one the short-text gate declines
    (unspin.choosing.spun_enough) scaled by detection's threshold (0 if none)."""
    ex = repairer.explain(text, declined=True)
    least, short = repairer.config.threshold, repairer.config.short_spun

    def counted(d) -> float:
        if d.confidence < least:
            return d.confidence * THRESHOLD / least
        return d.confidence if spun_enough(d, short) else d.confidence * THRESHOLD

    return max(map(counted, [*ex.edits, *ex.declined]), default=0.0)


def test_a_text_repair_surely_edits_is_flagged():
    """Detection and repair agree: the score is at least the confidence of the likeliest
    spin repair finds, though the region's evidence alone stays under the threshold."""
    from unspin import detecting

    # A repairer that edits this short text (its region is 0.84 likely spun: under the
    # default unspin.choosing.SHORT_SPUN, repair declines it, and detection flags it
    # all the same, as the likeliest candidate's confidence says).
    repairer = Repairer(Config(short_spun=0.8))
    edits = repairer.explain(SURELY_EDITED).edits
    assert edits and max(e.confidence for e in edits) > THRESHOLD
    result = repairer.detect(SURELY_EDITED)
    assert result.spun
    assert result.score == pytest.approx(_surest_candidate(repairer, SURELY_EDITED))
    # The regions alone would not have flagged it.
    regions = detecting.text_spun(detecting._weigh(
        repairer, SURELY_EDITED, [], repairer._compile()[0].find(SURELY_EDITED)
    ).regions)  # fmt: skip
    assert regions < THRESHOLD


# Clean sentences (hard negatives of tests/test-cases/negative.json) whose likeliest
# candidates, ordinary word choices, are over the detection threshold but under repair's
# ("rise" for "increase" at 0.62 beside "signaled" for "signed" at 0.60; "accountable"
# for "responsible" at 0.56): repair declines them, and so must detection.
ONE_ORDINARY_CHOICE = [
    "Netflix signaled a price rise.",
    "You acquire the standing to demand that I act, and to hold me accountable if I do not.",
]


def test_a_confident_candidate_the_short_text_gate_declines_does_not_flag_it_alone():
    """Repair declines a confident candidate in a short text its region leaves under
    Config.short_spun (formal writers choose the spinner's words too), and so does
    detection: it counts, scaled under the threshold. A clean arXiv abstract (CC0,
    benchmarks/data/abstracts) whose "utility" is 0.72 likely a spun "application"."""
    rows = (DATA / "abstracts" / "arxiv.jsonl").read_text(encoding="utf-8").splitlines()
    (text,) = [json.loads(x)["text"] for x in rows if '"arXiv:1901.11313"' in x]
    repairer = Repairer()
    ex = repairer.explain(text, declined=True)
    assert not ex.edits
    gated = [d for d in ex.declined if d.confidence >= repairer.config.threshold]
    assert gated and all(d.evidence.short and not spun_enough(d, 0.9) for d in gated)
    result = repairer.detect(text)
    assert not result.spun
    assert result.score >= max(d.confidence for d in gated) * THRESHOLD - 1e-12
    # With a lower gate (Config.short_spun 0.7), repair edits it and detection flags it.
    lower = Repairer(Config(short_spun=0.7))
    assert lower.explain(text).edits and lower.detect(text).spun


@pytest.mark.parametrize("text", ONE_ORDINARY_CHOICE)
def test_a_candidate_repair_declines_does_not_flag_a_text_alone(text):
    repairer = Repairer()
    ex = repairer.explain(text, declined=True)
    assert not ex.edits
    likeliest = max(d.confidence for d in ex.declined)
    assert THRESHOLD < likeliest < repairer.config.threshold
    result = repairer.detect(text)
    assert not result.spun
    # It still counts, scaled under the threshold.
    assert result.score >= likeliest * THRESHOLD / repairer.config.threshold - 1e-12


def test_every_prose_paragraph_scores_at_least_its_surest_candidate():
    """Over the development pairs' paragraphs, spun and clean: an English paragraph's score
    is never under the confidence of any candidate repair weighs in it (one under repair's
    threshold scaled to stay under detection's)."""
    repairer = Repairer()
    checked = 0
    for path in sorted(PAIRS.glob("*.txt")):
        text = read(path)
        for start, end in paragraph_spans(text):
            para = text[start:end]
            if not english_prose(para):
                continue
            assert repairer.detect(para).score >= _surest_candidate(repairer, para) - 1e-12
            checked += 1
    assert checked >= 40


def test_the_surest_spin_of_a_long_text_is_found_segment_by_segment(monkeypatch):
    """A text longer than a segment is decided a segment at a time, with context, as
    repair decides it: the surest spin is the whole text's."""
    from unspin import detecting, repairing

    repairer = Repairer()
    text = read(PAIRS / "002.orig.txt") + "\n\n" + read(PAIRS / "000.spun.txt")
    whole = detecting.surest(repairer, text)
    assert whole > THRESHOLD
    monkeypatch.setattr(repairing, "SEGMENT_CHARS", 2_000)
    assert len(text) > 4 * 2_000
    assert detecting.surest(repairer, text) == pytest.approx(whole, abs=1e-9)
    # Under a floor no candidate reaches, the floor.
    above = (1.0 + whole) / 2
    assert detecting.surest(repairer, text, above) == above


# Clean sentences (hard negatives of tests/test-cases/negative.json) whose evidence is one
# ordinary word choice: alone, their regions read as spun (0.65-0.85).
ONE_SITE = [
    "The shop stays open till midnight on Saturdays.",
    "Army officers stated that the convoy had been attacked.",
    "Police have appealed for witnesses after a purple hatchback was seen driving at"
    " excessive speed along Mill Avenue shortly after 11pm on Saturday night.",
]


@pytest.mark.parametrize("text", ONE_SITE)
def test_one_site_does_not_flag_a_text_alone(text):
    """Evidence must accumulate across sites: where one site carries a text's regions,
    their score counts scaled under the threshold (the decisions still judge the site)."""
    from unspin import detecting

    repairer = Repairer()
    weighed = detecting._weigh(repairer, text, [], repairer._compile()[0].find(text))
    regions = detecting.text_spun(weighed.regions)
    assert regions >= THRESHOLD  # what the regions alone would say
    weights = sorted((s.weight for s in weighed.signals), reverse=True)
    assert weights[0] < detecting.FINGERPRINT and sum(weights[1:]) < detecting.LONE_REST
    result = repairer.detect(text)
    assert not result.spun
    assert result.score >= regions * detecting.LONE_SCALE - 1e-12
    assert result.reason == detecting.ONE_SITE  # and it says why
    # In a text of two paragraphs, the paragraph is no more flagged than the text.
    two = detect(text + "\n\nThe children played in the park all afternoon.")
    assert not two.spun and not any(p.spun for p in two.paragraphs)


def test_a_sense_error_alone_still_flags_a_text():
    assert detect("The Center East peace talks resumed in Cairo.").spun


def test_accumulated_scales_only_a_lone_ordinary_site():
    from unspin.detecting import FINGERPRINT, LONE_REST, LONE_SCALE, accumulated

    assert accumulated(0.8, []) == 0.8
    assert accumulated(0.8, [4.0]) == pytest.approx(0.8 * LONE_SCALE)
    assert accumulated(0.8, [4.0, LONE_REST / 2]) == pytest.approx(0.8 * LONE_SCALE)
    assert accumulated(0.8, [4.0, LONE_REST / 2, LONE_REST / 2]) == 0.8
    assert accumulated(0.8, [FINGERPRINT]) == 0.8


def test_a_paragraph_of_a_clean_text_needs_its_own_sites_to_add_up():
    """In a text not flagged, a paragraph is scored on its own sites' accumulation: one
    ordinary choice in it is not enough, though the text holds others elsewhere. The 1948
    State of the Union address (public domain, benchmarks/data/speeches): its paragraph
    "When we have conquered inflation, we shall be in a position to move forward toward
    our chosen goals" scored 0.71 on its region's evidence."""
    rows = (DATA / "speeches" / "sotu.jsonl").read_text(encoding="utf-8").splitlines()
    text = "\n\n".join(json.loads(x)["text"] for x in rows if '"year": 1948' in x)
    result = detect(text)
    assert not result.spun and len(result.paragraphs) > 50
    assert not [p for p in result.paragraphs if p.spun]
