"""A spinner simulator: spin clean text the way the spinner family does (a benchmark
utility, not part of the library).

``python benchmarks/simulate.py FILE [--rate 0.2] [--seed 1]`` prints a spun copy.

The substitution table is ``benchmarks/data/simulator.tsv`` (original, spun, split),
made by ``scripts/build_phrasebook.py`` from the spinner-family list
``scripts/data/family.txt`` with inflections. It is not the phrasebook: about 22% of its
originals were held back from the phrasebook by hash (split ``held``), and others were
left out of it as too risky on clean text (split ``risky``); ``book`` rows are pairs the
phrasebook has. What the simulator does, as the seeds show the real spinner doing:

- **Word by word, longest original first**, each occurrence spun with one probability
  per document, so that about ``rate`` of the document's tokens change (4%-40% in the
  wild); the spun side is a random choice among the original's synonyms.
- **Case kept** (the spun side takes the case pattern of the word it replaces), and
  **articles left as they were** ("a" before a spun word starting with a vowel stays).
- **Number words become digits** ("two" -> "2") unless inside a longer number phrase.
- **Quotations sometimes spared**: with ``spare_quotes`` nothing inside quotation marks
  is touched.

Every substitution is recorded with its offsets in both texts, so a benchmark can tell
which were repaired.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

from unspin.casing import transfer_case
from unspin.tokenizing import WORD_RE, lm_form

TABLE = Path(__file__).resolve().parent / "data" / "simulator.tsv"
NUMBERS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
_QUOTE = regex.compile(r"“[^”]*”|\"[^\"\n]*\"")
MAX_WORDS = 6


class Substitution(NamedTuple):
    """One spin: ``original`` at ``clean[clean_start:clean_end]`` became ``spun`` at
    ``spun_text[start:end]``; ``split`` says whether the phrasebook has the pair."""

    start: int
    end: int
    clean_start: int
    clean_end: int
    original: str
    spun: str
    split: str


class SpunText(NamedTuple):
    clean: str
    text: str
    substitutions: list[Substitution]
    rate: float


@lru_cache(maxsize=4)
def load_table(path: Path = TABLE) -> dict[tuple[str, ...], list[tuple[str, str]]]:
    """Original (as lowercase words) -> [(spun, split)]; read once per path (a spinner
    per document would otherwise read it again: 569 times for the repair benchmark's
    varied documents). Spinners only read it."""
    table: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        original, spun, split = line.split("\t")
        key = tuple(lm_form(w) for w in WORD_RE.findall(original))
        table[key].append((spun, split))
    for digit_word, digit in NUMBERS.items():
        table[(digit_word,)].append((digit, "book"))
    return dict(table)


class Spinner:
    """Spins text with a fixed table and a seeded random generator."""

    def __init__(self, table: dict | None = None, seed: int = 0) -> None:
        self.table = table if table is not None else load_table()
        self.random = random.Random(seed)

    def _sites(self, text: str, spare_quotes: bool) -> list[tuple[int, int, tuple[str, ...]]]:
        words = list(WORD_RE.finditer(text))
        spared: list[tuple[int, int]] = []
        if spare_quotes:
            spared = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
        sites = []
        k = 0
        while k < len(words):
            found = None
            for n in range(min(MAX_WORDS, len(words) - k), 0, -1):
                run = words[k : k + n]
                # The words of a phrase are separated by single spaces only.
                if any(text[a.end() : b.start()] != " " for a, b in itertools.pairwise(run)):
                    continue
                key = tuple(lm_form(m.group()) for m in run)
                if key in self.table:
                    found = (run[0].start(), run[-1].end(), key)
                    break
            if found is None:
                k += 1
                continue
            start, _, key = found
            if not any(a <= start < b for a, b in spared):
                sites.append(found)
            k += len(key)
        return sites

    def spin(self, text: str, rate: float, spare_quotes: bool = False) -> SpunText:
        """A spun copy of ``text`` in which about ``rate`` of the tokens changed."""
        sites = self._sites(text, spare_quotes)
        n_tokens = max(1, len(WORD_RE.findall(text)))
        covered = sum(len(key) for _, _, key in sites)
        p = min(1.0, rate * n_tokens / max(1, covered))
        return self._spin_sites(text, sites, p, rate)

    def spin_keys(self, text: str, p: float, spare_quotes: bool = False) -> SpunText:
        """A spun copy of ``text`` in which each key occurrence was rewritten with
        probability ``p`` (1: a fully spun page)."""
        return self._spin_sites(text, self._sites(text, spare_quotes), p, p)

    def _spin_sites(self, text: str, sites: list, p: float, rate: float) -> SpunText:
        out: list[str] = []
        subs: list[Substitution] = []
        pos = 0
        spun_len = 0
        for start, end, key in sites:
            if self.random.random() >= p:
                continue
            observed = text[start:end]
            if key in ((w,) for w in NUMBERS) and not observed.islower():
                continue  # "Two" opening a sentence stays a word
            spun, split = self.random.choice(self.table[key])
            replacement = transfer_case(observed, spun)
            if replacement.lower() == observed.lower():
                continue
            out.append(text[pos:start])
            spun_len += start - pos
            subs.append(
                Substitution(
                    spun_len,
                    spun_len + len(replacement),
                    start,
                    end,
                    observed,
                    replacement,
                    split,
                )
            )
            out.append(replacement)
            spun_len += len(replacement)
            pos = end
        out.append(text[pos:])
        return SpunText(text, "".join(out), subs, rate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--spare-quotes", action="store_true")
    args = parser.parse_args()
    text = Path(args.path).read_text(encoding="utf-8")
    spun = Spinner(seed=args.seed).spin(text, args.rate, args.spare_quotes)
    sys.stdout.write(spun.text)
    print(f"\n-- {len(spun.substitutions)} substitutions", file=sys.stderr)


if __name__ == "__main__":
    main()
