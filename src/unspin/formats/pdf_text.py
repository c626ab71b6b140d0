"""The text of a PDF paper, page by page, for detection and reports (a PDF is never
rewritten).

Text is extracted with pypdf (BSD licence; ``pip install "unspin[pdf]"``). A PDF's text
layer breaks lines where the page did: lines of a paragraph are joined with a space (a
phrase is never read across a line break), and a word hyphenated at a line's end is
joined back ("counter-" + "feit") unless the hyphenated form is the commoner word
("well-" + "known"). A paragraph ends at a blank line, or after a line that ends a
sentence well short of the page's width.
"""

from __future__ import annotations

import bisect
import io
import logging
import warnings
from typing import Any, NamedTuple

from ..frequencies import zipf_frequency

#: A line this much shorter than the page's longest, ending a sentence, ends a paragraph.
SHORT_LINE = 0.8
_SENTENCE_END = tuple(".!?:;\"'”’)")


class PdfError(Exception):
    """A PDF whose text cannot be read: encrypted, without a text layer, or broken."""


class PdfText(NamedTuple):
    """A PDF's text; page ``n`` (from 1) starts at ``text[pages[n - 1]]``."""

    text: str
    pages: list[int]

    def page_of(self, offset: int) -> int:
        """The page (from 1) that ``text[offset]`` is on."""
        return max(1, bisect.bisect_right(self.pages, offset))


def extract_pdf(data: bytes, *, marks: bool = False) -> PdfText:
    """The text of the PDF ``data``, pages separated by a blank line; with ``marks`` each
    page starts with a line ``[page=N]`` (for a reader of the text; written so that no
    phrase is read in it). Raises
    :class:`PdfError` saying why a PDF cannot be read."""
    try:
        import pypdf
    except ImportError:
        raise PdfError('reading PDF needs pypdf: pip install "unspin[pdf]"') from None
    pages = _page_texts(pypdf, data)
    if not any(page.strip() for page in pages):
        raise PdfError("no text layer (a scanned paper? its images are not read)")
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for n, raw in enumerate(pages, 1):
        if parts:
            parts.append("\n\n")
            length += 2
        starts.append(length)
        page = (f"[page={n}]\n\n" if marks else "") + join_lines(raw)
        parts.append(page)
        length += len(page)
    return PdfText("".join(parts), starts)


def _page_texts(pypdf: Any, data: bytes) -> list[str]:
    errors = (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, AttributeError)
    # pypdf reports what it repairs on its logger and as warnings: not the user's business.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader = pypdf.PdfReader(io.BytesIO(data))
            except errors as exc:
                raise PdfError(f"not a readable PDF ({_reason(exc)})") from None
            if reader.is_encrypted:
                try:
                    readable = bool(reader.decrypt(""))  # an owner password alone still reads
                except (*errors, NotImplementedError):
                    readable = False
                if not readable:
                    raise PdfError("encrypted (it needs a password to be read)")
            try:
                return [page.extract_text() or "" for page in reader.pages]
            except errors as exc:
                raise PdfError(f"not a readable PDF ({_reason(exc)})") from None
    except RecursionError:
        raise PdfError("not a readable PDF (its objects nest without end)") from None
    finally:
        logger.setLevel(level)


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def join_lines(raw: str) -> str:
    """A page's extracted lines as paragraphs: lines joined with a space, hyphenated
    words joined back, paragraphs separated by a blank line."""
    lines = [line.strip() for line in raw.splitlines()]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    previous = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = previous = ""
            continue
        if not current:
            current = line
        elif previous.endswith(_SENTENCE_END) and len(previous) < SHORT_LINE * width:
            paragraphs.append(current)
            current = line
        elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].isalnum():
            # A word broken at the line's end: joined back, its hyphen kept if it is one.
            current = current[:-1] + line if _hyphen_breaks(current, line) else current + line
        elif current.endswith("\u00ad"):  # a soft hyphen is there only to break the line
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        previous = line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _hyphen_breaks(current: str, line: str) -> bool:
    """Whether the hyphen ending ``current`` only broke a word over the line's end (and
    goes), rather than being the word's own ("well-known")."""
    head = current[:-1].rsplit(None, 1)[-1]
    tail = line.split(None, 1)[0].rstrip(".,;:!?)\"'”’")
    if not tail[:1].islower():
        return False  # "Anglo-" + "Saxon", "pre-" + "2020": a hyphen of its own
    joined = zipf_frequency(head + tail)
    kept = zipf_frequency(f"{head}-{tail}")
    return joined >= kept
