"""Derive ``scripts/data/tortured/pps.tsv`` from public copies of the Problematic Paper
Screener's tortured-phrase fingerprints (Cabanac, Labbé & Magazinov).

Development-time only: it reads files that were fetched beforehand and downloads
nothing. Sources and their licences are described in ``scripts/data/tortured/SOURCES.md``.

Run::

    python scripts/import_tortured.py hh=PATH/data/tortured.csv \\
        tc=PATH/src/data/tortured-phrases.json [--wordnet /usr/share/wordnet] \\
        [--out scripts/data/tortured/pps.tsv]

Each argument is ``LABEL=PATH`` (or a bare ``PATH``, labelled by its file stem). Two
formats are read:

* a CSV of screener queries: columns ``tortured_phrase,expected_phrase,num_papers``
  (hahuyhoang411/tortured-phrase) or the screener's own export header
  ``Fingerprint - Tortured Phrase,Expected Text,Nb Retrieved Papers``;
* the ``torturedcheck`` JSON dictionary (``{"phrases": [{"tortured", "correct"}]}``),
  already flattened and lowercased by its publisher, without paper counts.

The CSV sources are authoritative; a JSON entry is used only for a tortured phrase that
no CSV query opens with, and only when it does not look like a split of a compound query
(see ``json_suspect``): torturedcheck turned AND/NOT clauses into entries of their own
("with macs", "neural network" -> "[neural network] layer outputs").

Output: one row per (tortured, expected) pair; a pair that several rows give is merged
(``papers`` the largest count, ``source`` every locator joined by "; "). ``source`` is
``LABEL:L<line>`` for a CSV row (its line in the file, header = line 1) or
``LABEL:#<index>`` for a JSON entry, followed by the query's other clauses as the
screener wrote them (``AND "cancer"``, ``NOT "with MACS"``, ``"A B"~5``), so that the
co-occurrence anchors and exclusions stay on record. The expected side loses the
source's annotations ("(CNN)", "(in SVM)", "[neural network]") unless the tortured side
carries brackets of its own, and is cased as in :class:`Casing`.

Query syntax (the screener submits fingerprints to Dimensions):

* ``"A"`` -- a plain phrase: one entry.
* ``"A" AND "B" ...`` -- the first quoted phrase is the fingerprint; the others must
  co-occur in the paper. A later clause that equals or shares a word with the expected
  phrase, is unquoted, has a wildcard, sits in an OR group, or is an established term
  (it occurs in some row's expected phrase: "cloud computing", "speech signal") is a
  context anchor (not an entry; recorded in ``source``). A later clause listed as its
  own fingerprint elsewhere is left to that row. Any other later clause becomes an entry
  with the same expected phrase only if it stands alone as a variant of the fingerprint:
  the expected phrase is clean and has as many words, the clause is not ordinary English
  (see ``ordinary``) and shares a word with the first clause ("smart groups" AND
  "brilliant groups" -> smart bands); otherwise it is dropped and counted.
* ``"A" NOT "B"`` -- the positive phrase is kept; the exclusion is recorded in
  ``source``.
* ``"A B"~N`` -- proximity: dropped, unless the contiguous phrase can stand for it
  safely: as many words as the expected phrase, no comma or slash in the expected
  phrase, and every word the two sides share at the same position ("disappearing
  gradient problem"~5 -> "vanishing gradient problem").
* ``"A" OR "B"`` at the top level -- each alternative is a phrase with the same expected
  phrase.

Vetting (column ``risk``):

* ``drop`` -- identical sides after normalising; expected side missing or garbled
  (a ``?`` doubt mark, a URL, "see ...", "e.g.", an ``AND``, two quoted alternatives,
  alternatives written with ``/`` or with more commas than the tortured side has, only
  function words, or a lowercase word that wordfreq does not know but that is one edit
  from a word it does: a misspelling such as "netwok"); more than 6 words on either side;
  a tortured side written mostly in another script than Latin.
* ``context`` -- the tortured side is ordinary English in another sense: one word that
  wordfreq knows (Zipf >= 1), or several words, each common (Zipf >= 3; parenthesised
  parts ignored; a token with a digit is neutral, no pair is checked across it), whose
  every adjacent pair is a Google Web 1T bigram (seen at least 100,000 times on the web;
  the table unspin ships in ``src/unspin/data/ngrams.bin``), or a multiword WordNet 3.0
  lemma ("supply route"; ``--wordnet``, default ``/usr/share/wordnet``). Bigrams bound a phrase's
  frequency from above, so this errs towards ``context``: "sack of words" (bag of words)
  lands there because "sack of" and "of words" are both common.
* ``ok`` -- everything else.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import pathlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[1]

DEFAULT_OUT = ROOT / "scripts" / "data" / "tortured" / "pps.tsv"
MAX_WORDS = 6
COMMON_ZIPF = 3.0
KNOWN_ZIPF = 1.0
STOP = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "its",
    "is",
    "are",
    "be",
}

# ---------------------------------------------------------------------------- queries

_TOKEN = re.compile(
    r'\s*(?:(?P<q>"[^"]*")(?:~(?P<n>\d+))?|(?P<lp>\()|(?P<rp>\))'
    r"|(?P<op>AND|ADN|OR|NOT)(?=\s|\(|\"|$)|(?P<w>[^\s\"()]+))"
)


@dataclass
class Clause:
    text: str
    quoted: bool
    proximity: int | None = None
    in_or: bool = False  # part of an OR group (inside parentheses or at top level)
    negated: bool = False
    wildcard: bool = False


@dataclass
class Query:
    raw: str
    clauses: list[Clause] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)  # operators as they appear
    top_or: bool = False  # alternatives at the top level, no AND/NOT
    error: str | None = None


def parse_query(raw: str) -> Query:
    """Tokenise a screener query into clauses; nested groups are flattened, their
    clauses marked ``in_or`` (the only nesting the lists use is ``AND ("x" OR "y")``)."""
    q = Query(raw=raw)
    pos, depth, pending = 0, 0, None  # pending: operator before the next clause
    bare: list[str] = []

    def flush_bare() -> None:
        nonlocal pending
        if bare:
            text = " ".join(bare)
            q.clauses.append(Clause(text, False, None, depth > 0, pending == "NOT", "*" in text))
            bare.clear()
            pending = None

    s = raw.strip()
    while pos < len(s):
        m = _TOKEN.match(s, pos)
        if not m or m.end() == pos:
            q.error = f"cannot tokenise at {pos}"
            return q
        pos = m.end()
        if m.group("w"):
            bare.append(m.group("w"))
            continue
        flush_bare()
        if m.group("q"):
            text = m.group("q")[1:-1]
            n = int(m.group("n")) if m.group("n") else None
            q.clauses.append(Clause(text, True, n, depth > 0, pending == "NOT", "*" in text))
            pending = None
        elif m.group("lp"):
            depth += 1
        elif m.group("rp"):
            depth -= 1
            if depth < 0:
                q.error = "unbalanced parentheses"
                return q
        else:
            op = m.group("op")
            q.ops.append(op)
            pending = "AND" if op == "ADN" else op
    flush_bare()
    if depth:
        q.error = "unbalanced parentheses"
    if not q.clauses:
        q.error = q.error or "no clause"
    # OR outside parentheses with no AND/NOT: alternatives of one fingerprint.
    if q.clauses and "OR" in q.ops and not {"AND", "ADN", "NOT"} & set(q.ops):
        q.top_or = True
    elif "OR" in q.ops:
        # an OR outside parentheses mixed with AND: mark clauses after the first as OR
        for c in q.clauses[1:]:
            if not c.negated:
                c.in_or = c.in_or or _outside_or(raw)
    return q


def _outside_or(raw: str) -> bool:
    depth = 0
    for m in re.finditer(r'"[^"]*"|\(|\)|\bOR\b', raw):
        t = m.group()
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
        elif t == "OR" and depth == 0:
            return True
    return False


# ----------------------------------------------------------------------- normalising


_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\xa0": " "})


def norm_space(s: str) -> str:
    s = unicodedata.normalize("NFC", s).translate(_HYPHENS).replace("\\&", "&")
    return re.sub(r"\s+", " ", s).strip()


def norm_tortured(s: str) -> str:
    s = norm_space(s).lower()
    return s.strip(" .;:")


def key(s: str) -> str:
    """Comparison key: lowercase letters and digits only."""
    return re.sub(
        r"[^0-9a-z]+",
        "",
        unicodedata.normalize("NFKD", s.lower()).encode("ascii", "ignore").decode(),
    )


def words_of(s: str) -> list[str]:
    return [w for w in re.split(r"\s+", s.strip()) if w]


def content_words(s: str) -> set[str]:
    return {w for w in re.findall(r"[0-9a-z]+", s.lower()) if len(w) > 2 and w not in STOP}


_PAREN = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\])")
_GARBLE = re.compile(
    r"https?:|\bsee\b|\be\.g\.|\bi\.e\.|\bAND\b|\bparaphrased\b|\bmeaning unclear\b|\bnote:"
    r"|[‘“”\"]|(?<![A-Za-z])’|’(?![A-Za-z])"
)
_QUOTED = re.compile(r'["“]([^"“”]+)["”]')


def clean_expected(expected: str, tortured: str) -> tuple[str, str | None]:
    """The expected phrase as a replacement for ``tortured``, and why it is unusable
    (``None`` when it is usable). Parenthesised or bracketed annotations ("(CNN)", "(in
    SVM)", "(e.g. CAD)", "[neural network]") are removed unless the tortured side has
    brackets of its own; one quoted span loses its quotes; a doubt mark anywhere, or
    a URL, "see", "e.g.", "AND", alternatives quoted or joined by "/" or "," in what
    remains make the phrase unusable."""
    e = norm_space(expected.replace('\\"', '"').replace("*", ""))
    if not e or e == "-":
        return "", "expected missing"
    if "?" in e:
        return e, "expected garbled (doubt mark)"
    if "(" not in tortured and "[" not in tortured:
        prev = None
        while prev != e:
            prev, e = e, _PAREN.sub("", e)
        e = norm_space(e.replace("[...]", ""))
    if len(_QUOTED.findall(e)) == 1:
        e = norm_space(_QUOTED.sub(r"\1", e))
    if _GARBLE.search(e):
        return e, "expected garbled (note, query or alternatives)"
    if re.search(r"[()\[\]]", e) and e.count("(") != e.count(")"):
        return e, "expected garbled (brackets)"
    if "/" in e and "/" not in tortured:
        return e, "expected has alternatives (/)"
    if e.count(",") != tortured.count(","):
        return e, "expected has alternatives (,)"
    if not re.search(r"[A-Za-z]", e):
        return e, "expected missing"
    if all(w.lower() in STOP for w in _plain_words(e) or [""]):
        return e, "expected garbled (function words only)"
    return e.strip(" .;:"), None


# ---------------------------------------------------------------------------- vetting

_LM_TABLE = None


def _table():
    """unspin's Web 1T bigram table (``src/unspin/data/ngrams.bin``), read with
    ``src/unspin/ngrams.py`` loaded on its own so that the rest of the package (which
    may be mid-edit) is not imported."""
    global _LM_TABLE
    if _LM_TABLE is None:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "_unspin_ngrams", ROOT / "src" / "unspin" / "ngrams.py"
        )
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        _LM_TABLE = mod.NgramTable(ROOT / "src" / "unspin" / "data" / "ngrams.bin")
    return _LM_TABLE


def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _plain_words(phrase: str) -> list[str]:
    """Alphabetic words of a phrase without parenthesised parts, hyphens split."""
    p = _PAREN.sub(" ", phrase.lower())
    return re.findall(r"[a-z][a-z']*", p.replace("’", "'"))


def ordinary(phrase: str) -> bool:
    """Is the phrase ordinary English: one known word, or common words forming Web 1T
    bigrams throughout? Parenthesised parts are ignored; a token with a digit (N2, 5G)
    is neutral, but no bigram is checked across it."""
    tokens = [w for w in re.split(r"\s+", _PAREN.sub(" ", phrase.lower())) if w]
    if len(tokens) == 1 and "-" not in tokens[0] and not re.search(r"\d", tokens[0]):
        words = _plain_words(tokens[0])
        return len(words) == 1 and zipf(words[0]) >= KNOWN_ZIPF
    runs: list[list[str]] = [[]]
    for tok in tokens:
        if re.search(r"\d", tok):
            runs.append([])
        else:
            runs[-1] += _plain_words(tok)
    words = [w for run in runs for w in run]
    pairs = [pair for run in runs for pair in itertools.pairwise(run)]
    if not pairs or any(zipf(w) < COMMON_ZIPF for w in words):
        return False
    table = _table()
    return all(table.log_count(f"{a} {b}") is not None for a, b in pairs)


WORDNET_LEMMAS: set[str] = set()


def load_wordnet(folder: pathlib.Path) -> int:
    """Multiword lemmas of WordNet 3.0 (``index.{noun,verb,adj,adv}``, e.g. Debian's
    ``wordnet-base`` in ``/usr/share/wordnet``): a tortured side that is one ("supply
    route", "synthetic thinking") is ordinary English."""
    for pos in ("noun", "verb", "adj", "adv"):
        path = folder / f"index.{pos}"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line and not line.startswith(" "):
                lemma = line.split(" ", 1)[0]
                if "_" in lemma or "-" in lemma:
                    WORDNET_LEMMAS.add(lemma.replace("_", " "))
    return len(WORDNET_LEMMAS)


def in_wordnet(phrase: str) -> bool:
    p = _PAREN.sub(" ", phrase).strip()
    return p in WORDNET_LEMMAS or (p.endswith("s") and p[:-1] in WORDNET_LEMMAS)


def non_latin(s: str) -> bool:
    """Mostly letters of another script (a Greek letter in a chemical name is fine)."""
    letters = [ch for ch in s if ch.isalpha()]
    other = sum(1 for ch in letters if not unicodedata.name(ch, "").startswith("LATIN"))
    return bool(letters) and other * 2 > len(letters)


def _edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )


