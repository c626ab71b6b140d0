"""Phrasebook entries compiled for matching and for the model.

The spinner holds synonym groups: a *key* (a word or phrase it rewrites) and its
alternatives, of which it picks one uniformly. An entry ``spun -> original`` with
``prior`` p says: with probability p, ``original`` is one of the spinner's keys and
``spun`` one of its alternatives. Compiled, each original gets

- ``key``: the probability that it is one of the spinner's keys at all: the largest
  prior of its entries, or (with an open vocabulary: the book is known to be partial)
  at least :func:`key_prior` of its rarest word;
- an expected number of alternatives ``n``: its entries' priors over ``key``, summed;
  at least ``MIN_ALTERNATIVES`` with an open vocabulary (the spinner has alternatives
  the book does not list);

The originals are looked for in the text too: one left as it is weighs against spinning
(:mod:`unspin.unspun`). An original that only listed names' renderings have (source
``name``) is not: a title's words in running text ("last night" for "Last Night") are
no key the spinner left alone.

Each entry becomes a :class:`Rule` whose channel probability, the probability that
the spinner, meeting the original, wrote this spun side, is ``p / n``. A book of the
spinner's own table (every prior 1, a closed vocabulary) gives ``1 / n``.

An entry whose two sides take different articles ("announcement" for "statement") also
gives a rule with the article: "an announcement" for "a statement", the spinner's
article written for its alternative (:data:`ARTICLE_ADJUSTED`).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import NamedTuple

import regex

from . import acronyms
from .frequencies import zipf_frequency
from .language_model import LanguageModel, is_blind, is_unscored, possessive
from .matching import case_free, written_with_punctuation
from .phrasebook import Entry
from .tokenizing import WORD_RE, lm_form, normalize_phrase
from .vetting import function_words

#: With an open vocabulary, the alternatives a key has at least (the spinner family's
#: groups hold one to five, 1.75 on average).
MIN_ALTERNATIVES = 1.75
#: A paper paraphraser's fingerprint (sources :data:`PAPER_FINGERPRINTS`) is one tool's
#: choice among at most this many renderings of its original. The screener's list merges
#: the renderings of many tools (47 of "artificial intelligence", 27 of "random forest"),
#: but one paper's tool wrote one of its own few: dividing by the list's count made a
#: lone "irregular woods" a 1-in-27 choice, declined at 0.61.
PAPER_CHOICE = 2.0
#: Words this common (Zipf frequency) make a paper's phrase no fingerprint when it has
#: no rarer content word (see :func:`fingerprint`).
COMMON_WORDS = 4.3
#: The sources of the paper paraphrasers' phrases (their word swaps: :data:`OTHER_TOOL`).
PAPER_FINGERPRINTS = frozenset({"pps", "tortured"})
#: The share of the commonest content words that are the spinner's keys, and the Zipf
#: frequencies around which rarer words and function words stop being keys.
KEY_SHARE = 0.65
KEY_RISE = 4.3
KEY_FALL = 6.4
#: Sources of another tool than the spinner's whose originals are common words: the
#: paper paraphrasers' word swaps ("gathering" for "group"). Their originals' weights
#: and alternatives are counted apart from the spinner's, and are no keys of its: a
#: news page's "group" left as it is says nothing of whether it was spun.
OTHER_TOOL = frozenset({"swap"})
#: Sources of a name as the spinner's swaps render it ("Selection Motels" for "Choice
#: Hotels"): a fingerprint for its own edit, an ordinary word's judgement as evidence of
#: the region's spin rate (see unspin.lattice.build).
NAME_RENDERINGS = frozenset({"name"})
_ARTICLES = frozenset(("a", "an"))


@functools.lru_cache(maxsize=1 << 17)
def key_prior(word: str) -> float:
    """Probability that a word is one of the spinner's keys though no phrasebook says
    so. The family's thesaurus holds the common vocabulary: on real pages it rewrote
    about half of the words of Zipf 4.5-6, a fifth at Zipf 4, under a tenth of rarer
    words and of the commonest function words ("the", "of": 2-6%). A bump in Zipf
    frequency, rising at ``KEY_RISE`` and falling at ``KEY_FALL``. The articles are
    none: the family leaves "a" and "an" alone, or writes the one its alternative takes
    (:data:`ARTICLE_ADJUSTED`); as keys they weighed against spinning wherever a rule
    with its article took them into a lattice."""
    if word in _ARTICLES:
        return 0.0
    z = zipf_frequency(word)
    rise = 1.0 + math.exp(-3.0 * (z - KEY_RISE))
    fall = 1.0 + math.exp(2.5 * (z - KEY_FALL))
    return KEY_SHARE / (rise * fall)


def phrase_key_prior(words: Sequence[str]) -> float:
    """:func:`key_prior` of a phrase: that of its rarest word (the content word)."""
    return min((key_prior(w) for w in words), default=0.0)


#: How often the family's spinner writes the article its alternative takes ("said in an
#: announcement" for "in a statement", "an organization" for "a company") instead of
#: keeping the original's ("a accountable", "an finish"): on 170 real pages of the
#: family, 39 of the 100 spins after "a" or "an" whose two sides take different articles
#: (both habits on one page, too). A rule with the article (:func:`compile_rules`) has
#: its entry's prior times this.
ARTICLE_ADJUSTED = 0.4
#: Entries under this prior get no rule with the article: times ARTICLE_ADJUSTED, it would
#: be pruned nearly everywhere, and its matches cost time (a tenth of the clean text's).
ARTICLE_MIN_PRIOR = 0.25


class Rule(NamedTuple):
    """A phrasebook entry compiled for the model."""

    entry: Entry
    words: tuple[str, ...]  # the original, as language-model words
    log_channel: float  # log P(spinner wrote this spun side | it rewrote the original)
    proper: bool  # the original is a proper name: its case is fixed
    possessive: bool  # matched with a trailing 's: "nation’s" -> "country’s"
    numeric: bool  # the spun side has digits ("12 months"): never where a figure stands
    article_sensitive: bool  # a/an before the spun side can tell it from the original
    blind: bool = False  # the original has a word the bigram table cannot hold
    unigram: float = 0.0  # the original's summed unigram log-probabilities
    # The spun side is a phrase no one writes that the book says the spinner does
    # ("counterfeit consciousness", "low-asset dialect"): see fingerprint().
    fingerprint: bool = False
    letter: bool = False  # the original is one letter ("k"): it may stand in an initialism
    # The article before the spun side is the spinner's too: the first of ``words`` is
    # the one the original takes ("an announcement" -> "a statement"; see written()).
    articled: bool = False


#: Entries at least this likely to be the spinner's can be fingerprints.
FINGERPRINT_PRIOR = 0.5
#: Sources whose spun sides are never fingerprints: the family's thesaurus groups (and
#: their inflections) are English synonyms by construction, so a pair the tables lack is
#: a rarer phrase, not one no one writes ("further time" for "extra time": "will require
#: further time" in a clean 1806 message read as spun). Measured on the development
#: pairs and the held-out real pages: the same error reduction without them. Except a
#: group's rendering of a name in title case ("Supreme Courtroom" for "Supreme Court"),
#: a sense error as the renderings of listed names are (see ``fingerprint``).
NOT_FINGERPRINTS = frozenset(("family", "inflection"))


#: A contraction whose stem the spinner rewrote ("to't" of "are able to't" for "can't",
#: "received't" for "won't"): "'t" after anything but "n" is no English word.
_BROKEN_CONTRACTION = regex.compile(r"(?i)\p{L}+(?<!n)['\u2019]t")


def fingerprint(entry: Entry, lm: LanguageModel | None) -> bool:
    """Whether ``entry``'s spun side is a spinner's fingerprint: two or more words (a
    hyphenated compound's parts counted apart: "low-asset", "mind-computer") with an
    adjacent pair no one writes, in an entry the book says the spinner writes. A pair
    the web table lacks (it keeps pairs seen 100,000 times) but CMU's bigrams list is
    ordinary English, only rarer: "unsaturated fats", "trauma center" and "securities
    exchange" are tortured phrases in a paper and the right words in a news report."""
    if lm is None or entry.prior < FINGERPRINT_PRIOR:
        return False
    if entry.source in NOT_FINGERPRINTS and not _titled_name(entry.original):
        return False
    if any(_BROKEN_CONTRACTION.fullmatch(w) for w in WORD_RE.findall(entry.spun)):
        return True
    news = entry.source not in PAPER_FINGERPRINTS and entry.source not in NAME_RENDERINGS
    if news and not _titled_name(entry.original):
        # The bigram tables keep pairs seen 100,000 times, and say nothing of a pair that
        # would be rarer than that if people wrote it: a function word beside a rarer word
        # ("are additionally", "together with worldwide"), two common words ("the previous
        # couple of years", "worldwide research", "a nationwide safety campaign"), a rarer
        # word in a phrase clean writers use ("a low cost retailer", "the docket document",
        # "someplace close to"). A phrase of the news family's is proof of spinning by
        # itself only as a name's rendering ("Center East", "Pink Sea", "White Home") or
        # with a broken contraction (above).
        return False
    parts = [p for w in WORD_RE.findall(entry.spun) for p in lm_form(w).split("-") if p]
    if not any(not lm.attested(a, b) for a, b in itertools.pairwise(parts) if not is_blind((a, b))):
        return False
    if entry.source in PAPER_FINGERPRINTS:
        # A paper's phrase of common words only ("network safety", "managed learning",
        # "smart groups") is written by clean writers too, in their own sense: its pair's
        # absence from the tables says little of two common words. It is decided by the
        # paraphrasers' rate and the language model, as an ordinary phrase is.
        function = function_words()
        content = [p for p in parts if p not in function]
        return any(zipf_frequency(p) < COMMON_WORDS for p in content)
    return True


def _titled_name(original: str) -> bool:
    """Whether ``original`` is a name of two or more words, each capitalised ("Supreme
    Court", "World Health Organization"): a thesaurus group's rendering of it ("Supreme
    Courtroom") is a sense error, however ordinary its words are alone."""
    words = WORD_RE.findall(original)
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


class Traits(NamedTuple):
    """What the decider reads of every rule at start, by rule id. A flag is true or 1,
    false or 0 (a packed book's flags are bytes: a start makes no list of 70,000)."""

    proper: Sequence[int]
    numeric: Sequence[int]
    fingerprint: Sequence[int]
    letter: Sequence[int]
    prior: Sequence[float]  # the entry's
    source: Sequence[str]  # the entry's


def traits(rules: Sequence[Rule]) -> Traits:
    """The :class:`Traits` of ``rules`` (a packed book's read from its columns)."""
    own = getattr(rules, "traits", None)
    if own is not None:
        return own()
    return Traits(
        [r.proper for r in rules],
        [r.numeric for r in rules],
        [r.fingerprint for r in rules],
        [r.letter for r in rules],
        [rule_prior(r) for r in rules],
        [r.entry.source for r in rules],
    )


class Compiled(NamedTuple):
    """Rules, the matcher's keys for them, and the original phrases with their weight."""

    rules: list[Rule]
    rule_keys: list[tuple[str, int]]
    original_keys: list[tuple[str, float]]


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


def compile_rules(
    entries: Sequence[Entry], open_vocabulary: bool = False, lm: LanguageModel | None = None
) -> Compiled:
    """Compile phrasebook entries (see the module docstring); ``lm`` gives each rule's
    unigram log-probability (0 without one)."""
    # Each phrase normalised once: a book names most originals in several entries, and
    # normalised in every loop below, a compile took a tenth longer (a sixth with its
    # entries' parts cached).
    key_of = functools.cache(normalize_phrase)
    entries = distinct(entries, key_of)
    global _compiles
    # A process's first book (a command's first run) keeps nothing: only a process that
    # compiles again keeps what its entries compile to (16 MB for the default book).
    parts = _entry_rules if _compiles else _entry_rules.__wrapped__
    _compiles += 1
    by_original: dict[tuple[str, bool], list[Entry]] = defaultdict(list)
    for entry in entries:
        tool = entry.source in OTHER_TOOL
        by_original[key_of(entry.original).lower(), tool].append(entry)
    least = MIN_ALTERNATIVES if open_vocabulary else 1.0
    key_weight = {}
    alternatives = {}
    named = set()  # the originals only listed names' renderings have
    for (o, tool), es in by_original.items():
        if all(e.source in NAME_RENDERINGS for e in es):
            named.add(o)
        weight = max(e.prior for e in es)
        if open_vocabulary:
            weight = max(weight, phrase_key_prior([lm_form(w) for w in WORD_RE.findall(o)]))
        key_weight[o, tool] = weight
        # A certain entry (prior 1: a user's own book) is the spinner's table for its
        # original: its alternatives are those listed.
        floor = least if any(e.prior < 1.0 for e in es) else 1.0
        alternatives[o, tool] = max(floor, sum(e.prior for e in es) / weight)
    rules: list[Rule] = []
    keys: list[tuple[str, int]] = []
    # A rule with its article is not made where the book has that pair as an entry of its
    # own ("an artificial" -> "a synthetic"): two arcs of one reading would halve it.
    pairs = {(key_of(e.spun), key_of(e.original).lower()) for e in entries}
    for entry in entries:
        original = key_of(entry.original).lower(), entry.source in OTHER_TOOL
        rule, key, literal, owned, articled = parts(entry, lm)
        choice = alternatives[original]
        if rule.fingerprint and entry.source in PAPER_FINGERPRINTS:
            choice = min(choice, PAPER_CHOICE)
        rule = rule._replace(log_channel=math.log(entry.prior / choice))
        keys.append((entry.spun if literal else key, len(rules)))
        rules.append(rule)
        if owned is not None:
            keys.append(((entry.spun if literal else key) + "'s", len(rules)))
            rules.append(rule._replace(possessive=True, blind=owned[0], unigram=owned[1]))
        if articled:
            with_article = _with_article(rule, lm)
            spun = _article(entry.spun) + " " + key
            if (spun, key_of(written(with_article)).lower()) not in pairs:
                keys.append((spun, len(rules)))
                rules.append(with_article)
    originals = []
    for (original, tool), weight in key_weight.items():
        if original and weight > 0.0 and not tool and original not in named:
            originals.append((original, weight))
            if not original.endswith("'s"):
                originals.append((original + "'s", weight))
    return Compiled(rules, keys, originals)


_compiles = 0  # books compiled in this process (compile_rules)


# What an entry compiles to whatever book it is in (all but its channel, which its
# original's other entries set): kept for the process, so that a book compiled with each
# new user book (a service's users, the tests) compiles only the user's entries anew.
@functools.lru_cache(maxsize=1 << 17)
def _entry_rules(
    entry: Entry, lm: LanguageModel | None
) -> tuple[Rule, str, bool, tuple[bool, float] | None, bool]:
    """``entry``'s rule (its channel 0), its matcher key, whether the key is matched as
    written, its possessive's (blind, unigram) if it has one, and whether it has a rule
    with the article too."""
    printed = fingerprint(entry, lm)  # with its acronym, if it has one
    key = entry.key
    # A phrase with an acronym in parentheses ("web protocol (ip)" for "internet protocol
    # (IP)") is matched with it, and its rule edits the words before it: the text's
    # acronym stays as written (unspin.acronyms, written()).
    before = _before_acronym(entry)
    spun, original = (entry.spun, entry.original) if before is None else before
    words = tuple(lm_form(w) for w in WORD_RE.findall(original))
    # A rule whose original has capitals needs a capital on the observed words
    # ("white home" is no spun "White House", "a pink sea" no "Red Sea"), unless its
    # spun side is a fingerprint and its original no name in title case
    # ("jupyter journal" for "Jupyter notebook", "k-closest" for "K-nearest"), or it is
    # a paper's term capitalised inside only ("nutrient b9" for "vitamin B9", "claim of
    # helsinki" for "declaration of Helsinki"): read as a name's, such a rule was
    # proposed only where a sentence opened with it.
    title = all(w[:1].isupper() for w in WORD_RE.findall(original))
    inside = original[:1].islower() and entry.source in PAPER_FINGERPRINTS
    proper = any(c.isupper() for c in original) and (title or not printed) and not inside
    numeric = any(c.isdigit() for c in spun)
    sensitive = bool(words) and starts_with_vowel_sound(spun) != starts_with_vowel_sound(words[0])
    # A possessive ("assassin's") is scored through its stem, as the possessive rule of
    # a stem's entry is (below): blind, an entry "murderer's" -> "assassin's" had no
    # evidence where "murderer" -> "assassin" would have had it.
    blind = is_unscored(words)
    unigram = sum(lm.unigram(w) for w in words) if lm is not None and not blind else 0.0
    # A phrase written with punctuation inside ("p.c", "web protocol (ip)") is matched as
    # written.
    literal = written_with_punctuation(entry.spun)
    letter = len(words) == 1 and len(words[0]) == 1 and words[0].isalpha()
    rule = Rule(
        entry, words, 0.0, proper, False, numeric, sensitive, blind, unigram, printed, letter,
    )  # fmt: skip
    owned = None
    # (A phrase with punctuation has none, but a name's with an ampersand: "Mattress Tub
    # & Past's" for "Bed Bath & Beyond's".)
    if words and not key.endswith("'s") and (not literal or (before is None and case_free(spun))):
        # The model scores a possessive through its stem ("company's": P(company |
        # prev) and the possessive's share of the word's uses).
        form = (*words[:-1], possessive(words[-1]))
        unscored = is_unscored(form)
        owned = unscored, 0.0 if lm is None or unscored else sum(lm.unigram(w) for w in form)
    articled = (
        sensitive
        and not literal
        and entry.prior >= ARTICLE_MIN_PRIOR
        and _takes_article(entry, words, lm)
    )
    return rule, key, literal, owned, articled


def distinct(
    entries: Sequence[Entry], key_of: Callable[[str], str] = normalize_phrase
) -> list[Entry]:
    """``entries`` with one of each mapping. Entries with the same key and the same
    original but for its apostrophes ("murderer's" -> "assassin's" and "assassin’s": an
    edit takes the text's apostrophe) keep the likeliest, first of equals; a possessive
    entry whose stems are an entry at least as likely ("nation's" -> "country's" beside
    "nation" -> "country") goes, the stem's rule reading the possessive (with the
    language model's possessive share). Two arcs of one reading would halve it, and
    count its original's alternatives twice. ``key_of`` normalises a spun side (as
    :attr:`Entry.key` does)."""
    best: dict[tuple[str, str, bool], int] = {}
    for k, entry in enumerate(entries):
        original = entry.original.replace("\u2019", "'")
        mapping = key_of(entry.spun), original, entry.source in OTHER_TOOL
        kept = best.get(mapping)
        if kept is None or entry.prior > entries[kept].prior:
            best[mapping] = k
    out = []
    for (key, original, tool), k in best.items():
        owned = key.endswith("'s") and original.endswith("'s")
        stem = best.get((key[:-2], original[:-2], tool)) if owned else None
        if stem is None or entries[k].prior > entries[stem].prior:
            out.append(k)
    if len(out) == len(entries):
        return list(entries)
    return [entries[k] for k in sorted(out)]


def rule_prior(rule: Rule) -> float:
    """The probability that the spinner makes ``rule``'s substitution: its entry's prior,
    times :data:`ARTICLE_ADJUSTED` if it writes the article too."""
    return rule.entry.prior * ARTICLE_ADJUSTED if rule.articled else rule.entry.prior


def written(rule: Rule) -> str:
    """What ``rule`` writes in place of its spun side: its entry's original, after the
    article it takes if the rule spans the article too, and without the acronym a spun
    side with one keeps in the text ("web protocol (ip)" -> "internet protocol (IP)"
    writes "internet protocol" before the text's "(IP)")."""
    before = _before_acronym(rule.entry)
    original = rule.entry.original if before is None else before[1]
    if rule.articled:
        return rule.words[0] + " " + original
    return original


def _before_acronym(entry: Entry) -> tuple[str, str] | None:
    """The spun and original words before the acronym of an entry whose spun side ends
    with one in parentheses (the original's own acronym, if any, left out too); None
    for any other entry."""
    tail = acronyms.trailing(entry.spun)
    if tail is None:
        return None
    own = acronyms.trailing(entry.original)
    return tail[0], entry.original if own is None else own[0]


def _takes_article(entry: Entry, words: tuple[str, ...], lm: LanguageModel | None) -> bool:
    """Whether both sides of ``entry`` open with a word an article stands before, in
    the language model's bigrams ("an offer", not "an offers" -> "a deals"), and no
    function word ("a lot" -> "much", "within" -> "in")."""
    spun = WORD_RE.match(entry.spun)
    if spun is None or spun.start() or not entry.spun[:1].isalpha():
        return False
    first = lm_form(spun.group())
    function = function_words()
    if first in function or words[0] in function:
        return False
    return lm is None or (
        lm.attested(_article(first), first) and lm.attested(_article(words[0]), words[0])
    )


def _article(words: str) -> str:
    return "an" if starts_with_vowel_sound(words) else "a"


def _with_article(rule: Rule, lm: LanguageModel | None) -> Rule:
    """``rule`` over the article before its spun side too, writing the one its original
    takes: "an announcement" -> "a statement" (its entry's prior times
    :data:`ARTICLE_ADJUSTED`)."""
    words = (_article(rule.words[0]), *rule.words)
    unigram = rule.unigram + lm.unigram(words[0]) if lm is not None and not rule.blind else 0.0
    # A fingerprint stays one with its article ("a counterfeit consciousness").
    return rule._replace(
        words=words,
        log_channel=rule.log_channel + math.log(ARTICLE_ADJUSTED),
        article_sensitive=False,
        unigram=unigram,
        articled=True,
    )
