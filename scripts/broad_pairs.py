"""Broad phrasebook entries from open lexical data, each with its prior.

The spinner family's one-word substitutions are mostly synonym pairs that PPDB (the
Paraphrase Database, CC BY 3.0) or WordNet 3.0 (WordNet licence) also hold, but those
resources hold far more pairs than the spinner uses, and the spinner's choice is
usually not the resource's top-ranked paraphrase. So every candidate pair (original
word O, spun word S: S is one of O's PPDB paraphrases or WordNet synonyms, in O's
inflected form) gets a **prior**: the probability that S is one of the spinner's
alternatives for O, from a logistic model over what the resources say of the pair:

- which PPDB sources list it (PPDB 2.0 Equivalence or TLDR pairs, PPDB 1.0 XL lexical),
- whether WordNet puts S in one of O's senses, and in its first,
- S's frequency (the family's alternatives are ordinary words, rarely rare ones) and its
  difference from O's, and how many candidates O has (the more, the less each is).

The model is fitted (``--fit``) on the pairs the spinner is known to make, from the
development pairs (``benchmarks/data/substitutions.tsv``) and from real spun pages
(``scripts/data/observed.tsv``), against the other candidates of the same originals,
and its weights are kept in ``scripts/data/broad_model.json`` so that a build is
deterministic. A candidate's fitted probability is scaled by ``MEMBERSHIP`` (a page
shows only the alternatives the spinner happened to pick; its groups hold about 1.75)
and kept if it reaches ``MIN_PRIOR``.

The candidates and their fitted priors are written to ``scripts/data/broad.tsv``
(``spun``, ``original``, ``prior``), which ``scripts/build_phrasebook.py`` reads.

Run from a checkout (dev extra; Debian's wordnet-base)::

    python scripts/broad_pairs.py --fit      # refit the weights, then write the table
    python scripts/broad_pairs.py            # write the table
    python scripts/broad_pairs.py --check    # exit 1 if the table is out of date
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

from lemminflect import getAllInflections, getAllLemmas
from lexicon import NEGATIVES, PREFIXES, different_quantities, function_words
from wordfreq import zipf_frequency
from wordnet_reader import DEFAULT, WordNet

ROOT = Path(__file__).resolve().parents[1]
PPDB = ROOT / "scripts" / "data" / "ppdb" / "lexical.tsv.gz"
MODEL = ROOT / "scripts" / "data" / "broad_model.json"
TABLE = ROOT / "scripts" / "data" / "broad.tsv"
SUBSTITUTIONS = ROOT / "benchmarks" / "data" / "substitutions.tsv"
OBSERVED = ROOT / "scripts" / "data" / "observed.tsv"

#: Originals rarer than this are left to other sources (the spinner's keys are common).
MIN_ORIGINAL_ZIPF = 3.0
#: Spun words rarer than this are not the family's kind of alternative.
MIN_SPUN_ZIPF = 2.0
MEMBERSHIP = 1.5
MIN_PRIOR = 0.03
MAX_PRIOR = 0.8
#: Senses of a lemma whose WordNet synonyms are candidates.
SENSES = 8
FEATURES = (
    "bias", "ppdb2", "xl", "wordnet", "first_sense", "ppdb2_and_wordnet",
    "zipf_spun", "zipf_spun_squared", "zipf_difference", "log_candidates",
)  # fmt: skip

#: Function words are not originals here (the curated sources and habits cover the
#: ones the family rewrites: "but" -> "however", "at the" -> "on the").
FUNCTION = function_words()


def lemmas(word: str) -> dict[str, set[str]]:
    """Upos -> lemmas of ``word`` (lemminflect), with the word itself as its own."""
    out: dict[str, set[str]] = defaultdict(set)
    for upos, forms in getAllLemmas(word).items():
        out[upos].update(forms)
    return out


def lemma_forms(word: str) -> set[str]:
    """``word`` and its lemmas, whatever their part of speech."""
    return {word} | {x for forms in lemmas(word).values() for x in forms}


def same_lemma(a: str, b: str) -> bool:
    return bool(lemma_forms(a) & lemma_forms(b))


_WN_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}


def other_name(wn: WordNet, original: str, spun: str) -> bool:
    """Whether ``original`` is a proper name (WordNet writes it, and its lemmas, only
    capitalised: "Tehran", not "parks") and ``spun`` neither one of its forms nor in one
    WordNet sense with it ("Britain" and "UK" are). PPDB pairs a country with its capital,
    a surname with its variants, a name with a word seen beside it ("Iran" and "Tehran",
    "Stewart" and "Stuart", "Leeds" and "leads", "Canada" and "federal"); a thesaurus
    spinner rewrites words for their synonyms, and a repair that writes another name, or
    a name for a word, changes a fact."""
    lo, ls = lemma_forms(original), lemma_forms(spun)
    if lo & ls or not lo & wn.proper or lo & wn.common:
        return False
    return not any(wn.synonyms(x, y) for x in lo for y in ls)


def opposite(wn: WordNet, a: str, b: str) -> bool:
    """Whether one of ``a`` and ``b`` says "none" and the other does not ("nothing" and
    "something": :data:`lexicon.NEGATIVES`), they (or their lemmas) are WordNet antonyms
    ("brother" and "sister", "remember" and "forget") or one is the other with a prefix of
    :data:`PREFIXES` ("likely" and "unlikely", "plant" and "implant"). PPDB pairs words
    seen in the same contexts, and opposites are: a repair from one to the other would
    say the opposite of the text."""
    if (a in NEGATIVES) != (b in NEGATIVES):  # "nothing" and "something"
        return True
    la, lb = lemma_forms(a), lemma_forms(b)
    if any((x, y) in wn.antonyms for x in la for y in lb):
        return True
    return any(
        long == p + short
        for x in la
        for y in lb
        for short, long in ((x, y), (y, x))
        if len(short) >= 4
        for p in PREFIXES
    )


def wordnet_candidates(wn: WordNet, word: str) -> dict[str, int]:
    """Synonyms of ``word`` in WordNet, inflected like it, with the rank of the first of
    its senses that holds each (0: its commonest sense)."""
    out: dict[str, int] = {}
    forms = lemmas(word) or {"NOUN": {word}}
    for upos, lems in forms.items():
        for lemma in lems:
            # Which inflection of the lemma is the word ("said" is VBD of "say").
            tags = [t for t, fs in getAllInflections(lemma, upos).items() if word in fs]
            tag = tags[0] if tags and word != lemma else None
            senses = [s for s in wn.senses(lemma) if s.pos == _WN_POS.get(upos, s.pos)]
            for rank, sense in enumerate(senses[:SENSES]):
                for syn in sense.words:
                    syn = syn.lower()
                    if " " in syn or not syn.isalpha():
                        continue
                    if tag is not None:
                        inflected = getAllInflections(syn, upos).get(tag)
                        if not inflected:
                            continue
                        syn = inflected[0]
                    if syn != word and rank < out.get(syn, SENSES):
                        out[syn] = rank
    return out


def read_ppdb(path: Path = PPDB) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            a, b, _, _, _, sources = line.rstrip("\n").split("\t")
            out[a][b] = sources
    return out


def features(o: str, s: str, sources: str, rank: int | None, candidates: int) -> list[float]:
    ppdb2 = float("eq2" in sources or "tldr2" in sources)
    wn = float(rank is not None)
    zs = min(zipf_frequency(s, "en"), 6.0) - 4.0
    return [
        1.0,
        ppdb2,
        float("xl1" in sources),
        wn,
        float(rank == 0),
        ppdb2 * wn,
        zs,
        zs * zs,
        zipf_frequency(s, "en") - zipf_frequency(o, "en"),
        math.log(candidates),
    ]


def candidates_of(
    o: str, ppdb: dict[str, dict[str, str]], wn: WordNet
) -> dict[str, tuple[str, int | None]]:
    """S -> (PPDB sources, WordNet sense rank) for every candidate spun word of ``o``."""
    found: dict[str, tuple[str, int | None]] = {}
    from_wn = wordnet_candidates(wn, o)
    for s in set(ppdb.get(o, {})) | set(from_wn):
        if not s.isalpha() or s in FUNCTION or same_lemma(o, s):
            continue
        if zipf_frequency(s, "en") < MIN_SPUN_ZIPF:
            continue
        found[s] = (ppdb.get(o, {}).get(s, ""), from_wn.get(s))
    return found


def known_pairs() -> dict[tuple[str, str], int]:
    """(original, spun) one-word pairs the spinner is known to make, with counts."""
    out: dict[tuple[str, str], int] = defaultdict(int)
    for path, (si, oi, ci) in ((SUBSTITUTIONS, (0, 1, 2)), (OBSERVED, (0, 1, 2))):
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x[:1] != "#"]
        for line in lines[1:]:
            if not line:
                continue
            cols = line.split("\t")
            s, o = cols[si].lower(), cols[oi].lower()
            if s.isalpha() and o.isalpha() and s != o:
                out[(o, s)] += int(cols[ci])
    return out


def _fit(x: list[list[float]], y: list[float], l2: float = 1.0) -> list[float]:
    """Logistic regression by Newton's method (numpy)."""
    import numpy as np

    xa, ya = np.asarray(x), np.asarray(y)
    w = np.zeros(xa.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-xa @ w))
        grad = xa.T @ (p - ya) + l2 * w
        hess = (xa * (p * (1 - p))[:, None]).T @ xa + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return [float(v) for v in w]


