"""The lattice of one group of candidates: every reading of a run of words.

Candidates that overlap or touch (no word between them) form a *group*. Its lattice has
one position per word; from each position an arc either keeps the observed word or
applies a rule over a span of words (a *spin* arc: the observed words were written by
the spinner for the rule's original). A path through the lattice is one reading of the
run, and each arc carries what it contributes to that reading's probability apart from
the spin rate (which :mod:`unspin.inference` adds):

- a spin arc: the rule's channel probability, and the evidence a case-folded bigram
  model cannot see (:mod:`unspin.cues`: a capital mid-sentence where a proper name was
  rewritten, "a"/"an" that only fits the original);
- a keep arc: whether a *key* (an original phrase the spinner rewrites) starts there,
  with the probability that it is one (kept, it is an opportunity the spinner did not
  take).

The language model scores every path (:mod:`unspin.inference`); no one comparison of an
original with its spun words may count for more than :data:`LM_CAP`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache, partial
from typing import NamedTuple

import regex

from .calibration import (
    EVIDENCE_BIAS,
    PRUNING_OWN_WEIGHT,
    calibrated_prior,
    decision_prior,
    log_odds,
)
from .cues import (
    DETERMINERS,
    LOOKAROUND,
    SINGULAR_DETERMINERS,
    bare_be_unlicensed,
    before_number,
    capitals_lost,
    case_and_article,
    conjunction_before_comma,
    continues_name,
    figure_in_name,
    have_not_base,
    leaves_name,
    particle_missing,
    surname_evidence,
    surname_slot,
    were_after_singular,
)
from .language_model import END, START, LanguageModel, is_unscored, possessive
from .matching import Hit, Match
from .rules import NAME_RENDERINGS, OTHER_TOOL, Rule, rule_prior
from .tokenizing import WORD_RE, lm_form

_W = r"\p{L}\p{M}\p{N}"
_PREV_WORD = regex.compile(rf"(?r)[{_W}]+(?:['’\-][{_W}]+)*")
_SENTENCE_END = regex.compile(r"[.!?…:;\n]")
#: A list item's marker after a line break ("- ", "* ", "• ", "3. "): its first word
#: opens no sentence, and a word alone on such a line has no context at all.
_LIST_ITEM = regex.compile(r"\n[ \t]*(?:[-*•·‣◦–]|\d{1,3}[.)])[ \t]+$")
#: A sentence's end right after a word: a full stop, question or exclamation mark (and
#: closing quotes or brackets), then a space or the end of the text.
_FULL_STOP = regex.compile(r"[.!?][\"'”’)\]]*(?:\s|$)")
#: A site with an entry of this prior, whose original reads better than its words by
#: UNSURE_LM (natural log, bigrams), makes them unsure context for a neighbour's trigram
#: correction. Measured on real pages unseen by the book (48-93), any strong site: 0.449;
#: with the comparison from 2 to 4.6: 0.455 (0.455 at 3; the development pairs 0.841-0.842,
#: every negative case unchanged); no site: 0.457, but talks "on the Center East" became
#: "at the Middle East".
SURE_SITE = 0.5
UNSURE_LM = math.log(20.0)
#: Two capitals with no lower-case letter between them: a group that has them may hold a
#: word written in capitals, whose evidence reads the next word (see unspin.cues).
_CAPITALS = regex.compile(r"\p{Lu}[^\p{Ll}]*\p{Lu}")
#: The prior an entry needs for the surname evidence (see unspin.cues.surname_slot): a
#: broad entry's pair may be a name's mistranslation ("russian" -> "ross").
NAME_PRIOR = 0.5
#: A capital: a group with one past its first character may hold a surname.
_TITLED = regex.compile(r"\p{Lu}")
#: The language model is crude; no single comparison may count for more than this
#: when deciding an edit, nor for more than EVIDENCE_CAP as evidence that a region was
#: spun (one word that reads oddly to a bigram model is no sign of spinning: a British
#: spelling, a non-native writer's "enhancing its governance").
LM_CAP = math.log(100.0)
#: The same with a book of the spinner's own table loaded alone (no open vocabulary:
#: every entry certain, no calibration), where the comparison is the only evidence
#: about which reading is the original. Measured on the oracle benchmark against 100x:
#: light copies 0.476 -> 0.497 with the curated table (full 0.819 -> 0.823), 0.614 ->
#: 0.616 with WordNet's (full 0.876 -> 0.882), and no more clean text edited with either
#: table loaded (354 documents, 1,013 lone sentences, 1,169 probe sentences and
#: paragraphs, the negative cases); 1000x gained no more.
CLOSED_LM_CAP = math.log(300.0)
#: A spin with punctuation on both sides (", nevertheless,") has no context: its
#: comparison is the words' frequencies alone, which any rarer synonym loses, and says
#: how common a word is, not whether it was spun. Measured with the 84-page book: 1 of
#: 1,005 lone clean sentences and a negative case edited at LM_CAP, none at 10x-50x,
#: the development pairs and unseen pages unchanged.
CONTEXT_FREE_CAP = math.log(20.0)
#: ... and as evidence that its region was spun, it counts at most this much (natural
#: log): a list of words ("transition words include additionally, however, nonetheless,
#: whereas, although") is several such sites, each a rarer synonym, which summed to a
#: spun sentence (0.94) and seven edits. At 0: that sentence 0.27 and left alone; real
#: pages whole and the development pairs unchanged, their light copies at 30% / 15% of
#: their spins 0.2202 / 0.0797 -> 0.2198 / 0.0797 (34 held-out pages) and 0.1817 /
#: 0.0560 -> 0.1780 / 0.0511 (11 fresh ones). At log 3 the light copies lost less, and
#: the list kept its words but was detected as spun (0.81).
FREE_RATE = 0.0
#: With any book: with the oracle benchmark's WordNet table loaded alone (every entry
#: certain), LM_CAP as evidence edited 5 of 354 clean documents and 12 of 1,169 clean
#: probe sentences; this cap, 3 and 7 (light oracle copies 0.629 -> 0.616).
EVIDENCE_CAP = math.log(30.0)
#: The evidence of a fingerprint, a phrase with a word pair the bigram table does not
#: hold (see build), at least and at most.
FINGERPRINT = math.log(1_000.0)
FINGERPRINT_CAP = math.log(10_000.0)
#: Words in one lattice, at most: a longer run of candidates ("12 months 12 months ...")
#: is cut into lattices of this size, which bounds time and memory per lattice.
MAX_WORDS = 64
# Whitespace within a line: a line break ends a lattice as it ends an LM context, and a
# tab (a table's cell boundary) does too.
_BLANK = regex.compile(r"[^\S\n\t]+")


class Arc(NamedTuple):
    i: int  # first word
    j: int  # one past the last word
    words: tuple[str, ...]  # the reading's words (LM forms)
    rule: int  # the rule applied, or -1 for "keep the observed word"
    weight: float  # log weight apart from the spin rate and the LM over the path
    key: float  # keep arcs: the weight of the key starting here (0 if none)
    start: int  # character span of the observed words
    end: int
    case: float = 0.0
    article: float = 0.0
    lm: float = 0.0  # local LM log-odds of a spin arc, original against observed words
    evidence: float = 0.0  # the weight's share that is judged more strictly as evidence
    # spin arcs: the log-odds the decisions' calibration adds (unspin.calibration)
    calibration: float = 0.0


class Lattice(NamedTuple):
    left: str | None  # the LM context before the first word (START, a word, or None)
    right: str | None  # ... and after the last
    size: int  # words
    arcs: list[list[Arc]]  # arcs leaving each position
    edits: list[Arc]  # the spin arcs
    forms: tuple[str, ...]  # the observed words, as LM words
    start: int  # character offset of the first word


def groups(text: str, matches: Sequence[Match]) -> list[list[Match]]:
    """Matches that overlap or touch (no word between them) form one group."""
    out: list[list[Match]] = []
    group_end = -1
    for site in matches:
        start, end, _ = site
        if out and (start < group_end or _BLANK.fullmatch(text, group_end, start)):
            out[-1].append(site)
            group_end = max(group_end, end)
        else:
            out.append([site])
            group_end = end
    return out


def longest_keys(keys: Sequence[Hit]) -> list[Hit]:
    """The key occurrences a spinner scanning left to right, longest key first, would
    have met (``keys`` sorted by start)."""
    out: list[Hit] = []
    pos = -1
    for hit in sorted(keys, key=lambda h: (h[0], -h[1])):
        if hit[0] >= pos:
            out.append(hit)
            pos = hit[1]
    return out


def _left_context(text: str, start: int) -> tuple[str | None, str | None, int]:
    """The LM context before ``start``, the word itself (for a/an), if adjacent, and
    where that word starts (-1 if there is none)."""
    m = _PREV_WORD.search(text, max(0, start - LOOKAROUND), start)
    if m is None:
        return START, None, -1
    gap = text[m.end() : start]
    if not gap or (gap.isspace() and "\n" not in gap and "\t" not in gap):
        return lm_form(m.group()), m.group(), m.start()
    if gap == ". " and m.group() in _TITLES:
        # "Mr. Biden", "Super Mario Bros. Wonder": a title's full stop ends no sentence.
        return lm_form(m.group()), m.group(), m.start()
    if _SENTENCE_END.search(gap) and not _LIST_ITEM.search(gap):
        return START, None, -1
    return None, None, -1


#: Abbreviations written with a full stop that stand before a name ("Dr. Chen", "Gen.
#: Milley", "Warner Bros. Pictures"): the word after them opens no sentence.
_TITLES = frozenset({
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Sgt",
    "Capt", "Cmdr", "Adm", "Rev", "Fr", "St", "Mt", "Ft", "Bros",
})  # fmt: skip


def _right_context(text: str, end: int) -> tuple[str | None, int]:
    """The LM context after ``end``, and where that word ends (-1 if it is no word)."""
    m = WORD_RE.search(text, end, end + LOOKAROUND)
    gap = text[end : m.start()] if m is not None else text[end : end + LOOKAROUND]
    if m is not None and gap and gap.isspace() and "\n" not in gap and "\t" not in gap:
        return lm_form(m.group()), m.end()
    if m is not None and gap == ". ":
        before = _PREV_WORD.search(text, max(0, end - LOOKAROUND), end)
        if before is not None and before.end() == end and before.group() in _TITLES:
            # As on the left: the word after "Dr." or "Bros." continues the sentence.
            return lm_form(m.group()), m.end()
    if _FULL_STOP.match(gap):
        return END, -1
    return None, -1


class Context(NamedTuple):
    """The LM context of a group: the word before (START or None if there is none to
    use), that word as written, the word after (END or None), and for the trigram
    correction the word before the word before and the word after the word after; and
    for cues, the word before those two (what a noun follows:
    :func:`unspin.cues.were_after_singular`) and whether a comma follows the group at
    once (:func:`unspin.cues.conjunction_before_comma`)."""

    left: str | None
    left_word: str | None
    right: str | None
    left2: str | None
    right2: str | None
    left3: str | None = None
    comma: bool = False


def group_context(text: str, start: int, end: int) -> Context:
    """The LM context of a group at ``text[start:end]``."""
    left, left_word, at = _left_context(text, start)
    left2, _, at2 = _left_context(text, at) if at >= 0 else (None, None, -1)
    left3 = _left_context(text, at2)[0] if at2 >= 0 else None
    right, after = _right_context(text, end)
    right2 = _right_context(text, after)[0] if after >= 0 else None
    comma = text.startswith(",", end)
    return Context(left, left_word, right, left2, right2, left3, comma)


def content_key(
    text: str,
    sites: Sequence[Match],
    keys: Sequence[Hit],
    peeking: AbstractSet[int],
    context: Context,
) -> tuple:
    """Everything :func:`build` reads of a group, relative to its start: groups with the
    same key have the same lattice but for its character offsets (see :func:`shifted`).
    The text around the group is in it only if a rule's evidence reads it (in
    ``peeking``: a proper name's case looks at the next word, a letter's initialism at
    the characters on either side)."""
    cs = sites[0][0]
    if len(sites) == 1:  # most groups
        ce = sites[0][1]
        where: tuple = (ce - cs, sites[0][2])
    else:
        ce = max(end for _, end, _ in sites)
        where = tuple((s - cs, e - cs, rs) for s, e, rs in sites)
    before = ""
    peeks = any(not peeking.isdisjoint(rs) for _, _, rs in sites)  # a site has many rules
    if (
        peeks
        or _CAPITALS.search(text, cs, ce) is not None
        # A capitalised word not opening a sentence may stand as a surname, which
        # reads whether a capitalised word follows (see unspin.cues.surname_slot).
        or _TITLED.search(text, cs + (context.left == START), ce) is not None
    ):
        ce += LOOKAROUND
        before = text[max(0, cs - 3) : cs]
    return (text[cs:ce], before, context, where, tuple((s - cs, w) for s, _, w in keys))


def shifted(lat: Lattice, start: int) -> Lattice:
    """``lat`` (a lattice of the same :func:`content_key`) moved to start at ``start``."""
    d = start - lat.start
    if not d:
        return lat
    if lat.size == 1 and len(lat.arcs[0]) == len(lat.edits) + 1:
        # One word (most lattices): its arcs are the keep arc and then the edits.
        row = _moved(lat.arcs[0], d)
        return Lattice(lat.left, lat.right, 1, [row], row[1:], lat.forms, start)
    arcs = [_moved(out, d) for out in lat.arcs]
    pairs = zip(itertools.chain(*lat.arcs), itertools.chain(*arcs), strict=True)
    moved = {id(a): b for a, b in pairs}
    edits = [moved[id(a)] for a in lat.edits]
    return Lattice(lat.left, lat.right, lat.size, arcs, edits, lat.forms, start)


def _moved(arcs: list[Arc], d: int) -> list[Arc]:
    """``arcs`` with their character spans moved by ``d`` (each field by name in the
    loop's target, and no Arc(): a hot loop)."""
    return [
        _arc((i, j, words, rule, weight, key, start + d, end + d, case, article, lm, ev, cal))
        for i, j, words, rule, weight, key, start, end, case, article, lm, ev, cal in arcs
    ]


def _spelled(
    forms: tuple[str, ...],
    outputs: dict[tuple[int, str], Arc],
    phrases: dict[int, list[Arc]],
    dropped: set[int],
    i: int,
    j: int,
    words,
) -> list[Arc] | None:
    """The spin arcs that, with kept words, already spell ``words`` over words ``i..j``
    (None if they cannot): one-word arcs (``outputs``), or one other arc (``phrases``, by
    first word: a phrase, a deletion; none a longer rule took over, ``dropped``) with kept
    words ("Nintendo Change" -> "Nintendo Switch" and a kept "2" spell "Nintendo Switch
    2"; a deleted "score" and a kept "credit" spell "credit"). Never two arcs with one of
    those: each may stand alone, and a way through both is not the only way to either."""
    if len(words) == j - i:
        used = []
        for k, word in zip(range(i, j), words, strict=True):
            if word == forms[k]:
                continue
            arc = outputs.get((k, word))
            if arc is None:
                break
            used.append(arc)
        else:
            return used
    for k in range(i, j):
        for arc in phrases.get(k, ()):
            n = len(arc.words)
            if (
                id(arc) not in dropped
                and arc.j <= j
                and forms[i:k] == tuple(words[: k - i])
                and tuple(words[k - i : k - i + n]) == arc.words
                and forms[arc.j : j] == tuple(words[k - i + n :])
            ):
                return [arc]
    return None


def build(
    text: str,
    sites: Sequence[Match],
    keys: Sequence[Hit],
    rules: Sequence[Rule],
    lm: LanguageModel,
    lm_weight: float,
    key_prior=None,
    bias: float = 0.0,
    context: Context | None = None,
) -> Lattice | None:
    """The lattice of one group; ``keys`` are the key occurrences within its span, and
    ``key_prior(word)`` (if given) the probability that a word no phrasebook lists as
    an original is one of the spinner's keys all the same. Spins that could not reach
    odds of :data:`PRUNE` at the highest rate, even with ``bias`` (the decision's
    calibration), are left out. ``context`` is the group's :func:`context`, if known."""
    cs = sites[0][0]
    ce = max(end for _, end, _ in sites)
    toks = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, cs, ce)]
    index_of_start = {s: k for k, (s, _, _) in enumerate(toks)}
    index_of_end = {e: k + 1 for k, (_, e, _) in enumerate(toks)}
    words_written = [w for _, _, w in toks]
    forms = tuple([lm_form(w) for w in words_written])
    # The weight of the key starting at each word (0 if none): a listed key's, or with
    # an open vocabulary the word's own key prior if that is more.
    weights = [0.0] * len(toks)
    for s, _, w in keys:
        k = index_of_start.get(s)
        if k is not None:
            weights[k] = w
    if key_prior is not None:
        for k, form in enumerate(forms):
            base = key_prior(form)
            if base > weights[k]:
                weights[k] = base
    if context is None:
        context = group_context(text, cs, ce)
    left, left_word, right = context.left, context.left_word, context.right
    blind = [_blind_word(f) for f in forms]
    lm_cap = LM_CAP if bias else CLOSED_LM_CAP  # a bias: an open vocabulary, a partial book
    # Per word, what every rule applied there shares: the context, whether "a"/"an"
    # stands before it, and the log-probability of its key left unspun.
    lefts = (left, *forms[:-1])
    # The forms with the context's on either side: word k is back[k + 3] and ahead[k]
    # (the cues read up to three words before a site and two after it).
    back = (context.left3, context.left2, left, *forms)
    ahead = (*forms, right, context.right2)
    outer = None  # the trigram correction's context, made when a spin first needs it
    left_words = (left_word, *words_written[:-1])
    # "a"/"an" before a word, and "this" before a count of units ("this 12 months").
    articled = [w is not None and w.lower() in SINGULAR_DETERMINERS for w in left_words]
    capitals = [w.isupper() for w in words_written]
    surnames: list[bool | None] = [None] * len(toks)  # whether each word stands as a surname
    kept_keys = [math.log1p(-_TOP * min(w, 0.999)) for w in weights]
    arcs: list[list[Arc]] = [
        [_arc((k, k + 1, (forms[k],), -1, 0.0, weights[k], s, e, 0.0, 0.0, 0.0, 0.0, 0.0))]
        for k, (s, e, _) in enumerate(toks)
    ]
    edits: list[Arc] = []
    # One-word rules first, so that a phrase rule whose output they already spell
    # ("nationwide safety" = "nationwide" + "safety") is recognised as the same reading:
    # one reading, one path, undivided probability. The likelier of the two ways to it
    # stays (a user's "peaceful ocean" -> "Pacific Ocean" over a broad "peaceful" ->
    # "pacific"). So is one shorter rule's with kept words ("primarily based" -> "based"
    # and a deleted "primarily"; "Nintendo Change 2" and "Nintendo Change" -> "Nintendo
    # Switch" with a kept "2"): split between the two ways, a sure reading had half its
    # confidence each way ("credit score" -> "credit" 0.43, 1.00 as one). (A stable sort
    # of the sites: each site's rules stay in their order.)
    ordered = sites if len(sites) == 1 else sorted(sites, key=_shortest_first)
    outputs: dict[tuple[int, str], Arc] = {}  # the one-word spin arcs, by word and output
    phrases: dict[int, list[Arc]] = {}  # the other spin arcs, by their first word
    dropped: set[int] = set()  # ids of the arcs a longer rule's arc took over
    swaps: dict[tuple[int, str], Arc] = {}  # another tool's one-word arcs, likewise
    side_of, local_of = lm.side, lm.local  # asked for each rule at each site
    for start, end, rule_ids in ordered:
        i, j = index_of_start.get(start), index_of_end.get(end)
        if i is None or j is None:
            continue
        arc_left = lefts[i]
        arc_right = right if j == len(toks) else forms[j]
        # What the cues read at this site, the same for every rule here.
        preceding = (back[i + 2], back[i + 1], back[i])  # nearest first
        preceding2 = preceding[:2]
        left_i = left_words[i]
        after2 = ahead[j + 1] if j + 1 < len(ahead) else None
        written = words_written[i:j]
        at_end = j == len(toks)
        spun = forms[i:j]
        blind_span = blind[i] if j == i + 1 else any(blind[i:j])
        # A capitalised word before a number: maybe a designation (cues.case_and_article).
        designated = toks[j - 1][2][:1].isupper() and before_number(text, end)
        kept_key = kept_keys[i]
        seen = None  # the observed words' side, for the first rule that needs it
        judged: list[_Judgement] = []  # the rules that reach the language model
        for rule_id in rule_ids:
            rule = rules[rule_id]
            words = rule.words
            if rule.possessive and words:
                words = (*words[:-1], possessive(words[-1]))
            if (outputs or phrases) and j > i + 1:
                used = _spelled(forms, outputs, phrases, dropped, i, j, words)
                if used is not None:
                    # A fingerprint ("asthma assaults") spelled by word swaps, each of
                    # which writers write alone ("assaults" -> "attacks"), is the likelier
                    # way: its pair of words is the evidence, not its channel.
                    printed = rule.fingerprint and not any(rules[a.rule].fingerprint for a in used)
                    if not printed and rule.log_channel <= sum(
                        rules[a.rule].log_channel for a in used
                    ):
                        continue
                    dropped.update(id(a) for a in used)
            if rule.fingerprint and not rule.proper and j > i + 1 and leaves_name(left_i, written):
                continue
            if rule.entry.source in NAME_RENDERINGS and capitals_lost(rule.entry.original, written):
                continue  # a listed name's rendering keeps its capitals
            if j == i + 1 and have_not_base(rule.words, arc_right, after2):
                continue  # "need not register" is a modal, no spun "have"
            if were_after_singular(rule.words, written, preceding, left_i):
                continue  # "The collision were caused" is no English
            if rule.numeric and figure_in_name(written, preceding2, left_i):
                continue  # "Model 3" and "May 2" are written in digits
            if particle_missing(rule.words, arc_right):
                continue  # "In contrast, ..." was never "Compared, ..."
            if at_end and conjunction_before_comma(rule.words, context.comma):
                continue  # "However, he said" was never "But, he said"
            if rule.words[:1] == ("be",) and bare_be_unlicensed(rule.words, preceding2):
                continue  # "Managers be able to" is no English
            if (
                rule.proper
                and j > i + 1
                and rule.entry.source not in NAME_RENDERINGS  # "Insider Dealer Joe's"
                and continues_name(left_i, written)
            ):
                continue  # "Medical Center East" is no rendering of "Middle East"
            numbered = rule.numeric and left_i is not None and left_i.lower() not in DETERMINERS
            if rule.proper or rule.letter or articled[i] or capitals[i] or numbered or designated:
                case, article = case_and_article(text, rule, start, end, arc_left, left_i)
            else:
                case = article = 0.0
            blind_here = rule.blind or blind_span
            if (
                j == i + 1
                and len(rule.words) == 1
                and not rule.proper
                and rule.entry.prior >= NAME_PRIOR
            ):
                # A common word standing as a surname: how common each word is as one
                # is evidence a case-folded bigram model cannot see. Its comparison
                # stays: a word standing so is not always a person's name ("smearing
                # Chinaware"), and "Choose will" says a noun stood there. (Without it
                # after a first name, where "pick a" beats "judge a", the light copies
                # of the real pages and the oracle benchmark lost a little.)
                if surnames[i] is None:
                    surnames[i] = surname_slot(text, start, end, arc_left, left_i)
                if surnames[i]:
                    case += surname_evidence(rule.words[0], toks[i][2])
            # The most the language model could add (see below): a spin that stays under
            # PRUNE even so is left out before the model is asked. The same sums as for
            # ``best`` below, so that rounding cannot make the two disagree.
            ceiling = FINGERPRINT_CAP if rule.fingerprint else 0.0 if blind_here else lm_cap
            prior = calibrated_prior(rule_prior(rule), rule.entry.prior)
            calibration = _calibration(bias, prior)
            # An entry whose spun side writers use themselves (its ``own`` share): its
            # spins weigh less in the decisions; the evidence is made to keep the prior,
            # and the pruning its own weight (see unspin.calibration).
            lean = pruned_lean = 0.0
            if rule.entry.own and bias:
                lean = _calibration(bias, decision_prior(prior, rule.entry.own)) - calibration
                pruned = decision_prior(prior, rule.entry.own, PRUNING_OWN_WEIGHT)
                pruned_lean = _calibration(bias, pruned) - calibration
            top = rule.log_channel + case + article + ceiling
            if top + calibration + pruned_lean + _TOP_RATE - kept_key < PRUNE:
                continue
            if seen is None:
                if outer is None:
                    outer = _trigram_context(
                        sites, index_of_start, index_of_end, rules, forms, context, lm
                    )
                # outer[k + 2] is word k: two words before i, two after j.
                before, after = outer[i : i + 2], outer[j + 2 : j + 4]
                seen = side_of(arc_left, arc_right, spun)
                seen_local = local_of(arc_left, arc_right, spun, before, after)
            # The paths' own (bigram) comparison, folded out of the weight below, and the
            # judged one, with the trigram correction.
            raw = side_of(arc_left, arc_right, words) - seen
            near = local_of(arc_left, arc_right, words, before, after) - seen_local
            if rule.entry.own and rule.unigram and not rule.fingerprint:
                # Its ``own`` share, measured on real pages, already says how often
                # writers chose the spun side: the commoner original's frequency counts
                # once there, and only in part here (OWN_UNIGRAM_DISCOUNT).
                common = _frequency_advantage(lm, rule, spun)
                if common > 0.0:
                    near -= OWN_UNIGRAM_DISCOUNT * common
            judged.append(
                _judgement(
                    (rule_id, rule, words, case, article, calibration, lean, pruned_lean, raw, near)
                )
            )
        if not judged:
            continue
        free = arc_left is None and arc_right is None
        cap = CONTEXT_FREE_CAP if free else lm_cap
        # The cap bounds what the comparison with the observed words may say about
        # whether they were spun; it does not make two originals that both read far better
        # than them equal ("its prior vary of": "range" and "change"). Where it clips two
        # or more rules at a site, their judged comparisons keep the model's distances
        # between them, and their weights the sum they have capped.
        shifts: list[float] | None = None
        if SHIFT_CAPPED and len(judged) > 1:
            shifts = _shares(judged, lm_weight, cap, blind_span)
        for k, judged_rule in enumerate(judged):
            rule_id, rule, words, case, article, calibration, lean, pruned_lean = judged_rule[:8]
            raw, near = judged_rule.raw, judged_rule.near
            blind_here = rule.blind or blind_span
            if rule.fingerprint:
                # A phrase no one writes ("counterfeit consciousness", "clever grid") that
                # the book says the spinner does: a word pair of it is not in the bigram
                # table, which keeps every pair seen 100,000 times on the web. It is the
                # spinner's fingerprint, strong evidence on its own, where an odd single
                # word is not.
                lm_delta = strict = min(max(lm_weight * near, FINGERPRINT), FINGERPRINT_CAP)
                if rule.entry.source in NAME_RENDERINGS:
                    # A name rendered by the spinner's swaps ("Selection Motels") says the
                    # name was spun; of how much of the page was, it says what a word
                    # says. As a fingerprint it lifted lightly spun pages' regions to a
                    # certain spin at their low rate, where the writer's own words the
                    # bigram model dislikes were then edited (light copies at 15% of 34
                    # held-out pages: false edits 27 -> 49; judged as a word: 29).
                    strict = _strict(lm, rule, arc_left, arc_right, words, spun, raw, lm_weight)
            elif blind_here:
                # No evidence either way: digits and apostrophes are not in the bigram table.
                lm_delta = strict = 0.0
            else:
                lm_delta = max(-cap, min(cap, lm_weight * near))
                strict = None  # judged below, for a spin that is kept
            # Pruned, and vetoed as evidence, on its capped comparison: the distances kept
            # between clipped rules (``shifts``) are for choosing among them only.
            capped = lm_delta
            if shifts is not None and shifts[k] is not None:
                lm_delta = shifts[k]
            # Fold the difference between the path's raw LM score and the judged one
            # (capped, blind where the model has no data) into the arc's weight, so that
            # inference needs no special case; as evidence about the rate, the strict
            # judgement.
            local = rule.log_channel + case + article + capped
            best = local + calibration + pruned_lean + _TOP_RATE - kept_key
            if best < PRUNE:
                continue
            if strict is None:
                strict = _strict(lm, rule, arc_left, arc_right, words, spun, raw, lm_weight)
                if bias and capped < 0 and SHARPER_VETO:
                    strict = min(strict, 0.0)
                if free:
                    strict = min(strict, FREE_RATE)
            weight = rule.log_channel + case + article + (lm_delta - lm_weight * raw)
            arc = _arc((
                i, j, words, rule_id, weight, 0.0, start, end, case, article, lm_delta,
                strict - lm_delta - EVIDENCE_BIAS * bias * lean, calibration + lean,
            ))  # fmt: skip
            arcs[i].append(arc)
            edits.append(arc)
            if j == i + 1 and len(words) == 1:
                if rule.entry.source in OTHER_TOOL:
                    # Another tool's word swap ("highlight" -> "feature") never takes
                    # over a phrase it spells ("highlight map" -> "feature map", a
                    # fingerprint): the phrase takes it over (below).
                    swaps[i, words[0]] = arc
                    continue
                known = outputs.get((i, words[0]))
                if known is None or rules[known.rule].log_channel < rule.log_channel:
                    outputs[(i, words[0])] = arc
            else:
                phrases.setdefault(i, []).append(arc)
                if swaps and len(words) == j - i:
                    for k, word in zip(range(i, j), words, strict=True):
                        swap = swaps.get((k, word))
                        if swap is not None:
                            dropped.add(id(swap))
    if dropped:
        edits = [a for a in edits if id(a) not in dropped]
        arcs = [[a for a in out if id(a) not in dropped] for out in arcs]
    if not edits:
        return None
    return Lattice(left, right, len(toks), arcs, edits, forms, cs)


