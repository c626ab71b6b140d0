"""The caches a start reads: the compiled-book file (unspin.cache, unspin.packed) and
the word-frequency table (unspin.frequencies). Each must give exactly what it stands
for, and a damaged or stale file must be built anew, never fail a run."""

from __future__ import annotations

import functools
import itertools
import random
import string
from importlib import metadata

import pytest
import wordfreq

from unspin import books, cache, compounds, frequencies, packed
from unspin.matching import Matcher
from unspin.phrasebook import Entry
from unspin.repairing import _shared_model
from unspin.rules import Traits, compile_rules, traits

ENTRIES = [
    Entry("center east", "Middle East", "seed", "book.tsv", 2, 0.95),
    Entry("chinese language", "Chinese", "seed", "book.tsv", 3, 0.9),
    Entry("officers", "officials", "broad", "book.tsv", 4, 0.4),
    Entry("mentioned", "said", "broad", "book.tsv", 5, 0.6, 0.35),
    Entry("counterfeit consciousness", "artificial intelligence", "tortured", "b.tsv", 6, 0.9),
    Entry("12 months", "year", "seed", "book.tsv", 7, 0.3),
    Entry("nation’s", "country’s", "seed", "book.tsv", 8, 0.5),
    Entry("naïve", "innocent", "seed", "b\udcff.tsv", 9, 0.25),  # any str reads back
]
TEXT = (
    "Chinese language officers mentioned that the nation’s 12 months of counterfeit "
    "consciousness research within the Center East ended; center east officers' views."
)


def small_book() -> packed.Book:
    rules = compile_rules(ENTRIES, True, _shared_model())
    return packed.Book(ENTRIES, rules.rules, Matcher(rules.rule_keys, rules.original_keys))


def _plain(t: Traits) -> tuple[list, ...]:
    """Traits as lists (a packed book's flags are bytes of 0 and 1, its priors an array)."""
    flags = [list(map(bool, f)) for f in (t.proper, t.numeric, t.fingerprint, t.letter)]
    return (*flags, [float(p) for p in t.prior], list(t.source))


def test_a_packed_book_reads_back_as_the_book_it_packed():
    book = small_book()
    assert any(r.articled for r in book.rules)  # "a counterfeit consciousness"
    back = packed.unpack(packed.pack(book))
    assert list(back.entries) == list(book.entries)
    assert list(back.rules) == list(book.rules)
    assert back.rules[-1] == book.rules[-1] and back.entries[1:3] == book.entries[1:3]
    assert _plain(traits(back.rules)) == _plain(traits(book.rules))
    sources = traits(back.rules).source
    assert sources[-1] == book.rules[-1].entry.source
    assert sources[1:3] == [r.entry.source for r in book.rules[1:3]]
    assert back.matcher.find(TEXT) == book.matcher.find(TEXT)
    # Each rule's entry is the book's entry itself, as in a compiled book.
    assert all(any(r.entry is e for e in back.entries) for r in back.rules)
    with pytest.raises(IndexError):
        back.rules[len(book.rules)]


