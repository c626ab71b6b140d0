"""Compiled data kept between runs, so that a process starts in a fraction of a second
instead of compiling tens of thousands of phrasebook entries (:mod:`unspin.packed`) or
reading wordfreq's English list (:mod:`unspin.frequencies`).

The cache lives in ``$UNSPIN_CACHE_DIR``, else ``$XDG_CACHE_HOME/unspin``, else
``~/.cache/unspin`` (``UNSPIN_CACHE_DIR=""`` turns it off). A file's name carries a
hash of everything its content depends on (the phrasebook's bytes, the source of the
modules that compile it, the language model's tables, the versions of Python and of
the libraries involved), so a stale file is never read; it is written atomically (a
temporary file renamed over) with a checksum, a damaged one is built anew, and where
the folder cannot be written the value is simply not kept.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_SOURCES = (
    "acronyms.py",
    "backoff.py",
    "books.py",
    "cache.py",
    "collector.py",
    "compounds.py",
    "frequencies.py",
    "language_model.py",
    "matching.py",
    "ngrams.py",
    "packed.py",
    "phrasebook.py",
    "rules.py",
    "tokenizing.py",
    "trigrams.py",
    "vetting.py",
    "data/function-words.txt",  # read by rules and the language model (vetting.py)
)
# The language model's tables, by size and time (hashing 15 MB would cost a start).
_DATA = ("ngrams.bin", "backoff.bin")
_LIBRARIES = ("pyahocorasick", "wordfreq", "regex")


def folder() -> Path | None:
    """Where compiled books are kept, or None if caching is off."""
    configured = os.environ.get("UNSPIN_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "unspin"


def key(parts: Iterable[bytes]) -> str:
    """A hash of ``parts`` and of this package's compiling code and libraries."""
    h = _base().copy()
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:24]


@functools.cache
def _base() -> hashlib._Hash:
    """The hash of this package's compiling code, data and libraries: the same for every
    key of a process (a start asks for two, and listing site-packages costs)."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _SOURCES:
        h.update((here / name).read_bytes())
    for name in _DATA:
        stat = (here / "data" / name).stat()
        h.update(f"{name} {stat.st_size} {stat.st_mtime_ns}".encode())
    for library in _LIBRARIES:
        h.update(_installed(library).encode())
    h.update(sys.version.encode())
    return h


def _installed(library: str) -> str:
    """Which version of ``library`` is installed: the name of its metadata folder
    ("wordfreq-3.1.1.dist-info"), first on ``sys.path`` as for importlib.metadata,
    whose import (a fiftieth of a second) a start would otherwise pay."""
    prefix = library.lower().replace("-", "_") + "-"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.lower().startswith(prefix) and name.endswith((".dist-info", ".egg-info")):
                return name
    from importlib import metadata  # not installed by pip: ask the slow way

    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return ""


def cached(
    name: str,
    digest: str,
    build: Callable[[], T],
    load: Callable[[memoryview], T] | None = None,
    dump: Callable[[T], bytes] | None = None,
) -> T:
    """The value kept as ``name`` under ``digest``, or ``build()`` (then kept). ``load``
    and ``dump`` read and write the file (default: pickle); a file ``load`` cannot read
    (damaged, truncated, of another format) is built anew and replaced."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{name}-{digest}{'.pickle' if load is None else '.bin'}"
    try:
        data = _checked(path.read_bytes())
    except OSError:
        data = None
    if data is not None:
        try:
            return _unpickle(data) if load is None else load(data)
        except Exception:  # a file of another format: build anew, and replace it
            pass
    value = build()
    try:
        data = _pickle(value) if dump is None else dump(value)
    except Exception:  # a value the format cannot hold: run without the cache
        return value
    _write(path, data)
    return value


def _checked(raw: bytes) -> memoryview | None:
    """A file's content, if its CRC-32 (the last four bytes) holds: a damaged file is
    built anew, never read (a pickled automaton read wrong could crash the process).
    A view, not a copy (the default book's file is 18 MB)."""
    view = memoryview(raw)
    data, crc = view[:-4], view[-4:]
    return data if len(crc) == 4 and zlib.crc32(data) == int.from_bytes(crc, "little") else None


def _unpickle(data: memoryview) -> object:
    enabled = gc.isenabled()
    gc.disable()  # the collector would walk every new object as it loads
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def _pickle(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.write(zlib.crc32(data).to_bytes(4, "little"))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        # Older compilations of the same book are of no more use (in any format).
        stem = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{stem}-*"):
            if old != path and old.name.rsplit("-", 1)[0] == stem:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        pass  # a read-only home, a full disk: run without the cache
