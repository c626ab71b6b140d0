"""Decide which candidate edits to make: one noisy-channel model per document.

For a run of observed words ``S`` that the phrasebook says may stand for ``O``::

    odds(O was the original) =  rho / (1 - rho)            document spin rate
                              * share(S | O)               which synonym the spinner took
                              * P_LM(left O right) / P_LM(left S right)
                              * case and article evidence  what a case-folded LM cannot see

Neighbouring candidates (no word between them) form one lattice and are decided jointly;
each edit's confidence is its posterior marginal from forward-backward over that lattice.
``rho``, the share of the document's spinnable words that were spun, is estimated by EM
from the candidates themselves and the original phrases that survive unspun, under a
Beta prior that expects clean text: a document needs many confident spins before its
ambiguous candidates ("mentioned", "final", "individuals") become likely edits.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import regex

from .casing import transfer_case
from .document import probability, weigh
from .language_model import START, LanguageModel
from .matching import Match
from .phrasebook import Entry
from .tokenizing import WORD_RE, lm_form

_W = r"\p{L}\p{M}\p{N}"
_PREV_WORD = regex.compile(rf"(?r)[{_W}]+(?:['’\-][{_W}]+)*")
_SENTENCE_END = regex.compile(r"[.!?…:;\n]")
_LOOKAROUND = 80
NEG_INF = float("-inf")
#: Likelihood ratio of the evidence a case-folded bigram model cannot see.
CASE_EVIDENCE = math.log(20.0)
ARTICLE_EVIDENCE = math.log(20.0)
#: The language model is crude; no single comparison may count for more than this.
LM_CAP = math.log(100.0)
#: Clusters the spin rate is estimated from, at most (spread over the document).
RATE_SAMPLE = 200
_ARTICLE_BEFORE = regex.compile(r"(?i)\ban?\s+$")
# Whitespace within a line: a line break ends a lattice as it ends an LM context, and a
# tab (a table's cell boundary) does too.
_BLANK = regex.compile(r"[^\S\n\t]+")
# What follows a figure that style guides keep in digits (times, amounts, percentages).
_FIGURE_AFTER = regex.compile(
    r"(?i)[.,:/]\d|\s*(?:%|[ap]\.?m\b|percent\b|per\s*cent\b|percentage\b"
    r"|(?:hundred|thousand|million|billion|trillion|cents?|pence)\b)"
)
# Words in URLs, e-mail addresses, paths, identifiers, code spans and hashtags are not
# prose: "branch/main", "[![Coverage](https://...)", "main_branch", "ref=main", "`main`",
# "#MiddleEast". No spinner rewrites them.
_MARKUP_RUN = regex.compile(r"://|www\.|@")
_MARKUP_TOUCH = "/\\_=`#"
_RUN_LIMIT = 200
_LONGEST_MATCH = 200  # characters: longer than any phrasebook key
# Where in_markup can be true: a match near one of these (a tab: a phrase across cells).
# Found with str.find, which scans far faster than a regular expression.
_MARKERS = ("/", "\\", "_", "=", "`", "#", "@", "www.", "\t")
_RUN_BEFORE = regex.compile(r"(?r)\S+")
_RUN_AFTER = regex.compile(r"\S+")


def in_markup(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a URL, address, path or identifier."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    if (before and before in _MARKUP_TOUCH) or (after and after in _MARKUP_TOUCH):
        return True
    if (not before or before.isspace()) and (not after or after.isspace()):
        return False  # a word standing alone between spaces (most of them)
    m = _RUN_BEFORE.match(text, max(0, start - _RUN_LIMIT), start)
    left = m.start() if m else start
    m = _RUN_AFTER.match(text, end, min(len(text), end + _RUN_LIMIT))
    right = m.end() if m else end
    return _MARKUP_RUN.search(text, left, right) is not None


def _marker_positions(text: str) -> Iterator[int]:
    for marker in _MARKERS:
        p = text.find(marker)
        while p >= 0:
            yield p
            p = text.find(marker, p + 1)


def _not_prose(text: str, matches: Sequence[Match]) -> set[int]:
    """Indices of the matches in markup (:func:`in_markup`) or across a tab. Only the
    matches near a marker character are looked at: prose has few."""
    out: set[int] = set()
    starts: list[int] | None = None
    seen: set[int] = set()
    for p in _marker_positions(text):
        if starts is None:
            starts = [start for start, _, _ in matches]
        lo = bisect.bisect_left(starts, p - _RUN_LIMIT - _LONGEST_MATCH)
        for k in range(lo, bisect.bisect_right(starts, p + _RUN_LIMIT)):
            if k not in seen:
                seen.add(k)
                start, end, _ = matches[k]
                if in_markup(text, start, end) or "\t" in text[start:end]:
                    out.add(k)
    return out


class Rule(NamedTuple):
    """A phrasebook entry compiled for the decoder."""

    entry: Entry
    words: tuple[str, ...]  # the original, as language-model words
    log_share: float  # log P(spinner wrote this spun side | it rewrote the original)
    proper: bool  # the original is a proper name: its case is fixed
    possessive: bool  # matched with a trailing 's: "nation’s" -> "country’s"
    propensity: float  # how readily the spinner rewrites the original (see propensity())
    spun_propensity: float  # ... and the spun side, had it been the original
    article_sensitive: bool  # a/an before the spun side can tell it from the original


class Evidence(NamedTuple):
    """Why an edit was (or was not) made; log values are natural logs."""

    spin_rate: float  # the document's estimated spin rate
    share: float  # log P(spun side | original) from the phrasebook
    lm: float  # log P_LM(original reading) - log P_LM(spun reading), capped
    case: float  # log-odds from capitalisation
    article: float  # log-odds from a/an agreement
    left: str | None  # the language-model context used
    right: str | None
    spun: float = 1.0  # probability that the document was spun at all (see document.py)


class Decision(NamedTuple):
    """A candidate edit with its posterior probability."""

    start: int
    end: int
    before: str
    after: str
    confidence: float
    entry: Entry
    evidence: Evidence


class SiteOdds(NamedTuple):
    """What one candidate site says about the document's spin rate ``rho``: its
    likelihood under spinning, relative to clean text, is
    ``1 - rho * spun_propensity + rho * odds``."""

    start: int
    end: int
    before: str
    spun_propensity: float  # how readily the spinner would have rewritten the observed words
    odds: float  # summed over the site's edits: t(original) * exp(evidence log-odds)
    best: Rule  # the edit that contributes most
    after: tuple[str, ...]  # its original words
    context: bool = True  # whether the LM compared it with a word beside it


class _Arc(NamedTuple):
    i: int
    j: int
    words: tuple[str, ...]
    weight: float  # evidence log-odds that do not depend on the spin rate
    rule: int  # -1 for "keep the observed word"
    start: int
    end: int
    case: float = 0.0
    article: float = 0.0
    lm: float = 0.0  # local LM log-odds of an edit, original against spun words


class _Cluster(NamedTuple):
    left: str | None
    right: str | None
    size: int
    arcs: list[list[_Arc]]  # arcs leaving each position
    edits: list[_Arc]
    sites: int
    forms: tuple[str, ...]  # the observed words, as language-model words


def propensity(zipf: float) -> float:
    """How readily the spinner rewrites a word of this Zipf frequency.

    Thesaurus spinners leave the commonest function words alone ("the", "of", "on" were
    rewritten 1-3% of the time in the development pairs) and rewrite content words most
    of the time (80-95% of words below Zipf 6). A logistic curve in Zipf frequency.
    """
    return 1.0 / (1.0 + math.exp(2.5 * (zipf - 6.6)))


def _logaddexp(a: float, b: float) -> float:
    if a == NEG_INF:
        return b
    if b == NEG_INF:
        return a
    if a > b:
        return a + math.log1p(math.exp(b - a))
    return b + math.log1p(math.exp(a - b))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def starts_with_vowel_sound(word: str) -> bool:
    """Whether ``word`` takes "an": by its first sound, and for a short all-capitals
    initialism ("US", "FBI") by its first letter's name."""
    if word.isupper() and len(word) <= 3:
        return word[:1] in "AEFHILMNORSX"
    w = word.lower()
    if w.startswith(("uni", "use", "usu", "eu", "one", "once", "ur")):
        return False
    if w.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    return w[:1] in "aeiou"


