"""unspin in Spark: vectorised pandas UDFs (``pip install "unspin[spark]"``).

    from pyspark.sql import SparkSession
    from unspin.spark import detect_udf, make_repair_udf, repair_udf

    spark = SparkSession.builder.master("local[*]").getOrCreate()
    df = spark.read.json("corpus.jsonl")
    df = df.withColumn("spin_score", detect_udf("text")).withColumn("text", repair_udf("text"))
    careful = make_repair_udf(threshold=0.9, phrasebooks=["mine.tsv"])
    df = df.withColumn("text", careful("text"))  # or repair_udf.configure(threshold=0.9, ...)
    df.write.json("fixed/")

``repair_udf``, ``detect_udf``, ``explain_udf`` and ``stats_udf`` are column functions, as
PySpark's own are: called on a column name or a ``Column`` they give a ``Column``. They use
the default configuration; :func:`make_repair_udf`, :func:`make_detect_udf` and
:func:`make_explain_udf` (or ``repair_udf.configure(...)``, the same) make configured ones,
which are called on columns the same way.

The factories are called on the driver. They check the configuration and read the user's
phrasebook files there, and put their contents (not their paths: an executor need not see
the driver's disk) in the UDF's closure, which Spark ships to the executors with the task.
On an executor, the first batch of a configuration builds the :class:`~unspin.Repairer`
(reading the default phrasebook, compiling the automaton, loading the language model: see
:func:`load_stats`) and keeps it in a module-level cache keyed by the configuration, so it
is paid once per Python worker process (Spark reuses its Python workers across tasks by
default, ``spark.python.worker.reuse``), not once per row or per batch. Each value is
repaired as one document, exactly as :meth:`Repairer.repair` would; a null stays null.
Nothing is collected to the driver. This module imports pyspark only when a UDF is used.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

from .executors import RepairSpec, load_stats, repairer_for
from .repairing import Config

__all__ = [
    "ColumnFunction",
    "RepairSpec",
    "detect_udf",
    "explain_udf",
    "load_stats",
    "make_detect_udf",
    "make_explain_udf",
    "make_repair_udf",
    "repair_udf",
    "repairer_for",
    "stats_udf",
]


def _map(texts: Any, fn: Callable[[str], Any]) -> Any:
    import pandas as pd

    return pd.Series([fn(t) if isinstance(t, str) else None for t in texts], index=texts.index)


# --- the pandas UDFs, made on the driver ------------------------------------------------


def _repair(spec: RepairSpec) -> Any:
    from pyspark.sql.functions import pandas_udf

    @pandas_udf("string")  # type: ignore[call-overload]
    def unspin_repair(texts):  # type: ignore[no-untyped-def]
        repairer = repairer_for(spec)
        return _map(texts, repairer.repair)

    return unspin_repair


def _detect(spec: RepairSpec) -> Any:
    from pyspark.sql.functions import pandas_udf

    @pandas_udf("double")  # type: ignore[call-overload]
    def unspin_detect(texts):  # type: ignore[no-untyped-def]
        repairer = repairer_for(spec)
        return _map(texts, lambda t: repairer.detect(t, paragraphs=False).score)

    return unspin_detect


def _explain(spec: RepairSpec) -> Any:
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

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


def _stats(_spec: RepairSpec | None) -> Any:
    from pyspark.sql.functions import pandas_udf

    @pandas_udf("string")  # type: ignore[call-overload]
    def unspin_load_stats(values):  # type: ignore[no-untyped-def]
        import pandas as pd

        pid, count, seconds = load_stats()
        return pd.Series([f"{pid} {count} {seconds:.3f}"] * len(values), index=values.index)

    return unspin_load_stats


class ColumnFunction:
    """A UDF ready to call on columns: ``repair_udf("text")`` or ``repair_udf(df.text)``
    gives a ``Column``. ``configure(...)`` gives another with that configuration.

    The pandas UDF itself is made on first use (pyspark is imported then, not before), for
    the default configuration unless one was given.
    """

    def __init__(
        self,
        name: str,
        build: Callable[[Any], Any],  # RepairSpec (or None for stats) -> pandas UDF
        spec: RepairSpec | None = None,
        configurable: bool = True,
    ) -> None:
        self.__name__ = name
        self._build = build
        self._spec = spec
        self._configurable = configurable
        self._udf: Any = None
        self._lock = threading.Lock()

    def __call__(self, *columns: Any) -> Any:
        """The UDF applied to ``columns`` (names or ``Column`` objects): a ``Column``."""
        if not columns:
            raise TypeError(
                f"{self.__name__} is a column function: call it on a column, as in "
                f'df.withColumn("text", {self.__name__}("text")); for another '
                f"configuration use {self.__name__}.configure(threshold=..., phrasebooks=[...])"
            )
        return self.udf(*columns)

    @property
    def udf(self) -> Any:
        """The pandas UDF (a ``pyspark`` user-defined function)."""
        with self._lock:
            if self._udf is None:
                spec = self._spec
                if spec is None and self._configurable:
                    spec = RepairSpec.from_paths()
                self._udf = self._build(spec)
            return self._udf

    def configure(
        self,
        threshold: float = Config().threshold,
        phrasebooks: Sequence[str | os.PathLike[str]] = (),
        default_phrasebook: bool = True,
        *,
        spun_prior: float | None = None,
        short_spun: float = Config().short_spun,
    ) -> ColumnFunction:
        """The same function with this configuration (the fields of :class:`unspin.Config`),
        checked here on the driver; the phrasebooks' contents travel with the UDF."""
        if not self._configurable:
            raise TypeError(f"{self.__name__} takes no configuration")
        spec = RepairSpec.from_paths(
            threshold, phrasebooks, default_phrasebook, spun_prior=spun_prior,
            short_spun=short_spun,
        )  # fmt: skip
        return ColumnFunction(self.__name__, self._build, spec)

    def __repr__(self) -> str:
        return f"<unspin.spark column function {self.__name__}>"


