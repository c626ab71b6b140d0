"""A unified diff of a text and its repair, built from the edits, chunk by chunk.

The edits already say which spans changed, so there is nothing to search for (difflib's
matcher is quadratic on the repeated lines of big files): a line is changed if an edit
touches it. Lines are split at ``\\n`` only, as ``diff`` and ``patch`` do, and keep their
``\\r``. A final line without a newline gets the usual ``\\ No newline at end of file``.

With ``word=True`` the hunks show words instead of lines, as ``git diff --word-diff=plain``
does (a line of prose is a whole paragraph): each changed line once, every edit in it as
``[-old-]{+new+}`` (the words both sides share left outside the marks), and the context
lines without a leading space. It is for reading, not for ``patch``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from itertools import accumulate

#: An edit as the diff needs it: (start, end, replacement), offsets into the fed text.
Span = tuple[int, int, str]


class UnifiedDiff:
    """Feed the text in pieces with their edits; hunks are written as soon as they close.

    Memory is bounded by a piece plus the hunk being built, whatever the file's length.
    """

    def __init__(
        self,
        write: Callable[[str], None],
        old_label: str,
        new_label: str,
        context: int = 3,
        *,
        word: bool = False,
    ) -> None:
        self._write = write
        self._labels = (old_label, new_label)
        self._context = context
        self._word = word
        self._same = "" if word else " "  # the mark of a context line
        self._carry = ""  # an unfinished last line, held until its end arrives
        self._carry_spans: list[Span] = []
        self._old_no = 0  # lines of the old text consumed so far
        self._new_no = 0
        self._before: list[str] = []  # the last unchanged lines (leading context)
        self._hunk: list[str] | None = None
        self._tail: list[str] = []  # unchanged lines since the hunk's last change
        self._start = (0, 0)
        self._lengths = [0, 0]
        self.hunks = 0

    def feed(self, text: str, spans: Sequence[Span]) -> None:
        """The next piece of the old text and its edits (sorted, offsets into ``text``)."""
        if self._carry:
            shift = len(self._carry)
            text = self._carry + text
            spans = self._carry_spans + [(s + shift, e + shift, a) for s, e, a in spans]
        cut = text.rfind("\n") + 1
        # An edit across a line break must not be split from the start of its line.
        k = len(spans)
        while k and spans[k - 1][0] >= cut:
            k -= 1
        while k and spans[k - 1][1] > cut:
            cut = text.rfind("\n", 0, spans[k - 1][0]) + 1
            while k and spans[k - 1][0] >= cut:
                k -= 1
        self._lines(text[:cut], spans[:k])
        self._carry = text[cut:]
        self._carry_spans = [(s - cut, e - cut, a) for s, e, a in spans[k:]]

    def close(self) -> None:
        """Flush the last line and the open hunk."""
        self._lines(self._carry, self._carry_spans)
        self._carry, self._carry_spans = "", []
        if self._hunk is not None:
            self._emit(self._tail[: self._context])

    def _lines(self, text: str, spans: Sequence[Span]) -> None:
        if not text:
            return
        lines = _split_lines(text)
        starts = [0, *accumulate(len(line) for line in lines)]
        done = 0  # lines before this index have been handled
        i = 0
        while i < len(spans):
            first = bisect.bisect_right(starts, spans[i][0]) - 1
            last = bisect.bisect_right(starts, max(spans[i][1] - 1, spans[i][0])) - 1
            j = i + 1
            # Edits sharing a line make one change.
            while j < len(spans) and spans[j][0] < starts[last + 1]:
                last = max(last, bisect.bisect_right(starts, spans[j][1] - 1) - 1)
                j += 1
            self._equal(lines[done:first])
            lo, hi = starts[first], starts[last + 1]
            local = [(s - lo, e - lo, a) for s, e, a in spans[i:j]]
            new = _apply(text[lo:hi], local)
            marked = _split_lines(_mark_words(text[lo:hi], local)) if self._word else None
            self._change(lines[first : last + 1], _split_lines(new), marked)
            done = last + 1
            i = j
        self._equal(lines[done:])

    def _equal(self, lines: list[str]) -> None:
        if not lines:
            return
        n = self._context
        if self._hunk is not None:
            tail = self._tail + lines[: 2 * n + 1]
            if len(tail) > 2 * n:  # too far from the next change: the hunk is complete
                self._emit(tail[:n])
                self._before = (self._tail + lines)[-n:] if n else []
            else:
                self._tail = tail
        else:
            self._before = (self._before + lines[-n:])[-n:] if n else []
        self._old_no += len(lines)
        self._new_no += len(lines)

    def _change(self, old: list[str], new: list[str], marked: list[str] | None = None) -> None:
        """Lines ``old`` replaced by ``new``; ``marked``: the word view of the change."""
        if self._hunk is None:
            lead = self._before
            self._start = (self._old_no - len(lead), self._new_no - len(lead))
            self._hunk = [self._same + line for line in lead]
            self._lengths = [len(lead), len(lead)]
        else:
            self._hunk += [self._same + line for line in self._tail]
            self._lengths[0] += len(self._tail)
            self._lengths[1] += len(self._tail)
        self._tail = []
        if marked is not None:
            self._hunk += marked
        else:
            self._hunk += ["-" + line for line in old]
            self._hunk += ["+" + line for line in new]
        self._lengths[0] += len(old)
        self._lengths[1] += len(new)
        self._old_no += len(old)
        self._new_no += len(new)

    def _emit(self, trail: list[str]) -> None:
        assert self._hunk is not None
        if not self.hunks:
            self._write(f"--- {self._labels[0]}\n+++ {self._labels[1]}\n")
        self.hunks += 1
        old = _range(self._start[0], self._lengths[0] + len(trail))
        new = _range(self._start[1], self._lengths[1] + len(trail))
        out = [f"@@ -{old} +{new} @@\n"]
        # A word diff is not for patch: its last line just ends.
        missing = "\n" if self._word else "\n\\ No newline at end of file\n"
        for line in self._hunk + [self._same + line for line in trail]:
            out.append(line if line.endswith("\n") else line + missing)
        self._write("".join(out))
        self._hunk = None
        self._tail = []


def _split_lines(text: str) -> list[str]:
    """Lines ending in ``\\n`` (kept), and a last line without one if the text has it."""
    lines = text.split("\n")
    last = lines.pop()
    lines = [line + "\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def _apply(text: str, spans: Sequence[Span]) -> str:
    parts: list[str] = []
    pos = 0
    for start, end, after in spans:
        parts += (text[pos:start], after)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _mark_words(text: str, spans: Sequence[Span]) -> str:
    """``text`` with each edit shown as ``[-old-]{+new+}``; the words at either end that
    both sides share stay outside the marks ("Chinese [-language officers-]{+officials+}")."""
    parts: list[str] = []
    pos = 0
    for start, end, after in spans:
        old, new = text[start:end], after
        a, b = _WORDS.findall(old), _WORDS.findall(new)
        head = 0
        while head < min(len(a), len(b)) and a[head] == b[head]:
            head += 1
        tail = 0
        while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        lead, trail = "".join(a[:head]), "".join(a[len(a) - tail :])
        old, new = old[len(lead) : len(old) - len(trail)], new[len(lead) : len(new) - len(trail)]
        parts += (text[pos:start], lead)
        parts += (f"[-{old}-]" if old else "", f"{{+{new}+}}" if new else "", trail)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


# Words and the spaces between them: the pieces compared at the ends of an edit.
_WORDS = re.compile(r"\S+|\s+")


def _range(start: int, length: int) -> str:
    """A hunk range as ``diff -u`` writes it (1-based; an empty range names the line
    before it)."""
    if length == 1:
        return f"{start + 1}"
    if length == 0:
        return f"{start},0"
    return f"{start + 1},{length}"
