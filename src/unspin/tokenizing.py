"""Word tokens with character offsets, and the normalisation the matcher works on.

A *word* is a run of letters, marks and digits, with internal apostrophes and hyphens
("China’s", "know-how", "long-stalled"). Everything else is punctuation or space. The
matcher and the tokenizer share this one definition, so a phrasebook match always starts
and ends on token boundaries.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator

import numpy as np
import regex

_W = r"\p{L}\p{M}\p{N}"
# "{dollars}" is one word: spintax residue ("{word|synonym}") the spinner left behind.
WORD_RE = regex.compile(rf"\{{[{_W}]+\}}|[{_W}]+(?:['’\-][{_W}]+)*")
#: Word and punctuation tokens, as the benchmarks count them.
TOKEN_RE = regex.compile(rf"[{_W}]+(?:['’\-][{_W}]+)*|[^\s{_W}]")
# Non-ASCII characters that are not word material (quotes, dashes, symbols, emoji).
_NON_ASCII_NON_WORD = regex.compile(rf"[^\x00-\x7f{_W}]")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")
# ASCII: letters, digits, apostrophe, hyphen and braces stay; other bytes become spaces.
_ASCII_TABLE = bytes(
    b if (b >= 0x80 or chr(b).isalnum() or b in b"'-{}") else 0x20 for b in range(256)
)
#: What every non-ASCII word character becomes in :func:`normalize_ascii`.
PLACEHOLDER = "\x00"
_PLACEHOLDER_TABLE = b"\x00" + _ASCII_TABLE[1:]
# On normalised bytes: 1 for an apostrophe or hyphen; 1 for word material.
_MARK_BITS = bytes(1 if b in b"'-" else 0 for b in range(256))
_WORD_BITS = bytes(0 if b in b" '-" else 1 for b in range(256))


def fold(text: str) -> str:
    """Lowercase ``text`` without changing its length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lowercase to two ("İ" -> "i̇"); leave those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _blank(data: bytes, table: bytes = _ASCII_TABLE) -> bytes:
    """Blank the non-word bytes of folded UTF-8 (or ASCII) text, and every apostrophe or
    hyphen that is not between two word bytes."""
    data = data.translate(table)
    marks = int.from_bytes(data.translate(_MARK_BITS), "little")
    if not marks:
        return data
    # One byte per character, as big integers: a mark is loose unless the bytes on
    # both sides are word bytes. Bit arithmetic keeps this in C for any text length.
    word = int.from_bytes(data.translate(_WORD_BITS), "little")
    loose = marks & ~((word << 8) & (word >> 8))
    if not loose:
        return data
    n = len(data)
    x = int.from_bytes(data, "little")
    x ^= (loose * 0xFF) & (x ^ int.from_bytes(b" " * n, "little"))
    return x.to_bytes(n, "little")


def normalize(text: str) -> str:
    """Casefold and blank every non-word character of ``text``, as a byte string.

    The result is ``text`` folded, encoded as UTF-8 and decoded as Latin-1, so it is
    indexed by UTF-8 byte offset (use :func:`char_index` to map back). "Center East,"
    becomes "center east " and "China’s" becomes "china's", so that phrase keys written
    with single spaces match on word boundaries only. Everything here runs in C: this
    is the fast path for clean text.
    """
    low = fold(text)
    if not low.isascii():
        low = _NON_ASCII_NON_WORD.sub(" ", low.replace("’", "'"))
    return _blank(low.encode("utf-8", "surrogatepass")).decode("latin-1")


def normalize_ascii(text: str) -> str:
    """Like :func:`normalize`, indexed by character: every non-ASCII word character
    becomes :data:`PLACEHOLDER`. For matching keys that are all ASCII (no offsets to
    map back), which is the common case."""
    low = fold(text)
    if PLACEHOLDER in low:
        low = low.replace(PLACEHOLDER, " ")  # a NUL in the input is not a word
    if not low.isascii():
        low = _NON_ASCII_NON_WORD.sub(" ", low.replace("’", "'"))
        low = _NON_ASCII.sub(PLACEHOLDER, low)
    return _blank(low.encode("ascii"), _PLACEHOLDER_TABLE).decode("ascii")


def normalize_phrase(phrase: str) -> str:
    """The matcher key of a phrase: normalised words joined by single spaces. Split at
    ASCII spaces only, the only ones :func:`normalize` leaves: its UTF-8 bytes read as
    Latin-1 hold "\\xa0" and "\\x85" inside letters ("à" is "Ã\\xa0"), which ``str.split``
    takes for spaces: "voilà" was keyed "voilÃ" and matched nowhere."""
    return " ".join(word for word in normalize(phrase).split(" ") if word)


def char_index(normalized: str) -> np.ndarray:
    """The offset into its text of every byte offset into a :func:`normalize` result (one
    more than its length): how many characters start before that byte."""
    data = np.frombuffer(normalized.encode("latin-1"), dtype=np.uint8)
    starts = (data & 0xC0) != 0x80  # not a UTF-8 continuation byte (10xxxxxx)
    index = np.empty(len(data) + 1, dtype=np.int64)
    index[0] = 0
    np.cumsum(starts, out=index[1:])
    return index


def words(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, word)`` for each word of ``text[start:end]``."""
    for m in WORD_RE.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end(), m.group()


def lm_form(word: str) -> str:
    """The form a word takes in the language model: lowercase, straight apostrophe."""
    return word.lower().replace("’", "'")


class Occurrences:
    """Where each word (LM form) of a text starts, found at the first question (a text
    whose candidates are all pruned never asks)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._at: dict[str, list[int]] | None = None

    @property
    def at(self) -> dict[str, list[int]]:
        if self._at is None:
            self._at = defaultdict(list)
            for m in WORD_RE.finditer(self._text):
                self._at[lm_form(m.group())].append(m.start())
        return self._at

    def near(self, word: str, lo: int, hi: int, start: int, end: int) -> bool:
        """Whether ``word`` starts in ``text[lo:hi]`` outside ``text[start:end]``."""
        at = self.at.get(word)
        if not at:
            return False
        n = bisect.bisect_left(at, hi) - bisect.bisect_left(at, lo)
        return n > bisect.bisect_left(at, end) - bisect.bisect_left(at, start)


def tokens(text: str) -> list[str]:
    """Word and punctuation tokens (the unit of the benchmarks' edit distance)."""
    return TOKEN_RE.findall(text)