def misspelt(expected: str, tortured: str) -> str | None:
    """A lowercase word of the expected side that wordfreq does not know, that the
    tortured side does not contain, and that is one edit away from a word it does know
    ("netwok", "gradiant", "opeerator")."""
    tw = set(_plain_words(tortured))
    for w in re.findall(r"[A-Za-z][A-Za-z']*", _PAREN.sub(" ", expected)):
        if (
            w.islower()
            and len(w) >= 6
            and w not in tw
            and zipf(w) == 0
            and any(zipf(e) >= 2.0 for e in _edits1(w) if e != w)
        ):
            return w
    return None


def risk_of(tortured: str, expected: str, expected_problem: str | None) -> tuple[str, str]:
    if expected_problem:
        return "drop", expected_problem
    if key(tortured) == key(expected):
        return "drop", "identical sides"
    if len(words_of(tortured)) > MAX_WORDS or len(words_of(expected)) > MAX_WORDS:
        return "drop", "over 6 words"
    if non_latin(tortured):
        return "drop", "not English"
    bad = misspelt(expected, tortured)
    if bad:
        return "drop", f"expected misspelt ({bad})"
    if ordinary(tortured):
        return "context", "one known word" if len(words_of(tortured)) == 1 else "ordinary phrase"
    if in_wordnet(tortured):
        return "context", "a WordNet lemma"
    return "ok", ""