#: String to string: the repaired text (:meth:`Repairer.repair`), a null stays null.
repair_udf = ColumnFunction("repair_udf", _repair)
#: String to double: the spin score of ``Repairer.detect(text, paragraphs=False)`` (as
#: ``unspin detect``).
detect_udf = ColumnFunction("detect_udf", _detect)
#: String to ``struct<text: string, edits: int, spin_rate: double>``: the repaired text,
#: the number of edits and the estimated spin rate, in one pass.
explain_udf = ColumnFunction("explain_udf", _explain)
#: Any to string, ``"pid repairers seconds"`` of the Python worker that evaluates it
#: (:func:`load_stats`): evaluated after :data:`repair_udf` in the same stage, it shows how
#: many times each worker process paid the start-up cost.
stats_udf = ColumnFunction("stats_udf", _stats, configurable=False)


def make_repair_udf(
    threshold: float = Config().threshold,
    phrasebooks: Sequence[str | os.PathLike[str]] = (),
    default_phrasebook: bool = True,
    *,
    spun_prior: float | None = None,
    short_spun: float = Config().short_spun,
) -> ColumnFunction:
    """:data:`repair_udf` with this configuration: ``make_repair_udf(threshold=0.9,
    phrasebooks=["mine.tsv"])("text")``. The arguments are those of :class:`unspin.Config`."""
    return repair_udf.configure(
        threshold, phrasebooks, default_phrasebook, spun_prior=spun_prior, short_spun=short_spun
    )


def make_detect_udf(
    threshold: float = Config().threshold,
    phrasebooks: Sequence[str | os.PathLike[str]] = (),
    default_phrasebook: bool = True,
    *,
    spun_prior: float | None = None,
    short_spun: float = Config().short_spun,
) -> ColumnFunction:
    """:data:`detect_udf` with this configuration."""
    return detect_udf.configure(
        threshold, phrasebooks, default_phrasebook, spun_prior=spun_prior, short_spun=short_spun
    )


def make_explain_udf(
    threshold: float = Config().threshold,
    phrasebooks: Sequence[str | os.PathLike[str]] = (),
    default_phrasebook: bool = True,
    *,
    spun_prior: float | None = None,
    short_spun: float = Config().short_spun,
) -> ColumnFunction:
    """:data:`explain_udf` with this configuration."""
    return explain_udf.configure(
        threshold, phrasebooks, default_phrasebook, spun_prior=spun_prior, short_spun=short_spun
    )
