"""Derive ``scripts/data/names/companies.txt`` from public lists of listed companies.

Development-time only: it reads files that were fetched beforehand and downloads
nothing. Sources and their licences are in ``scripts/data/names/SOURCES.md``.

Run::

    python scripts/import_names.py nasdaq=PATH/data/nasdaq-listed.csv \\
        nyse=PATH/data/nyse-listed.csv other=PATH/data/other-listed.csv \\
        [--out scripts/data/names/companies.txt]

Each argument is ``LABEL=PATH`` to a CSV whose name column is ``Security Name`` or
``Company Name``. A security name becomes a company's name as news
writes it: the part before " - " (the security type), without "Common Stock", "Class A
...", a parenthesis, and trailing legal or generic words ("Inc.", "Corporation",
"Holdings", "International": "Choice Hotels International, Inc." is "Choice Hotels");
a name that ends with a word of :data:`TRAILING` is kept with and without it ("Madison
Square Garden Sports" and "Madison Square Garden"). Kept: two to four words, each a
capitalised word of letters (a possessive too: "Dick's Sporting Goods", "Papa John's")
or "&" (not last), or a joining word between them ("Bank of America"); funds, trusts,
warrants, notes and other securities that are no company are left out. The spinner's
variants of these names are made by ``scripts/build_phrasebook.py``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "scripts" / "data" / "names" / "companies.txt"
COLUMNS = ("Security Name", "Company Name")
#: Security names that are no company's (funds, trusts, debt, rights, blank cheques).
NOT_COMPANY = regex.compile(
    r"\b(ETFs?|ETNs?|Funds?|Trust|Acquisitions?|Warrants?|Units?|Notes?|Rights?|Debentures?"
    r"|Preferred|Depositary|Bonds?|Index|Portfolio|Municipal|Strateg(y|ies)|ProShares"
    r"|iShares|Direxion|SPAC|Capital Corp)\b"
)
TYPE = regex.compile(
    r"\s+(Common Stock|Ordinary Shares|Class [A-Z]\b|American Depositary|Subordinate|\().*$"
)
LEGAL = regex.compile(
    r"[,\s]+(Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.?|Ltd\.?|Limited|plc|PLC"
    r"|N\.V\.|S\.A\.|L\.P\.|LP|LLC|SE|AG|Holdings?|Group|International|Worldwide)$"
)
#: A name's last word that news often leaves out ("Madison Square Garden Sports").
TRAILING = frozenset(
    (
        *("Sports", "Entertainment", "Technology", "Technologies", "Industries"),
        *("Companies", "Brands", "Stores", "Enterprises", "Bancorp", "Bancshares"),
        *("Financial", "Energy", "Resources", "Partners", "Systems"),
    )
)
WORD = regex.compile(r"\p{Lu}\p{Ll}+(?:['’]s)?|&")
#: A word of a plain name (a place's): capitalised letters only, no possessive.
PLAIN = regex.compile(r"\p{Lu}\p{Ll}+|&")


def company(security: str) -> str | None:
    """The name news gives the company of ``security``, or None (see the module)."""
    if NOT_COMPANY.search(security):
        return None
    name = TYPE.sub("", security.split(" - ")[0]).strip(" ,")
    before = None
    while before != name:
        before = name
        name = LEGAL.sub("", name).strip(" ,")
    return name


#: Lowercase words a name may hold between its capitalised ones ("Bank of America",
#: "Jack in the Box", "Slug and Lettuce").
JOINING = frozenset(("of", "and", "the", "in", "for", "to", "by", "on", "at"))


def usable(name: str, plain: bool = False) -> bool:
    """Whether ``name`` is written as a name the spinner renders word by word: two to
    four words, each capitalised (a possessive too) or "&", or a joining word
    (:data:`JOINING`) between them, with two capitalised words at least. ``plain``: a
    place's name, capitalised words only (no possessive, no joining word: "Isle of Man"
    and "King's Lynn" are left out of the places rendered)."""
    words = name.split()
    word, joining = (PLAIN, frozenset()) if plain else (WORD, JOINING)
    inner = words[1:-1]
    capitalised = [w for w in words if word.fullmatch(w) and w != "&"]
    return (
        2 <= len(words) <= 4
        and all(word.fullmatch(w) or (w in joining and w in inner) for w in words)
        and words[0] != "&"
        and words[-1] != "&"
        and len(capitalised) >= 2
    )


def names_of(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        column = next((c for c in COLUMNS if c in (reader.fieldnames or ())), None)
        if column is None:
            raise SystemExit(f"{path}: no column of {COLUMNS}")
        out = []
        for row in reader:
            name = company(row[column] or "")
            if name is None:
                continue
            forms = [name]
            words = name.split()
            if words and words[-1] in TRAILING:
                forms.append(" ".join(words[:-1]))
            out += [f for f in forms if usable(f)]
        return out


def main(argv: list[str]) -> None:
    out = OUT
    if "--out" in argv:
        at = argv.index("--out")
        out = Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
    found: dict[str, list[str]] = {}
    for arg in argv:
        label, _, path = arg.rpartition("=")
        for name in names_of(Path(path)):
            found.setdefault(name, [])
            if (label or Path(path).stem) not in found[name]:
                found[name].append(label or Path(path).stem)
    header = [
        "# Company names as news writes them, from listed companies' security names",
        "# (scripts/import_names.py; sources and licences: SOURCES.md). name<TAB>lists",
    ]
    write_list(out, header, {name: ",".join(labels) for name, labels in found.items()})


def write_list(out: Path, header: list[str], rows: dict[str, str]) -> None:
    """Write a names file: ``header`` (comment lines), then each name and its second
    field, sorted by name."""
    lines = [*header, *(f"{name}\t{field}" for name, field in sorted(rows.items()))]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} names -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
