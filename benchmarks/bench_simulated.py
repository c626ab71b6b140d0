"""Simulated benchmark: error reduction on clean texts spun by ``simulate.py``.

Run from a checkout: ``python benchmarks/bench_simulated.py`` (``--json PATH`` to save).

Every clean text of the repair benchmark (``benchmarks/data/clean/`` and the clean seeds
001 and 004) is spun at several rates (4% to 40% of tokens) with fixed seeds, half of
the copies sparing quotations, and repaired with the shipped phrasebook minus the pairs
the benchmark holds back (``common.held_out_repairer``). Figures:

- **overall**: 1 - d(repaired, clean) / d(spun, clean), d the token Levenshtein distance
  of ``bench_repair.py`` (``common.token_distance``);
- **book / held / risky / absent**: the share of the substituted tokens repaired, among
  substitutions whose (spun, original) pair the benchmark's phrasebook has, whose
  original was held back from it by hash (the shipped phrasebook has them), that were
  left out of the phrasebook as too risky on clean text, or left out for another reason;
- **false or wrong edits**: edits that touched no substitution, or left one different
  from the clean text;
- **clean**: each clean text repaired as it is must come back byte-identical.

``--genres`` measures instead how far the same book carries across kinds of text: the
clean pages, the State of the Union addresses (each one's first twelve paragraphs), the
arXiv abstracts kept in ``data/``, the 240 written hard negatives (``data/written``:
eight kinds of short prose, dense with the spinner's favourite words), the 120 longer
ones (twelve kinds, about 330 words each) and, with
``--docs DIR ...``, the documentation files below those folders (READMEs, licences,
manuals: ``bench_clean.docs``), each spun at 10% and 25% of its tokens with a seed per
text: the error reduction per genre, and the texts of each genre that the repair changes
as they are (none may be).

``--learn`` also shows ``unspin.learning`` at work on what the phrasebook lacks: it learns
a phrasebook from aligned (clean, spun) copies of the training texts (spun with other
seeds), and measures the copies of the other texts again with the benchmark's
phrasebook plus what was learned. Held-back substitutions are repaired there only when the
training copies showed them.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from common import clean_texts, held_out_repairer, token_distance
from simulate import Spinner, SpunText

import unspin
from unspin.tokenizing import tokens

RATES = (0.04, 0.12, 0.25, 0.40)
SEEDS = (1, 2)
#: The texts spun: the clean texts that are not the development pairs' originals.
NAMES_EXCLUDED = (".orig.txt",)


def texts() -> dict[str, str]:
    return {n: t for n, t in clean_texts().items() if not n.endswith(NAMES_EXCLUDED)}


def copies(names: set[str] | None = None, seeds=SEEDS) -> list[tuple[str, SpunText]]:
    out = []
    for name, text in texts().items():
        if names is not None and name not in names:
            continue
        for seed in seeds:
            spinner = Spinner(seed=seed * 1000 + sum(map(ord, name)))
            for k, rate in enumerate(RATES):
                out.append((name, spinner.spin(text, rate, spare_quotes=(k + seed) % 2 == 0)))
    return out


def _clean_offset(spun: SpunText, x: int) -> int:
    """The offset in the clean text of spun-text offset ``x`` (not inside a spin)."""
    delta = 0
    for s in spun.substitutions:
        if x <= s.start:
            break
        delta += (s.clean_end - s.clean_start) - (s.end - s.start)
    return x + delta


def score(spun: SpunText, result: unspin.ExplainedText) -> tuple[Counter, Counter, int]:
    """Substituted tokens by split (all, repaired), and the number of edits that were
    false (they touched no substitution) or wrong (they left it different from the
    clean text).

    Substitutions and edits that overlap form regions ("nationwide safety" spun as one
    phrase may be repaired by two one-word edits); a region is repaired when its text
    after the edits equals the clean text's, whatever the case.
    """
    subs = spun.substitutions
    spans = [(s.start, s.end, "s", k) for k, s in enumerate(subs)]
    spans += [(e.start, e.end, "e", k) for k, e in enumerate(result.edits)]
    spans.sort()
    regions: list[list[tuple[int, int, str, int]]] = []
    end = -1
    for span in spans:
        if regions and span[0] < end:
            regions[-1].append(span)
            end = max(end, span[1])
        else:
            regions.append([span])
            end = span[1]
    total: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    bad_edits = 0
    for region in regions:
        in_subs = [subs[k] for _, _, kind, k in region if kind == "s"]
        in_edits = [result.edits[k] for _, _, kind, k in region if kind == "e"]
        a = min(x[0] for x in region)
        b = max(x[1] for x in region)
        repaired = unspin.repairing.apply_edits(
            spun.text[a:b], [e._replace(start=e.start - a, end=e.end - a) for e in in_edits]
        )
        ok = repaired.lower() == spun.clean[_clean_offset(spun, a) : _clean_offset(spun, b)].lower()
        for sub in in_subs:
            cost = max(len(tokens(sub.spun)), len(tokens(sub.original)))
            total[sub.split] += cost
            if ok:
                fixed[sub.split] += cost
        if not ok:
            bad_edits += len(in_edits)
    return total, fixed, bad_edits


def run(repairer: unspin.Repairer, names: set[str] | None = None) -> dict:
    total: Counter[str] = Counter()
    fixed: Counter[str] = Counter()
    false_edits = 0
    d_before = d_after = 0
    rows = []
    for name, spun in copies(names):
        result = repairer.explain(spun.text)
        t, f, false = score(spun, result)
        total += t
        fixed += f
        false_edits += false
        before = token_distance(spun.text, spun.clean)
        after = token_distance(result.text, spun.clean)
        d_before += before
        d_after += after
        rows.append(
            {
                "text": name,
                "rate": spun.rate,
                "substitutions": len(spun.substitutions),
                "d_spun": before,
                "d_repaired": after,
                "reduction": round(1 - after / before, 4) if before else None,
                "spin_rate": round(result.spin_rate, 3),
                "false_edits": false,
            }
        )
    by_split = {
        split: {
            "tokens": total[split],
            "repaired": fixed[split],
            "reduction": round(fixed[split] / total[split], 4) if total[split] else None,
        }
        for split in ("book", "held", "risky", "absent")
    }
    clean = {
        name: repairer.repair(text) == text
        for name, text in texts().items()
        if names is None or name in names
    }
    return {
        "overall": {
            "d_spun": d_before,
            "d_repaired": d_after,
            "reduction": round(1 - d_after / d_before, 4),
        },
        "by_split": by_split,
        "false_edits": false_edits,
        "clean_identical": clean,
        "copies": rows,
    }


#: ``--genres``: the rates each text is spun at, and how many abstracts and documentation
#: files at most (the other sets are smaller; the 240 written texts are short, and all of
#: them make their eight kinds of prose).
GENRE_RATES = (0.10, 0.25)
GENRE_TEXTS = 150


def genres(docs: list[Path] | None = None) -> dict[str, list[str]]:
    """Clean texts by kind, from the repository's corpora (``bench_clean``'s readers)."""
    import bench_clean

    out: dict[str, list[str]] = {"pages": list(texts().values())}
    speeches = [t for kind, _, t in bench_clean.speeches() if kind == "speeches whole"]
    out["speeches"] = ["\n\n".join(t.split("\n\n")[:12]) for t in speeches]
    abstracts = [t for kind, _, t in bench_clean.abstracts() if kind == "abstracts whole"]
    out["abstracts"] = abstracts[:GENRE_TEXTS]
    out["written"] = [
        t for kind, _, t in bench_clean.written() if kind == "written hard negatives whole"
    ]
    out["long written"] = [
        t for kind, _, t in bench_clean.long() if kind == "long hard negatives whole"
    ]
    if docs:
        out["documentation"] = [t for _, _, t in bench_clean.docs(docs)][:GENRE_TEXTS]
    return out


def run_genres(repairer: unspin.Repairer, kinds: dict[str, list[str]]) -> dict:
    """Error reduction per genre and rate, and the texts each genre has changed as they are."""
    out = {}
    for kind, found in kinds.items():
        row: dict = {"texts": len(found)}
        for rate in GENRE_RATES:
            before = after = 0
            for k, text in enumerate(found):
                spun = Spinner(seed=k * 31 + int(rate * 100)).spin(text, rate)
                before += token_distance(spun.text, text)
                after += token_distance(repairer.repair(spun.text), text)
            row[f"{rate:.2f}"] = round(1 - after / before, 4) if before else None
        row["clean_changed"] = sum(repairer.repair(text) != text for text in found)
        out[kind] = row
    return out


#: ``--learn``: texts whose spun copies teach, and the seeds of those copies.
TRAIN = {"001_50f9ab0ae550145b.txt", "earnings-guide.txt", "school-board-budget.txt"}
TRAIN_SEEDS = (11, 12, 13, 14)


def learned(path: str) -> dict:
    """Learn from the training texts' copies; measure the others with and without."""
    from unspin.learning import learn, write_phrasebook

    pairs = [(spun.clean, spun.text) for _, spun in copies(TRAIN, TRAIN_SEEDS)]
    entries = learn(pairs)
    write_phrasebook(entries, path)
    test = set(texts()) - TRAIN
    return {
        "learned_entries": len(entries),
        "train": sorted(TRAIN),
        "test": sorted(test),
        "default": run(held_out_repairer(), test),
        "default+learned": run(held_out_repairer(path), test),
    }


