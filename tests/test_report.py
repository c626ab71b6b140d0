"""The HTML report: the page itself (escaping, counts, clean files, self-containment), the
``unspin report`` command, and the page in headless Chromium.

The browser tests load a report with a small self-check script appended (not part of the
report) that hovers and focuses edits, presses keys, and writes what it saw into the DOM;
``chromium --headless --dump-dom`` prints that DOM. Screenshots go to a temporary
directory outside the repository (``UNSPIN_SCREENSHOTS`` to choose it). Without a
``chromium`` on the PATH the browser tests are skipped; ``.ci/run`` installs it.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest
from support import CHILD_ENV, ROOT, read, seed, seed_path

from unspin import Config, Entry, Evidence, ExplainedText, Repairer, deciding
from unspin.deciding import Decision
from unspin.reporting import BLOCK_CHARS, FileReport, file_report, merge_chunks, render_report

# Its module's fixtures are built once: the whole file runs in one process.
pytestmark = pytest.mark.xdist_group("report")

INJECTED = (
    "A page that tries to run code: <script>window.__injected = 1</script> and "
    '<img src="x" onerror="window.__injected = 2"> & <b>bold</b> &amp; friends.\n\n'
    "Chinese language officers mentioned final week that talks on the Center East "
    "would resume.\n"
)
INJECTED_NAME = '<img src=x onerror="window.__injected=3">.txt'


@pytest.fixture(scope="module")
def repairer() -> Repairer:
    return Repairer()


@pytest.fixture(scope="module")
def reports(repairer: Repairer) -> dict[str, FileReport]:
    return {
        "000": file_report("000.txt", seed("000"), repairer),
        "001": file_report("001.txt", seed("001"), repairer),
        "injected": file_report(INJECTED_NAME, INJECTED, repairer),
    }


def text_div(page: str, n: int) -> str:
    """The inner HTML of the n-th file's text (1-based, in page order)."""
    m = re.search(
        rf'<section class="file" id="f{n}".*?<div class="text">(.*?)</div></section>', page, re.S
    )
    assert m, n
    return m.group(1)


