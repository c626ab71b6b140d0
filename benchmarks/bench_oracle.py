"""Oracle benchmark: how much of the spinning the inference undoes when the phrasebook
knows every substitution the spinner can make.

Run from a checkout: ``python benchmarks/bench_oracle.py`` (``--json PATH`` to save,
``--quick`` for a smaller run).

A synthetic spinner with the family's structure (``data/oracle/thesaurus.tsv``: 10,000
synonym groups from WordNet with one to five alternatives, multi-word keys, inflected
forms; ``scripts/build_oracle.py``) spins real clean texts, longest key first, choosing
uniformly among a key's alternatives:

- **full**: every key occurrence is rewritten (a fully spun page);
- **light**: each key occurrence is rewritten with probability 0.1 or 0.25 (a lightly
  spun page: 4%-15% of tokens changed).

Each copy is repaired with the thesaurus itself, inverted, as the only phrasebook
(perfect coverage), and again with it added to the default book (a user's table of
certain entries beside the shipped one: ``with default``); figures are the token error
reduction ``1 - d(repaired, clean) / d(spun, clean)`` pooled over the copies, and
whether every clean text comes back byte-identical with that broad book loaded (and with
the default phrasebook added), and how many of the hard negatives of
``tests/test-cases/negative.json`` do not.

``--table curated`` takes the spinner's table instead from the shipped phrasebook's
curated sources (seed, observed, family, inflection, habit, number: about 3,400 groups,
the first five alternatives of each): closer to the family's own table (function-word
habits such as "within the" for "in the", phrases such as "tips on how to", names), but
written from the family's pages, so a check of the inference on the family's kind of
table rather than a figure independent of the book.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from common import DATA, aligned_distance, clean_texts, negative_cases
from simulate import Spinner

import unspin
from unspin import phrasebook

THESAURUS = DATA / "oracle" / "thesaurus.tsv"
FULL = 1.0
LIGHT = (0.1, 0.25)
SEEDS = (1, 2)
#: The shipped phrasebook's sources written from the family's pages (``--table curated``).
CURATED = ("seed", "observed", "family", "inflection", "habit", "number")


def load_thesaurus(path: Path = THESAURUS) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and x[0] != "#"]
    for line in lines[1:]:
        key, alts = line.split("\t")
        groups[key] = alts.split("|")
    return groups


def curated_groups() -> dict[str, list[str]]:
    """Original -> its first five alternatives, from the default book's curated entries."""
    groups: dict[str, list[str]] = {}
    for entry in phrasebook.load_default():
        original, spun = entry.original.lower(), entry.spun.lower()
        if entry.source in CURATED and spun != original:
            alternatives = groups.setdefault(original, [])
            if spun not in alternatives and len(alternatives) < 5:
                alternatives.append(spun)
    return groups


def table_groups(name: str) -> dict[str, list[str]]:
    """The spinner's groups of the table ``name``: "wordnet" or "curated"."""
    return curated_groups() if name == "curated" else load_thesaurus()


def spinner_table(groups: dict[str, list[str]]) -> dict[tuple[str, ...], list[tuple[str, str]]]:
    return {tuple(key.split(" ")): [(a, "book") for a in alts] for key, alts in groups.items()}


def write_book(groups: dict[str, list[str]], folder: Path) -> Path:
    """The thesaurus inverted: one phrasebook entry per (alternative, key) pair."""
    path = folder / "oracle.tsv"
    with path.open("w", encoding="utf-8") as f:
        f.write("spun\toriginal\tsource\n")
        for key, alts in sorted(groups.items()):
            for alt in alts:
                f.write(f"{alt}\t{key}\toracle\n")
    return path


def texts() -> dict[str, str]:
    return clean_texts()


def run(quick: bool = False, table_name: str = "wordnet") -> dict:
    groups = table_groups(table_name)
    table = spinner_table(groups)
    out: dict = {
        "table": table_name,
        "groups": len(groups),
        "pairs": sum(len(v) for v in groups.values()),
    }
    with tempfile.TemporaryDirectory() as folder:
        book = write_book(groups, Path(folder))
        only = unspin.Repairer(unspin.Config(phrasebooks=(book,), default_phrasebook=False))
        both = unspin.Repairer(unspin.Config(phrasebooks=(book,)))
        corpus = texts()
        if quick:
            corpus = dict(list(corpus.items())[:4])
        changed = [n for n, t in corpus.items() if only.repair(t) != t]
        changed_both = [n for n, t in corpus.items() if both.repair(t) != t]
        out["clean"] = {
            "texts": len(corpus),
            "changed": changed,
            "changed_with_default": changed_both,
        }
        if not quick:
            cases = [case["original"] for case in negative_cases()]
            out["negative_cases"] = {
                "cases": len(cases),
                "changed": sum(only.repair(t) != t for t in cases),
                "changed_with_default": sum(both.repair(t) != t for t in cases),
            }
        for label, rates in (("full", (FULL,)), ("light", LIGHT)):
            before = after = after_both = tokens_changed = tokens_all = 0
            rows = []
            for name, text in corpus.items():
                for seed in SEEDS[: 1 if quick else None]:
                    for rate in rates:
                        spinner = Spinner(table, seed=seed * 7919 + sum(map(ord, name)))
                        spun = spinner.spin_keys(text, rate)
                        repaired = only.repair(spun.text)
                        d0 = aligned_distance(spun.text, text)
                        d1 = aligned_distance(repaired, text)
                        before += d0
                        after += d1
                        after_both += aligned_distance(both.repair(spun.text), text)
                        n = len(text.split())
                        tokens_all += n
                        tokens_changed += d0
                        rows.append((name, seed, rate, d0, d1))
            out[label] = {
                "reduction": round(1 - after / before, 4) if before else None,
                "reduction_with_default": round(1 - after_both / before, 4) if before else None,
                "d_spun": before,
                "d_repaired": after,
                "changed_share": round(tokens_changed / max(1, tokens_all), 3),
                "worst": sorted(rows, key=lambda r: (r[4] - r[3]) / max(1, r[3]))[-3:],
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--table", choices=("wordnet", "curated"), default="wordnet",
        help="the spinner's table: WordNet groups (default) or the book's curated sources",
    )  # fmt: skip
    args = parser.parse_args()
    result = run(args.quick, args.table)
    print(f"table: {args.table}, {result['groups']} groups, {result['pairs']} pairs")
    for label in ("full", "light"):
        r = result[label]
        print(
            f"{label:5}: error reduction {r['reduction']}  (d {r['d_spun']} -> {r['d_repaired']},"
            f" ~{r['changed_share']:.0%} of words changed); with the default book too"
            f" {r['reduction_with_default']}"
        )
    c = result["clean"]
    print(
        f"clean: {c['texts'] - len(c['changed'])}/{c['texts']} byte-identical with the oracle"
        f" book; {c['texts'] - len(c['changed_with_default'])}/{c['texts']} with the default too"
    )
    n = result.get("negative_cases")
    if n:
        print(
            f"hard negatives (tests/test-cases/negative.json): {n['changed']}/{n['cases']} changed"
            f" with the oracle book alone, {n['changed_with_default']}/{n['cases']} with the"
            " default too"
        )
    if c["changed"] or c["changed_with_default"]:
        print("  changed:", c["changed"], c["changed_with_default"], file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
