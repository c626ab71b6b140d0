"""Report the phrasebook's health: duplicates and contradictions, risky entries, and
entries that never fire on the benchmarks.

Run from a checkout::

    python scripts/phrasebook_health.py [--phrasebook PATH ...] [--no-default]
                                        [--tsv report.tsv] [--no-fire] [--top 25]

**Risk.** Each entry's risk on clean text is how common its spun side is in ordinary
English against its original side: ``risk = zipf(spun) - zipf(original)``, Zipf being
log10 occurrences per billion words (wordfreq for one word; for a phrase, its rarest
adjacent bigram in the Web 1T counts the language model ships, an upper bound). An entry
whose spun side is rarer than its original ("pink sea" -> "Red Sea": risk -4) is
evidence of spinning wherever it occurs; one whose spun side is as common as its
original ("nations" -> "countries": risk 0) is no evidence at all and can only be taken
in context in a clearly spun document. The report also gives the model's own numbers,
``unspin.repairing.phrase_propensity`` of each side (how readily the spinner rewrites
it), which the decoder uses for the same purpose.

**Chains.** An original that is itself the spun side of another entry ("fabricates" ->
"manufactures" -> "produces"): counted per source. A second repair could move such a word
again; the spinner's own symmetric swaps make some unavoidable, so idempotence is tested
directly (tests/test_properties.py).

**Facts.** Entries whose two sides are values of one closed set, with no value in common
(``lexicon.different_quantities``: "hundreds" for "thousands", "June" for "July"): a
repair would change a figure or a date, which the language model cannot judge. The broad
source writes none; the others are listed for review.

**Duplicates and contradictions.** The same spun phrase and original twice once
normalised (case, apostrophes); one spun phrase with several originals (the spinner's
thesaurus is one-to-many, so this is allowed, but each extra original splits the
evidence); pairs that map both ways ("artificial" <-> "synthetic"), where only context
can tell the direction.

**Fire on clean text.** With ``--clean PATH ...`` (files, or directories searched for
.txt, .md and .rst), every edit made on that text is a false edit: the entries that made
them are listed, most frequent first. Any large body of prose known to be unspun will do
(a package's documentation, a book); this is how entries such as "query" for "question"
were found and removed.

**Never fire.** Entries with no candidate on any benchmark text (the spun development
pairs and the simulated spun copies of ``benchmarks/bench_simulated.py``), and entries
proposed there but never made an edit. An entry that never fires is not wrong (the
benchmarks are small); one that fires only as a false edit is worth a look.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

from unspin import Config, Repairer, phrasebook  # noqa: E402
from unspin.ngrams import NGRAM_FLOOR  # noqa: E402
from unspin.rules import phrase_key_prior  # noqa: E402
from unspin.tokenizing import WORD_RE, lm_form, normalize_phrase  # noqa: E402

#: Tokens in Google Web 1T, whose bigram counts the language model ships.
WEB1T_TOKENS = 1_024_908_267_229
#: A spun side at least this common (Zipf) is "a very common word".
VERY_COMMON = 5.0


class Frequencies:
    def __init__(self) -> None:
        from unspin import language_model

        self._table = language_model.load_default()._table

    def zipf(self, phrase: str) -> float:
        from wordfreq import zipf_frequency

        words = [lm_form(w) for w in WORD_RE.findall(phrase)]
        if not words:
            return 0.0
        if len(words) == 1:
            return zipf_frequency(words[0], "en")
        rarest = math.inf
        for a, b in itertools.pairwise(words):
            log_count = self._table.log_count(f"{a} {b}")
            rarest = min(rarest, math.exp(log_count) if log_count is not None else NGRAM_FLOOR / 2)
        return math.log10(rarest / WEB1T_TOKENS) + 9


def benchmark_texts() -> list[str]:
    from bench_simulated import copies
    from common import PAIRS, pair_ids, read

    texts = [read(PAIRS / f"{pid}.spun.txt") for pid in pair_ids()]
    texts += [spun.text for _, spun in copies()]
    return texts


def firing(entries: list[phrasebook.Entry], path: Path | None) -> tuple[Counter, Counter]:
    """How often each (key, original) was proposed and made an edit on the benchmarks."""
    if path is None:
        repairer = Repairer()
    else:
        repairer = Repairer(Config(phrasebooks=(path,), default_phrasebook=False))
    proposed: Counter[tuple[str, str]] = Counter()
    edited: Counter[tuple[str, str]] = Counter()
    for text in benchmark_texts():
        result = repairer.explain(text)
        for d in result.edits:
            edited[(d.entry.key, d.entry.original)] += 1
        for d in result.edits + result.declined:
            proposed[(d.entry.key, d.entry.original)] += 1
    return proposed, edited


def clean_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for ext in ("txt", "md", "rst") for f in p.rglob(f"*.{ext}"))
        else:
            out.append(p)
    return out


def false_edits(entries: list[phrasebook.Entry], args: argparse.Namespace) -> None:
    """Every edit on text known to be clean, by entry."""
    path = None
    if args.phrasebook or args.no_default:
        from unspin.learning import write_phrasebook

        path = Path("/tmp") / "phrasebook_health_merged.tsv"
        write_phrasebook(entries, path)
    repairer = (
        Repairer()
        if path is None
        else Repairer(Config(phrasebooks=(path,), default_phrasebook=False))
    )
    edits: Counter[tuple[str, str, str]] = Counter()
    size = 0
    for f in clean_files(args.clean):
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        size += len(text)
        for e in repairer.explain(text, declined=False).edits:
            edits[(e.entry.spun, e.entry.original, e.entry.source)] += 1
    print(
        f"\nedits on clean text ({size / 1e6:.2f} MB): {sum(edits.values())} by "
        f"{len(edits)} entries (by source: "
        f"{dict(Counter(k[2] for k in edits.elements()))})"
    )
    for (spun, original, source), n in edits.most_common(args.top):
        print(f"  {n:5}x {spun!r} -> {original!r} [{source}]")
    firing_entries = Counter(k[2] for k in edits)
    print("entries that made an edit on clean text, by source: " + str(dict(firing_entries)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phrasebook", action="append", default=[], help="extra phrasebook")
    parser.add_argument("--no-default", action="store_true", help="without the shipped book")
    parser.add_argument("--tsv", help="write one row per entry to this file")
    parser.add_argument("--no-fire", action="store_true", help="skip the benchmark run")
    parser.add_argument("--top", type=int, default=25, help="rows shown per section")
    parser.add_argument(
        "--clean", nargs="+", default=[], metavar="PATH", help="clean text to check for edits"
    )
    args = parser.parse_args()

    books = [] if args.no_default else [phrasebook.load_default()]
    books += [phrasebook.load(p) for p in args.phrasebook]
    entries = phrasebook.merge(*books)
    by_source = Counter(e.source for e in entries)
    print(f"{len(entries)} entries: " + ", ".join(f"{s} {n}" for s, n in by_source.items()))

    # -- duplicates and contradictions -------------------------------------------------
    folded: dict[tuple[str, str], list[phrasebook.Entry]] = defaultdict(list)
    originals: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        folded[(e.key, normalize_phrase(e.original).lower())].append(e)
        originals[e.key].add(normalize_phrase(e.original).lower())
    duplicates = [group for group in folded.values() if len(group) > 1]
    print(f"\nduplicates (same spun and original once normalised): {len(duplicates)}")
    for group in duplicates[: args.top]:
        print("  " + " | ".join(str(e) for e in group))
    several = {k: v for k, v in originals.items() if len(v) > 1}
    print(f"spun phrases with several originals: {len(several)}")
    for key, origs in sorted(several.items(), key=lambda kv: -len(kv[1]))[: args.top]:
        print(f"  {key!r} -> {sorted(origs)}")
    both_ways = sorted(
        {
            tuple(sorted((k, o)))
            for k, origs in originals.items()
            for o in origs
            if k in originals.get(o, ())
        }
    )
    print(f"pairs mapped both ways: {len(both_ways)}")
    print("  " + ", ".join(f"{a} <-> {b}" for a, b in both_ways[: args.top * 2]))

    # -- chains --------------------------------------------------------------------------
    # An original that is itself a spun side ("fabricates" -> "manufactures" ->
    # "produces"): a second repair could move it again. Symmetric swaps are the
    # spinner's own ("artificial" <-> "synthetic"); idempotence is tested directly.
    chains = [e for e in entries if normalize_phrase(e.original).lower() in originals]
    print(
        f"\nchains (an original that is a spun side too): {len(chains)} "
        f"(by source: {dict(Counter(e.source for e in chains))})"
    )
    for e in chains[: args.top]:
        nxt = sorted(originals[normalize_phrase(e.original).lower()])
        print(f"  {e.spun!r} -> {e.original!r} -> {nxt} [{e.source}]")

    # -- facts ---------------------------------------------------------------------------
    # Two values of a closed set ("hundreds" for "thousands", "June" for "July"): a repair
    # changes a figure or a date, and the language model cannot tell them apart. The broad
    # source has none (scripts/broad_pairs.py); the family's own sense errors, seen on
    # real pages, are listed for review.
    from lexicon import different_quantities

    facts = [e for e in entries if different_quantities(e.original.lower(), e.spun.lower())]
    print(
        f"\nvalue-changing entries (two quantities, dates or other values of a closed set):"
        f" {len(facts)} (by source: {dict(Counter(e.source for e in facts))})"
    )
    for e in facts[: args.top]:
        print(f"  {e.spun!r} -> {e.original!r} [{e.source}, prior {e.prior}]")

    # -- risk ----------------------------------------------------------------------------
    freq = Frequencies()
    rows = []
    for e in entries:
        z_spun, z_orig = freq.zipf(e.spun), freq.zipf(e.original)
        rows.append(
            {
                "entry": e,
                "zipf_spun": z_spun,
                "zipf_original": z_orig,
                "risk": z_spun - z_orig,
                "t_spun": phrase_key_prior([lm_form(w) for w in WORD_RE.findall(e.spun)]),
                "t_original": phrase_key_prior([lm_form(w) for w in WORD_RE.findall(e.original)]),
            }
        )
    common = sorted((r for r in rows if r["zipf_spun"] >= VERY_COMMON), key=lambda r: -r["risk"])
    print(f"\nentries whose spun side is a very common word (Zipf >= {VERY_COMMON}): {len(common)}")
    for r in common[: args.top]:
        e = r["entry"]
        print(
            f"  risk {r['risk']:+.2f}  {e.spun!r} ({r['zipf_spun']:.1f}) -> {e.original!r} "
            f"({r['zipf_original']:.1f})  [{e.source}]"
        )
    risky = [r for r in rows if r["risk"] > -1.0 and r["zipf_spun"] >= 3.5]
    print(
        f"entries with risk > -1 and a spun side of Zipf >= 3.5: {len(risky)} "
        f"(by source: {dict(Counter(r['entry'].source for r in risky))})"
    )

    # -- firing on the benchmarks ----------------------------------------------------
    proposed = edited = None
    if not args.no_fire:
        tmp = None
        if args.phrasebook or args.no_default:
            from unspin.learning import write_phrasebook

            tmp = Path("/tmp") / "phrasebook_health_merged.tsv"
            write_phrasebook(entries, tmp)
        proposed, edited = firing(entries, tmp)
        never = [e for e in entries if proposed[(e.key, e.original)] == 0]
        never_edit = [
            e for e in entries if proposed[(e.key, e.original)] and not edited[(e.key, e.original)]
        ]
        print(
            f"\nnever proposed on the benchmarks: {len(never)} of {len(entries)} "
            f"(by source: {dict(Counter(e.source for e in never))})"
        )
        print(
            f"proposed but never an edit: {len(never_edit)} "
            f"(by source: {dict(Counter(e.source for e in never_edit))})"
        )
        for e in never_edit[: args.top]:
            print(
                f"  {e.spun!r} -> {e.original!r} [{e.source}] proposed "
                f"{proposed[(e.key, e.original)]}x"
            )

    if args.clean:
        false_edits(entries, args)

    if args.tsv:
        with open(args.tsv, "w", encoding="utf-8") as f:
            f.write(
                "spun\toriginal\tsource\tzipf_spun\tzipf_original\trisk\tt_spun\t"
                "t_original\tproposed\tedits\n"
            )
            for r in sorted(rows, key=lambda r: -r["risk"]):
                e = r["entry"]
                p = proposed[(e.key, e.original)] if proposed is not None else ""
                d = edited[(e.key, e.original)] if edited is not None else ""
                f.write(
                    f"{e.spun}\t{e.original}\t{e.source}\t{r['zipf_spun']:.2f}\t"
                    f"{r['zipf_original']:.2f}\t{r['risk']:.2f}\t{r['t_spun']:.3f}\t"
                    f"{r['t_original']:.3f}\t{p}\t{d}\n"
                )
        print(f"\nwrote {args.tsv}")


if __name__ == "__main__":
    main()
