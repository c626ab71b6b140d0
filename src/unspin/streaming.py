"""Files in bounded memory: read text in chunks cut between paragraphs, write atomically.

``iter_chunks`` decodes a byte stream incrementally and yields pieces of at most
``max_chars`` characters, cut after a blank line where possible, else after a line
break, else (a line longer than a chunk) after a space. Nothing is translated: line
endings, a byte-order mark and every other character come out exactly as they went in,
so ``"".join(iter_chunks(f, ...))`` is the file's whole text.

``AtomicFile`` writes beside its target under a recognisable temporary name, then
flushes, fsyncs and renames it over the target in one step: whoever reads the target,
whenever, sees the old file or the complete new one, never a truncated mix. A temporary
file left by a killed run is removed when its target is next written, once it is stale.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from . import rates

#: Characters per chunk. Repair holds ~70 bytes per character of spun text while it
#: works (candidates, lattices, decisions), so 1 MiB keeps a worker near 150 MB.
CHUNK_CHARS = 1 << 20
#: Bytes read at a time.
BLOCK_BYTES = 1 << 18
#: Temporary files are named ``.NAME.XXXXXXXX.unspin-tmp`` beside their target.
TEMP_SUFFIX = ".unspin-tmp"
#: A temporary file untouched for this long was left by a run that was killed (a live
#: run writes to its file chunk by chunk): it is removed when its target is written.
STALE_SECONDS = 3600

# ``.NAME.XXXXXXXX.unspin-tmp``, XXXXXXXX being mkstemp's eight random characters.
_TEMP_NAME = re.compile(r"\.(.+)\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"\Z", re.S)

_SPACES = (" ", "\t", "\r", "\f", "\v", "\u00a0", "\u3000")


class SkipFile(Exception):
    """The file cannot be processed as text (binary, or not in the expected encoding)."""


def ascii_compatible(encoding: str) -> bool:
    """Whether NUL and newline are single bytes in ``encoding`` (then a NUL byte means
    binary data, whatever the decoder would make of it)."""
    try:
        return "\0\n".encode(encoding) == b"\0\n"
    except (LookupError, UnicodeError):
        return False


def iter_chunks(
    stream: BinaryIO,
    encoding: str = "utf-8",
    errors: str = "strict",
    max_chars: int = CHUNK_CHARS,
) -> Iterator[str]:
    """Decode ``stream`` and yield its text in chunks of at most ``max_chars`` characters.

    Raises :class:`SkipFile` on a NUL byte (binary data) or on bytes that do not decode,
    naming the byte offset and line; chunks before that point have been yielded.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    check_bytes = ascii_compatible(encoding)
    consumed = 0  # bytes fed to the decoder so far
    newlines = 0  # line breaks in the text decoded so far (for error messages)
    buf = ""
    while True:
        block = stream.read(BLOCK_BYTES)
        final = not block
        if check_bytes and (nul := block.find(b"\0")) >= 0:
            raise SkipFile(f"binary file (NUL byte at offset {consumed + nul})")
        pending = _pending_bytes(decoder)
        try:
            text = decoder.decode(block, final)
        except UnicodeDecodeError as exc:
            raise SkipFile(_decode_error(exc, consumed - len(pending), newlines)) from None
        # A decoder's own check ("UTF-16 stream does not start with BOM").
        except UnicodeError as exc:
            raise SkipFile(f"not {encoding} text: {exc}") from None
        if not check_bytes and "\0" in text:
            raise SkipFile("binary file (NUL character)")
        consumed += len(block)
        newlines += text.count("\n")
        buf = buf + text if buf else text
        while len(buf) > max_chars:
            cut = cut_point(buf, max_chars)
            yield buf[:cut]
            buf = buf[cut:]
        if final:
            break
    if buf:
        yield buf


#: Lines of context given with each chunk on either side, and of long lines as many
#: regions: enough regions for every decision in the chunk to be the one made on the
#: whole text (unspin.rates.WINDOW regions for a region's posterior, and as many again
#: for the evidence it weighs).
CONTEXT_LINES = 50
#: Chunks are read ahead for those lines until they hold this many characters (a text
#: of very long lines: the context stays bounded, as its regions are).
CONTEXT_CHARS = 1 << 18


def with_context(
    chunks: Iterator[str], lines: int = CONTEXT_LINES
) -> Iterator[tuple[str, str, str]]:
    """``(before, chunk, after)`` for each chunk: up to ``lines`` non-blank lines of the
    text before it and after it (whole lines, as chunks are cut at line breaks; of long
    lines, ``lines`` regions: see :func:`context_before`), so that a repair of ``before
    + chunk + after`` decides the chunk as a repair of the whole text would. Chunks are
    read ahead as far as those lines reach (short chunks: several of them), or
    :data:`CONTEXT_CHARS`."""
    before = ""
    ahead: deque[str] = deque()
    finished = False
    while True:
        if not ahead:
            current = next(chunks, None)
            if current is None:
                return
            ahead.append(current)
        # Read ahead until the chunks after the current one hold enough lines.
        while not finished and not _enough(ahead, lines):
            following = next(chunks, None)
            if following is None:
                finished = True
            else:
                ahead.append(following)
        current = ahead.popleft()
        after = context_after("".join(ahead), lines)
        yield before, current, after
        before = context_before(before + current, lines)


