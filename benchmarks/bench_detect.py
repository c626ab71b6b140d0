"""Detection benchmark over paragraphs: spun against clean.

Spun paragraphs: paragraphs of the development pairs' spun sides that differ from their
originals, and the changed paragraphs of simulated spun copies of the clean texts
(``simulate.py``, at 4%-40% of tokens, half sparing quotations). Clean paragraphs: the
clean seeds, ``benchmarks/data/clean/`` and the original sides of the pairs. Paragraphs
under ``--min-words`` words (bylines, "Image", "SHARE THIS POST") carry no evidence
either way and are left out.

Each paragraph is scored alone, and again in its document (``detect(doc).paragraphs``,
where a spun copy's unchanged paragraphs count as clean). Reports ROC AUC, precision,
recall and false-positive rate at the default threshold (overall, and by source and
simulated rate), how many of the hard negatives of ``tests/test-cases/negative.json`` are
flagged, the Brier score with a reliability table, and detection speed on clean
text against the automaton pass alone: on about 1 MB of the clean texts repeated (best of
three runs; detection, like repair, reuses its work on a passage it met before), and on
distinct documents each met once (the clean documents of ``negative.json``: the document
score on the even ones, paragraph scores on the odd ones). The reliability table depends
on the mix: the detector's prior share of spun text is 0.09, the benchmark's is higher, so
the table also weighs the spun paragraphs down to that share.

    python benchmarks/bench_detect.py [--json] [--min-words N] [--no-speed]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sysconfig
from pathlib import Path
from typing import NamedTuple

from common import (
    best_time,
    clean_text_of_size,
    clean_texts,
    dev_pairs,
    held_out_repairer,
    negative_cases,
    one_pass,
    page_pairs,
    read,
)

import unspin
from unspin.detecting import THRESHOLD, paragraph_spans
from unspin.rates import PRIOR_SPUN
from unspin.tokenizing import tokens


def _paragraphs(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraph_spans(text)]


class Document(NamedTuple):
    source: str  # "pair 000", "simulated NAME@RATE", or a clean text's name
    text: str
    labels: list[int]  # per paragraph (paragraph_spans): 1 if spun
    # per paragraph: 1 if spun with a substitution the benchmark's phrasebook has (every
    # spun paragraph of the pairs, whose substitutions the book was made from)
    in_book: list[int]


def labelled_documents() -> list[Document]:
    """Every benchmark document with its paragraphs labelled: a paragraph is spun if its
    tokens differ from the original's (an unchanged paragraph of a spun text is clean)."""
    docs = []
    for pid, spun, orig in dev_pairs():
        labels = _labels(spun, orig)
        docs.append(Document(f"pair {pid}", spun, labels, labels))
    for name, text in clean_texts().items():
        none = [0] * len(paragraph_spans(text))
        docs.append(Document(name, text, none, none))
    for name, spun, clean, book_spans in _simulated():
        in_book = [
            int(any(s <= a and b <= e for a, b in book_spans)) for s, e in paragraph_spans(spun)
        ]
        docs.append(Document(f"simulated {name}", spun, _labels(spun, clean), in_book))
    return docs


def _labels(spun: str, orig: str) -> list[int]:
    after, before = _paragraphs(spun), _paragraphs(orig)
    if len(after) != len(before):
        return [1] * len(after)
    return [int(tokens(a) != tokens(b)) for a, b in zip(after, before, strict=True)]


def labelled_paragraphs(
    min_words: int, docs: list[Document] | None = None
) -> list[tuple[str, int, str, int]]:
    """(source, label, paragraph, in book), label 1 for spun, each paragraph to be scored
    alone; in book 1 for a spun paragraph holding a substitution the phrasebook has.

    A simulated copy's unchanged paragraphs duplicate the clean text's, already counted.
    """
    out = []
    for doc in labelled_documents() if docs is None else docs:
        simulated = doc.source.startswith("simulated")
        rows = zip(_paragraphs(doc.text), doc.labels, doc.in_book, strict=True)
        for para, label, in_book in rows:
            if len(para.split()) >= min_words and (label or not simulated):
                out.append((doc.source, label, para, in_book))
    return out


SIMULATED_RATES = (0.04, 0.12, 0.25, 0.40)


