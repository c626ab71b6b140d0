"""Word lists the phrasebook builders share (development-time helpers)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def function_words() -> frozenset[str]:
    """``scripts/data/function-words.txt``: words that are never generated originals."""
    lines = (DATA / "function-words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))
