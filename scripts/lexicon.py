"""Word lists the phrasebook builders share (development-time helpers)."""

from __future__ import annotations

import re
from pathlib import Path

# The list ships with the package: ``unspin learn`` vets learned mappings with it too
# (unspin.vetting). Read by path, so that scripts need not import unspin first.
DATA = Path(__file__).resolve().parents[1] / "src" / "unspin" / "data"


def function_words() -> frozenset[str]:
    """``src/unspin/data/function-words.txt``: words that are never generated originals."""
    lines = (DATA / "function-words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


#: Words that name a quantity. Two of them with different values are never synonyms,
#: whatever a paraphrase resource says (PPDB pairs "million" with "billion"): mapping one
#: to the other would change a fact, the worst edit a repair can make.
MAGNITUDES: dict[str, float] = {
    "hundred": 1e2, "hundreds": 1e2, "thousand": 1e3, "thousands": 1e3, "grand": 1e3,
    "k": 1e3, "thou": 1e3, "million": 1e6, "millions": 1e6, "mil": 1e6, "mio": 1e6,
    "mn": 1e6, "meg": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9,
    "trillion": 1e12, "trillions": 1e12, "dozen": 12, "dozens": 12, "half": 0.5,
    "quarter": 0.25, "third": 3, "fourth": 4,
}  # fmt: skip


def _named(kind: str, groups: str) -> dict[str, set[tuple[str, str]]]:
    """Word -> its readings (kind, value): each ``|``-separated group of ``groups`` is one
    value, named by its words (forms and abbreviations)."""
    out: dict[str, set[tuple[str, str]]] = {}
    for group in groups.split("|"):
        words = group.split()
        for w in words:
            out.setdefault(w, set()).add((kind, words[0]))
    return out


_NUMBERS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve dozen|thirteen"
    "|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty score|thirty|forty|fifty"
    "|sixty|seventy|eighty|ninety|hundred hundreds|thousand thousands grand|million"
    " millions|billion billions|trillion trillions|half halves|quarter quarters"
)
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    "|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
)
#: Words that name one value of a closed set: a number, a day, a month, a season, a
#: compass point, a unit of time. Two of one set (or of two sets) with no value in common
#: are never synonyms, whatever a paraphrase resource says: PPDB pairs "July" with "June",
#: "Friday" with "yesterday", "second" with "minute" and "east" with "half" (words seen
#: in the same contexts), and a repair that changes a date or a figure changes a fact.
VALUES: dict[str, set[tuple[str, str]]] = {}
for _kind, _groups in (
    ("number", _NUMBERS),
    ("ordinal", _ORDINALS),
    ("day", "monday mondays mon|tuesday tuesdays tue tues|wednesday wednesdays"
            "|thursday thursdays thu thur thurs|friday fridays fri|saturday saturdays"
            "|sunday sundays|today|yesterday|tomorrow|tonight"),
    ("month", "january jan|february feb|march mar|april apr|may|june jun|july jul"
              "|august aug|september sept sep|october oct|november nov|december dec"),
    ("season", "spring springs|summer summers|autumn autumns fall|winter winters"),
    ("compass", "north northern|south southern|east eastern|west western"
                "|northeast northeastern|northwest northwestern|southeast southeastern"
                "|southwest southwestern"),
    ("time", "second seconds sec secs|minute minutes|hour hours hr hrs|day days"
             "|week weeks|weekend weekends|fortnight fortnights|month months|year years yr yrs"
             "|decade decades|century centuries|millennium millennia"),
):  # fmt: skip
    for _word, _readings in _named(_kind, _groups).items():
        VALUES.setdefault(_word, set()).update(_readings)


def different_quantities(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name different quantities (:data:`MAGNITUDES`), or name
    values of closed sets (:data:`VALUES`) with none in common: "million" and "billion",
    "July" and "June", "Friday" and "yesterday", "east" and "half"."""
    va, vb = MAGNITUDES.get(a), MAGNITUDES.get(b)
    if va is not None and vb is not None and va != vb:
        return True
    ra, rb = VALUES.get(a), VALUES.get(b)
    return ra is not None and rb is not None and not ra & rb


#: Words that say "none": a word and one of these are opposites ("nothing" and
#: "something", "nobody" and "person"), whatever a paraphrase resource says.
NEGATIVES = frozenset({
    "no", "not", "never", "none", "nothing", "nobody", "noone", "nowhere", "neither", "nor",
    "nil", "nada", "naught", "nought", "zero",
})  # fmt: skip


#: Prefixes that negate a word or derive another from it: "unable", "illegally",
#: "implant". A word and itself with one of them are no synonyms (scripts/broad_pairs.py).
PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")


#: Numbers spelled out: one to twenty and first to twentieth (and so "twenty first").
NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "first", "second", "third", "fourth", "fifth",
    "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth",
})  # fmt: skip


def spelled_for_digits(spun: str, original: str) -> bool:
    """Whether ``spun`` is a number spelled out ("third", "twenty first") and
    ``original`` the same number in digits ("3rd", "21st")."""
    words = spun.replace("-", " ").split()
    return (
        bool(words)
        and all(w in NUMBER_WORDS for w in words)
        and any(c.isdigit() for c in original)
        and all(c.isdigit() or c.isalpha() for c in original.replace(",", ""))
    )


# British and American spellings of one word: each rule rewrites a British ending (or
# beginning) as the American one, after a stem long enough that it is no other word's
# ("colour" -> "color", not "four" -> "for").
_SPELLINGS = tuple(
    (re.compile(pattern), american)
    for pattern, american in (
        (r"(?<=[a-z]{3})our(?=s?$|ed$|ing$|able$|ably$|ite$|ites$|ful$|hood$|hoods$|ist$"
         r"|ists$|less$|al$|ally$|er$|ers$|ism$)", "or"),
        (r"(?<=[a-z]{3})is(?=e$|es$|ed$|ing$|ation$|ations$|ational$|er$|ers$)", "iz"),
        (r"(?<=[a-z]{3})ys(?=e$|es$|ed$|ing$)", "yz"),
        (r"(?<=[a-z]{2})tre(?=s?$)", "ter"),
        (r"(?<=[a-z][fc])ence(?=s?$)", "ense"),
        (r"(?<=[a-z]{3})ogue(?=s?$)", "og"),
        (r"(?<=[a-z]{3})ll(?=ed$|ing$|er$|ers$|or$|ors$)", "l"),
        (r"(?<=[a-z])ae(?=[mdstvo])", "e"),  # "paediatric", "archaeology"; not "Israel", "Michael"
        (r"^programme", "program"),
        (r"^grey", "gray"),
    )
)  # fmt: skip


def _american(phrase: str) -> str:
    words = []
    for word in phrase.lower().split():
        for pattern, american in _SPELLINGS:
            word = pattern.sub(american, word)
        words.append(word)
    return " ".join(words)


def spelling_variant(spun: str, original: str) -> bool:
    """Whether the two sides are one wording in British and American spelling ("colour"
    and "color", "centre" and "center", "organised" and "organized", "fan favourite" and
    "fan favorite"): a repair would rewrite the writer's spelling, not the spinner's
    choice of word."""
    return spun.lower() != original.lower() and _american(spun) == _american(original)
