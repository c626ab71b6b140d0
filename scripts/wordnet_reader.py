"""Read Princeton WordNet 3.0's database files (a development-time helper).

The files come from Debian's ``wordnet-base`` package (``apt-get download wordnet-base``
and ``dpkg-deb -x``, or ``apt-get install wordnet-base``): ``index.{noun,verb,adj,adv}``
and ``data.*`` in ``/usr/share/wordnet``. WordNet licence (Princeton University, 2006):
use, copy, modify and distribute for any purpose, with its notice kept (see DATA.md).

Only what the phrasebook builders need: each lemma's senses in WordNet's order (most
frequent first, by the tagged-corpus counts WordNet sorts by), each sense's words, the
antonym pairs ("able" and "unable", "brother" and "sister") and the proper names.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

DEFAULT = Path("/usr/share/wordnet")
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}


class Sense(NamedTuple):
    pos: str  # n, v, a, r
    rank: int  # 0 for the lemma's commonest sense of this part of speech
    words: tuple[str, ...]  # as WordNet writes them, "_" turned into spaces


class WordNet:
    """Lemma -> senses, in WordNet's order."""

    def __init__(self, folder: Path = DEFAULT) -> None:
        if not (folder / "index.noun").exists():
            raise SystemExit(
                f"{folder}: no WordNet database; install Debian's wordnet-base "
                "(or pass --wordnet DIR with index.noun, data.noun, ...)"
            )
        self.folder = folder
        self._synsets: dict[tuple[str, int], tuple[str, ...]] = {}
        self.index: dict[str, list[tuple[str, list[int]]]] = {}
        self._counts = self._read_counts()
        # Antonym pointers, (pos, offset, word number) -> (pos, offset, word number),
        # resolved to words once every synset is read.
        self._opposite: list[tuple[tuple[str, int, int], tuple[str, int, int]]] = []
        for pos, name in POS_FILES.items():
            self._read_data(pos, folder / f"data.{name}")
            self._read_index(pos, folder / f"index.{name}")
        # Words WordNet writes only capitalised: proper names ("Russia", "Moscow",
        # "Stewart"), lowercased.
        capitalised, lower = set(), set()
        for words in self._synsets.values():
            for w in words:
                (capitalised if w[:1].isupper() else lower).add(w.lower())
        self.proper: frozenset[str] = frozenset(capitalised - lower)
        self.common: frozenset[str] = frozenset(lower)  # written lowercase somewhere
        self.antonyms: set[tuple[str, str]] = set()
        for (p1, o1, w1), (p2, o2, w2) in self._opposite:
            a, b = self._synsets.get((p1, o1), ()), self._synsets.get((p2, o2), ())
            if w1 <= len(a) and w2 <= len(b):
                x, y = a[w1 - 1].lower(), b[w2 - 1].lower()
                self.antonyms.update(((x, y), (y, x)))

    def _read_counts(self) -> dict[tuple[str, str], int]:
        """Tagged-corpus counts (cntlist.rev) summed by lemma and part of speech."""
        out: dict[tuple[str, str], int] = {}
        path = self.folder / "cntlist.rev"
        if not path.exists():
            return out
        ss_type = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, count = line.split(" ")
            lemma, _, rest = key.partition("%")
            pos = ss_type[rest[0]]
            lemma = lemma.replace("_", " ")
            out[(lemma, pos)] = out.get((lemma, pos), 0) + int(count)
        return out

    def _read_data(self, pos: str, path: Path) -> None:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("  "):
                continue  # the licence header
            fields = line.split(" ")
            offset = int(fields[0])
            n = int(fields[3], 16)
            words = []
            for k in range(n):
                word = fields[4 + 2 * k]
                # Adjective markers: "big(a)", "galore(ip)".
                word = word.split("(")[0]
                words.append(word.replace("_", " "))
            self._synsets[(pos, offset)] = tuple(words)
            k = 4 + 2 * n
            for i in range(int(fields[k])):
                symbol, target, target_pos, source_target = fields[k + 1 + 4 * i : k + 5 + 4 * i]
                if symbol == "!":  # antonym, between two words ("able", "unable")
                    target_pos = "a" if target_pos == "s" else target_pos
                    self._opposite.append((
                        (pos, offset, int(source_target[:2], 16)),
                        (target_pos, int(target), int(source_target[2:], 16)),
                    ))  # fmt: skip

    def _read_index(self, pos: str, path: Path) -> None:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0].replace("_", " ")
            synset_cnt = int(fields[2])
            p_cnt = int(fields[3])
            offsets = [int(x) for x in fields[6 + p_cnt : 6 + p_cnt + synset_cnt]]
            self.index.setdefault(lemma, []).append((pos, offsets))

    def senses(self, lemma: str) -> list[Sense]:
        """The lemma's senses, parts of speech by tagged-corpus count (commonest first),
        and within one, in WordNet's order."""
        out = []
        for pos, offsets in self.index.get(lemma, ()):
            for rank, offset in enumerate(offsets):
                out.append(Sense(pos, rank, self._synsets.get((pos, offset), ())))
        out.sort(key=lambda s: (-self.count(lemma, s.pos), s.rank))
        return out

    def synonyms(self, a: str, b: str) -> bool:
        """Whether lemmas ``a`` and ``b`` share a sense (one synset)."""
        senses = {(pos, o) for pos, offsets in self.index.get(a, ()) for o in offsets}
        return any((pos, o) in senses for pos, offsets in self.index.get(b, ()) for o in offsets)

    def count(self, lemma: str, pos: str) -> int:
        """The lemma's tagged-corpus count as ``pos`` (0 if never tagged)."""
        return self._counts.get((lemma, pos), 0)
