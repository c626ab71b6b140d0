"""What the command line does with a whole document in a format other than plain text,
in a worker process: repair it in place, score it, or explain it for a report.

A document is read whole (markup cannot be cut into chunks the way text is); a PDF is
passed as its bytes. A document that cannot be read gives :class:`Unreadable`, and the
batch goes on with the next file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .. import batch
from ..batch import FixResult
from ..repairing import ExplainedText, Repairer
from . import repair_document
from .extraction import Extraction
from .pdf_text import PdfError, extract_pdf

#: Evidence lines given for a PDF by ``unspin detect``: the strongest, in page order.
EVIDENCE_LINES = 10


class Unreadable(NamedTuple):
    """Why a document could not be read (the file is skipped with this message)."""

    reason: str


class Scored(NamedTuple):
    """A document's spin score and spin rate, the characters of prose read, and (for a
    PDF) the evidence, each as "page 4: 'counterfeit consciousness' for 'artificial
    intelligence'"."""

    score: float
    spin_rate: float
    chars: int
    evidence: list[str]


def _repairer() -> Repairer:
    assert batch._repairer is not None
    return batch._repairer


def fix_document(
    format: str, source: str, keep_text: bool, keep_edits: bool
) -> FixResult | Unreadable:
    """Repair an HTML or Markdown document in place (edits in the source's offsets)."""
    if format == "pdf":
        return Unreadable("a PDF is never rewritten (unspin detect and unspin report read it)")
    done = repair_document(source, format, _repairer(), declined=False)
    return FixResult(
        done.text if keep_text else None,
        done.text != source,
        len(done.edits),
        done.edits if keep_edits else None,
    )


def _prose(format: str, payload: str | bytes, marks: bool) -> tuple[str, Callable[[int], str]]:
    """The prose of a document, and where an offset into it is ("page 4", "line 12")."""
    if format == "pdf":
        assert isinstance(payload, bytes)
        pdf = extract_pdf(payload, marks=marks)
        return pdf.text, lambda offset: f"page {pdf.page_of(offset)}"
    assert isinstance(payload, str)
    from . import _manual_text, extract

    found: Extraction = extract(payload, format)

    def line(offset: int) -> str:
        return f"line {payload.count(chr(10), 0, found.source_offset(offset)) + 1}"

    # A program's manual is scored as what it is, code and all: too little prose to judge.
    manual = _manual_text(found, format)
    return (found.text if manual is None else manual), line


def score_document(format: str, payload: str | bytes) -> Scored | Unreadable:
    """A document's spin score (``unspin detect``)."""
    try:
        text, where = _prose(format, payload, marks=False)
    except PdfError as exc:
        return Unreadable(str(exc))
    found = _repairer().detect(text, paragraphs=False)
    evidence = []
    if format == "pdf":
        strongest = sorted(found.evidence[:EVIDENCE_LINES], key=lambda s: s.start)
        evidence = [f"{where(s.start)}: '{s.text}' for '{s.original}'" for s in strongest]
    return Scored(found.score, found.spin_rate, len(text), evidence)


def explain_document(
    format: str, payload: str | bytes
) -> tuple[str, ExplainedText, float] | Unreadable:
    """A document's prose, its explained repair and its spin score (``unspin report``):
    the report shows the prose, a PDF's with a ``[page=N]`` line at each page."""
    repairer = _repairer()
    try:
        if format in ("html", "markdown"):
            assert isinstance(payload, str)
            done = repair_document(payload, format, repairer)
            text, explained = done.extraction.text, done.explained
            if done.manual:
                return text, explained, 0.0
        else:
            text, _ = _prose(format, payload, marks=True)
            explained = repairer.explain(text)
    except PdfError as exc:
        return Unreadable(str(exc))
    return text, explained, repairer.detect(text, paragraphs=False).score
