"""Run the JSON test cases in tests/test-cases/ (in the style of ftfy's test cases).

Each file is a list of ``{"label", "original", "fixed", "expect", "comment"?}``. A "pass"
case must repair to exactly ``fixed``; a "fail" case is a known failure, run as a
non-strict xfail so that it shows up as XPASS once the model gets it right.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import unspin

CASES_DIR = Path(__file__).parent / "test-cases"
REQUIRED = {"label", "original", "fixed", "expect"}
ALLOWED = REQUIRED | {"comment"}


def load_cases() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        for number, case in enumerate(cases):
            case_id = f"{path.stem}-{number:02d}-{case.get('label', '?')}"
            marks = []
            if case.get("expect") == "fail":
                reason = case.get("comment", "known failure")
                marks.append(pytest.mark.xfail(strict=False, reason=reason))
            params.append(pytest.param(path.name, case, id=case_id, marks=marks))
    return params


CASES = load_cases()


def test_case_files_are_well_formed():
    files = sorted(p.name for p in CASES_DIR.glob("*.json"))
    assert files == ["in-the-wild.json", "negative.json", "synthetic.json"]
    labels: set[tuple[str, str]] = set()
    for path in CASES_DIR.glob("*.json"):
        cases = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(cases, list) and cases, path.name
        for case in cases:
            assert REQUIRED <= case.keys() <= ALLOWED, case
            assert all(isinstance(case[k], str) for k in case), case
            assert case["expect"] in ("pass", "fail"), case
            assert (path.name, case["label"]) not in labels, f"duplicate label {case['label']!r}"
            labels.add((path.name, case["label"]))
            if case["expect"] == "fail":
                assert case.get("comment"), f"a known failure needs a comment: {case['label']!r}"
            if path.name == "negative.json":
                assert case["original"] == case["fixed"], case["label"]
            else:
                assert case["original"] != case["fixed"], case["label"]


def test_case_counts():
    by_file: dict[str, int] = {}
    for filename, _ in (p.values for p in CASES):
        by_file[filename] = by_file.get(filename, 0) + 1
    assert by_file["negative.json"] >= 25
    assert by_file["synthetic.json"] >= 12
    assert 5 <= by_file["in-the-wild.json"] <= 10


@pytest.mark.parametrize(("filename", "case"), CASES)
def test_case(filename, case):
    result = unspin.repair(case["original"])
    assert result == case["fixed"], case.get("comment", "")


def test_in_the_wild_cases_are_copied_from_the_pairs():
    import re

    pairs = Path(__file__).parent.parent / "benchmarks" / "data" / "pairs"
    cases = json.loads((CASES_DIR / "in-the-wild.json").read_text(encoding="utf-8"))
    for case in cases:
        m = re.search(r"pairs/(\d+)\.spun\.txt line (\d+)", case.get("comment", ""))
        assert m, f"no provenance in the comment: {case['label']!r}"
        pid, line = m.group(1), int(m.group(2))
        spun = (pairs / f"{pid}.spun.txt").read_text(encoding="utf-8").split("\n")[line - 1]
        orig = (pairs / f"{pid}.orig.txt").read_text(encoding="utf-8").split("\n")[line - 1]
        assert case["original"] in spun
        assert case["fixed"] in orig
