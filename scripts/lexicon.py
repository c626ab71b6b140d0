"""Word lists the phrasebook builders share (development-time helpers)."""

from __future__ import annotations

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


def different_quantities(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` both name quantities, and not the same one."""
    va, vb = MAGNITUDES.get(a), MAGNITUDES.get(b)
    return va is not None and vb is not None and va != vb


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
