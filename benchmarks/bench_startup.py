"""Benchmark the cold start of ``unspin fix`` on a tiny file (issue 15: under 0.3 s).

    python benchmarks/bench_startup.py              # best and median of 9
    python benchmarks/bench_startup.py --repeat 21 --phases

Each run is a fresh process (``python -m unspin fix -q FILE``) on a one-sentence file,
spun, clean, or clean with figures and hyphens, with a warm cache (``UNSPIN_CACHE_DIR``,
a temporary folder filled by a first run, which is timed too). Baselines run in the
same rounds, interleaved, so that a burst of load on a shared machine hits all:
``python -c pass`` and ftfy fixing one string (a comparable text-repair command's floor).
Modules are compiled to bytecode once, as an installed package's are (``--source``:
compile them at every start, as under ``PYTHONDONTWRITEBYTECODE``). ``--phases`` splits
one start into its parts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPUN = "Chinese language officers mentioned that tensions within the Center East would ease.\n"
CLEAN = "The committee met on Tuesday to discuss the budget.\n"
# Figures and hyphens, as most real lines have: words the frequency table does not hold,
# computed as wordfreq computes them (unspin.frequencies).
FIGURES = "The low-cost carrier said on Tuesday that it would add 12 routes in 2025.\n"
# One start, split: what the command does before, while and after repairing.
PHASES = r"""
import sys, time
t0 = time.perf_counter()
import unspin.cli
from unspin import repairing
t1 = time.perf_counter()
repairing._shared_model()
t2 = time.perf_counter()
repairer = repairing.Repairer()
repairer.explain("x")  # compiles (reads) the book
t3 = time.perf_counter()
repairer.repair(open(sys.argv[1], encoding="utf-8").read())
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--source", action="store_true", help="no bytecode kept")
    parser.add_argument("--phases", action="store_true", help="split one start into parts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "UNSPIN_CACHE_DIR": f"{tmp}/c"}
        if not args.source:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = f"{tmp}/pyc"
        files = {}
        for name, text in (("spun", SPUN), ("clean", CLEAN), ("figures", FIGURES)):
            files[name] = Path(tmp) / f"{name}.txt"
            files[name].write_text(text, encoding="utf-8")
        unspin = [sys.executable, "-m", "unspin", "fix", "-q"]
        first = run([*unspin, str(files["spun"])], env)
        print(f"first run, empty cache (compiles the book): {first:.2f} s")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "ftfy.fix_text('x')": [sys.executable, "-c", "import ftfy; ftfy.fix_text('x')"],
            **{f"unspin fix ({name})": [*unspin, str(path)] for name, path in files.items()},
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, command in commands.items():
                times[name].append(run(command, env))
        print(f"warm cache, {args.repeat} rounds ({'source' if args.source else 'bytecode'}):")
        for name, seconds in times.items():
            median = statistics.median(seconds)
            print(f"  {name:22s} best {min(seconds):.3f} s, median {median:.3f} s")
        if args.phases:
            parts = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                out = subprocess.run(
                    [sys.executable, "-c", PHASES, str(files["spun"])],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                total = time.perf_counter() - start
                inside = [float(x) for x in out.stdout.split()]
                parts.append([*inside, total - sum(inside)])
            best = min(parts, key=sum)
            names = ("import", "language model", "book", "repair", "interpreter start + exit")
            print("one start, split (the fastest of the rounds):")
            for name, seconds in zip(names, best, strict=True):
                print(f"  {name:26s} {seconds:.3f} s")


if __name__ == "__main__":
    main()