def segments(
    text: str, max_chars: int, context: tuple[str, str] = ("", "")
) -> Iterator[tuple[int, str, str, str]]:
    """``(offset, before, segment, after)`` for each piece of ``text``: cut as
    :func:`iter_chunks` cuts a file holding ``text``, with the context
    :func:`with_context` gives it there; ``context`` is the text around ``text`` itself
    (joined on where a piece's context reaches an end of ``text``)."""
    outer_before, outer_after = context
    offset = 0
    for before, segment, after in with_context(_cut(text, max_chars)):
        if outer_before and len(before) == offset:  # all of text before the segment
            before = context_before(outer_before + before, CONTEXT_LINES)
        if outer_after and offset + len(segment) + len(after) == len(text):
            after = context_after(after + outer_after, CONTEXT_LINES)
        yield offset, before, segment, after
        offset += len(segment)


def _cut(text: str, max_chars: int) -> Iterator[str]:
    """``text`` in the chunks :func:`iter_chunks` would read it in (no copy of the rest:
    :func:`cut_point` looks at the first ``max_chars`` characters only)."""
    pos = 0
    while len(text) - pos > max_chars:
        end = pos + cut_point(text[pos : pos + max_chars], max_chars)
        yield text[pos:end]
        pos = end
    if pos < len(text):
        yield text[pos:]


def context_before(text: str, lines: int = CONTEXT_LINES) -> str:
    """The context :func:`with_context` keeps from ``text`` (which starts where a region
    does): its last ``lines`` non-blank lines, and of long lines its last ``lines``
    regions (:func:`unspin.rates.regions`), so that one long line does not make all of
    it context. A region's boundaries depend on where its line starts, so the cut is at
    one of the whole text's own region starts (those of ``text``, all but the last few
    within a line that goes on after it)."""
    text = _tail_lines(text, lines)
    spans = rates.regions(text)
    return text[spans[-lines][0] :] if len(spans) > lines else text


def context_after(text: str, lines: int = CONTEXT_LINES) -> str:
    """The context :func:`with_context` gives from ``text``: its first ``lines``
    non-blank lines, and of long lines its first ``lines`` regions."""
    text = _head_lines(text, lines)
    spans = rates.regions(text)
    return text[: spans[lines][0]] if len(spans) > lines else text


def _enough(chunks: deque[str], lines: int) -> bool:
    """Whether the chunks after the first hold ``lines`` non-blank lines or
    :data:`CONTEXT_CHARS` characters."""
    found = chars = 0
    for k, chunk in enumerate(chunks):
        if k:
            chars += len(chunk)
            if chars >= CONTEXT_CHARS:
                return True
            found += sum(1 for line in chunk.split("\n") if line.strip())
            if found >= lines:
                return True
    return False


def _tail_lines(text: str, lines: int) -> str:
    """The end of ``text`` from the start of its ``lines``-th non-blank line from the
    end (all of it if it has fewer)."""
    pos = len(text)
    found = 0
    while pos > 0:
        start = text.rfind("\n", 0, pos - 1) + 1
        if text[start:pos].strip():
            found += 1
            if found == lines:
                return text[start:]
        pos = start
    return text


def _head_lines(text: str, lines: int) -> str:
    """The start of ``text`` up to the end of its ``lines``-th non-blank line."""
    pos = 0
    found = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        if text[pos:end].strip():
            found += 1
            if found == lines:
                return text[:end]
        pos = end
    return text


def _pending_bytes(decoder: codecs.IncrementalDecoder) -> bytes:
    try:
        state = decoder.getstate()
    except (AttributeError, NotImplementedError):  # a decoder that buffers nothing
        return b""
    return state[0] if isinstance(state[0], bytes) else b""


def _decode_error(exc: UnicodeDecodeError, base: int, newlines: int) -> str:
    """ "not valid UTF-8 at byte 1234 (line 5)": ``exc.start`` is relative to the bytes
    the decoder held (``base`` is where they start in the file)."""
    line = newlines + exc.object[: exc.start].count(b"\n") + 1
    name = codecs.lookup(exc.encoding).name.replace("utf-", "UTF-")
    return f"not valid {name} at byte {base + exc.start} (line {line})"


