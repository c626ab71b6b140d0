"""An HTML report of the edits: one self-contained page for people who want to look.

:func:`render_report` turns explained repairs into a single HTML file with no external
scripts, styles or fonts (it opens offline and can be mailed): an index of the files,
most spun first, with their edit counts; then each file's text with every edit in place
(the spun words struck, the restored words highlighted and shaded by confidence), the
candidates the model declined behind a toggle, and the phrasebook entry, evidence and
confidence of each on hover or keyboard focus.

The page is built here as plain HTML; its script only shows the details of the edit
under the pointer or the focus (one shared tooltip, filled from a JSON table through
event delegation) and moves between edits with ``n`` and ``p``. Everything taken from
the input is escaped: a document holding ``<script>`` shows it as text.

>>> from unspin import Repairer
>>> from unspin.reporting import file_report, render_report
>>> repairer = Repairer()
>>> page = render_report([file_report("a.txt", "Talks on the Center East.", repairer)])
>>> page.startswith("<!DOCTYPE html>") and "<del>Center</del><ins>Middle</ins>" in page
True

``unspin report PATH... -o report.html`` writes the report of files and directories.
"""

from __future__ import annotations

import argparse
import bisect
import json
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any, NamedTuple

import regex

from . import __version__, batch
from .batch import Source
from .files import FileRun, Reporter
from .phrasebook import Entry
from .repairing import Config, Edit, ExplainedText, Repairer

#: Characters of text per block of the page; blocks off screen are not laid out
#: (``content-visibility: auto``), which keeps a 1 MB document quick to open.
BLOCK_CHARS = 8000
#: Lower bounds of the confidence bands that shade an edit (the threshold is the first).
BANDS = (0.7, 0.8, 0.9)

_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# Bidirectional controls: in a file name they can reorder how the index reads (an
# overridden "txt.exe" shown as "exe.txt"), so names show them as <U+202E>.
_BIDI = regex.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown_name(name: str) -> str:
    """A file name as the page shows it: its bidirectional controls as ``<U+XXXX>``."""
    return _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", name)


class FileReport(NamedTuple):
    """One file of a report: its name, its text, the explained repair of that text
    (edit and declined spans index ``text``) and its spin score (probability that the
    text was spun, from :func:`unspin.detect`)."""

    name: str
    text: str
    explained: ExplainedText
    score: float


def spin_score(repairer: Repairer, text: str, explained: ExplainedText) -> float:
    """A text's spin score: the detector's probability that it was spun (the same as
    ``unspin detect``). ``explained`` is there for a score that needs the repair."""
    return repairer.detect(text, paragraphs=False).score


def file_report(name: str, text: str, repairer: Repairer | None = None) -> FileReport:
    """Repair and score ``text``, keeping the declined candidates, for :func:`render_report`."""
    repairer = repairer or Repairer()
    explained = repairer.explain(text)
    return FileReport(name, text, explained, spin_score(repairer, text, explained))


def merge_chunks(parts: Sequence[tuple[str, ExplainedText]]) -> tuple[str, ExplainedText]:
    """Join a file repaired chunk by chunk into one text and one explanation: spans are
    shifted to offsets in the whole text; the spin rate is the length-weighted mean."""
    if len(parts) == 1:
        return parts[0]
    edits: list[Edit] = []
    declined: list[Edit] = []
    offset = 0
    weighted = 0.0
    for text, ex in parts:
        for source, target in ((ex.edits, edits), (ex.declined, declined)):
            target.extend(d._replace(start=d.start + offset, end=d.end + offset) for d in source)
        weighted += ex.spin_rate * len(text)
        offset += len(text)
    text = "".join(t for t, _ in parts)
    repaired = "".join(ex.text for _, ex in parts)
    return text, ExplainedText(repaired, edits, weighted / offset if offset else 0.0, declined)


# --- for the command line -----------------------------------------------------------


