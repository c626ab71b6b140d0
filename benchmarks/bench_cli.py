"""Benchmark the ``unspin`` command (issue 4): batch wall time with --jobs 1 and 2, cold
start, and peak memory on one big file.

    python benchmarks/bench_cli.py              # batch + cold start
    python benchmarks/bench_cli.py --big 1000   # also a 1000 MB file (long: ~0.5 MB/s/core)

The batch is 2,000 files (about 20 MB) made from the seeds and the clean benchmark texts:
each file is two documents, so that about half the files have spun text.
Figures depend on the machine and its load; each wall time is the best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNSPIN = [sys.executable, "-m", "unspin"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def documents() -> list[bytes]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "benchmarks" / "data" / "clean").glob("*.txt")
    )
    return [p.read_bytes() for p in paths]


def make_corpus(root: Path, files: int = 2000) -> int:
    docs = documents()
    total = 0
    for i in range(files):
        doc = docs[i % len(docs)]
        extra = docs[(i // len(docs) + i) % len(docs)]
        data = f"Document {i}\n\n".encode() + doc + b"\n\n" + extra
        path = root / f"part{i % 10}" / f"doc{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def wall(args: list[str], repeat: int) -> float:
    return min(timed(args)[0] for _ in range(repeat))


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, workers included) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*UNSPIN, *args], check=False, env=ENV, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu


def peak_rss(args: list[str]) -> str:
    """GNU time's maximum resident set size (the largest single process: the main one
    or a worker)."""
    if not shutil.which("/usr/bin/time"):
        return "n/a (no /usr/bin/time)"
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%M %e", *UNSPIN, *args],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    kb, seconds = out.stderr.strip().splitlines()[-1].split()
    return f"{int(kb) / 1024:.0f} MB peak RSS, {float(seconds):.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--big", type=int, default=0, metavar="MB", help="also a big file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        size = make_corpus(corpus, args.files)
        print(f"batch: {args.files} files, {size / 1e6:.1f} MB")
        times = {1: float("inf"), 2: float("inf")}
        for _ in range(args.repeat):  # interleaved, so that a burst of load hits both
            for jobs in (1, 2):
                out = Path(tmp) / f"out{jobs}"
                took, cpu = timed(["fix", "-q", "-j", str(jobs), "-o", str(out), str(corpus)])
                # CPU time over wall time: the cores the run actually got (the machine
                # may be shared).
                print(
                    f"  fix --output-dir --jobs {jobs}: {took:.2f} s "
                    f"(CPU {cpu:.1f} s, {cpu / took:.2f} cores on average)",
                    flush=True,
                )
                times[jobs] = min(times[jobs], took)
        print(f"  best: {times[1]:.2f} s and {times[2]:.2f} s, speed-up {times[1] / times[2]:.2f}x")

        small = str(ROOT / "seeds" / "000_cd07e9b19c242696.txt")
        runs = [wall(["fix", "-q", small], 1) for _ in range(7)]
        print(f"cold start (fix one 8 KB spun file, median of 7): {statistics.median(runs):.3f} s")

        if args.big:
            big = Path(tmp) / "big.txt"
            doc = (ROOT / "seeds" / "000_cd07e9b19c242696.txt").read_bytes() + b"\n\n"
            with open(big, "wb") as f:
                for _ in range(args.big * 1_000_000 // len(doc)):
                    f.write(doc)
            print(f"big file: {big.stat().st_size / 1e6:.0f} MB of spun text")
            for jobs in (1, 2):
                out = Path(tmp) / f"big{jobs}.txt"
                rss = peak_rss(["fix", "-q", "-j", str(jobs), "-o", str(out), str(big)])
                print(f"  fix --jobs {jobs}: {rss}", flush=True)


if __name__ == "__main__":
    main()
