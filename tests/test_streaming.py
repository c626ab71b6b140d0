"""The command line's building blocks, in process: chunked decoding, the streamed
unified diff and the atomic file (the command itself is tested in test_cli.py)."""

from __future__ import annotations

import difflib
import errno
import io
import itertools
import os
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin import streaming
from unspin.diffs import UnifiedDiff
from unspin.streaming import AtomicFile, SkipFile, cut_point, iter_chunks

TEXT = st.text(alphabet=st.sampled_from("ab \n\r\t.é€😀\ufeff"), max_size=400)


@given(TEXT, st.integers(4, 60), st.integers(1, 9))
def test_chunks_join_to_the_text_and_end_at_the_best_boundary(text, size, block):
    streaming_block = streaming.BLOCK_BYTES
    streaming.BLOCK_BYTES = block  # multi-byte characters split across reads
    try:
        chunks = list(iter_chunks(io.BytesIO(text.encode()), max_chars=size))
    finally:
        streaming.BLOCK_BYTES = streaming_block
    assert "".join(chunks) == text
    assert all(0 < len(c) <= size for c in chunks)
    for chunk, rest in itertools.pairwise(chunks):
        window = (chunk + rest)[:size]
        if "\n" in window[1:]:  # a line break was there to cut at
            assert chunk.endswith("\n")


def test_cut_prefers_a_blank_line_then_a_line_break_then_a_space():
    assert cut_point("a" * 8 + "\n\n" + "b" * 20, 16) == 10  # paragraph in the second half
    assert cut_point("a" * 8 + "\r\n\r\n" + "b" * 20, 16) == 12
    assert cut_point("a\n\n" + "b" * 6 + "\nc" * 10, 16) == 16  # early paragraph: last line break
    assert cut_point("ab cd" + "e" * 20, 16) == 3  # no line break: after a space
    assert cut_point("e" * 40, 16) == 16


@pytest.mark.parametrize("block", [1, 3, 1 << 18])
def test_decode_errors_name_the_byte_and_line(block, monkeypatch):
    monkeypatch.setattr(streaming, "BLOCK_BYTES", block)
    data = "héllo\nwörld\n".encode() + b"ab\xffcd"
    with pytest.raises(SkipFile, match=r"not valid UTF-8 at byte 16 \(line 3\)"):
        list(iter_chunks(io.BytesIO(data), max_chars=4))
    # A truncated character at the very end is an error too.
    with pytest.raises(SkipFile, match="at byte 3 "):
        list(iter_chunks(io.BytesIO(b"abc\xe2\x82")))
    # surrogateescape keeps the bytes.
    text = "".join(iter_chunks(io.BytesIO(data), errors="surrogateescape", max_chars=4))
    assert text.encode("utf-8", "surrogateescape") == data


def test_nul_bytes_mean_binary_in_any_encoding():
    with pytest.raises(SkipFile, match="NUL byte at offset 2"):
        list(iter_chunks(io.BytesIO(b"ab\0cd")))
    with pytest.raises(SkipFile, match="binary"):
        list(iter_chunks(io.BytesIO("ab\0".encode("utf-16")), "utf-16"))
    assert "".join(iter_chunks(io.BytesIO("añb".encode("utf-16")), "utf-16")) == "añb"


def _reference_diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), "f", "f"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


@st.composite
def _edited(draw):
    """A text of numbered lines, non-overlapping edits (some across line breaks), and
    the points where it is fed to the diff in pieces."""
    n = draw(st.integers(0, 30))
    text = "".join(f"line {i}\n" for i in range(n)) + draw(st.sampled_from(["", "tail"]))
    points = sorted(draw(st.sets(st.integers(0, len(text)), max_size=12)))
    edits, pos = [], 0
    for a, b in zip(points[::2], points[1::2], strict=False):
        if a >= pos and b > a:
            edits.append((a, b, draw(st.sampled_from(["X", "", "Y\nZ", "\n"]))))
            pos = b
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=5)))
    return text, edits, cuts


@given(_edited(), st.integers(0, 4))
def test_streamed_diff_equals_difflib(case, context):
    text, edits, cuts = case
    new, pos = [], 0
    for a, b, after in edits:
        new += [text[pos:a], after]
        pos = b
    new = "".join([*new, text[pos:]])
    # A piece boundary never falls inside an edit (chunks are repaired on their own).
    cuts = [c for c in cuts if not any(a < c < b for a, b, _ in edits)]
    out: list[str] = []
    diff = UnifiedDiff(out.append, "f", "f", context=context)
    bounds = [0, *cuts, len(text)]
    for lo, hi in itertools.pairwise(bounds):
        diff.feed(text[lo:hi], [(a - lo, b - lo, x) for a, b, x in edits if lo <= a and b <= hi])
    diff.close()
    expected = difflib.unified_diff(
        text.splitlines(keepends=True), new.splitlines(keepends=True), "f", "f", n=context
    )
    expected = "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in expected
    )
    if "".join(out) != expected:
        # difflib may align a changed block differently (both are valid); then the
        # diff must still turn the old text into the new one.
        assert _patch(text, "".join(out)) == new
    else:
        assert "".join(out) == expected


def _patch(old: str, diff: str) -> str:
    """Apply a unified diff to ``old``, checking every context and removed line."""
    src = old.splitlines(keepends=True)
    body: list[list[str]] = []  # [tag, line]; "@" for a hunk header
    for line in diff.splitlines(keepends=True)[2:]:
        if line.startswith("\\"):
            body[-1][1] = body[-1][1].removesuffix("\n")  # that line had no newline
        else:
            body.append([line[0], line[1:]])
    out: list[str] = []
    pos = 0
    for tag, line in body:
        if tag == "@":
            start, _, length = line.split()[1][1:].partition(",")
            begin = int(start) if length == "0" else int(start) - 1
            out += src[pos:begin]
            pos = begin
        elif tag == "+":
            out.append(line)
        else:
            assert src[pos] == line
            pos += 1
            if tag == " ":
                out.append(line)
    return "".join(out + src[pos:])