def _trigram_context(
    sites: Sequence[Match],
    index_of_start: dict[int, int],
    index_of_end: dict[int, int],
    rules: Sequence[Rule],
    forms: tuple[str, ...],
    context: Context,
    lm: LanguageModel,
) -> tuple[str | None, ...]:
    """The words of a group with two words of context on either side, for the trigram
    correction (:meth:`LanguageModel.local`): None where there is none to use, or where
    the word itself is likely spun: a strong entry's site whose original the bigram
    comparison prefers by :data:`UNSURE_LM` ("talks on the Center East": "at the center"
    says nothing about "on the")."""
    words: tuple[str | None, ...] = forms
    # One site over the whole group (most groups): its own words are no one's context.
    whole = len(sites) == 1 and index_of_start.get(sites[0][0]) == 0
    whole = whole and index_of_end.get(sites[0][1]) == len(forms)
    side = lm.side
    for start, end, rule_ids in () if whole else sites:
        i, j = index_of_start.get(start), index_of_end.get(end)
        if i is None or j is None:
            continue
        left = context.left if i == 0 else forms[i - 1]
        right = context.right if j == len(forms) else forms[j]
        # The best of the strong rules' sides, as max() over them (one loop, no
        # generator: this runs for every site of a group of several).
        best = None
        for r in rule_ids:
            rule = rules[r]
            if rule_prior(rule) >= SURE_SITE:
                score = side(left, right, rule.words)
                if best is None or score > best:
                    best = score
        if best is not None and best - side(left, right, forms[i:j]) >= UNSURE_LM:
            words = (*words[:i], *([None] * (j - i)), *words[j:])
    left, right = context.left, context.right
    return (
        None if left is None or left == START else context.left2,
        left,
        *words,
        right,
        None if right is None or right == END else context.right2,
    )


