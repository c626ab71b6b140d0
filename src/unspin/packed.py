"""A compiled book packed into columns, read at start in milliseconds.

Unpickling the default book's 64,000 rules and 32,000 entries took a seventh of a
second, and freeing them at exit nearly as long, while a short text asks for a few
dozen. Packed, they are a few arrays and one block of strings; a rule or an entry is
made the first time it is asked for, and kept, so that each is one object (a rule's
entry *is* the book's entry). The matcher's automaton stays a pickle (ahocorasick's own
format, a few hundredths of a second).

Layout (little-endian): ``MAGIC``; uint32 section count; per section a type code byte
and a uint64 length in bytes; the sections, in the order :func:`pack` writes them.
"""

from __future__ import annotations

import gc
import pickle
import struct
import sys
from array import array
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple, overload

import numpy as np

from .matching import Matcher
from .phrasebook import Entry
from .rules import ARTICLE_ADJUSTED, Rule, Traits

MAGIC = b"UNSPIN-BOOK-4\n"
_FLAGS = _PROPER, _POSSESSIVE, _NUMERIC, _SENSITIVE, _BLIND, _FINGERPRINT, _LETTER, _ARTICLED = (
    tuple(1 << k for k in range(8))
)
# Bytes of flags -> bytes of 0 or 1 for one flag (bytes.translate runs in C).
_ONE = {flag: bytes(int(bool(b & flag)) for b in range(256)) for flag in _FLAGS}


class Book(NamedTuple):
    """Merged entries, the rules compiled from them, and the matcher for their phrases."""

    entries: Sequence[Entry]
    rules: Sequence[Rule]
    matcher: Matcher


class _Strings:
    """Strings by id: one block of UTF-8 and where each ends."""

    __slots__ = ("_blob", "_ends")

    def __init__(self, blob: bytes, ends: array) -> None:
        if ends and ends[-1] != len(blob):
            raise ValueError("damaged string table")
        self._blob, self._ends = blob, ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        start = self._ends[i - 1] if i else 0
        return self._blob[start : self._ends[i]].decode("utf-8", "surrogatepass")


class Entries(Sequence[Entry]):
    """The book's entries, each made when first asked for."""

    def __init__(self, strings: _Strings, columns: list[array]) -> None:
        self._strings = strings
        (
            self._spun, self._original, self._source, self._path, self._line, self._prior,
            self._own,
        ) = columns  # fmt: skip
        if any(len(c) != len(self._spun) for c in columns) or not all(
            _within(c, len(strings)) for c in columns[:4]
        ):
            raise ValueError("damaged entry columns")
        self._made: dict[int, Entry] = {}

    def __len__(self) -> int:
        return len(self._spun)

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...
    def __getitem__(self, i: int | slice) -> Entry | list[Entry]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = _index(i, len(self))
        found = self._made.get(i)
        if found is None:
            s = self._strings
            made = Entry(
                s[self._spun[i]],
                s[self._original[i]],
                s[self._source[i]],
                s[self._path[i]],
                self._line[i],
                self._prior[i],
                self._own[i],
            )
            found = self._made.setdefault(i, made)  # one object, whichever thread wins
        return found

    @property
    def prior(self) -> array:
        """Each entry's prior (float64)."""
        return self._prior

    @property
    def source(self) -> array:
        """Each entry's source, as a string id (uint64)."""
        return self._source


class Rules(Sequence[Rule]):
    """The book's rules, each made when first asked for."""

    def __init__(self, entries: Entries, strings: _Strings, columns: list[array]) -> None:
        self._entries, self._strings = entries, strings
        self._entry, self._words, self._count, self._channel, self._unigram, self._flags = columns
        if (
            any(len(c) != len(self._entry) for c in columns)
            or not _within(self._entry, len(entries))
            or not _within(self._words, len(strings))
        ):
            raise ValueError("damaged rule columns")
        self._made: dict[int, Rule] = {}

    def __len__(self) -> int:
        return len(self._entry)

    @overload
    def __getitem__(self, i: int) -> Rule: ...
    @overload
    def __getitem__(self, i: slice) -> list[Rule]: ...
    def __getitem__(self, i: int | slice) -> Rule | list[Rule]:
        # A rule made before, by its own index (most calls: lattices ask for each
        # candidate's rules in their inner loop).
        found = self._made.get(i) if type(i) is int else None
        if found is not None:
            return found
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = _index(i, len(self))
        found = self._made.get(i)
        if found is None:
            f = self._flags[i]
            words = tuple(self._strings[self._words[i]].split("\n")) if self._count[i] else ()
            made = Rule(
                self._entries[self._entry[i]],
                words,
                self._channel[i],
                bool(f & _PROPER),
                bool(f & _POSSESSIVE),
                bool(f & _NUMERIC),
                bool(f & _SENSITIVE),
                bool(f & _BLIND),
                self._unigram[i],
                bool(f & _FINGERPRINT),
                bool(f & _LETTER),
                bool(f & _ARTICLED),
            )
            found = self._made.setdefault(i, made)
        return found

    def traits(self) -> Traits:
        """:func:`unspin.rules.traits`, from the columns (no rule is made): the flags as
        bytes of 0 and 1, the priors as an array."""
        flags = self._flags.tobytes()
        entry = np.frombuffer(self._entry, dtype=np.uint64)
        prior, source = self._entries.prior, self._entries.source
        source_ids = np.frombuffer(source, dtype=np.uint64)[entry]
        # A handful of sources: each rule's is one of them, by its place among them.
        ids, at = np.unique(source_ids, return_inverse=True)
        names = [self._strings[int(k)] for k in ids]
        priors = np.frombuffer(prior, dtype=np.float64)[entry]
        articled = np.frombuffer(flags.translate(_ONE[_ARTICLED]), dtype=np.uint8).astype(bool)
        priors = np.where(articled, priors * ARTICLE_ADJUSTED, priors)  # rules.rule_prior
        return Traits(
            flags.translate(_ONE[_PROPER]),
            flags.translate(_ONE[_NUMERIC]),
            flags.translate(_ONE[_FINGERPRINT]),
            flags.translate(_ONE[_LETTER]),
            priors,
            _Sources(names, at),
        )


