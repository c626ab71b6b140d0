"""A repairer's configuration carried to other processes (Spark executors, datatrove
workers), and one repairer per configuration per process.

:class:`RepairSpec` holds the threshold and the *contents* of the user's phrasebooks, read
where the job is defined, so a worker on another machine needs nothing but unspin itself.
:func:`repairer_for` builds the :class:`~unspin.Repairer` on first use in a process
(reading the default phrasebook, compiling the automaton, loading the language model) and
keeps it in a module-level cache keyed by the configuration: the start-up cost is paid once
per process, and :func:`load_stats` says how often and how long.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from .repairing import Config, Repairer

__all__ = ["RepairSpec", "load_stats", "repairer_for"]


class RepairSpec(NamedTuple):
    """A repairer's configuration with the contents of its phrasebooks: what a UDF carries
    to the executors. Made on the driver by :meth:`from_paths`."""

    threshold: float
    phrasebooks: tuple[tuple[str, bytes], ...]  # (file name, contents)
    default_phrasebook: bool
    spun_prior: float | None = None
    short_spun: float = Config().short_spun

    @classmethod
    def from_paths(
        cls,
        threshold: float = Config().threshold,
        phrasebooks: Iterable[str | os.PathLike[str]] = (),
        default_phrasebook: bool = True,
        *,
        spun_prior: float | None = None,
        short_spun: float = Config().short_spun,
    ) -> RepairSpec:
        """Read the phrasebook files, and check the configuration here, on the driver
        (a bad threshold, prior or phrasebook fails at once, not in a task)."""
        # Config checks the fields first: one path given as "mine.tsv" would otherwise be
        # read letter by letter.
        config = Config(
            threshold=threshold,
            phrasebooks=phrasebooks,
            default_phrasebook=default_phrasebook,
            short_spun=short_spun,
            spun_prior=spun_prior,
        )
        Repairer(config)
        books = tuple((Path(p).name, Path(p).read_bytes()) for p in config.phrasebooks)
        return cls(
            config.threshold, books, config.default_phrasebook, config.spun_prior,
            config.short_spun,
        )  # fmt: skip

    def config(self, phrasebooks: tuple[str, ...] = ()) -> Config:
        """The :class:`~unspin.Config` of this spec, its phrasebooks at ``phrasebooks``."""
        return Config(
            threshold=self.threshold,
            phrasebooks=phrasebooks,
            default_phrasebook=self.default_phrasebook,
            short_spun=self.short_spun,
            spun_prior=self.spun_prior,
        )

    def key(self) -> str:
        settings = (self.threshold, self.default_phrasebook, self.spun_prior, self.short_spun)
        digest = hashlib.sha256(repr(settings).encode())
        for name, data in self.phrasebooks:
            digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
        return digest.hexdigest()


# --- on the executors -----------------------------------------------------------------

_lock = threading.Lock()
_repairers: dict[str, Repairer] = {}
_loads: list[float] = []  # seconds taken by each repairer built in this process


def repairer_for(spec: RepairSpec) -> Repairer:
    """This process's repairer for ``spec``, built on first use and then reused."""
    key = spec.key()
    found = _repairers.get(key)
    if found is not None:
        return found
    with _lock:
        found = _repairers.get(key)
        if found is None:
            started = time.perf_counter()
            paths = []
            if spec.phrasebooks:
                directory = Path(tempfile.mkdtemp(prefix="unspin-phrasebooks-"))
                for i, (name, data) in enumerate(spec.phrasebooks):
                    path = directory / f"{i}-{name}"
                    path.write_bytes(data)
                    paths.append(str(path))
            found = Repairer(spec.config(tuple(paths)))
            found.repair("Warm up: compile the phrasebook and load the language model.")
            _loads.append(time.perf_counter() - started)
            _repairers[key] = found
        return found


def load_stats() -> tuple[int, int, float]:
    """``(pid, repairers built, seconds spent building them)`` in this process."""
    return os.getpid(), len(_loads), sum(_loads)
