"""Derive ``scripts/data/names/brands.txt`` from the name-suggestion-index's brands.

Development-time only: it reads a checkout fetched beforehand and downloads nothing.
Source and licence: ``scripts/data/names/SOURCES.md``.

Run::

    python scripts/import_brands.py PATH/name-suggestion-index [--out FILE]

The index (OpenStreetMap's list of chain stores, restaurants, banks, hotels and other
brands) files each brand under ``data/brands/KEY/VALUE.json`` with the countries it
operates in. Kept: the brands of an English-speaking country (or of the whole world),
named as :func:`import_names.usable` accepts a company's name (two to four capitalised
words of letters or possessives, "&" or a joining word between them: "Olive Garden",
"Bed Bath & Beyond", "Trader Joe's", "Jack in the Box"), and not
already in ``companies.txt``. A one-word brand ("Target") is left out: the spinner's
rendering of it ("Goal") is an ordinary word, and only a phrase no one writes can say
a name was spun.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from import_names import usable, write_list
from spun_names import read_names

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scripts" / "data" / "names" / "brands.txt"
#: The countries whose news unspin reads (ISO 3166 codes, lowercase), and "001", the
#: world: a brand of one of them, or of a region inside one ("us-ca.geojson"), is kept.
ENGLISH = frozenset({"us", "ca", "gb", "ie", "au", "nz", "001"})


def english(locations: Iterable[object]) -> bool:
    """Whether a location set's ``include`` list names an English-speaking country or a
    region inside one."""
    for where in locations:
        code = str(where).lower().removesuffix(".geojson")
        if code in ENGLISH or code.split("-")[0] in ENGLISH - {"001"}:
            return True
    return False


def brands(folder: Path) -> Iterator[tuple[str, str]]:
    """(name, category) of every usable brand under ``folder``'s ``data/brands``: the
    category is the file's ``KEY/VALUE`` ("amenity/restaurant")."""
    for path in sorted((folder / "data" / "brands").glob("*/*.json")):
        category = f"{path.parent.name}/{path.stem}"
        items = json.loads(path.read_text(encoding="utf-8")).get("items", [])
        for item in items:
            if not english(item.get("locationSet", {}).get("include", [])):
                continue
            tags = item.get("tags", {})
            name = tags.get("brand") or item.get("displayName") or ""
            if usable(name):
                yield name, category


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index", type=Path, help="a checkout of the name-suggestion-index")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.index / "data" / "brands").is_dir():
        parser.error(f"no data/brands folder in {args.index}")
    companies = set(read_names("companies.txt"))
    found: dict[str, str] = {}
    for name, category in brands(args.index):
        if name not in companies:
            found.setdefault(name, category)
    header = [
        "# Brand names (chain stores, restaurants, banks, hotels) from the",
        "# name-suggestion-index (scripts/import_brands.py; source and licence: SOURCES.md).",
        "# name<TAB>category",
    ]
    write_list(args.out, header, found)


if __name__ == "__main__":
    main(sys.argv[1:])
