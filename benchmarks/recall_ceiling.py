"""Recall ceiling: the share of substituted tokens in the development pairs for which the
phrasebook offers the correct original (whether or not the model then takes it).

Run from a checkout: ``python benchmarks/recall_ceiling.py [--phrasebook PATH ...]
[--no-default] [-v]``.

Each pair's spun and original texts are aligned token by token (``difflib`` over the
lowercased word and punctuation tokens). Every differing run counts ``max(spun tokens,
original tokens)`` substituted tokens, the run's share of the token edit distance. A run
is covered when some sequence of phrasebook entries and unchanged tokens rewrites the
spun side into the original side, over the run widened by up to two unchanged tokens on
each side (entries such as "brand new" -> "new" carry a context word), and together with
a neighbouring run one unchanged token away. Possessives count
as the matcher finds them ("nation's" -> "country's"). ``-v`` lists the runs not
covered.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import defaultdict

import regex
from common import dev_pairs

from unspin import phrasebook
from unspin.tokenizing import WORD_RE, lm_form, normalize_phrase

#: Word tokens as the matcher sees them ("{dollars}" included), and punctuation.
_TOKEN = regex.compile(rf"{WORD_RE.pattern}|[^\s\p{{L}}\p{{M}}\p{{N}}]")
WIDEN = 2
MAX_KEY = 8


def toks(text: str) -> list[str]:
    return [lm_form(t) for t in _TOKEN.findall(text)]


class Book:
    """Phrasebook entries as token sequences, indexed by first spun token."""

    def __init__(self, entries: list[phrasebook.Entry]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
        for e in entries:
            key = tuple(normalize_phrase(e.spun).split())
            original = tuple(toks(e.original))
            if not key:
                continue
            self.by_first[key[0]].append((key, original))
            if original and not key[-1].endswith("'s"):
                possessive = (*key[:-1], key[-1] + "'s")
                self.by_first[possessive[0]].append(
                    (possessive, (*original[:-1], original[-1] + "'s"))
                )

    def rewrites(self, spun: list[str], original: list[str]) -> bool:
        """Whether entries and kept tokens turn ``spun`` into ``original``."""
        n, m = len(spun), len(original)
        seen = {(0, 0)}
        stack = [(0, 0)]
        while stack:
            i, j = stack.pop()
            if (i, j) == (n, m):
                return True
            steps = []
            if i < n and j < m and spun[i] == original[j]:
                steps.append((i + 1, j + 1))
            if i < n:
                for key, orig in self.by_first.get(spun[i], ()):
                    k = len(key)
                    if tuple(spun[i : i + k]) == key and tuple(original[j : j + len(orig)]) == orig:
                        steps.append((i + k, j + len(orig)))
            for step in steps:
                if step not in seen:
                    seen.add(step)
                    stack.append(step)
        return False


def runs(spun_text: str, orig_text: str) -> list[tuple[list[str], list[str], bool, int]]:
    """Each differing run: its spun and original tokens (widened), covered?, its tokens."""
    s, o = toks(spun_text), toks(orig_text)
    sm = difflib.SequenceMatcher(a=s, b=o, autojunk=False)
    return [(s, o, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def _covered(book: Book, s: list[str], o: list[str], i1: int, i2: int, j1: int, j2: int) -> bool:
    return any(
        book.rewrites(s[i1 - a : i2 + b], o[j1 - a : j2 + b])
        for a in range(min(WIDEN, i1, j1) + 1)
        for b in range(min(WIDEN, len(s) - i2, len(o) - j2) + 1)
    )


def ceiling(book: Book, verbose: bool = False) -> dict:
    rows = {}
    all_total = all_covered = 0
    for pid, spun_text, orig_text in dev_pairs():
        total = covered = 0
        ops = runs(spun_text, orig_text)
        # Runs one unchanged token apart are also tried together ("cautious [to] not" is
        # the one entry "cautious to not" -> "careful not to").
        joint: set[int] = set()
        for k in range(len(ops) - 1):
            s, o, i1, _, j1, _ = ops[k]
            *_, i2, _, j2 = ops[k + 1]
            gap = ops[k + 1][2] - ops[k][3]
            if gap <= 1 and _covered(book, s, o, i1, i2, j1, j2):
                joint.update((k, k + 1))
        for k, (s, o, i1, i2, j1, j2) in enumerate(ops):
            weight = max(i2 - i1, j2 - j1)
            total += weight
            if k in joint or _covered(book, s, o, i1, i2, j1, j2):
                covered += weight
            elif verbose:
                left = " ".join(o[max(0, j1 - 3) : j1])
                print(f"  {pid}: [{' '.join(s[i1:i2])}] -> [{' '.join(o[j1:j2])}]   ...{left} _")
        rows[pid] = {"tokens": total, "covered": covered, "ceiling": round(covered / total, 4)}
        all_total += total
        all_covered += covered
    rows["all"] = {
        "tokens": all_total,
        "covered": all_covered,
        "ceiling": round(all_covered / all_total, 4),
    }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phrasebook", action="append", default=[], help="extra phrasebook")
    parser.add_argument("--no-default", action="store_true", help="without the shipped book")
    parser.add_argument("-v", "--verbose", action="store_true", help="list runs not covered")
    args = parser.parse_args()
    books = [] if args.no_default else [phrasebook.load_default()]
    books += [phrasebook.load(p) for p in args.phrasebook]
    entries = phrasebook.merge(*books)
    if args.verbose:
        print("runs not covered:")
    rows = ceiling(Book(entries), verbose=args.verbose)
    for pid, row in rows.items():
        print(
            f"pair {pid}: {row['covered']}/{row['tokens']} substituted tokens covered "
            f"({row['ceiling']:.1%})"
        )
    sys.exit(0)


if __name__ == "__main__":
    main()
