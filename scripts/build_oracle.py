"""Build the oracle benchmark's synthetic spinner thesaurus from WordNet 3.0.

The spinner family rewrites text from a fixed thesaurus of synonym groups (see
``docs/model.md``): a key word or phrase with one to five alternatives, inflected forms
as groups of their own, longest key first, a uniform choice among the alternatives. The
oracle benchmark (``benchmarks/bench_oracle.py``) needs a thesaurus with that structure
that unspin was never tuned to; this script makes one from WordNet, deterministically:

- **Keys**: WordNet lemmas (one word, or a phrase of two or three) of ordinary
  frequency (Zipf ``MIN_ZIPF``-``MAX_ZIPF`` in wordfreq), not function words; the
  commonest ``GROUPS`` of them (with their inflected forms) become groups.
- **Alternatives**: the synonyms of the key's senses in WordNet's order, across senses
  (the family takes synonyms whatever the sense: "Pink Sea"), skipping proper names,
  inflections of the key and very rare words; how many (one to five) is drawn by a hash
  of the key, with the family's spread (mean about 1.8).
- **Inflected forms**: a noun key's plural and a verb key's -s, past, participle and
  -ing forms (lemminflect) are groups of their own with the alternatives inflected alike.
- **Habits**: the function-word rewrites of ``HABITS``, which the notes describe as
  systematic in the family ("in the" -> "within the", "how to" -> "tips on how to").

Run (needs the dev extra and Debian's wordnet-base)::

    python scripts/build_oracle.py [--wordnet /usr/share/wordnet]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
from pathlib import Path

from lemminflect import getAllLemmas, getInflection
from lexicon import function_words
from wordfreq import zipf_frequency
from wordnet_reader import DEFAULT, WordNet

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from unspin.language_model import load_default

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "data" / "oracle" / "thesaurus.tsv"

GROUPS = 10_000
MIN_ZIPF = 2.8
MAX_ZIPF = 6.4
#: Alternatives rarer than this are not in the family's kind of thesaurus.
MIN_ALT_ZIPF = 1.0
#: How many alternatives a group has: 1, 2, 3, 4, 5 with these weights (mean 1.8).
SPREAD = (50, 28, 12, 6, 4)

#: Function words are never keys (except in HABITS): WordNet reads "in" as inch and "a"
#: as angstrom, which no spinner does.
FUNCTION = function_words()

#: The family's function-word habits (spinner notes): key -> alternatives.
HABITS = {
    "in the": ["within the"],
    "at the": ["on the"],
    "how to": ["tips on how to", "easy methods to", "find out how to", "learn how to"],
    "because": ["as a result of"],
    "because of": ["due to", "on account of"],
    "due to the": ["as a result of the"],
    "one of the": ["one of many"],
    "so that": ["in order that"],
    "without": ["with out"],
    "before": ["earlier than"],
    "until": ["till"],
    "also": ["additionally"],
    "well": ["properly", "nicely"],
    "will be": ["shall be", "will probably be"],
    "next": ["subsequent"],
    "it is": ["it's"],
    "that is": ["that's"],
    "a lot of": ["numerous", "loads of", "plenty of"],
    "as well as": ["in addition to"],
    "more than": ["greater than"],
    "less than": ["lower than"],
    "in order to": ["so as to"],
    "two": ["2"],
    "three": ["3"],
    "four": ["4"],
    "five": ["5"],
    "six": ["6"],
    "seven": ["7"],
    "eight": ["8"],
    "nine": ["9"],
}


_TABLE = load_default()._table
#: log10 of the number of tokens in Google Web 1T, whose bigram counts unspin ships.
_WEB1T = 12.01


def zipf(phrase: str) -> float:
    """Zipf frequency of a word (wordfreq) or a phrase (its rarest adjacent bigram in
    Web 1T, 0 if any is absent): wordfreq's estimate for a phrase of common words is
    far too generous ("house of cards" would rank with "house")."""
    words = phrase.split(" ")
    if len(words) == 1:
        return zipf_frequency(phrase, "en")
    counts = [_TABLE.log_count(f"{a} {b}") for a, b in itertools.pairwise(words)]
    if any(c is None for c in counts):
        return 0.0
    return min(counts) / 2.302585 - _WEB1T + 9.0


def stable(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def alternatives_wanted(key: str) -> int:
    x = stable(key) % sum(SPREAD)
    for n, weight in enumerate(SPREAD, start=1):
        if x < weight:
            return n
        x -= weight
    return 1


def lemmas_of(word: str) -> set[str]:
    out = {word}
    for forms in getAllLemmas(word).values():
        out.update(forms)
    return out


def usable(word: str, key: str) -> bool:
    if word == key or not word.replace(" ", "").replace("-", "").isalpha():
        return False
    if word != word.lower() or len(word.split()) > 3:
        return False
    if lemmas_of(word) & lemmas_of(key):
        return False
    return zipf_frequency(word, "en") >= MIN_ALT_ZIPF


def base_groups(wn: WordNet) -> list[tuple[float, str, str, list[str]]]:
    """(zipf, key, pos, alternatives) for every usable WordNet lemma."""
    out = []
    for lemma in wn.index:
        if lemma in FUNCTION or lemma in HABITS or not lemma.replace(" ", "").isalpha():
            continue
        if lemma != lemma.lower() or len(lemma.split()) > 3:
            continue
        z = zipf(lemma)
        if not MIN_ZIPF <= z <= MAX_ZIPF:
            continue
        if " " not in lemma and any(lemma not in forms for forms in getAllLemmas(lemma).values()):
            continue  # an inflected form ("said", "rates"): its lemma's group makes it
        senses = wn.senses(lemma)
        if not senses:
            continue
        want = alternatives_wanted(lemma)
        alts: list[str] = []
        for sense in senses:
            for word in sense.words:
                if word not in alts and usable(word, lemma):
                    alts.append(word)
            if len(alts) >= want:
                break
        if alts:
            out.append((z, lemma, senses[0].pos, alts[:want]))
    return out


def inflect(phrase: str, tag: str) -> str | None:
    """Inflect a phrase's first word (a verb phrase) or last word (a noun phrase)."""
    words = phrase.split(" ")
    k = 0 if tag.startswith("VB") else len(words) - 1
    forms = getInflection(words[k], tag)
    if not forms:
        return None
    words[k] = forms[0]
    return " ".join(words)


