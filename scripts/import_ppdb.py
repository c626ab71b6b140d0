"""Derive ``scripts/data/ppdb/lexical.tsv[.gz]`` and ``phrasal.tsv`` from PPDB files.

PPDB, the Paraphrase Database (Ganitkevitch, Van Durme & Callison-Burch 2013; Pavlick
et al. 2015, PPDB 2.0) is released under CC BY 3.0 (http://paraphrase.org). This is a
development-time script: it reads local copies of PPDB files named on the command line
and writes the derived tables deterministically. Nothing is downloaded.

Inputs (every option may be repeated; give whichever you have):

``--raw FILE``
    A PPDB release file in its own format (plain or ``.gz``), e.g.
    ``ppdb-2.0-xl-lexical``: ``[LHS] ||| phrase1 ||| phrase2 ||| features |||
    alignment [||| entailment]``. Single-word rows go to the lexical table;
    with ``--raw-phrasal``, rows of at most 4 words a side also go to the phrasal one.
``--wordlists FILE``
    Faruqui et al.'s retrofitting lexicon ``lexicons/ppdb-xl.txt``: one head word per
    line followed by its PPDB-XL lexical paraphrases, space separated (no scores).
``--pairs-equivalence FILE``
    Mrksic et al.'s counter-fitting ``linguistic_constraints/ppdb_synonyms.txt``: one
    ``word1 word2`` pair per line, PPDB 2.0 pairs labelled Equivalence.
``--scored-lists FILE``
    ``ppdb2.txt`` from huajianjiu/Bernoulli-CBOFP: ``word para1 score1 para2 score2 ...
    </s>`` per line, extracted from ``ppdb-2.0-tldr``; the score is PPDB2.0Score.
``--human FILE``
    The PPDB 2.0 human judgements (``ppdb-sample.tsv``, ``wiki-sample.tsv``): mean
    rating (1-5), LHS, phrase, paraphrase, the five ratings. Goes to the phrasal table.

Lexical filters, applied in this order to distinct (word1, word2, pos) rows, each
counted: both sides English words (ASCII letters, inner hyphen/apostrophe allowed);
not identical; not inflections of each other (they share a lemma by lemminflect's
``getAllLemmas``); entailment not Exclusion/Independent (where known); both words with
wordfreq Zipf >= ``--min-zipf`` in English. Pairs are never symmetrised: a direction is
kept only if a source lists it. One row is kept per (word1, word2, pos), with the best
PPDB2.0Score; the ``sources`` column names every input that gave the pair.

Run (paths to the fetched copies, see scripts/data/ppdb/SOURCES.md)::

    python scripts/import_ppdb.py --wordlists ppdb-xl.txt \\
        --pairs-equivalence ppdb_synonyms.txt --scored-lists ppdb2.txt \\
        --human ppdb-sample.tsv --human wiki-sample.tsv --out-dir scripts/data/ppdb
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import pathlib
import re
import sys
from collections import Counter
from functools import cache

WORD = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")
ENTAILMENTS = (
    "Equivalence",
    "ForwardEntailment",
    "ReverseEntailment",
    "Independent",
    "OtherRelated",
    "Exclusion",
)
DROP_ENTAILMENTS = {"Exclusion", "Independent"}
MAX_PHRASE_WORDS = 4
GZIP_ABOVE = 3_000_000  # bytes of plain TSV

# Source tags written in the ``sources`` column.
TAG_RAW = "raw"
TAG_WORDLISTS = "xl1"
TAG_EQUIV = "eq2"
TAG_SCORED = "tldr2"


def open_text(path: str) -> io.TextIOBase:
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


class Table:
    """Rows keyed by (left, right, pos); keeps the best score, any entailment, sources."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], list] = {}
        self.records = 0

    def add(
        self, left: str, right: str, pos: str, score: float | None, entailment: str, source: str
    ) -> None:
        self.records += 1
        key = (left, right, pos)
        row = self.rows.get(key)
        if row is None:
            self.rows[key] = [score, entailment, {source}]
            return
        if score is not None and (row[0] is None or score > row[0]):
            row[0] = score
            if entailment:
                row[1] = entailment
        elif entailment and not row[1]:
            row[1] = entailment
        row[2].add(source)


