"""Do no harm: every clean text kept in the repository, repaired whole and in pieces.

Run from a checkout: ``python benchmarks/bench_clean.py`` (``--json PATH``; ``--list`` to
print every text changed, with its edits; ``--threshold`` and ``--short-spun`` to measure
another configuration; ``--sets`` to run some of them).

The sets (each text must come back byte-identical; detection must not flag it):

- **speeches**: the paragraphs of 53 State of the Union addresses, 1946-2000, each of
  eight words or more repaired alone (``data/speeches``, public domain), and the 53
  addresses whole;
- **abstracts**: 300 arXiv abstracts whole, and each of their sentences of five words or
  more alone (``data/abstracts``, CC0);
- **negative**: the hard negatives of ``tests/test-cases/negative.json`` (the "pass"
  cases must not change; the known failures are counted apart);
- **texts**: the clean texts of ``data/clean``, the clean seeds and the originals of the
  development pairs (``common.clean_texts``).

A piece alone is the hard case: a paragraph or a sentence holds two or three of the
spinner's favourite words at most, and nothing around it to say the writer chose them.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import regex
from common import DATA, clean_texts, negative_cases

import unspin

SENTENCE = regex.compile(r"(?<=[.!?])\s+")
SETS = ("speeches", "abstracts", "negative", "texts")


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def speeches() -> Iterator[tuple[str, str, str]]:
    """(set, id, text): each paragraph of eight words or more, then each address whole."""
    rows = _rows(DATA / "speeches" / "sotu.jsonl")
    for row in rows:
        if len(row["text"].split()) >= 8:
            yield "speech paragraphs alone", row["id"], row["text"]
    years: dict[int, list[str]] = {}
    for row in rows:
        years.setdefault(row["year"], []).append(row["text"])
    for year, paragraphs in years.items():
        yield "speeches whole", f"sotu-{year}", "\n\n".join(paragraphs)


def abstracts() -> Iterator[tuple[str, str, str]]:
    rows = _rows(DATA / "abstracts" / "arxiv.jsonl")
    for row in rows:
        yield "abstracts whole", row["id"], row["text"]
    for row in rows:
        for k, sentence in enumerate(SENTENCE.split(row["text"])):
            if len(sentence.split()) >= 5:
                yield "abstract sentences alone", f"{row['id']}#{k}", sentence


def negative() -> Iterator[tuple[str, str, str]]:
    for k, case in enumerate(negative_cases()):
        label = "negative cases" if case["expect"] == "pass" else "negative known failures"
        yield label, f"negative-{k:04d}", case["original"]


def texts() -> Iterator[tuple[str, str, str]]:
    for name, text in clean_texts().items():
        yield "clean texts", name, text


def run(config: unspin.Config, sets: tuple[str, ...] = SETS, listing: bool = False) -> dict:
    repairer = unspin.Repairer(config)
    making = {"speeches": speeches, "abstracts": abstracts, "negative": negative, "texts": texts}
    out: dict[str, dict] = {}
    for name in sets:
        for label, key, text in making[name]():
            row = out.setdefault(label, {"texts": 0, "changed": 0, "edits": 0, "flagged": 0})
            row["texts"] += 1
            result = repairer.explain(text)
            if result.text != text:
                row["changed"] += 1
                row["edits"] += len(result.edits)
                if listing:
                    shown = [(e.before, e.after, round(e.confidence, 2)) for e in result.edits]
                    print(f"  {label}: {key} {shown}")
            if repairer.detect(text, paragraphs=False).spun:
                row["flagged"] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--list", action="store_true", help="print every text changed")
    parser.add_argument("--threshold", type=float, default=unspin.Config().threshold)
    parser.add_argument("--short-spun", type=float, default=unspin.Config().short_spun)
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    args = parser.parse_args()
    config = unspin.Config(threshold=args.threshold, short_spun=args.short_spun)
    result = run(config, tuple(args.sets), args.list)
    for label, row in result.items():
        print(
            f"{label:26} {row['changed']:4} of {row['texts']:5} changed ({row['edits']} edits),"
            f" {row['flagged']} flagged spun"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
