"""Scaling benchmark (the speed issue): time and peak memory of ``repair()`` at 0.25, 1 and
4 MB, on varied spun text and on adversarial inputs, and the cost of many small documents
against one big one.

    python benchmarks/bench_scaling.py                   # 0.25, 1 and 4 MB (a few minutes)
    python benchmarks/bench_scaling.py --sizes 0.1 0.4   # a quick run
    python benchmarks/bench_scaling.py --large           # 16 MB in one call: peak memory

Inputs (made here, never committed):

- ``varied``: paragraphs walked from the word trigrams of the clean benchmark texts (their
  words and phrases, in sequences no text repeats), each spun by the simulated family
  spinner (``simulate.py``) at a quarter of its tokens: distinct paragraphs, as in a real
  corpus, not one text repeated (repair reuses the work on a repeated passage);
- ``repeated``: one candidate over and over on one line ("12 months 12 months ...");
- ``keys``: every phrasebook key in random order, fifty to a line;
- ``letters``: single letters separated by spaces, on one line;
- ``marks``: opening quotation marks and spun figures ("“six.7% ") with no closing mark,
  on one line (each opening mark once scanned the rest of the line).

Each size of each input is repaired in a fresh process (the phrasebook and model loaded
first, outside the timing), so that its peak resident memory is its own: reported as the
growth over the loaded process. ``per MB`` is seconds per MB; a linear repair keeps it flat
across sizes. ``documents`` repairs 1 MB of ``varied`` as 100 documents of 10 KB, one
``repair()`` each, against the same text in one call (``--corpus DIR``: the files of a
folder, such as real spun pages, instead: the synthetic text repeats more phrases than a real
corpus, which one call reuses). Figures depend on the machine and its load.

``--large`` repairs 16 MB of ``varied`` and of ``repeated`` in one ``repair()`` call each
(a text over ``repairing.SEGMENT_CHARS`` is repaired a segment at a time) and reports the
process's whole peak resident memory, the loaded model included (the requirement: under
400 MB). The text is made in this process and read from a file by the fresh one, so that
making it does not count.

``--records MB`` writes a JSON-lines file whose first record's text is MB of each of
``--kinds`` and runs ``unspin fix --field text -j 1`` on it in a fresh process (CPU
seconds, whole peak memory; the requirement: a 50 MB record under 400 MB). ``--detect
MB`` runs ``unspin.detect()`` on MB of each kind in a fresh process (a text over
``repairing.SEGMENT_CHARS`` is analysed a segment at a time).
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import best_time, clean_texts
from simulate import Spinner

import unspin

KINDS = ("varied", "repeated", "keys", "letters", "marks")


@functools.cache
def _prose_model() -> dict[tuple[str, str], list[str]]:
    """Word trigrams of the clean benchmark texts and seeds: (w1, w2) -> next words."""
    import regex

    follow: dict[tuple[str, str], list[str]] = {}
    for text in clean_texts().values():
        for line in text.splitlines():
            words = ["<s>", "<s>", *regex.findall(r"\S+", line), "</s>"]
            for a, b, c in zip(words, words[1:], words[2:], strict=False):
                follow.setdefault((a, b), []).append(c)
    return follow


def varied(size: int, seed: int = 0) -> str:
    """``size`` characters of distinct spun paragraphs (see the module docstring)."""
    rng = random.Random(seed)
    follow = _prose_model()
    spinner = Spinner(seed=seed)
    out: list[str] = []
    total = 0
    while total < size:
        # A paragraph walked from the texts' word trigrams: their words and phrases in
        # sequences no text repeats (a repeated text would let repair reuse its work).
        words: list[str] = []
        a, b = "<s>", "<s>"
        while len(words) < 40 or b != "</s>":
            c = rng.choice(follow[(a, b)])
            if c == "</s>":
                a, b = "<s>", "<s>"
                if len(words) >= 40:
                    break
                continue
            words.append(c)
            a, b = b, c
        spun = spinner.spin(" ".join(words), 0.25).text
        out.append(spun)
        total += len(spun) + 2
    return "\n\n".join(out)[:size]


def adversarial(kind: str, size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    if kind == "repeated":
        return ("12 months " * (size // 10 + 1))[:size]
    if kind == "letters":
        letters = "abcdefghijklmnopqrstuvwxyz"
        return " ".join(rng.choice(letters) for _ in range(size // 2 + 1))[:size]
    if kind == "marks":
        return ("\u201cofficers mentioned six.7% " * (size // 27 + 1))[:size]
    if kind == "keys":
        keys = sorted({e.spun for e in unspin.Repairer().entries})
        words: list[str] = []
        total = 0
        while total < size:
            rng.shuffle(keys)
            words.extend(keys)
            total += sum(len(k) + 1 for k in keys)
        lines = [" ".join(words[i : i + 50]) for i in range(0, len(words), 50)]
        return "\n".join(lines)[:size]
    raise ValueError(f"unknown input {kind!r}")


def make(kind: str, size: int) -> str:
    return varied(size) if kind == "varied" else adversarial(kind, size)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def one(kind: str, size: int) -> dict:
    """Repair ``size`` characters of ``kind`` in this process: seconds and memory."""
    text = make(kind, size)
    repairer = unspin.Repairer()
    repairer.repair(varied(5_000, seed=1))  # load the phrasebook and model
    base = _peak_mb()
    return {**_timed(repairer, kind, text), "peak_growth_mb": round(_peak_mb() - base, 1)}


def _timed(repairer: unspin.Repairer, kind: str, text: str) -> dict:
    """Repair ``text`` once: its size and the seconds it took, in all and per MB."""
    start = time.perf_counter()
    repairer.repair(text)
    seconds = time.perf_counter() - start
    mb = len(text.encode("utf-8")) / 1e6
    return {"kind": kind, "mb": round(mb, 3), "seconds": round(seconds, 2),
            "per_mb": round(seconds / mb, 2)}  # fmt: skip


def from_file(kind: str, path: str) -> dict:
    """Repair the text of ``path`` in this process: seconds, and the whole peak memory."""
    repairer = unspin.Repairer()
    repairer.repair("Chinese language officers mentioned it.")  # load the phrasebook and model
    base = _peak_mb()
    text = Path(path).read_text(encoding="utf-8")
    timed = _timed(repairer, kind, text)
    return {**timed, "loaded_mb": round(base, 1), "peak_mb": round(_peak_mb(), 1)}


def large(mb: float = 16.0) -> list[dict]:
    """``mb`` MB of ``varied`` and of ``repeated``, each repaired in a fresh process."""
    rows = []
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("varied", "repeated"):
            path = Path(folder) / f"{kind}.txt"
            path.write_text(make(kind, int(mb * 1e6)), encoding="utf-8")
            out = subprocess.run(
                [sys.executable, str(here / "bench_scaling.py"), "--file", kind, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(out.stdout)
            rows.append(row)
            print(
                f"{kind:9} {row['mb']:6.2f} MB in one call: {row['seconds']:7.2f} s, "
                f"{row['per_mb']:6.2f} s/MB, peak memory {row['peak_mb']} MB "
                f"(loaded: {row['loaded_mb']} MB)",
                flush=True,
            )
    return rows


def record_from_file(path: str) -> dict:
    """``unspin fix --field text -j 1`` on the JSON lines of ``path`` in this process:
    seconds (CPU), and the whole peak memory."""
    from unspin.cli import main as cli

    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        status = cli(["fix", "--field", "text", "-j", "1", "-q", "-o", out, path])
        seconds = time.process_time() - start
    mb = Path(path).stat().st_size / 1e6
    return {"mb": round(mb, 3), "status": status, "cpu_seconds": round(seconds, 1),
            "peak_mb": round(_peak_mb(), 1)}  # fmt: skip


def detect_from_file(path: str) -> dict:
    """``unspin.detect`` on the text of ``path`` in this process: seconds (CPU), and the
    whole peak memory (the text read after the model is loaded)."""
    repairer = unspin.Repairer()
    repairer.detect("Chinese language officers mentioned it.")  # load the phrasebook and model
    base = _peak_mb()
    text = Path(path).read_text(encoding="utf-8")
    start = time.process_time()
    found = repairer.detect(text)
    seconds = time.process_time() - start
    return {"mb": round(len(text.encode("utf-8")) / 1e6, 3), "cpu_seconds": round(seconds, 1),
            "score": found.score, "paragraphs": len(found.paragraphs),
            "loaded_mb": round(base, 1), "peak_mb": round(_peak_mb(), 1)}  # fmt: skip


def _fresh(*args: str) -> dict:
    """A mode of this script run in a fresh process: its JSON line."""
    here = Path(__file__).resolve().parent
    out = subprocess.run(
        [sys.executable, str(here / "bench_scaling.py"), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.splitlines()[-1])


def records(mb: float, kinds: list[str]) -> list[dict]:
    """One JSON record whose text is ``mb`` MB of each kind (and a short one after it),
    fixed by ``unspin fix --field text -j 1`` in a fresh process."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for kind in kinds:
            path = Path(folder) / f"{kind}.jsonl"
            small = json.dumps({"id": 2, "text": "Chinese language officers mentioned it."})
            record = json.dumps({"id": 1, "text": make(kind, int(mb * 1e6))})
            path.write_text(record + "\n" + small + "\n", "utf-8")
            del record
            row = {"kind": kind, **_fresh("--record-file", str(path))}
            rows.append(row)
            print(
                f"{kind:9} record of {row['mb']:6.2f} MB, fix --field text -j 1: "
                f"{row['cpu_seconds']} s CPU, peak memory {row['peak_mb']} MB",
                flush=True,
            )
    return rows


