"""The phrasebook: spun phrase -> original phrase, with where each entry comes from.

File format (UTF-8, tab-separated, ``#`` comments and blank lines ignored)::

    spun<TAB>original<TAB>source[<TAB>prior[<TAB>own]]
    center east<TAB>Middle East<TAB>seed

The spun side is matched case-insensitively on word boundaries; the original side is
written as it would appear mid-sentence (proper names capitalised). The optional
``prior`` column (the header says whether it is there) is the probability that the
spinner really makes this substitution, in (0, 1]; without it every entry is taken as
certain (a book of the spinner's own table). The optional ``own`` column after it, in
[0, 1), is the share of the spun side's occurrences on the spinner's pages that their
writers wrote themselves ("retailer" on retail pages, where the spinner also writes it
for "store"); the decisions weigh such an entry's spins less (:mod:`unspin.calibration`),
0 where unknown. Every malformed line is a :class:`PhrasebookError` naming the file and
line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .tokenizing import WORD_RE, normalize_phrase

HEADER = ("spun", "original", "source")
HEADER_WITH_PRIOR = (*HEADER, "prior")
HEADER_WITH_OWN = (*HEADER_WITH_PRIOR, "own")
DEFAULT_NAME = "phrasebook.tsv"


class PhrasebookError(ValueError):
    """A phrasebook file that cannot be used, with the file and line at fault."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


class Entry(NamedTuple):
    """One mapping the spinner makes, read from ``path`` at ``line``."""

    spun: str
    original: str
    source: str
    path: str
    line: int
    prior: float = 1.0  # probability that the spinner makes this substitution
    # share of the spun side's occurrences on the spinner's pages that writers wrote
    own: float = 0.0

    @property
    def key(self) -> str:
        """The normalised spun phrase the matcher looks for."""
        return normalize_phrase(self.spun)

    def __str__(self) -> str:
        return f"{self.spun!r} -> {self.original!r} ({self.source}, {self.path}:{self.line})"


def parse(lines: Iterable[str], path: str) -> list[Entry]:
    """Parse and validate phrasebook lines; ``path`` is only used in messages."""
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    header_seen = False
    width = len(HEADER)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header = tuple(f.strip().lower() for f in fields)
            if header not in (HEADER, HEADER_WITH_PRIOR, HEADER_WITH_OWN):
                raise PhrasebookError(
                    path,
                    number,
                    f"expected the header {'<TAB>'.join(HEADER)} (optionally <TAB>prior,"
                    " then <TAB>own)",
                )
            header_seen = True
            width = len(header)
            continue
        if len(fields) != width:
            raise PhrasebookError(
                path, number, f"expected {width} tab-separated fields, got {len(fields)}"
            )
        spun, original, source = fields[:3]
        prior, own = 1.0, 0.0
        if width >= 4:
            prior = _number(fields[3], "prior", path, number)
            if not 0.0 < prior <= 1.0:
                raise PhrasebookError(path, number, f"prior {fields[3]} is not in (0, 1]")
        if width == 5:
            own = _number(fields[4], "own", path, number)
            if not 0.0 <= own < 1.0:
                raise PhrasebookError(path, number, f"own {fields[4]} is not in [0, 1)")
        for name, value in (("spun", spun), ("original", original), ("source", source)):
            if value != value.strip() or "  " in value:
                raise PhrasebookError(path, number, f"stray spaces in the {name} field")
        if not WORD_RE.search(spun):
            raise PhrasebookError(path, number, "the spun side has no word")
        if not source:
            raise PhrasebookError(path, number, "the source field is empty")
        if (
            normalize_phrase(spun) == normalize_phrase(original)
            and spun.lower() == original.lower()
        ):
            raise PhrasebookError(path, number, "spun and original sides are the same")
        pair = (normalize_phrase(spun), original)
        if pair in seen:
            raise PhrasebookError(path, number, f"duplicate of line {seen[pair]}")
        seen[pair] = number
        entries.append(Entry(spun, original, source, path, number, prior, own))
    if not header_seen:
        raise PhrasebookError(path, 1, "empty phrasebook: no header line")
    return entries


def _number(field: str, name: str, path: str, number: int) -> float:
    try:
        return float(field)
    except ValueError:
        raise PhrasebookError(path, number, f"{name} {field!r} is not a number") from None


def load(path: str | Path) -> list[Entry]:
    """Read a phrasebook file (UTF-8; a byte-order mark before it, as Windows editors
    save one, is no part of its header)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PhrasebookError(str(p), text_line(p, exc.start), "not valid UTF-8") from None
    return parse(lines(text), str(p))


def lines(text: str) -> list[str]:
    """The lines of a phrasebook file: split at ``\\n`` only (``parse`` drops a ``\\r``
    before it). ``str.splitlines`` would also split at a form feed, U+0085 or U+2028 in
    a comment, and break the file's line numbers or one of its lines."""
    return text.split("\n")


def text_line(path: Path, offset: int) -> int:
    """1-based line number of byte ``offset`` in ``path``."""
    return path.read_bytes()[:offset].count(b"\n") + 1


def default_bytes() -> bytes:
    """The shipped phrasebook file's bytes."""
    return (Path(__file__).parent / "data" / DEFAULT_NAME).read_bytes()


def load_default() -> list[Entry]:
    """The phrasebook shipped with unspin."""
    return list(_parsed_default(default_bytes()))


# Parsed once a process: a book compiled with each new user book (a service's users, the
# tests) would parse the 35,000 lines again, half a second each time. Keyed by the file's
# bytes, so a changed file is read anew.
@lru_cache(maxsize=1)
def _parsed_default(data: bytes) -> tuple[Entry, ...]:
    return tuple(parse(lines(data.decode("utf-8")), f"unspin/data/{DEFAULT_NAME}"))


def merge(*books: Sequence[Entry]) -> list[Entry]:
    """Combine phrasebooks; a later (spun, original) pair replaces an earlier one. An own
    share of 0 says nothing (unknown): the replacing entry keeps the earlier one's."""
    merged: dict[tuple[str, str], Entry] = {}
    for book in books:
        for entry in book:
            pair = (entry.key, entry.original)
            earlier = merged.get(pair)
            if earlier is not None and earlier.own and not entry.own:
                entry = entry._replace(own=earlier.own)
            merged[pair] = entry
    return list(merged.values())
