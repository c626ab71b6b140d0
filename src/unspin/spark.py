"""unspin in Spark: vectorised pandas UDFs (``pip install "unspin[spark]"``).

    from pyspark.sql import SparkSession
    from unspin.spark import detect_udf, repair_udf

    spark = SparkSession.builder.master("local[*]").getOrCreate()
    df = spark.read.json("corpus.jsonl")
    repair = repair_udf(threshold=0.6, phrasebooks=["mine.tsv"])
    df = df.withColumn("spin_score", detect_udf()("text")).withColumn("text", repair("text"))
    df.write.json("fixed/")

The factories are called on the driver. They read the user's phrasebook files there and
put their contents (not their paths: an executor need not see the driver's disk) in the
UDF's closure, which Spark ships to the executors with the task. On an executor, the
first batch of a configuration builds the :class:`~unspin.Repairer` (reading the default
phrasebook, compiling the automaton, loading the language model: see :func:`load_stats`)
and keeps it in a module-level cache keyed by the configuration, so it is paid once per
Python worker process (Spark reuses its Python workers across tasks by default,
``spark.python.worker.reuse``), not once per row or per batch. Each value is repaired as
one document, exactly as :meth:`Repairer.repair` would; a null stays null. Nothing is
collected to the driver.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .repairing import Config, Repairer

__all__ = ["RepairSpec", "detect_udf", "explain_udf", "load_stats", "repair_udf", "stats_udf"]


class RepairSpec(NamedTuple):
    """A repairer's configuration with the contents of its phrasebooks: what a UDF carries
    to the executors. Made on the driver by :meth:`from_paths`."""

    threshold: float
    phrasebooks: tuple[tuple[str, bytes], ...]  # (file name, contents)
    default_phrasebook: bool

    @classmethod
    def from_paths(
        cls,
        threshold: float = Config().threshold,
        phrasebooks: Iterable[str | os.PathLike[str]] = (),
        default_phrasebook: bool = True,
    ) -> RepairSpec:
        """Read the phrasebook files, and check the configuration here, on the driver
        (a bad threshold or phrasebook fails at once, not in a task)."""
        books = tuple((Path(p).name, Path(p).read_bytes()) for p in phrasebooks)
        Repairer(
            Config(
                threshold=threshold,
                phrasebooks=tuple(str(p) for p in phrasebooks),
                default_phrasebook=default_phrasebook,
            )
        )
        return cls(float(threshold), books, bool(default_phrasebook))

    def key(self) -> str:
        digest = hashlib.sha256(repr((self.threshold, self.default_phrasebook)).encode())
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
            config = Config(
                threshold=spec.threshold,
                phrasebooks=tuple(paths),
                default_phrasebook=spec.default_phrasebook,
            )
            found = Repairer(config)
            found.repair("Warm up: compile the phrasebook and load the language model.")
            _loads.append(time.perf_counter() - started)
            _repairers[key] = found
        return found


def load_stats() -> tuple[int, int, float]:
    """``(pid, repairers built, seconds spent building them)`` in this process."""
    return os.getpid(), len(_loads), sum(_loads)


def _map(texts: Any, fn: Callable[[str], Any]) -> Any:
    import pandas as pd

    return pd.Series([fn(t) if isinstance(t, str) else None for t in texts], index=texts.index)


# --- the UDFs, made on the driver -----------------------------------------------------


def repair_udf(
    threshold: float = Config().threshold,
    phrasebooks: Sequence[str | os.PathLike[str]] = (),
    default_phrasebook: bool = True,
) -> Any:
    """A pandas UDF (string -> string) repairing each value: ``df.withColumn("text",
    repair_udf()("text"))``. The arguments are those of :class:`unspin.Config`."""
    from pyspark.sql.functions import pandas_udf

    spec = RepairSpec.from_paths(threshold, phrasebooks, default_phrasebook)

    @pandas_udf("string")  # type: ignore[call-overload]
    def unspin_repair(texts):  # type: ignore[no-untyped-def]
        repairer = repairer_for(spec)
        return _map(texts, repairer.repair)

    return unspin_repair


def detect_udf(
    threshold: float = Config().threshold,
    phrasebooks: Sequence[str | os.PathLike[str]] = (),
    default_phrasebook: bool = True,
) -> Any:
    """A pandas UDF (string -> double): the probability that each value was spun, the
    score of ``Repairer.detect(text, paragraphs=False)`` (as ``unspin detect``)."""
    from pyspark.sql.functions import pandas_udf

    spec = RepairSpec.from_paths(threshold, phrasebooks, default_phrasebook)

    @pandas_udf("double")  # type: ignore[call-overload]
    def unspin_detect(texts):  # type: ignore[no-untyped-def]
        repairer = repairer_for(spec)
        return _map(texts, lambda t: repairer.detect(t, paragraphs=False).score)

    return unspin_detect


def explain_udf(
    threshold: float = Config().threshold,
    phrasebooks: Sequence[str | os.PathLike[str]] = (),
    default_phrasebook: bool = True,
) -> Any:
    """A pandas UDF (string -> struct<text: string, edits: int, spin_rate: double>): the
    repaired text, the number of edits and the estimated spin rate, in one pass."""
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    spec = RepairSpec.from_paths(threshold, phrasebooks, default_phrasebook)

    @pandas_udf("text string, edits int, spin_rate double")  # type: ignore[call-overload]
    def unspin_explain(texts):  # type: ignore[no-untyped-def]
        repairer = repairer_for(spec)
        rows = []
        for t in texts:
            if isinstance(t, str):
                ex = repairer.explain(t, declined=False)
                rows.append((ex.text, len(ex.edits), ex.spin_rate))
            else:
                rows.append((None, None, None))
        return pd.DataFrame(rows, columns=["text", "edits", "spin_rate"], index=texts.index)

    return unspin_explain


def stats_udf() -> Any:
    """A pandas UDF (any -> string) giving ``"pid repairers seconds"`` of the Python worker
    that evaluates it (:func:`load_stats`): evaluated after :func:`repair_udf` in the same
    stage, it shows how many times each worker process paid the start-up cost."""
    from pyspark.sql.functions import pandas_udf

    @pandas_udf("string")  # type: ignore[call-overload]
    def unspin_load_stats(values):  # type: ignore[no-untyped-def]
        import pandas as pd

        pid, count, seconds = load_stats()
        return pd.Series([f"{pid} {count} {seconds:.3f}"] * len(values), index=values.index)

    return unspin_load_stats
