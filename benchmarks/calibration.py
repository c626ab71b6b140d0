"""Reliability of repair's confidences: how often a candidate of a given confidence is
right.

Run from a checkout: ``python benchmarks/calibration.py`` (the development pairs), or
``--pages DIR ...`` for aligned real pages kept outside the repository (``NAME.spun.txt``
beside ``NAME.orig.txt``), with ``--shares`` for their light copies (``bench_light.py``:
a share of each page's substitutions applied, the rest left original; 1 is the page
itself); ``--json PATH`` saves.

Every candidate repair scores (edits and declined alike, one ``explain`` per text) is
labelled **right** if it covers words the spinner changed and, made alone, brings them
nearer to the original (token distance over the changed run): "Chinese language" ->
"Chinese" in "Chinese language officers" is right. Otherwise it is wrong: the writer's
own words (the span is as the original has it), or another original than the writer's. A
confidence is a probability of being right, so in each bin the share right should be
near the mean confidence; the table says where it is not (on lightly spun text the model
is surer than it is right). Also: the edits made, and how many are right.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import itertools
import json
from collections.abc import Iterable
from pathlib import Path

from bench_light import copies, page_arguments, pairs
from common import sequence_distance

import unspin
from unspin.tokenizing import TOKEN_RE, tokens

BINS = (0.0, 0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 0.97, 1.0001)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _norm(text: str) -> str:
    """Case, spacing and curly quotes aside (the family's pages curl every quote)."""
    return " ".join(text.translate(_QUOTES).lower().split())


def _words(text: str) -> list[str]:
    return [_norm(t) for t in tokens(text)]


def labelled(repairer: unspin.Repairer, text: str, original: str) -> list[tuple[float, bool, bool]]:
    """(confidence, right, made) of every candidate repair scores in ``text``, against
    ``original``."""
    # Aligned word by word (punctuation its own token, spaces aside): a run the spinner
    # changed is one block ("language officers mentioned" for "officials said").
    pieces = [(m.start(), m.end(), _norm(m.group())) for m in TOKEN_RE.finditer(text)]
    theirs = [_norm(t) for t in tokens(original)]
    owner: list[tuple[str, int, int, int, int]] = []
    matcher = difflib.SequenceMatcher(a=[p for *_, p in pieces], b=theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        owner += [(tag, i1, i2, j1, j2)] * (i2 - i1)
    starts = [s for s, _, _ in pieces]
    ends = [e for _, e, _ in pieces]
    result = repairer.explain(text)
    made = {id(e) for e in result.edits}
    out = []
    for d in [*result.edits, *result.declined]:
        lo = bisect.bisect_right(ends, d.start)  # the first token ending after its start
        hi = max(bisect.bisect_left(starts, d.end), lo + 1)
        if lo >= len(pieces):
            out.append((d.confidence, False, id(d) in made))
            continue
        blocks = sorted({owner[k] for k in range(lo, min(hi, len(pieces)))}, key=lambda b: b[1])
        if all(tag == "equal" for tag, *_ in blocks):
            right = False  # the writer's own words
        else:
            # The tokens the edit touches, widened to whole changed runs, and their
            # original: right if the edit alone brings them nearer to it (one edit of a
            # run the spinner made of several, "Chinese language officers", counts).
            lo = min([lo] + [i1 for tag, i1, *_ in blocks if tag != "equal"])
            hi = max([min(hi, len(pieces))] + [i2 for tag, _, i2, *_ in blocks if tag != "equal"])
            target = []
            for tag, i1, i2, j1, j2 in blocks:
                if tag == "equal":
                    target += theirs[j1 + max(lo, i1) - i1 : j1 + min(hi, i2) - i1]
                else:
                    target += theirs[j1:j2]
            first, last = pieces[lo][0], pieces[hi - 1][1]
            edited = _words(text[first : d.start] + d.after + text[d.end : last])
            before = _words(text[first:last])
            right = sequence_distance(edited, target) < sequence_distance(before, target)
        out.append((d.confidence, right, id(d) in made))
    return out


def table(rows: Iterable[tuple[float, bool, bool]]) -> dict:
    """Per confidence bin: candidates, share right, mean confidence; the expected
    calibration error (the bins' |share right - mean confidence|, weighted by size); the
    edits made and the share of them right."""
    rows = list(rows)
    bins = []
    gap = 0.0
    for lo, hi in itertools.pairwise(BINS):
        sel = [(c, ok) for c, ok, _ in rows if lo <= c < hi]
        if not sel:
            continue
        right = sum(ok for _, ok in sel) / len(sel)
        mean = sum(c for c, _ in sel) / len(sel)
        gap += len(sel) * abs(right - mean)
        bins.append({"bin": [lo, min(hi, 1.0)], "n": len(sel), "right": round(right, 3),
                     "confidence": round(mean, 3)})  # fmt: skip
    edits = [ok for _, ok, made in rows if made]
    return {
        "candidates": len(rows),
        "bins": bins,
        "calibration_error": round(gap / len(rows), 4) if rows else None,
        "edits": len(edits),
        "edits_right": round(sum(edits) / len(edits), 3) if edits else None,
    }


def run(folders: list[Path], shares: list[float]) -> dict:
    repairer = unspin.Repairer()
    texts = pairs(folders)
    out: dict = {"texts": len(texts), "shares": {}}
    for share in shares:
        rows = [row for t, o in copies(texts, share) for row in labelled(repairer, t, o)]
        out["shares"][str(share)] = table(rows)
    return out


def _share(value: str) -> float:
    """A ``--shares`` value: a share of a page's substitutions, in (0, 1]."""
    found = float(value)
    if not 0.0 < found <= 1.0:
        raise argparse.ArgumentTypeError(f"a share is in (0, 1], got {found}")
    return found


def main() -> None:
    args = page_arguments(
        __doc__,
        lambda parser: parser.add_argument(
            "--shares", type=_share, nargs="+", default=[1.0], metavar="S"
        ),
    )
    result = run(args.pages, args.shares)
    what = f"{result['texts']} pages" if args.pages else "the development pairs"
    print(f"reliability of confidences, {what}:")
    for share, t in result["shares"].items():
        print(
            f"  share {share}: {t['candidates']} candidates, calibration error "
            f"{t['calibration_error']}; {t['edits']} edits, {t['edits_right']} right"
        )
        for b in t["bins"]:
            lo, hi = b["bin"]
            print(
                f"    [{lo:.2f}, {hi:.2f})  n {b['n']:5d}  right {b['right']:.2f}"
                f"  mean confidence {b['confidence']:.2f}"
            )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
