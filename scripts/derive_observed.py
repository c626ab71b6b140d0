"""Derive ``scripts/data/observed.tsv``: the substitutions seen on real spun pages.

Input: aligned pairs of real spun pages and their originals (``NAME.spun.txt`` and
``NAME.orig.txt`` in the folders given). The pages themselves are copyrighted news and
stay out of the repository; what is kept is the table of general mappings the spinner
made on them (word or phrase -> word or phrase, with how often and on how many pages),
learned with :func:`unspin.learning.learn` and cleaned of alignment noise:

- both sides of at most ``MAX_WORDS`` words, neither side more than three times as long;
- no article alone on either side, and no side that is the other with words added ("a
  brand" for "a", "where the" for "the"): differences of the copy, not of the spinner
  (which leaves articles as they were); the habits cover "Chinese language";
- a function word standing for another function word only if seen three times or more
  ("within" for "in", "on" for "at"; a "for" for "of" seen twice is a copy's);
- originals lowercased where the word is an ordinary one (a title's "City" stands for
  "city": the case is carried over from the spun text), names kept as written.

Run: ``python scripts/derive_observed.py DIR [DIR ...]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lexicon import function_words  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from unspin.learning import learn  # noqa: E402
from unspin.tokenizing import WORD_RE  # noqa: E402

OUT = ROOT / "scripts" / "data" / "observed.tsv"
MAX_WORDS = 4
FUNCTION = function_words()


def _words(phrase: str) -> list[str]:
    return WORD_RE.findall(phrase)


def _function(phrase: str) -> bool:
    return all(w.lower() in FUNCTION for w in _words(phrase))


def _contains(spun: str, original: str) -> bool:
    """Whether one side's words are the other's with words added ("a brand" for "a"):
    usually a difference of the copy, not of the spinner."""
    a = [w.lower() for w in _words(spun)]
    b = [w.lower() for w in _words(original)]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return all(w in long for w in short)


def _article(phrase: str) -> bool:
    """An article alone: the spinner leaves articles as they were ("a accountable"), so
    "an" for "a" is a difference of the copy."""
    return phrase.lower() in ("a", "an", "the")


def _spelling(original: str) -> str:
    words = _words(original)
    if len(words) == 1 and zipf_frequency(original.lower(), "en") >= 3.0:
        return original.lower() if not original.isupper() else original
    return original


def derive(folders: list[Path]) -> list[tuple[str, str, int, int]]:
    seen: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for folder in folders:
        for spun_path in sorted(folder.glob("*.spun.txt")):
            orig_path = spun_path.with_name(spun_path.name.replace(".spun.", ".orig."))
            pair = (orig_path.read_text(encoding="utf-8"), spun_path.read_text(encoding="utf-8"))
            for entry in learn([pair]):
                count = int(entry.source.split(":")[1])
                ws, wo = _words(entry.spun), _words(entry.original)
                if not ws or not wo or len(ws) > MAX_WORDS or len(wo) > MAX_WORDS:
                    continue
                if max(len(ws), len(wo)) > 3 * min(len(ws), len(wo)):
                    continue
                key = (entry.spun.lower(), _spelling(entry.original))
                if key[0] == key[1].lower():
                    continue
                seen[key][0] += count
                seen[key][1] += 1
    out = []
    for (spun, original), (count, pages) in sorted(seen.items()):
        if _contains(spun, original) or _article(spun) or _article(original):
            continue
        if count < 3 and _function(spun) and _function(original):
            continue
        out.append((spun, original, count, pages))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args()
    rows = derive(args.folders)
    pages = sum(len(list(f.glob("*.spun.txt"))) for f in args.folders)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(
            "# Substitutions seen on real pages of the spinner family, aligned with their\n"
            f"# originals ({pages} pages; see PHRASEBOOK.md). Made by scripts/derive_observed.py.\n"
        )
        f.write("spun\toriginal\tcount\tpages\n")
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")
    print(f"{OUT}: {len(rows)} mappings from {pages} pages", file=sys.stderr)


if __name__ == "__main__":
    main()