def explain_chunk(text: str) -> tuple[ExplainedText, float]:
    """A chunk's explained repair (with the declined candidates) and its spin score, in a
    worker process of ``unspin report`` (the repairer is the batch's)."""
    repairer = batch._repairer
    assert repairer is not None
    explained = repairer.explain(text)
    return explained, spin_score(repairer, text, explained)


class ReportRun(FileRun):
    """``unspin report``'s side of a batch (see :mod:`unspin.files`): keeps each file's
    chunks with their explanations, and makes the file's :class:`FileReport`."""

    def __init__(self, source: Source, args: argparse.Namespace, reporter: Reporter) -> None:
        super().__init__(source, args, reporter)
        self.parts: list[tuple[str, ExplainedText]] = []
        self.weighted = 0.0  # spin score times characters, summed over the chunks
        self.reason = ""  # why the file was skipped

    def call(self, text: str, before: str = "", after: str = "") -> tuple[Any, tuple[Any, ...]]:
        return explain_chunk, (text,)

    def document(self, payload: str | bytes) -> tuple[Any, tuple[Any, ...]]:
        from .formats.documents import explain_document

        return explain_document, (self.format, payload)

    def chunk(self, text: str, result: tuple[Any, ...]) -> None:
        if len(result) == 3:  # a whole document: the report shows its prose
            text, explained, score = result
        else:
            explained, score = result
        self.parts.append((text, explained))
        self.weighted += score * len(text)

    def finish(self) -> None:
        super().finish()
        edits = sum(len(ex.edits) for _, ex in self.parts)
        self.reporter.edits += edits
        self.reporter.changed += bool(edits)

    def fail(self, message: str) -> None:
        self.reason = message
        self.parts = []
        super().fail(message)

    def report(self) -> FileReport:
        name = "<stdin>" if self.source.path == "-" else self.source.name
        if not self.parts:
            return FileReport(name, "", ExplainedText("", [], 0.0, []), 0.0)
        text, explained = merge_chunks(self.parts)
        return FileReport(name, text, explained, self.weighted / len(text) if text else 0.0)


# --- the page -----------------------------------------------------------------------


