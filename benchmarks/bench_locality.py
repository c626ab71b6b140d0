"""Locality benchmark: a spun passage is repaired wherever it stands.

Run from a checkout: ``python benchmarks/bench_locality.py`` (``--json PATH`` to save).

- **mixed**: each long spun paragraph of the development pairs, alone and placed among ten
  clean paragraphs (five before, five after): the error reduction among clean paragraphs
  over the error reduction alone (the goal: at least 0.9);
- **repeated**: seed 000 repeated 1, 20 and 100 times: the error reduction of the whole
  against one copy's (the goal: within 0.02);
- **chunked**: 150 copies of seed 000 read by the command line in small chunks (each with
  its context, ``unspin.streaming.with_context``) against one ``repair()`` of the whole:
  the number of lines that differ (the goal: none).
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

from common import PAIRS, aligned_distance, clean_texts, read

import unspin
from unspin.streaming import iter_chunks, with_context

CLEAN_AROUND = 5


def _reduction(repairer: unspin.Repairer, spun: str, original: str) -> tuple[int, int]:
    return aligned_distance(spun, original), aligned_distance(repairer.repair(spun), original)


def mixed(repairer: unspin.Repairer) -> dict:
    clean = [p for t in clean_texts().values() for p in t.split("\n\n") if len(p) > 200]
    before, after = clean[:CLEAN_AROUND], clean[CLEAN_AROUND : 2 * CLEAN_AROUND]
    alone = [0, 0]
    among = [0, 0]
    for pid in ("000", "002", "003"):
        spun, orig = read(PAIRS / f"{pid}.spun.txt"), read(PAIRS / f"{pid}.orig.txt")
        for s, o in zip(spun.split("\n\n"), orig.split("\n\n"), strict=True):
            if len(s) < 200 or s == o:
                continue
            d0, d1 = _reduction(repairer, s, o)
            alone[0] += d0
            alone[1] += d1
            m0, m1 = _reduction(
                repairer, "\n\n".join([*before, s, *after]), "\n\n".join([*before, o, *after])
            )
            among[0] += m0
            among[1] += m1
    r_alone = 1 - alone[1] / alone[0]
    r_among = 1 - among[1] / among[0]
    return {"alone": round(r_alone, 4), "among_clean": round(r_among, 4),
            "ratio": round(r_among / r_alone, 4)}  # fmt: skip


def repeated(repairer: unspin.Repairer, counts=(1, 20, 100)) -> dict:
    spun, orig = read(PAIRS / "000.spun.txt"), read(PAIRS / "000.orig.txt")
    out = {}
    for n in counts:
        d0, d1 = _reduction(repairer, "\n\n".join([spun] * n), "\n\n".join([orig] * n))
        out[str(n)] = round(1 - d1 / d0, 4)
    return out


def chunked(repairer: unspin.Repairer, copies: int = 150, chunk: int = 20_000) -> dict:
    text = "\n\n".join([read(PAIRS / "000.spun.txt")] * copies)
    whole = repairer.repair(text)
    stream = io.BytesIO(text.encode("utf-8"))
    parts = []
    for before, part, after in with_context(iter_chunks(stream, max_chars=chunk)):
        parts.append(repairer.explain(part, declined=False, context=(before, after)).text)
    pieced = "".join(parts)
    a, b = whole.split("\n"), pieced.split("\n")
    differ = sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else len(a)
    return {"lines": len(a), "lines_differing": differ, "chunk_chars": chunk}


def run() -> dict:
    repairer = unspin.Repairer()
    return {"mixed": mixed(repairer), "repeated": repeated(repairer), "chunked": chunked(repairer)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run()
    m, r, c = result["mixed"], result["repeated"], result["chunked"]
    print(
        f"mixed: error reduction {m['alone']} alone, {m['among_clean']} among clean "
        f"paragraphs ({m['ratio']:.0%} of alone)"
    )
    print("repeated: " + ", ".join(f"{n} copies {v}" for n, v in r.items()))
    print(f"chunked: {c['lines_differing']} of {c['lines']} lines differ from one repair()")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
