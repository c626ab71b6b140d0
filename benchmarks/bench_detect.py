"""Detection benchmark over paragraphs: spun against clean.

Spun paragraphs: paragraphs of the development pairs' spun sides that differ from their
originals (an unchanged paragraph of a partly spun text is clean, and counted so), and
the changed paragraphs of simulated spun copies of the clean texts (``simulate.py``, at
4%-40% of tokens, half sparing quotations). Clean paragraphs: the clean seeds,
``benchmarks/data/clean/`` and the original sides of the pairs. Paragraphs under
``--min-words`` words (bylines, "Image", "SHARE THIS POST") carry no evidence either way
and are left out.

Reports ROC AUC, precision, recall and false-positive rate at the default threshold, the
Brier score with a reliability table, and detection speed on clean text against the
automaton pass alone. The reliability table depends on the mix: the detector's prior
share of spun text is 0.2, the benchmark's is higher.

    python benchmarks/bench_detect.py [--json] [--min-words N] [--no-speed]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

from common import PAIRS, best_time, clean_texts, pair_ids, read

import unspin
from unspin.detecting import THRESHOLD, paragraph_spans
from unspin.tokenizing import tokens


def _paragraphs(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraph_spans(text)]


def labelled_paragraphs(min_words: int) -> list[tuple[str, int, str]]:
    """(source, label, paragraph), label 1 for spun."""
    out: list[tuple[str, int, str]] = []
    for pid in pair_ids():
        spun = _paragraphs(read(PAIRS / f"{pid}.spun.txt"))
        orig = _paragraphs(read(PAIRS / f"{pid}.orig.txt"))
        aligned = len(spun) == len(orig)
        for k, para in enumerate(spun):
            same = aligned and tokens(para) == tokens(orig[k])
            out.append((f"pair {pid}", 0 if same else 1, para))
    for name, text in clean_texts().items():
        out.extend((name, 0, para) for para in _paragraphs(text))
    for name, spun_text, clean in _simulated():
        spun, orig = _paragraphs(spun_text), _paragraphs(clean)
        for para, before in zip(spun, orig, strict=True):
            # Simulated paragraphs are spun if the simulator changed them; unchanged
            # ones duplicate the clean paragraphs already counted.
            if tokens(para) != tokens(before):
                out.append((f"simulated {name}", 1, para))
    return [row for row in out if len(row[2].split()) >= min_words]


SIMULATED_RATES = (0.04, 0.12, 0.25, 0.40)


def _simulated() -> list[tuple[str, str, str]]:
    """(name, spun copy, clean text): the clean texts that are not pair originals, spun
    by ``simulate.py`` at 4%-40% of tokens, if the simulator is there."""
    path = Path(__file__).with_name("simulate.py")
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location("simulate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = []
    for name, text in clean_texts().items():
        if name.endswith(".orig.txt"):
            continue
        spinner = module.Spinner(seed=7 + sum(map(ord, name)))
        for k, rate in enumerate(SIMULATED_RATES):
            spun = spinner.spin(text, rate, spare_quotes=k % 2 == 1)
            out.append((f"{name}@{rate}", spun.text, text))
    return out


def roc_auc(scores: list[tuple[float, int]]) -> float:
    pos = [s for s, label in scores if label]
    neg = [s for s, label in scores if not label]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def reliability(scores: list[tuple[float, int]], bins: int = 5) -> list[dict]:
    table = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        inside = [(s, y) for s, y in scores if lo <= s < hi or (k == bins - 1 and s == 1.0)]
        if inside:
            table.append(
                {
                    "bin": f"{lo:.1f}-{hi:.1f}",
                    "n": len(inside),
                    "mean_score": round(sum(s for s, _ in inside) / len(inside), 3),
                    "spun_share": round(sum(y for _, y in inside) / len(inside), 3),
                }
            )
    return table


def quality(min_words: int) -> dict:
    rows = labelled_paragraphs(min_words)
    scores = [(unspin.detect(para).score, label) for _, label, para in rows]
    flagged = [(s >= THRESHOLD, y) for s, y in scores]
    tp = sum(1 for f, y in flagged if f and y)
    fp = sum(1 for f, y in flagged if f and not y)
    pos = sum(y for _, y in scores)
    neg = len(scores) - pos
    false_positives = [
        (src, round(s, 3), para[:70])
        for (src, y, para), (s, _) in zip(rows, scores, strict=True)
        if s >= THRESHOLD and not y
    ]
    return {
        "paragraphs": {"spun": pos, "clean": neg, "min_words": min_words},
        "roc_auc": round(roc_auc(scores), 4),
        "threshold": THRESHOLD,
        "precision": round(tp / max(tp + fp, 1), 4),
        "recall": round(tp / max(pos, 1), 4),
        "false_positive_rate": round(fp / max(neg, 1), 4),
        "brier": round(sum((s - y) ** 2 for s, y in scores) / len(scores), 4),
        "reliability": reliability(scores),
        "false_positives": false_positives,
    }


def speed(size: int = 1_000_000, rounds: int = 3) -> dict:
    corpus = "\n\n".join(clean_texts().values())
    text = (corpus * (size // len(corpus) + 1))[:size]
    repairer = unspin.Repairer()
    matcher, _ = repairer._compile()
    repairer.detect("warm up")

    scan = best_time(lambda: matcher.find(text), rounds)
    whole = best_time(lambda: repairer.detect(text, paragraphs=False), rounds)
    paras = best_time(lambda: repairer.detect(text), rounds)
    mb = len(text.encode("utf-8")) / 1e6
    return {
        "megabytes": round(mb, 3),
        "automaton_pass_mb_s": round(mb / scan, 2),
        "detect_document_mb_s": round(mb / whole, 2),
        "detect_with_paragraphs_mb_s": round(mb / paras, 2),
        "document_cost_vs_pass": round(whole / scan, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min-words", type=int, default=10)
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    report = {"quality": quality(args.min_words)}
    if not args.no_speed:
        report["speed"] = speed()
    if args.json:
        print(json.dumps(report, indent=2))
        return
    q = report["quality"]
    p = q["paragraphs"]
    print(f"paragraphs: {p['spun']} spun, {p['clean']} clean (>= {p['min_words']} words)")
    print(f"ROC AUC {q['roc_auc']}  Brier {q['brier']}")
    print(
        f"at threshold {q['threshold']}: precision {q['precision']}  recall {q['recall']}  "
        f"false-positive rate {q['false_positive_rate']}"
    )
    print("reliability (score bin: n, mean score, share spun):")
    for row in q["reliability"]:
        print(f"  {row['bin']}: {row['n']:4d}  {row['mean_score']:.3f}  {row['spun_share']:.3f}")
    for fp in q["false_positives"]:
        print("  false positive:", fp)
    if "speed" in report:
        s = report["speed"]
        print(
            f"speed on {s['megabytes']} MB clean: automaton pass {s['automaton_pass_mb_s']} MB/s, "
            f"detect {s['detect_document_mb_s']} MB/s ({s['document_cost_vs_pass']}x the pass), "
            f"with paragraph scores {s['detect_with_paragraphs_mb_s']} MB/s"
        )


if __name__ == "__main__":
    main()