TAGS = {"n": ("NNS",), "v": ("VBZ", "VBD", "VBN", "VBG")}


def build(wn: WordNet) -> dict[str, list[str]]:
    candidates = sorted(base_groups(wn), key=lambda g: (-g[0], g[1]))
    groups: dict[str, list[str]] = {k: list(v) for k, v in HABITS.items()}
    for _, key, pos, alts in candidates:
        if len(groups) >= GROUPS:
            break
        if key in groups:
            continue
        groups[key] = alts
        for tag in TAGS.get(pos, ()):
            form = inflect(key, tag)
            if form is None or form == key or form in groups or form in FUNCTION:
                continue
            inflected = [
                a
                for a in (inflect(alt, tag) for alt in alts)
                if a and a != form and zipf_frequency(a, "en") >= MIN_ALT_ZIPF
            ]
            if inflected and zipf(form) >= MIN_ZIPF - 0.5:
                groups[form] = list(dict.fromkeys(inflected))
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=DEFAULT)
    args = parser.parse_args()
    groups = build(WordNet(args.wordnet))
    pairs = sum(len(v) for v in groups.values())
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(
            "# The oracle benchmark's synthetic spinner thesaurus: key<TAB>alternatives\n"
            "# (|-separated). Made by scripts/build_oracle.py from Princeton WordNet 3.0\n"
            "# (WordNet licence; Debian wordnet-base 1:3.0) and hand-written habits.\n"
            f"# {len(groups)} groups, {pairs} pairs.\n"
        )
        f.write("key\talternatives\n")
        for key in sorted(groups):
            f.write(f"{key}\t{'|'.join(groups[key])}\n")
    print(f"{OUT}: {len(groups)} groups, {pairs} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