class _Judgement(NamedTuple):
    """A rule at a site that reached the language model (see build): what its arc is
    made of."""

    rule_id: int
    rule: Rule
    words: tuple[str, ...]
    case: float
    article: float
    calibration: float
    lean: float
    pruned_lean: float
    raw: float  # the bigram comparison with the observed words
    near: float  # the judged one, with the trigram correction


# A _Judgement from all its fields at once, as _arc (a hot loop).
_judgement = partial(tuple.__new__, _Judgement)


def _shares(
    judged: list[_Judgement], lm_weight: float, cap: float, blind_span: bool
) -> list[float | None] | None:
    """The judged comparisons of a site's rules where the cap clips two or more of them
    (None for the others: below the cap, fingerprints, blind ones): the model's own
    comparisons less one constant, chosen so that the clipped rules' weights sum as they
    do capped."""
    at = [
        k
        for k, j in enumerate(judged)
        if lm_weight * j.near > cap and not j.rule.fingerprint and not (j.rule.blind or blind_span)
    ]
    if len(at) < 2:
        return None
    raw = [lm_weight * judged[k].near for k in at]
    # Each rule's weight apart from the comparison: case, article, calibration, channel.
    base = [
        judged[k].case + judged[k].article + judged[k].calibration + judged[k].lean
        + judged[k].rule.log_channel
        for k in at
    ]  # fmt: skip
    shift = _logsumexp([b + v for b, v in zip(base, raw, strict=True)]) - _logsumexp(
        [b + cap for b in base]
    )
    out: list[float | None] = [None] * len(judged)
    for k, v in zip(at, raw, strict=True):
        out[k] = v - shift
    return out


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