def fit(wn: WordNet, ppdb: dict[str, dict[str, str]]) -> dict:
    known = known_pairs()
    x, y = [], []
    for o in sorted({o for o, _ in known}):
        cands = candidates_of(o, ppdb, wn)
        if not cands:
            continue
        for s, (sources, rank) in sorted(cands.items()):
            x.append(features(o, s, sources, rank, len(cands)))
            y.append(float((o, s) in known))
    weights = _fit(x, y)
    hits = int(sum(y))
    print(
        f"fitted on {len(y)} candidates of {len({o for o, _ in known})} originals, "
        f"{hits} known spinner pairs among them ({len(known)} known in all)",
        file=sys.stderr,
    )
    return {"features": list(FEATURES), "weights": weights, "candidates": len(y), "hits": hits}


def prior(model: dict, feats: list[float]) -> float:
    z = sum(w * f for w, f in zip(model["weights"], feats, strict=True))
    return min(MAX_PRIOR, MEMBERSHIP / (1.0 + math.exp(-z)))


def originals(ppdb: dict[str, dict[str, str]], wn: WordNet) -> list[str]:
    """Every word that may be an original: common, alphabetic, not a function word."""
    words = set(ppdb)
    for lemma in wn.index:
        if lemma.isalpha():
            words.add(lemma)
    return sorted(
        w
        for w in words
        if w.isalpha() and w not in FUNCTION and zipf_frequency(w, "en") >= MIN_ORIGINAL_ZIPF
    )


