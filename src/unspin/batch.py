"""Batches for the command line: find the files, repair or score their chunks in worker
processes, and hand the results back in input order.

The main process reads, writes and reports; workers only compute. Work is a stream of
chunks (a small file is one chunk), so a directory of small files and one huge file are
parallelised the same way, and at most ``2 * jobs`` chunks are in flight at any time.
"""

from __future__ import annotations

import fnmatch
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .repairing import Config, Edit, Repairer


class UsageError(Exception):
    """A problem with the command line itself (exit status 2, nothing processed)."""


@dataclass(frozen=True)
class Source:
    """One input: ``path`` as opened (``-`` is stdin), ``name`` as reported."""

    path: str
    name: str
    size: int | None  # bytes, for the progress bar; None if unknown (stdin)
    relative: str  # the path below the directory it was found in (for --output-dir)

    @property
    def shown(self) -> str:
        """``name`` for messages, diff headers and listings (see :func:`quote_name`)."""
        return quote_name(self.name)


_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


def quote_name(name: str) -> str:
    """A file name as shown to people: as it is, unless it holds a character that is not
    printable (a line break would split a message or a diff header, a bidirectional
    override would reorder what is shown). Then it is quoted as git and patch quote
    names: in double quotes, with C escapes, and other such characters as the octal
    escapes of their UTF-8 bytes (an undecodable byte, kept by surrogateescape, as the
    escape of that byte)."""
    if name.isprintable() and not name.startswith('"'):
        return name
    out = []
    for c in name:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif c.isprintable():
            out.append(c)
        else:
            try:
                raw = c.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:  # a lone surrogate that is not an escaped byte
                raw = c.encode("utf-8", "surrogatepass")
            out.extend(f"\\{b:03o}" for b in raw)
    return '"' + "".join(out) + '"'


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def find_sources(
    paths: Sequence[str],
    globs: Sequence[str],
    *,
    exclude: str | None = None,
    leave_out: Sequence[str] = (),
) -> list[Source]:
    """The files named, and those below the directories named that match ``globs`` and
    not ``leave_out`` (hidden files and directories left out, sorted, symlinked directories
    not followed). ``exclude`` is a directory not to descend into (the output directory).
    A path that does not exist, and a directory holding no file to take, are a
    :class:`UsageError`."""
    sources: list[Source] = []
    skip = os.path.realpath(exclude) if exclude else None
    for path in paths:
        if path == "-":
            sources.append(Source("-", "-", None, "-"))
            continue
        if not os.path.lexists(path):
            raise UsageError(f"no such file or directory: {quote_name(path)}")
        if not os.path.isdir(path):
            sources.append(Source(path, path, _size(path), os.path.basename(path)))
            continue
        found = len(sources)
        for top, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".") and os.path.realpath(os.path.join(top, d)) != skip
            )
            for name in sorted(files):
                full = os.path.join(top, name)
                relative = os.path.relpath(full, path)
                # Regular files only: not a FIFO, a socket or a broken link.
                if (
                    not name.startswith(".")
                    and _matches(relative, globs)
                    and not (leave_out and _matches(relative, leave_out))
                    and os.path.isfile(full)
                ):
                    sources.append(Source(full, full, _size(full), relative))
        if len(sources) == found:  # most likely files of another kind: not "0 files read"
            patterns = " or ".join(globs)
            raise UsageError(
                f"no file in {quote_name(path)} matches {patterns} (hidden files are "
                "left out; --glob takes others)"
            )
    return sources


def _matches(relative: str, globs: Sequence[str]) -> bool:
    """A pattern with a slash matches the path below the directory, else the name."""
    relative = relative.replace(os.sep, "/")
    name = relative.rpartition("/")[2]
    return any(fnmatch.fnmatch(relative if "/" in g else name, g) for g in globs)


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


# --- work done in the worker processes ------------------------------------------------

_repairer: Repairer | None = None


def use_repairer(repairer: Repairer) -> None:
    """Set the repairer for work done in this process (and inherited by forked workers)."""
    global _repairer
    _repairer = repairer


class FixResult(NamedTuple):
    text: str | None  # the repaired chunk, when the caller needs it
    changed: bool
    count: int  # edits made
    edits: list[Edit] | None  # when the caller needs them (for --diff and --explain)


