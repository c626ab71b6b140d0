"""Text extracted from a marked-up source, and the way back: each character of the
extracted text knows the source characters it came from, so that an edit made on the
text can be made on the source and nothing else there changes.

A source is cut into pieces of three kinds:

- *verbatim*: source characters that are the text as they stand ("Center East");
- *decoded*: a source span read as other text (``&amp;`` is "&", a run of spaces and a
  line break in HTML is one space): replaced whole or kept whole, never cut into;
- *gaps*: text with no source of its own (a paragraph break where a ``<p>`` stood, a tab
  where an inline ``<code>`` was left out): an edit that touches one is not made.

Markup that is not text (tags, code, link targets) is in no piece at all: it is never
read by the repair and never written.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import NamedTuple

import regex

from ..repairing import Edit

VERBATIM = 0
DECODED = 1
GAP = 2

_TOKENS = regex.compile(r"\s+|\S+")


class Extraction(NamedTuple):
    """``text`` read from ``source``; piece ``k`` is ``text[starts[k]:starts[k + 1]]``
    and stands for ``source[sources[k]:source_ends[k]]``, of kind ``kinds[k]``."""

    source: str
    text: str
    starts: list[int]
    sources: list[int]
    source_ends: list[int]
    kinds: list[int]
    #: The code blocks the source shows (an HTML page's ``pre`` elements), left out of
    #: ``text``: what says a page is a program's manual (:func:`unspin.formats.is_manual`).
    code: str = ""

    def markup(self) -> str:
        """The source with its text taken out: all that a repair must leave as it is."""
        parts = []
        pos = 0
        for start, end in zip(self.sources, self.source_ends, strict=True):
            parts.append(self.source[pos:start])
            pos = max(pos, end)
        parts.append(self.source[pos:])
        return "".join(parts)

    def piece_at(self, offset: int) -> int:
        """The piece holding ``text[offset]``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def source_offset(self, offset: int) -> int:
        """Where ``text[offset]`` stands in the source (for a gap: where it was made)."""
        k = self.piece_at(offset)
        if k < 0:
            return 0
        if self.kinds[k] == VERBATIM:
            return self.sources[k] + offset - self.starts[k]
        return self.sources[k]

    def to_source(
        self, edit: Edit, escape: Callable[[str], str] = lambda s: s
    ) -> tuple[int, int, str] | None:
        """The source edit ``(start, end, replacement)`` that makes ``edit`` (offsets into
        ``text``), or None where it cannot be made cleanly: it touches a gap or cuts
        into a decoded piece.

        Words that the edit keeps are kept in the source, markup around them included,
        so "Center East" -> "Middle East" over ``<b>Center</b> East`` replaces "Center"
        alone. A changed stretch that crosses markup (``<b>a lot</b> of`` -> "many")
        gets its replacement in its first piece of text; its other pieces of text are
        removed and the markup between them stays where it was.
        """
        changes = []
        for start, end, after in _changed_words(edit.before, edit.after):
            runs = self._runs(edit.start + start, edit.start + end)
            if runs is None:
                return None
            changes.append((runs, escape(after)))
        if not changes:
            return None
        lo = changes[0][0][0][0]
        hi = changes[-1][0][-1][1]
        out = []
        pos = lo
        for runs, after in changes:
            for k, (a, b) in enumerate(runs):
                out.append(self.source[pos:a])
                if k == 0:
                    out.append(after)
                pos = b
        out.append(self.source[pos:hi])
        return lo, hi, "".join(out)

    def _runs(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """The source spans of ``text[start:end]``, as few as contiguity allows; for an
        empty span, the insertion point. None if a gap or a cut decoded piece is in it."""
        if start == end:
            return self._insertion(start)
        runs: list[tuple[int, int]] = []
        k = self.piece_at(start)
        while k < len(self.starts) and self.starts[k] < end:
            kind = self.kinds[k]
            lo, hi = self.starts[k], self._end(k)
            if kind == GAP:
                return None
            if kind == DECODED:
                if start > lo or end < hi:
                    return None
                a, b = self.sources[k], self.source_ends[k]
            else:
                a = self.sources[k] + max(start, lo) - lo
                b = self.sources[k] + min(end, hi) - lo
            if runs and runs[-1][1] == a:
                runs[-1] = (runs[-1][0], b)
            else:
                runs.append((a, b))
            k += 1
        return runs

    def _insertion(self, offset: int) -> list[tuple[int, int]] | None:
        k = self.piece_at(offset)
        if k >= 0 and self.starts[k] < offset and self.kinds[k] == VERBATIM:
            p = self.sources[k] + offset - self.starts[k]
            return [(p, p)]
        for j in (k - 1, k):  # at a piece boundary: after the text before, or before the text
            if 0 <= j < len(self.kinds) and self.kinds[j] != GAP:
                p = self.source_ends[j] if j < k else self.sources[j]
                return [(p, p)]
        return None

    def _end(self, k: int) -> int:
        return self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)

    def source_edits(
        self, edits: Sequence[Edit], escape: Callable[[str], str] = lambda s: s
    ) -> tuple[list[Edit], list[Edit]]:
        """The source edits for ``edits`` (as :class:`Edit`, with ``before`` and ``after``
        in the source's terms), and the edits that could not be made there."""
        made: list[Edit] = []
        dropped: list[Edit] = []
        for edit in edits:
            found = self.to_source(edit, escape)
            if found is None or (made and found[0] < made[-1].end):
                dropped.append(edit)
                continue
            a, b, after = found
            made.append(edit._replace(start=a, end=b, before=self.source[a:b], after=after))
        return made, dropped