def broad_rows(wn: WordNet, ppdb: dict[str, dict[str, str]], model: dict) -> list[tuple]:
    """(spun, original, prior) for every candidate reaching MIN_PRIOR, except two
    different quantities or values of a closed set ("million" for "billion", "July" for
    "June", ``lexicon.different_quantities``), a pair with a single letter on either
    side (an initial or a symbol, "University" for "U", "west" for "W": no synonym) and
    opposites (:func:`opposite`) and a proper name for another name or a word
    (:func:`other_name`)."""
    out = []
    for o in originals(ppdb, wn):
        cands = candidates_of(o, ppdb, wn)
        for s, (sources, rank) in sorted(cands.items()):
            p = prior(model, features(o, s, sources, rank, len(cands)))
            # Counted among the candidates above (the resources hold them), never written.
            if (
                p >= MIN_PRIOR
                and not different_quantities(o, s)
                and min(len(o), len(s)) > 1
                and not opposite(wn, o, s)
                and not other_name(wn, o, s)
            ):
                out.append((s, o, round(p, 3)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=DEFAULT)
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    wn = WordNet(args.wordnet)
    ppdb = read_ppdb()
    if args.fit:
        model = fit(wn, ppdb)
        MODEL.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(dict(zip(model["features"], [round(w, 2) for w in model["weights"]], strict=True)))
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    rows = broad_rows(wn, ppdb, model)
    text = (
        "# Broad phrasebook candidates from PPDB and WordNet with their fitted priors (the\n"
        "# probability that spun is one of the spinner's alternatives for original, if original\n"
        "# is a key). Made by scripts/broad_pairs.py; see scripts/data/ppdb/SOURCES.md.\n"
        "spun\toriginal\tprior\n"
    ) + "".join(f"{s}\t{o}\t{p}\n" for s, o, p in rows)
    if args.check:
        if TABLE.read_text(encoding="utf-8") != text:
            print(f"out of date: {TABLE}; run python scripts/broad_pairs.py")
            sys.exit(1)
        return
    TABLE.write_text(text, encoding="utf-8")
    print(f"{len(rows)} broad entries over {len({r[1] for r in rows})} originals")


def read_table(path: Path = TABLE) -> list[tuple[str, str, float]]:
    """``scripts/data/broad.tsv`` as (spun, original, prior) rows."""
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x[:1] != "#"]
    out = []
    for line in lines[1:]:
        spun, original, prior = line.split("\t")
        out.append((spun, original, float(prior)))
    return out


if __name__ == "__main__":
    main()
