"""What the text around a spin says that a case-folded bigram model cannot see.

The language model reads words in lower case, without their neighbours' marks. The
writing around a candidate still speaks: a capital mid-sentence on a common word is
what a spun proper name leaves ("the Individuals" for "the Americans"), a word in
capitals among lower-case words is its writer's acronym ("PC" is no spin of
"computer"), a letter spelled as a word inside an initialism ("the U.Okay. government")
is the spinner's, "a"/"an" fits only one of the two words' first sounds ("an finish"),
a singular determiner before a count of units ("a 12 months") is what the spinner
left of "a year", and a common word standing as a surname is one the spinner wrote for a
name ("Aaron Choose" for "Aaron Judge", see :mod:`unspin.names`). Each is a log-odds for
applying a rule at its site (:func:`case_and_article`, :func:`surname_evidence`), read by
:func:`unspin.lattice.build`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import regex

from .casing import line_around
from .language_model import END, START, without_possessive
from .names import is_first_name, surname_log_ratio
from .rules import Rule, starts_with_vowel_sound
from .tokenizing import WORD_RE
from .vetting import function_words, word_list

#: Characters looked at around a group for its context and its cues.
LOOKAROUND = 80
#: Likelihood ratio of the evidence a case-folded bigram model cannot see.
CASE_EVIDENCE = math.log(20.0)
ARTICLE_EVIDENCE = math.log(20.0)
#: The most that how common two words are as surnames counts for, either way (see
#: :func:`surname_evidence`).
NAME_EVIDENCE = math.log(50.0)
#: A letter of an initialism written as a word ("the U.Okay. government" for "U.K."): no
#: writer does that, and the bigram model cannot see it (both sides are full stops).
INITIALISM_EVIDENCE = math.log(1000.0)
_INITIAL_BEFORE = regex.compile(r"(?<![\p{L}\p{M}\p{N}.])\p{Lu}\.$")
#: Words an acronym's letters skip ("United States of America": USA).
_UNLETTERED = frozenset(("the", "of", "and", "for", "a", "an"))


# A designation word before a number ("Chapter 11", "Game 7") is the writer's, capital
# and all, unless its original is one too: "filed for Chapter 11 chapter safety", the
# family's "Chapter 11 bankruptcy protection", is no "Bankruptcy 11" (the bigram model
# reads no digits, and "filed for bankruptcy" beat "filed for chapter"). Any other
# capitalised word before a number may be a spun name ("Massive 12" for "Big 12",
# "Recreation 7" for "Game 7", "Could 20" for "May 20").
@functools.cache
def designations() -> frozenset[str]:
    """``unspin/data/designations.txt``: words written capitalised before a number as a
    designation ("Chapter 11", "Game 7", "Week 3")."""
    return word_list("designations.txt")


_NUMBER_NEXT = regex.compile(r"[ \t]+\d")
#: Log-odds against a spin of a designation into a word that names nothing so ("Chapter
#: 11" into "Bankruptcy 11"): no writer writes that.
DESIGNATION_EVIDENCE = math.log(1000.0)


def before_number(text: str, end: int) -> bool:
    """Whether a number follows ``text[:end]`` after a space ("Chapter 11")."""
    return _NUMBER_NEXT.match(text, end) is not None


def _designation(text: str, end: int, observed: str, rule: Rule) -> bool:
    """Whether ``observed``, capitalised before a number, is a designation that
    ``rule``'s common original is not ("Chapter 11" is no spin of "bankruptcy"; "Massive
    12" may be one of "Big 12", and "Recreation 7" of "Game 7"): see
    :func:`designations`."""
    last = observed.split()[-1] if observed.strip() else ""
    return (
        not rule.proper
        and bool(rule.words)
        and last[:1].isupper()
        and before_number(text, end)
        and last.lower() in designations()
        and rule.words[-1] not in designations()
    )


def _initialism(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in an initialism, after a capital and its full
    stop and before a full stop ("U.Okay.")."""
    return (
        text[end : end + 1] == "."
        and _INITIAL_BEFORE.search(text, max(0, start - 3), start) is not None
    )