def test_a_damaged_packed_book_is_an_error():
    data = packed.pack(small_book())
    for bad in (data[:-1], data[: len(data) // 2], b"junk" + data[4:], data + b"\0"):
        with pytest.raises(ValueError):
            packed.unpack(bad)


def test_a_book_the_columns_cannot_hold_is_not_packed():
    book = small_book()
    odd = [*ENTRIES[:-1], ENTRIES[-1]._replace(prior=1)]  # an int prior would read back 1.0
    with pytest.raises(ValueError):
        packed.pack(book._replace(entries=odd))


def test_a_damaged_or_stale_file_is_built_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(tmp_path))
    builds = []

    def build() -> packed.Book:
        builds.append(1)
        return small_book()

    def get(digest: str) -> packed.Book:
        return cache.cached("book", digest, build, packed.unpack, packed.pack)

    first = get("a" * 24)
    (path,) = tmp_path.glob("book-*")
    assert list(get("a" * 24).rules) == list(first.rules) and len(builds) == 1
    good = path.read_bytes()
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 1  # a bit the columns' own checks could not see
    for damage in (b"", b"garbage", good[:-7], bytes(flipped)):
        path.write_bytes(damage)
        again = get("a" * 24)
        assert list(again.rules) == list(first.rules) and again.matcher.find(TEXT)
        assert path.read_bytes() != damage  # replaced by a good one
        assert list(packed.unpack(cache._checked(path.read_bytes())).rules) == list(first.rules)
    assert len(builds) == 5
    count = len(builds)
    get("b" * 24)  # another digest (the books or the code changed): built, the old file gone
    assert len(builds) == count + 1
    assert [p.name for p in tmp_path.glob("book-*")] == ["book-" + "b" * 24 + ".bin"]


def test_a_users_book_alone_is_kept_between_runs(tmp_path, monkeypatch):
    # A user's whole table loaded alone compiles for seconds: a start reads it back.
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(tmp_path))
    builds = []
    real = books._build
    monkeypatch.setattr(books, "_build", lambda *a: builds.append(1) or real(*a))
    for _ in range(2):
        monkeypatch.setattr(books, "_books", {})  # a new process
        book = books.compiled(False, [ENTRIES], False, _shared_model())
        assert [r.words for r in book.rules] == [r.words for r in small_book().rules]
        assert book.matcher.find(TEXT)[0]
    assert len(builds) == 1
    assert len(list(tmp_path.glob("phrasebook-user-*"))) == 1


def test_a_pickled_value_is_kept_and_a_damaged_one_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(tmp_path))
    builds = []

    def build() -> dict[str, float]:
        builds.append(1)
        return {"a": 0.1}

    assert cache.cached("value", "d" * 24, build) == {"a": 0.1}
    assert cache.cached("value", "d" * 24, build) == {"a": 0.1} and len(builds) == 1
    (path,) = tmp_path.glob("value-*.pickle")
    path.write_bytes(path.read_bytes()[:-1])
    assert cache.cached("value", "d" * 24, build) == {"a": 0.1} and len(builds) == 2


def test_a_value_the_format_cannot_hold_runs_without_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSPIN_CACHE_DIR", str(tmp_path))
    odd = small_book()._replace(entries=[*ENTRIES[:-1], ENTRIES[-1]._replace(line=True)])
    found = cache.cached("book", "c" * 24, lambda: odd, packed.unpack, packed.pack)
    assert found is odd and not list(tmp_path.glob("book-*"))


def test_the_key_holds_the_installed_libraries():
    for library in ("wordfreq", "regex", "pyahocorasick"):
        assert metadata.version(library) in cache._installed(library)


def _words() -> list[str]:
    listed = wordfreq.get_frequency_dict("en")
    rng = random.Random(17)
    sample = rng.sample(sorted(listed), 1000)
    odd = [w for w in itertools.islice(listed, 200_000) if not frequencies.simple(w)]
    sample += rng.sample(odd, 300)
    letters = string.ascii_lowercase
    absent = ["".join(rng.choices(letters, k=rng.randint(1, 14))) for _ in range(300)]
    others = ["it's", "don’t", "Middle", "e-mail", "3", "1990s", "café", "", "x y", "\udcff"]
    return sample + absent + others


@functools.cache
def _table() -> bytes:
    return frequencies.build()


def _wordfreqs(word: str) -> tuple[float, float]:
    """What wordfreq itself says of ``word``: its frequency and Zipf frequency."""
    return wordfreq.word_frequency(word, "en"), wordfreq.zipf_frequency(word, "en")


def _ours(word: str) -> tuple[float, float]:
    """What unspin.frequencies says of ``word``, as :func:`_wordfreqs`."""
    return frequencies.word_frequency(word), frequencies.zipf_frequency(word)