def detections(mb: float, kinds: list[str]) -> list[dict]:
    """``unspin.detect`` on ``mb`` MB of each kind, in a fresh process."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for kind in kinds:
            path = Path(folder) / f"{kind}.txt"
            path.write_text(make(kind, int(mb * 1e6)), "utf-8")
            row = {"kind": kind, **_fresh("--detect-file", str(path))}
            rows.append(row)
            print(
                f"{kind:9} detect() on {row['mb']:6.2f} MB: {row['cpu_seconds']} s CPU, "
                f"peak memory {row['peak_mb']} MB (loaded: {row['loaded_mb']} MB)",
                flush=True,
            )
    return rows


def documents(size: int = 1_000_000, doc: int = 10_000, text: str | None = None) -> dict:
    """``size`` characters of varied spun text (or ``text``) repaired in one call and as
    documents of ``doc`` characters (cut at paragraph breaks), one call each: seconds per
    MB."""
    text = varied(size) if text is None else text
    docs: list[str] = []
    current = ""
    for paragraph in text.split("\n\n"):
        current = f"{current}\n\n{paragraph}" if current else paragraph
        if len(current) >= doc:
            docs.append(current)
            current = ""
    if current:
        docs.append(current)
    repairer = unspin.Repairer()
    repairer.repair(text)  # both timed warm: the language model's caches filled alike
    whole = best_time(lambda: repairer.repair(text), 2)
    split = best_time(lambda: [repairer.repair(d) for d in docs], 2)
    mb = len(text.encode("utf-8")) / 1e6
    return {
        "documents": len(docs),
        "one_call_per_mb": round(whole / mb, 2),
        "documents_per_mb": round(split / mb, 2),
        "ratio": round(split / whole, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 1.0, 4.0], help="MB")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--one", nargs=2, metavar=("KIND", "CHARS"), help=argparse.SUPPRESS)
    parser.add_argument("--file", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--large",
        type=float,
        nargs="?",
        const=16.0,
        metavar="MB",
        help="repair MB (default 16) of varied and of repeated text in one call each, and "
        "report the peak memory of the whole process",
    )
    parser.add_argument(
        "--records",
        type=float,
        metavar="MB",
        help="fix a JSON record whose text is MB of each of --kinds with `unspin fix --field "
        "text -j 1` in a fresh process: peak memory",
    )
    parser.add_argument(
        "--detect",
        type=float,
        metavar="MB",
        help="unspin.detect() on MB of each of --kinds in a fresh process: peak memory",
    )
    parser.add_argument("--record-file", help=argparse.SUPPRESS)
    parser.add_argument("--detect-file", help=argparse.SUPPRESS)
    parser.add_argument("--no-documents", action="store_true")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="a folder of .txt files (real spun pages, say) for the documents comparison, "
        "instead of the synthetic text",
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]))))
        return
    if args.file:
        print(json.dumps(from_file(*args.file)))
        return
    if args.record_file:
        print(json.dumps(record_from_file(args.record_file)))
        return
    if args.detect_file:
        print(json.dumps(detect_from_file(args.detect_file)))
        return
    if args.records or args.detect:
        found = {}
        if args.records:
            found["records"] = records(args.records, args.kinds)
        if args.detect:
            found["detect"] = detections(args.detect, args.kinds)
        if args.json:
            Path(args.json).write_text(json.dumps(found, indent=2) + "\n", "utf-8")
        return
    if args.large:
        rows = large(args.large)
        if args.json:
            Path(args.json).write_text(json.dumps({"large": rows}, indent=2) + "\n", "utf-8")
        return
    results: dict = {"runs": []}
    here = Path(__file__).resolve().parent
    for kind in args.kinds:
        for mb in args.sizes:
            out = subprocess.run(
                [sys.executable, str(here / "bench_scaling.py"), "--one", kind, str(int(mb * 1e6))],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(out.stdout)
            results["runs"].append(row)
            print(
                f"{kind:9} {row['mb']:6.2f} MB: {row['seconds']:7.2f} s, "
                f"{row['per_mb']:6.2f} s/MB, peak memory +{row['peak_growth_mb']} MB",
                flush=True,
            )
    if not args.no_documents:
        corpus = None
        if args.corpus:
            files = sorted(args.corpus.glob("*.txt"))
            corpus = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in files)
        d = documents(text=corpus)
        results["documents"] = d
        print(
            f"1 MB as {d['documents']} documents of 10 KB: {d['documents_per_mb']} s/MB against "
            f"{d['one_call_per_mb']} s/MB in one call ({d['ratio']}x)"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