def _acronym(text: str, start: int, end: int, left_word: str | None, rule: Rule) -> bool:
    """Whether ``text[start:end]`` is written in capitals (two or more) among words that
    are not, and does not spell the initials of ``rule``'s original: an acronym as its
    writer wrote it ("PC", "GAP"), not a spin ("US" for "United States" is one)."""
    observed = text[start:end]
    if not observed.isupper() or sum(map(str.isupper, observed)) < 2:
        return False
    if left_word is not None and left_word.isupper():
        return False
    nxt = WORD_RE.search(text, end, end + LOOKAROUND)
    if nxt is not None and nxt.group().isupper():
        return False  # a heading in capitals: the spinner keeps the original's case
    letters = "".join(c for c in observed.lower() if c.isalpha())
    initials = "".join(w[0] for w in rule.words if w and w not in _UNLETTERED)
    return not (letters.startswith(initials) or initials.startswith(letters))


#: Words that open a sentence or a clause and begin no name: a capitalised rendering right
#: after one ("Meanwhile Center East leaders", "Nonetheless Pink Sea shipping") begins
#: there, as after a function word.
_CONNECTIVE_WORDS = """however moreover meanwhile nonetheless nevertheless additionally
furthermore likewise similarly consequently accordingly therefore thus hence instead
otherwise indeed now today yesterday recently currently finally eventually later earlier
previously subsequently afterwards notably importantly separately overall ultimately
initially originally"""
CONNECTIVES = frozenset(_CONNECTIVE_WORDS.split())


def _opens_phrase(word: str) -> bool:
    """Whether ``word`` is a function word or a connective: a capitalised word after it
    begins there, no name it is part of."""
    lowered = word.lower()
    return lowered in function_words() or lowered in CONNECTIVES


def leaves_name(before: str | None, words: Sequence[str]) -> bool:
    """Whether a phrase of ``words`` begins inside a proper name and leaves it: its first
    word capitalised right after a capitalised word that is no function word nor
    connective (:data:`CONNECTIVES`), and a later word in lower case ("the Austin Group
    standardization meeting"). No tool writes a common phrase so: its original would be
    "Austin Batch normalization"."""
    return (
        before is not None
        and before[:1].isupper()
        and not _opens_phrase(before)
        and words[0][:1].isupper()
        and any(w[:1].islower() for w in words[1:])
    )


def continues_name(before: str | None, words: Sequence[str]) -> bool:
    """Whether capitalised ``words`` go on from a name already begun: right after a word in
    title case that is no function word, no connective (:data:`CONNECTIVES`), no acronym
    and no possessive ("Medical Center East", "Lincoln Center East Wing", "Shopping Center
    East"). A rendering of a name in spun text stands after "the", "within the", a
    possessive, an acronym or a sentence's connective ("the Center East", "Washington’s
    Center East policy", "the U.S. Center East envoy", "Meanwhile Center East leaders");
    after a name's own word it is part of another, real name."""
    return (
        before is not None
        and len(before) > 1
        and before[:1].isupper()
        and before[1:].isalpha()
        and before[1:].islower()
        and not _opens_phrase(before)
        and words[0][:1].isupper()
    )


_HAVE = frozenset((("have",), ("has",), ("had",)))
#: Past participles that end in none of -ed, -en, -wn, -ne.
_IRREGULAR = """got had made said met paid sent spent built lost heard meant kept held left
felt told found thought brought bought caught taught sought fought won led fed sold stood
understood struck hung shot shut spread hurt quit slept dealt laid put set let cut hit read
run come become"""
_PARTICIPLES = frozenset(_IRREGULAR.split())
_LETTERS = regex.compile(r"\p{L}+")


