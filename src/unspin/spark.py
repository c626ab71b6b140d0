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

import os
from collections.abc import Callable, Sequence
from typing import Any

from .executors import RepairSpec, load_stats, repairer_for
from .repairing import Config

__all__ = [
    "RepairSpec",
    "detect_udf",
    "explain_udf",
    "load_stats",
    "repair_udf",
    "repairer_for",
    "stats_udf",
]


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
