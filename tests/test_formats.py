"""Inputs other than plain text (issue 18): HTML pages and Markdown repaired in place with
nothing but their prose changed, PDF papers read for detection and reports, and the
command line choosing a format per file."""

from __future__ import annotations

import doctest
import html
import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfs import make_pdf
from support import PAIRS, ROOT, read

from unspin import Repairer
from unspin.cli import main
from unspin.formats import (
    choose_format,
    extract_html,
    extract_markdown,
    is_manual,
    repair_document,
    repair_html,
    repair_markdown,
)
from unspin.repairing import apply_edits

HAS_PYPDF = importlib.util.find_spec("pypdf") is not None
needs_pypdf = pytest.mark.skipif(
    not HAS_PYPDF, reason='pypdf is not installed (pip install ".[pdf]"; .ci/run has it)'
)

#: Markup that holds spun phrases and must come back byte for byte.
PROTECTED = (
    '<script>var topic = "Center East"; if (a < b && c) track("mentioned");</script>',
    "<style>/* Center East */ p.lead { color: #333 }</style>",
    "<!-- Chinese language officers mentioned the Center East -->",
    "<pre>Chinese language officers\n  mentioned final week</pre>",
    "<p>Run <code>center_east --final week</code> now.</p>",
    '<textarea name="q">Center East final week</textarea>',
    '<a href="/world/center-east?x=1&amp;y=2" title="Center East">World</a>',
)


def realistic_page(text: str) -> str:
    """``text`` as a news page holds it: head, navigation, character references, links
    and emphasis across phrases, code, a footer."""
    body = []
    for n, line in enumerate(line for line in text.split("\n") if line.strip()):
        line = html.escape(line, quote=False).replace("’", "&rsquo;").replace("—", "&mdash;")
        words = line.split(" ")
        if len(words) > 6:  # a link over two words, emphasis over one
            words[2] = f'<a href="/t/{n}?a=1&amp;b=2">' + words[2]
            words[3] += "</a>"
            words[5] = f"<em>{words[5]}</em>"
        tag = "h1" if n == 1 else "p"
        body.append(f"  <{tag}>{' '.join(words)}</{tag}>\n")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>World</title>\n{PROTECTED[0]}\n{PROTECTED[1]}\n</head>\n<body>\n"
        f'<nav><a href="/">Home</a> | {PROTECTED[6]}</nav>\n{PROTECTED[2]}\n'
        f"<main><article>\n{''.join(body)}{PROTECTED[3]}\n{PROTECTED[4]}\n</article></main>\n"
        f"<footer>{PROTECTED[5]}<p>&copy; 2024 &middot; News</p></footer>\n</body>\n</html>\n"
    )


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    return Repairer()


# --- HTML ---------------------------------------------------------------------------


def test_a_spun_page_comes_back_with_only_its_prose_edits(repairer):
    spun = read(PAIRS / "000.spun.txt")
    page = realistic_page(spun)
    done = repair_document(page, "html", repairer)
    assert len(done.edits) > 200
    assert done.text == apply_edits(page, done.edits)
    for edit in done.edits:
        assert page[edit.start : edit.end] == edit.before
    # Not a byte outside the prose changed: tags, attributes, scripts, code, comments.
    after = extract_html(done.text)
    assert after.markup() == done.extraction.markup()
    for snippet in PROTECTED:
        assert snippet in done.text
    # The prose read is the article's (character references decoded, tags joined),
    # and the page now shows exactly the repaired prose.
    paragraphs = [p.strip() for p in done.extraction.text.split("\n\n") if p.strip()]
    lines = [line for line in spun.split("\n") if line.strip()]
    assert paragraphs[2 : 2 + len(lines)] == lines
    assert after.text == done.explained.text
    # The same edits as the plain text with the same paragraphs.
    plain = repairer.explain("\n\n".join(paragraphs), declined=False)
    assert [(e.before, e.after) for e in plain.edits] == [
        (e.before, e.after) for e in done.explained.edits
    ]
    # Character references stay, but for one inside a word replaced ("they&rsquo;ve").
    inside = sum(e.before.count("&rsquo;") for e in done.edits)
    assert done.text.count("&rsquo;") == page.count("&rsquo;") - inside


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "<p>Tensions within the <b>Center</b> East eased.</p>",
            "<p>Tensions in the <b>Middle</b> East eased.</p>",
        ),
        (
            '<p>Talks on the <a href="/x">Center East</a> &amp; Asia.</p>',
            '<p>Talks on the <a href="/x">Middle East</a> &amp; Asia.</p>',
        ),
        (
            "<p>Advances in <i>counterfeit</i> consciousness and machine studying.</p>",
            "<p>Advances in <i>artificial</i> intelligence and machine learning.</p>",
        ),
        ("<p>The Center&nbsp;East talks.</p>", "<p>The Middle&nbsp;East talks.</p>"),
        # A phrase wrapped over lines of the source is one phrase on the page.
        ("<p>the Center\n      East</p>", "<p>the Middle\n      East</p>"),
        # Blocks, cells and left-out code are never read across.
        ("<td>Center</td><td>East</td>", "<td>Center</td><td>East</td>"),
        ("<p>Center</p><p>East</p>", "<p>Center</p><p>East</p>"),
        ("<p>Pink <code>x</code> Sea</p>", "<p>Pink <code>x</code> Sea</p>"),
    ],
)
def test_phrases_across_inline_markup_and_references(repairer, page, expected):
    assert repair_html(page, repairer) == expected


