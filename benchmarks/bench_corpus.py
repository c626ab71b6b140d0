"""Benchmark corpus-scale repair (issue 7): documents per second for ``unspin fix --field``
on JSON lines with --jobs 1 and 2, Spark ``local[1]`` against ``local[2]`` with
``unspin.spark.repair_udf`` on the same corpus, the Spark/CLI ratio, and the per-process
start-up cost (building the repairer: phrasebook, automaton, language model).

    python benchmarks/bench_corpus.py                 # 20,000 documents, about 50 MB
    python benchmarks/bench_corpus.py --docs 2000     # a quick run
    python benchmarks/bench_corpus.py --no-spark      # the command line only

The corpus is made in a temporary directory (never committed) from the seeds and the clean
benchmark texts: document ``i`` is a run of consecutive paragraphs of one of them, about
2.9 kB, starting at a different paragraph each time, so that about 3 in 8 are spun.
Spark needs ``pip install ".[spark]"`` and Java; each Spark run is a fresh process, its
session start timed apart from the job (read the JSON lines, repair, write JSON lines:
nothing is collected). Figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNSPIN = [sys.executable, "-m", "unspin"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYSPARK_PYTHON": sys.executable}
TARGET_CHARS = 2900


def sources() -> list[tuple[str, list[str]]]:
    """(name, paragraphs) of every seed and clean text."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "benchmarks" / "data" / "clean").glob("*.txt")
    )
    out = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        paragraphs = [p for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
        out.append((path.stem, paragraphs))
    return out


def make_corpus(path: Path, docs: int) -> int:
    """Write ``docs`` JSON-line records {"id", "source", "text", "meta"}; returns bytes."""
    texts = sources()
    with open(path, "w", encoding="utf-8") as f:
        for i in range(docs):
            name, paragraphs = texts[i % len(texts)]
            start = (i // len(texts)) % len(paragraphs)
            picked: list[str] = []
            size = 0
            j = start
            while size < TARGET_CHARS and len(picked) < len(paragraphs):
                picked.append(paragraphs[j % len(paragraphs)])
                size += len(picked[-1]) + 2
                j += 1
            record = {"id": i, "source": name, "text": "\n\n".join(picked), "meta": {"n": i}}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def run_cli(corpus: Path, out: Path, jobs: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [*UNSPIN, "fix", "--field", "text", "-q", "--jobs", str(jobs), "-o", str(out), corpus],
        check=True,
        env=ENV,
    )
    return time.perf_counter() - start


def cold_start() -> float:
    """Seconds to build a repairer in a fresh process (after imports)."""
    code = (
        "from unspin.executors import RepairSpec, repairer_for, load_stats\n"
        "repairer_for(RepairSpec.from_paths())\n"
        "print(load_stats()[2])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def _burn(_: int) -> float:
    started = time.process_time()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.process_time() - started


def cores_available() -> float:
    """How many cores this run really gets (the machine may be shared): the CPU time of
    two busy processes over the wall time they take together."""
    import multiprocessing

    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        cpu = sum(pool.map(_burn, range(2)))
    return cpu / (time.perf_counter() - start)


def spark_child(master: str, corpus: str, out: str) -> None:
    """Run in a subprocess: one Spark session, one job; prints JSON timings."""
    started = time.perf_counter()
    from pyspark.sql import SparkSession

    from unspin.spark import repair_udf, stats_udf

    spark = (
        SparkSession.builder.master(master)
        .appName("unspin-bench")
        .config("spark.ui.enabled", "false")
        # A single 50 MB file would be one partition (128 MB by default): cut it in 4 MB
        # pieces so that every core gets work.
        .config("spark.sql.files.maxPartitionBytes", str(4 << 20))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter() - started
    start = time.perf_counter()
    df = spark.read.json(corpus, schema="id long, source string, text string, meta struct<n:long>")
    fixed = df.withColumn("text", repair_udf("text")).withColumn("stats", stats_udf("id"))
    fixed.write.mode("overwrite").json(out)
    job = time.perf_counter() - start
    stats = [r.stats for r in spark.read.json(out).select("stats").distinct().collect()]
    spark.stop()
    print(json.dumps({"session": session, "job": job, "stats": stats}))


def run_spark(master: str, corpus: Path, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--spark-child", master, str(corpus), str(out)],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--spark-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.spark_child:
        spark_child(*args.spark_child)
        return
    with tempfile.TemporaryDirectory(prefix="unspin-bench-corpus-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        size = make_corpus(corpus, args.docs)
        n = args.docs
        print(f"corpus: {n} documents, {size / 1e6:.1f} MB of JSON lines")
        print(f"cores available to two busy processes: {cores_available():.1f} of 2")
        print(f"start-up (build a repairer in a fresh process): {cold_start():.2f} s")
        cli = {}
        for jobs in (1, 2):
            seconds = run_cli(corpus, Path(tmp) / f"cli{jobs}", jobs)
            cli[jobs] = seconds
            print(
                f"unspin fix --field text --jobs {jobs}: {seconds:6.1f} s, "
                f"{n / seconds:6.0f} docs/s"
            )
        print(f"  --jobs 2 / --jobs 1 speed-up: {cli[1] / cli[2]:.2f}x")
        same = (Path(tmp) / "cli1" / "corpus.jsonl").read_bytes() == (
            Path(tmp) / "cli2" / "corpus.jsonl"
        ).read_bytes()
        print(f"  outputs identical: {same}")
        if args.no_spark:
            return
        try:
            import pyspark  # noqa: F401
        except ModuleNotFoundError:
            print("Spark: skipped (pip install '.[spark]')")
            return
        if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
            print("Spark: skipped (no Java)")
            return
        spark = {}
        for cores in (1, 2):
            master = f"local[{cores}]"
            got = run_spark(master, corpus, Path(tmp) / f"spark{cores}")
            spark[cores] = got["job"]
            builds = sorted(s.split()[1] for s in got["stats"])
            load = [float(s.split()[2]) for s in got["stats"]]
            print(
                f"Spark {master}: session {got['session']:.1f} s, job {got['job']:6.1f} s, "
                f"{n / got['job']:6.0f} docs/s; {len(got['stats'])} Python workers, repairers "
                f"built per worker {builds}, start-up {min(load):.2f}-{max(load):.2f} s each"
            )
        print(f"  local[2] / local[1] speed-up: {spark[1] / spark[2]:.2f}x")
        print(
            f"  Spark / CLI time ratio: local[1] vs --jobs 1 {spark[1] / cli[1]:.2f}, "
            f"local[2] vs --jobs 2 {spark[2] / cli[2]:.2f}"
        )


if __name__ == "__main__":
    main()
