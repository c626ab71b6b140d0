"""Build ``src/unspin/data/ngrams.bin`` from the counts that ``wordsegment`` ships.

wordsegment 1.3.1 (Apache-2.0) carries Peter Norvig's extracts of the Google Web 1T
corpus: ``unigrams.txt`` (333k words) and ``bigrams.txt`` (286k lines, count floor
100,000). Case duplicates ("He said", "he said") are summed here, because wordsegment's
own loader keeps only the last one. Only unigrams that open some bigram are kept: the
language model needs c(w1) solely as the denominator of P(w2 | w1).

Run: ``pip install wordsegment==1.3.1 && python scripts/build_bigrams.py``.
"""

from __future__ import annotations

import math
import pathlib
import sys
from collections import Counter

import wordsegment

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))
from unspin.ngrams import NGRAM_FLOOR, write_table


def main() -> None:
    root = pathlib.Path(wordsegment.__file__).parent
    bigrams: Counter[str] = Counter()
    for line in (root / "bigrams.txt").read_text(encoding="utf-8").splitlines():
        pair, _, count = line.partition("\t")
        w1, _, w2 = pair.partition(" ")
        if w1 != "<s>":
            w1 = w1.lower()
        bigrams[f"{w1} {w2.lower()}"] += int(count)
    first_words = {key.partition(" ")[0] for key in bigrams}
    unigrams: Counter[str] = Counter()
    for line in (root / "unigrams.txt").read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition("\t")
        if word.lower() in first_words:
            unigrams[word.lower()] += int(count)
    # Sentence starts are not counted as a unigram; sum what opens sentences instead.
    unigrams["<s>"] = sum(c for k, c in bigrams.items() if k.startswith("<s> "))
    assert min(bigrams.values()) >= NGRAM_FLOOR
    table = {key: math.log(c) for key, c in bigrams.items()}
    table.update({key: math.log(c) for key, c in unigrams.items()})
    out = pathlib.Path(__file__).resolve().parents[1] / "src" / "unspin" / "data" / "ngrams.bin"
    write_table(out, table)
    print(f"{len(bigrams)} bigrams, {len(unigrams)} unigrams -> {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