def test_an_edit_that_drops_a_word_inside_markup_leaves_the_markup(repairer):
    # The replacement goes in the first stretch of text; the tag stays, emptied.
    out = repair_html("<p>Chinese <b>language</b> officers mentioned it.</p>", repairer)
    assert out == "<p>Chinese<b></b> officials said it.</p>"


@pytest.mark.parametrize(
    "page",
    [
        "<p>Center East <b",  # a tag cut off at the end
        "<p>Center East <!-- Center East",  # an unclosed comment
        "a < b and the Center East",  # a stray <
        "<code>Center East <p>Center East</p>",  # an unclosed code element
        "</p></div>Center East</b></i>",  # end tags never opened
        "<p>Center East &amp the Center East &#9999999; &bogus; &",
        "<scr<script>ipt>Center East</script>",
        "<![CDATA[Center East]]> <?php echo 'Center East' ?> <!DOCTYPE x>",
        "\ufeff<p>Center East\r\n</p>\x00",
    ],
)
def test_malformed_html_never_crashes_and_keeps_its_markup(repairer, page):
    done = repair_document(page, "html", repairer)
    assert extract_html(done.text).markup() == done.extraction.markup()
    assert done.text == apply_edits(page, done.edits)


def test_unclosed_code_keeps_the_rest_of_the_page_as_it_is(repairer):
    page = "<p>the Center East</p><code>Center East <p>the Center East</p>"
    assert repair_html(page, repairer) == (
        "<p>the Middle East</p><code>Center East <p>the Center East</p>"
    )


# Pages made of pieces that hold spun phrases, references, tags and malformed markup.
_PIECES = st.sampled_from(
    [
        "Center East",
        "Chinese language officers mentioned",
        " within the ",
        "final week",
        "counterfeit consciousness",
        " ",
        "\n",
        "&amp;",
        "&rsquo;",
        "&#8217;",
        "&nbsp;",
        "&",
        "<",
        "<b>",
        "</b>",
        '<a href="/Center East">',
        "</a>",
        "<p>",
        "</p>",
        "<td>",
        "<br>",
        "<img alt='Center East'>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<script>",
        "</script>",
        "<!-- Center East -->",
        "<!--",
        "<b",
        "</",
    ]
)


@settings(max_examples=60)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_generated_pages_change_only_their_text(page):
    _changes_only_prose(page, "html", extract_html)


def _changes_only_prose(doc: str, fmt: str, extract) -> None:
    """The repair is its edits applied, each edit replaces what it says, and the
    markup (everything but the prose) is the same before and after."""
    done = repair_document(doc, fmt)
    assert done.text == apply_edits(doc, done.edits)
    assert extract(done.text).markup() == done.extraction.markup()
    for edit in done.edits:
        assert doc[edit.start : edit.end] == edit.before


@settings(max_examples=60)
@given(st.text(max_size=200))
def test_any_string_is_read_without_loss(text):
    found = extract_html(text)
    for k, start in enumerate(found.starts):
        end = found.starts[k + 1] if k + 1 < len(found.starts) else len(found.text)
        if found.kinds[k] == 0:  # verbatim text is the source's own characters
            assert found.text[start:end] == text[found.sources[k] : found.source_ends[k]]
    assert repair_html(text) is not None


