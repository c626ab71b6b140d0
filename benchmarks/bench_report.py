"""Report benchmark: ``unspin report`` against ``unspin fix`` on the same input.

Run from a checkout: ``python benchmarks/bench_report.py`` (``--json PATH`` to save,
``--rounds N`` for more runs). For each spun seed and for a 1 MB file made of the spun
seeds, times the whole command (a fresh process, ``--jobs 1``, median of the rounds) and,
in this process, the steps of a report (explain with the declined candidates, the spin
score, the HTML) against ``Repairer.repair``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, SEEDS, best_time, read

import unspin
from unspin.reporting import file_report, render_report

SPUN = ("000", "002", "003")


def inputs(directory: Path) -> dict[str, Path]:
    paths = {n: next(SEEDS.glob(f"{n}_*.txt")) for n in SPUN}
    spun = "".join(read(p) + "\n\n" for p in paths.values())
    big = directory / "1mb.txt"
    big.write_text((spun * (1_000_000 // len(spun) + 1))[:1_000_000], encoding="utf-8")
    return {**{f"seed {n}": p for n, p in paths.items()}, "1 MB": big}


def command(args: list[str], rounds: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "unspin", *args], env=env, check=True, capture_output=True
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def in_process(text: str, repairer: unspin.Repairer, rounds: int) -> dict:
    report = file_report("x.txt", text, repairer)
    return {
        "repair_s": best_time(lambda: repairer.repair(text), rounds),
        "explain_s": best_time(lambda: repairer.explain(text), rounds),
        "score_s": best_time(lambda: repairer.detect(text, paragraphs=False), rounds),
        "render_s": best_time(lambda: render_report([report]), rounds),
        "html_mb": len(render_report([report]).encode("utf-8")) / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    repairer = unspin.Repairer()
    repairer.repair("warm up")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.html"
        for name, path in inputs(Path(tmp)).items():
            fix = command(["fix", "--jobs", "1", str(path)], args.rounds)
            rep = command(["report", "--jobs", "1", "-q", str(path), "-o", str(out)], args.rounds)
            row = {"fix_s": round(fix, 3), "report_s": round(rep, 3), "ratio": round(rep / fix, 2)}
            steps = in_process(read(path), repairer, args.rounds)
            row.update({k: round(v, 3) for k, v in steps.items()})
            row["steps_ratio"] = round(
                (steps["explain_s"] + steps["score_s"] + steps["render_s"]) / steps["repair_s"], 2
            )
            results[name] = row
            print(
                f"{name:8} unspin fix {fix:6.2f} s  unspin report {rep:6.2f} s  "
                f"ratio {rep / fix:4.2f}   in process: repair {steps['repair_s']:.3f} s, "
                f"explain {steps['explain_s']:.3f} s + score {steps['score_s']:.3f} s + "
                f"HTML {steps['render_s']:.3f} s ({steps['html_mb']:.1f} MB), "
                f"ratio {row['steps_ratio']}"
            )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