def fix_chunk(
    text: str, keep_text: bool, keep_edits: bool, before: str = "", after: str = ""
) -> FixResult:
    """Repair one chunk of a file; ``before`` and ``after`` are the text around it,
    read so that the chunk is decided as it would be in the whole file."""
    assert _repairer is not None
    if not keep_edits:  # a long text (a record) in bounded memory: its edits not kept
        repaired, count = _repairer._repair_counted(text, (before, after))
        return FixResult(repaired if keep_text else None, repaired != text, count, None)
    ex = _repairer.explain(text, declined=False, context=(before, after))
    changed = ex.text != text
    return FixResult(ex.text if keep_text else None, changed, len(ex.edits), ex.edits)


class Score(NamedTuple):
    score: float  # probability that the text was spun
    spin_rate: float  # estimated share of its spinnable words that were spun


def spin_score(text: str) -> Score:
    """How spun a text is: the one place ``unspin detect`` gets its figures from."""
    assert _repairer is not None
    found = _repairer.detect(text, paragraphs=False)
    return Score(found.score, found.spin_rate)


def _init_worker(config: Config, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the main process alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    if _repairer is None or _repairer.config != config:  # not inherited by fork
        use_repairer(Repairer(config))


def _die_with_parent(parent: int) -> None:
    """Workers of a main process killed with SIGKILL would otherwise finish their chunk
    and linger; on Linux the kernel can send them SIGTERM instead."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


# --- the main process's side ----------------------------------------------------------


class Item(NamedTuple):
    """A step of a batch: a call to make (in a worker) or a marker passed through."""

    owner: Any
    payload: Any
    call: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


class Runner:
    """Makes the calls of a stream of items, inline or in a process pool, and yields
    ``(item, result)`` in the order of the items, with a bounded number in flight.

    The pool starts with the second call: one small file never pays for it.
    """

    def __init__(self, jobs: int, config: Config) -> None:
        self.jobs = max(1, jobs)
        self.config = config
        self._pool: Any = None
        self._calls = 0

    def run(self, items: Iterable[Item]) -> Iterator[tuple[Item, Any]]:
        window: deque[tuple[Item, Any]] = deque()
        pending = 0
        for item in items:
            future = None
            if item.call is not None:
                fn, args = item.call
                if self.jobs == 1 or self._calls == 0:
                    self._calls += 1
                    window.append((item, _Done(fn(*args))))
                    if self._calls == 1:
                        _freeze()
                else:
                    future = self._submit(fn, args)
                    window.append((item, future))
                    pending += 1
            else:
                window.append((item, None))
            while window and (
                window[0][1] is None or isinstance(window[0][1], _Done) or pending > 2 * self.jobs
            ):
                head, result = window.popleft()
                if result is not None and not isinstance(result, _Done):
                    pending -= 1
                yield head, _result(result)
        while window:
            head, result = window.popleft()
            yield head, _result(result)

    def _submit(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        if self._pool is None:
            import multiprocessing

            if _repairer is not None:
                _repairer.repair(" ")  # compile before forking, so that workers share it
            # Keep the collector from touching (and so copying) the inherited objects.
            _freeze()
            from concurrent.futures import ProcessPoolExecutor

            # fork shares the compiled phrasebook and language model with the workers.
            method = "fork" if sys.platform.startswith("linux") else None
            self._pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=_init_worker,
                initargs=(self.config, os.getpid()),
            )
        self._calls += 1
        return self._pool.submit(fn, *args)

    def close(self, *, abort: bool = False) -> None:
        if self._pool is None:
            return
        if abort:  # do not wait for chunks nobody will read
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        self._pool.shutdown(wait=not abort, cancel_futures=True)
        self._pool = None


def _freeze() -> None:
    """Move every object the process holds into the collector's permanent generation:
    the compiled book (100,000 rules and entries, tuples the collector can never drop
    from its lists) and the language model, made by the first call, live as long as the
    command. Its full collections walked them all (15% of the time on clean documents run
    in one process, 5% on spun ones). The command owns its process; the library never
    does this to its caller's."""
    import gc

    gc.freeze()


class _Done(NamedTuple):
    value: Any


def _result(result: Any) -> Any:
    if result is None:
        return None
    if isinstance(result, _Done):
        return result.value
    return result.result()
