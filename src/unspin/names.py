"""How likely a word is as a person's name: what a spun surname leaves behind.

The spinner rewrites a name like any word ("Aaron Judge" becomes "Aaron Choose",
"Karl-Anthony Towns" "Karl-Anthony Cities"), and a case-folded bigram model reads the
name as the common word: "drafted pick" beats "drafted judge". Where a capitalised word
stands as a surname, what tells the readings apart is how common each word is as one.

The table is the US Census Bureau's 1990 lists of frequent surnames and first names
(``data/names.tsv``, built by ``scripts/build_names.py``; see ``data/DATA.md``): a
surname's share of the population falls with its rank about as ``rank ** -SLOPE``
(fitted on the 7,500 surnames whose share the census gives to two significant digits).
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

#: A surname's share of the population falls as its rank to this power.
SLOPE = 0.92
#: The rank read for a word the surname list does not have (its last rank is 88,799,
#: and the words it leaves out are not surnames at all: "choose", "cities").
ABSENT = 300_000


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], dict[str, int]]:
    surnames: dict[str, int] = {}
    first: dict[str, int] = {}
    text = (Path(__file__).parent / "data" / "names.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith(("#", "kind\t")):
            continue
        kind, name, rank = line.split("\t")
        (surnames if kind == "surname" else first)[name] = int(rank)
    return surnames, first


def surname_rank(word: str) -> int:
    """``word``'s rank among surnames (:data:`ABSENT` if it is none)."""
    return _table()[0].get(word.lower(), ABSENT)


def is_first_name(word: str) -> bool:
    """Whether ``word`` (or, hyphenated, its first part: "Karl-Anthony") is a first name."""
    first = _table()[1]
    word = word.lower()
    return word in first or word.split("-", 1)[0] in first


def surname_log_ratio(original: str, observed: str) -> float:
    """``log`` of how much likelier ``original`` is than ``observed`` as a surname: 0
    where neither is one."""
    a, b = surname_rank(original), surname_rank(observed)
    if a == b:
        return 0.0
    return SLOPE * math.log(b / a)
