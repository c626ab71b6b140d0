"""Shared helpers for the benchmarks: data paths, token edit distance, timing, and the
phrasebook the simulated benchmarks use."""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import unspin
from unspin import phrasebook
from unspin.learning import write_phrasebook
from unspin.tokenizing import normalize_phrase, tokens

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
PAIRS = DATA / "pairs"
SEEDS = ROOT / "seeds"
NEGATIVE = ROOT / "tests" / "test-cases" / "negative.json"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def pair_ids() -> list[str]:
    return sorted(p.name.split(".")[0] for p in PAIRS.glob("*.spun.txt"))


def dev_pairs() -> list[tuple[str, str, str]]:
    """(pair id, spun, original) of the development pairs, in ``pair_ids`` order."""
    return page_pairs([PAIRS])


def page_pairs(folders: list[Path]) -> list[tuple[str, str, str]]:
    """(name, spun, original) of the aligned pages in ``folders``: ``NAME.spun.txt`` beside
    ``NAME.orig.txt`` (real pages, kept outside the repository: data/REAL_PAGES.md)."""
    out = []
    for folder in folders:
        for spun in sorted(folder.glob("*.spun.txt")):
            original = spun.with_name(spun.name.replace(".spun.", ".orig."))
            out.append((spun.name.split(".")[0], read(spun), read(original)))
    return out


def held_pairs() -> set[tuple[str, str]]:
    """(spun key, original) of the simulator's pairs that the benchmarks withhold from
    the phrasebook (split ``held`` in ``data/simulator.tsv``)."""
    out = set()
    for line in read(DATA / "simulator.tsv").splitlines():
        if line.startswith("#") or not line:
            continue
        original, spun, split = line.split("\t")
        if split == "held":
            out.add((normalize_phrase(spun), original.lower()))
    return out


@functools.cache
def held_out_phrasebook() -> Path:
    """The shipped phrasebook without the held pairs, as a file (made once per run and
    removed at exit)."""
    held = held_pairs()
    kept = [e for e in phrasebook.load_default() if (e.key, e.original.lower()) not in held]
    folder = tempfile.mkdtemp(prefix="unspin-bench-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / "held-out.tsv"
    write_phrasebook(kept, path)
    return path


def held_out_repairer(*extra: str | Path) -> unspin.Repairer:
    """A repairer with the held-out phrasebook (and ``extra`` phrasebooks): what the
    simulated benchmarks measure, so that the held pairs are substitutions it never saw."""
    config = unspin.Config(
        phrasebooks=(held_out_phrasebook(), *extra), default_phrasebook=False, open_vocabulary=True
    )
    return unspin.Repairer(config)


def clean_texts() -> dict[str, str]:
    """Every text that must come back unchanged, by name."""
    out = {p.name: read(p) for p in sorted((DATA / "clean").glob("*.txt"))}
    for seed in ("001", "004"):
        for p in SEEDS.glob(f"{seed}_*.txt"):
            out[p.name] = read(p)
    for pid, _, orig in dev_pairs():
        out[f"{pid}.orig.txt"] = orig
    return out


def negative_cases() -> list[dict]:
    """The cases of ``tests/test-cases/negative.json`` (hard negatives: clean prose with
    the spinner's favourite words in their own sense; ``original`` is the text)."""
    return json.loads(NEGATIVE.read_text(encoding="utf-8"))


def clean_text_of_size(size: int) -> str:
    """The clean texts, repeated and cut to ``size`` characters: the throughput text."""
    corpus = "\n\n".join(clean_texts().values())
    return (corpus * (size // len(corpus) + 1))[:size]


def token_distance(a: str, b: str) -> int:
    """Levenshtein distance over word and punctuation tokens."""
    return sequence_distance(tokens(a), tokens(b))


def sequence_distance(x: Sequence[str], y: Sequence[str]) -> int:
    """Levenshtein distance between two sequences of tokens, by Hyyrö's bit-parallel
    algorithm (2003): a column of the dynamic programme is two bit vectors (a Python
    integer each, one bit per token of ``y``), so it costs ``len(x)`` steps of a few
    integer operations instead of ``len(x) * len(y)`` cells in Python (a development
    pair: 0.3 s -> a few milliseconds). Exact (tests/test_bench_common.py checks it
    against the cell-by-cell programme)."""
    start, end_x, end_y = 0, len(x), len(y)
    while start < end_x and start < end_y and x[start] == y[start]:
        start += 1
    while end_x > start and end_y > start and x[end_x - 1] == y[end_y - 1]:
        end_x, end_y = end_x - 1, end_y - 1
    x, y = x[start:end_x], y[start:end_y]
    if not x or not y:
        return len(x) + len(y)
    m = len(y)
    mask = (1 << m) - 1
    last = 1 << (m - 1)
    positions: dict[str, int] = {}  # token -> bit vector of where it stands in y
    for i, token in enumerate(y):
        positions[token] = positions.get(token, 0) | (1 << i)
    plus, minus, score = mask, 0, m  # vertical +1 / -1 deltas of the column
    for token in x:
        eq = positions.get(token, 0)
        xv = eq | minus
        xh = ((((eq & plus) + plus) & mask) ^ plus) | eq
        h_plus = minus | (~(xh | plus) & mask)
        h_minus = plus & xh
        if h_plus & last:
            score += 1
        elif h_minus & last:
            score -= 1
        h_plus = ((h_plus << 1) | 1) & mask
        h_minus = (h_minus << 1) & mask
        plus = h_minus | (~(xv | h_plus) & mask)
        minus = h_plus & xv
    return score


def aligned_distance(a: str, b: str) -> int:
    """:func:`token_distance` summed line by line when both texts have the same lines
    (a spinner and a repair keep the line structure), which is far faster on long
    texts; otherwise over the whole texts."""
    x, y = a.split("\n"), b.split("\n")
    if len(x) != len(y):
        return token_distance(a, b)
    return sum(token_distance(p, q) for p, q in zip(x, y, strict=True) if p != q)


def one_pass(fn: Callable[[str], object], texts: Iterable[str]) -> float:
    """Seconds for ``fn`` over ``texts``, each once: a corpus of distinct documents, none
    met before (unlike :func:`best_time`'s repeated runs, which repair's reuse flatters)."""
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - start


def best_time(fn: Callable[[], object], rounds: int = 3) -> float:
    """The fastest of ``rounds`` runs of ``fn``, in seconds (the least disturbed by
    other work on a shared machine)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
