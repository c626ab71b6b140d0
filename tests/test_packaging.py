"""The package declares what it imports: a fresh ``pip install .`` must run unspin."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "unspin"
#: Distribution name -> the module it installs, where they differ.
MODULE_OF = {"pyahocorasick": "ahocorasick"}
#: Adapters for an optional engine: imported only by users of that engine, who install
#: its extra (pyproject.toml's optional dependencies).
OPTIONAL = {"datatrove.py", "spark.py"}


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {regex.match(r"[A-Za-z0-9_.\-]+", d).group() for d in project["dependencies"]}
    return {MODULE_OF.get(n, n).replace("-", "_") for n in names}


def module_level_imports(path: Path) -> set[str]:
    """The top-level modules ``path`` imports when it is imported (not inside functions)."""
    out = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_every_module_level_import_is_a_declared_dependency():
    allowed = declared() | set(sys.stdlib_module_names) | {"unspin"}
    missing = {
        path.name: sorted(module_level_imports(path) - allowed)
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name not in OPTIONAL
    }
    assert {name: mods for name, mods in missing.items() if mods} == {}


def test_the_check_sees_a_missing_dependency(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import numpy as np\nimport json\n\ndef f():\n    import pyarrow\n")
    assert module_level_imports(module) == {"numpy", "json"}
    assert "numpy" in declared() and "ahocorasick" in declared()
