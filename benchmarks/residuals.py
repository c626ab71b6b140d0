"""List what repair still gets wrong on aligned pairs (a diagnostic, not a score).

``python benchmarks/residuals.py [PAIR...]`` prints each token run where the repaired
text differs from the original, with a little context, tagged ``missed`` (left spun),
``false`` (an edit where the original was already right) or ``wrong`` (edited, but
not to the original).

``--summary`` counts instead, word by word, where the spinner replaced one word by one
word (``--pages DIR ...``: folders of ``NAME.spun.txt`` beside ``NAME.orig.txt``, such
as held-out real pages, instead of the development pairs): ``fixed``; ``missed`` with
the book holding the pair (the inference declined it) or not (the book lacks it);
``wrong`` (another original); ``false`` (a word the spinner left, edited); ``other``
(runs the spinner changed by more or fewer words). The commonest pairs of each kind
follow: the summary that showed spun surnames ("Aaron Choose") as the largest cluster
with one cause.
"""

from __future__ import annotations

import argparse
import difflib
from collections import Counter
from pathlib import Path

from common import PAIRS, page_pairs, pair_ids, read

import unspin
from unspin.tokenizing import tokens


def residuals(spun: str, orig: str, fixed: str) -> list[str]:
    o, f = tokens(orig), tokens(fixed)
    s_set = set(tokens(spun))
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=o, b=f, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        was, now = " ".join(o[i1:i2]), " ".join(f[j1:j2])
        kind = "missed" if all(t in s_set for t in f[j1:j2]) else "wrong"
        ctx = " ".join(o[max(0, i1 - 3) : i1])
        out.append(f"{kind:6} [{now}] should be [{was}]   ...{ctx} _")
    return out


def _aligned(a: list[str], b: list[str]) -> dict[int, str | None]:
    """Each token of ``a`` and the token of ``b`` it stands for, where the two align one
    for one (None inside a run of another length)."""
    out: dict[int, str | None] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        one_for_one = tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)
        for k in range(i2 - i1):
            out[i1 + k] = b[j1 + k] if one_for_one else None
    return out


def summary(
    pairs: list[tuple[str, str, str]], book: set[tuple[str, str]], repair
) -> tuple[Counter, dict[str, Counter]]:
    """Counts of each kind (see the module docstring) over ``pairs`` (name, spun,
    original), line by line, and the (spun, original) or (spun, repaired, original)
    words of each kind; ``book`` holds the phrasebook's (spun, original) pairs."""
    kinds: Counter = Counter()
    pairs_of: dict[str, Counter] = {}
    for _, spun, orig in pairs:
        fixed = repair(spun)
        for lo, ls, lf in zip(orig.split("\n"), spun.split("\n"), fixed.split("\n"), strict=False):
            o = tokens(lo)
            by_spun, by_fixed = _aligned(o, tokens(ls)), _aligned(o, tokens(lf))
            for i, word in enumerate(o):
                s, f = by_spun[i], by_fixed[i]
                if s is None:
                    kind, key = "other", None
                elif s == word:
                    if f == word:
                        continue
                    kind, key = "false", (s, f)
                elif f == word:
                    kind, key = "fixed", None
                elif f == s:
                    known = (s.lower(), word.lower()) in book
                    kind = "missed, in the book" if known else "missed, not in the book"
                    key = (s, word)
                else:
                    kind, key = "wrong", (s, f, word)
                kinds[kind] += 1
                if key is not None:
                    pairs_of.setdefault(kind, Counter())[key] += 1
    return kinds, pairs_of


def _shown(words: tuple) -> str:
    """A kind's pair as printed: a word inside a run of another length as "…"."""
    return " -> ".join("…" if w is None else w for w in words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="*", help="development pair ids (all by default)")
    parser.add_argument("--summary", action="store_true", help="counts by kind")
    parser.add_argument("--pages", type=Path, nargs="+", help="folders of aligned pages")
    parser.add_argument("--top", type=int, default=20, help="pairs shown of each kind")
    args = parser.parse_args()
    if args.pages:
        pairs = page_pairs(args.pages)
    else:
        ids = args.pairs or pair_ids()
        pairs = [(p, read(PAIRS / f"{p}.spun.txt"), read(PAIRS / f"{p}.orig.txt")) for p in ids]
    repairer = unspin.Repairer()
    if args.summary:
        book = {(e.spun.lower(), e.original.lower()) for e in repairer.entries}
        kinds, pairs_of = summary(pairs, book, repairer.repair)
        print(", ".join(f"{kind} {n}" for kind, n in kinds.most_common()))
        for kind, found in pairs_of.items():
            shown = ", ".join(_shown(k) + f" ({n})" for k, n in found.most_common(args.top))
            print(f"{kind}: {shown}")
        return
    for name, spun, orig in pairs:
        result = repairer.explain(spun)
        print(f"== {name}  spin rate {result.spin_rate:.3f}")
        for line in residuals(spun, orig, result.text):
            print(line)


if __name__ == "__main__":
    main()
