"""Derive ``scripts/data/observed.tsv``: the substitutions seen on real spun pages.

Input: aligned pairs of real spun pages and their originals (``NAME.spun.txt`` and
``NAME.orig.txt`` in the folders given). The pages themselves are copyrighted news and
stay out of the repository; what is kept is the table of general mappings the spinner
made on them (word or phrase -> word or phrase, with how often and on how many pages),
aligned with :func:`unspin.learning.observe` and cleaned of alignment noise by the rules
of :mod:`unspin.vetting` (``unspin learn`` applies the first three, without the page
count: a user's pairs are not pages of many sites):

- both sides of at most ``MAX_WORDS`` (4) words, neither side more than three times as long;
- no article alone on either side, and no side that is the other with words added ("a
  brand" for "a", "where the" for "the"): differences of the copy, not of the spinner
  (which leaves articles as they were); the habits cover "Chinese language". Except
  :func:`grown`: a content word the spinner writes with a content word beside it
  ("summer season" for "summer", "video games" for "games", "sports activities" for
  "sports"), seen on ``GROWN_MIN_PAGES`` pages or more;
- a function word standing for another function word only if seen three times or more,
  on one page in 14 or more and five at least (:func:`function_min_pages`; "within" for
  "in", "on" for "at"; a "for" for "of" seen twice, or "with" for "to" on three pages,
  is a copy's);
- no contraction ("it’s" for "it") and no function word paired with a content word
  ("possible" for "he") unless seen three times: two edits of a sentence, aligned;
- originals lowercased where the word is an ordinary one (a title's "City" stands for
  "city": the case is carried over from the spun text), names kept as written.

A page counts once per mapping, and so does an article: a second spun copy of an article
(its original's first words the same; another site's run of the spinner) adds its counts
and the mappings the first copy did not show, not a page to those it did (the spinner's
choice is random, so copies differ, but one article's words are one context).

Run: ``python scripts/derive_observed.py DIR [DIR ...]``. With ``--base TABLE`` the
mappings of an earlier table (its counts and pages) are added to those of the folders, so
that new pages extend a table whose pages are no longer at hand; the thresholds then count
the pages of both. ``--out FILE`` writes elsewhere than ``scripts/data/observed.tsv``.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import regex  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from unspin.learning import observe  # noqa: E402
from unspin.vetting import (  # noqa: E402
    FUNCTION_MIN_COUNT,
    FUNCTION_MIN_PAGES,
    changes_quantity,
    contains,
    contraction,
    half_function,
    is_article,
    is_function,
    out_of_shape,
    words,
)

OUT = ROOT / "scripts" / "data" / "observed.tsv"
#: Pages a word grown by a word ("summer season" for "summer") must be seen on: on one
#: page it may be the copy's own wording ("brand new" in an update of the story).
GROWN_MIN_PAGES = 2
#: Words of an original that identify its article (see article_key).
ARTICLE_WORDS = 40
#: A function word standing for another must be seen on this share of the pages or more.
FUNCTION_PAGE_SHARE = 1 / 14


def grown(spun: str, original: str) -> bool:
    """Whether ``spun`` is the content word ``original`` with content words added before
    or after it, none of them a function word ("summer season" for "summer", "primarily
    based" for "based"; not "the least" for "least", "rates of interest" for "rates")."""
    s, o = [w.lower() for w in words(spun)], [w.lower() for w in words(original)]
    if len(s) <= len(o) or is_function(original) or is_article(original):
        return False
    if s[: len(o)] == o:
        added = s[len(o) :]
    elif s[-len(o) :] == o:
        added = s[: -len(o)]
    else:
        return False
    return not any(is_function(w) for w in added)


def _spelling(original: str) -> str:
    if len(words(original)) == 1 and zipf_frequency(original.lower(), "en") >= 3.0:
        return original.lower() if not original.isupper() else original
    return original


def page_count(folders: list[Path]) -> int:
    """How many spun pages the folders hold."""
    return sum(len(list(f.glob("*.spun.txt"))) for f in folders)


def function_min_pages(total: int) -> int:
    """Pages a function word must be seen on standing for another, of ``total`` pages:
    ``FUNCTION_MIN_PAGES``, or one page in ``FUNCTION_PAGE_SHARE`` of a larger corpus
    (5 of 68, 7 of 97). Two function words align by chance on more pages as the corpus
    grows: with 97 pages at 5, "which" for "that" and "on" for "in" came in and the
    development pairs lost 0.015 to edits of a writer's own "which" and "on"."""
    return max(FUNCTION_MIN_PAGES, math.ceil(total * FUNCTION_PAGE_SHARE))


def read_table(path: Path) -> tuple[dict[tuple[str, str], list[int]], int]:
    """An earlier table's mappings with their counts and pages, and how many pages it was
    made from (its header says)."""
    text = path.read_text(encoding="utf-8")
    header = regex.search(r"^# originals \((\d+) pages", text, regex.M)
    if header is None:
        raise SystemExit(f"{path}: no page count in the header")
    rows: dict[tuple[str, str], list[int]] = {}
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("spun\t") or not line.strip():
            continue
        spun, original, count, pages = line.split("\t")
        rows[(spun, original)] = [int(count), int(pages)]
    return rows, int(header.group(1))


def article_key(original: str) -> str:
    """What tells an article's copies apart from other articles: its original's first
    ``ARTICLE_WORDS`` words, lowercased (copies aligned with the same original text)."""
    return " ".join(original.lower().split()[:ARTICLE_WORDS])


def derive(
    folders: list[Path], base: dict[tuple[str, str], list[int]] | None = None, base_pages: int = 0
) -> list[tuple[str, str, int, int]]:
    seen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for key, (count, pages) in (base or {}).items():
        seen[key] = [count, pages]
    min_pages = function_min_pages(page_count(folders) + base_pages)
    # The articles each mapping was seen in: a second spun copy of an article (another
    # site's, another run's) adds its counts, but no page to a mapping the first showed.
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for folder in folders:
        for spun_path in sorted(folder.glob("*.spun.txt")):
            orig_path = spun_path.with_name(spun_path.name.replace(".spun.", ".orig."))
            pair = (orig_path.read_text(encoding="utf-8"), spun_path.read_text(encoding="utf-8"))
            article = article_key(pair[0])
            for entry in observe([pair]):
                count = int(entry.source.split(":")[1])
                if out_of_shape(entry.spun, entry.original):
                    continue
                key = (entry.spun.lower(), _spelling(entry.original))
                if key[0] == key[1].lower():
                    continue
                seen[key][0] += count
                if article not in articles[key]:
                    articles[key].add(article)
                    seen[key][1] += 1
    out = []
    for (spun, original), (count, pages) in sorted(seen.items()):
        if is_article(spun) or is_article(original):
            continue
        if contains(spun, original) and not (grown(spun, original) and pages >= GROWN_MIN_PAGES):
            continue
        if contraction(spun, original):
            continue
        if changes_quantity(spun, original):
            continue
        function = is_function(spun) and is_function(original)
        if function and (count < FUNCTION_MIN_COUNT or pages < min_pages):
            continue
        if count < FUNCTION_MIN_COUNT and half_function(spun, original):
            continue
        out.append((spun, original, count, pages))
    return _without_fragments(out)


def _without_fragments(rows: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """Leave out a mapping seen once whose spun words are part of a mapping seen more
    often with the same original ("12" for "year" beside "12 months" for "year"): the
    aligner cut a substitution in two."""
    by_original: dict[str, list[tuple[list[str], int]]] = defaultdict(list)
    for spun, original, count, _ in rows:
        by_original[original.lower()].append((spun.lower().split(), count))

    def fragment(spun: str, original: str, count: int) -> bool:
        ws = spun.lower().split()
        return any(
            n > count
            and len(other) > len(ws)
            and any(other[k : k + len(ws)] == ws for k in range(len(other) - len(ws) + 1))
            for other, n in by_original[original.lower()]
        )

    return [r for r in rows if not (r[2] == 1 and fragment(r[0], r[1], r[2]))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--base", type=Path, help="an earlier table to add the folders to")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    base, base_pages = read_table(args.base) if args.base else (None, 0)
    rows = derive(args.folders, base, base_pages)
    pages = page_count(args.folders) + base_pages
    with args.out.open("w", encoding="utf-8") as f:
        f.write(
            "# Substitutions seen on real pages of the spinner family, aligned with their\n"
            f"# originals ({pages} pages; see PHRASEBOOK.md). Made by scripts/derive_observed.py.\n"
        )
        f.write("spun\toriginal\tcount\tpages\n")
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")
    print(f"{args.out}: {len(rows)} mappings from {pages} pages", file=sys.stderr)


if __name__ == "__main__":
    main()