def strip(fragment: str, drop: str) -> str:
    """Text of an HTML fragment without the ``drop`` elements (del or ins)."""
    fragment = re.sub(rf"<{drop}>.*?</{drop}>", "", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="unspin-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


# --- the page --------------------------------------------------------------------------


def test_text_round_trips(reports):
    """Without the restored words the page shows the input; without the struck words,
    the repair: nothing of the text is lost, added or reordered."""
    for report in reports.values():
        page = render_report([report])
        assert strip(text_div(page, 1), "ins") == report.text
        assert strip(text_div(page, 1), "del") == report.explained.text


def test_input_is_escaped(reports):
    page = render_report([reports["injected"]])
    assert "window.__injected = 1</script>" not in page
    assert "<img src" not in page and "<b>bold" not in page
    assert "&lt;script&gt;window.__injected = 1&lt;/script&gt;" in page
    assert "&amp;amp;" in page
    assert escape_name(INJECTED_NAME) in page
    # Only the report's own two scripts, and the JSON block holds no markup at all.
    assert page.count("<script") == 2
    data = re.search(r'id="unspin-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data and "&" not in data


def escape_name(name: str) -> str:
    return html.escape(name)


def test_edit_fields_are_escaped_too():
    """Phrasebooks are user files: an entry or a context word holding markup is data."""
    evil = "<script>window.__injected=4</script>"
    entry = Entry(evil, evil + "x", evil, evil, 1)
    evidence = Evidence(0.5, -0.7, 1.0, 0.0, 0.0, evil, None)
    text = f"say {evil} now"
    start = text.index(evil)
    edit = Decision(start, start + len(evil), evil, evil + "x", 0.9, entry, evidence)
    ex = ExplainedText(text.replace(evil, evil + "x"), [edit], 0.5, [])
    page = render_report([FileReport(evil, text, ex, 0.5)])
    assert evil not in page
    assert page.count("<script") == 2
    assert strip(text_div(page, 1), "ins") == text


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u202b", "\u2066", "\u2069", "\u200f"])
def test_bidirectional_controls_in_names_are_shown_escaped(repairer, control):
    """``invoice\u202etxt.exe`` would read as "invoiceexe.txt" in the index: the page
    names the control instead, and its source holds none (the JSON escapes them)."""
    name = f"invoice{control}txt.exe"
    clean = file_report(name, "Talks resumed last week.\n", repairer)
    page = render_report([clean], skipped=[(f"skipped{control}.txt", "binary file")])
    assert control not in page
    code = f"&lt;U+{ord(control):04X}&gt;"
    assert f"invoice{code}txt.exe</a>" in page and f"invoice{code}txt.exe</h2>" in page
    assert f"skipped{code}.txt</td>" in page
    assert page_data(page)["files"] == [[name]]  # the data keeps the real name


def test_counts_and_index_order(reports):
    page = render_report(reports.values())
    ex = reports["000"].explained
    rows = re.findall(r'<tr><td class="name"><a href="#f(\d+)">(.*?)</a></td>(.*?)</tr>', page)
    names = [html.unescape(name) for _, name, _ in rows]
    scores = [float(re.search(r"</span>([\d.]+)</td>", cells).group(1)) for _, _, cells in rows]
    assert scores == sorted(scores, reverse=True)
    assert names[-1] == "001.txt"  # the clean seed is least spun
    numbers = [re.findall(r'<td class="num">([\d,]+)</td>', cells) for *_, cells in rows]
    cells = dict(zip(names, numbers, strict=True))
    assert cells["000.txt"][0] == f"{len(ex.edits):,}"
    n = names.index("000.txt") + 1
    assert text_div(page, n).count('<span class="e ') == len(ex.edits)
    assert f"{len(ex.edits):,} edits made" in page
    # Every declined candidate that would change something is listed somewhere.
    data = page_data(page)
    listed = sum(len(item[2]) - (not item[1]) for item in data["items"] if item[0] == n - 1)
    distinct = {(d.start, d.end, d.after) for d in ex.declined if d.after != d.before}
    assert listed == len(distinct) == int(cells["000.txt"][1].replace(",", ""))


def test_clean_file_says_nothing_changed(reports):
    report = reports["001"]
    assert not report.explained.edits
    page = render_report([report])
    verdict = re.search(r'<p class="verdict clean">(.*?)</p>', page).group(1)
    assert "Nothing was changed" in verdict
    assert '<span class="e ' not in text_div(page, 1)
    empty = file_report("empty.txt", "Xyzzy plugh.\n")
    assert "Nothing was changed: no phrase in it is in the phrasebook." in render_report([empty])


def test_an_original_used_nearby_is_in_the_evidence(tmp_path: Path):
    # With the spinner's own table alone, a spin whose original the writer uses nearby
    # carries the log-odds added for it (unspin.deciding.REUSED), and the page says so.
    book = tmp_path / "table.tsv"
    book.write_text("spun\toriginal\tsource\npoints\tissues\tme\n", encoding="utf-8")
    alone = Repairer(Config(phrasebooks=(book,), default_phrasebook=False))
    text = "Trade issues were on the agenda.\nThe officers mentioned several points.\n"
    page = render_report([file_report("t.txt", text, alone)])
    data = page_data(page)
    rows = [c for item in data["items"] for c in item[2] if c[0] == "points"]
    assert rows and all(c[12] == round(math.log(deciding.REUSED) * 100) for c in rows)
    assert "Used nearby" in page


def test_a_short_texts_gate_is_in_the_evidence():
    # A clean news sentence: its candidates reach the threshold, but a short text must
    # be surely spun (Config.short_spun); the page says why they stay.
    text = "Army officers stated that the convoys had been attacked.\n"
    page = render_report([file_report("t.txt", text, Repairer())])
    data = page_data(page)
    rows = [c for item in data["items"] if item[1] for c in item[2]]
    assert any(c[2] >= 6500 and c[14] == 1 and c[11] < 800 for c in rows)
    assert "Short text" in page


def test_self_contained(reports):
    page = render_report(reports.values())
    tags = re.findall(r"<[a-zA-Z][^>]*>", page)
    assert not [t for t in tags if re.match(r"(?i)<(link|iframe|img|object|embed|base)\b", t)]
    assert not [t for t in tags if re.search(r"(?i)\bsrc\s*=", t)]
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', "".join(tags)))
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert "@import" not in css and "url(" not in css
    assert page.startswith("<!DOCTYPE html>")
    assert "prefers-color-scheme:dark" in page


def test_confidence_bands_and_declined_markup(reports):
    page = render_report([reports["000"]])
    ex = reports["000"].explained
    bands = re.findall(r'<span class="e c(\d)"', text_div(page, 1))
    expected = [1 + sum(e.confidence >= b for b in (0.7, 0.8, 0.9)) for e in ex.edits]
    assert [int(b) for b in bands] == expected
    assert '<span class="d" tabindex="-1"' in text_div(page, 1)


def test_surrogates_and_chunks(repairer):
    """Undecodable bytes kept as surrogates become U+FFFD; a file repaired in chunks is
    shown with offsets into the whole text."""
    text = seed("000")
    half = text.index("\n\n", len(text) // 2) + 2
    parts = [(t, repairer.explain(t)) for t in (text[:half], "bad \udcff byte\n", text[half:])]
    whole, ex = merge_chunks(parts)
    assert whole == text[:half] + "bad \udcff byte\n" + text[half:]
    assert all(whole[d.start : d.end] == d.before for d in ex.edits + ex.declined)
    page = render_report([FileReport("x.txt", whole, ex, 1.0)])
    page.encode("utf-8")
    assert strip(text_div(page, 1), "ins") == whole.replace("\udcff", "\ufffd")


@pytest.fixture(scope="module")
def big(repairer: Repairer) -> str:
    """The page of a 150 KB spun file (its speed is measured in benchmarks/bench_report.py,
    never in a test)."""
    return render_report([file_report("big.txt", big_text(), repairer)])


def test_large_input_is_cut_into_blocks(big):
    # Cut into blocks of about BLOCK_CHARS, laid out on demand.
    assert big.count('class="block"') > 150_000 // BLOCK_CHARS - 3


def big_text(size: int = 150_000) -> str:
    spun = "".join(seed(n) + "\n\n" for n in ("000", "002", "003"))
    return (spun * (size // len(spun) + 1))[:size]


# --- the command ---------------------------------------------------------------------


def run_unspin(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "unspin", *map(str, args)],
        capture_output=True,
        env=CHILD_ENV,
        cwd=cwd,
        timeout=120,
    )


def test_report_command(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(seed_path("000"), corpus / "spun.txt")
    shutil.copy(seed_path("001"), corpus / "clean.txt")
    (corpus / "binary.txt").write_bytes(b"\0\1\2")
    out = tmp_path / "report.html"
    done = run_unspin("report", corpus, "-o", out, "--jobs", "1")
    assert done.returncode == 2, done.stderr  # binary.txt was skipped
    page = out.read_text(encoding="utf-8")
    assert "spun.txt</a>" in page and "clean.txt</a>" in page
    assert "not read: binary file" in page
    assert b"report written to" in done.stderr
    repaired = Repairer().explain(read(seed_path("000")))
    assert f"{len(repaired.edits):,} edits made" in page

    stdout = run_unspin("report", corpus / "spun.txt", "-o", "-", "-q")
    assert stdout.returncode == 0 and stdout.stderr == b""
    assert stdout.stdout.decode("utf-8").startswith("<!DOCTYPE html>")

    bad = run_unspin("report", corpus / "spun.txt", "-o", tmp_path / "no" / "such" / "dir.html")
    assert bad.returncode == 2 and b"cannot write" in bad.stderr


# --- in a real browser -----------------------------------------------------------------

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH (apt-get install -y chromium; .ci/run installs it)",
)

SELF_CHECK = r"""
<script>
window.addEventListener("load", function () {
  var doc = document, out = {}, tip = doc.getElementById("tip");
  function tipState() {
    var r = tip.getBoundingClientRect();
    var hit = doc.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10));
    return {hidden: tip.hidden, display: getComputedStyle(tip).display, width: r.width,
            height: r.height, onTop: !!hit && tip.contains(hit), text: tip.textContent};
  }
  function key(k) {
    (doc.activeElement || doc.body).dispatchEvent(
      new KeyboardEvent("keydown", {key: k, bubbles: true, cancelable: true}));
  }
  try {
    var nav = performance.getEntriesByType("navigation")[0];
    out.loadMs = nav ? nav.loadEventStart : null;
    out.injected = typeof window.__injected;
    out.scripts = doc.scripts.length;
    out.dark = matchMedia("(prefers-color-scheme: dark)").matches;
    out.bodyBg = getComputedStyle(doc.body).backgroundColor;
    out.bodyFg = getComputedStyle(doc.body).color;
    out.controlsShown = !doc.getElementById("controls").hidden;
    out.files = Array.prototype.map.call(doc.querySelectorAll("section.file"), function (s) {
      return {name: s.querySelector("h2").textContent,
              edits: s.querySelectorAll(".text .e").length,
              verdict: s.querySelector(".verdict").textContent,
              verdictVisible: s.querySelector(".verdict").getBoundingClientRect().height > 0,
              text: s.querySelector(".text").textContent.slice(0, 400)};
    });
    var edits = doc.querySelectorAll(".text .e");
    out.edits = edits.length;
    if (edits.length > 2) {
      var first = edits[0], del = first.querySelector("del"), ins = first.querySelector("ins");
      out.del = getComputedStyle(del).textDecorationLine;
      out.ins = {line: getComputedStyle(ins).textDecorationLine,
                 bg: getComputedStyle(ins).backgroundColor};
      first.scrollIntoView({block: "center"});
      first.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
      out.hover = tipState();
      out.hover.item = +first.getAttribute("data-i");
      doc.body.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
      out.afterLeave = tip.hidden;
      edits[1].focus();
      out.focus = tipState();
      out.focus.item = +edits[1].getAttribute("data-i");
      out.focus.active = doc.activeElement === edits[1];
      out.focus.describedBy = edits[1].getAttribute("aria-describedby");
      key("n");
      out.next = doc.activeElement === edits[2];
      key("p");
      out.prev = doc.activeElement === edits[1];
      key("Escape");
      out.escHides = tip.hidden;
      var t0 = performance.now();
      for (var i = 0; i < 20; i++) key("n");
      out.keyMs = (performance.now() - t0) / 20;
      var last = edits[edits.length - 1];
      last.focus();
      out.lastTip = tipState();
      doc.activeElement.blur();
      var declined = doc.querySelector(".text .d");
      out.declinedBefore = getComputedStyle(declined).textDecorationLine;
      declined.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
      out.declinedHiddenTip = tip.hidden;
      key("d");
      out.declinedAfter = getComputedStyle(declined).textDecorationLine;
      declined.scrollIntoView({block: "center"});
      declined.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
      out.declinedTip = tipState();
    }
  } catch (e) {
    out.error = String(e) + "\n" + e.stack;
  }
  var pre = doc.createElement("pre");
  pre.id = "selfcheck";
  pre.textContent = JSON.stringify(out);
  doc.body.appendChild(pre);
});
</script>
"""


def shots_dir() -> Path:
    path = Path(os.environ.get("UNSPIN_SCREENSHOTS") or tempfile.gettempdir()) / "unspin-report"
    path.mkdir(parents=True, exist_ok=True)
    assert ROOT not in path.resolve().parents, "screenshots stay out of the repository"
    return path


def chromium(url: str, *args: str, timeout: float = 60) -> str:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [
                CHROMIUM,
                "--headless=new",
                "--no-sandbox",  # tests may run as root (CI containers)
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--window-size=1280,900",
                *args,
                url,
            ],
            capture_output=True,
            timeout=timeout,
        )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8", errors="replace")


def self_check(page: str, directory: Path, *args: str) -> dict:
    path = directory / "checked.html"
    path.write_text(page.replace("</body>", SELF_CHECK + "</body>"), encoding="utf-8")
    dom = chromium(path.as_uri(), "--dump-dom", *args)
    m = re.search(r'<pre id="selfcheck">(.*?)</pre>', dom, re.S)
    assert m, dom[-2000:]
    result = json.loads(html.unescape(m.group(1)))
    assert "error" not in result, result["error"]
    return result


def luminance(css: str) -> float:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def png_is_not_blank(path: Path) -> bool:
    """Whether the image has more than one colour (decodes the first IDAT row bytes)."""
    data = path.read_bytes()
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    return len(set(raw[:200_000])) > 8


@pytest.fixture(scope="module")
def browser_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("report-browser")


@pytest.fixture(scope="module")
def checked(reports, browser_dir) -> tuple[dict, dict]:
    page = render_report(reports.values())
    return self_check(page, browser_dir), page_data(page)


@browser
def test_browser_edits_are_marked(checked, reports):
    result, _ = checked
    by_name = {f["name"]: f for f in result["files"]}
    assert by_name["000.txt"]["edits"] == len(reports["000"].explained.edits)
    assert result["edits"] == sum(len(r.explained.edits) for r in reports.values())
    assert "line-through" in result["del"]
    assert "underline" in result["ins"]["line"]
    assert result["ins"]["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert result["controlsShown"]


@browser
def test_browser_hover_and_focus_show_the_entry(checked):
    result, data = checked
    for state in (result["hover"], result["focus"]):
        assert not state["hidden"] and state["display"] != "none"
        assert state["width"] > 50 and state["height"] > 30 and state["onTop"]
        cand = data["items"][state["item"]][2][0]
        spun, original, source, path, line, *_ = data["entries"][cand[3]]
        assert f"{path}:{line}" in state["text"]
        assert f"“{spun}” → “{original}” ({source})" in state["text"]
        # The page rounds half up (JavaScript's Math.round), not half to even.
        assert f"confidence {math.floor(cand[2] / 100 + 0.5)}%" in state["text"]
        assert "Language model" in state["text"] and "Spin rate" in state["text"]
    assert result["afterLeave"]
    assert result["focus"]["active"] and result["focus"]["describedBy"] == "tip"


@browser
def test_browser_keyboard_and_declined_toggle(checked):
    result, _ = checked
    assert result["next"] and result["prev"] and result["escHides"]
    assert not result["lastTip"]["hidden"]
    assert result["declinedBefore"] == "none" and result["declinedHiddenTip"]
    assert "underline" in result["declinedAfter"]
    assert result["declinedTip"]["text"].startswith("Declined") and result["declinedTip"]["onTop"]


@browser
def test_browser_injected_script_did_not_run(checked):
    result, _ = checked
    assert result["injected"] == "undefined"
    assert result["scripts"] == 3  # the report's two and the self-check
    by_name = {f["name"]: f for f in result["files"]}
    assert INJECTED_NAME in by_name
    assert "<script>window.__injected = 1</script>" in by_name[INJECTED_NAME]["text"]


@browser
def test_browser_clean_file(checked):
    result, _ = checked
    clean = {f["name"]: f for f in result["files"]}["001.txt"]
    assert clean["edits"] == 0
    assert clean["verdict"].strip().startswith("✓ Nothing was changed")
    assert clean["verdictVisible"]


@browser
def test_browser_screenshots_and_dark_scheme(reports, browser_dir, checked):
    """Seed 000's report in the light and the dark scheme, kept in shots_dir()."""
    page = render_report([reports["000"]], title="unspin report: seed 000")
    path = browser_dir / "000.html"
    path.write_text(page, encoding="utf-8")
    out = shots_dir()
    for scheme, args in (("light", ()), ("dark", ("--force-dark-mode",))):
        shot = out / f"report-000-{scheme}.png"
        shot.unlink(missing_ok=True)
        chromium(path.as_uri(), f"--screenshot={shot}", *args)
        assert png_size(shot) == (1280, 900)
        assert png_is_not_blank(shot)
    dark = self_check(page, browser_dir, "--force-dark-mode")
    assert dark["dark"] and luminance(dark["bodyBg"]) < 0.2 < 0.8 < luminance(dark["bodyFg"])
    light = checked[0]
    assert not light["dark"] and luminance(light["bodyBg"]) > 0.8 > 0.2 > luminance(light["bodyFg"])


@browser
@pytest.mark.slow
def test_browser_large_page(big, browser_dir):
    """A 150 KB spun file's page loads and moving to its last edit shows its details
    (load and key times are measured in benchmarks/bench_report.py, not here)."""
    result = self_check(big, browser_dir)
    assert result["edits"] > 1_000
    assert not result["lastTip"]["hidden"]


@browser
def test_browser_renders_an_html_inputs_report(tmp_path: Path, browser_dir):
    """A web page's report shows its prose with the edits, never its markup or scripts."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>World</title><script>window.__injected = 5</script></head><body>"
        "<p>Chinese language officers mentioned final week that talks on the <b>Center</b> "
        'East would resume &amp; go on.</p><img src="x" onerror="window.__injected = 6">'
        "</body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    done = run_unspin("report", page, "-o", out, "--jobs", "1", "-q")
    assert done.returncode == 0, done.stderr
    result = self_check(out.read_text(encoding="utf-8"), browser_dir)
    assert result["injected"] == "undefined"
    (shown,) = result["files"]
    assert shown["edits"] >= 4
    assert "talks on the Center EastMiddle East would resume & go on." in shown["text"]
    assert "<b>" not in shown["text"] and "window.__injected" not in shown["text"]
