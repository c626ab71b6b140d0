"""The visible prose of an HTML page, with the way back to its source.

The page is read by the standard library's :class:`html.parser.HTMLParser`, which
reports where each tag, text run and character reference starts; a regular expression
never decides what is markup. Text runs are prose, except inside elements whose content
is code or not shown (``script``, ``style``, ``code``, ``pre``, ``textarea`` and their
kind). Block elements (``p``, ``li``, ``td``, headings...) become paragraph breaks, so
that no phrase or context word crosses from one block into the next; inline elements
(``b``, ``a``, ``span``...) join their text, so "<b>Center</b> East" reads as
"Center East". A run of white space reads as one space, as a browser shows it, and
``&amp;`` as "&": both are replaced whole or kept whole, never cut into.

Malformed markup is read as the parser reads it: an unclosed ``<code>`` keeps the rest
of the page out of the prose (nothing is lost, less is repaired), a ``<`` that starts no
tag is text, and an unterminated tag or comment at the end is not text.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from .extraction import Builder, Extraction

#: Elements whose content is never prose: code, scripts, form fields, embedded media.
SKIPPED = frozenset(
    "script style code pre textarea kbd samp var tt xmp listing plaintext template "  # noqa: SIM905
    "noscript svg math object iframe canvas select".split()
)
#: Elements that start and end a block: their text is a paragraph of its own.
BLOCKS = frozenset(
    "address article aside blockquote body button caption center dd details dialog dir "  # noqa: SIM905
    "div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 "
    "head header hgroup hr html legend li main menu nav ol p section summary table tbody "
    "td tfoot th thead title tr ul".split()
)
#: Elements whose content is a block of code (kept apart: :attr:`Extraction.code`).
CODE_BLOCKS = frozenset(("pre", "listing", "xmp", "plaintext"))
#: A line break inside a block.
LINE_BREAKS = frozenset(("br",))
#: Inline elements that are not text (an image between two words): no phrase crosses them.
INLINE_BREAKS = frozenset(("img", "input", "embed", "video", "audio", "picture"))
_SPACE = " \t\n\r\f"


def extract_html(source: str) -> Extraction:
    """The visible prose of ``source`` (an HTML page or fragment), mapped to it."""
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    return reader.builder.build()._replace(code="".join(reader.code))


def escape_text(text: str) -> str:
    """``text`` as HTML text content (a replacement written into the page)."""
    return html.escape(text, quote=False)


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.builder = Builder(source)
        self._lines = [0]
        pos = source.find("\n")
        while pos >= 0:
            self._lines.append(pos + 1)
            pos = source.find("\n", pos + 1)
        self._skipping: list[str] = []  # open elements whose content is not prose
        self.code: list[str] = []  # the text of the code blocks, each ending a line
        self._ended = False  # an unterminated construct ran to the end of the page

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    # --- tags ------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in SKIPPED:
            if not self._skipping:
                self._separate(tag)
            self._skipping.append(tag)
            return
        self._block(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self._block(tag)  # <br/>, <img/>, <code/>: no content either way

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag in self._skipping:
                # Close it and whatever was left open inside it.
                while self._skipping and self._skipping.pop() != tag:
                    pass
                if not self._skipping:
                    self._separate(tag)
                    if tag in CODE_BLOCKS:
                        self.code.append("\n")
            return
        self._block(tag)

    def _block(self, tag: str) -> None:
        if self._skipping:
            return
        if tag in BLOCKS:
            self.builder.gap("\n\n", self._offset())
        elif tag in LINE_BREAKS:
            self.builder.gap("\n", self._offset())
        elif tag in INLINE_BREAKS:
            self.builder.gap("\t", self._offset())

    def _separate(self, tag: str) -> None:
        """Where left-out content stood: a block break, or a tab for an inline element
        (no phrase is read across it)."""
        if tag in ("pre", "textarea", "listing", "xmp", "plaintext"):
            self.builder.gap("\n\n", self._offset())
        else:
            self.builder.gap("\t", self._offset())

    # --- text ------------------------------------------------------------------------

    def _reading(self) -> bool:
        return not self._ended and not self._skipping

    def _in_code(self) -> bool:
        """Whether the text read now is inside a code block (kept in :attr:`code`)."""
        return bool(self._skipping) and self._skipping[0] in CODE_BLOCKS and not self._ended

    def handle_data(self, data: str) -> None:
        start = self._offset()
        following = self.source[start + 1 : start + 2]
        if data == "<" and (following.isalpha() or following in ("!", "/", "?")):
            # The parser gives up on a tag or comment only when it runs to the end of
            # the page; a browser shows none of that.
            self._ended = True
        if not self._reading():
            if self._in_code():
                self.code.append(data)
            return
        builder = self.builder
        pos = start
        end = start + len(data)
        source = self.source
        while pos < end:
            if source[pos] in _SPACE:
                stop = pos
                while stop < end and source[stop] in _SPACE:
                    stop += 1
                # A run after a space or a break collapses into it: nothing is shown.
                if not builder.ends_with_space():
                    builder.decoded(pos, stop, " ")
                pos = stop
            else:
                stop = pos
                while stop < end and source[stop] not in _SPACE:
                    stop += 1
                builder.verbatim(pos, stop)
                pos = stop

    def handle_entityref(self, name: str) -> None:
        self._reference(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._reference(2 + len(name))

    def _reference(self, length: int) -> None:
        start = self._offset()
        end = start + length
        if self.source[end : end + 1] == ";":
            end += 1
        text = html.unescape(self.source[start:end])
        if self._reading():
            self.builder.decoded(start, end, text)
        elif self._in_code():
            self.code.append(text)  # "=&gt;" in a code block reads "=>"

    # Comments, declarations and processing instructions are not text.
    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass
