"""Write the documentation's examples and figures into its pages by running the code.

    python docs/gen_examples.py            rewrite the generated parts of docs/*.md
    python docs/gen_examples.py --check    exit 1 if any of them is out of date
    python docs/gen_examples.py --measure  also the measured figures (this machine's)

Every before-and-after excerpt, worked example and figure on the documentation pages is
written into the page itself, between ``<!-- generated: NAME ... -->`` and
``<!-- end generated: NAME -->``, so that the Markdown read in the repository shows it as
the site does. ``tests/test_docs.py`` runs ``--check``: when the model changes, the pages
change with it (run this script and commit the result). The measured figures (speed,
and detection quality, which depends on the simulated paragraphs present) depend on the
machine and the checkout and are left out of the check.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

import unspin  # noqa: E402
from unspin import Config, Repairer  # noqa: E402
from unspin.rates import PRIOR_SPUN  # noqa: E402

SEED_000 = next((ROOT / "seeds").glob("000_*.txt"))
EXAMPLE = "Chinese language officers mentioned final week that the Center East talks would resume."


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def fence(text: str, lang: str = "") -> str:
    return f"```{lang}\n{text.rstrip()}\n```\n"


class Printed(str):
    """Output a statement prints (shown as it is, not as a repr)."""


def session(lines: list[tuple[str, object]]) -> str:
    """A Python session: each statement with the repr (or printed text) it gives."""
    out = []
    for code, result in lines:
        out.append(">>> " + code.replace("\n", "\n... ").rstrip())
        if result is not None:
            out.append(result if isinstance(result, Printed) else repr(result))
    return fence("\n".join(out), "pycon")


def unspin_cli(*args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "unspin", *args], capture_output=True, env=env, cwd=ROOT, check=True
    )
    return done.stdout.decode("utf-8")


# --- quickstart ------------------------------------------------------------------------


def quickstart_fix() -> str:
    """Two paragraphs of seed 000 before and after ``unspin fix``."""
    spun = read(SEED_000)
    fixed = unspin_cli("fix", rel(SEED_000))
    before, after = spun.split("\n\n"), fixed.split("\n\n")
    assert len(before) == len(after)
    picks = [2, 3]
    return (
        f"`{rel(SEED_000)}`, paragraphs {picks[0] + 1} and {picks[-1] + 1}, as found:\n\n"
        + fence("\n\n".join(before[k] for k in picks), "text")
        + "\nand as `unspin fix` prints them:\n\n"
        + fence("\n\n".join(after[k] for k in picks), "text")
    )


def quickstart_explain() -> str:
    result = unspin.repair_and_explain(EXAMPLE)
    edits = "\n".join(
        f"{e.start:>3} {e.end:>3}  {e.before!r:20} -> {e.after!r:12} {e.confidence:.2f}"
        for e in result.edits
    )
    declined = "\n".join(f"{d.before!r} -> {d.after!r} {d.confidence:.2f}" for d in result.declined)
    first = result.edits[0]
    return session(
        [
            ("from unspin import repair_and_explain", None),
            (f"result = repair_and_explain({EXAMPLE!r})", None),
            ("result.text", result.text),
            ("round(result.spin_rate, 2)", round(result.spin_rate, 2)),
            (
                "for e in result.edits:\n"
                '    print(f"{e.start:>3} {e.end:>3}  {e.before!r:20} -> {e.after!r:12} '
                '{e.confidence:.2f}")\n',
                Printed(edits),
            ),
            ("print(result.edits[0].entry)", Printed(first.entry)),
            ("result.edits[0].evidence", _rounded(first.evidence)),
            (
                "for d in result.declined:\n"
                '    print(f"{d.before!r} -> {d.after!r} {d.confidence:.2f}")\n',
                Printed(declined) if declined else None,
            ),
        ]
    )


class _Repr:
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _rounded(evidence: unspin.Evidence) -> _Repr:
    fields = ", ".join(
        f"{k}={round(v, 3) if isinstance(v, float) else v!r}" for k, v in evidence._asdict().items()
    )
    return _Repr(f"Evidence({fields})")


def quickstart_json() -> str:
    lines = unspin_cli("fix", "--explain", rel(SEED_000)).splitlines()[:3]
    return fence("\n".join(lines), "json")


def cli_word_diff() -> str:
    """``unspin fix --diff --word`` on seed 000: the headers and the first paragraph with
    a few edits (a line of prose is a paragraph)."""
    out = unspin_cli("fix", "--diff", "--word", rel(SEED_000)).splitlines()
    first = next(i for i, line in enumerate(out) if line.count("[-") >= 3)
    shown = [*out[:3], "...", out[first], "..."]
    return f"`unspin fix --diff --word {rel(SEED_000)}`:\n\n" + fence("\n".join(shown), "text")


# --- how the model decides -------------------------------------------------------------


def worked_example() -> str:
    """One edit of seed 000 taken apart, and the same sentence as a document of its own."""
    from unspin import calibration

    config = Config()
    repairer = Repairer(config)
    text = read(SEED_000)
    result = repairer.explain(text)
    everything = result.edits + result.declined

    def alone(d: unspin.Edit) -> bool:
        """A candidate decided on its own: the only one near its span."""
        return not [
            o for o in everything if o is not d and o.start < d.end + 2 and o.end > d.start - 2
        ]

    # An ordinary word the spinner often substitutes, decided on its own.
    candidates = [e for e in result.edits if alone(e)]
    preferred = ("officers", "within", "chief", "talk", "mentioned")
    pick = min(candidates, key=lambda e: (*preferred, e.before).index(e.before))
    line_start = text.rfind("\n", 0, pick.start) + 1
    line_end = text.find("\n", pick.end)
    sentence_start = max(text.rfind(". ", line_start, pick.start) + 2, line_start)
    sentence_end = text.find(". ", pick.end, line_end) + 1 or line_end
    sentence = text[sentence_start:sentence_end]
    ev = pick.evidence

    def words(*ws: str | None) -> str:
        return " ".join("⟨start⟩" if w == "<s>" else w for w in ws if w is not None)

    terms = [
        (
            "channel",
            "log (prior / n)",
            ev.share,
            f"the entry's prior {pick.entry.prior} over the alternatives the spinner is "
            f"expected to have for “{pick.entry.original}”",
        ),
        (
            "calibration",
            f"{calibration.BIAS} × prior + {calibration.BASE}",
            calibration.log_odds(1.0, pick.entry.prior),
            "fitted on real spun pages (unspin.calibration; less for weak entries)",
        ),
        (
            "language model",
            "log-ratio, capped",
            ev.lm,
            f"“{words(ev.left, pick.entry.original, ev.right)}” against "
            f"“{words(ev.left, pick.before.lower(), ev.right)}”",
        ),
        ("capitals", "", ev.case, ""),
        ("a / an", "", ev.article, ""),
    ]
    total = sum(t[2] for t in terms)
    rows = "\n".join(
        f"| {name} | {how} | {value:+.2f} | {note} |" for name, how, value, note in terms
    )
    own = repairer.explain(sentence)
    own_pick = [d for d in own.edits + own.declined if d.before == pick.before]
    assert own_pick, "the sentence alone no longer holds the candidate"
    best = max(own_pick, key=lambda d: d.confidence)
    verdict = "made" if any(d in own.edits for d in own_pick) else "declined"
    other_edits = ", ".join(f"“{e.before}” → “{e.after}”" for e in own.edits) or "none"
    return (
        f"Seed 000 (`{rel(SEED_000)}`) has {len(result.edits)} edits and "
        f"{len(result.declined)} declined candidates. Take this sentence:\n\n"
        f"> {sentence}\n\n"
        f"“{pick.before}” (characters {pick.start}-{pick.end}) matches the phrasebook entry "
        f"`{pick.entry}`. No other candidate touches it, so it is decided alone. Its region "
        f"(its line) was spun with probability {ev.spun:.3f}, at an expected rate of "
        f"{ev.spin_rate:.3f} if it was. At a rate ρ, the odds that the spinner wrote "
        f"“{pick.before}” for “{pick.entry.original}” are ρ times the exponential of these "
        "terms, over the probability that the observed word, had the writer chosen it, "
        "survived the spinner (1 − ρ κ, κ the chance that it is one of the spinner's keys):"
        "\n\n"
        "| term | what | log-odds | from |\n| --- | --- | ---: | --- |\n"
        f"{rows}\n| **sum** | | **{total:+.2f}** | |\n\n"
        "The confidence is the probability of the edit averaged over the region's posterior "
        f"rates, clean included: **{pick.confidence:.3f}**, at least the threshold "
        f"{config.threshold}, so “{pick.before}” becomes “{pick.after}”.\n\n"
        "The same sentence as a document of its own carries much less evidence: its region "
        f"is spun with probability {best.evidence.spun:.3f}, and “{pick.before}” → "
        f"“{pick.after}” gets {best.confidence:.3f}: {verdict}. "
        f"(Edits made in the sentence alone: {other_edits}.) “{pick.before}” is "
        "ordinary English; it is only worth changing where the spinner has plainly been "
        "through.\n"
    )


# --- phrasebooks and learning -----------------------------------------------------------


def learning_example() -> str:
    from unspin.learning import learn, write_phrasebook

    pairs = ROOT / "benchmarks" / "data" / "pairs"
    orig = read(pairs / "002.orig.txt").splitlines()
    spun = read(pairs / "002.spun.txt").splitlines()
    k = next(i for i, p in enumerate(orig) if len(p) > 250 and p != spun[i])
    pair = (orig[k], spun[k])
    entries = learn([pair])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mine.tsv"
        write_phrasebook(entries, path)
        tsv = path.read_text(encoding="utf-8")
    lines = tsv.splitlines()
    shown = lines[:16] + (["..."] if len(lines) > 16 else [])
    return (
        f"The original and spun sides of line {k + 1} of `benchmarks/data/pairs/002`:\n\n"
        + fence(pair[0], "text")
        + fence(pair[1], "text")
        + f"\n`learn([(original, spun)])` finds {len(entries)} entries; "
        '`write_phrasebook(entries, "mine.tsv")` writes:\n\n' + fence("\n".join(shown), "text")
    )


# --- benchmarks --------------------------------------------------------------------------


def benchmarks_figures() -> str:
    from bench_repair import clean_damage, error_reduction

    repairer = Repairer()
    er = error_reduction(repairer)
    rows = "\n".join(
        f"| {pid} | {r['d_spun']} | {r['d_repaired']} | {r['reduction']:.1%} | "
        f"{r.get('edits', '')} | {r.get('spin_rate', '')} |"
        for pid, r in er.items()
    )
    clean = clean_damage(repairer)
    clean_rows = "\n".join(
        f"| `{name}` | {'unchanged' if r['identical'] else 'CHANGED'} | {r['spin_rate']} | "
        f"{', '.join(r['edits']) or '-'} |"
        for name, r in clean.items()
    )
    return (
        "**Error reduction** on the development pairs (`benchmarks/data/pairs/`): token edit "
        "distance to the original before (spun) and after repair.\n\n"
        "| pair | distance, spun | distance, repaired | error reduction | edits | spin rate |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |\n"
        f"{rows}\n\n"
        "**Clean texts** (clean seeds, `benchmarks/data/clean/`, original sides of the pairs): "
        "must come back unchanged.\n\n"
        "| text | result | spin rate | edits |\n| --- | --- | ---: | --- |\n"
        f"{clean_rows}\n"
    )


def known_failures() -> str:
    cases_dir = ROOT / "tests" / "test-cases"
    repairer = Repairer()
    counts = []
    out = []
    for path in sorted(cases_dir.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        fails = [c for c in cases if c["expect"] == "fail"]
        counts.append(
            f"| `{path.name}` | {len(cases)} | {len(cases) - len(fails)} | {len(fails)} |"
        )
        for case in fails:
            got = repairer.repair(case["original"])
            status = "now passes (XPASS)" if got == case["fixed"] else "still fails"
            out.append(
                f"- **{path.stem}: {case['label']}** ({status}). {case['comment']}\n\n"
                # A carriage return would not survive a round trip through the page.
                + _indent(_word_diff(case["fixed"], got).replace("\r", "\\r"))
            )
    return (
        "| file | cases | expected to pass | known failures |\n| --- | ---: | ---: | ---: |\n"
        + "\n".join(counts)
        + "\n\nEach known failure, with the difference between the expected repair and what "
        "unspin produces now (`[-expected-]{+produced+}`):\n\n" + "\n".join(out)
    )


_PIECES = re.compile(r"\s+|\w+(?:['’-]\w+)*|[^\w\s]")


def _word_diff(expected: str, got: str) -> str:
    """The words that differ, in their context (long unchanged stretches shortened)."""
    if expected == got:
        return fence(got, "text")
    a, b = _PIECES.findall(expected), _PIECES.findall(got)
    parts = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            chunk = a[i1:i2]
            if len(chunk) > 24:
                chunk = [*chunk[:10], " … ", *chunk[-10:]]
            parts.append("".join(chunk))
        else:
            old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
            parts.append((f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else ""))
    return fence("".join(parts), "text")


def _indent(text: str) -> str:
    return "".join("    " + line if line.strip() else line for line in text.splitlines(True))


# --- measured (this machine's; not checked) -----------------------------------------------


def _detection_line(m: dict) -> str:
    return (
        f"ROC AUC {m['roc_auc']}, and at the default threshold precision {m['precision']}, "
        f"recall {m['recall']}, false-positive rate {m['false_positive_rate']}"
    )


def measured() -> str:
    import bench_report
    from bench_detect import quality
    from bench_repair import throughput

    q = quality(10)
    reliability = "\n".join(
        f"| {r['bin']} | {r['n']} | {r['mean_score']:.3f} | {r['spun_share']:.3f} "
        f"| {r['spun_share_at_prior']:.3f} |"
        for r in q["reliability"]
    )
    simulated = (ROOT / "benchmarks" / "simulate.py").exists()

    buf = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        rows_path = Path(tmp) / "bench_report.json"
        sys.argv = ["bench_report.py", "--rounds", "3", "--json", str(rows_path)]
        with redirect_stdout(buf):
            bench_report.main()
        rows = json.loads(rows_path.read_text())
    table = "\n".join(
        f"| {name} | {r['fix_s']:.2f} s | {r['report_s']:.2f} s | {r['ratio']:.2f} | "
        f"{r['repair_s']:.3f} s | {r['explain_s']:.3f} + {r['score_s']:.3f} + "
        f"{r['render_s']:.3f} s | {r['html_mb']:.1f} MB |"
        for name, r in rows.items()
    )
    t = throughput(Repairer())
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} with {cpus} CPUs "
        f"(shared), Python {platform.python_version()}.\n\n"
        f"**Detection** (`benchmarks/bench_detect.py`) on {q['paragraphs']['spun']} spun and "
        f"{q['paragraphs']['clean']} clean paragraphs of at least 10 words, each scored alone"
        + (" (simulated spun paragraphs included)" if simulated else "")
        + f": {_detection_line(q['paragraphs'])}; Brier score {q['brier']}.\n\n"
        + "".join(
            f"- {name} against the clean paragraphs: {_detection_line(m)}\n"
            for name, m in q["by_source"].items()
        )
        + f"\n{q['phrasebook_bound']['unreadable_spun']} of the spun paragraphs hold no "
        "substitution the benchmark's phrasebook has, so no detector that reads it can rank "
        f"them: its ROC AUC is at most {q['phrasebook_bound']['bound']}. On the spun "
        f"paragraphs it can read: {_detection_line(q['phrasebook_bound']['in_book'])}.\n"
        + f"\nThe same paragraphs scored in their documents (`detect(document).paragraphs`, "
        f"{q['in_document']['spared_paragraphs']} unchanged paragraphs of spun copies "
        f"counted as clean): {_detection_line(q['in_document'])}; false-positive rate on the "
        f"clean texts' paragraphs {q['in_document']['false_positive_rate_clean_texts']}, on "
        f"the spun copies' unchanged ones {q['in_document']['false_positive_rate_spared']}."
        "\n\n"
        "| score | paragraphs | mean score | share spun | share spun at the prior "
        f"({PRIOR_SPUN:.2f}) |\n| --- | ---: | ---: | ---: | ---: |\n"
        f"{reliability}\n\nBrier score {q['brier']}; {q['brier_at_prior']} with the spun "
        f"paragraphs weighted to the prior share.\n\n"
        f"**Throughput** on {t['mb']} MB of clean text: unspin {t['unspin_mb_s']} MB/s, "
        f"ftfy {t['ftfy_mb_s']} MB/s (unspin is {t['ratio']}× ftfy's speed).\n\n"
        "**The report against repair** (`benchmarks/bench_report.py`): whole commands "
        "(fresh process, `--jobs 1`, median of 3), then the steps in one process (best of 3).\n\n"
        "| input | `unspin fix` | `unspin report` | ratio | repair | explain + score + HTML "
        "| page |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        f"{table}\n"
    )


GENERATED: dict[str, Callable[[], str]] = {
    "quickstart-fix": quickstart_fix,
    "quickstart-explain": quickstart_explain,
    "quickstart-json": quickstart_json,
    "cli-word-diff": cli_word_diff,
    "worked-example": worked_example,
    "learning": learning_example,
    "benchmarks": benchmarks_figures,
    "known-failures": known_failures,
}
#: Written only with --measure; the pages keep the last ones measured.
MEASURED = "measured"
#: A generated part of a page: the begin mark (which names it), the text, the end mark.
REGION = re.compile(
    r"^(<!-- generated: ([\w-]+)\b[^\n]*-->\n)(.*?)^(<!-- end generated: \2 -->)$", re.M | re.S
)
BEGIN = "<!-- generated: {name}; written by docs/gen_examples.py from the code's output -->"
END = "<!-- end generated: {name} -->"


def fill(page: str, texts: dict[str, str]) -> tuple[str, list[str]]:
    """``page`` with the text of each of its generated parts named in ``texts`` replaced
    (a blank line on either side, for Markdown); and the names of all its parts."""
    names: list[str] = []

    def replace(m: re.Match[str]) -> str:
        name = m.group(2)
        names.append(name)
        if name not in texts:
            return m.group(0)
        return f"{m.group(1)}\n{texts[name].strip()}\n\n{m.group(4)}"

    return REGION.sub(replace, page), names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("--measure", action="store_true", help="also measure this machine")
    args = parser.parse_args()
    texts = {name: make() for name, make in GENERATED.items()}
    if args.measure and not args.check:
        texts[MEASURED] = measured()
    stale, found = [], set()
    for path in sorted(DOCS.glob("*.md")):
        page = path.read_text(encoding="utf-8")
        new, names = fill(page, texts)
        found.update(names)
        if new == page:
            continue
        if args.check:
            stale.append(path)
        else:
            path.write_text(new, encoding="utf-8")
            print(f"wrote {rel(path)}")
    problems = [f"no page has a generated part {n!r}" for n in sorted(set(GENERATED) - found)]
    problems += [f"no generator for the part {n!r}" for n in sorted(found - {*GENERATED, MEASURED})]
    if stale:
        names = ", ".join(rel(p) for p in stale)
        problems.append(f"out of date: {names}; run python docs/gen_examples.py")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