def norm(text: str) -> str:
    return " ".join(text.strip().lower().split())


def read_raw(path: str, lexical: Table, phrasal: Table | None) -> None:
    with open_text(path) as handle:
        for line in handle:
            fields = [f.strip() for f in line.split("|||")]
            if len(fields) < 4:
                continue
            pos = fields[0]
            left, right = norm(fields[1]), norm(fields[2])
            score = None
            for feature in fields[3].split():
                name, _, value = feature.partition("=")
                if name == "PPDB2.0Score":
                    with contextlib.suppress(ValueError):
                        score = float(value)
                    break
            entailment = fields[5] if len(fields) > 5 and fields[5] in ENTAILMENTS else ""
            n_left, n_right = len(left.split()), len(right.split())
            if n_left == 1 and n_right == 1:
                lexical.add(left, right, pos, score, entailment, TAG_RAW)
            elif phrasal is not None and max(n_left, n_right) <= MAX_PHRASE_WORDS:
                phrasal.add(left, right, pos, score, entailment, TAG_RAW)


def read_wordlists(path: str, lexical: Table) -> None:
    with open_text(path) as handle:
        for line in handle:
            words = line.split()
            for other in words[1:]:
                lexical.add(words[0].lower(), other.lower(), "", None, "", TAG_WORDLISTS)


def read_equivalence_pairs(path: str, lexical: Table) -> None:
    with open_text(path) as handle:
        for line in handle:
            words = line.split()
            if len(words) == 2:
                lexical.add(words[0].lower(), words[1].lower(), "", None, "Equivalence", TAG_EQUIV)


def read_scored_lists(path: str, lexical: Table) -> None:
    with open_text(path) as handle:
        for line in handle:
            tokens = line.split()
            if tokens and tokens[-1] == "</s>":
                tokens = tokens[:-1]
            if len(tokens) < 3 or len(tokens) % 2 == 0:
                continue
            head = tokens[0].lower()
            for i in range(1, len(tokens), 2):
                try:
                    score = float(tokens[i + 1])
                except ValueError:
                    continue
                lexical.add(head, tokens[i].lower(), "", score, "", TAG_SCORED)


def read_human(path: str, phrasal: Table) -> None:
    tag = "human:" + pathlib.Path(path).name
    with open_text(path) as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 4:
                continue
            try:
                score = float(fields[0])
            except ValueError:
                continue
            phrasal.add(norm(fields[2]), norm(fields[3]), fields[1].strip(), score, "", tag)


@cache
def lemmas(word: str) -> frozenset[str]:
    from lemminflect import getAllLemmas

    found = {word}
    for forms in getAllLemmas(word).values():
        found.update(forms)
    return frozenset(found)


@cache
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def filter_lexical(table: Table, min_zipf: float, report: list[str]) -> list:
    keys = sorted(table.rows)
    report.append(
        f"lexical: {table.records} source records -> {len(keys)} distinct (word1, word2, pos) rows"
    )
    steps = [
        (
            "not both alphabetic English words",
            lambda k, r: bool(WORD.match(k[0]) and WORD.match(k[1])),
        ),
        ("identical", lambda k, r: k[0] != k[1]),
        (
            "inflections of each other (shared lemma)",
            lambda k, r: not (lemmas(k[0]) & lemmas(k[1])),
        ),
        ("entailment Exclusion/Independent", lambda k, r: r[1] not in DROP_ENTAILMENTS),
        (
            f"either word Zipf < {min_zipf}",
            lambda k, r: zipf(k[0]) >= min_zipf and zipf(k[1]) >= min_zipf,
        ),
    ]
    for name, keep in steps:
        before = len(keys)
        keys = [k for k in keys if keep(k, table.rows[k])]
        report.append(f"  - {name}: removed {before - len(keys)}, {len(keys)} left")
    return keys