def _shortest_first(site: Match) -> tuple[int, int]:
    return site[1] - site[0], site[0]


# An Arc from all its fields at once: not Arc(), whose defaults make it a Python call
# (arcs are made in build's inner loop).
_arc = partial(tuple.__new__, Arc)
# log_odds by (scale, prior): few distinct priors, and a spin's is needed for every one.
_calibration = lru_cache(maxsize=1 << 12)(log_odds)


@lru_cache(maxsize=1 << 16)
def _blind_word(form: str) -> bool:
    return is_unscored((form,))


def _frequency_advantage(lm: LanguageModel, rule: Rule, spun: tuple[str, ...]) -> float:
    """How much likelier the rule's original is than the observed words by word
    frequency alone (natural log of the unigrams' ratio)."""
    return rule.unigram - sum(lm.unigram(w) for w in spun)


def _strict(
    lm: LanguageModel,
    rule: Rule,
    left: str | None,
    right: str | None,
    words: tuple[str, ...],
    spun: tuple[str, ...],
    raw: float,
    lm_weight: float,
) -> float:
    """A spin's LM log-odds as evidence that its region was spun (``raw`` its local
    LM log-odds). As such evidence the web counts alone judge: the sharper average also
    finds more in clean prose, where the detector was calibrated. Capped at
    :data:`EVIDENCE_CAP` whatever the book: with the spinner's own table loaded alone
    (every entry certain) as with the default book, one word a bigram model finds odd is
    no sign of spinning."""
    unigram = _frequency_advantage(lm, rule, spun)
    said = raw
    if lm.evidence is not lm:
        web = lm.evidence
        said = web.side(left, right, words) - web.side(left, right, spun)
    strict = lm_weight * (said - (1.0 - UNIGRAM_WEIGHT) * unigram)
    strict = max(-EVIDENCE_CAP, min(EVIDENCE_CAP, strict))
    if rule.proper and PROPER_BLIND:
        # The table's bigrams are those of lowercase text: a name's ("United States",
        # "White House") are counted far below their use, so as evidence about the
        # rate, a name's rule has none against it.
        strict = max(strict, 0.0)
    return strict


