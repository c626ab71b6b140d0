"""Paths, texts and helpers shared by the tests."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from unspin.tokenizing import tokens

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "benchmarks" / "data"
PAIRS = DATA / "pairs"
CLEAN = DATA / "clean"
SPUN_SEEDS = ("000", "002", "003")
CLEAN_SEEDS = ("001", "004")

#: The environment of a test's ``python -m unspin``: this checkout's sources, and their
#: bytecode kept between runs outside the checkout. Without it every run compiled all of
#: unspin's modules afresh where PYTHONDONTWRITEBYTECODE is set (0.12 s of a run's 0.5 s,
#: a few hundred runs a suite).
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPATH": str(ROOT / "src"),
    "PYTHONPYCACHEPREFIX": os.path.join(tempfile.gettempdir(), "unspin-tests-bytecode"),
}


def script(module: str, folder: str = "scripts"):
    """A module of ``scripts/`` or ``benchmarks/`` (tools, not packages), by name."""
    sys.path.insert(0, str(ROOT / folder))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.remove(str(ROOT / folder))


def read(path: Path) -> str:
    """A file's text exactly as stored (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def seed_path(number: str) -> Path:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def seed(number: str) -> str:
    return read(seed_path(number))


def clean_paths() -> list[Path]:
    """Every text that must come back unchanged."""
    return (
        [seed_path(n) for n in CLEAN_SEEDS]
        + sorted(CLEAN.glob("*.txt"))
        + sorted(PAIRS.glob("*.orig.txt"))
    )


def rebuild(text: str, edits) -> str:
    """``text`` with each edit's span replaced by its ``after``, everything else copied."""
    parts = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def check_edits(text: str, result) -> None:
    """The invariants of an explained repair: spans, order, and byte-exact preservation."""
    assert isinstance(result.text, str)
    pos = 0
    for edit in result.edits:
        assert pos <= edit.start < edit.end <= len(text), edit
        assert text[edit.start : edit.end] == edit.before, edit
        assert edit.after != edit.before, edit
        pos = edit.end
    for edit in result.declined:
        assert 0 <= edit.start < edit.end <= len(text), edit
        assert text[edit.start : edit.end] == edit.before, edit
    assert rebuild(text, result.edits) == result.text


def levenshtein(a: list[str], b: list[str]) -> int:
    """Edit distance between two token lists (common prefix and suffix trimmed first)."""
    while a and b and a[0] == b[0]:
        a, b = a[1:], b[1:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def token_distance(a: str, b: str) -> int:
    return levenshtein(tokens(a), tokens(b))


@contextmanager
def segment_bound(chars: int) -> Iterator[None]:
    """``repairing.SEGMENT_CHARS`` set to ``chars`` inside the block (where pytest's
    monkeypatch cannot serve: module fixtures, hypothesis examples)."""
    from unspin import repairing

    bound = repairing.SEGMENT_CHARS
    repairing.SEGMENT_CHARS = chars
    try:
        yield
    finally:
        repairing.SEGMENT_CHARS = bound


def in_threads(work: Callable[[], T], n: int = 4) -> list[T]:
    """``work()`` run in ``n`` threads at once: their results, in the order they ended."""
    results: list[T] = []
    threads = [threading.Thread(target=lambda: results.append(work())) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