# ------------------------------------------------------------------------------ casing
#
# The expected side is written as it stands mid-sentence. Acronyms and mixed-case words
# (AI, IoT, BiLSTM, K-means, pH) stay as the source writes them. Other words are
# lowercased unless they are names, and names are learnt from the cased sources
# themselves (no cased word list ships with the project's tools): a word written
# capitalised inside a phrase that is not in Title Case ("naive Bayes", "Joined along
# States") or capitalised on both sides of one row (the paraphraser kept it: "Kuznets
# bend" -> "Kuznets curve"), never written lowercase anywhere in the sources, and either
# seen so in two such phrases, or on both sides of a row whose expected side is not in
# Title Case, or rarer than Zipf 3.5 as a lowercase word. An expected side in Title Case
# keeps its capitals when most of them are such names ("American Airlines"; but
# "Bernoulli distribution", and, wrongly, "United states"). The lowercased JSON source
# gets the same names back, and acronyms from the CSV or from its own parentheses.

_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*")


def title_case(words: list[str]) -> bool:
    big = [w for w in words if w.lower() not in STOP]
    return len(big) > 1 and all(w[0].isupper() for w in big)


def _capitalised(w: str) -> bool:
    return len(w) > 1 and w[0].isupper() and w[1:].islower()


def _keeps_case(core: str) -> bool:
    """Acronyms, mixed case, digits, single capitals: written as the source has them."""
    return (
        any(c.isupper() for c in core[1:])
        or any(c.isdigit() for c in core)
        or (len(core) == 1 and core.isupper())
    )


