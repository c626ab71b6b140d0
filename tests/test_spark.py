"""unspin.spark in Spark's local mode (local[2]): each engine's output equals repair() per
document. One SparkSession for the whole test session; skipped without pyspark or Java."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from support import CLEAN, read, seed

from unspin import Config, Repairer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("spark"),  # one Spark session, in one process
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'unspin[spark]')")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs Java: no java on PATH and no JAVA_HOME", allow_module_level=True)


def corpus() -> list[str | None]:
    docs = [seed(n) for n in ("000", "001", "002", "003", "004")]
    docs += [read(p) for p in sorted(CLEAN.glob("*.txt"))]
    return [*docs, None, "", "Tensions within the Center East worsened final week."]


@pytest.fixture(scope="session")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("unspin-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_udfs_equal_repair_per_document(spark):
    from pyspark.sql.functions import col

    from unspin.spark import detect_udf, explain_udf, repair_udf, stats_udf

    docs = corpus()
    df = spark.createDataFrame(list(enumerate(docs)), "id long, text string").repartition(3)
    # Column functions, as PySpark's own: on a column name or a Column.
    out = (
        df.withColumn("fixed", repair_udf("text"))
        .withColumn("score", detect_udf(col("text")))
        .withColumn("ex", explain_udf(df.text))
        .withColumn("stats", stats_udf("id"))
    )
    rows = sorted(out.collect(), key=lambda r: r.id)
    repairer = Repairer()
    assert [r.text for r in rows] == docs
    for row, text in zip(rows, docs, strict=True):
        if text is None:
            assert row.fixed is None and row.score is None and row.ex.text is None
            continue
        ex = repairer.explain(text, declined=False)
        assert row.fixed == repairer.repair(text) == ex.text
        assert row.ex.edits == len(ex.edits)
        assert row.score == pytest.approx(repairer.detect(text, paragraphs=False).score)
    assert rows[0].score > 0.9 and rows[0].fixed != docs[0]
    # One repairer per Python worker process, however many batches and UDFs it ran.
    for stats in {r.stats for r in rows}:
        _pid, built, _seconds = stats.split()
        assert built == "1"


def test_threshold_and_phrasebook_reach_the_executors(spark, tmp_path: Path):
    from unspin.spark import make_detect_udf, make_repair_udf, repair_udf

    book = tmp_path / "mine.tsv"
    book.write_text("spun\toriginal\tsource\nbig ocean\tPacific Ocean\tmine\n", encoding="utf-8")
    config = Config(threshold=0.9, phrasebooks=(str(book),))
    repairer = Repairer(config)
    scorer = Repairer(Config(phrasebooks=(str(book),)))
    made = make_repair_udf(threshold=0.9, phrasebooks=[book])
    configured = repair_udf.configure(threshold=0.9, phrasebooks=[str(book)])
    scored = make_detect_udf(phrasebooks=[book])
    book.unlink()  # the UDFs carry the contents, not the path
    # Few documents: the configuration is under test here, the corpus in the test above.
    docs = [
        seed("001"),
        "Tensions within the Center East worsened final week.",
        seed("000").replace("Ukraine", "the big ocean"),
    ]
    df = spark.createDataFrame([(d,) for d in docs], "text string")
    rows = df.select(
        made("text").alias("made"),
        configured("text").alias("configured"),
        scored("text").alias("score"),
    ).collect()
    got = [r.made for r in rows]
    assert got == [r.configured for r in rows] == [repairer.repair(d) for d in docs]
    assert got != [Repairer().repair(d) for d in docs]  # the configuration made a difference
    scores = [scorer.detect(d, paragraphs=False).score for d in docs]
    assert [r.score for r in rows] == pytest.approx(scores)


def test_bad_configuration_fails_on_the_driver(tmp_path: Path):
    from unspin.spark import make_repair_udf, repair_udf

    with pytest.raises(ValueError, match="threshold"):
        make_repair_udf(threshold=0.4)
    with pytest.raises(TypeError, match="threshold"):
        repair_udf.configure(threshold="0.9")  # type: ignore[arg-type]
    bad = tmp_path / "bad.tsv"
    bad.write_text("not a phrasebook\n", encoding="utf-8")
    with pytest.raises(ValueError):
        make_repair_udf(phrasebooks=[bad])