def report(results: dict, verbose: bool = False) -> None:
    if verbose:
        for row in results["copies"]:
            print(
                f"{row['text']:32} rate {row['rate']:.2f}: {row['substitutions']:3} spins, "
                f"d {row['d_spun']} -> {row['d_repaired']} ({row['reduction']}), "
                f"rho {row['spin_rate']}, false edits {row['false_edits']}"
            )
    o = results["overall"]
    print(f"overall: d {o['d_spun']} -> {o['d_repaired']}  reduction {o['reduction']}")
    for split, row in results["by_split"].items():
        print(
            f"{split:6}: {row['repaired']}/{row['tokens']} substituted tokens repaired "
            f"({row['reduction']})"
        )
    print(f"false or wrong edits: {results['false_edits']}")
    for name, same in results["clean_identical"].items():
        print(f"clean {'ok ' if same else 'CHANGED'} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per copy")
    parser.add_argument("--learn", metavar="TSV", help="also learn a phrasebook (see above)")
    parser.add_argument("--genres", action="store_true", help="error reduction by genre")
    parser.add_argument(
        "--docs", type=Path, nargs="+", metavar="DIR", help="with --genres: documentation files"
    )
    args = parser.parse_args()
    if args.genres:
        by_kind = run_genres(held_out_repairer(), genres(args.docs))
        for kind, row in by_kind.items():
            rates = ", ".join(f"{r:.0%} {row[f'{r:.2f}']}" for r in GENRE_RATES)
            print(
                f"{kind:14} {row['texts']:4} texts: {rates}; clean changed {row['clean_changed']}"
            )
        if args.json:
            Path(args.json).write_text(json.dumps(by_kind, indent=2), encoding="utf-8")
        return
    results = run(held_out_repairer())
    report(results, args.verbose)
    if args.learn:
        results["learn"] = learn_results = learned(args.learn)
        print(
            f"\n--learn: {learn_results['learned_entries']} entries learned from "
            f"{len(TRAIN)} texts x {len(TRAIN_SEEDS)} copies; measured on {learn_results['test']}"
        )
        for key in ("default", "default+learned"):
            print(f"[{key}]")
            report(learn_results[key])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
