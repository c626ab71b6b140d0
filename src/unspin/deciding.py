"""Decide which candidate edits to make: text -> analysis -> edits.

:mod:`unspin.weighing` weighs the text into an :class:`unspin.analysis.Analysis` (its
lattices, and each region's posterior over the spin rate); here each candidate's
confidence is its posterior marginal (:mod:`unspin.batched`), averaged over its region's
posterior: the probability that the observed words were written by the spinner for the
original. Each tool's candidates are decided at the rate of its own evidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import regex

from . import collector, quotes
from .analysis import Region
from .batched import marginals_all
from .casing import shouted, transfer_case
from .cues import in_running_text, spelled_out_site, writes_a_generic_name_word
from .language_model import START
from .lattice import LM_CAP, Lattice
from .matching import Hit, Match
from .phrasebook import Entry
from .rates import WINDOW, short_regions
from .rules import starts_with_vowel_sound, written
from .tokenizing import Occurrences
from .weighing import GRID, REPAIR_SCREEN, Weigher

__all__ = ["Decider", "Decision", "Evidence", "starts_with_vowel_sound"]

#: ... but a candidate whose own site speaks this strongly (its language-model log-odds:
#: "machine studying", a pair no one writes) is decided at the rate of all the evidence:
#: the paraphrasers share many of the news spinner's word swaps.
STRONG_SITE = math.log(30.0)


class Evidence(NamedTuple):
    """Why an edit was (or was not) made; log values are natural logs."""

    spin_rate: float  # the region's expected spin rate
    share: float  # log P(spun side | original): the entry's channel probability
    lm: float  # log P_LM(original reading) - log P_LM(spun reading), local, with trigrams
    case: float  # log-odds from capitalisation, or a letter spelled out in an initialism
    article: float  # log-odds from a/an agreement
    left: str | None  # the language-model context used
    right: str | None
    spun: float = 1.0  # probability that the region was spun at all
    # log-odds added because the writer uses the original nearby (deciding.REUSED)
    reused: float = 0.0
    # probability that the quotation the candidate stands in was left alone (unspin.quotes)
    spared: float = 0.0
    # the original already stands in the same list ("promote, endorse or advertise"):
    # the edit would repeat it, so its confidence is 0 (deciding.repeats_in_list)
    listed: bool = False
    # the confidence of the same name's edit nearby, for which this one was raised to the
    # threshold (unspin.choosing.same_names)
    named: float = 0.0
    # log of the factor by which the text's own vocabulary changed the confidence (the
    # original made an edit nearby, or the observed word the writer's elsewhere:
    # unspin.recurrence)
    recurs: float = 0.0
    # the confidence of the wider candidates that write the same words here ("neural
    # organizations" -> "neural networks" inside "repetitive neural organizations" ->
    # "recurrent neural networks"), added to this one's (unspin.choosing.agreeing)
    agreed: float = 0.0
    # the text around it is short (fewer than unspin.rates.ONE_RATE_REGIONS regions in its
    # window: a sentence, a paragraph or two): an edit needs its region at least
    # unspin.choosing.SHORT_SPUN likely spun
    short: bool = False
    # the confidence this original took from the other originals of its occurrence: a
    # name's occurrences nearby say which original they all stand for (unspin.choosing
    # .one_entity)
    entity: float = 0.0
    # a listed name as the spinner's swaps render it, in words no one writes together
    # ("Pink Lobster" for "Red Lobster"): decided as if its region were spun, and a
    # short text's gate does not hold it back (deciding.EVIDENT_SPUN)
    evident: bool = False


class Decision(NamedTuple):
    """A candidate edit with its posterior probability."""

    start: int
    end: int
    before: str
    after: str
    confidence: float
    entry: Entry
    evidence: Evidence


class Decider(Weigher):
    """Score candidate edits in context: a :class:`~unspin.weighing.Weigher` that also
    decides (see the module docstring)."""

    @collector.paused()
    def decide(
        self,
        text: str,
        matches: Sequence[Match],
        keys: Sequence[Hit],
        prune_below: float | None = None,
        floor: float | None = None,
        memo: dict | None = None,
        screen: float | None = None,
        told: float | None = None,
    ) -> tuple[list[Decision], list[Region]]:
        """Candidate edits with their confidence, and the text's regions (for its spin
        rate, :func:`spin_rate`).

        With ``prune_below``, candidates whose confidence provably stays under that
        value (their region is less likely spun than that) are not scored; the edits
        at or above it are the same. Of those scored, candidates under ``floor`` (by
        default ``prune_below``) are left out. ``memo`` and ``screen``: see
        :meth:`~unspin.weighing.Weigher.analyse` (by default a repair's screen,
        :data:`~unspin.weighing.REPAIR_SCREEN`; detection counts the same candidates),
        ``told``: see :meth:`~unspin.weighing.Weigher.analyse`.
        """
        if floor is None:
            floor = prune_below
        if screen is None:
            screen = REPAIR_SCREEN
        analysis = self.analyse(text, matches, keys, memo=memo, screen=screen, told=told)
        news = analysis.news or analysis.regions
        papers = analysis.papers or analysis.regions
        decisions = []
        rendering = self._rendering
        scored = [
            (lat, passed, j)
            for lat, passed, j in analysis.lattices
            if prune_below is None
            or max(analysis.regions[j].spun, news[j].spun, papers[j].spun) >= prune_below
            or (
                analysis.regions[j].spun >= EVIDENT_SPUN
                and any(rendering[a.rule] for a in lat.edits)
            )
        ]
        known = self._marginals(scored)
        # With the spinner's own table alone, an original its writer uses nearby (see
        # REUSED) is likelier than the bigram model says. Where each word stands is read
        # once, when first asked for.
        seen = Occurrences(text) if self.key_prior is None and REUSED > 1.0 else None
        regions = analysis.regions
        short = short_regions(len(regions))
        quoted = quotes.spans(text)
        spared = quotes.spared(analysis, quoted) if quoted else None
        quote_starts = [start for start, _ in quoted]
        for lat, passed, j in scored:
            found = known[id(passed)]
            in_quote = spared is not None and quotes.inside(
                quoted, quote_starts, lat.start, lat.arcs[-1][0].end
            )
            left_alone = float(spared[j]) if in_quote else 0.0  # type: ignore[index]
            if seen is not None:  # the regions whose words count as nearby
                lo = regions[max(0, j - WINDOW)].start
                hi = regions[min(len(regions) - 1, j + WINDOW)].end
            for arc, marginal in zip(lat.edits, found, strict=True):
                reused = 0.0
                if seen is not None:
                    words = self.rules[arc.rule].words
                    if len(words) == 1 and seen.near(words[0], lo, hi, arc.start, arc.end):
                        marginal = _times_odds(marginal, REUSED)
                        reused = math.log(REUSED)
                spelled = (
                    self._numeric[arc.rule]
                    and self._spells_digit(arc.rule)
                    and spelled_out_site(text, arc.start, arc.end)
                )
                if spelled:
                    marginal = _times_odds(marginal, SPELLED_OUT)
                # Each tool's edits at the rate of its own evidence (see Analysis.news).
                own = self._paper[arc.rule] or arc.lm >= STRONG_SITE
                region = regions[j] if own else news[j]
                if self._swap[arc.rule]:
                    if analysis.papers is None:
                        continue
                    region = papers[j]
                if self._paper[arc.rule] and papers[j].spun > region.spun:
                    # A paraphraser's phrase at the rate its fingerprints alone give,
                    # where they find the region more surely spun than all the evidence:
                    # the news spinner's words left as they were do not weigh against it.
                    region = papers[j]
                evident = rendering[arc.rule] and self._evident(text, arc, region)
                if evident:
                    # Its own words say the region was spun: its marginal at the rates
                    # of a spun region.
                    spun = region.posterior[1:]
                    confidence = float(spun @ marginal[1:]) / float(spun.sum())
                else:
                    confidence = float(region.posterior @ marginal)
                confidence *= 1.0 - left_alone
                if floor is not None and confidence < floor:
                    continue
                listed = confidence > 0.0 and repeats_in_list(
                    text, arc.start, arc.end, self.rules[arc.rule].words
                )
                if listed:
                    if floor is not None:
                        continue
                    confidence = 0.0
                decision = self._decision(text, lat, arc, confidence, region, reused, short[j])
                if spelled:
                    article = decision.evidence.article + math.log(SPELLED_OUT)
                    decision = decision._replace(
                        evidence=decision.evidence._replace(article=article)
                    )
                if listed:
                    decision = decision._replace(evidence=decision.evidence._replace(listed=True))
                if left_alone:
                    decision = decision._replace(
                        evidence=decision.evidence._replace(spared=left_alone)
                    )
                if evident:
                    decision = decision._replace(evidence=decision.evidence._replace(evident=True))
                decisions.append(decision)
        decisions.sort(key=lambda d: (d.start, -d.confidence))
        return decisions, analysis.regions

    def _evident(self, text: str, arc, region: Region) -> bool:
        """Whether a name's rendering stands where its words say the region was spun
        (:data:`EVIDENT_SPUN`)."""
        return (
            region.spun >= EVIDENT_SPUN
            and not writes_a_generic_name_word(
                text[arc.start : arc.end], self.rules[arc.rule].entry.original
            )
            and in_running_text(text, arc.start, arc.end)
        )

    def _spells_digit(self, rule_id: int) -> bool:
        """Whether the rule puts back the number word of a lone digit ("4" -> "four")."""
        rule = self.rules[rule_id]
        return len(rule.entry.spun) == 1 and rule.words == (_NUMBER_WORDS.get(rule.entry.spun),)

    def _marginals(self, lattices: Sequence[tuple[Lattice, object, int]]) -> dict[int, list]:
        """The spin arcs' marginals of each lattice, by its evaluation's id: lattices of
        the same content share their evaluation (see _lattices), and so their marginals
        (all computed together: unspin.batched.marginals_all)."""
        first: dict[int, Lattice] = {}
        for lat, passed, _ in lattices:
            first.setdefault(id(passed), lat)
        found = marginals_all(list(first.values()), self.lm, self.lm_weight, GRID, self.bias)
        return dict(zip(first, found, strict=True))

    def _decision(
        self,
        text: str,
        lat: Lattice,
        arc,
        confidence: float,
        region: Region,
        reused: float,
        short: bool,
    ) -> Decision:
        rule = self.rules[arc.rule]
        before = text[arc.start : arc.end]
        left = lat.left if arc.i == 0 else lat.forms[arc.i - 1]
        after = transfer_case(before, written(rule), left is not None and left != START)
        if after != after.upper() and before.isupper() and shouted(text, arc.start, arc.end):
            after = after.upper()  # "THE USA AND CHINA": no acronym in a shouted line
        if rule.possessive and after:
            # A word ending in s takes the apostrophe alone: "Americans’", "States’".
            after += before[-2] if after[-1:] in "sS" else before[-2:]
        # The original's apostrophes as the text writes them ("are able to’t" -> "can’t").
        if "\u2019" in before and "'" in after:
            after = after.replace("'", "\u2019")
        elif "'" in before and "\u2019" in after:
            after = after.replace("\u2019", "'")
        lm_delta = max(-LM_CAP, min(LM_CAP, arc.lm))
        right = lat.right if arc.j == lat.size else lat.forms[arc.j]
        evidence = Evidence(
            region.rate, rule.log_channel, lm_delta, arc.case, arc.article, left, right,
            region.spun, reused, short=bool(short),
        )  # fmt: skip
        return Decision(arc.start, arc.end, before, after, confidence, rule.entry, evidence)


#: A single quotation mark that opens a quotation, and one that closes a word or a quotation.
_OPENING_QUOTE = regex.compile(r"(?:^|(?<=[\s(\[“\"—–-]))['‘](?=\p{L})")
_CLOSING_QUOTE = regex.compile(r"(?<=[\p{L}.,!?])['’](?!\p{L})")


def plural_possessive(text: str, edit: Decision) -> Decision:
    """``edit`` as it must be written where its word is a plural's possessive, the
    apostrophe right after it, and its original no word in s: "The Individuals’ views" ->
    "The People’s views", the apostrophe taken into the edit. Unchanged otherwise, and
    where the apostrophe closes a quotation ("they were ‘Individuals’ then")."""
    start, end, before, after = edit.start, edit.end, edit.before, edit.after
    if not after or after[-1:] in "sS" or before[-1:] not in "sS":
        return edit
    mark = text[end : end + 1]
    if mark not in ("'", "\u2019") or regex.match(r"\p{L}", text[end + 1 : end + 2]):
        return edit
    line = text[text.rfind("\n", 0, start) + 1 : start]
    opened = [m.start() for m in _OPENING_QUOTE.finditer(line)]
    closed = [m.start() for m in _CLOSING_QUOTE.finditer(line)]
    if opened and not (closed and closed[-1] > opened[-1]):
        return edit
    return edit._replace(end=end + 1, before=before + mark, after=after + mark + "s")


#: A list's separator: a comma, "and", "or", "nor", or a comma and one of them.
_SEP = r"(?:\s*,\s*(?:(?:and|or|nor)\s+)?|\s+(?:and|or|nor)\s+|\s*/\s*)"
_LETTERS = r"[\p{L}\p{M}'’-]"
#: The list members before a candidate (two or three), and after it; a separator that
#: touches it, before or after (most candidates stand in no list).
_MEMBERS_BEFORE = regex.compile(rf"(?:(?<!{_LETTERS})({_LETTERS}+){_SEP}){{2,3}}\Z")
_LIST_TAIL = regex.compile(r"(?i)(?:,|\b(?:and|or|nor)|/)\s*\Z")
_LIST_HEAD = regex.compile(r"(?i)\s*(?:,|(?:and|or|nor)\b|/)")
_MEMBERS_AFTER = regex.compile(rf"(?:{_SEP}({_LETTERS}+)(?!{_LETTERS})){{2,3}}")


def _times_odds(p, factor: float):
    """Probabilities ``p`` (one per spin rate) with their odds multiplied by ``factor``."""
    return p * factor / (p * factor + 1.0 - p)


def repeats_in_list(text: str, start: int, end: int, original: tuple[str, ...]) -> bool:
    """Whether the one-word ``original`` already stands in the list ``text[start:end]``
    stands in, one or two other members away ("to promote, endorse or advertise",
    "copy, modify, merge, publish"): no writer lists a word twice, so the spinner did
    not write the candidate there. Repetition with nothing between ("more and more",
    "very, very") is an idiom, and is not a list."""
    if len(original) != 1:
        return False
    word = original[0]
    if _LIST_TAIL.search(text, max(0, start - 6), start) is not None:
        before = _MEMBERS_BEFORE.search(text, max(0, start - 80), start)
        if before is not None and any(w.lower() == word for w in before.captures(1)[:-1]):
            return True
    if _LIST_HEAD.match(text, end, end + 6) is None:
        return False
    after = _MEMBERS_AFTER.match(text, end, end + 80)
    return after is not None and any(w.lower() == word for w in after.captures(1)[1:])


#: With a book of the spinner's own table loaded alone, the odds of a one-word original
#: that stands elsewhere in the regions within WINDOW of the spin are multiplied by this:
#: a writer's words recur (a bigram model does not know the text's vocabulary), and on a
#: lightly spun page most of them were left as they were. Decisions only, not evidence
#: about the rate. Measured on the oracle benchmark at 2x against none: light copies
#: 0.497 -> 0.509 with the curated table, 0.616 -> 0.635 with WordNet's, full within
#: 0.001, no more clean text edited with either table loaded (at 3x and 5x the curated
#: table's fell back). Not with the default book: its entries are partial, and an
#: original standing nearby is as often a sign that the entry is wrong. At 3x the
#: development pairs fell from 0.825 to 0.814; measured again with the entries' own
#: shares, at 1.5x / 2x, the 36 real pages it never saw rose (0.6428 -> 0.6468 /
#: 0.6499; light copies at 15/30/60% of their substitutions 0.104/0.313/0.512 ->
#: 0.107/0.315/0.515 / 0.108/0.317/0.517), the 20 held-out pages not at all, but the
#: simulated benchmark fell (0.5061 -> 0.4998 / 0.4958) with its false or wrong edits up
#: from 365 to 397 / 417 for 12 / 15 more tokens repaired, and the light copies' false
#: edits rose by a third as much as their right ones.
REUSED = 2.0
#: A listed name as the spinner's swaps render it, in words no one writes together (an
#: entry of source ``name`` whose words hold a pair the bigram table lacks: "Pink
#: Lobster", "Related Press", "Greatest Purchase"), standing in running text (not a
#: heading in title case, :func:`unspin.cues.in_running_text`, nor a place's name,
#: "Wall Avenue"), says by itself that its region was spun: its edit is decided at the
#: rates of a spun region (its marginal under the region's posterior without the clean
#: rate), wherever its region is at least this likely spun, and a short text's gate does
#: not hold it back. As evidence of how much of the region was spun it still counts as
#: a word (unspin.lattice.build): the rest of a lightly spun region is not decided as if
#: spun. No clean text kept in the repository or on this machine (11,939 texts: every
#: benchmark set, the tests' cases, the documentation of /usr/share/doc) holds such a
#: rendering.
EVIDENT_SPUN = 0.001
#: Where a lone digit stands as news style spells its number out ("for 3 or 4
#: quarters": unspin.cues.spelled_out_site), the odds that the spinner wrote it for the
#: number word are multiplied by this: decisions only, not evidence about the rate (the
#: bigram model is blind to digits, and web writers often ignore the style). Measured
#: against none: the development pairs 0.8489 -> 0.8540, the simulated benchmark 0.5258
#: -> 0.5317, no clean text edited (3x: 0.8520, 0.5280); see docs/model.md.
SPELLED_OUT = 5.0
_NUMBER_WORDS = dict(
    zip("23456789", ["two", "three", "four", "five", "six", "seven", "eight", "nine"], strict=True)
)