class _Tables:
    """The JSON the page's script reads: phrasebook entries (each once) and items (an
    edit with the alternatives it beat, or a group of declined candidates)."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self.entry_ids: dict[int, int] = {}
        self.entry_values: dict[Entry, int] = {}
        self.keep: list[Entry] = []
        self.items: list[list[Any]] = []
        self.files: list[list[Any]] = []

    def entry(self, entry: Entry) -> int:
        # By identity first: decisions share their phrasebook's Entry objects.
        k = self.entry_ids.get(id(entry))
        if k is None:
            k = self.entry_values.get(entry)
            if k is None:
                k = self.entry_values[entry] = len(self.entries)
                self.entries.append(list(entry))
            self.entry_ids[id(entry)] = k
            self.keep.append(entry)  # so that its id is not reused while we run
        return k

    def candidate(self, d: Edit) -> list[Any]:
        """Confidence in 1/10000, spin rate, share, P(spun) and P(quotes spared) in 1/1000,
        log-odds in 1/100, and whether the text around it is short (1 or 0)."""
        ev = d.evidence
        return [
            d.before,
            d.after,
            round(d.confidence * 10000),
            self.entry(d.entry),
            round(ev.spin_rate * 1000),
            round(ev.share * 1000),
            round(ev.lm * 100),
            round(ev.case * 100),
            round(ev.article * 100),
            ev.left,
            ev.right,
            round(ev.spun * 1000),
            round(ev.reused * 100),
            round(ev.spared * 1000),
            int(ev.short),
        ]

    def item(self, file: int, declined: bool, candidates: Sequence[Edit]) -> int:
        self.items.append([file, int(declined), [self.candidate(d) for d in candidates]])
        return len(self.items) - 1

    def json(self) -> str:
        data = {"entries": self.entries, "items": self.items, "files": self.files}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        # Inside <script type="application/json"> only "</script" or "<!--" could end
        # the block early; with every < > & escaped neither can occur.
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        # Not displayed, but kept out of the page's source as well (JSON reads them back).
        return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _band(confidence: float) -> int:
    return 1 + bisect.bisect_right(BANDS, confidence)


def _distinct(candidates: Sequence[Edit]) -> list[Edit]:
    """Most confident first, one per distinct span and replacement, no-ops left out."""
    if not candidates:
        return []
    seen: set[tuple[int, int, str]] = set()
    out = []
    for d in sorted(candidates, key=lambda d: (-d.confidence, d.start, d.end, d.after)):
        key = (d.start, d.end, d.after)
        if d.after != d.before and key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _layout(edits: Sequence[Edit], declined: Sequence[Edit]) -> list[tuple[int, int, Any]]:
    """The marked spans of a text in order: ``(start, end, edit-with-alternatives)`` for
    each edit (the declined candidates overlapping it become its alternatives) and
    ``(start, end, [declined...])`` for each group of overlapping declined candidates
    that touch no edit. Spans never overlap."""
    starts = [e.start for e in edits]
    alternatives: list[list[Edit]] = [[] for _ in edits]
    free: list[Edit] = []
    for d in declined:
        k = bisect.bisect_right(starts, d.start) - 1
        if k >= 0 and edits[k].end > d.start:
            alternatives[k].append(d)
        elif k + 1 < len(edits) and edits[k + 1].start < d.end:
            alternatives[k + 1].append(d)
        else:
            free.append(d)
    spans: list[tuple[int, int, Any]] = [
        (e.start, e.end, (e, _distinct(alts))) for e, alts in zip(edits, alternatives, strict=True)
    ]
    groups: list[list[Any]] = []
    for d in sorted(free, key=lambda d: (d.start, d.end)):
        if groups and d.start < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], d.end)
            groups[-1][2].append(d)
        else:
            groups.append([d.start, d.end, [d]])
    for start, end, members in groups:
        members = _distinct(members)
        if members:
            spans.append((start, end, members))
    spans.sort(key=lambda s: s[0])
    return spans


def _text_html(text: str, spans: Sequence[tuple[int, int, Any]], file: int, tables: _Tables) -> str:
    """The text with its marked spans, in blocks cut after line breaks."""
    out = ['<div class="block">']
    since = 0  # characters in the current block

    def plain(piece: str) -> None:
        nonlocal since
        if since + len(piece) >= BLOCK_CHARS and (cut := piece.rfind("\n") + 1) > 0:
            out.append(escape(piece[:cut], quote=False))
            out.append('</div><div class="block">')
            piece = piece[cut:]
            since = 0
        out.append(escape(piece, quote=False))
        since += len(piece)

    pos = 0
    for start, end, what in spans:
        plain(text[pos:start])
        if isinstance(what, tuple):
            edit, alternatives = what
            k = tables.item(file, False, [edit, *alternatives])
            out.append(
                f'<span class="e c{_band(edit.confidence)}" tabindex="0" data-i="{k}">'
                f"<del>{escape(edit.before, quote=False)}</del>"
                f"<ins>{escape(edit.after, quote=False)}</ins></span>"
            )
        else:
            k = tables.item(file, True, what)
            out.append(
                f'<span class="d" tabindex="-1" data-i="{k}">'
                f"{escape(text[start:end], quote=False)}</span>"
            )
        since += end - start
        pos = end
    plain(text[pos:])
    out.append("</div>")
    return "".join(out)


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _verdict(edits: int, declined: int, threshold: float) -> str:
    if edits:
        return (
            f'<p class="verdict changed">{_plural(edits, "edit")} made; '
            f"{_plural(declined, 'candidate')} declined.</p>"
        )
    if declined:
        why = (
            f"no candidate reached the {_pct(threshold)} confidence threshold; "
            f"{_plural(declined, 'candidate was', 'candidates were')} considered and declined "
            "(<em>Show declined candidates</em> marks them)."
        )
    else:
        why = "no phrase in it is in the phrasebook."
    mark = '<span aria-hidden="true">✓</span>'
    return f'<p class="verdict clean">{mark} Nothing was changed: {why}</p>'


def render_report(
    items: Iterable[FileReport],
    *,
    threshold: float | None = None,
    skipped: Sequence[tuple[str, str]] = (),
    title: str = "unspin report",
    spun_prior: float | None = None,
) -> str:
    """One self-contained HTML page showing the edits made to each file (see the module
    docstring). ``threshold`` is the confidence edits needed (for the page's wording;
    default: that of :class:`~unspin.Config`); ``skipped`` lists ``(name, reason)`` of
    inputs that could not be read; ``spun_prior``: the user's prior the edits were made
    with (``Config.spun_prior``), which the page states, since it lowers the evidence
    edits need."""
    threshold = Config().threshold if threshold is None else threshold
    files = sorted(items, key=lambda r: (-round(r.score, 3), -r.explained.spin_rate, r.name))
    tables = _Tables()
    rows: list[str] = []
    sections: list[str] = []
    total_edits = total_declined = changed = 0
    for n, report in enumerate(files):
        ex = report.explained
        spans = _layout(ex.edits, ex.declined)
        edits = len(ex.edits)
        declined = sum(len(s[2]) if isinstance(s[2], list) else len(s[2][1]) for s in spans)
        total_edits += edits
        total_declined += declined
        changed += bool(edits)
        tables.files.append([report.name])
        fid = f"f{n + 1}"
        name = escape(shown_name(report.name))
        score = min(max(report.score, 0.0), 1.0)
        rows.append(
            f'<tr><td class="name"><a href="#{fid}">{name}</a></td>'
            f'<td class="num"><span class="bar" aria-hidden="true">'
            f'<span style="width:{score * 100:.1f}%"></span></span>{score:.3f}</td>'
            f'<td class="num">{ex.spin_rate:.3f}</td>'
            f'<td class="num">{edits:,}</td><td class="num">{declined:,}</td>'
            f'<td class="num">{len(report.text):,}</td></tr>'
        )
        body = _text_html(report.text, spans, n, tables) if report.text else ""
        sections.append(
            f'<section class="file" id="{fid}" aria-labelledby="{fid}-h">'
            f'<h2 id="{fid}-h">{name}</h2>'
            f'<p class="meta">Spin score {score:.3f} (probability that the text was spun) · '
            f"spin rate {ex.spin_rate:.3f} · {_plural(len(report.text), 'character')} · "
            f'<a href="#top">index</a></p>'
            f"{_verdict(edits, declined, threshold)}"
            f'<div class="text">{body}</div></section>'
        )
    for name, reason in skipped:
        rows.append(
            f'<tr class="skipped"><td class="name">{escape(shown_name(name))}</td>'
            f'<td colspan="5">not read: {escape(reason)}</td></tr>'
        )
    summary = (
        f"{_plural(len(files), 'file')}, {changed:,} changed, {_plural(total_edits, 'edit')}, "
        f"{_plural(total_declined, 'candidate')} declined"
        + (f", {len(skipped):,} not read" if skipped else "")
        + f". Edits need {_pct(threshold)} confidence"
        + (
            f", in texts taken as spun with probability {spun_prior:g} (--spun-prior)"
            if spun_prior is not None
            else ""
        )
        + f". unspin {escape(__version__)}."
    )
    page = _PAGE.format(
        title=escape(title),
        summary=summary,
        declined=f"{total_declined:,}",
        threshold=_pct(threshold),
        rows="".join(rows),
        sections="".join(sections) or '<p class="verdict clean">No files.</p>',
        data=tables.json(),
        css=_CSS,
        js=_JS,
    )
    return _SURROGATE.sub("\ufffd", page)  # undecodable bytes kept by surrogateescape


_CSS = """
:root{color-scheme:light dark;--bg:#fcfcfa;--fg:#1d1d1b;--muted:#5c5c57;--line:#d4d4cc;
--panel:#f1f1ec;--del:#9e1b1b;--ins:#1d1d1b;--hl:255,196,0;--focus:#1a56c4;--dec:#6b4fa0;
--tipbg:#ffffff;--bar:#3d3d38}
@media (prefers-color-scheme:dark){:root{--bg:#161615;--fg:#e9e9e4;--muted:#a9a9a1;
--line:#3c3c38;--panel:#20201e;--del:#ff9e9e;--ins:#fff6d8;--hl:255,184,0;--focus:#8ab4ff;
--dec:#c9b3ff;--tipbg:#262624;--bar:#c8c8c0}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,nav{max-width:62rem;margin:0 auto;padding:0 1.25rem}
h1{font-size:1.6rem;margin:1.2rem 0 .2rem}h2{font-size:1.25rem;margin:0 0 .2rem;
overflow-wrap:anywhere}
a{color:var(--focus)}
.summary,.meta{color:var(--muted);margin:.2rem 0}
.controls{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;align-items:center;margin:.6rem 0;
padding:.5rem .75rem;background:var(--panel);border:1px solid var(--line);border-radius:6px}
.controls label{font-weight:600;cursor:pointer}
kbd{font:inherit;font-size:.85em;padding:0 .35em;border:1px solid var(--line);
border-bottom-width:2px;border-radius:4px;background:var(--bg)}
.legend{color:var(--muted);font-size:.92rem}
.legend .e,.legend .d{cursor:default}
table.index{border-collapse:collapse;width:100%;margin:.6rem 0 1.5rem;font-size:.95rem}
.index th,.index td{padding:.3rem .5rem;border-bottom:1px solid var(--line);text-align:left}
.index th{font-weight:600;color:var(--muted)}
.index .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.index .name{overflow-wrap:anywhere}
.bar{display:inline-block;width:4rem;height:.55rem;margin-right:.5rem;border:1px solid
var(--bar);border-radius:2px;vertical-align:middle}
.bar span{display:block;height:100%;background:var(--bar)}
.skipped td{color:var(--del)}
section.file{border-top:2px solid var(--line);padding:1rem 0 1.5rem}
.verdict{margin:.4rem 0 .8rem;font-weight:600}
.verdict.clean{padding:.5rem .75rem;border:1px solid var(--line);border-left:4px solid
var(--fg);border-radius:4px;background:var(--panel)}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.02rem;line-height:1.75;
max-width:46rem}
.block{content-visibility:auto;contain-intrinsic-size:auto 40rem}
del{color:var(--del);text-decoration:line-through 2px;text-decoration-color:var(--del)}
ins{color:var(--ins);text-decoration:underline 2px;text-underline-offset:3px;
margin-left:.2em;padding:0 .1em;border-radius:2px}
.c1 ins{background:rgba(var(--hl),.16);text-decoration-style:dotted}
.c2 ins{background:rgba(var(--hl),.28);text-decoration-style:dashed}
.c3 ins{background:rgba(var(--hl),.42)}
.c4 ins{background:rgba(var(--hl),.58);text-decoration-style:double}
.e{cursor:help;border-radius:3px}
.e:focus,.d:focus{outline:3px solid var(--focus);outline-offset:2px}
.e:focus:not(:focus-visible){outline-width:2px}
.sd .d{cursor:help;color:var(--dec);text-decoration:underline wavy 1px;
text-underline-offset:4px;background:repeating-linear-gradient(135deg,transparent 0 3px,
rgba(127,127,127,.14) 3px 6px)}
.sd .d::after,.legend .d::after{content:"?";font-size:.7em;vertical-align:super;
font-weight:700;margin-left:1px}
#tip{position:absolute;z-index:10;max-width:min(30rem,calc(100vw - 1rem));
padding:.6rem .8rem;background:var(--tipbg);color:var(--fg);border:1px solid var(--line);
border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.25);font-size:.9rem;line-height:1.45;
white-space:normal}
#tip[hidden]{display:none}
#tip .head{font-weight:700;margin-bottom:.25rem}
#tip .cand+.cand{margin-top:.5rem;padding-top:.5rem;border-top:1px solid var(--line)}
#tip dl{display:grid;grid-template-columns:max-content 1fr;gap:.05rem .6rem;margin:.3rem 0 0}
#tip dt{color:var(--muted)}#tip dd{margin:0;overflow-wrap:anywhere}
#tip .alts{margin:.4rem 0 0;color:var(--muted)}
.noscript{color:var(--muted)}
@media print{.controls,#tip{display:none}.block{content-visibility:visible}}
"""

# Minimal script: one tooltip filled from the JSON table, event delegation only (no
# listener per edit), n/p to move between edits, d to toggle declined candidates.
_JS = r"""
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, tip = doc.getElementById("tip");
  var box = doc.getElementById("show-declined"), data = null, shown = null;
  var lists = {}, pos = -1;
  doc.getElementById("controls").hidden = false;
  function table() {
    if (!data) data = JSON.parse(doc.getElementById("unspin-data").textContent);
    return data;
  }
  // Confidence comes in 1/10000, spin rate and share in 1/1000, log-odds in 1/100.
  function pct(x) { return Math.round(x / 100) + "%"; }
  function num(x) { return (x > 0 ? "+" : "") + (x / 100).toFixed(2); }
  function add(parent, tag, text, cls) {
    var el = doc.createElement(tag);
    if (text !== null && text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function ctx(w) { return w === null ? "(none)" : w === "<s>" ? "(sentence start)" : w; }
  function candidate(parent, c) {
    var e = table().entries[c[3]], box = add(parent, "div", null, "cand");
    add(box, "div", "\u201c" + c[0] + "\u201d \u2192 \u201c" + c[1] + "\u201d, confidence " +
        pct(c[2]), "head");
    var dl = add(box, "dl");
    function row(k, v) { add(dl, "dt", k); add(dl, "dd", v); }
    row("Entry", "\u201c" + e[0] + "\u201d \u2192 \u201c" + e[1] + "\u201d (" + e[2] + ")");
    row("Defined at", e[3] + ":" + e[4]);
    row("Spin rate", (c[4] / 1000).toFixed(3) + " (the document\u2019s)");
    var forms = Math.round(Math.exp(-c[5] / 1000));
    row("Synonym share", "\u201c" + e[0] + "\u201d is " + (forms > 1 ? "one of " + forms +
        " spun forms" : "the only spun form") + " of \u201c" + e[1] + "\u201d");
    row("Language model", num(c[6]) + " log-odds for the original");
    if (c[7]) row("Capitals", num(c[7]) + " log-odds");
    if (c[8]) row("a / an", num(c[8]) + " log-odds");
    if (c[12]) row("Used nearby", num(c[12]) + " log-odds: the writer uses \u201c" + e[1] +
        "\u201d elsewhere");
    if (c[13]) row("In a quotation", Math.round(c[13] / 10) +
        "% probability that the spinner left the quotes here alone");
    row("Context", ctx(c[9]) + " \u2026 " + ctx(c[10]) + " (language-model words)");
    row("Text spun", Math.round(c[11] / 10) + "% probability (the detector\u2019s)");
    if (c[14]) row("Short text", "a sentence or a paragraph or two: an edit here also " +
        "needs the text surely spun (Config.short_spun)");
  }
  function show(el) {
    var item = table().items[+el.getAttribute("data-i")], cands = item[2];
    tip.textContent = "";
    if (item[1]) {
      add(tip, "div", "Declined: below the threshold, or in a short text not surely spun",
          "head");
      cands.forEach(function (c) { candidate(tip, c); });
    } else {
      add(tip, "div", "Edit", "head");
      candidate(tip, cands[0]);
      if (cands.length > 1) {
        add(tip, "p", "Also considered: " + cands.slice(1).map(function (c) {
          return "\u201c" + c[1] + "\u201d " + pct(c[2]);
        }).join(", "), "alts");
      }
    }
    tip.hidden = false;
    if (shown && shown !== el) shown.removeAttribute("aria-describedby");
    shown = el;
    el.setAttribute("aria-describedby", "tip");
    var r = el.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(4, Math.min(r.left, root.clientWidth - w - 4));
    var top = r.bottom + 6;
    if (top + h > root.clientHeight && r.top - h - 6 > 0) top = r.top - h - 6;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }
  function hide() {
    if (!shown) return;
    tip.hidden = true;
    shown.removeAttribute("aria-describedby");
    shown = null;
  }
  function target(node) {
    var el = node && node.closest ? node.closest(".e, .d") : null;
    if (el && el.classList.contains("d") && !box.checked) return null;
    return el && el.closest(".text") ? el : null;
  }
  doc.addEventListener("mouseover", function (ev) {
    var el = target(ev.target);
    if (el) show(el);
    else if (shown && !tip.contains(ev.target) && doc.activeElement !== shown) hide();
  });
  doc.addEventListener("focusin", function (ev) {
    var el = target(ev.target);
    if (el) show(el); else hide();
  });
  doc.addEventListener("focusout", function (ev) {
    if (!ev.relatedTarget || !target(ev.relatedTarget)) hide();
  });
  function list() {
    var key = box.checked ? "all" : "edits";
    if (!lists[key]) {
      lists[key] = Array.prototype.slice.call(
        doc.querySelectorAll(box.checked ? ".text .e, .text .d" : ".text .e"));
    }
    return lists[key];
  }
  function move(step) {
    var all = list();
    if (!all.length) return;
    var i = all.indexOf(doc.activeElement);
    if (i < 0) i = Math.min(Math.max(pos, -1), all.length);
    i = Math.min(Math.max(i + step, 0), all.length - 1);
    pos = i;
    all[i].focus({preventScroll: true});
    all[i].scrollIntoView({block: "center"});
    show(all[i]);
  }
  function sync() {
    root.classList.toggle("sd", box.checked);
    if (!box.checked && shown && shown.classList.contains("d")) hide();
  }
  box.addEventListener("change", sync);
  sync();
  doc.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
        (t.tagName === "INPUT" && t.type !== "checkbox")) return;
    if (ev.key === "n" || ev.key === "j") move(1);
    else if (ev.key === "p" || ev.key === "k") move(-1);
    else if (ev.key === "d") { box.checked = !box.checked; sync(); }
    else if (ev.key === "Escape") hide();
    else return;
    ev.preventDefault();
  });
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="unspin">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header id="top">
<h1>{title}</h1>
<p class="summary">{summary}</p>
<p class="legend"><span class="e c4"><del>spun words</del><ins>restored words</ins></span>:
struck out as found, highlighted as restored; the more confident the edit, the stronger the
shading and underline (<span class="e c1"><ins>60-70%</ins></span>
<span class="e c2"><ins>70-80%</ins></span> <span class="e c3"><ins>80-90%</ins></span>
<span class="e c4"><ins>90-100%</ins></span>). <span class="sd"><span class="d">Declined
</span></span>: a candidate below the {threshold} threshold, left as it was.</p>
<div class="controls" id="controls" hidden>
<label><input type="checkbox" id="show-declined"> Show declined candidates ({declined})</label>
<span>Hover or focus an edit for its details.
Keys: <kbd>n</kbd> next edit, <kbd>p</kbd> previous, <kbd>d</kbd> declined on/off,
<kbd>Esc</kbd> hide details, <kbd>Tab</kbd> moves through edits too.</span>
</div>
<noscript><p class="noscript">The details of each edit (phrasebook entry, evidence,
confidence) need JavaScript.</p></noscript>
</header>
<nav aria-label="Files">
<table class="index">
<thead><tr><th scope="col">File</th><th scope="col" class="num">Spin score</th>
<th scope="col" class="num">Spin rate</th><th scope="col" class="num">Edits</th>
<th scope="col" class="num">Declined</th><th scope="col" class="num">Characters</th></tr></thead>
<tbody>{rows}</tbody>
</table>
</nav>
<main>{sections}</main>
<div id="tip" role="tooltip" hidden></div>
<script type="application/json" id="unspin-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""