# --- Markdown -------------------------------------------------------------------------

MARKDOWN = """---
title: Center East
tags: [mentioned, final week]
---
# Talks within the Center East

Chinese language officers mentioned that tensions within the **Center** East
would ease, see [the Center East](https://example.com/center-east "Center East").

```python
center_east = "Chinese language officers mentioned"
```

    Center East in indented code

Use `Center East` here, or ``the `Center East` code``; visit www.center-east.com/final-week
or <https://center-east.example/final>.

<div class="note">
Chinese language officers mentioned the Center East.
</div>

[ref]: https://example.com/center-east "Center East"

| Region | Note |
|---|---|
| Center East | final week |
"""


def test_markdown_prose_is_repaired_and_code_links_and_front_matter_are_not(repairer):
    done = repair_document(MARKDOWN, "markdown", repairer)
    out = done.text
    assert extract_markdown(out).markup() == done.extraction.markup()
    assert "# Talks in the Middle East" in out
    # A phrase across emphasis and a line break inside a paragraph.
    assert "Chinese officials said that tensions in the **Middle** East\nwould ease" in out
    assert '[the Middle East](https://example.com/center-east "Center East")' in out
    for kept in (
        "---\ntitle: Center East\ntags: [mentioned, final week]\n---\n",
        'center_east = "Chinese language officers mentioned"',
        "    Center East in indented code",
        "`Center East`",
        "``the `Center East` code``",
        "www.center-east.com/final-week",
        "<https://center-east.example/final>",
        "Chinese language officers mentioned the Center East.\n</div>",
        '[ref]: https://example.com/center-east "Center East"',
    ):
        assert kept in out, kept
    assert "| Middle East | last week |" in out


_MD_PIECES = st.sampled_from(
    [
        "Center East",
        "Chinese language officers mentioned",
        " within the ",
        " ",
        "\n",
        "\n\n",
        "`",
        "`Center East`",
        "**",
        "_",
        "[",
        "](http://x/Center East)",
        "# ",
        "> ",
        "- ",
        "```\n",
        "    ",
        "<div>",
        "<b>",
        "&amp;",
        "\\",
        "|",
        "---\n",
        "www.final.week ",
    ]
)


@settings(max_examples=60)
@given(st.lists(_MD_PIECES, max_size=40).map("".join))
def test_generated_markdown_changes_only_its_prose(doc):
    _changes_only_prose(doc, "markdown", extract_markdown)


def test_repair_markdown_of_plain_prose_is_the_plain_repair(repairer):
    text = "Chinese language officers mentioned that the Center East talks would ease.\n"
    assert repair_markdown(text, repairer) == repairer.repair(text)


# --- formats by name and content -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "forced", "expected"),
    [
        ("a.html", b"<p>x", "auto", "html"),
        ("a.HTM", b"", "auto", "html"),
        ("notes.md", b"# x", "auto", "markdown"),
        ("a.txt", b"<!DOCTYPE html>", "auto", "text"),  # the name says text
        ("page", b"\xef\xbb\xbf  <!doctype html><html>", "auto", "html"),
        ("-", b"<html><body>", "auto", "html"),
        ("paper.txt", b"%PDF-1.7\n", "auto", "pdf"),  # it cannot be text
        ("a.html", b"<p>", "text", "text"),
        ("notes", b"plain", "auto", "text"),
    ],
)
def test_choose_format(name, head, forced, expected):
    assert choose_format(name, head, forced) == expected


# --- PDF ------------------------------------------------------------------------------

PAPER = [
    ["On measuring progress", "We review the state of the field."],
    [
        "Recent advances in counterfeit consciousness and machine studying have",
        "been dramatic, and the well-",
        "known benchmarks are saturated. Chinese language officers mentioned that",
        "tensions within the Center East would ease. The counter-",
        "feit systems were evaluated final week.",
    ],
]


@needs_pypdf
def test_pdf_text_joins_lines_and_hyphenated_words_and_knows_its_pages():
    from unspin.formats.pdf_text import extract_pdf

    pdf = extract_pdf(make_pdf(PAPER))
    assert "counterfeit consciousness and machine studying have been dramatic" in pdf.text
    assert "the well-known benchmarks" in pdf.text
    assert "The counterfeit systems were evaluated final week." in pdf.text
    assert pdf.page_of(pdf.text.index("We review")) == 1
    assert pdf.page_of(pdf.text.index("Center East")) == 2