def have_not_base(words: Sequence[str], right: str | None, right2: str | None) -> bool:
    """Whether ``words``, a "have" read where the text says "need", "needs" or the like,
    would make "have not" and a verb's base form (``right`` and ``right2``: the
    language-model forms of the two words after): "Families need not register" was never
    "have not register" (a writer's modal "need not"; the spinner's "need not been" for
    "have not been" keeps the participle)."""
    if tuple(words) not in _HAVE or right != "not" or right2 is None:
        return False
    m = _LETTERS.match(right2)
    if m is None:
        return False
    verb = m.group()
    return not (verb.endswith(("ed", "en", "wn", "ne")) or verb in _PARTICIPLES)


#: Words after which a verb's bare "be" stands ("will be able", "to be able"), in the
#: language model's form; "'ll" and "'d" end a word ("i'll").
_MODALS = "to will would can could may might must shall should cannot not never let"
_BARE_BE_BEFORE = frozenset(_MODALS.split())


def bare_be_unlicensed(words: Sequence[str], before: Sequence[str | None]) -> bool:
    """Whether ``words``, an original beginning with a bare "be", would stand with no modal
    or "to" among the two words ``before`` it (nearest first, language-model forms; START
    or None where a sentence or the context ends): "Managers have the ability to approve"
    was never "Managers be able to approve". A sentence's first word may be a bare "be"
    (an imperative), and so may one after "will", "to", "'ll" or an adverb after them
    ("will also be")."""
    if not words or words[0] != "be":
        return False
    for k, word in enumerate(before):
        if word is None:
            return False  # no context to judge by
        if word == START:
            return k > 0  # an imperative opens its sentence; "They be able" is none
        if word in _BARE_BE_BEFORE or word.endswith(("'ll", "'d", "n't")):
            return False
    return True


def were_after_singular(
    words: Sequence[str],
    written: Sequence[str],
    before: tuple[str | None, str | None, str | None],
    left_word: str | None = None,
) -> bool:
    """Whether ``words``, a "were" read where the text says "had been" (``written``),
    would follow a plainly singular subject (``before``: the language-model forms of the
    three words before, nearest first; ``left_word``, the word before as written): "he",
    "she" or "it"; a noun after "a", "an", "each", "every" or "this" ("a fault were
    identified" is no English); a common noun without a plural's "-s" after "the" or a
    possessive that no preposition precedes ("said the machine had been fitted", "his
    behaviour had been cruel"; not "components within the relationship had been"), unless
    it may stand for many (:data:`_MANY`: "the police", "the team", British "the side
    were"); a name after a title ("Mr. Adeyemi"). The word before a verb is often not its
    subject ("sales within the quarter had been"), so nothing less plain is read so; spun
    pages wrote it after plurals ("chains had been", "they had been"). A written "have
    been" has a plural subject already."""
    left, left2, left3 = before
    if tuple(words) != ("were",) or left is None or written[0].lower() != "had":
        return False
    if left in ("he", "she", "it"):
        return True
    if left2 in _SINGULAR_OPENERS:
        return left.isalpha() and not left.endswith("s")
    if left2 in _TITLES:
        return left_word is not None and left_word[:1].isupper() and left.isalpha()
    return (
        left2 in _NOUN_OPENERS
        and left3 is not None
        and left3 not in _PREPOSITIONS
        and left_word is not None
        and left_word.isalpha()
        and left_word.islower()
        and not left.endswith(("s", "ed"))
        and left not in _MANY
    )


def figure_in_name(
    written: Sequence[str], before: tuple[str | None, str | None], left_word: str | None
) -> bool:
    """Whether ``written``, a bare figure a rule would spell out, stands after a
    capitalised word within a sentence (``left_word``; ``before``, the language-model
    forms of the two words before, nearest first: START where a sentence opens, None
    where a clause does, at a comma): part of a name or a date ("Model 3", "Game 7",
    "May 2", "Windows 11", and as spun, "Mannequin 3", "Could 2"), which writers write in
    digits. The family's digits for a number word follow ordinary words ("offered in 4
    colours"), and a sentence's first word has its capital whatever it is ("The 2
    countries")."""
    left, left2 = before
    return (
        len(written) == 1
        and written[0].isdigit()
        and left not in (None, START)
        and left2 not in (None, START)
        and left_word is not None
        and any(c.isupper() for c in left_word)
    )