class Casing:
    def __init__(self, csv_rows: list[tuple[str, str]]) -> None:
        """``csv_rows``: (query, expected) as the cased source writes them."""
        lower_seen: set[str] = set()
        cap_phrases: Counter = Counter()
        both: set[tuple[str, bool]] = set()
        for query, expected in csv_rows:
            phrases = [expected, *re.findall(r'"([^"]*)"', query)]
            # lowercase counts against a name only on the curated (expected) side: the
            # tortured sides are often typed in lowercase ("navies bayes")
            lower_seen.update(w for w in _WORD.findall(_PAREN.sub(" ", expected)) if w.islower())
            for ph in phrases:
                ws = _WORD.findall(_PAREN.sub(" ", ph))
                if not title_case(ws):
                    for w in set(ws[1:]):
                        if _capitalised(w):
                            cap_phrases[w] += 1
            e, t = _WORD.findall(expected), set(_WORD.findall(query))
            both.update((w, title_case(e)) for w in set(e) & t if _capitalised(w))
        self.lower_seen = lower_seen
        both_plain = {w for w, titled in both if not titled}
        self.proper = {
            w
            for w in set(cap_phrases) | {w for w, _ in both}
            if w.lower() not in lower_seen
            and (cap_phrases[w] >= 2 or w in both_plain or zipf(w.lower()) < 3.5)
        }
        self.proper_lower = {w.lower(): w for w in self.proper}
        self.acronyms: dict[str, str] = {}

    def learn_acronyms(self, expected: str) -> None:
        for w in _WORD.findall(expected):
            if _keeps_case(w) and w.lower() not in STOP:
                self.acronyms.setdefault(w.lower(), w)

    def _word(self, core: str, from_lower: bool, in_parens: bool) -> str:
        if "-" in core:
            return "-".join(self._word(p, from_lower, in_parens) for p in core.split("-"))
        if not core or not core[0].isalpha():
            return core
        if from_lower:
            low = core.lower()
            if low in self.acronyms and (in_parens or low not in self.lower_seen):
                return self.acronyms[low]
            return self.proper_lower.get(low, core)
        if _keeps_case(core):
            return core
        return self.proper_lower.get(core.lower(), core.lower())

    def mid_sentence(self, expected: str, tortured: str = "", from_lower: bool = False) -> str:
        # a name in Title Case: most of its capitalised words are names ("American
        # Airlines", "North Atlantic Treaty Organization"); keep the source's capitals
        caps = [w for w in _WORD.findall(_PAREN.sub(" ", expected)) if _capitalised(w)]
        named = (
            not from_lower
            and title_case(_WORD.findall(_PAREN.sub(" ", expected)))
            and 2 * sum(w in self.proper for w in caps) > len(caps)
        )
        out = []
        for w in expected.split(" "):
            m = re.match(r"^([(\[]*)(.*?)([)\],;:.]*)$", w)
            pre, core, post = m.groups()
            word = core if named else self._word(core, from_lower, bool(pre))
            if (
                from_lower
                and pre.startswith("(")
                and word.isalpha()
                and word.islower()
                and 1 < len(word) <= 6
                and f"({word})" in tortured
                and zipf(word) < 3
            ):
                word = word.upper()  # an acronym the paraphraser kept: "(ai)", "(gdp)"
            out.append(pre + word + post)
        return " ".join(out)