@needs_pypdf
def test_unreadable_pdfs_say_why():
    import pypdf

    from unspin.formats.pdf_text import PdfError, extract_pdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(_bytes_io(make_pdf(PAPER))))
    writer.encrypt("secret", algorithm="RC4-128")
    encrypted = _bytes_io()
    writer.write(encrypted)
    cases = {
        "encrypted": encrypted.getvalue(),
        "no text layer": make_pdf([[], []]),
        "not a readable PDF": b"%PDF-1.4\n1 0 obj <<",
    }
    for reason, data in cases.items():
        with pytest.raises(PdfError, match=reason):
            extract_pdf(data)


def _bytes_io(data: bytes = b""):
    import io

    return io.BytesIO(data)


# --- the command line -------------------------------------------------------------------


def run(capsysbinary, *args: object) -> tuple[int, str, str]:
    code = main([*map(str, args), "--jobs", "1"])
    out, err = capsysbinary.readouterr()
    return code, out.decode(), err.decode()


def test_fix_html_and_markdown_from_the_command_line(tmp_path, capsysbinary):
    page = realistic_page(read(PAIRS / "003.spun.txt"))
    (tmp_path / "site").mkdir()
    path = tmp_path / "site" / "page.html"
    path.write_text(page, encoding="utf-8")
    (tmp_path / "site" / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "site" / "skip.md").write_text(MARKDOWN, encoding="utf-8")
    code, out, _ = run(capsysbinary, "fix", path)
    assert code == 0 and out == repair_html(page)
    code, out, _ = run(capsysbinary, "fix", "--explain", path)
    edits = [json.loads(line) for line in out.splitlines()]
    assert edits and all(page[e["start"] : e["end"]] == e["before"] for e in edits)
    code, out, err = run(capsysbinary, "fix", "--check", "--diff", "--exclude", "skip*", tmp_path)
    assert code == 1 and "+++ " in out and "skip.md" not in err + out
    assert "would fix" in err and "notes.md" in err and "page.html" in err
    code, _, _ = run(capsysbinary, "fix", "-q", "--in-place", tmp_path / "site")
    assert code == 0
    assert path.read_text(encoding="utf-8") == repair_html(page)
    assert (tmp_path / "site" / "notes.md").read_text(encoding="utf-8") == repair_markdown(MARKDOWN)
    # --format: a page saved as .txt is text unless told otherwise.
    as_text = tmp_path / "page.txt"
    as_text.write_text("<p>the <b>Center</b> East</p>", encoding="utf-8")
    assert run(capsysbinary, "fix", as_text)[1] == "<p>the <b>Center</b> East</p>"
    assert run(capsysbinary, "fix", "--format", "html", as_text)[1] == (
        "<p>the <b>Middle</b> East</p>"
    )


