"""Cross-resource benchmark: spun with one resource's synonyms, repaired with a book
built from the others.

Run from a checkout: ``python benchmarks/bench_cross.py`` (``--json PATH``).

The oracle benchmark's synthetic spinner (``data/oracle/thesaurus.tsv``: groups from
WordNet) spins the clean texts, at full and light intensity; they are repaired with the
shipped phrasebook minus every broad entry that PPDB does not list (so the book knows
nothing taken from WordNet). The figure measures how far a book built from other
resources and the open-vocabulary model carry to a spinner unspin was never tuned to,
not a book repairing its own simulator. Clean texts must come back unchanged with that
book too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
from pathlib import Path

from bench_oracle import FULL, LIGHT, SEEDS, load_thesaurus, spinner_table
from common import ROOT, aligned_distance, clean_texts
from simulate import Spinner

import unspin
from unspin import phrasebook
from unspin.learning import write_phrasebook

PPDB = ROOT / "scripts" / "data" / "ppdb" / "lexical.tsv.gz"


def ppdb_pairs() -> set[tuple[str, str]]:
    with gzip.open(PPDB, "rt", encoding="utf-8") as f:
        next(f)
        return {tuple(line.split("\t", 2)[:2]) for line in f}  # type: ignore[misc]


def book_without_wordnet(folder: Path) -> Path:
    pairs = ppdb_pairs()
    kept = [
        e
        for e in phrasebook.load_default()
        if e.source != "broad" or (e.original.lower(), e.spun.lower()) in pairs
    ]
    path = folder / "no-wordnet.tsv"
    write_phrasebook(kept, path)
    return path


def run() -> dict:
    table = spinner_table(load_thesaurus())
    corpus = clean_texts()
    out: dict = {}
    with tempfile.TemporaryDirectory() as folder:
        book = book_without_wordnet(Path(folder))
        repairer = unspin.Repairer(
            unspin.Config(phrasebooks=(book,), default_phrasebook=False, open_vocabulary=True)
        )
        out["clean_changed"] = [n for n, t in corpus.items() if repairer.repair(t) != t]
        for label, rates in (("full", (FULL,)), ("light", LIGHT)):
            before = after = 0
            for name, text in corpus.items():
                for seed in SEEDS:
                    for rate in rates:
                        spinner = Spinner(table, seed=seed * 7919 + sum(map(ord, name)))
                        spun = spinner.spin_keys(text, rate)
                        before += aligned_distance(spun.text, text)
                        after += aligned_distance(repairer.repair(spun.text), text)
            out[label] = round(1 - after / before, 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run()
    print(
        f"spun with WordNet groups, repaired without WordNet: error reduction "
        f"{result['full']} (full), {result['light']} (light); "
        f"clean texts changed: {len(result['clean_changed'])}"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