def filter_phrasal(table: Table, report: list[str]) -> list:
    keys = sorted(table.rows)
    report.append(
        f"phrasal: {table.records} source records -> {len(keys)} distinct "
        "(phrase1, phrase2, pos) rows"
    )
    steps = [
        (
            f"more than {MAX_PHRASE_WORDS} words a side",
            lambda k, r: max(len(k[0].split()), len(k[1].split())) <= MAX_PHRASE_WORDS,
        ),
        ("empty or identical", lambda k, r: bool(k[0]) and bool(k[1]) and k[0] != k[1]),
        ("entailment Exclusion/Independent", lambda k, r: r[1] not in DROP_ENTAILMENTS),
    ]
    for name, keep in steps:
        before = len(keys)
        keys = [k for k in keys if keep(k, table.rows[k])]
        report.append(f"  - {name}: removed {before - len(keys)}, {len(keys)} left")
    return keys


def render(table: Table, keys: list, header: str) -> str:
    out = [header]
    for key in keys:
        score, entailment, sources = table.rows[key]
        shown = "" if score is None else f"{score:.5f}".rstrip("0").rstrip(".")
        out.append("\t".join((*key, shown, entailment, ",".join(sorted(sources)))))
    return "\n".join(out) + "\n"


def write(path: pathlib.Path, text: str) -> pathlib.Path:
    data = text.encode("utf-8")
    plain, packed = path, path.with_name(path.name + ".gz")
    if len(data) > GZIP_ABOVE:
        # mtime=0 and no file name keep the archive byte-identical between runs.
        with (
            open(packed, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0, compresslevel=9) as gz,
        ):
            gz.write(data)
        plain.unlink(missing_ok=True)
        return packed
    plain.write_bytes(data)
    packed.unlink(missing_ok=True)
    return plain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", action="append", default=[])
    parser.add_argument("--raw-phrasal", action="store_true")
    parser.add_argument("--wordlists", action="append", default=[])
    parser.add_argument("--pairs-equivalence", action="append", default=[])
    parser.add_argument("--scored-lists", action="append", default=[])
    parser.add_argument("--human", action="append", default=[])
    parser.add_argument("--min-zipf", type=float, default=2.5)
    parser.add_argument("--out-dir", default=str(pathlib.Path(__file__).parent / "data" / "ppdb"))
    args = parser.parse_args(argv)

    lexical, phrasal = Table(), Table()
    for path in args.raw:
        read_raw(path, lexical, phrasal if args.raw_phrasal else None)
    for path in args.wordlists:
        read_wordlists(path, lexical)
    for path in args.pairs_equivalence:
        read_equivalence_pairs(path, lexical)
    for path in args.scored_lists:
        read_scored_lists(path, lexical)
    for path in args.human:
        read_human(path, phrasal)

    out_dir = pathlib.Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report: list[str] = []
    if lexical.rows:
        keys = filter_lexical(lexical, args.min_zipf, report)
        text = render(lexical, keys, "word1\tword2\tpos\tscore\tentailment\tsources")
        report.append(f"  wrote {write(out_dir / 'lexical.tsv', text)}")
        by_source = Counter(s for k in keys for s in lexical.rows[k][2])
        counts = ", ".join(f"{s} {n}" for s, n in sorted(by_source.items()))
        report.append(f"  rows per source: {counts}")
    if phrasal.rows:
        keys = filter_phrasal(phrasal, report)
        text = render(phrasal, keys, "phrase1\tphrase2\tpos\tscore\tentailment\tsources")
        report.append(f"  wrote {write(out_dir / 'phrasal.tsv', text)}")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