@needs_pypdf
def test_detect_and_report_read_pdfs_and_go_on_past_bad_ones(tmp_path, capsysbinary):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a-paper.pdf").write_bytes(make_pdf(PAPER))
    (papers / "b-scanned.pdf").write_bytes(make_pdf([[]]))
    (papers / "c-broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    (papers / "d-page.html").write_text("<p>the <b>Center</b> East</p>", encoding="utf-8")
    code, out, err = run(capsysbinary, "detect", papers)
    assert code == 2
    assert "  page 2: 'counterfeit consciousness' for 'artificial intelligence'" in out
    assert "a-paper.pdf" in out and "d-page.html" in out
    assert "b-scanned.pdf: no text layer" in err and "c-broken.pdf: not a readable PDF" in err
    code, out, _ = run(capsysbinary, "detect", "--json", papers / "a-paper.pdf")
    record = json.loads(out)
    assert record["spun"] and any(e.startswith("page 2: ") for e in record["evidence"])
    report = tmp_path / "report.html"
    code, _, err = run(capsysbinary, "report", papers, "-o", report)
    assert code == 2 and report.exists()
    shown = report.read_text(encoding="utf-8")
    assert "[page=2]" in shown and "<del>counterfeit consciousness</del>" in shown
    # The page's prose is shown, not its tags.
    assert "<del>Center East</del><ins>Middle East</ins>" in shown and "&lt;b&gt;" not in shown
    # A PDF is never rewritten: a clear error, and nothing written.
    before = (papers / "a-paper.pdf").read_bytes()
    code, out, err = run(capsysbinary, "fix", "--in-place", papers / "a-paper.pdf")
    assert code == 2 and "a PDF is never rewritten" in err
    assert (papers / "a-paper.pdf").read_bytes() == before


def test_pdf_needs_no_pdf_library_to_be_refused_by_fix(tmp_path, capsysbinary):
    path = tmp_path / "paper.pdf"
    path.write_bytes(make_pdf(PAPER))
    code, out, err = run(capsysbinary, "fix", path)
    assert code == 2 and out == "" and "a PDF is never rewritten" in err


def test_directories_pick_up_every_format_by_default(tmp_path, capsysbinary):
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.rst"):
        (tmp_path / name).write_text("the Center East\n", encoding="utf-8")
    code, out, _ = run(capsysbinary, "detect", tmp_path)
    names = sorted(Path(line.split("\t")[1]).name for line in out.splitlines())
    assert code == 0 and names == ["a.txt", "b.md", "c.html", "d.htm"]
    code, out, _ = run(capsysbinary, "detect", "--include", "*.rst", "--include", "*.md", tmp_path)
    names = sorted(Path(line.split("\t")[1]).name for line in out.splitlines())
    assert code == 0 and names == ["b.md", "e.rst"]


def test_records_holding_html_are_repaired_in_place(tmp_path, capsysbinary):
    page = '<p>Talks on the <a href="/center-east">Center East</a> &amp; Asia.</p>'
    lines = [json.dumps({"id": 1, "html": page}), json.dumps({"id": 2, "html": "<p>ok</p>"})]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsysbinary, "fix", "--field", "html", "--format", "html", path)
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["html"] == '<p>Talks on the <a href="/center-east">Middle East</a> &amp; Asia.</p>'
    assert second["html"] == "<p>ok</p>"
    code, out, _ = run(
        capsysbinary, "detect", "--field", "html", "--format", "html", "-o", tmp_path / "s", path
    )
    scored = [
        json.loads(line) for line in (tmp_path / "s" / "pages.jsonl").read_text().splitlines()
    ]
    assert code == 0 and scored[0]["spin_score"] > 0.5 > scored[1]["spin_score"]


def test_the_examples_in_the_docs_run():
    import unspin.formats

    assert doctest.testmod(unspin.formats).failed == 0
    page = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(page, {}, "formats.md", "formats.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


# --- A program's manual ---------------------------------------------------------------

# Written after Node.js's manual page on worker threads, whose prose a repair read as
# spun ("ArrayBuffer instances" -> "times", "enables" -> "allows") with its code left out.
MANUAL_HTML = """<h1>Worker pools</h1>
<p>The <code>pool</code> module enables the use of workers that execute tasks in
parallel. To access it:</p>
<pre><code>const pool = require('pool');</code></pre>
<p>Workers share memory by transferring <code>Buffer</code> instances or sharing
<code>SharedBuffer</code> instances.</p>
<pre><code>const { Pool } = require('pool');
const p = new Pool({ size: 4 });
p.run(task).then((result) =&gt; {
  console.log(result);
});</code></pre>
<p>Each worker the pool starts obtains sufficient memory for its tasks, and additionally
reports its final state when the pool is closed.</p>
"""


def test_a_programs_manual_is_left_alone(repairer):
    extraction = extract_html(MANUAL_HTML)
    assert "p.run(task).then((result) => {" in extraction.code  # its code, references read
    assert "const" not in extraction.text
    # Its prose alone reads as spun: the manual is what says it is not.
    assert repairer.repair(extraction.text) != extraction.text
    assert is_manual(extraction, "html")
    assert repair_html(MANUAL_HTML, repairer) == MANUAL_HTML
    markdown = (
        "# Worker pools\n\n"
        + "Each worker the pool starts obtains sufficient memory, and additionally reports.\n\n"
        + "```js\n"
        + extraction.code
        + "```\n"
    )
    assert is_manual(extract_markdown(markdown), "markdown")
    assert repair_markdown(markdown, repairer) == markdown


def test_a_spun_page_with_a_little_code_is_repaired(repairer):
    spun = "Tensions within the Center East worsened final week, Chinese language officers said."
    page = f"<p>{spun}</p>\n" * 6 + "<pre>x = 1\ny = 2\n</pre>\n"
    assert not is_manual(extract_html(page), "html")
    assert repair_html(page, repairer).count("Middle East") == 6
