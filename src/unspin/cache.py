"""A compiled phrasebook kept between runs, so that a process starts in a fraction of
a second instead of compiling tens of thousands of entries.

The cache lives in ``$UNSPIN_CACHE_DIR``, else ``$XDG_CACHE_HOME/unspin``, else
``~/.cache/unspin`` (``UNSPIN_CACHE_DIR=""`` turns it off). A file's name carries a
hash of everything its content depends on (the phrasebook's bytes, the source of the
modules that compile it, the versions of Python and of the libraries involved), so a
stale file is never read; it is written atomically (a temporary file renamed over),
and where the folder cannot be written the compiled book is simply not kept.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_SOURCES = (
    "backoff.py",
    "cache.py",
    "language_model.py",
    "matching.py",
    "phrasebook.py",
    "rules.py",
)
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
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _SOURCES:
        h.update((here / name).read_bytes())
    for library in _LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(metadata.version(library).encode())
    h.update(sys.version.encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()[:24]


def cached(name: str, digest: str, build: Callable[[], T]) -> T:
    """The value kept as ``name`` under ``digest``, or ``build()`` (then kept)."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{name}-{digest}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        enabled = gc.isenabled()
        gc.disable()  # the collector would walk every new object as it loads
        try:
            return pickle.loads(data)
        except Exception:  # a damaged file: build anew, and replace it
            pass
        finally:
            if enabled:
                gc.enable()
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        # Older compilations of the same book are of no more use.
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            if old != path and old.name.rsplit("-", 1)[0] == path.name.rsplit("-", 1)[0]:
                with contextlib.suppress(OSError):
                    old.unlink()
    except (OSError, pickle.PicklingError):
        pass  # a read-only home, a full disk: run without the cache
