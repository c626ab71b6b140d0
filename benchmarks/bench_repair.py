"""Repair benchmark: error reduction on aligned pairs, clean damage, throughput.

Run from a checkout: ``python benchmarks/bench_repair.py`` (``--json PATH`` to save).
Error reduction is 1 - d(repaired, original) / d(spun, original), d the token
Levenshtein distance. Throughput is measured against ``ftfy.fix_text`` on the same text in
the same run (ftfy is a dev dependency):

- on about 1 MB of clean text and on about 190 KB of spun text (the development pairs),
  each the same texts repeated, best of three runs: repair reuses the work on a passage
  it met before (lattices by content, language-model look-ups), so these are its speed
  on repetitive input;
- on **varied** text, each piece met once: the clean documents of
  ``tests/test-cases/negative.json`` (the even ones, about 210 KB), one ``repair()`` call
  each, and the odd ones spun by the simulated family spinner (``simulate.py``) at a
  quarter of their tokens; one run each, measured first, after a warm-up on other text.
  This is the speed a corpus of distinct documents meets.
"""

from __future__ import annotations

import argparse
import json

from common import (
    PAIRS,
    best_time,
    clean_text_of_size,
    clean_texts,
    dev_pairs,
    negative_cases,
    one_pass,
    pair_ids,
    read,
    token_distance,
)
from simulate import Spinner

import unspin


def error_reduction(repairer: unspin.Repairer) -> dict:
    rows = {}
    total_before = total_after = 0
    for pid, spun, orig in dev_pairs():
        fixed = repairer.explain(spun)
        before = token_distance(spun, orig)
        after = token_distance(fixed.text, orig)
        total_before += before
        total_after += after
        rows[pid] = {
            "d_spun": before,
            "d_repaired": after,
            "reduction": round(1 - after / before, 4),
            "edits": len(fixed.edits),
            "spin_rate": round(fixed.spin_rate, 3),
        }
    rows["all"] = {
        "d_spun": total_before,
        "d_repaired": total_after,
        "reduction": round(1 - total_after / total_before, 4),
    }
    return rows


def clean_damage(repairer: unspin.Repairer) -> dict:
    rows = {}
    for name, text in clean_texts().items():
        fixed = repairer.explain(text)
        rows[name] = {
            "identical": fixed.text == text,
            "changed_tokens": token_distance(text, fixed.text),
            "spin_rate": round(fixed.spin_rate, 4),
            "edits": [f"{e.before!r}->{e.after!r} {e.confidence:.2f}" for e in fixed.edits],
        }
    return rows


def spun_text(copies: int = 8) -> str:
    """The development pairs' spun sides, ``copies`` times: the spun throughput text."""
    spun = "\n\n".join(read(PAIRS / f"{pid}.spun.txt") for pid in pair_ids())
    return "\n\n".join([spun] * copies)


def throughput(
    repairer: unspin.Repairer, size: int = 1_000_000, rounds: int = 3, text: str | None = None
) -> dict:
    """Repair's speed on ``text`` (clean text of ``size`` characters if not given),
    against ftfy's on the same text."""
    import ftfy

    if text is None:
        text = clean_text_of_size(size)
    repairer.repair(text[:10_000])  # load the phrasebook and model outside the timing

    ours = best_time(lambda: repairer.repair(text), rounds)
    theirs = best_time(lambda: ftfy.fix_text(text), rounds)
    mb = len(text.encode("utf-8")) / 1e6
    return {
        "mb": round(mb, 3),
        "unspin_mb_s": round(mb / ours, 2),
        "ftfy_mb_s": round(mb / theirs, 2),
        "ratio": round(theirs / ours, 2),
    }


def varied_documents(spun: bool) -> list[str]:
    """The even clean documents of ``negative.json``, or the odd ones, each spun by the
    simulated spinner at a quarter of its tokens (a seed per document): distinct texts,
    none repeated, and none the other run met."""
    docs = [case["original"] for case in negative_cases()][int(spun) :: 2]
    if not spun:
        return docs
    return [Spinner(seed=k).spin(doc, 0.25).text for k, doc in enumerate(docs)]


def throughput_varied(repairer: unspin.Repairer, docs: list[str]) -> dict:
    """Repair's speed on ``docs``, each met once (one pass, one call each), against
    ftfy's on the same documents."""
    import ftfy

    repairer.repair(read(PAIRS / "000.spun.txt"))  # load outside the timing
    ours = one_pass(repairer.repair, docs)
    theirs = one_pass(ftfy.fix_text, docs)
    mb = sum(len(doc.encode("utf-8")) for doc in docs) / 1e6
    return {
        "documents": len(docs),
        "mb": round(mb, 3),
        "unspin_mb_s": round(mb / ours, 3),
        "ftfy_mb_s": round(mb / theirs, 2),
        "ratio": round(theirs / ours, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput run")
    args = parser.parse_args()
    repairer = unspin.Repairer()
    results = {"error_reduction": error_reduction(repairer), "clean": clean_damage(repairer)}
    for pid, row in results["error_reduction"].items():
        print(
            f"pair {pid}: d {row['d_spun']} -> {row['d_repaired']}  reduction {row['reduction']}"
            + (f"  edits {row['edits']}  rho {row['spin_rate']}" if "edits" in row else "")
        )
    for name, row in results["clean"].items():
        flag = "ok " if row["identical"] else "CHANGED"
        print(f"clean {flag} {name}: rho {row['spin_rate']}  {row['edits'][:6]}")
    if not args.no_speed:
        # Varied first, each with a fresh repairer: nothing of the repeated runs reused
        # (the language model's look-ups are shared by a process, as in real use).
        results["throughput_varied_spun"] = throughput_varied(
            unspin.Repairer(), varied_documents(spun=True)
        )
        results["throughput_varied"] = throughput_varied(
            unspin.Repairer(), varied_documents(spun=False)
        )
        results["throughput"] = throughput(repairer)
        results["throughput_spun"] = throughput(repairer, text=spun_text())
        kinds = (
            ("clean, repeated", "throughput"),
            ("spun, repeated", "throughput_spun"),
            ("clean, varied documents", "throughput_varied"),
            ("spun, varied documents", "throughput_varied_spun"),
        )
        for kind, key in kinds:
            t = results[key]
            print(
                f"throughput on {t['mb']} MB {kind}: unspin {t['unspin_mb_s']} MB/s, "
                f"ftfy {t['ftfy_mb_s']} MB/s, ratio {t['ratio']}x"
            )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