def _left_context(text: str, start: int) -> tuple[str | None, str | None]:
    """The LM context before ``start`` and the word itself (for a/an), if adjacent."""
    m = _PREV_WORD.search(text, max(0, start - _LOOKAROUND), start)
    if m is None:
        return START, None
    gap = text[m.end() : start]
    if not gap or (gap.isspace() and "\n" not in gap and "\t" not in gap):
        return lm_form(m.group()), m.group()
    if _SENTENCE_END.search(gap):
        return START, None
    return None, None


def _right_context(text: str, end: int) -> str | None:
    m = WORD_RE.search(text, end, end + _LOOKAROUND)
    if m is None:
        return None
    gap = text[end : m.start()]
    if gap and gap.isspace() and "\n" not in gap and "\t" not in gap:
        return lm_form(m.group())
    return None


class _WeightedLM(NamedTuple):
    lm: LanguageModel
    weight: float

    def score(self, prev: str | None, words: tuple[str, ...]) -> float:
        return self.weight * self.lm.score(prev, words)

    def bigram(self, prev: str | None, word: str) -> float:
        return self.weight * self.lm.bigram(prev, word)


class Decoder:
    """Score candidate edits in context; see the module docstring for the model."""

    def __init__(
        self,
        rules: Sequence[Rule],
        lm: LanguageModel,
        prior: tuple[float, float],
        lm_weight: float = 1.0,
        channel_bias: float = 0.0,
    ) -> None:
        self.rules = rules
        self.lm = lm
        self.prior_spun, self.prior_clean = prior
        self.lm_weight = lm_weight
        self.channel_bias = channel_bias
        # Whether a match's rules need _admissible, by rule set (filled as met).
        self._checked: dict[tuple[int, ...], bool] = {}

    # -- building lattices ---------------------------------------------------------

    def _evidence(
        self, text: str, rule: Rule, start: int, end: int, left: str | None, left_word: str | None
    ) -> tuple[float, float]:
        observed = text[start:end]
        case = 0.0
        if rule.proper and left != START and observed[:1].isupper():
            # A capital mid-sentence on a common word is what a spun proper name leaves.
            nxt = WORD_RE.search(text, end, end + _LOOKAROUND)
            if nxt is None or not nxt.group()[:1].isupper():
                case = CASE_EVIDENCE
        article = 0.0
        if left_word is not None and left_word.lower() in ("a", "an") and rule.words:
            wants_an = left_word.lower() == "an"
            spun_fits = starts_with_vowel_sound(observed) == wants_an
            original_fits = starts_with_vowel_sound(rule.words[0]) == wants_an
            if original_fits and not spun_fits:
                article = ARTICLE_EVIDENCE
            elif spun_fits and not original_fits:
                article = -ARTICLE_EVIDENCE
        return case, article

    def _checks(self, rule_id: int) -> bool:
        """Whether _admissible can reject this rule: proper names and numbers."""
        rule = self.rules[rule_id]
        return rule.proper or any(c.isdigit() for c in rule.entry.spun)

    def _admissible(self, text: str, rule: Rule, start: int, end: int) -> bool:
        observed = text[start:end]
        if rule.proper and not observed[:1].isupper():
            return False  # the spinner keeps the case of the word it replaces
        if observed.isdigit():
            before = text[max(0, start - 2) : start]
            if before[-1:] in "$£€¥#" and before[-1:]:
                return False
            if _FIGURE_AFTER.match(text, end, end + 20) or regex.search(r"\d[.,:/]$", before):
                return False
        return True

    def _admitted(self, text: str, matches: Sequence[Match]) -> list[Match]:
        """The matches with the rules that may apply where they stand."""
        checked = self._checked
        out = []
        skip = _not_prose(text, matches)
        for k, match in enumerate(matches):
            if skip and k in skip:
                continue
            needs = checked.get(match[2])
            if needs is None:
                needs = checked[match[2]] = any(self._checks(r) for r in match[2])
            if needs:
                start, end, rules = match
                rules = tuple(r for r in rules if self._admissible(text, self.rules[r], start, end))
                if not rules:
                    continue
                match = (start, end, rules)
            out.append(match)
        return out

    @staticmethod
    def _groups(text: str, matches: Sequence[Match]) -> list[list[Match]]:
        """Matches that overlap or touch (no word between them) form one group."""
        groups: list[list[Match]] = []
        group_end = -1
        for site in matches:
            start, end, _ = site
            if groups and (start < group_end or _BLANK.fullmatch(text, group_end, start)):
                groups[-1].append(site)
                group_end = max(group_end, end)
            else:
                groups.append([site])
                group_end = end
        return groups

    def _build(self, text: str, sites: list[Match]) -> _Cluster | None:
        """The lattice of one group: keep each word, or apply a rule over a span."""
        cs = sites[0][0]
        ce = max(end for _, end, _ in sites)
        toks = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, cs, ce)]
        index_of_start = {s: k for k, (s, _, _) in enumerate(toks)}
        index_of_end = {e: k + 1 for k, (_, e, _) in enumerate(toks)}
        left, left_word = _left_context(text, cs)
        right = _right_context(text, ce)
        forms = tuple(lm_form(w) for _, _, w in toks)
        arcs: list[list[_Arc]] = [
            [_Arc(k, k + 1, (forms[k],), 0.0, -1, s, e)] for k, (s, e, _) in enumerate(toks)
        ]
        edits = []
        starts = set()
        # Single-word rules first, so that a phrase rule whose output they already
        # spell ("nationwide safety" = "nationwide" + "safety") is recognised as the
        # same reading and dropped: one reading, one path, undivided probability.
        group = sorted(
            ((start, end, r) for start, end, rules in sites for r in rules),
            key=lambda c: (c[1] - c[0], c[0]),
        )
        outputs: dict[tuple[int, str], set[str]] = {}
        for start, end, rule_id in group:
            i, j = index_of_start.get(start), index_of_end.get(end)
            if i is None or j is None:
                continue
            rule = self.rules[rule_id]
            words = rule.words
            if rule.possessive and words:
                words = (*words[:-1], words[-1] + "'s")
            if outputs and self._spelled(toks, forms, outputs, i, j, words):
                continue
            if j == i + 1:
                outputs.setdefault((i, toks[i][2].lower()), set()).add(" ".join(words))
            arc_left = left if i == 0 else forms[i - 1]
            arc_left_word = left_word if i == 0 else toks[i - 1][2]
            case, article = self._evidence(text, rule, start, end, arc_left, arc_left_word)
            weight = rule.log_share + case + article
            arc = _Arc(i, j, words, weight, rule_id, start, end, case, article)
            arcs[i].append(arc)
            edits.append(arc)
            starts.add(start)
        if not edits:
            return None
        return self._clip(_Cluster(left, right, len(toks), arcs, edits, len(starts), forms))

    @staticmethod
    def _spelled(
        toks: list[tuple[int, int, str]],
        forms: tuple[str, ...],
        outputs: dict[tuple[int, str], set[str]],
        i: int,
        j: int,
        words: tuple[str, ...],
    ) -> bool:
        """Whether word-for-word choices (keep or a single-word rule) already spell ``words``
        over tokens ``i..j``."""
        if len(words) != j - i:
            return False
        for k, word in zip(range(i, j), words, strict=True):
            if word != forms[k] and word not in outputs.get((k, toks[k][2].lower()), ()):
                return False
        return True

    # -- inference -----------------------------------------------------------------

    @property
    def _weighted(self) -> _WeightedLM:
        return _WeightedLM(self.lm, self.lm_weight)

    def _spin_term(self, rule_id: int, rho: float) -> float:
        """log [rho t(O) / (1 - rho t(S))]: the channel's odds that this spin happened."""
        rule = self.rules[rule_id]
        return (
            math.log(rho * rule.propensity)
            - math.log1p(-rho * rule.spun_propensity)
            + self.channel_bias
        )

    def _marginals(self, cl: _Cluster, rho: float) -> dict[_Arc, float]:
        lm = self._weighted
        n = cl.size
        alpha: list[dict[str | None, float]] = [{} for _ in range(n + 1)]
        alpha[0][cl.left] = 0.0
        for i in range(n):
            for arc in cl.arcs[i]:
                bonus = arc.weight + (self._spin_term(arc.rule, rho) if arc.rule >= 0 else 0.0)
                target = alpha[arc.j]
                for prev, score in alpha[i].items():
                    new = arc.words[-1] if arc.words else prev
                    value = score + bonus + lm.score(prev, arc.words)
                    target[new] = _logaddexp(target.get(new, NEG_INF), value)
        beta: list[dict[str | None, float]] = [{} for _ in range(n + 1)]
        for w in alpha[n]:
            beta[n][w] = lm.bigram(w, cl.right) if cl.right is not None else 0.0
        z = NEG_INF
        for w, score in alpha[n].items():
            z = _logaddexp(z, score + beta[n][w])
        for i in range(n - 1, -1, -1):
            for prev in alpha[i]:
                total = NEG_INF
                for arc in cl.arcs[i]:
                    bonus = arc.weight + (self._spin_term(arc.rule, rho) if arc.rule >= 0 else 0.0)
                    new = arc.words[-1] if arc.words else prev
                    rest = beta[arc.j].get(new, NEG_INF)
                    total = _logaddexp(total, bonus + lm.score(prev, arc.words) + rest)
                beta[i][prev] = total
        out = {}
        for arc in cl.edits:
            total = NEG_INF
            for prev, score in alpha[arc.i].items():
                new = arc.words[-1] if arc.words else prev
                rest = beta[arc.j].get(new, NEG_INF)
                total = _logaddexp(
                    total,
                    score
                    + arc.weight
                    + self._spin_term(arc.rule, rho)
                    + lm.score(prev, arc.words)
                    + rest,
                )
            out[arc] = math.exp(min(0.0, total - z))
        return out

    def _lm_delta(self, cl: _Cluster, arc: _Arc) -> float:
        """Local LM evidence for one edit: the original against the spun words."""
        spun = cl.forms[arc.i : arc.j]
        left = cl.left if arc.i == 0 else cl.forms[arc.i - 1]
        right = cl.right if arc.j == cl.size else cl.forms[arc.j]
        orig_score = self.lm.score(left, arc.words)
        spun_score = self.lm.score(left, spun)
        last_o = arc.words[-1] if arc.words else left
        if right is not None:
            orig_score += self.lm.bigram(last_o, right)
            spun_score += self.lm.bigram(spun[-1], right)
        return orig_score - spun_score

    def _fast_marginals(self, cl: _Cluster, rho: float) -> dict[_Arc, float]:
        """Closed-form marginals when every edit covers the whole cluster (one site)."""
        if any(a.i != 0 or a.j != cl.size for a in cl.edits):
            return self._marginals(cl, rho)
        scores = [self._spin_term(a.rule, rho) + a.weight + self.lm_weight * a.lm for a in cl.edits]
        top = max(0.0, *scores)
        total = math.exp(-top) + sum(math.exp(x - top) for x in scores)
        return {a: math.exp(x - top) / total for a, x in zip(cl.edits, scores, strict=True)}

    def _bound(
        self,
        text: str,
        start: int,
        rules: tuple[int, ...],
        rho: float,
        cache: dict[tuple[int, ...], tuple[float, float]],
    ) -> float:
        """An upper bound on the log-odds of any edit at a one-site group, from its rules
        alone: the LM evidence is capped, and the case and article evidence are counted
        whenever they could apply."""
        cached = cache.get(rules)
        if cached is None:
            plain = sensitive = NEG_INF
            for rule_id in rules:
                rule = self.rules[rule_id]
                bonus = rule.log_share + LM_CAP + (CASE_EVIDENCE if rule.proper else 0.0)
                bound = self._spin_term(rule_id, rho) + bonus
                plain = max(plain, bound)
                if rule.article_sensitive:
                    sensitive = max(sensitive, bound + ARTICLE_EVIDENCE)
            cached = cache[rules] = (plain, sensitive)
        plain, sensitive = cached
        if sensitive > plain and _ARTICLE_BEFORE.search(text, max(0, start - 4), start):
            return sensitive
        return plain

    def _edit_odds(self, arc: _Arc) -> float:
        """An edit's odds per unit of spin rate: exp(_spin_term) / rho, to first order,
        times its evidence (the LM as capped in the arc's weight)."""
        rule = self.rules[arc.rule]
        c = arc.weight + self.lm_weight * arc.lm + self.channel_bias
        return rule.propensity * math.exp(min(c, 50.0))

    def site_odds(self, text: str, matches: Sequence[Match]) -> list[SiteOdds]:
        """The evidence of every candidate site (the sample :meth:`document` weighs is
        a subset of these).

        Sites in one lattice are scored each with its own local evidence: a first-order
        view of the joint model, enough to weigh a document, not to decide an edit.
        """
        out = []
        for group in self._groups(text, self._admitted(text, matches)):
            cl = self._build(text, group)
            if cl is not None:
                out.extend(self._site_odds(text, cl))
        return out

    def _site_odds(self, text: str, cl: _Cluster) -> list[SiteOdds]:
        by_start: dict[int, list[_Arc]] = {}
        for arc in cl.edits:
            by_start.setdefault(arc.start, []).append(arc)
        context = cl.left not in (START, None) or cl.right is not None
        out = []
        for arcs in by_start.values():
            odds = [self._edit_odds(a) for a in arcs]
            best = arcs[odds.index(max(odds))]
            rule = self.rules[best.rule]
            t_s = max(self.rules[a.rule].spun_propensity for a in arcs)
            before = text[best.start : best.end]
            out.append(
                SiteOdds(best.start, best.end, before, t_s, sum(odds), rule, best.words, context)
            )
        return out

    def _estimate_rate(self, clusters: list[_Cluster], scale: float, survivors: float) -> float:
        """EM for the spin rate: expected spins over expected opportunities.

        Each site is an opportunity of its original if spun, of its observed words if
        not; survivors (original phrases left unspun) add theirs. ``scale`` extrapolates
        from a sample of the clusters to the whole document.
        """
        # A one-site cluster's odds are rho / (1 - rho t(S)) times a constant per edit
        # (see _spin_term), so its E-step is closed-form arithmetic on those constants.
        simple: list[list[tuple[float, float, float]]] = []
        joint: list[_Cluster] = []
        for cl in clusters:
            if any(a.i != 0 or a.j != cl.size for a in cl.edits):
                joint.append(cl)
                continue
            terms = []
            for a in cl.edits:
                rule = self.rules[a.rule]
                terms.append((self._edit_odds(a), rule.propensity, rule.spun_propensity))
            simple.append(terms)
        rho = self.prior_spun / (self.prior_spun + self.prior_clean)
        for _ in range(100):
            spins = opportunities = 0.0
            for terms in simple:
                odds = [rho / (1.0 - rho * t_s) * k for k, _, t_s in terms]
                z = 1.0 + sum(odds)
                spun_here = (z - 1.0) / z
                spins += spun_here
                weighted = zip(odds, terms, strict=True)
                opportunities += sum(o * t_o for o, (_, t_o, _) in weighted) / z
                opportunities += (1.0 - spun_here) * max(t_s for _, _, t_s in terms)
            for cl in joint:
                marg = self._marginals(cl, rho)
                spun_here = sum(marg.values())
                spins += spun_here
                opportunities += sum(p * self.rules[a.rule].propensity for a, p in marg.items())
                opportunities += max(0.0, cl.sites - spun_here) * max(
                    self.rules[a.rule].spun_propensity for a in cl.edits
                )
            new_rho = (scale * spins + self.prior_spun) / (
                scale * opportunities + survivors + self.prior_spun + self.prior_clean
            )
            new_rho = min(new_rho, 0.99)
            if abs(new_rho - rho) < 1e-4:
                return new_rho
            rho = new_rho
        return rho

    def _sample(
        self, text: str, groups: list[list[Match]], survivors: float
    ) -> tuple[dict[int, _Cluster | None], float, list[SiteOdds], float]:
        """Lattices of at most RATE_SAMPLE groups spread over the document, the spin rate
        estimated on them, their sites, and the factor from the sample to the text."""
        step = max(1.0, len(groups) / RATE_SAMPLE)
        sample = sorted({int(k * step) for k in range(min(len(groups), RATE_SAMPLE))})
        built: dict[int, _Cluster | None] = {k: self._build(text, groups[k]) for k in sample}
        sampled = [cl for cl in built.values() if cl is not None]
        scale = len(groups) / len(sample)
        rho = self._estimate_rate(sampled, scale, survivors)
        sites = [site for cl in sampled for site in self._site_odds(text, cl)]
        return built, rho, sites, scale

    def document(
        self, text: str, matches: Sequence[Match], survivors: float
    ) -> tuple[float, list[SiteOdds], float]:
        """What :meth:`decide` knows of the document before deciding any edit: the spin
        rate, the sites of its sample, and the factor from the sample to the text."""
        groups = self._groups(text, self._admitted(text, matches))
        if not groups:
            return 0.0, [], 1.0
        _, rho, sites, scale = self._sample(text, groups, survivors)
        return rho, sites, scale

    def decide(
        self,
        text: str,
        matches: Sequence[Match],
        survivors: float,
        prune_below: float | None = None,
    ) -> tuple[list[Decision], float, float]:
        """Candidate edits with their confidence, the document's estimated spin rate,
        and the probability that it was spun at all.

        ``matches`` are ``(start, end, rule ids)`` sorted by start; ``survivors`` is the
        summed propensity of the original phrases found unspun in the document
        (opportunities the spinner did not take). A confidence is the probability that
        the document was spun times the edit's posterior given that it was. With
        ``prune_below``, candidates whose confidence provably stays under that value
        are dropped without being scored; the edits at or above it are the same.
        """
        groups = self._groups(text, self._admitted(text, matches))
        if not groups:
            return [], 0.0, 0.0
        built, rho, sites, scale = self._sample(text, groups, survivors)
        spun = probability(weigh(sites, survivors, scale)[0]) if sites else 0.0
        floor = None
        if prune_below is not None:
            if spun < prune_below:
                return [], rho, spun  # clean text: no edit can reach the threshold
            floor = _logit(min(prune_below / spun, 1.0 - 1e-12))
        cache: dict[tuple[int, ...], tuple[float, float]] = {}
        decisions = []
        for k, group in enumerate(groups):
            cl = built.get(k, False)
            if cl is False:
                if floor is not None and len(group) == 1:
                    start, _, rules = group[0]
                    if self._bound(text, start, rules, rho, cache) < floor:
                        continue
                cl = self._build(text, group)
            if cl is not None:
                decisions.extend(self._decisions(text, cl, rho, spun, floor))
        decisions.sort(key=lambda d: (d.start, -d.confidence))
        return decisions, rho, spun

    def _joint_bound(self, cl: _Cluster, rho: float) -> float:
        """An upper bound on the log-odds of any edit in a lattice, without inference.

        Swapping an edit for the kept words over its span maps each path through it to a
        distinct path without it, so its odds are at most the largest score ratio of such
        a swap: its own terms, and the LM over every word that can precede or follow it.
        """
        if any(not a.words for out in cl.arcs for a in out):
            return math.inf  # a deletion passes its left word on: no local bound
        ends: list[set[str | None]] = [{cl.left}] + [set() for _ in range(cl.size)]
        for out in cl.arcs:
            for a in out:
                ends[a.j].add(a.words[-1])
        best = NEG_INF
        for a in cl.edits:
            spun = cl.forms[a.i : a.j]
            if a.j == cl.size:
                nexts: set[str | None] = {cl.right}
            else:
                nexts = {k.words[0] for k in cl.arcs[a.j]}
            lm = NEG_INF
            for prev in ends[a.i]:
                inside = self.lm.score(prev, a.words) - self.lm.score(prev, spun)
                for nxt in nexts:
                    after = 0.0
                    if nxt is not None:
                        after = self.lm.bigram(a.words[-1], nxt) - self.lm.bigram(spun[-1], nxt)
                    lm = max(lm, inside + after)
            best = max(best, self._spin_term(a.rule, rho) + a.weight + self.lm_weight * lm)
        return best

    def _decisions(
        self, text: str, cl: _Cluster, rho: float, spun: float, floor: float | None
    ) -> list[Decision]:
        """The cluster's edits; with a log-odds ``floor``, only those that reach it."""
        if floor is not None and self._joint_bound(cl, rho) < floor:
            return []
        out = []
        for arc, p in self._fast_marginals(cl, rho).items():
            if floor is not None and p < 1.0 / (1.0 + math.exp(-floor)):
                continue
            rule = self.rules[arc.rule]
            before = text[arc.start : arc.end]
            after = transfer_case(before, rule.entry.original)
            if rule.possessive and after:
                # A word ending in s takes the apostrophe alone: "Americans’", "States’".
                after += before[-2] if after[-1:] in "sS" else before[-2:]
            lm_delta = max(-LM_CAP, min(LM_CAP, arc.lm))
            evidence = Evidence(
                rho, rule.log_share, lm_delta, arc.case, arc.article, cl.left, cl.right, spun
            )
            confidence = p * spun
            decision = Decision(arc.start, arc.end, before, after, confidence, rule.entry, evidence)
            out.append(decision)
        return out

    def _clip(self, cl: _Cluster) -> _Cluster:
        """Fold the LM cap into each edit's weight, so inference needs no special case."""
        edits = []
        for arc in cl.edits:
            raw = self._lm_delta(cl, arc)
            delta = self.lm_weight * raw
            excess = 0.0
            if delta > LM_CAP:
                excess = LM_CAP - delta
            elif delta < -LM_CAP:
                excess = -LM_CAP - delta
            edits.append(arc._replace(weight=arc.weight + excess, lm=raw))
        swap = dict(zip(cl.edits, edits, strict=True))
        arcs = [[swap.get(a, a) for a in out] for out in cl.arcs]
        return cl._replace(arcs=arcs, edits=edits)
