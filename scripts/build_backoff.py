"""Build ``src/unspin/data/backoff.bin`` from CMU Sphinx's generic US English model.

The source is ``en-us.lm.bin`` (md5 ``574e3e017b3451d571a81c86f26128b7``), the trigram
language model of CMU Sphinx (72,547 words, 2,051,547 bigrams; BSD-2-Clause, Carnegie
Mellon University), as shipped in the ``pocketsphinx`` 5.1.1 wheel on PyPI and in Debian's
``pocketsphinx-en-us`` 0.8+5prealpha+1-15. Only its unigrams, backoff weights and bigrams
are kept (unspin's lattice is a bigram model).

The bigram list is read from the model's own ARPA dump. pocketsphinx's writer crashes
after the bigram section (in the trigrams), so the dump is made in a child process and
its last buffer is lost: a few dozen bigrams at the end of the order (successors after
"zucchini") are missing; the model backs off there. The probabilities are not read
from the dump (its writer misprints them) but asked of the model itself, one query per
n-gram; a word's backoff weight is ``log P(x | w) - log P(x)`` for a word ``x`` that has
no bigram after ``w``.

Run: ``pip install pocketsphinx==5.1.1 && python scripts/build_backoff.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from unspin.backoff import BackoffBigrams, write_model  # noqa: E402
from unspin.trigrams import LOG_UNIT, model_path  # noqa: E402

OUT = ROOT / "src" / "unspin" / "data" / "backoff.bin"
MD5 = "574e3e017b3451d571a81c86f26128b7"


def dump_arpa(lm: Path, out: Path) -> None:
    """Let pocketsphinx write its ARPA dump in a child (it crashes in the trigrams)."""
    code = (
        "import pocketsphinx as p, sys; m = p.NGramModel.readfile(sys.argv[1]); "
        "m.write(sys.argv[2], p.NGramModel.str_to_type('arpa'))"
    )
    subprocess.run([sys.executable, "-c", code, str(lm), str(out)], capture_output=True)


def read_dump(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    words, pairs, section = [], [], ""
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("\\"):
                section = line.strip()
                continue
            parts = line.rstrip("\n").split("\t")
            if section == "\\1-grams:" and len(parts) >= 2:
                words.append(parts[1])
            elif section == "\\2-grams:" and len(parts) >= 3:
                pairs.append((parts[1], parts[2]))
    return words, pairs


def main() -> None:
    import hashlib

    import pocketsphinx

    lm = model_path()
    if lm is None:
        sys.exit("pocketsphinx and its en-us model are needed: pip install pocketsphinx==5.1.1")
    if hashlib.md5(lm.read_bytes()).hexdigest() != MD5:
        sys.exit(f"{lm}: not the model this table is documented from (md5 {MD5})")
    model = pocketsphinx.NGramModel.readfile(str(lm))
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "en-us.arpa"
        dump_arpa(lm, dump)
        words, pairs = read_dump(dump)
    ids = {w: i for i, w in enumerate(words)}
    successors: dict[str, set[str]] = {}
    for a, b in pairs:
        successors.setdefault(a, set()).add(b)
    unigram = [model.prob([w]) * LOG_UNIT for w in words]
    probes = [w for w in words if w.isalpha()]
    backoff = []
    for w in words:
        after = successors.get(w, set())
        x = next(p for p in probes if p not in after)
        backoff.append(model.prob([x, w]) * LOG_UNIT - unigram[ids[x]])
    bigrams = {(ids[a], ids[b]): model.prob([b, a]) * LOG_UNIT for a, b in pairs}
    write_model(OUT, words, unigram, backoff, bigrams)
    check = BackoffBigrams(OUT)
    worst = max(abs(check.bigram(a, b) - model.prob([b, a]) * LOG_UNIT) for a, b in pairs[::997])
    print(
        f"{len(words)} words, {len(check)} bigrams -> {OUT} ({OUT.stat().st_size} bytes);"
        f" largest quantisation error in a sample: {worst:.3f} nats"
    )


if __name__ == "__main__":
    main()