# ------------------------------------------------------------------------------- main


@dataclass
class Candidate:
    tortured: str
    expected_raw: str
    papers: int | None
    source: str
    cased: bool  # expected side carries the source's capitalisation


def read_csv(path: pathlib.Path) -> list[tuple[int, str, str, int | None]]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        cols = reader.fieldnames or []
        if "tortured_phrase" in cols:
            tq, te, tn = "tortured_phrase", "expected_phrase", "num_papers"
        elif "Fingerprint - Tortured Phrase" in cols:
            tq, te, tn = "Fingerprint - Tortured Phrase", "Expected Text", "Nb Retrieved Papers"
        else:
            raise SystemExit(f"{path}: unknown CSV header {cols}")
        for i, r in enumerate(reader, start=2):  # line 1 is the header
            n = (r.get(tn) or "").replace(",", "").strip()
            rows.append((i, r[tq] or "", r[te] or "", int(n) if n.isdigit() else None))
    return rows


def condition_text(c: Clause) -> str:
    t = f'"{c.text}"' if c.quoted else c.text
    if c.proximity is not None:
        t += f"~{c.proximity}"
    return t


def from_csv(
    label: str, path: pathlib.Path, stats: Counter, all_first: set[str]
) -> list[Candidate]:
    rows = read_csv(path)
    parsed = [(i, parse_query(q), e, n) for i, q, e, n in rows]
    for _, q, _, _ in parsed:
        if q.clauses and not q.error:
            all_first.add(norm_tortured(q.clauses[0].text))
    # the established terms of the list: every expected phrase, as " words " for lookup
    terms = " | ".join(
        " " + " ".join(re.findall(r"[0-9a-z]+", clean_expected(e, "")[0].lower())) + " "
        for _, _, e, _ in parsed
    )
    out: list[Candidate] = []
    for line, q, expected, papers in parsed:
        src = f"{label}:L{line}"
        stats["csv rows"] += 1
        if q.error:
            stats["query: unparseable (dropped)"] += 1
            continue
        first = q.clauses[0]
        ops = set(q.ops)
        if "ADN" in ops:
            stats["query: 'ADN' read as AND"] += 1
        if q.top_or:
            stats["query: OR alternatives (each kept)"] += 1
            for c in q.clauses:
                out.append(Candidate(norm_tortured(c.text), expected, papers, src + " OR", True))
            continue
        if first.proximity is not None:
            exp, problem = clean_expected(expected, first.text)
            tw, ew = words_of(norm_tortured(first.text)), words_of(exp.lower())
            safe = (
                problem is None
                and len(tw) == len(ew)
                and all(
                    (a == b) or (a not in ew and b not in tw) for a, b in zip(tw, ew, strict=True)
                )
            )
            if not safe:
                stats["query: proximity ~N (dropped)"] += 1
                continue
            stats["query: proximity ~N (kept as contiguous phrase)"] += 1
            extra = f" {condition_text(first)}"
        else:
            extra = ""
        negs = [c for c in q.clauses[1:] if c.negated]
        ands = [c for c in q.clauses[1:] if not c.negated]
        if not negs and not ands:
            if first.proximity is None:
                stats["query: plain phrase"] += 1
            out.append(Candidate(norm_tortured(first.text), expected, papers, src + extra, True))
            continue
        conds = " ".join(
            ("NOT " if c.negated else "OR " if c.in_or else "AND ") + condition_text(c)
            for c in q.clauses[1:]
        )
        if first.proximity is not None:
            pass  # counted as proximity above
        elif negs and ands:
            stats["query: AND and NOT (first phrase kept, clauses judged/recorded)"] += 1
        elif negs:
            stats["query: NOT (positive phrase kept, exclusion recorded)"] += 1
        else:
            stats["query: AND (first phrase kept, co-occurring clauses judged)"] += 1
        out.append(
            Candidate(norm_tortured(first.text), expected, papers, f"{src}{extra} {conds}", True)
        )
        exp, problem = clean_expected(expected, first.text)
        exp_words = content_words(exp) | content_words(expected)
        for c in ands:
            t = norm_tortured(c.text)
            if c.in_or or not c.quoted or c.wildcard:
                stats["AND clause: anchor (OR group, bare word or wildcard)"] += 1
            elif key(t) == key(exp) or content_words(t) & exp_words or key(t) in key(expected):
                stats["AND clause: anchor (the expected phrase or shares its words)"] += 1
            elif " " + " ".join(re.findall(r"[0-9a-z]+", t)) + " " in terms:
                stats["AND clause: anchor (an established term: some row expects it)"] += 1
            elif t in all_first and t != norm_tortured(first.text):
                stats["AND clause: listed as its own fingerprint (left to that row)"] += 1
            elif problem or len(words_of(t)) != len(words_of(exp)):
                stats["AND clause: dropped (no identifiable expected phrase)"] += 1
            elif ordinary(t):
                stats["AND clause: dropped (ordinary English: a context anchor)"] += 1
            elif not set(re.findall(r"[0-9a-z]+", t)) & set(
                re.findall(r"[0-9a-z]+", norm_tortured(first.text))
            ):
                stats["AND clause: dropped (shares no word with the fingerprint)"] += 1
            else:
                stats["AND clause: kept as a second tortured phrase"] += 1
                out.append(
                    Candidate(
                        t, expected, papers, f"{src} (clause of {condition_text(first)})", True
                    )
                )
    return out