def cut_point(buf: str, max_chars: int) -> int:
    """Where the next chunk of ``buf`` ends: after the last blank line in the second half
    of the window, else after the last line break, else after the last space, else at
    ``max_chars`` (a run of that many characters without a space cannot be a phrase)."""
    half = max_chars // 2
    cut = -1
    if (i := buf.rfind("\n\n", half, max_chars)) >= 0:
        cut = i + 2
    if (i := buf.rfind("\n\r\n", half, max_chars)) >= 0:
        cut = max(cut, i + 3)
    if cut > 0:
        return cut
    cut = buf.rfind("\n", 0, max_chars) + 1
    if cut > 0:
        return cut
    cut = max(buf.rfind(c, 0, max_chars) for c in _SPACES) + 1
    return cut if cut > 0 else max_chars


class AtomicFile:
    """A binary file that replaces ``target`` only when :meth:`commit` is called.

    The temporary file lives in the target's directory (a rename across file systems
    is not atomic) and takes ``mode`` (the original file's permission bits, for an
    in-place rewrite) and, where allowed, the original owner. :meth:`discard` removes
    it. A process killed with SIGKILL between creation and commit leaves the temporary
    file behind under its recognisable name, and the target untouched.
    """

    #: Temporary files not yet committed or discarded (removed on SIGTERM and Ctrl-C).
    live: ClassVar[set[str]] = set()
    #: Directories with renames not yet fsynced.
    unsynced: ClassVar[set[str]] = set()

    def __init__(self, target: str, mode: int, owner: tuple[int, int] | None = None) -> None:
        self.target = target
        directory, name = os.path.split(target)
        remove_stale(directory or ".", name)
        fd, self.temp = tempfile.mkstemp(
            prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=directory or "."
        )
        AtomicFile.live.add(self.temp)
        try:
            os.chmod(self.temp, mode)  # mkstemp made it 0o600
            if owner is not None and hasattr(os, "fchown"):
                # Not allowed (not root, not our file): the new file is ours instead.
                with contextlib.suppress(OSError):
                    os.fchown(fd, *owner)
        except BaseException:
            os.close(fd)
            self.discard()
            raise
        self._file = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self._file.write(data)

    def commit(self) -> None:
        """Make the written bytes durable, then rename them over the target; call
        :func:`sync_directories` after the last commit."""
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self.temp, self.target)
        except BaseException:
            self.discard()
            raise
        AtomicFile.live.discard(self.temp)
        # The rename is made durable by fsyncing the directory, once per batch (see
        # sync_directories): the old-or-new guarantee does not depend on it.
        AtomicFile.unsynced.add(os.path.dirname(self.target) or ".")

    def discard(self) -> None:
        """Remove the temporary file; the target is left as it was. Raises no OSError:
        it runs in error handlers, and on a full disk closing flushes the buffer and fails
        again (the descriptor is closed all the same)."""
        try:
            if not self._closed():
                with contextlib.suppress(OSError):
                    self._file.close()
        finally:
            remove_temp(self.temp)

    def _closed(self) -> bool:
        file = getattr(self, "_file", None)
        return file is None or file.closed


def remove_temp(path: str) -> None:
    AtomicFile.live.discard(path)
    with contextlib.suppress(OSError):  # gone already, or beyond our reach: nothing to do
        os.unlink(path)


# Directory -> {target name: its temporary files' names}, filled by one listing of the
# directory the first time something in it is written (not one listing per file).
_leftovers: dict[str, dict[str, list[str]]] = {}


def remove_stale(directory: str, name: str) -> list[str]:
    """Remove the temporary files a killed run left for ``directory/name``: files named
    exactly ``.NAME.XXXXXXXX.unspin-tmp``, regular, ours, and untouched for
    :data:`STALE_SECONDS`; anything else is left alone. Returns the paths removed."""
    found = _leftovers.get(directory)
    if found is None:
        found = _leftovers[directory] = {}
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(TEMP_SUFFIX) and (m := _TEMP_NAME.match(entry.name)):
                    found.setdefault(m.group(1), []).append(entry.name)
    removed = []
    now = time.time()
    for temp in found.pop(name, []):
        path = os.path.join(directory, temp)
        try:
            st = os.lstat(path)
            if (
                stat.S_ISREG(st.st_mode)
                and st.st_uid == _euid()
                and now - st.st_mtime > STALE_SECONDS
                and path not in AtomicFile.live
            ):
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed


def _euid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0  # no owners to tell apart


def sync_directories() -> None:
    """Make the renames of committed files durable (where the platform allows opening a
    directory); a directory fsync costs milliseconds, so it is done once per directory."""
    while AtomicFile.unsynced:
        directory = AtomicFile.unsynced.pop()
        try:
            fd = os.open(directory, os.O_RDONLY)
        except OSError:
            continue
        try:
            with contextlib.suppress(OSError):
                os.fsync(fd)
        finally:
            os.close(fd)


def permission_bits(st: os.stat_result) -> int:
    return stat.S_IMODE(st.st_mode)


def default_mode() -> int:
    """The mode ``open()`` would give a new file (0o666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
