"""Inputs other than plain text: HTML pages, Markdown and PDF papers. See docs/formats.md.

HTML and Markdown are repaired in place: the prose is extracted with a map back to the
source (:mod:`unspin.formats.extraction`), repaired as plain text, and each edit is made
on the source characters its words came from; every other byte of the source stays.
PDF papers are read, never written: their text is extracted for detection and reports.

>>> from unspin.formats import repair_html
>>> repair_html('<p class="lead">Talks on the <b>Center</b> East &amp; Asia.</p>')
'<p class="lead">Talks on the <b>Middle</b> East &amp; Asia.</p>'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..repairing import Edit, ExplainedText, Repairer, default_repairer
from .extraction import Extraction
from .sniffing import FORMATS, choose_format

#: The formats repaired in place.
_IN_PLACE = ("html", "markdown")


def _in_place(format: str) -> tuple[Callable[[str], Extraction], Callable[[str], str]]:
    """The extractor of a format repaired in place, and the escaping of replacements.
    Imported when first needed: their patterns cost a start a hundredth of a second."""
    if format == "html":
        from .html_text import escape_text, extract_html

        return extract_html, escape_text
    from .markdown_text import extract_markdown

    return extract_markdown, _verbatim


def _verbatim(text: str) -> str:
    return text


def __getattr__(name: str) -> object:
    """The extractors, as if imported here (see :func:`_in_place`)."""
    if name in ("extract_html", "extract_markdown"):
        return _in_place(name.removeprefix("extract_"))[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Repaired(NamedTuple):
    """A document repaired in place.

    ``text`` is the repaired source and ``edits`` the edits made on it (offsets, ``before``
    and ``after`` in the source, markup kept inside a span included). ``extraction`` is
    the prose that was read and ``explained`` its repair: its edits are the ones made,
    in the prose's offsets; an edit the source could not take cleanly (across a block
    break, or cutting into a character reference) is among its ``declined``. ``manual``:
    the document is a program's manual, left as it is (:func:`is_manual`).
    """

    text: str
    edits: list[Edit]
    extraction: Extraction
    explained: ExplainedText
    manual: bool = False


def extract(source: str, format: str) -> Extraction:
    """The prose of ``source`` in ``format`` (``html``, ``markdown`` or ``text``)."""
    if format == "text":
        from .extraction import Builder

        builder = Builder(source)
        builder.verbatim(0, len(source))
        return builder.build()
    if format not in _IN_PLACE:
        raise ValueError(f"cannot repair {format!r} in place (one of: html, markdown, text)")
    return _in_place(format)[0](source)


def is_manual(extraction: Extraction, format: str) -> bool:
    """Whether a document read in ``format`` is source code, or a program's manual: its
    code blocks and prose together are source code (:mod:`unspin.source_code`). Its prose
    is a programmer's, in a register the web counts read as spun (Node.js's manual page on
    worker threads: "ArrayBuffer instances" -> "times"), and no spinner's: it is left
    alone. Plain text is judged so by the repair itself."""
    return _manual_text(extraction, format) is not None


def _manual_text(extraction: Extraction, format: str) -> str | None:
    """A manual's code blocks and prose together, as :func:`is_manual` judges them (a
    Markdown source as it is: its code blocks are lines of it); None for a document that
    is no manual."""
    from ..source_code import is_source_code

    if format == "markdown":
        whole = extraction.source
    elif format == "html" and extraction.code:
        whole = extraction.code + "\n" + extraction.text
    else:
        return None
    return whole if is_source_code(whole) else None


def repair_document(
    source: str, format: str, repairer: Repairer | None = None, *, declined: bool = True
) -> Repaired:
    """Repair the prose of ``source`` (``html``, ``markdown`` or ``text``) in place; a
    program's manual (:func:`is_manual`) is left as it is."""
    if not isinstance(source, str):
        raise TypeError(f"expected str, got {type(source).__name__}")
    repairer = repairer or default_repairer()
    extraction = extract(source, format)
    if is_manual(extraction, format):
        untouched = ExplainedText(extraction.text, [], 0.0, [])
        return Repaired(source, [], extraction, untouched, manual=True)
    explained = repairer.explain(extraction.text, declined=declined)
    escape = _in_place(format)[1] if format in _IN_PLACE else _verbatim
    made, dropped = extraction.source_edits(explained.edits, escape)
    if dropped:
        kept = [e for e in explained.edits if e not in dropped]
        explained = explained._replace(
            text=_apply(extraction.text, kept),
            edits=kept,
            declined=sorted([*explained.declined, *dropped], key=lambda d: d.start),
        )
    return Repaired(_apply(source, made), made, extraction, explained)


def _apply(text: str, edits: list[Edit]) -> str:
    from ..repairing import apply_edits

    return apply_edits(text, edits)


def repair_html(source: str, repairer: Repairer | None = None) -> str:
    """``source`` (an HTML page or fragment) with its prose repaired and nothing else
    changed: tags, attributes, comments, scripts, code and character references stay."""
    return repair_document(source, "html", repairer, declined=False).text


def repair_markdown(source: str, repairer: Repairer | None = None) -> str:
    """``source`` (Markdown) with its prose repaired: code, link targets, URLs, HTML
    and front matter stay as they are."""
    return repair_document(source, "markdown", repairer, declined=False).text


__all__ = [
    "FORMATS",
    "Extraction",
    "Repaired",
    "choose_format",
    "extract",
    "extract_html",
    "extract_markdown",
    "is_manual",
    "repair_document",
    "repair_html",
    "repair_markdown",
]