def conjunction_before_comma(words: Sequence[str], comma: bool) -> bool:
    """Whether ``words`` would make a conjunction ("but", "and", "or", "nor") stand
    directly before a comma (``comma``), as writers seldom write it: a connector before a
    comma is an adverb's ("However, he said"; the spinner's "Nevertheless," for
    "However,"), and "But," is no original of it."""
    return comma and tuple(words) in _CONJUNCTIONS


#: Conjunctions that a comma seldom follows (:func:`conjunction_before_comma`).
_CONJUNCTIONS = frozenset((("but",), ("and",), ("or",), ("nor",)))


#: Originals that stand only before their particle ("according to", "owing to").
_PARTICLES = {"according": "to", "owing": "to"}


def particle_missing(words: Sequence[str], right: str | None) -> bool:
    """Whether ``words`` would make an original that needs what follows it stand without
    it (``right``: the language-model form of the next word; None where the context ends
    there, at a comma): "according" or "owing" before anything but "to", and "compared"
    before a comma or the end of a sentence (the family writes "in contrast with" for
    "compared with", and "In contrast, ..." was never "Compared, ...")."""
    last = words[-1] if words else None
    if last in _PARTICLES:
        return right != _PARTICLES[last]
    return last == "compared" and (right is None or right == END)


def capitals_lost(original: str, observed: Sequence[str]) -> bool:
    """Whether ``observed`` words have fewer capitalised words than a multi-word name
    ``original`` has, where they render it word by word: the spinner carries each
    word's first capital into its swap ("Olive Garden" -> "Olive Backyard", "Bank" ->
    "Financial institution"), so "Amazon recent" is no rendering of "Amazon Fresh". (Not
    for a name the spinner writes otherwise: "the US" for "the United States".)"""
    capitals = sum(w[:1].isupper() for w in WORD_RE.findall(original))
    return capitals >= 2 and sum(w[:1].isupper() for w in observed) < capitals


def surname_slot(text: str, start: int, end: int, left: str | None, left_word: str | None) -> bool:
    """Whether ``text[start:end]`` stands as a person's surname: one capitalised word
    mid-sentence (not in capitals), after a word in lower case ("pursued Cities after")
    or a first name ("Aaron Choose") or a function word opening the sentence, but not
    after a determiner or a number ("the Army", "100,000 Individuals"), nor followed at
    once by another capitalised word or "of" (a longer name, "Twin Cities Marathon",
    "College of Texas", or a heading); nor a place's head noun ("Maple Avenue")."""
    observed = text[start:end]
    if left in (START, None) or left_word is None:
        return False
    if not observed[:1].isupper() or not observed[1:].islower():
        return False
    if without_possessive(observed).lower() in _PLACE_WORDS:
        return False  # "Maple Avenue", "Lincoln Center": a place named after a name
    if not left_word[:1].isalpha():
        return False  # "100,000 Individuals": a count of a common noun
    if left_word.lower() in DETERMINERS or left_word.lower() in SINGULAR_DETERMINERS:
        return False  # "the Army", "a College": a person's name takes no determiner
    if (
        left_word[:1].isupper()
        and not is_first_name(left_word)
        and left_word.lower() not in function_words()  # "After Cities arrived"
    ):
        return False  # "Twin Cities", "Wall Avenue": a place's or a firm's name
    nxt = WORD_RE.search(text, end, end + LOOKAROUND)
    if nxt is None or not text[end : nxt.start()].isspace():
        return True
    # "Twin Cities Marathon", "College of Texas": a longer name, an institution's.
    return not (nxt.group()[:1].isupper() or nxt.group() == "of")