def _changed_words(before: str, after: str) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` spans of ``before`` that change, word for word where
    the two have as many words, else one span for the changed middle."""
    x = [(m.start(), m.end(), m.group()) for m in _TOKENS.finditer(before)]
    y = [m.group() for m in _TOKENS.finditer(after)]
    head = 0
    while head < min(len(x), len(y)) and _same(x[head][2], y[head]):
        head += 1
    tail = 0
    while tail < min(len(x), len(y)) - head and _same(x[-1 - tail][2], y[-1 - tail]):
        tail += 1
    xs, ys = x[head : len(x) - tail], y[head : len(y) - tail]
    if len(xs) == len(ys):
        # White space is kept as the source has it (a no-break space stays one).
        return [
            (s, e, new)
            for (s, e, old), new in zip(xs, ys, strict=True)
            if old != new and not (old.isspace() and new.isspace())
        ]
    at = xs[0][0] if xs else (x[head][0] if head < len(x) else len(before))
    end = xs[-1][1] if xs else at
    return [(at, end, "".join(ys))]


def _same(a: str, b: str) -> bool:
    return a == b or (a.isspace() and b.isspace())


class Builder:
    """Builds an :class:`Extraction` piece by piece, in source order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._length = 0
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.source_ends: list[int] = []
        self.kinds: list[int] = []

    def verbatim(self, start: int, end: int) -> None:
        """``source[start:end]`` is text as it stands."""
        if start >= end:
            return
        if self.kinds and self.kinds[-1] == VERBATIM and self.source_ends[-1] == start:
            self.source_ends[-1] = end  # contiguous: one piece
        else:
            self._piece(VERBATIM, start, end)
        self._add(self.source[start:end])

    def decoded(self, start: int, end: int, text: str) -> None:
        """``source[start:end]`` reads as ``text``."""
        if text == self.source[start:end]:
            self.verbatim(start, end)
        elif text:
            self._piece(DECODED, start, end)
            self._add(text)

    def gap(self, text: str, at: int) -> None:
        """``text`` (a separator) with no source of its own, made at ``source[at]``.
        Separators in a row merge into the longest; none is made at the start."""
        if not self._length:
            return
        if self.kinds[-1] == GAP:
            if len(text) <= self._length - self.starts[-1]:
                return
            self._length = self.starts[-1]
            self._parts[-1] = ""
            self._drop_last()
        self._piece(GAP, at, at)
        self._add(text)

    def ends_with_space(self) -> bool:
        """Whether the text so far is empty or ends with white space or a separator."""
        return not self._length or self.kinds[-1] == GAP or self._parts[-1][-1:].isspace()

    def _drop_last(self) -> None:
        for column in (self.starts, self.sources, self.source_ends, self.kinds):
            column.pop()

    def _piece(self, kind: int, start: int, end: int) -> None:
        self.starts.append(self._length)
        self.sources.append(start)
        self.source_ends.append(end)
        self.kinds.append(kind)

    def _add(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> Extraction:
        text = "".join(self._parts)
        return Extraction(
            self.source, text, self.starts, self.sources, self.source_ends, self.kinds
        )