def test_frequencies_are_wordfreqs():
    table = frequencies.Table(_table())
    for word in _words():
        expected = _wordfreqs(word)
        found = table.value(word)
        assert found is None or found == expected, word
        assert _ours(word) == expected, word


#: Words the table does not answer, as a text's tokens give them: hyphens, digits
#: (years, amounts, scores), apostrophes, other letters, markup residue.
COMPOUNDS = [
    "low-cost", "year-over-year", "2025", "1941", "58", "5-4", "82-18", "6.7", "six.7%",
    "12,000", "1000's", "1990s", "131st", "f1's", "{dollars}", "x-rays", "o'keefe",
    "O’Keefe", "covid-19", "über-cool", "naïve", "l'arc", "2024-2025", "007", "--", "'",
    "hello-", "-x", "1" * 30, "1" * 400, "low-zzqqx", "Middle-East", "radisson's",
    "employees'", "kids'", "it's", "zzqqx's", "8-year-old", "3rd-and-6", "4-nanometer",
]  # fmt: skip


def test_words_outside_the_table_are_wordfreqs_without_its_list(monkeypatch):
    """With a table, a word it does not answer is computed as wordfreq computes it, its
    tokens looked up in the table's bands instead of wordfreq's list."""
    monkeypatch.setattr(frequencies, "_table", frequencies.Table(_table()))
    monkeypatch.setattr(frequencies, "_loaded", True)
    rng = random.Random(23)
    listed = sorted(wordfreq.get_frequency_dict("en"))
    alphabet = string.ascii_lowercase + string.digits + "-'.,’ é$%"
    words = COMPOUNDS + ["-".join(rng.sample(listed, rng.randint(2, 3))) for _ in range(300)]
    words += ["".join(rng.choices(alphabet, k=rng.randint(1, 10))) for _ in range(2000)]
    for word in words:
        assert _ours(word) == _wordfreqs(word), word


def test_plain_words_are_computed_as_the_installed_wordfreq_computes_them(monkeypatch):
    """The table's build found that unspin.compounds reads plain words as the installed
    wordfreq does (so wordfreq is not imported for them); their tokens are wordfreq's."""
    table = frequencies.Table(_table())
    assert table.plain
    rng = random.Random(29)
    alphabet = string.ascii_lowercase[:6] + string.digits[:4] + "-'"
    words = ["".join(rng.choices(alphabet, k=rng.randint(1, 9))) for _ in range(3000)]
    plain = [w for w in words if compounds.tokens(w) is not None]
    assert len(plain) > 1000
    for word in plain:
        assert compounds.tokens(word) == wordfreq.lossy_tokenize(word, "en"), word
    # A table whose build found otherwise asks wordfreq: the same answers.
    off = frequencies.Table(_table())
    off.plain = False
    monkeypatch.setattr(frequencies, "_loaded", True)
    for t in (table, off):
        monkeypatch.setattr(frequencies, "_table", t)
        for word in plain[:300] + COMPOUNDS:
            assert _ours(word) == _wordfreqs(word), word


def test_a_damaged_frequency_table_is_an_error():
    data = _table()
    for bad in (data[:-1], data[:100], b"junk" + data[4:], data + b"x"):
        with pytest.raises(ValueError):
            frequencies.Table(bad)


def test_the_key_holds_every_module_a_book_is_compiled_with():
    """A compiled book depends on the modules that compile it and on those they import
    (the language model's, the vetting rules' function words): each is in the key, so
    that a change to any of them builds the book anew."""
    import ast
    from pathlib import Path

    here = Path(cache.__file__).parent

    def imported(name: str) -> set[str]:
        found = set()
        for node in ast.walk(ast.parse((here / name).read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                found |= {f"{n.split('.')[0]}.py" for n in names}
        return {n for n in found if (here / n).exists()}

    seen: set[str] = set()
    todo = ["books.py", "cache.py"]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(imported(name))
    assert seen <= set(cache._SOURCES)
    assert "data/function-words.txt" in cache._SOURCES
