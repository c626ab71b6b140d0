"""List what repair still gets wrong on the development pairs (a diagnostic, not a score).

``python benchmarks/residuals.py [PAIR...]`` prints each token run where the repaired
text differs from the original, with a little context, tagged ``missed`` (left spun),
``false`` (an edit where the original was already right) or ``wrong`` (edited, but
not to the original).
"""

from __future__ import annotations

import difflib
import sys

from common import PAIRS, pair_ids, read

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


def main() -> None:
    ids = sys.argv[1:] or pair_ids()
    for pid in ids:
        spun = read(PAIRS / f"{pid}.spun.txt")
        orig = read(PAIRS / f"{pid}.orig.txt")
        result = unspin.repair_and_explain(spun)
        print(f"== {pid}  spin rate {result.spin_rate:.3f}")
        for line in residuals(spun, orig, result.text):
            print(line)


if __name__ == "__main__":
    main()
