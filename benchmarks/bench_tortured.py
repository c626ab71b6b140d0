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

``--passages FILE`` measures instead real printed passages: abstracts and paragraphs of
published papers the screener flagged, one JSON object a line (``id``, ``text``, and
``sites``: ``{"tortured", "expected", "listed", "offsets"}``, every tortured phrase with the
wording it stands for and where it starts; ``listed`` when the fingerprint list has it).
Reported: the token error reduction against the text with every site restored, the sites
restored (listed ones apart), and the edits made outside any annotated site; ``--clean
FILE`` (``id``, ``text``) adds clean abstracts on the same topics, which must come back
unchanged; ``--clean FILE`` alone measures clean abstracts of any field, whole and one
sentence at a time, and detection on them (``data/CLEAN_ABSTRACTS.md``). The passages
are copyrighted papers kept outside the repository; ``data/TORTURED_PASSAGES.md`` lists
them and how they were found.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import regex
from common import ROOT, aligned_distance

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


def _sites(passage: dict) -> list[tuple[int, int, dict]]:
    """The passage's annotated sites as ``(start, end, site)``, longest first where two
    overlap, in text order."""
    text, spans = passage["text"], []
    for site in sorted(passage["sites"], key=lambda s: -len(s["tortured"])):
        for start in site["offsets"]:
            end = start + len(site["tortured"])
            if text[start:end] != site["tortured"]:
                raise ValueError(f"{passage['id']}: {site['tortured']!r} is not at {start}")
            if not any(start < b and end > a for a, b, _ in spans):
                spans.append((start, end, site))
    return sorted(spans, key=lambda x: x[0])


def restored_text(text: str, sites: list[tuple[int, int, dict]]) -> str:
    """``text`` with every site replaced by the wording it stands for."""
    out, pos = [], 0
    for start, end, site in sites:
        out += [text[pos:start], site["expected"]]
        pos = end
    return "".join(out) + text[pos:]


def run_passages(passages: Path, clean: Path | None = None) -> dict:
    repairer = unspin.Repairer()
    before = after = 0
    sites = restored = listed = listed_restored = edits = outside = 0
    for line in passages.read_text(encoding="utf-8").splitlines():
        passage = json.loads(line)
        text, spans = passage["text"], _sites(passage)
        expected = restored_text(text, spans)
        result = repairer.explain(text, declined=False)
        before += aligned_distance(text, expected)
        after += aligned_distance(result.text, expected)
        edits += len(result.edits)
        outside += sum(
            not any(e.start < end and e.end > start for start, end, _ in spans)
            for e in result.edits
        )
        for start, end, site in spans:
            inside = [e for e in result.edits if e.start < end and e.end > start]
            new = text[start:end]
            if inside and all(start <= e.start and e.end <= end for e in inside):
                for e in sorted(inside, key=lambda e: -e.start):
                    new = new[: e.start - start] + e.after + new[e.end - start :]
            good = bool(inside) and new.lower() == site["expected"].lower()
            sites += 1
            restored += good
            if site.get("listed"):
                listed += 1
                listed_restored += good
    out = {
        "reduction": round(1 - after / before, 4) if before else None,
        "sites": sites,
        "restored": restored,
        "listed_sites": listed,
        "listed_restored": listed_restored,
        "edits": edits,
        "edits_outside_sites": outside,
    }
    if clean is not None:
        texts = [json.loads(x)["text"] for x in clean.read_text(encoding="utf-8").splitlines()]
        out["clean"] = len(texts)
        out["clean_changed"] = sum(repairer.repair(t) != t for t in texts)
    return out


_SENTENCE = regex.compile(r"(?<=[.!?])\s+")


def run_clean(clean: Path) -> dict:
    """Clean abstracts (JSONL, ``id`` and ``text``): how many a repair changes, whole and
    one sentence (of five words or more) at a time, and how many detection flags."""
    repairer = unspin.Repairer()
    rows = [json.loads(x) for x in clean.read_text(encoding="utf-8").splitlines() if x.strip()]
    changed, flagged, sentences, sentences_changed = [], [], 0, []
    for row in rows:
        text = row["text"]
        if repairer.repair(text) != text:
            changed.append(row["id"])
        if repairer.detect(text).spun:
            flagged.append(row["id"])
        for sentence in _SENTENCE.split(text):
            if len(sentence.split()) >= 5:
                sentences += 1
                if repairer.repair(sentence) != sentence:
                    sentences_changed.append(row["id"])
    return {
        "abstracts": len(rows),
        "changed": changed,
        "flagged": flagged,
        "sentences": sentences,
        "sentences_changed": sentences_changed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--passages", type=Path, help="real passages (JSONL), see above")
    parser.add_argument(
        "--clean", type=Path, help="clean abstracts (JSONL): with --passages, or alone"
    )
    args = parser.parse_args()
    if args.clean and not args.passages:
        result = run_clean(args.clean)
        print(
            f"clean abstracts changed: {len(result['changed'])}/{result['abstracts']}, "
            f"flagged spun: {len(result['flagged'])}; their sentences alone changed: "
            f"{len(result['sentences_changed'])}/{result['sentences']}"
        )
    elif args.passages:
        result = run_passages(args.passages, args.clean)
        print(
            f"real passages: error reduction {result['reduction']}; sites restored "
            f"{result['restored']}/{result['sites']} (listed fingerprints "
            f"{result['listed_restored']}/{result['listed_sites']}); edits "
            f"{result['edits']}, {result['edits_outside_sites']} outside the annotated sites"
            + (
                f"; clean abstracts changed {result['clean_changed']}/{result['clean']}"
                if "clean" in result
                else ""
            )
        )
    else:
        result = run(args.n)
        print(
            f"tortured sites restored: {result['restored']}/{result['sites']} "
            f"({result['share_restored']:.0%}); clean sentences changed: "
            f"{result['clean_changed']}"
        )
        for s in result["clean_changed_examples"]:
            print("  changed:", s)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
