"""The documentation: the generated examples written into the pages are current, and
``mkdocs build --strict`` passes (into a temporary directory; nothing is written to the
repository).

When the model changes, the excerpts change: run ``python docs/gen_examples.py`` and
commit the pages it rewrites.
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


def test_generated_parts_are_in_the_pages():
    """Each page shows its examples as they are (no placeholder), between marks that
    name them; every generator has its part somewhere."""
    begins, ends = [], []
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        begins += re.findall(r"^<!-- generated: ([\w-]+)\b", text, re.M)
        ends += re.findall(r"^<!-- end generated: ([\w-]+) -->$", text, re.M)
        for m in re.finditer(r"^<!-- generated: [^\n]*-->\n(.*?)^<!-- end", text, re.M | re.S):
            assert len(m.group(1).strip()) > 40, page.name  # the example itself, not a hole
    assert sorted(begins) == sorted(ends)
    assert len(set(begins)) == len(begins) >= 8
    assert {"quickstart-fix", "cli-word-diff", "measured"} <= set(begins)


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
    assert "Chinese officials said last week" in index  # an excerpt written in the page
    for page in ("deciding", "phrasebooks", "report", "cli", "corpus", "benchmarks", "model"):
        assert (tmp_path / page / "index.html").is_file(), page
