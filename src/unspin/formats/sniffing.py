"""Which format a file is in: by its name, and by its content where the name does not say."""

from __future__ import annotations

import os

#: The formats read, for ``--format``.
FORMATS = ("text", "html", "markdown", "pdf")
_EXTENSIONS = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
}
#: Bytes looked at to tell a format by content.
HEAD_BYTES = 512


def choose_format(name: str, head: bytes, forced: str = "auto") -> str:
    """The format of the file ``name`` whose first bytes are ``head``: ``forced`` unless it
    is ``auto``; a PDF by its signature (whatever its name: it cannot be read as text);
    else by the extension; else an HTML document by its opening; else text."""
    if forced != "auto":
        return forced
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    found = _EXTENSIONS.get(os.path.splitext(name)[1].lower())
    if found is not None:
        return found
    opening = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if opening.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"