class _Sources(Sequence[str]):
    """Each rule's entry's source, by rule id, from the few distinct ones."""

    def __init__(self, names: list[str], at: np.ndarray) -> None:
        self.names, self.at = names, at

    def __len__(self) -> int:
        return len(self.at)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self.names[k] for k in self.at[i].tolist()]
        return self.names[int(self.at[_index(i, len(self))])]

    def where(self, sources: AbstractSet[str]) -> np.ndarray:
        """1 for each rule whose source is in ``sources``, else 0 (uint8)."""
        hit = np.array([name in sources for name in self.names], dtype=np.uint8)
        return hit[self.at]


def _within(ids: array, n: int) -> bool:
    return not ids or int(np.frombuffer(ids, dtype=np.uint64).max()) < n


def _index(i: int, n: int) -> int:
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError("index out of range")
    return i


def pack(book: Book) -> bytes:
    """``book`` as bytes for :func:`unpack`. A book the columns cannot hold exactly (a
    field of another type, a word with a line break) is a ``ValueError``."""
    ids: dict[str, int] = {}
    blob = bytearray()
    ends = array("Q")

    def string(s: object) -> int:
        if type(s) is not str:
            raise ValueError(f"not a string: {s!r}")
        k = ids.get(s)
        if k is None:
            k = ids[s] = len(ends)
            blob.extend(s.encode("utf-8", "surrogatepass"))
            ends.append(len(blob))
        return k

    entry_columns = [array("Q") for _ in range(4)] + [array("q"), array("d"), array("d")]
    position: dict[int, int] = {}
    for k, e in enumerate(book.entries):
        if (
            type(e) is not Entry
            or type(e.line) is not int
            or type(e.prior) is not float
            or type(e.own) is not float
        ):
            raise ValueError(f"cannot pack {e!r}")
        for column, value in zip(entry_columns[:4], e[:4], strict=True):
            column.append(string(value))
        entry_columns[4].append(e.line)
        entry_columns[5].append(e.prior)
        entry_columns[6].append(e.own)
        position[id(e)] = k
    rule_columns = [array("Q"), array("Q"), array("Q"), array("d"), array("d"), array("B")]
    for r in book.rules:
        if type(r.log_channel) is not float or type(r.unigram) is not float:
            raise ValueError(f"cannot pack {r!r}")
        if any(not w or "\n" in w for w in r.words):
            raise ValueError(f"cannot pack the words of {r!r}")
        bits = (
            r.proper, r.possessive, r.numeric, r.article_sensitive, r.blind, r.fingerprint,
            r.letter, r.articled,
        )  # fmt: skip
        if any(type(b) is not bool for b in bits):
            raise ValueError(f"cannot pack {r!r}")
        values = (
            position[id(r.entry)],  # a KeyError if the rule's entry is not the book's
            string("\n".join(r.words)),
            len(r.words),
            r.log_channel,
            r.unigram,
            sum(bit << k for k, bit in enumerate(bits)),
        )
        for column, value in zip(rule_columns, values, strict=True):
            column.append(value)
    matcher = pickle.dumps(book.matcher, protocol=pickle.HIGHEST_PROTOCOL)
    sections = [bytes(blob), ends, *entry_columns, *rule_columns, matcher]
    out = [MAGIC, struct.pack("<I", len(sections))]
    parts = []
    for section in sections:
        if isinstance(section, array):
            code = section.typecode
            if sys.byteorder != "little":
                section.byteswap()
            section = section.tobytes()
        else:
            code = "b"
        out.append(struct.pack("<cQ", code.encode(), len(section)))
        parts.append(section)
    return b"".join(out + parts)


def unpack(data: bytes | memoryview) -> Book:
    """The book :func:`pack` wrote; a damaged one is a ``ValueError``."""
    if bytes(data[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a packed unspin book")
    at = len(MAGIC)
    (count,) = struct.unpack_from("<I", data, at)
    at += 4
    heads = [struct.unpack_from("<cQ", data, at + 9 * k) for k in range(count)]
    at += 9 * count
    view = memoryview(data)
    sections: list[memoryview | array] = []
    for code, size in heads:
        raw = view[at : at + size]
        at += size
        if len(raw) != size:
            raise ValueError("truncated packed book")
        if code == b"b":
            sections.append(raw)  # bytes as they stand: the pickle is read in place
        else:
            part = array(code.decode())
            part.frombytes(raw)
            if sys.byteorder != "little":
                part.byteswap()
            sections.append(part)
    if at != len(data) or len(sections) != 16:
        raise ValueError("damaged packed book")
    blob, ends, *rest = sections
    strings = _Strings(bytes(blob), ends)
    entries = Entries(strings, rest[0:7])
    rules = Rules(entries, strings, rest[7:13])
    enabled = gc.isenabled()
    gc.disable()  # the collector would walk every new object as it loads
    try:
        matcher = pickle.loads(rest[13])
    finally:
        if enabled:
            gc.enable()
    if not isinstance(matcher, Matcher):
        raise ValueError("damaged packed book")
    return Book(entries, rules, matcher)