def _simulated() -> list[tuple[str, str, str, list[tuple[int, int]]]]:
    """(name, spun copy, clean text, spans of the copy's substitutions that the
    phrasebook has): the clean texts that are not pair originals, spun by
    ``simulate.py`` at 4%-40% of tokens, if the simulator is there."""
    path = Path(__file__).with_name("simulate.py")
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location("simulate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = []
    for name, text in clean_texts().items():
        if name.endswith(".orig.txt"):
            continue
        spinner = module.Spinner(seed=7 + sum(map(ord, name)))
        for k, rate in enumerate(SIMULATED_RATES):
            spun = spinner.spin(text, rate, spare_quotes=k % 2 == 1)
            book = [(x.start, x.end) for x in spun.substitutions if x.split == "book"]
            out.append((f"{name}@{rate}", spun.text, text, book))
    return out


def roc_auc(scores: list[tuple[float, int]]) -> float:
    pos = [s for s, label in scores if label]
    neg = [s for s, label in scores if not label]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _prior_weight(scores: list[tuple[float, int]]) -> float:
    """The weight of a spun paragraph that makes spun text :data:`PRIOR_SPUN` of the
    benchmark, the share the detector's probabilities are stated for."""
    spun = sum(y for _, y in scores)
    return PRIOR_SPUN / (1.0 - PRIOR_SPUN) * (len(scores) - spun) / max(spun, 1)


def brier(scores: list[tuple[float, int]], spun_weight: float = 1.0) -> float:
    weights = [spun_weight if y else 1.0 for _, y in scores]
    total = sum(w * (s - y) ** 2 for w, (s, y) in zip(weights, scores, strict=True))
    return round(total / sum(weights), 4)


def reliability(scores: list[tuple[float, int]], bins: int = 5) -> list[dict]:
    """Per score bin: paragraphs, mean score, the share spun, and the share spun with the
    spun paragraphs weighted to the detector's prior share (``spun_share_at_prior``)."""
    w = _prior_weight(scores)
    table = []
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        inside = [(s, y) for s, y in scores if lo <= s < hi or (k == bins - 1 and s == 1.0)]
        if inside:
            spun = sum(y for _, y in inside)
            table.append(
                {
                    "bin": f"{lo:.1f}-{hi:.1f}",
                    "n": len(inside),
                    "mean_score": round(sum(s for s, _ in inside) / len(inside), 3),
                    "spun_share": round(spun / len(inside), 3),
                    "spun_share_at_prior": round(w * spun / (w * spun + len(inside) - spun), 3),
                }
            )
    return table


def measure(scores: list[tuple[float, int]]) -> dict:
    """ROC AUC, and precision, recall and false-positive rate at the default threshold."""
    flagged = [(s >= THRESHOLD, y) for s, y in scores]
    tp = sum(1 for f, y in flagged if f and y)
    fp = sum(1 for f, y in flagged if f and not y)
    pos = sum(y for _, y in scores)
    neg = len(scores) - pos
    return {
        "spun": pos,
        "clean": neg,
        "roc_auc": round(roc_auc(scores), 4),
        "precision": round(tp / max(tp + fp, 1), 4),
        "recall": round(tp / max(pos, 1), 4),
        "false_positive_rate": round(fp / max(neg, 1), 4),
    }


def _group(source: str) -> str:
    if source.startswith("pair"):
        return "development pairs"
    if source.startswith("simulated"):
        return "simulated at " + source.rsplit("@", 1)[1]
    return "clean"


def quality(min_words: int) -> dict:
    docs = labelled_documents()
    rows = labelled_paragraphs(min_words, docs)
    repairer = held_out_repairer()
    scores = [(repairer.detect(para).score, label) for _, label, para, _ in rows]
    clean = [(s, y) for s, y in scores if not y]
    groups: dict[str, list[tuple[float, int]]] = {}
    for (src, label, _, _), score in zip(rows, scores, strict=True):
        if label:
            groups.setdefault(_group(src), []).append(score)
    false_positives = [
        (src, round(s, 3), para[:70])
        for (src, y, para, _), (s, _) in zip(rows, scores, strict=True)
        if s >= THRESHOLD and not y
    ]
    return {
        "paragraphs": {**measure(scores), "min_words": min_words},
        "threshold": THRESHOLD,
        "by_source": {name: measure(group + clean) for name, group in sorted(groups.items())},
        "phrasebook_bound": phrasebook_bound(rows, scores),
        "in_document": in_document(min_words, repairer, docs),
        "brier": brier(scores),
        "brier_at_prior": brier(scores, _prior_weight(scores)),
        "reliability": reliability(scores),
        "false_positives": false_positives,
    }


def phrasebook_bound(
    rows: list[tuple[str, int, str, int]], scores: list[tuple[float, int]]
) -> dict:
    """What a detector that reads the phrasebook can reach on these paragraphs.

    A spun paragraph none of whose substitutions the phrasebook has (a simulated copy's
    held or risky pairs only) carries no evidence it could read. ``bound``: the ROC AUC
    if every other spun paragraph ranked above every clean one, these as scored; ``in
    book``: the AUC of the detector on the spun paragraphs it could read.
    """
    bounded = [
        (2.0 if in_book else s, y) for (_, _, _, in_book), (s, y) in zip(rows, scores, strict=True)
    ]
    readable = [
        (s, y) for (_, _, _, in_book), (s, y) in zip(rows, scores, strict=True) if in_book or not y
    ]
    return {
        "unreadable_spun": sum(1 for _, y, _, in_book in rows if y and not in_book),
        "bound": round(roc_auc(bounded), 4),
        "in_book": measure(readable),
    }


def in_document(min_words: int, repairer: unspin.Repairer, docs: list[Document]) -> dict:
    """Paragraph scores as ``detect(document)`` reports them, every paragraph of every
    document. A spun copy's unchanged paragraphs count as clean; their false-positive
    rate is reported apart from that of the clean texts' paragraphs."""
    scores = []
    flags: dict[str, list[bool]] = {"clean_texts": [], "spared": []}
    for doc in docs:
        result = repairer.detect(doc.text)
        spans = paragraph_spans(doc.text)
        found = [p.score for p in result.paragraphs] or [result.score] * len(spans)
        kind = "spared" if any(doc.labels) else "clean_texts"
        for (start, end), score, label in zip(spans, found, doc.labels, strict=True):
            if len(doc.text[start:end].split()) >= min_words:
                scores.append((score, label))
                if not label:
                    flags[kind].append(score >= THRESHOLD)
    figures = measure(scores)
    for kind, flagged in flags.items():
        figures[f"false_positive_rate_{kind}"] = round(sum(flagged) / max(len(flagged), 1), 4)
    figures["spared_paragraphs"] = len(flags["spared"])
    return figures


FOREIGN = Path(__file__).parent / "data" / "foreign"


def _not_prose_files() -> dict[str, list[Path]]:
    """Texts that are not English prose: the standard library's source files (every
    twentieth, by name), those of the installed libraries (likewise: docstrings in a
    technical register, name lists), the JSON and CSV files installed beside them, and
    the news paragraphs in German, French, Spanish and Chinese of ``data/foreign``."""
    paths = sysconfig.get_paths()
    stdlib = Path(paths["stdlib"])
    installed = [stdlib, Path(paths["purelib"])]
    data = sorted({p for root in installed for p in root.rglob("*.json")})
    tables = sorted({p for root in installed for p in root.rglob("*.csv")})
    return {
        "python": [p for p in sorted(stdlib.rglob("*.py")) if "site-packages" not in p.parts][::20],
        "python libraries": sorted(Path(paths["purelib"]).rglob("*.py"))[::20],
        "json": data[:: max(1, len(data) // 50)],
        "csv": tables[:: max(1, len(tables) // 50)],
        "other languages": sorted(FOREIGN.glob("*.txt")),
    }


def not_prose(limit: int = 20_000) -> dict:
    """How many texts that are not English prose are flagged spun, their mean score, and
    how many repair changes (each file's first ``limit`` characters)."""
    out = {}
    for kind, files in _not_prose_files().items():
        scores = []
        changed = 0
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")[:limit]
            found = unspin.detect(text, paragraphs=False)
            scores.append((round(found.score, 4), path.name))
            changed += unspin.repair(text) != text
        scores.sort(reverse=True)
        out[kind] = {
            "files": len(scores),
            "changed": changed,
            "flagged": sum(s >= THRESHOLD for s, _ in scores),
            "mean_score": round(sum(s for s, _ in scores) / max(len(scores), 1), 4),
            "highest": scores[:3],
        }
    return out


def hard_negatives() -> dict:
    """The clean texts of ``tests/test-cases/negative.json`` (hard negatives: the spinner's
    favourite words in their own sense), each scored alone: how many are flagged, and the
    highest scores. The known failures of repair are scored too."""
    cases = negative_cases()
    scored = sorted(
        ((round(unspin.detect(c["original"]).score, 4), c["label"]) for c in cases), reverse=True
    )
    return {
        "texts": len(scored),
        "flagged": sum(s >= THRESHOLD for s, _ in scored),
        "highest": scored[:5],
    }


def real_pages(folders: list[Path], clean_folders: list[Path], min_words: int) -> dict:
    """Real spun pages against their originals (folders of ``NAME.spun.txt`` and
    ``NAME.orig.txt``, kept outside the repository: see data/REAL_PAGES.md), and real
    clean documents (folders of ``*.txt``): paragraphs alone, and whole pages."""
    repairer = unspin.Repairer()
    paragraphs: list[tuple[float, int]] = []
    pages: list[tuple[float, int]] = []
    for _, spun, orig in page_pairs(folders):
        pages += [(repairer.detect(spun).score, 1), (repairer.detect(orig).score, 0)]
        for para, label in zip(_paragraphs(spun), _labels(spun, orig), strict=True):
            if len(para.split()) >= min_words:
                paragraphs.append((repairer.detect(para).score, label))
        for para in _paragraphs(orig):
            if len(para.split()) >= min_words:
                paragraphs.append((repairer.detect(para).score, 0))
    for folder in clean_folders:
        for path in sorted(folder.glob("*.txt")):
            text = read(path)
            pages.append((repairer.detect(text).score, 0))
            for para in _paragraphs(text):
                if len(para.split()) >= min_words:
                    paragraphs.append((repairer.detect(para).score, 0))
    return {
        "paragraphs": measure(paragraphs),
        "pages": measure(pages),
        "clean_pages_flagged": sum(1 for s, y in pages if not y and s >= THRESHOLD),
        "reliability": reliability(paragraphs),
    }


def speed(size: int = 1_000_000, rounds: int = 3) -> dict:
    text = clean_text_of_size(size)
    repairer = unspin.Repairer()
    matcher, _ = repairer._compile()
    repairer.detect("warm up")

    scan = best_time(lambda: matcher.find(text), rounds)
    whole = best_time(lambda: repairer.detect(text, paragraphs=False), rounds)
    paras = best_time(lambda: repairer.detect(text), rounds)
    mb = len(text.encode("utf-8")) / 1e6
    return {
        "megabytes": round(mb, 3),
        "automaton_pass_mb_s": round(mb / scan, 2),
        "detect_document_mb_s": round(mb / whole, 2),
        "detect_with_paragraphs_mb_s": round(mb / paras, 2),
        "document_cost_vs_pass": round(whole / scan, 2),
    }


def speed_varied() -> dict:
    """Detection's speed on distinct clean documents, each met once (one pass): the
    document score on the even documents of ``negative.json``, paragraph scores on the odd
    ones, against the automaton pass over the even ones."""
    docs = [case["original"] for case in negative_cases()]
    even, odd = docs[0::2], docs[1::2]
    repairer = unspin.Repairer()
    matcher, _ = repairer._compile()
    repairer.detect("warm up")

    scan = one_pass(matcher.find, even)
    whole = one_pass(lambda t: repairer.detect(t, paragraphs=False), even)
    paras = one_pass(repairer.detect, odd)
    mb_even = sum(len(t.encode("utf-8")) for t in even) / 1e6
    mb_odd = sum(len(t.encode("utf-8")) for t in odd) / 1e6
    return {
        "documents": len(docs),
        "megabytes": round(mb_even + mb_odd, 3),
        "automaton_pass_mb_s": round(mb_even / scan, 2),
        "detect_document_mb_s": round(mb_even / whole, 3),
        "detect_with_paragraphs_mb_s": round(mb_odd / paras, 3),
    }


def _line(m: dict) -> str:
    return (
        f"ROC AUC {m['roc_auc']}, at {THRESHOLD}: precision {m['precision']} "
        f"recall {m['recall']} false-positive rate {m['false_positive_rate']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--min-words", type=int, default=10)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument(
        "--real", type=Path, action="append", default=[], metavar="DIR",
        help="a folder of real spun pages and their originals (NAME.spun.txt, NAME.orig.txt)",
    )  # fmt: skip
    parser.add_argument(
        "--clean-real", type=Path, action="append", default=[], metavar="DIR",
        help="a folder of real clean documents (*.txt)",
    )  # fmt: skip
    args = parser.parse_args()
    # First: the hard negatives below are the same documents, met again.
    varied = None if args.no_speed else speed_varied()
    report = {
        "quality": quality(args.min_words),
        "not_prose": not_prose(),
        "hard_negatives": hard_negatives(),
    }
    if args.real or args.clean_real:
        report["real"] = real_pages(args.real, args.clean_real, args.min_words)
    if not args.no_speed:
        report["speed"] = speed()
        report["speed_varied"] = varied
    if args.json:
        print(json.dumps(report, indent=2))
        return
    q = report["quality"]
    p = q["paragraphs"]
    print(f"paragraphs alone: {p['spun']} spun, {p['clean']} clean (>= {p['min_words']} words)")
    print(f"  {_line(p)}  Brier {q['brier']}")
    for name, m in q["by_source"].items():
        print(f"  {name} ({m['spun']} spun) against clean: {_line(m)}")
    b = q["phrasebook_bound"]
    print(
        f"  {b['unreadable_spun']} spun paragraphs hold no substitution the phrasebook has: "
        f"a phrasebook detector's ROC AUC is at most {b['bound']}"
    )
    readable = b["in_book"]
    print(f"  spun paragraphs it can read ({readable['spun']}) against clean: {_line(readable)}")
    d = q["in_document"]
    print(
        f"paragraphs in their documents: {d['spun']} spun, {d['clean']} clean "
        f"({d['spared_paragraphs']} of them unchanged in spun copies)"
    )
    print(f"  {_line(d)}")
    print(
        f"  false-positive rate on clean texts {d['false_positive_rate_clean_texts']}, "
        f"on unchanged paragraphs of spun copies {d['false_positive_rate_spared']}"
    )
    print(
        f"reliability (score bin: n, mean score, share spun, share spun weighted to the "
        f"prior {PRIOR_SPUN}; Brier {q['brier']}, weighted {q['brier_at_prior']}):"
    )
    for row in q["reliability"]:
        print(
            f"  {row['bin']}: {row['n']:4d}  {row['mean_score']:.3f}  {row['spun_share']:.3f}"
            f"  {row['spun_share_at_prior']:.3f}"
        )
    for fp in q["false_positives"]:
        print("  false positive:", fp)
    if "real" in report:
        r = report["real"]
        print(f"real pages: paragraphs {_line(r['paragraphs'])}")
        print(f"  pages {_line(r['pages'])}; clean pages flagged {r['clean_pages_flagged']}")
        for row in r["reliability"]:
            print(
                f"  {row['bin']}: {row['n']:4d}  {row['mean_score']:.3f}  {row['spun_share']:.3f}"
            )
    h = report["hard_negatives"]
    print(f"hard negatives (negative.json): {h['flagged']} of {h['texts']} flagged; highest:")
    for score, label in h["highest"]:
        print(f"  {score}  {label}")
    print("not English prose (flagged, mean score, highest):")
    for kind, m in report["not_prose"].items():
        print(f"  {kind}: {m['flagged']} of {m['files']}, mean {m['mean_score']}, {m['highest']}")
    if "speed" in report:
        s = report["speed"]
        print(
            f"speed on {s['megabytes']} MB clean: automaton pass {s['automaton_pass_mb_s']} MB/s, "
            f"detect {s['detect_document_mb_s']} MB/s ({s['document_cost_vs_pass']}x the pass), "
            f"with paragraph scores {s['detect_with_paragraphs_mb_s']} MB/s"
        )
    if "speed_varied" in report:
        s = report["speed_varied"]
        print(
            f"speed on {s['documents']} distinct clean documents ({s['megabytes']} MB), each"
            f" met once: automaton pass {s['automaton_pass_mb_s']} MB/s, detect"
            f" {s['detect_document_mb_s']} MB/s, with paragraph scores"
            f" {s['detect_with_paragraphs_mb_s']} MB/s"
        )


if __name__ == "__main__":
    main()
