"""Reliability of repair confidences on the development pairs (a diagnostic).

Every candidate (applied or declined) is labelled correct when the original text has
its replacement at that place. Prints observed accuracy per confidence bin.
"""

from __future__ import annotations

import difflib
import itertools

from common import dev_pairs

import unspin
from unspin.tokenizing import TOKEN_RE


def labelled(repairer: unspin.Repairer) -> list[tuple[float, bool, str]]:
    out = []
    for _, spun, orig in dev_pairs():
        st = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(spun)]
        ot = [m.group() for m in TOKEN_RE.finditer(orig)]
        sm = difflib.SequenceMatcher(a=[t for *_, t in st], b=ot, autojunk=False)
        # map each spun token index -> (orig token run) for its opcode block
        owner = {}
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            for i in range(i1, i2):
                owner[i] = (tag, i1, i2, j1, j2)
        start_idx = {s: k for k, (s, _, _) in enumerate(st)}
        end_idx = {e: k for k, (_, e, _) in enumerate(st)}
        result = repairer.explain(spun)
        for d in result.edits + result.declined:
            i, j = start_idx.get(d.start), end_idx.get(d.end)
            if i is None or j is None:
                continue
            blocks = {owner[k] for k in range(i, j + 1)}
            after = [m.group() for m in TOKEN_RE.finditer(d.after)]
            if all(b[0] == "equal" for b in blocks):
                ok = False
            else:
                tag, i1, i2, j1, j2 = next(b for b in blocks if b[0] != "equal")
                # correct if the original run, trimmed like the spun span, reads `after`
                run = ot[j1:j2]
                ok = (" ".join(after).lower() in " ".join(run).lower() and bool(after)) or (
                    not after and i1 <= i and j < i2
                )
            out.append((d.confidence, ok, f"{d.before}->{d.after}"))
    return out


def main() -> None:
    rows = labelled(unspin.Repairer())
    bins = [0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.97, 1.0001]
    for lo, hi in itertools.pairwise(bins):
        sel = [ok for p, ok, _ in rows if lo <= p < hi]
        if sel:
            print(f"[{lo:.2f},{hi:.2f})  n={len(sel):4d}  correct={sum(sel) / len(sel):.2f}")


if __name__ == "__main__":
    main()
