"""Tortured-phrase benchmark: a published tortured phrase in a sentence of a paper.

Run from a checkout: ``python benchmarks/bench_tortured.py`` (``--json PATH``, ``--n N``).

A deterministic sample of the Problematic Paper Screener's fingerprints (the rows vetted
``ok`` in ``scripts/data/tortured/pps.tsv``) is set, one at a time, into sentences of the
kind a paper has ("In this study, we apply {} to the collected data."), and repaired:

- **restored**: the share of sites where the expected phrase replaced the tortured one;
- **clean**: the same sentences with the expected phrase: every one must come back
  unchanged (a scientific sentence using "deep learning" or "random forest" is clean).

The sites are measured one sentence at a time, the hardest case: a paper usually holds
several, and its other paragraphs give its spin rate.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from common import ROOT

import unspin

TABLE = ROOT / "scripts" / "data" / "tortured" / "pps.tsv"
TEMPLATES = (
    "In this study, we apply {} to the collected data.",
    "The results show that {} improves the accuracy of the system.",
    "Recent work on {} has attracted wide attention.",
    "We compare the proposed method with {} on three benchmark data sets.",
    "A review of {} and its applications is given in Section 2.",
)


def sample(n: int, seed: int = 1) -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()[1:]]
    ok = [(r[0], r[1]) for r in rows if r[3] == "ok"]
    return random.Random(seed).sample(ok, min(n, len(ok)))


def run(n: int = 500) -> dict:
    repairer = unspin.Repairer()
    restored = 0
    changed_clean = []
    missed = []
    sites = sample(n)
    for k, (tortured, expected) in enumerate(sites):
        template = TEMPLATES[k % len(TEMPLATES)]
        out = repairer.repair(template.format(tortured))
        if expected.lower() in out.lower() and tortured.lower() not in out.lower():
            restored += 1
        else:
            missed.append((tortured, expected))
        clean = template.format(expected)
        if repairer.repair(clean) != clean:
            changed_clean.append(clean)
    return {
        "sites": len(sites),
        "restored": restored,
        "share_restored": round(restored / len(sites), 4),
        "clean_changed": len(changed_clean),
        "clean_changed_examples": changed_clean[:10],
        "missed_examples": missed[:10],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    result = run(args.n)
    print(
        f"tortured sites restored: {result['restored']}/{result['sites']} "
        f"({result['share_restored']:.0%}); clean sentences changed: {result['clean_changed']}"
    )
    for s in result["clean_changed_examples"]:
        print("  changed:", s)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