#: A spin whose odds against the observed words stay under this (natural log) even at
#: the highest spin rate is left out of the lattice: with a broad phrasebook most
#: candidates are such, and they could neither be an edit nor weigh much as evidence.
PRUNE = math.log(0.05)
_TOP = 0.97
_TOP_RATE = math.log(_TOP)
#: An entry with an ``own`` share (how often writers wrote its spun side on real pages of
#: the family: "retailer" 0.61, for "store") has this share of its original's advantage
#: in word frequency alone taken out of the comparison that decides it, where the
#: original is the commoner: the share already counts how readily writers pass the
#: commoner word by, and a bigram model prefers the commoner word nearly everywhere
#: ("the low cost retailer" read "store" at 0.94; 11 of the 16 "retailer" -> "store" edits
#: on 63 held-out pages were false). Measured on those pages (2026-12-07): false edits
#: 135 -> 117, error reduction 0.6077 -> 0.6081, light copies at 30% / 15% of their spins
#: 0.2234 / 0.0819 -> 0.2248 / 0.0811 (false 241 / 54 -> 222 / 53), the development
#: pairs 0.852 -> 0.857; at 0.5 false edits 111 and error reduction 0.6037, at 1.0 99 and
#: 0.5896. Taken out both ways (a rarer original's advantage added too) it edited "US"
#: -> "United States" 18 times in one simulated page's copy.
OWN_UNIGRAM_DISCOUNT = 0.3
#: Whether the rules at a site whose comparisons pass the cap keep their distances below it.
SHIFT_CAPPED = True
#: Whether a proper name's rule gets no LM evidence (see build).
PROPER_BLIND = True
#: With a partial book, whether the web counts' judgement (``_strict``) may count as
#: evidence of spinning where the sharper comparison reads the observed words better: it
#: may not. A pair the web counts lack leaves them word frequency alone, and the commoner
#: synonym wins it ("Consumer Financial Protection Bureau" gave a clean headline 5 nats at
#: a rate of 0.7, "companies" -> "businesses" at -3.2 gave 2). Not with the spinner's own
#: table alone, where every entry is certain: on the oracle benchmark's light copies that
#: evidence was worth 0.03 (0.635 -> 0.606).
SHARPER_VETO = True
#: How much of the language model's preference that comes from word frequency alone
#: counts as evidence that a region was spun: a rare word ("porcine", "peculiar") is no
#: sign of spinning in a text about its topic, so the unigram part of a comparison
#: counts for this share there (its context part in full). Deciding an edit in a region
#: known to be spun, it counts in full.
UNIGRAM_WEIGHT = 0.5


def split_group(text: str, group: list[Match]) -> list[list[Match]]:
    """Cut a group into runs of at most :data:`MAX_WORDS` words, between matches that
    do not overlap (a cut between touching matches loses only their joint reading)."""
    if len(group) <= 1:
        return [group]
    out: list[list[Match]] = [[]]
    words = 0
    end = -1
    for match in group:
        n = len(WORD_RE.findall(text, match[0], match[1]))
        if out[-1] and words + n > MAX_WORDS and match[0] >= end:
            out.append([])
            words = 0
        out[-1].append(match)
        words += n
        end = max(end, match[1])
    return out
