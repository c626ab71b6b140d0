"""The prose of a Markdown document, with the way back to its source.

A scanner in the manner of CommonMark reads the document line by line: front matter,
fenced and indented code, HTML blocks, link reference definitions and table delimiter
rows are left out; heading, list and quotation markers are markup. Inside a line of
prose, code spans, link targets (``](url "title")``, ``][label]``), autolinks, inline
HTML and bare URLs are left out, and emphasis markers are markup, so ``**Center** East``
reads as "Center East". Lines of one paragraph are joined by a space (their line break
read as one), so a phrase wrapped over two lines is still found.

Where the scanner is unsure it leaves text out: an unclosed code span hides the rest of
its line, and indented lines after a blank line are code even in a list.
"""

from __future__ import annotations

import html

import regex

from .extraction import Builder, Extraction

_FENCE = regex.compile(r" {0,3}(`{3,}|~{3,})([^\n]*)")
_INDENTED = regex.compile(r"(?: {4}|\t| {1,3}\t)")
_HEADING = regex.compile(r" {0,3}#{1,6}(?=[ \t]|$)[ \t]*")
_CLOSING_HASHES = regex.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_QUOTE = regex.compile(r" {0,3}> ?")
_LIST = regex.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)")
_RULE = regex.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_DEFINITION = regex.compile(r" {0,3}!?\[[^\]]+\]:")
_TABLE_DELIMITER = regex.compile(r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_HTML_START = regex.compile(r" {0,3}<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z]|!|\?)")
_HTML_RAW = regex.compile(r" {0,3}<(script|pre|style|textarea)(?:[\s>]|$)", regex.I)
_HTML_BLOCK_TAG = regex.compile(
    r" {0,3}</?(?:address|article|aside|blockquote|body|caption|center|details|dialog|"
    r"div|dl|dd|dt|fieldset|figcaption|figure|footer|form|h[1-6]|head|header|hr|html|"
    r"iframe|legend|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|"
    r"title|tr|ul)(?:[\s/>]|$)",
    regex.I,
)
_ENTITY = regex.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_URL = regex.compile(r"(?:https?://|ftp://|www\.)[^\s<>]*", regex.I)
_TAG = regex.compile(
    r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*|!--.*?--|"
    r"[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>"
)
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def extract_markdown(source: str) -> Extraction:
    """The prose of ``source`` (Markdown), mapped to it."""
    return _Scanner(source).run()


class _Scanner:
    def __init__(self, source: str) -> None:
        self.source = source
        self.builder = Builder(source)
        self.lines: list[tuple[int, int, int]] = []  # start, end of content, end with break
        pos = 0
        while pos < len(source):
            nl = source.find("\n", pos)
            stop = len(source) if nl < 0 else nl + 1
            content = stop
            while content > pos and source[content - 1] in "\r\n":
                content -= 1
            self.lines.append((pos, content, stop))
            pos = stop

    def run(self) -> Extraction:
        i = self._front_matter()
        paragraph = False  # the previous line was prose that the next may continue
        table = False
        while i < len(self.lines):
            start, end, _ = self.lines[i]
            line = self.source[start:end]
            # Quotation markers are markup; what follows them is read as a line.
            at = start
            while m := _QUOTE.match(self.source, at, end):
                at = m.end()
            body = self.source[at:end]
            if not body.strip():
                self._break(start)
                paragraph = table = False
                i += 1
                continue
            m = _FENCE.match(self.source, at, end)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                i = self._skip_fence(i, m.group(1))
                paragraph = table = False
                continue
            if not paragraph and _INDENTED.match(self.source, at, end):
                self._break(start)  # indented code: its lines are left out
                i += 1
                continue
            if self._html_block(at, end, paragraph):
                i = self._skip_html(i, at)
                paragraph = table = False
                continue
            if not paragraph and _DEFINITION.match(self.source, at, end):
                self._break(start)
                i += 1
                continue
            if (
                _TABLE_DELIMITER.match(self.source, at, end)
                and (table or paragraph)
                and "|" in line
            ):
                self._break(start)  # a table's delimiter row: its rows follow
                table, paragraph = True, False
                i += 1
                continue
            if (
                not table
                and "|" in body
                and i + 1 < len(self.lines)
                and "|" in self.source[self.lines[i + 1][0] : self.lines[i + 1][1]]
                and _TABLE_DELIMITER.match(self.source, self.lines[i + 1][0], self.lines[i + 1][1])
            ):
                table = True
            if table:
                if "|" not in body:
                    table = False
                else:
                    self._break(start)
                    self._inline(at, end, cells=True)
                    self._break(end)
                    paragraph = False
                    i += 1
                    continue
            if _RULE.match(self.source, at, end):
                self._break(start)  # a thematic break, or the underline of a heading
                paragraph = False
                i += 1
                continue
            if m := _HEADING.match(self.source, at, end):
                self._break(start)
                closing = _CLOSING_HASHES.search(self.source, m.end(), end)
                self._inline(m.end(), closing.start() if closing else end)
                self._break(end)
                paragraph = False
                i += 1
                continue
            if m := _LIST.match(self.source, at, end):
                self._break(start)
                at = m.end()
            elif paragraph:
                _, prev_end, prev_stop = self.lines[i - 1]
                # The line break between two lines of a paragraph reads as a space.
                self.builder.decoded(prev_end, prev_stop, " ")
            else:
                self._break(start)
            # Leading spaces are not text.
            while at < end and self.source[at] in " \t":
                at += 1
            self._inline(at, end)
            paragraph = True
            i += 1
        return self.builder.build()

    def _break(self, at: int) -> None:
        self.builder.gap("\n\n", at)

    def _front_matter(self) -> int:
        """Lines of YAML (``---``) or TOML (``+++``) front matter at the start, left out."""
        if not self.lines:
            return 0
        first = self.source[self.lines[0][0] : self.lines[0][1]].lstrip("\ufeff")
        if first.rstrip() not in ("---", "+++"):
            return 0
        closers = ("---", "...") if first.rstrip() == "---" else ("+++",)
        for i in range(1, len(self.lines)):
            start, end, _ = self.lines[i]
            if self.source[start:end].rstrip() in closers:
                return i + 1
        return 0  # no closing line: not front matter (a thematic break)

    def _skip_fence(self, i: int, fence: str) -> int:
        """Skip a fenced code block opening at line ``i``; the line after it."""
        self._break(self.lines[i][0])
        closing = regex.compile(
            r" {0,3}" + regex.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$"
        )
        for j in range(i + 1, len(self.lines)):
            start, end, _ = self.lines[j]
            at = start
            while m := _QUOTE.match(self.source, at, end):
                at = m.end()
            if closing.match(self.source, at, end):
                return j + 1
        return len(self.lines)  # an unclosed fence runs to the end

    def _html_block(self, at: int, end: int, paragraph: bool) -> bool:
        """Whether an HTML block starts at ``source[at:end]``: one of the kinds that may
        interrupt a paragraph, or (after a break) a line holding a tag alone."""
        source = self.source
        if not _HTML_START.match(source, at, end):
            return False
        if _HTML_RAW.match(source, at, end) or _HTML_BLOCK_TAG.match(source, at, end):
            return True
        lead = at
        while lead < end and source[lead] == " ":
            lead += 1
        if source.startswith(("<!", "<?"), lead):
            return True
        m = _TAG.match(source, lead, end)
        return (
            not paragraph
            and m is not None
            and source[lead + 1].isalpha() | (source[lead + 1] == "/")
            and ":" not in m.group()
            and not source[m.end() : end].strip()
        )

    def _skip_html(self, i: int, at: int) -> int:
        """Skip an HTML block starting at line ``i``; the line after it."""
        self._break(self.lines[i][0])
        start, end, _ = self.lines[i]
        raw = _HTML_RAW.match(self.source, at, end)
        opening = self.source[at:end].lstrip()
        if raw:
            closer = f"</{raw.group(1).lower()}>"
        elif opening.startswith("<!--"):
            closer = "-->"
        elif opening.startswith("<?"):
            closer = "?>"
        elif opening.startswith("<![CDATA["):
            closer = "]]>"
        elif opening.startswith("<!"):
            closer = ">"
        else:
            closer = None
        for j in range(i, len(self.lines)):
            start, end, _ = self.lines[j]
            if closer is None:
                if not self.source[start:end].strip():
                    return j
            elif closer in self.source[at + 1 if j == i else start : end].lower():
                return j + 1
        return len(self.lines)

    def _inline(self, start: int, end: int, *, cells: bool = False) -> None:
        """Read the prose of ``source[start:end]`` (one line's content)."""
        source = self.source
        builder = self.builder
        while end > start and source[end - 1] in " \t":
            end -= 1  # trailing spaces (a hard line break) are not text
        pos = text = start  # text: where the pending run of plain text began

        def flush(upto: int) -> None:
            builder.verbatim(text, upto)

        while pos < end:
            c = source[pos]
            if c == "`":
                n = _run(source, pos, end, "`")
                close = _closing_ticks(source, pos + n, end, n)
                flush(pos)
                builder.gap("\t", pos)
                pos = text = end if close < 0 else close + n
            elif c == "\\" and pos + 1 < end and source[pos + 1] in _PUNCTUATION:
                flush(pos)
                text = pos + 1  # the backslash is markup, the character after it text
                pos += 2
            elif c == "|" and cells:
                flush(pos)
                builder.gap("\t", pos)
                pos = text = pos + 1
            elif c == "<" and (m := _TAG.match(source, pos, end)):
                flush(pos)
                if (
                    source[pos + 1 : pos + 2].isalpha()
                    and ":" not in m.group()
                    and "@" not in m.group()
                ):
                    pass  # an inline tag: markup, its text on either side joins
                else:
                    builder.gap("\t", pos)  # an autolink or a comment
                pos = text = m.end()
            elif c == "&" and (m := _ENTITY.match(source, pos, end)):
                flush(pos)
                builder.decoded(pos, m.end(), html.unescape(m.group()))
                pos = text = m.end()
            elif c in "[!" and source.startswith("![" if c == "!" else "[", pos):
                flush(pos)
                pos = text = pos + (2 if c == "!" else 1)
            elif c == "]":
                flush(pos)
                nxt = source[pos + 1 : pos + 2]
                if nxt == "(":
                    close = _closing_paren(source, pos + 1, end)
                    pos = end if close < 0 else close + 1
                elif nxt == "[":
                    close = source.find("]", pos + 2, end)
                    pos = end if close < 0 else close + 1
                else:
                    pos += 1
                text = pos
            elif c in "*_~":
                n = _run(source, pos, end, c)
                before = source[pos - 1] if pos > start else " "
                after = source[pos + n] if pos + n < end else " "
                if c == "_":
                    markup = not (before.isalnum() and after.isalnum())
                else:
                    markup = not (before.isspace() and after.isspace())
                if markup and (c != "~" or n >= 2 or not before.isspace()):
                    flush(pos)
                    text = pos + n
                pos += n
            elif (
                c in "hHfFwW"
                and (pos == start or not source[pos - 1].isalnum())
                and (m := _URL.match(source, pos, end))
            ):
                flush(pos)
                builder.gap("\t", pos)
                pos = text = m.end()
            else:
                pos += 1
        flush(end)


def _run(source: str, pos: int, end: int, char: str) -> int:
    n = 0
    while pos + n < end and source[pos + n] == char:
        n += 1
    return n


def _closing_ticks(source: str, pos: int, end: int, n: int) -> int:
    """Where the run of exactly ``n`` backticks closing a code span starts, or -1."""
    while pos < end:
        pos = source.find("`", pos, end)
        if pos < 0:
            return -1
        m = _run(source, pos, end, "`")
        if m == n:
            return pos
        pos += m
    return -1


def _closing_paren(source: str, pos: int, end: int) -> int:
    """The ``)`` closing the link target opened at ``source[pos]``, or -1."""
    depth = 0
    quote = ""
    angle = False
    while pos < end:
        c = source[pos]
        if c == "\\":
            pos += 2
            continue
        if quote:
            if c == quote:
                quote = ""
        elif angle:
            angle = c != ">"
        elif c == "<":
            angle = True
        elif c in "\"'" and depth == 1:
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return pos
        pos += 1
    return -1
