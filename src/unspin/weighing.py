"""Weigh a text: text -> groups -> lattices -> each region's posterior over the spin rate.

1. :mod:`unspin.prose` keeps the matches a spinner could have made;
2. matches that overlap or touch form groups, each a :mod:`unspin.lattice` of readings;
3. :mod:`unspin.inference` gives each lattice's likelihood ratio at every spin rate, and
   :mod:`unspin.kinds` its share of the evidence;
4. :mod:`unspin.unspun` adds the evidence of the words left as they are;
5. :mod:`unspin.rates` turns each region's evidence into its posterior over the rates.

The result is an :class:`unspin.analysis.Analysis`, which :mod:`unspin.deciding` reads.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import threading
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import numpy as np

from . import collector, prose, register
from .analysis import Analysis, regions_of
from .batched import Evaluation, evaluate_all
from .inference import Grid
from .kinds import kind, kind_shares
from .language_model import LanguageModel
from .lattice import (
    LM_CAP,
    Lattice,
    build,
    content_key,
    group_context,
    groups,
    longest_keys,
    shifted,
    split_group,
)
from .matching import Hit, Match
from .rates import CLOSED_PRIOR, RATES, WINDOW, posteriors, regions, switches
from .rules import NAME_RENDERINGS, OTHER_TOOL, PAPER_FINGERPRINTS, Rule, traits
from .unspun import UnspunWords

#: The spin rates inference works on, with their per-arc terms.
GRID = Grid(RATES)
#: Entries of at least this prior weigh every region; the weaker ones (most of the broad
#: synonym pairs) only the regions the strong ones make at least SCREEN likely spun,
#: and their neighbours. SCREEN is a tenth of the prior odds of a spun region
#: (unspin.rates.PRIOR_SPUN): 0.02 when that prior was 0.167; left at 0.02 when it went
#: to 0.091, lightly spun paragraphs fell under it and detection's ROC AUC over
#: paragraphs alone went from 0.948 to 0.938.
STRONG = 0.5
SCREEN = 0.01
#: The screen of a repair (unspin.deciding), which edits only where a region is at least
#: as likely spun as its threshold (0.65 by default): a region the strong entries leave
#: under 0.1 at a lone sentence's prior was never edited. Measured against SCREEN on
#: every figure of the closing notes (the development pairs, 36 real pages the book never
#: saw and their light copies, the simulated, oracle and cross-resource benchmarks,
#: tortured phrases and passages, locality, and 2,350 clean documents and their 12,122
#: sentences): the same edits, with a paper paraphraser's regions kept at SCREEN (its
#: word swaps are no strong entries: the first stage does not see them); clean documents
#: repaired 1.25-1.4x as fast (CPU time: negative.json's, 1,271 held-out ones), spun ones
#: as before (most of their regions pass either screen). At 0.2 a light page lost edits
#: (30% of the real pages' spins: 0.212 -> 0.208). Detection weighs its regions at
#: SCREEN: it ranks those under the screen too (at 0.1, paragraphs alone, ROC AUC 0.953
#: -> 0.945); the candidates it counts are a repair's (unspin.detecting), so that no
#: paragraph scores under a candidate repair weighs in it (ROC AUC within 0.0015 of
#: before on every set of bench_detect.py, the real pages' 0.991 unchanged).
REPAIR_SCREEN = 0.1
#: Sources of the paper paraphrasers' tortured phrases (another tool than the news
#: spinner's: each tool's edits are decided at the rate its own evidence gives).
PAPER_SOURCES = PAPER_FINGERPRINTS | OTHER_TOOL
#: A word no phrasebook lists may be a key the spinner left alone (evidence against
#: spinning at a high rate), but with a partial book it may as well be the spun side
#: of a pair the book lacks ("disclose" for "reveal"), which is evidence for it. Each
#: unlisted word counts as a key left unspun with this share of its key prior: the
#: rest is taken to be offset by that unmodelled inflow. Measured on real pages of the
#: family unseen by the book (1 -> 0.5: error reduction 0.426 -> 0.440, edits on
#: unchanged words 45 -> 53 of 845 -> 903; no clean text or lone clean sentence
#: edited). Detection (unspin.detecting) counts it in full, as when it was calibrated
#: on real clean and spun pages: with this share, a clean 1806 message scored 0.585.
UNLISTED_KEPT = 0.5
#: With an open vocabulary, the evidence of the words a repair finds left unspun (keys
#: outside every lattice, and unlisted words as above) counts for this share. Their
#: weights are key priors guessed from word frequency, and they outweigh what the pages
#: show: a fully spun development pair comes out at a rate near 0.4, and a page spun
#: lightly throughout, whose few spins each count for little at a low rate, was called
#: clean region by region. Measured against 1: real pages unseen by the book (20 of 140-180)
#: 0.531 -> 0.537, at 15%/30%/60% of their spins 0.008/0.070/0.338 -> 0.018/0.118/
#: 0.377, the development pairs at 15%/30% 0.157/0.459 -> 0.216/0.508 (whole 0.825 ->
#: 0.820); no more clean text edited (the negative cases, 399 licences, READMEs and
#: change logs, 416 lone sentences and 26 pages of clean news); at 0.65 two negative
#: cases were edited. Since the threshold went to 0.65 and the web counts stopped
#: counting for spinning where the sharper comparison is against (2026-12-02), 0.55:
#: against 0.75, the 20 held-out pages 0.557 -> 0.559 and at 15%/30%/60% 0.007/0.123/
#: 0.381 -> 0.007/0.154/0.403; the 36 unseen pages 260-307 0.623 -> 0.626 and 0.047/
#: 0.219/0.488 -> 0.071/0.263/0.492; the development pairs 0.812 -> 0.814 (0.208/0.480
#: -> 0.267/0.527 at 15%/30%); the same clean texts edited (none of the 283 negative
#: cases, 399 system documents, 131 clean news articles whole, 1,180 short texts of
#: them; 1 of their 844 paragraphs, 1 of 1,563 sentences, 1 of 416 other sentences,
#: all three as before). At 0.5 (light 0.018/0.171/0.409) a writer's own "persuade" in
#: a line of pair 000 became "convince" (0.652). A book of the spinner's own table alone
#: knows its keys (weights 1) and counts them in full, and so does detection, as when it
#: was calibrated.
KEPT_WEIGHT = 0.55
#: A paper paraphraser's word swap whose own site the language model scores at its cap
#: (100:1, ``unspin.lattice.LM_CAP``: "control gathering") is evidence that the
#: paraphraser went through its region (``Analysis.papers``). Stricter than
#: unspin.deciding.STRONG_SITE:
#: a swap's spun word is ordinary English, and older prose has its own ("fashion" in
#: Mill): measured on every clean set, at 30:1 a clean text's swap reached a confidence
#: of 0.55, at the cap none passes 0.25 (real tortured passages: 34 and 29 of 366 sites
#: restored).
STRONG_SWAP = LM_CAP
# The key of the lattice last built at a position (Weigher._evaluation) in the memo.
_AT = object()
#: Lattices kept between analyses, by content (:func:`unspin.lattice.content_key`): a
#: long text repaired a segment at a time, or a corpus of documents with boilerplate,
#: meets the same groups in the same words again. At most this many; the oldest go first.
SHARED_LATTICES = 5_000


class Weigher:
    """Weigh the candidate edits of a text into an :class:`unspin.analysis.Analysis`; see
    the module docstring."""

    def __init__(
        self,
        rules: Sequence[Rule],
        lm: LanguageModel,
        lm_weight: float = 1.0,
        key_prior=None,
    ) -> None:
        self.rules = rules
        self.lm = lm
        self.lm_weight = lm_weight
        # An open vocabulary: the books are partial, and any word may be a key.
        self.key_prior = key_prior
        # The decisions' calibration (unspin.calibration) holds for a partial book only.
        self.bias = 1.0 if key_prior is not None else 0.0
        # A closed book's first regions start less suspect (unspin.rates.CLOSED_PRIOR).
        self._start = None if key_prior is not None else CLOSED_PRIOR
        # Read for every rule: from a packed book's columns, without making its rules,
        # and kept as bytes of 0 and 1 (a start makes no list of 70,000).
        t = traits(rules)
        self._proper = t.proper
        self._numeric = t.numeric
        proper, letter, fingerprint = _flags(t.proper), _flags(t.letter), _flags(t.fingerprint)
        # The rules whose evidence reads the text around their group (a proper name's
        # case, a letter's initialism): see content_key.
        self._peeking = frozenset(np.flatnonzero(proper | letter).tolist())
        paper = _among(t.source, PAPER_SOURCES)
        self._paper = paper.tobytes()
        # A paper paraphraser's fingerprint (see Analysis.news).
        self._printed = (paper & fingerprint).tobytes()
        # A listed name as the spinner's swaps render it, in words no one writes
        # together ("Pink Lobster"): see unspin.deciding.EVIDENT_SPUN.
        self._rendering = (_among(t.source, NAME_RENDERINGS) & fingerprint).tobytes()
        swap = _among(t.source, OTHER_TOOL)
        self._swap = swap.tobytes()
        # A paraphraser's word swap is never strong: its spun words are common English,
        # and a region it alone would screen in is one where it makes no edit (clean
        # text is weighed on the strong entries alone, see analyse).
        strong = np.asarray(t.prior, dtype=float) >= STRONG
        self._strong = (strong & (swap == 0)).astype(np.uint8).tobytes()
        self._unspun = UnspunWords(GRID, key_prior)
        # Content key -> (lattice, evaluation), complete ones only (see _lattices).
        self._shared: dict[tuple, tuple[Lattice | None, object]] = {}
        self._shared_lock = threading.Lock()

    @collector.paused()  # see unspin.collector
    def analyse(
        self,
        text: str,
        matches: Sequence[Match],
        keys: Sequence[Hit],
        unlisted_kept: float = UNLISTED_KEPT,
        kept_weight: float | None = None,
        pages: bool = True,
        memo: dict | None = None,
        screen: float | None = None,
        told: float | None = None,
    ) -> Analysis:
        """Lattices and region posteriors for ``text`` (``matches`` and ``keys`` from
        :meth:`unspin.matching.Matcher.find`); ``unlisted_kept`` and ``kept_weight``:
        see :data:`UNLISTED_KEPT` and :data:`KEPT_WEIGHT`, the default (detection weighs
        unspun words in full; so does a closed book); ``pages``: see
        :func:`unspin.rates.posteriors` (detection, calibrated at a lone sentence's prior,
        weighs without it); ``memo``: a dict shared by analyses of the same text with the
        same matches (each group's lattice and forward pass, the words outside them: none
        depends on the weights), so that a second weighing builds nothing again.
        ``told``: the user's own probability that the text was spun
        (:func:`unspin.rates.posteriors`; a repair's ``Config.spun_prior``).

        In two stages: first with the entries of some strength only (prior at least
        :data:`STRONG`), which say whether a region may have been spun at all; then, in
        the regions that may (``screen``: :data:`SCREEN` by default, a repair's
        :data:`REPAIR_SCREEN`) and those whose evidence weighs on them,
        with every entry. A clean text, most of whose candidates are weak entries, is
        weighed on the strong ones alone."""
        spans = regions(text)
        if not spans:
            return Analysis([], [])
        if screen is None:
            screen = SCREEN
        if self.key_prior is None:
            kept_weight = 1.0  # a closed book: its keys are known
        elif kept_weight is None:
            kept_weight = KEPT_WEIGHT
        starts = [s for s, _ in spans]
        tempered = register.factors(text, spans)  # each region's, for both stages
        admitted = prose.admitted(text, matches, self._proper, self._numeric)
        found = longest_keys(keys)
        strong = []
        for start, end, rule_ids in admitted:
            kept = tuple(r for r in rule_ids if self._strong[r])
            if kept:
                strong.append((start, end, kept))
        built: dict[tuple, tuple[Lattice | None, object]] = {} if memo is None else memo
        only_strong = len(strong) == len(admitted) and all(
            len(a[2]) == len(b[2]) for a, b in zip(admitted, strong, strict=True)
        )
        if only_strong:  # no weak entry anywhere: one stage
            return self._weigh(
                text, spans, starts, tempered, strong, found, None, built, unlisted_kept,
                kept_weight, pages, told,
            )  # fmt: skip
        # The screen asks whether a region may have been spun at all: unlisted words
        # weigh in full there, as for detection (on clean text, half as many regions go
        # on to the second stage; the edits were the same on 354 texts).
        first = self._weigh(
            text, spans, starts, tempered, strong, found, None, built, 1.0, kept_weight,
            pages, told,
        )  # fmt: skip
        # At a lone sentence's prior: a page's (unspin.rates.ONE_RATE_SPUN) is for the
        # decisions, where every entry weighs. With it, the screen let weak entries into
        # every window of long clean texts (change logs: the paraphrasers' "unused" ->
        # "new" rose to 0.57).
        if pages:
            assert first.evidence is not None
            screened = posteriors(first.evidence, first.switch, self._start, False, told)
            spun = 1.0 - screened[:, 0]
        else:  # the first stage's own regions are at that prior
            spun = np.array([r.spun for r in first.regions])
        may = spun >= screen
        if screen > SCREEN:
            # A paper paraphraser's word swaps are no strong entries, and the first stage
            # does not see them: a region that holds one of its candidates goes on at
            # SCREEN, where the swaps' own evidence may find it rewritten.
            paper = self._paper
            for start, _, rule_ids in admitted:
                if any(paper[r] for r in rule_ids):
                    j = bisect.bisect_right(starts, start) - 1
                    may[j] = may[j] or spun[j] >= SCREEN
        active = np.flatnonzero(may)
        if not len(active):
            return first
        # A region's posterior weighs the evidence within WINDOW regions, and that evidence
        # its kinds within WINDOW more: those regions are weighed with every entry.
        exact: set[int] = set()
        for j in active:
            exact.update(range(max(0, j - 2 * WINDOW), min(len(spans), j + 2 * WINDOW + 1)))
        return self._weigh(
            text, spans, starts, tempered, admitted, found, (exact, first), built,
            unlisted_kept, kept_weight, pages, told,
        )  # fmt: skip

    def _weigh(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        starts: Sequence[int],
        tempered: np.ndarray,
        matches: Sequence[Match],
        found: Sequence[Hit],
        redo: tuple[set[int], Analysis] | None,
        built: dict[tuple, tuple[Lattice | None, object]],
        unlisted_kept: float,
        kept_weight: float,
        pages: bool = True,
        told: float | None = None,
    ) -> Analysis:
        """Build and weigh the lattices of ``matches``, each region's at its factor
        ``tempered`` (:func:`unspin.register.factors`); with ``redo`` (regions, an earlier
        analysis) only in those regions, the others kept from the earlier analysis.
        ``built`` keeps each group's lattice and forward pass, for a group met again, by
        its matches and by its :func:`unspin.lattice.content_key`."""
        parts = []
        for group in groups(text, matches):
            for part in split_group(text, group):
                j = max(0, bisect.bisect_right(starts, part[0][0]) - 1)
                if redo is None or j in redo[0]:
                    parts.append((part, j))
        lattices, used = self._lattices(text, parts, found, built)
        kinds = [kind(text, lat) for lat, _, _ in lattices]
        evidence = np.zeros((len(spans), len(RATES)))
        counts = [0] * len(spans)
        only = None
        if redo is not None:
            only, earlier = redo
            assert earlier.evidence is not None and earlier.kinds is not None
            kept = zip(earlier.lattices, earlier.kinds, strict=True)
            both = [(lat, kind) for lat, kind in kept if lat[2] not in only]
            evidence = earlier.evidence.copy()
            evidence[sorted(only)] = 0.0
            counts = [r.sites if j not in only else 0 for j, r in enumerate(earlier.regions)]
            both += zip(lattices, kinds, strict=True)
            both.sort(key=lambda x: x[0][0].start)  # stable: as sorting the lattices alone
            lattices, kinds = [lat for lat, _ in both], [kind for _, kind in both]
        shares = kind_shares(kinds, [j for _, _, j in lattices])
        # In an older register, a lattice's evidence counts at a factor (unspin.register).
        factors = tempered[[j for _, _, j in lattices]].tolist()
        if any(f != 1.0 for f in factors):
            shares = [s * f for s, f in zip(shares, factors, strict=True)]
        paper = np.zeros_like(evidence)  # the tortured phrases' share of the evidence
        swaps = np.zeros_like(evidence)  # the paraphrasers' word swaps' share
        strong_swaps = np.zeros_like(evidence)  # theirs whose own site speaks strongly
        if lattices:
            weighed = np.asarray(shares)[:, None] * np.array([p.ratio for _, p, _ in lattices])
            where = np.array([j for _, _, j in lattices])
            # Per lattice: a fingerprint's; a paraphraser's word swaps' alone; one of them
            # whose site speaks strongly. One pass, the swaps looked at only where any is.
            printed, only_swaps, swapped = [], [], []
            is_printed, is_swap = self._printed, self._swap
            for lat, _, _ in lattices:
                edits = lat.edits
                p = any(is_printed[a.rule] for a in edits)
                s = not p and any(is_swap[a.rule] for a in edits)
                printed.append(p)
                only_swaps.append(s and all(is_swap[a.rule] for a in edits))
                swapped.append(s and any(is_swap[a.rule] and a.lm >= STRONG_SWAP for a in edits))
            np.add.at(paper, where[printed], weighed[printed])
            np.add.at(swaps, where[only_swaps], weighed[only_swaps])
            np.add.at(strong_swaps, where[swapped], weighed[swapped])
            if only is not None:
                mine = np.isin(where, np.fromiter(only, dtype=np.int64))
                where, weighed = where[mine], weighed[mine]
            np.add.at(evidence, where, weighed)  # row by row, in order: the same sums
            for j in where.tolist():
                counts[j] += 1
        covered = [(lat.start, lat.arcs[-1][0].end) for lat, _, j in lattices]
        free = list(itertools.compress(found, map(operator.not_, used)))
        if redo is not None:
            # Keys inside the kept lattices were taken in by them.
            key_starts = [k[0] for k in free]
            taken = set()
            for start, end in covered:
                lo = bisect.bisect_left(key_starts, start)
                hi = bisect.bisect_left(key_starts, end)
                taken.update(range(lo, hi))
            free = [hit for k, hit in enumerate(free) if k not in taken]
        self._unspun.add(
            text,
            spans,
            starts,
            free,
            covered,
            evidence,
            counts,
            only,
            built,
            unlisted_kept,
            kept_weight,
        )
        switch = switches(text, spans)
        start = self._start
        out = regions_of(spans, posteriors(evidence, switch, start, pages, told), counts)
        news = papers = None
        if paper.any() or swaps.any():
            news = regions_of(
                spans, posteriors(evidence - paper - swaps, switch, start, pages, told), counts
            )
            # The paraphrasers' evidence alone: a page's prior is the news spinner's.
            alone = posteriors(paper + strong_swaps, switch, start, pages=False, told=told)
            papers = regions_of(spans, alone, counts)
        return Analysis(lattices, out, evidence, switch, shares, news, kinds, papers, factors)

    def _lattices(
        self,
        text: str,
        parts: Sequence[tuple[list[Match], int]],
        found: Sequence[Hit],
        built: dict[tuple, tuple[Lattice | None, object]],
    ) -> tuple[list[tuple[Lattice, object, int]], list[bool]]:
        """The lattices of the groups, and which keys they took in."""
        key_starts = [k[0] for k in found]
        used = [False] * len(found)
        lattices = []
        pending: list[tuple[Lattice, Evaluation]] = []  # evaluated together, below
        fresh: list[tuple] = []  # content keys built here, shared once evaluated
        for part, j in parts:
            gs = part[0][0]
            ge = part[0][1] if len(part) == 1 else max(end for _, end, _ in part)
            lo = bisect.bisect_left(key_starts, gs)
            hi = bisect.bisect_left(key_starts, ge)
            key = tuple(part)
            known = built.get(key)
            if known is not None:
                lat, passed = known
            else:
                # A group met before with the same words and context (repeated phrases,
                # boilerplate, a quoted passage) has the same lattice and forward pass.
                context = group_context(text, gs, ge)
                same = content_key(text, part, found[lo:hi], self._peeking, context)
                known = built.get(same)
                if known is None:
                    known = self._shared.get(same)
                    if known is not None:
                        built[same] = known
                if known is not None:
                    lat, passed = known
                    if lat is not None:
                        lat = shifted(lat, gs)
                else:
                    lat = build(
                        text, part, found[lo:hi], self.rules, self.lm, self.lm_weight,
                        self.key_prior, self.bias, context,
                    )  # fmt: skip
                    passed = self._evaluation(lat, built, pending) if lat is not None else None
                    built[same] = (lat, passed)
                    fresh.append(same)
                built[key] = (lat, passed)
            if lat is None:
                continue
            used[lo:hi] = [True] * (hi - lo)
            lattices.append((lat, passed, j))
        if pending:
            ratios = evaluate_all(
                [lat for lat, _ in pending], self.lm, self.lm_weight, GRID, self.bias
            )
            for (_, passed), ratio in zip(pending, ratios, strict=True):
                passed.ratio = ratio
        self._share(fresh, built)
        return lattices, used

    def _share(self, fresh: list[tuple], built: dict[tuple, tuple[Lattice | None, object]]) -> None:
        """Keep the lattices built by content for later analyses, now that their
        evaluations are complete (another thread may read them at once)."""
        if not fresh:
            return
        with self._shared_lock:
            shared = self._shared
            for same in fresh:
                shared[same] = built[same]
            for old in list(itertools.islice(shared, max(0, len(shared) - SHARED_LATTICES))):
                del shared[old]

    def _evaluation(
        self,
        lat: Lattice,
        built: dict[tuple, tuple[Lattice | None, object]],
        pending: list[tuple[Lattice, Evaluation]],
    ) -> object:
        """The evaluation of ``lat`` (its ratio filled in with the others of its stage,
        from ``pending``), or that of an equal lattice built before at its place: a
        group the second stage meets again with weak entries, none of which survived
        pruning, has the first stage's lattice (about a quarter of the second stage's)."""
        at = (_AT, lat.start, lat.size)
        earlier = built.get(at)
        if earlier is not None and earlier[0] == lat:
            return earlier[1]
        passed = Evaluation()
        pending.append((lat, passed))
        built[at] = (lat, passed)
        return passed


def _among(sources: Sequence[str], names: AbstractSet[str]) -> np.ndarray:
    """1 for each rule whose entry's source is one of ``names``, else 0 (a packed book
    answers from its few distinct sources)."""
    where = getattr(sources, "where", None)
    if where is not None:
        return where(names)
    return np.frombuffer(bytes(map(names.__contains__, sources)), dtype=np.uint8)


def _flags(values: Sequence[int]) -> np.ndarray:
    """A flag per rule (bytes of 0 and 1, or bools) as an array of 0 and 1."""
    if isinstance(values, bytes):
        return np.frombuffer(values, dtype=np.uint8)
    return np.asarray(values, dtype=bool).astype(np.uint8)