def from_json(
    label: str,
    path: pathlib.Path,
    stats: Counter,
    csv_tortured: set[str],
    csv_other: set[str],
    all_expected: set[str],
) -> list[Candidate]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, p in enumerate(data["phrases"]):
        stats["json entries"] += 1
        t, e = norm_tortured(p["tortured"]), norm_space(p["correct"])
        if t in csv_tortured:
            stats["json: tortured phrase already decided from a CSV row"] += 1
            continue
        if json_suspect(t, e, csv_other, all_expected):
            stats["json: suspected split of a compound query (dropped)"] += 1
            continue
        stats["json: added (no CSV row has it)"] += 1
        out.append(Candidate(t, e, None, f"{label}:#{i}", False))
    return out


def json_suspect(t: str, e: str, csv_other: set[str], all_expected: set[str]) -> bool:
    """torturedcheck split compound queries into separate entries: "with macs" (a NOT
    clause), "neural network" -> "[neural network] layer outputs" (an AND anchor)."""
    if t in csv_other:
        return True
    if key(t) in all_expected:
        return True
    ek = key(_PAREN.sub(" ", e))
    return bool(key(t)) and (key(t) in key(e) or ek == key(t))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sources", nargs="+", help="LABEL=PATH or PATH (CSV or torturedcheck JSON)")
    ap.add_argument("--out", type=pathlib.Path, default=DEFAULT_OUT)
    ap.add_argument(
        "--wordnet",
        type=pathlib.Path,
        default=pathlib.Path("/usr/share/wordnet"),
        help="WordNet 3.0 dict folder (index.noun ...); skipped when absent",
    )
    args = ap.parse_args(argv)
    n = load_wordnet(args.wordnet) if args.wordnet.is_dir() else 0
    print(f"WordNet multiword lemmas: {n} (from {args.wordnet})" if n else "WordNet: not used")

    stats: Counter = Counter()
    candidates: list[Candidate] = []
    cased_rows: list[tuple[str, str]] = []
    all_first: set[str] = set()
    csv_other: set[str] = set()
    jsons = []
    for spec in args.sources:
        label, _, p = spec.rpartition("=")
        path = pathlib.Path(p)
        label = label or path.stem
        if path.suffix.lower() == ".json":
            jsons.append((label, path))
            continue
        candidates += from_csv(label, path, stats, all_first)
        cased_rows += [(q, e) for _, q, e, _ in read_csv(path)]
        for _, q, _, _ in ((i, parse_query(q), e, n) for i, q, e, n in read_csv(path)):
            for c in q.clauses[1:]:
                csv_other.add(norm_tortured(c.text))
    csv_tortured = {c.tortured for c in candidates}
    all_expected = {key(_PAREN.sub(" ", c.expected_raw)) for c in candidates}
    all_expected |= {key(c.expected_raw) for c in candidates}
    for label, path in jsons:
        data = json.loads(path.read_text(encoding="utf-8"))
        all_expected |= {key(_PAREN.sub(" ", p["correct"])) for p in data["phrases"]}
        candidates += from_json(
            label, path, stats, csv_tortured | all_first, csv_other - all_first, all_expected
        )

    casing = Casing(cased_rows)
    rows: dict[tuple[str, str], dict] = {}
    finished = []
    for c in candidates:
        exp, problem = clean_expected(c.expected_raw, c.tortured)
        if c.cased and exp:
            exp = casing.mid_sentence(exp)
            if not problem:
                casing.learn_acronyms(exp)
        finished.append((c, exp, problem))
    for c, exp, problem in finished:
        if not c.cased and exp:
            exp = casing.mid_sentence(exp, c.tortured, from_lower=True)
        _add(rows, c, exp, problem)

    verdicts: Counter = Counter()
    reasons: Counter = Counter()
    out_rows = []
    for (t, e), r in sorted(rows.items()):
        risk, why = risk_of(t, e, r["problem"])
        verdicts[risk] += 1
        if why:
            reasons[f"{risk}: {why}"] += 1
        papers = "" if r["papers"] is None else str(r["papers"])
        out_rows.append((t, e, papers, risk, "; ".join(r["sources"])))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        f.write("tortured\texpected\tpapers\trisk\tsource\n")
        for row in out_rows:
            assert all("\t" not in x and "\n" not in x for x in row), row
            f.write("\t".join(row) + "\n")

    print(f"wrote {len(out_rows)} rows to {args.out}")
    for k in sorted(stats):
        print(f"  {k}: {stats[k]}")
    print(
        "  merged duplicate (tortured, expected) pairs:",
        sum(len(r["sources"]) - 1 for r in rows.values()),
    )
    for k in ("ok", "context", "drop"):
        print(f"  risk {k}: {verdicts[k]}")
    for k, v in sorted(reasons.items()):
        print(f"    {k}: {v}")


def _add(rows: dict, c: Candidate, exp: str, problem: str | None) -> None:
    k = (c.tortured, exp if exp else c.expected_raw)
    r = rows.setdefault(k, {"papers": None, "sources": [], "problem": problem})
    if c.papers is not None:
        r["papers"] = c.papers if r["papers"] is None else max(r["papers"], c.papers)
    r["sources"].append(c.source)
    if r["problem"] and not problem:
        r["problem"] = None


if __name__ == "__main__":
    main()
