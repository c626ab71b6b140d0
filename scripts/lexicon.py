"""Word lists the phrasebook builders share (development-time helpers)."""

from __future__ import annotations

from pathlib import Path

# The list ships with the package: ``unspin learn`` vets learned mappings with it too
# (unspin.vetting). Read by path, so that scripts need not import unspin first.
DATA = Path(__file__).resolve().parents[1] / "src" / "unspin" / "data"


def function_words() -> frozenset[str]:
    """``src/unspin/data/function-words.txt``: words that are never generated originals."""
    lines = (DATA / "function-words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))
