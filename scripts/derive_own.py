"""Derive ``scripts/data/own.tsv``: how often writers use an entry's spun side themselves.

Input: aligned pairs of real spun pages and their originals (``NAME.spun.txt`` beside
``NAME.orig.txt`` in the folders given), as for ``derive_observed.py``. For every entry of
the shipped book from the family's sources (``seed``, ``observed``, ``family``,
``inflection``, ``habit``), its spun side's occurrences in the spun pages are counted
apart:

- **kept**: the occurrence stands where the original has the same words (the writer's
  own "retailer", left alone by a spinner that rewrites every key it knows);
- **spins**: the occurrence replaced the entry's original (the original's words stand in
  the aligned stretch of the original, or a word beside it).

``scripts/build_phrasebook.py`` turns the counts into each entry's ``own`` column
(:func:`own_share`), which the decisions read (``unspin.calibration.OWN_WEIGHT``). Words
are compared lowercased, as :func:`phrase_key` writes them.

Run: ``python scripts/derive_own.py DIR [DIR ...]`` (``--out FILE`` writes elsewhere).
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import regex  # noqa: E402

from unspin.phrasebook import load  # noqa: E402
from unspin.tokenizing import lm_form  # noqa: E402

OUT = ROOT / "scripts" / "data" / "own.tsv"
BOOK = ROOT / "src" / "unspin" / "data" / "phrasebook.tsv"
#: The book's sources written from the family's pages and habits.
SOURCES = frozenset({"seed", "observed", "family", "inflection", "habit"})
#: An entry's spun side seen kept fewer times than this says nothing: its own share is 0.
#: One is enough (the spin added in :func:`own_share` holds a single one to 0.5 at most):
#: against 3 and 2, on the real pages the book never saw, the light copies at 30% of their
#: substitutions 0.313 / 0.314 -> 0.318 and false edits 273 / 271 -> 254, the pages in
#: full within 0.001 (0.6434 / 0.6440 -> 0.6431; 0.5735 / 0.5746 -> 0.5740), the
#: development pairs 0.842 / 0.847 -> 0.848.
MIN_KEPT = 1
_WORD = regex.compile(r"\w+(?:['’]\w+)*")
# A spun side with other marks ("{dollars}") is not its words: it is left out.
_MARKS = regex.compile(r"[^\w\s'’-]")


def phrase_key(phrase: str) -> str:
    """``phrase``'s words, lowercased, with straight apostrophes, one space apart."""
    return " ".join(lm_form(w) for w in _WORD.findall(phrase))


def own_share(kept: int, spins: int) -> float:
    """The share of a spun side's occurrences its writers wrote, with one spin added (an
    entry is in the book because the spinner made it): 0 under :data:`MIN_KEPT`.

    Measured and not kept (2026-12-06): a share smoothed toward the pages' mean, (kept +
    0.6) / (kept + spins + 2), so that a spun side seen only spun on 45 pages ("inventory"
    for "stock", 3 times) is not taken as one writers never use: the 34 held-out real
    pages fell 0.6137 -> 0.607, the development pairs 0.852 -> 0.844, the simulated
    benchmark 0.5251 -> 0.5152 (every entry with few counts lost weight, "stated" too)."""
    return kept / (kept + spins + 1) if kept >= MIN_KEPT else 0.0


def read_pages(folders: list[Path]) -> list[tuple[str, str]]:
    """(spun, original) of the aligned pages in ``folders``."""
    out = []
    for folder in folders:
        for spun in sorted(folder.glob("*.spun.txt")):
            orig = spun.with_name(spun.name.replace(".spun.txt", ".orig.txt"))
            if orig.exists():
                out.append((spun.read_text(encoding="utf-8"), orig.read_text(encoding="utf-8")))
    return out


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[k : k + n]) == phrase for k in range(len(words) - n + 1))


def count(
    pages: list[tuple[str, str]], book: Path = BOOK
) -> dict[tuple[str, str], tuple[int, int]]:
    """(spun, original) -> (kept, spins) over ``pages`` (:func:`read_pages`)."""
    originals: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for e in load(book):
        if e.source in SOURCES and not _MARKS.search(e.spun):
            spun, original = (
                tuple(phrase_key(e.spun).split()),
                tuple(phrase_key(e.original).split()),
            )
            if spun and original:
                originals[spun].add(original)
    longest = max(map(len, originals), default=0)
    kept: Counter[tuple[str, ...]] = Counter()
    spins: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    for spun_text, orig_text in pages:
        a = phrase_key(orig_text).split()
        b = phrase_key(spun_text).split()
        where: list[tuple[str, int, int]] = [("equal", 0, 0)] * len(b)
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            for j in range(j1, j2):
                where[j] = (tag, i1, i2)
        for j in range(len(b)):
            for n in range(1, longest + 1):
                spun = tuple(b[j : j + n])
                if len(spun) < n or spun not in originals:
                    continue
                ops = where[j : j + n]
                if all(tag == "equal" for tag, _, _ in ops):
                    kept[spun] += 1
                    continue
                lo, hi = min(i1 for _, i1, _ in ops), max(i2 for _, _, i2 in ops)
                stretch = a[max(0, lo - 1) : hi + 1]
                for original in originals[spun]:
                    if _contains(stretch, original):
                        spins[spun, original] += 1
    return {
        (" ".join(s), " ".join(o)): (kept[s], spins[s, o])
        for s, os in originals.items()
        for o in os
        if kept[s] or spins[s, o]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="+", metavar="DIR")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    for folder in args.folders:
        if not folder.is_dir():
            parser.error(f"not a folder: {folder}")
    pages = read_pages(args.folders)
    rows = sorted(count(pages).items())
    lines = [
        f"# How often writers use a book entry's spun side themselves, on {len(pages)} aligned",
        "# real pages of the spinner family (see PHRASEBOOK.md). Made by scripts/derive_own.py.",
        "spun\toriginal\tkept\tspins",
        *(f"{s}\t{o}\t{k}\t{n}" for (s, o), (k, n) in rows),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(rows)} entries from {len(pages)} pages")


if __name__ == "__main__":
    main()
