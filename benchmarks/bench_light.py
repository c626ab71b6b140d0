"""Light spinning, from real substitutions: how much of a lightly spun text unspin undoes.

Run from a checkout: ``python benchmarks/bench_light.py`` (``--pages DIR ...`` adds
aligned real pages kept outside the repository, ``NAME.spun.txt`` beside
``NAME.orig.txt``; ``--json PATH`` saves; ``--told P`` repairs the copies again told
they are spun, ``Config(spun_prior=P)``).

The family spins some pages lightly: 4% of their tokens or fewer, quotes left alone, a
few words changed. Such pages are rare among the aligned ones, so this benchmark makes
them from fully spun ones: each pair's texts are aligned token by token (whitespace kept)
and only a share of the differing runs, chosen at random with a fixed seed per text and
share, is taken from the spun side; the rest stays original (three such copies per text
and share). Every substitution is one
the family made in that very context, so the language model meets what it meets on a
real light page. Figures per share (0.15, 0.3, 0.6 and 1.0: the pair itself):

- **reduction**: 1 - d(repaired, original) / d(light, original), d the aligned token
  distance of the other benchmarks (``common.aligned_distance``);
- **false edits**: edits of words that the light text has as the original has them.

The development pairs are what the book and the model were tuned on, so their figures
are an upper bound; pages the book never saw (``--pages``) are the ones that count.

``--told`` separates the two things a light copy lacks: evidence that the text was
spun at all (a few swaps among many words the spinner left alone look like a writer's
choices, and no edit is made in a region unlikely spun) and evidence at each site (a
bigram model's comparison of a swap with its original). Told that the copies are spun,
only the second limits the repair; the difference between the two runs is what the
caution about spinning costs on text that was spun, and protects on text that was not.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import json
import random
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import regex
from common import aligned_distance, dev_pairs, page_pairs

import unspin

SHARES = (0.15, 0.3, 0.6, 1.0)
#: Light copies of each text per share (each its own random choice of runs).
COPIES = 3
_PIECE = regex.compile(r"\s+|\S+")


def lighten(spun: str, original: str, share: float, seed: int) -> str:
    """``original`` with a random ``share`` of its differences from ``spun`` applied."""
    a, b = _PIECE.findall(original), _PIECE.findall(spun)
    rng = random.Random(seed)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.extend(a[i1:i2] if tag == "equal" or rng.random() >= share else b[j1:j2])
    return "".join(out)


def false_edits(light: str, original: str, edits: list) -> int:
    """Edits of words (whitespace-separated pieces) that the light text has as the
    original has them, aligned piece by piece."""
    pieces = [(m.start(), m.end(), m.group()) for m in _PIECE.finditer(light)]
    same = [False] * len(pieces)
    matcher = difflib.SequenceMatcher(
        a=[p for *_, p in pieces], b=_PIECE.findall(original), autojunk=False
    )
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            same[i1:i2] = [True] * (i2 - i1)
    starts = [s for s, _, _ in pieces]
    count = 0
    for e in edits:
        lo = bisect.bisect_right(starts, e.start) - 1
        hi = bisect.bisect_left(starts, e.end)
        count += all(same[max(lo, 0) : hi])
    return count


def pairs(folders: list[Path]) -> list[tuple[str, str, str]]:
    """(name, spun, original) of the development pairs, or of the pages in ``folders``."""
    return page_pairs(folders) if folders else dev_pairs()


def tally(repairer: unspin.Repairer, texts: Iterable[tuple[str, str]], before_key: str) -> dict:
    """Each (text, original) of ``texts`` repaired alone: their distances to the original
    summed before (under ``before_key``) and after, the reduction, the edits and the
    false ones."""
    before = after = false = edits = 0
    for text, original in texts:
        result = repairer.explain(text)
        before += aligned_distance(text, original)
        after += aligned_distance(result.text, original)
        false += false_edits(text, original, result.edits)
        edits += len(result.edits)
    return {
        before_key: before,
        "d_repaired": after,
        "reduction": round(1 - after / before, 4) if before else None,
        "edits": edits,
        "false_edits": false,
    }


def copies(texts: list[tuple[str, str, str]], share: float) -> Iterator[tuple[str, str]]:
    """(light copy, original) of each pair at ``share`` (:data:`COPIES` of each; the
    pair itself at 1)."""
    for name, spun, original in texts:
        for copy in range(1 if share == 1.0 else COPIES):
            seed = sum(map(ord, name)) * 1009 + int(share * 1000) + copy
            yield (spun if share == 1.0 else lighten(spun, original, share, seed)), original


def run(folders: list[Path], shares=SHARES, told: float | None = None) -> dict:
    """The figures of each share; with ``told``, under ``"told"`` those of a repairer
    told that the copies are spun (``Config(spun_prior=told)``) too."""
    texts = pairs(folders)
    out: dict = {"texts": len(texts), "shares": {}}
    runs = [(out["shares"], unspin.Repairer())]
    if told is not None:
        out["told"] = {"spun_prior": told, "shares": {}}
        runs.append((out["told"]["shares"], unspin.Repairer(unspin.Config(spun_prior=told))))
    for figures, repairer in runs:
        for share in shares:
            figures[str(share)] = tally(repairer, copies(texts, share), "d_light")
    return out


def page_arguments(
    doc: str, more: Callable[[argparse.ArgumentParser], None] | None = None
) -> argparse.Namespace:
    """The options of a benchmark over the development pairs or aligned pages:
    ``--pages DIR ...`` (each a folder) and ``--json PATH``, and those ``more`` adds."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, nargs="*", default=[], metavar="DIR")
    parser.add_argument("--json", type=Path)
    if more is not None:
        more(parser)
    args = parser.parse_args()
    for folder in args.pages:
        if not folder.is_dir():
            parser.error(f"not a folder: {folder}")
    return args


def _told(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--told", type=float, metavar="P",
        help="also repair the copies told they are spun (Config(spun_prior=P), 0 < P < 1)",
    )  # fmt: skip


def main() -> None:
    args = page_arguments(__doc__, _told)
    if args.told is not None and not 0.0 < args.told < 1.0:
        raise SystemExit("bench_light.py: --told must be between 0 and 1 (exclusive)")
    result = run(args.pages, told=args.told)
    what = f"{result['texts']} pages" if args.pages else "the development pairs"
    print(f"light spinning from real substitutions, {what}:")
    rows = [("", result["shares"])]
    if "told" in result:
        rows.append((f"told spun ({result['told']['spun_prior']}) ", result["told"]["shares"]))
    for label, figures in rows:
        for share, r in figures.items():
            print(
                f"  {label}share {share:>4}: error reduction {r['reduction']}  (d"
                f" {r['d_light']} -> {r['d_repaired']}), {r['edits']} edits,"
                f" {r['false_edits']} false"
            )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
