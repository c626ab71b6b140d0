"""Short texts: a spun page's paragraphs and sentences, each repaired alone.

Run from a checkout: ``python benchmarks/bench_pieces.py`` (``--pages DIR ...`` measures
aligned real pages kept outside the repository instead of the development pairs,
``NAME.spun.txt`` beside ``NAME.orig.txt``: ``data/REAL_PAGES.md``; ``--json PATH``
saves).

A short text carries few sites, so its spin probability rests on a handful of word
choices, and repair asks more of it (``unspin.choosing.SHORT_SPUN``): a page's pieces
alone are where a change to the evidence shows first. Each pair's paragraphs (split at
blank lines) are paired in order where both sides have as many; a paragraph's sentences
likewise, where both sides split into as many. Pieces under ``MIN_WORDS`` words are left
out. Figures per unit:

- **reduction**: 1 - d(repaired, original) / d(spun, original), summed over the pieces,
  d the aligned token distance of the other benchmarks (``common.aligned_distance``);
- **false edits**: edits of words that the spun piece has as the original has them
  (``bench_light.false_edits``).
"""

from __future__ import annotations

import json
from pathlib import Path

import regex
from bench_light import page_arguments, pairs, tally

import unspin

#: Pieces shorter than this (in words) are left out: a heading or a dateline.
MIN_WORDS = 5
UNITS = ("paragraphs", "sentences")

_SENTENCE_END = regex.compile(r"(?<=[.!?][”\"’)]?)\s+(?=[“\"A-Z])")


def pieces(spun: str, original: str, unit: str) -> list[tuple[str, str]]:
    """(spun piece, original piece) of a pair, paired in order: its paragraphs, or their
    sentences; a paragraph whose sides split into different numbers is left out."""
    spun_paragraphs, original_paragraphs = spun.split("\n\n"), original.split("\n\n")
    if len(spun_paragraphs) != len(original_paragraphs):
        return []
    out = []
    for a, b in zip(spun_paragraphs, original_paragraphs, strict=True):
        if unit == "sentences":
            sa, sb = _SENTENCE_END.split(a.strip()), _SENTENCE_END.split(b.strip())
            if len(sa) != len(sb):
                continue
            found = list(zip(sa, sb, strict=True))
        else:
            found = [(a.strip(), b.strip())]
        out.extend((x, y) for x, y in found if len(x.split()) >= MIN_WORDS)
    return out


def run(folders: list[Path]) -> dict:
    repairer = unspin.Repairer()
    texts = pairs(folders)
    out: dict = {"texts": len(texts), "units": {}}
    for unit in UNITS:
        found = [piece for _, spun, original in texts for piece in pieces(spun, original, unit)]
        out["units"][unit] = {"pieces": len(found), **tally(repairer, found, "d_spun")}
    return out


def main() -> None:
    args = page_arguments(__doc__)
    result = run(args.pages)
    what = f"{result['texts']} pages" if args.pages else "the development pairs"
    print(f"pieces repaired alone, {what}:")
    for unit, r in result["units"].items():
        print(
            f"  {unit:>10}: {r['pieces']} pieces, error reduction {r['reduction']}  (d"
            f" {r['d_spun']} -> {r['d_repaired']}), {r['edits']} edits,"
            f" {r['false_edits']} false"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