#: The head nouns of places and institutions: after a name-like word they name a place
#: ("Maple Avenue", "Grant Park", "Lincoln Center", "Rose Garden"), not a person.
_PLACES = """avenue street road boulevard drive lane way place court square plaza park garden
    gardens hall center centre bridge station hospital school college university church
    hotel lake river island bay mountain county valley field stadium arena"""
_PLACE_WORDS = frozenset(_PLACES.split())
#: Running text around a site: at least this many other words of four letters or more on
#: its line in lower case, and no fewer than those capitalised (:func:`in_running_text`).
RUNNING_WORDS = 1
# What may stand before a sentence's first word: a quotation mark or a bracket.
_OPENERS = " \t\"'“‘(["


def in_running_text(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in running prose: of the other words of four
    letters or more on its line (a sentence's first word aside), at least
    :data:`RUNNING_WORDS` are in lower case, and no fewer than are capitalised. A
    heading in title case ("Strong Energy Demand Lifts Oil") capitalises its words, so
    a name's rendering there is no sign of the spinner."""
    lo, hi = line_around(text, start, end, 300)
    lower = upper = 0
    for m in WORD_RE.finditer(text, lo, hi):
        word = m.group()
        if start <= m.start() < end or len(word) < 4 or not word[0].isalpha():
            continue
        if word[0].islower():
            lower += 1
            continue
        before = text[lo : m.start()].rstrip(_OPENERS)
        if before and before[-1] not in ".!?:":  # not a sentence's first word
            upper += 1
    return lower >= RUNNING_WORDS and lower >= upper


#: Generic words of organisations' and businesses' names: a real body or business may
#: bear them beside a name's other words ("Transportation Division" of a city, "Eagle
#: Supplies", "Fashion Marketplace"), so a rendering that writes one is no sure sign.
_BODIES = """division department office agency bureau service services authority board council
    commission committee unit group team company corporation institute institution
    association society foundation trust fund league union club partners partnership
    holdings systems solutions industries technologies enterprises network ministry
    administration organization organisation program programme project section branch
    supply supplies tools equipment materials products goods market markets marketplace
    store stores shop shops outlet outlets mart depot warehouse traders trading dealers
    hotels hotel motels motel inns lodge lodges resorts resort suites online worldwide
    international global national general united american universal premier quality
    express direct plus pro first best home homes house properties realty investors
    capital financial credit insurance motors auto electric energy power health care
    medical clinic labs studio studios media press news kitchen grill bar cafe seashore
    coast harbor harbour town city village"""
_BODY_WORDS = frozenset(_BODIES.split())


def writes_a_generic_name_word(observed: str, original: str) -> bool:
    """Whether a word that ``observed`` writes for a word of ``original`` is a place's
    head noun or a generic word of organisations' names ("Wall Avenue" for "Wall Street",
    "Transportation Division" for "Transportation Department"): a real street, building
    or body may bear the words such a rendering has ("Madison Square Backyard" is none)."""
    kept = {without_possessive(w).lower() for w in WORD_RE.findall(original)}
    return any(
        word not in kept and (word in _PLACE_WORDS or word in _BODY_WORDS)
        for word in (without_possessive(w).lower() for w in WORD_RE.findall(observed))
    )


#: Words after a lone digit that say it is written as a digit in any style: units and
#: times ("4 p.m.", "5 percent", "3 km").
_UNITS = "a am p pm percent per mph km kg lb lbs cm mm ft oz mg ml gb mb tb x"
_DIGIT_UNITS = frozenset(_UNITS.split())
#: The word in lower case right before a digit (no figure's mark before the word: "$",
#: "/", "-"), and the word right after it.
_DIGIT_LEFT = regex.compile(r"(?<![\p{L}\p{M}\p{N}$£€#/.,:;\-])(\p{Ll}+) $")
_DIGIT_RIGHT = regex.compile(r" (\p{L}[\p{L}\p{M}]*)")


def spelled_out_site(text: str, start: int, end: int) -> bool:
    """Whether the lone digit at ``text[start:end]`` stands where news style spells the
    number out: between a word in lower case and a word ("for 3 or 4 quarters", "when 9
    Republicans joined"), not as a label, score, time, range or unit ("Week 3", "episode
    2", "No. 2", "8-2", "at 5", "4 p.m."). The family's spinner writes "4" for "four"; a
    news writer writes "four"."""
    if not (end - start == 1 and "2" <= text[start] <= "9"):
        return False
    left = _DIGIT_LEFT.search(text, max(0, start - 24), start)
    if left is None or left.group(1) in _FIGURE_BEFORE:
        return False
    right = _DIGIT_RIGHT.match(text, end, end + 24)
    return right is not None and right.group(1).lower() not in _DIGIT_UNITS


#: Words after which a digit is a figure in any style: a time, a margin, a range, a
#: label ("at 5", "by 3", "to 4", "episode 2", "grade 1").
_FIGURES = """at by to from up down vs versus no number page episode season week game
    level grade chapter section phase stage round step room gate route channel volume issue
    part act scene figure table"""
_FIGURE_BEFORE = frozenset(_FIGURES.split())


def surname_evidence(original: str, observed: str) -> float:
    """The log-odds that a word standing as a surname (:func:`surname_slot`) was written
    for ``original``: how much commoner ``original`` is as a surname than the word as
    written (its possessive "’s" aside), within :data:`NAME_EVIDENCE`. A writer names
    Aaron Judge, not Aaron Choose; the spinner wrote "Choose" for "Judge", not for
    "Pick", whose name is rarer."""
    ratio = surname_log_ratio(original, without_possessive(observed))
    return max(-NAME_EVIDENCE, min(NAME_EVIDENCE, ratio))


def case_and_article(
    text: str, rule: Rule, start: int, end: int, left: str | None, left_word: str | None
) -> tuple[float, float]:
    """Case and article log-odds for applying ``rule`` at ``text[start:end]``: the case
    evidence also holds a letter spelled out in an initialism ("U.Okay." for "U.K.")
    and, against, an acronym as written ("PC" is no spin of "computer")."""
    observed = text[start:end]
    case = 0.0
    # A spinner writes capitals only where the original had them: a word in capitals
    # among lower-case words is its writer's acronym, unless the book names it so.
    if not rule.entry.spun[:1].isupper() and _acronym(text, start, end, left_word, rule):
        case = -CASE_EVIDENCE
    # A designation ("Chapter 11") whose original would name nothing before its number.
    if _designation(text, end, observed, rule):
        case = -DESIGNATION_EVIDENCE
    # A letter spelled as a word, not another letter: "F" in "C.F.P.B." is as written.
    if rule.letter and end - start > 1 and _initialism(text, start, end):
        case = INITIALISM_EVIDENCE
    if rule.proper and left != START and observed[:1].isupper():
        # A capital mid-sentence on a common word is what a spun proper name leaves
        # ("the Individuals" for "the Americans"). (Not the converse: a capital after
        # an opening quotation mark or in a heading says nothing against a common word.)
        # Nor when the spun side opens with the original's own word ("Chinese language"
        # for "Chinese"): that capital is the name's, whoever wrote it.
        # Nor when the spun side is a name itself, written with its capital in the book
        # ("America" for "the United States"): "Bank of America" is as written.
        first = WORD_RE.match(observed)
        own = rule.words[0] if rule.words else None
        inherited = first is not None and first.group().lower() == own
        named = rule.entry.spun[:1].isupper()
        nxt = WORD_RE.search(text, end, end + LOOKAROUND)
        if not inherited and not named and (nxt is None or not nxt.group()[:1].isupper()):
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
    if (
        rule.numeric
        and left_word is not None
        and rule.words
        and not rule.words[0][:1].isdigit()
        and _one_unit_meant(text, end, observed, left_word.lower())
    ):
        article = ARTICLE_EVIDENCE
    return case, article


def _one_unit_meant(text: str, end: int, observed: str, left: str) -> bool:
    """Whether the word before a count of units (``observed``, ending at ``end``) says
    one unit was meant: a singular determiner, "a 12 months earlier", "this 12 months"
    (not "a 12 months' supply"), or none at all before a period named by its place,
    "joined the club final 12 months" ("in their final 12 months" is as written). The
    spinner rewrote "year" and left the words around it."""
    if (
        left in SINGULAR_DETERMINERS
        and _PLURAL_COUNT.fullmatch(observed) is not None
        and text[end : end + 1] not in ("'", "\u2019", "-")
    ):
        return True
    return left not in DETERMINERS and _BARE_PERIOD.fullmatch(observed) is not None


#: Determiners that take a singular noun: before a count of plural units ("a 12 months",
#: "this 12 months") they are what a spinner leaves of a singular original. Not "that"
#: (a conjunction too: "said that 12 months of talks") nor "another" ("another 12 months").
SINGULAR_DETERMINERS = frozenset(("a", "an", "this"))
#: Words that open a singular noun phrase (:func:`were_after_singular`: "a fault had
#: been", "each order had been").
_SINGULAR_OPENERS = SINGULAR_DETERMINERS | frozenset(("each", "every"))
#: Words before a noun that leave its number to the noun ("the machine", "his side").
_NOUN_OPENERS = frozenset(("the", "his", "her", "its", "their", "our", "my", "your"))
#: Prepositions (and words that may be one: "after the merger had been"): a noun after
#: them and "the" is no subject ("sales within the quarter had been").
_PREPOSITIONS_WORDS = """
about above across after against along alongside amid amidst among amongst around as at
before behind below beneath beside besides between beyond by despite down during except
for from in including inside into like near of off on onto out outside over past per
since than through throughout till to toward towards under underneath unlike until up
upon versus via with within without
"""
_PREPOSITIONS = frozenset(_PREPOSITIONS_WORDS.split())
#: Titles before a person's name, as the language model reads them ("Mr. Adeyemi").
_TITLES = frozenset(("mr", "mrs", "ms", "dr"))
#: Nouns without a plural's "-s" that take a plural verb, or may (a group, in British
#: use: "the team were"), words that stand for many after "the" ("the two", "the
#: accused", "the rest"), and nouns the spinner writes for a plural ("the luggage" for
#: "the bags"): after them "were" may be English.
_MANY_WORDS = """
people police men women children folk feet teeth mice geese cattle livestock poultry clergy
staff crew personnel youth public team side squad gang family committee council government
board management jury audience class majority minority couple pair group band army navy
company firm club party union panel faculty media data criteria phenomena bacteria alumni
fungi poor rich elderly young dead homeless latter former rest remainder bulk lot same
luggage baggage merchandise equipment furniture clothing fish sheep deer aircraft offspring
crowd two three four five six seven eight nine ten eleven twelve dozen hundred thousand
million both few many several most other
"""
_MANY = frozenset(_MANY_WORDS.split())
#: A count of plural units, as a numeric spun side is written ("12 months", "24 hours").
_PLURAL_COUNT = regex.compile(r"\d[\d,.]*\s+\p{L}+s")
#: A period named by its place and a count of units, as the spinner writes "last year"
#: and "next year" ("final 12 months", "subsequent 12 months"), and what may stand before it.
_BARE_PERIOD = regex.compile(
    r"(?i)(?:final|last|subsequent|next|previous|past)\s+\d[\d,.]*\s+\p{L}+s"
)
#: Determiners before a period named by its place ("their final 12 months" is as
#: written), and before a count whose number a numeric rule reads.
DETERMINERS = frozenset(
    [
        "the",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "these",
        "those",
        "whose",
        "all",
        "whole",
        "entire",
        "first",
    ]
)
