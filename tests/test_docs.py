"""The documentation: the generated examples are current, and ``mkdocs build --strict``
passes (into a temporary directory; nothing is written to the repository).

When the model changes, the excerpts change: run ``python docs/gen_examples.py`` and
commit ``docs/generated/``.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import pytest
from support import ROOT

DOCS = ROOT / "docs"


def test_generated_examples_are_current():
    done = subprocess.run(
        [sys.executable, str(DOCS / "gen_examples.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def test_every_include_exists():
    marks = set()
    for page in DOCS.glob("*.md"):
        marks |= set(re.findall(r"^<!-- generated: ([\w-]+) -->$", page.read_text(), re.M))
    assert marks
    assert all((DOCS / "generated" / f"{name}.md").is_file() for name in marks)


@pytest.mark.skipif(
    importlib.util.find_spec("mkdocs") is None,
    reason='mkdocs is not installed (pip install ".[docs]"; .ci/run installs it)',
)
def test_mkdocs_build_strict(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<!-- generated:" not in index
    assert "Chinese officials said last week" in index  # an excerpt pulled in
    for page in ("deciding", "phrasebooks", "report", "cli", "corpus", "benchmarks", "model"):
        assert (tmp_path / page / "index.html").is_file(), page