def test_atomic_file_replaces_on_commit_and_leaves_the_target_on_discard(tmp_path):
    target = tmp_path / "t.txt"
    target.write_bytes(b"old")
    target.chmod(0o600)
    f = AtomicFile(str(target), 0o640)
    f.write(b"new")
    assert target.read_bytes() == b"old"
    [temp] = [p for p in tmp_path.iterdir() if p != target]
    assert temp.name.startswith(".t.txt.") and temp.name.endswith(".unspin-tmp")
    f.commit()
    streaming.sync_directories()
    assert not AtomicFile.unsynced
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["t.txt"]
    g = AtomicFile(str(target), 0o600)
    g.write(b"newer")
    g.discard()
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["t.txt"]
    assert not AtomicFile.live


def test_stale_temporary_files_of_the_target_are_removed_and_nothing_else(tmp_path):
    """A killed run leaves ``.NAME.XXXXXXXX.unspin-tmp``: writing NAME again removes it
    once it is an hour old; a fresh one (a run under way), another file's, or anything
    not named exactly so stays."""
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    old = time.time() - 2 * streaming.STALE_SECONDS
    names = {
        ".a.txt.k3_9zq0x.unspin-tmp": True,  # stale, ours: removed
        ".a.txt.abcdefgh.unspin-tmp": False,  # fresh: a run may be writing it
        ".b.txt.k3_9zq0x.unspin-tmp": True,  # stale, but another target's
        ".a.txt.short.unspin-tmp": True,  # not mkstemp's eight characters
        ".a.txt.k3_9zq0x.unspin-tmp.bak": True,
        "a.txt.k3_9zq0x.unspin-tmp": True,  # not hidden
        ".a.txt.ABCDEFGH.unspin-tmp": True,  # mkstemp writes lower case
    }
    for name, stale in names.items():
        (tmp_path / name).write_bytes(b"partial")
        if stale:
            os.utime(tmp_path / name, (old, old))
    (tmp_path / ".a.txt.zzzzzzzz.unspin-tmp").mkdir()  # not a regular file
    os.utime(tmp_path / ".a.txt.zzzzzzzz.unspin-tmp", (old, old))
    link = tmp_path / ".a.txt.linklink.unspin-tmp"
    link.symlink_to(tmp_path / ".b.txt.k3_9zq0x.unspin-tmp")
    os.utime(link, (old, old), follow_symlinks=False)
    f = AtomicFile(str(target), 0o644)
    f.write(b"new")
    f.commit()
    left = sorted(p.name for p in tmp_path.iterdir())
    expected = {*names, ".a.txt.zzzzzzzz.unspin-tmp", link.name, "a.txt"}
    assert left == sorted(expected - {".a.txt.k3_9zq0x.unspin-tmp"})
    assert target.read_bytes() == b"new"


def test_discard_after_a_failed_write_raises_nothing_and_removes_the_file(tmp_path):
    """On a full disk the close in discard() flushes the buffer and fails again: the
    error was already reported by the write, and the temporary file must still go."""

    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    f = AtomicFile(str(tmp_path / "t.txt"), 0o644)
    f._file.close()
    f._file = io.BufferedWriter(Full())
    f.write(b"x" * 100)  # buffered
    with pytest.raises(OSError, match="No space left"):
        f.write(b"x" * 10_000)
    f.discard()
    assert os.listdir(tmp_path) == [] and not AtomicFile.live


def _nonblank(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.strip())


@given(
    st.lists(st.sampled_from(["", "a b.", "word"]), max_size=60),
    st.lists(st.integers(1, 5), min_size=1, max_size=30),
    st.integers(1, 8),
)
def test_each_chunk_gets_its_lines_of_context_however_short_the_chunks(lines, sizes, want):
    """Chunks cut at line breaks, some far shorter than the context: each chunk gets up
    to ``want`` non-blank lines on either side, read from as many chunks as needed."""
    text_lines = [line + "\n" for line in lines]
    chunks, pos = [], 0
    for size in itertools.cycle(sizes):
        if pos >= len(text_lines):
            break
        chunks.append("".join(text_lines[pos : pos + size]))
        pos += size
    text = "".join(chunks)
    offset = 0
    for (before, chunk, after), expected in zip(
        streaming.with_context(iter(chunks), want), chunks, strict=True
    ):
        assert chunk == expected
        assert text[offset - len(before) : offset] == before
        assert text[offset + len(chunk) :].startswith(after)
        assert _nonblank(before) == min(want, _nonblank(text[:offset]))
        assert _nonblank(after) == min(want, _nonblank(text[offset + len(chunk) :]))
        offset += len(chunk)


def test_context_read_ahead_stops_at_its_character_bound(monkeypatch):
    """A text of long lines: the read-ahead holds about CONTEXT_CHARS, not 50 lines."""
    monkeypatch.setattr(streaming, "CONTEXT_CHARS", 100)
    chunks = ["x" * 60 + "\n"] * 40
    read = []

    def source():
        for chunk in chunks:
            read.append(chunk)
            yield chunk

    first = next(streaming.with_context(source(), 50))
    assert first[1] == chunks[0]
    assert len(read) == 3  # the chunk and two ahead: 122 characters
    assert len(first[2]) == 122
