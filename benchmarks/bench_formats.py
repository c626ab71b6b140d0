"""Formats benchmark (issue 18): the development pairs wrapped as a web page and as
Markdown, repaired in place, against the same prose repaired as plain text.

    python benchmarks/bench_formats.py            # figures
    python benchmarks/bench_formats.py --json r.json

For each pair the spun text is wrapped (``wrap_html``: a page with a head, styles, a
script, navigation, links and emphasis inside sentences, character references for
"&", curly quotes and dashes, a footer; ``wrap_markdown``: front matter, a heading,
links and emphasis inside sentences, a fenced code block), repaired with
``unspin.formats.repair_document``, and its prose read back from the repaired page.
Reported: error reduction (1 - d(repaired, original) / d(spun, original), d the token
Levenshtein distance, line by line) for plain text (as stored, and with its paragraphs
separated by blank lines, as a page's blocks and Markdown's paragraphs are read), HTML
and Markdown (the prose read back from the repaired page against the original's page
read the same way); the characters
changed outside the prose (the page with its prose taken out, before and after: must
be 0); and the time for the HTML page against the plain text (best of ``--repeat``).
A 20-page PDF made of the pairs is timed through ``unspin.formats.pdf_text`` when pypdf
is installed.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

from common import PAIRS, ROOT, aligned_distance, best_time, dev_pairs, pair_ids, read

import unspin
from unspin.formats import repair_document
from unspin.formats.html_text import extract_html
from unspin.formats.markdown_text import extract_markdown

HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>World news</title>
<style>p.lead::first-letter { font-size: 2em } /* Center East */</style>
<script>window.dataLayer = [{"section": "Center East", "said": "mentioned"}];
if (a < b && c > d) { track("Chinese language officers"); }</script>
</head><body>
<nav class="top"><a href="/">Home</a> | <a href="/world/center-east">World</a> |
<a href="/search?q=center+east&amp;page=2">Search</a></nav>
<!-- article starts: Center East -->
<main><article>
"""
FOOT = """</article></main>
<footer><p>&copy; 2024 The Paper &middot; <a href="/terms">Terms</a></p>
<pre>Center East</pre><code>mentioned</code><textarea>final week</textarea></footer>
<script src="/app.js" async></script>
</body></html>
"""


def _entities(line: str) -> str:
    """A line as a page holds it: markup characters escaped, and the typographic
    characters as character references (``&rsquo;``, ``&mdash;``...)."""
    out = html.escape(line, quote=False)
    for char, ref in (("’", "&rsquo;"), ("“", "&ldquo;"), ("”", "&rdquo;"), ("—", "&mdash;")):
        out = out.replace(char, ref)
    return out


def _words_marked(line: str, k: int, before: str, after: str) -> str:
    """``line`` with its ``k``-th and ``k+1``-th words inside markup (a link or
    emphasis across a phrase, as pages have)."""
    words = line.split(" ")
    if len(words) > k + 2:
        words[k] = before + words[k]
        words[k + 1] = words[k + 1] + after
    return " ".join(words)


def wrap_html(text: str) -> str:
    body = []
    for n, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        line = _entities(line)
        line = _words_marked(line, 3, f'<a href="/topic/{n}?ref=a&amp;b=1">', "</a>")
        line = _words_marked(line, 9, "<em>", "</em>")
        tag = "h1" if n == 0 else "p"
        body.append(f"<{tag}>{line}</{tag}>\n")
    return HEAD + "".join(body) + FOOT


def wrap_markdown(text: str) -> str:
    body = ["---\ntitle: Center East\ntags: [mentioned, final]\n---\n\n"]
    for n, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        line = _words_marked(line, 3, "[", f"](https://example.com/{n}/center-east)")
        line = _words_marked(line, 9, "**", "**")
        body.append(("# " if n == 0 else "") + line + "\n\n")
        if n == 3:
            body.append("```\nChinese language officers mentioned\n```\n\n")
    return "".join(body)


def _paragraphs(text: str) -> str:
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def _changed_chars(a: str, b: str) -> int:
    if a == b:
        return 0
    import difflib

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return max(len(a), len(b)) - sum(m.size for m in matcher.get_matching_blocks())


def run(repeat: int) -> dict:
    repairer = unspin.Repairer()
    rows: dict[str, dict] = {}
    totals = {"spun": 0, "text": 0, "text_paragraphs": 0, "html": 0, "markdown": 0}
    outside = {"html": 0, "markdown": 0}
    for pid, spun, orig in dev_pairs():
        row = {"spun": aligned_distance(spun, orig)}
        row["text"] = aligned_distance(repairer.repair(spun), orig)
        # The same paragraphs separated by blank lines, as a page's blocks are read.
        spun_p, orig_p = (_paragraphs(t) for t in (spun, orig))
        row["text_paragraphs"] = aligned_distance(repairer.repair(spun_p), orig_p)
        for fmt, wrap, extract in (
            ("html", wrap_html, extract_html),
            ("markdown", wrap_markdown, extract_markdown),
        ):
            page = wrap(spun)
            done = repair_document(page, fmt, repairer, declined=False)
            back = extract(done.text)
            # The prose read back from the repaired page, against the original's page
            # read the same way (what the reader sees, links and code left out alike).
            row[fmt] = aligned_distance(back.text, extract(wrap(orig)).text)
            outside[fmt] += _changed_chars(extract(page).markup(), back.markup())
        for key in totals:
            totals[key] += row[key]
        rows[pid] = row
    reduction = {key: round(1 - totals[key] / totals["spun"], 4) for key in totals if key != "spun"}
    spun = "\n".join(read(PAIRS / f"{pid}.spun.txt") for pid in pair_ids())
    page = wrap_html(spun)
    plain_time = best_time(lambda: repairer.explain(spun, declined=False), repeat)
    html_time = best_time(lambda: repair_document(page, "html", repairer, declined=False), repeat)
    extract_time = best_time(lambda: extract_html(page), repeat)
    result = {
        "pairs": rows,
        "distance": totals,
        "error_reduction": reduction,
        "outside_prose_chars_changed": outside,
        "seconds": {
            "text": round(plain_time, 4),
            "html": round(html_time, 4),
            "html_extraction": round(extract_time, 4),
            "ratio_html_to_text": round(html_time / plain_time, 3),
            "page_chars": len(page),
            "prose_chars": len(spun),
        },
    }
    result["pdf_20_pages"] = _pdf_time(spun, repairer, repeat)
    return result


def _pdf_time(spun: str, repairer: unspin.Repairer, repeat: int) -> dict | str:
    """Extraction and detection time for a 20-page PDF of the spun pairs."""
    try:
        import pypdf  # noqa: F401
    except ImportError:
        return "pypdf not installed"
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfs import make_pdf

    from unspin.formats.pdf_text import extract_pdf

    words = spun.split()
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    per_page = 50
    pages = [lines[(p * per_page) % len(lines) :][:per_page] for p in range(20)]
    data = make_pdf(pages)
    extract_seconds = best_time(lambda: extract_pdf(data), repeat)
    text = extract_pdf(data).text
    detect_seconds = best_time(lambda: repairer.detect(text, paragraphs=False), repeat)
    return {
        "bytes": len(data),
        "chars": len(text),
        "extract_seconds": round(extract_seconds, 3),
        "detect_seconds": round(detect_seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = run(args.repeat)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
